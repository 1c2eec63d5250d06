//! Field-by-field comparison of the spec with a parsed document.

mod channels;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::identify::route_key;
use super::parse::{DocEndpoint, DocRange, DocTable};
use crate::model::*;

pub use channels::{audit_channels, StaleChannelDeparture};

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
    /// What the document's header says of it (its API level) against `api.yaml`.
    Document,
    /// An endpoint on one side only, or its name, description, URI or API level.
    Endpoint,
    /// A channel entry on one side only, or its name, placeholders, messages, or the GET that
    /// reads its update back.
    Channel,
    Example,
    /// One aspect of a field; the spec may declare it with a `departs` entry of that kind.
    Field(DepartureKind),
}

impl fmt::Display for What {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            What::Document => f.write_str("document"),
            What::Endpoint => f.write_str("endpoint"),
            What::Channel => f.write_str("channel"),
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

/// The audit of one document: the endpoints the spec takes from it, which decide whether it passes;
/// and, for information, how the document differs where the spec follows another edition.
#[derive(Debug, Default)]
pub struct Report {
    /// The audited document: a `source` of `api.yaml`, and its label there.
    pub source: String,
    pub document: String,
    /// How the document was recognized, when it was (see `identify`).
    pub identified_by: Option<String>,
    pub differences: Vec<Difference>,
    /// Differences the spec declares with `departs`, with its reason.
    pub accepted: Vec<(Difference, String)>,
    pub stale: Vec<StaleDeparture>,
    pub endpoints_compared: usize,
    /// Informational: the document's endpoints that the spec takes from another edition, compared
    /// all the same, one entry per edition followed.
    pub other_editions: Vec<EditionComparison>,
    /// Informational: endpoints of this document the spec does not have, when the spec lists a later
    /// edition of it (whose absence from the spec is judged by that edition's audit).
    pub not_taken: Vec<Difference>,
    /// Informational: endpoints the spec takes from a later edition of this document that this
    /// document does not have (added since).
    pub added_later: Vec<Difference>,
    /// Informational: `departs` entries that excuse nothing in this document but are also reached
    /// from endpoints of other editions, where they may; this document alone cannot call them stale.
    pub not_judged: Vec<StaleDeparture>,
    /// The document is the push service's: it has channel entries, not endpoints.
    pub channel_document: bool,
    /// Its entries compared with the spec's channels, and the channel patterns they are on.
    pub channels_compared: usize,
    pub channel_patterns_compared: usize,
    /// Channel `departs` entries that excuse nothing.
    pub stale_channels: Vec<StaleChannelDeparture>,
}

/// How a document differs from the spec at endpoints the spec takes from another edition.
#[derive(Debug, Default)]
pub struct EditionComparison {
    /// The edition the spec follows for them: a `source` of `api.yaml`, and its label there.
    pub source: String,
    pub document: String,
    pub endpoints_compared: usize,
    pub differences: Vec<Difference>,
    /// Differences the spec declares with `departs` (from the edition it follows), with the reason.
    pub accepted: Vec<(Difference, String)>,
}

impl Report {
    /// No difference the spec does not declare, and no declaration without its difference, in the
    /// endpoints the spec takes from this document. What differs between editions never fails.
    pub fn passes(&self) -> bool {
        self.differences.is_empty() && self.stale_count() == 0
    }

    /// Departures, of fields, endpoints or channels, that excuse nothing.
    pub fn stale_count(&self) -> usize {
        self.stale.len() + self.stale_channels.len()
    }

