//! One HTTP exchange: a [`WireRequest`] onto reqwest and the reply back, with the session's headers,
//! retries of idempotent calls, and a tracing span. What goes where in the request was decided by
//! the models' wire layout; nothing here knows an endpoint.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bytes::Bytes;
use kedacom_mc_models::wire::{WireBody, WireField};
use kedacom_mc_models::{wire_names, Method, SessionCookie, WireRequest};
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE, COOKIE, SET_COOKIE};
use tracing::{field, Instrument};

use crate::error::Error;
use crate::reply::Received;

/// Transport settings, fixed when the client is built.
#[derive(Clone, Debug)]
pub(crate) struct Transport {
    pub http: reqwest::Client,
    /// Scheme, host and any path prefix, without a trailing `/`.
    pub base: String,
    /// The same, parsed.
    pub base_url: reqwest::Url,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Extra attempts for GETs after a transport failure or a 5xx.
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub backoff: Duration,
}

/// What is sent besides the wire request itself.
pub(crate) struct Outgoing<'a> {
    pub wire: &'a WireRequest,
    pub api_level: u32,
    pub cookie: Option<&'a SessionCookie>,
    /// Stream the multipart file from here instead of the bytes in the wire request.
    pub file: Option<&'a StreamedFile>,
}

/// A file uploaded from disk, read as it is sent. It is opened once, before the call (where the
/// path-based upload is, so that the blocking-pool code of an async open is compiled only in the
/// crates that upload from a path); each attempt reads it from the start.
#[derive(Debug)]
pub(crate) struct StreamedFile {
    pub path: PathBuf,
    pub file: std::fs::File,
    pub len: u64,
}

impl StreamedFile {
    /// The file from its start, for one attempt: a duplicate handle and a seek, neither of which
    /// waits on the disk.
    fn rewound(&self) -> std::io::Result<tokio::fs::File> {
        use std::io::Seek;
        let mut f = self.file.try_clone()?;
        f.rewind()?;
        Ok(tokio::fs::File::from_std(f))
    }
}

/// A reply, whatever its status, and the login cookie when it set one.
pub(crate) struct Answer {
    pub received: Received,
    pub cookie: Option<SessionCookie>,
}

impl Transport {
    /// Sends the request and reads the whole reply. GETs are retried with exponential backoff on
    /// transport failures and 5xx; other methods are sent once, since the platform may have acted
    /// on a request whose reply was lost. A timeout is not retried: it is the caller's bound on the
    /// wait.
    pub async fn execute(&self, out: Outgoing<'_>) -> Result<Answer, Error> {
        let info = out.wire.endpoint;
        let span = tracing::info_span!(
            "kedacom_mc.call",
            operation = info.operation,
            method = out.wire.method.as_str(),
            path = out.wire.shown_path(),
            api_level = out.api_level,
            status = field::Empty,
            attempts = field::Empty,
            duration_ms = field::Empty,
        );
        let started = Instant::now();
        // Entering and leaving a span no subscriber wants still costs each poll of the exchange.
        let result = if span.is_disabled() {
            self.attempts(&out).await
        } else {
            self.attempts(&out).instrument(span.clone()).await
        };
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        span.in_scope(|| match &result {
            Ok((answer, attempts)) => {
                span.record("status", answer.received.status);
                span.record("attempts", attempts);
                tracing::debug!(bytes = answer.received.body.len(), "reply received");
            }
            Err(e) => tracing::debug!(error = %e, "no reply"),
        });
        result.map(|(answer, _)| answer)
    }

