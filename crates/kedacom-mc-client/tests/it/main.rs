//! The client over loopback HTTP: against a scripted server that answers what each test says, and
//! against the mock platform. One test binary for the crate, so the tests are compiled and linked
//! once; the test that captures the log runs in a process of its own (`tests/logs.rs`).

mod server;

mod against_mock;
mod scripted;
