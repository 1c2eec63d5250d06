//! The platform's push service (CometD, Bayeux 1.0 long polling) on the client's HTTP connection
//! pool and session: [`Client::events`] subscribes and yields typed [`Event`]s.

mod connection;
mod event;
mod outcome;

use std::pin::Pin;
use std::task::{Context, Poll};

use futures::Stream;
use tokio::sync::mpsc;

pub use event::{ChannelEvent, Event};

use crate::{Client, Error};

/// Events of one subscription set, as a [`Stream`]. Dropping it unsubscribes (its connection to
/// the push service ends); so does dropping the client.
pub struct Events {
    rx: mpsc::Receiver<Event>,
    /// The user domain the channels are under.
    domain_id: String,
}

impl std::fmt::Debug for Events {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Events").field("domain_id", &self.domain_id).finish_non_exhaustive()
    }
}

impl Events {
    /// The user domain of the channels (`ext.user_domain_moid` of the handshake).
    pub fn domain_id(&self) -> &str {
        &self.domain_id
    }

    /// The next event; `None` once the connection has ended for good (the client was dropped,
    /// or the push service advised not to reconnect).
    pub async fn next_event(&mut self) -> Option<Event> {
        self.rx.recv().await
    }
}

impl Stream for Events {
    type Item = Event;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Event>> {
        self.rx.poll_recv(cx)
    }
}

impl Client {
    /// Subscribes to channels and returns their events. Each channel is given as the push
    /// document writes it, under the user domain: `/confs/7770480/mts`, `/confs/7770480/**`,
    /// `/confs/*`. Returns once the push service has accepted every subscription, so whatever
    /// happens after this call returns is delivered. The connection handshakes again and
    /// resubscribes by itself after an outage or when the service asks.
    pub async fn events<S: AsRef<str>>(&self, channels: &[S]) -> Result<Events, Error> {
        let channels: Vec<String> = channels.iter().map(|c| c.as_ref().to_owned()).collect();
        connection::open(self, channels).await
    }
}
