//! State kept across calls, resource by resource: what is created shows in lists and details,
//! changes, and goes, with the documented limits and error codes.

use crate::common::Client;
use kedacom_mc_mock::{codes, samples, MockPlatform};
use kedacom_mc_models::*;
use serde_json::Value;

/// A time `hours` from now, as the platform writes times.
fn in_hours(hours: i64) -> String {
    let t = time::OffsetDateTime::now_utc() + time::Duration::hours(hours);
    t.replace_nanosecond(0).unwrap().format(&time::format_description::well_known::Rfc3339).unwrap()
}

fn ids(list: &Value, key: &str, field: &str) -> Vec<String> {
    list[key].as_array().unwrap().iter().map(|m| m[field].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn a_created_conference_is_listed_shown_and_ended() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let reply = c.call(&CreateConfRequest::new(samples::create_conf_params("项目周会", 60))).await;
    let made: CreateConfReply = serde_json::from_str(&reply.text).unwrap();
    let (conf_id, meeting_id) = (made.conf_id.unwrap(), made.meeting_id.unwrap());
    assert_eq!(conf_id.len(), 7);

    let list: ListMeetingsReply = serde_json::from_str(&c.call(&ListMeetingsRequest::new()).await.text).unwrap();
    assert_eq!(list.total, Some(1));
    let item = &list.meetings.as_ref().unwrap()[0];
    assert_eq!(item.name.as_deref(), Some("项目周会"));
    assert_eq!(item.state, Some(MeetingState::Started));
    assert_eq!(item.creator.as_ref().unwrap().name.as_deref(), Some("admin"));
    assert!(item.extra.is_empty());

    let detail = c.call(&GetMeetingRequest::new(&meeting_id)).await;
    let detail: GetMeetingReply = serde_json::from_str(&detail.text).unwrap();
    assert_eq!(detail.conf_id.as_deref(), Some(conf_id.as_str()));
    assert_eq!((detail.duration, detail.bitrate), (Some(60), Some(2048)));
    assert_eq!(detail.max_join_mt, Some(MaxJoinMt::Parties8));
    assert!(detail.end_time.is_some() && detail.extra.is_empty());

    // The name is taken while it runs.
    let check = c.call(&ValidateConfNameRequest::new().conf_name("项目周会")).await.json();
    assert_eq!(check["result"], 0);
    let again = c.call(&CreateConfRequest::new(samples::create_conf_params("项目周会", 30))).await;
    assert_eq!(again.code(), Some(codes::CONF_NAME_EXISTS));
    let other = c.call(&ValidateConfNameRequest::new().conf_name("另一个会")).await.json();
    assert_eq!(other["result"], 1);

    let resources: GetResourcesReply = serde_json::from_str(&c.call(&GetResourcesRequest::new()).await.text).unwrap();
    let eight = resources.resources.unwrap().into_iter().find(|r| r.max_join_mt == Some(MaxJoinMt::Parties8)).unwrap();
    assert_eq!(eight.used, Some(1));

    assert_eq!(c.call(&EndConfRequest::new(&conf_id)).await.code(), None);
    assert_eq!(c.call(&EndConfRequest::new(&conf_id)).await.code(), Some(codes::MEETING_NOT_FOUND));
    assert_eq!(c.call(&EndConfRequest::new("9999999")).await.code(), Some(27508));
    // Ended: off the default list (which starts now), still there when asked for by time and state.
    let list = c.call(&ListMeetingsRequest::new()).await.json();
    assert_eq!(list["total"], 0, "{list}");
    let ended = c.call(&ListMeetingsRequest::new().start_time(in_hours(-1)).state(MeetingState::Ended)).await.json();
    assert_eq!(ids(&ended, "meetings", "meeting_id"), std::slice::from_ref(&meeting_id));
    let detail = c.call(&GetMeetingRequest::new(&meeting_id)).await.json();
    assert_eq!(detail["state"], 3);
    assert_eq!(c.call(&ValidateConfNameRequest::new().conf_name("项目周会")).await.json()["result"], 1);
    assert_eq!(c.call(&GetMeetingRequest::new("nope")).await.code(), Some(27508));
}

#[tokio::test]
async fn a_template_conference_needs_a_known_template_and_capacity_is_limited() {
    let mock = MockPlatform::builder().conferences_per_size(1).start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    for create_type in [CreateType::PublicTemplate, CreateType::PersonalTemplate] {
        // No template has this id (templates themselves: tests/templates.rs).
        let params = CreateConfParams::new().create_type(create_type).template_id("t1");
        assert_eq!(c.call(&CreateConfRequest::new(params)).await.code(), Some(codes::TEMPLATE_NOT_FOUND));
    }
    // Without template_id a template-based conference is a parameter error.
    let params = CreateConfParams::new().create_type(CreateType::PublicTemplate);
    assert_eq!(c.call(&CreateConfRequest::new(params)).await.code(), Some(52004));

    assert_eq!(c.call(&CreateConfRequest::new(samples::create_conf_params("a", 0))).await.code(), None);
    let full = c.call(&CreateConfRequest::new(samples::create_conf_params("b", 0))).await;
    assert_eq!(full.code(), Some(codes::NO_RESOURCES));
    let bigger = samples::create_conf_params("b", 0).max_join_mt(MaxJoinMt::Parties32);
    assert_eq!(c.call(&CreateConfRequest::new(bigger)).await.code(), None);
}

#[tokio::test]
async fn booked_conferences_are_booked_changed_started_early_and_deleted() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let book = |name: &str, hours: i64| BookConfRequest::new(samples::booked_conf_params(name, &in_hours(hours), 60));
    let made: BookConfReply = serde_json::from_str(&c.call(&book("评审会", 2)).await.text).unwrap();
    let conf_id = made.conf_id.unwrap();
    c.call(&book("晨会", 1)).await;
    c.call(&book("周会", 3)).await;
    // In the past: refused.
    assert_eq!(c.call(&book("昨天", -5)).await.code(), Some(codes::END_TIME_PASSED));
    // The same name at an overlapping time: refused; at another time: fine.
    assert_eq!(c.call(&book("评审会", 2)).await.code(), Some(codes::CONF_NAME_EXISTS));
    let clash = c.call(&ValidateConfNameRequest::new().conf_name("评审会").start_time(in_hours(2))).await.json();
    assert_eq!(clash["result"], 0);
    let free = c
        .call(&ValidateConfNameRequest::new().conf_name("评审会").start_time(in_hours(5)).end_time(in_hours(6)))
        .await
        .json();
    assert_eq!(free["result"], 1);

    let list = c.call(&ListBookedConfsRequest::new()).await.json();
    assert_eq!(ids(&list, "booked_confs", "name"), ["晨会", "评审会", "周会"]);
    let newest_first = c.call(&ListBookedConfsRequest::new().order(1).count(2)).await.json();
    assert_eq!(ids(&newest_first, "booked_confs", "name"), ["周会", "评审会"]);
    assert_eq!(newest_first["total"], 3);
    let window = c.call(&ListBookedConfsRequest::new().start_time(in_hours(2)).end_time(in_hours(2))).await.json();
    assert_eq!(ids(&window, "booked_confs", "name"), ["评审会"]);
    let meetings = c.call(&ListMeetingsRequest::new().state(MeetingState::Booked)).await.json();
    assert_eq!(meetings["total"], 3);

    let detail: GetBookedConfReply =
        serde_json::from_str(&c.call(&GetBookedConfRequest::new(&conf_id)).await.text).unwrap();
    assert_eq!((detail.name.as_deref(), detail.duration), (Some("评审会"), Some(60)));
    assert!(detail.extra.is_empty());

    let moved = samples::booked_conf_params("评审会(改)", &in_hours(4), 90);
    let reply = c.call(&UpdateBookedConfRequest::new(&conf_id, moved)).await;
    assert_eq!(reply.json()["conf_id"], conf_id.as_str());
    let detail = c.call(&GetBookedConfRequest::new(&conf_id)).await.json();
    assert_eq!((detail["name"].as_str(), detail["duration"].as_i64()), (Some("评审会(改)"), Some(90)));
    let nowhere = samples::booked_conf_params("x", &in_hours(4), 90);
    assert_eq!(c.call(&UpdateBookedConfRequest::new("1", nowhere)).await.code(), Some(27508));

    // Ending a booked conference that has not started: 99994. Starting it early (create_type 5).
    assert_eq!(c.call(&EndConfRequest::new(&conf_id)).await.code(), Some(codes::MEETING_NOT_STARTED));
    let early = CreateConfParams::new().create_type(CreateType::BookedConfEarly).template_id(made.meeting_id.unwrap());
    let started = c.call(&CreateConfRequest::new(early)).await.json();
    assert_eq!(started["conf_id"], conf_id.as_str(), "{started}");
    // Started: no longer booked.
    assert_eq!(c.call(&GetBookedConfRequest::new(&conf_id)).await.code(), Some(codes::MEETING_ALREADY_STARTED));
    assert_eq!(c.call(&DeleteBookedConfRequest::new(&conf_id)).await.code(), Some(27507));
    assert_eq!(c.call(&EndConfRequest::new(&conf_id)).await.code(), None);

    let morning = ids(&c.call(&ListBookedConfsRequest::new()).await.json(), "booked_confs", "conf_id");
    assert_eq!(c.call(&DeleteBookedConfRequest::new(&morning[0])).await.code(), None);
    assert_eq!(c.call(&GetBookedConfRequest::new(&morning[0])).await.code(), Some(27508));
    assert_eq!(c.call(&ListBookedConfsRequest::new()).await.json()["total"], 1);
}

