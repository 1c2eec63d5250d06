//! Transport and session behaviour against the mock platform, with its typed rules where a test
//! needs the platform (or what stands in front of it) to misbehave: headers and cookies sent,
//! retries, timeouts, broken replies, re-login, heartbeats, and no credential in any output.

use std::io::Write;
use std::time::Duration;

use kedacom_mc_mock::{Fault, MockPlatform, Outcome, RecordedRequest, Reply, VersionInfo};
use kedacom_mc_models::codes::{NOT_LOGGED_IN, TOKEN_INVALID};
use kedacom_mc_models::validate::Rule;
use kedacom_mc_models::wire_names::{DEBUG_REPLY_FIELD, DESCRIPTION_FIELD, ERROR_CODE_FIELD, SUCCESS_FIELD};
use kedacom_mc_models::*;
use serde_json::json;

use crate::against_mock::builder;

use kedacom_mc_client::{Client, ClientBuilder, Error, ENV_KEY, ENV_PASSWORD, ENV_SECRET, ENV_URL, ENV_USER};

const KEY: &str = "test-key-5f2c";
const SECRET: &str = "test-secret-91ab";
const PASSWORD: &str = "test-password-77de";

fn area(name: &str) -> CreateMeetingRoomAreaParams {
    CreateMeetingRoomAreaParams::new().area(name)
}

async fn start() -> MockPlatform {
    MockPlatform::start().await.unwrap()
}

fn outcomes(calls: Vec<RecordedRequest>) -> Vec<Outcome> {
    calls.into_iter().map(|r| r.outcome).collect()
}

#[tokio::test]
async fn every_call_carries_the_level_the_token_and_the_cookie() {
    let mock = start().await;
    let client = builder(&mock).build().unwrap();
    client.create_meeting_room_area(area("华东 1区")).await.unwrap();
    client.get_resources().await.unwrap();

    let seen = mock.requests();
    let operations: Vec<&str> = seen.iter().map(|s| s.operation).collect();
    let expected = [
        GetMcVersionRequest::INFO,
        GetTokenRequest::INFO,
        LoginRequest::INFO,
        CreateMeetingRoomAreaRequest::INFO,
        GetResourcesRequest::INFO,
    ];
    assert_eq!(operations, expected.map(|e| e.operation));
    let levels: Vec<&str> = seen.iter().map(|s| s.api_level.as_deref().unwrap_or("-")).collect();
    assert_eq!(levels, ["1", "1", "1", "3", "3"]);
    assert!(seen.iter().all(|s| s.outcome == Outcome::Success), "{seen:?}");
    assert!(!seen[1].token_present && !seen[1].cookie_present);

    let (post, get) = (&seen[3], &seen[4]);
    assert_eq!((post.method.as_str(), post.token_present, post.cookie_present), ("POST", true, true));
    assert_eq!(mock.received::<CreateMeetingRoomAreaRequest>()[0].params.area.as_deref(), Some("华东 1区"));
    assert_eq!((get.method.as_str(), get.token_present, get.cookie_present), ("GET", true, true));
}

#[tokio::test]
async fn a_get_is_retried_on_5xx_with_backoff_and_a_post_never() {
    let mock = start().await;
    mock.on::<GetResourcesRequest>().reply(Reply::page(503, "<html>busy</html>")).times(2);
    mock.on::<CreateMeetingRoomAreaRequest>().fault(Fault::bad_gateway());
    let client = builder(&mock).build().unwrap();
    assert_eq!(client.get_resources().await.unwrap().resource_type, Some(ResourceType::PartiesOnly));
    assert_eq!(mock.requests_for::<GetResourcesRequest>().len(), 3);

    let e = client.create_meeting_room_area(area("a")).await.unwrap_err();
    let Error::Status { status: 502, excerpt, operation } = &e else { panic!("{e:?}") };
    assert_eq!(*operation, CreateMeetingRoomAreaRequest::INFO.operation);
    assert!(excerpt.contains("502 Bad Gateway"), "{excerpt}");
    assert_eq!(mock.requests_for::<CreateMeetingRoomAreaRequest>().len(), 1);
}

#[tokio::test]
async fn retries_end_with_the_last_status() {
    let mock = start().await;
    mock.on::<GetResourcesRequest>().fault(Fault::bad_gateway());
    let client = builder(&mock).retries(3).build().unwrap();
    let e = client.get_resources().await.unwrap_err();
    assert!(matches!(e, Error::Status { status: 502, .. }), "{e:?}");
    assert_eq!(mock.requests_for::<GetResourcesRequest>().len(), 4);
}

