//! The client and the path every call takes: validation, the API-level check, the session, the
//! exchange, the reply, and one new login when the platform says the session expired.

use std::fmt;
use std::sync::Arc;

use kedacom_mc_models::wire_names::LEVEL_REPLY_FIELD;
use kedacom_mc_models::{
    AccountToken, BareFailure, Endpoint, EndpointInfo, GetMcVersionRequest, PathRequestError, SessionCookie,
    WireOptions, WireRequest,
};
use serde_json::Value;

use crate::error::Error;
use crate::levels::Levels;
use crate::reply::{self, Received, ServerCheck};
use crate::session::{Live, Session};
use crate::transport::{Outgoing, StreamedFile, Transport};
use crate::ClientBuilder;

/// A client of one platform, logged in as one user. Cheap to clone: clones share the connection
/// pool, the session and the cached API level.
///
/// Every call validates its request first, refuses endpoints above the server's API level, logs in
/// when there is no session yet, and logs in again (once) when the platform answers that the token
/// or the login expired.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
    delete_via_post: bool,
}

pub(crate) struct Inner {
    pub transport: Transport,
    pub session: Session,
    /// The server's level of each document, asked once.
    pub levels: Levels,
    pub delete_via_post: bool,
    /// Ends the push service's connect loops when the last clone of the client goes.
    pub push_stop: tokio_util::sync::CancellationToken,
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.session.stop_keep_alive();
        self.push_stop.cancel();
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("url", &self.inner.transport.base)
            .field("session", &self.has_session())
            .field("server_api_levels", &self.inner.levels.known())
            .field("delete_via_post", &self.delete_via_post)
            .finish_non_exhaustive()
    }
}

/// How one call is sent and read.
struct Call<'a, T> {
    server_check: bool,
    file: Option<&'a StreamedFile>,
    decode: fn(&Received) -> Result<T, Error>,
}

impl Client {
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client from `KEDACOM_URL`, `KEDACOM_KEY`, `KEDACOM_SECRET`, `KEDACOM_USER` and
    /// `KEDACOM_PASSWORD`, with default settings. See [`ClientBuilder::from_env`].
    pub fn from_env() -> Result<Client, Error> {
        ClientBuilder::from_env()?.build()
    }

    pub(crate) fn new(inner: Inner) -> Client {
        let delete_via_post = inner.delete_via_post;
        Client { inner: Arc::new(inner), delete_via_post }
    }

    pub(crate) fn from_inner(inner: Arc<Inner>) -> Client {
        let delete_via_post = inner.delete_via_post;
        Client { inner, delete_via_post }
    }

    /// This client, sending DELETE and PUT as POST with `_method=DELETE` or `_method=PUT` (or not),
    /// for networks whose proxies block them. Only endpoints that document the fallback use it.
    pub fn with_delete_via_post(&self, on: bool) -> Client {
        Client { inner: self.inner.clone(), delete_via_post: on }
    }

    /// The session token, for handing the session to another client ([`ClientBuilder::session`]).
    pub fn token(&self) -> Option<AccountToken> {
        self.inner.session.current().map(|l| l.token.clone())
    }

    /// The login cookie (`SSO_COOKIE_KEY`), for handing the session to another client.
    pub fn cookie(&self) -> Option<SessionCookie> {
        self.inner.session.current().and_then(|l| l.cookie.clone())
    }

    /// Sends any request and returns its endpoint's reply.
    pub async fn send<E: Endpoint>(&self, request: E) -> Result<E::Reply, Error> {
        self.call(&request, Call { server_check: false, file: None, decode: reply::decode::<E> }).await
    }

    /// Asks the platform to check the request without carrying it out (its debug mode, `?debug=1`)
    /// and returns what it would reject, field by field. The request is validated here first, as
    /// for every call; this finds what only the platform knows.
    pub async fn check_on_server<E: Endpoint>(&self, request: E) -> Result<ServerCheck, Error> {
        self.call(&request, Call { server_check: true, file: None, decode: reply::decode_check::<E> }).await
    }

