//! No credential in any log line, with every span and event of the client captured at TRACE.
//!
//! This test is a binary of its own, the only test in its process. A tracing callsite caches, for
//! the whole process, whether any subscriber wants it; a test that installed its subscriber with
//! `set_default` beside other tests could find the `kedacom_mc.call` span cached as unwanted by a
//! thread that had none, and its capture would miss it. Here the capturing subscriber is the
//! process's global one, so every callsite is asked with it in place.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kedacom_mc_client::Client;
use kedacom_mc_mock::{Credentials, Fault, MockPlatform, Reply};
use kedacom_mc_models::codes::TOKEN_INVALID;
use kedacom_mc_models::wire_names::{ERROR_CODE_FIELD, SUCCESS_FIELD};
use kedacom_mc_models::{Endpoint, GetResourcesRequest};
use serde_json::json;

const KEY: &str = "test-key-5f2c";
const SECRET: &str = "test-secret-91ab";
const PASSWORD: &str = "test-password-77de";

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
    tracing::subscriber::set_global_default(subscriber).unwrap();

    let credentials =
        Credentials { key: KEY.into(), secret: SECRET.into(), username: "tester".into(), password: PASSWORD.into() };
    let mock = MockPlatform::builder().credentials(credentials).start().await.unwrap();
    // Every session credential the calls carry, as the platform saw them.
    let sent: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = sent.clone();
    let remember = move |token: Option<&str>, cookie: Option<&str>| {
        seen.lock().unwrap().extend([token, cookie].into_iter().flatten().map(str::to_owned));
    };
    let first = remember.clone();
    let expired = json!({SUCCESS_FIELD: 0, ERROR_CODE_FIELD: TOKEN_INVALID});
    mock.on::<GetResourcesRequest>()
        .reply_with(move |call| {
            first(call.token, call.cookie);
            Reply::json(&expired)
        })
        .once();
    // A proxy page echoing what it was sent.
    mock.on::<GetResourcesRequest>()
        .reply_with(move |call| {
            remember(call.token, call.cookie);
            Reply::page(500, format!("<html>{} {}</html>", call.token.unwrap_or(""), call.cookie.unwrap_or("")))
        })
        .once();
    mock.on::<GetResourcesRequest>().fault(Fault::truncated_json());

    let builder = Client::builder()
        .url(mock.base_url())
        .api_key(KEY, SECRET)
        .user("tester", PASSWORD)
        .retry_backoff(Duration::from_millis(5))
        .retries(0);
    let client = builder.clone().build().unwrap();
    let mut shown = vec![format!("{builder:?}")];
    shown.push(format!("{:?}", client.get_resources().await));
    shown.push(format!("{:?}", client.get_resources().await.map_err(|e| e.to_string())));
    shown.push(format!("{:?}", client.get_resources().await));
    shown.push(format!("{client:?} {:?} {:?}", client.token(), client.cookie()));
    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("kedacom_mc.call")
            && logs.contains(GetResourcesRequest::INFO.operation)
            && logs.contains("status=500"),
        "{logs}"
    );
    assert!(logs.contains("duration_ms="), "{logs}");
    let all = format!("{}\n{logs}", shown.join("\n"));
    let sent = sent.lock().unwrap().clone();
    assert_eq!(sent.len(), 4, "two tokens and two cookies");
    for secret in [KEY, SECRET, PASSWORD].into_iter().chain(sent.iter().map(String::as_str)) {
        assert!(!all.contains(secret), "{secret} shown in:\n{all}");
    }
}