    fn has_other_editions(&self) -> bool {
        !self.other_editions.is_empty()
            || !self.not_taken.is_empty()
            || !self.added_later.is_empty()
            || !self.not_judged.is_empty()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.document.is_empty() {
            write!(f, "document: {} (`{}`)", self.document, self.source)?;
            if let Some(by) = &self.identified_by {
                write!(f, ", recognized by {by}")?;
            }
            writeln!(f)?;
        }
        for d in &self.differences {
            writeln!(f, "{}: {}: {}", d.place, d.what, d.message)?;
        }
        if self.stale_count() > 0 {
            writeln!(f, "stale departures (declared in the spec, but no such difference):")?;
            for s in &self.stale {
                writeln!(f, "  {}", stale_line(s))?;
            }
            for s in &self.stale_channels {
                let d = &s.departure;
                let at = d.at.as_deref().map(|a| format!(" `{a}`")).unwrap_or_default();
                writeln!(
                    f,
                    "  {}: {}{at}: `departs` at document line {} (document: {})",
                    s.channel,
                    d.what.as_str(),
                    d.line,
                    d.doc
                )?;
            }
        }
        if !self.accepted.is_empty() {
            writeln!(f, "accepted departures (declared in the spec):")?;
            for (d, why) in &self.accepted {
                writeln!(f, "  {}: {}: {} ({why})", d.place, d.what, d.message)?;
            }
        }
        if self.has_other_editions() {
            writeln!(f, "between editions (for information; never fails the audit):")?;
        }
        for c in &self.other_editions {
            writeln!(
                f,
                "  the spec follows {} (`{}`) for {} endpoint(s) of this document; where this document differs:",
                c.document, c.source, c.endpoints_compared
            )?;
            for d in &c.differences {
                writeln!(f, "    {}: {}: {}", d.place, d.what, d.message)?;
            }
            for (d, why) in &c.accepted {
                writeln!(f, "    {}: {}: {} (a declared departure: {why})", d.place, d.what, d.message)?;
            }
        }
        if !self.not_taken.is_empty() {
            writeln!(f, "  in this document, not in the spec (a later edition is listed in api.yaml):")?;
            for d in &self.not_taken {
                writeln!(f, "    {}: {}", d.place, d.message)?;
            }
        }
        if !self.added_later.is_empty() {
            writeln!(f, "  in the spec from a later edition, not in this document:")?;
            for d in &self.added_later {
                writeln!(f, "    {}: {}", d.place, d.message)?;
            }
        }
        if !self.not_judged.is_empty() {
            writeln!(f, "  departures that excuse nothing here, also reached from endpoints of other editions:")?;
            for s in &self.not_judged {
                writeln!(f, "    {}", stale_line(s))?;
            }
        }
        if self.has_other_editions() {
            let compared: usize = self.other_editions.iter().map(|c| c.endpoints_compared).sum();
            let differences: usize = self.other_editions.iter().map(|c| c.differences.len()).sum();
            writeln!(
                f,
                "between editions: {compared} endpoint(s) the spec takes from another edition, {differences} difference(s); \
                 {} endpoint(s) not in the spec; {} endpoint(s) of a later edition not in this document",
                self.not_taken.len(),
                self.added_later.len()
            )?;
        }
        if self.channel_document {
            write!(
                f,
                "{} channel entr(ies) on {} pattern(s) compared, {} difference(s), {} stale departure(s)",
                self.channels_compared,
                self.channel_patterns_compared,
                self.differences.len(),
                self.stale_count()
            )
        } else {
            write!(
                f,
                "{} endpoint(s) compared, {} difference(s), {} stale departure(s)",
                self.endpoints_compared,
                self.differences.len(),
                self.stale_count()
            )
        }
    }
}

fn stale_line(s: &StaleDeparture) -> String {
    let d = &s.departure;
    format!("{}: {}: `departs` on {} (document: {})", s.place, d.what, s.declared_on, d.doc)
}

/// Where one comparison's findings go: the audit's own, or an informational edition's.
struct Sink<'a> {
    differences: &'a mut Vec<Difference>,
    accepted: &'a mut Vec<(Difference, String)>,
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

    /// The entries that excused nothing: those no other edition's endpoint reaches, and those one does.
    fn stale(self, reached_elsewhere: &BTreeSet<String>) -> (Vec<StaleDeparture>, Vec<StaleDeparture>) {
        let (mut stale, mut elsewhere) = (Vec::new(), Vec::new());
        for (key, e) in self.entries {
            if e.excused {
                continue;
            }
            let s = StaleDeparture { place: e.judged_at, declared_on: e.declared_on, departure: e.departure };
            if reached_elsewhere.contains(&key) {
                elsewhere.push(s);
            } else {
                stale.push(s);
            }
        }
        stale.sort_by(|a, b| a.place.cmp(&b.place));
        elsewhere.sort_by(|a, b| a.place.cmp(&b.place));
        (stale, elsewhere)
    }
}

