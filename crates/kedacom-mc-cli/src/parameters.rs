//! How the command line gives each parameter of an operation: as its own option (`--conf-id`), as
//! the upload's `--file`, or, for the credentials a session is made with, from the global option
//! that already holds them.

use kedacom_mc_models::{Endpoint, EndpointInfo, GetTokenRequest, LoginRequest, ParamInfo, ParamKind, WireOptions};

use crate::global;
use crate::table::Parameter;

/// Options of an operation's own besides its parameters.
pub(crate) const PARAMS: &str = "params";
pub(crate) const FILE: &str = "file";
pub(crate) const ALL: &str = "all";
pub(crate) const WAIT: &str = "wait";
/// How long `--wait` alone waits for an outcome.
pub(crate) const DEFAULT_WAIT: &str = "60";
const LOCAL: &[&str] = &[PARAMS, FILE, ALL, "help"];

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
pub(crate) fn id(p: &ParamInfo) -> String {
    format!("param:{}", p.name)
}

pub(crate) fn source(info: &EndpointInfo, p: &ParamInfo, presentation: &Parameter) -> Source {
    if p.kind == ParamKind::File {
        return Source::File;
    }
    match credential(info, p.name) {
        Some(option) => Source::Credential(option),
        None => Source::Option(long(presentation.long)),
    }
}

/// The global option whose value a parameter of the calls a session is made with takes.
/// Credentials are given once, globally, and never on an operation's own command line. The calls
/// are laid out as the client makes them, each credential's value the name of its option, so the
/// parameter that receives it is the models' to say.
fn credential(info: &EndpointInfo, wire: &str) -> Option<&'static str> {
    let options = WireOptions::default();
    let calls = [
        GetTokenRequest::new()
            .oauth_consumer_key(global::KEY)
            .oauth_consumer_secret(global::SECRET)
            .to_wire(None, &options),
        LoginRequest::new().username(global::USER).password(global::PASSWORD).to_wire(None, &options),
    ];
    let given = calls.iter().find(|call| call.endpoint == info)?.field(wire)?;
    global::CREDENTIALS.iter().copied().find(|option| *option == given)
}

/// The wire name of the parameter a credential option fills (`oauth_consumer_key` for `key`).
pub(crate) fn credential_parameter(option: &str) -> Option<&'static str> {
    [GetTokenRequest::INFO, LoginRequest::INFO]
        .into_iter()
        .flat_map(|info| info.parameters.iter().filter(move |p| credential(info, p.name) == Some(option)))
        .map(|p| p.name)
        .next()
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
    use crate::table::Operation;

    #[test]
    fn names_of_global_and_local_options_are_not_taken() {
        assert_eq!(long("conf-id"), "conf-id");
        assert_eq!(long("timeout"), "param-timeout");
        assert_eq!(long("all"), "param-all");
        assert_eq!(long("password"), "param-password");
    }

    #[test]
    fn login_credentials_come_from_the_global_options() {
        let sources = |name: &str| {
            let op = Operation::find(name).unwrap();
            op.parameters().map(|(p, presentation)| source(op.info, p, presentation)).collect::<Vec<_>>()
        };
        assert_eq!(sources("get-token"), [Source::Credential(global::KEY), Source::Credential(global::SECRET)]);
        assert_eq!(sources("login"), [Source::Credential(global::USER), Source::Credential(global::PASSWORD)]);
        assert_eq!(credential_parameter(global::KEY), Some("oauth_consumer_key"));
        assert_eq!(credential_parameter(global::PASSWORD), Some("password"));
        assert_eq!(credential_parameter(global::URL), None);
    }

    #[test]
    fn other_parameters_have_their_own_options_and_uploads_take_the_file() {
        let sources = |name: &str| {
            let op = Operation::find(name).unwrap();
            op.parameters().map(|(p, presentation)| source(op.info, p, presentation)).collect::<Vec<_>>()
        };
        assert_eq!(sources("get-booked-conf"), [Source::Option("conf-id".into())]);
        assert!(sources("upload-meeting-file").contains(&Source::File));
    }
}