#[tokio::test]
async fn a_booked_conference_starts_at_its_time() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let soon = (time::OffsetDateTime::now_utc() + time::Duration::seconds(1))
        .replace_nanosecond(0)
        .unwrap()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let made = mock.seed_booked_conference(samples::booked_conf_params("到点开", &soon, 30)).unwrap();
    let state = |v: Value| v["state"].as_i64();
    assert_eq!(state(c.call(&GetMeetingRequest::new(&made.meeting_id)).await.json()), Some(1));
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert_eq!(state(c.call(&GetMeetingRequest::new(&made.meeting_id)).await.json()), Some(2));
}

#[tokio::test]
async fn paging_start_count_and_order() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    for i in 0..25 {
        mock.seed_booked_conference(samples::booked_conf_params(&format!("会{i:02}"), &in_hours(i + 1), 30)).unwrap();
    }
    let names = |v: &Value| ids(v, "booked_confs", "name");
    let first = c.call(&ListBookedConfsRequest::new()).await.json();
    assert_eq!(first["total"], 25);
    assert_eq!(names(&first).len(), 10, "count defaults to 10");
    assert_eq!(names(&first)[0], "会00");
    let last = c.call(&ListBookedConfsRequest::new().start(20).count(10)).await.json();
    assert_eq!(names(&last), ["会20", "会21", "会22", "会23", "会24"]);
    let all = c.call(&ListBookedConfsRequest::new().count(0)).await.json();
    assert_eq!(names(&all).len(), 25, "count 0 is all");
    let desc = c.call(&ListBookedConfsRequest::new().order(1).count(1)).await.json();
    assert_eq!(names(&desc), ["会24"]);
    let past_end = c.call(&ListBookedConfsRequest::new().start(30)).await.json();
    assert!(names(&past_end).is_empty());
    assert_eq!(past_end["total"], 25);
    let meetings = c.call(&ListMeetingsRequest::new().start(5).count(3)).await.json();
    assert_eq!(ids(&meetings, "meetings", "name"), ["会05", "会06", "会07"]);
}

