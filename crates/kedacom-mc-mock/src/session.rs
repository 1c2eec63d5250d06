//! The platform's session rules: an `account_token` for the API key, a login cookie for the user
//! issued for that token, each forgotten after an idle timeout that every call using it restarts.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Issued tokens and logins. No `Debug`: the keys are credentials.
pub(crate) struct Sessions {
    token_timeout: Duration,
    login_timeout: Duration,
    tokens: HashMap<String, Instant>,
    logins: HashMap<String, Login>,
}

struct Login {
    username: String,
    /// The token the login was made with: the platform issues the cookie for it, so the cookie
    /// is no login with any other token.
    token: String,
    last_used: Instant,
}

impl Sessions {
    pub(crate) fn new(token_timeout: Duration, login_timeout: Duration) -> Self {
        Sessions { token_timeout, login_timeout, tokens: HashMap::new(), logins: HashMap::new() }
    }

    /// A new token. Timed-out ones are dropped here so that a long run does not pile them up.
    pub(crate) fn issue_token(&mut self, now: Instant) -> String {
        let timeout = self.token_timeout;
        self.tokens.retain(|_, last| now.saturating_duration_since(*last) < timeout);
        let token = uuid::Uuid::new_v4().simple().to_string();
        self.tokens.insert(token.clone(), now);
        token
    }

    /// Whether the token is live; a live one starts its idle time again.
    pub(crate) fn use_token(&mut self, token: &str, now: Instant) -> bool {
        let timeout = self.token_timeout;
        match self.tokens.get_mut(token) {
            Some(last) if now.saturating_duration_since(*last) < timeout => {
                *last = now;
                true
            }
            Some(_) => {
                self.tokens.remove(token);
                false
            }
            None => false,
        }
    }

    /// A new login cookie value for the user, valid with `token` only.
    pub(crate) fn log_in(&mut self, token: &str, username: &str, now: Instant) -> String {
        let timeout = self.login_timeout;
        self.logins.retain(|_, l| now.saturating_duration_since(l.last_used) < timeout);
        let cookie = uuid::Uuid::new_v4().hyphenated().to_string();
        let login = Login { username: username.to_owned(), token: token.to_owned(), last_used: now };
        self.logins.insert(cookie.clone(), login);
        cookie
    }

    /// The user of a live login cookie sent with the token it was issued for; the login starts
    /// its idle time again. A cookie sent with another session's token is no login, and stays
    /// valid for its own.
    pub(crate) fn use_login(&mut self, cookie: &str, token: &str, now: Instant) -> Option<String> {
        let timeout = self.login_timeout;
        match self.logins.get_mut(cookie) {
            Some(l) if l.token != token => None,
            Some(l) if now.saturating_duration_since(l.last_used) < timeout => {
                l.last_used = now;
                Some(l.username.clone())
            }
            Some(_) => {
                self.logins.remove(cookie);
                None
            }
            None => None,
        }
    }

    /// Whether the login cookie is live, whatever token it goes with (the push service sees the
    /// cookie only); a live login starts its idle time again.
    pub(crate) fn touch_login(&mut self, cookie: &str, now: Instant) -> bool {
        let timeout = self.login_timeout;
        match self.logins.get_mut(cookie) {
            Some(l) if now.saturating_duration_since(l.last_used) < timeout => {
                l.last_used = now;
                true
            }
            _ => false,
        }
    }

    /// Forgets every token and login, as if all had timed out.
    pub(crate) fn expire_all(&mut self) {
        self.tokens.clear();
        self.logins.clear();
    }

    /// Forgets every login; tokens stay.
    pub(crate) fn expire_logins(&mut self) {
        self.logins.clear();
    }
}
