//! Rustdoc text: the document's Chinese descriptions, labels and limits, so docs read like the
//! vendor document.

use crate::model::*;

pub use crate::emit::rust::doc_attrs as attrs;

/// What a field's doc says (for a field that no rule concerns, such as a query parameter).
pub fn field(api: &Api, f: &Field, request: bool) -> String {
    let requirement = if f.required { Requirement::Always } else { Requirement::Never };
    field_with(api, f, &requirement, &[], request)
}

/// What a field of an object's view says: description, note, values, limits, requirement, departures.
pub fn field_of(api: &Api, view: &ObjectView, f: &FieldView, request: bool) -> String {
    field_with(api, &f.field, &f.requirement, &view.conditions, request)
}

fn field_with(api: &Api, f: &Field, requirement: &Requirement, conditions: &[RuleCondition], request: bool) -> String {
    let mut s = f.desc.clone();
    if f.wire != f.rust.trim_start_matches("r#") {
        s.push_str(&format!(" (wire name `{}`)", f.wire));
    }
    if let Some(n) = &f.note {
        s.push_str("\n\n");
        s.push_str(&verbatim(n));
    }
    let mut facts = Vec::new();
    values(api, &f.ty, &mut facts);
    facts.extend(limits(api, f));
    if request {
        match requirement {
            Requirement::Always => facts.push("Required.".into()),
            Requirement::When(e) => facts.push(format!("Required when {}.", e.words(conditions))),
            Requirement::Never => {}
        }
        if let Type::Object(u) = f.ty.leaf() {
            let each = if matches!(f.ty, Type::Array(_)) { "[]." } else { "." };
            use_notes(api, u, &format!("{}{each}", f.wire), &mut facts, 0);
        }
    }
    for d in &f.departs {
        facts.push(format!("Departs from the document ({}: {}): {}.", d.what, d.doc, d.why.trim_end_matches('.')));
    }
    if !facts.is_empty() {
        s.push_str("\n\n");
        s.push_str(&facts.join("\n"));
    }
    s
}

