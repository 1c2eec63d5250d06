//! Typed requests, replies and enumerations of the Kedacom meeting-management API (会管API V6.1,
//! API level 3) and its unified-login API, with validation of every rule the vendor document states.
//!
//! - Every endpoint has a request type (`…Request`: path and query parameters, and its `params`
//!   body) and a reply type (`…Reply`). Shared shapes such as [`Member`] are defined once.
//! - Enumerations are `#[non_exhaustive]` and end in `Unknown`, which keeps a value the document does
//!   not list, so a reply never fails on a new value and serializes back unchanged. `Unknown` can't be
//!   built by hand, so it never duplicates a known variant.
//! - Every object keeps the fields the document does not list in `extra`: decoding and encoding a
//!   reply gives back the same JSON. Absent fields are never sent.
//! - [`Validate::validate`] reports every broken rule at once, each with its JSON path.
//! - With the `decode` feature, requests can be read as well as written: `from_json` reads one from
//!   JSON text, type errors included, and `decode` reads a received HTTP request, as a server does.
//!
//! The generated code lives in `generated/` (written by `cargo xtask codegen`); the rest is the
//! hand-written runtime it builds on.
//!
#![doc = include_str!("../README.md")]

pub mod bayeux;
mod channel;
#[doc(hidden)]
pub mod checks;
#[cfg(feature = "decode")]
mod decode;
mod endpoint;
// Public for the exported `open_object!`, whose `JsonShape` impls call its shared code.
#[cfg(feature = "decode")]
#[doc(hidden)]
pub mod json;
#[cfg(feature = "decode")]
mod json_text;
// Public for the exported `open_object!`, whose expansion calls its shared code.
#[doc(hidden)]
pub mod object;
#[doc(hidden)]
pub mod open_enum;
// Public for the exported `open_object!`, which reaches it from other crates' generated objects.
#[doc(hidden)]
pub mod secret;
mod switch;
mod unknown;
mod upload;
pub mod validate;
pub mod wire;

#[rustfmt::skip]
mod generated;

pub use channel::{
    match_channel, ChannelError, ChannelInfo, ChannelMatch, ChannelSegment, DeleteInfo, MessageKind, NotifyInfo,
    PlaceholderFormat, PlaceholderInfo, Subscription, UpdateInfo, Wildcard,
};
#[cfg(feature = "decode")]
pub use decode::{decode, decode_unchecked, Decoded, RouteError, WireInput};
pub use endpoint::{DocumentInfo, Endpoint, EndpointInfo, OutcomeInfo, PagingInfo, ParamInfo, ParamKind, SessionNeed};
pub use generated::channels::{Notice, CHANNELS};
pub use generated::endpoints::{AnyRequest, DOCUMENTS, ENDPOINTS};
pub use generated::enums::*;
pub use generated::errors::{codes, error_message, session_expired};
pub use generated::objects::*;
pub use generated::requests::*;
#[cfg(feature = "decode")]
pub use json::{from_json, read_json, JsonRead, JsonShape};
#[cfg(feature = "decode")]
pub use json_text::count_json_values;
pub use switch::Switch;
pub use unknown::UnknownValue;
pub use upload::FileUpload;
pub use validate::{Validate, ValidationReport, Violation};
/// The fields of a reply or request body that the document does not list, kept as received so
/// that they are sent back. A `BTreeMap` whatever serde_json's features: with its `preserve_order`
/// (which any crate in a build may turn on) `serde_json::Map` becomes an `IndexMap`, three times the
/// size and hashed with a fresh seed per object, which every decoded object would pay for.
pub type Extra = std::collections::BTreeMap<String, serde_json::Value>;

pub use wire::{AccountToken, Method, PathRequestError, SessionCookie, WireOptions, WireRequest};

/// The names the platform's wire uses, from the spec's `api.yaml` and its push section.
pub mod wire_names {
    pub use crate::generated::wire::*;
}

/// Each channel of the push service by name (`channels::MIX`), as in [`CHANNELS`].
pub mod channels {
    pub use crate::generated::channels::*;
}

/// Items the generated code uses; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use crate::checks;
    #[cfg(feature = "decode")]
    pub use crate::decode::{decode_as, Parts};

    /// An enum or switch parameter as the text of its wire value (`1`, `sip`).
    pub fn wire_text(value: &dyn crate::open_enum::WireValue) -> String {
        match value.wire_json() {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        }
    }
}

/// Its input with the `decode` feature, nothing without: the exported macros wrap their decoding
/// impls in it, so that the feature of this crate decides, whichever crate expands them.
#[cfg(feature = "decode")]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_decode {
    ($($item:item)*) => { $($item)* };
}

#[cfg(not(feature = "decode"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_decode {
    ($($item:item)*) => {};
}
