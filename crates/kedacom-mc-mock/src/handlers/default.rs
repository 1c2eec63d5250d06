//! The handler of every endpoint the mock has no stateful handler for. By the time it runs the
//! call has been through what every call goes through (the session the table asks for, the
//! request's validation, the request log); it answers with the reply the spec documents, a fresh
//! id wherever that reply holds one, or a bare success when the spec has no example.

use kedacom_mc_models::wire_names::SUCCESS_FIELD;
use serde_json::{Map, Value};

use super::Done;
use crate::codes::SYSTEM_ERROR;
use crate::endpoint::{Mocked, SpecReply};
use crate::error::PlatformError;
use crate::reply::Body;

pub(super) fn answer<R: Mocked>() -> Result<Done, PlatformError> {
    Ok(Done { body: Body::new(reply(&R::SPEC_REPLY)?), cookie: None })
}

fn reply(spec: &SpecReply) -> Result<Value, PlatformError> {
    let mut body = match spec.example {
        Some(text) => serde_json::from_str(text).map_err(|e| PlatformError::detailed(SYSTEM_ERROR, e))?,
        None => Value::Object(Map::new()),
    };
    // The example's own `success` goes: every reply gets its `success` in one place.
    if let Value::Object(fields) = &mut body {
        fields.remove(SUCCESS_FIELD);
    }
    for pointer in spec.ids {
        let id = Value::from(uuid::Uuid::new_v4().simple().to_string());
        match body.pointer_mut(pointer) {
            Some(slot) => *slot = id,
            None => insert_top_level(&mut body, pointer, id),
        }
    }
    Ok(body)
}

/// Without an example the ids are the reply's own top-level fields (`/id`), which the bare body
/// does not have yet.
fn insert_top_level(body: &mut Value, pointer: &str, id: Value) {
    if let (Value::Object(map), Some(key)) = (body, pointer.strip_prefix('/')) {
        if !key.contains('/') {
            map.insert(key.replace("~1", "/").replace("~0", "~"), id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_gets_fresh_ids_and_a_bare_reply_gets_its_own() {
        let spec =
            SpecReply { example: Some(r#"{"success":1,"template_id":"9975111","name":"x"}"#), ids: &["/template_id"] };
        let (a, b) = (reply(&spec).unwrap(), reply(&spec).unwrap());
        assert_eq!(a["name"], "x");
        assert_ne!(a["template_id"], "9975111");
        assert_ne!(a["template_id"], b["template_id"]);
        let bare = SpecReply { example: None, ids: &["/id"] };
        let made = reply(&bare).unwrap();
        assert_eq!(made.as_object().map(|m| m.len()), Some(1));
        assert!(made["id"].as_str().is_some_and(|id| id.len() == 32));
        let nothing = SpecReply { example: None, ids: &[] };
        assert_eq!(reply(&nothing).unwrap(), serde_json::json!({}));
    }
}
