//! The push service's channels: one generated [`ChannelInfo`] per channel pattern (all of them in
//! [`CHANNELS`](crate::CHANNELS), each also in [`channels`](crate::channels)), and the matching of
//! channel names and Bayeux subscriptions against them.
//!
//! A channel name is the pattern with its placeholders filled:
//! `/userdomains/{domain_id}/confs/{conf_id}/mixs/{mix_id}` is
//! `/userdomains/w8oflp85rsopfl85l1rfhet8/confs/7770480/mixs/1`. A subscription may end in `*` (one
//! more segment) or `**` (one or more), and nowhere else.

use std::fmt;

pub use kedacom_mc_rules::PlaceholderFormat;
use serde_json::Value;

use crate::wire_names;
use crate::{DocumentInfo, EndpointInfo};

/// A kind of message on a channel, told by its `method` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MessageKind {
    /// A resource was made or changed: read it with the channel's [`UpdateInfo::operation`].
    Update,
    /// A resource is gone; there is nothing to read.
    Delete,
    /// News with its own payload: a failure (with an error code) or a terminal's request.
    Notify,
}

impl MessageKind {
    /// Its `method` value on the wire.
    pub fn method(self) -> &'static str {
        match self {
            MessageKind::Update => wire_names::PUSH_METHOD_UPDATE,
            MessageKind::Delete => wire_names::PUSH_METHOD_DELETE,
            MessageKind::Notify => wire_names::PUSH_METHOD_NOTIFY,
        }
    }

    /// The kind whose `method` value this is.
    pub fn from_method(method: &str) -> Option<MessageKind> {
        [MessageKind::Update, MessageKind::Delete, MessageKind::Notify].into_iter().find(|k| k.method() == method)
    }

    /// The kind of a message's data (`{"method": "update"}`); `None` when its method is missing or
    /// none the document gives.
    pub fn of(data: &Value) -> Option<MessageKind> {
        data.get(wire_names::PUSH_METHOD_FIELD).and_then(Value::as_str).and_then(MessageKind::from_method)
    }
}

/// A `{placeholder}` of a channel pattern.
#[derive(Debug, PartialEq, Eq)]
pub struct PlaceholderInfo {
    pub name: &'static str,
    pub format: PlaceholderFormat,
    /// The document's description.
    pub description: &'static str,
}

/// One segment of a channel pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChannelSegment {
    Literal(&'static str),
    /// The placeholder at this index of [`ChannelInfo::placeholders`].
    Placeholder(usize),
}

/// A channel's `update`: what it says, and the GET that reads the resource back. The GET's path
/// placeholders are the channel's of the same names.
#[derive(Debug)]
pub struct UpdateInfo {
    /// The document's description.
    pub description: &'static str,
    pub operation: &'static EndpointInfo,
}

/// A channel's `delete`.
#[derive(Debug, PartialEq, Eq)]
pub struct DeleteInfo {
    /// The document's description.
    pub description: &'static str,
}

/// A channel's notification.
#[derive(Debug, PartialEq, Eq)]
pub struct NotifyInfo {
    /// The document's name for it.
    pub name: &'static str,
    /// The Rust type of its message (a variant of [`Notice`](crate::Notice) holds it).
    pub type_name: &'static str,
    /// Whether it carries an `error_code`, and so reports a failure.
    pub reports_error: bool,
}

/// One channel pattern of the push service, as the spec describes it. Only this crate makes them,
/// so it is `#[non_exhaustive]`.
#[non_exhaustive]
pub struct ChannelInfo {
    /// The spec's snake_case id: `mix`, `cascade_mt`.
    pub id: &'static str,
    /// The document's name for it (its notification's, on a channel of notifications only).
    pub name: &'static str,
    /// As the document writes it: `/confs/{conf_id}/mixs/{mix_id}`.
    pub channel: &'static str,
    /// What is subscribed: `/userdomains/{domain_id}/confs/{conf_id}/mixs/{mix_id}`.
    pub pattern: &'static str,
    /// The pattern's placeholders in order, the user domain first.
    pub placeholders: &'static [PlaceholderInfo],
    pub segments: &'static [ChannelSegment],
    pub update: Option<UpdateInfo>,
    pub delete: Option<DeleteInfo>,
    pub notify: Option<NotifyInfo>,
    /// The document the channel is transcribed from.
    pub document: &'static DocumentInfo,
}

impl fmt::Debug for ChannelInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ChannelInfo({} {})", self.id, self.pattern)
    }
}

