//! Replies as the platform sends them: JSON with HTTP 200 whether the call succeeded or not, a
//! failure shape per endpoint, the debug report; and what a web server in front sends when no
//! endpoint answers or the platform is down.

use axum::http::header::{ALLOW, CONTENT_TYPE, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use kedacom_mc_models::wire_names::{DEBUG_REPLY_FIELD, SESSION_COOKIE, SUCCESS_FIELD};
use kedacom_mc_models::{BareFailure, EndpointInfo, Failure, Method};
use serde_json::Value;

use crate::error::PlatformError;

const JSON: &str = "application/json; charset=UTF-8";
const HTML: &str = "text/html";

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
    reply.unwrap_or_else(|_| serde_json::json!({ SUCCESS_FIELD: 0, "error_code": e.code }))
}

/// A carried-out call's reply: its fields after `success: 1`, which is set here for every reply.
pub(crate) fn succeeded(fields: Value) -> Value {
    let mut body = serde_json::Map::new();
    body.insert(SUCCESS_FIELD.to_owned(), Value::from(1));
    if let Value::Object(fields) = fields {
        body.extend(fields.into_iter().filter(|(k, _)| k != SUCCESS_FIELD));
    }
    Value::Object(body)
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
