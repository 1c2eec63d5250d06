//! What the platform's state records as it changes, for the hub to publish once the call that
//! changed it is answered: the state knows what changed, not who listens or under which domain.

use std::time::Duration;

use kedacom_mc_models::{wire_names, ChannelInfo, MessageKind};
use serde_json::{Map, Value};

/// A message for one channel.
#[derive(Clone, Debug)]
pub(crate) struct PushEvent {
    pub(crate) channel: &'static ChannelInfo,
    /// The channel's placeholder values in its pattern's order, the user domain aside (the hub
    /// adds it).
    pub(crate) values: Vec<String>,
    pub(crate) data: Value,
    /// How long after the call it happens (a terminal comes online later than it is added).
    pub(crate) after: Duration,
}

/// The events recorded since the hub last took them.
#[derive(Debug, Default)]
pub(crate) struct PushEvents(Vec<PushEvent>);

impl PushEvents {
    /// An `update` or `delete` on the channel with these values.
    pub(crate) fn state(&mut self, channel: &'static ChannelInfo, kind: MessageKind, values: &[&str]) {
        self.record(channel, values, message(kind, Map::new()), Duration::ZERO);
    }

    /// A message of `kind` with its fields, `after` the call.
    pub(crate) fn record(&mut self, channel: &'static ChannelInfo, values: &[&str], data: Value, after: Duration) {
        let values = values.iter().map(|v| (*v).to_owned()).collect();
        self.0.push(PushEvent { channel, values, data, after });
    }

    pub(crate) fn take(&mut self) -> Vec<PushEvent> {
        std::mem::take(&mut self.0)
    }
}

/// The data of a notification: the channel's typed message, its `method` set.
pub(crate) fn notice<T: serde::Serialize>(notice: &T) -> Value {
    match serde_json::to_value(notice) {
        Ok(Value::Object(fields)) => message(MessageKind::Notify, fields),
        _ => message(MessageKind::Notify, Map::new()),
    }
}

/// The data of a message: its `method` and the fields given.
pub(crate) fn message(kind: MessageKind, mut fields: Map<String, Value>) -> Value {
    fields.insert(wire_names::PUSH_METHOD_FIELD.to_owned(), Value::from(kind.method()));
    Value::Object(fields)
}
