//! Semantic checks and resolution. Every problem is recorded with its file and line; resolution
//! goes on past errors (with placeholders) so that one run reports them all.

mod channels;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use super::json;
use super::locate::LineIndex;
use super::raw::{self, FieldDef, OverrideDef, RuleDef};
use crate::diag::Diagnostics;
use crate::examples;
use crate::model::*;
use crate::names;

pub struct Parsed {
    pub name: String,
    pub index: LineIndex,
    pub spec: raw::SpecFile,
}

/// Where a node is: file and YAML path, turned into a line on demand.
#[derive(Clone, Copy)]
struct At<'a> {
    file: &'a Parsed,
}

impl At<'_> {
    fn line(&self, path: &str) -> usize {
        self.file.index.line(path)
    }
}

/// Where each global name was defined, for duplicate reports.
type Seen = HashMap<String, (String, usize)>;

struct Resolver<'d> {
    diags: &'d mut Diagnostics,
    enums: HashMap<String, Enum>,
    shape_names: HashSet<String>,
    text_rules: HashSet<String>,
    /// Text rules marked `secret`: a field that follows one is a secret.
    secret_text_rules: HashSet<String>,
    objects: Vec<Object>,
    type_names: Seen,
    /// Overrides and rules to check once every object exists: (file, yaml path, check).
    deferred: Vec<(String, usize, Deferred)>,
    /// The objects whose fields are being resolved, innermost last.
    owners: Vec<String>,
    /// Every object's use of another, for finding cycles.
    uses: Vec<ObjectEdge>,
}

/// `from` has a field holding `to` (a `ref`, or an inline object), declared at `file`:`line`; in a
/// list when `listed` (a Rust `Vec`, which may hold its own kind).
struct ObjectEdge {
    from: String,
    to: String,
    listed: bool,
    file: String,
    line: usize,
}

enum Deferred {
    Overrides {
        shape: String,
        overrides: BTreeMap<String, Override>,
    },
    /// An `at_most` path, checked once every object exists (shapes may come from later files).
    IntegerPath {
        fields: Vec<Field>,
        steps: Vec<String>,
    },
    /// A string field's default, checked against its lengths, text rule and format.
    TextDefault(Box<Field>),
}

pub fn resolve(files: &[Parsed], diags: &mut Diagnostics) -> Api {
    let mut r = Resolver {
        diags,
        enums: HashMap::new(),
        shape_names: HashSet::new(),
        text_rules: HashSet::new(),
        secret_text_rules: HashSet::new(),
        objects: Vec::new(),
        type_names: HashMap::new(),
        deferred: Vec::new(),
        owners: Vec::new(),
        uses: Vec::new(),
    };

    // api.yaml
    let mut info: Option<(&raw::ApiInfo, &Parsed)> = None;
    for f in files {
        if let Some(a) = &f.spec.api {
            if let Some((_, first)) = info {
                let line = f.index.line("api");
                r.err(f, line, format!("a second `api` section; the first is in {}", first.name));
            } else {
                info = Some((a, f));
            }
        }
    }
    let (title, documents, wire) = match info {
        Some((a, f)) => {
            let wire = r.wire(f, &a.wire);
            r.documents(f, &a.documents);
            let docs: Vec<Document> = a
                .documents
                .iter()
                .map(|d| Document {
                    source: d.source.clone(),
                    title: d.title.clone(),
                    version: d.version.clone(),
                    api_level: d.api_level,
                    level_from: d.level_from.clone(),
                })
                .collect();
            (a.title.clone(), docs, wire)
        }
        None => {
            r.diags.push("api.yaml", 1, "no `api` section in any spec file");
            (String::new(), Vec::new(), Wire::default())
        }
    };

    // Global names first, so references can be checked in any order.
    let mut enum_seen = Seen::new();
    let mut shape_seen = Seen::new();
    let mut rule_seen = Seen::new();
    for f in files {
        let at = At { file: f };
        for (i, e) in f.spec.enums.iter().enumerate() {
            r.unique(&mut enum_seen, &e.name, "enum", f, at.line(&format!("enums[{i}].name")));
        }
        for (i, s) in f.spec.shapes.iter().enumerate() {
            r.unique(&mut shape_seen, &s.name, "shape", f, at.line(&format!("shapes[{i}].name")));
            r.shape_names.insert(s.name.clone());
        }
        for (i, t) in f.spec.text_rules.iter().enumerate() {
            r.unique(&mut rule_seen, &t.name, "text rule", f, at.line(&format!("text_rules[{i}].name")));
            r.text_rules.insert(t.name.clone());
            if t.secret {
                r.secret_text_rules.insert(t.name.clone());
            }
        }
    }

    let mut enums = Vec::new();
    for f in files {
        for (i, e) in f.spec.enums.iter().enumerate() {
            let en = r.enum_def(f, &format!("enums[{i}]"), e);
            r.enums.entry(en.name.clone()).or_insert_with(|| en.clone());
            enums.push(en);
        }
    }

    let mut text_rules = Vec::new();
    for f in files {
        for (i, t) in f.spec.text_rules.iter().enumerate() {
            if t.forbidden.is_none() && t.allowed.is_none() && t.forbidden_at_edges.is_none() {
                let line = f.index.line(&format!("text_rules[{i}]"));
                r.err(f, line, format!("text rule `{}` states no characters", t.name));
            }
            text_rules.push(TextRule {
                name: t.name.clone(),
                desc: t.desc.clone(),
                forbidden: t.forbidden.clone(),
                forbidden_at_edges: t.forbidden_at_edges.clone(),
                allowed: t.allowed.clone(),
                secret: t.secret,
                note: t.note.clone(),
            });
        }
    }

    for f in files {
        for (i, s) in f.spec.shapes.iter().enumerate() {
            let path = format!("shapes[{i}]");
            r.object(f, &path, &s.name, &s.desc, &s.fields, &s.rules, None, true, true);
        }
    }

    r.check_cycles();

    let mut endpoints = Vec::new();
    let mut op_seen = Seen::new();
    let mut derived_seen = HashMap::new();
    let mut route_seen = HashMap::new();
    for f in files {
        for (i, e) in f.spec.endpoints.iter().enumerate() {
            let path = format!("endpoints[{i}]");
            let line = f.index.line(&format!("{path}.operation"));
            r.unique(&mut op_seen, &e.operation, "operation", f, line);
            r.unique_derived(&mut derived_seen, &e.operation, f, line);
            r.unique_route(&mut route_seen, e, &e.uri, f, f.index.line(&format!("{path}.uri")));
            for (j, a) in e.aliases.iter().enumerate() {
                r.unique_route(&mut route_seen, e, &a.uri, f, f.index.line(&format!("{path}.aliases[{j}].uri")));
            }
            if let Some(ep) = r.endpoint(f, &path, e, &documents, &wire) {
                endpoints.push(ep);
            }
        }
    }

    let mut errors = Vec::new();
    let mut code_seen = Seen::new();
    let mut role_seen = Seen::new();
    for f in files {
        for (i, e) in f.spec.errors.iter().enumerate() {
            r.unique(&mut code_seen, &e.code.to_string(), "error code", f, f.index.line(&format!("errors[{i}].code")));
            let role = r.error_role(f, &format!("errors[{i}]"), e, &mut role_seen);
            errors.push(ErrorCode { code: e.code, message: e.message.clone(), role });
        }
    }

    let push = r.push(files, &documents);
    let channels = r.channels(files, push.as_ref());

    let mut sources: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for f in files {
        let s = &f.spec;
        let kinds = [
            ("api", s.api.is_some()),
            ("enums", !s.enums.is_empty()),
            ("objects", !s.shapes.is_empty() || !s.endpoints.is_empty()),
            ("text_rules", !s.text_rules.is_empty()),
            ("endpoints", !s.endpoints.is_empty()),
            ("errors", !s.errors.is_empty()),
            ("channels", s.push.is_some() || !s.channels.is_empty()),
        ];
        for (k, present) in kinds {
            if present {
                sources.entry(k).or_default().push(f.name.clone());
            }
        }
    }
    let objects = std::mem::take(&mut r.objects);
    let mut api = Api {
        title,
        documents,
        wire,
        enums,
        objects,
        text_rules,
        endpoints,
        errors,
        push,
        channels,
        sources,
        lookup: Default::default(),
    };
    for i in 0..api.endpoints.len() {
        api.endpoints[i].paging = paging_of(&api, &api.endpoints[i]);
    }
    if let Some((_, f)) = info {
        check_level_from(f, &api, r.diags);
    }
    r.finish_deferred(&api);
    check_examples(files, &api, r.diags);
    channels::check(files, &api, r.diags);
    api
}

