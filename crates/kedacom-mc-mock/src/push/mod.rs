//! The push service (CometD, Bayeux 1.0 long polling): clients hand in their login cookie, subscribe
//! to channels, and receive what the platform publishes when its state changes.

pub(crate) mod bayeux;
mod events;
mod hub;

pub(crate) use events::{message, notice, PushEvent, PushEvents};
pub(crate) use hub::Hub;
pub use hub::PushFault;
