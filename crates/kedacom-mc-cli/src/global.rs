//! The global options: where the platform is, what to log in with, and how to send. Each can be
//! given before or after the subcommand, or through its environment variable.

use std::time::Duration;

use clap::builder::{FalseyValueParser, StyledStr};
use clap::{Arg, ArgAction, ArgMatches};
use kedacom_mc_client::{Client, ENV_KEY, ENV_PASSWORD, ENV_SECRET, ENV_URL, ENV_USER};
use kedacom_mc_models::{wire_names, Endpoint, GetMcVersionRequest};

use crate::failure::Failure;
use crate::{parameters, redact};

pub(crate) const URL: &str = "url";
pub(crate) const KEY: &str = "key";
pub(crate) const SECRET: &str = "secret";
pub(crate) const USER: &str = "user";
pub(crate) const PASSWORD: &str = "password";
const API_LEVEL: &str = "api-level";
const TIMEOUT: &str = "timeout";
const DELETE_VIA_POST: &str = "delete-via-post";
const SERVER_CHECK: &str = "server-check";

const ENV_API_LEVEL: &str = "KEDACOM_API_LEVEL";
const ENV_TIMEOUT: &str = "KEDACOM_TIMEOUT";
const ENV_DELETE_VIA_POST: &str = "KEDACOM_DELETE_VIA_POST";
const ENV_SERVER_CHECK: &str = "KEDACOM_SERVER_CHECK";

/// The long names of the global options, which an operation's parameters can't take.
pub(crate) const NAMES: &[&str] =
    &[URL, KEY, SECRET, USER, PASSWORD, API_LEVEL, TIMEOUT, DELETE_VIA_POST, SERVER_CHECK];

/// The options holding the credentials a session is made with.
pub(crate) const CREDENTIALS: &[&str] = &[KEY, SECRET, USER, PASSWORD];

/// The options whose values are secrets, and their variables: registered for masking before the
/// command line is parsed.
pub(crate) const SECRET_OPTIONS: &[&str] = &[SECRET, PASSWORD];
pub(crate) const SECRET_VARIABLES: &[&str] = &[ENV_SECRET, ENV_PASSWORD];

const HEADING: &str = "Platform options (global: before or after the subcommand)";

pub(crate) fn args() -> Vec<Arg> {
    fn text(id: &'static str, env: &'static str, value: &'static str, help: impl Into<StyledStr>) -> Arg {
        Arg::new(id).long(id).env(env).value_name(value).help(help).global(true).help_heading(HEADING)
    }
    let wire = |option| parameters::credential_parameter(option).unwrap_or_default();
    vec![
        text(URL, ENV_URL, "URL", "The platform, such as https://mc.example.com"),
        text(KEY, ENV_KEY, "KEY", format!("API key ({}) of the platform's API licence", wire(KEY)))
            .hide_env_values(true),
        text(SECRET, ENV_SECRET, "SECRET", format!("Its secret ({})", wire(SECRET))).hide_env_values(true),
        text(USER, ENV_USER, "NAME", "User to log in as").hide_env_values(true),
        text(PASSWORD, ENV_PASSWORD, "PASSWORD", "That user's password").hide_env_values(true),
        text(
            API_LEVEL,
            ENV_API_LEVEL,
            "LEVEL",
            format!("The server's API level, when known; else it is asked ({})", GetMcVersionRequest::INFO.path),
        )
        .value_parser(clap::value_parser!(u32).range(1..)),
        text(TIMEOUT, ENV_TIMEOUT, "SECONDS", "Longest wait for a reply, in seconds (fractions allowed) [default: 30]")
            .value_parser(seconds),
        flag(
            DELETE_VIA_POST,
            ENV_DELETE_VIA_POST,
            format!(
                "Send DELETE and PUT as POST with {field}=DELETE or {field}=PUT, where the document allows it, \
                 for proxies that block them",
                field = wire_names::METHOD_OVERRIDE_PARAM
            ),
        ),
        flag(
            SERVER_CHECK,
            ENV_SERVER_CHECK,
            "Debug mode: ask the platform to check the request without carrying it out, and print its report by field",
        ),
    ]
}