/// Compares the spec with the parsed document `doc`, which is the spec's document `source`.
///
/// The endpoints the spec takes from `source` are compared both ways: one missing on either side, or
/// differing, is a difference. An endpoint of `doc` that the spec takes from another edition is
/// compared too, for information only. An endpoint of `doc` the spec lacks is a difference, unless
/// `api.yaml` lists a later edition of the document: the spec then follows that edition, whose own
/// audit reports what the spec lacks. Spec endpoints of other editions absent from `doc` are no
/// concern of this document.
pub fn audit(api: &Api, doc: &[DocEndpoint], source: &str) -> Report {
    let mut r = Report {
        source: source.to_owned(),
        document: api.document(source).map(Document::label).unwrap_or_default(),
        ..Default::default()
    };
    let mut declared = Declared::default();
    let earlier = api.document(source).is_some_and(|d| later_edition(api, d).is_some());
    let spec_by_route: BTreeMap<String, &Endpoint> =
        api.endpoints.iter().map(|e| (route_key(e.method.as_str(), &e.uri), e)).collect();
    let doc_by_route: BTreeMap<String, &DocEndpoint> = doc.iter().map(|d| (route_key(&d.method, &d.uri), d)).collect();
    let mut others: BTreeMap<&str, EditionComparison> = BTreeMap::new();
    for d in doc {
        match spec_by_route.get(&route_key(&d.method, &d.uri)) {
            None if earlier => r.not_taken.push(Difference {
                place: format!("{} {} (document line {})", d.method, d.uri, d.line),
                what: What::Endpoint,
                message: format!("`{}`", d.name),
            }),
            None => r.differences.push(Difference {
                place: format!("{} {} (document line {})", d.method, d.uri, d.line),
                what: What::Endpoint,
                message: format!("`{}` is in the document but not in the spec", d.name),
            }),
            Some(e) if e.source == source => {}
            Some(e) => {
                let c = others.entry(e.source.as_str()).or_insert_with(|| EditionComparison {
                    source: e.source.clone(),
                    document: api.document(&e.source).map(Document::label).unwrap_or_default(),
                    ..Default::default()
                });
                c.endpoints_compared += 1;
                // Departures are declared against the edition the spec follows; whether they are
                // stale is for that edition's audit, so this bookkeeping is thrown away.
                let mut sink = Sink { differences: &mut c.differences, accepted: &mut c.accepted };
                compare_endpoint(api, e, d, &mut sink, &mut Declared::default());
            }
        }
    }
    for e in api.endpoints.iter().filter(|e| e.source == source) {
        let Some(d) = doc_by_route.get(&route_key(e.method.as_str(), &e.uri)) else {
            r.differences.push(Difference {
                place: e.operation.clone(),
                what: What::Endpoint,
                message: format!("{} {} is in the spec ({}) but not in the document", e.method.as_str(), e.uri, e.file),
            });
            continue;
        };
        r.endpoints_compared += 1;
        let mut sink = Sink { differences: &mut r.differences, accepted: &mut r.accepted };
        compare_endpoint(api, e, d, &mut sink, &mut declared);
    }
    if let Some(this) = api.document(source) {
        let later = |e: &&Endpoint| api.document(&e.source).is_some_and(|d| is_later(d, this));
        for e in api.endpoints.iter().filter(later) {
            if !doc_by_route.contains_key(&route_key(e.method.as_str(), &e.uri)) {
                let from = api.document(&e.source).map(Document::label).unwrap_or_default();
                r.added_later.push(Difference {
                    place: e.operation.clone(),
                    what: What::Endpoint,
                    message: format!("{} {} ({}), from {from}", e.method.as_str(), e.uri, e.file),
                });
            }
        }
    }
    // In the order api.yaml lists the editions.
    for listed in &api.documents {
        r.other_editions.extend(others.remove(listed.source.as_str()));
    }
    r.other_editions.extend(others.into_values());
    let elsewhere = reached_from_other_editions(api, source);
    (r.stale, r.not_judged) = declared.stale(&elsewhere);
    r
}

