//! The checks the generated `Validate` impls call; not part of the API (reached through
//! `__private`). They keep the generated code short and put the cold reporting paths out of line.

use serde_json::Value;

pub use crate::validate::{Path, Rule, Violation};
pub use kedacom_mc_rules::{is_colour, is_datetime, is_telephone, over_bytes, over_chars, TextRule};

/// The format checks of one string field (its lengths are checked inline by the generated code).
#[derive(Debug)]
pub struct Format {
    pub text: Option<&'static TextRule<'static>>,
    pub colour: bool,
    pub datetime: bool,
    /// Maximum digits of area code, number and extension.
    pub telephone: Option<(usize, usize, usize)>,
    /// Mask the value in reports.
    pub secret: bool,
}

/// The checks of one integer field.
#[derive(Debug)]
pub struct IntRule {
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub one_of: Option<&'static [i64]>,
}

fn shown(v: &str, secret: bool) -> Option<String> {
    Some(if secret { "***".to_owned() } else { Value::from(v).to_string() })
}

/// `base.key`, or `key` at the root.
pub fn join(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_owned()
    } else {
        format!("{base}.{key}")
    }
}

#[cold]
pub fn missing(out: &mut Vec<Violation>, at: &Path<'_>, key: &str) {
    out.push(Violation { path: at.with(key), rule: Rule::Required, value: None });
}

#[cold]
#[inline(never)]
fn violation(out: &mut Vec<Violation>, at: &Path<'_>, key: &str, rule: Rule, v: &str, secret: bool) {
    out.push(Violation { path: at.with(key), rule, value: shown(v, secret) });
}

#[cold]
pub fn max_bytes(out: &mut Vec<Violation>, at: &Path<'_>, key: &str, v: &str, max: usize, secret: bool) {
    violation(out, at, key, Rule::MaxBytes(max as u64), v, secret);
}

#[cold]
pub fn max_chars(out: &mut Vec<Violation>, at: &Path<'_>, key: &str, v: &str, max: usize, secret: bool) {
    violation(out, at, key, Rule::MaxChars(max as u64), v, secret);
}

pub fn check_format(out: &mut Vec<Violation>, at: &Path<'_>, key: &str, v: &str, r: &Format) {
    if let Some(t) = r.text {
        if t.bad_char(v).is_some() {
            violation(out, at, key, Rule::Charset(t.name), v, r.secret);
        }
        if t.bad_edge(v).is_some() {
            violation(out, at, key, Rule::Edge(t.forbidden_at_edges), v, r.secret);
        }
    }
    if r.colour && !is_colour(v) {
        violation(out, at, key, Rule::Colour, v, r.secret);
    }
    if r.datetime && !is_datetime(v) {
        violation(out, at, key, Rule::DateTime, v, r.secret);
    }
    if let Some(parts) = r.telephone {
        if !is_telephone(v, parts) {
            violation(out, at, key, Rule::Telephone, v, r.secret);
        }
    }
}

#[inline]
pub fn check_int(out: &mut Vec<Violation>, at: &Path<'_>, key: &str, v: i64, r: &IntRule) {
    if r.min.is_some_and(|m| v < m) || r.max.is_some_and(|m| v > m) {
        int_violation(out, at, key, Rule::Range { min: r.min, max: r.max }, v);
    }
    if let Some(set) = r.one_of {
        if !set.contains(&v) {
            int_violation(out, at, key, Rule::OneOf(set), v);
        }
    }
}

#[cold]
#[inline(never)]
fn int_violation(out: &mut Vec<Violation>, at: &Path<'_>, key: &str, rule: Rule, v: i64) {
    out.push(Violation { path: at.with(key), rule, value: Some(v.to_string()) });
}

/// Reports an enumeration value outside `accepted` (given as text for the report).
#[cold]
pub fn not_accepted(
    out: &mut Vec<Violation>,
    at: &Path<'_>,
    key: &str,
    value: &dyn crate::open_enum::WireValue,
    accepted: &'static str,
) {
    let value = Some(value.wire_json().to_string());
    out.push(Violation { path: at.with(key), rule: Rule::NotAccepted { accepted }, value });
}

/// Reports a file whose name does not end in `.` and one of `accepted` (in any case).
pub fn file_type(
    out: &mut Vec<Violation>,
    at: &Path<'_>,
    key: &str,
    file_name: &str,
    accepted: &[&str],
    shown: &'static str,
) {
    // No file at all is reported once, as required; it has no type to refuse.
    if file_name.is_empty() {
        return;
    }
    let extension = file_name.rsplit_once('.').map_or("", |(_, ext)| ext);
    if !accepted.iter().any(|a| a.eq_ignore_ascii_case(extension)) {
        let value = Some(Value::from(file_name).to_string());
        out.push(Violation { path: at.with(key), rule: Rule::NotAccepted { accepted: shown }, value });
    }
}

#[cold]
pub fn not_above(out: &mut Vec<Violation>, path: String, v: i64, field: &'static str, limit: i64) {
    out.push(Violation { path, rule: Rule::NotAbove { field, limit }, value: Some(v.to_string()) });
}

#[inline]
pub fn unknown_fields(out: &mut Vec<Violation>, at: &Path<'_>, extra: &crate::Extra) {
    if !extra.is_empty() {
        unknown_fields_slow(out, at, extra);
    }
}

#[cold]
fn unknown_fields_slow(out: &mut Vec<Violation>, at: &Path<'_>, extra: &crate::Extra) {
    for (k, v) in extra {
        // A field sent as null is kept in `extra` too; it is not an unknown field.
        if !v.is_null() {
            out.push(Violation { path: at.with(k), rule: Rule::UnknownField, value: Some(v.to_string()) });
        }
    }
}

/// Records a JSON type mismatch; always false (the value is to be dropped).
pub fn wrong(at: &Path<'_>, v: &Value, expected: &'static str, out: &mut Vec<Violation>) -> bool {
    out.push(Violation { path: at.to_string(), rule: Rule::Type { expected }, value: Some(v.to_string()) });
    false
}
