//! Field-by-field comparison of the spec with a parsed document.

use std::collections::BTreeMap;
use std::fmt;

use super::parse::{DocEndpoint, DocTable};
use crate::model::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// `create_conf params.vmp.layout`, or the document's endpoint name when the spec lacks it.
    pub place: String,
    pub what: What,
    pub message: String,
}

/// What differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// An endpoint on one side only, or its name, description or API level.
    Endpoint,
    Example,
    /// One aspect of a field; the spec may declare it with a `departs` entry of that kind.
    Field(DepartureKind),
}

impl fmt::Display for What {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            What::Endpoint => f.write_str("endpoint"),
            What::Example => f.write_str("example"),
            What::Field(k) => f.write_str(k.as_str()),
        }
    }
}

#[derive(Debug, Default)]
pub struct Report {
    pub differences: Vec<Difference>,
    /// Differences the spec declares with `departs`, with its reason.
    pub accepted: Vec<(Difference, String)>,
    pub endpoints_compared: usize,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.differences {
            writeln!(f, "{}: {}: {}", d.place, d.what, d.message)?;
        }
        if !self.accepted.is_empty() {
            writeln!(f, "accepted departures (declared in the spec):")?;
            for (d, why) in &self.accepted {
                writeln!(f, "  {}: {}: {} ({why})", d.place, d.what, d.message)?;
            }
        }
        write!(f, "{} endpoint(s) compared, {} difference(s)", self.endpoints_compared, self.differences.len())
    }
}

/// Compares the endpoints of `api` that come from the document titled like `doc_title` (or all, when
/// no document of the spec matches) with the parsed `doc`.
pub fn audit(api: &Api, doc: &[DocEndpoint], source: Option<&str>) -> Report {
    let mut r = Report::default();
    let spec_eps: Vec<&Endpoint> = api.endpoints.iter().filter(|e| source.is_none_or(|s| e.source == s)).collect();
    let key = |m: &str, u: &str| format!("{} {}", m.trim(), u.trim());
    let doc_by_key: BTreeMap<String, &DocEndpoint> = doc.iter().map(|d| (key(&d.method, &d.uri), d)).collect();
    for d in doc {
        if !spec_eps.iter().any(|e| key(e.method.as_str(), &e.uri) == key(&d.method, &d.uri)) {
            r.differences.push(Difference {
                place: format!("{} {} (document line {})", d.method, d.uri, d.line),
                what: What::Endpoint,
                message: format!("`{}` is in the document but not in the spec", d.name),
            });
        }
    }
    for e in spec_eps {
        let Some(d) = doc_by_key.get(&key(e.method.as_str(), &e.uri)) else {
            r.differences.push(Difference {
                place: e.operation.clone(),
                what: What::Endpoint,
                message: format!("{} {} is in the spec ({}) but not in the document", e.method.as_str(), e.uri, e.file),
            });
            continue;
        };
        r.endpoints_compared += 1;
        let op = e.operation.as_str();
        let push = |r: &mut Report, what: What, message: String| {
            r.differences.push(Difference { place: op.to_owned(), what, message });
        };
        if e.name != d.name {
            push(&mut r, What::Endpoint, format!("name: spec `{}`, document `{}`", e.name, d.name));
        }
        if squash(&e.description) != squash(&d.description) {
            push(
                &mut r,
                What::Endpoint,
                format!("description: spec `{}`, document `{}`", e.description, d.description),
            );
        }
        if d.min_api_level.is_some_and(|l| l != e.min_api_level) {
            push(
                &mut r,
                What::Endpoint,
                format!("min_api_level: spec {}, document {:?}", e.min_api_level, d.min_api_level),
            );
        }
        let tables: [(&str, Vec<Flat>, &DocTable, Mode); 4] = [
            ("parameters", flatten_fields(api, &e.parameters, false), &d.parameters, Mode::Full),
            ("params", object_flat(api, e.params_use(), false), &d.params, Mode::Full),
            ("reply", object_flat(api, e.reply.as_deref().map(ObjectUse::plain), true), &d.reply, Mode::Full),
            ("failure", object_flat(api, Some(ObjectUse::plain(&e.failure)), true), &d.failure, Mode::Shape),
        ];
        for (table, spec, doc_table, mode) in tables {
            compare_table(&mut r, &e.operation, table, &spec, doc_table, mode);
        }
        let examples = [
            ("params_example", &e.params_example, &d.params_example),
            ("reply_example", &e.reply_example, &d.reply_example),
            ("failure_example", &e.failure_example, &d.failure_example),
        ];
        for (what, spec, doc) in examples {
            let doc_json = doc.as_deref().map(serde_json::from_str::<serde_json::Value>);
            match (spec, doc_json) {
                (None, None) => {}
                (Some(_), None) => push(&mut r, What::Example, format!("{what}: in the spec, not in the document")),
                (None, Some(_)) => push(&mut r, What::Example, format!("{what}: in the document, not in the spec")),
                (Some(_), Some(Err(err))) => {
                    push(&mut r, What::Example, format!("{what}: the document's example is not JSON ({err})"))
                }
                (Some(s), Some(Ok(dj))) if s != &dj => {
                    push(&mut r, What::Example, format!("{what}: differs from the document's"))
                }
                _ => {}
            }
        }
    }
    r
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Full,
    /// Shared failure replies: presence and type only, as the document words them differently per endpoint.
    Shape,
}