fn check_examples(files: &[Parsed], api: &Api, diags: &mut Diagnostics) {
    for f in files {
        for (i, e) in f.spec.endpoints.iter().enumerate() {
            let Some(ep) = api.endpoints.iter().find(|x| x.operation == e.operation) else { continue };
            let cases = [
                ("params_example", &e.params_example, ep.params_use(), true),
                ("reply_example", &e.reply_example, ep.reply.as_deref().map(ObjectUse::plain), false),
                ("failure_example", &e.failure_example, Some(ObjectUse::plain(&ep.failure)), false),
            ];
            for (key, text, object, request) in cases {
                let Some(text) = text else { continue };
                let path = format!("endpoints[{i}].{key}");
                let line = f.index.line(&path);
                let Some(object) = object else {
                    diags.push(
                        &f.name,
                        line,
                        format!("`{}`: {key} given, but the endpoint has no such object", e.operation),
                    );
                    continue;
                };
                match json::parse(text) {
                    // Block literals start on the line after the key.
                    Err(err) => {
                        diags.push(&f.name, line + err.line(), format!("`{}`: {key} is not JSON: {err}", e.operation))
                    }
                    Ok(v) => {
                        for p in examples::check(api, &object, &v, request) {
                            // A missing field is best shown at its parent; block literals start on the line after the key.
                            let shown = if p.message == examples::MISSING { parent(&p.path) } else { p.path.as_str() };
                            let l = line_of_path(text, shown).map_or(line, |i| line + 1 + i);
                            diags.push(
                                &f.name,
                                l,
                                format!(
                                    "`{}`: {key} contradicts the schema at `{}`: {}",
                                    e.operation, p.path, p.message
                                ),
                            );
                        }
                    }
                }
            }
        }
    }
}

/// A document's `level_from` names an operation that a client can call before anything else (it
/// needs no session and takes no parameters) and whose reply states the level (the wire's `level_reply_field`).
fn check_level_from(f: &Parsed, api: &Api, diags: &mut Diagnostics) {
    for (i, d) in api.documents.iter().enumerate() {
        let Some(op) = &d.level_from else { continue };
        let line = f.index.line(&format!("api.documents[{i}].level_from"));
        let Some(e) = api.endpoints.iter().find(|e| &e.operation == op) else {
            diags.push(&f.name, line, format!("document `{}`: level_from `{op}` is not an operation", d.source));
            continue;
        };
        if e.session != SessionNeed::None || e.caller_path().next().is_some() || e.caller_parameters().next().is_some()
        {
            let msg = format!(
                "document `{}`: level_from `{op}` must be callable before logging in, with no parameters",
                d.source
            );
            diags.push(&f.name, line, msg);
        }
        let reply = e.reply.as_deref().and_then(|r| api.object(r));
        let field = &api.wire.level_reply_field;
        if !reply.and_then(|r| r.field(field)).is_some_and(|l| l.ty == Type::Integer) {
            let msg = format!("document `{}`: level_from `{op}` has no integer `{field}` in its reply", d.source);
            diags.push(&f.name, line, msg);
        }
    }
}

/// The paging of an endpoint whose caller parameters include integer `start` and `count` and whose
/// reply has an integer `total` and exactly one array.
fn paging_of(api: &Api, e: &Endpoint) -> Option<Paging> {
    const START: &str = "start";
    const COUNT: &str = "count";
    const TOTAL: &str = "total";
    let param = |wire: &str| e.caller_parameters().find(|p| p.wire == wire && p.ty == Type::Integer);
    let (start, count) = (param(START)?, param(COUNT)?);
    let reply = api.object(e.reply.as_deref()?)?;
    let total = reply.fields.iter().find(|f| f.wire == TOTAL && f.ty == Type::Integer)?;
    let mut arrays = reply.fields.iter().filter(|f| matches!(f.ty, Type::Array(_)));
    let (items, None) = (arrays.next()?, arrays.next()) else { return None };
    Some(Paging {
        start: start.wire.clone(),
        count: count.wire.clone(),
        total: total.wire.clone(),
        items: items.wire.clone(),
    })
}

fn parent(path: &str) -> &str {
    path.rfind('.').map_or("", |i| &path[..i])
}

/// Best-effort line (0-based, within the example text) of a JSON path: each key is looked for at or
/// after the line of the one before it.
fn line_of_path(text: &str, path: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut at = None;
    for seg in path.split('.').filter(|s| !s.is_empty()) {
        let key = format!("\"{}\"", seg.split('[').next().unwrap_or(seg));
        let from = at.unwrap_or(0);
        at = Some(from + lines[from..].iter().position(|l| l.contains(&key))?);
    }
    at
}