    /// Sends a request whose file part is streamed from `file` instead of the request's bytes.
    pub(crate) async fn send_streamed<E: Endpoint>(&self, request: &E, file: &StreamedFile) -> Result<E::Reply, Error> {
        self.call(request, Call { server_check: false, file: Some(file), decode: reply::decode::<E> }).await
    }

    /// The server's level of the meeting-management API, asked once of `get_mc_version` (the
    /// operation the endpoint table names as that document's
    /// [`level_from`](kedacom_mc_models::DocumentInfo::level_from)) and kept. A server whose reply
    /// states no level is taken to be at level 1.
    pub async fn server_api_level(&self) -> Result<u32, Error> {
        self.level_from(GetMcVersionRequest::INFO).await
    }

    /// The level the `from` operation reports, asked once and kept; level 1 when the reply states
    /// none.
    async fn level_from(&self, from: &'static EndpointInfo) -> Result<u32, Error> {
        let cell = self.inner.levels.cell(from);
        let level = cell
            .get_or_try_init(|| async {
                let wire = from.bare_request().ok_or_else(|| {
                    Error::Config(format!("`{}` takes parameters: it cannot report a level", from.operation))
                })?;
                let out = Outgoing { wire: &wire, api_level: from.min_api_level, cookie: None, file: None };
                let answer = self.inner.transport.execute(out).await?;
                let decode = |received: &Received| reply::decode_fields::<BareFailure>(received, from.operation);
                let reply = self.read(from.operation, &answer.received, decode)?;
                let level = reply.get(LEVEL_REPLY_FIELD).and_then(Value::as_u64).and_then(|l| u32::try_from(l).ok());
                tracing::debug!(operation = from.operation, level, "server API level");
                Ok::<u32, Error>(level.unwrap_or(1))
            })
            .await?;
        Ok(*level)
    }

    async fn call<E: Endpoint, T>(&self, request: &E, how: Call<'_, T>) -> Result<T, Error> {
        request.validate().map_err(|report| Error::Invalid { operation: E::INFO.operation, report })?;
        self.call_wired(&Typed(request), how).await
    }

    /// Reads the resource behind a push channel's `update` with the GET `E` (the one the channel's
    /// table entry names), from the channel's placeholder values.
    pub(crate) async fn send_by_path<E: Endpoint>(&self, values: &[(&str, &str)]) -> Result<E::Reply, Error> {
        let made = ByPath { info: E::INFO, values };
        made.wire(None, &WireOptions::default())
            .map_err(|e| Error::Unsupported { operation: E::INFO.operation, reason: e.to_string() })?;
        self.call_wired(&made, Call { server_check: false, file: None, decode: reply::decode::<E> }).await
    }

    async fn call_wired<W: Wired, T>(&self, request: &W, how: Call<'_, T>) -> Result<T, Error> {
        let info = request.info();
        let api_level = self.api_level_for(info).await?;
        let options = WireOptions { via_post: self.delete_via_post, server_check: how.server_check };
        let mut renewed = false;
        loop {
            let live = match info.token {
                Some(_) => Some(self.session().await?),
                None => None,
            };
            let result = self.exchange(request, live.as_deref(), api_level, &options, &how).await;
            match (result, live) {
                (Err(e), Some(live)) if e.is_session_expired() && !renewed && self.inner.session.can_log_in() => {
                    tracing::debug!(operation = info.operation, code = e.api_code(), "session rejected");
                    self.renew(live.generation).await?;
                    renewed = true;
                }
                (result, _) => return result,
            }
        }
    }

    /// One exchange with no session handling, for the calls that make the session.
    pub(crate) async fn exchange_plain<E: Endpoint>(
        &self,
        request: &E,
        token: Option<&AccountToken>,
    ) -> Result<(E::Reply, Option<SessionCookie>), Error> {
        let info = E::INFO;
        request.validate().map_err(|report| Error::Invalid { operation: info.operation, report })?;
        let wire = request.to_wire(token, &WireOptions::default());
        let out = Outgoing { wire: &wire, api_level: self.own_level(info), cookie: None, file: None };
        let answer = self.inner.transport.execute(out).await?;
        let reply = self.read(info.operation, &answer.received, reply::decode::<E>)?;
        Ok((reply, answer.cookie))
    }

