//! Request validation: the report and the trait every request and object implements. The checks
//! the generated code calls are in `checks.rs`; reading a request from JSON text is in `json.rs`.

use std::fmt;

#[cfg(feature = "decode")]
pub use crate::json::{from_json, JsonShape};

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
    /// A list with more items than allowed.
    MaxItems(u64),
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
            Rule::MaxItems(n) => write!(f, "more than {n} items"),
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

#[cfg(test)]
mod tests {
    use super::*;

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
