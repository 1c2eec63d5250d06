//! Building a [`Client`]: the platform's URL, what to log in with, and the transport settings.

use std::fmt;
use std::time::Duration;

use kedacom_mc_models::{AccountToken, Endpoint, GetMcVersionRequest, SessionCookie};

use crate::client::{Client, Inner};
use crate::error::Error;
use crate::levels::Levels;
use crate::session::{Credentials, Session};
use crate::transport::Transport;

/// The environment variables [`ClientBuilder::from_env`] reads.
pub const ENV_URL: &str = "KEDACOM_URL";
pub const ENV_KEY: &str = "KEDACOM_KEY";
pub const ENV_SECRET: &str = "KEDACOM_SECRET";
pub const ENV_USER: &str = "KEDACOM_USER";
pub const ENV_PASSWORD: &str = "KEDACOM_PASSWORD";

/// Settings of a [`Client`]. Defaults: 10 s to connect, 30 s for a whole request, 2 retries of a
/// failed GET starting 200 ms apart, heartbeats after 10 idle minutes (the platform drops a session
/// after 30).
#[derive(Clone)]
pub struct ClientBuilder {
    url: Option<String>,
    key: Option<(String, String)>,
    user: Option<(String, String)>,
    session: Option<(AccountToken, Option<SessionCookie>)>,
    connect_timeout: Duration,
    timeout: Duration,
    retries: u32,
    backoff: Duration,
    heartbeat_every: Option<Duration>,
    delete_via_post: bool,
    server_api_level: Option<u32>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            url: None,
            key: None,
            user: None,
            session: None,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            retries: 2,
            backoff: Duration::from_millis(200),
            heartbeat_every: Some(Duration::from_secs(10 * 60)),
            delete_via_post: false,
            server_api_level: None,
        }
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("url", &self.url)
            .field("api_key", &self.key.as_ref().map(|_| "***"))
            .field("user", &self.user.as_ref().map(|_| "***"))
            .field("session", &self.session.as_ref().map(|_| "***"))
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("retries", &self.retries)
            .field("backoff", &self.backoff)
            .field("heartbeat_every", &self.heartbeat_every)
            .field("delete_via_post", &self.delete_via_post)
            .field("server_api_level", &self.server_api_level)
            .finish()
    }
}

impl ClientBuilder {
    /// The settings from `KEDACOM_URL`, `KEDACOM_KEY`, `KEDACOM_SECRET`, `KEDACOM_USER` and
    /// `KEDACOM_PASSWORD`; every one is needed. The error names the missing ones, never a value.
    pub fn from_env() -> Result<ClientBuilder, Error> {
        let read = |name: &'static str| std::env::var(name).ok().filter(|v| !v.is_empty()).ok_or(name);
        let values = [ENV_URL, ENV_KEY, ENV_SECRET, ENV_USER, ENV_PASSWORD].map(read);
        let missing: Vec<&str> = values.iter().filter_map(|v| v.as_ref().err().copied()).collect();
        if !missing.is_empty() {
            return Err(Error::Config(format!("not set: {}", missing.join(", "))));
        }
        let [url, key, secret, user, password] = values.map(Result::unwrap_or_default);
        Ok(ClientBuilder::default().url(url).api_key(key, secret).user(user, password))
    }

    /// The platform, such as `https://mc.example.com` (a path prefix is kept).
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// The API key and its secret from the platform's API licence (`oauth_consumer_key`,
    /// `oauth_consumer_secret`).
    pub fn api_key(mut self, key: impl Into<String>, secret: impl Into<String>) -> Self {
        self.key = Some((key.into(), secret.into()));
        self
    }

    /// The user to log in as.
    pub fn user(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.user = Some((username.into(), password.into()));
        self
    }

    /// Starts from a session obtained elsewhere: its token and login cookie. With credentials too,
    /// the client logs in again when the session expires; without, it returns the expiry error.
    pub fn session(mut self, token: AccountToken, cookie: Option<SessionCookie>) -> Self {
        self.session = Some((token, cookie));
        self
    }

    /// The longest wait for a connection.
    pub fn connect_timeout(mut self, t: Duration) -> Self {
        self.connect_timeout = t;
        self
    }

    /// The longest wait for a whole request, from sending to the reply's last byte (per attempt).
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    /// How many more times a GET is tried after a transport failure or a 5xx (never other methods).
    pub fn retries(mut self, n: u32) -> Self {
        self.retries = n;
        self
    }

    /// The wait before the first retry; each further one waits twice as long as the one before.
    pub fn retry_backoff(mut self, first: Duration) -> Self {
        self.backoff = first;
        self
    }

    /// After how long without a call the client sends heartbeats; `None` for none (then call
    /// [`Client::heartbeat`] yourself at least every 30 minutes).
    pub fn heartbeat_interval(mut self, every: Option<Duration>) -> Self {
        self.heartbeat_every = every.filter(|d| !d.is_zero());
        self
    }

    /// Send DELETE and PUT as POST with `_method` (see [`Client::with_delete_via_post`]).
    pub fn delete_via_post(mut self, on: bool) -> Self {
        self.delete_via_post = on;
        self
    }

    /// The server's API level, when known, so that it is not asked for.
    pub fn server_api_level(mut self, level: u32) -> Self {
        self.server_api_level = Some(level);
        self
    }

    /// The client. Nothing is sent until the first call (or [`Client::connect`]).
    pub fn build(self) -> Result<Client, Error> {
        let url = self.url.ok_or_else(|| Error::Config("no platform URL".into()))?;
        let parsed = reqwest::Url::parse(&url).map_err(|e| Error::Config(format!("platform URL: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
            return Err(Error::Config("platform URL: not an http(s) URL with a host".into()));
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(Error::Config(
                "platform URL: may not hold credentials; give them to `api_key` and `user`".into(),
            ));
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(Error::Config("platform URL: may not have a query or fragment".into()));
        }
        let credentials = match (self.key, self.user) {
            (Some((key, secret)), Some((username, password))) => Some(Credentials { key, secret, username, password }),
            (None, None) => None,
            _ => {
                return Err(Error::Config(
                    "give both the API key (with its secret) and the user (with the password)".into(),
                ))
            }
        };
        if credentials.is_none() && self.session.is_none() {
            return Err(Error::Config("no credentials and no session: nothing to call the platform with".into()));
        }
        let http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .user_agent(concat!("kedacom-mc-client/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Config(format!("HTTP client: {}", e.without_url())))?;
        // A known level is the meeting-management document's, which `get_mc_version` reports.
        let levels = Levels::with_known(GetMcVersionRequest::INFO, self.server_api_level);
        Ok(Client::new(Inner {
            push_stop: Default::default(),
            transport: Transport {
                http,
                base: parsed.as_str().trim_end_matches('/').to_owned(),
                base_url: parsed,
                timeout: self.timeout,
                connect_timeout: self.connect_timeout,
                retries: self.retries,
                backoff: self.backoff,
            },
            session: Session::new(credentials, self.session, self.heartbeat_every),
            levels,
            delete_via_post: self.delete_via_post,
        }))
    }
}
