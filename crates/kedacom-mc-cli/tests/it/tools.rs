//! The tools beside the operations: `operations`, `example`, `validate` (offline), `completions`,
//! and `mock`, the embedded platform as a program.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::common::{temp_file, Cli, BIN};
use kedacom_mc_models::{DOCUMENTS, ENDPOINTS};

#[test]
fn operations_lists_every_operation_with_method_uri_document_and_name() {
    let run = Cli::new(["operations"]).run().success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), ENDPOINTS.len());
    for (line, info) in lines.iter().zip(ENDPOINTS) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let command = info.operation.replace('_', "-");
        assert_eq!(words[..4], [command.as_str(), info.method.as_str(), info.path, info.document.source], "{line}");
        assert!(line.ends_with(info.name), "{line}");
    }
    // The long help says what each document column's name stands for.
    let help = Cli::new(["operations", "--help"]).run().success();
    for d in DOCUMENTS {
        let entry = format!("{}: {} {} (API level {})", d.source, d.title, d.version, d.api_level);
        assert!(help.stdout.contains(&entry), "{entry} not in: {}", help.stdout);
    }
}

#[test]
fn example_prints_a_body_that_validates_for_every_operation_with_one() {
    for info in ENDPOINTS.iter().filter(|e| e.params_type.is_some()) {
        let command = info.operation.replace('_', "-");
        let example = Cli::new(["example", command.as_str()]).run().success();
        let body = example.json();
        assert!(body.is_object(), "{command}: {body}");
        // A body the document doesn't give is made of the required fields, and says so.
        assert!(
            example.stderr.is_empty() || example.stderr.contains("the document gives no example"),
            "{}",
            example.stderr
        );
        Cli::new(["validate", info.operation, "-"]).stdin(example.stdout.clone()).run().success();
    }
    let run = Cli::new(["example", "get-resources"]).run().status(2);
    assert!(run.stderr.contains("create-conf"), "the accepted operations are listed: {}", run.stderr);
}

#[test]
fn validate_reports_every_violation_offline_with_path_and_rule() {
    let body = r#"{
        "name": "项目周会",
        "duration": -1,
        "bitrate": "fast",
        "vmp": {"mode": 1, "members": [{"member_type": 1, "chn_idx": 0}]},
        "color": "red"
    }"#;
    let (_dir, path) = temp_file("conf.json", body.as_bytes());
    // No platform anywhere: the check is offline. Kebab-case or snake_case names the operation.
    for operation in ["create-conf", "create_conf"] {
        let run =
            Cli::new(["validate", operation, path.as_str()]).env("KEDACOM_URL", "http://127.0.0.1:9").run().status(1);
        for expected in [
            "bitrate: expected an integer",
            "warning: color: not a documented field (the platform ignores it)",
            "vmp.members[0].name: required",
            "vmp.members[0].account: required",
            "video_formats: required",
        ] {
            assert!(run.stdout.lines().any(|l| l.starts_with(expected)), "{expected:?} missing:\n{}", run.stdout);
        }
        assert!(run.stderr.contains("problem(s) for create-conf"), "{}", run.stderr);
    }
    let run = Cli::new(["validate", "create-meeting-room-area", "-"]).stdin(r#"{"area": "华东"}"#).run().success();
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    // Undocumented keys alone are no error, as the platform ignores them, but each is shown: a
    // misspelled field would be ignored too.
    let body = r#"{"area": "华东", "aera": "华北", "region": {"code": 1}}"#;
    let run = Cli::new(["validate", "create-meeting-room-area", "-"]).stdin(body).run().success();
    assert_eq!(
        run.stdout.lines().collect::<Vec<_>>(),
        [
            "warning: aera: not a documented field (the platform ignores it)",
            "warning: region: not a documented field (the platform ignores it)"
        ]
    );
    assert!(
        run.stderr.contains("a valid request body") && run.stderr.contains("2 undocumented key(s)"),
        "{}",
        run.stderr
    );
    Cli::new(["validate", "create-meeting-room-area", "-"]).stdin("not json").run().status(1);
    Cli::new(["validate", "no-such-operation", "-"]).run().status(2);
    Cli::new(["validate", "list-meetings", "-"]).run().status(2);
    Cli::new(["validate", "create-conf", "/no/such/file.json"]).run().status(2);
}

#[test]
fn completions_name_the_operations_and_their_options() {
    for shell in ["bash", "zsh", "fish"] {
        let run = Cli::new(["completions", shell]).run().success();
        // Options by their long names (fish writes `-l conf-id`).
        for expected in ["create-conf", "list-meetings", "conf-id", "params", "delete-via-post"] {
            assert!(run.stdout.contains(expected), "{shell}: {expected} missing");
        }
    }
}

#[test]
fn mock_prints_export_lines_and_serves_until_stopped() {
    let mut child = Command::new(BIN)
        .args(["mock", "--port", "0"])
        .env_remove("KEDACOM_SECRET")
        .env_remove("KEDACOM_PASSWORD")
        .env_remove("KEDACOM_KEY")
        .env_remove("KEDACOM_USER")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut exports = Vec::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while exports.len() < 5 {
        let Some(Ok(line)) = lines.next() else { break };
        exports.push(line);
    }
    let vars: Vec<(String, String)> = exports
        .iter()
        .filter_map(|l| l.strip_prefix("export ")?.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.trim_matches('\'').to_owned()))
        .collect();
    let names: Vec<&str> = vars.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        ["KEDACOM_URL", "KEDACOM_KEY", "KEDACOM_SECRET", "KEDACOM_USER", "KEDACOM_PASSWORD"],
        "{exports:?}"
    );
    assert!(vars[0].1.starts_with("http://127.0.0.1:"), "{exports:?}");
    let cli = vars.iter().fold(Cli::new(["get-resources"]), |c, (k, v)| c.env(k, v));
    let run = cli.run();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(run.success().json()["success"], 1);
}
