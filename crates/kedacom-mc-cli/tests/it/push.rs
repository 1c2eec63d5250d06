//! The push service from the command line: `watch` prints events as JSON lines, and an
//! asynchronous subcommand's `--wait` exits by the outcome the push service reports. Deadlines only
//! guard against a hang; nothing is timed.

use std::time::{Duration, Instant};

use crate::common::{Mock, Running};
use kedacom_mc_mock::{codes, samples, MockPlatform};
use kedacom_mc_models::{error_message, MtIdParams};
use serde_json::{json, Value};

const GUARD: Duration = Duration::from_secs(60);

/// Waits until the mock holds `n` subscriptions, so that what happens next is delivered.
fn subscribed(mock: &Mock, watch: &mut Running, n: usize) {
    let deadline = Instant::now() + GUARD;
    while mock.platform.push_subscriptions().len() < n {
        assert!(watch.running(), "watch ended before it subscribed");
        assert!(Instant::now() < deadline, "watch never subscribed");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn lines(stdout: &str) -> Vec<Value> {
    stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}"))).collect()
}

fn conference(mock: &Mock, name: &str) -> String {
    mock.platform.seed_conference(samples::create_conf_params(name, 60)).unwrap().conf_id
}

#[test]
fn watch_prints_each_event_of_the_channels_as_a_json_line() {
    let mock = Mock::start();
    let mut watch = mock.cli(["watch", "--count", "2", "/confs/*"]).spawn();
    subscribed(&mock, &mut watch, 1);
    let conf = mock
        .cli(["create-conf", "--params", "-"])
        .stdin(serde_json::to_string(&samples::create_conf_params("看会", 60)).unwrap());
    let conf = conf.run().success().json()["conf_id"].as_str().unwrap().to_owned();
    mock.cli(["end-conf", "--conf-id", &conf]).run().success();

    let run = watch.finish().success();
    let events = lines(&run.stdout);
    let domain = mock.platform.user_domain_id();
    let channel = format!("/userdomains/{domain}/confs/{conf}");
    assert_eq!(
        events,
        [
            json!({"channel": channel, "method": "update", "values": {"domain_id": domain, "conf_id": conf}}),
            json!({"channel": channel, "method": "delete", "values": {"domain_id": domain, "conf_id": conf}}),
        ]
    );
}

#[test]
fn watch_shows_a_failure_with_its_code_meaning_and_message() {
    let mock = Mock::with(MockPlatform::builder().unreachable_mt("0512110000009"));
    let conf = conference(&mock, "不可达");
    let mut watch = mock.cli(["watch", "--count", "1", &format!("/confs/{conf}/mts")]).spawn();
    subscribed(&mock, &mut watch, 1);
    let body = json!({"mts": [samples::new_mt("0512110000009")]}).to_string();
    mock.cli(["add-mts", "--conf-id", &conf, "--params", "-"]).stdin(body).run().success();

    let run = watch.finish().success();
    let events = lines(&run.stdout);
    assert_eq!(events.len(), 1, "{}", run.stdout);
    let e = &events[0];
    assert_eq!((&e["method"], &e["error_code"]), (&json!("notify"), &json!(codes::MT_UNREACHABLE)));
    assert_eq!(e["meaning"], json!(error_message(codes::MT_UNREACHABLE)));
    assert_eq!(e["message"]["mt"]["account"], "0512110000009", "{e}");
}

#[test]
fn add_mts_waits_until_the_terminals_are_online() {
    // Terminals answer only after a while, as on a platform.
    let mock = Mock::with(MockPlatform::builder().mt_online_delay(Duration::from_millis(300)));
    let conf = conference(&mock, "等待上线");
    let body = json!({"mts": [samples::new_mt("0512110000001"), samples::new_mt("0512110000002")]}).to_string();
    let run = mock.cli(["add-mts", "--conf-id", &conf, "--params", "-", "--wait", "60"]).stdin(body).run().success();
    assert_eq!(run.json()["mts"].as_array().unwrap().len(), 2);
    assert!(run.stderr.contains("done"), "{}", run.stderr);
    // Exit 0 means online, without polling.
    let listed = mock.cli(["list-mts", "--conf-id", &conf]).run().success().json();
    assert!(listed["mts"].as_array().unwrap().iter().all(|m| m["online"] == 1), "{listed}");
}

#[test]
fn add_mts_wait_exits_1_with_the_failures_code_and_meaning() {
    let mock = Mock::with(MockPlatform::builder().unreachable_mt("0512110000009"));
    let conf = conference(&mock, "失败");
    let body = json!({"mts": [samples::new_mt("0512110000009")]}).to_string();
    let run = mock.cli(["add-mts", "--conf-id", &conf, "--params", "-", "--wait"]).stdin(body).run().status(1);
    assert!(run.stderr.contains(&codes::MT_UNREACHABLE.to_string()), "{}", run.stderr);
    assert!(run.stderr.contains(error_message(codes::MT_UNREACHABLE).unwrap()), "{}", run.stderr);
}

#[test]
fn wait_is_offered_only_where_the_push_service_reports_an_outcome() {
    let mock = Mock::start();
    let conf = conference(&mock, "同步");
    let body = serde_json::to_string(&MtIdParams::new().mt_id("1")).unwrap();
    // Setting the speaker is synchronous: the option does not exist.
    let run = mock.cli(["set-speaker", "--conf-id", &conf, "--params", "-", "--wait"]).stdin(body).run().status(2);
    assert!(run.stderr.contains("--wait"), "{}", run.stderr);
    let help = mock.cli(["add-mts", "--help"]).run().success();
    assert!(help.stdout.contains("--wait"), "{}", help.stdout);
    // A check carries nothing out: nothing to wait for.
    let body = json!({"mts": [samples::new_mt("0512110000001")]}).to_string();
    let run = mock
        .cli(["add-mts", "--conf-id", &conf, "--params", "-", "--wait", "--server-check"])
        .stdin(body)
        .run()
        .status(2);
    assert!(run.stderr.contains("--server-check"), "{}", run.stderr);
}
