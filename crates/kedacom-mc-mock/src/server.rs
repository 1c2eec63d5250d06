//! The HTTP side: every request goes to one handler, which reads it the way the platform's web
//! container does (path, query, form or multipart body, login cookie), decodes it through the
//! models' endpoint table, applies the rules a test installed, and sends the platform's answer.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request, State};
use axum::http::header::{CONTENT_TYPE, COOKIE};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Router;
use kedacom_mc_models::wire_names::{API_LEVEL_HEADER, PUSH_PATH, SESSION_COOKIE};
use kedacom_mc_models::{decode, EndpointInfo, FileUpload, RouteError, WireInput};

use crate::codes::SYSTEM_ERROR;
use crate::dispatch::{Answer, Call};
use crate::download;
use crate::error::PlatformError;
use crate::faults::FaultKind;
use crate::limits::{Limits, TooMuch};
use crate::log::{self, Outcome, RecordedRequest};
use crate::push;
use crate::reply;
use crate::rules::{self, Call as RuleCall};
use crate::shared::{lock, Shared};

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let limit = shared.max_body_bytes;
    Router::new()
        .route(download::ROUTE, axum::routing::get(download::meeting_file))
        .route(PUSH_PATH, axum::routing::post(push::bayeux::serve))
        .route(&format!("{PUSH_PATH}/{{*meta}}"), axum::routing::post(push::bayeux::serve))
        .fallback(serve)
        .with_state(shared)
        .layer(DefaultBodyLimit::max(limit))
}

/// The platform's API level when it is below the endpoint's minimum: a platform of that level does
/// not have the endpoint at all.
fn missing_at_level(shared: &Shared, info: &EndpointInfo) -> Option<i64> {
    if !info.needs_server_level() {
        return None;
    }
    let level = shared.mc_api_level;
    (i64::from(info.min_api_level) > level).then_some(level)
}

/// A request as read off the wire, before decoding: its query string and form body still raw.
struct Received {
    input: WireInput,
    query: String,
    form: Bytes,
    cookie: Option<String>,
    api_level: Option<String>,
    unreadable_body: Option<String>,
}