/// A field's limits and default in words (`At most 64 bytes (UTF-8).`, `Range 1..=16.`, …).
pub(crate) fn limits(api: &Api, f: &Field) -> Vec<String> {
    let mut facts = Vec::new();
    let l = &f.limits;
    if let Some(n) = l.max_bytes {
        facts.push(format!("At most {n} bytes (UTF-8)."));
    }
    if let Some(n) = l.max_chars {
        facts.push(format!("At most {n} characters."));
    }
    match (l.min, l.max) {
        (Some(a), Some(b)) => facts.push(format!("Range {a}..={b}.")),
        (Some(a), None) => facts.push(format!("At least {a}.")),
        (None, Some(b)) => facts.push(format!("At most {b}.")),
        (None, None) => {}
    }
    if let Some(set) = &l.one_of {
        facts.push(format!("One of {}.", set.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")));
    }
    if let Some(rule) = l.text.as_deref().and_then(|t| api.text_rule(t)) {
        let mut t = format!("Text rule `{}`: {}.", rule.name, rule.desc);
        if let Some(fb) = &rule.forbidden {
            t.push_str(&format!(" Forbidden: {}.", code(fb)));
        }
        if let Some(e) = &rule.forbidden_at_edges {
            t.push_str(&format!(" Not first or last: {}.", code(e)));
        }
        if let Some(a) = &rule.allowed {
            t.push_str(&format!(" Allowed: {}.", code(a)));
        }
        facts.push(t);
    }
    match l.format {
        Some(Format::DateTime) => facts.push("ISO 8601 date-time, e.g. `2016-11-11T15:30:00+08:00`.".into()),
        Some(Format::RgbHex) => facts.push("Colour `#RRGGBB`.".into()),
        None => {}
    }
    if let Some(t) = &l.telephone {
        facts.push(format!(
            "`[area code-]number[-extension]`: at most {}, {} and {} digits.",
            t.area_code, t.number, t.extension
        ));
    }
    if let Some(n) = l.max_file_bytes {
        facts.push(format!("At most {n} bytes."));
    }
    if let Some(en) = &l.file_types {
        facts.push(format!("A file whose name ends in one of the labels of [`{en}`](crate::{en}) (`.txt`, …)."));
    }
    if let Some(d) = &f.default {
        facts.push(format!("Default: `{d}`."));
    }
    facts
}

/// How a use checks its object differently from the shape's own docs: requirements and accepted
/// values its overrides change, down through the objects it holds.
fn use_notes(api: &Api, u: &ObjectUse, prefix: &str, out: &mut Vec<String>, depth: usize) {
    if u.overrides.is_empty() || depth > 16 {
        return;
    }
    let view = api.view(u);
    let plain = api.view(&ObjectUse::plain(&u.name));
    for f in view.fields.iter().filter(|f| u.overrides.contains_key(&f.field.wire)) {
        let Some(p) = plain.field(&f.field.wire) else { continue };
        let path = format!("{prefix}{}", f.field.wire);
        if f.requirement != p.requirement {
            out.push(match &f.requirement {
                Requirement::Always => format!("Here `{path}` is required."),
                Requirement::Never => format!("Here `{path}` is optional."),
                Requirement::When(e) => format!("Here `{path}` is required when {}.", e.words(&view.conditions)),
            });
        }
        match (f.field.ty.leaf(), p.field.ty.leaf()) {
            (Type::Enum(eu), Type::Enum(pu)) if eu.only != pu.only => {
                let accepted: Vec<String> = eu.only.iter().flatten().map(|v| format!("`{}`", value_key(v))).collect();
                out.push(format!("Here `{path}` accepts only {}.", accepted.join(", ")));
            }
            (Type::Object(inner), _) => {
                let each = if matches!(f.field.ty, Type::Array(_)) { "[]." } else { "." };
                use_notes(api, inner, &format!("{path}{each}"), out, depth + 1);
            }
            _ => {}
        }
    }
}

/// The values an enum or switch accepts, with their labels (`` `0` 关闭, `1` 开启. ``).
pub(crate) fn values(api: &Api, ty: &Type, out: &mut Vec<String>) {
    match ty {
        Type::Array(inner) => values(api, inner, out),
        Type::Switch([a, b]) => out.push(format!("`0` {a}, `1` {b}.")),
        Type::Enum(eu) => {
            let Some(en) = api.enum_def(&eu.name) else { return };
            let listed: Vec<String> = en
                .values
                .iter()
                .filter(|v| eu.only.as_ref().is_none_or(|o| o.contains(&v.value)))
                .map(|v| {
                    let label = eu.labels.get(&value_key(&v.value)).unwrap_or(&v.label);
                    format!("`{}` {label}", value_key(&v.value))
                })
                .collect();
            let accepted = if eu.only.is_some() { "Accepted here: " } else { "" };
            out.push(format!("{accepted}{}.", listed.join(", ")));
        }
        _ => {}
    }
}

/// The document's own prose, kept as written: a text block, so markdown can't rearrange it.
pub fn verbatim(text: &str) -> String {
    format!("```text\n{}\n```", text.trim_end())
}

/// Inline code that may itself hold backticks.
fn code(s: &str) -> String {
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

/// The object-level rules, in words.
pub fn rules(rules: &[Rule]) -> Vec<String> {
    rules
        .iter()
        .map(|r| match r {
            Rule::RequiredIf { fields, when, others_optional, optional_otherwise } => {
                let op = if when.equals { "is" } else { "is not" };
                let mut s = format!("`{}` required when `{}` {op} `{}`", fields.join("`, `"), when.field, when.value);
                if *others_optional {
                    s.push_str("; every other field is then optional");
                }
                if *optional_otherwise {
                    s.push_str(", and optional otherwise");
                }
                s + "."
            }
            Rule::AtMost { field, limit } => format!("Each `{}` may not exceed `{limit}`.", field.join(".")),
        })
        .collect()
}
