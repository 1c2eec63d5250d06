//! A request as it travels over HTTP, described without any HTTP library: the method, the filled-in
//! path, the query, and the body (form fields, or multipart fields and a file). Any client can send
//! it; `decode` (with the `decode` feature) is the same description read back on the server side.
//!
//! Where the token goes and how the body is encoded are not decided here: each endpoint's
//! [`EndpointInfo`] carries them, as the spec's resolved model worked them out.

use std::fmt;

use crate::generated::wire as names;
use crate::{EndpointInfo, FileUpload};

/// The HTTP methods the platform's endpoints use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// The method for its name (upper case, as HTTP writes it).
    pub fn parse(name: &str) -> Option<Method> {
        Some(match name {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "DELETE" => Method::Delete,
            _ => return None,
        })
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a value travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    /// A segment of the URI.
    Path,
    /// The query string.
    Query,
    /// The request body: form fields or multipart parts.
    Body,
}

/// How a request body is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BodyKind {
    /// No body.
    None,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `application/x-www-form-urlencoded`, with the JSON request in the `params` field.
    ParamsForm,
    /// `multipart/form-data`: text fields and one file.
    Multipart,
}

macro_rules! credential {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// `Debug` shows `***`; there is no `Display`, so the value reaches a log only through
        /// [`expose`](Self::expose).
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            pub fn new(value: impl Into<String>) -> Self {
                $name(value.into())
            }

            /// The value itself, for putting on the wire.
            pub fn expose(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "(***)"))
            }
        }
    };
}

credential!(
    /// The session token (`account_token`) that the platform hands out for the API key and secret.
    AccountToken
);
credential!(
    /// The value of the login cookie (`SSO_COOKIE_KEY`) that every call after login carries.
    SessionCookie
);

/// Choices a client makes per call, not per endpoint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WireOptions {
    /// Send DELETE and PUT as POST with `_method=DELETE` or `_method=PUT`, for proxies that block
    /// them (only endpoints that document the fallback have it; the others go as they are).
    pub via_post: bool,
    /// Ask the platform to check the request without executing it (`?debug=1`).
    pub server_check: bool,
}

/// One query parameter or form field, as text.
#[derive(Clone, PartialEq, Eq)]
pub struct WireField {
    pub name: &'static str,
    pub value: String,
    /// A credential: `Debug` shows `***`.
    pub secret: bool,
}

impl WireField {
    pub fn new(name: &'static str, value: impl Into<String>) -> Self {
        WireField { name, value: value.into(), secret: false }
    }

    pub fn secret(name: &'static str, value: impl Into<String>) -> Self {
        WireField { name, value: value.into(), secret: true }
    }
}

impl fmt::Debug for WireField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.secret {
            write!(f, "{}=***", self.name)
        } else {
            write!(f, "{}={:?}", self.name, self.value)
        }
    }
}

/// The file part of a multipart body.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    /// The form field name of the part.
    pub name: &'static str,
    pub upload: FileUpload,
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={:?}", self.name, self.upload)
    }
}

/// The request body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WireBody {
    Empty,
    /// `application/x-www-form-urlencoded; charset=utf-8`.
    Form(Vec<WireField>),
    /// `multipart/form-data`: the text fields, then the file.
    Multipart {
        fields: Vec<WireField>,
        file: FilePart,
    },
}

/// Everything an HTTP library needs to send one call, besides the session's headers (the API level
/// and the login cookie, named in [`crate::wire_names`]).
#[derive(Clone, PartialEq, Eq)]
pub struct WireRequest {
    pub method: Method,
    /// The path with every placeholder filled and percent-encoded.
    pub path: String,
    pub query: Vec<WireField>,
    pub body: WireBody,
    /// The path as `Debug` shows it, when the real one holds a credential.
    shown_path: Option<String>,
    pub endpoint: &'static EndpointInfo,
}

impl WireRequest {
    /// `query` as `application/x-www-form-urlencoded` text (empty when there is none).
    pub fn query_string(&self) -> String {
        urlencode(&self.query)
    }

