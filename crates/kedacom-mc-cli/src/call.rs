//! Sending one request as its endpoint's type (the generated dispatch picks the type): the reply,
//! every item of a paged list, or the platform's check of the request.

use std::time::Duration;

use futures::TryStreamExt;
use kedacom_mc_client::{Client, Error, Paged, ServerCheck};
use kedacom_mc_models::Endpoint;
use serde::Serialize;
use serde_json::Value;

/// What to do with the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    Send,
    /// Ask the platform to check it only (its debug mode).
    Check,
    /// Follow the pages of a list.
    All,
    /// Wait this long for the push service's report of the outcome.
    Wait(Duration),
}

/// What came back.
#[derive(Debug)]
pub(crate) enum Output {
    /// The reply, re-serialized from its type: undocumented fields (kept in `extra`) included.
    Reply(Value),
    /// Every item of a list.
    Items(Vec<Value>),
    Check(ServerCheck),
    /// The reply of an asynchronous call, and the channels whose messages reported it done.
    Settled {
        reply: Value,
        confirmed: Vec<String>,
    },
}

fn json(value: &impl Serialize) -> Value {
    // The models' types serialize to JSON by construction; a failure would be a bug there.
    serde_json::to_value(value).unwrap_or(Value::Null)
}

pub(crate) async fn single<E: Endpoint>(client: &Client, request: E, mode: Mode) -> Result<Output, Error> {
    match mode {
        Mode::Check => client.check_on_server(request).await.map(Output::Check),
        Mode::Send | Mode::All => client.send(request).await.map(|reply| Output::Reply(json(&reply))),
        Mode::Wait(timeout) => client.send_and_wait(request, timeout).await.map(|settled| Output::Settled {
            reply: json(&settled.reply),
            confirmed: settled.confirmed.into_iter().map(|c| c.name).collect(),
        }),
    }
}

pub(crate) async fn paged<E>(client: &Client, request: E, mode: Mode) -> Result<Output, Error>
where
    E: Paged,
    E::Reply: Send,
    E::Item: Serialize,
{
    match mode {
        Mode::All => {
            let items: Vec<E::Item> = client.stream(request).try_collect().await?;
            Ok(Output::Items(items.iter().map(json).collect()))
        }
        other => single(client, request, other).await,
    }
}
