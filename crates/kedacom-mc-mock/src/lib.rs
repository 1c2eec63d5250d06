//! An in-memory Kedacom meeting-management platform (会管API V6.1, the conference templates of its
//! V6.0 edition, the meeting-control API 会控API V6.0, and the unified-login API) served over HTTP,
//! for testing integrations against.
//!
//! It reads every request through the models' endpoint table (`kedacom_mc_models::decode`), so it
//! understands exactly what the SDK's client sends, and it enforces what the platform enforces:
//! the token and login-cookie rules with their idle timeout, every documented parameter rule, the
//! documented limits, each with the platform's error code (see [`codes`]). Replies come with HTTP
//! 200 in the platform's shapes; `?debug=1` checks a request without carrying it out.
#![doc = include_str!("../README.md")]

mod clock;
pub mod codes;
mod config;
mod debug_report;
mod dispatch;
mod download;
mod endpoint;
mod error;
mod faults;
#[rustfmt::skip]
mod generated;
mod handlers;
mod limits;
mod log;
mod paging;
mod platform;
mod push;
mod reply;
mod rules;
pub mod samples;
mod server;
mod session;
mod shared;
mod state;
mod stored_lists;
mod timer;

pub use config::{
    Config, Credentials, VersionInfo, CREDENTIAL_VARS, DEFAULT_KEY, DEFAULT_MAX_FIELDS, DEFAULT_MAX_FORM_BYTES,
    DEFAULT_MAX_PARAMS_VALUES, DEFAULT_MT_ONLINE_DELAY, DEFAULT_PASSWORD, DEFAULT_SECRET, DEFAULT_USER,
};
pub use endpoint::Mocked;
pub use error::PlatformError;
pub use faults::{parse_duration, Fault, FaultError, FaultKind};
pub use handlers::CreatedConf;
pub use log::{Outcome, RecordedRequest};
pub use platform::{MockPlatform, MockPlatformBuilder};
pub use push::PushFault;
pub use rules::{Call, IntoReply, On, Reply, Rule, RuleId};
pub use stored_lists::MAX_LIST_ITEMS;
