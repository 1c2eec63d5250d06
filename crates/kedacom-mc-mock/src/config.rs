//! What a mock platform accepts and how it behaves: credentials, timeouts, limits, the answers of
//! its informational endpoints.

use std::collections::BTreeSet;
use std::fmt;
use std::time::Duration;

use kedacom_mc_models::{DocumentInfo, Endpoint, GetMcVersionRequest, GetSystemVersionRequest, Platform, PlatformType};
use time::UtcOffset;

/// The default API key (`oauth_consumer_key`).
pub const DEFAULT_KEY: &str = "mock-key";
/// The default API secret (`oauth_consumer_secret`).
pub const DEFAULT_SECRET: &str = "mock-secret";
/// The default user name.
pub const DEFAULT_USER: &str = "admin";
/// The default password.
pub const DEFAULT_PASSWORD: &str = "admin123";

/// The default [`Config::max_fields`]: far above the dozen fields an endpoint documents.
pub const DEFAULT_MAX_FIELDS: usize = 1_000;
/// The default [`Config::max_form_bytes`], 2 MiB: Tomcat's default `maxPostSize`, and sixteen times
/// the largest documented body (a conference of 192 with every list of members full, some 126 KB).
pub const DEFAULT_MAX_FORM_BYTES: usize = 2 * 1024 * 1024;
/// The default [`Config::max_params_values`]: three times the largest documented body (some 6,400
/// values), while a request without a session stays within milliseconds of work.
pub const DEFAULT_MAX_PARAMS_VALUES: usize = 20_000;

/// The default [`Config::mt_online_delay`]: long enough that a terminal is seen offline first,
/// short enough for a test to wait for.
pub const DEFAULT_MT_ONLINE_DELAY: Duration = Duration::from_millis(200);

/// Environment variables [`Credentials::from_env`] reads, in the order key, secret, user, password.
pub const CREDENTIAL_VARS: [&str; 4] = ["KEDACOM_KEY", "KEDACOM_SECRET", "KEDACOM_USER", "KEDACOM_PASSWORD"];

/// The API key and secret the platform accepts for a token, and the one user who may log in.
/// `Debug` masks the secret and the password.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub key: String,
    pub secret: String,
    pub username: String,
    pub password: String,
}

impl Default for Credentials {
    /// `mock-key` / `mock-secret`, user `admin` with password `admin123`.
    fn default() -> Self {
        Credentials {
            key: DEFAULT_KEY.to_owned(),
            secret: DEFAULT_SECRET.to_owned(),
            username: DEFAULT_USER.to_owned(),
            password: DEFAULT_PASSWORD.to_owned(),
        }
    }
}

impl Credentials {
    /// `KEDACOM_KEY`, `KEDACOM_SECRET`, `KEDACOM_USER` and `KEDACOM_PASSWORD`, each falling back to
    /// its default when unset or empty.
    pub fn from_env() -> Self {
        let read = |name: &str, default: &str| match std::env::var(name) {
            Ok(v) if !v.is_empty() => v,
            _ => default.to_owned(),
        };
        Credentials {
            key: read(CREDENTIAL_VARS[0], DEFAULT_KEY),
            secret: read(CREDENTIAL_VARS[1], DEFAULT_SECRET),
            username: read(CREDENTIAL_VARS[2], DEFAULT_USER),
            password: read(CREDENTIAL_VARS[3], DEFAULT_PASSWORD),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("key", &self.key)
            .field("secret", &"***")
            .field("username", &self.username)
            .field("password", &"***")
            .finish()
    }
}

/// A version endpoint's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionInfo {
    pub version: String,
    pub api_level: i64,
}

impl VersionInfo {
    /// What a platform of the document's edition answers: its version as the version calls write
    /// it (without the document's leading `V`), and its level.
    pub fn of(document: &DocumentInfo) -> Self {
        let version = document.version.strip_prefix(['V', 'v']).unwrap_or(document.version);
        VersionInfo { version: version.to_owned(), api_level: i64::from(document.api_level) }
    }
}

