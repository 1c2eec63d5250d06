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

/// A `departs` entry that excuses no difference: the document was corrected, or the spec was.
#[derive(Debug, Clone, PartialEq)]
pub struct StaleDeparture {
    /// Where the field was first compared: `create_conf params.vmp.members`.
    pub place: String,
    /// The object (or `operation parameters`) and field that carry the entry.
    pub declared_on: String,
    pub departure: Departure,
}

#[derive(Debug, Default)]
pub struct Report {
    pub differences: Vec<Difference>,
    /// Differences the spec declares with `departs`, with its reason.
    pub accepted: Vec<(Difference, String)>,
    pub stale: Vec<StaleDeparture>,
    pub endpoints_compared: usize,
}

impl Report {
    /// No difference the spec does not declare, and no declaration without its difference.
    pub fn passes(&self) -> bool {
        self.differences.is_empty() && self.stale.is_empty()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.differences {
            writeln!(f, "{}: {}: {}", d.place, d.what, d.message)?;
        }
        if !self.stale.is_empty() {
            writeln!(f, "stale departures (declared in the spec, but no such difference):")?;
            for s in &self.stale {
                let d = &s.departure;
                writeln!(f, "  {}: {}: `departs` on {} (document: {})", s.place, d.what, s.declared_on, d.doc)?;
            }
        }
        if !self.accepted.is_empty() {
            writeln!(f, "accepted departures (declared in the spec):")?;
            for (d, why) in &self.accepted {
                writeln!(f, "  {}: {}: {} ({why})", d.place, d.what, d.message)?;
            }
        }
        write!(
            f,
            "{} endpoint(s) compared, {} difference(s), {} stale departure(s)",
            self.endpoints_compared,
            self.differences.len(),
            self.stale.len()
        )
    }
}

/// Every `departs` entry met during an audit: whether its aspect was compared, and whether it excused
/// a difference. Shapes appear in many places; an entry is stale only if it excused nothing anywhere.
#[derive(Default)]
struct Declared {
    /// Keyed by owner, field and position, so that every use of a shape meets the same entry.
    entries: BTreeMap<String, Entry>,
}

struct Entry {
    declared_on: String,
    departure: Departure,
    /// The first place where its aspect was compared.
    judged_at: String,
    excused: bool,
}

impl Declared {
    fn judge(&mut self, departs: &[Declaration], kinds: &[DepartureKind], place: &str) {
        for d in departs.iter().filter(|d| kinds.contains(&d.departure.what)) {
            self.entries.entry(d.key.clone()).or_insert_with(|| Entry {
                declared_on: d.declared_on.clone(),
                departure: d.departure.clone(),
                judged_at: place.to_owned(),
                excused: false,
            });
        }
    }

    fn excuse(&mut self, key: &str) {
        if let Some(e) = self.entries.get_mut(key) {
            e.excused = true;
        }
    }

    fn stale(self) -> Vec<StaleDeparture> {
        let mut v: Vec<StaleDeparture> = self
            .entries
            .into_values()
            .filter(|e| !e.excused)
            .map(|e| StaleDeparture { place: e.judged_at, declared_on: e.declared_on, departure: e.departure })
            .collect();
        v.sort_by(|a, b| a.place.cmp(&b.place));
        v
    }
}

