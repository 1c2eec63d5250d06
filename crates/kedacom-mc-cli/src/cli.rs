//! The whole command line: the global options, one subcommand per operation, and the tools
//! (`operations`, `example`, `validate`, `mock`, `completions`).

use clap::builder::PossibleValue;
use clap::{Arg, Command};
use kedacom_mc_models::{CreateConfRequest, Endpoint};

use crate::table::OPERATIONS;
use crate::{global, listing, operation_command, watch};

pub(crate) const BIN: &str = "kedacom-mc";
pub(crate) const OPERATIONS_CMD: &str = "operations";
pub(crate) const EXAMPLE_CMD: &str = "example";
pub(crate) const VALIDATE_CMD: &str = "validate";
pub(crate) const MOCK_CMD: &str = "mock";
pub(crate) const COMPLETIONS_CMD: &str = "completions";
pub(crate) const WATCH_CMD: &str = "watch";

pub(crate) fn command() -> Command {
    let mut root = Command::new(BIN)
        .version(env!("CARGO_PKG_VERSION"))
        .about("The Kedacom meeting-management API (会管API) from the command line")
        .long_about(
            "The Kedacom meeting-management API (会管API) from the command line: one subcommand per operation \
             of the document, its options the operation's parameters, its reply printed as JSON.\n\n\
             Give the platform and the credentials once, as options or in the environment (KEDACOM_URL, \
             KEDACOM_KEY, KEDACOM_SECRET, KEDACOM_USER, KEDACOM_PASSWORD); `kedacom-mc mock` runs a platform \
             to try it on and prints them.\n\n\
             Exit status: 0 success; 1 an API error, an invalid request, a problem the check found, or an \
             asynchronous operation that failed or reported nothing in time (--wait); 2 a usage \
             error; 3 a transport failure, a timeout or a reply that can't be read.",
        )
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand_help_heading("Operations and tools")
        .args(global::args());
    for op in OPERATIONS {
        root = root.subcommand(operation_command::command(op));
    }
    root.subcommands(tools())
}

fn tools() -> Vec<Command> {
    vec![
        Command::new(OPERATIONS_CMD)
            .about("List every operation with its method, URI, document and name")
            .long_about(listing::about()),
        Command::new(EXAMPLE_CMD)
            .about("Print a request body (--params) to start from: the document's example")
            .arg(body_operation()),
        Command::new(VALIDATE_CMD)
            .about("Check a request body (--params) offline, printing every violation with its JSON path and rule")
            .arg(body_operation())
            .arg(
                Arg::new("file")
                    .value_name("FILE")
                    .required(true)
                    .value_hint(clap::ValueHint::FilePath)
                    .help("The JSON file (- reads standard input)"),
            ),
        Command::new(MOCK_CMD)
            .about("Run the embedded mock platform; print its URL and test credentials as shell export lines")
            .long_about(
                "Run the embedded mock platform, an in-memory platform that keeps the document's rules, until \
                 interrupted. Standard output gets its URL and test credentials as export lines for a shell to \
                 eval; each request is logged on standard error. The credentials it accepts are the global \
                 ones when given, else key mock-key, secret mock-secret, user admin, password admin123.",
            )
            .arg(
                Arg::new("port")
                    .long("port")
                    .value_name("N")
                    .default_value("0")
                    .value_parser(clap::value_parser!(u16))
                    .help("Port to listen on; 0 picks a free one"),
            )
            .arg(
                Arg::new("host")
                    .long("host")
                    .value_name("ADDRESS")
                    .default_value("127.0.0.1")
                    .value_parser(clap::value_parser!(std::net::IpAddr))
                    .help("Address to listen on"),
            ),
        watch::command(WATCH_CMD),
        Command::new(COMPLETIONS_CMD).about("Print the completion script for a shell").arg(
            Arg::new("shell")
                .value_name("SHELL")
                .required(true)
                .value_parser(clap::value_parser!(clap_complete::Shell)),
        ),
    ]
}

/// An operation that takes a request body, by subcommand or id.
fn body_operation() -> Arg {
    let help = OPERATIONS.iter().find(|o| o.info == CreateConfRequest::INFO).map_or_else(
        || "The operation, as its subcommand or id".to_owned(),
        |e| format!("The operation, as its subcommand ({}) or id ({})", e.command, e.info.operation),
    );
    let names = OPERATIONS
        .iter()
        .filter(|o| o.body.is_some())
        .map(|o| PossibleValue::new(o.command).alias(o.info.operation).help(o.info.name));
    Arg::new("operation")
        .value_name("OPERATION")
        .required(true)
        .value_parser(clap::builder::PossibleValuesParser::new(names))
        .help(help)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_well_formed() {
        super::command().debug_assert();
    }
}
