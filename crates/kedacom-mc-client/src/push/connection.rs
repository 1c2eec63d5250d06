//! One Bayeux client: handshake (with the login cookie), subscribe, then `/meta/connect` in a loop
//! as the server advises, handing each published message to the [`Events`] stream. On an outage
//! or a `reconnect: handshake` advice it backs off, handshakes again (logging in again when the
//! login expired) and resubscribes everything.

use std::sync::{Arc, Weak};
use std::time::Duration;

use kedacom_mc_models::bayeux::{
    self, Advice, Message, Reconnect, META_CONNECT, META_DISCONNECT, META_HANDSHAKE, META_SUBSCRIBE,
};
use kedacom_mc_models::{wire_names, Subscription};
use reqwest::header::{HeaderValue, CONTENT_TYPE, COOKIE};
use tokio::sync::{mpsc, oneshot};
use tokio_util::sync::CancellationToken;

use super::{Event, Events};
use crate::client::Inner;
use crate::{Client, Error};

/// Events waiting for the stream's reader before the connection stops reading.
const BUFFER: usize = 1024;
/// The wait after a second failure in a row (the first is retried at once: a re-handshake advice
/// or one dropped poll is usually over); doubled for each further one, up to `MAX_BACKOFF`.
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
const MAX_BACKOFF: Duration = Duration::from_secs(10);
/// How long a connect may be held when the server gives no advice.
const DEFAULT_POLL: Duration = Duration::from_secs(30);

/// A handshaken client of the push service. No `Debug`: the client id is a session key.
struct Handshaken {
    client_id: String,
    domain_id: String,
    poll: Duration,
    interval: Duration,
}

pub(super) async fn open(client: &Client, channels: Vec<String>) -> Result<Events, Error> {
    for c in &channels {
        Subscription::parse(c).map_err(|e| Error::Push(format!("subscription: {e}")))?;
    }
    let (tx, rx) = mpsc::channel(BUFFER);
    let (ready, started) = oneshot::channel();
    let weak = Arc::downgrade(&client.inner);
    let stop = client.inner.push_stop.clone();
    tokio::spawn(run(weak, stop, channels, tx, ready));
    match started.await {
        Ok(Ok(domain_id)) => Ok(Events { rx, domain_id }),
        Ok(Err(e)) => Err(e),
        Err(_) => Err(Error::Push("the connection ended before it was set up".into())),
    }
}

/// Why the connect loop ended.
enum Ended {
    /// Handshake again.
    Rehandshake,
    /// Stop for good: the stream or the client was dropped, or the server said not to reconnect.
    Stop,
}

async fn run(
    client: Weak<Inner>,
    stop: CancellationToken,
    channels: Vec<String>,
    tx: mpsc::Sender<Event>,
    ready: oneshot::Sender<Result<String, Error>>,
) {
    let mut ready = Some(ready);
    let mut failures = 0u32;
    loop {
        let started = tokio::select! {
            _ = stop.cancelled() => return,
            _ = tx.closed() => return,
            s = start(&client, &channels) => s,
        };
        let session = match started {
            Ok(s) => s,
            Err(e) => {
                if let Some(ready) = ready.take() {
                    let _ = ready.send(Err(e));
                    return;
                }
                tracing::warn!(error = %e, "push service: handshake failed; trying again");
                if !back_off(&stop, &tx, &mut failures).await {
                    return;
                }
                continue;
            }
        };
        // Failures are counted until a connect succeeds: a server that asks for a handshake on
        // every connect is not handshaken with in a tight loop.
        match ready.take() {
            Some(ready) => {
                let _ = ready.send(Ok(session.domain_id.clone()));
            }
            None => tracing::info!("push service: handshaken again and resubscribed"),
        }
        match connect_loop(&client, &stop, &session, &tx, &mut failures).await {
            Ended::Rehandshake => {}
            Ended::Stop => {
                if let Some(inner) = client.upgrade() {
                    let bye = Message { client_id: Some(session.client_id.clone()), ..Message::on(META_DISCONNECT) };
                    let _ = post(&Client::from_inner(inner), &[bye], None).await;
                }
                return;
            }
        }
        if !back_off(&stop, &tx, &mut failures).await {
            return;
        }
    }
}

