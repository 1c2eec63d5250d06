//! The clients of the push service and their queues: `publish` puts a message in the queue of
//! every client with a matching subscription and wakes its waiting `/meta/connect`.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kedacom_mc_models::bayeux::Message;
use kedacom_mc_models::Subscription;
use serde_json::Value;
use tokio::sync::Notify;

use super::PushEvent;
use crate::shared::lock;

/// What goes wrong with the push service, for tests of a client's recovery.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PushFault {
    /// Every waiting `/meta/connect` ends with HTTP 502, as when a proxy drops the connection.
    /// The clients and their queues stay: a client that connects again gets what it missed.
    DropConnections,
    /// Every client is forgotten, as after a restart of the push service: its waiting and next
    /// `/meta/connect` are answered with `reconnect: handshake`, and what it had queued is lost.
    RequireHandshake,
}

/// How a waiting `/meta/connect` was ended other than by messages or its timeout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kick {
    Dropped,
    Forgotten,
}

struct Client {
    subscriptions: Vec<String>,
    queue: VecDeque<Message>,
    wake: Arc<Notify>,
    kick: Option<Kick>,
}

/// Every handshaken client, by client id.
pub(crate) struct Hub {
    domain_id: String,
    clients: Mutex<HashMap<String, Client>>,
    /// Messages a client may have waiting; older ones go first when more arrive.
    capacity: usize,
    /// How long a `/meta/connect` is held open with nothing to send.
    pub(crate) poll_timeout: Duration,
    /// How much later than its state change a message is published.
    delay: Mutex<Duration>,
    /// The runtime the mock started on: a message for later is waited for there, whichever thread
    /// recorded it (a test's own, seeding data).
    runtime: Option<tokio::runtime::Handle>,
}

impl Hub {
    pub(crate) fn new(capacity: usize, poll_timeout: Duration, delay: Duration) -> Self {
        Hub {
            domain_id: uuid::Uuid::new_v4().simple().to_string(),
            clients: Mutex::new(HashMap::new()),
            capacity: capacity.max(1),
            poll_timeout,
            delay: Mutex::new(delay),
            runtime: tokio::runtime::Handle::try_current().ok(),
        }
    }

    /// The user domain every channel is under (`ext.user_domain_moid` of the handshake).
    pub(crate) fn domain_id(&self) -> &str {
        &self.domain_id
    }

    pub(crate) fn set_delay(&self, delay: Duration) {
        *lock(&self.delay) = delay;
    }

    /// A new client; its id is its key to everything else.
    pub(crate) fn add_client(&self) -> String {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let client =
            Client { subscriptions: Vec::new(), queue: VecDeque::new(), wake: Arc::new(Notify::new()), kick: None };
        lock(&self.clients).insert(id.clone(), client);
        id
    }

    pub(crate) fn remove_client(&self, id: &str) -> bool {
        let gone = lock(&self.clients).remove(id);
        if let Some(c) = &gone {
            c.wake.notify_one();
        }
        gone.is_some()
    }

    /// Adds a subscription (once); `false` for an unknown client.
    pub(crate) fn subscribe(&self, id: &str, subscription: &str) -> bool {
        let mut clients = lock(&self.clients);
        let Some(c) = clients.get_mut(id) else { return false };
        if !c.subscriptions.iter().any(|s| s == subscription) {
            c.subscriptions.push(subscription.to_owned());
        }
        true
    }

    pub(crate) fn unsubscribe(&self, id: &str, subscription: &str) -> bool {
        let mut clients = lock(&self.clients);
        let Some(c) = clients.get_mut(id) else { return false };
        c.subscriptions.retain(|s| s != subscription);
        true
    }

    /// Every subscription of every client.
    pub(crate) fn subscriptions(&self) -> Vec<String> {
        lock(&self.clients).values().flat_map(|c| c.subscriptions.iter().cloned()).collect()
    }

    /// What a `/meta/connect` waits on: `None` for an unknown client.
    pub(crate) fn waker(&self, id: &str) -> Option<Arc<Notify>> {
        lock(&self.clients).get(id).map(|c| c.wake.clone())
    }

    /// The client's queued messages, or why its connect must end without them; `Err(None)`: the
    /// client is unknown.
    pub(crate) fn take(&self, id: &str) -> Result<Vec<Message>, Option<Kick>> {
        let mut clients = lock(&self.clients);
        let Some(c) = clients.get_mut(id) else { return Err(Some(Kick::Forgotten)) };
        if let Some(kick) = c.kick.take() {
            return Err(Some(kick));
        }
        Ok(c.queue.drain(..).collect())
    }

    pub(crate) fn fault(&self, fault: PushFault) {
        let mut clients = lock(&self.clients);
        match fault {
            PushFault::DropConnections => {
                for c in clients.values_mut() {
                    c.kick = Some(Kick::Dropped);
                    c.wake.notify_one();
                }
            }
            PushFault::RequireHandshake => {
                for (_, c) in clients.drain() {
                    c.wake.notify_one();
                }
            }
        }
        tracing::info!(?fault, "push fault");
    }

    /// Publishes the state's events, each when it happens (after the configured delay).
    pub(crate) fn publish_all(self: &Arc<Self>, events: Vec<PushEvent>) {
        let extra = *lock(&self.delay);
        for event in events {
            // The user domain is every channel's first placeholder.
            let names = event.channel.placeholders.iter().map(|p| p.name);
            let given = std::iter::once(self.domain_id.as_str()).chain(event.values.iter().map(String::as_str));
            let values: Vec<(&str, &str)> = names.zip(given).collect();
            let name = match event.channel.name_with(&values) {
                Ok(name) => name,
                Err(e) => {
                    tracing::error!(error = %e, "an event's channel cannot be named");
                    continue;
                }
            };
            let after = event.after + extra;
            match &self.runtime {
                Some(runtime) if !after.is_zero() => {
                    let hub = self.clone();
                    runtime.spawn(async move {
                        tokio::time::sleep(after).await;
                        hub.publish(&name, event.data);
                    });
                }
                _ => self.publish(&name, event.data),
            }
        }
    }

    /// Puts the message in the queue of every client subscribed to the channel.
    pub(crate) fn publish(&self, channel: &str, data: Value) {
        let mut delivered = 0;
        let mut clients = lock(&self.clients);
        for c in clients.values_mut() {
            let subscribed = c.subscriptions.iter().any(|s| Subscription::parse(s).is_ok_and(|s| s.matches(channel)));
            if !subscribed {
                continue;
            }
            if c.queue.len() >= self.capacity {
                c.queue.pop_front();
                tracing::warn!(%channel, "a push client's queue is full: its oldest message is dropped");
            }
            c.queue.push_back(Message { data: Some(data.clone()), ..Message::on(channel) });
            c.wake.notify_one();
            delivered += 1;
        }
        drop(clients);
        tracing::info!(%channel, %data, delivered, "published");
    }
}