/// A later edition of `d` listed in api.yaml: the same title, and a higher API level, or the same
/// level and a higher version (compared number by number: `V6.10` is after `V6.9`).
pub(crate) fn later_edition<'a>(api: &'a Api, d: &Document) -> Option<&'a Document> {
    api.documents.iter().find(|o| is_later(o, d))
}

/// Whether `a` is a later edition of `b`'s document.
fn is_later(a: &Document, b: &Document) -> bool {
    let key = |x: &Document| (x.api_level, version_numbers(&x.version));
    a.title == b.title && a.source != b.source && key(a) > key(b)
}

/// The runs of digits of a version, each as (digit count without leading zeros, digits): ordered as
/// numbers of any length would be, with nothing to overflow.
fn version_numbers(v: &str) -> Vec<(usize, String)> {
    v.split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .map(|run| {
            let digits = run.trim_start_matches('0');
            (digits.len(), digits.to_owned())
        })
        .collect()
}

/// The `departs` entries that endpoints taken from other documents reach (through shared shapes).
fn reached_from_other_editions(api: &Api, source: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for e in api.endpoints.iter().filter(|e| e.source != source) {
        for flat in endpoint_tables(api, e).into_iter().flat_map(|(_, flats, ..)| flats) {
            keys.extend(flat.departs.into_iter().map(|d| d.key));
        }
    }
    keys
}

/// The document's table that a spec table is compared with.
type DocTableOf = fn(&DocEndpoint) -> &DocTable;

/// The spec's four tables of an endpoint as the document lays them out: name, fields, the document's
/// table, how compared.
fn endpoint_tables(api: &Api, e: &Endpoint) -> [(&'static str, Vec<Flat>, DocTableOf, Mode); 4] {
    let parameters = format!("{} parameters", e.operation);
    [
        ("parameters", flatten_fields(api, &e.parameters, &[], &parameters, false), |d| &d.parameters, Mode::Full),
        ("params", object_flat(api, e.params_use(), false), |d| &d.params, Mode::Full),
        ("reply", object_flat(api, e.reply.as_deref().map(ObjectUse::plain), true), |d| &d.reply, Mode::Full),
        ("failure", object_flat(api, Some(ObjectUse::plain(&e.failure)), true), |d| &d.failure, Mode::Shape),
    ]
}

fn compare_endpoint(api: &Api, e: &Endpoint, d: &DocEndpoint, sink: &mut Sink, declared: &mut Declared) {
    let op = e.operation.as_str();
    let mut push = |what: What, message: String| {
        sink.differences.push(Difference { place: op.to_owned(), what, message });
    };
    if e.name != d.name {
        push(What::Endpoint, format!("name: spec `{}`, document `{}`", e.name, d.name));
    }
    let own = endpoint_declarations(e);
    let span = (d.line, d.end_line);
    declared.judge(&own, &DepartureKind::ALL, op);
    // An endpoint's own entry excuses a difference of its kind at its place; `place` is `None`
    // for the description.
    let mut excused_here = |what: DepartureKind, place: Option<&str>, found: Option<usize>| {
        let hit = own.iter().find(|x| x.at.as_deref() == place && x.excuses(what, found, span));
        hit.map(|x| {
            declared.excuse(&x.key);
            x.departure.why.clone()
        })
    };
    if squash(&e.description) != squash(&d.description) {
        let message = format!("description: spec `{}`, document `{}`", e.description, d.description);
        let found = Some(d.description_line).filter(|l| *l > 0);
        match excused_here(DepartureKind::Description, None, found) {
            Some(why) => sink.accepted.push((Difference { place: op.to_owned(), what: What::Endpoint, message }, why)),
            None => push(What::Endpoint, message),
        }
    }
    // Matched by route, so only placeholder names can differ here.
    if e.uri != d.uri.trim() {
        push(What::Endpoint, format!("URI: spec `{}`, document `{}`", e.uri, d.uri));
    }
    if let Some(level) = d.min_api_level.filter(|l| *l != e.min_api_level) {
        push(What::Endpoint, format!("min_api_level: spec {}, document {level}", e.min_api_level));
    }
    let examples = [
        ("params_example", &e.params_example, &d.params_example),
        ("reply_example", &e.reply_example, &d.reply_example),
        ("failure_example", &e.failure_example, &d.failure_example),
    ];
    for (what, spec, doc) in examples {
        let doc_json = doc.as_deref().map(serde_json::from_str::<serde_json::Value>);
        let message = match (spec, doc_json) {
            (None, None) => continue,
            (Some(_), None) => format!("{what}: in the spec, not in the document"),
            (None, Some(_)) => format!("{what}: in the document, not in the spec"),
            (Some(_), Some(Err(err))) => format!("{what}: the document's example is not JSON ({err})"),
            (Some(s), Some(Ok(dj))) if s != &dj => format!("{what}: differs from the document's"),
            _ => continue,
        };
        let difference = Difference { place: op.to_owned(), what: What::Example, message };
        match excused_here(DepartureKind::Example, Some(what), None) {
            Some(why) => sink.accepted.push((difference, why)),
            None => sink.differences.push(difference),
        }
    }
    for (table, spec, doc_table, mode) in endpoint_tables(api, e) {
        let at = Table { op, name: table, own: &own, span };
        compare_table(sink, declared, &at, &spec, doc_table(d), mode);
    }
}

/// The table being compared: its endpoint's operation, its name, the endpoint's own `departs`
/// entries, and the document lines the endpoint spans.
struct Table<'a> {
    op: &'a str,
    name: &'a str,
    own: &'a [Declaration],
    span: (usize, usize),
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
    range: DocRange,
    /// The extensions a file field accepts, which the document's tables never state.
    file_types: Option<Vec<String>>,
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
    /// Where an endpoint's entry applies (`parameters.params`, `reply_example`); `None` on a field's
    /// entry, and on an endpoint's description.
    at: Option<String>,
}

