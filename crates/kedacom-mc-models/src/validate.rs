//! Request validation: the report, the trait every request and object implements, and reading a
//! request from JSON. The checks the generated code calls are in `checks.rs`.

use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::checks::wrong;

/// The value rules, shared with the spec's example checker so that both accept the same values.
pub use kedacom_mc_rules::{is_colour, is_datetime, is_telephone};

/// Everything wrong with a request, found in one pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationReport {
    pub violations: Vec<Violation>,
}

impl fmt::Display for ValidationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} problem(s) in the request", self.violations.len())?;
        for v in &self.violations {
            write!(f, "\n  {v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationReport {}

/// One broken rule at one place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// JSON path, such as `vmp.members[1].poll.members[0].name`.
    pub path: String,
    pub rule: Rule,
    /// The offending value as JSON text; `***` for secrets; `None` when the field is missing.
    pub value: Option<String>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.rule)?;
        if let Some(v) = &self.value {
            write!(f, " (got {v})")?;
        }
        Ok(())
    }
}

/// The rule a value breaks.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    /// A required field is missing.
    Required,
    /// The document lists no such field.
    UnknownField,
    /// The JSON type is wrong (only when reading a request from JSON).
    Type { expected: &'static str },
    /// More UTF-8 bytes than allowed.
    MaxBytes(u64),
    /// More characters than allowed.
    MaxChars(u64),
    /// A character outside the allowed set, or one the document forbids.
    Charset(&'static str),
    /// A character not allowed as the first or last one.
    Edge(&'static str),
    /// Outside an inclusive range.
    Range { min: Option<i64>, max: Option<i64> },
    /// Not one of the allowed values.
    OneOf(&'static [i64]),
    /// Not a `#RRGGBB` colour.
    Colour,
    /// Not an ISO 8601 date-time such as `2016-11-11T15:30:00+08:00`.
    DateTime,
    /// Not `[area code-]number[-extension]` within the documented lengths.
    Telephone,
    /// An enumeration value this endpoint does not accept (undocumented, or outside the endpoint's subset).
    NotAccepted { accepted: &'static str },
    /// Above the value of another field, such as an invitee's bitrate above the conference's.
    NotAbove { field: &'static str, limit: i64 },
    /// A file larger than allowed.
    FileTooLarge(u64),
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Required => write!(f, "required"),
            Rule::UnknownField => write!(f, "not a documented field"),
            Rule::Type { expected } => write!(f, "expected {expected}"),
            Rule::MaxBytes(n) => write!(f, "longer than {n} bytes (UTF-8)"),
            Rule::MaxChars(n) => write!(f, "longer than {n} characters"),
            Rule::Charset(rule) => write!(f, "contains a character that {rule} does not allow"),
            Rule::Edge(chars) => write!(f, "may not start or end with any of {chars}"),
            Rule::Range { min, max } => {
                let show = |v: &Option<i64>| v.map_or(String::new(), |v| v.to_string());
                write!(f, "outside {}..={}", show(min), show(max))
            }
            Rule::OneOf(set) => write!(f, "not one of {set:?}"),
            Rule::Colour => write!(f, "not a #RRGGBB colour"),
            Rule::DateTime => write!(f, "not an ISO 8601 date-time such as 2016-11-11T15:30:00+08:00"),
            Rule::Telephone => write!(f, "not a telephone number [area code-]number[-extension]"),
            Rule::NotAccepted { accepted } => write!(f, "not accepted here (accepted: {accepted})"),
            Rule::NotAbove { field, limit } => write!(f, "above `{field}` ({limit})"),
            Rule::FileTooLarge(n) => write!(f, "file larger than {n} bytes"),
        }
    }
}

/// Implemented by every generated request and object type.
pub trait Validate {
    /// Appends every violation under `at` to `out`.
    fn validate_at(&self, at: &Path<'_>, out: &mut Vec<Violation>);

    /// Every violation of every rule the document states, or `Ok` when there is none.
    fn validate(&self) -> Result<(), ValidationReport> {
        let mut out = Vec::new();
        self.validate_at(&Path::ROOT, &mut out);
        if out.is_empty() {
            Ok(())
        } else {
            Err(ValidationReport { violations: out })
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, at: &Path<'_>, out: &mut Vec<Violation>) {
        for (i, item) in self.iter().enumerate() {
            item.validate_at(&at.index(i), out);
        }
    }
}

/// Where validation is: a chain of stack frames, so that descending costs nothing and a path
/// string is built only for a violation.
#[derive(Clone, Copy, Debug)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

#[derive(Clone, Copy, Debug)]
enum Segment<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    pub const ROOT: Path<'static> = Path { parent: None, segment: Segment::Root };

    /// The field `key` under this path.
    #[inline]
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path { parent: Some(self), segment: Segment::Key(key) }
    }

    /// The array item `i` under this path.
    #[inline]
    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path { parent: Some(self), segment: Segment::Index(i) }
    }

    /// The path of `key` under this one (`key` may be empty: this path itself).
    pub fn with(&self, key: &str) -> String {
        let mut s = self.to_string();
        if !key.is_empty() {
            if !s.is_empty() {
                s.push('.');
            }
            s.push_str(key);
        }
        s
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = self.parent {
            fmt::Display::fmt(p, f)?;
        }
        let at_root = self.parent.is_none_or(|p| matches!(p.segment, Segment::Root));
        match self.segment {
            Segment::Root => Ok(()),
            Segment::Key(k) if at_root => f.write_str(k),
            Segment::Key(k) => write!(f, ".{k}"),
            Segment::Index(n) => write!(f, "[{n}]"),
        }
    }
}

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
/// is not also "missing", and undocumented fields were reported with the shape.
pub(crate) fn merge(shape: Vec<Violation>, rules: Vec<Violation>) -> Vec<Violation> {
    let shape_errors = shape.len();
    let gone = dropped_items(&shape);
    let rules = rules.into_iter().map(|v| Violation { path: sent_indices(&v.path, &gone), ..v });
    let mut out = shape;
    for v in rules {
        let dropped = out[..shape_errors].iter().any(|s| s.path == v.path);
        if !(dropped && v.rule == Rule::Required) && v.rule != Rule::UnknownField {
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

    #[test]
    fn paths_render_like_json_paths() {
        let vmp = Path::ROOT.key("vmp");
        let members = vmp.key("members");
        let one = members.index(1);
        assert_eq!(one.with("name"), "vmp.members[1].name");
        assert_eq!(Path::ROOT.with("name"), "name");
        assert_eq!(Path::ROOT.index(0).with(""), "[0]");
    }
}
