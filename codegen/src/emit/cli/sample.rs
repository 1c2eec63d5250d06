//! A params body to start from: the document's example where it gives one, else a body made of the
//! fields a request needs, each with a value its rules accept. A made-up body is kept only when the
//! example checker finds nothing wrong with it, so it never contradicts the spec.

use serde_json::{Map, Value};

use crate::examples;
use crate::model::*;

/// The example as pretty JSON, and whether it is the document's own.
pub fn example(api: &Api, e: &Endpoint) -> Option<(String, bool)> {
    if let Some(doc) = &e.params_example {
        return Some((pretty(doc), true));
    }
    let use_ = e.params_use()?;
    let body = object(api, &use_, 0);
    examples::check(api, &use_, &body, true).is_empty().then(|| (pretty(&body), false))
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

const MAX_DEPTH: usize = 16;

/// The object's required fields; fields required under a condition are added while the values
/// chosen so far make it hold (a field added can make another's condition hold).
fn object(api: &Api, use_: &ObjectUse, depth: usize) -> Value {
    let view = api.view(use_);
    let mut map = Map::new();
    if depth > MAX_DEPTH {
        return Value::Object(map);
    }
    loop {
        let conditions: Vec<bool> = view.conditions.iter().map(|c| c.holds(map.get(&c.field))).collect();
        let missing: Vec<&FieldView> = view
            .fields
            .iter()
            .filter(|f| f.field.role.is_none() && !map.contains_key(&f.field.wire))
            .filter(|f| f.requirement.holds(&conditions))
            .collect();
        if missing.is_empty() {
            break;
        }
        for f in missing {
            map.insert(f.field.wire.clone(), value(api, &f.field, &f.field.ty, depth));
        }
    }
    Value::Object(map)
}

fn value(api: &Api, f: &Field, ty: &Type, depth: usize) -> Value {
    match ty {
        Type::Object(u) => object(api, u, depth + 1),
        // An empty list is the least a list can be; the checker says whether it is enough.
        Type::Array(_) => Value::Array(Vec::new()),
        _ if f.default.is_some() => f.default.clone().unwrap_or_default(),
        Type::Enum(u) => api
            .enum_def(&u.name)
            .and_then(|en| en.values.iter().find(|v| u.only.as_ref().is_none_or(|o| o.contains(&v.value))))
            .map_or(Value::Null, |v| v.value.clone()),
        Type::Switch(_) => Value::from(0),
        Type::Integer => {
            let l = &f.limits;
            let n = l.one_of.as_ref().and_then(|s| s.first().copied()).unwrap_or_else(|| {
                let low = l.min.unwrap_or(0).max(0);
                l.max.map_or(low, |max| low.min(max))
            });
            Value::from(n)
        }
        Type::String => Value::from(text(f)),
        Type::File | Type::Untyped => Value::Null,
    }
}

fn text(f: &Field) -> String {
    let l = &f.limits;
    if l.format == Some(Format::DateTime) {
        return "2030-01-01T09:00:00+08:00".into();
    }
    if l.format == Some(Format::RgbHex) {
        return "#FFFFFF".into();
    }
    if l.telephone.is_some() {
        return "12345678".into();
    }
    // "示例" (example) fits most text rules and limits; else plain ASCII.
    let fits = |s: &str| {
        l.max_bytes.is_none_or(|n| s.len() as u64 <= n) && l.max_chars.is_none_or(|n| s.chars().count() as u64 <= n)
    };
    ["示例", "example", "1"].into_iter().find(|s| fits(s)).unwrap_or_default().to_owned()
}