#[tokio::test]
async fn a_slow_reply_is_a_timeout_and_is_not_retried() {
    let mock = start().await;
    // Counted as calls arrive (the held one is dropped unanswered when the client gives up).
    mock.on::<GetResourcesRequest>().fault(Fault::delay(Duration::from_millis(800))).times(2);
    let client = builder(&mock).timeout(Duration::from_millis(150)).build().unwrap();
    let started = std::time::Instant::now();
    let e = client.get_resources().await.unwrap_err();
    assert!(
        matches!(e, Error::Timeout { operation, after } if operation == GetResourcesRequest::INFO.operation
            && after == Duration::from_millis(150)),
        "{e:?}"
    );
    assert!(started.elapsed() < Duration::from_millis(700), "{:?}", started.elapsed());
    assert_eq!(mock.faults()[0].times, Some(1), "one call arrived");
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error_without_the_url() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = Client::builder()
        .url(&url)
        .session(AccountToken::new("tok-in-url-0c1d"), None)
        .server_api_level(3)
        .retry_backoff(Duration::from_millis(5))
        .build()
        .unwrap();
    let e = client.get_resources().await.unwrap_err();
    assert!(
        matches!(e, Error::Transport { operation, .. } if operation == GetResourcesRequest::INFO.operation),
        "{e:?}"
    );
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains("tok-in-url-0c1d") && !shown.contains(&url), "{shown}");
}

#[tokio::test]
async fn broken_replies_are_errors_never_panics() {
    let mock = start().await;
    let client = builder(&mock).build().unwrap();
    // The platform's own reply, cut off.
    mock.on::<GetResourcesRequest>().fault(Fault::truncated_json()).once();
    let e = client.get_resources().await.unwrap_err();
    let Error::Decode { status: 200, body: raw, .. } = &e else { panic!("{e:?}") };
    assert!(serde_json::from_slice::<serde_json::Value>(raw.as_bytes()).is_err() && !raw.as_bytes().is_empty());

    let page = "<html>not json</html>";
    mock.on::<GetResourcesRequest>().reply(Reply::page(200, page)).once();
    let mut expected = vec![page.to_owned()];
    for wrong in [json!({SUCCESS_FIELD: 1, "resources": "many"}), json!({SUCCESS_FIELD: true}), json!(null)] {
        expected.push(wrong.to_string());
        mock.on::<GetResourcesRequest>().reply(wrong).once();
    }
    for body in expected {
        let e = client.get_resources().await.unwrap_err();
        let Error::Decode { status: 200, body: raw, .. } = &e else { panic!("{body}: {e:?}") };
        assert_eq!(raw.as_bytes(), body.as_bytes());
    }
}

#[tokio::test]
async fn a_failure_reply_under_an_error_status_is_an_api_error() {
    let mock = start().await;
    let failure = json!({SUCCESS_FIELD: 0, ERROR_CODE_FIELD: 99999, DESCRIPTION_FIELD: "出错"});
    mock.on::<GetResourcesRequest>().reply(Reply::json(&failure).status(400));
    let client = builder(&mock).build().unwrap();
    let e = client.get_resources().await.unwrap_err();
    assert!(
        matches!(&e, Error::Api { code: 99999, meaning: Some("系统处理出错"), description: Some(d), .. } if d == "出错"),
        "{e:?}"
    );
}

#[tokio::test]
async fn an_expired_session_logs_in_again_and_retries_once() {
    let mock = start().await;
    let client = builder(&mock).build().unwrap();
    client.connect().await.unwrap();
    let first = client.cookie().unwrap().expose().to_owned();
    mock.on::<GetResourcesRequest>().fault(Fault::expire_session()).once();
    client.get_resources().await.unwrap();
    assert_eq!(mock.requests_for::<LoginRequest>().len(), 2);
    assert_ne!(client.cookie().unwrap().expose(), first);
    assert_eq!(
        outcomes(mock.requests_for::<GetResourcesRequest>()),
        [Outcome::Failure { code: TOKEN_INVALID }, Outcome::Success]
    );

    // Expired again after the new login: the error is returned, with one more login tried.
    mock.on::<GetResourcesRequest>().fault(Fault::expire_login()).times(2);
    let e = client.get_resources().await.unwrap_err();
    assert!(e.is_session_expired() && e.api_code() == Some(NOT_LOGGED_IN), "{e:?}");
    assert_eq!(mock.requests_for::<LoginRequest>().len(), 3);
    assert_eq!(mock.requests_for::<GetResourcesRequest>().len(), 4);
}

