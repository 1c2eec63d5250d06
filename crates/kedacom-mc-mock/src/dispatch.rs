//! One decoded call through the platform's rules, in the platform's order: the session (token,
//! then login), then the parameters (reported only, with `?debug=1`), then the operation.

use std::time::Instant;

use kedacom_mc_models::validate::{Rule, Violation};
use kedacom_mc_models::{AnyRequest, Decoded, EndpointInfo, Method, SessionNeed};

use crate::codes::{DATA_UNREADABLE, NOT_LOGGED_IN, PARAMETER_ERROR, TOKEN_INVALID};
use crate::error::PlatformError;
use crate::handlers::Ctx;
use crate::log::{self, Outcome};
use crate::reply::Body;
use crate::state::Platform;
use crate::{clock, debug_report, generated, reply, stored_lists};

/// A received call, decoded.
pub(crate) struct Call {
    pub(crate) decoded: Decoded,
    /// The login cookie's value.
    pub(crate) cookie: Option<String>,
    /// Why the body could not be read, when it could not.
    pub(crate) unreadable_body: Option<String>,
    /// The error code the operation fails with after its reply, when a rule says so.
    pub(crate) fails: Option<i64>,
}

/// The platform's answer to a call.
pub(crate) struct Answer {
    pub(crate) body: Body,
    /// A login cookie to set.
    pub(crate) cookie: Option<String>,
    pub(crate) outcome: Outcome,
    /// The request, for the log.
    pub(crate) request: Option<Box<AnyRequest>>,
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
        // Decoding validated the request: every rule is the spec's, as the client's `validate()` has it;
        // the mock adds only its own bound on stored lists.
        let (request, mut violations) = match call.decoded.request {
            Ok(request) => {
                let found = stored_lists::violations(&request);
                (Some(request), found)
            }
            Err(report) => (None, report.violations),
        };
        // Undocumented keys are ignored, as by the platform, and kept in the request's `extra`;
        // a strict mock refuses them.
        let mut warnings = call.decoded.warnings;
        if self.config.strict {
            violations.append(&mut warnings);
        }
        if check_only {
            let body = Body::new(reply::debug(debug_report::nest(&violations, &warnings)));
            return Answer { body, cookie: None, outcome: Outcome::Checked, request: None };
        }
        let Some(request) = request.filter(|_| violations.is_empty()) else {
            return refuse(info, invalid(&violations));
        };
        let token = call.decoded.token.as_ref().map(|t| t.expose());
        let ctx = Ctx { user, token, now, wall, fails: call.fails };
        let done = generated::dispatch::run(self, &request, &ctx);
        let kept = log::keeps_request(info).then(|| Box::new(request));
        match done {
            Ok(done) => {
                let body = reply::succeeded(done.body);
                Answer { body, cookie: done.cookie, outcome: Outcome::Success, request: kept }
            }
            Err(e) => Answer { request: kept, ..refuse(info, e) },
        }
    }

    /// The session the endpoint table says the call needs: the logged-in user, for calls that
    /// need a login; 10002 without a live token, 10102 without a live login. A live token or login
    /// is refreshed by the call.
    fn check_session(&mut self, call: &Call, now: Instant) -> Result<Option<String>, PlatformError> {
        let need = call.decoded.endpoint.session;
        if need == SessionNeed::None {
            return Ok(None);
        }
        let token = call.decoded.token.as_ref().map(|t| t.expose());
        if !token.is_some_and(|t| self.sessions.use_token(t, now)) {
            return Err(PlatformError::new(TOKEN_INVALID));
        }
        if need == SessionNeed::Token {
            return Ok(None);
        }
        let token = token.unwrap_or_default();
        match call.cookie.as_deref().and_then(|c| self.sessions.use_login(c, token, now)) {
            Some(user) => Ok(Some(user)),
            None => Err(PlatformError::new(NOT_LOGGED_IN)),
        }
    }
}

pub(crate) fn refuse(info: &EndpointInfo, e: PlatformError) -> Answer {
    let body = Body::new(reply::failure(info, &e));
    Answer { body, cookie: None, outcome: Outcome::Failure { code: e.code }, request: None }
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
