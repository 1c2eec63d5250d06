//! Running an operation's subcommand: build and check the request, call the platform, print what
//! came back.

use clap::ArgMatches;

use crate::call::{Mode, Output};
use crate::failure::{Failure, Status};
use crate::generated::dispatch;
use crate::global::{self, Settings};
use crate::table::Operation;
use crate::{output, parameters, redact, request};

pub(crate) fn run(op: &'static Operation, m: &ArgMatches) -> Result<Status, Failure> {
    let settings = Settings::masked(m);
    let all = op.info.paging.is_some() && m.get_flag(parameters::ALL);
    let wait = op.info.push_outcome().and_then(|_| m.get_one::<std::time::Duration>(parameters::WAIT).copied());
    let mode = match (settings.server_check, all, wait) {
        (true, true, _) => {
            return Err(Failure::usage("--server-check checks one request; it can't follow pages (--all)"))
        }
        (true, _, Some(_)) => {
            return Err(Failure::usage("--server-check carries nothing out, so there is no outcome to --wait for"))
        }
        (true, false, None) => Mode::Check,
        (false, true, _) => Mode::All,
        (false, false, Some(timeout)) => Mode::Wait(timeout),
        (false, false, None) => Mode::Send,
    };
    // The request is checked before anything else, so a wrong one is reported even offline.
    let request = request::build(op, m, &settings)?;
    let client = settings.client()?;
    let result = global::runtime()?.block_on(dispatch::send(&client, request, mode));
    redact::add_session(&client);
    match result? {
        Output::Reply(reply) => output::print(&output::json(&reply)),
        Output::Settled { reply, confirmed } => {
            output::print(&output::json(&reply));
            if confirmed.is_empty() {
                output::eprint(&format!("{}: no failure reported", op.info.operation));
            } else {
                output::eprint(&format!("{}: done, as {} reported", op.info.operation, confirmed.join(", ")));
            }
        }
        Output::Items(items) => output::print(&output::json(&serde_json::Value::Array(items))),
        Output::Check(check) if check.report.is_null() => {
            output::eprint(&format!(
                "{}: no check report came back; the platform may not check {} requests",
                op.info.operation, op.info.method
            ));
        }
        Output::Check(check) => {
            output::print(&output::json(&check.report));
            if !check.passed() {
                let lines: Vec<String> = check.issues.iter().map(|i| format!("  {i}")).collect();
                return Err(Failure::rejected(format!(
                    "{}: the platform's check found {} problem(s):\n{}",
                    op.info.operation,
                    check.issues.len(),
                    lines.join("\n")
                )));
            }
        }
    }
    Ok(Status::Success)
}
