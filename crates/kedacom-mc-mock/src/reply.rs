//! Replies as the platform sends them: JSON with HTTP 200 whether the call succeeded or not, a
//! failure shape per endpoint, the debug report; and what a web server in front sends when no
//! endpoint answers or the platform is down.

use axum::http::header::{ALLOW, CONTENT_TYPE, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use kedacom_mc_models::wire_names::{DEBUG_REPLY_FIELD, ERROR_CODE_FIELD, SESSION_COOKIE, SUCCESS_FIELD};
use kedacom_mc_models::{BareFailure, EndpointInfo, Failure, Method};
use serde::Serialize;
use serde_json::Value;

use crate::error::PlatformError;

pub(crate) const JSON: &str = "application/json; charset=UTF-8";
const HTML: &str = "text/html";

/// A reply body, built by the operations under the platform's lock and encoded by the server
/// after the lock is released, so that callers don't wait for each other's encoding; or already
/// encoded, when it is made of parts kept encoded (the meeting list's items).
pub(crate) struct Body(Parts);

enum Parts {
    Typed(Box<dyn Encode>),
    Encoded(String),
    Succeeded(Box<Parts>),
}

trait Encode: Send {
    fn encode(&self) -> serde_json::Result<String>;
}

impl<T: Serialize + Send> Encode for T {
    fn encode(&self) -> serde_json::Result<String> {
        // Room for a page of a list at once, rather than growing by doubling from 128 bytes.
        let mut text = Vec::with_capacity(4096);
        serde_json::to_writer(&mut text, self)?;
        // serde_json writes UTF-8 only.
        Ok(String::from_utf8(text).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }
}

impl Body {
    pub(crate) fn new(reply: impl Serialize + Send + 'static) -> Self {
        Body(Parts::Typed(Box::new(reply)))
    }

    /// A body already encoded as JSON text.
    pub(crate) fn encoded(text: String) -> Self {
        Body(Parts::Encoded(text))
    }

    pub(crate) fn encode(self) -> serde_json::Result<String> {
        match self.0 {
            Parts::Typed(reply) => reply.encode(),
            Parts::Encoded(text) => Ok(text),
            Parts::Succeeded(fields) => Body(*fields).encode().map(with_success),
        }
    }
}

/// A carried-out call's reply: `success: 1`, then the handler's fields. Set here, for every
/// reply; the handlers' replies leave it out.
pub(crate) fn succeeded(fields: Body) -> Body {
    Body(Parts::Succeeded(Box::new(fields.0)))
}

/// `{"success":1,…}` from the encoded fields `{…}`. Spliced into the text rather than into a
/// JSON tree, so that a typed reply is encoded once; a reply that already starts with its
/// `success` keeps it.
fn with_success(fields: String) -> String {
    let head = format!("{{\"{SUCCESS_FIELD}\":1");
    let Some(rest) = fields.strip_prefix('{') else { return fields };
    if rest.starts_with(&head[1..]) {
        return fields;
    }
    let mut text = String::with_capacity(fields.len() + head.len() + 1);
    text.push_str(&head);
    if !rest.starts_with('}') {
        text.push(',');
    }
    text.push_str(rest);
    text
}

/// The failure reply of an endpoint: `Failure` (with a description) or `BareFailure` (without),
/// as the spec gives for it.
pub(crate) fn failure(info: &EndpointInfo, e: &PlatformError) -> Value {
    let bare = info.failure_type == "BareFailure";
    let reply = if bare {
        serde_json::to_value(BareFailure { success: Some(0), error_code: Some(e.code), ..Default::default() })
    } else {
        serde_json::to_value(Failure {
            success: Some(0),
            error_code: Some(e.code),
            description: Some(e.description.clone()),
            ..Default::default()
        })
    };
    reply.unwrap_or_else(|_| serde_json::json!({ SUCCESS_FIELD: 0, ERROR_CODE_FIELD: e.code }))
}

/// `{"success":1,"dubug_list":{…}}`.
pub(crate) fn debug(report: Value) -> Value {
    let mut body = serde_json::Map::new();
    body.insert(SUCCESS_FIELD.to_owned(), Value::from(1));
    body.insert(DEBUG_REPLY_FIELD.to_owned(), report);
    Value::Object(body)
}

/// A JSON reply, HTTP 200, with the login cookie when one was issued.
pub(crate) fn json(text: String, cookie: Option<&str>) -> Response {
    let mut response = (StatusCode::OK, [(CONTENT_TYPE, JSON)], text).into_response();
    if let Some(value) =
        cookie.and_then(|c| HeaderValue::from_str(&format!("{SESSION_COOKIE}={c}; Path=/; HttpOnly")).ok())
    {
        response.headers_mut().insert(SET_COOKIE, value);
    }
    response
}

/// A test's reply, cut off halfway when a fault says so.
pub(crate) fn given(reply: crate::rules::Reply, truncated: bool) -> Response {
    let body = if truncated { truncate(&reply.body) } else { reply.body };
    let content_type = if reply.json { JSON } else { HTML };
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, [(CONTENT_TYPE, content_type)], body).into_response()
}

/// The reply text cut off halfway (on a character boundary), as a dropped connection leaves it.
pub(crate) fn truncate(text: &str) -> String {
    let mut cut = text.len() / 2;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text[..cut].to_owned()
}

pub(crate) fn bad_gateway() -> Response {
    const PAGE: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
        <center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    (StatusCode::BAD_GATEWAY, [(CONTENT_TYPE, HTML)], PAGE).into_response()
}

pub(crate) fn not_found() -> Response {
    page(StatusCode::NOT_FOUND)
}

pub(crate) fn method_not_allowed(allowed: &[Method]) -> Response {
    let mut names: Vec<&str> = allowed.iter().map(|m| m.as_str()).collect();
    names.dedup();
    let mut response = page(StatusCode::METHOD_NOT_ALLOWED);
    if let Ok(value) = HeaderValue::from_str(&names.join(", ")) {
        response.headers_mut().insert(ALLOW, value);
    }
    response
}

pub(crate) fn payload_too_large() -> Response {
    page(StatusCode::PAYLOAD_TOO_LARGE)
}

fn page(status: StatusCode) -> Response {
    let title = format!("{} {}", status.as_u16(), status.canonical_reason().unwrap_or(""));
    let body = format!("<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n</body>\r\n</html>\r\n");
    (status, [(CONTENT_TYPE, HTML)], body).into_response()
}
