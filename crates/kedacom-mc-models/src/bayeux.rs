//! The Bayeux 1.0 protocol the push service speaks (CometD long polling): its meta channels and
//! the one message shape every request and reply is a list of. Shared by the client, which sends
//! these, and the mock, which answers them, so that neither spells a protocol name by hand.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The protocol version sent in the handshake.
pub const VERSION: &str = "1.0";
/// The only transport used: HTTP long polling.
pub const LONG_POLLING: &str = "long-polling";
pub const META_HANDSHAKE: &str = "/meta/handshake";
pub const META_CONNECT: &str = "/meta/connect";
pub const META_SUBSCRIBE: &str = "/meta/subscribe";
pub const META_UNSUBSCRIBE: &str = "/meta/unsubscribe";
pub const META_DISCONNECT: &str = "/meta/disconnect";
/// The error of a call whose `clientId` the server does not know (it expired or never was).
pub const UNKNOWN_CLIENT: &str = "402::Unknown client";

/// One Bayeux message. Fields a message kind does not use stay `None` and are not sent.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub channel: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successful: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<Advice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext: Option<Map<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supported_connection_types: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_type: Option<String>,
}

impl Message {
    /// A message on `channel` with nothing else set.
    pub fn on(channel: impl Into<String>) -> Self {
        Message { channel: channel.into(), ..Default::default() }
    }

    /// Whether it is a reply on a meta channel (`/meta/…`) rather than a published event.
    pub fn is_meta(&self) -> bool {
        [META_HANDSHAKE, META_CONNECT, META_SUBSCRIBE, META_UNSUBSCRIBE, META_DISCONNECT]
            .contains(&self.channel.as_str())
    }
}

/// The `clientId` is a session key: masked.
impl fmt::Debug for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Message");
        d.field("channel", &self.channel);
        if self.client_id.is_some() {
            d.field("client_id", &"***");
        }
        d.field("successful", &self.successful)
            .field("subscription", &self.subscription)
            .field("data", &self.data)
            .field("advice", &self.advice)
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

/// How the server wants the client to go on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reconnect: Option<Reconnect>,
    /// Milliseconds the server holds a `/meta/connect` open when it has nothing to send.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u64>,
    /// Milliseconds to wait before the next `/meta/connect`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<u64>,
}

/// The `reconnect` advice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reconnect {
    /// Connect again with the same client id.
    Retry,
    /// The client id is no more: handshake again (and subscribe again).
    Handshake,
    /// Do not connect again.
    None,
}
