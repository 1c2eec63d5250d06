//! `kedacom-mc example OPERATION`: a request body to start from.

use clap::ArgMatches;

use crate::failure::{Failure, Status};
use crate::output;
use crate::table::Operation;

pub(crate) fn run(m: &ArgMatches) -> Result<Status, Failure> {
    let op = operation(m)?;
    let body = op.body.as_ref().ok_or_else(|| Failure::usage(format!("{} takes no request body", op.command)))?;
    let example = body.example.ok_or_else(|| {
        Failure::usage(format!(
            "the document gives no example for {}; its fields are in `kedacom-mc {} --help`",
            op.command, op.command
        ))
    })?;
    if !body.example_from_document {
        output::eprint(&format!(
            "the document gives no example for {}: this one holds the required fields, each with a value the rules accept",
            op.command
        ));
    }
    output::print(example);
    Ok(Status::Success)
}

/// The operation named by the `operation` argument.
pub(crate) fn operation(m: &ArgMatches) -> Result<&'static Operation, Failure> {
    let name = m.get_one::<String>("operation").map(String::as_str).unwrap_or_default();
    Operation::find(name).ok_or_else(|| Failure::usage(format!("no operation {name}")))
}
