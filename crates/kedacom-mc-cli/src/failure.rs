//! Why a command did not succeed, and the exit status that says so: 1 the platform or the rules
//! refused the request, 2 the command line is wrong, 3 no usable reply came back.

use std::process::ExitCode;

use kedacom_mc_client::Error;
use kedacom_mc_models::ValidationReport;

/// The exit status of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    Success = 0,
    /// An API error, an invalid request, or a problem the platform's check found.
    Rejected = 1,
    /// A usage error: a missing or malformed argument, a file that can't be read, no URL.
    Usage = 2,
    /// A transport failure, a timeout, or a reply that can't be read.
    Transport = 3,
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> Self {
        ExitCode::from(s as u8)
    }
}

/// A failed command: its status and what to tell the user (on standard error).
#[derive(Debug)]
pub(crate) struct Failure {
    pub status: Status,
    pub message: String,
}

impl Failure {
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Failure { status: Status::Usage, message: message.into() }
    }

    pub(crate) fn rejected(message: impl Into<String>) -> Self {
        Failure { status: Status::Rejected, message: message.into() }
    }

    /// A request that breaks the document's rules, every violation on its own line.
    pub(crate) fn invalid(operation: &str, report: &ValidationReport) -> Self {
        Failure::rejected(format!("{operation}: invalid request, not sent: {report}"))
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        let status = match &e {
            Error::Invalid { .. }
            | Error::ApiLevelTooLow { .. }
            | Error::Api { .. }
            | Error::Failed { .. }
            | Error::NoOutcome { .. } => Status::Rejected,
            Error::Config(_) | Error::Unsupported { .. } => Status::Usage,
            // Transport, Timeout, Status (a proxy's error page), Decode, and whatever comes later.
            _ => Status::Transport,
        };
        // The causes too: "error sending request" alone doesn't say that the connection was refused.
        let mut message = e.to_string();
        let mut cause = std::error::Error::source(&e);
        while let Some(c) = cause {
            let text = c.to_string();
            if !message.contains(&text) {
                message.push_str(&format!(": {text}"));
            }
            cause = c.source();
        }
        Failure { status, message }
    }
}
