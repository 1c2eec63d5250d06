//! Asynchronous calls awaited to their outcome. The endpoint table names, for each such call, the
//! channel whose messages say it took effect and the one whose notification says it failed; the
//! subscription to both is made before the request is sent, so nothing is missed.

use std::time::Duration;

use kedacom_mc_models::{AddMtsReply, AddMtsRequest, ChannelInfo, ChannelSegment, Endpoint, MessageKind, Notice};
use serde_json::Value;

use super::{ChannelEvent, Event};
use crate::{Client, Error};

/// An asynchronous call's reply, with the push messages that reported it done.
#[derive(Debug)]
#[non_exhaustive]
pub struct Settled<R> {
    pub reply: R,
    /// One message per resource the call acted on (each terminal added, say), in arrival order.
    pub confirmed: Vec<ChannelEvent>,
}

impl Client {
    /// Sends an asynchronous request (one whose `success: 1` only means "accepted") and waits
    /// until the push service reports its outcome: the message its endpoint's
    /// [`outcome`](kedacom_mc_models::EndpointInfo::outcome) names, on the channel of the
    /// resource it acts on. The resource is named by the request's path and, for what the call
    /// makes, by the reply: a field of the channel placeholder's name, or a list of items that
    /// have one (then every item's message is awaited).
    ///
    /// Fails with [`Error::Failed`] (the notification's error code and the document's meaning)
    /// when the failure channel reports one, [`Error::NoOutcome`] when nothing comes within
    /// `timeout` of the reply, and [`Error::Unsupported`] (before sending) for a call whose
    /// outcome the push service does not report.
    pub async fn send_and_wait<E: Endpoint>(&self, request: E, timeout: Duration) -> Result<Settled<E::Reply>, Error> {
        self.send_and_wait_for(request, timeout, |_| true).await
    }

    /// Adds terminals to a conference and waits until each is online (an `update` on its
    /// terminal channel), or fails with the error code and meaning of the push service's
    /// notification that one of these terminals could not be added. [`Error::NoOutcome`] after
    /// `timeout`.
    pub async fn add_mts_until_online(&self, request: AddMtsRequest, timeout: Duration) -> Result<AddMtsReply, Error> {
        let accounts: Vec<String> = request.params.mts.iter().flatten().filter_map(|m| m.account.clone()).collect();
        let ours = move |notice: &Notice| match notice {
            Notice::Mts(n) => n.mt.as_ref().and_then(|m| m.account.as_ref()).is_none_or(|a| accounts.contains(a)),
            _ => true,
        };
        self.send_and_wait_for(request, timeout, ours).await.map(|s| s.reply)
    }

    /// [`send_and_wait`](Self::send_and_wait), failing only on the notifications `ours` claims.
    async fn send_and_wait_for<E: Endpoint>(
        &self,
        request: E,
        timeout: Duration,
        ours: impl Fn(&Notice) -> bool,
    ) -> Result<Settled<E::Reply>, Error> {
        let info = E::INFO;
        let unsupported = |reason: String| Error::Unsupported { operation: info.operation, reason };
        let Some(outcome) = info.push_outcome() else {
            let why = info.outcome.and_then(|o| o.note).unwrap_or("the call is synchronous");
            return Err(unsupported(format!("the push service reports no outcome of it ({why})")));
        };
        let path = request.path_values();
        let path: Vec<(&str, &str)> = path.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let mut watched: Vec<String> =
            outcome.channel.iter().chain(outcome.failure.iter()).map(|c| subscription(c, &path)).collect();
        watched.dedup();
        let mut events = self.events(&watched).await?;
        let reply = self.send(request).await?;
        let reply_json = serde_json::to_value(&reply).unwrap_or(Value::Null);
        let mut pending = match outcome.channel {
            Some(channel) => awaited(channel, &path, &reply_json),
            None => Vec::new(),
        };
        // A failure is the call's when its channel names nothing else: not another recorder's.
        let named = outcome.failure.map(|f| named_by(f, &path, &reply_json).0).unwrap_or_default();
        let is_ours = |c: &ChannelEvent| named.iter().all(|(n, v)| c.get(n).is_none_or(|got| got == v));
        let mut confirmed = Vec::new();
        let wait = async {
            // A call reported only by its failure is done when none comes in time.
            while !pending.is_empty() || outcome.channel.is_none() {
                let Some(event) = events.next_event().await else {
                    return Err(Error::Push("the push connection ended".into()));
                };
                let (c, kind) = match event {
                    Event::Update(c) => (c, MessageKind::Update),
                    Event::Delete(c) => (c, MessageKind::Delete),
                    Event::Notify { channel, code: Some(code), meaning, notice }
                        if Some(channel.info) == outcome.failure && is_ours(&channel) && ours(&notice) =>
                    {
                        return Err(Error::Failed { operation: info.operation, code, meaning });
                    }
                    _ => continue,
                };
                if Some(c.info) != outcome.channel || !outcome.messages.contains(&kind) {
                    continue;
                }
                let before = pending.len();
                pending.retain(|target| !target.iter().all(|(n, v)| c.get(n) == Some(v.as_str())));
                if pending.len() < before {
                    confirmed.push(c);
                }
            }
            Ok(())
        };
        match tokio::time::timeout(timeout, wait).await {
            Ok(Ok(())) => Ok(Settled { reply, confirmed }),
            Ok(Err(e)) => Err(e),
            Err(_) if outcome.channel.is_none() => Ok(Settled { reply, confirmed }),
            Err(_) => Err(Error::NoOutcome { operation: info.operation, after: timeout }),
        }
    }
}

