//! The login session: the token and cookie every call carries, getting them (token, then login),
//! renewing them when the platform says they expired, and keeping them alive while the client is
//! idle.
//!
//! The platform drops a token, and a logged-in user, after 30 idle minutes. Every call refreshes
//! both; when nothing was sent for the heartbeat interval, a background task sends the two
//! heartbeats. The task holds only a weak reference to the client and is aborted when the client
//! is dropped.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::time::{Duration, Instant};

use kedacom_mc_models::{
    AccountToken, Endpoint, GetTokenRequest, LoginRequest, SessionCookie, TokenHeartbeatRequest, UserHeartbeatRequest,
};

use crate::client::{Client, Inner};
use crate::error::Error;

/// What the client logs in with.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Credentials {
    pub key: String,
    pub secret: String,
    pub username: String,
    pub password: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Credentials(***)")
    }
}

/// A token and login cookie the platform accepts.
#[derive(Debug)]
pub(crate) struct Live {
    pub token: AccountToken,
    pub cookie: Option<SessionCookie>,
    /// Counts logins, so that concurrent calls that all saw the same expiry log in again only once.
    pub generation: u64,
}

#[derive(Debug)]
pub(crate) struct Session {
    credentials: Option<Credentials>,
    live: RwLock<Option<Arc<Live>>>,
    /// Held while logging in.
    renewing: tokio::sync::Mutex<()>,
    last_activity: Mutex<Instant>,
    heartbeat_every: Option<Duration>,
    keep_alive_started: AtomicBool,
    keep_alive: Mutex<Option<tokio::task::AbortHandle>>,
}

impl Session {
    pub fn new(
        credentials: Option<Credentials>,
        existing: Option<(AccountToken, Option<SessionCookie>)>,
        heartbeat_every: Option<Duration>,
    ) -> Self {
        let live = existing.map(|(token, cookie)| Arc::new(Live { token, cookie, generation: 1 }));
        Session {
            credentials,
            live: RwLock::new(live),
            renewing: tokio::sync::Mutex::new(()),
            last_activity: Mutex::new(Instant::now()),
            heartbeat_every,
            keep_alive_started: AtomicBool::new(false),
            keep_alive: Mutex::new(None),
        }
    }

    pub fn current(&self) -> Option<Arc<Live>> {
        self.live.read().ok().and_then(|l| l.clone())
    }

    fn generation(&self) -> u64 {
        self.current().map_or(0, |l| l.generation)
    }

    fn install(&self, token: AccountToken, cookie: Option<SessionCookie>) {
        let generation = self.generation() + 1;
        if let Ok(mut l) = self.live.write() {
            *l = Some(Arc::new(Live { token, cookie, generation }));
        }
    }

    /// Keeps a login cookie a reply set (the platform may hand out a new one on any reply).
    pub fn update_cookie(&self, cookie: SessionCookie) {
        if let Ok(mut l) = self.live.write() {
            if let Some(live) = l.as_ref() {
                if live.cookie.as_ref() != Some(&cookie) {
                    *l = Some(Arc::new(Live {
                        token: live.token.clone(),
                        cookie: Some(cookie),
                        generation: live.generation,
                    }));
                }
            }
        }
    }

    pub fn can_log_in(&self) -> bool {
        self.credentials.is_some()
    }

    pub fn touch(&self) {
        if let Ok(mut t) = self.last_activity.lock() {
            *t = Instant::now();
        }
    }

    fn last_activity(&self) -> Instant {
        self.last_activity.lock().map_or_else(|_| Instant::now(), |t| *t)
    }

    /// The values that must never be shown: each credential, the token and the cookie.
    pub fn secrets(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(c) = &self.credentials {
            out.extend([c.key.clone(), c.secret.clone(), c.password.clone()]);
        }
        if let Some(live) = self.current() {
            out.push(live.token.expose().to_owned());
            out.extend(live.cookie.as_ref().map(|c| c.expose().to_owned()));
        }
        out
    }

    pub fn stop_keep_alive(&self) {
        if let Ok(mut h) = self.keep_alive.lock() {
            if let Some(h) = h.take() {
                h.abort();
            }
        }
    }
}

impl Client {
    /// Gets a token and logs in now, replacing any session the client had. Calls do this by
    /// themselves when they need to; calling it first surfaces bad credentials early.
    pub async fn connect(&self) -> Result<(), Error> {
        let _guard = self.inner.session.renewing.lock().await;
        self.log_in().await
    }

