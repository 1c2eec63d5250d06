//! Reading a request from JSON text, as a server or a checker of stored requests does: the JSON's
//! shape is checked first, so that every wrong type is reported rather than the first, then every
//! rule on what remains. Only with the `decode` feature: a client writes requests and never reads
//! them, and need not compile this for every type.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::checks::wrong;
use crate::object::Field;
use crate::validate::{Path, Rule, Validate, ValidationReport, Violation};

/// Checks that a JSON value has the shape of a type, before decoding it; lets [`from_json`] report
/// every type error instead of the first.
pub trait JsonShape {
    /// Records violations under `at`; returns false when `v` itself has the wrong type (the caller
    /// then drops it so that decoding can go on).
    fn check_json(v: &mut Value, at: &Path<'_>, out: &mut Vec<Violation>) -> bool;
}

impl JsonShape for String {
    fn check_json(v: &mut Value, at: &Path<'_>, out: &mut Vec<Violation>) -> bool {
        v.is_string() || wrong(at, v, "a string", out)
    }
}

impl JsonShape for i64 {
    fn check_json(v: &mut Value, at: &Path<'_>, out: &mut Vec<Violation>) -> bool {
        v.is_i64() || wrong(at, v, "an integer", out)
    }
}

impl<T: JsonShape> JsonShape for Vec<T> {
    fn check_json(v: &mut Value, at: &Path<'_>, out: &mut Vec<Violation>) -> bool {
        let Value::Array(items) = v else { return wrong(at, v, "an array", out) };
        let mut i = 0;
        let mut shown_index = 0;
        while i < items.len() {
            let keep = T::check_json(&mut items[i], &at.index(shown_index), out);
            if keep {
                i += 1;
            } else {
                items.remove(i);
            }
            shown_index += 1;
        }
        true
    }
}

/// Reads a request from JSON (a stored template, say) and validates it, reporting every problem:
/// wrong types and undocumented fields first found on the JSON, then every rule on what remains.
pub fn from_json<T>(json: &str) -> Result<T, ValidationReport>
where
    T: DeserializeOwned + JsonShape + Validate,
{
    let mut shape = Vec::new();
    let Some(typed) = decode_json::<T>(json, &mut shape) else {
        return Err(ValidationReport { violations: shape });
    };
    let mut rules = Vec::new();
    typed.validate_at(&Path::ROOT, &mut rules);
    let violations = merge(shape, rules);
    if violations.is_empty() {
        Ok(typed)
    } else {
        Err(ValidationReport { violations })
    }
}

/// Decodes JSON text into `T`, recording every type error and undocumented field in `out` and
/// dropping the values at fault; `None` only when the text is not JSON or not `T` at all.
pub(crate) fn decode_json<T: DeserializeOwned + JsonShape>(json: &str, out: &mut Vec<Violation>) -> Option<T> {
    let mut value = parse_json(json, out)?;
    if !T::check_json(&mut value, &Path::ROOT, out) {
        return None;
    }
    serde_json::from_value(value).map_err(|e| not_a_request(e, out)).ok()
}

/// The JSON text as a value; a text that is no JSON is reported.
fn parse_json(json: &str, out: &mut Vec<Violation>) -> Option<Value> {
    match serde_json::from_str(json) {
        Ok(v) => Some(v),
        Err(e) => {
            out.push(Violation {
                path: String::new(),
                rule: Rule::Type { expected: "JSON" },
                value: Some(e.to_string()),
            });
            None
        }
    }
}

#[cold]
fn not_a_request(e: serde_json::Error, out: &mut Vec<Violation>) {
    out.push(Violation { path: String::new(), rule: Rule::Type { expected: "a request" }, value: Some(e.to_string()) });
}

/// The shape problems, then the broken rules that say something new: a value dropped for its type
/// (or a file that was not sent) is not also "missing", nor judged by the rules of the value it
/// lacks; undocumented fields were reported with the shape.
pub(crate) fn merge(shape: Vec<Violation>, rules: Vec<Violation>) -> Vec<Violation> {
    let shape_errors = shape.len();
    let gone = dropped_items(&shape);
    let rules = rules.into_iter().map(|v| Violation { path: sent_indices(&v.path, &gone), ..v });
    let mut out = shape;
    for v in rules {
        let dropped = out[..shape_errors].iter().any(|s| s.path == v.path);
        if !dropped && v.rule != Rule::UnknownField {
            out.push(v);
        }
    }
    out
}

/// The array items `check_json` dropped for their type, as (array path, index as sent): only an
/// item can be dropped at a path that ends in an index.
fn dropped_items(shape: &[Violation]) -> Vec<(String, usize)> {
    shape
        .iter()
        .filter(|v| matches!(v.rule, Rule::Type { .. }))
        .filter_map(|v| {
            let inner = v.path.strip_suffix(']')?;
            let open = inner.rfind('[')?;
            Some((inner[..open].to_owned(), inner[open + 1..].parse().ok()?))
        })
        .collect()
}

/// A path found on the arrays left after dropping items, with each index as the request sent it.
fn sent_indices(path: &str, gone: &[(String, usize)]) -> String {
    if gone.is_empty() {
        return path.to_owned();
    }
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        let Some(len) = rest[open..].find(']') else { break };
        out.push_str(&rest[..open]);
        let text = &rest[open + 1..open + len];
        match text.parse::<usize>() {
            Ok(mut i) => {
                let mut before: Vec<usize> = gone.iter().filter(|(p, _)| *p == out).map(|(_, d)| *d).collect();
                before.sort_unstable();
                for d in before {
                    if d <= i {
                        i += 1;
                    }
                }
                out.push_str(&format!("[{i}]"));
            }
            Err(_) => out.push_str(&rest[open..=open + len]),
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

/// [`JsonShape::check_json`] of one field's type (of [`crate::secret::check_json`] for a secret).
#[doc(hidden)]
pub type Check = fn(&mut Value, &Path<'_>, &mut Vec<Violation>) -> bool;

/// [`JsonShape::check_json`] of a struct made by `open_object!`: each documented field by its type's
/// check (`checks`, in the order of `fields`), every other key reported; values of the wrong type
/// are dropped.
#[doc(hidden)]
pub fn check_object(
    v: &mut Value,
    at: &Path<'_>,
    out: &mut Vec<Violation>,
    fields: &[Field],
    checks: &[Check],
    index: fn(&str) -> Option<usize>,
) -> bool {
    let Value::Object(map) = v else {
        return wrong(at, v, "an object", out);
    };
    let mut dropped = Vec::new();
    for (k, val) in map.iter_mut() {
        match index(k) {
            Some(i) => {
                let wire = fields[i].wire;
                if !val.is_null() && !(checks[i])(val, &at.key(wire), out) {
                    dropped.push(k.clone());
                }
            }
            None => out.push(Violation { path: at.with(k), rule: Rule::UnknownField, value: Some(val.to_string()) }),
        }
    }
    for k in dropped {
        map.remove(&k);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_after_dropped_items_are_given_as_sent() {
        let gone = vec![("a".to_owned(), 0), ("a".to_owned(), 2), ("a[3].b".to_owned(), 0)];
        assert_eq!(sent_indices("a[0].x", &gone), "a[1].x");
        assert_eq!(sent_indices("a[1].x", &gone), "a[3].x");
        assert_eq!(sent_indices("a[1].b[0]", &gone), "a[3].b[1]");
        assert_eq!(sent_indices("c[0]", &gone), "c[0]");
        assert_eq!(sent_indices("a", &gone), "a");
        assert_eq!(sent_indices("a[x", &gone), "a[x");
    }
}
