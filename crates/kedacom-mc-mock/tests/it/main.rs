//! The mock platform over HTTP, as a client meets it, and its binary. One test binary for the
//! crate, so the tests are compiled and linked once.

mod common;

mod binary;
mod control;
mod decoding;
mod faults;
mod flows;
mod long_runs;
mod push_events;
mod robustness;
mod session;
mod templates;
mod validation;