    /// Sends both heartbeats (token and user), which keeps the session alive for another 30
    /// minutes. The client does this by itself when idle; this is for clients built without
    /// background heartbeats.
    pub async fn heartbeat(&self) -> Result<(), Error> {
        self.send(TokenHeartbeatRequest::new()).await?;
        self.send(UserHeartbeatRequest::new()).await?;
        Ok(())
    }

    /// Whether the client holds a token (from a login, or given when it was built).
    pub fn has_session(&self) -> bool {
        self.inner.session.current().is_some()
    }

    /// The session to send a call with, logging in first when there is none.
    pub(crate) async fn session(&self) -> Result<Arc<Live>, Error> {
        if let Some(live) = self.inner.session.current() {
            self.keep_alive();
            return Ok(live);
        }
        let _guard = self.inner.session.renewing.lock().await;
        if let Some(live) = self.inner.session.current() {
            return Ok(live);
        }
        self.log_in().await?;
        self.inner.session.current().ok_or_else(|| Error::Config("login gave no session".into()))
    }

    /// Logs in again after the platform rejected the session of `generation`, unless another call
    /// already did.
    pub(crate) async fn renew(&self, generation: u64) -> Result<(), Error> {
        let _guard = self.inner.session.renewing.lock().await;
        if self.inner.session.generation() != generation {
            return Ok(());
        }
        tracing::info!("session expired; logging in again");
        self.log_in().await
    }

    /// Token, then login. The caller holds `renewing`.
    async fn log_in(&self) -> Result<(), Error> {
        let Some(c) = &self.inner.session.credentials else {
            return Err(Error::Config(
                "no credentials to log in with: give the API key, secret, user and password".into(),
            ));
        };
        let token_request = GetTokenRequest::new().oauth_consumer_key(&c.key).oauth_consumer_secret(&c.secret);
        let (reply, _) = self.exchange_plain(&token_request, None).await?;
        let Some(token) = reply.account_token.filter(|t| !t.is_empty()) else {
            // A success reply without the token it exists to give.
            return Err(Error::Decode {
                operation: GetTokenRequest::INFO.operation,
                status: 200,
                reason: "the reply has no account_token".into(),
                body: crate::error::RawBody(Default::default()),
            });
        };
        let token = AccountToken::new(token);
        let login = LoginRequest::new().username(&c.username).password(&c.password);
        let (_, cookie) = self.exchange_plain(&login, Some(&token)).await?;
        if cookie.is_none() {
            tracing::warn!("the login reply set no session cookie");
        }
        self.inner.session.install(token, cookie);
        self.inner.session.touch();
        self.keep_alive();
        Ok(())
    }

    /// Starts the background heartbeats once, when they are wanted.
    fn keep_alive(&self) {
        let session = &self.inner.session;
        let Some(every) = session.heartbeat_every else { return };
        if session.keep_alive_started.load(Ordering::Acquire) || session.keep_alive_started.swap(true, Ordering::AcqRel)
        {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            session.keep_alive_started.store(false, Ordering::Release);
            return;
        };
        // Boxed: tokio's task machinery for a boxed future is already compiled in the HTTP stack
        // (which spawns its connections so), where this future's own type would be compiled anew.
        let beat: Pin<Box<dyn Future<Output = ()> + Send>> = Box::pin(keep_alive(Arc::downgrade(&self.inner), every));
        let task = runtime.spawn(beat);
        if let Ok(mut h) = session.keep_alive.lock() {
            *h = Some(task.abort_handle());
        }
    }
}

/// Sends the heartbeats whenever nothing was sent for `every`; ends when the client is gone.
async fn keep_alive(client: Weak<Inner>, every: Duration) {
    let mut last_try: Option<Instant> = None;
    loop {
        let due = {
            let Some(inner) = client.upgrade() else { return };
            let since = inner.session.last_activity();
            last_try.map_or(since, |t| t.max(since)) + every
        };
        tokio::time::sleep_until(due.into()).await;
        let Some(inner) = client.upgrade() else { return };
        if inner.session.last_activity().elapsed() < every {
            continue;
        }
        last_try = Some(Instant::now());
        let client = Client::from_inner(inner);
        match client.heartbeat().await {
            Ok(()) => tracing::debug!("heartbeat sent"),
            Err(e) => tracing::warn!(error = %e, "heartbeat failed"),
        }
    }
}
