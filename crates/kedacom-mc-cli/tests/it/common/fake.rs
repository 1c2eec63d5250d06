//! A stand-in platform whose session token and login cookie are known to the test, and whose
//! replies to the meeting-management calls are whatever the test says.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{header, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;

pub const TOKEN: &str = "token-4f1d9a7c2b";
pub const COOKIE: &str = "cookie-8e3b6d0a5f";

/// What the stand-in received: method, path and query, body.
pub type Received = Arc<Mutex<Vec<(String, String, String)>>>;

pub struct Fake {
    pub url: String,
    pub received: Received,
    // Serves while the test runs; dropping it ends the server.
    _runtime: tokio::runtime::Runtime,
}

impl Fake {
    /// Answers every call that isn't the version, token or login with `reply`.
    pub fn start(reply: impl Into<String>) -> Fake {
        let reply: Arc<str> = reply.into().into();
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        let received: Received = Arc::default();
        let log = received.clone();
        let app = Router::new().fallback(move |method: Method, uri: Uri, body: Bytes| {
            let (log, reply) = (log.clone(), reply.clone());
            async move {
                let target = uri.path_and_query().map(|p| p.to_string()).unwrap_or_default();
                log.lock().unwrap().push((method.to_string(), target, String::from_utf8_lossy(&body).into_owned()));
                answer(uri.path(), &reply)
            }
        });
        let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        runtime.spawn(async move { axum::serve(listener, app).await });
        Fake { url, received, _runtime: runtime }
    }
}

fn answer(path: &str, reply: &str) -> Response {
    let json = |body: String| ([(header::CONTENT_TYPE, "application/json")], body).into_response();
    match path {
        "/api/mc/version" | "/api/system/version" => json(r#"{"success":1,"version":"V6.1","api_level":3}"#.into()),
        "/api/v1/system/token" => json(format!(r#"{{"success":1,"account_token":"{TOKEN}"}}"#)),
        "/api/v1/system/login" => {
            let mut r = json(r#"{"success":1,"username":"admin"}"#.into());
            if let Ok(v) = format!("SSO_COOKIE_KEY={COOKIE}; Path=/").parse() {
                r.headers_mut().insert(header::SET_COOKIE, v);
            }
            r
        }
        _ if path.contains("/heartbeat") => json(r#"{"success":1}"#.into()),
        _ if path.starts_with("/api/") => json(reply.into()),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}