async fn serve(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let path = shown_path(request.uri().path());
    let received = match read(request, shared.max_body_bytes, shared.limits).await {
        Ok(r) => r,
        Err(response) => {
            tracing::info!(%method, %path, status = response.status().as_u16(), "request body refused");
            return response;
        }
    };
    let heavy = received.is_heavy();
    let Received { mut input, query, form, cookie, api_level, unreadable_body } = received;
    let limits = shared.limits;
    let decoded =
        off_runtime(heavy, move || limits.read_fields(&mut input, query.as_bytes(), &form).map(|()| decode(input)));
    let decoded = match decoded.await {
        Err(TooMuch) => {
            tracing::info!(%method, %path, status = 413, "too many fields or keys");
            return reply::payload_too_large();
        }
        Ok(Ok(d)) => d,
        Ok(Err(RouteError::NotFound { .. })) => {
            tracing::info!(%method, %path, status = 404, "no endpoint");
            return reply::not_found();
        }
        Ok(Err(RouteError::MethodNotAllowed { allowed, .. })) => {
            tracing::info!(%method, %path, status = 405, "method not allowed");
            return reply::method_not_allowed(&allowed);
        }
    };
    let info = decoded.endpoint;
    if let Some(level) = missing_at_level(&shared, info) {
        tracing::info!(operation = info.operation, %method, %path, status = 404, level, "not at this API level");
        return reply::not_found();
    }
    let mut entry = RecordedRequest {
        operation: info.operation,
        method: method.clone(),
        path: path.clone(),
        api_level,
        token_present: decoded.token.as_ref().is_some_and(|t| !t.expose().is_empty()),
        cookie_present: cookie.is_some(),
        server_check: decoded.server_check,
        request: None,
        faults: Vec::new(),
        outcome: Outcome::Success,
    };

    let applied = lock(&shared.rules).apply(info, decoded.request.as_ref().ok());
    let mut truncated = false;
    let mut fails = None;
    for fault in &applied.faults {
        match fault {
            FaultKind::Delay(by) => tokio::time::sleep(*by).await,
            FaultKind::ExpireSession => lock(&shared.platform).sessions.expire_all(),
            FaultKind::ExpireLogin => lock(&shared.platform).sessions.expire_logins(),
            FaultKind::TruncatedJson => truncated = true,
            FaultKind::FailLater(code) => fails = Some(*code),
            FaultKind::BadGateway | FaultKind::ErrorCode(_) => {}
        }
    }
    entry.faults = applied.faults;

    let response = match applied.answer {
        Some(rules::Answer::Fault(FaultKind::ErrorCode(code))) => {
            entry.outcome = Outcome::Failure { code };
            let body = reply::failure(info, &PlatformError::new(code));
            send(body.to_string(), None, truncated)
        }
        Some(rules::Answer::Fault(_)) => {
            entry.outcome = Outcome::BadGateway;
            reply::bad_gateway()
        }
        Some(rules::Answer::Reply(answer)) => {
            let call = RuleCall {
                request: decoded.request.as_ref().ok(),
                token: decoded.token.as_ref().map(|t| t.expose()),
                cookie: cookie.as_deref(),
            };
            let given = answer(&call);
            entry.outcome = Outcome::Replied { status: given.status };
            entry.request = decoded.request.ok().filter(|_| log::keeps_request(info)).map(Box::new);
            reply::given(given, truncated)
        }
        None => {
            let call = Call { decoded, cookie, unreadable_body, fails };
            let platform = shared.clone();
            let (cookie, outcome, request, text) = off_runtime(heavy, move || {
                let Answer { body, cookie, outcome, request } =
                    platform.with_platform(|state| state.answer(call, Instant::now()));
                // Encoded after the platform's lock is released.
                (cookie, outcome, request, body.encode())
            })
            .await;
            entry.outcome = outcome;
            entry.request = request;
            match text {
                Ok(text) => send(text, cookie.as_deref(), truncated),
                Err(e) => {
                    let e = PlatformError::detailed(SYSTEM_ERROR, e);
                    entry.outcome = Outcome::Failure { code: e.code };
                    send(reply::failure(info, &e).to_string(), None, truncated)
                }
            }
        }
    };
    tracing::info!(
        operation = info.operation,
        %method,
        %path,
        outcome = ?entry.outcome,
        faults = entry.faults.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "request"
    );
    shared.record(entry);
    response
}

/// Requests whose reading and answer may take long enough to hold up a runtime worker: their
/// query and body (a file aside) are this many bytes or more.
const HEAVY_BYTES: usize = 64 * 1024;

impl Received {
    fn is_heavy(&self) -> bool {
        let parts = self.input.form.iter().map(|(k, v)| k.len() + v.len());
        let unreadable = self.input.unreadable.iter().map(|(k, v)| k.len() + v.len());
        self.query.len() + self.form.len() + parts.chain(unreadable).sum::<usize>() >= HEAVY_BYTES
    }
}

