//! Each exit status and what goes with it: 0 and the reply on standard output; 1 for an API error
//! (with the document's meaning of its code), an invalid request (every violation) or a problem the
//! platform's check found; 2 for usage errors (listing what is accepted); 3 for transport failures,
//! timeouts and replies that can't be read.

mod common;

use common::fake::Fake;
use common::{temp_file, Cli, Mock};
use kedacom_mc_mock::{samples, Fault, Outcome};

#[test]
fn success_is_0_with_the_reply_as_json() {
    let mock = Mock::start();
    let run = mock.cli(["get-resources"]).run().success();
    assert_eq!(run.json()["success"], 1);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn an_api_error_is_1_with_its_code_and_documented_meaning() {
    let mock = Mock::start();
    let run = mock.cli(["end-conf", "--conf-id", "999"]).run().status(1);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let meaning = kedacom_mc_models::error_message(27508).unwrap();
    assert!(run.stderr.contains("27508") && run.stderr.contains(meaning), "{}", run.stderr);
}

#[test]
fn an_invalid_request_is_1_with_every_violation_and_is_not_sent() {
    let mock = Mock::start();
    let body = r#"{"name": "项目周会", "duration": "long", "create_type": 1, "bogus": 1}"#;
    let (_dir, path) = temp_file("conf.json", body.as_bytes());
    let run = mock.cli(["create-conf", "--params", &path]).run().status(1);
    for expected in
        ["duration: expected", "bogus: not a documented field", "bitrate: required", "video_formats: required"]
    {
        assert!(run.stderr.contains(expected), "{expected:?} missing:\n{}", run.stderr);
    }
    // Query parameters are checked by the same rules.
    let run = mock.cli(["list-meetings", "--start-time", "yesterday"]).run().status(1);
    assert!(run.stderr.contains("start_time: not an ISO 8601 date-time"), "{}", run.stderr);
    assert!(mock.platform.requests_for("create_conf").is_empty());
    assert!(mock.platform.requests_for("list_meetings").is_empty());
    // Every rule the platform applies is the spec's, so it is checked here too.
    let run = mock.cli(["list-meetings", "--start", "-1"]).run().status(1);
    assert!(run.stderr.contains("start: outside 0.."), "{}", run.stderr);
    assert!(mock.platform.requests_for("list_meetings").is_empty());
}

#[test]
fn a_problem_the_platforms_check_finds_is_1_with_its_report() {
    // A platform may find what the document does not say (the mock applies the document's rules
    // only, as the CLI does, so a stand-in reports it).
    let fake = Fake::start(r#"{"success":1,"dubug_list":{"duration":"会议时长超出平台允许的范围"}}"#);
    let fine = serde_json::to_string(&samples::create_conf_params("评审会", 60)).unwrap();
    let (_dir, fine) = temp_file("conf.json", fine.as_bytes());
    let run = Cli::new(["create-conf", "--params", &fine, "--server-check"])
        .env("KEDACOM_URL", &fake.url)
        .env("KEDACOM_KEY", "key-1")
        .env("KEDACOM_SECRET", "secret-fake-1")
        .env("KEDACOM_USER", "admin")
        .env("KEDACOM_PASSWORD", "password-fake-1")
        .run()
        .status(1);
    assert!(run.json()["duration"].is_string(), "{}", run.stdout);
    assert!(run.stderr.contains("duration: "), "{}", run.stderr);
    // The check carries nothing out.
    let mock = Mock::start();
    mock.cli(["--server-check", "create-conf", "--params", &fine]).run().success();
    let calls = mock.platform.requests_for("create_conf");
    assert_eq!(calls.iter().map(|r| &r.outcome).collect::<Vec<_>>(), [&Outcome::Checked]);
    assert!(mock.cli(["list-meetings"]).run().success().json()["total"] == 0);
    // A GET comes back without a report: said so, and not an error.
    let run = mock.cli(["get-resources", "--server-check"]).run().success();
    assert!(run.stdout.is_empty() && run.stderr.contains("no check report"), "{run:?}");
}

#[test]
fn usage_errors_are_2() {
    let mock = Mock::start();
    let cases: &[&[&str]] = &[
        &[],
        &["no-such-operation"],
        &["get-meeting"],                          // a required parameter missing
        &["get-meeting", "--meeting-id", ""],      // an empty path placeholder
        &["list-meetings", "--count", "ten"],      // not an integer
        &["list-meetings", "--state", "finished"], // not one of the values
        &["get-resources", "--all"],               // not a list that pages
        &["list-meetings", "--all", "--server-check"],
        &["create-conf", "--params", "/no/such/file.json"],
        &["upload-meeting-file", "--meeting-id", "m", "--file", "/no/such/file.txt"],
        &["--timeout", "0", "get-resources"],
        &["completions", "tcsh"],
    ];
    for args in cases {
        let run = mock.cli(args.iter().copied()).run().status(2);
        assert!(run.stdout.is_empty() || args.is_empty(), "{run:?}");
        assert!(!run.stderr.is_empty(), "{run:?}");
    }
    let run = mock.cli(["list-meetings", "--state", "finished"]).run();
    assert!(run.stderr.contains("booked (1) 预约") && run.stderr.contains("rejected (7)"), "{}", run.stderr);
    // No platform given at all.
    let run = Cli::new(["get-resources"]).run().status(2);
    assert!(
        run.stderr.contains("--url (KEDACOM_URL)") && run.stderr.contains("--password (KEDACOM_PASSWORD)"),
        "{}",
        run.stderr
    );
}

#[test]
fn transport_failures_timeouts_and_broken_replies_are_3() {
    let mock = Mock::start();
    // A closed port.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let run = mock.cli(["--url", &format!("http://127.0.0.1:{closed}"), "get-resources"]).run().status(3);
    assert!(run.stderr.contains("transport failure"), "{}", run.stderr);

    mock.platform.inject(Fault::bad_gateway().on("list_platforms")).unwrap();
    let run = mock.cli(["list-platforms"]).run().status(3);
    assert!(run.stderr.contains("502"), "{}", run.stderr);

    mock.platform.inject(Fault::truncated_json().on("get_resources")).unwrap();
    let run = mock.cli(["get-resources"]).run().status(3);
    assert!(run.stderr.contains("undecodable reply"), "{}", run.stderr);

    mock.platform.inject(Fault::delay(std::time::Duration::from_secs(3)).on("list_meetings")).unwrap();
    let run = mock.cli(["list-meetings", "--timeout", "0.3"]).run().status(3);
    assert!(run.stderr.contains("no reply within"), "{}", run.stderr);
}
