//! A call the platform refuses: an error code of its table, and what the reply's description says.

use std::fmt;

use kedacom_mc_models::error_message;

use crate::codes::PARAMETER_ERROR;

/// A refusal, as the platform words it in a failure reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlatformError {
    /// A code of the platform's error table; see [`crate::codes`].
    pub code: i64,
    /// The reply's `description`.
    pub description: String,
}

impl PlatformError {
    /// A refusal described by the table's own message for the code.
    pub fn new(code: i64) -> Self {
        PlatformError { code, description: error_message(code).unwrap_or_default().to_owned() }
    }

    /// A refusal whose description says more than the table's message.
    pub fn detailed(code: i64, detail: impl fmt::Display) -> Self {
        let description = match error_message(code) {
            Some(message) => format!("{message}: {detail}"),
            None => detail.to_string(),
        };
        PlatformError { code, description }
    }
}

impl PlatformError {
    /// A parameter error (52004). The table's message for it names one case (`enable`), so the
    /// description is the problem alone.
    pub fn parameter(problem: impl fmt::Display) -> Self {
        PlatformError { code: PARAMETER_ERROR, description: problem.to_string() }
    }
}

impl fmt::Display for PlatformError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error {}: {}", self.code, self.description)
    }
}

impl std::error::Error for PlatformError {}
