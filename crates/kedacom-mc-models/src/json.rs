//! Reading a request from JSON text, as a server or a checker of stored requests does: the JSON's
//! shape is checked first, so that every wrong type is reported rather than the first, then every
//! rule on what remains. Only with the `decode` feature: a client writes requests and never reads
//! them, and need not compile this for every type.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::checks::wrong;
use crate::json_text;
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
        let keep: Vec<bool> =
            items.iter_mut().enumerate().map(|(i, item)| T::check_json(item, &at.index(i), out)).collect();
        if keep.contains(&false) {
            // In one pass: removing the items one by one would move the rest each time.
            let mut keep = keep.into_iter();
            items.retain(|_| keep.next().unwrap_or(true));
        }
        true
    }
}

/// Reads a request from JSON (a stored template, say) and validates it, reporting every problem:
/// wrong types first found on the JSON, then every rule on what remains. Keys the document does
/// not list are no problem, as the platform ignores them: they are kept in the objects' `extra`,
/// and [`read_json`] tells them.
pub fn from_json<T>(json: &str) -> Result<T, ValidationReport>
where
    T: DeserializeOwned + JsonShape + Validate,
{
    read_json(json).request
}

/// What [`read_json`] found.
#[derive(Debug)]
pub struct JsonRead<T> {
    /// The request, or every problem with it.
    pub request: Result<T, ValidationReport>,
    /// The keys the document does not list, each a [`Rule::UnknownField`] at its path (without its
    /// value, which may be a misspelled secret); found whether or not the request is valid.
    pub warnings: Vec<Violation>,
}

impl<T> JsonRead<T> {
    /// The same findings about `f` of the request.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> JsonRead<U> {
        JsonRead { request: self.request.map(f), warnings: self.warnings }
    }
}

/// [`from_json`], telling the keys the document does not list as well.
pub fn read_json<T>(json: &str) -> JsonRead<T>
where
    T: DeserializeOwned + JsonShape + Validate,
{
    let mut shape = Vec::new();
    let mut warnings = Vec::new();
    let Some(typed) = decode_json::<T>(json, &mut shape, &mut warnings) else {
        return JsonRead { request: Err(ValidationReport { violations: shape }), warnings };
    };
    let mut rules = Vec::new();
    typed.validate_at(&Path::ROOT, &mut rules);
    let violations = merge(shape, rules);
    let request = if violations.is_empty() { Ok(typed) } else { Err(ValidationReport { violations }) };
    JsonRead { request, warnings }
}

/// Decodes JSON text into `T`, recording every type error in `out` and every undocumented key in
/// `warnings`, and dropping the values at fault; `None` only when the text is not JSON or not `T`
/// at all.
pub(crate) fn decode_json<T: DeserializeOwned + JsonShape>(
    json: &str,
    out: &mut Vec<Violation>,
    warnings: &mut Vec<Violation>,
) -> Option<T> {
    let mut value = parse_json(json, out)?;
    let mut found = Vec::new();
    let shaped = T::check_json(&mut value, &Path::ROOT, &mut found);
    for v in found {
        if v.rule == Rule::UnknownField {
            warnings.push(v);
        } else {
            out.push(v);
        }
    }
    if !shaped {
        return None;
    }
    serde_json::from_value(value).map_err(|e| not_a_request(e, out)).ok()
}

/// The JSON text as a value; a text that is no JSON is reported.
fn parse_json(json: &str, out: &mut Vec<Violation>) -> Option<Value> {
    match serde_json::from_str(&json_text::integer_zeros(json)) {
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
    let gone = dropped_items(&shape);
    let reported: HashSet<String> = shape.iter().map(|s| s.path.clone()).collect();
    let mut out = shape;
    for v in rules {
        if v.rule == Rule::UnknownField {
            continue;
        }
        let v = Violation { path: sent_indices(&v.path, &gone), ..v };
        if !reported.contains(&v.path) {
            out.push(v);
        }
    }
    out
}

/// The array items `check_json` dropped for their type: by array path, each index as sent, in
/// order. Only an item can be dropped at a path that ends in an index.
fn dropped_items(shape: &[Violation]) -> HashMap<String, Vec<usize>> {
    let mut gone: HashMap<String, Vec<usize>> = HashMap::new();
    for v in shape.iter().filter(|v| matches!(v.rule, Rule::Type { .. })) {
        let Some(inner) = v.path.strip_suffix(']') else { continue };
        let Some(open) = inner.rfind('[') else { continue };
        let Ok(i) = inner[open + 1..].parse() else { continue };
        gone.entry(inner[..open].to_owned()).or_default().push(i);
    }
    for indices in gone.values_mut() {
        indices.sort_unstable();
        indices.dedup();
    }
    gone
}

/// Index `i` of the array left after dropping the items at `gone` (sorted), as the request sent
/// it: `i` plus the number of dropped items before it. That number is the first `k` at which the
/// dropped items leave more than `i` kept ones before them, found by bisection.
fn sent_index(i: usize, gone: &[usize]) -> usize {
    // `gone[k] - k` (the kept items before the k-th dropped one) never decreases along `gone`.
    let (mut low, mut high) = (0, gone.len());
    while low < high {
        let mid = low + (high - low) / 2;
        if gone[mid] - mid <= i {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    i + low
}

/// A path found on the arrays left after dropping items, with each index as the request sent it.
fn sent_indices(path: &str, gone: &HashMap<String, Vec<usize>>) -> String {
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
            Ok(i) => {
                let i = gone.get(&out).map_or(i, |dropped| sent_index(i, dropped));
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
/// check (`checks`, in the order of `fields`), every other key reported as unknown (`decode_json` makes that a warning); values of the wrong type
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
            // Without the value: a misspelled secret's is a secret still.
            None => out.push(Violation { path: at.with(k), rule: Rule::UnknownField, value: None }),
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
        let gone = HashMap::from([("a".to_owned(), vec![0, 2]), ("a[3].b".to_owned(), vec![0])]);
        assert_eq!(sent_indices("a[0].x", &gone), "a[1].x");
        assert_eq!(sent_indices("a[1].x", &gone), "a[3].x");
        assert_eq!(sent_indices("a[1].b[0]", &gone), "a[3].b[1]");
        assert_eq!(sent_indices("c[0]", &gone), "c[0]");
        assert_eq!(sent_indices("a", &gone), "a");
        assert_eq!(sent_indices("a[x", &gone), "a[x");
    }
}
