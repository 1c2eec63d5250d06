//! The resolved API: every reference looked up, every name decided. Emitters read only this.

mod channels;

use std::collections::BTreeMap;

use serde_json::Value;

pub use channels::*;

#[derive(Debug, Clone)]
pub struct Api {
    pub title: String,
    pub documents: Vec<Document>,
    pub wire: Wire,
    pub enums: Vec<Enum>,
    /// Shared shapes first (in file order), then inline objects in the order they appear.
    pub objects: Vec<Object>,
    pub text_rules: Vec<TextRule>,
    pub endpoints: Vec<Endpoint>,
    pub errors: Vec<ErrorCode>,
    /// How to reach the push service; `None` when the spec has no channels.
    pub push: Option<Push>,
    /// The push service's channels, in the spec's order.
    pub channels: Vec<Channel>,
    /// The spec files (relative to the spec folder) that define each kind of thing, for
    /// "generated from" headers: keys `api`, `enums`, `objects`, `text_rules`, `endpoints`, `errors`,
    /// `channels` (the push section and the channels, whose notifications are objects too).
    pub sources: BTreeMap<&'static str, Vec<String>>,
    /// Lookups by name, made on first use: the emitters ask for objects by name many thousand
    /// times. The model is not changed once resolved, so they stay true.
    pub(crate) lookup: std::sync::OnceLock<Lookup>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Lookup {
    objects: std::collections::HashMap<String, usize>,
    enums: std::collections::HashMap<String, usize>,
    /// The objects a request's `params` reaches.
    request_objects: std::collections::HashSet<String>,
}

impl Lookup {
    fn of(api: &Api) -> Lookup {
        let objects: std::collections::HashMap<String, usize> =
            api.objects.iter().enumerate().map(|(i, o)| (o.name.clone(), i)).collect();
        let enums = api.enums.iter().enumerate().map(|(i, e)| (e.name.clone(), i)).collect();
        let mut request_objects = std::collections::HashSet::new();
        let mut next: Vec<&str> = api.endpoints.iter().filter_map(|e| e.params.as_deref()).collect();
        while let Some(name) = next.pop() {
            if !request_objects.insert(name.to_owned()) {
                continue;
            }
            let Some(o) = objects.get(name).map(|&i| &api.objects[i]) else { continue };
            for f in &o.fields {
                if let Type::Object(u) = f.ty.leaf() {
                    next.push(&u.name);
                }
            }
        }
        Lookup { objects, enums, request_objects }
    }
}

/// The wire conventions every endpoint shares (`api.yaml`'s `wire`).
#[derive(Debug, Clone, Default)]
pub struct Wire {
    pub api_level_header: String,
    pub session_cookie: String,
    /// The parameter that carries the session token (`account_token`).
    pub token_param: String,
    /// The form field that carries the JSON request body (`params`).
    pub params_param: String,
    /// The form field of the DELETE-over-POST fallback (`_method`).
    pub method_override_param: String,
    /// The query parameter and value that ask the platform to check a request only (`debug=1`).
    pub debug_param: String,
    pub debug_value: String,
    /// The reply field of that check's per-field report (the platform spells it `dubug_list`).
    pub debug_reply_field: String,
    pub success_field: String,
    pub error_code_field: String,
    pub description_field: String,
    /// The reply field of a document's `level_from` call that gives the server's level of it.
    pub level_reply_field: String,
    pub datetime_format: String,
}

/// One vendor document (an edition of it): endpoints name it by `source`.
#[derive(Debug, Clone)]
pub struct Document {
    pub source: String,
    pub title: String,
    pub version: String,
    pub api_level: u32,
    /// The operation whose reply gives this document's level on a server (`level_from`); `None`
    /// for a document whose calls a client makes without asking (the login calls).
    pub level_from: Option<String>,
}

impl Document {
    /// `科达视讯平台会管API V6.0.0.3.0.20190912 (API level 1)`: how docs and reports name an edition,
    /// as its own title page does.
    pub fn label(&self) -> String {
        format!("{} {} (API level {})", self.title, self.version, self.api_level)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumKind {
    Integer,
    String,
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub name: String,
    pub desc: String,
    pub kind: EnumKind,
    pub values: Vec<EnumValue>,
}

#[derive(Debug, Clone)]
pub struct EnumValue {
    /// The wire value: a JSON number or string.
    pub value: Value,
    /// English identifier in snake_case, as written in the spec.
    pub id: String,
    /// PascalCase variant name.
    pub variant: String,
    pub label: String,
}

impl Enum {
    pub fn value(&self, v: &Value) -> Option<&EnumValue> {
        self.values.iter().find(|e| &e.value == v)
    }
}

#[derive(Debug, Clone)]
pub struct Object {
    pub name: String,
    pub desc: String,
    pub fields: Vec<Field>,
    pub rules: Vec<Rule>,
    /// Defined in `shapes:` rather than inline.
    pub shared: bool,
    pub note: Option<String>,
}

impl Object {
    pub fn field(&self, wire: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.wire == wire)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Token,
    Params,
    MethodOverride,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub wire: String,
    /// snake_case Rust identifier (a raw identifier for keywords that allow it).
    pub rust: String,
    pub ty: Type,
    /// The spec's `required` (the document's `*`), before the object's rules: what a request needs
    /// is [`FieldView::requirement`].
    pub required: bool,
    pub desc: String,
    pub note: Option<String>,
    pub default: Option<Value>,
    pub role: Option<Role>,
    /// Fixed value of a `method_override` parameter.
    pub value: Option<String>,
    pub secret: bool,
    pub limits: Limits,
    pub departs: Vec<Departure>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    String,
    Integer,
    File,
    /// A parameter the document gives no type (`params`, `_method`).
    Untyped,
    Enum(EnumUse),
    /// 0/1 integer with the document's labels for 0 and 1.
    Switch([String; 2]),
    Object(ObjectUse),
    Array(Box<Type>),
}

impl Type {
    /// The type of the scalar or object at the bottom of any arrays.
    pub fn leaf(&self) -> &Type {
        match self {
            Type::Array(t) => t.leaf(),
            t => t,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumUse {
    pub name: String,
    /// The values this use lists; `None` means all of them.
    pub only: Option<Vec<Value>>,
    /// Labels this use words differently, by wire value (as text).
    pub labels: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ObjectUse {
    pub name: String,
    pub overrides: BTreeMap<String, Override>,
}

impl ObjectUse {
    /// A use of an object as it is, with no overrides.
    pub fn plain(name: &str) -> Self {
        ObjectUse { name: name.to_owned(), overrides: BTreeMap::new() }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Override {
    pub desc: Option<String>,
    pub required: Option<bool>,
    pub labels: Option<BTreeMap<String, String>>,
    pub only: Option<Vec<Value>>,
    pub switch: Option<[String; 2]>,
    pub overrides: BTreeMap<String, Override>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Limits {
    pub max_bytes: Option<u64>,
    pub max_chars: Option<u64>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub one_of: Option<Vec<i64>>,
    pub text: Option<String>,
    pub format: Option<Format>,
    pub telephone: Option<Telephone>,
    pub max_file_bytes: Option<u64>,
    /// An enum whose labels are the file name extensions accepted, in any case.
    pub file_types: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    DateTime,
    RgbHex,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Telephone {
    pub area_code: u32,
    pub number: u32,
    pub extension: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Departure {
    pub what: DepartureKind,
    pub doc: String,
    pub why: String,
    /// The document line of the difference, when the spec gives it: then only a difference found
    /// there is excused, so a departure follows the document's text rather than any later change.
    pub line: Option<usize>,
}

/// A departure declared on an endpoint rather than on a spec field: the document's description, an
/// example, or a place in its tables with no spec field to carry it (a row the spec leaves out).
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointDeparture {
    pub departure: Departure,
    /// The place in the endpoint's tables (`parameters.params`) or its example (`reply_example`);
    /// `None` for the description.
    pub at: Option<String>,
}

/// What a departure is about: one of the ways `audit-doc` compares a field with the document, or
/// (declared on an endpoint) its description or an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DepartureKind {
    /// The field is in the spec but not in the document.
    Field,
    Type,
    Required,
    Enum,
    Limit,
    Desc,
    Format,
    /// The endpoint's description (说明).
    Description,
    /// One of the endpoint's examples.
    Example,
}

impl DepartureKind {
    /// The ways a field is compared come first: [`FIELD`](Self::FIELD) is that part.
    pub const ALL: [DepartureKind; 9] = [
        DepartureKind::Field,
        DepartureKind::Type,
        DepartureKind::Required,
        DepartureKind::Enum,
        DepartureKind::Limit,
        DepartureKind::Desc,
        DepartureKind::Format,
        DepartureKind::Description,
        DepartureKind::Example,
    ];

    /// The ways a field is compared.
    pub const FIELD: &'static [DepartureKind] = Self::ALL.split_at(7).0;

    /// The spelling used in the spec's `what:`.
    pub fn as_str(self) -> &'static str {
        match self {
            DepartureKind::Field => "field",
            DepartureKind::Type => "type",
            DepartureKind::Required => "required",
            DepartureKind::Enum => "enum",
            DepartureKind::Limit => "limit",
            DepartureKind::Desc => "desc",
            DepartureKind::Format => "format",
            DepartureKind::Description => "description",
            DepartureKind::Example => "example",
        }
    }

    pub fn parse(s: &str) -> Option<DepartureKind> {
        DepartureKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether it is a way a field is compared (rather than the endpoint's description or examples).
    pub fn is_field(self) -> bool {
        DepartureKind::FIELD.contains(&self)
    }
}

impl std::fmt::Display for DepartureKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    RequiredIf {
        fields: Vec<String>,
        when: Condition,
        others_optional: bool,
        optional_otherwise: bool,
    },
    /// Each value at `field` (a path through arrays, `invite_members[].bitrate`) may not exceed `limit`.
    AtMost {
        field: Vec<String>,
        limit: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub field: String,
    pub equals: bool,
    pub value: Value,
}

#[derive(Debug, Clone)]
pub struct TextRule {
    pub name: String,
    pub desc: String,
    pub forbidden: Option<String>,
    pub forbidden_at_edges: Option<String>,
    pub allowed: Option<String>,
    pub secret: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// Where a value travels in the HTTP request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A segment of the URI.
    Path,
    /// The query string.
    Query,
    /// The request body (form fields or multipart parts).
    Body,
}

/// How the request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// No body.
    None,
    /// `application/x-www-form-urlencoded` fields.
    Form,
    /// Form fields, one of which (`params`) carries the JSON request.
    ParamsForm,
    /// `multipart/form-data`: text fields and one file part.
    Multipart,
}

/// The DELETE-over-POST fallback: POST with `param=value` in the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodOverride {
    pub param: String,
    pub value: String,
}

/// How one endpoint's request travels, worked out once from the parameters' roles and `api.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointWire {
    /// Where the session token goes; `None` for the calls made before there is one.
    pub token: Option<Place>,
    /// Where the caller's parameters (and `params`) go: the query for GET and DELETE, else the body.
    pub fields: Place,
    pub body: BodyKind,
    pub method_override: Option<MethodOverride>,
}

/// What a call needs before the platform carries it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionNeed {
    /// Nothing: the calls made before there is a session (the token, the versions).
    None,
    /// The token only (`session: token`): logging in, and keeping the token alive.
    Token,
    /// The token and the login cookie: every other call that takes the token.
    Login,
}

impl SessionNeed {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionNeed::None => "None",
            SessionNeed::Token => "Token",
            SessionNeed::Login => "Login",
        }
    }
}

/// How a list endpoint pages: the wire names of its `start` and `count` query parameters and of
/// its reply's `total` and item list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    pub start: String,
    pub count: String,
    pub total: String,
    pub items: String,
}

/// Another path the documents give for an endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub uri: String,
    /// Where a document gives it.
    pub why: String,
}

#[derive(Debug, Clone)]
pub struct Endpoint {
    pub operation: String,
    pub name: String,
    pub description: String,
    pub method: Method,
    pub uri: String,
    pub min_api_level: u32,
    /// The document (edition) it is transcribed from: a `source` of [`Api::documents`].
    pub source: String,
    pub path: Vec<Field>,
    pub parameters: Vec<Field>,
    /// The type of the `params` body: inline, or a shared shape.
    pub params: Option<String>,
    /// This endpoint's changes to a shared `params` shape.
    pub params_overrides: BTreeMap<String, Override>,
    pub params_example: Option<Value>,
    pub reply: Option<String>,
    pub reply_example: Option<Value>,
    pub failure: String,
    pub failure_example: Option<Value>,
    pub wire: EndpointWire,
    /// What the call needs: nothing without a token; the token and the login cookie, unless the
    /// spec says `session: token`.
    pub session: SessionNeed,
    /// Other paths the documents give for the same operation.
    pub aliases: Vec<Alias>,
    /// Present when the endpoint is a list read a page at a time.
    pub paging: Option<Paging>,
    pub note: Option<String>,
    /// The document's words saying the platform carries the call out after replying (异步操作):
    /// a success reply then only means the request was accepted.
    pub asynchronous: Option<String>,
    /// Departures of the endpoint itself, or of document rows no spec field carries.
    pub departs: Vec<EndpointDeparture>,
    /// Where its outcome is pushed: required of an asynchronous call.
    pub outcome: Option<Outcome>,
    /// The spec file that defines it, relative to the spec folder.
    pub file: String,
}

#[derive(Debug, Clone)]
pub struct ErrorCode {
    pub code: i64,
    pub message: String,
    /// What the runtime crates answer or recognize the code as (`token_invalid`): a constant of
    /// `kedacom_mc_models::codes` is generated for each row that has one.
    pub role: Option<ErrorRole>,
}

/// A row's role, and why the row was chosen for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorRole {
    /// snake_case; the constant is its SHOUTY_SNAKE_CASE.
    pub name: String,
    pub why: String,
    /// The platform answers it when the session (the token, or the login) is gone: a client logs
    /// in again.
    pub session_expired: bool,
}

impl Endpoint {
    /// The parameters the caller gives: neither the session token, nor `params`, nor `_method`.
    pub fn caller_parameters(&self) -> impl Iterator<Item = &Field> {
        self.parameters.iter().filter(|p| p.role.is_none())
    }

    /// Path parameters the caller gives (the token heartbeat's `{account_token}` is the session's).
    pub fn caller_path(&self) -> impl Iterator<Item = &Field> {
        self.path.iter().filter(|p| p.role.is_none())
    }

    /// What the docs, the CLI help and the OpenAPI export say of an asynchronous call.
    pub fn asynchrony_note(&self) -> Option<String> {
        self.asynchronous.as_ref().map(|words| {
            format!(
                "Asynchronous ({words}): a success reply only means the platform accepted the request; \
                 the outcome comes later, on the push channel."
            )
        })
    }

    /// The `params` body as this endpoint sees it.
    pub fn params_use(&self) -> Option<ObjectUse> {
        self.params.as_ref().map(|p| ObjectUse { name: p.clone(), overrides: self.params_overrides.clone() })
    }
}

impl Api {
    /// The document an endpoint's `source` names.
    pub fn document(&self, source: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.source == source)
    }

    /// `spec/a.yaml, spec/b.yaml` for the files that define `kind`.
    pub fn sources_of(&self, kinds: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = kinds
            .iter()
            .flat_map(|k| self.sources.get(k).cloned().unwrap_or_default())
            .map(|f| format!("spec/{f}"))
            .collect();
        v.sort();
        v.dedup();
        v
    }

    pub fn channel(&self, id: &str) -> Option<&Channel> {
        self.channels.iter().find(|c| c.id == id)
    }

    pub fn endpoint(&self, operation: &str) -> Option<&Endpoint> {
        self.endpoints.iter().find(|e| e.operation == operation)
    }

    fn lookup(&self) -> &Lookup {
        self.lookup.get_or_init(|| Lookup::of(self))
    }

    pub fn object(&self, name: &str) -> Option<&Object> {
        self.lookup().objects.get(name).map(|&i| &self.objects[i])
    }

    pub fn enum_def(&self, name: &str) -> Option<&Enum> {
        self.lookup().enums.get(name).map(|&i| &self.enums[i])
    }

    pub fn text_rule(&self, name: &str) -> Option<&TextRule> {
        self.text_rules.iter().find(|t| t.name == name)
    }

    /// The file name extensions a `file_types` limit accepts: its enum's labels.
    pub fn file_extensions(&self, limits: &Limits) -> Option<Vec<String>> {
        let en = self.enum_def(limits.file_types.as_deref()?)?;
        Some(en.values.iter().map(|v| v.label.clone()).collect())
    }

    /// Whether a request's `params` reaches this object (its rules are then enforced).
    pub fn is_request_object(&self, name: &str) -> bool {
        self.lookup().request_objects.contains(name)
    }

    /// The fields of an object as one use sees them: the shape's fields with that use's overrides applied.
    pub fn fields_of(&self, use_: &ObjectUse) -> Vec<Field> {
        self.view(use_).fields.into_iter().map(|f| f.field).collect()
    }

    /// An object as one use sees it: every field with the use's overrides applied, and what each
    /// field needs under the object's rules. The one place "required" and the overrides are worked
    /// out; the example checker, the validation, the docs and the OpenAPI export all read this.
    pub fn view(&self, use_: &ObjectUse) -> ObjectView {
        let Some(obj) = self.object(&use_.name) else {
            return ObjectView { name: use_.name.clone(), ..ObjectView::default() };
        };
        let fields: Vec<Field> = obj.fields.iter().map(|f| apply_override(f, use_.overrides.get(&f.wire))).collect();
        ObjectView::new(&use_.name, fields, &obj.rules)
    }
}

/// Whether a request must carry a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    Always,
    Never,
    /// Exactly when the expression over the object's rule conditions holds.
    When(Expr),
}

impl Requirement {
    /// Whether the field is required, given which of the object's conditions hold.
    pub fn holds(&self, conditions: &[bool]) -> bool {
        match self {
            Requirement::Always => true,
            Requirement::Never => false,
            Requirement::When(e) => e.eval(conditions),
        }
    }

