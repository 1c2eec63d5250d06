//! The session the README walks through, command for command: a conference created, listed,
//! inspected, given a file and ended; a virtual meeting room and a room area managed; a body
//! validated.

use crate::common::{temp_file, Mock};

#[test]
fn the_readme_session() {
    let mock = Mock::start();
    let run = |args: &[&str]| mock.cli(args.iter().copied()).run();

    // A conference: its body from the document's example, checked offline, then created.
    let conf = run(&["example", "create-conf"]).success().stdout;
    let (_dir, conf_json) = temp_file("conf.json", conf.as_bytes());
    run(&["validate", "create-conf", &conf_json]).success();
    let created = run(&["create-conf", "--params", &conf_json]).success().json();
    let conf_id = created["conf_id"].as_str().unwrap().to_owned();
    let meeting_id = created["meeting_id"].as_str().unwrap().to_owned();

    let listed = run(&["list-meetings", "--state", "started"]).success().json();
    assert_eq!(listed["meetings"][0]["meeting_id"], meeting_id.as_str());
    let meeting = run(&["get-meeting", "--meeting-id", &meeting_id]).success().json();
    assert_eq!(meeting["conf_id"], conf_id.as_str());

    let (_dir2, agenda) = temp_file("agenda.txt", b"1. status\n2. plans\n");
    let file = run(&["upload-meeting-file", "--meeting-id", &meeting_id, "--file", &agenda]).success().json();
    let file_id = file["meeting_file"]["file_id"].as_str().unwrap().to_owned();
    assert_eq!(run(&["list-meeting-files", "--meeting-id", &meeting_id]).success().json()["total"], 1);
    run(&["delete-meeting-file", "--file-id", &file_id]).success();

    run(&["end-conf", "--conf-id", &conf_id]).success();
    assert_eq!(run(&["list-meetings"]).success().json()["total"], 0);
    run(&["end-conf", "--conf-id", &conf_id]).status(1);

    // A virtual meeting room.
    let room = run(&["example", "create-virtual-meeting-room"]).success().stdout;
    let (_dir3, room_json) = temp_file("room.json", room.as_bytes());
    let room_id = run(&["create-virtual-meeting-room", "--params", &room_json]).success().json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(run(&["list-virtual-meeting-rooms"]).success().json()["total"], 1);
    run(&["get-virtual-meeting-room", "--id", &room_id]).success();
    run(&["update-virtual-meeting-room", "--id", &room_id, "--params", &room_json]).success();
    run(&["delete-virtual-meeting-room", "--id", &room_id]).success();

    // A meeting-room area, its body on standard input.
    let area = mock.cli(["create-meeting-room-area", "--params", "-"]).stdin(r#"{"area": "华东"}"#).run().success();
    let area_id = area.json()["id"].as_str().unwrap().to_owned();
    mock.cli(["update-meeting-room-area", "--id", &area_id, "--params", "-"])
        .stdin(r#"{"area": "华东一区"}"#)
        .run()
        .success();
    let areas = run(&["list-meeting-room-areas", "--all"]).success().json();
    assert_eq!(areas[0]["area"], "华东一区");
    run(&["delete-meeting-room-area", "--id", &area_id, "--delete-via-post"]).success();
    assert_eq!(run(&["list-meeting-room-areas", "--all"]).success().json(), serde_json::json!([]));
}
