//! The client over loopback HTTP against the mock platform: with its typed rules where a test
//! needs the platform (or what stands in front of it) to misbehave, and as a platform. One test
//! binary for the crate, so the tests are compiled and linked once; the test that captures the
//! log runs in a process of its own (`tests/logs.rs`).

mod against_mock;
mod awaiting;
mod meeting_control;
mod push;
mod push_failures;
mod scripted;
