//! A scripted HTTP server on loopback for the tests: it answers the login calls itself,
//! hands every other request to the test's closure, and records what it received.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use kedacom_mc_client::{Client, ClientBuilder};

pub const KEY: &str = "test-key-5f2c";
pub const SECRET: &str = "test-secret-91ab";
pub const USER: &str = "tester";
pub const PASSWORD: &str = "test-password-77de";

/// One request as the server received it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: Method,
    pub path: String,
    pub query: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// What to answer.
pub struct Answer {
    pub status: u16,
    pub body: String,
    pub delay: Duration,
}

impl Answer {
    pub fn json(body: &str) -> Answer {
        Answer { status: 200, body: body.to_owned(), delay: Duration::ZERO }
    }

    pub fn status(status: u16, body: &str) -> Answer {
        Answer { status, body: body.to_owned(), delay: Duration::ZERO }
    }

    pub fn after(mut self, delay: Duration) -> Answer {
        self.delay = delay;
        self
    }
}

type Script = dyn Fn(&Seen) -> Answer + Send + Sync;

pub struct Server {
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    pub logins: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Server {
    /// Serves on a free loopback port; the platform's API level is `level`.
    pub async fn start(level: u32, script: impl Fn(&Seen) -> Answer + Send + Sync + 'static) -> Server {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let logins = Arc::new(AtomicUsize::new(0));
        let script: Arc<Script> = Arc::new(script);
        let (s, l) = (seen.clone(), logins.clone());
        let app = axum::Router::new().fallback(move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let (seen, logins, script) = (s.clone(), l.clone(), script.clone());
            async move {
                let req = Seen {
                    method,
                    path: uri.path().to_owned(),
                    query: uri.query().unwrap_or("").to_owned(),
                    headers,
                    body,
                };
                seen.lock().unwrap().push(req.clone());
                answer(&req, level, &logins, &*script).await
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Server { url, seen, logins, task }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// The requests to paths other than the login calls and the version.
    pub fn calls(&self) -> Vec<Seen> {
        self.seen().into_iter().filter(|s| !is_session_path(&s.path)).collect()
    }

    pub fn builder(&self) -> ClientBuilder {
        Client::builder()
            .url(&self.url)
            .api_key(KEY, SECRET)
            .user(USER, PASSWORD)
            .retry_backoff(Duration::from_millis(5))
    }
}

fn is_session_path(path: &str) -> bool {
    matches!(path, "/api/v1/system/token" | "/api/v1/system/login" | "/api/mc/version")
}

async fn answer(req: &Seen, level: u32, logins: &AtomicUsize, script: &Script) -> Response {
    let body = String::from_utf8_lossy(&req.body);
    match req.path.as_str() {
        "/api/v1/system/token" if body.contains(KEY) && body.contains(SECRET) => {
            let n = logins.load(Ordering::SeqCst) + 1;
            json(200, &format!(r#"{{"success":1,"account_token":"tok-{n}-a8d1"}}"#))
        }
        "/api/v1/system/token" => json(200, r#"{"success":0,"error_code":10001}"#),
        "/api/v1/system/login" if body.contains(PASSWORD) => {
            let n = logins.fetch_add(1, Ordering::SeqCst) + 1;
            let mut r = json(200, &format!(r#"{{"success":1,"username":"{USER}"}}"#));
            let cookie = format!("SSO_COOKIE_KEY=cookie-{n}-77f0; Expires=Mon, 11-Jul-2016 07:39:49 GMT; ");
            r.headers_mut().insert("set-cookie", cookie.parse().unwrap());
            r
        }
        "/api/v1/system/login" => json(200, r#"{"success":0,"error_code":19002}"#),
        "/api/mc/version" => json(200, &format!(r#"{{"success":1,"version":"6.1","api_level":{level}}}"#)),
        _ => {
            let a = script(req);
            if !a.delay.is_zero() {
                tokio::time::sleep(a.delay).await;
            }
            json(a.status, &a.body)
        }
    }
}

fn json(status: u16, body: &str) -> Response {
    let status = StatusCode::from_u16(status).unwrap();
    (status, [("content-type", "application/json; charset=UTF-8")], body.to_owned()).into_response()
}
