//! Sending one request as its endpoint's type (the generated dispatch picks the type): the reply,
//! every item of a paged list, or the platform's check of the request.

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
}

/// What came back.
#[derive(Debug)]
pub(crate) enum Output {
    /// The reply, re-serialized from its type: undocumented fields (kept in `extra`) included.
    Reply(Value),
    /// Every item of a list.
    Items(Vec<Value>),
    Check(ServerCheck),
}

fn json(value: &impl Serialize) -> Value {
    // The models' types serialize to JSON by construction; a failure would be a bug there.
    serde_json::to_value(value).unwrap_or(Value::Null)
}

pub(crate) async fn single<E: Endpoint>(client: &Client, request: E, mode: Mode) -> Result<Output, Error> {
    match mode {
        Mode::Check => client.check_on_server(request).await.map(Output::Check),
        Mode::Send | Mode::All => client.send(request).await.map(|reply| Output::Reply(json(&reply))),
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
