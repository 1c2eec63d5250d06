//! Asynchronous calls awaited to their outcome: the subscription to the channels the endpoint
//! table names for the call's outcome is made before the request is sent, so nothing is missed.

use std::collections::BTreeSet;
use std::time::Duration;

use kedacom_mc_models::{AddMtsReply, AddMtsRequest, ChannelInfo, ChannelSegment, Endpoint, Notice};

use super::Event;
use crate::{Client, Error};

impl Client {
    /// Adds terminals to a conference and waits until each is online (an `update` on its
    /// terminal channel), or fails with the error code and meaning of the push service's
    /// notification that one could not be added. [`Error::NoOutcome`] after `timeout`.
    pub async fn add_mts_until_online(&self, request: AddMtsRequest, timeout: Duration) -> Result<AddMtsReply, Error> {
        let info = AddMtsRequest::INFO;
        let outcome = info.outcome.as_ref().ok_or_else(|| Error::Push(format!("{}: no outcome", info.operation)))?;
        let conf = [(conf_placeholder(), request.conf_id.as_str())];
        let watched: Vec<String> =
            outcome.channel.iter().chain(outcome.failure.iter()).map(|c| subscription(c, &conf)).collect();
        let mut events = self.events(&watched).await?;
        let reply = self.send(request).await?;
        let mut waiting: BTreeSet<String> =
            reply.mts.iter().flatten().filter_map(|m| m.mt_id).map(|id| id.to_string()).collect();
        let accounts: BTreeSet<String> = reply.mts.iter().flatten().filter_map(|m| m.account.clone()).collect();
        let wait = async {
            while !waiting.is_empty() {
                let Some(event) = events.next_event().await else {
                    return Err(Error::Push("the push connection ended".into()));
                };
                match event {
                    Event::Update(c) if Some(c.info) == outcome.channel => {
                        if let Some((_, mt_id)) = c.values.last() {
                            waiting.remove(mt_id);
                        }
                    }
                    Event::Notify { channel, code: Some(code), meaning, notice }
                        if Some(channel.info) == outcome.failure =>
                    {
                        let ours = match notice.as_ref() {
                            Notice::Mts(n) => {
                                n.mt.as_ref().and_then(|m| m.account.as_ref()).is_none_or(|a| accounts.contains(a))
                            }
                            _ => true,
                        };
                        if ours {
                            return Err(Error::Failed { operation: info.operation, code, meaning });
                        }
                    }
                    _ => {}
                }
            }
            Ok(())
        };
        match tokio::time::timeout(timeout, wait).await {
            Ok(Ok(())) => Ok(reply),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(Error::NoOutcome { operation: info.operation, after: timeout }),
        }
    }
}

/// The conference's placeholder, every conference channel's second (after the user domain).
fn conf_placeholder() -> &'static str {
    kedacom_mc_models::channels::CONF.placeholders.last().map(|p| p.name).unwrap_or_default()
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
