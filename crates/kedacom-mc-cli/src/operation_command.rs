//! One subcommand per operation, built from the generated table: its help is the document's name,
//! description, method, URI and API level; its options are the operation's parameters, typed, with
//! the document's descriptions, values and limits; a JSON body comes from `--params`, an upload
//! from `--file`, and a list that pages takes `--all`.

use clap::{Arg, ArgAction, Command};

use crate::parameters::{self, Source};
use crate::table::{Kind, Operation, Parameter};
use crate::values;

pub(crate) fn command(op: &'static Operation) -> Command {
    let mut cmd = Command::new(op.command).about(op.name).long_about(long_about(op));
    for p in op.parameters {
        if let Some(arg) = parameter_arg(op, p) {
            cmd = cmd.arg(arg);
        }
    }
    if let Some(body) = &op.body {
        cmd = cmd
            .arg(
                Arg::new(parameters::PARAMS)
                    .long(parameters::PARAMS)
                    .value_name("FILE")
                    .required(body.required)
                    .value_parser(values::NonEmpty)
                    .value_hint(clap::ValueHint::FilePath)
                    .help("The request body: a JSON file (- reads standard input)")
                    .long_help(format!(
                        "The request body ({}): a JSON file, - for standard input. Its fields are listed below; \
                         `kedacom-mc example {}` prints one to start from, `kedacom-mc validate {} FILE` checks one.",
                        body.type_name, op.command, op.command
                    )),
            )
            .after_long_help(format!("Request body fields (--params):\n{}", indent(body.reference, "  ")));
    }
    if op.paged {
        cmd = cmd.arg(
            Arg::new(parameters::ALL)
                .long(parameters::ALL)
                .action(ArgAction::SetTrue)
                .help("Follow the pages and print every item as one JSON array (--count sets the page size)"),
        );
    }
    cmd
}

fn long_about(op: &Operation) -> String {
    let mut s = op.name.to_owned();
    if op.description.trim() != op.name.trim() {
        s.push_str(&format!("\n\n{}", op.description.trim()));
    }
    if let Some(note) = op.note {
        s.push_str(&format!("\n\n{}", note.trim()));
    }
    s.push_str(&format!("\n\n{} {}, API level {} and up.", op.method, op.uri, op.min_api_level));
    if op.delete_via_post {
        s.push_str(&format!(" With --delete-via-post it goes as POST with _method={}.", op.method));
    }
    if let Some(note) = op.asynchronous {
        s.push_str(&format!("\n{note}"));
    }
    for p in op.parameters {
        if let Source::Credential(option) = parameters::source(op, p) {
            s.push_str(&format!("\n{} ({}): the global --{option}.", p.wire, p.help.trim()));
        }
    }
    s.push_str("\nPrints the reply as JSON, fields the document does not list included.");
    s
}

fn parameter_arg(op: &Operation, p: &'static Parameter) -> Option<Arg> {
    let long = match parameters::source(op, p) {
        Source::Credential(_) => return None,
        Source::File => parameters::FILE.to_owned(),
        Source::Option(long) => long,
    };
    let mut long_help = vec![p.help.trim().to_owned()];
    if !p.details.is_empty() {
        long_help.push(p.details.to_owned());
    }
    let arg = Arg::new(parameters::id(p))
        .long(long)
        .value_name(p.wire.to_ascii_uppercase())
        .required(p.required)
        .help(p.help.trim().to_owned());
    let arg = match &p.kind {
        Kind::Text if p.place == kedacom_mc_models::wire::Place::Path => arg.value_parser(values::NonEmpty),
        Kind::Text => arg.value_parser(values::Text),
        Kind::Integer => arg.value_parser(values::Integer).allow_negative_numbers(true),
        Kind::Switch(labels) => {
            long_help.push(format!("0 {}, 1 {}.", labels[0], labels[1]));
            arg.value_parser(values::Switch(*labels)).hide_possible_values(true)
        }
        Kind::Enum(choices) => {
            long_help.push(format!("Accepted (English id or value): {}.", values::listed(choices)));
            arg.value_parser(values::OneOf(choices)).hide_possible_values(true)
        }
        Kind::File { .. } => {
            long_help.insert(0, format!("The file to upload ({}).", p.wire));
            arg.value_name("PATH").value_parser(values::NonEmpty).value_hint(clap::ValueHint::FilePath)
        }
    };
    let arg = if p.secret {
        arg.long_help(format!("{}\nA secret: masked in every output.", long_help.join("\n")))
    } else {
        arg.long_help(long_help.join("\n"))
    };
    Some(arg)
}

fn indent(text: &str, by: &str) -> String {
    text.lines().map(|l| format!("{by}{l}")).collect::<Vec<_>>().join("\n")
}