impl Resolver<'_> {
    fn err(&mut self, f: &Parsed, line: usize, msg: impl Into<String>) {
        self.diags.push(&f.name, line, msg);
    }

    fn unique(&mut self, seen: &mut Seen, name: &str, what: &str, f: &Parsed, line: usize) {
        if let Some((file, l)) = seen.get(name) {
            let msg = format!("duplicate {what} `{name}` (first defined at {file}:{l})");
            self.err(f, line, msg);
        } else {
            seen.insert(name.to_owned(), (f.name.clone(), line));
        }
    }

    /// Operations are global across documents, and so is every name made from one (its request
    /// type, static, CLI command): two ids that make one name would make one of them unreachable.
    fn unique_derived(
        &mut self,
        seen: &mut HashMap<String, (String, String, usize)>,
        op: &str,
        f: &Parsed,
        line: usize,
    ) {
        let derived = names::OperationNames::of(op);
        for (what, name) in derived.all() {
            let key = format!("{what} {name}");
            match seen.get(&key) {
                Some((first, file, l)) if first != op => {
                    let msg = format!(
                        "operation `{op}` makes the {what} `{name}`, as operation `{first}` does (at {file}:{l}); rename one"
                    );
                    self.err(f, line, msg);
                }
                Some(_) => {}
                None => {
                    seen.insert(key, (op.to_owned(), f.name.clone(), line));
                }
            }
        }
    }

    /// A server routes `/a/{x}` and `/a/{y}` alike, so placeholder names do not tell endpoints apart.
    /// `uri` is the endpoint's own or one of its aliases: a request on either must reach one endpoint.
    fn unique_route(
        &mut self,
        seen: &mut HashMap<String, Route>,
        e: &raw::EndpointDef,
        uri: &str,
        f: &Parsed,
        line: usize,
    ) {
        let key = format!("{} {}", e.method, route_pattern(uri));
        let Some(first) = seen.get(&key) else {
            let route = Route { operation: e.operation.clone(), uri: uri.to_owned(), file: f.name.clone(), line };
            seen.insert(key, route);
            return;
        };
        let at = format!("{}:{}", first.file, first.line);
        let msg = if first.uri == uri {
            format!("duplicate endpoint `{} {uri}` (first defined at {at} by `{}`)", e.method, first.operation)
        } else {
            format!(
                "`{}`: {} {uri} is the same route as `{}` ({} {}, at {at}); placeholder names do not tell routes apart",
                e.operation, e.method, first.operation, e.method, first.uri
            )
        };
        self.err(f, line, msg);
    }

    /// A row's `role`, `why` and `session_expired`: a role names a constant, so it is snake_case and
    /// unique, and says why the row was chosen; the other two keys belong to a row with a role.
    fn error_role(&mut self, f: &Parsed, path: &str, e: &raw::ErrorDef, seen: &mut Seen) -> Option<ErrorRole> {
        let line = |key: &str| f.index.line(&format!("{path}.{key}"));
        let Some(name) = &e.role else {
            if e.why.is_some() {
                self.err(f, line("why"), format!("error {}: `why` explains a `role`, and the row has none", e.code));
            }
            if e.session_expired {
                let msg =
                    format!("error {}: `session_expired` marks a row with a `role`, and the row has none", e.code);
                self.err(f, line("session_expired"), msg);
            }
            return None;
        };
        if !names::is_snake_id(name) {
            self.err(f, line("role"), format!("error {}: role `{name}` must be snake_case ASCII", e.code));
        }
        self.unique(seen, name, "error role", f, line("role"));
        let why = match &e.why {
            Some(w) if !w.trim().is_empty() => w.clone(),
            _ => {
                self.err(f, line("role"), format!("error {}: role `{name}` needs a `why`", e.code));
                String::new()
            }
        };
        Some(ErrorRole { name: name.clone(), why, session_expired: e.session_expired })
    }

    /// What the call needs: nothing without a token, the login too unless `session: token` says not.
    fn session_need(&mut self, f: &Parsed, path: &str, e: &raw::EndpointDef, token: Option<Place>) -> SessionNeed {
        let line = f.index.line(&format!("{path}.session"));
        match (e.session.as_deref(), token) {
            (None, None) => SessionNeed::None,
            (None | Some("login"), Some(_)) => SessionNeed::Login,
            (Some("token"), Some(_)) => SessionNeed::Token,
            (Some(v @ ("token" | "login")), None) => {
                let msg = format!("`{}`: `session: {v}` on an endpoint that takes no token parameter", e.operation);
                self.err(f, line, msg);
                SessionNeed::None
            }
            (Some(other), _) => {
                let msg = format!("`{}`: unknown session `{other}` (token, login)", e.operation);
                self.err(f, line, msg);
                SessionNeed::Login
            }
        }
    }

    /// The other paths of an endpoint: absolute, not its own URI, with the same placeholders (a
    /// request on one is read as a request on the URI).
    fn aliases(&mut self, f: &Parsed, path: &str, e: &raw::EndpointDef) -> Vec<Alias> {
        let mut out = Vec::new();
        let mut own = uri_placeholders(&e.uri);
        own.sort();
        for (i, a) in e.aliases.iter().enumerate() {
            let line = f.index.line(&format!("{path}.aliases[{i}].uri"));
            let op = &e.operation;
            let mut placeholders = uri_placeholders(&a.uri);
            placeholders.sort();
            if !a.uri.starts_with('/') {
                self.err(f, line, format!("`{op}`: alias {} must start with /", a.uri));
            } else if a.uri == e.uri {
                self.err(f, line, format!("`{op}`: alias {} is the endpoint's own URI", a.uri));
            } else if placeholders != own {
                let msg = format!("`{op}`: alias {} must have the placeholders of the URI {}", a.uri, e.uri);
                self.err(f, line, msg);
            }
            if a.why.trim().is_empty() {
                let l = f.index.line(&format!("{path}.aliases[{i}].why"));
                self.err(f, l, format!("`{op}`: alias {} needs a `why` naming the document line", a.uri));
            }
            out.push(Alias { uri: a.uri.clone(), why: a.why.clone() });
        }
        out
    }

    fn type_name(&mut self, name: &str, f: &Parsed, line: usize) {
        if !names::is_pascal(name) {
            self.err(f, line, format!("type name `{name}` must be PascalCase ASCII"));
        }
        let mut seen = std::mem::take(&mut self.type_names);
        self.unique(&mut seen, name, "type name", f, line);
        self.type_names = seen;
    }

    fn enum_def(&mut self, f: &Parsed, path: &str, e: &raw::EnumDef) -> Enum {
        let kind = match e.ty.as_str() {
            "integer" => EnumKind::Integer,
            "string" => EnumKind::String,
            other => {
                let line = f.index.line(&format!("{path}.type"));
                self.err(f, line, format!("enum `{}`: type must be integer or string, not `{other}`", e.name));
                EnumKind::Integer
            }
        };
        let line = f.index.line(&format!("{path}.name"));
        self.type_name(&e.name, f, line);
        let mut values = Vec::new();
        let mut seen_v = Seen::new();
        let mut seen_id = Seen::new();
        let mut seen_variant = Seen::new();
        for (i, v) in e.values.iter().enumerate() {
            let vp = format!("{path}.values[{i}]");
            let line = f.index.line(&vp);
            let ok = match kind {
                EnumKind::Integer => v.value.is_i64(),
                EnumKind::String => v.value.is_string(),
            };
            if !ok {
                self.err(f, line, format!("enum `{}`: value {} is not {}", e.name, v.value, e.ty));
            }
            self.unique(&mut seen_v, &value_key(&v.value), &format!("value in enum `{}`:", e.name), f, line);
            let Some(id) = &v.id else {
                self.err(f, line, format!("enum `{}`: value {} has no English name (`id`)", e.name, v.value));
                continue;
            };
            if !names::is_snake_id(id) {
                self.err(f, line, format!("enum `{}`: id `{id}` must be snake_case ASCII", e.name));
            }
            self.unique(&mut seen_id, id, &format!("id in enum `{}`:", e.name), f, line);
            let variant = match names::type_ident(id) {
                Ok(v) => v,
                Err(m) => {
                    self.err(f, line, format!("enum `{}`: {m}", e.name));
                    continue;
                }
            };
            if let Some((_, l)) = seen_variant.get(&variant) {
                if seen_id.get(id).is_none_or(|(_, first)| first != l) {
                    let msg = format!(
                        "enum `{}`: id `{id}` becomes variant `{variant}`, which another id on line {l} also becomes",
                        e.name
                    );
                    self.err(f, line, msg);
                }
            } else {
                seen_variant.insert(variant.clone(), (f.name.clone(), line));
            }
            values.push(EnumValue { value: v.value.clone(), id: id.clone(), variant, label: v.label.clone() });
        }
        if e.values.is_empty() {
            self.err(f, line, format!("enum `{}` has no values", e.name));
        }
        Enum { name: e.name.clone(), desc: e.desc.clone(), kind, values }
    }

    #[allow(clippy::too_many_arguments)]
    fn object(
        &mut self,
        f: &Parsed,
        path: &str,
        name: &str,
        desc: &str,
        fields: &[FieldDef],
        rules: &[RuleDef],
        note: Option<&String>,
        shared: bool,
        request: bool,
    ) {
        let line = f.index.line(&format!("{path}.name"));
        if shared {
            self.type_name(name, f, line);
        }
        let mut out = Vec::new();
        let mut seen = Seen::new();
        let mut seen_rust = Seen::new();
        self.owners.push(name.to_owned());
        for (i, fd) in fields.iter().enumerate() {
            let fp = format!("{path}.fields[{i}]");
            let line = f.index.line(&format!("{fp}.name"));
            self.unique(&mut seen, &fd.name, &format!("field in `{name}`:"), f, line);
            if fd.required && !request && !shared {
                self.err(
                    f,
                    line,
                    format!(
                        "field `{}` of reply `{name}`: replies mark no field required (the document never does)",
                        fd.name
                    ),
                );
            }
            let field = self.field(f, &fp, fd, request);
            if let Some((_, l)) = seen_rust.get(&field.rust) {
                if seen.get(&fd.name).is_none_or(|(_, first)| first != l) {
                    let msg = format!(
                        "field `{}` of `{name}` becomes Rust `{}`, which the field on line {l} also becomes",
                        fd.name, field.rust
                    );
                    self.err(f, line, msg);
                }
            } else {
                seen_rust.insert(field.rust.clone(), (f.name.clone(), line));
            }
            out.push(field);
        }
        self.owners.pop();
        let rules = rules
            .iter()
            .enumerate()
            .filter_map(|(i, rd)| self.rule(f, &format!("{path}.rules[{i}]"), rd, &out))
            .collect();
        self.objects.push(Object {
            name: name.to_owned(),
            desc: desc.to_owned(),
            fields: out,
            rules,
            shared,
            note: note.cloned(),
        });
    }

    fn rule(&mut self, f: &Parsed, path: &str, rd: &RuleDef, fields: &[Field]) -> Option<Rule> {
        let line = f.index.line(path);
        let has = |n: &str| fields.iter().any(|x| x.wire == n);
        match (&rd.required_if, &rd.at_most) {
            (Some(ri), None) => {
                for n in ri.fields.iter().chain(std::iter::once(&ri.when.field)) {
                    if !has(n) {
                        self.err(f, line, format!("rule names field `{n}`, which this object does not have"));
                    }
                }
                let (equals, value) = match (&ri.when.equals, &ri.when.not_equals) {
                    (Some(v), None) => (true, v.clone()),
                    (None, Some(v)) => (false, v.clone()),
                    _ => {
                        self.err(f, line, "a condition needs exactly one of `equals` and `not_equals`");
                        return None;
                    }
                };
                Some(Rule::RequiredIf {
                    fields: ri.fields.clone(),
                    when: Condition { field: ri.when.field.clone(), equals, value },
                    others_optional: ri.others_optional,
                    optional_otherwise: ri.optional_otherwise,
                })
            }
            (None, Some(am)) => {
                let steps: Vec<String> = am.field.split('.').map(str::to_owned).collect();
                self.deferred.push((
                    f.name.clone(),
                    line,
                    Deferred::IntegerPath { fields: fields.to_vec(), steps: steps.clone() },
                ));
                if !fields.iter().any(|x| x.wire == am.limit && x.ty == Type::Integer) {
                    self.err(f, line, format!("rule limit `{}` is not an integer field of this object", am.limit));
                }
                Some(Rule::AtMost { field: steps, limit: am.limit.clone() })
            }
            _ => {
                self.err(f, line, "a rule needs exactly one of `required_if` and `at_most`");
                None
            }
        }
    }

    fn field(&mut self, f: &Parsed, path: &str, fd: &FieldDef, request: bool) -> Field {
        let line = f.index.line(&format!("{path}.name"));
        let rust = match &fd.rust_name {
            Some(r) if names::is_snake_id(r) => r.clone(),
            Some(r) => {
                self.err(f, line, format!("field `{}`: rust_name `{r}` must be snake_case ASCII", fd.name));
                r.clone()
            }
            None => names::field_ident(&fd.name).unwrap_or_else(|m| {
                self.err(f, line, format!("field {m}"));
                fd.name.clone()
            }),
        };
        let role = match fd.role.as_deref() {
            None => None,
            Some("token") => Some(Role::Token),
            Some("params") => Some(Role::Params),
            Some("method_override") => Some(Role::MethodOverride),
            Some(other) => {
                self.err(
                    f,
                    line,
                    format!("field `{}`: unknown role `{other}` (token, params, method_override)", fd.name),
                );
                None
            }
        };
        if role == Some(Role::MethodOverride) && fd.value.is_none() {
            self.err(f, line, format!("field `{}`: a method_override parameter needs its `value`", fd.name));
        }
        let ty = self.field_type(f, path, fd, fd.ty.as_deref(), role, request);
        let limits = self.limits(f, path, fd, &ty);
        let mut departs = Vec::new();
        for (i, d) in fd.departs.iter().enumerate() {
            let Some(what) = DepartureKind::parse(&d.what).filter(|k| k.is_field()) else {
                let l = f.index.line(&format!("{path}.departs[{i}].what"));
                let kinds: Vec<&str> = DepartureKind::FIELD.iter().map(|k| k.as_str()).collect();
                self.err(
                    f,
                    l,
                    format!("field `{}`: departure kind `{}` is not one of {}", fd.name, d.what, kinds.join(", ")),
                );
                continue;
            };
            self.departure_line(f, &format!("{path}.departs[{i}]"), d.line);
            departs.push(Departure { what, doc: d.doc.clone(), why: d.why.clone(), line: d.line });
        }
        let mut text_default = None;
        if let Some(def) = &fd.default {
            let l = f.index.line(&format!("{path}.default"));
            if !default_fits(def, &ty) {
                let msg = format!(
                    "field `{}`: default {def} does not fit its type (defaults are for strings, integers, switches, enums, and `[]` for lists)",
                    fd.name
                );
                self.err(f, l, msg);
            } else if let Some(why) = default_refused(def, &ty, &limits, &self.enums) {
                self.err(f, l, format!("field `{}`: default {def} {why}", fd.name));
            } else if ty == Type::String {
                text_default = Some(l);
            }
        }
        let field = Field {
            wire: fd.name.clone(),
            rust,
            ty,
            required: fd.required,
            desc: fd.desc.clone(),
            note: fd.note.clone(),
            default: fd.default.clone(),
            role,
            value: fd.value.clone(),
            secret: fd.secret || fd.text.as_ref().is_some_and(|t| self.secret_text_rules.contains(t)),
            limits,
            departs,
        };
        if let Some(l) = text_default {
            // Text rules may be defined in a later file.
            self.deferred.push((f.name.clone(), l, Deferred::TextDefault(Box::new(field.clone()))));
        }
        field
    }

    fn field_type(
        &mut self,
        f: &Parsed,
        path: &str,
        fd: &FieldDef,
        ty: Option<&str>,
        role: Option<Role>,
        request: bool,
    ) -> Type {
        let line = f.index.line(&format!("{path}.type"));
        let name = &fd.name;
        match ty {
            None if role.is_some() => Type::Untyped,
            None => {
                self.err(f, line, format!("field `{name}` has no type"));
                Type::Untyped
            }
            Some("string") | Some("integer") => self.scalar(f, path, fd, ty == Some("string")),
            Some("file") => Type::File,
            Some("object") => self.object_type(f, path, fd, request, false),
            Some("array") => {
                if let Some(items) = fd.items.as_deref() {
                    if fd.fields.is_some() || fd.shape.is_some() {
                        self.err(
                            f,
                            line,
                            format!("field `{name}`: an array has either `items` or `fields`/`ref`, not both"),
                        );
                    }
                    let inner = match items {
                        "string" => self.scalar(f, path, fd, true),
                        "integer" => self.scalar(f, path, fd, false),
                        other => {
                            self.err(f, line, format!("field `{name}`: unknown item type `{other}` (string, integer)"));
                            Type::Untyped
                        }
                    };
                    Type::Array(Box::new(inner))
                } else if fd.fields.is_some() || fd.shape.is_some() {
                    Type::Array(Box::new(self.object_type(f, path, fd, request, true)))
                } else {
                    self.err(f, line, format!("field `{name}`: an array needs `items`, `fields` or `ref`"));
                    Type::Array(Box::new(Type::Untyped))
                }
            }
            Some(other) => {
                self.err(
                    f,
                    line,
                    format!("field `{name}`: unknown type `{other}` (string, integer, object, array, file)"),
                );
                Type::Untyped
            }
        }
    }

    fn scalar(&mut self, f: &Parsed, path: &str, fd: &FieldDef, string: bool) -> Type {
        let name = &fd.name;
        if let Some(sw) = &fd.switch {
            let line = f.index.line(&format!("{path}.switch"));
            if string {
                self.err(f, line, format!("field `{name}`: a switch is an integer"));
            }
            if fd.enum_name.is_some() {
                self.err(f, line, format!("field `{name}`: has both `switch` and `enum`"));
            }
            return match sw.as_slice() {
                [a, b] => Type::Switch([a.clone(), b.clone()]),
                _ => {
                    self.err(f, line, format!("field `{name}`: a switch has exactly two labels, for 0 and 1"));
                    Type::Integer
                }
            };
        }
        let Some(en) = &fd.enum_name else {
            for (key, present) in [("only", fd.only.is_some()), ("labels", fd.labels.is_some())] {
                if present {
                    let line = f.index.line(&format!("{path}.{key}"));
                    self.err(f, line, format!("field `{name}`: `{key}` without `enum`"));
                }
            }
            return if string { Type::String } else { Type::Integer };
        };
        let line = f.index.line(&format!("{path}.enum"));
        let Some(def) = self.enums.get(en).cloned() else {
            self.err(f, line, format!("field `{name}`: unknown enum `{en}`"));
            return if string { Type::String } else { Type::Integer };
        };
        if (def.kind == EnumKind::String) != string {
            let t = if string { "string" } else { "integer" };
            self.err(f, line, format!("field `{name}` is {t} but enum `{en}` is not"));
        }
        if let Some(only) = &fd.only {
            let l = f.index.line(&format!("{path}.only"));
            for v in only {
                if def.value(v).is_none() {
                    self.err(f, l, format!("field `{name}`: `only` lists {v}, which enum `{en}` does not have"));
                }
            }
        }
        let mut labels = BTreeMap::new();
        for (k, v) in fd.labels.iter().flatten() {
            if !def.values.iter().any(|x| value_key(&x.value) == *k) {
                let l = f.index.line(&format!("{path}.labels"));
                self.err(f, l, format!("field `{name}`: `labels` names {k}, which enum `{en}` does not have"));
            }
            labels.insert(k.clone(), v.clone());
        }
        Type::Enum(EnumUse { name: en.clone(), only: fd.only.clone(), labels })
    }

    fn object_type(&mut self, f: &Parsed, path: &str, fd: &FieldDef, request: bool, listed: bool) -> Type {
        let name = &fd.name;
        let line = f.index.line(&format!("{path}.name"));
        match (&fd.fields, &fd.shape) {
            (Some(fields), None) => {
                let Some(tn) = &fd.type_name else {
                    self.err(f, line, format!("field `{name}`: an inline object needs an English `type_name`"));
                    return Type::Untyped;
                };
                let l = f.index.line(&format!("{path}.type_name"));
                self.type_name(tn, f, l);
                self.record_use(tn, listed, f, l);
                if fd.overrides.is_some() {
                    self.err(f, line, format!("field `{name}`: `overrides` apply to a `ref`, not to inline fields"));
                }
                self.object(f, path, tn, &fd.desc, fields, &fd.rules, fd.note.as_ref(), false, request);
                Type::Object(ObjectUse::plain(tn))
            }
            (None, Some(shape)) => {
                if !self.shape_names.contains(shape) {
                    let l = f.index.line(&format!("{path}.ref"));
                    self.err(f, l, format!("field `{name}`: unknown shape `{shape}`"));
                    return Type::Untyped;
                }
                if fd.type_name.is_some() {
                    self.err(
                        f,
                        line,
                        format!("field `{name}`: a `ref` takes its name from the shape; drop `type_name`"),
                    );
                }
                self.record_use(shape, listed, f, f.index.line(&format!("{path}.ref")));
                let overrides = fd.overrides.as_ref().map(convert_overrides).unwrap_or_default();
                if !overrides.is_empty() {
                    let l = f.index.line(&format!("{path}.overrides"));
                    self.deferred.push((
                        f.name.clone(),
                        l,
                        Deferred::Overrides { shape: shape.clone(), overrides: overrides.clone() },
                    ));
                }
                Type::Object(ObjectUse { name: shape.clone(), overrides })
            }
            (Some(_), Some(_)) => {
                self.err(f, line, format!("field `{name}`: has both `fields` and `ref`"));
                Type::Untyped
            }
            (None, None) => {
                self.err(f, line, format!("field `{name}`: an object needs `fields` or `ref`"));
                Type::Untyped
            }
        }
    }

    fn limits(&mut self, f: &Parsed, path: &str, fd: &FieldDef, ty: &Type) -> Limits {
        let name = &fd.name;
        let leaf = ty.leaf();
        let string = leaf == &Type::String;
        let integer = matches!(leaf, Type::Integer);
        let need = |this: &mut Self, key: &str, present: bool, ok: bool, kind: &str| {
            if present && !ok {
                let line = f.index.line(&format!("{path}.{key}"));
                this.err(f, line, format!("field `{name}`: `{key}` applies to {kind} fields only"));
            }
        };
        need(self, "max_bytes", fd.max_bytes.is_some(), string, "string");
        need(self, "max_chars", fd.max_chars.is_some(), string, "string");
        need(self, "text", fd.text.is_some(), string, "string");
        need(self, "format", fd.format.is_some(), string, "string");
        need(self, "telephone", fd.telephone.is_some(), string, "string");
        need(self, "min", fd.min.is_some(), integer, "integer");
        need(self, "max", fd.max.is_some(), integer, "integer");
        need(self, "one_of", fd.one_of.is_some(), integer, "integer");
        need(self, "max_file_bytes", fd.max_file_bytes.is_some(), leaf == &Type::File, "file");
        need(self, "file_types", fd.file_types.is_some(), leaf == &Type::File, "file");
        if let Some(e) = &fd.file_types {
            if !self.enums.contains_key(e) {
                let line = f.index.line(&format!("{path}.file_types"));
                self.err(f, line, format!("field `{name}`: file_types: unknown enum `{e}`"));
            }
        }
        if let Some(t) = &fd.text {
            if !self.text_rules.contains(t) {
                let line = f.index.line(&format!("{path}.text"));
                self.err(f, line, format!("field `{name}`: unknown text rule `{t}`"));
            }
        }
        if let (Some(lo), Some(hi)) = (fd.min, fd.max) {
            if lo > hi {
                let line = f.index.line(&format!("{path}.min"));
                self.err(f, line, format!("field `{name}`: min {lo} is above max {hi}"));
            }
        }
        let format = match fd.format.as_deref() {
            None => None,
            Some("datetime") => Some(Format::DateTime),
            Some("rgb_hex") => Some(Format::RgbHex),
            Some(other) => {
                let line = f.index.line(&format!("{path}.format"));
                self.err(f, line, format!("field `{name}`: unknown format `{other}` (datetime, rgb_hex)"));
                None
            }
        };
        // A limit of zero or less would refuse every value; it is a typo, not a rule.
        let mut positive = |key: &str, v: Option<i64>, max: u64| -> Option<u64> {
            let v = v?;
            match u64::try_from(v) {
                Ok(n) if n > 0 && n <= max => Some(n),
                _ => {
                    let line = f.index.line(&format!("{path}.{key}"));
                    let msg = if v > 0 { format!("{v} is too large") } else { format!("must be positive, not {v}") };
                    self.err(f, line, format!("field `{name}`: `{key}` {msg}"));
                    None
                }
            }
        };
        let max_bytes = positive("max_bytes", fd.max_bytes, u64::MAX);
        let max_chars = positive("max_chars", fd.max_chars, u64::MAX);
        let max_file_bytes = positive("max_file_bytes", fd.max_file_bytes, u64::MAX);
        let telephone = fd.telephone.as_ref().and_then(|t| {
            let mut part = |key: &str, v: i64| positive(&format!("telephone.{key}"), Some(v), u32::MAX.into());
            let parts = (part("area_code", t.area_code), part("number", t.number), part("extension", t.extension));
            match parts {
                (Some(a), Some(n), Some(e)) => Some(Telephone {
                    area_code: a.try_into().ok()?,
                    number: n.try_into().ok()?,
                    extension: e.try_into().ok()?,
                }),
                _ => None,
            }
        });
        Limits {
            max_bytes,
            max_chars,
            min: fd.min,
            max: fd.max,
            one_of: fd.one_of.clone(),
            text: fd.text.clone(),
            format,
            telephone,
            max_file_bytes,
            file_types: fd.file_types.clone(),
        }
    }

    /// Endpoints name their document by `source`; `audit-doc` knows a document by its title and
    /// version lines, so two editions listed alike could not be told apart.
    fn documents(&mut self, f: &Parsed, docs: &[raw::DocumentDef]) {
        let mut sources = Seen::new();
        let mut editions = Seen::new();
        for (i, d) in docs.iter().enumerate() {
            let line = f.index.line(&format!("api.documents[{i}]"));
            for (key, value) in [("source", &d.source), ("title", &d.title), ("version", &d.version)] {
                if value.trim().is_empty() {
                    self.err(f, line, format!("document `{key}` is empty"));
                }
            }
            self.unique(&mut sources, &d.source, "document source", f, line);
            self.unique(&mut editions, &format!("{} {}", d.title, d.version), "document title and version", f, line);
        }
    }

    fn wire(&mut self, f: &Parsed, w: &raw::WireDef) -> Wire {
        let entries = [
            ("api_level_header", &w.api_level_header),
            ("session_cookie", &w.session_cookie),
            ("token_param", &w.token_param),
            ("params_param", &w.params_param),
            ("method_override_param", &w.method_override_param),
            ("debug_query", &w.debug_query),
            ("debug_reply_field", &w.debug_reply_field),
            ("success_field", &w.success_field),
            ("error_code_field", &w.error_code_field),
            ("description_field", &w.description_field),
            ("level_reply_field", &w.level_reply_field),
            ("datetime_format", &w.datetime_format),
        ];
        for (key, value) in entries {
            if value.trim().is_empty() {
                let line = f.index.line(&format!("api.wire.{key}"));
                self.err(f, line, format!("wire `{key}` is empty"));
            }
        }
        let (debug_param, debug_value) = match w.debug_query.split_once('=') {
            Some((k, v)) if !k.is_empty() && !v.is_empty() && !v.contains(['=', '&']) => (k.to_owned(), v.to_owned()),
            _ => {
                let line = f.index.line("api.wire.debug_query");
                self.err(f, line, format!("wire `debug_query` must be `name=value`, not `{}`", w.debug_query));
                (String::new(), String::new())
            }
        };
        Wire {
            api_level_header: w.api_level_header.clone(),
            session_cookie: w.session_cookie.clone(),
            token_param: w.token_param.clone(),
            params_param: w.params_param.clone(),
            method_override_param: w.method_override_param.clone(),
            debug_param,
            debug_value,
            debug_reply_field: w.debug_reply_field.clone(),
            success_field: w.success_field.clone(),
            error_code_field: w.error_code_field.clone(),
            description_field: w.description_field.clone(),
            level_reply_field: w.level_reply_field.clone(),
            datetime_format: w.datetime_format.clone(),
        }
    }

    /// Where the token, the caller's fields and the body go, from the method and the parameters' roles;
    /// a role on a parameter whose name disagrees with `api.yaml`'s wire is an error.
    fn endpoint_wire(&mut self, f: &Parsed, path: &str, e: &Endpoint, wire: &Wire) -> EndpointWire {
        let (method, path_fields, parameters) = (e.method, &e.path, &e.parameters);
        let op = &e.operation;
        // A DELETE that takes `params` sends it as a form body, as POST and PUT do: a JSON body
        // has no place in a query string.
        let has_params = parameters.iter().any(|p| p.role == Some(Role::Params));
        let fields = match method {
            Method::Get => Place::Query,
            Method::Delete if !has_params => Place::Query,
            Method::Delete | Method::Post | Method::Put => Place::Body,
        };
        let mut token = None;
        let mut method_override = None;
        let all = path_fields
            .iter()
            .map(|p| (Place::Path, "path", p))
            .chain(parameters.iter().map(|p| (fields, "parameters", p)));
        for (i, (place, key, p)) in all.enumerate() {
            let index = if key == "path" { i } else { i - path_fields.len() };
            let line = f.index.line(&format!("{path}.{key}[{index}].name"));
            let expected = match p.role {
                None => None,
                Some(Role::Token) => {
                    if token.replace(place).is_some() {
                        self.err(f, line, format!("`{op}`: a second `role: token` parameter"));
                    }
                    if p.ty != Type::String {
                        self.err(f, line, format!("`{op}`: the token parameter `{}` must be a string", p.wire));
                    }
                    Some(("token_param", &wire.token_param))
                }
                Some(Role::Params) => Some(("params_param", &wire.params_param)),
                Some(Role::MethodOverride) => {
                    if !matches!(method, Method::Delete | Method::Put) {
                        self.err(
                            f,
                            line,
                            format!("`{op}`: a method_override parameter belongs to a DELETE or PUT endpoint"),
                        );
                    }
                    let value = p.value.clone().unwrap_or_default();
                    if value != method.as_str() && method != Method::Post && method != Method::Get {
                        let m = method.as_str();
                        self.err(f, line, format!("`{op}`: method_override value must be {m}, not `{value}`"));
                    }
                    method_override = Some(MethodOverride { param: p.wire.clone(), value });
                    Some(("method_override_param", &wire.method_override_param))
                }
            };
            if let Some((key, name)) = expected {
                if !name.is_empty() && &p.wire != name {
                    self.err(
                        f,
                        line,
                        format!(
                            "`{op}`: parameter `{}` has a role whose wire name is `{name}` (api.yaml `{key}`)",
                            p.wire
                        ),
                    );
                }
            }
            if p.role != Some(Role::Token) && place == Place::Path && p.role.is_some() {
                self.err(f, line, format!("`{op}`: only the token may have a role in the path"));
            }
        }
        let files = parameters.iter().filter(|p| p.ty == Type::File).count();
        if files > 0 && method != Method::Post {
            let line = f.index.line(&format!("{path}.method"));
            self.err(f, line, format!("`{op}`: a file is uploaded with POST, not {}", method.as_str()));
        }
        if files > 1 || (files == 1 && has_params) {
            let line = f.index.line(&format!("{path}.parameters"));
            self.err(f, line, format!("`{op}`: a multipart upload carries exactly one file and no `params`"));
        }
        let body = if fields != Place::Body {
            BodyKind::None
        } else if files > 0 {
            BodyKind::Multipart
        } else if has_params {
            BodyKind::ParamsForm
        } else if token == Some(Place::Body) || parameters.iter().any(|p| p.role.is_none()) {
            BodyKind::Form
        } else {
            BodyKind::None
        };
        EndpointWire { token, fields, body, method_override }
    }

    fn endpoint(
        &mut self,
        f: &Parsed,
        path: &str,
        e: &raw::EndpointDef,
        docs: &[Document],
        wire: &Wire,
    ) -> Option<Endpoint> {
        let line = f.index.line(&format!("{path}.operation"));
        if !names::is_snake_id(&e.operation) {
            self.err(f, line, format!("operation `{}` must be snake_case ASCII", e.operation));
        }
        let method = match e.method.as_str() {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "DELETE" => Method::Delete,
            other => {
                let l = f.index.line(&format!("{path}.method"));
                self.err(f, l, format!("`{}`: unknown method `{other}`", e.operation));
                Method::Get
            }
        };
        match docs.iter().find(|d| d.source == e.source) {
            None => {
                let l = f.index.line(&format!("{path}.source"));
                self.err(f, l, format!("`{}`: unknown source document `{}`", e.operation, e.source));
            }
            Some(d) if e.min_api_level > d.api_level => {
                let l = f.index.line(&format!("{path}.min_api_level"));
                let msg = format!(
                    "`{}`: min_api_level {} is above the document's API level {}",
                    e.operation, e.min_api_level, d.api_level
                );
                self.err(f, l, msg);
            }
            Some(_) => {}
        }
        if !e.uri.starts_with('/') {
            let l = f.index.line(&format!("{path}.uri"));
            self.err(f, l, format!("`{}`: URI must start with /", e.operation));
        }

        let pascal = names::type_ident(&e.operation).unwrap_or_default();
        // The request type takes its name from the operation; it must not clash with a spec type.
        self.type_name(&format!("{pascal}Request"), f, line);
        let placeholders = uri_placeholders(&e.uri);
        let path_fields: Vec<Field> =
            e.path.iter().enumerate().map(|(i, fd)| self.field(f, &format!("{path}.path[{i}]"), fd, true)).collect();
        for (i, p) in path_fields.iter().enumerate() {
            if !placeholders.contains(&p.wire) {
                let l = f.index.line(&format!("{path}.path[{i}].name"));
                self.err(f, l, format!("`{}`: path parameter `{}` is not in the URI {}", e.operation, p.wire, e.uri));
            }
        }
        for ph in &placeholders {
            if !path_fields.iter().any(|p| &p.wire == ph) {
                let l = f.index.line(&format!("{path}.uri"));
                self.err(f, l, format!("`{}`: URI placeholder {{{ph}}} is not declared under `path`", e.operation));
            }
        }
        let mut seen = Seen::new();
        let listed = e.path.iter().enumerate().map(|(i, fd)| (format!("path[{i}]"), fd));
        let listed = listed.chain(e.parameters.iter().enumerate().map(|(i, fd)| (format!("parameters[{i}]"), fd)));
        for (key, fd) in listed {
            let l = f.index.line(&format!("{path}.{key}.name"));
            self.unique(&mut seen, &fd.name, &format!("parameter of `{}`:", e.operation), f, l);
        }
        let parameters: Vec<Field> = e
            .parameters
            .iter()
            .enumerate()
            .map(|(i, fd)| self.field(f, &format!("{path}.parameters[{i}]"), fd, true))
            .collect();

        let has_params_param = parameters.iter().any(|p| p.role == Some(Role::Params));
        let mut params_overrides = BTreeMap::new();
        let params = e.params.as_ref().map(|o| {
            let l = f.index.line(&format!("{path}.params"));
            if let Some(shape) = &o.shape {
                if !self.shape_names.contains(shape) {
                    self.err(f, l, format!("`{}`: params: unknown shape `{shape}`", e.operation));
                }
                if o.type_name.is_some() || !o.fields.is_empty() || !o.rules.is_empty() {
                    self.err(
                        f,
                        l,
                        format!("`{}`: params with `ref` take fields, rules and name from the shape", e.operation),
                    );
                }
                params_overrides = o.overrides.as_ref().map(convert_overrides).unwrap_or_default();
                if !params_overrides.is_empty() {
                    let ov = f.index.line(&format!("{path}.params.overrides"));
                    self.deferred.push((
                        f.name.clone(),
                        ov,
                        Deferred::Overrides { shape: shape.clone(), overrides: params_overrides.clone() },
                    ));
                }
                return shape.clone();
            }
            if o.overrides.is_some() {
                self.err(f, l, format!("`{}`: params `overrides` apply to a `ref`", e.operation));
            }
            if o.fields.is_empty() {
                self.err(f, l, format!("`{}`: params need `fields` or `ref`", e.operation));
            }
            let tn = o.type_name.clone().unwrap_or_else(|| format!("{pascal}Params"));
            let l = f.index.line(&format!("{path}.params.type_name"));
            self.type_name(&tn, f, l);
            self.object(f, &format!("{path}.params"), &tn, &e.name, &o.fields, &o.rules, o.note.as_ref(), false, true);
            tn
        });
        if params.is_some() != has_params_param {
            let l = f.index.line(&format!("{path}.params"));
            let msg = if params.is_some() {
                "has `params` but no parameter with `role: params` to carry it"
            } else {
                "has a `role: params` parameter but no `params` object"
            };
            self.err(f, l, format!("`{}`: {msg}", e.operation));
        }
        if method == Method::Get && params.is_some() {
            let l = f.index.line(&format!("{path}.params"));
            self.err(f, l, format!("`{}`: a GET request has no form body for `params`", e.operation));
        }
        let reply = e.reply.as_ref().map(|o| {
            // Replies that say only whether the call succeeded are one shape, not a type each.
            if let Some(shape) = &o.shape {
                let l = f.index.line(&format!("{path}.reply"));
                if !self.shape_names.contains(shape) {
                    self.err(f, l, format!("`{}`: reply: unknown shape `{shape}`", e.operation));
                }
                if o.type_name.is_some() || !o.fields.is_empty() || !o.rules.is_empty() || o.overrides.is_some() {
                    let msg = format!("`{}`: a reply with `ref` takes its fields and name from the shape", e.operation);
                    self.err(f, l, msg);
                }
                return shape.clone();
            }
            let tn = o.type_name.clone().unwrap_or_else(|| format!("{pascal}Reply"));
            let l = f.index.line(&format!("{path}.reply.type_name"));
            self.type_name(&tn, f, l);
            self.object(f, &format!("{path}.reply"), &tn, &e.name, &o.fields, &o.rules, o.note.as_ref(), false, false);
            tn
        });
        if !self.shape_names.contains(&e.failure) {
            let l = f.index.line(&format!("{path}.failure"));
            self.err(f, l, format!("`{}`: failure `{}` is not a shape", e.operation, e.failure));
        }
        let asynchronous = self.asynchronous(f, path, e);
        let departs = self.endpoint_departures(f, path, e);
        let outcome = self.outcome(f, path, e);
        let json = |s: &Option<String>| s.as_deref().and_then(|t| serde_json::from_str(t).ok());
        let mut endpoint = Endpoint {
            operation: e.operation.clone(),
            name: e.name.clone(),
            description: e.description.clone(),
            method,
            uri: e.uri.clone(),
            min_api_level: e.min_api_level,
            source: e.source.clone(),
            path: path_fields,
            parameters,
            params,
            params_overrides,
            params_example: json(&e.params_example),
            reply,
            reply_example: json(&e.reply_example),
            failure: e.failure.clone(),
            failure_example: json(&e.failure_example),
            wire: EndpointWire { token: None, fields: Place::Query, body: BodyKind::None, method_override: None },
            session: SessionNeed::None,
            aliases: Vec::new(),
            paging: None,
            note: e.note.clone(),
            asynchronous,
            departs,
            outcome,
            file: f.name.clone(),
        };
        endpoint.wire = self.endpoint_wire(f, path, &endpoint, wire);
        endpoint.session = self.session_need(f, path, e, endpoint.wire.token);
        endpoint.aliases = self.aliases(f, path, e);
        Some(endpoint)
    }

    /// The document's words on asynchrony, which must be its own (a part of the description); a
    /// description that says 异步 must have them, so that no asynchronous call reads as finished.
    fn asynchronous(&mut self, f: &Parsed, path: &str, e: &raw::EndpointDef) -> Option<String> {
        let description = squash(&e.description);
        let (key, problem) = match &e.asynchronous {
            Some(words) if words.trim().is_empty() || !description.contains(&squash(words)) => {
                ("async", format!("`async` must quote the description's words on asynchrony, not `{words}`"))
            }
            Some(words) => return Some(words.trim().to_owned()),
            None if description.contains(ASYNC_WORD) => (
                "description",
                format!(
                    "the description says {ASYNC_WORD}; record its words with `async:` (a success reply then only means accepted)"
                ),
            ),
            None => return None,
        };
        let l = f.index.line(&format!("{path}.{key}"));
        self.err(f, l, format!("`{}`: {problem}", e.operation));
        None
    }

    fn endpoint_departures(&mut self, f: &Parsed, path: &str, e: &raw::EndpointDef) -> Vec<EndpointDeparture> {
        let mut out = Vec::new();
        for (i, d) in e.departs.iter().enumerate() {
            let dp = format!("{path}.departs[{i}]");
            let line = f.index.line(&dp);
            let Some(what) = DepartureKind::parse(&d.what) else {
                let kinds: Vec<&str> = DepartureKind::ALL.iter().map(|k| k.as_str()).collect();
                let msg = format!("`{}`: departure kind `{}` is not one of {}", e.operation, d.what, kinds.join(", "));
                self.err(f, line, msg);
                continue;
            };
            let at = d.at.as_deref();
            let problem = match (what, at) {
                (DepartureKind::Description, Some(_)) => Some("a departure of the description has no `at`".to_owned()),
                (DepartureKind::Description, None) => None,
                (DepartureKind::Example, Some(a)) if EXAMPLES.contains(&a) => None,
                (DepartureKind::Example, _) => {
                    Some(format!("an example departure is `at` one of {}", EXAMPLES.join(", ")))
                }
                (_, Some(a)) if a.split_once('.').is_some_and(|(t, p)| TABLES.contains(&t) && !p.is_empty()) => None,
                (_, _) => Some(format!(
                    "a `{}` departure is `at` a table and field, such as `parameters.params` (tables: {})",
                    what.as_str(),
                    TABLES.join(", ")
                )),
            };
            if let Some(p) = problem {
                self.err(f, line, format!("`{}`: {p}", e.operation));
                continue;
            }
            self.departure_line(f, &dp, Some(d.line));
            let departure = Departure { what, doc: d.doc.clone(), why: d.why.clone(), line: Some(d.line) };
            out.push(EndpointDeparture { departure, at: d.at.clone() });
        }
        out
    }

    fn departure_line(&mut self, f: &Parsed, path: &str, line: Option<usize>) {
        if line == Some(0) {
            let l = f.index.line(&format!("{path}.line"));
            self.err(f, l, "a departure's document `line` counts from 1");
        }
    }

    fn record_use(&mut self, to: &str, listed: bool, f: &Parsed, line: usize) {
        if let Some(from) = self.owners.last() {
            let edge = ObjectEdge { from: from.clone(), to: to.to_owned(), listed, file: f.name.clone(), line };
            self.uses.push(edge);
        }
    }

    /// An object that holds itself, directly or through other objects, has no finite Rust type. A
    /// list on the way breaks the loop (a `Vec` holds its items apart: a cascade lists the cascades
    /// under it), so only loops of direct uses are errors. Reported at the use that closes the loop.
    fn check_cycles(&mut self) {
        let mut out: HashMap<&str, Vec<&ObjectEdge>> = HashMap::new();
        for e in self.uses.iter().filter(|e| !e.listed) {
            out.entry(e.from.as_str()).or_default().push(e);
        }
        // 1: on the current path, 2: finished.
        let mut state: HashMap<&str, u8> = HashMap::new();
        let mut found = Vec::new();
        // Outer objects record their uses before the inline objects inside them do, so this is the
        // order in which the spec defines them.
        for root in self.uses.iter().filter(|e| !e.listed).map(|e| e.from.as_str()) {
            if state.contains_key(root) {
                continue;
            }
            state.insert(root, 1);
            // Depth-first without recursion: a spec may chain any number of objects.
            let mut path: Vec<(&str, usize)> = vec![(root, 0)];
            while let Some((node, next)) = path.last_mut() {
                let Some(edge) = out.get(*node).and_then(|v| v.get(*next)) else {
                    state.insert(node, 2);
                    path.pop();
                    continue;
                };
                *next += 1;
                match state.get(edge.to.as_str()) {
                    None => {
                        state.insert(&edge.to, 1);
                        path.push((&edge.to, 0));
                    }
                    Some(1) => {
                        let start = path.iter().position(|(n, _)| *n == edge.to).unwrap_or(0);
                        let names: Vec<&str> =
                            path[start..].iter().map(|(n, _)| *n).chain([edge.to.as_str()]).collect();
                        found.push((edge.file.clone(), edge.line, format!("shape cycle: {}", names.join(" → "))));
                    }
                    Some(_) => {}
                }
            }
        }
        for (file, line, msg) in found {
            self.diags.push(&file, line, format!("{msg} (an object may contain itself only through a list)"));
        }
    }

    fn finish_deferred(&mut self, api: &Api) {
        for (file, line, d) in std::mem::take(&mut self.deferred) {
            match d {
                Deferred::Overrides { shape, overrides } => {
                    let use_ = ObjectUse::plain(&shape);
                    check_overrides(api, &use_, &overrides, &file, line, self.diags);
                }
                Deferred::TextDefault(field) => {
                    let value = field.default.as_ref().and_then(Value::as_str).unwrap_or_default();
                    for why in examples::check_text(api, &field, value) {
                        self.diags.push(&file, line, format!("field `{}`: default {value:?}: {why}", field.wire));
                    }
                }
                Deferred::IntegerPath { fields, steps } => {
                    if !path_is_integer(api, &fields, &steps) {
                        self.diags.push(
                            &file,
                            line,
                            format!("rule path `{}` does not lead to an integer field", steps.join(".")),
                        );
                    }
                }
            }
        }
    }
}