#[tokio::test]
async fn virtual_meeting_rooms_are_unique_hold_a_conference_and_go() {
    let mock = MockPlatform::builder().max_virtual_meeting_rooms(2).start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let create = |name: &str| CreateVirtualMeetingRoomRequest::new(samples::virtual_meeting_room_params(name));
    let id = c.call(&create("一号会议室")).await.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(c.call(&create("一号会议室")).await.code(), Some(codes::ROOM_NAME_EXISTS));
    let second = c.call(&create("二号会议室")).await.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(c.call(&create("三号会议室")).await.code(), Some(codes::ROOM_LIMIT));

    let room: GetVirtualMeetingRoomReply =
        serde_json::from_str(&c.call(&GetVirtualMeetingRoomRequest::new(&id)).await.text).unwrap();
    assert_eq!(room.name.as_deref(), Some("一号会议室"));
    assert_eq!(room.status, Some(RoomStatus::Idle));
    // Optional settings default to 0, as documented.
    assert_eq!((room.bitrate, room.call_times), (Some(0), Some(0)));
    let e164 = room.e164.unwrap();

    let list = c.call(&ListVirtualMeetingRoomsRequest::new()).await.json();
    assert_eq!(ids(&list, "virtual_meeting_rooms", "name"), ["一号会议室", "二号会议室"]);
    let desc = c.call(&ListVirtualMeetingRoomsRequest::new().order(SortOrder::Descending).count(1)).await.json();
    assert_eq!(ids(&desc, "virtual_meeting_rooms", "name"), ["二号会议室"]);

    // A conference in the room: its number, the room in use and not deletable.
    let in_room = CreateConfParams::new().create_type(CreateType::VirtualMeetingRoom).template_id(&id);
    let conf = c.call(&CreateConfRequest::new(in_room.clone())).await.json();
    assert_eq!(conf["conf_id"], e164.as_str(), "{conf}");
    assert_eq!(c.call(&CreateConfRequest::new(in_room)).await.code(), Some(codes::ROOM_IN_USE));
    let room = c.call(&GetVirtualMeetingRoomRequest::new(&id)).await.json();
    assert_eq!((room["status"].as_i64(), room["conf_name"].as_str()), (Some(1), Some("一号会议室")));
    assert_eq!(c.call(&DeleteVirtualMeetingRoomRequest::new(&id)).await.code(), Some(99991));
    let nowhere = CreateConfParams::new().create_type(CreateType::VirtualMeetingRoom).template_id("none");
    assert_eq!(c.call(&CreateConfRequest::new(nowhere)).await.code(), Some(codes::ROOM_NOT_FOUND));
    assert_eq!(c.call(&EndConfRequest::new(&e164)).await.code(), None);
    assert_eq!(c.call(&GetVirtualMeetingRoomRequest::new(&id)).await.json()["status"], 0);

    let renamed = UpdateVirtualMeetingRoomParams::new()
        .name("大会议室")
        .video_formats(samples::video_formats())
        .max_join_mt(MaxJoinMt::Parties32)
        .force_mute(true)
        .preoccupy_resource(PreoccupyResource::None);
    assert_eq!(c.call(&UpdateVirtualMeetingRoomRequest::new(&id, renamed.clone())).await.code(), None);
    let room = c.call(&GetVirtualMeetingRoomRequest::new(&id)).await.json();
    assert_eq!((room["name"].as_str(), room["max_join_mt"].as_i64()), (Some("大会议室"), Some(32)));
    let taken = renamed.clone().name("二号会议室");
    assert_eq!(c.call(&UpdateVirtualMeetingRoomRequest::new(&id, taken)).await.code(), Some(99995));
    assert_eq!(c.call(&UpdateVirtualMeetingRoomRequest::new("none", renamed)).await.code(), Some(99996));

    assert_eq!(c.call(&DeleteVirtualMeetingRoomRequest::new(&id)).await.code(), None);
    assert_eq!(c.call(&DeleteVirtualMeetingRoomRequest::new(&second)).await.code(), None);
    assert_eq!(c.call(&GetVirtualMeetingRoomRequest::new(&id)).await.code(), Some(codes::ROOM_NOT_FOUND));
    assert_eq!(c.call(&ListVirtualMeetingRoomsRequest::new()).await.json()["total"], 0);
}