impl Declaration {
    /// Whether it excuses a `what` difference found at document line `found` (`None`: a difference
    /// with no line, such as a row the document lacks) in an endpoint spanning `span`.
    fn excuses(&self, what: DepartureKind, found: Option<usize>, span: (usize, usize)) -> bool {
        self.departure.what == what
            && match (self.departure.line, found) {
                (None, _) => true,
                (Some(l), Some(f)) => l == f,
                (Some(l), None) => span.0 <= l && l <= span.1,
            }
    }
}

/// An endpoint's own `departs` entries.
fn endpoint_declarations(e: &Endpoint) -> Vec<Declaration> {
    e.departs
        .iter()
        .enumerate()
        .map(|(i, d)| Declaration {
            key: format!("{}#{i}", e.operation),
            declared_on: format!("{} {}", e.operation, d.at.as_deref().unwrap_or("description")),
            departure: d.departure.clone(),
            at: d.at.clone(),
        })
        .collect()
}

fn object_flat(api: &Api, object: Option<ObjectUse>, reply: bool) -> Vec<Flat> {
    let Some(object) = object else { return Vec::new() };
    let rules = api.object(&object.name).map_or(&[][..], |o| &o.rules);
    flatten_fields(api, &api.fields_of(&object), rules, &object.name, reply)
}

fn flatten_fields(api: &Api, fields: &[Field], rules: &[Rule], owner: &str, reply: bool) -> Vec<Flat> {
    let mut out = Vec::new();
    let mut within = vec![owner.to_owned()];
    flatten_into(api, fields, rules, &mut within, "", reply, &mut out);
    out
}