/// What the documents write in a description of a call carried out after its reply (异步操作).
const ASYNC_WORD: &str = "异步";

/// The tables of an endpoint, as `audit-doc` names them.
const TABLES: [&str; 4] = ["parameters", "params", "reply", "failure"];

/// The examples of an endpoint.
const EXAMPLES: [&str; 3] = ["params_example", "reply_example", "failure_example"];

/// Whitespace never carries meaning in the document's prose.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Follows `a[].b` through fields and the objects they use.
fn path_is_integer(api: &Api, fields: &[Field], steps: &[String]) -> bool {
    let Some((first, rest)) = steps.split_first() else { return false };
    let name = first.trim_end_matches("[]");
    let Some(fld) = fields.iter().find(|x| x.wire == name) else { return false };
    if rest.is_empty() {
        return fld.ty.leaf() == &Type::Integer;
    }
    match fld.ty.leaf() {
        Type::Object(u) => path_is_integer(api, &api.fields_of(u), rest),
        _ => false,
    }
}

fn check_overrides(
    api: &Api,
    use_: &ObjectUse,
    ov: &BTreeMap<String, Override>,
    file: &str,
    line: usize,
    diags: &mut Diagnostics,
) {
    let fields = api.fields_of(use_);
    for (k, o) in ov {
        let Some(fld) = fields.iter().find(|x| &x.wire == k) else {
            diags.push(file, line, format!("override names field `{k}`, which shape `{}` does not have", use_.name));
            continue;
        };
        match fld.ty.leaf() {
            Type::Enum(eu) => {
                let en = api.enum_def(&eu.name);
                for v in o.only.iter().flatten() {
                    if en.is_some_and(|e| e.value(v).is_none()) {
                        diags.push(
                            file,
                            line,
                            format!("override of `{k}`: `only` lists {v}, which enum `{}` does not have", eu.name),
                        );
                    }
                }
                if let (Some(only), Some(d)) = (&o.only, &fld.default) {
                    if !only.contains(d) {
                        diags.push(file, line, format!("override of `{k}`: `only` leaves out the field's default {d}"));
                    }
                }
                for key in o.labels.iter().flat_map(|l| l.keys()) {
                    if en.is_some_and(|e| !e.values.iter().any(|x| &value_key(&x.value) == key)) {
                        diags.push(
                            file,
                            line,
                            format!("override of `{k}`: `labels` names {key}, which enum `{}` does not have", eu.name),
                        );
                    }
                }
            }
            Type::Switch(_) => {}
            _ => {
                if o.labels.is_some() || o.only.is_some() {
                    diags.push(file, line, format!("override of `{k}`: `labels`/`only` apply to enum fields"));
                }
            }
        }
        if o.switch.is_some() && !matches!(fld.ty.leaf(), Type::Switch(_)) {
            diags.push(file, line, format!("override of `{k}`: `switch` applies to switch fields"));
        }
        if !o.overrides.is_empty() {
            match fld.ty.leaf() {
                Type::Object(inner) => check_overrides(api, inner, &o.overrides, file, line, diags),
                _ => diags.push(file, line, format!("override of `{k}`: nested `overrides` apply to object fields")),
            }
        }
    }
}

