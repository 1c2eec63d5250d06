//! The client against the mock platform over loopback HTTP: every operation, the session (login,
//! cookie, expiry, heartbeats), DELETE both ways, uploads, the API level, paging, debug mode, a
//! conference from a template, and every error the client tells apart, with each fault the mock
//! can inject.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use futures::TryStreamExt;
use kedacom_mc_client::{Client, ClientBuilder, Error};
use kedacom_mc_codegen::spec::load_dir;
use kedacom_mc_mock::{samples, Fault, MockPlatform, Outcome, VersionInfo};
use kedacom_mc_models::validate::Rule;
use kedacom_mc_models::*;

/// A client of the mock, with its credentials and a short backoff.
pub(crate) fn builder(mock: &MockPlatform) -> ClientBuilder {
    let c = mock.credentials();
    Client::builder()
        .url(mock.base_url())
        .api_key(&c.key, &c.secret)
        .user(&c.username, &c.password)
        .retry_backoff(Duration::from_millis(5))
}

async fn started() -> (MockPlatform, Client) {
    let mock = MockPlatform::start().await.unwrap();
    let client = builder(&mock).build().unwrap();
    (mock, client)
}

/// The document's example body of an operation, as JSON.
fn document_params<T: Validate + JsonShape + serde::de::DeserializeOwned>(operation: &str) -> T {
    let api = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec")).unwrap_or_else(|d| panic!("{d}"));
    let example = api.endpoints.iter().find(|e| e.operation == operation).and_then(|e| e.params_example.clone());
    from_json(&example.unwrap().to_string()).unwrap()
}

fn operations(mock: &MockPlatform, outcome: Outcome) -> BTreeSet<&'static str> {
    mock.requests().into_iter().filter(|r| r.outcome == outcome).map(|r| r.operation).collect()
}