fn flag(id: &'static str, env: &'static str, help: impl Into<StyledStr>) -> Arg {
    Arg::new(id)
        .long(id)
        .env(env)
        .action(ArgAction::SetTrue)
        .value_parser(FalseyValueParser::new())
        .help(help)
        .global(true)
        .help_heading(HEADING)
}

/// The runtime a command's calls run on: this thread, as a command waits on one thing at a time.
pub(crate) fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::usage(format!("cannot start the async runtime: {e}")))
}

pub(crate) fn seconds(text: &str) -> Result<Duration, String> {
    let s: f64 = text.trim().parse().map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if !(s > 0.0 && s <= 86_400.0) {
        return Err(format!("`{text}`: give a number of seconds above 0 and at most 86400"));
    }
    Ok(Duration::from_secs_f64(s))
}

/// The global options as given. No `Debug`: it holds the secret and the password.
pub(crate) struct Settings {
    pub url: Option<String>,
    pub key: Option<String>,
    pub secret: Option<String>,
    pub user: Option<String>,
    pub password: Option<String>,
    pub api_level: Option<u32>,
    pub timeout: Option<Duration>,
    pub delete_via_post: bool,
    pub server_check: bool,
}

impl Settings {
    pub(crate) fn from(m: &ArgMatches) -> Settings {
        let text = |id: &str| m.get_one::<String>(id).filter(|v| !v.is_empty()).cloned();
        Settings {
            url: text(URL),
            key: text(KEY),
            secret: text(SECRET),
            user: text(USER),
            password: text(PASSWORD),
            api_level: m.get_one::<u32>(API_LEVEL).copied(),
            timeout: m.get_one::<Duration>(TIMEOUT).copied(),
            delete_via_post: m.get_flag(DELETE_VIA_POST),
            server_check: m.get_flag(SERVER_CHECK),
        }
    }

    /// The global options as given, with the secret and the password masked from now on in
    /// everything this run writes.
    pub(crate) fn masked(m: &ArgMatches) -> Settings {
        let settings = Settings::from(m);
        for secret in [&settings.secret, &settings.password].into_iter().flatten() {
            redact::add(secret);
        }
        settings
    }

    /// The value of a credential option (`key`, `secret`, `user`, `password`), or a usage error
    /// naming the option and its variable.
    pub(crate) fn credential(&self, option: &str) -> Result<&str, Failure> {
        let (value, env) = match option {
            KEY => (&self.key, ENV_KEY),
            SECRET => (&self.secret, ENV_SECRET),
            USER => (&self.user, ENV_USER),
            PASSWORD => (&self.password, ENV_PASSWORD),
            _ => (&None, ""),
        };
        value.as_deref().ok_or_else(|| Failure::usage(format!("give --{option} or set {env}")))
    }

    /// The client these settings describe; a usage error lists every option missing.
    pub(crate) fn client(&self) -> Result<Client, Failure> {
        let needed = [(URL, ENV_URL, &self.url), (KEY, ENV_KEY, &self.key), (SECRET, ENV_SECRET, &self.secret)]
            .into_iter()
            .chain([(USER, ENV_USER, &self.user), (PASSWORD, ENV_PASSWORD, &self.password)]);
        let missing: Vec<String> =
            needed.filter(|(_, _, v)| v.is_none()).map(|(o, env, _)| format!("--{o} ({env})")).collect();
        if !missing.is_empty() {
            return Err(Failure::usage(format!("not given: {}", missing.join(", "))));
        }
        let get = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut builder = Client::builder()
            .url(get(&self.url))
            .api_key(get(&self.key), get(&self.secret))
            .user(get(&self.user), get(&self.password))
            // One call and done: nothing to keep alive.
            .heartbeat_interval(None)
            .delete_via_post(self.delete_via_post);
        if let Some(t) = self.timeout {
            builder = builder.timeout(t).connect_timeout(t);
        }
        if let Some(level) = self.api_level {
            builder = builder.server_api_level(level);
        }
        builder.build().map_err(Failure::from)
    }
}