fn convert_overrides(m: &BTreeMap<String, OverrideDef>) -> BTreeMap<String, Override> {
    m.iter()
        .map(|(k, o)| {
            let switch = o.switch.as_ref().and_then(|s| match s.as_slice() {
                [a, b] => Some([a.clone(), b.clone()]),
                _ => None,
            });
            let ov = Override {
                desc: o.desc.clone(),
                required: o.required,
                labels: o.labels.clone(),
                only: o.only.clone(),
                switch,
                overrides: o.overrides.as_ref().map(convert_overrides).unwrap_or_default(),
            };
            (k.clone(), ov)
        })
        .collect()
}

/// Why the field's own rules refuse its default, if they do: an absent field takes its default, so
/// the default has to be a value the field accepts.
fn default_refused(v: &Value, ty: &Type, limits: &Limits, enums: &HashMap<String, Enum>) -> Option<String> {
    match ty {
        Type::Enum(eu) => {
            let en = enums.get(&eu.name)?;
            if en.value(v).is_none() {
                return Some(format!("is not a value of enum `{}`", eu.name));
            }
            match &eu.only {
                Some(only) if !only.contains(v) => Some("is not among the values this field lists (`only`)".into()),
                _ => None,
            }
        }
        Type::Switch(_) => (v != 0 && v != 1).then(|| "is not 0 or 1, as a switch is".into()),
        Type::Integer => {
            let n = v.as_i64()?;
            if let Some(min) = limits.min.filter(|&m| n < m) {
                Some(format!("is below its min {min}"))
            } else if let Some(max) = limits.max.filter(|&m| n > m) {
                Some(format!("is above its max {max}"))
            } else {
                let set = limits.one_of.as_ref().filter(|set| !set.contains(&n))?;
                Some(format!("is not one of {set:?}"))
            }
        }
        _ => None,
    }
}