    async fn attempts(&self, out: &Outgoing<'_>) -> Result<(Answer, u32), Error> {
        let operation = out.wire.endpoint.operation;
        let retries = if out.wire.method == Method::Get { self.retries } else { 0 };
        let mut attempt = 0;
        loop {
            let result = self.once(out).await;
            let retry = match &result {
                Ok(a) => a.received.status >= 500,
                Err(Error::Transport { .. }) => true,
                Err(_) => false,
            };
            if !retry || attempt >= retries {
                return result.map(|a| (a, attempt + 1));
            }
            let wait = self.backoff.saturating_mul(1 << attempt.min(16));
            match &result {
                Ok(a) => tracing::warn!(operation, status = a.received.status, ?wait, "server error; retrying"),
                Err(e) => tracing::warn!(operation, error = %e, ?wait, "transport failure; retrying"),
            }
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn once(&self, out: &Outgoing<'_>) -> Result<Answer, Error> {
        let operation = out.wire.endpoint.operation;
        let request = self.build(out).await?;
        let response = self.http.execute(request).await.map_err(|e| self.failure(operation, e))?;
        let status = response.status().as_u16();
        let cookie = session_cookie(response.headers());
        let body = response.bytes().await.map_err(|e| self.failure(operation, e))?;
        Ok(Answer { received: Received { status, body }, cookie })
    }

    async fn build(&self, out: &Outgoing<'_>) -> Result<reqwest::Request, Error> {
        let wire = out.wire;
        let operation = wire.endpoint.operation;
        // From the URL parsed when the client was built: its scheme and host are not read again.
        let mut url = self.base_url.clone();
        url.set_path(&[self.base_url.path().trim_end_matches('/'), &wire.path].concat());
        url.set_query((!wire.query.is_empty()).then(|| wire.query_string()).as_deref());
        let method = match wire.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut headers = HeaderMap::new();
        headers.insert(wire_names::API_LEVEL_HEADER, HeaderValue::from(out.api_level));
        if let Some(cookie) = out.cookie {
            let mut value = HeaderValue::try_from(format!("{}={}", wire_names::SESSION_COOKIE, cookie.expose()))
                .map_err(|_| Error::Config("the session cookie is not a valid header value".into()))?;
            value.set_sensitive(true);
            headers.insert(COOKIE, value);
        }
        let builder = self.http.request(method, url).headers(headers).timeout(self.timeout);
        let builder = match &wire.body {
            WireBody::Empty => builder,
            WireBody::Form(_) => {
                let builder = match wire.content_type() {
                    Some(ct) => builder.header(CONTENT_TYPE, HeaderValue::from_static(ct)),
                    None => builder,
                };
                builder.body(wire.form_body().unwrap_or_default())
            }
            WireBody::Multipart { fields, file } => {
                let part = match out.file {
                    Some(streamed) => {
                        let f = streamed
                            .rewound()
                            .map_err(|e| Error::transport(operation, format!("{}: {e}", streamed.path.display())))?;
                        let body = reqwest::Body::wrap_stream(tokio_util::io::ReaderStream::new(f));
                        reqwest::multipart::Part::stream_with_length(body, streamed.len)
                    }
                    None => {
                        let bytes: Bytes = file.upload.content.clone();
                        let len = bytes.len() as u64;
                        reqwest::multipart::Part::stream_with_length(reqwest::Body::from(bytes), len)
                    }
                };
                let part = part
                    .file_name(file.upload.file_name.clone())
                    .mime_str("application/octet-stream")
                    .map_err(|e| self.failure(operation, e))?;
                // `multipart` sets the content type the wire request names, with its boundary.
                builder.multipart(text_parts(fields).part(file.name, part))
            }
        };
        builder.build().map_err(|e| self.failure(operation, e))
    }

    /// A reqwest error as ours, without its URL (a GET's query holds the token).
    fn failure(&self, operation: &'static str, e: reqwest::Error) -> Error {
        if e.is_timeout() {
            let after = if e.is_connect() { self.connect_timeout } else { self.timeout };
            return Error::Timeout { operation, after };
        }
        Error::transport(operation, e.without_url())
    }
}

fn text_parts(fields: &[WireField]) -> reqwest::multipart::Form {
    fields.iter().fold(reqwest::multipart::Form::new(), |form, f| form.text(f.name, f.value.clone()))
}

/// The login cookie, when the reply sets it.
fn session_cookie(headers: &HeaderMap) -> Option<SessionCookie> {
    headers.get_all(SET_COOKIE).iter().find_map(|v| {
        let text = v.to_str().ok()?;
        let pair = text.split(';').next()?;
        let (name, value) = pair.split_once('=')?;
        (name.trim() == wire_names::SESSION_COOKIE && !value.trim().is_empty())
            .then(|| SessionCookie::new(value.trim()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The URL set on the parsed base is the one its text and the path and query would make,
    /// a path prefix kept and an encoded token left as it is.
    #[test]
    fn the_url_is_the_base_then_the_path_and_query() {
        use kedacom_mc_models::{AccountToken, Endpoint, GetResourcesRequest, ListMeetingsRequest, WireOptions};
        let token = AccountToken::new("t+1/2 3");
        let wires = [
            GetResourcesRequest::new().to_wire(Some(&token), &WireOptions::default()),
            ListMeetingsRequest::new().to_wire(None, &WireOptions::default()),
        ];
        for base in ["http://h:8080", "http://h/prefix", "https://h/prefix/"] {
            let base_url = reqwest::Url::parse(base).unwrap();
            let transport = Transport {
                http: reqwest::Client::new(),
                base: base.trim_end_matches('/').to_owned(),
                base_url,
                timeout: Duration::from_secs(1),
                connect_timeout: Duration::from_secs(1),
                retries: 0,
                backoff: Duration::ZERO,
            };
            for wire in &wires {
                let out = Outgoing { wire, api_level: 3, cookie: None, file: None };
                let request = futures::executor::block_on(transport.build(&out)).unwrap();
                let expected = format!("{}{}", transport.base, wire.path_and_query());
                assert_eq!(request.url().as_str(), reqwest::Url::parse(&expected).unwrap().as_str());
            }
        }
    }

    #[test]
    fn the_login_cookie_is_read_from_set_cookie() {
        let mut h = HeaderMap::new();
        h.append(SET_COOKIE, HeaderValue::from_static("JSESSIONID=1; Path=/"));
        h.append(
            SET_COOKIE,
            HeaderValue::from_static("SSO_COOKIE_KEY=890db118-9033; Expires=Mon, 11-Jul-2016 07:39:49 GMT; "),
        );
        assert_eq!(session_cookie(&h).map(|c| c.expose().to_owned()).as_deref(), Some("890db118-9033"));
        let mut other = HeaderMap::new();
        other.append(SET_COOKIE, HeaderValue::from_static("SSO_COOKIE_KEY=; Max-Age=0"));
        assert!(session_cookie(&other).is_none());
    }
}
