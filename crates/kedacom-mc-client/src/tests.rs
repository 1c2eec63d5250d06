//! Transport and session behaviour against a scripted loopback server: headers and cookies sent,
//! retries, timeouts, broken replies, re-login, heartbeats, and no credential in any output.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kedacom_mc_models::validate::Rule;
use kedacom_mc_models::*;

use crate::test_server::{Answer, Server, KEY, PASSWORD, SECRET};
use crate::{Client, Error};

const RESOURCES: &str = r#"{"success":1,"resource_type":1,"resources":[]}"#;

fn area(name: &str) -> CreateMeetingRoomAreaParams {
    CreateMeetingRoomAreaParams::new().area(name)
}

#[tokio::test]
async fn every_call_carries_the_level_the_token_and_the_cookie() {
    let server = Server::start(3, |_| Answer::json(r#"{"success":1,"id":"a1"}"#)).await;
    let client = server.builder().build().unwrap();
    client.create_meeting_room_area(area("华东 1区")).await.unwrap();
    client.get_resources().await.unwrap();

    let seen = server.seen();
    let paths: Vec<&str> = seen.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/api/mc/version",
            "/api/v1/system/token",
            "/api/v1/system/login",
            "/api/v1/mc/meeting_room_areas",
            "/api/v1/mc/resources"
        ]
    );
    let levels: Vec<&str> = seen.iter().map(|s| s.header("api-level").unwrap_or("-")).collect();
    assert_eq!(levels, ["1", "1", "1", "3", "3"]);
    assert_eq!(seen[1].header("content-type"), Some("application/x-www-form-urlencoded; charset=utf-8"));
    assert!(seen[1].header("cookie").is_none());

    let post = &seen[3];
    assert_eq!(post.method, "POST");
    assert_eq!(post.header("cookie"), Some("SSO_COOKIE_KEY=cookie-1-77f0"));
    let form: Vec<(String, String)> = form_urlencoded::parse(&post.body).into_owned().collect();
    assert_eq!(form[0], ("account_token".to_owned(), "tok-1-a8d1".to_owned()));
    assert_eq!(form[1].0, "params");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&form[1].1).unwrap()["area"], "华东 1区");

    let get = &seen[4];
    assert_eq!((get.method.as_str(), get.query.as_str()), ("GET", "account_token=tok-1-a8d1"));
    assert_eq!(get.header("cookie"), Some("SSO_COOKIE_KEY=cookie-1-77f0"));
    assert!(get.body.is_empty());
}

#[tokio::test]
async fn a_get_is_retried_on_5xx_with_backoff_and_a_post_never() {
    let gets = Arc::new(AtomicUsize::new(0));
    let g = gets.clone();
    let server = Server::start(3, move |s| match s.method.as_str() {
        "GET" if g.fetch_add(1, Ordering::SeqCst) < 2 => Answer::status(503, "<html>busy</html>"),
        "GET" => Answer::json(RESOURCES),
        _ => Answer::status(502, "<html><h1>502 Bad Gateway</h1></html>"),
    })
    .await;
    let client = server.builder().build().unwrap();
    assert_eq!(client.get_resources().await.unwrap().resource_type, Some(ResourceType::PartiesOnly));
    assert_eq!(gets.load(Ordering::SeqCst), 3);

    let e = client.create_meeting_room_area(area("a")).await.unwrap_err();
    let Error::Status { status: 502, excerpt, operation } = &e else { panic!("{e:?}") };
    assert_eq!((*operation, excerpt.as_str()), ("create_meeting_room_area", "<html><h1>502 Bad Gateway</h1></html>"));
    assert_eq!(server.calls().iter().filter(|s| s.method == "POST").count(), 1);
}

#[tokio::test]
async fn retries_end_with_the_last_status() {
    let server = Server::start(3, |_| Answer::status(502, "<html>down</html>")).await;
    let client = server.builder().retries(3).build().unwrap();
    let e = client.get_resources().await.unwrap_err();
    assert!(matches!(e, Error::Status { status: 502, .. }), "{e:?}");
    assert_eq!(server.calls().len(), 4);
}