    /// `required` as a spec field states it, then each `required_if` rule in order.
    fn of(wire: &str, required: bool, rules: &[Rule]) -> Self {
        let mut req = if required { Requirement::Always } else { Requirement::Never };
        let mut i = 0;
        for r in rules {
            let Rule::RequiredIf { fields, others_optional, optional_otherwise, .. } = r else { continue };
            let c = Expr::Cond(i);
            i += 1;
            req = if fields.iter().any(|f| f == wire) {
                match req {
                    _ if *optional_otherwise => Requirement::When(c),
                    Requirement::Always => Requirement::Always,
                    Requirement::Never => Requirement::When(c),
                    Requirement::When(e) => Requirement::When(Expr::Or(Box::new(c), Box::new(e))),
                }
            } else if *others_optional {
                let not = Expr::Not(Box::new(c));
                match req {
                    Requirement::Never => Requirement::Never,
                    Requirement::Always => Requirement::When(not),
                    Requirement::When(e) => Requirement::When(Expr::And(Box::new(not), Box::new(e))),
                }
            } else {
                req
            };
        }
        req
    }
}

/// A condition over the values of one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// The condition of the object's `i`-th `required_if` rule ([`ObjectView::conditions`]).
    Cond(usize),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

impl Expr {
    /// The expression in words, such as "`conf_type` is `4`".
    pub fn words(&self, conditions: &[RuleCondition]) -> String {
        let cond = |i: usize, negate: bool| match conditions.get(i) {
            Some(c) => {
                let op = if c.equals != negate { "is" } else { "is not" };
                format!("`{}` {op} `{}`", c.field, c.value)
            }
            None => "never".to_owned(),
        };
        match self {
            Expr::Cond(i) => cond(*i, false),
            Expr::Not(inner) => match inner.as_ref() {
                Expr::Cond(i) => cond(*i, true),
                other => format!("not ({})", other.words(conditions)),
            },
            Expr::And(a, b) => format!("{} and {}", a.operand_words(conditions), b.operand_words(conditions)),
            Expr::Or(a, b) => format!("{} or {}", a.operand_words(conditions), b.operand_words(conditions)),
        }
    }

