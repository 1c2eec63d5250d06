//! One subcommand per operation, built from the generated table: its help is the document's name,
//! description, method, URI and API level; its options are the operation's parameters, typed, with
//! the document's descriptions, values and limits; a JSON body comes from `--params`, an upload
//! from `--file`, and a list that pages takes `--all`.

use clap::{Arg, ArgAction, Command};
use kedacom_mc_models::wire::Place;
use kedacom_mc_models::{ParamInfo, ParamKind};

use crate::global;
use crate::parameters::{self, Source};
use crate::table::{Operation, Parameter};
use crate::values;

pub(crate) fn command(op: &'static Operation) -> Command {
    let mut cmd = Command::new(op.command).about(op.info.name).long_about(long_about(op));
    for (p, presentation) in op.parameters() {
        if let Some(arg) = parameter_arg(op, p, presentation) {
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
                        op.info.params_type.unwrap_or_default(),
                        op.command,
                        op.command
                    )),
            )
            .after_long_help(format!("Request body fields (--params):\n{}", indent(body.reference, "  ")));
    }
    if let Some(outcome) = op.info.push_outcome() {
        let waits_for = if outcome.channel.is_some() {
            "until the push service reports the outcome: exit 0 when it took effect, 1 when it failed or nothing \
             came in time"
        } else {
            "for a failure the push service reports: exit 1 when one comes in time, else 0"
        };
        cmd = cmd.arg(
            Arg::new(parameters::WAIT)
                .long(parameters::WAIT)
                .value_name("SECONDS")
                .num_args(0..=1)
                .default_missing_value(parameters::DEFAULT_WAIT)
                .value_parser(global::seconds)
                .help(format!("Wait {waits_for} [default: {}]", parameters::DEFAULT_WAIT)),
        );
    }
    if op.info.paging.is_some() {
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
    let info = op.info;
    let mut s = info.name.to_owned();
    if info.description.trim() != info.name.trim() {
        s.push_str(&format!("\n\n{}", info.description.trim()));
    }
    if let Some(note) = op.note {
        s.push_str(&format!("\n\n{}", note.trim()));
    }
    s.push_str(&format!("\n\n{} {}, API level {} and up.", info.method, info.path, info.min_api_level));
    if let Some((field, value)) = info.method_override {
        s.push_str(&format!(" With --delete-via-post it goes as POST with {field}={value}."));
    }
    if let Some(note) = op.asynchronous {
        s.push_str(&format!("\n{note}"));
    }
    for (p, presentation) in op.parameters() {
        if let Source::Credential(option) = parameters::source(info, p, presentation) {
            s.push_str(&format!("\n{} ({}): the global --{option}.", p.name, p.description.trim()));
        }
    }
    s.push_str("\nPrints the reply as JSON, fields the document does not list included.");
    s
}

fn parameter_arg(op: &Operation, p: &'static ParamInfo, presentation: &Parameter) -> Option<Arg> {
    let long = match parameters::source(op.info, p, presentation) {
        Source::Credential(_) => return None,
        Source::File => parameters::FILE.to_owned(),
        Source::Option(long) => long,
    };
    let help = p.description.trim();
    let mut long_help = vec![help.to_owned()];
    if !presentation.details.is_empty() {
        long_help.push(presentation.details.to_owned());
    }
    if let Some(default) = p.default {
        long_help.push(format!("Default: `{default}`."));
    }
    let arg = Arg::new(parameters::id(p))
        .long(long)
        .value_name(p.name.to_ascii_uppercase())
        .required(p.required)
        .help(help.to_owned());
    let arg = match (&p.kind, presentation.labels) {
        (ParamKind::Switch, Some(labels)) => {
            long_help.push(format!("0 {}, 1 {}.", labels[0], labels[1]));
            arg.value_parser(values::Switch(labels)).hide_possible_values(true)
        }
        (ParamKind::Enum(choices), _) => {
            long_help.push(format!("Accepted (English id or value): {}.", values::listed(choices)));
            arg.value_parser(values::OneOf(choices)).hide_possible_values(true)
        }
        (ParamKind::File, _) => {
            long_help.insert(0, format!("The file to upload ({}).", p.name));
            arg.value_name("PATH").value_parser(values::NonEmpty).value_hint(clap::ValueHint::FilePath)
        }
        (ParamKind::Integer, _) => arg.value_parser(values::Integer).allow_negative_numbers(true),
        _ if p.place == Place::Path => arg.value_parser(values::NonEmpty),
        _ => arg.value_parser(values::Text),
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
