//! Parameter rules the platform applies beyond what the models check: the models know each
//! field's documented form, these know what the values must mean (a page cannot start before the
//! first row, a date must exist, an uploaded file must be of a listed type), and the one limit of
//! the mock's own (how long a stored list may be).

use std::fmt::Write;

use kedacom_mc_models::validate::{Rule, Violation};
use kedacom_mc_models::AnyRequest;
use serde::Serialize;
use serde_json::Value;

use crate::clock;
use crate::state::files;

/// The file types the document lists, as they appear in a report.
const FILE_TYPES: &str = "txt, doc, docx, xls, xlsx, ppt, pptx, pdf, rar, zip, jpg, png, bmp";

/// The most items a list in a stored body (a conference's, a booking's, a template's, a room's)
/// may hold. The document sets no limit; the mock sets one because every later call that shows
/// the body reads it, so one body with 100,000 `video_formats` would slow them all.
pub const MAX_LIST_ITEMS: usize = 1_000;

/// What is wrong with a request the models found valid.
pub(crate) fn violations(request: &AnyRequest) -> Vec<Violation> {
    let mut out = Vec::new();
    match request {
        AnyRequest::ListBookedConfs(r) => {
            paging(&mut out, r.start, r.count);
            date(&mut out, "start_time", r.start_time.as_deref());
            date(&mut out, "end_time", r.end_time.as_deref());
        }
        AnyRequest::ListMeetings(r) => {
            paging(&mut out, r.start, r.count);
            date(&mut out, "start_time", r.start_time.as_deref());
            date(&mut out, "end_time", r.end_time.as_deref());
        }
        AnyRequest::ListMeetingRoomAreas(r) => paging(&mut out, r.start, r.count),
        AnyRequest::ListVirtualMeetingRooms(r) => paging(&mut out, r.start, r.count),
        AnyRequest::ValidateConfName(r) => {
            date(&mut out, "start_time", r.start_time.as_deref());
            date(&mut out, "end_time", r.end_time.as_deref());
        }
        AnyRequest::BookConf(r) => {
            date(&mut out, "start_time", r.params.start_time.as_deref());
            not_negative(&mut out, "duration", r.params.duration);
            list_lengths(&mut out, &r.params);
        }
        AnyRequest::UpdateBookedConf(r) => {
            date(&mut out, "start_time", r.params.start_time.as_deref());
            not_negative(&mut out, "duration", r.params.duration);
            list_lengths(&mut out, &r.params);
        }
        AnyRequest::CreateConf(r) => {
            not_negative(&mut out, "duration", r.params.duration);
            list_lengths(&mut out, &r.params);
        }
        AnyRequest::CreateVirtualMeetingRoom(r) => list_lengths(&mut out, &r.params),
        AnyRequest::UpdateVirtualMeetingRoom(r) => list_lengths(&mut out, &r.params),
        AnyRequest::ListPersonalTemplates(r) => paging(&mut out, r.start, r.count),
        AnyRequest::ListPublicTemplates(r) => paging(&mut out, r.start, r.count),
        AnyRequest::GetPersonalTemplateInviteMembers(r) => paging(&mut out, r.start, r.count),
        AnyRequest::GetPersonalTemplateMix(r) => paging(&mut out, r.start, r.count),
        AnyRequest::GetPersonalTemplateVmp(r) => paging(&mut out, r.start, r.count),
        AnyRequest::GetPersonalTemplatePoll(r) => paging(&mut out, r.start, r.count),
        AnyRequest::GetPersonalTemplateVips(r) => paging(&mut out, r.start, r.count),
        AnyRequest::CreatePersonalTemplate(r) => {
            not_negative(&mut out, "duration", r.params.duration);
            list_lengths(&mut out, &r.params);
        }
        AnyRequest::UpdatePersonalTemplate(r) => {
            not_negative(&mut out, "duration", r.params.duration);
            list_lengths(&mut out, &r.params);
        }
        AnyRequest::CreatePublicTemplate(r) => {
            not_negative(&mut out, "duration", r.params.duration);
            list_lengths(&mut out, &r.params);
        }
        AnyRequest::UpdatePublicTemplate(r) => {
            not_negative(&mut out, "duration", r.params.duration);
            list_lengths(&mut out, &r.params);
        }
        AnyRequest::UploadMeetingFile(r) => {
            let name = &r.file.file_name;
            if files::file_type(&files::extension(name)).is_none() {
                out.push(Violation {
                    path: "file".to_owned(),
                    rule: Rule::NotAccepted { accepted: FILE_TYPES },
                    value: Some(serde_json::Value::from(name.as_str()).to_string()),
                });
            }
        }
        _ => {}
    }
    out
}

fn paging(out: &mut Vec<Violation>, start: Option<i64>, count: Option<i64>) {
    not_negative(out, "start", start);
    not_negative(out, "count", count);
}

fn not_negative(out: &mut Vec<Violation>, path: &str, value: Option<i64>) {
    if let Some(v) = value.filter(|v| *v < 0) {
        out.push(Violation {
            path: path.to_owned(),
            rule: Rule::Range { min: Some(0), max: None },
            value: Some(v.to_string()),
        });
    }
}

/// A date-time the models let through for its layout but that names no real moment
/// (`2021-02-30T…`); a malformed one was reported by the models already.
fn date(out: &mut Vec<Violation>, path: &str, value: Option<&str>) {
    if let Some(text) = value {
        if kedacom_mc_models::validate::is_datetime(text) && clock::parse(text).is_none() {
            out.push(Violation {
                path: path.to_owned(),
                rule: Rule::DateTime,
                value: Some(serde_json::Value::from(text).to_string()),
            });
        }
    }
}

/// Every list in a body longer than [`MAX_LIST_ITEMS`], by its path; a list that long is not
/// looked into.
fn list_lengths(out: &mut Vec<Violation>, params: &impl Serialize) {
    if let Ok(body) = serde_json::to_value(params) {
        long_lists(out, &body, &mut String::new());
    }
}

fn long_lists(out: &mut Vec<Violation>, value: &Value, path: &mut String) {
    let at = path.len();
    match value {
        Value::Array(items) if items.len() > MAX_LIST_ITEMS => out.push(Violation {
            path: path.clone(),
            rule: Rule::MaxItems(MAX_LIST_ITEMS as u64),
            value: Some(format!("{} items", items.len())),
        }),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let _ = write!(path, "[{i}]");
                long_lists(out, item, path);
                path.truncate(at);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                long_lists(out, item, path);
                path.truncate(at);
            }
        }
        _ => {}
    }
}