    /// Words for a part of `and`/`or`, bracketed when it is itself one, so the grouping can't be misread.
    fn operand_words(&self, conditions: &[RuleCondition]) -> String {
        match self {
            Expr::And(..) | Expr::Or(..) => format!("({})", self.words(conditions)),
            _ => self.words(conditions),
        }
    }

    pub fn eval(&self, conditions: &[bool]) -> bool {
        match self {
            Expr::Cond(i) => conditions.get(*i).copied().unwrap_or(false),
            Expr::Not(e) => !e.eval(conditions),
            Expr::And(a, b) => a.eval(conditions) && b.eval(conditions),
            Expr::Or(a, b) => a.eval(conditions) || b.eval(conditions),
        }
    }
}

/// The condition of a `required_if` rule, with what it is when its field is absent.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleCondition {
    pub field: String,
    pub equals: bool,
    pub value: Value,
    /// Whether the condition holds when the field is absent: the field's documented default is
    /// then compared; with none, `not_equals` holds and `equals` does not.
    pub when_absent: bool,
}

impl RuleCondition {
    /// Whether the condition holds for the field's value (`None`: absent).
    pub fn holds(&self, value: Option<&Value>) -> bool {
        match value {
            Some(v) => (v == &self.value) == self.equals,
            None => self.when_absent,
        }
    }
}

