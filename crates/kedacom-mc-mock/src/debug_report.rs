//! The `?debug=1` report: every problem of a request, nested by its JSON path the way the platform
//! nests it (`{"mts":[{"bitrate":"…"}]}`): objects by key, arrays by position.

use kedacom_mc_models::validate::Violation;
use serde_json::{Map, Value};

/// The report for `violations`, and for `warnings` (what is not refused, such as undocumented
/// keys) each marked as one; `{}` when there is nothing to say.
pub(crate) fn nest(violations: &[Violation], warnings: &[Violation]) -> Value {
    let mut root = Value::Object(Map::new());
    for v in violations {
        insert(&mut root, &segments(&v.path), message(v));
    }
    for w in warnings {
        insert(&mut root, &segments(&w.path), format!("warning: {}; ignored", message(w)));
    }
    root
}

fn message(v: &Violation) -> String {
    match &v.value {
        Some(value) => format!("{} (got {value})", v.rule),
        None => v.rule.to_string(),
    }
}

#[derive(Debug, PartialEq)]
enum Segment {
    Key(String),
    Index(usize),
}

/// `a.b[2].c` → `a`, `b`, 2, `c`. A part whose brackets do not hold an index is a key as it is
/// (undocumented field names come from the caller and may hold anything).
fn segments(path: &str) -> Vec<Segment> {
    if path.is_empty() {
        return vec![Segment::Key(kedacom_mc_models::wire_names::PARAMS_PARAM.to_owned())];
    }
    let mut out = Vec::new();
    for part in path.split('.') {
        match split_indices(part) {
            Some((key, indices)) => {
                if !key.is_empty() {
                    out.push(Segment::Key(key.to_owned()));
                }
                out.extend(indices.into_iter().map(Segment::Index));
            }
            None => out.push(Segment::Key(part.to_owned())),
        }
    }
    out
}

fn split_indices(part: &str) -> Option<(&str, Vec<usize>)> {
    let open = part.find('[')?;
    let (key, mut rest) = part.split_at(open);
    let mut indices = Vec::new();
    while !rest.is_empty() {
        let inner = rest.strip_prefix('[')?;
        let close = inner.find(']')?;
        indices.push(inner[..close].parse().ok()?);
        rest = &inner[close + 1..];
    }
    Some((key, indices))
}

/// Where two problems meet at one place, or a problem of a whole object meets one of its fields,
/// nothing is dropped: messages are joined, and an object's own message goes under `""`.
fn insert(node: &mut Value, path: &[Segment], msg: String) {
    let Some((first, rest)) = path.split_first() else {
        match node {
            Value::Null => *node = Value::String(msg),
            Value::String(s) => {
                s.push_str("; ");
                s.push_str(&msg);
            }
            Value::Object(map) => insert(map.entry(String::new()).or_insert(Value::Null), &[], msg),
            Value::Array(items) if items.is_empty() => *node = Value::String(msg),
            Value::Array(items) => insert_at(items, 0, &[], msg),
            _ => *node = Value::String(msg),
        }
        return;
    };
    match first {
        Segment::Key(key) => {
            make_object(node);
            if let Value::Object(map) = node {
                insert(map.entry(key.clone()).or_insert(Value::Null), rest, msg);
            }
        }
        Segment::Index(i) => match node {
            Value::Null => {
                *node = Value::Array(Vec::new());
                insert(node, path, msg);
            }
            Value::Array(items) => insert_at(items, *i, rest, msg),
            _ => {
                make_object(node);
                if let Value::Object(map) = node {
                    insert(map.entry(i.to_string()).or_insert(Value::Null), rest, msg);
                }
            }
        },
    }
}

fn insert_at(items: &mut Vec<Value>, i: usize, rest: &[Segment], msg: String) {
    if items.len() <= i {
        items.resize(i + 1, Value::Null);
    }
    insert(&mut items[i], rest, msg);
}

/// Turns the node into an object; a message already there moves under `""`.
fn make_object(node: &mut Value) {
    if !node.is_object() {
        let mut map = Map::new();
        if !node.is_null() {
            map.insert(String::new(), node.take());
        }
        *node = Value::Object(map);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kedacom_mc_models::validate::Rule;
    use serde_json::json;

    fn v(path: &str) -> Violation {
        Violation { path: path.to_owned(), rule: Rule::Required, value: None }
    }

    #[test]
    fn nests_like_the_platform() {
        assert_eq!(nest(&[v("mts[0].bitrate")], &[]), json!({"mts": [{"bitrate": "required"}]}));
        assert_eq!(
            nest(&[v("vmp.members[1].poll.members[0].name"), v("name")], &[]),
            json!({"vmp": {"members": [null, {"poll": {"members": [{"name": "required"}]}}]}, "name": "required"})
        );
        assert_eq!(nest(&[v("a"), v("a")], &[]), json!({"a": "required; required"}));
        assert_eq!(nest(&[v("a"), v("a.b")], &[]), json!({"a": {"": "required", "b": "required"}}));
        assert_eq!(nest(&[v("")], &[]), json!({"params": "required"}));
        assert_eq!(nest(&[v("x[y].z"), v("q[1")], &[]), json!({"x[y]": {"z": "required"}, "q[1": "required"}));
        assert_eq!(nest(&[], &[]), json!({}));
    }

    #[test]
    fn warnings_are_marked_as_such() {
        let unknown = Violation { path: "vmp.colour".to_owned(), rule: Rule::UnknownField, value: None };
        assert_eq!(
            nest(&[v("name")], &[unknown]),
            json!({"name": "required", "vmp": {"colour": "warning: not a documented field; ignored"}})
        );
    }
}