/// Everything a running mock is configured with.
#[derive(Clone, Debug)]
pub struct Config {
    pub credentials: Credentials,
    /// How long an unused token lives (the platform's is 30 minutes).
    pub token_timeout: Duration,
    /// How long an unused login lives (the platform's is 30 minutes).
    pub login_timeout: Duration,
    /// The offset the mock writes times in (the platform's examples use +08:00).
    pub utc_offset: UtcOffset,
    /// Conferences of each size (`max_join_mt`: 8, 32, 64, 192) that may run at once.
    pub conferences_per_size: i64,
    /// Virtual meeting rooms that may exist at once.
    pub max_virtual_meeting_rooms: usize,
    /// Templates of each kind (personal, public) that may exist at once.
    pub max_templates: usize,
    /// Files a meeting keeps (the document says 10).
    pub max_files_per_meeting: usize,
    /// How long a meeting file is kept (the document says 7 days).
    pub file_retention: Duration,
    /// How long an ended conference stays in the meeting list and readable; after that the
    /// mock forgets it, so that a long run stays small and fast.
    pub ended_meeting_retention: Duration,
    /// Ended conferences kept at most, whatever their age; one more forgets the earliest ended.
    pub max_ended_meetings: usize,
    /// The largest request body read; larger ones get HTTP 413, as from the platform's web server.
    pub max_body_bytes: usize,
    /// The most query and form fields (or multipart parts) a request may have; more get HTTP 413.
    /// Read before the session is checked, so it bounds what a caller without one can make the
    /// mock do.
    pub max_fields: usize,
    /// The most bytes of form fields read (an urlencoded body, or the text parts of a multipart
    /// one; not a file); more get HTTP 413, before the session is checked.
    pub max_form_bytes: usize,
    /// The most values (objects, arrays, strings, numbers, …, at every depth together) the
    /// `params` JSON may hold; more get HTTP 413, before the session is checked.
    pub max_params_values: usize,
    /// Refuse `params` keys the document does not list (52004), to catch a misspelled field. The
    /// platform ignores them, and so does the mock by default.
    pub strict: bool,
    /// Calls the request log keeps; older ones are dropped, so a long-running mock stays small.
    /// An entry holds the decoded request, about 2 KB for the largest bodies.
    pub max_logged_requests: usize,
    /// `list_platforms`' answer.
    pub platforms: Vec<Platform>,
    /// `get_mc_version`'s answer.
    pub mc_version: VersionInfo,
    /// `get_system_version`'s answer.
    pub system_version: VersionInfo,
    /// How long a terminal takes to come online once added to a conference or called: the part
    /// of those calls the platform carries out after replying.
    pub mt_online_delay: Duration,
    /// Terminal accounts (E164 numbers, IP addresses, telephone numbers) that never answer: added
    /// or called, they stay offline.
    pub unreachable_mts: BTreeSet<String>,
    /// How long the push service holds a `/meta/connect` open with nothing to send.
    pub push_poll_timeout: Duration,
    /// Messages a push client may have waiting before the oldest are dropped.
    pub push_queue: usize,
    /// How much later than its state change each push message is published.
    pub push_delay: Duration,
}

impl Default for Config {
    fn default() -> Self {
        let thirty_minutes = Duration::from_secs(30 * 60);
        Config {
            credentials: Credentials::default(),
            token_timeout: thirty_minutes,
            login_timeout: thirty_minutes,
            utc_offset: UtcOffset::from_hms(8, 0, 0).unwrap_or(UtcOffset::UTC),
            conferences_per_size: 16,
            max_virtual_meeting_rooms: 100,
            max_templates: 100,
            max_files_per_meeting: 10,
            file_retention: Duration::from_secs(7 * 24 * 3600),
            ended_meeting_retention: Duration::from_secs(24 * 3600),
            max_ended_meetings: 1_000,
            max_body_bytes: 64 * 1024 * 1024,
            max_fields: DEFAULT_MAX_FIELDS,
            max_form_bytes: DEFAULT_MAX_FORM_BYTES,
            max_params_values: DEFAULT_MAX_PARAMS_VALUES,
            strict: false,
            max_logged_requests: 2_000,
            platforms: vec![default_platform()],
            mc_version: VersionInfo::of(GetMcVersionRequest::INFO.document),
            system_version: VersionInfo::of(GetSystemVersionRequest::INFO.document),
            mt_online_delay: DEFAULT_MT_ONLINE_DELAY,
            unreachable_mts: BTreeSet::new(),
            push_poll_timeout: Duration::from_secs(30),
            push_queue: 10_000,
            push_delay: Duration::ZERO,
        }
    }
}

fn default_platform() -> Platform {
    Platform {
        name: Some("mock platform".to_owned()),
        platform_id: Some("4b6864c4-a5e4-4bc5-a305-36c80ca9e5df".to_owned()),
        platform_type: Some(PlatformType::PrivateCloud),
        ..Default::default()
    }
}
