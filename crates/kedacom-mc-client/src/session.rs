//! The login session as state: the token and cookie every call carries, which login they came
//! from, when the client last used them, and the heartbeat task's handle. Getting and renewing
//! them is `login.rs`, which calls the platform.

use std::fmt;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use kedacom_mc_models::{AccountToken, SessionCookie};

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
    pub(crate) credentials: Option<Credentials>,
    live: RwLock<Option<Arc<Live>>>,
    /// Held while logging in.
    pub(crate) renewing: tokio::sync::Mutex<()>,
    last_activity: Mutex<Instant>,
    pub(crate) heartbeat_every: Option<Duration>,
    pub(crate) keep_alive_started: AtomicBool,
    pub(crate) keep_alive: Mutex<Option<tokio::task::AbortHandle>>,
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

    pub(crate) fn generation(&self) -> u64 {
        self.current().map_or(0, |l| l.generation)
    }

    pub(crate) fn install(&self, token: AccountToken, cookie: Option<SessionCookie>) {
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

    pub(crate) fn last_activity(&self) -> Instant {
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