/// One spec field as the document would show it.
struct Flat {
    path: String,
    ty: &'static str,
    required: bool,
    desc: String,
    values: Option<Vec<(String, String)>>,
    max_bytes: Option<u64>,
    max_chars: Option<u64>,
    departs: Vec<Departure>,
}

fn object_flat(api: &Api, object: Option<ObjectUse>, reply: bool) -> Vec<Flat> {
    let Some(object) = object else { return Vec::new() };
    flatten_fields(api, &api.fields_of(&object), reply)
}

fn flatten_fields(api: &Api, fields: &[Field], reply: bool) -> Vec<Flat> {
    let mut out = Vec::new();
    flatten_into(api, fields, "", reply, &mut out);
    out
}

fn flatten_into(api: &Api, fields: &[Field], prefix: &str, reply: bool, out: &mut Vec<Flat>) {
    for f in fields {
        let path = if prefix.is_empty() { f.wire.clone() } else { format!("{prefix}.{}", f.wire) };
        let (ty, values) = describe(api, &f.ty);
        out.push(Flat {
            path: path.clone(),
            ty,
            required: f.required && !reply,
            desc: f.desc.clone(),
            values,
            max_bytes: f.limits.max_bytes,
            max_chars: f.limits.max_chars,
            departs: f.departs.clone(),
        });
        if let Type::Object(u) = f.ty.leaf() {
            flatten_into(api, &api.fields_of(u), &path, reply, out);
        }
    }
}

/// The document's type word for a spec type, and the enum values this use lists.
fn describe(api: &Api, ty: &Type) -> (&'static str, Option<Vec<(String, String)>>) {
    match ty {
        Type::String => ("str", None),
        Type::Integer => ("int", None),
        Type::File => ("File", None),
        Type::Untyped => ("", None),
        Type::Switch([a, b]) => ("int", Some(vec![("0".into(), a.clone()), ("1".into(), b.clone())])),
        Type::Enum(eu) => {
            let Some(en) = api.enum_def(&eu.name) else { return ("", None) };
            let ty = if en.kind == EnumKind::String { "str" } else { "int" };
            let vals = en
                .values
                .iter()
                .filter(|v| eu.only.as_ref().is_none_or(|o| o.contains(&v.value)))
                .map(|v| {
                    let k = value_key(&v.value);
                    let label = eu.labels.get(&k).cloned().unwrap_or_else(|| v.label.clone());
                    (k, label)
                })
                .collect();
            (ty, Some(vals))
        }
        Type::Object(_) => ("object", None),
        Type::Array(inner) => ("array", describe(api, inner).1),
    }
}

fn compare_table(r: &mut Report, op: &str, table: &str, spec: &[Flat], doc: &DocTable, mode: Mode) {
    use DepartureKind as K;
    let place = |p: &str| format!("{op} {table}.{p}");
    let record = |r: &mut Report, path: &str, what: DepartureKind, message: String, departs: &[Departure]| {
        let d = Difference { place: place(path), what: What::Field(what), message };
        match departs.iter().find(|x| x.what == what) {
            Some(dep) => r.accepted.push((d, dep.why.clone())),
            None => r.differences.push(d),
        }
    };
    for df in &doc.fields {
        if !spec.iter().any(|s| s.path == df.path) {
            record(r, &df.path, K::Field, format!("in the document (line {}), not in the spec", df.line), &[]);
        }
    }
    for s in spec {
        let Some(df) = doc.fields.iter().find(|d| d.path == s.path) else {
            record(r, &s.path, K::Field, "in the spec, not in the document".into(), &s.departs);
            continue;
        };
        let at = format!("(document line {})", df.line);
        if s.ty != df.ty {
            record(r, &s.path, K::Type, format!("spec `{}`, document `{}` {at}", s.ty, df.ty), &s.departs);
        }
        if mode == Mode::Shape {
            continue;
        }
        if s.required != df.required {
            record(r, &s.path, K::Required, format!("spec {}, document {} {at}", s.required, df.required), &s.departs);
        }
        if squash(&s.desc) != squash(&df.desc) {
            record(r, &s.path, K::Desc, format!("spec `{}`, document `{}` {at}", s.desc, df.desc), &s.departs);
        }
        if (s.max_bytes, s.max_chars) != (df.max_bytes, df.max_chars) {
            let msg = format!(
                "spec {}, document {} {at}",
                limit_text(s.max_bytes, s.max_chars),
                limit_text(df.max_bytes, df.max_chars)
            );
            record(r, &s.path, K::Limit, msg, &s.departs);
        }
        let spec_vals = s.values.clone().unwrap_or_default();
        let mut a = spec_vals.clone();
        let mut b = df.values.clone();
        a.sort();
        b.sort();
        if a != b {
            let show =
                |v: &[(String, String)]| v.iter().map(|(k, l)| format!("{k}-{l}")).collect::<Vec<_>>().join("; ");
            record(
                r,
                &s.path,
                K::Enum,
                format!("spec [{}], document [{}] {at}", show(&spec_vals), show(&df.values)),
                &s.departs,
            );
        }
    }
}

fn limit_text(bytes: Option<u64>, chars: Option<u64>) -> String {
    match (bytes, chars) {
        (Some(b), None) => format!("{b} bytes"),
        (None, Some(c)) => format!("{c} characters"),
        (None, None) => "no limit".into(),
        (Some(b), Some(c)) => format!("{b} bytes and {c} characters"),
    }
}

/// Whitespace never carries meaning in the document's prose (it varies between copies of a sentence).
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
