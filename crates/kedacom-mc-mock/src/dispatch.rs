//! One decoded call through the platform's rules, in the platform's order: the session (token,
//! then login), then the parameters (reported only, with `?debug=1`), then the operation.

use std::time::Instant;

use kedacom_mc_models::validate::{Rule, Violation};
use kedacom_mc_models::{AnyRequest, Decoded, EndpointInfo, Method, SessionNeed};
use serde_json::Value;

use crate::codes::{DATA_UNREADABLE, NOT_LOGGED_IN, PARAMETER_ERROR, TOKEN_INVALID};
use crate::error::PlatformError;
use crate::handlers::{self, Ctx};
use crate::log::Outcome;
use crate::state::Platform;
use crate::{clock, debug_report, reply};

/// A received call, decoded.
pub(crate) struct Call {
    pub(crate) decoded: Decoded,
    /// The login cookie's value.
    pub(crate) cookie: Option<String>,
    /// Why the body could not be read, when it could not.
    pub(crate) unreadable_body: Option<String>,
}

/// The platform's answer to a call.
pub(crate) struct Answer {
    pub(crate) body: Value,
    /// A login cookie to set.
    pub(crate) cookie: Option<String>,
    pub(crate) outcome: Outcome,
    /// The request, for the log.
    pub(crate) request: Option<AnyRequest>,
}

impl Platform {
    pub(crate) fn answer(&mut self, call: Call, now: Instant) -> Answer {
        let info = call.decoded.endpoint;
        let wall = clock::now();
        self.advance(wall);
        let user = match self.check_session(&call, now) {
            Ok(user) => user,
            Err(e) => return refuse(info, e),
        };
        if let Some(why) = &call.unreadable_body {
            return refuse(info, PlatformError::detailed(DATA_UNREADABLE, why));
        }
        let check_only = call.decoded.server_check && info.method != Method::Get;
        // Decoding validated the request: every rule is the spec's, as the client's `validate()` has it.
        let (request, violations) = match call.decoded.request {
            Ok(request) => (Some(request), Vec::new()),
            Err(report) => (None, report.violations),
        };
        if check_only {
            let body = reply::debug(debug_report::nest(&violations));
            return Answer { body, cookie: None, outcome: Outcome::Checked, request: None };
        }
        let Some(request) = request.filter(|_| violations.is_empty()) else {
            return refuse(info, invalid(&violations));
        };
        let ctx = Ctx { user, now, wall };
        let kept = (!carries_credentials(info)).then(|| request.clone());
        match handlers::run(self, request, &ctx) {
            Ok(done) => Answer { body: done.body, cookie: done.cookie, outcome: Outcome::Success, request: kept },
            Err(e) => Answer { request: kept, ..refuse(info, e) },
        }
    }

    /// The logged-in user, for calls that need a login; 10002 without a live token, 10102 without a
    /// live login. A live token or login is refreshed by the call.
    fn check_session(&mut self, call: &Call, now: Instant) -> Result<Option<String>, PlatformError> {
        let info = call.decoded.endpoint;
        if info.token.is_none() {
            return Ok(None);
        }
        let token = call.decoded.token.as_ref().map(|t| t.expose());
        if !token.is_some_and(|t| self.sessions.use_token(t, now)) {
            return Err(PlatformError::new(TOKEN_INVALID));
        }
        if !needs_login(info) {
            return Ok(None);
        }
        match call.cookie.as_deref().and_then(|c| self.sessions.use_login(c, now)) {
            Some(user) => Ok(Some(user)),
            None => Err(PlatformError::new(NOT_LOGGED_IN)),
        }
    }
}

/// Whether the call needs the login cookie as well as the token, as the endpoint table says.
pub(crate) fn needs_login(info: &EndpointInfo) -> bool {
    info.session == SessionNeed::Login
}

/// Endpoints whose parameters are credentials; their requests are not logged.
fn carries_credentials(info: &EndpointInfo) -> bool {
    info.parameters.iter().any(|p| p.secret)
}

pub(crate) fn refuse(info: &EndpointInfo, e: PlatformError) -> Answer {
    Answer { body: reply::failure(info, &e), cookie: None, outcome: Outcome::Failure { code: e.code }, request: None }
}

/// The refusal of an invalid request: 27504 when something could not be read as data at all,
/// else 52004; the description lists the problems.
pub(crate) fn invalid(violations: &[Violation]) -> PlatformError {
    let unreadable = violations.iter().any(|v| matches!(v.rule, Rule::Type { .. }));
    let code = if unreadable { DATA_UNREADABLE } else { PARAMETER_ERROR };
    PlatformError { code, description: describe(violations) }
}

fn describe(violations: &[Violation]) -> String {
    const SHOWN: usize = 10;
    let mut parts: Vec<String> = violations.iter().take(SHOWN).map(|v| v.to_string()).collect();
    if violations.len() > SHOWN {
        parts.push(format!("and {} more", violations.len() - SHOWN));
    }
    parts.join("; ")
}