fn default_fits(v: &Value, ty: &Type) -> bool {
    match ty {
        Type::String => v.is_string(),
        Type::Integer | Type::Switch(_) => v.is_i64(),
        Type::Enum(_) => v.is_i64() || v.is_string(),
        // A type that could not be read is reported already.
        Type::Untyped => true,
        // A list whose absence the document reads as an empty one.
        Type::Array(_) => v.as_array().is_some_and(Vec::is_empty),
        // `fill_defaults` gives scalars and empty lists only.
        Type::File | Type::Object(_) => false,
    }
}

/// Where the first endpoint with a given route is defined.
struct Route {
    operation: String,
    uri: String,
    file: String,
    line: usize,
}

/// The URI with each placeholder's name left out: `/a/{x}/b` → `/a/{}/b`.
pub fn route_pattern(uri: &str) -> String {
    let mut out = String::new();
    let mut rest = uri;
    while let Some(i) = rest.find('{') {
        let Some(j) = rest[i..].find('}') else { break };
        out.push_str(&rest[..=i]);
        rest = &rest[i + j..];
    }
    out.push_str(rest);
    out
}

pub fn uri_placeholders(uri: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = uri;
    while let Some(i) = rest.find('{') {
        let Some(j) = rest[i..].find('}') else { break };
        out.push(rest[i + 1..i + j].to_owned());
        rest = &rest[i + j + 1..];
    }
    out
}
