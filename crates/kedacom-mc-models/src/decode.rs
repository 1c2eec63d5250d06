//! The server side of [`crate::wire`]: from a received HTTP request to the endpoint it calls and
//! its typed request, with every type error and broken rule reported, as [`crate::from_json`] does.
//! Anything that serves the API (the mock platform) decodes with this, so it reads requests exactly
//! as the client writes them.

use std::collections::HashMap;
use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::generated::wire as names;
use crate::json::{self, JsonShape};
use crate::json_text;
use crate::validate::{Path, Rule, Validate, ValidationReport, Violation};
use crate::wire::{AccountToken, Method, Place};
use crate::{AnyRequest, Endpoint, EndpointInfo, FileUpload, ParamKind, ENDPOINTS};

/// A request as a server received it: the raw path, and the query and body already decoded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WireInput {
    /// The HTTP method, as sent (`GET`, `POST`, …).
    pub method: String,
    /// The path, still percent-encoded, without the query.
    pub path: String,
    pub query: Vec<(String, String)>,
    /// Form fields, or the text parts of a multipart body.
    pub form: Vec<(String, String)>,
    /// The file part of a multipart body: its field name and the file.
    pub file: Option<(String, FileUpload)>,
    /// Query and form fields whose name or value is not UTF-8, as received: the name (percent-encoded
    /// where it is not UTF-8) and the value's bytes. `decode` refuses each, naming it, rather than
    /// reading text that was not sent; [`WireInput::read_query`] and the others put them here.
    pub unreadable: Vec<(String, Vec<u8>)>,
}

impl WireInput {
    /// Adds the fields of a query string (`application/x-www-form-urlencoded` text).
    pub fn read_query(&mut self, raw: &[u8]) {
        read_fields(raw, &mut self.query, &mut self.unreadable);
    }

    /// Adds the fields of an `application/x-www-form-urlencoded` body.
    pub fn read_form(&mut self, raw: &[u8]) {
        read_fields(raw, &mut self.form, &mut self.unreadable);
    }

    /// Adds a text part of a multipart body.
    pub fn read_text_part(&mut self, name: String, value: Vec<u8>) {
        match String::from_utf8(value) {
            Ok(text) => self.form.push((name, text)),
            Err(e) => self.unreadable.push((name, e.into_bytes())),
        }
    }
}

/// Splits urlencoded text into fields, decoding `+` and percent-escapes to bytes first and only
/// then reading them as UTF-8, so that nothing is replaced on the way.
fn read_fields(raw: &[u8], fields: &mut Vec<(String, String)>, unreadable: &mut Vec<(String, Vec<u8>)>) {
    let decode = |s: &[u8]| -> Vec<u8> {
        let plus: Vec<u8> = s.iter().map(|&b| if b == b'+' { b' ' } else { b }).collect();
        percent_encoding::percent_decode(&plus).collect()
    };
    for pair in raw.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &pair[pair.len()..]),
        };
        match (String::from_utf8(decode(name)), String::from_utf8(decode(value))) {
            (Ok(name), Ok(value)) => fields.push((name, value)),
            (Ok(name), Err(value)) => unreadable.push((name, value.into_bytes())),
            (Err(name), value) => {
                let value = value.map_or_else(|e| e.into_bytes(), String::into_bytes);
                unreadable.push((shown_bytes(name.as_bytes()), value));
            }
        }
    }
}

/// Bytes as text: UTF-8 as it is, every other byte as `%XX`.
fn shown_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What a received request asks for.
#[derive(Debug)]
pub struct Decoded {
    pub endpoint: &'static EndpointInfo,
    /// The session token, wherever the endpoint takes it.
    pub token: Option<AccountToken>,
    /// The caller asked for a check only (`?debug=1`).
    pub server_check: bool,
    /// The typed request, or every problem with it.
    pub request: Result<AnyRequest, ValidationReport>,
    /// The keys of `params` the document does not list, each a [`Rule::UnknownField`] at its path
    /// (without its value, which may be a misspelled secret). The platform ignores them, so they
    /// are no error: the request keeps them in its objects' `extra`.
    pub warnings: Vec<Violation>,
}