/// Compares the endpoints of `api` that come from the document titled like `doc_title` (or all, when
/// no document of the spec matches) with the parsed `doc`.
pub fn audit(api: &Api, doc: &[DocEndpoint], source: Option<&str>) -> Report {
    let mut r = Report::default();
    let mut declared = Declared::default();
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
        let parameters = format!("{op} parameters");
        let tables: [(&str, Vec<Flat>, &DocTable, Mode); 4] = [
            ("parameters", flatten_fields(api, &e.parameters, &[], &parameters, false), &d.parameters, Mode::Full),
            ("params", object_flat(api, e.params_use(), false), &d.params, Mode::Full),
            ("reply", object_flat(api, e.reply.as_deref().map(ObjectUse::plain), true), &d.reply, Mode::Full),
            ("failure", object_flat(api, Some(ObjectUse::plain(&e.failure)), true), &d.failure, Mode::Shape),
        ];
        for (table, spec, doc_table, mode) in tables {
            compare_table(&mut r, &mut declared, &e.operation, table, &spec, doc_table, mode);
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
    r.stale = declared.stale();
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
    required: Required,
    desc: String,
    values: Option<Vec<(String, String)>>,
    max_bytes: Option<u64>,
    max_chars: Option<u64>,
    telephone: Option<Telephone>,
    format: Option<&'static str>,
    departs: Vec<Declaration>,
}

#[derive(PartialEq)]
enum Required {
    No,
    Yes,
    /// Marked required, but a rule lifts it when its condition fails: what the document's `*` cannot say.
    When(String),
}

/// A `departs` entry and where it is written.
struct Declaration {
    key: String,
    declared_on: String,
    departure: Departure,
}

fn object_flat(api: &Api, object: Option<ObjectUse>, reply: bool) -> Vec<Flat> {
    let Some(object) = object else { return Vec::new() };
    let rules = api.object(&object.name).map_or(&[][..], |o| &o.rules);
    flatten_fields(api, &api.fields_of(&object), rules, &object.name, reply)
}

fn flatten_fields(api: &Api, fields: &[Field], rules: &[Rule], owner: &str, reply: bool) -> Vec<Flat> {
    let mut out = Vec::new();
    flatten_into(api, fields, rules, owner, "", reply, &mut out);
    out
}

fn flatten_into(
    api: &Api,
    fields: &[Field],
    rules: &[Rule],
    owner: &str,
    prefix: &str,
    reply: bool,
    out: &mut Vec<Flat>,
) {
    for f in fields {
        let path = if prefix.is_empty() { f.wire.clone() } else { format!("{prefix}.{}", f.wire) };
        let (ty, values) = describe(api, &f.ty);
        let declared_on = format!("{owner}.{}", f.wire);
        let departs = f
            .departs
            .iter()
            .enumerate()
            .map(|(i, d)| Declaration {
                key: format!("{declared_on}#{i}"),
                declared_on: declared_on.clone(),
                departure: d.clone(),
            })
            .collect();
        out.push(Flat {
            path: path.clone(),
            ty,
            required: if reply { Required::No } else { required(f, rules) },
            desc: f.desc.clone(),
            values,
            max_bytes: f.limits.max_bytes,
            max_chars: f.limits.max_chars,
            telephone: f.limits.telephone,
            format: f.limits.format.map(|x| match x {
                Format::RgbHex => "#RRGGBB",
                Format::DateTime => "ISO 8601",
            }),
            departs,
        });
        if let Type::Object(u) = f.ty.leaf() {
            let rules = api.object(&u.name).map_or(&[][..], |o| &o.rules);
            flatten_into(api, &api.fields_of(u), rules, &u.name, &path, reply, out);
        }
    }
}

/// `others_optional` is left out: it switches the whole object into another mode, which the document
/// states in words too, so each field's `*` still holds in the usual mode.
fn required(f: &Field, rules: &[Rule]) -> Required {
    if !f.required {
        return Required::No;
    }
    let lifted = rules.iter().find_map(|r| match r {
        Rule::RequiredIf { fields, when, optional_otherwise: true, .. } if fields.contains(&f.wire) => Some(when),
        _ => None,
    });
    match lifted {
        Some(c) => Required::When(format!("`{}` {} {}", c.field, if c.equals { "is" } else { "is not" }, c.value)),
        None => Required::Yes,
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

fn compare_table(
    r: &mut Report,
    declared: &mut Declared,
    op: &str,
    table: &str,
    spec: &[Flat],
    doc: &DocTable,
    mode: Mode,
) {
    use DepartureKind as K;
    let place = |p: &str| format!("{op} {table}.{p}");
    let mut excused = Vec::new();
    let mut record = |r: &mut Report, path: &str, what: DepartureKind, message: String, departs: &[Declaration]| {
        let d = Difference { place: place(path), what: What::Field(what), message };
        match departs.iter().find(|x| x.departure.what == what) {
            Some(dep) => {
                excused.push(dep.key.clone());
                r.accepted.push((d, dep.departure.why.clone()))
            }
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
            declared.judge(&s.departs, &[K::Field], &place(&s.path));
            record(r, &s.path, K::Field, "in the spec, not in the document".into(), &s.departs);
            continue;
        };
        let compared: &[DepartureKind] = if mode == Mode::Shape { &[K::Field, K::Type] } else { &K::ALL };
        declared.judge(&s.departs, compared, &place(&s.path));
        let at = format!("(document line {})", df.line);
        if s.ty != df.ty {
            record(r, &s.path, K::Type, format!("spec `{}`, document `{}` {at}", s.ty, df.ty), &s.departs);
        }
        if mode == Mode::Shape {
            continue;
        }
        let spec_required = match &s.required {
            Required::No => "false".to_owned(),
            Required::Yes => "true".to_owned(),
            Required::When(c) => format!("required only when {c}"),
        };
        if s.required != if df.required { Required::Yes } else { Required::No } {
            record(r, &s.path, K::Required, format!("spec {spec_required}, document {} {at}", df.required), &s.departs);
        }
        if squash(&s.desc) != squash(&df.desc) {
            record(r, &s.path, K::Desc, format!("spec `{}`, document `{}` {at}", s.desc, df.desc), &s.departs);
        }
        // A telephone pattern, or a document limit that is not one number, never compares equal: a
        // person reads both and declares the reading.
        if (s.max_bytes, s.max_chars) != (df.max_bytes, df.max_chars)
            || s.telephone.is_some()
            || df.limit_text.is_some()
        {
            let mut spec_limit = limit_text(s.max_bytes, s.max_chars);
            if let Some(t) = s.telephone {
                spec_limit = format!(
                    "telephone [area code of at most {} digits-]number of at most {} digits[-extension of at most {} digits]",
                    t.area_code, t.number, t.extension
                );
            }
            let doc_limit = match &df.limit_text {
                Some(t) => format!("`{t}`"),
                None => limit_text(df.max_bytes, df.max_chars),
            };
            record(r, &s.path, K::Limit, format!("spec {spec_limit}, document {doc_limit} {at}"), &s.departs);
        }
        // The spec may know a format the document leaves to its examples; only a stated one is compared.
        if let Some(doc_format) = &df.format {
            if s.format != Some(doc_format.as_str()) {
                let msg = format!(
                    "spec {}, document `{doc_format}` {at}",
                    s.format.map_or("none".into(), |f| format!("`{f}`"))
                );
                record(r, &s.path, K::Format, msg, &s.departs);
            }
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
    for key in excused {
        declared.excuse(&key);
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