#[tokio::test]
async fn a_slow_reply_is_a_timeout_and_is_not_retried() {
    let server = Server::start(3, |_| Answer::json(RESOURCES).after(Duration::from_millis(800))).await;
    let client = server.builder().timeout(Duration::from_millis(150)).build().unwrap();
    let started = std::time::Instant::now();
    let e = client.get_resources().await.unwrap_err();
    assert!(
        matches!(e, Error::Timeout { operation: "get_resources", after } if after == Duration::from_millis(150)),
        "{e:?}"
    );
    assert!(started.elapsed() < Duration::from_millis(700), "{:?}", started.elapsed());
    assert_eq!(server.calls().len(), 1);
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
    assert!(matches!(e, Error::Transport { operation: "get_resources", .. }), "{e:?}");
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains("tok-in-url-0c1d") && !shown.contains(&url), "{shown}");
}

#[tokio::test]
async fn broken_replies_are_errors_never_panics() {
    let bodies = [
        r#"{"success":1,"resource_type":1,"resour"#,
        "<html>not json</html>",
        r#"{"success":1,"resources":"many"}"#,
        r#"{"success":true}"#,
        r#"null"#,
    ];
    for body in bodies {
        let server = Server::start(3, move |_| Answer::json(body)).await;
        let client = server.builder().build().unwrap();
        let e = client.get_resources().await.unwrap_err();
        let Error::Decode { status: 200, body: raw, .. } = &e else { panic!("{body}: {e:?}") };
        assert_eq!(raw.as_bytes(), body.as_bytes());
    }
}

