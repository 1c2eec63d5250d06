//! The YAML files as written, before any checking. Unknown keys are errors, so a misspelt
//! attribute never silently drops a constraint.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    pub api: Option<ApiInfo>,
    #[serde(default)]
    pub enums: Vec<EnumDef>,
    #[serde(default)]
    pub shapes: Vec<ShapeDef>,
    #[serde(default)]
    pub text_rules: Vec<TextRuleDef>,
    #[serde(default)]
    pub endpoints: Vec<EndpointDef>,
    #[serde(default)]
    pub errors: Vec<ErrorDef>,
    /// The push service's connection facts (one file has them).
    pub push: Option<PushDef>,
    #[serde(default)]
    pub channels: Vec<ChannelDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiInfo {
    pub title: String,
    pub documents: Vec<DocumentDef>,
    pub wire: WireDef,
}

/// The wire conventions; every key is required, so a misspelt one is an error rather than an empty string.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireDef {
    pub api_level_header: String,
    pub session_cookie: String,
    pub token_param: String,
    pub params_param: String,
    pub method_override_param: String,
    pub debug_query: String,
    pub debug_reply_field: String,
    pub success_field: String,
    pub error_code_field: String,
    pub description_field: String,
    pub level_reply_field: String,
    pub datetime_format: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentDef {
    pub source: String,
    pub title: String,
    pub version: String,
    pub api_level: u32,
    /// The operation that reports this document's level on a server.
    pub level_from: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumDef {
    pub name: String,
    pub desc: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub values: Vec<EnumValueDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValueDef {
    pub value: Value,
    pub id: Option<String>,
    pub label: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShapeDef {
    pub name: String,
    pub desc: String,
    pub fields: Vec<FieldDef>,
    #[serde(default)]
    pub rules: Vec<RuleDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextRuleDef {
    pub name: String,
    pub desc: String,
    pub forbidden: Option<String>,
    pub forbidden_at_edges: Option<String>,
    pub allowed: Option<String>,
    #[serde(default)]
    pub secret: bool,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointDef {
    pub operation: String,
    pub name: String,
    pub description: String,
    pub method: String,
    pub uri: String,
    pub min_api_level: u32,
    pub source: String,
    #[serde(default)]
    pub path: Vec<FieldDef>,
    #[serde(default)]
    pub parameters: Vec<FieldDef>,
    pub params: Option<ObjectDef>,
    pub params_example: Option<String>,
    pub reply: Option<ObjectDef>,
    pub reply_example: Option<String>,
    pub failure: String,
    pub failure_example: Option<String>,
    /// `token` for the calls that need the token but not the login cookie.
    pub session: Option<String>,
    #[serde(default)]
    pub aliases: Vec<AliasDef>,
    pub note: Option<String>,
    /// The document's words saying the call is carried out after its reply (异步操作).
    #[serde(rename = "async")]
    pub asynchronous: Option<String>,
    /// Where the spec differs from the document outside any one spec field (the document's own defects).
    #[serde(default)]
    pub departs: Vec<EndpointDepartureDef>,
    /// Where the outcome of an asynchronous call is pushed.
    pub outcome: Option<OutcomeDef>,
}

/// The push channel that reports a call's outcome, and the one whose notification reports its failure.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeDef {
    pub channel: Option<String>,
    #[serde(default)]
    pub messages: Vec<String>,
    pub failure: Option<String>,
    pub why: Option<String>,
}

/// Another path a document gives for the endpoint, and where.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasDef {
    pub uri: String,
    pub why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectDef {
    pub type_name: Option<String>,
    #[serde(default)]
    pub fields: Vec<FieldDef>,
    /// A shape to use instead of `fields` (endpoints that take the same body).
    #[serde(rename = "ref")]
    pub shape: Option<String>,
    pub overrides: Option<BTreeMap<String, OverrideDef>>,
    #[serde(default)]
    pub rules: Vec<RuleDef>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: Option<String>,
    #[serde(default)]
    pub required: bool,
    pub desc: String,
    pub note: Option<String>,
    pub rust_name: Option<String>,
    pub default: Option<Value>,
    pub role: Option<String>,
    pub value: Option<String>,
    #[serde(default)]
    pub secret: bool,
    // scalars
    #[serde(rename = "enum")]
    pub enum_name: Option<String>,
    pub only: Option<Vec<Value>>,
    pub labels: Option<BTreeMap<String, String>>,
    pub switch: Option<Vec<String>>,
    // Signed, so that a negative limit gets the checker's message rather than serde's.
    pub max_bytes: Option<i64>,
    pub max_chars: Option<i64>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub one_of: Option<Vec<i64>>,
    pub text: Option<String>,
    pub format: Option<String>,
    pub telephone: Option<TelephoneDef>,
    pub max_file_bytes: Option<i64>,
    /// An enum whose labels are the file extensions accepted (`type: file`).
    pub file_types: Option<String>,
    // containers
    pub fields: Option<Vec<FieldDef>>,
    pub type_name: Option<String>,
    #[serde(rename = "ref")]
    pub shape: Option<String>,
    pub overrides: Option<BTreeMap<String, OverrideDef>>,
    pub items: Option<String>,
    #[serde(default)]
    pub rules: Vec<RuleDef>,
    #[serde(default)]
    pub departs: Vec<DepartureDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TelephoneDef {
    pub area_code: i64,
    pub number: i64,
    pub extension: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverrideDef {
    pub desc: Option<String>,
    pub required: Option<bool>,
    pub labels: Option<BTreeMap<String, String>>,
    pub only: Option<Vec<Value>>,
    pub switch: Option<Vec<String>>,
    pub overrides: Option<BTreeMap<String, OverrideDef>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartureDef {
    pub what: String,
    pub doc: String,
    pub why: String,
    /// The document line the difference is at, when it has one.
    pub line: Option<usize>,
}

/// A departure of a whole endpoint, or of a place in its tables that has no spec field to carry it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointDepartureDef {
    pub what: String,
    /// `parameters.params`, `reply.mts.alias`, `params_example`; none for the endpoint's description.
    pub at: Option<String>,
    pub line: usize,
    pub doc: String,
    pub why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub required_if: Option<RequiredIfDef>,
    pub at_most: Option<AtMostDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredIfDef {
    pub fields: Vec<String>,
    pub when: ConditionDef,
    #[serde(default)]
    pub others_optional: bool,
    #[serde(default)]
    pub optional_otherwise: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionDef {
    pub field: String,
    pub equals: Option<Value>,
    pub not_equals: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AtMostDef {
    pub field: String,
    pub limit: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorDef {
    pub code: i64,
    pub message: String,
    pub role: Option<String>,
    pub why: Option<String>,
    #[serde(default)]
    pub session_expired: bool,
}

/// How to reach the push service, and how its channels and messages are spelt.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushDef {
    pub source: String,
    pub path: String,
    pub bayeux_version: String,
    pub domain_ext_field: String,
    pub prefix: String,
    pub rest_prefix: String,
    pub method_field: String,
    pub methods: MethodsDef,
}

/// The `method` values of the three kinds of message.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodsDef {
    pub update: String,
    pub delete: String,
    pub notify: String,
}

/// One channel pattern and the messages the document lists for it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelDef {
    pub id: String,
    /// The 名称 of the document's entry for its state messages.
    pub name: Option<String>,
    pub channel: String,
    #[serde(default)]
    pub placeholders: Vec<PlaceholderDef>,
    pub update: Option<UpdateDef>,
    pub delete: Option<StateDef>,
    pub notify: Option<NotifyDef>,
    #[serde(default)]
    pub departs: Vec<ChannelDepartureDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceholderDef {
    pub name: String,
    pub format: String,
    pub desc: String,
    /// The notification entry's wording, where it differs from the state entry's.
    pub notify_desc: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateDef {
    pub desc: String,
    pub operation: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateDef {
    pub desc: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotifyDef {
    pub name: String,
    pub type_name: String,
    pub fields: Vec<FieldDef>,
    pub example: Option<String>,
}

/// Where a channel differs from the document outside its notification's fields.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelDepartureDef {
    pub what: String,
    /// The placeholder, for a `placeholder` departure.
    pub at: Option<String>,
    pub line: usize,
    pub doc: String,
    pub why: String,
}

impl SpecFile {
    /// Defines nothing: an empty file, one with only comments, or only empty sections.
    pub fn is_empty(&self) -> bool {
        self.api.is_none()
            && self.enums.is_empty()
            && self.shapes.is_empty()
            && self.text_rules.is_empty()
            && self.endpoints.is_empty()
            && self.errors.is_empty()
            && self.push.is_none()
            && self.channels.is_empty()
    }
}
