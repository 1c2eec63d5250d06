//! No credential in any output: not the API secret, the password, the session token or the login
//! cookie, on standard output or standard error, in replies, errors or log lines, with
//! `RUST_LOG=trace`, whatever the call and however it ends.

use std::sync::{Arc, Mutex};

use crate::common::{temp_file, Cli, Mock, Run};
use kedacom_mc_mock::{samples, Credentials, Fault, MockPlatform, Outcome, Reply};
use kedacom_mc_models::{EndConfRequest, GetResourcesRequest, ListMeetingsRequest, TokenHeartbeatRequest};
use serde_json::json;

const SECRET: &str = "secret-7d2e9f";
const PASSWORD: &str = "password-51b8a0";

fn credentials() -> Credentials {
    Credentials {
        key: "key-3c9a".into(),
        secret: SECRET.into(),
        username: "operator".into(),
        password: PASSWORD.into(),
    }
}

fn assert_clean(run: &Run, secrets: &[&str]) {
    let out = run.all_output();
    for s in secrets {
        assert!(!out.contains(s), "kedacom-mc {} shows {s}:\n{out}", run.args.join(" "));
    }
}

#[test]
fn no_credential_in_any_output_against_the_mock_with_trace_logging() {
    let mock = Mock::with(MockPlatform::builder().credentials(credentials()));
    let conf = mock.platform.seed_conference(samples::create_conf_params("周会", 60)).unwrap();
    let area = mock.platform.seed_meeting_room_area("华东").unwrap();
    let body = serde_json::to_string(&samples::create_conf_params("评审会", 30)).unwrap();
    let (_dir, params) = temp_file("conf.json", body.as_bytes());
    let (_dir2, upload) = temp_file("议程.txt", b"agenda");
    let runs: Vec<Vec<&str>> = vec![
        vec!["get-token"],
        vec!["login"],
        vec!["token-heartbeat"],
        vec!["user-heartbeat"],
        vec!["list-meetings", "--all", "--count", "1"],
        vec!["get-meeting", "--meeting-id", &conf.meeting_id],
        vec!["create-conf", "--params", &params],
        vec!["create-conf", "--params", &params, "--server-check"],
        vec!["upload-meeting-file", "--meeting-id", &conf.meeting_id, "--file", &upload],
        vec!["delete-meeting-room-area", "--id", &area, "--delete-via-post"],
        vec!["end-conf", "--conf-id", "no-such-conf"],
        vec!["get-resources", "--password", "wrong-password-1"],
    ];
    for args in runs {
        let run = mock.cli(args).env("RUST_LOG", "trace").run();
        assert!(matches!(run.code, Some(0 | 1)), "{run:?}");
        assert!(run.stderr.contains("kedacom_mc.call"), "trace logging is on: {}", run.stderr);
        assert_clean(&run, &[SECRET, PASSWORD, "wrong-password-1"]);
    }
    // Logs of the HTTP libraries stay off even when asked for by name.
    let run = mock
        .cli(["list-platforms"])
        .env("RUST_LOG", "trace,hyper=trace,reqwest=trace,hyper_util=trace")
        .run()
        .success();
    assert_clean(&run, &[SECRET, PASSWORD]);
    // Failures carry no credential either.
    mock.platform.inject(Fault::bad_gateway().on::<GetResourcesRequest>());
    let run = mock.cli(["get-resources"]).env("RUST_LOG", "trace").run().status(3);
    assert_clean(&run, &[SECRET, PASSWORD]);
}

#[test]
fn the_session_token_and_cookie_never_show_even_when_a_reply_echoes_them() {
    let mock = Mock::with(MockPlatform::builder().credentials(credentials()));
    // Every session credential the echoing calls carried, as the platform saw them.
    let sent: Arc<Mutex<Vec<String>>> = Arc::default();
    let echo = |sent: Arc<Mutex<Vec<String>>>| {
        move |token: Option<&str>, cookie: Option<&str>| {
            let (token, cookie) = (token.unwrap_or_default(), cookie.unwrap_or_default());
            sent.lock().unwrap().extend([token.to_owned(), cookie.to_owned()]);
            Reply::json(&json!({"success": 1, "resources": [], "echo": token, "cookie": cookie}))
        }
    };
    let (a, b, c) = (echo(sent.clone()), echo(sent.clone()), echo(sent.clone()));
    mock.platform.on::<GetResourcesRequest>().reply_with(move |call| a(call.token, call.cookie));
    mock.platform.on::<ListMeetingsRequest>().reply_with(move |call| b(call.token, call.cookie));
    mock.platform.on::<EndConfRequest>().reply_with(move |call| c(call.token, call.cookie));
    let cli = |args: &[&str]| mock.cli(args.iter().copied()).env("RUST_LOG", "trace");
    for args in [&["get-resources"][..], &["list-meetings"], &["end-conf", "--conf-id", "1"]] {
        let run = cli(args).run().success();
        let sent = sent.lock().unwrap().clone();
        let echoed: Vec<&str> = sent.iter().map(String::as_str).collect();
        assert_clean(&run, &[&echoed[..], &[SECRET, PASSWORD]].concat());
    }
    assert_eq!(sent.lock().unwrap().len(), 6, "each call carried its token and cookie");
    let echoed = cli(&["get-resources"]).run().success().json();
    assert_eq!((echoed["echo"].as_str(), echoed["cookie"].as_str()), (Some("***"), Some("***")));
    // The token a call gets is shown masked too.
    let token = cli(&["get-token"]).run().success().json();
    assert_eq!(token["account_token"].as_str(), Some("***"));
    // The token was sent all along: in a GET's query and a heartbeat's path, where the platform
    // found it (the heartbeat succeeds only with a live token).
    cli(&["token-heartbeat"]).run().success();
    assert!(mock.platform.requests_for::<ListMeetingsRequest>().iter().all(|r| r.token_present));
    let beat = &mock.platform.requests_for::<TokenHeartbeatRequest>()[0];
    assert!(beat.token_present && beat.outcome == Outcome::Success, "{beat:?}");
}

#[test]
fn usage_errors_do_not_show_secrets_given_on_the_command_line_or_in_the_environment() {
    let run = Cli::new(["--secret", "cli-secret-9f8e", "--password=cli-password-7a6b", "--bogus", "cli-secret-9f8e"])
        .run()
        .status(2);
    assert_clean(&run, &["cli-secret-9f8e", "cli-password-7a6b"]);
    let run = Cli::new(["list-meetings", "--count", "env-password-5c4d"])
        .env("KEDACOM_PASSWORD", "env-password-5c4d")
        .run()
        .status(2);
    assert!(run.stderr.contains("***"), "{}", run.stderr);
    assert_clean(&run, &["env-password-5c4d"]);
    let help = Cli::new(["get-resources", "--help"]).env("KEDACOM_SECRET", "env-secret-3b2a").run().success();
    assert_clean(&help, &["env-secret-3b2a"]);
}
