//! The push service and its channels, resolved: what `spec/push_channels.yaml` says, every reference
//! checked.

pub use kedacom_mc_rules::PlaceholderFormat;
use serde_json::Value;

/// How a client reaches the push service and how its messages are spelt (`push:`).
#[derive(Debug, Clone)]
pub struct Push {
    /// The document (a `source` of `api.yaml`) the channels are transcribed from.
    pub source: String,
    /// The CometD endpoint, relative to the platform's base URL (`/api/v1/publish`).
    pub path: String,
    /// The Bayeux protocol version spoken there.
    pub bayeux_version: String,
    /// The handshake reply's `ext` field naming the caller's user domain.
    pub domain_ext_field: String,
    /// What every channel is subscribed under: `/userdomains/{domain_id}`.
    pub prefix: String,
    /// The placeholder of `prefix`, filled with the handshake's domain.
    pub prefix_placeholder: String,
    /// An `update` is read back with `GET {rest_prefix}{channel}`, the document's rule.
    pub rest_prefix: String,
    /// The message field saying which kind of message it is.
    pub method_field: String,
    /// The value of that field for update, delete and notify, in that order.
    pub methods: [String; 3],
    pub file: String,
}

impl Push {
    /// The `method` value of a kind of message.
    pub fn method(&self, kind: MessageKind) -> &str {
        &self.methods[kind as usize]
    }

    /// The pattern a client subscribes to for `channel`: the prefix, then the document's channel.
    pub fn pattern(&self, channel: &Channel) -> String {
        format!("{}{}", self.prefix, channel.channel)
    }
}

/// The kinds of message a channel carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MessageKind {
    /// A resource was made or changed: read it with the channel's GET.
    Update = 0,
    /// A resource is gone.
    Delete = 1,
    /// News with a payload of its own (a failure, a request from a terminal).
    Notify = 2,
}

impl MessageKind {
    pub const ALL: [MessageKind; 3] = [MessageKind::Update, MessageKind::Delete, MessageKind::Notify];

    /// The spec's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::Update => "update",
            MessageKind::Delete => "delete",
            MessageKind::Notify => "notify",
        }
    }

    pub fn parse(s: &str) -> Option<MessageKind> {
        MessageKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// `Update`: the Rust variant.
    pub fn variant(self) -> &'static str {
        match self {
            MessageKind::Update => "Update",
            MessageKind::Delete => "Delete",
            MessageKind::Notify => "Notify",
        }
    }
}

/// One `{placeholder}` of a channel, with its format and the document's description.
#[derive(Debug, Clone, PartialEq)]
pub struct Placeholder {
    pub name: String,
    pub format: PlaceholderFormat,
    pub desc: String,
    /// How the document's notification entry describes it, where that differs from `desc`.
    pub notify_desc: Option<String>,
}

/// A channel's `update`: its description, and the operation that reads the resource back.
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateMessage {
    pub desc: String,
    pub operation: String,
}

/// A channel's notification: the document's name for it, and the object its message is.
#[derive(Debug, Clone, PartialEq)]
pub struct Notify {
    pub name: String,
    /// The object type of the message (`MixStartFailedNotice`).
    pub object: String,
    pub example: Option<Value>,
}

/// One channel pattern and the messages it carries.
#[derive(Debug, Clone)]
pub struct Channel {
    /// snake_case; the Rust static and the references from endpoints use it.
    pub id: String,
    /// The document's name for its state messages (`None` on a channel of notifications only).
    pub name: Option<String>,
    /// As the document writes it: `/confs/{conf_id}/mixs/{mix_id}`.
    pub channel: String,
    /// In the order of the channel's placeholders.
    pub placeholders: Vec<Placeholder>,
    pub update: Option<UpdateMessage>,
    /// The description of its `delete`.
    pub delete: Option<String>,
    pub notify: Option<Notify>,
    pub departs: Vec<ChannelDeparture>,
    /// The spec file that defines it, relative to the spec folder.
    pub file: String,
}

impl Channel {
    /// The kinds of message it carries, in the order update, delete, notify.
    pub fn kinds(&self) -> Vec<MessageKind> {
        MessageKind::ALL.into_iter().filter(|k| self.carries(*k)).collect()
    }

    pub fn carries(&self, kind: MessageKind) -> bool {
        match kind {
            MessageKind::Update => self.update.is_some(),
            MessageKind::Delete => self.delete.is_some(),
            MessageKind::Notify => self.notify.is_some(),
        }
    }

    /// The name a reader knows it by: the state messages' entry, else the notification's.
    pub fn title(&self) -> &str {
        self.name.as_deref().or(self.notify.as_ref().map(|n| n.name.as_str())).unwrap_or(&self.id)
    }
}

/// What a channel departure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChannelDepartureKind {
    /// The document's rule reads an update back with `GET {rest_prefix}{channel}`; there is no such GET.
    Update,
    /// A row of a placeholder table (its name, format or description) differs from the channel.
    Placeholder,
}

impl ChannelDepartureKind {
    pub const ALL: [ChannelDepartureKind; 2] = [ChannelDepartureKind::Update, ChannelDepartureKind::Placeholder];

    pub fn as_str(self) -> &'static str {
        match self {
            ChannelDepartureKind::Update => "update",
            ChannelDepartureKind::Placeholder => "placeholder",
        }
    }

    pub fn parse(s: &str) -> Option<ChannelDepartureKind> {
        ChannelDepartureKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A declared difference between a channel and the document, at one document line.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelDeparture {
    pub what: ChannelDepartureKind,
    /// The placeholder a `placeholder` departure is about.
    pub at: Option<String>,
    pub line: usize,
    pub doc: String,
    pub why: String,
}

/// Where an endpoint's outcome is pushed (`outcome:`).
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The channel whose state messages report that the call took effect.
    pub channel: Option<String>,
    /// Which of its messages do.
    pub messages: Vec<MessageKind>,
    /// The channel whose notification reports that it failed.
    pub failure: Option<String>,
    /// Why no channel, or only a failure, reports it.
    pub why: Option<String>,
}

/// One `/`-separated part of a channel pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    Literal(&'a str),
    /// `{name}`, a whole segment.
    Placeholder(&'a str),
}

/// The segments of a channel pattern (`/confs/{conf_id}/mixs`), or why it is not one: it starts
/// with `/`, has no empty segment, and each `{placeholder}` is a whole segment. Wildcards belong to
/// subscriptions, not to channels.
pub fn pattern_segments(pattern: &str) -> Result<Vec<Segment<'_>>, String> {
    let Some(rest) = pattern.strip_prefix('/') else { return Err("must start with /".into()) };
    rest.split('/')
        .map(|s| {
            if s.is_empty() {
                return Err("has an empty segment".into());
            }
            if s.contains('*') {
                return Err(format!("has the wildcard `{s}`, which only a subscription may have"));
            }
            match s.strip_prefix('{').and_then(|x| x.strip_suffix('}')) {
                Some(name) if !name.is_empty() && !name.contains(['{', '}']) => Ok(Segment::Placeholder(name)),
                _ if s.contains(['{', '}']) => Err(format!("has `{s}`: a placeholder is a whole segment, `{{name}}`")),
                _ => Ok(Segment::Literal(s)),
            }
        })
        .collect()
}