#[tokio::test]
async fn every_operation_succeeds_through_its_method() {
    let (mock, client) = started().await;
    let c = mock.credentials().clone();

    assert_eq!(client.get_mc_version().await.unwrap().api_level, Some(3));
    assert_eq!(client.get_system_version().await.unwrap().api_level, Some(1));
    let token = client
        .get_token(GetTokenRequest::new().oauth_consumer_key(&c.key).oauth_consumer_secret(&c.secret))
        .await
        .unwrap();
    assert!(token.account_token.is_some());
    client.login(LoginRequest::new().username(&c.username).password(&c.password)).await.unwrap();
    client.token_heartbeat().await.unwrap();
    client.user_heartbeat().await.unwrap();
    client.list_platforms().await.unwrap();
    client.get_resources().await.unwrap();

    let name_check = client.validate_conf_name(ValidateConfNameRequest::new().conf_name("项目周会")).await.unwrap();
    assert!(name_check.result.is_some());
    let conf = client.create_conf(samples::create_conf_params("项目周会", 60)).await.unwrap();
    let (conf_id, meeting_id) = (conf.conf_id.unwrap(), conf.meeting_id.unwrap());
    let meetings = client.list_meetings(ListMeetingsRequest::new()).await.unwrap();
    assert!(meetings.meetings.unwrap().iter().any(|m| m.conf_id.as_deref() == Some(&conf_id)));
    assert_eq!(client.get_meeting(&meeting_id).await.unwrap().name.as_deref(), Some("项目周会"));

    let file =
        client.upload_meeting_file(&meeting_id, FileUpload::new("议程.pdf", b"%PDF-1.4".to_vec())).await.unwrap();
    let file_id = file.meeting_file.and_then(|f| f.file_id).unwrap();
    assert_eq!(client.list_meeting_files(&meeting_id).await.unwrap().total, Some(1));
    client.delete_meeting_file(&file_id).await.unwrap();
    client.end_conf(&conf_id).await.unwrap();

    let booked = client
        .book_conf(samples::booked_conf_params("评审会", "2030-01-01T09:00:00+08:00", 90))
        .await
        .unwrap()
        .conf_id
        .unwrap();
    assert_eq!(client.get_booked_conf(&booked).await.unwrap().name.as_deref(), Some("评审会"));
    let listed = client.list_booked_confs(ListBookedConfsRequest::new()).await.unwrap();
    assert!(listed.booked_confs.unwrap().iter().any(|b| b.conf_id.as_deref() == Some(&booked)));
    client
        .update_booked_conf(&booked, samples::booked_conf_params("评审会(改)", "2030-01-02T09:00:00+08:00", 90))
        .await
        .unwrap();
    client.delete_booked_conf(&booked).await.unwrap();

    let area =
        client.create_meeting_room_area(CreateMeetingRoomAreaParams::new().area("华东")).await.unwrap().id.unwrap();
    client.update_meeting_room_area(&area, UpdateMeetingRoomAreaParams::new().area("华东 1区")).await.unwrap();
    let areas = client.list_meeting_room_areas(ListMeetingRoomAreasRequest::new()).await.unwrap();
    assert!(areas.meeting_room_areas.unwrap().iter().any(|a| a.area.as_deref() == Some("华东 1区")));
    client.delete_meeting_room_area(&area).await.unwrap();

    let room =
        client.create_virtual_meeting_room(samples::virtual_meeting_room_params("一号室")).await.unwrap().id.unwrap();
    assert_eq!(client.get_virtual_meeting_room(&room).await.unwrap().name.as_deref(), Some("一号室"));
    client.update_virtual_meeting_room(&room, document_params("update_virtual_meeting_room")).await.unwrap();
    assert_eq!(client.list_virtual_meeting_rooms(ListVirtualMeetingRoomsRequest::new()).await.unwrap().total, Some(1));
    client.delete_virtual_meeting_room(&room).await.unwrap();

    // The templates, created and changed with the document's example bodies.
    let personal: PersonalTemplateParams = document_params("create_personal_template");
    let tpl = client.create_personal_template(personal).await.unwrap().template_id.unwrap();
    client.update_personal_template(&tpl, document_params("update_personal_template")).await.unwrap();
    let listed = client.list_personal_templates(ListPersonalTemplatesRequest::new()).await.unwrap();
    assert!(listed.personal_templates.unwrap().iter().any(|t| t.template_id.as_deref() == Some(&tpl)));
    assert_eq!(client.get_personal_template(&tpl).await.unwrap().bitrate, Some(8128));
    assert_eq!(client.get_personal_template_simple(&tpl).await.unwrap().invite_num, Some(2));
    let invited =
        client.get_personal_template_invite_members(GetPersonalTemplateInviteMembersRequest::new(&tpl)).await.unwrap();
    assert_eq!(invited.total, Some(2));
    let mix = client.get_personal_template_mix(GetPersonalTemplateMixRequest::new(&tpl)).await.unwrap();
    assert_eq!(mix.total, Some(2));
    let vmp = client.get_personal_template_vmp(GetPersonalTemplateVmpRequest::new(&tpl)).await.unwrap();
    assert_eq!(vmp.total, Some(2));
    let poll = client.get_personal_template_poll(GetPersonalTemplatePollRequest::new(&tpl)).await.unwrap();
    assert_eq!(poll.poll.and_then(|p| p.members).map(|m| m.len()), Some(2));
    let vips = client.get_personal_template_vips(GetPersonalTemplateVipsRequest::new(&tpl)).await.unwrap();
    assert_eq!(vips.total, Some(2));
    let from = CreateConfParams::new().create_type(CreateType::PersonalTemplate).template_id(&tpl);
    let conf = client.create_conf(from).await.unwrap().meeting_id.unwrap();
    assert_eq!(client.get_meeting(&conf).await.unwrap().bitrate, Some(8128));
    client.delete_personal_template(&tpl).await.unwrap();

    let public: PublicTemplateParams = document_params("create_public_template");
    let tpl = client.create_public_template(public).await.unwrap().template_id.unwrap();
    client.update_public_template(&tpl, document_params("update_public_template")).await.unwrap();
    let listed = client.list_public_templates(ListPublicTemplatesRequest::new()).await.unwrap();
    assert!(listed.public_templates.unwrap().iter().any(|t| t.template_id.as_deref() == Some(&tpl)));
    assert_eq!(client.get_public_template(&tpl).await.unwrap().name.as_deref(), Some("test"));
    let from = CreateConfParams::new().create_type(CreateType::PublicTemplate).template_id(&tpl);
    let conf = client.create_conf(from).await.unwrap().meeting_id.unwrap();
    assert_eq!(client.get_meeting(&conf).await.unwrap().name.as_deref(), Some("test"));
    client.delete_public_template(&tpl).await.unwrap();

    // The meeting-control calls (`vc`) are called in meeting_control.rs, in a conference of their own.
    let all: BTreeSet<&str> = ENDPOINTS.iter().filter(|e| e.document.source != "vc").map(|e| e.operation).collect();
    assert_eq!(operations(&mock, Outcome::Success), all);
    let failed: Vec<_> = mock.requests().into_iter().filter(|r| r.outcome != Outcome::Success).collect();
    assert!(failed.is_empty(), "{failed:?}");
}