#[tokio::test]
async fn meeting_room_areas_are_created_listed_renamed_and_deleted() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let create = |name: &str| CreateMeetingRoomAreaRequest::new(CreateMeetingRoomAreaParams::new().area(name));
    let east = c.call(&create("华东")).await.json()["id"].as_str().unwrap().to_owned();
    for name in ["华南", "华北"] {
        c.call(&create(name)).await;
    }
    let list: ListMeetingRoomAreasReply =
        serde_json::from_str(&c.call(&ListMeetingRoomAreasRequest::new().start(1).count(5)).await.text).unwrap();
    assert_eq!(list.total, Some(3));
    let names: Vec<_> = list.meeting_room_areas.unwrap().into_iter().map(|a| a.area.unwrap()).collect();
    assert_eq!(names, ["华南", "华北"]);

    let rename = UpdateMeetingRoomAreaRequest::new(&east, UpdateMeetingRoomAreaParams::new().area("长三角"));
    assert_eq!(c.call(&rename).await.code(), None);
    let first = c.call(&ListMeetingRoomAreasRequest::new().count(1)).await.json();
    assert_eq!(ids(&first, "meeting_room_areas", "area"), ["长三角"]);
    let nowhere = UpdateMeetingRoomAreaRequest::new("none", UpdateMeetingRoomAreaParams::new().area("x"));
    assert_eq!(c.call(&nowhere).await.code(), Some(codes::SYSTEM_ERROR));
    let too_long = create(&"区".repeat(61));
    assert_eq!(c.call(&too_long).await.code(), Some(52004));

    assert_eq!(c.call(&DeleteMeetingRoomAreaRequest::new(&east)).await.code(), None);
    assert_eq!(c.call(&ListMeetingRoomAreasRequest::new()).await.json()["total"], 2);
}

