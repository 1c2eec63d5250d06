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
pub use outcome::Settled;

use kedacom_mc_models::Endpoint;

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

    /// The current value of the resource an [`Event::Update`] names, read with `E`: the GET its
    /// channel's table entry names (`event.info.update`), its path filled from the channel's
    /// values. [`Error::Unsupported`], before anything is sent, when `E` is not that GET.
    ///
    /// ```no_run
    /// # async fn f(client: kedacom_mc_client::Client) -> Result<(), kedacom_mc_client::Error> {
    /// use kedacom_mc_client::Event;
    /// use kedacom_mc_models::GetRecorderRequest;
    /// let mut events = client.events(&["/confs/7770480/recorders/*"]).await?;
    /// while let Some(event) = events.next_event().await {
    ///     if let Event::Update(channel) = event {
    ///         let recording = client.read_back::<GetRecorderRequest>(&channel).await?;
    ///         println!("{recording:?}");
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn read_back<E: Endpoint>(&self, event: &ChannelEvent) -> Result<E::Reply, Error> {
        let operation = E::INFO.operation;
        match event.info.update.as_ref() {
            Some(u) if u.operation.operation == operation => {}
            Some(u) => {
                let reason = format!("`{}` updates are read with {}", event.info.id, u.operation.operation);
                return Err(Error::Unsupported { operation, reason });
            }
            None => {
                let reason = format!("`{}` carries no update to read back", event.info.id);
                return Err(Error::Unsupported { operation, reason });
            }
        }
        let values: Vec<(&str, &str)> = event.values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        self.send_by_path::<E>(&values).await
    }
}