#[tokio::test]
async fn the_client_logs_in_and_sends_token_cookie_and_level_with_every_call() {
    let (mock, client) = started().await;
    assert!(!client.has_session());
    client.get_resources().await.unwrap();
    client.list_platforms().await.unwrap();
    assert!(client.has_session() && client.cookie().is_some());

    let log = mock.requests();
    let ops: Vec<&str> = log.iter().map(|r| r.operation).collect();
    assert_eq!(ops, ["get_mc_version", "get_token", "login", "get_resources", "list_platforms"]);
    for r in &log[3..] {
        assert!(r.token_present && r.cookie_present, "{r:?}");
        assert_eq!(r.api_level.as_deref(), Some("3"));
    }
    assert_eq!(log[1].api_level.as_deref(), Some("1"));
}

#[tokio::test]
async fn a_session_handed_to_another_client_works() {
    let (mock, client) = started().await;
    client.connect().await.unwrap();
    let other =
        Client::builder().url(mock.base_url()).session(client.token().unwrap(), client.cookie()).build().unwrap();
    other.get_resources().await.unwrap();
    assert_eq!(mock.requests_for::<GetTokenRequest>().len(), 1);
}

#[tokio::test]
async fn expired_tokens_and_logins_are_renewed_and_the_call_retried() {
    let (mock, client) = started().await;
    client.get_resources().await.unwrap();

    mock.expire_sessions();
    client.get_resources().await.unwrap();
    mock.inject(Fault::expire_login().on::<ListPlatformsRequest>().once());
    client.list_platforms().await.unwrap();
    mock.inject(Fault::expire_session().on::<CreateMeetingRoomAreaRequest>().once());
    client.create_meeting_room_area(CreateMeetingRoomAreaParams::new().area("华南")).await.unwrap();

    let failures: Vec<(&str, Outcome)> = mock
        .requests()
        .into_iter()
        .filter(|r| matches!(r.outcome, Outcome::Failure { .. }))
        .map(|r| (r.operation, r.outcome))
        .collect();
    assert_eq!(
        failures,
        [
            ("get_resources", Outcome::Failure { code: 10002 }),
            ("list_platforms", Outcome::Failure { code: 10102 }),
            ("create_meeting_room_area", Outcome::Failure { code: 10002 }),
        ]
    );
    assert_eq!(mock.requests_for::<LoginRequest>().len(), 4);
    assert_eq!(mock.requests_for::<CreateMeetingRoomAreaRequest>().len(), 2);
}

#[tokio::test]
async fn heartbeats_keep_an_idle_session_alive() {
    let mock = MockPlatform::builder().idle_timeout(Duration::from_millis(1000)).start().await.unwrap();
    let client = builder(&mock).heartbeat_interval(Some(Duration::from_millis(200))).build().unwrap();
    client.connect().await.unwrap();
    tokio::time::sleep(Duration::from_millis(2200)).await;
    client.get_resources().await.unwrap();
    assert_eq!(mock.requests_for::<GetTokenRequest>().len(), 1, "no new login was needed");
    assert!(mock.requests_for::<TokenHeartbeatRequest>().len() >= 3);
    assert!(mock
        .requests_for::<UserHeartbeatRequest>()
        .iter()
        .all(|r| r.outcome == Outcome::Success && r.cookie_present));

    // Without heartbeats the session lapses, and the call logs in again by itself.
    let quiet = builder(&mock).heartbeat_interval(None).build().unwrap();
    quiet.connect().await.unwrap();
    tokio::time::sleep(Duration::from_millis(1400)).await;
    quiet.get_resources().await.unwrap();
    assert_eq!(mock.requests_for::<GetTokenRequest>().len(), 3);

    // On demand, and stopped with the client.
    quiet.heartbeat().await.unwrap();
    drop(client);
    tokio::time::sleep(Duration::from_millis(100)).await;
    let beats = mock.requests_for::<TokenHeartbeatRequest>().len();
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(mock.requests_for::<TokenHeartbeatRequest>().len(), beats);
}

