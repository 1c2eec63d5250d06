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
//!
//! The generated code lives in `generated/` (written by `cargo xtask codegen`); the rest is the
//! hand-written runtime it builds on.
//!
#![doc = include_str!("../README.md")]

mod object;
#[doc(hidden)]
pub mod open_enum;
mod secret;
mod switch;
mod unknown;
mod upload;
pub mod validate;

#[rustfmt::skip]
mod generated;

pub use generated::enums::*;
pub use generated::errors::error_message;
pub use generated::objects::*;
pub use generated::requests::*;
pub use switch::Switch;
pub use unknown::UnknownValue;
pub use upload::FileUpload;
pub use validate::{from_json, Validate, ValidationReport, Violation};

/// Everything a request needs to know of its endpoint, and nothing of HTTP.
pub trait Endpoint {
    /// The reply type of this endpoint.
    type Reply;
    /// `GET`, `POST` or `DELETE`.
    const METHOD: &'static str;
    /// The URI with `{placeholders}`, as the document writes it.
    const PATH: &'static str;
    /// The lowest API level that has this endpoint.
    const MIN_API_LEVEL: u32;
    /// The document's name for the endpoint.
    const NAME: &'static str;

    /// The URI with placeholders filled in (percent-encoded).
    fn path(&self) -> String;
    /// Query (GET, DELETE) or form (POST) parameters other than the session token and `params`.
    fn parameters(&self) -> Vec<(&'static str, String)>;
    /// The `params` JSON body, when the endpoint takes one.
    fn params_json(&self) -> Option<serde_json::Value>;
}

/// Percent-encodes one path segment.
#[doc(hidden)]
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