#[tokio::test]
async fn meeting_files_are_kept_per_meeting_within_the_limits() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let a = mock.seed_conference(samples::create_conf_params("甲", 60)).unwrap().meeting_id;
    let b = mock.seed_conference(samples::create_conf_params("乙", 60)).unwrap().meeting_id;
    let upload = |meeting: &str, name: &str, bytes: Vec<u8>| {
        UploadMeetingFileRequest::new(meeting, FileUpload::new(name, bytes))
    };

    let reply = c.call(&upload(&a, "议程.pdf", b"%PDF-1.4 body".to_vec())).await;
    let uploaded: UploadMeetingFileReply = serde_json::from_str(&reply.text).unwrap();
    let file = uploaded.meeting_file.unwrap();
    assert_eq!(file.file_type, Some(FileType::Pdf));
    assert_eq!((file.extension_name.as_deref(), file.file_size.as_deref()), (Some("pdf"), Some("0.00")));
    assert_eq!(file.meeting_id.as_deref(), Some(a.as_str()));
    let first_id = file.file_id.unwrap();

    // The relative `file_url` serves what was uploaded, under the name it was uploaded with.
    let url = format!("{}{}", mock.base_url(), file.file_url.unwrap());
    let fetched = reqwest::get(&url).await.unwrap();
    assert_eq!(fetched.status(), 200);
    assert_eq!(fetched.headers()["content-disposition"], "attachment; filename*=UTF-8''%E8%AE%AE%E7%A8%8B.pdf");
    assert_eq!(fetched.bytes().await.unwrap().as_ref(), b"%PDF-1.4 body");
    let elsewhere = format!("{}/meeting_files/{b}/{first_id}.pdf", mock.base_url());
    assert_eq!(reqwest::get(&elsewhere).await.unwrap().status(), 404, "a file is only under its own meeting");

    for i in 1..10 {
        let reply = c.call(&upload(&a, &format!("附件{i}.docx"), vec![b'x'; 100])).await;
        assert_eq!(reply.code(), None, "{}", reply.text);
    }
    let eleventh = c.call(&upload(&a, "多余.txt", b"x".to_vec())).await;
    assert_eq!(eleventh.code(), Some(codes::SYSTEM_ERROR));
    assert!(eleventh.json()["description"].as_str().unwrap().contains("at most 10 files"));
    // Another meeting has its own ten.
    assert_eq!(c.call(&upload(&b, "b.png", b"\x89PNG".to_vec())).await.code(), None);

    let list: ListMeetingFilesReply =
        serde_json::from_str(&c.call(&ListMeetingFilesRequest::new(&a)).await.text).unwrap();
    assert_eq!(list.total, Some(10));
    assert!(list.meeting_files.unwrap().iter().all(|f| f.meeting_id.as_deref() == Some(a.as_str())));
    assert_eq!(c.call(&ListMeetingFilesRequest::new(&b)).await.json()["total"], 1);

    assert_eq!(c.call(&upload(&a, "空.txt", Vec::new())).await.code(), Some(codes::EMPTY_FILE));
    assert_eq!(c.call(&upload(&a, "run.exe", b"MZ".to_vec())).await.code(), Some(52004));
    assert_eq!(c.call(&upload("none", "a.txt", b"x".to_vec())).await.code(), Some(27508));
    assert_eq!(c.call(&ListMeetingFilesRequest::new("none")).await.code(), Some(27508));
    // Over 20 MB: refused by the documented limit.
    let big = c.call(&upload(&b, "big.zip", vec![0; 20 * 1024 * 1024 + 1])).await;
    assert_eq!(big.code(), Some(52004), "{}", big.text);
    assert!(big.text.contains("file larger than 20971520 bytes"), "{}", big.text);

    assert_eq!(c.call(&DeleteMeetingFileRequest::new(&first_id)).await.code(), None);
    assert_eq!(reqwest::get(&url).await.unwrap().status(), 404, "a deleted file is no longer served");
    assert_eq!(c.call(&DeleteMeetingFileRequest::new(&first_id)).await.code(), Some(codes::FILE_NOT_FOUND));
    assert_eq!(c.call(&upload(&a, "补充.xlsx", b"x".to_vec())).await.code(), None, "room for one again");
}

