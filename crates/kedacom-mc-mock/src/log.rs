//! What the mock received, for tests to inspect: one entry per call that reached an endpoint.
//! Entries say whether credentials came, never what they were.

use kedacom_mc_models::{AnyRequest, EndpointInfo};

use crate::faults::FaultKind;

/// One call, as the mock read it.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordedRequest {
    /// The operation id, such as `create_conf`.
    pub operation: &'static str,
    /// The HTTP method as sent (a DELETE sent as POST with `_method=DELETE` shows `POST`).
    pub method: String,
    /// The path as sent, with a token in it shown as `***`.
    pub path: String,
    /// The `API-Level` header, when sent.
    pub api_level: Option<String>,
    /// An `account_token` came where the endpoint takes it.
    pub token_present: bool,
    /// The login cookie came.
    pub cookie_present: bool,
    /// `?debug=1` was asked.
    pub server_check: bool,
    /// The decoded request, when it was valid and carries no credential (`get_token` and `login`
    /// carry them, so theirs is never kept). Boxed: a request of the largest endpoint is about
    /// 2 KB, and the log moves entries as it turns over.
    pub request: Option<Box<AnyRequest>>,
    /// The faults that applied, in order.
    pub faults: Vec<FaultKind>,
    pub outcome: Outcome,
}

/// How the mock answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// `success: 1`, the call carried out.
    Success,
    /// `success: 0` with this error code.
    Failure { code: i64 },
    /// A `?debug=1` report; nothing carried out.
    Checked,
    /// HTTP 502, from a fault.
    BadGateway,
    /// A test's reply rule answered, with this HTTP status.
    Replied { status: u16 },
}

/// Whether the log keeps a call's decoded request. Not when a parameter is a credential (the API
/// secret, a password): those requests are the login's. A secret in the body (a conference's
/// `encrypted_key`) is kept, as the typed request never shows it in `Debug`, so that a test can
/// still read back the conference it created.
pub(crate) fn keeps_request(info: &EndpointInfo) -> bool {
    !info.parameters.iter().any(|p| p.secret)
}