/// Runs work on the blocking pool when it may be long, so that one client's large body does not
/// stall every other call on the runtime's few workers; small requests are served in place.
async fn off_runtime<T: Send + 'static>(heavy: bool, work: impl FnOnce() -> T + Send + 'static) -> T {
    if !heavy {
        return work();
    }
    match tokio::task::spawn_blocking(work).await {
        Ok(done) => done,
        // The work panicked: it goes on as it would have in place.
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}

fn send(text: String, cookie: Option<&str>, truncated: bool) -> Response {
    let text = if truncated { reply::truncate(&text) } else { text };
    reply::json(text, cookie)
}

/// The path as logs show it: the segment after `token` (where the token heartbeat carries the
/// token) is `***`, whether or not the path names an endpoint.
fn shown_path(path: &str) -> String {
    if !path.contains("token") {
        return path.to_owned();
    }
    let mut after_token = false;
    let segments: Vec<&str> = path
        .split('/')
        .map(|s| {
            let shown = if after_token && !s.is_empty() { "***" } else { s };
            after_token = s == "token";
            shown
        })
        .collect();
    segments.join("/")
}

async fn read(request: Request, limit: usize, limits: Limits) -> Result<Received, Response> {
    let headers = request.headers().clone();
    let mut input = WireInput {
        method: request.method().as_str().to_owned(),
        path: request.uri().path().to_owned(),
        ..Default::default()
    };
    let query = request.uri().query().unwrap_or_default().to_owned();
    let content_type = header(&headers, CONTENT_TYPE.as_str()).unwrap_or_default().to_ascii_lowercase();
    let mut unreadable_body = not_utf8(&content_type).map(|charset| format!("the body is {charset}, not UTF-8"));
    let mut form = Bytes::new();
    // The platform's web container reads form fields from a form body only.
    let is_form = content_type.is_empty() || content_type.starts_with("application/x-www-form-urlencoded");
    if content_type.starts_with("multipart/form-data") {
        if let Err(why) = read_multipart(request, &mut input, limits).await? {
            unreadable_body.get_or_insert(why);
        }
    } else {
        // A form is not read past its own bound (`Limits::read_fields` checks it too).
        let limit = if is_form { limit.min(limits.max_form_bytes) } else { limit };
        let bytes = axum::body::to_bytes(request.into_body(), limit).await.map_err(|_| reply::payload_too_large())?;
        if is_form {
            form = bytes;
        }
    }
    Ok(Received {
        input,
        query,
        form,
        cookie: session_cookie(&headers),
        api_level: header(&headers, API_LEVEL_HEADER).map(str::to_owned),
        unreadable_body,
    })
}

/// The charset a `Content-Type` (lower case) names when it is not UTF-8: the platform reads UTF-8
/// only, so text in another one would be stored altered.
fn not_utf8(content_type: &str) -> Option<&str> {
    let charset = content_type.split(';').skip(1).find_map(|p| p.trim().strip_prefix("charset="))?;
    let charset = charset.trim().trim_matches('"');
    (!matches!(charset, "utf-8" | "utf8")).then_some(charset)
}

/// Reads text parts into the form and the first file part as the file. The outer error is a
/// response to send instead (a body over a limit); the inner one says why the body is broken.
async fn read_multipart(
    request: Request,
    input: &mut WireInput,
    limits: Limits,
) -> Result<Result<(), String>, Response> {
    let mut multipart = match Multipart::from_request(request, &()).await {
        Ok(m) => m,
        Err(rejection) => return Ok(Err(rejection.body_text())),
    };
    let (mut parts, mut text_bytes) = (0, 0);
    let mut labelled = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Ok(labelled.map_or(Ok(()), Err)),
            Err(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => return Err(reply::payload_too_large()),
            Err(e) => return Ok(Err(e.body_text())),
        };
        // Counted as they come, so that no more are read (`Limits::read_fields` counts them all).
        parts += 1;
        if parts > limits.max_fields {
            return Err(reply::payload_too_large());
        }
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        if file_name.is_none() {
            let content_type = field.content_type().unwrap_or_default().to_ascii_lowercase();
            if let Some(charset) = not_utf8(&content_type) {
                labelled.get_or_insert_with(|| format!("field `{name}` is {charset}, not UTF-8"));
            }
        }
        let bytes = match field.bytes().await {
            Ok(b) => b,
            Err(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => return Err(reply::payload_too_large()),
            Err(e) => return Ok(Err(e.body_text())),
        };
        match file_name {
            Some(file_name) if input.file.is_none() => input.file = Some((name, FileUpload::new(file_name, bytes))),
            // One file per upload, as the document says; further ones are not read.
            Some(_) => {}
            None => {
                text_bytes += bytes.len();
                if text_bytes > limits.max_form_bytes {
                    return Err(reply::payload_too_large());
                }
                input.read_text_part(name, bytes.to_vec());
            }
        }
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

pub(crate) fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::shown_path;

    #[test]
    fn the_token_in_a_path_is_masked() {
        assert_eq!(shown_path("/api/v1/system/token/abc/heartbeat"), "/api/v1/system/token/***/heartbeat");
        assert_eq!(shown_path("/api/v1/system/token/abc/heartbeat/"), "/api/v1/system/token/***/heartbeat/");
        assert_eq!(shown_path("/api/v1/system/token"), "/api/v1/system/token");
        assert_eq!(shown_path("/api/v1/mc/confs/123"), "/api/v1/mc/confs/123");
    }
}
