//! Invalid requests: the failure shape and codes, the `?debug=1` report, the DELETE fallback, and
//! what a web server answers when no endpoint does.

use crate::common::Client;
use kedacom_mc_mock::{codes, samples, MockPlatform, Outcome};
use kedacom_mc_models::wire::WireField;
use kedacom_mc_models::*;
use serde_json::json;

fn debug() -> WireOptions {
    WireOptions { server_check: true, ..Default::default() }
}

#[tokio::test]
async fn a_rule_violation_is_a_parameter_error_in_the_failure_shape() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let params = samples::create_conf_params("_周会", 60).bitrate(2048);
    let reply = c.call(&CreateConfRequest::new(params)).await;
    assert_eq!(reply.status, 200);
    let failure: Failure = serde_json::from_str(&reply.text).unwrap();
    assert_eq!((failure.success, failure.error_code), (Some(0), Some(codes::PARAMETER_ERROR)));
    let description = failure.description.unwrap();
    assert!(description.starts_with("name:"), "{description}");
    assert!(failure.extra.is_empty(), "{}", reply.text);
    assert!(mock.requests()[2].request.is_none());

    // A required field missing, and a page before the first row.
    let reply = c.call(&CreateMeetingRoomAreaRequest::new(CreateMeetingRoomAreaParams::new())).await;
    assert_eq!(reply.code(), Some(52004));
    assert_eq!(reply.json()["description"], "area: required");
    let reply = c.call(&ListMeetingsRequest::new().start(-1)).await;
    assert_eq!(reply.code(), Some(52004));
    // A date that does not exist, though laid out right.
    let reply = c.call(&ListMeetingsRequest::new().start_time("2021-02-30T10:00:00+08:00")).await;
    assert_eq!(reply.code(), Some(52004));
}

#[tokio::test]
async fn unreadable_data_is_a_parse_failure() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let token = c.token.clone().unwrap();
    let mut w = CreateMeetingRoomAreaRequest::new(CreateMeetingRoomAreaParams::new().area("x"))
        .to_wire(Some(&token), &WireOptions::default());
    w.body = wire::WireBody::Form(vec![
        WireField::secret("account_token", token.expose()),
        WireField::new("params", "{\"area\":"),
    ]);
    let reply = c.send(&w).await;
    assert_eq!(reply.code(), Some(codes::DATA_UNREADABLE));
    assert!(reply.json()["description"].as_str().unwrap().starts_with("params: expected JSON"), "{}", reply.text);

    let mut w = ListMeetingsRequest::new().to_wire(Some(&token), &WireOptions::default());
    w.query.push(WireField::new("start", "ten"));
    assert_eq!(c.send(&w).await.code(), Some(27504));
}

#[tokio::test]
async fn the_session_is_checked_before_the_parameters() {
    let mock = MockPlatform::start().await.unwrap();
    let mut c = Client::new(&mock);
    c.get_token(&mock).await;
    let reply = c.call(&CreateMeetingRoomAreaRequest::new(CreateMeetingRoomAreaParams::new())).await;
    assert_eq!(reply.code(), Some(10102));
}

