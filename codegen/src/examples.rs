//! Checks a JSON value against an object of the resolved model. The spec checker uses it on the
//! document's examples; every rule of the spec is applied, so an example can't contradict its table.

use serde_json::{Map, Value};

use crate::model::*;

/// The message of a missing required field.
pub const MISSING: &str = "required field is missing";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON path such as `vmp.members[1].poll.members[0].name`.
    pub path: String,
    pub message: String,
}

/// Every way `value` departs from `use_`. `request` turns on required fields and value subsets.
pub fn check(api: &Api, use_: &ObjectUse, value: &Value, request: bool) -> Vec<Problem> {
    let mut c = Checker { api, request, out: Vec::new() };
    c.object(use_, value, "", value);
    c.out
}

struct Checker<'a> {
    api: &'a Api,
    request: bool,
    out: Vec<Problem>,
}

fn join(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_owned()
    } else {
        format!("{base}.{key}")
    }
}

impl Checker<'_> {
    fn push(&mut self, path: &str, message: impl Into<String>) {
        self.out.push(Problem { path: path.to_owned(), message: message.into() });
    }

    fn object(&mut self, use_: &ObjectUse, value: &Value, path: &str, root: &Value) {
        let Value::Object(map) = value else {
            self.push(path, format!("expected an object, found {}", kind(value)));
            return;
        };
        let fields = self.api.fields_of(use_);
        let rules = self.api.object(&use_.name).map(|o| o.rules.clone()).unwrap_or_default();
        for key in map.keys() {
            if !fields.iter().any(|f| &f.wire == key) {
                self.push(&join(path, key), format!("`{key}` is not a field of {}", use_.name));
            }
        }
        if self.request {
            for f in &fields {
                if f.role.is_none() && !map.contains_key(&f.wire) && required(f, &rules, map, &fields) {
                    self.push(&join(path, &f.wire), MISSING);
                }
            }
        }
        for f in &fields {
            if let Some(v) = map.get(&f.wire) {
                self.value(f, &f.ty, v, &join(path, &f.wire), root);
            }
        }
        for rule in &rules {
            if let Rule::AtMost { field, limit } = rule {
                if let Some(max) = map.get(limit).and_then(Value::as_i64) {
                    let mut hits = Vec::new();
                    collect(value, field, path, &mut hits);
                    for (p, v) in hits {
                        if v.as_i64().is_some_and(|n| n > max) {
                            self.push(&p, format!("{v} exceeds `{limit}` ({max})"));
                        }
                    }
                }
            }
        }
    }

    fn value(&mut self, f: &Field, ty: &Type, v: &Value, path: &str, root: &Value) {
        match ty {
            Type::Array(inner) => match v {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.value(f, inner, item, &format!("{path}[{i}]"), root);
                    }
                }
                other => self.push(path, format!("expected an array, found {}", kind(other))),
            },
            Type::Object(u) => self.object(u, v, path, root),
            Type::String => match v.as_str() {
                Some(s) => self.string(f, s, path),
                None => self.push(path, format!("expected a string, found {}", kind(v))),
            },
            Type::Integer => match v.as_i64() {
                Some(n) => self.integer(f, n, path),
                None => self.push(path, format!("expected an integer, found {}", kind(v))),
            },
            Type::Switch(_) => match v.as_i64() {
                Some(0 | 1) => {}
                Some(n) if self.request => self.push(path, format!("{n} is not 0 or 1")),
                Some(_) => {}
                None => self.push(path, format!("expected 0 or 1, found {}", kind(v))),
            },
            Type::Enum(eu) => {
                let Some(en) = self.api.enum_def(&eu.name) else { return };
                let ok_kind = match en.kind {
                    EnumKind::Integer => v.is_i64(),
                    EnumKind::String => v.is_string(),
                };
                if !ok_kind {
                    self.push(path, format!("expected a value of {}, found {}", en.name, kind(v)));
                } else if self.request {
                    let allowed = match &eu.only {
                        Some(only) => only.contains(v),
                        None => en.value(v).is_some(),
                    };
                    if !allowed {
                        self.push(path, format!("{v} is not an accepted value of {} here", en.name));
                    }
                }
            }
            Type::File | Type::Untyped => {}
        }
    }

    fn string(&mut self, f: &Field, s: &str, path: &str) {
        let l = &f.limits;
        if let Some(max) = l.max_bytes {
            if s.len() as u64 > max {
                self.push(path, format!("{} bytes, more than {max}", s.len()));
            }
        }
        if let Some(max) = l.max_chars {
            let n = s.chars().count() as u64;
            if n > max {
                self.push(path, format!("{n} characters, more than {max}"));
            }
        }
        if let Some(rule) = l.text.as_deref().and_then(|t| self.api.text_rule(t)) {
            if let Some(c) = text_violation(rule, s) {
                self.push(path, c);
            }
        }
        if l.format == Some(Format::RgbHex) && !is_rgb_hex(s) {
            self.push(path, format!("`{s}` is not a #RRGGBB colour"));
        }
        if l.format == Some(Format::DateTime) && !is_datetime(s) {
            self.push(path, format!("`{s}` is not an ISO 8601 date-time"));
        }
    }

    fn integer(&mut self, f: &Field, n: i64, path: &str) {
        let l = &f.limits;
        if l.min.is_some_and(|m| n < m) || l.max.is_some_and(|m| n > m) {
            self.push(path, format!("{n} is outside {}..={}", l.min.unwrap_or(i64::MIN), l.max.unwrap_or(i64::MAX)));
        }
        if let Some(set) = &l.one_of {
            if !set.contains(&n) {
                self.push(path, format!("{n} is not one of {set:?}"));
            }
        }
    }
}

