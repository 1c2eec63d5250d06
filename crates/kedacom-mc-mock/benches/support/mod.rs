//! What the load benchmark and the load-target example share: a mock holding conferences and a
//! logged-in session, the meeting-list call as raw HTTP/1.1, a bare axum server answering the
//! mock's reply bytes on the same runtime, and a keep-alive client that reads replies by their
//! length, as a load generator does.

#![allow(dead_code)]

use std::net::SocketAddr;

use axum::http::header::CONTENT_TYPE;
use bytes::Bytes;
use kedacom_mc_mock::{samples, MockPlatform};
use kedacom_mc_models::wire::WireBody;
use kedacom_mc_models::wire_names::{API_LEVEL_HEADER, SESSION_COOKIE, SUCCESS_FIELD};
use kedacom_mc_models::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The two servers under load, answering the same bytes to the same call.
pub struct Target {
    pub mock: MockPlatform,
    pub bare: SocketAddr,
    /// `GET /api/v1/mc/meetings?account_token=…` (the default page: 10 meetings).
    pub path_and_query: String,
    /// `SSO_COOKIE_KEY=…`, the session's login.
    pub cookie: String,
    /// The mock's reply to the call, which the bare server answers too.
    pub reply: Bytes,
}

impl Target {
    /// The call as raw HTTP/1.1 to `addr`, the session's headers included.
    pub fn request(&self, addr: SocketAddr) -> Vec<u8> {
        format!(
            "GET {} HTTP/1.1\r\nHost: {addr}\r\nCookie: {}\r\n{API_LEVEL_HEADER}: 3\r\n\r\n",
            self.path_and_query, self.cookie
        )
        .into_bytes()
    }

    /// `n` keep-alive connections to `addr`, each having made the call once and been answered the
    /// mock's bytes: a server answering anything else is not measured.
    pub async fn connections(&self, addr: SocketAddr, n: usize) -> Vec<Conn> {
        let request = self.request(addr);
        let mut pool = Vec::new();
        for _ in 0..n {
            let mut conn = Conn::open(addr).await;
            assert_eq!(conn.call(&request).await, &self.reply[..], "{addr} answers the same bytes");
            pool.push(conn);
        }
        pool
    }
}

/// A mock holding `conferences` running conferences, logged in, and the bare server beside it.
/// Call from inside the runtime that is to serve both.
pub async fn start(conferences: usize) -> Target {
    let running = i64::try_from(conferences).unwrap_or(i64::MAX);
    let mock = MockPlatform::builder().conferences_per_size(running.saturating_add(1)).start().await.unwrap();
    for i in 0..conferences {
        // Permanent: nothing changes while the load runs, so every reply is the same bytes.
        mock.seed_conference(samples::create_conf_params(&format!("会议{i:05}"), 0)).unwrap();
    }
    let session = Session::log_in(&mock).await;
    let list = ListMeetingsRequest::new();
    let reply = session.call(&list).await;
    let parsed: ListMeetingsReply = serde_json::from_slice(&reply).unwrap();
    assert_eq!(parsed.total, Some(running), "{}", String::from_utf8_lossy(&reply));
    assert_eq!(parsed.meetings.map(|m| m.len()), Some(conferences.min(10)));

    let bare = bare_server(reply.clone()).await;
    let path_and_query = list.to_wire(Some(&session.token), &WireOptions::default()).path_and_query();
    Target { mock, bare, path_and_query, cookie: session.cookie, reply }
}

/// A token and a login, and calls made with them (over reqwest: for setting up, not for load).
pub struct Session {
    http: reqwest::Client,
    base: String,
    pub token: AccountToken,
    /// `SSO_COOKIE_KEY=…`.
    pub cookie: String,
}

impl Session {
    pub async fn log_in(mock: &MockPlatform) -> Session {
        let http = reqwest::Client::new();
        let base = mock.base_url();
        let creds = mock.credentials().clone();
        let get_token = GetTokenRequest::new().oauth_consumer_key(&creds.key).oauth_consumer_secret(&creds.secret);
        let reply = send(&http, &base, &get_token.to_wire(None, &WireOptions::default()), None).await;
        let token: GetTokenReply = serde_json::from_slice(&reply.bytes().await.unwrap()).unwrap();
        let token = AccountToken::new(token.account_token.expect("a token"));
        let login = LoginRequest::new().username(&creds.username).password(&creds.password);
        let reply = send(&http, &base, &login.to_wire(Some(&token), &WireOptions::default()), None).await;
        let set_cookie = reply.headers().get("set-cookie").expect("login sets the cookie").to_str().unwrap();
        let cookie = set_cookie.split(';').next().unwrap().to_owned();
        assert!(cookie.starts_with(SESSION_COOKIE), "{cookie}");
        Session { http, base, token, cookie }
    }

    /// The reply body of a call that must succeed.
    pub async fn call<E: Endpoint>(&self, request: &E) -> Bytes {
        let wire = request.to_wire(Some(&self.token), &WireOptions::default());
        let body = send(&self.http, &self.base, &wire, Some(&self.cookie)).await.bytes().await.unwrap();
        let reply: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(reply[SUCCESS_FIELD], 1, "{}: {reply}", E::INFO.operation);
        body
    }
}

async fn send(http: &reqwest::Client, base: &str, w: &WireRequest, cookie: Option<&str>) -> reqwest::Response {
    let method = reqwest::Method::from_bytes(w.method.as_str().as_bytes()).unwrap();
    let mut rb = http.request(method, format!("{base}{}", w.path_and_query()));
    if let Some(cookie) = cookie {
        rb = rb.header("Cookie", cookie);
    }
    if let (WireBody::Form(_), Some(kind), Some(body)) = (&w.body, w.content_type(), w.form_body()) {
        rb = rb.header("Content-Type", kind).body(body);
    }
    rb.send().await.unwrap()
}

/// An axum 0.8 server answering every request with `reply`, as the mock sends it (HTTP 200,
/// JSON): the ceiling the mock's own stack sets.
async fn bare_server(reply: Bytes) -> SocketAddr {
    let app = axum::Router::new().fallback(move || {
        let body = reply.clone();
        async move { ([(CONTENT_TYPE, "application/json; charset=UTF-8")], body) }
    });
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// One keep-alive connection.
pub struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    pub async fn open(addr: SocketAddr) -> Conn {
        let stream = TcpStream::connect(addr).await.unwrap();
        stream.set_nodelay(true).unwrap();
        Conn { stream, buf: Vec::with_capacity(16 * 1024) }
    }

    /// Sends `request` and reads the whole reply; its body. Anything but a 200 with a length
    /// stops the benchmark: a failing server must not look fast.
    pub async fn call(&mut self, request: &[u8]) -> &[u8] {
        self.stream.write_all(request).await.unwrap();
        self.buf.clear();
        let (head, length) = loop {
            if let Some(end) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break (end + 4, content_length(&self.buf[..end]));
            }
            self.fill().await;
        };
        assert!(self.buf.starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&self.buf[..head]));
        while self.buf.len() < head + length {
            self.fill().await;
        }
        &self.buf[head..head + length]
    }

    async fn fill(&mut self) {
        let mut chunk = [0u8; 8192];
        let n = self.stream.read(&mut chunk).await.unwrap();
        assert!(n > 0, "the server closed the connection");
        self.buf.extend_from_slice(&chunk[..n]);
    }
}

fn content_length(head: &[u8]) -> usize {
    let head = String::from_utf8_lossy(head);
    head.lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse().ok())
        .expect("a Content-Length")
}