#[tokio::test]
async fn debug_mode_reports_by_json_path_and_changes_nothing() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let mut params = samples::create_conf_params("周会", 60);
    params.name = None;
    params.invite_members = Some(vec![
        Invitee::new().name("a").account("1").account_type(AccountType::Moid).bitrate(1024).protocol(CallProtocol::Sip),
        Invitee::new().name("b").account("2").account_type(AccountType::Moid).bitrate(4096).protocol(CallProtocol::Sip),
    ]);
    let reply = c.call_with(&CreateConfRequest::new(params), debug()).await;
    let body = reply.json();
    assert_eq!(body["success"], 1, "{body}");
    let report = &body["dubug_list"];
    assert_eq!(report["name"], "required");
    assert!(report["invite_members"][0].is_null(), "{report}");
    assert!(report["invite_members"][1]["bitrate"].as_str().unwrap().contains("above `bitrate`"), "{report}");
    assert_eq!(mock.requests().last().unwrap().outcome, Outcome::Checked);

    // A valid request in debug mode is reported clean and not carried out.
    let ok = c.call_with(&CreateConfRequest::new(samples::create_conf_params("周会", 60)), debug()).await;
    assert_eq!(ok.json(), json!({"success": 1, "dubug_list": {}}));
    let list = c.call(&ListMeetingsRequest::new()).await.json();
    assert_eq!(list["total"], 0, "{list}");

    // DELETE is checked too; GET is not a debug method and is answered as usual.
    let end = c.call_with(&EndConfRequest::new("0000000"), debug()).await;
    assert_eq!(end.json(), json!({"success": 1, "dubug_list": {}}));
    let get = c.call_with(&ListMeetingsRequest::new(), debug()).await.json();
    assert_eq!(get["total"], 0);
    assert!(get.get("dubug_list").is_none());

    // Query parameters and the upload's file are reported by name.
    let file = c
        .call_with(&UploadMeetingFileRequest::new("m1", FileUpload::new("run.exe", b"MZ".to_vec())), debug())
        .await
        .json();
    assert!(file["dubug_list"]["file"].as_str().unwrap().contains("not accepted"), "{file}");
}

#[tokio::test]
async fn delete_works_as_delete_and_as_post_with_method() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let a = mock.seed_meeting_room_area("华东").unwrap();
    let b = mock.seed_meeting_room_area("华南").unwrap();
    let via_post = WireOptions { via_post: true, ..Default::default() };

    let w = DeleteMeetingRoomAreaRequest::new(&a).to_wire(c.token.as_ref(), &via_post);
    assert_eq!(w.method, Method::Post);
    assert_eq!(c.send(&w).await.code(), None);
    assert_eq!(c.call(&DeleteMeetingRoomAreaRequest::new(&b)).await.code(), None);
    let log = mock.requests_for::<DeleteMeetingRoomAreaRequest>();
    assert_eq!((log[0].method.as_str(), log[1].method.as_str()), ("POST", "DELETE"));
    let list = c.call(&ListMeetingRoomAreasRequest::new()).await.json();
    assert_eq!(list["total"], 0);
    // Deleting again: the id is gone.
    assert_eq!(c.call(&DeleteMeetingRoomAreaRequest::new(&a)).await.code(), Some(codes::SYSTEM_ERROR));
}

#[tokio::test]
async fn unknown_paths_and_methods_get_404_and_405() {
    let mock = MockPlatform::start().await.unwrap();
    let http = reqwest::Client::new();
    let base = mock.base_url();
    let r = http.get(format!("{base}/api/v1/mc/nothing")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let r = http.patch(format!("{base}/api/v1/mc/confs")).send().await.unwrap();
    assert_eq!(r.status(), 405);
    assert_eq!(r.headers()["allow"], "POST");
    let r = http.put(format!("{base}/api/v1/mc/meetings")).send().await.unwrap();
    assert_eq!(r.status(), 405);
    assert!(mock.requests().is_empty(), "routing failures are not decoded calls");
}

#[tokio::test]
async fn a_broken_body_never_brings_the_mock_down() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let base = mock.base_url();
    let cookie = format!("SSO_COOKIE_KEY={}", c.cookie.clone().unwrap());
    let token = c.token.clone().unwrap();
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data; name=\"file\"\r\n".to_vec()),
        ("multipart/form-data", b"garbage".to_vec()),
        ("application/x-www-form-urlencoded", vec![0xff, 0xfe, b'=', 0x80]),
        ("application/json", b"{\"params\": 1}".to_vec()),
    ];
    for (content_type, body) in bodies {
        let r = c
            .http
            .post(format!("{base}/api/v1/mc/meeting_files/m1?account_token={}", token.expose()))
            .header("Content-Type", content_type)
            .header("Cookie", &cookie)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{content_type}");
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(v["success"], 0, "{content_type}: {v}");
    }
    let path = "/api/v1/mc/meetings/%FF%FE?account_token=".to_owned() + token.expose();
    let r = c.http.get(format!("{base}{path}")).header("Cookie", &cookie).send().await.unwrap();
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["error_code"], 27504, "{v}");
}