/// No endpoint answers the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RouteError {
    /// No endpoint has this path.
    NotFound { path: String },
    /// Endpoints have this path, but not with this method.
    MethodNotAllowed { method: String, path: String, allowed: Vec<Method> },
}

impl fmt::Display for RouteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RouteError::NotFound { path } => write!(f, "no endpoint has the path {path}"),
            RouteError::MethodNotAllowed { method, path, allowed } => {
                let allowed: Vec<&str> = allowed.iter().map(|m| m.as_str()).collect();
                write!(f, "{path} does not take {method} (it takes {})", allowed.join(", "))
            }
        }
    }
}

impl std::error::Error for RouteError {}

/// Finds the endpoint a request calls (by its path, or another path the documents give for it) and
/// decodes it. Parameters are read from the query and the
/// form alike (the first of repeated names wins), as the platform's servlet container reads them;
/// names no endpoint documents are ignored, as it ignores them. A field that is not UTF-8 is
/// refused, whatever its name: the platform reads UTF-8 only, and anything else it would store
/// altered. The time taken grows linearly with the number of fields and of `params` keys.
pub fn decode(input: WireInput) -> Result<Decoded, RouteError> {
    route(input, true)
}

/// As [`decode`], but the rules are left to the caller: `request` is the typed request whatever
/// rules it breaks (call [`Validate::validate`] on it), and is an error only where a value could
/// not be typed at all (not a number, `params` that is not a JSON object of the right shape).
pub fn decode_unchecked(input: WireInput) -> Result<Decoded, RouteError> {
    route(input, false)
}

fn route(input: WireInput, check: bool) -> Result<Decoded, RouteError> {
    let form_value = |name: &str| input.form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    // POST with `_method=DELETE` (or `PUT`) stands for that method before routing, as the platform's
    // filter reads it; only the endpoints that document the fallback take it.
    let sent = Method::parse(&input.method);
    let overriding = (sent == Some(Method::Post))
        .then(|| form_value(names::METHOD_OVERRIDE_PARAM).and_then(Method::parse))
        .flatten()
        .filter(|m| ENDPOINTS.iter().any(|e| e.method_override.is_some_and(|(_, value)| value == m.as_str())));
    let overridden = overriding.is_some();
    let method = overriding.or(sent);
    let mut allowed = Vec::new();
    let mut found = None;
    for info in ENDPOINTS.iter().copied() {
        let paths = std::iter::once(info.path).chain(info.aliases.iter().copied());
        let Some(segments) = paths.into_iter().find_map(|p| match_path(p, &input.path)) else { continue };
        if method == Some(info.method) && (!overridden || info.method_override.is_some()) {
            found = Some((info, segments));
            break;
        }
        allowed.push(info.method);
    }
    let Some((info, segments)) = found else {
        return Err(if allowed.is_empty() {
            RouteError::NotFound { path: input.path }
        } else {
            RouteError::MethodNotAllowed { method: input.method, path: input.path, allowed }
        });
    };
    Ok(decode_for(info, segments, input, check))
}

