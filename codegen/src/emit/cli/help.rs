//! Help text for a terminal: a parameter's details, and the reference of a params body (every field
//! with its path, type, requirement, description, values and limits), in the document's words.

use crate::emit::models::docs;
use crate::model::*;

/// What `--help` says about a parameter beyond its description: the document's note and its
/// limits. Accepted values and the default are the endpoint table's (`ParamInfo`), which the
/// command reads itself.
pub fn parameter_details(api: &Api, f: &Field) -> String {
    let mut lines: Vec<String> = f.note.iter().flat_map(|n| n.trim_end().lines().map(str::to_owned)).collect();
    lines.extend(docs::limits(api, &Field { default: None, ..f.clone() }));
    lines.join("\n")
}

/// Every field of a params body, nested ones by their path (`vmp.members[].name`), then the
/// object's rules in words.
pub fn body_reference(api: &Api, use_: &ObjectUse) -> String {
    let mut out = String::new();
    object(api, use_, "", &mut out, 0);
    out.trim_end().to_owned()
}

/// Shapes never hold themselves (the spec refuses it); the depth bound only keeps a broken model
/// from looping.
const MAX_DEPTH: usize = 16;

fn object(api: &Api, use_: &ObjectUse, prefix: &str, out: &mut String, depth: usize) {
    let view = api.view(use_);
    for f in view.fields.iter().filter(|f| f.field.role.is_none()) {
        let path = format!("{prefix}{}", f.field.wire);
        let requirement = match &f.requirement {
            Requirement::Always => "required".to_owned(),
            Requirement::Never => "optional".to_owned(),
            Requirement::When(e) => format!("required when {}", e.words(&view.conditions)),
        };
        out.push_str(&format!("{path}: {}, {requirement}\n", type_words(api, &f.field.ty)));
        let mut lines = vec![f.field.desc.trim().to_owned()];
        lines.extend(f.field.note.iter().flat_map(|n| n.trim_end().lines().map(str::to_owned)));
        docs::values(api, &f.field.ty, &mut lines);
        lines.extend(docs::limits(api, &f.field));
        for line in lines.iter().filter(|l| !l.trim().is_empty()) {
            out.push_str(&format!("    {}\n", line.trim_end()));
        }
        if let (Type::Object(inner), true) = (f.field.ty.leaf(), depth < MAX_DEPTH) {
            let each = if matches!(f.field.ty, Type::Array(_)) { "[]." } else { "." };
            object(api, inner, &format!("{path}{each}"), out, depth + 1);
        }
    }
    for rule in docs::rules(&view.rules) {
        let within = prefix.trim_end_matches('.');
        if within.is_empty() {
            out.push_str(&format!("rule: {rule}\n"));
        } else {
            out.push_str(&format!("rule in {within}: {rule}\n"));
        }
    }
}

fn type_words(api: &Api, ty: &Type) -> String {
    match ty {
        Type::String => "string".into(),
        Type::Integer => "integer".into(),
        Type::Switch(_) => "integer 0/1".into(),
        Type::File => "file".into(),
        Type::Untyped => "any JSON value".into(),
        Type::Enum(u) => match api.enum_def(&u.name).map(|e| e.kind) {
            Some(EnumKind::String) => "string".into(),
            _ => "integer".into(),
        },
        Type::Object(_) => "object".into(),
        Type::Array(inner) => format!("array of {}", plural(api, inner)),
    }
}

fn plural(api: &Api, ty: &Type) -> String {
    match ty {
        Type::Object(_) => "objects".into(),
        Type::Array(inner) => format!("arrays of {}", plural(api, inner)),
        Type::Switch(_) => "0/1 integers".into(),
        other => format!("{}s", type_words(api, other)),
    }
}
