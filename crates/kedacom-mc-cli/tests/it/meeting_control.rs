//! Meeting control (会控API) from the command line against the mock platform: an integrator's day,
//! typed as a user would type it, and every meeting-control operation through its subcommand
//! with the document's example body.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::common::{temp_file, Mock};
use crate::every_operation::command;
use kedacom_mc_mock::{codes, samples, MockPlatform, Outcome};
use kedacom_mc_models::wire::Place;
use kedacom_mc_models::{EndpointInfo, ParamKind};
use serde_json::{json, Value};

#[test]
fn an_integrators_day() {
    // Terminals answer after the mock's default delay, as on a platform.
    let mock = Mock::start();
    let run = |args: &[&str]| mock.cli(args.iter().copied()).run();
    let with = |args: &[&str], body: Value| mock.cli(args.iter().copied()).stdin(body.to_string()).run();

    // 1. kedacom-mc create-conf --params conf.json
    let conf = serde_json::to_string(&samples::create_conf_params("项目周会", 60)).unwrap();
    let (_dir, conf_json) = temp_file("conf.json", conf.as_bytes());
    let created = run(&["create-conf", "--params", &conf_json]).success().json();
    let conf = created["conf_id"].as_str().unwrap().to_owned();
    let c = conf.as_str();

    // 2. kedacom-mc add-mts --conf-id C --params - --wait   (two terminals, until both are online)
    let mt = |account: &str| json!({"account": account, "account_type": 5, "bitrate": 2048, "protocol": 0});
    let added = with(
        &["add-mts", "--conf-id", c, "--params", "-", "--wait", "60"],
        json!({"mts": [mt("0512110000001"), mt("0512110000002")]}),
    );
    let added = added.success().json();
    let ids: Vec<String> = added["mts"].as_array().unwrap().iter().map(|m| m["mt_id"].to_string()).collect();
    let (shanghai, beijing) = (ids[0].as_str(), ids[1].as_str());

    // 3. set-speaker and set-chairman
    with(&["set-speaker", "--conf-id", c, "--params", "-"], json!({"mt_id": shanghai})).success();
    with(&["set-chairman", "--conf-id", c, "--params", "-"], json!({"mt_id": beijing})).success();

    // 4. start-vmp: the two side by side
    let vmp = json!({
        "mode": 1, "layout": 2, "broadcast": 1, "voice_hint": 0, "show_mt_name": 1,
        "members": [
            {"chn_idx": 0, "member_type": 1, "mt_id": shanghai},
            {"chn_idx": 1, "member_type": 1, "mt_id": beijing}
        ]
    });
    with(&["start-vmp", "--conf-id", c, "--params", "-"], vmp).success();

    // 5. set-mt-mute on the chairman
    with(&["set-mt-mute", "--conf-id", c, "--mt-id", beijing, "--params", "-"], json!({"value": 1})).success();

    // 6. list-mts, get-speaker, get-chairman, get-vmp
    let listed = run(&["list-mts", "--conf-id", c]).success().json();
    let mts = listed["mts"].as_array().unwrap();
    let by_id = |id: &str| mts.iter().find(|m| m["mt_id"] == id).unwrap();
    for (id, mute) in [(shanghai, 0), (beijing, 1)] {
        let m = by_id(id);
        assert_eq!(
            (&m["online"], &m["vmp"], &m["mute"], &m["silence"]),
            (&json!(1), &json!(1), &json!(mute), &json!(0)),
            "{m}"
        );
    }
    assert_eq!(run(&["get-speaker", "--conf-id", c]).success().json()["mt_id"], shanghai);
    assert_eq!(run(&["get-chairman", "--conf-id", c]).success().json()["mt_id"], beijing);
    let shown = run(&["get-vmp", "--conf-id", c, "--vmp-id", "1"]).success().json();
    assert_eq!(shown["members"][1]["account"], "0512110000002");

    // 7. hang-up-mts: the speaker leaves
    with(&["hang-up-mts", "--conf-id", c, "--params", "-"], json!({"mts": [{"mt_id": shanghai}]})).success();
    assert_eq!(run(&["get-mt", "--conf-id", c, "--mt-id", shanghai]).success().json()["online"], 0);

    // 8. stop-vmp
    run(&["stop-vmp", "--conf-id", c, "--vmp-id", "1"]).success();

    // 9. end-conf; then meeting control no longer knows the conference
    run(&["end-conf", "--conf-id", c]).success();
    let gone = run(&["list-mts", "--conf-id", c]).status(1);
    let meaning = kedacom_mc_models::error_message(codes::CONF_NOT_FOUND).unwrap();
    assert!(
        gone.stderr.contains(&codes::CONF_NOT_FOUND.to_string()) && gone.stderr.contains(meaning),
        "{}",
        gone.stderr
    );
    run(&["get-conf", "--conf-id", c]).status(1);
    assert_eq!(run(&["list-confs"]).success().json()["total"], 0);
}

#[test]
fn every_meeting_control_operation_succeeds_through_its_subcommand() {
    let mock = Mock::with(MockPlatform::builder().mt_online_delay(Duration::ZERO));
    let conf = mock.platform.seed_conference(samples::create_conf_params("项目周会", 60)).unwrap().conf_id;
    // Terminals 1 and 2, which the examples name.
    let mt = |account: &str| json!({"account": account, "account_type": 5, "bitrate": 2048, "protocol": 0});
    let body = json!({"mts": [mt("0512110000001"), mt("0512110000002")]}).to_string();
    mock.cli(["add-mts", "--conf-id", &conf, "--params", "-"]).stdin(body).run().success();

    let mut replies: Vec<(&EndpointInfo, Value)> = Vec::new();
    let mut bodies = Vec::new();
    for info in samples::meeting_control_sequence() {
        let cmd = command(info);
        let mut args = vec![cmd.clone()];
        for p in info.parameters {
            let value = match (p.place, &p.kind) {
                (Place::Path, _) => samples::path_value(info, p.name, &conf, &replies),
                _ if !p.required => continue,
                (_, ParamKind::Integer | ParamKind::Switch) => "1".to_owned(),
                (_, ParamKind::Enum(values)) => values.first().map(|(_, id, _)| id.to_string()).unwrap_or_default(),
                _ => "项目周会".to_owned(),
            };
            args.extend([format!("--{}", p.name.replace('_', "-")), value]);
        }
        if info.params_type.is_some() {
            let body = mock.cli(["example", cmd.as_str()]).run().success().stdout;
            let (dir, path) = temp_file("params.json", body.as_bytes());
            bodies.push(dir);
            args.extend(["--params".to_owned(), path]);
        }
        let reply = mock.cli(&args).run().success().json();
        assert_eq!(reply["success"], 1, "{cmd}: {reply}");
        replies.push((info, reply));
    }

    let succeeded: BTreeSet<&str> =
        mock.platform.requests().into_iter().filter(|r| r.outcome == Outcome::Success).map(|r| r.operation).collect();
    let all: BTreeSet<&str> = samples::meeting_control_sequence().iter().map(|e| e.operation).collect();
    let missing: Vec<_> = all.difference(&succeeded).collect();
    assert!(missing.is_empty(), "not called: {missing:?}");
    let refused: Vec<_> = mock.platform.requests().into_iter().filter(|r| r.outcome != Outcome::Success).collect();
    assert!(refused.is_empty(), "{refused:?}");
}
