//! Faults a test asks for: what the platform (or what stands in front of it) does wrong, for one
//! request type or for all, a given number of times or until removed. The binary's `--fault`
//! names the endpoint by its operation id, which the models' table turns into the endpoint.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use kedacom_mc_models::{Endpoint, EndpointInfo};

/// What goes wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FaultKind {
    /// HTTP 502 with an HTML page, as a reverse proxy answers when the platform is down. The call
    /// is not carried out.
    BadGateway,
    /// The reply's JSON cut off halfway, as when a connection drops. The call is carried out.
    TruncatedJson,
    /// A failure reply with this error code, in the endpoint's failure shape. The call is not
    /// carried out.
    ErrorCode(i64),
    /// The reply comes this much later; the call is then answered as usual (other faults apply).
    Delay(Duration),
    /// Every token and login times out just before the call, which then gets 10002 (endpoints
    /// that take no token answer as usual), as do later calls until the caller gets a new token
    /// and logs in again.
    ExpireSession,
    /// Every login times out just before the call; tokens stay, so the call gets 10102.
    ExpireLogin,
    /// The platform accepts the call and answers `success` 1, then the operation fails with this
    /// error code, as the platform reports the failures of what it carries out after replying:
    /// the push document's failure notification on the channel the endpoint table gives for the
    /// call's failure ([`OutcomeInfo::failure`](kedacom_mc_models::OutcomeInfo::failure)), and
    /// none of the call's state (no composition, mix or recording runs; the terminals stay
    /// offline). Applies only to endpoints that have such a channel. The checks the platform makes
    /// before replying come first: a call they refuse is refused as usual.
    FailLater(i64),
}

/// A fault and where it applies. Built with [`Fault::new`] or the shorthands, narrowed with
/// [`on`](Fault::on) and [`times`](Fault::times), installed with
/// [`MockPlatform::inject`](crate::MockPlatform::inject) (or for one request type with
/// [`MockPlatform::on`](crate::MockPlatform::on)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    pub kind: FaultKind,
    /// The endpoint it applies to; `None` for every endpoint.
    pub endpoint: Option<&'static EndpointInfo>,
    /// How many calls it applies to before it is removed; `None` for every call.
    pub times: Option<u32>,
}

impl Fault {
    /// A fault on every operation, on every call.
    pub fn new(kind: FaultKind) -> Self {
        Fault { kind, endpoint: None, times: None }
    }

    pub fn bad_gateway() -> Self {
        Fault::new(FaultKind::BadGateway)
    }

    pub fn truncated_json() -> Self {
        Fault::new(FaultKind::TruncatedJson)
    }

    pub fn error_code(code: i64) -> Self {
        Fault::new(FaultKind::ErrorCode(code))
    }

    pub fn delay(by: Duration) -> Self {
        Fault::new(FaultKind::Delay(by))
    }

    pub fn expire_session() -> Self {
        Fault::new(FaultKind::ExpireSession)
    }

    pub fn expire_login() -> Self {
        Fault::new(FaultKind::ExpireLogin)
    }

    /// The operation fails after its success reply, with this code (see [`FaultKind::FailLater`]).
    pub fn fail_later(code: i64) -> Self {
        Fault::new(FaultKind::FailLater(code))
    }

    /// Only calls of requests of type `R`.
    pub fn on<R: Endpoint>(mut self) -> Self {
        self.endpoint = Some(R::INFO);
        self
    }

    /// Only the next `n` matching calls.
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }

    /// Only the next matching call.
    pub fn once(self) -> Self {
        self.times(1)
    }
}

/// A fault's text names an operation the platform does not have, or cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FaultError {
    #[error("no operation is called `{0}`")]
    UnknownOperation(String),
    #[error("cannot read fault `{text}`: {why}")]
    Unreadable { text: String, why: &'static str },
    #[error("`{0}` reports no failure after its reply: the push document has no failure notification for it")]
    NoFailureNotice(&'static str),
}

impl fmt::Display for FaultKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FaultKind::BadGateway => f.write_str("502"),
            FaultKind::TruncatedJson => f.write_str("truncate"),
            FaultKind::ErrorCode(code) => write!(f, "code:{code}"),
            FaultKind::Delay(d) => write!(f, "delay:{}ms", d.as_millis()),
            FaultKind::ExpireSession => f.write_str("expire-session"),
            FaultKind::ExpireLogin => f.write_str("expire-login"),
            FaultKind::FailLater(code) => write!(f, "fail-later:{code}"),
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.endpoint.map_or("*", |e| e.operation), self.kind)?;
        if let Some(n) = self.times {
            write!(f, "@{n}")?;
        }
        Ok(())
    }
}

/// `OPERATION=KIND[@TIMES]`, as the binary's `--fault` takes it: `OPERATION` is an operation id or
/// `*`; `KIND` is `502`, `truncate`, `code:N`, `delay:DURATION` (`250ms`, `2s`, `1m`),
/// `expire-session`, `expire-login` or `fail-later:N` (an operation with a failure notification).
/// Examples: `create_conf=502@1`, `*=delay:300ms`, `start_vmp=fail-later:20901`.
impl FromStr for Fault {
    type Err = FaultError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = |why| FaultError::Unreadable { text: text.to_owned(), why };
        let (operation, rest) = text.split_once('=').ok_or_else(|| bad("expected OPERATION=KIND"))?;
        let (kind, times) = match rest.split_once('@') {
            Some((kind, n)) => (kind, Some(n.trim().parse::<u32>().map_err(|_| bad("TIMES is not a count"))?)),
            None => (rest, None),
        };
        let kind = kind.trim();
        let code = |n: &str| n.trim().parse::<i64>().map_err(|_| bad("the code is not a number"));
        let kind = match kind.split_once(':') {
            None if kind == "502" => FaultKind::BadGateway,
            None if kind == "truncate" => FaultKind::TruncatedJson,
            None if kind == "expire-session" => FaultKind::ExpireSession,
            None if kind == "expire-login" => FaultKind::ExpireLogin,
            Some(("code", n)) => FaultKind::ErrorCode(code(n)?),
            Some(("delay", d)) => FaultKind::Delay(parse_duration(d).ok_or_else(|| bad("unreadable delay"))?),
            Some(("fail-later", n)) => FaultKind::FailLater(code(n)?),
            _ => return Err(bad("unknown kind")),
        };
        let endpoint = match operation.trim() {
            "*" => None,
            op => Some(EndpointInfo::find(op).ok_or_else(|| FaultError::UnknownOperation(op.to_owned()))?),
        };
        if let (FaultKind::FailLater(_), Some(endpoint)) = (&kind, endpoint) {
            if !crate::handlers::reportable(endpoint) {
                return Err(FaultError::NoFailureNotice(endpoint.operation));
            }
        }
        Ok(Fault { kind, endpoint, times })
    }
}

/// `250ms`, `2s`, `1.5s`, `1m`, `1h`; a bare number is seconds.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let seconds = match unit.trim() {
        "ms" => number / 1000.0,
        "" | "s" => number,
        "m" | "min" => number * 60.0,
        "h" => number * 3600.0,
        _ => return None,
    };
    Duration::try_from_secs_f64(seconds).ok()
}
