//! The built `kedacom-mc`, run as a program against the mock platform or a stand-in. One test
//! binary for the crate, so the tests are compiled and linked once.

mod common;

mod every_operation;
mod exit_status;
mod meeting_control;
mod options;
mod push;
mod replies;
mod secrets;
mod tools;
mod walkthrough;