impl PartialEq for ChannelInfo {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for ChannelInfo {}

impl ChannelInfo {
    /// The channel with this id (`cascade_mt`; `cascade-mt` is accepted too).
    pub fn find(id: &str) -> Option<&'static ChannelInfo> {
        let wanted = id.replace('-', "_");
        crate::CHANNELS.iter().copied().find(|c| c.id == wanted)
    }

    /// Whether it carries messages of this kind.
    pub fn carries(&self, kind: MessageKind) -> bool {
        match kind {
            MessageKind::Update => self.update.is_some(),
            MessageKind::Delete => self.delete.is_some(),
            MessageKind::Notify => self.notify.is_some(),
        }
    }

    /// The placeholder of this name.
    pub fn placeholder(&self, name: &str) -> Option<&'static PlaceholderInfo> {
        self.placeholders.iter().find(|p| p.name == name)
    }

    /// The placeholder values of `name` if it is a name of this channel.
    pub fn matches<'a>(&'static self, name: &'a str) -> Option<ChannelMatch<'a>> {
        let parts = split(name)?;
        if parts.len() != self.segments.len() {
            return None;
        }
        self.bind(&parts).map(|values| ChannelMatch { info: self, values })
    }

    /// The channel name with these placeholder values (each placeholder once, in any order).
    pub fn name_with(&self, values: &[(&str, &str)]) -> Result<String, ChannelError> {
        for (name, _) in values {
            if self.placeholder(name).is_none() {
                return Err(ChannelError::UnknownPlaceholder { channel: self.id, name: (*name).to_owned() });
            }
        }
        let mut out = String::new();
        for s in self.segments {
            out.push('/');
            match *s {
                ChannelSegment::Literal(l) => out.push_str(l),
                ChannelSegment::Placeholder(i) => {
                    let p = &self.placeholders[i];
                    let mut given = values.iter().filter(|(n, _)| *n == p.name);
                    let value = match (given.next(), given.next()) {
                        (Some((_, v)), None) => *v,
                        (None, _) => return Err(ChannelError::MissingValue { channel: self.id, name: p.name }),
                        (Some(_), Some(_)) => {
                            return Err(ChannelError::RepeatedValue { channel: self.id, name: p.name })
                        }
                    };
                    if !p.format.accepts(value) {
                        return Err(ChannelError::BadValue {
                            channel: self.id,
                            name: p.name,
                            value: value.to_owned(),
                            format: p.format,
                        });
                    }
                    out.push_str(value);
                }
            }
        }
        Ok(out)
    }

    /// The values of the placeholders among the first `parts.len()` segments, when every literal
    /// segment is equal and every value is of its placeholder's format.
    fn bind<'a>(&self, parts: &[&'a str]) -> Option<Vec<(&'static str, &'a str)>> {
        let mut values = Vec::new();
        for (segment, part) in self.segments.iter().zip(parts) {
            match *segment {
                ChannelSegment::Literal(l) if l == *part => {}
                ChannelSegment::Placeholder(i) if self.placeholders[i].format.accepts(part) => {
                    values.push((self.placeholders[i].name, *part));
                }
                _ => return None,
            }
        }
        Some(values)
    }
}

/// A channel name matched to its table entry, with its placeholder values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChannelMatch<'a> {
    pub info: &'static ChannelInfo,
    values: Vec<(&'static str, &'a str)>,
}

impl<'a> ChannelMatch<'a> {
    /// The value of a placeholder (`conf_id`), when the name gives it.
    pub fn get(&self, placeholder: &str) -> Option<&'a str> {
        self.values.iter().find(|(n, _)| *n == placeholder).map(|(_, v)| *v)
    }

    /// The placeholder values the name gives, in the pattern's order: every one for a channel name,
    /// those before the wildcard for a subscription.
    pub fn values(&self) -> &[(&'static str, &'a str)] {
        &self.values
    }
}

/// The channel a concrete name is, with its placeholder values: `None` for a name no channel of the
/// table has (a newer platform's, or a wildcard).
pub fn match_channel(name: &str) -> Option<ChannelMatch<'_>> {
    crate::CHANNELS.iter().find_map(|c| c.matches(name))
}

/// The wildcard a subscription ends in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wildcard {
    /// `*`: exactly one more segment.
    One,
    /// `**`: one or more segments.
    Deep,
}

/// A Bayeux subscription: a channel name, or one whose last segment is `*` or `**`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscription<'a> {
    text: &'a str,
    /// The segments before the wildcard.
    parts: Vec<&'a str>,
    wildcard: Option<Wildcard>,
}

