//! Checks a JSON value against an object of the resolved model. The spec checker uses it on the
//! document's examples; every rule of the spec is applied, so an example can't contradict its table.

use kedacom_mc_rules as rules;
use serde_json::Value;

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

/// What a string field's rules (lengths, text rule, format) say of `value`: one message per broken
/// rule.
pub fn check_text(api: &Api, field: &Field, value: &str) -> Vec<String> {
    let mut c = Checker { api, request: true, out: Vec::new() };
    c.string(field, value, "");
    c.out.into_iter().map(|p| p.message).collect()
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
        let view = self.api.view(use_);
        for key in map.keys() {
            if view.field(key).is_none() {
                self.push(&join(path, key), format!("`{key}` is not a field of {}", use_.name));
            }
        }
        // A null is read as an absent field, as the models read it.
        let present = |wire: &str| map.get(wire).filter(|v| !v.is_null());
        if self.request {
            let conditions: Vec<bool> = view
                .conditions
                .iter()
                .map(|c| {
                    // A value of the wrong type is dropped when a request is read, so it counts as absent.
                    let v = present(&c.field)
                        .filter(|v| view.field(&c.field).is_some_and(|f| fits(self.api, &f.field.ty, v)));
                    c.holds(v)
                })
                .collect();
            for f in &view.fields {
                if f.field.role.is_none() && present(&f.field.wire).is_none() && f.requirement.holds(&conditions) {
                    self.push(&join(path, &f.field.wire), MISSING);
                }
            }
        }
        for f in &view.fields {
            if let Some(v) = present(&f.field.wire) {
                self.value(&f.field, &f.field.ty, v, &join(path, &f.field.wire), root);
            }
        }
        for (field, limit) in &view.at_most {
            if let Some(max) = present(limit).and_then(Value::as_i64) {
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
            if rules::over_bytes(s, max as usize) {
                self.push(path, format!("{} bytes, more than {max}", s.len()));
            }
        }
        if let Some(max) = l.max_chars {
            if rules::over_chars(s, max as usize) {
                self.push(path, format!("{} characters, more than {max}", s.chars().count()));
            }
        }
        if let Some(def) = l.text.as_deref().and_then(|t| self.api.text_rule(t)) {
            let rule = text_rule(def);
            if let Some(c) = rule.bad_char(s) {
                let shown = if f.secret || def.secret {
                    "a character outside the allowed set".to_owned()
                } else {
                    format!("character `{c}`")
                };
                self.push(path, format!("{shown} is not allowed by {}", rule.name));
            }
            if let Some(c) = rule.bad_edge(s) {
                self.push(path, format!("`{c}` may not be the first or last character"));
            }
        }
        if l.format == Some(Format::RgbHex) && !rules::is_colour(s) {
            self.push(path, format!("`{s}` is not a #RRGGBB colour"));
        }
        if l.format == Some(Format::DateTime) && !rules::is_datetime(s) {
            self.push(path, format!("`{s}` is not an ISO 8601 date-time"));
        }
        if let Some(t) = &l.telephone {
            if !rules::is_telephone(s, telephone_digits(t)) {
                self.push(path, format!("`{s}` is not a telephone number [area code-]number[-extension]"));
            }
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

/// A text rule of the spec as the shared rules take it.
pub fn text_rule(t: &TextRule) -> rules::TextRule<'_> {
    rules::TextRule {
        name: &t.name,
        forbidden: t.forbidden.as_deref().unwrap_or_default(),
        forbidden_at_edges: t.forbidden_at_edges.as_deref().unwrap_or_default(),
        allowed: t.allowed.as_deref(),
    }
}

/// The maximum digits of area code, number and extension, as the shared rules take them.
pub fn telephone_digits(t: &Telephone) -> (usize, usize, usize) {
    (t.area_code as usize, t.number as usize, t.extension as usize)
}

/// Whether a JSON value has the JSON type of `ty` (its items and fields are checked later).
fn fits(api: &Api, ty: &Type, v: &Value) -> bool {
    match ty {
        Type::String => v.is_string(),
        Type::Integer | Type::Switch(_) => v.is_i64(),
        Type::Enum(eu) => match api.enum_def(&eu.name).map(|e| e.kind) {
            Some(EnumKind::String) => v.is_string(),
            _ => v.is_i64(),
        },
        Type::Object(_) => v.is_object(),
        Type::Array(_) => v.is_array(),
        Type::File | Type::Untyped => true,
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