    /// The path and, when there is one, `?` and the query string.
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.query_string())
        }
    }

    /// The `Content-Type` of the body; a multipart body's boundary is the sender's to add.
    pub fn content_type(&self) -> Option<&'static str> {
        match self.body {
            WireBody::Empty => None,
            WireBody::Form(_) => Some("application/x-www-form-urlencoded; charset=utf-8"),
            WireBody::Multipart { .. } => Some("multipart/form-data"),
        }
    }

    /// A form body, encoded; `None` for an empty or multipart body.
    pub fn form_body(&self) -> Option<String> {
        match &self.body {
            WireBody::Form(fields) => Some(urlencode(fields)),
            _ => None,
        }
    }

    /// The value of a query parameter or body field.
    pub fn field(&self, name: &str) -> Option<&str> {
        let body = match &self.body {
            WireBody::Empty => &[][..],
            WireBody::Form(f) | WireBody::Multipart { fields: f, .. } => f,
        };
        self.query.iter().chain(body).find(|f| f.name == name).map(|f| f.value.as_str())
    }

    /// The JSON request body (the `params` field), when the endpoint takes one.
    pub fn params_json(&self) -> Option<&str> {
        self.field(names::PARAMS_PARAM)
    }

    /// The path as logs may show it: a credential in it is `***`.
    pub fn shown_path(&self) -> &str {
        self.shown_path.as_deref().unwrap_or(&self.path)
    }
}

impl fmt::Debug for WireRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WireRequest")
            .field("operation", &self.endpoint.operation)
            .field("method", &self.method)
            .field("path", &self.shown_path())
            .field("query", &self.query)
            .field("body", &self.body)
            .finish()
    }
}

fn urlencode(fields: &[WireField]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for f in fields {
        s.append_pair(f.name, &f.value);
    }
    s.finish()
}

/// What a request gives for its layout; the rest comes from its endpoint's facts.
pub(crate) struct Parts<'a> {
    pub fields: Vec<WireField>,
    pub params: Option<String>,
    pub file: Option<&'a FileUpload>,
    /// The path with placeholders filled, the token among them when the path carries it.
    pub path: String,
    /// The path as `Debug` shows it, when `path` holds the token.
    pub shown_path: Option<String>,
}

/// The token, when the endpoint's path carries it.
pub(crate) fn path_token<'a>(info: &EndpointInfo, token: Option<&'a AccountToken>) -> Option<&'a str> {
    match (info.token, token) {
        (Some(Place::Path), Some(t)) => Some(t.expose()),
        _ => None,
    }
}

/// Lays out one request by its endpoint's wire facts. Not generic: every endpoint shares one copy.
pub(crate) fn assemble(
    info: &'static EndpointInfo,
    request: Parts<'_>,
    token: Option<&AccountToken>,
    options: &WireOptions,
) -> WireRequest {
    let via_post = options.via_post && info.method_override.is_some();
    // The fallback's `_method` goes in a form, whatever the DELETE itself would have sent.
    let (method, fields_place, body_kind) =
        if via_post { (Method::Post, Place::Body, BodyKind::Form) } else { (info.method, info.fields, info.body) };

    let mut fields = Vec::new();
    if let (Some(Place::Query | Place::Body), Some(t)) = (info.token, token) {
        fields.push(WireField::secret(names::TOKEN_PARAM, t.expose()));
    }
    fields.extend(request.fields);
    if let Some(params) = request.params {
        fields.push(WireField::new(names::PARAMS_PARAM, params));
    }
    if let (true, Some((name, value))) = (via_post, info.method_override) {
        fields.push(WireField::new(name, value));
    }

    let mut query = Vec::new();
    let file_field = info.parameters.iter().find(|p| p.kind == crate::ParamKind::File).map(|p| p.name);
    let body = match (fields_place, body_kind) {
        (Place::Body, BodyKind::None) => WireBody::Empty,
        (Place::Body, BodyKind::Multipart) => match (request.file, file_field) {
            (Some(upload), Some(name)) => {
                WireBody::Multipart { fields, file: FilePart { name, upload: upload.clone() } }
            }
            _ => WireBody::Form(fields),
        },
        (Place::Body, BodyKind::Form | BodyKind::ParamsForm) => WireBody::Form(fields),
        _ => {
            query = fields;
            WireBody::Empty
        }
    };
    if options.server_check {
        query.push(WireField::new(names::DEBUG_PARAM, names::DEBUG_VALUE));
    }

    WireRequest { method, path: request.path, query, body, shown_path: request.shown_path, endpoint: info }
}