fn decode_for(
    info: &'static EndpointInfo,
    segments: Vec<(&'static str, String)>,
    input: WireInput,
    check: bool,
) -> Decoded {
    let mut parts = Parts::default();
    let mut token = None;
    for (name, raw) in segments {
        let text = match percent_encoding::percent_decode_str(&raw).decode_utf8() {
            Ok(t) => t.into_owned(),
            Err(_) => {
                parts.shape.push(Violation {
                    path: name.to_owned(),
                    rule: Rule::Type { expected: "UTF-8 text" },
                    value: Some(raw.clone()),
                });
                String::new()
            }
        };
        if name == names::TOKEN_PARAM && info.token == Some(Place::Path) {
            token = Some(AccountToken::new(text));
        } else {
            parts.path.push((name, text));
        }
    }
    let WireInput { query, form, file, unreadable, .. } = input;
    let server_check = query.iter().any(|(k, v)| k == names::DEBUG_PARAM && v == names::DEBUG_VALUE);
    parts.fields.reserve(query.len() + form.len());
    for (k, v) in query.into_iter().chain(form) {
        parts.fields.entry(k).or_insert(v);
    }
    if matches!(info.token, Some(Place::Query | Place::Body)) {
        token = parts.take(names::TOKEN_PARAM).map(AccountToken::new);
    }
    parts.params = parts.take(names::PARAMS_PARAM);
    parts.file = file;
    for (name, bytes) in unreadable {
        parts.unreadable(info, name, bytes);
    }
    let any = (info.decode)(&mut parts);
    let warnings = std::mem::take(&mut parts.warnings);
    let request = parts.finish(any, check);
    Decoded { endpoint: info, token, server_check, request, warnings }
}

/// The placeholder values of `path` when it matches the template, by placeholder name.
fn match_path(template: &'static str, path: &str) -> Option<Vec<(&'static str, String)>> {
    // Routing tries the templates in turn, and most differ from the path before their first
    // placeholder: a comparison of that literal start rejects them without splitting either.
    match template.find('{') {
        None => return (template == path).then(Vec::new),
        Some(brace) if !path.starts_with(&template[..brace]) => return None,
        Some(_) => {}
    }
    let mut t = template.split('/');
    let mut p = path.split('/');
    let mut out = Vec::new();
    loop {
        match (t.next(), p.next()) {
            (None, None) => return Some(out),
            (Some(ts), Some(ps)) => match ts.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) if !ps.is_empty() => out.push((name, ps.to_owned())),
                Some(_) => return None,
                None if ts == ps => {}
                None => return None,
            },
            _ => return None,
        }
    }
}

/// The decoded parts of one request, handed to the generated `__from_parts` of its endpoint, which
/// takes what it knows; type errors are collected here.
#[doc(hidden)]
#[derive(Default)]
pub struct Parts {
    path: Vec<(&'static str, String)>,
    /// The first value of each name.
    fields: HashMap<String, String>,
    params: Option<String>,
    file: Option<(String, FileUpload)>,
    /// Type errors, and the paths of the values dropped for them.
    shape: Vec<Violation>,
    /// Undocumented keys of the body.
    warnings: Vec<Violation>,
    /// The body was not a JSON object at all, or not text: its rules have nothing to say.
    params_rejected: bool,
}

impl Parts {
    fn take(&mut self, name: &str) -> Option<String> {
        self.fields.remove(name)
    }

