//! Parameter rules the platform applies beyond what the models check: the models know each
//! field's documented form, these know what the values must mean (a page cannot start before the
//! first row, a date must exist, an uploaded file must be of a listed type).

use kedacom_mc_models::validate::{Rule, Violation};
use kedacom_mc_models::AnyRequest;

use crate::clock;
use crate::state::files;

/// The file types the document lists, as they appear in a report.
const FILE_TYPES: &str = "txt, doc, docx, xls, xlsx, ppt, pptx, pdf, rar, zip, jpg, png, bmp";

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
        }
        AnyRequest::UpdateBookedConf(r) => {
            date(&mut out, "start_time", r.params.start_time.as_deref());
            not_negative(&mut out, "duration", r.params.duration);
        }
        AnyRequest::CreateConf(r) => not_negative(&mut out, "duration", r.params.duration),
        AnyRequest::ListPersonalTemplates(r) => paging(&mut out, r.start, r.count),
        AnyRequest::ListPublicTemplates(r) => paging(&mut out, r.start, r.count),
        AnyRequest::GetPersonalTemplateInviteMembers(r) => paging(&mut out, r.start, r.count),
        AnyRequest::GetPersonalTemplateMix(r) => paging(&mut out, r.start, r.count),
        AnyRequest::GetPersonalTemplateVmp(r) => paging(&mut out, r.start, r.count),
        AnyRequest::GetPersonalTemplatePoll(r) => paging(&mut out, r.start, r.count),
        AnyRequest::GetPersonalTemplateVips(r) => paging(&mut out, r.start, r.count),
        AnyRequest::CreatePersonalTemplate(r) => not_negative(&mut out, "duration", r.params.duration),
        AnyRequest::UpdatePersonalTemplate(r) => not_negative(&mut out, "duration", r.params.duration),
        AnyRequest::CreatePublicTemplate(r) => not_negative(&mut out, "duration", r.params.duration),
        AnyRequest::UpdatePublicTemplate(r) => not_negative(&mut out, "duration", r.params.duration),
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