impl<'a> Subscription<'a> {
    /// Reads a subscription; a wildcard anywhere but as the whole last segment is an error.
    pub fn parse(text: &'a str) -> Result<Subscription<'a>, ChannelError> {
        if !text.starts_with('/') {
            return Err(ChannelError::NotAbsolute(text.to_owned()));
        }
        let mut parts: Vec<&str> = text[1..].split('/').collect();
        let wildcard = match parts.last().copied() {
            Some("*") => Some(Wildcard::One),
            Some("**") => Some(Wildcard::Deep),
            _ => None,
        };
        if wildcard.is_some() {
            parts.pop();
        }
        for (i, p) in parts.iter().enumerate() {
            if p.is_empty() {
                return Err(ChannelError::EmptySegment { name: text.to_owned(), index: i + 1 });
            }
            if p.contains('*') {
                return Err(ChannelError::MisplacedWildcard { name: text.to_owned(), segment: (*p).to_owned() });
            }
        }
        Ok(Subscription { text, parts, wildcard })
    }

    /// As given.
    pub fn as_str(&self) -> &'a str {
        self.text
    }

    pub fn wildcard(&self) -> Option<Wildcard> {
        self.wildcard
    }

    /// Whether a message on the concrete channel `name` is delivered to this subscription.
    pub fn matches(&self, name: &str) -> bool {
        let Some(parts) = split(name) else { return false };
        let n = self.parts.len();
        let fits = match self.wildcard {
            None => parts.len() == n,
            Some(Wildcard::One) => parts.len() == n + 1,
            Some(Wildcard::Deep) => parts.len() > n,
        };
        fits && parts.iter().zip(&self.parts).all(|(a, b)| a == b) && !parts.iter().any(|p| p.contains('*'))
    }

    /// The table's channels whose messages this subscription can receive, each with the values its
    /// segments before the wildcard give.
    pub fn channels(&self) -> Vec<ChannelMatch<'a>> {
        let n = self.parts.len();
        crate::CHANNELS
            .iter()
            .filter(|c| match self.wildcard {
                None => c.segments.len() == n,
                Some(Wildcard::One) => c.segments.len() == n + 1,
                Some(Wildcard::Deep) => c.segments.len() > n,
            })
            .filter_map(|c| c.bind(&self.parts).map(|values| ChannelMatch { info: c, values }))
            .collect()
    }
}

/// The segments of a channel name; `None` unless it starts with `/` and has no empty segment.
fn split(name: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = name.strip_prefix('/')?.split('/').collect();
    (!parts.iter().any(|p| p.is_empty())).then_some(parts)
}

/// A channel name or subscription that cannot be, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChannelError {
    /// It does not start with `/`.
    NotAbsolute(String),
    /// Its segment at `index` (from 1) is empty.
    EmptySegment {
        name: String,
        index: usize,
    },
    /// A wildcard that is not the whole last segment.
    MisplacedWildcard {
        name: String,
        segment: String,
    },
    UnknownPlaceholder {
        channel: &'static str,
        name: String,
    },
    MissingValue {
        channel: &'static str,
        name: &'static str,
    },
    RepeatedValue {
        channel: &'static str,
        name: &'static str,
    },
    BadValue {
        channel: &'static str,
        name: &'static str,
        value: String,
        format: PlaceholderFormat,
    },
}

impl fmt::Display for ChannelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChannelError::NotAbsolute(name) => write!(f, "channel `{name}` does not start with /"),
            ChannelError::EmptySegment { name, index } => write!(f, "channel `{name}`: segment {index} is empty"),
            ChannelError::MisplacedWildcard { name, segment } => write!(
                f,
                "channel `{name}`: `{segment}` has a wildcard, which may only be the whole last segment (`*` or `**`)"
            ),
            ChannelError::UnknownPlaceholder { channel, name } => {
                write!(f, "channel `{channel}` has no placeholder `{name}`")
            }
            ChannelError::MissingValue { channel, name } => write!(f, "channel `{channel}`: no value for `{name}`"),
            ChannelError::RepeatedValue { channel, name } => {
                write!(f, "channel `{channel}`: `{name}` is given more than once")
            }
            ChannelError::BadValue { channel, name, value, format } => {
                write!(f, "channel `{channel}`: `{name}` must match {}, not `{value}`", format.regex())
            }
        }
    }
}

impl std::error::Error for ChannelError {}
