//! A stored request body as JSON fields: what conferences, rooms and templates keep of the
//! request that made them, and what their replies show.

use serde::Serialize;
use serde_json::{Map, Value};

/// The fields of a request other than those the platform keeps apart.
pub(super) fn settings(request: &impl Serialize, apart: &[&str]) -> Map<String, Value> {
    let mut map = match serde_json::to_value(request) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    for key in apart {
        map.remove(*key);
    }
    map
}