    async fn exchange<W: Wired, T>(
        &self,
        request: &W,
        live: Option<&Live>,
        api_level: u32,
        options: &WireOptions,
        how: &Call<'_, T>,
    ) -> Result<T, Error> {
        let info = request.info();
        let wire = request
            .wire(live.map(|l| &l.token), options)
            .map_err(|e| Error::Unsupported { operation: info.operation, reason: e.to_string() })?;
        let cookie = live.and_then(|l| l.cookie.as_ref());
        let out = Outgoing { wire: &wire, api_level, cookie, file: how.file };
        let answer = self.inner.transport.execute(out).await?;
        if let Some(c) = answer.cookie {
            self.inner.session.update_cookie(c);
        }
        let result = self.read(info.operation, &answer.received, how.decode);
        let session_used = match &result {
            Ok(_) => true,
            Err(e @ Error::Api { .. }) => !e.is_session_expired(),
            Err(_) => false,
        };
        if live.is_some() && session_used {
            self.inner.session.touch();
        }
        result
    }

    /// A reply under any status: a 2xx, or a failure reply under another status, is decoded; any
    /// other status is an error showing the body's start.
    fn read<T>(
        &self,
        operation: &'static str,
        received: &Received,
        decode: impl FnOnce(&Received) -> Result<T, Error>,
    ) -> Result<T, Error> {
        if (200..300).contains(&received.status) || reply::is_failure(&received.body) {
            return decode(received);
        }
        let secrets = self.inner.session.secrets();
        let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
        Err(received.status_error(operation, &secrets))
    }

    /// The level to send, and the refusal of an endpoint the server does not have. Calls that
    /// [need the server's level](EndpointInfo::needs_server_level) are checked against it and ask
    /// for at most the level this crate's types describe; other calls (login, version) go with
    /// their document's own level.
    async fn api_level_for(&self, info: &'static EndpointInfo) -> Result<u32, Error> {
        if !info.needs_server_level() {
            return Ok(self.own_level(info));
        }
        let Some(from) = info.document.level_from else { return Ok(self.own_level(info)) };
        let server = self.level_from(from).await?;
        if info.min_api_level > server {
            return Err(Error::ApiLevelTooLow { operation: info.operation, required: info.min_api_level, server });
        }
        Ok(server.min(info.document.api_level))
    }

    /// The level of a call made before the server's level is known: the call that
    /// [reports the level](EndpointInfo::reports_level) asks at its own lowest level, which every
    /// server that has it answers; the rest at their document's level.
    fn own_level(&self, info: &'static EndpointInfo) -> u32 {
        if info.reports_level() {
            info.min_api_level
        } else {
            info.document.api_level
        }
    }
}

/// What a call sends, laid out for the wire with the session's token.
trait Wired {
    fn info(&self) -> &'static EndpointInfo;
    fn wire(&self, token: Option<&AccountToken>, options: &WireOptions) -> Result<WireRequest, PathRequestError>;
}

/// A typed request, validated before it is sent.
struct Typed<'a, E>(&'a E);

impl<E: Endpoint> Wired for Typed<'_, E> {
    fn info(&self) -> &'static EndpointInfo {
        E::INFO
    }

    fn wire(&self, token: Option<&AccountToken>, options: &WireOptions) -> Result<WireRequest, PathRequestError> {
        Ok(self.0.to_wire(token, options))
    }
}

/// A request made from its path's values alone.
struct ByPath<'a> {
    info: &'static EndpointInfo,
    values: &'a [(&'a str, &'a str)],
}

impl Wired for ByPath<'_> {
    fn info(&self) -> &'static EndpointInfo {
        self.info
    }

    fn wire(&self, token: Option<&AccountToken>, _: &WireOptions) -> Result<WireRequest, PathRequestError> {
        self.info.path_request(self.values, token)
    }
}