#[tokio::test]
async fn a_failure_reply_under_an_error_status_is_an_api_error() {
    let server =
        Server::start(3, |_| Answer::status(400, r#"{"success":0,"error_code":99999,"description":"出错"}"#)).await;
    let client = server.builder().build().unwrap();
    let e = client.get_resources().await.unwrap_err();
    assert!(
        matches!(&e, Error::Api { code: 99999, meaning: Some("系统处理出错"), description: Some(d), .. } if d == "出错"),
        "{e:?}"
    );
}

#[tokio::test]
async fn an_expired_session_logs_in_again_and_retries_once() {
    let calls = Arc::new(AtomicUsize::new(0));
    let c = calls.clone();
    let server = Server::start(3, move |s| match c.fetch_add(1, Ordering::SeqCst) {
        0 => Answer::json(r#"{"success":0,"error_code":10002}"#),
        1 => {
            assert!(s.query.contains("tok-2-a8d1"), "the retry carries the new token: {}", s.query);
            Answer::json(RESOURCES)
        }
        _ => Answer::json(r#"{"success":0,"error_code":10102,"description":"timeout"}"#),
    })
    .await;
    let client = server.builder().build().unwrap();
    client.get_resources().await.unwrap();
    assert_eq!(server.logins.load(Ordering::SeqCst), 2);
    assert_eq!(client.cookie().unwrap().expose(), "cookie-2-77f0");

    // Expired again after the new login: the error is returned, with one more login tried.
    let e = client.get_resources().await.unwrap_err();
    assert!(e.is_session_expired() && e.api_code() == Some(10102), "{e:?}");
    assert_eq!(server.logins.load(Ordering::SeqCst), 3);
    assert_eq!(calls.load(Ordering::SeqCst), 4);
}

#[tokio::test]
async fn concurrent_calls_that_see_one_expiry_log_in_once() {
    let expired = Arc::new(AtomicUsize::new(0));
    let e2 = expired.clone();
    let server = Server::start(3, move |s| {
        if s.query.contains("tok-1-") {
            e2.fetch_add(1, Ordering::SeqCst);
            Answer::json(r#"{"success":0,"error_code":10002}"#).after(Duration::from_millis(30))
        } else {
            Answer::json(RESOURCES)
        }
    })
    .await;
    let client = server.builder().build().unwrap();
    client.connect().await.unwrap();
    let calls = (0..4).map(|_| client.get_resources());
    for r in futures::future::join_all(calls).await {
        r.unwrap();
    }
    assert_eq!(expired.load(Ordering::SeqCst), 4);
    assert_eq!(server.logins.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_client_from_a_session_without_credentials_returns_the_expiry() {
    let server = Server::start(3, |_| Answer::json(r#"{"success":0,"error_code":10002}"#)).await;
    let client = Client::builder()
        .url(&server.url)
        .session(AccountToken::new("given-tok"), Some(SessionCookie::new("given-cookie")))
        .build()
        .unwrap();
    let e = client.get_resources().await.unwrap_err();
    assert_eq!(e.api_code(), Some(10002));
    let call = &server.calls()[0];
    assert_eq!(
        (call.query.as_str(), call.header("cookie")),
        ("account_token=given-tok", Some("SSO_COOKIE_KEY=given-cookie"))
    );
    assert_eq!(server.logins.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn bad_credentials_are_an_api_error_of_get_token() {
    let server = Server::start(3, |_| Answer::json(RESOURCES)).await;
    let client = Client::builder().url(&server.url).api_key(KEY, "wrong").user("u", "p").build().unwrap();
    let e = client.get_resources().await.unwrap_err();
    assert!(matches!(e, Error::Api { operation: "get_token", code: 10001, .. }), "{e:?}");
}

#[tokio::test]
async fn heartbeats_are_sent_when_idle_and_stop_when_the_client_is_dropped() {
    let server = Server::start(3, |_| Answer::json(r#"{"success":1}"#)).await;
    let client = server.builder().heartbeat_interval(Some(Duration::from_millis(60))).build().unwrap();
    client.connect().await.unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let beats = |s: &Server| s.calls().iter().filter(|c| c.path.ends_with("heartbeat")).count();
    let before = beats(&server);
    assert!(before >= 4, "{before} heartbeats");
    let token_beat = server.calls().into_iter().find(|c| c.path.starts_with("/api/v1/system/token/")).unwrap();
    assert_eq!(token_beat.path, "/api/v1/system/token/tok-1-a8d1/heartbeat");
    let user_beat = server.calls().into_iter().find(|c| c.path == "/api/v1/system/heartbeat").unwrap();
    assert_eq!(user_beat.header("cookie"), Some("SSO_COOKIE_KEY=cookie-1-77f0"));

    drop(client);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let after_drop = beats(&server);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(beats(&server), after_drop);
}

#[tokio::test]
async fn calls_put_the_heartbeats_off() {
    let server = Server::start(3, |_| Answer::json(RESOURCES)).await;
    // Calls come far more often than the interval, so a loaded machine cannot let one lapse.
    let client = server.builder().heartbeat_interval(Some(Duration::from_millis(600))).build().unwrap();
    for _ in 0..16 {
        client.get_resources().await.unwrap();
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    assert!(server.calls().iter().all(|c| !c.path.ends_with("heartbeat")));
}

#[tokio::test]
async fn an_invalid_request_is_never_sent() {
    let server = Server::start(3, |_| Answer::json(r#"{"success":1}"#)).await;
    let client = server.builder().build().unwrap();
    let e = client.create_meeting_room_area(area(&"区".repeat(61))).await.unwrap_err();
    let Error::Invalid { operation: "create_meeting_room_area", report } = &e else { panic!("{e:?}") };
    assert_eq!(report.violations[0].path, "area");
    assert!(server.seen().is_empty());
}

#[tokio::test]
async fn an_endpoint_above_the_servers_level_is_refused() {
    let server = Server::start(2, |_| Answer::json(r#"{"success":1}"#)).await;
    let client = server.builder().build().unwrap();
    let e = client.validate_conf_name(ValidateConfNameRequest::new().conf_name("周会")).await.unwrap_err();
    assert!(matches!(e, Error::ApiLevelTooLow { operation: "validate_conf_name", required: 3, server: 2 }), "{e:?}");
    assert!(e.to_string().contains("level 3") && e.to_string().contains("level 2"), "{e}");
    // A level-2 call goes, with level 2 in its header; the version was asked once.
    client.list_meetings(ListMeetingsRequest::new()).await.unwrap();
    let seen = server.seen();
    assert_eq!(seen.iter().filter(|s| s.path == "/api/mc/version").count(), 1);
    assert_eq!(server.calls()[0].header("api-level"), Some("2"));
}

#[tokio::test]
async fn uploads_are_multipart_and_a_file_over_the_limit_is_refused_before_sending() {
    let server = Server::start(3, |_| Answer::json(r#"{"success":1,"file_id":"f1"}"#)).await;
    let client = server.builder().build().unwrap();
    client.upload_meeting_file("m1", FileUpload::new("议程.pdf", b"%PDF-1.4 agenda".to_vec())).await.unwrap();

    let dir = std::env::temp_dir().join(format!("kedacom-upload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let small = dir.join("notes.txt");
    std::fs::File::create(&small).unwrap().write_all(b"streamed from disk").unwrap();
    client.upload_meeting_file_from_path("m1", &small).await.unwrap();

    let big = dir.join("big.zip");
    std::fs::File::create(&big).unwrap().set_len(20 * 1024 * 1024 + 1).unwrap();
    let e = client.upload_meeting_file_from_path("m1", &big).await.unwrap_err();
    let Error::Invalid { report, .. } = &e else { panic!("{e:?}") };
    assert_eq!(report.violations[0].rule, Rule::FileTooLarge(20 * 1024 * 1024));
    let e = client
        .upload_meeting_file("m1", FileUpload::new("big.zip", vec![0u8; 20 * 1024 * 1024 + 1]))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Invalid { .. }), "{e:?}");
    std::fs::remove_dir_all(&dir).unwrap();

    let uploads = server.calls();
    assert_eq!(uploads.len(), 2);
    for (call, content, name) in
        [(&uploads[0], "%PDF-1.4 agenda", "议程.pdf"), (&uploads[1], "streamed from disk", "notes.txt")]
    {
        assert_eq!(call.path, "/api/v1/mc/meeting_files/m1");
        assert!(call.header("content-type").unwrap().starts_with("multipart/form-data; boundary="));
        let body = String::from_utf8_lossy(&call.body);
        assert!(body.contains("name=\"account_token\"\r\n\r\ntok-1-a8d1\r\n"), "{body}");
        assert!(body.contains(&format!("name=\"file\"; filename=\"{name}\"")), "{body}");
        assert!(body.contains(content), "{body}");
    }
}

#[tokio::test]
async fn delete_goes_as_delete_or_as_post_with_the_override() {
    let server = Server::start(3, |_| Answer::json(r#"{"success":1}"#)).await;
    let client = server.builder().build().unwrap();
    client.delete_meeting_room_area("a1").await.unwrap();
    client.with_delete_via_post(true).delete_meeting_room_area("a2").await.unwrap();
    let calls = server.calls();
    assert_eq!((calls[0].method.as_str(), calls[0].path.as_str()), ("DELETE", "/api/v1/mc/meeting_room_areas/a1"));
    assert_eq!((calls[1].method.as_str(), calls[1].path.as_str()), ("POST", "/api/v1/mc/meeting_room_areas/a2"));
    let form: Vec<(String, String)> = form_urlencoded::parse(&calls[1].body).into_owned().collect();
    assert!(form.contains(&("_method".to_owned(), "DELETE".to_owned())), "{form:?}");
}

#[tokio::test]
async fn check_on_server_sends_debug_and_reads_the_report() {
    let server = Server::start(3, |_| Answer::json(r#"{"success":1,"dubug_list":{"area":"名称重复"}}"#)).await;
    let client = server.builder().build().unwrap();
    let check = client.check_on_server(CreateMeetingRoomAreaRequest::new(area("a"))).await.unwrap();
    assert_eq!(check.issues.len(), 1);
    assert_eq!((check.issues[0].path.as_str(), check.issues[0].message.as_str()), ("area", "名称重复"));
    assert_eq!(server.calls()[0].query, "debug=1");
}

#[tokio::test]
async fn lists_stream_every_item_page_by_page() {
    let server = Server::start(3, |s| {
        let q: Vec<(String, String)> = form_urlencoded::parse(s.query.as_bytes()).into_owned().collect();
        let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.parse::<usize>().unwrap()).unwrap();
        let (start, count) = (get("start"), get("count"));
        let items: Vec<String> =
            (start..(start + count).min(7)).map(|i| format!(r#"{{"id":"a{i}","area":"区{i}"}}"#)).collect();
        Answer::json(&format!(r#"{{"success":1,"total":7,"meeting_room_areas":[{}]}}"#, items.join(",")))
    })
    .await;
    let client = server.builder().build().unwrap();
    use futures::TryStreamExt;
    let areas: Vec<MeetingRoomArea> =
        client.list_meeting_room_areas_stream(ListMeetingRoomAreasRequest::new().count(3)).try_collect().await.unwrap();
    let ids: Vec<&str> = areas.iter().filter_map(|a| a.id.as_deref()).collect();
    assert_eq!(ids, ["a0", "a1", "a2", "a3", "a4", "a5", "a6"]);
    let queries: Vec<String> =
        server.calls().iter().map(|c| c.query.replace("account_token=tok-1-a8d1&", "")).collect();
    assert_eq!(queries, ["count=3&start=0", "count=3&start=3", "count=3&start=6"]);
}

#[tokio::test]
async fn a_stream_ends_with_the_error_it_met() {
    let server = Server::start(3, |s| {
        if s.query.contains("start=0") {
            Answer::json(r#"{"success":1,"total":4,"meeting_room_areas":[{"id":"a0"},{"id":"a1"}]}"#)
        } else {
            Answer::json(r#"{"success":0,"error_code":99999}"#)
        }
    })
    .await;
    let client = server.builder().build().unwrap();
    use futures::StreamExt;
    let got: Vec<Result<MeetingRoomArea, Error>> =
        client.list_meeting_room_areas_stream(ListMeetingRoomAreasRequest::new().count(2)).collect().await;
    assert_eq!(got.len(), 3);
    assert!(got[0].is_ok() && got[1].is_ok());
    assert_eq!(got[2].as_ref().unwrap_err().api_code(), Some(99999));
}

/// Captures every tracing event and span field at every level.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn no_credential_reaches_debug_output_errors_or_logs() {
    let capture = Capture::default();
    let c = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_writer(move || c.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    // Other tests on other threads may have met these callsites first, with no subscriber that
    // wanted them; ask every callsite again now that this thread has one.
    tracing::callsite::rebuild_interest_cache();

    let n = Arc::new(AtomicUsize::new(0));
    let n2 = n.clone();
    let server = Server::start(3, move |s| match n2.fetch_add(1, Ordering::SeqCst) {
        0 => Answer::json(r#"{"success":0,"error_code":10002}"#),
        // A proxy page echoing what it was sent.
        1 => Answer::status(500, &format!("<html>{} {}</html>", s.query, s.header("cookie").unwrap_or(""))),
        _ => Answer::json("{\"success\":1,"),
    })
    .await;
    let builder = server.builder().retries(0);
    let client = builder.clone().build().unwrap();
    let mut shown = vec![format!("{builder:?}")];
    shown.push(format!("{:?}", client.get_resources().await));
    shown.push(format!("{:?}", client.get_resources().await.map_err(|e| e.to_string())));
    shown.push(format!("{:?}", client.get_resources().await));
    shown.push(format!("{client:?} {:?} {:?}", client.token(), client.cookie()));
    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("kedacom_mc.call") && logs.contains("get_resources") && logs.contains("status=500"),
        "{logs}"
    );
    assert!(logs.contains("duration_ms="), "{logs}");
    let all = format!("{}\n{logs}", shown.join("\n"));
    for secret in [KEY, SECRET, PASSWORD, "tok-1-a8d1", "tok-2-a8d1", "cookie-1-77f0", "cookie-2-77f0"] {
        assert!(!all.contains(secret), "{secret} shown in:\n{all}");
    }
}

#[test]
fn building_needs_a_url_and_something_to_log_in_with() {
    let err = |b: crate::ClientBuilder| b.build().unwrap_err().to_string();
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
        (crate::ENV_URL, "http://127.0.0.1:1"),
        (crate::ENV_KEY, KEY),
        (crate::ENV_SECRET, SECRET),
        (crate::ENV_USER, "tester"),
        (crate::ENV_PASSWORD, PASSWORD),
    ];
    // Only this test touches these variables in this test binary.
    for (k, v) in vars {
        std::env::set_var(k, v);
    }
    let builder = crate::ClientBuilder::from_env().unwrap();
    let shown = format!("{builder:?} {:?}", builder.clone().build().unwrap());
    assert!(shown.contains("http://127.0.0.1:1"), "{shown}");
    assert!(![KEY, SECRET, PASSWORD].iter().any(|s| shown.contains(s)), "{shown}");
    std::env::remove_var(crate::ENV_SECRET);
    std::env::set_var(crate::ENV_PASSWORD, "");
    let e = Client::from_env().unwrap_err().to_string();
    assert!(e.contains("KEDACOM_SECRET, KEDACOM_PASSWORD") && !e.contains(KEY), "{e}");
    for (k, _) in vars {
        std::env::remove_var(k);
    }
}