/// One field of an [`ObjectView`].
#[derive(Debug, Clone)]
pub struct FieldView {
    /// The field with the use's overrides applied; an object it holds carries the overrides meant
    /// for it (through arrays too).
    pub field: Field,
    /// What a request needs of it. `field.required` is only the spec's starting point.
    pub requirement: Requirement,
}

/// An object as one use sees it (see [`Api::view`]).
#[derive(Debug, Clone, Default)]
pub struct ObjectView {
    /// The shape's name.
    pub name: String,
    pub fields: Vec<FieldView>,
    /// The conditions of the `required_if` rules, in order; [`Expr::Cond`] indexes this.
    pub conditions: Vec<RuleCondition>,
    /// `at_most` rules: each value on the path (`invite_members[].bitrate`) may not exceed the field.
    pub at_most: Vec<(Vec<String>, String)>,
    /// The rules as the spec states them, for documentation.
    pub rules: Vec<Rule>,
}

impl ObjectView {
    /// The view of `fields` under `rules` (a list of query parameters has no rules).
    pub fn new(name: &str, fields: Vec<Field>, rules: &[Rule]) -> Self {
        let conditions = rules
            .iter()
            .filter_map(|r| match r {
                Rule::RequiredIf { when, .. } => {
                    let default = fields.iter().find(|f| f.wire == when.field).and_then(|f| f.default.as_ref());
                    let when_absent = match default {
                        Some(d) => (d == &when.value) == when.equals,
                        None => !when.equals,
                    };
                    Some(RuleCondition {
                        field: when.field.clone(),
                        equals: when.equals,
                        value: when.value.clone(),
                        when_absent,
                    })
                }
                Rule::AtMost { .. } => None,
            })
            .collect();
        let at_most = rules
            .iter()
            .filter_map(|r| match r {
                Rule::AtMost { field, limit } => Some((field.clone(), limit.clone())),
                Rule::RequiredIf { .. } => None,
            })
            .collect();
        let fields = fields
            .into_iter()
            .map(|f| FieldView { requirement: Requirement::of(&f.wire, f.required, rules), field: f })
            .collect();
        ObjectView { name: name.to_owned(), fields, conditions, at_most, rules: rules.to_vec() }
    }

