//! The mock's own limit on what it stores: how many items a list in a body may hold. The document
//! sets none; the mock sets one because a stored body is read again by every later call that shows
//! it, so one conference created with 100,000 `video_formats` would slow every list after it.

use std::fmt::Write;

use kedacom_mc_models::validate::{Rule, Violation};
use kedacom_mc_models::AnyRequest;
use serde_json::Value;

/// The most items a list in a request body (a conference's, a booking's, a template's, a
/// virtual meeting room's) may hold; a longer one is refused as a parameter error (52004).
pub const MAX_LIST_ITEMS: usize = 1_000;

/// Every list in the request's body longer than [`MAX_LIST_ITEMS`], by its JSON path; a list
/// that long is not looked into.
pub(crate) fn violations(request: &AnyRequest) -> Vec<Violation> {
    let mut out = Vec::new();
    let body = request.params_json().and_then(|text| serde_json::from_str::<Value>(&text).ok());
    if let Some(body) = body {
        long_lists(&mut out, &body, &mut String::new());
    }
    out
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

#[cfg(test)]
mod tests {
    use kedacom_mc_models::{CreateConfRequest, Invitee};

    use super::*;
    use crate::samples;

    #[test]
    fn a_list_past_the_limit_is_named_by_its_path_at_any_depth() {
        let formats = samples::video_formats().into_iter().cycle();
        let invitee = Invitee::new().name("甲").account("1001");
        let params = samples::create_conf_params("大会", 60)
            .video_formats(formats.take(MAX_LIST_ITEMS + 1).collect::<Vec<_>>())
            .invite_members(vec![invitee; MAX_LIST_ITEMS]);
        let found = violations(&AnyRequest::CreateConf(CreateConfRequest::new(params)));
        let shown: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["video_formats: more than 1000 items (got 1001 items)"]);
        assert!(violations(&AnyRequest::CreateConf(CreateConfRequest::new(samples::create_conf_params("小会", 60))))
            .is_empty());
    }
}