/// `within` holds the objects being flattened, outermost first (the last one owns `fields`): an
/// object that lists its own kind (a cascade's cascades) is shown once, as the document shows it.
fn flatten_into(
    api: &Api,
    fields: &[Field],
    rules: &[Rule],
    within: &mut Vec<String>,
    prefix: &str,
    reply: bool,
    out: &mut Vec<Flat>,
) {
    let owner = within.last().cloned().unwrap_or_default();
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
                at: None,
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
            range: DocRange { min: f.limits.min, max: f.limits.max, one_of: f.limits.one_of.clone() },
            file_types: api.file_extensions(&f.limits),
            departs,
        });
        if let Type::Object(u) = f.ty.leaf() {
            if within.contains(&u.name) {
                continue;
            }
            let rules = api.object(&u.name).map_or(&[][..], |o| &o.rules);
            within.push(u.name.clone());
            flatten_into(api, &api.fields_of(u), rules, within, &path, reply, out);
            within.pop();
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

fn compare_table(r: &mut Sink, declared: &mut Declared, at: &Table, spec: &[Flat], doc: &DocTable, mode: Mode) {
    use DepartureKind as K;
    let (op, table) = (at.op, at.name);
    let place = |p: &str| format!("{op} {table}.{p}");
    let mut excused = Vec::new();
    // A difference at `path` (document line `found`, when the document has the row) is excused by
    // an entry of its kind on the spec field, or on the endpoint at that place.
    let mut record =
        |r: &mut Sink, path: &str, what: K, message: String, departs: &[Declaration], found: Option<usize>| {
            let d = Difference { place: place(path), what: What::Field(what), message };
            let here = format!("{table}.{path}");
            let own = at.own.iter().filter(|x| x.at.as_deref() == Some(here.as_str()));
            match departs.iter().chain(own).find(|x| x.excuses(what, found, at.span)) {
                Some(dep) => {
                    excused.push(dep.key.clone());
                    r.accepted.push((d, dep.departure.why.clone()))
                }
                None => r.differences.push(d),
            }
        };
    for df in &doc.fields {
        if !spec.iter().any(|s| s.path == df.path) {
            let message = format!("in the document (line {}), not in the spec", df.line);
            record(r, &df.path, K::Field, message, &[], Some(df.line));
        }
    }
    for s in spec {
        let Some(df) = doc.fields.iter().find(|d| d.path == s.path) else {
            declared.judge(&s.departs, &[K::Field], &place(&s.path));
            record(r, &s.path, K::Field, "in the spec, not in the document".into(), &s.departs, None);
            continue;
        };
        let compared: &[DepartureKind] = if mode == Mode::Shape { &[K::Field, K::Type] } else { K::FIELD };
        declared.judge(&s.departs, compared, &place(&s.path));
        let found = Some(df.line);
        let at = format!("(document line {})", df.line);
        if s.ty != df.ty {
            record(r, &s.path, K::Type, format!("spec `{}`, document `{}` {at}", s.ty, df.ty), &s.departs, found);
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
            record(
                r,
                &s.path,
                K::Required,
                format!("spec {spec_required}, document {} {at}", df.required),
                &s.departs,
                found,
            );
        }
        if squash(&s.desc) != squash(&df.desc) {
            record(r, &s.path, K::Desc, format!("spec `{}`, document `{}` {at}", s.desc, df.desc), &s.departs, found);
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
            record(r, &s.path, K::Limit, format!("spec {spec_limit}, document {doc_limit} {at}"), &s.departs, found);
        }
        if let Some(types) = &s.file_types {
            let msg = format!("spec a file of type {}, document no type stated {at}", types.join(", "));
            record(r, &s.path, K::Limit, msg, &s.departs, found);
        }
        if s.range != df.range {
            let msg = format!("spec {}, document {} {at}", range_text(&s.range), range_text(&df.range));
            record(r, &s.path, K::Limit, msg, &s.departs, found);
        }
        // The spec may know a format the document leaves to its examples; only a stated one is compared.
        if let Some(doc_format) = &df.format {
            if s.format != Some(doc_format.as_str()) {
                let msg = format!(
                    "spec {}, document `{doc_format}` {at}",
                    s.format.map_or("none".into(), |f| format!("`{f}`"))
                );
                record(r, &s.path, K::Format, msg, &s.departs, found);
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
                found,
            );
        }
    }
    for key in excused {
        declared.excuse(&key);
    }
}

fn range_text(r: &DocRange) -> String {
    let list = |v: &[i64]| v.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    match (r.min, r.max, &r.one_of) {
        (_, _, Some(set)) => format!("one of {}", list(set)),
        (Some(a), Some(b), None) => format!("{a} to {b}"),
        (Some(a), None, None) => format!("at least {a}"),
        (None, Some(b), None) => format!("at most {b}"),
        (None, None, None) => "no range".into(),
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
