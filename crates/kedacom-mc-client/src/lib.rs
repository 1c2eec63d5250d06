//! Async HTTP client for the meeting-management API (会管API) of the Kedacom (科达)
//! video-conferencing platform, on the typed requests and replies of [`kedacom_mc_models`].
//!
//! ```no_run
//! # async fn run() -> Result<(), kedacom_mc_client::Error> {
//! use kedacom_mc_client::Client;
//! use kedacom_mc_client::models::ListMeetingsRequest;
//! use futures::TryStreamExt;
//!
//! let client = Client::builder()
//!     .url("https://mc.example.com")
//!     .api_key("key", "secret")
//!     .user("name", "password")
//!     .build()?;
//! let resources = client.get_resources().await?;          // logs in first
//! let meetings: Vec<_> = client.list_meetings_stream(ListMeetingsRequest::new()).try_collect().await?;
//! # Ok(()) }
//! ```
//!
//! - **Calls**: [`Client::send`] takes any request; every operation also has its own method
//!   (`client.create_conf(params)`, `client.end_conf(conf_id)`, …), generated from the spec with
//!   the document's name, description, URI and API level in its documentation.
//! - **Session**: the client gets a token, logs in, keeps the login cookie and sends both with
//!   every call; it sends heartbeats when idle, and logs in again and retries once when the
//!   platform says the token (10002) or the login (10102) expired.
//! - **Before sending**: every request is validated ([`Error::Invalid`] carries the whole
//!   report), and an endpoint above the server's API level is refused ([`Error::ApiLevelTooLow`]).
//! - **Lists**: each paged list has a `…_stream` method yielding every item, a page at a time.
//! - **Errors**: one [`Error`] type; no reply, however broken, panics; no credential appears in
//!   any error, `Debug` output or log line.
//! - **Tracing**: one `kedacom_mc.call` span per call with the operation, status and duration.
//!
//! # The token in URLs
//! For GET calls (and DELETE), the document puts `account_token` in the URL's query string
//! (`GET /api/v1/mc/meetings?account_token=…`). This client keeps it out of its own errors, `Debug`
//! output and spans, but whatever records request URLs or the bytes on the wire sees it. In
//! particular, reqwest's verbose connection logging (its `connection_verbose` setting, logging to
//! the `reqwest::connect::verbose` target at TRACE) would print it: this client never turns it on,
//! and it must stay off in production. Proxies' and servers' access logs record it as well.

mod builder;
mod client;
mod error;
mod levels;
mod login;
mod paging;
mod push;
mod reply;
mod session;
mod transport;
mod upload;

#[rustfmt::skip]
mod generated;

pub use builder::{ClientBuilder, ENV_KEY, ENV_PASSWORD, ENV_SECRET, ENV_URL, ENV_USER};
pub use client::Client;
pub use error::{Error, RawBody};
pub use paging::{Paged, DEFAULT_PAGE_SIZE};
pub use push::{ChannelEvent, Event, Events, Settled};
pub use reply::{ServerCheck, ServerIssue};

/// The typed requests, replies and validation this client sends and reads. Reading requests
/// (`models::from_json`, `models::decode`) comes with this crate's `decode` feature.
pub use kedacom_mc_models as models;
