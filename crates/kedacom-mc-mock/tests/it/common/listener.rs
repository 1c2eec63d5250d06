//! A push-service subscriber for the tests: handshakes with the login cookie, subscribes, and
//! long-polls, handing out the published messages one at a time, each with its channel's entry.

use std::collections::VecDeque;
use std::time::Duration;

use kedacom_mc_mock::MockPlatform;
use kedacom_mc_models::bayeux::{self, Message, META_CONNECT, META_HANDSHAKE, META_SUBSCRIBE};
use kedacom_mc_models::wire_names::{PUSH_DOMAIN_EXT_FIELD, PUSH_PATH};
use kedacom_mc_models::{match_channel, ChannelInfo, MessageKind};
use serde_json::Value;

use super::Client;

/// Long enough for a loaded machine; only a hang reaches it.
pub const WAIT: Duration = Duration::from_secs(10);

/// One published message.
#[derive(Clone, Debug)]
pub struct Published {
    pub channel: &'static ChannelInfo,
    /// The channel's placeholder values, the user domain first.
    pub values: Vec<(&'static str, String)>,
    pub kind: MessageKind,
    pub data: Value,
}

impl Published {
    pub fn get(&self, placeholder: &str) -> Option<&str> {
        self.values.iter().find(|(n, _)| *n == placeholder).map(|(_, v)| v.as_str())
    }
}

pub struct Listener {
    http: reqwest::Client,
    url: String,
    cookie: String,
    client_id: String,
    pub domain_id: String,
    queue: VecDeque<Message>,
}

impl Listener {
    /// Subscribed to each of `subscriptions` (relative to the user domain: `/confs/**`).
    pub async fn subscribed(mock: &MockPlatform, subscriptions: &[&str]) -> Listener {
        let login = Client::logged_in(mock).await;
        let mut handshake = Message::on(META_HANDSHAKE);
        handshake.version = Some(bayeux::VERSION.to_owned());
        handshake.supported_connection_types = Some(vec![bayeux::LONG_POLLING.to_owned()]);
        let mut l = Listener {
            http: reqwest::Client::new(),
            url: format!("{}{PUSH_PATH}", mock.base_url()),
            cookie: login.cookie.expect("a login cookie"),
            client_id: String::new(),
            domain_id: String::new(),
            queue: VecDeque::new(),
        };
        let reply = l.post(vec![handshake]).await.remove(0);
        assert_eq!(reply.successful, Some(true), "{reply:?}");
        l.client_id = reply.client_id.expect("a client id");
        let domain = reply.ext.as_ref().and_then(|e| e.get(PUSH_DOMAIN_EXT_FIELD)).and_then(Value::as_str);
        l.domain_id = domain.expect("the user domain").to_owned();
        for s in subscriptions {
            let mut subscribe = Message::on(META_SUBSCRIBE);
            subscribe.client_id = Some(l.client_id.clone());
            subscribe.subscription = Some(format!("/userdomains/{}{s}", l.domain_id));
            let reply = l.post(vec![subscribe]).await.remove(0);
            assert_eq!(reply.successful, Some(true), "{reply:?}");
        }
        l
    }

    async fn post(&self, messages: Vec<Message>) -> Vec<Message> {
        let response = self
            .http
            .post(&self.url)
            .header("Cookie", format!("SSO_COOKIE_KEY={}", self.cookie))
            .json(&messages)
            .send()
            .await
            .expect("the push service answers");
        response.json().await.expect("a Bayeux reply")
    }

    /// The next published message, waiting as long as it takes.
    async fn next_message(&mut self) -> Message {
        loop {
            if let Some(m) = self.queue.pop_front() {
                return m;
            }
            let mut connect = Message::on(META_CONNECT);
            connect.client_id = Some(self.client_id.clone());
            connect.connection_type = Some(bayeux::LONG_POLLING.to_owned());
            for m in self.post(vec![connect]).await {
                if !m.is_meta() {
                    self.queue.push_back(m);
                }
            }
        }
    }

    /// The next message on a channel of the table; panics after [`WAIT`].
    pub async fn next(&mut self) -> Published {
        let wait = async {
            loop {
                let m = self.next_message().await;
                let Some(found) = match_channel(&m.channel) else { continue };
                let data = m.data.clone().unwrap_or(Value::Null);
                let kind = MessageKind::of(&data).expect("a known method");
                let values = found.values().iter().map(|(n, v)| (*n, (*v).to_owned())).collect();
                return Published { channel: found.info, values, kind, data };
            }
        };
        tokio::time::timeout(WAIT, wait).await.expect("a message in time")
    }

    /// The next message of this kind on this channel, skipping others; panics after [`WAIT`].
    pub async fn next_on(&mut self, channel: &'static ChannelInfo, kind: MessageKind) -> Published {
        let wait = async {
            loop {
                let p = self.next().await;
                if p.channel == channel && p.kind == kind {
                    return p;
                }
            }
        };
        tokio::time::timeout(WAIT, wait).await.unwrap_or_else(|_| panic!("no {kind:?} on {channel:?} in time"))
    }
}
