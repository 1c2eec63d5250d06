//! The options that shape a call: the request body from standard input, DELETE as POST, every
//! page of a list, enum values by id or wire value, global options anywhere and from the
//! environment, the API level, uploads and their limit.

use crate::common::{temp_file, Mock};
use kedacom_mc_mock::{samples, Outcome, RecordedRequest};
use kedacom_mc_models::{
    BookConfRequest, DeleteMeetingRoomAreaRequest, EndConfRequest, GetMcVersionRequest, ListMeetingRoomAreasRequest,
    UploadMeetingFileRequest,
};

#[test]
fn the_request_body_can_come_from_standard_input() {
    let mock = Mock::start();
    let run = mock.cli(["create-meeting-room-area", "--params", "-"]).stdin(r#"{"area": "华东"}"#).run().success();
    let id = run.json()["id"].as_str().unwrap().to_owned();
    let areas = mock.cli(["list-meeting-room-areas"]).run().success().json();
    assert!(areas["meeting_room_areas"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["id"] == id.as_str() && a["area"] == "华东"));
    // Broken JSON on standard input is reported as the body's problem.
    let run = mock.cli(["update-meeting-room-area", "--id", &id, "--params", "-"]).stdin("{\"area\": ").run().status(1);
    assert!(run.stderr.contains("params: "), "{}", run.stderr);
}

#[test]
fn delete_via_post_sends_post_with_the_override() {
    let mock = Mock::start();
    let a = mock.platform.seed_meeting_room_area("甲").unwrap();
    let b = mock.platform.seed_meeting_room_area("乙").unwrap();
    mock.cli(["delete-meeting-room-area", "--id", &a]).run().success();
    mock.cli(["delete-meeting-room-area", "--id", &b, "--delete-via-post"]).run().success();
    let conf = mock.platform.seed_conference(samples::create_conf_params("周会", 60)).unwrap();
    mock.cli(["end-conf", "--conf-id", &conf.conf_id]).env("KEDACOM_DELETE_VIA_POST", "true").run().success();
    let methods = |calls: Vec<RecordedRequest>| -> Vec<(String, Outcome)> {
        calls.into_iter().map(|r| (r.method, r.outcome)).collect()
    };
    assert_eq!(
        methods(mock.platform.requests_for::<DeleteMeetingRoomAreaRequest>()),
        [("DELETE".to_owned(), Outcome::Success), ("POST".to_owned(), Outcome::Success)]
    );
    // A POST is read as the DELETE only when it carries `_method=DELETE`.
    assert_eq!(methods(mock.platform.requests_for::<EndConfRequest>()), [("POST".to_owned(), Outcome::Success)]);
}

#[test]
fn all_follows_the_pages() {
    let mock = Mock::start();
    let names = ["一区", "二区", "三区", "四区", "五区"];
    for n in names {
        mock.platform.seed_meeting_room_area(n).unwrap();
    }
    let run = mock.cli(["list-meeting-room-areas", "--all", "--count", "2"]).run().success();
    let items = run.json();
    let got: Vec<&str> = items.as_array().unwrap().iter().map(|a| a["area"].as_str().unwrap()).collect();
    assert_eq!(got, names);
    let pages: Vec<_> = mock.platform.requests_for::<ListMeetingRoomAreasRequest>();
    assert_eq!(pages.len(), 3, "{pages:?}");
    // Without --all, one page, as the platform sends it.
    let one = mock.cli(["list-meeting-room-areas", "--count", "2"]).run().success().json();
    assert_eq!((one["total"].as_i64(), one["meeting_room_areas"].as_array().map(Vec::len)), (Some(5), Some(2)));
}

#[test]
fn enum_values_are_given_by_english_id_or_wire_value() {
    let mock = Mock::start();
    mock.platform.seed_conference(samples::create_conf_params("周会", 60)).unwrap();
    let by_id = mock.cli(["list-meetings", "--state", "started"]).run().success().json();
    let by_wire = mock.cli(["list-meetings", "--state", "2"]).run().success().json();
    assert_eq!(by_id["total"], 1);
    assert_eq!(by_id, by_wire);
    assert_eq!(mock.cli(["list-meetings", "--state", "ended"]).run().success().json()["total"], 0);
}

#[test]
fn global_options_go_before_or_after_the_subcommand_or_in_the_environment() {
    let mock = Mock::start();
    let c = mock.platform.credentials().clone();
    let url = mock.platform.base_url();
    let given = [
        "--url",
        url.as_str(),
        "--key",
        c.key.as_str(),
        "--secret",
        c.secret.as_str(),
        "--user",
        c.username.as_str(),
        "--password",
        c.password.as_str(),
    ];
    let before: Vec<&str> = given.iter().copied().chain(["get-resources"]).collect();
    crate::common::Cli::new(before).run().success();
    let after: Vec<&str> = ["get-resources"].into_iter().chain(given.iter().copied()).collect();
    crate::common::Cli::new(after).run().success();
    // An option wins over the environment.
    let run = mock.cli(["get-resources", "--password", "wrong-password"]).run().status(1);
    assert!(run.stderr.contains("10101"), "{}", run.stderr);
}

#[test]
fn the_api_level_given_is_not_asked_and_gates_the_operations() {
    let mock = Mock::start();
    mock.cli(["get-resources", "--api-level", "3"]).run().success();
    assert!(mock.platform.requests_for::<GetMcVersionRequest>().is_empty());
    // book_conf needs level 3: refused, not sent, against a level-2 server.
    let body = serde_json::to_string(&samples::booked_conf_params("评审会", "2030-01-01T09:00:00+08:00", 90)).unwrap();
    let (_dir, path) = temp_file("booked.json", body.as_bytes());
    let run = mock.cli(["book-conf", "--params", &path]).env("KEDACOM_API_LEVEL", "2").run().status(1);
    assert!(run.stderr.contains("API level 3") && run.stderr.contains("level 2"), "{}", run.stderr);
    assert!(mock.platform.requests_for::<BookConfRequest>().is_empty());
    mock.cli(["book-conf", "--params", &path]).run().success();
}

#[test]
fn uploads_are_sent_and_oversized_files_refused_unread() {
    let mock = Mock::start();
    let conf = mock.platform.seed_conference(samples::create_conf_params("周会", 60)).unwrap();
    let (_dir, path) = temp_file("议程.txt", "议程".as_bytes());
    let reply =
        mock.cli(["upload-meeting-file", "--meeting-id", &conf.meeting_id, "--file", &path]).run().success().json();
    assert_eq!(reply["meeting_file"]["file_name"], "议程.txt");
    let listed = mock.cli(["list-meeting-files", "--meeting-id", &conf.meeting_id]).run().success().json();
    assert_eq!(listed["total"], 1);

    let big = tempfile::NamedTempFile::new().unwrap();
    big.as_file().set_len(20 * 1024 * 1024 + 1).unwrap();
    let big_path = big.path().to_string_lossy().into_owned();
    let run = mock.cli(["upload-meeting-file", "--meeting-id", &conf.meeting_id, "--file", &big_path]).run().status(1);
    assert!(run.stderr.contains("file: file larger than 20971520 bytes"), "{}", run.stderr);
    assert_eq!(mock.platform.requests_for::<UploadMeetingFileRequest>().len(), 1);
}