/// Waits before trying again; `false` when the connection is to stop instead.
async fn back_off(stop: &CancellationToken, tx: &mpsc::Sender<Event>, failures: &mut u32) -> bool {
    let wait = match *failures {
        0 => Duration::ZERO,
        n => FIRST_BACKOFF.saturating_mul(1 << (n - 1).min(10)).min(MAX_BACKOFF),
    };
    *failures += 1;
    tokio::select! {
        _ = stop.cancelled() => false,
        _ = tx.closed() => false,
        _ = tokio::time::sleep(wait) => true,
    }
}

/// Handshake and subscribe to every channel.
async fn start(client: &Weak<Inner>, channels: &[String]) -> Result<Handshaken, Error> {
    let client = client.upgrade().map(Client::from_inner).ok_or_else(|| Error::Push("the client is gone".into()))?;
    let mut renewed = false;
    let reply = loop {
        let live = client.session().await?;
        let hello = Message {
            version: Some(bayeux::VERSION.to_owned()),
            minimum_version: Some(bayeux::VERSION.to_owned()),
            supported_connection_types: Some(vec![bayeux::LONG_POLLING.to_owned()]),
            ..Message::on(META_HANDSHAKE)
        };
        let cookie = live.cookie.as_ref().map(|c| c.expose().to_owned());
        let reply = reply_on(post(&client, &[hello], cookie.as_deref()).await?, META_HANDSHAKE)?;
        if reply.successful == Some(true) {
            break reply;
        }
        if renewed || !client.inner.session.can_log_in() {
            return Err(Error::Push(format!("handshake refused: {}", reply.error.unwrap_or_default())));
        }
        // The login expired (or never was): log in again, once.
        client.renew(live.generation).await?;
        renewed = true;
    };
    let client_id = reply.client_id.clone().ok_or_else(|| Error::Push("the handshake gave no client id".into()))?;
    let domain_id = reply
        .ext
        .as_ref()
        .and_then(|e| e.get(wire_names::PUSH_DOMAIN_EXT_FIELD))
        .and_then(|v| v.as_str())
        .ok_or_else(|| Error::Push("the handshake gave no user domain".into()))?
        .to_owned();
    let (poll, interval) = timing(reply.advice.as_ref(), DEFAULT_POLL, Duration::ZERO);
    let session = Handshaken { client_id, domain_id, poll, interval };
    for c in channels {
        let full = format!("{}{c}", prefix(&session.domain_id));
        let m = Message {
            client_id: Some(session.client_id.clone()),
            subscription: Some(full.clone()),
            ..Message::on(META_SUBSCRIBE)
        };
        let reply = reply_on(post(&client, &[m], None).await?, META_SUBSCRIBE)?;
        if reply.successful != Some(true) {
            return Err(Error::Push(format!("subscription to {full} refused: {}", reply.error.unwrap_or_default())));
        }
    }
    Ok(session)
}

/// `/meta/connect` until the server asks for a handshake or the connection is to stop.
async fn connect_loop(
    client: &Weak<Inner>,
    stop: &CancellationToken,
    session: &Handshaken,
    tx: &mpsc::Sender<Event>,
    failures: &mut u32,
) -> Ended {
    let (mut poll, mut interval) = (session.poll, session.interval);
    loop {
        let Some(inner) = client.upgrade() else { return Ended::Stop };
        let c = Client::from_inner(inner);
        let m = Message {
            client_id: Some(session.client_id.clone()),
            connection_type: Some(bayeux::LONG_POLLING.to_owned()),
            ..Message::on(META_CONNECT)
        };
        let request = post_held(&c, m, poll);
        // The client is not held while the poll waits: dropping it ends the loop.
        drop(c);
        let replies = tokio::select! {
            _ = stop.cancelled() => return Ended::Stop,
            _ = tx.closed() => return Ended::Stop,
            r = request => r,
        };
        let replies = match replies {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(error = %e, "push service: connect failed; trying again");
                if !back_off(stop, tx, failures).await {
                    return Ended::Stop;
                }
                continue;
            }
        };
        let mut advice = None;
        let mut successful = true;
        for m in replies {
            if m.channel == META_CONNECT {
                successful = m.successful == Some(true);
                advice = m.advice;
            } else if !m.is_meta() && tx.send(Event::of(m)).await.is_err() {
                return Ended::Stop;
            }
        }
        match advice.as_ref().and_then(|a| a.reconnect) {
            Some(Reconnect::Handshake) => return Ended::Rehandshake,
            Some(Reconnect::None) => return Ended::Stop,
            _ if !successful => return Ended::Rehandshake,
            _ => *failures = 0,
        }
        (poll, interval) = timing(advice.as_ref(), poll, interval);
        if !interval.is_zero() {
            tokio::select! {
                _ = stop.cancelled() => return Ended::Stop,
                _ = tokio::time::sleep(interval) => {}
            }
        }
    }
}