#[tokio::test]
async fn concurrent_calls_that_see_one_expiry_log_in_once() {
    let mock = start().await;
    let client = builder(&mock).build().unwrap();
    client.connect().await.unwrap();
    mock.expire_sessions();
    // Held long enough that all four are sent with the old token before any hears of its expiry.
    mock.on::<GetResourcesRequest>().fault(Fault::delay(Duration::from_millis(30))).times(4);
    let calls = (0..4).map(|_| client.get_resources());
    for r in futures::future::join_all(calls).await {
        r.unwrap();
    }
    let expired = outcomes(mock.requests_for::<GetResourcesRequest>());
    assert_eq!(expired.iter().filter(|o| **o == Outcome::Failure { code: TOKEN_INVALID }).count(), 4);
    assert_eq!(mock.requests_for::<LoginRequest>().len(), 2);
}

#[tokio::test]
async fn a_client_from_a_session_without_credentials_returns_the_expiry() {
    let mock = start().await;
    let client = Client::builder()
        .url(mock.base_url())
        .session(AccountToken::new("given-tok"), Some(SessionCookie::new("given-cookie")))
        .build()
        .unwrap();
    let e = client.get_resources().await.unwrap_err();
    assert_eq!(e.api_code(), Some(TOKEN_INVALID));
    let call = &mock.requests_for::<GetResourcesRequest>()[0];
    assert!(call.token_present && call.cookie_present);
    assert!(mock.requests_for::<LoginRequest>().is_empty());
}

#[tokio::test]
async fn bad_credentials_are_an_api_error_of_get_token() {
    let mock = start().await;
    let client = Client::builder().url(mock.base_url()).api_key(KEY, "wrong").user("u", "p").build().unwrap();
    let e = client.get_resources().await.unwrap_err();
    assert!(
        matches!(e, Error::Api { operation, code: 10001, .. } if operation == GetTokenRequest::INFO.operation),
        "{e:?}"
    );
}

fn heartbeats(mock: &MockPlatform) -> usize {
    mock.requests_for::<TokenHeartbeatRequest>().len() + mock.requests_for::<UserHeartbeatRequest>().len()
}

#[tokio::test]
async fn heartbeats_are_sent_when_idle_and_stop_when_the_client_is_dropped() {
    let mock = start().await;
    let client = builder(&mock).heartbeat_interval(Some(Duration::from_millis(60))).build().unwrap();
    client.connect().await.unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let before = heartbeats(&mock);
    assert!(before >= 4, "{before} heartbeats");
    // Each carries what it needs: the token in its path, the login cookie; the platform keeps both.
    let token_beat = &mock.requests_for::<TokenHeartbeatRequest>()[0];
    assert!(token_beat.token_present && token_beat.outcome == Outcome::Success, "{token_beat:?}");
    let user_beat = &mock.requests_for::<UserHeartbeatRequest>()[0];
    assert!(user_beat.cookie_present && user_beat.outcome == Outcome::Success, "{user_beat:?}");

    drop(client);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let after_drop = heartbeats(&mock);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(heartbeats(&mock), after_drop);
}

