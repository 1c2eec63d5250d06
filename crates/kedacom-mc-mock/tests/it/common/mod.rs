//! A small client for the tests: lays requests out with the models' `to_wire` and sends them with
//! reqwest, keeping the token and the login cookie as a real client would.

pub mod listener;

use kedacom_mc_mock::MockPlatform;
use kedacom_mc_models::wire::WireBody;
use kedacom_mc_models::*;
use serde_json::Value;

pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    /// The `error_code` of a failure reply, or `None` for a success.
    pub fn code(&self) -> Option<i64> {
        let v = self.json();
        match v["success"].as_i64() {
            Some(1) => None,
            _ => Some(v["error_code"].as_i64().unwrap_or_else(|| panic!("no error_code: {v}"))),
        }
    }

    pub fn cookie(&self) -> Option<String> {
        let set = self.headers.get("set-cookie")?.to_str().ok()?;
        let (pair, _) = set.split_once(';').unwrap_or((set, ""));
        pair.strip_prefix("SSO_COOKIE_KEY=").map(str::to_owned)
    }
}

#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub token: Option<AccountToken>,
    pub cookie: Option<String>,
}

impl Client {
    pub fn new(mock: &MockPlatform) -> Self {
        Client { http: reqwest::Client::new(), base: mock.base_url(), token: None, cookie: None }
    }

    /// A client with a token and a login, with the mock's credentials.
    pub async fn logged_in(mock: &MockPlatform) -> Self {
        let mut c = Client::new(mock);
        c.get_token(mock).await;
        let creds = mock.credentials();
        let reply = c.call(&LoginRequest::new().username(&creds.username).password(&creds.password)).await;
        assert_eq!(reply.code(), None, "{}", reply.text);
        c.cookie = Some(reply.cookie().expect("login sets the cookie"));
        c
    }

    pub async fn get_token(&mut self, mock: &MockPlatform) {
        let creds = mock.credentials();
        let reply = self
            .call(&GetTokenRequest::new().oauth_consumer_key(&creds.key).oauth_consumer_secret(&creds.secret))
            .await;
        let token = reply.json()["account_token"].as_str().expect("a token").to_owned();
        self.token = Some(AccountToken::new(token));
    }

    pub async fn call<E: Endpoint>(&self, request: &E) -> Reply {
        self.call_with(request, WireOptions::default()).await
    }

    pub async fn call_with<E: Endpoint>(&self, request: &E, options: WireOptions) -> Reply {
        self.send(&request.to_wire(self.token.as_ref(), &options)).await
    }

    pub async fn send(&self, w: &WireRequest) -> Reply {
        let method = reqwest::Method::from_bytes(w.method.as_str().as_bytes()).unwrap();
        let mut rb = self.http.request(method, format!("{}{}", self.base, w.path_and_query()));
        if let Some(c) = &self.cookie {
            rb = rb.header("Cookie", format!("SSO_COOKIE_KEY={c}"));
        }
        rb = rb.header("API-Level", "3");
        match &w.body {
            WireBody::Empty => {}
            WireBody::Form(_) => {
                rb = rb.header("Content-Type", w.content_type().unwrap()).body(w.form_body().unwrap());
            }
            WireBody::Multipart { fields, file } => {
                let mut form = reqwest::multipart::Form::new();
                for f in fields {
                    form = form.text(f.name, f.value.clone());
                }
                let part = reqwest::multipart::Part::bytes(file.upload.content.to_vec())
                    .file_name(file.upload.file_name.clone());
                rb = rb.multipart(form.part(file.name, part));
            }
        }
        let response = rb.send().await.expect("the mock answers");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        Reply { status, headers, text }
    }
}
