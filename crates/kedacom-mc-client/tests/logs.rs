//! No credential in any log line, with every span and event of the client captured at TRACE.
//!
//! This test is a binary of its own, the only test in its process. A tracing callsite caches, for
//! the whole process, whether any subscriber wants it; a test that installed its subscriber with
//! `set_default` beside other tests could find the `kedacom_mc.call` span cached as unwanted by a
//! thread that had none, and its capture would miss it. Here the capturing subscriber is the
//! process's global one, so every callsite is asked with it in place.

#[path = "it/server.rs"]
#[allow(dead_code, reason = "the scripted server's helpers that this test has no use for")]
mod server;

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use server::{Answer, Server, KEY, PASSWORD, SECRET};

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
