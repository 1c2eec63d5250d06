//! The one error type of every call.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use kedacom_mc_models::ValidationReport;

/// Why a call did not return its reply.
///
/// No variant's `Display` or `Debug` shows a credential: transport errors lose their URL (a GET's
/// query carries the token), status excerpts have every session secret masked, and undecodable
/// bodies are shown by length only.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request breaks the document's rules; it was not sent.
    #[error("{operation}: invalid request, not sent: {report}")]
    Invalid { operation: &'static str, report: ValidationReport },

    /// The server's API level is below the endpoint's minimum; the request was not sent.
    #[error("{operation} needs API level {required}, but the server is at level {server}; not sent")]
    ApiLevelTooLow { operation: &'static str, required: u32, server: u32 },

    /// The request or its reply did not make it across: connection refused or reset, TLS, a body cut
    /// short, a file to upload that could not be read.
    #[error("{operation}: transport failure: {source}")]
    Transport {
        operation: &'static str,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },

    /// No complete reply within the configured time (connecting, or the whole request).
    #[error("{operation}: no reply within {after:?}")]
    Timeout { operation: &'static str, after: Duration },

    /// An HTTP status other than 2xx, without a failure reply in the body (a proxy's error page).
    #[error("{operation}: HTTP {status}: {excerpt}")]
    Status {
        operation: &'static str,
        status: u16,
        /// The start of the body as text, session secrets masked.
        excerpt: String,
    },

    /// The platform answered `success: 0`.
    #[error("{operation}: API error {code}{}{}", meaning.map(|m| format!(" ({m})")).unwrap_or_default(), description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    Api {
        operation: &'static str,
        /// `error_code`.
        code: i64,
        /// The server's `description`, when the failure reply has one.
        description: Option<String>,
        /// The document's meaning of the code ([`kedacom_mc_models::error_message`]).
        meaning: Option<&'static str>,
        /// The failure reply, decoded into the endpoint's failure type and kept as JSON.
        reply: Box<serde_json::Value>,
    },

    /// A reply that is not what the endpoint returns: not JSON, cut short, no `success` of 0 or 1,
    /// a field of the wrong type.
    #[error("{operation}: undecodable reply (HTTP {status}, {body:?}): {reason}")]
    Decode { operation: &'static str, status: u16, reason: String, body: RawBody },

    /// The client is not set up to make this call (a missing setting or environment variable, a
    /// malformed URL, no credentials to log in with).
    #[error("client configuration: {0}")]
    Config(String),

    /// The push service refused or failed: the handshake or a subscription was not accepted, or
    /// no reply came.
    #[error("push service: {0}")]
    Push(String),

    /// An awaited outcome was reported as a failure by the push service's notification.
    #[error("{operation}: failed: error {code}{}", meaning.map(|m| format!(" ({m})")).unwrap_or_default())]
    Failed { operation: &'static str, code: i64, meaning: Option<&'static str> },

    /// The operation can't be used this way: awaiting an outcome the push service does not report,
    /// or reading an event back with a GET that is not its channel's. Nothing was sent.
    #[error("{operation}: {reason}")]
    Unsupported { operation: &'static str, reason: String },

    /// An awaited outcome did not arrive in time.
    #[error("{operation}: no outcome within {after:?}")]
    NoOutcome { operation: &'static str, after: Duration },
}

impl Error {
    /// The platform's `error_code`, for [`Error::Api`].
    pub fn api_code(&self) -> Option<i64> {
        match self {
            Error::Api { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// Whether the platform rejected the session: the token or the login expired (the error
    /// table's rows marked so: [`codes::TOKEN_INVALID`](kedacom_mc_models::codes::TOKEN_INVALID),
    /// [`codes::NOT_LOGGED_IN`](kedacom_mc_models::codes::NOT_LOGGED_IN)).
    pub fn is_session_expired(&self) -> bool {
        self.api_code().is_some_and(kedacom_mc_models::session_expired)
    }

    pub(crate) fn transport(
        operation: &'static str,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Error::Transport { operation, source: source.into() }
    }
}

/// A reply body kept as received. `Debug` shows only its length: a body may echo what was sent.
#[derive(Clone, PartialEq, Eq)]
pub struct RawBody(pub Bytes);

impl RawBody {
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} bytes", self.0.len())
    }
}