/// The placeholder values each awaited message must have: the call's path values, and for each
/// other placeholder of the channel, the reply's value of that name. A reply field that is a list
/// of items with such names (the terminals added) gives one awaited message per item.
fn awaited(channel: &ChannelInfo, path: &[(&str, &str)], reply: &Value) -> Vec<Vec<(&'static str, String)>> {
    let (known, rest) = named_by(channel, path, reply);
    let item_values = |item: &Value| -> Vec<(&'static str, String)> {
        rest.iter().filter_map(|n| item.get(*n).and_then(scalar).map(|v| (*n, v))).collect()
    };
    let items = reply.as_object().into_iter().flat_map(|o| o.values()).find_map(|v| {
        let items: Vec<Vec<(&'static str, String)>> =
            v.as_array()?.iter().map(item_values).filter(|values| !values.is_empty()).collect();
        (!items.is_empty()).then_some(items)
    });
    match items {
        None => vec![known],
        Some(items) => items.into_iter().map(|values| known.iter().cloned().chain(values).collect()).collect(),
    }
}

/// The values of the channel's placeholders that the call's path or its reply gives (by name), and
/// the names of the others.
fn named_by(
    channel: &ChannelInfo,
    path: &[(&str, &str)],
    reply: &Value,
) -> (Vec<(&'static str, String)>, Vec<&'static str>) {
    let mut known = Vec::new();
    let mut rest = Vec::new();
    for p in channel.placeholders {
        if let Some((_, v)) = path.iter().find(|(n, _)| *n == p.name) {
            known.push((p.name, (*v).to_owned()));
        } else if let Some(v) = reply.get(p.name).and_then(scalar) {
            known.push((p.name, v));
        } else {
            rest.push(p.name);
        }
    }
    (known, rest)
}

/// A placeholder's value as a reply gives it: text or a number.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The channel, relative to the user domain, with the given placeholders filled; from its first
/// other placeholder on, a `**` wildcard.
fn subscription(channel: &ChannelInfo, values: &[(&str, &str)]) -> String {
    let mut out = String::new();
    // The first two segments are the user domain's prefix.
    for segment in channel.segments.iter().skip(2) {
        out.push('/');
        match *segment {
            ChannelSegment::Literal(l) => out.push_str(l),
            ChannelSegment::Placeholder(i) => match values.iter().find(|(n, _)| *n == channel.placeholders[i].name) {
                Some((_, v)) => out.push_str(v),
                None => {
                    out.push_str("**");
                    return out;
                }
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use kedacom_mc_models::channels;
    use serde_json::json;

    #[test]
    fn what_the_reply_makes_names_the_awaited_messages() {
        let path = [("conf_id", "7770480")];
        let recorder = awaited(&channels::RECORDER, &path, &json!({"rec_id": 3}));
        assert_eq!(recorder, vec![vec![("conf_id", "7770480".to_owned()), ("rec_id", "3".to_owned())]]);
        let mts =
            awaited(&channels::CASCADE_MT, &path, &json!({"mts": [{"mt_id": "1"}, {"mt_id": 2}, {"account": "x"}]}));
        let ids: Vec<&str> = mts.iter().map(|t| t.last().unwrap().1.as_str()).collect();
        assert_eq!(ids, ["1", "2"]);
        assert!(mts.iter().all(|t| t.iter().any(|(n, v)| *n == "conf_id" && v == "7770480")));
        // Nothing names the mix: any message on the conference's mix channel will do.
        assert_eq!(awaited(&channels::MIX, &path, &json!({})), vec![vec![("conf_id", "7770480".to_owned())]]);
    }

    #[test]
    fn a_subscription_is_wild_from_the_first_value_the_call_does_not_give() {
        assert_eq!(subscription(&channels::MIX, &[("conf_id", "1")]), "/confs/1/mixs/**");
        assert_eq!(subscription(&channels::MIX, &[("conf_id", "1"), ("mix_id", "2")]), "/confs/1/mixs/2");
        assert_eq!(subscription(&channels::CONF, &[]), "/confs/**");
    }
}
