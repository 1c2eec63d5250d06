//! `kedacom-mc`: the Kedacom meeting-management API from the command line. One subcommand per
//! operation of the spec (generated), the platform and credentials given once, globally; replies
//! printed as JSON; no credential in any output.

mod call;
mod cli;
mod completions;
mod example;
mod failure;
mod global;
mod invoke;
mod listing;
mod logging;
mod mock;
mod operation_command;
mod output;
mod parameters;
mod redact;
mod request;
mod table;
mod validate;
mod values;
mod watch;

#[rustfmt::skip]
mod generated;

use std::process::ExitCode;

use clap::error::ErrorKind;

use crate::failure::{Failure, Status};
use crate::table::Operation;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    redact::add_from_invocation(&args, global::SECRET_OPTIONS, global::SECRET_VARIABLES);
    let matches = match cli::command().try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            let text = e.render().to_string();
            let status = match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    output::print(text.trim_end());
                    Status::Success
                }
                _ => {
                    output::eprint(text.trim_end());
                    Status::Usage
                }
            };
            return status.into();
        }
    };
    let Some((name, sub)) = matches.subcommand() else { return Status::Usage.into() };
    logging::init(if name == cli::MOCK_CMD { "info" } else { "warn" });
    let result = match name {
        cli::OPERATIONS_CMD => {
            listing::run();
            Ok(Status::Success)
        }
        cli::EXAMPLE_CMD => example::run(sub),
        cli::VALIDATE_CMD => validate::run(sub),
        cli::MOCK_CMD => mock::run(sub),
        cli::WATCH_CMD => watch::run(sub),
        cli::COMPLETIONS_CMD => {
            completions::run(sub);
            Ok(Status::Success)
        }
        other => match Operation::find(other) {
            Some(op) => invoke::run(op, sub),
            None => Err(Failure::usage(format!("no operation {other}"))),
        },
    };
    match result {
        Ok(status) => status.into(),
        Err(failure) => {
            output::eprint(&format!("error: {}", failure.message));
            failure.status.into()
        }
    }
}
