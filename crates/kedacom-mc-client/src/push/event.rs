//! What a subscription delivers: each message typed by its channel's entry in the models' table.

use kedacom_mc_models::bayeux::Message;
use kedacom_mc_models::{error_message, match_channel, ChannelInfo, MessageKind, Notice};
use serde_json::Value;

/// One message of the push service.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// A resource was made or changed: the GET of `info.update` reads its current value.
    Update(ChannelEvent),
    /// A resource is gone.
    Delete(ChannelEvent),
    /// A notification: a failure when it has a `code` (with the document's `meaning` of it), else
    /// a terminal's request.
    Notify { channel: ChannelEvent, code: Option<i64>, meaning: Option<&'static str>, notice: Box<Notice> },
    /// A message on a channel, or with a method, the table does not know (a newer platform's), or
    /// one that is not its channel's shape: as received.
    Unknown { channel: String, data: Value },
}

/// The channel a message came on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChannelEvent {
    /// Its full name.
    pub name: String,
    pub info: &'static ChannelInfo,
    /// Its placeholder values in the pattern's order, the user domain first.
    pub values: Vec<(&'static str, String)>,
}

impl ChannelEvent {
    /// The value of a placeholder.
    pub fn get(&self, placeholder: &str) -> Option<&str> {
        self.values.iter().find(|(n, _)| *n == placeholder).map(|(_, v)| v.as_str())
    }
}

impl Event {
    /// The channel it came on, by name.
    pub fn channel_name(&self) -> &str {
        match self {
            Event::Update(c) | Event::Delete(c) | Event::Notify { channel: c, .. } => &c.name,
            Event::Unknown { channel, .. } => channel,
        }
    }

    /// The event a published message is.
    pub(crate) fn of(message: Message) -> Event {
        let data = message.data.unwrap_or(Value::Null);
        let unknown = |channel: String, data: Value| Event::Unknown { channel, data };
        let Some(m) = match_channel(&message.channel) else { return unknown(message.channel, data) };
        let channel = ChannelEvent {
            name: message.channel.clone(),
            info: m.info,
            values: m.values().iter().map(|(n, v)| (*n, (*v).to_owned())).collect(),
        };
        match MessageKind::of(&data) {
            Some(MessageKind::Update) if m.info.carries(MessageKind::Update) => Event::Update(channel),
            Some(MessageKind::Delete) if m.info.carries(MessageKind::Delete) => Event::Delete(channel),
            Some(MessageKind::Notify) => match Notice::decode(m.info, data.clone()) {
                Some(Ok(notice)) => {
                    let code = notice.error_code();
                    Event::Notify { channel, code, meaning: code.and_then(error_message), notice: Box::new(notice) }
                }
                _ => unknown(message.channel, data),
            },
            _ => unknown(message.channel, data),
        }
    }
}