    pub fn field(&self, wire: &str) -> Option<&FieldView> {
        self.fields.iter().find(|f| f.field.wire == wire)
    }
}

fn apply_override(field: &Field, o: Option<&Override>) -> Field {
    let mut f = field.clone();
    let Some(o) = o else { return f };
    if let Some(d) = &o.desc {
        f.desc = d.clone();
    }
    if let Some(r) = o.required {
        f.required = r;
    }
    apply_type_override(&mut f.ty, o);
    f
}

fn apply_type_override(ty: &mut Type, o: &Override) {
    match ty {
        Type::Array(inner) => apply_type_override(inner, o),
        Type::Enum(e) => {
            if let Some(l) = &o.labels {
                e.labels.extend(l.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            if let Some(only) = &o.only {
                e.only = Some(only.clone());
            }
        }
        Type::Switch(labels) => {
            if let Some(s) = &o.switch {
                *labels = s.clone();
            }
        }
        Type::Object(u) => {
            for (k, v) in &o.overrides {
                merge_override(u.overrides.entry(k.clone()).or_default(), v);
            }
        }
        _ => {}
    }
}

/// Lays `outer` (a use further out) over `inner` (the shape's own use of a field): what the outer
/// use states wins, what it leaves unsaid is kept.
fn merge_override(inner: &mut Override, outer: &Override) {
    if outer.desc.is_some() {
        inner.desc = outer.desc.clone();
    }
    if outer.required.is_some() {
        inner.required = outer.required;
    }
    if let Some(l) = &outer.labels {
        inner.labels.get_or_insert_with(BTreeMap::new).extend(l.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    if outer.only.is_some() {
        inner.only = outer.only.clone();
    }
    if outer.switch.is_some() {
        inner.switch = outer.switch.clone();
    }
    for (k, v) in &outer.overrides {
        merge_override(inner.overrides.entry(k.clone()).or_default(), v);
    }
}

/// Text form of an enum value, as used for `labels` keys (YAML map keys are strings).
pub fn value_key(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn required_if(fields: &[&str], others_optional: bool, optional_otherwise: bool) -> Rule {
        Rule::RequiredIf {
            fields: fields.iter().map(|f| f.to_string()).collect(),
            when: Condition { field: "mode".into(), equals: true, value: Value::from(2) },
            others_optional,
            optional_otherwise,
        }
    }

    #[test]
    fn requirements_fold_the_rules_in_order() {
        let plain = [required_if(&["a"], false, false)];
        assert_eq!(Requirement::of("a", true, &plain), Requirement::Always);
        assert_eq!(Requirement::of("a", false, &plain), Requirement::When(Expr::Cond(0)));
        assert_eq!(Requirement::of("b", true, &plain), Requirement::Always);
        assert_eq!(Requirement::of("b", false, &plain), Requirement::Never);

        let otherwise = [required_if(&["a"], false, true)];
        assert_eq!(Requirement::of("a", true, &otherwise), Requirement::When(Expr::Cond(0)));

        let others = [required_if(&["a"], true, false)];
        let b = Requirement::of("b", true, &others);
        assert_eq!(b, Requirement::When(Expr::Not(Box::new(Expr::Cond(0)))));
        assert!(b.holds(&[false]) && !b.holds(&[true]));

        // The second rule's condition is the second condition, whatever rules lie between.
        let two = [
            required_if(&["a"], false, false),
            Rule::AtMost { field: vec![], limit: "x".into() },
            required_if(&["c"], true, false),
        ];
        let a = Requirement::of("a", false, &two);
        assert_eq!(
            a,
            Requirement::When(Expr::And(Box::new(Expr::Not(Box::new(Expr::Cond(1)))), Box::new(Expr::Cond(0))))
        );
        assert!(a.holds(&[true, false]) && !a.holds(&[true, true]) && !a.holds(&[false, false]));
    }

    #[test]
    fn requirements_in_words_keep_their_grouping() {
        let c = |field: &str, equals| RuleCondition {
            field: field.into(),
            equals,
            value: Value::from(1),
            when_absent: false,
        };
        let conditions = [c("a", true), c("b", false)];
        let e = Expr::And(
            Box::new(Expr::Not(Box::new(Expr::Cond(1)))),
            Box::new(Expr::Or(Box::new(Expr::Cond(0)), Box::new(Expr::Cond(1)))),
        );
        assert_eq!(e.words(&conditions), "`b` is `1` and (`a` is `1` or `b` is not `1`)");
    }

    #[test]
    fn outer_overrides_lay_over_inner_ones_key_by_key() {
        let mut inner = Override { only: Some(vec![Value::from(1)]), ..Override::default() };
        let labels = BTreeMap::from([("1".to_owned(), "一".to_owned())]);
        let outer = Override { required: Some(false), labels: Some(labels.clone()), ..Override::default() };
        merge_override(&mut inner, &outer);
        assert_eq!(inner.only, Some(vec![Value::from(1)]));
        assert_eq!(inner.required, Some(false));
        assert_eq!(inner.labels, Some(labels));
    }
}