#[tokio::test]
async fn files_go_after_the_retention() {
    let mock = MockPlatform::builder().file_retention(std::time::Duration::from_millis(300)).start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let m = mock.seed_conference(samples::create_conf_params("甲", 60)).unwrap().meeting_id;
    mock.seed_meeting_file(&m, FileUpload::new("a.txt", "hello")).unwrap();
    assert_eq!(c.call(&ListMeetingFilesRequest::new(&m)).await.json()["total"], 1);
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(c.call(&ListMeetingFilesRequest::new(&m)).await.json()["total"], 0);
}

#[tokio::test]
async fn platforms_and_seeding_follow_the_same_rules() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let platforms: ListPlatformsReply = serde_json::from_str(&c.call(&ListPlatformsRequest::new()).await.text).unwrap();
    assert_eq!(platforms.platforms.unwrap().len(), 1);

    mock.seed_conference(samples::create_conf_params("种子", 0)).unwrap();
    let dup = mock.seed_conference(samples::create_conf_params("种子", 0)).unwrap_err();
    assert_eq!(dup.code, codes::CONF_NAME_EXISTS);
    let bad = mock.seed_conference(samples::create_conf_params("_bad", 0)).unwrap_err();
    assert_eq!(bad.code, codes::PARAMETER_ERROR);
    assert_eq!(mock.seed_meeting_file("none", FileUpload::new("a.txt", "x")).unwrap_err().code, 27508);
    mock.seed_virtual_meeting_room(samples::virtual_meeting_room_params("种子室")).unwrap();
    assert_eq!(c.call(&ListVirtualMeetingRoomsRequest::new()).await.json()["total"], 1);
    assert!(mock.requests().iter().all(|r| r.operation != "create_conf"), "seeding is not a call");
}
