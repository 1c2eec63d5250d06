//! Getting the session (token, then login), renewing it when the platform says it expired, and
//! keeping it alive while the client is idle.
//!
//! The platform drops a token, and a logged-in user, after 30 idle minutes. Every call refreshes
//! both; when nothing was sent for the heartbeat interval, a background task sends the two
//! heartbeats. The task holds only a weak reference to the client and is aborted when the client
//! is dropped.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use kedacom_mc_models::{
    AccountToken, Endpoint, GetTokenRequest, LoginRequest, TokenHeartbeatRequest, UserHeartbeatRequest,
};

use crate::client::{Client, Inner};
use crate::error::Error;
use crate::session::Live;

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