/// Why [`EndpointInfo::path_request`] can't make a request.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PathRequestError {
    /// No value was given for a placeholder of the path.
    Missing { operation: &'static str, placeholder: &'static str },
    /// The endpoint takes a parameter outside its path.
    NotInPath { operation: &'static str, parameter: &'static str },
}

impl fmt::Display for PathRequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathRequestError::Missing { operation, placeholder } => {
                write!(f, "{operation}: no value for the path's {{{placeholder}}}")
            }
            PathRequestError::NotInPath { operation, parameter } => {
                write!(f, "{operation}: takes `{parameter}` outside its path")
            }
        }
    }
}

impl std::error::Error for PathRequestError {}

impl EndpointInfo {
    /// The request of an endpoint that takes nothing: no placeholder, no parameter, no body (a
    /// document's version call, which a client sends knowing only its row of the table).
    pub fn bare_request(&'static self) -> Option<WireRequest> {
        self.parameters.is_empty().then(|| WireRequest {
            method: self.method,
            path: self.path.to_owned(),
            query: Vec::new(),
            body: WireBody::Empty,
            shown_path: None,
            endpoint: self,
        })
    }

    /// The values of the placeholders in a path of this endpoint (as
    /// [`fill_path`](Self::fill_path) lays it out), percent-decoded, in the path's order; `None` when
    /// `path` is not one of this endpoint's.
    pub fn path_values(&self, path: &str) -> Option<Vec<(&'static str, String)>> {
        let (template, given) = (self.path.split('/'), path.split('/'));
        if template.clone().count() != given.clone().count() {
            return None;
        }
        let mut values = Vec::new();
        for (t, g) in template.zip(given) {
            match t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                Some(name) => {
                    values.push((name, percent_encoding::percent_decode_str(g).decode_utf8().ok()?.into_owned()))
                }
                None if t == g => {}
                None => return None,
            }
        }
        Some(values)
    }

    /// The request of an endpoint whose only parameters are its path's placeholders, from their
    /// values by name (others are ignored) and the session token: the GET that reads back the
    /// resource a push channel's `update` names, made from the channel's values alone.
    pub fn path_request(
        &'static self,
        values: &[(&str, &str)],
        token: Option<&AccountToken>,
    ) -> Result<WireRequest, PathRequestError> {
        for p in self.parameters {
            if p.place != Place::Path {
                return Err(PathRequestError::NotInPath { operation: self.operation, parameter: p.name });
            }
            if !values.iter().any(|(n, _)| *n == p.name) {
                return Err(PathRequestError::Missing { operation: self.operation, placeholder: p.name });
            }
        }
        let path_token = path_token(self, token);
        let with_token: Vec<(&str, &str)> =
            values.iter().copied().chain(path_token.map(|t| (names::TOKEN_PARAM, t))).collect();
        let parts = Parts {
            fields: Vec::new(),
            params: None,
            file: None,
            path: self.fill_path(&with_token, ""),
            shown_path: path_token.map(|_| self.fill_path(values, "***")),
        };
        Ok(assemble(self, parts, token, &WireOptions::default()))
    }

    /// The path with each `{placeholder}` filled with its value from `values`, percent-encoded as
    /// one segment (everything but RFC 3986's unreserved characters); a placeholder without a
    /// value (the session token's, before there is one) gets `missing` as it is. The requests lay
    /// out their paths with it, and so can any tool that has the values as text.
    pub fn fill_path(&self, values: &[(&str, &str)], missing: &str) -> String {
        const SEGMENT: &percent_encoding::AsciiSet =
            &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
        let mut out = String::with_capacity(self.path.len() + 16);
        let mut rest = self.path;
        while let Some((before, name, after)) =
            rest.split_once('{').and_then(|(before, tail)| tail.split_once('}').map(|(n, after)| (before, n, after)))
        {
            out.push_str(before);
            match values.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => out.extend(percent_encoding::utf8_percent_encode(value, SEGMENT)),
                None => out.push_str(missing),
            }
            rest = after;
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EndConfRequest, Endpoint, GetBookedConfRequest, ListBookedConfsRequest, TokenHeartbeatRequest};

    /// `end_conf`'s facts, made into an endpoint of `method` that takes `params`, with the fallback.
    fn with_body(method: Method) -> &'static EndpointInfo {
        let value = method.as_str();
        Box::leak(Box::new(EndpointInfo {
            method,
            fields: Place::Body,
            body: BodyKind::ParamsForm,
            token: Some(Place::Body),
            method_override: Some((names::METHOD_OVERRIDE_PARAM, value)),
            ..*EndConfRequest::INFO
        }))
    }

    fn lay_out(info: &'static EndpointInfo, via_post: bool) -> WireRequest {
        let parts = Parts {
            fields: Vec::new(),
            params: Some("{\"mts\":[]}".to_owned()),
            file: None,
            path: "/x".to_owned(),
            shown_path: None,
        };
        let options = WireOptions { via_post, server_check: false };
        assemble(info, parts, Some(&AccountToken::new("t")), &options)
    }

    #[test]
    fn a_delete_or_put_body_is_a_form_sent_as_it_is_or_via_post() {
        for method in [Method::Delete, Method::Put] {
            let info = with_body(method);
            let plain = lay_out(info, false);
            assert_eq!(plain.method, method);
            assert!(plain.query.is_empty());
            assert_eq!(plain.form_body().as_deref(), Some("account_token=t&params=%7B%22mts%22%3A%5B%5D%7D"));

            let posted = lay_out(info, true);
            assert_eq!(posted.method, Method::Post);
            assert_eq!(posted.field(names::METHOD_OVERRIDE_PARAM), Some(method.as_str()));
            assert_eq!(posted.params_json(), Some("{\"mts\":[]}"));
        }
    }

    #[test]
    fn without_a_documented_fallback_the_method_stays() {
        let info = Box::leak(Box::new(EndpointInfo { method_override: None, ..*with_body(Method::Put) }));
        assert_eq!(lay_out(info, true).method, Method::Put);
    }

    #[test]
    fn placeholders_are_filled_percent_encoded_and_missing_ones_marked() {
        let info = GetBookedConfRequest::INFO;
        let (prefix, _) = info.path.split_once('{').unwrap();
        let name = info.parameters[0].name;
        assert_eq!(info.fill_path(&[(name, "a b/c~d.é")], "-"), format!("{prefix}a%20b%2Fc~d.%C3%A9"));
        assert_eq!(info.fill_path(&[], "-"), format!("{prefix}-"));
        let heartbeat = TokenHeartbeatRequest::INFO;
        assert!(heartbeat.fill_path(&[], "***").contains("/***/"), "{}", heartbeat.fill_path(&[], "***"));
        let list = ListBookedConfsRequest::INFO;
        assert_eq!(list.fill_path(&[(name, "x")], "-"), list.path);
    }

    #[test]
    fn a_filled_path_gives_its_values_back_decoded_and_a_foreign_path_none() {
        let info = GetBookedConfRequest::INFO;
        let name = info.parameters[0].name;
        let path = info.fill_path(&[(name, "a b/c~d.é")], "-");
        assert_eq!(info.path_values(&path), Some(vec![(name, "a b/c~d.é".to_owned())]));
        assert_eq!(info.path_values(ListBookedConfsRequest::INFO.path), None);
        assert_eq!(info.path_values(&format!("{path}/more")), None);
        let request = GetBookedConfRequest::new("12 3");
        assert_eq!(request.path_values(), vec![(name, "12 3".to_owned())]);
        // The token of a path that carries it is the session's, not a value of the resource.
        assert!(TokenHeartbeatRequest::new().path_values().is_empty());
    }

    #[test]
    fn a_request_made_from_path_values_is_the_typed_requests_wire() {
        let token = AccountToken::new("tok");
        let typed = GetBookedConfRequest::new("7770480").to_wire(Some(&token), &WireOptions::default());
        let info = GetBookedConfRequest::INFO;
        let name = info.parameters[0].name;
        let made = info.path_request(&[("unrelated", "1"), (name, "7770480")], Some(&token)).unwrap();
        assert_eq!(format!("{made:?}"), format!("{typed:?}"));
        assert_eq!(made.path_and_query(), typed.path_and_query());
        assert_eq!(
            info.path_request(&[], Some(&token)).unwrap_err(),
            PathRequestError::Missing { operation: info.operation, placeholder: name }
        );
        let list = ListBookedConfsRequest::INFO;
        assert!(matches!(list.path_request(&[], None), Err(PathRequestError::NotInPath { .. })));
    }
}