/// The advised poll timeout and interval, or the ones in force.
fn timing(advice: Option<&Advice>, poll: Duration, interval: Duration) -> (Duration, Duration) {
    let poll = advice.and_then(|a| a.timeout).map_or(poll, Duration::from_millis);
    let interval = advice.and_then(|a| a.interval).map_or(interval, Duration::from_millis);
    (poll, interval)
}

/// The channel prefix with the user domain filled in.
fn prefix(domain_id: &str) -> String {
    let p = wire_names::CHANNEL_PREFIX;
    match (p.find('{'), p.rfind('}')) {
        (Some(open), Some(close)) if open < close => format!("{}{domain_id}{}", &p[..open], &p[close + 1..]),
        _ => p.to_owned(),
    }
}

/// The reply on `channel` among the replies.
fn reply_on(replies: Vec<Message>, channel: &str) -> Result<Message, Error> {
    replies.into_iter().find(|m| m.channel == channel).ok_or_else(|| Error::Push(format!("no reply on {channel}")))
}

/// A connect, whose reply may take the poll timeout on top of the usual one.
fn post_held(
    client: &Client,
    m: Message,
    poll: Duration,
) -> impl std::future::Future<Output = Result<Vec<Message>, Error>> {
    let http = client.inner.transport.http.clone();
    let url = url(client);
    let timeout = client.inner.transport.timeout + poll;
    async move { exchange(body(http.post(url).timeout(timeout), &[m])?).await }
}

async fn post(client: &Client, messages: &[Message], cookie: Option<&str>) -> Result<Vec<Message>, Error> {
    let mut request = body(client.inner.transport.http.post(url(client)), messages)?;
    if let Some(cookie) = cookie {
        let mut value = HeaderValue::try_from(format!("{}={cookie}", wire_names::SESSION_COOKIE))
            .map_err(|_| Error::Push("the session cookie is not a valid header value".into()))?;
        value.set_sensitive(true);
        request = request.header(COOKIE, value);
    }
    exchange(request).await
}

fn body(request: reqwest::RequestBuilder, messages: &[Message]) -> Result<reqwest::RequestBuilder, Error> {
    let text = serde_json::to_vec(messages).map_err(|e| Error::Push(format!("unwritable request: {e}")))?;
    Ok(request.header(CONTENT_TYPE, HeaderValue::from_static(JSON)).body(text))
}

const JSON: &str = "application/json";

fn url(client: &Client) -> String {
    format!("{}{}", client.inner.transport.base, wire_names::PUSH_PATH)
}

async fn exchange(request: reqwest::RequestBuilder) -> Result<Vec<Message>, Error> {
    let response = request.send().await.map_err(|e| Error::Push(format!("transport: {}", e.without_url())))?;
    let status = response.status();
    if !status.is_success() {
        return Err(Error::Push(format!("HTTP {}", status.as_u16())));
    }
    let bytes = response.bytes().await.map_err(|e| Error::Push(format!("transport: {}", e.without_url())))?;
    serde_json::from_slice(&bytes).map_err(|e| Error::Push(format!("unreadable reply: {e}")))
}