    /// A field that is not UTF-8: reported at its name, or for the body, at the place in the
    /// JSON document where the bytes are, and the body is not read. (When only the name is not
    /// UTF-8, the value may be: the name, shown encoded, says what is wrong.)
    fn unreadable(&mut self, info: &EndpointInfo, name: String, bytes: Vec<u8>) {
        let expected = Rule::Type { expected: "UTF-8 text" };
        if name == names::PARAMS_PARAM {
            let valid = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), str::len);
            let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            let path = json_text::path_at_end(before);
            let path = if path.is_empty() { name } else { path };
            self.shape.push(Violation { path, rule: expected, value: None });
            self.params = None;
            self.params_rejected = true;
            return;
        }
        let secret = name == names::TOKEN_PARAM || info.parameter(&name).is_some_and(|p| p.secret);
        let value = Some(if secret { "***".to_owned() } else { shown_bytes(&bytes) });
        self.shape.push(Violation { path: name, rule: expected, value });
    }

    /// A path placeholder's decoded value.
    pub fn path(&mut self, name: &str) -> String {
        match self.path.iter().position(|(k, _)| *k == name) {
            Some(i) => self.path.remove(i).1,
            None => String::new(),
        }
    }

    /// A query or form parameter, converted to its type; a value that does not convert is reported
    /// (masked when `secret`) and dropped.
    pub fn field<T: DeserializeOwned + JsonShape>(&mut self, info: &EndpointInfo, name: &str) -> Option<T> {
        let mut json = self.field_json(info, name)?;
        let at = Path::ROOT;
        let at = at.key(name);
        if !T::check_json(&mut json, &at, &mut self.shape) {
            return None;
        }
        serde_json::from_value(json).map_err(|e| self.not_valid(name, e)).ok()
    }

    /// A parameter's text as the JSON its type reads: a number for integers and switches (and for
    /// integer enums, when it is one).
    fn field_json(&mut self, info: &EndpointInfo, name: &str) -> Option<Value> {
        let text = self.take(name)?;
        let (kind, secret) = info.parameter(name).map_or((&ParamKind::String, false), |p| (&p.kind, p.secret));
        Some(match kind {
            ParamKind::Integer | ParamKind::Switch => match text.trim().parse::<i64>() {
                Ok(n) => Value::from(n),
                Err(_) => {
                    let value = Some(if secret { "***".to_owned() } else { Value::from(text).to_string() });
                    self.shape.push(Violation {
                        path: name.to_owned(),
                        rule: Rule::Type { expected: "an integer" },
                        value,
                    });
                    return None;
                }
            },
            ParamKind::Enum(values) if values.first().is_some_and(|(v, ..)| v.parse::<i64>().is_ok()) => {
                match text.trim().parse::<i64>() {
                    Ok(n) => Value::from(n),
                    // An integer enum sent as a word is kept, and validation reports it as not accepted.
                    Err(_) => Value::from(text),
                }
            }
            _ => Value::from(text),
        })
    }

    #[cold]
    fn not_valid(&mut self, name: &str, e: serde_json::Error) {
        self.shape.push(Violation {
            path: name.to_owned(),
            rule: Rule::Type { expected: "a valid value" },
            value: Some(e.to_string()),
        });
    }

    /// The JSON request body. An absent body reads as `{}` (its required fields are then reported
    /// missing); a body that is not JSON, or not an object, is reported at `params`.
    pub fn params<T: DeserializeOwned + JsonShape + Default>(&mut self) -> T {
        let Some(text) = self.params.take() else { return T::default() };
        let mut found = Vec::new();
        let typed = json::decode_json::<T>(&text, &mut found, &mut self.warnings);
        self.body_read(typed.is_none(), found);
        typed.unwrap_or_default()
    }

    fn body_read(&mut self, rejected: bool, mut found: Vec<Violation>) {
        self.params_rejected |= rejected;
        for v in &mut found {
            // Problems with the body as a whole are shown at the field that carries it.
            if v.path.is_empty() {
                v.path = names::PARAMS_PARAM.to_owned();
            }
        }
        self.shape.extend(found);
    }

    /// The uploaded file; a missing one is reported and an empty one stands in for it.
    pub fn file(&mut self, name: &str) -> FileUpload {
        match self.file.take() {
            Some((field, upload)) if field == name => upload,
            other => {
                self.file = other;
                self.shape.push(Violation { path: name.to_owned(), rule: Rule::Required, value: None });
                FileUpload::default()
            }
        }
    }

    /// The request, or its problems: its type errors, and with `check` the rules it breaks too.
    fn finish(self, request: AnyRequest, check: bool) -> Result<AnyRequest, ValidationReport> {
        if self.params_rejected {
            // As `from_json`: a body that is no request at all is reported as that, not as every
            // field it lacks.
            return Err(ValidationReport { violations: self.shape });
        }
        let mut rules = Vec::new();
        if check {
            request.validate_at(&Path::ROOT, &mut rules);
        }
        let violations = json::merge(self.shape, rules);
        if violations.is_empty() {
            Ok(request)
        } else {
            Err(ValidationReport { violations })
        }
    }
}

/// `decode` entry of every [`EndpointInfo`].
#[doc(hidden)]
pub fn decode_as<E: Endpoint>(parts: &mut Parts) -> AnyRequest {
    E::__from_parts(parts).into_any()
}