/// Whether `f` must be present, given the object's rules and the values at hand.
pub fn required(f: &Field, rules: &[Rule], map: &Map<String, Value>, fields: &[Field]) -> bool {
    let mut req = f.required;
    for rule in rules {
        let Rule::RequiredIf { fields: names, when, others_optional, optional_otherwise } = rule else { continue };
        let current = map
            .get(&when.field)
            .cloned()
            .or_else(|| fields.iter().find(|x| x.wire == when.field).and_then(|x| x.default.clone()));
        let holds = match current {
            Some(v) => (v == when.value) == when.equals,
            None => !when.equals,
        };
        let named = names.contains(&f.wire);
        if holds && named {
            req = true;
        } else if (holds && *others_optional) || (!holds && named && *optional_otherwise) {
            req = false;
        }
    }
    req
}

/// Values reached by a path such as `invite_members[].bitrate`, with their JSON paths.
fn collect<'v>(v: &'v Value, steps: &[String], base: &str, out: &mut Vec<(String, &'v Value)>) {
    let Some((first, rest)) = steps.split_first() else {
        out.push((base.to_owned(), v));
        return;
    };
    let (name, each) = match first.strip_suffix("[]") {
        Some(n) => (n, true),
        None => (first.as_str(), false),
    };
    let Some(child) = v.get(name) else { return };
    let p = join(base, name);
    match (each, child) {
        (true, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                collect(item, rest, &format!("{p}[{i}]"), out);
            }
        }
        (false, c) => collect(c, rest, &p, out),
        _ => {}
    }
}

/// The first way `s` breaks a text rule, if any.
pub fn text_violation(rule: &TextRule, s: &str) -> Option<String> {
    if let Some(bad) = &rule.forbidden {
        if let Some(c) = s.chars().find(|c| bad.contains(*c)) {
            return Some(format!("character `{c}` is not allowed"));
        }
    }
    if let Some(edge) = &rule.forbidden_at_edges {
        let first = s.chars().next();
        let last = s.chars().last();
        if let Some(c) = [first, last].into_iter().flatten().find(|c| edge.contains(*c)) {
            return Some(format!("`{c}` may not be the first or last character"));
        }
    }
    if let Some(ok) = &rule.allowed {
        if let Some(c) = s.chars().find(|c| !ok.contains(*c)) {
            return Some(if rule.secret {
                "a character outside the allowed set".to_owned()
            } else {
                format!("character `{c}` is not allowed")
            });
        }
    }
    None
}

pub fn is_rgb_hex(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM`, as the document's examples are written.
pub fn is_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if b.len() < 20 || !digits(0..4) || b[4] != b'-' || !digits(5..7) || b[7] != b'-' || !digits(8..10) {
        return false;
    }
    if !(b[10] == b'T' || b[10] == b' ')
        || !digits(11..13)
        || b[13] != b':'
        || !digits(14..16)
        || b[16] != b':'
        || !digits(17..19)
    {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest.as_bytes() {
        b"Z" => true,
        [s, h1, h2, b':', m1, m2] if (*s == b'+' || *s == b'-') => [h1, h2, m1, m2].iter().all(|x| x.is_ascii_digit()),
        _ => false,
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes() {
        assert!(is_datetime("2016-11-11T15:30:00+08:00"));
        assert!(is_datetime("2016-11-11T15:30:00Z"));
        assert!(!is_datetime("2016-11-11"));
        assert!(!is_datetime("2016-11-11T15:30:00+0800"));
    }

    #[test]
    fn colours() {
        assert!(is_rgb_hex("#FFFFFF"));
        assert!(!is_rgb_hex("#FFF"));
        assert!(!is_rgb_hex("FFFFFF0"));
    }
}
