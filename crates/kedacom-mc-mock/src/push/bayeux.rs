//! The Bayeux endpoint: a POST of a list of messages, answered with a list of replies. Handshake
//! needs a live login cookie, as the platform's does; `/meta/connect` is held open until a message
//! is queued for the client or the poll times out.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kedacom_mc_models::bayeux::{
    self, Advice, Message, Reconnect, META_CONNECT, META_DISCONNECT, META_HANDSHAKE, META_SUBSCRIBE, META_UNSUBSCRIBE,
};
use kedacom_mc_models::{wire_names, Subscription};
use serde_json::{Map, Value};

use super::hub::Kick;
use crate::reply::{self, JSON};
use crate::shared::{lock, Shared};

/// How long a client may wait between two `/meta/connect`s, as advised.
const INTERVAL_MS: u64 = 0;

pub(crate) async fn serve(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let messages: Vec<Message> = match serde_json::from_slice::<Vec<Message>>(&body)
        .or_else(|_| serde_json::from_slice::<Message>(&body).map(|m| vec![m]))
    {
        Ok(m) => m,
        Err(e) => {
            tracing::info!(error = %e, "unreadable Bayeux request");
            return (StatusCode::BAD_REQUEST, format!("not a Bayeux message list: {e}")).into_response();
        }
    };
    let mut replies = Vec::with_capacity(messages.len());
    for m in messages {
        match answer(&shared, &headers, m).await {
            Ok(mut r) => replies.append(&mut r),
            Err(()) => return reply::bad_gateway(),
        }
    }
    match serde_json::to_vec(&replies) {
        Ok(body) => ([(CONTENT_TYPE, JSON)], body).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// The replies to one message; `Err` when the connection is to be dropped.
async fn answer(shared: &Shared, headers: &HeaderMap, m: Message) -> Result<Vec<Message>, ()> {
    let hub = &shared.hub;
    let client = m.client_id.clone().unwrap_or_default();
    let mut reply = Message { id: m.id.clone(), ..Message::on(m.channel.clone()) };
    match m.channel.as_str() {
        META_HANDSHAKE => {
            if !logged_in(shared, headers) {
                reply.successful = Some(false);
                reply.error = Some(NOT_LOGGED_IN.to_owned());
                reply.advice = Some(Advice { reconnect: Some(Reconnect::None), ..Default::default() });
                return Ok(vec![reply]);
            }
            let id = hub.add_client();
            let mut ext = Map::new();
            ext.insert(wire_names::PUSH_DOMAIN_EXT_FIELD.to_owned(), Value::from(hub.domain_id()));
            reply.successful = Some(true);
            reply.client_id = Some(id);
            reply.version = Some(bayeux::VERSION.to_owned());
            reply.supported_connection_types = Some(vec![bayeux::LONG_POLLING.to_owned()]);
            reply.advice = Some(advice(shared, Reconnect::Retry));
            reply.ext = Some(ext);
            Ok(vec![reply])
        }
        META_CONNECT => connect(shared, &client, reply).await,
        META_SUBSCRIBE | META_UNSUBSCRIBE => {
            let subscription = m.subscription.clone().unwrap_or_default();
            reply.subscription = m.subscription;
            reply.client_id = None;
            if let Err(e) = Subscription::parse(&subscription) {
                reply.successful = Some(false);
                reply.error = Some(format!("{BAD_SUBSCRIPTION}: {e}"));
                return Ok(vec![reply]);
            }
            let known = if m.channel == META_SUBSCRIBE {
                hub.subscribe(&client, &subscription)
            } else {
                hub.unsubscribe(&client, &subscription)
            };
            Ok(vec![known_or_handshake(shared, reply, known)])
        }
        META_DISCONNECT => {
            let known = hub.remove_client(&client);
            Ok(vec![known_or_handshake(shared, reply, known)])
        }
        _ => {
            reply.successful = Some(false);
            reply.error = Some(PUBLISH_REFUSED.to_owned());
            Ok(vec![reply])
        }
    }
}

/// Holds the connect open until the client has messages, then sends them before the reply.
async fn connect(shared: &Shared, client: &str, mut reply: Message) -> Result<Vec<Message>, ()> {
    let hub = &shared.hub;
    let Some(wake) = hub.waker(client) else { return Ok(vec![known_or_handshake(shared, reply, false)]) };
    let deadline = tokio::time::Instant::now() + hub.poll_timeout;
    loop {
        match hub.take(client) {
            Ok(messages) if !messages.is_empty() => {
                reply.successful = Some(true);
                reply.advice = Some(advice(shared, Reconnect::Retry));
                let mut out = messages;
                out.push(reply);
                return Ok(out);
            }
            Ok(_) => {}
            Err(Some(Kick::Dropped)) => return Err(()),
            Err(_) => return Ok(vec![known_or_handshake(shared, reply, false)]),
        }
        if tokio::time::timeout_at(deadline, wake.notified()).await.is_err() {
            reply.successful = Some(true);
            reply.advice = Some(advice(shared, Reconnect::Retry));
            return Ok(vec![reply]);
        }
    }
}

fn known_or_handshake(shared: &Shared, mut reply: Message, known: bool) -> Message {
    reply.successful = Some(known);
    if !known {
        reply.error = Some(bayeux::UNKNOWN_CLIENT.to_owned());
        reply.advice = Some(advice(shared, Reconnect::Handshake));
    }
    reply
}

fn advice(shared: &Shared, reconnect: Reconnect) -> Advice {
    let timeout = u64::try_from(shared.hub.poll_timeout.as_millis()).unwrap_or(u64::MAX);
    Advice { reconnect: Some(reconnect), timeout: Some(timeout), interval: Some(INTERVAL_MS) }
}

/// Whether the request carries a live login cookie. It is the session's proof, as for every call
/// that needs a login; its idle time starts again.
fn logged_in(shared: &Shared, headers: &HeaderMap) -> bool {
    let Some(cookie) = crate::server::session_cookie(headers) else { return false };
    lock(&shared.platform).sessions.touch_login(&cookie, Instant::now())
}

const NOT_LOGGED_IN: &str = "403::login cookie missing or expired";
const BAD_SUBSCRIPTION: &str = "400::bad subscription";
const PUBLISH_REFUSED: &str = "403::clients may not publish";