#[tokio::test]
async fn calls_put_the_heartbeats_off() {
    let mock = start().await;
    // Calls come far more often than the interval, so a loaded machine cannot let one lapse.
    let client = builder(&mock).heartbeat_interval(Some(Duration::from_millis(600))).build().unwrap();
    for _ in 0..16 {
        client.get_resources().await.unwrap();
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    assert_eq!(heartbeats(&mock), 0);
}

#[tokio::test]
async fn an_invalid_request_is_never_sent() {
    let mock = start().await;
    let client = builder(&mock).build().unwrap();
    let e = client.create_meeting_room_area(area(&"区".repeat(61))).await.unwrap_err();
    let Error::Invalid { operation, report } = &e else { panic!("{e:?}") };
    assert_eq!(*operation, CreateMeetingRoomAreaRequest::INFO.operation);
    assert_eq!(report.violations[0].path, "area");
    assert!(mock.requests().is_empty());
}

#[tokio::test]
async fn an_endpoint_above_the_servers_level_is_refused() {
    let level_2 = VersionInfo { version: "6.0.0.2.0".into(), api_level: 2 };
    let mock = MockPlatform::builder().mc_version(level_2).start().await.unwrap();
    let client = builder(&mock).build().unwrap();
    let e = client.validate_conf_name(ValidateConfNameRequest::new().conf_name("周会")).await.unwrap_err();
    assert!(
        matches!(e, Error::ApiLevelTooLow { operation, required: 3, server: 2 }
            if operation == ValidateConfNameRequest::INFO.operation),
        "{e:?}"
    );
    assert!(e.to_string().contains("level 3") && e.to_string().contains("level 2"), "{e}");
    // A level-2 call goes, with level 2 in its header; the version was asked once.
    client.list_meetings(ListMeetingsRequest::new()).await.unwrap();
    assert_eq!(mock.requests_for::<GetMcVersionRequest>().len(), 1);
    assert!(mock.requests_for::<ValidateConfNameRequest>().is_empty());
    assert_eq!(mock.requests_for::<ListMeetingsRequest>()[0].api_level.as_deref(), Some("2"));
}

#[tokio::test]
async fn uploads_are_multipart_and_a_file_over_the_limit_is_refused_before_sending() {
    let mock = start().await;
    let meeting = mock.seed_conference(kedacom_mc_mock::samples::create_conf_params("周会", 60)).unwrap().meeting_id;
    let client = builder(&mock).build().unwrap();
    client.upload_meeting_file(&meeting, FileUpload::new("议程.pdf", b"%PDF-1.4 agenda".to_vec())).await.unwrap();

    let dir = std::env::temp_dir().join(format!("kedacom-upload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let small = dir.join("notes.txt");
    std::fs::File::create(&small).unwrap().write_all(b"streamed from disk").unwrap();
    client.upload_meeting_file_from_path(&meeting, &small).await.unwrap();

    let big = dir.join("big.pdf");
    std::fs::File::create(&big).unwrap().set_len(20 * 1024 * 1024 + 1).unwrap();
    let e = client.upload_meeting_file_from_path(&meeting, &big).await.unwrap_err();
    let Error::Invalid { report, .. } = &e else { panic!("{e:?}") };
    assert_eq!(report.violations[0].rule, Rule::FileTooLarge(20 * 1024 * 1024));
    let e = client
        .upload_meeting_file(&meeting, FileUpload::new("big.pdf", vec![0u8; 20 * 1024 * 1024 + 1]))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Invalid { .. }), "{e:?}");
    std::fs::remove_dir_all(&dir).unwrap();

    // The platform read both as multipart uploads: the file part, its name, its bytes.
    let uploads = mock.received::<UploadMeetingFileRequest>();
    let got: Vec<(&str, &str, &[u8])> =
        uploads.iter().map(|u| (u.meeting_id.as_str(), u.file.file_name.as_str(), &u.file.content[..])).collect();
    assert_eq!(
        got,
        [(&*meeting, "议程.pdf", &b"%PDF-1.4 agenda"[..]), (&*meeting, "notes.txt", b"streamed from disk")]
    );
}

#[tokio::test]
async fn delete_goes_as_delete_or_as_post_with_the_override() {
    let mock = start().await;
    let (a1, a2) = (mock.seed_meeting_room_area("甲").unwrap(), mock.seed_meeting_room_area("乙").unwrap());
    let client = builder(&mock).build().unwrap();
    client.delete_meeting_room_area(&a1).await.unwrap();
    client.with_delete_via_post(true).delete_meeting_room_area(&a2).await.unwrap();
    let calls: Vec<(String, Outcome)> =
        mock.requests_for::<DeleteMeetingRoomAreaRequest>().into_iter().map(|r| (r.method, r.outcome)).collect();
    assert_eq!(calls, [("DELETE".to_owned(), Outcome::Success), ("POST".to_owned(), Outcome::Success)]);
}

#[tokio::test]
async fn check_on_server_sends_debug_and_reads_the_report() {
    let mock = start().await;
    let client = builder(&mock).build().unwrap();
    // The mock's own check of a sound request finds nothing, and carries nothing out.
    let check = client.check_on_server(CreateMeetingRoomAreaRequest::new(area("a"))).await.unwrap();
    assert!(check.issues.is_empty(), "{check:?}");
    assert_eq!(mock.requests_for::<CreateMeetingRoomAreaRequest>()[0].outcome, Outcome::Checked);

    let report = json!({SUCCESS_FIELD: 1, DEBUG_REPLY_FIELD: {"area": "名称重复"}});
    mock.on::<CreateMeetingRoomAreaRequest>().reply(report);
    let check = client.check_on_server(CreateMeetingRoomAreaRequest::new(area("a"))).await.unwrap();
    assert_eq!(check.issues.len(), 1);
    assert_eq!((check.issues[0].path.as_str(), check.issues[0].message.as_str()), ("area", "名称重复"));
    assert!(mock.requests_for::<CreateMeetingRoomAreaRequest>().iter().all(|r| r.server_check));
}

#[tokio::test]
async fn lists_stream_every_item_page_by_page() {
    let mock = start().await;
    let seeded: Vec<String> = (0..7).map(|i| mock.seed_meeting_room_area(&format!("区{i}")).unwrap()).collect();
    let client = builder(&mock).build().unwrap();
    use futures::TryStreamExt;
    let areas: Vec<MeetingRoomArea> =
        client.list_meeting_room_areas_stream(ListMeetingRoomAreasRequest::new().count(3)).try_collect().await.unwrap();
    let ids: Vec<&str> = areas.iter().filter_map(|a| a.id.as_deref()).collect();
    assert_eq!(ids, seeded);
    let windows: Vec<(Option<i64>, Option<i64>)> =
        mock.received::<ListMeetingRoomAreasRequest>().iter().map(|r| (r.start, r.count)).collect();
    assert_eq!(windows, [(Some(0), Some(3)), (Some(3), Some(3)), (Some(6), Some(3))]);
}

#[tokio::test]
async fn a_stream_ends_with_the_error_it_met() {
    let mock = start().await;
    for i in 0..4 {
        mock.seed_meeting_room_area(&format!("区{i}")).unwrap();
    }
    mock.on::<ListMeetingRoomAreasRequest>().when(|r| r.start.unwrap_or(0) > 0).fault(Fault::error_code(99999));
    let client = builder(&mock).build().unwrap();
    use futures::StreamExt;
    let got: Vec<Result<MeetingRoomArea, Error>> =
        client.list_meeting_room_areas_stream(ListMeetingRoomAreasRequest::new().count(2)).collect().await;
    assert_eq!(got.len(), 3);
    assert!(got[0].is_ok() && got[1].is_ok());
    assert_eq!(got[2].as_ref().unwrap_err().api_code(), Some(99999));
}

#[test]
fn building_needs_a_url_and_something_to_log_in_with() {
    let err = |b: ClientBuilder| b.build().unwrap_err().to_string();
    assert!(err(Client::builder().api_key("k", "s").user("u", "p")).contains("no platform URL"));
    assert!(err(Client::builder().url("http://h")).contains("no credentials"));
    assert!(err(Client::builder().url("http://h").api_key("k", "s")).contains("both"));
    assert!(err(Client::builder().url("ftp://h").api_key("k", "s").user("u", "p")).contains("http"));
    assert!(err(Client::builder().url("http://u:pw@h").api_key("k", "s").user("u", "p")).contains("credentials"));
    assert!(Client::builder().url("http://h/prefix/").api_key("k", "s").user("u", "p").build().is_ok());
}

#[test]
fn the_environment_gives_every_setting_and_errors_name_what_is_missing() {
    let vars = [
        (ENV_URL, "http://127.0.0.1:1"),
        (ENV_KEY, KEY),
        (ENV_SECRET, SECRET),
        (ENV_USER, "tester"),
        (ENV_PASSWORD, PASSWORD),
    ];
    // Only this test touches these variables in this test binary.
    for (k, v) in vars {
        std::env::set_var(k, v);
    }
    let builder = ClientBuilder::from_env().unwrap();
    let shown = format!("{builder:?} {:?}", builder.clone().build().unwrap());
    assert!(shown.contains("http://127.0.0.1:1"), "{shown}");
    assert!(![KEY, SECRET, PASSWORD].iter().any(|s| shown.contains(s)), "{shown}");
    std::env::remove_var(ENV_SECRET);
    std::env::set_var(ENV_PASSWORD, "");
    let e = Client::from_env().unwrap_err().to_string();
    assert!(e.contains("KEDACOM_SECRET, KEDACOM_PASSWORD") && !e.contains(KEY), "{e}");
    for (k, _) in vars {
        std::env::remove_var(k);
    }
}