#[tokio::test]
async fn delete_is_sent_as_delete_or_as_post_with_the_override() {
    let (mock, client) = started().await;
    let a = mock.seed_meeting_room_area("甲").unwrap();
    let b = mock.seed_meeting_room_area("乙").unwrap();
    client.delete_meeting_room_area(&a).await.unwrap();
    builder(&mock).delete_via_post(true).build().unwrap().delete_meeting_room_area(&b).await.unwrap();
    let methods: Vec<String> =
        mock.requests_for::<DeleteMeetingRoomAreaRequest>().into_iter().map(|r| r.method).collect();
    assert_eq!(methods, ["DELETE", "POST"]);
    assert_eq!(client.list_meeting_room_areas(ListMeetingRoomAreasRequest::new()).await.unwrap().total, Some(0));
}

#[tokio::test]
async fn uploads_from_bytes_and_from_disk_and_the_20_mb_refusal() {
    let (mock, client) = started().await;
    let conf = client.create_conf(samples::create_conf_params("文件会", 60)).await.unwrap();
    let meeting = conf.meeting_id.unwrap();

    client.upload_meeting_file(&meeting, FileUpload::new("a.txt", b"from memory".to_vec())).await.unwrap();
    let dir = std::env::temp_dir().join(format!("kedacom-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("b.txt");
    std::fs::write(&path, vec![b'x'; 300_000]).unwrap();
    let streamed = client.upload_meeting_file_from_path(&meeting, &path).await.unwrap().meeting_file.unwrap();
    assert_eq!(streamed.file_name.as_deref(), Some("b.txt"));

    let big = dir.join("big.pdf");
    std::fs::File::create(&big).unwrap().set_len(20 * 1024 * 1024 + 1).unwrap();
    let e = client.upload_meeting_file_from_path(&meeting, &big).await.unwrap_err();
    let Error::Invalid { report, .. } = &e else { panic!("{e:?}") };
    assert_eq!(report.violations[0].rule, Rule::FileTooLarge(20 * 1024 * 1024));
    let e = client.upload_meeting_file(&meeting, FileUpload::new("big.pdf", vec![0u8; 20 * 1024 * 1024 + 1])).await;
    assert!(matches!(e, Err(Error::Invalid { .. })), "{e:?}");
    std::fs::remove_dir_all(&dir).unwrap();

    assert_eq!(mock.requests_for::<UploadMeetingFileRequest>().len(), 2);
    let files = client.list_meeting_files(&meeting).await.unwrap().meeting_files.unwrap();
    let names: BTreeSet<String> = files.into_iter().filter_map(|f| f.file_name).collect();
    assert_eq!(names, BTreeSet::from(["a.txt".to_owned(), "b.txt".to_owned()]));
}

#[tokio::test]
async fn an_older_server_refuses_newer_endpoints_before_sending() {
    let mock =
        MockPlatform::builder().mc_version(VersionInfo { version: "6.0".into(), api_level: 2 }).start().await.unwrap();
    let client = builder(&mock).build().unwrap();
    let e = client.validate_conf_name(ValidateConfNameRequest::new().conf_name("周会")).await.unwrap_err();
    assert!(matches!(e, Error::ApiLevelTooLow { operation: "validate_conf_name", required: 3, server: 2 }), "{e:?}");
    let e = client.book_conf(samples::booked_conf_params("x", "2030-01-01T09:00:00+08:00", 30)).await.unwrap_err();
    assert!(matches!(e, Error::ApiLevelTooLow { required: 3, server: 2, .. }), "{e:?}");
    client.list_meetings(ListMeetingsRequest::new()).await.unwrap();
    assert_eq!(client.server_api_level().await.unwrap(), 2);
    let ops: Vec<&str> = mock.requests().iter().map(|r| r.operation).collect();
    assert_eq!(ops, ["get_mc_version", "get_token", "login", "list_meetings"]);
    assert_eq!(mock.requests_for::<ListMeetingsRequest>()[0].api_level.as_deref(), Some("2"));
}

#[tokio::test]
async fn lists_larger_than_a_page_stream_every_item() {
    let (mock, client) = started().await;
    for i in 0..23 {
        mock.seed_meeting_room_area(&format!("区域{i:02}")).unwrap();
    }
    for i in 0..12 {
        mock.seed_conference(samples::create_conf_params(&format!("会议{i:02}"), 60)).unwrap();
    }
    let areas: Vec<MeetingRoomArea> = client
        .list_meeting_room_areas_stream(ListMeetingRoomAreasRequest::new().count(10))
        .try_collect()
        .await
        .unwrap();
    let names: BTreeSet<String> = areas.into_iter().filter_map(|a| a.area).collect();
    assert_eq!(names.len(), 23);
    let pages: Vec<Option<i64>> = mock
        .requests_for::<ListMeetingRoomAreasRequest>()
        .into_iter()
        .map(|r| match r.request.as_deref() {
            Some(AnyRequest::ListMeetingRoomAreas(q)) => q.start,
            _ => None,
        })
        .collect();
    assert_eq!(pages, [Some(0), Some(10), Some(20)]);

    let meetings: Vec<Meeting> =
        client.list_meetings_stream(ListMeetingsRequest::new().count(5)).try_collect().await.unwrap();
    assert_eq!(meetings.len(), 12);
    assert_eq!(mock.requests_for::<ListMeetingsRequest>().len(), 3);
    // No count: pages of the default size, never `count=0`.
    let all: Vec<Meeting> = client.list_meetings_stream(ListMeetingsRequest::new()).try_collect().await.unwrap();
    assert_eq!(all.len(), 12);
    assert!(mock.requests_for::<ListMeetingsRequest>().iter().all(|r| match r.request.as_deref() {
        Some(AnyRequest::ListMeetings(q)) => q.count.is_some_and(|c| c > 0),
        _ => false,
    }));
}

#[tokio::test]
async fn debug_mode_checks_on_the_platform_and_does_nothing() {
    let (mock, client) = started().await;
    // Every request rule is the spec's and checked before sending; the mock's own bound on stored
    // lists is what only the platform finds.
    let formats = samples::video_formats().into_iter().cycle().take(kedacom_mc_mock::MAX_LIST_ITEMS + 1);
    let too_long = samples::create_conf_params("检查", 60).video_formats(formats.collect::<Vec<_>>());
    let check = client.check_on_server(CreateConfRequest::new(too_long)).await.unwrap();
    assert!(!check.passed());
    assert_eq!(check.issues[0].path, "video_formats", "{check:?}");
    // A date that does not exist is refused before anything is sent.
    let bad_date = BookConfRequest::new(samples::booked_conf_params("检查", "2030-02-30T09:00:00+08:00", 60));
    let Err(Error::Invalid { report, .. }) = client.check_on_server(bad_date).await else { panic!("sent") };
    assert_eq!(report.violations[0].path, "start_time", "{report}");
    assert!(mock.requests_for::<BookConfRequest>().is_empty());
    let fine = CreateConfRequest::new(samples::create_conf_params("检查", 60));
    assert!(client.check_on_server(fine).await.unwrap().passed());
    assert!(mock.requests().iter().filter(|r| r.server_check).all(|r| r.outcome == Outcome::Checked));
    assert_eq!(client.list_meetings(ListMeetingsRequest::new()).await.unwrap().total, Some(0));
    assert_eq!(client.list_booked_confs(ListBookedConfsRequest::new()).await.unwrap().total, Some(0));
}

#[tokio::test]
async fn every_error_is_told_apart() {
    let (mock, client) = started().await;
    client.connect().await.unwrap();

    // Invalid request: not sent.
    let long = CreateMeetingRoomAreaParams::new().area("区".repeat(61));
    let e = client.create_meeting_room_area(long).await.unwrap_err();
    assert!(matches!(&e, Error::Invalid { report, .. } if report.violations[0].path == "area"), "{e:?}");
    assert!(mock.requests_for::<CreateMeetingRoomAreaRequest>().is_empty());

    // HTML 502: a GET is retried, then reported with the page's start; a POST is sent once.
    mock.inject(Fault::bad_gateway().on::<GetResourcesRequest>());
    let e = client.get_resources().await.unwrap_err();
    assert!(matches!(&e, Error::Status { status: 502, excerpt, .. } if excerpt.starts_with('<')), "{e:?}");
    assert_eq!(mock.requests_for::<GetResourcesRequest>().len(), 3);
    mock.clear_rules();
    mock.inject(Fault::bad_gateway().on::<CreateMeetingRoomAreaRequest>().once());
    let e = client.create_meeting_room_area(CreateMeetingRoomAreaParams::new().area("甲")).await.unwrap_err();
    assert!(matches!(e, Error::Status { status: 502, .. }), "{e:?}");
    assert_eq!(mock.requests_for::<CreateMeetingRoomAreaRequest>().len(), 1);

    // Truncated JSON: the raw bytes are kept.
    mock.inject(Fault::truncated_json().on::<ListPlatformsRequest>().once());
    let e = client.list_platforms().await.unwrap_err();
    let Error::Decode { status: 200, body, .. } = &e else { panic!("{e:?}") };
    assert!(body.as_bytes().starts_with(b"{") && serde_json::from_slice::<serde_json::Value>(body.as_bytes()).is_err());

    // An error code: the server's description and the document's meaning.
    mock.inject(Fault::error_code(99996).on::<GetVirtualMeetingRoomRequest>().once());
    let e = client.get_virtual_meeting_room("nope").await.unwrap_err();
    assert!(matches!(e, Error::Api { code: 99996, meaning: Some("该虚拟会议室不存在"), .. }), "{e:?}");

    // Too slow: a timeout, within the configured bound.
    let impatient = builder(&mock).timeout(Duration::from_millis(200)).build().unwrap();
    mock.inject(Fault::delay(Duration::from_millis(1500)).on::<ListPlatformsRequest>());
    let started = std::time::Instant::now();
    let e = impatient.list_platforms().await.unwrap_err();
    assert!(matches!(e, Error::Timeout { .. }), "{e:?}");
    assert!(started.elapsed() < Duration::from_millis(1200));
    mock.clear_rules();

    // API level too low, on a server that says so.
    let old =
        MockPlatform::builder().mc_version(VersionInfo { version: "6.0".into(), api_level: 1 }).start().await.unwrap();
    let e = builder(&old).build().unwrap().list_meetings(ListMeetingsRequest::new()).await.unwrap_err();
    assert!(matches!(e, Error::ApiLevelTooLow { required: 2, server: 1, .. }), "{e:?}");

    // Transport: nothing listens any more.
    let url = old.base_url();
    old.stop().await;
    let gone = Client::builder().url(url).api_key("k", "s").user("u", "p").retries(1).build().unwrap();
    let e = gone.get_resources().await.unwrap_err();
    assert!(matches!(e, Error::Transport { .. }), "{e:?}");

    // Wrong credentials: the platform's code for them.
    let wrong = Client::builder().url(mock.base_url()).api_key("k", "s").user("u", "p").build().unwrap();
    let e = wrong.get_resources().await.unwrap_err();
    assert!(matches!(e, Error::Api { operation: "get_token", .. }), "{e:?}");

    // Configuration.
    let e = Client::builder().url("not a url").api_key("k", "s").user("u", "p").build().unwrap_err();
    assert!(matches!(e, Error::Config(_)), "{e:?}");
}

#[tokio::test]
async fn an_error_code_fault_on_a_call_is_not_retried_unless_it_is_an_expiry() {
    let (mock, client) = started().await;
    client.connect().await.unwrap();
    mock.inject(Fault::error_code(10002).on::<ListPlatformsRequest>().once());
    client.list_platforms().await.unwrap();
    assert_eq!(mock.requests_for::<LoginRequest>().len(), 2);
    mock.inject(Fault::error_code(10102).on::<ListPlatformsRequest>().times(2));
    let e = client.list_platforms().await.unwrap_err();
    assert_eq!(e.api_code(), Some(10102));
    assert_eq!(mock.requests_for::<LoginRequest>().len(), 3);
    mock.inject(Fault::error_code(12103).on::<EndConfRequest>().once());
    assert_eq!(client.end_conf("1").await.unwrap_err().api_code(), Some(12103));
    assert_eq!(mock.requests_for::<EndConfRequest>().len(), 1);
}

#[tokio::test]
async fn a_conference_from_a_personal_template_the_client_made() {
    let (mock, client) = started().await;
    let invitee = |name: &str, number: &str| {
        Invitee::new()
            .name(name)
            .account(number)
            .account_type(AccountType::E164)
            .bitrate(1024)
            .protocol(CallProtocol::H323)
    };
    let invitees = vec![invitee("甲", "1001"), invitee("乙", "1002")];
    let params = samples::personal_template_params("模板周会").duration(45).bitrate(4096).invite_members(invitees);
    let tpl = client.create_personal_template(params).await.unwrap().template_id.unwrap();

    let listed: Vec<PersonalTemplateSummary> =
        client.list_personal_templates_stream(ListPersonalTemplatesRequest::new()).try_collect().await.unwrap();
    assert_eq!(listed.iter().map(|t| t.template_id.as_deref()).collect::<Vec<_>>(), [Some(tpl.as_str())]);
    let stored = client.get_personal_template(&tpl).await.unwrap();
    assert_eq!((stored.name.as_deref(), stored.duration, stored.bitrate), (Some("模板周会"), Some(45), Some(4096)));
    let invited: Vec<TemplateInviteMember> = client
        .get_personal_template_invite_members_stream(GetPersonalTemplateInviteMembersRequest::new(&tpl))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(invited.iter().filter_map(|m| m.account.as_deref()).collect::<Vec<_>>(), ["1001", "1002"]);

    let from = CreateConfParams::new().create_type(CreateType::PersonalTemplate).template_id(&tpl);
    let conf = client.create_conf(from).await.unwrap();
    let meetings = client.list_meetings(ListMeetingsRequest::new()).await.unwrap().meetings.unwrap();
    let meeting = meetings.iter().find(|m| m.meeting_id == conf.meeting_id).expect("the conference is listed");
    assert_eq!((meeting.name.as_deref(), meeting.conf_id.as_deref()), (Some("模板周会"), conf.conf_id.as_deref()));
    let detail = client.get_meeting(conf.meeting_id.as_deref().unwrap()).await.unwrap();
    assert_eq!((detail.duration, detail.bitrate), (Some(45), Some(4096)));
    assert_eq!(detail.members.map(|m| m.len()), Some(2));

    client.delete_personal_template(&tpl).await.unwrap();
    let e = client.get_personal_template(&tpl).await.unwrap_err();
    assert!(matches!(e, Error::Api { code: 99998, meaning: Some("该模板不存在"), .. }), "{e:?}");
    let again = CreateConfParams::new().create_type(CreateType::PersonalTemplate).template_id(&tpl).name("再开");
    assert_eq!(client.create_conf(again).await.unwrap_err().api_code(), Some(99998));
    assert_eq!(client.list_personal_templates(ListPersonalTemplatesRequest::new()).await.unwrap().total, Some(0));
    assert_eq!(mock.requests_for::<CreateConfRequest>().len(), 2);
}

#[tokio::test]
async fn each_document_goes_at_its_own_level_learnt_once_from_its_own_call() {
    let (mock, client) = started().await;
    client.list_meetings(ListMeetingsRequest::new()).await.unwrap();
    client.send(ListConfsRequest::new()).await.unwrap();
    client.send(ListConfsRequest::new()).await.unwrap();
    assert_eq!(mock.requests_for::<GetMcVersionRequest>().len(), 1);
    assert_eq!(mock.requests_for::<GetVcVersionRequest>().len(), 1);
    // Meeting management at the server's level (3); meeting control at its document's own (1).
    assert_eq!(mock.requests_for::<ListMeetingsRequest>()[0].api_level.as_deref(), Some("3"));
    let vc = mock.requests_for::<ListConfsRequest>();
    assert!(vc.len() == 2 && vc.iter().all(|r| r.api_level.as_deref() == Some("1")), "{vc:?}");
}
