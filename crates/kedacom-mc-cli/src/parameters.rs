//! How the command line gives each parameter of an operation: as its own option (`--conf-id`), as
//! the upload's `--file`, or, for the credentials the unified-login calls take, from the global
//! option that already holds them.

use kedacom_mc_models::{Endpoint, EndpointInfo, GetTokenRequest};

use crate::global;
use crate::table::{Kind, Operation, Parameter};

/// Options of an operation's own besides its parameters.
pub(crate) const PARAMS: &str = "params";
pub(crate) const FILE: &str = "file";
pub(crate) const ALL: &str = "all";
const LOCAL: &[&str] = &[PARAMS, FILE, ALL, "help"];

/// The parameters the unified-login document names for the credentials a session is made with
/// (the client logs in with the same), and the global option each is taken from. Credentials are
/// given once, globally, and never on an operation's own command line.
const CREDENTIALS: &[(&str, &str)] = &[
    ("oauth_consumer_key", global::KEY),
    ("oauth_consumer_secret", global::SECRET),
    ("username", global::USER),
    ("password", global::PASSWORD),
];

/// Where a parameter's value comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// Its own option, by this long name.
    Option(String),
    /// The upload's `--file PATH`.
    File,
    /// The global option of this name.
    Credential(&'static str),
}

/// The clap id of a parameter's option (apart from the global options' ids).
pub(crate) fn id(p: &Parameter) -> String {
    format!("param:{}", p.wire)
}

pub(crate) fn source(op: &Operation, p: &Parameter) -> Source {
    if matches!(p.kind, Kind::File { .. }) {
        return Source::File;
    }
    let login_document = EndpointInfo::find(op.operation).is_some_and(|e| e.document == GetTokenRequest::INFO.document);
    if let (true, Some((_, option))) = (login_document, CREDENTIALS.iter().find(|(wire, _)| *wire == p.wire)) {
        return Source::Credential(option);
    }
    Source::Option(long(p.long))
}

/// The long name of a parameter's option: its own, unless a global or local option has it.
fn long(own: &str) -> String {
    if global::NAMES.contains(&own) || LOCAL.contains(&own) {
        format!("param-{own}")
    } else {
        own.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kedacom_mc_models::wire::Place;

    fn param(wire: &'static str, long: &'static str, kind: Kind) -> Parameter {
        Parameter { wire, long, place: Place::Query, kind, required: false, secret: false, help: "", details: "" }
    }

    #[test]
    fn names_of_global_and_local_options_are_not_taken() {
        let op = Operation::find("list_meetings").unwrap();
        assert_eq!(source(op, &param("conf_id", "conf-id", Kind::Text)), Source::Option("conf-id".into()));
        assert_eq!(source(op, &param("timeout", "timeout", Kind::Integer)), Source::Option("param-timeout".into()));
        assert_eq!(source(op, &param("all", "all", Kind::Text)), Source::Option("param-all".into()));
        assert_eq!(source(op, &param("upload", "upload", Kind::File { max_bytes: None })), Source::File);
        // Outside the unified-login document a `password` is the operation's own parameter.
        assert_eq!(source(op, &param("password", "password", Kind::Text)), Source::Option("param-password".into()));
    }

    #[test]
    fn login_credentials_come_from_the_global_options() {
        let op = Operation::find("get-token").unwrap();
        let sources: Vec<Source> = op.parameters.iter().map(|p| source(op, p)).collect();
        assert_eq!(sources, [Source::Credential(global::KEY), Source::Credential(global::SECRET)]);
        let op = Operation::find("login").unwrap();
        let sources: Vec<Source> = op.parameters.iter().map(|p| source(op, p)).collect();
        assert_eq!(sources, [Source::Credential(global::USER), Source::Credential(global::PASSWORD)]);
    }
}
