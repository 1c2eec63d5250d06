//! Every operation of the endpoint table, through its subcommand, against the mock platform: each
//! succeeds with the document's example body (or the one `example` makes), the values its path
//! needs taken from what earlier calls created, and its reply printed as JSON. Nothing here names
//! an operation: endpoints added to the spec are covered as they come.

use std::collections::BTreeSet;

use crate::common::{temp_file, Mock};
use kedacom_mc_mock::samples::find_key;
use kedacom_mc_mock::Outcome;
use kedacom_mc_models::wire::Place;
use kedacom_mc_models::{EndpointInfo, Method, ParamKind, ENDPOINTS};
use serde_json::Value;

pub(crate) fn command(info: &EndpointInfo) -> String {
    info.operation.replace('_', "-")
}

/// The meeting-control calls (`vc`) need a running conference with terminals: meeting_control.rs
/// calls each of them in one.
fn carried_out(info: &&EndpointInfo) -> bool {
    info.document.source != "vc"
}

/// Creating calls first (a POST with a body and no placeholder), then the other POSTs, then the
/// reads, then the deletes, latest-defined first (a group's children before the group).
fn order() -> Vec<&'static EndpointInfo> {
    let creates = |e: &&EndpointInfo| e.method == Method::Post && e.params_type.is_some() && !e.path.contains('{');
    let mut ordered: Vec<&EndpointInfo> = ENDPOINTS.iter().copied().filter(creates).collect();
    ordered.extend(ENDPOINTS.iter().copied().filter(|e| e.method == Method::Post && !creates(e)));
    ordered.extend(ENDPOINTS.iter().copied().filter(|e| !matches!(e.method, Method::Post | Method::Delete)));
    ordered.extend(ENDPOINTS.iter().rev().copied().filter(|e| e.method == Method::Delete));
    ordered.retain(carried_out);
    ordered
}

/// A value for a path placeholder: from the reply of the POST to the collection the placeholder
/// names a member of (its own name, else `id`), else from any reply that has that key.
fn resolve(info: &EndpointInfo, name: &str, replies: &[(&'static EndpointInfo, Value)]) -> Option<String> {
    let collection = info.path.split(&format!("/{{{name}}}")).next()?;
    let created = replies.iter().filter(|(e, _)| e.method == Method::Post && e.path == collection);
    for (_, reply) in created {
        // A create reply names its new id `id`, or after the resource (`template_id`, `conf_id`).
        let own_id = reply.as_object().and_then(|m| m.keys().find(|k| k.ends_with("_id")).cloned());
        let by_own_id = || own_id.as_deref().and_then(|k| find_key(reply, k));
        if let Some(v) = find_key(reply, name).or_else(|| find_key(reply, "id")).or_else(by_own_id) {
            return Some(v);
        }
    }
    replies.iter().find_map(|(_, reply)| find_key(reply, name))
}

/// The document's examples date from 2020; whatever is booked must lie ahead.
fn ahead(v: &mut Value) {
    match v {
        Value::String(s) if s.len() >= 20 && s.as_bytes().get(10) == Some(&b'T') && s[..4].parse::<u32>().is_ok() => {
            s.replace_range(..4, "2030");
        }
        Value::Object(map) => map.values_mut().for_each(ahead),
        Value::Array(items) => items.iter_mut().for_each(ahead),
        _ => {}
    }
}

#[test]
fn every_operation_succeeds_through_its_subcommand() {
    let mock = Mock::start();
    let (_dir, upload) = temp_file("议程.txt", "项目周会议程\n".as_bytes());
    let mut replies: Vec<(&'static EndpointInfo, Value)> = Vec::new();
    let mut bodies = Vec::new();
    for info in order() {
        let cmd = command(info);
        let help = mock.cli([cmd.as_str(), "--help"]).run().success().stdout;
        // Its own options, not the global ones listed after them.
        let help = help.split("Platform options").next().unwrap_or_default().to_owned();
        let mut args = vec![cmd.clone()];
        for p in info.parameters {
            let long = format!("--{}", p.name.replace('_', "-"));
            let value = match (p.place, &p.kind) {
                (Place::Path, _) => resolve(info, p.name, &replies)
                    .unwrap_or_else(|| panic!("{cmd}: no earlier reply gives `{}`", p.name)),
                (_, ParamKind::File) => {
                    args.extend(["--file".to_owned(), upload.clone()]);
                    continue;
                }
                // Not required, or taken from the global options (the login credentials).
                _ if !p.required || !help.contains(&format!("{long} ")) => continue,
                (_, ParamKind::Integer | ParamKind::Switch) => "1".to_owned(),
                (_, ParamKind::Enum(values)) => values.first().map(|(_, id, _)| id.to_string()).unwrap_or_default(),
                _ => "项目周会".to_owned(),
            };
            args.extend([long, value]);
        }
        if info.params_type.is_some() {
            let mut body: Value = mock.cli(["example", cmd.as_str()]).run().success().json();
            ahead(&mut body);
            let (dir, path) = temp_file("params.json", body.to_string().as_bytes());
            bodies.push(dir);
            args.extend(["--params".to_owned(), path]);
        }
        let run = mock.cli(&args).run().success();
        let reply = run.json();
        assert_eq!(reply["success"], 1, "{cmd}: {reply}");
        replies.push((info, reply));
    }

    let succeeded: BTreeSet<&str> =
        mock.platform.requests().into_iter().filter(|r| r.outcome == Outcome::Success).map(|r| r.operation).collect();
    let all: BTreeSet<&str> = ENDPOINTS.iter().copied().filter(carried_out).map(|e| e.operation).collect();
    assert_eq!(succeeded, all);
    let failed: Vec<_> = mock.platform.requests().into_iter().filter(|r| r.outcome != Outcome::Success).collect();
    assert!(failed.is_empty(), "{failed:?}");
}

#[test]
fn every_subcommands_help_gives_the_documents_words() {
    for info in ENDPOINTS {
        let cmd = command(info);
        let help = crate::common::Cli::new([cmd.as_str(), "--help"]).run().success().stdout;
        // Help wraps at the terminal's width: words are compared, not line breaks.
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        let help = words(&help);
        let level = format!("API level {} and up", info.min_api_level);
        for expected in [info.name, info.description, &format!("{} {}", info.method, info.path), &level] {
            assert!(help.contains(&words(expected)), "{cmd} --help lacks {expected:?}:\n{help}");
        }
        for p in info.parameters {
            assert!(help.contains(&words(p.description)), "{cmd} --help lacks {}'s description:\n{help}", p.name);
            if let ParamKind::Enum(values) = &p.kind {
                for (wire, id, label) in *values {
                    let shown = words(&format!("{id} ({wire}) {label}"));
                    assert!(help.contains(&shown), "{cmd} --help lacks {id}:\n{help}");
                }
            }
        }
        // The short list names it too.
        let short = crate::common::Cli::new(["--help"]).run().success().stdout;
        assert!(short.lines().any(|l| l.trim_start().starts_with(&format!("{cmd} ")) && l.contains(info.name)));
    }
}
