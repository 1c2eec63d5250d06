//! Starting a mock platform and working with a running one: its address and credentials, the
//! requests it received, rules and faults, and data to start from.

use std::collections::VecDeque;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kedacom_mc_models::{
    AnyRequest, BookConfRequest, BookedConfParams, CreateConfParams, CreateConfRequest, CreateMeetingRoomAreaParams,
    CreateMeetingRoomAreaRequest, CreatePersonalTemplateRequest, CreatePublicTemplateRequest,
    CreateVirtualMeetingRoomParams, CreateVirtualMeetingRoomRequest, Endpoint, FileUpload, PersonalTemplateParams,
    Platform as PlatformInfo, PublicTemplateParams, UploadMeetingFileRequest, Validate,
};
use time::UtcOffset;
use tokio::sync::oneshot;
use tokio::sync::Notify;
use tokio::task::{AbortHandle, JoinHandle};

use crate::config::{Config, Credentials, VersionInfo};
use crate::endpoint::Mocked;
use crate::error::PlatformError;
use crate::faults::Fault;
use crate::handlers::{self, CreatedConf};
use crate::limits::Limits;
use crate::log::RecordedRequest;
use crate::push::{Hub, PushFault};
use crate::rules::{On, RuleId, Rules};
use crate::shared::{lock, Shared};
use crate::state::Platform;
use crate::{clock, dispatch, server, stored_lists, timer};

/// Configures a mock platform; [`start`](Self::start) runs it.
#[derive(Clone, Debug)]
pub struct MockPlatformBuilder {
    config: Config,
    addr: SocketAddr,
}

impl MockPlatformBuilder {
    /// The whole configuration at once.
    pub fn config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }

    /// The key, secret, user and password the platform accepts.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.config.credentials = credentials;
        self
    }

    /// The credentials from `KEDACOM_KEY`, `KEDACOM_SECRET`, `KEDACOM_USER`, `KEDACOM_PASSWORD`,
    /// each defaulting as [`Credentials::from_env`] says.
    pub fn credentials_from_env(self) -> Self {
        self.credentials(Credentials::from_env())
    }

    /// How long an unused token and an unused login live (30 minutes by default).
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.config.token_timeout = timeout;
        self.config.login_timeout = timeout;
        self
    }

    pub fn token_timeout(mut self, timeout: Duration) -> Self {
        self.config.token_timeout = timeout;
        self
    }

    pub fn login_timeout(mut self, timeout: Duration) -> Self {
        self.config.login_timeout = timeout;
        self
    }

    /// The address to listen on (by default 127.0.0.1 on a free port).
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// The port to listen on, on 127.0.0.1; 0 picks a free one.
    pub fn port(mut self, port: u16) -> Self {
        self.addr.set_port(port);
        self
    }

    /// The offset times are written in (+08:00 by default).
    pub fn utc_offset(mut self, offset: UtcOffset) -> Self {
        self.config.utc_offset = offset;
        self
    }

    /// Conferences of each size that may run at once (16 by default); one more gets 20101.
    pub fn conferences_per_size(mut self, n: i64) -> Self {
        self.config.conferences_per_size = n;
        self
    }

    /// Virtual meeting rooms that may exist (100 by default); one more gets 99993.
    pub fn max_virtual_meeting_rooms(mut self, n: usize) -> Self {
        self.config.max_virtual_meeting_rooms = n;
        self
    }

    /// Templates of each kind, personal and public, that may exist (100 by default); one more
    /// gets 20103.
    pub fn max_templates(mut self, n: usize) -> Self {
        self.config.max_templates = n;
        self
    }

    /// Files a meeting keeps (10, as documented, by default).
    pub fn max_files_per_meeting(mut self, n: usize) -> Self {
        self.config.max_files_per_meeting = n;
        self
    }

    /// How long meeting files are kept (7 days, as documented, by default).
    pub fn file_retention(mut self, retention: Duration) -> Self {
        self.config.file_retention = retention;
        self
    }

    /// How long an ended conference stays listed and readable (24 hours by default); then the
    /// mock forgets it (`get_meeting` answers 27508).
    pub fn ended_meeting_retention(mut self, retention: Duration) -> Self {
        self.config.ended_meeting_retention = retention;
        self
    }

    /// Ended conferences kept at most (1,000 by default); one more forgets the earliest ended.
    pub fn max_ended_meetings(mut self, n: usize) -> Self {
        self.config.max_ended_meetings = n;
        self
    }

    /// The largest request body read (64 MiB by default); a larger one gets HTTP 413.
    pub fn max_body_bytes(mut self, n: usize) -> Self {
        self.config.max_body_bytes = n;
        self
    }

    /// The most query and form fields (or multipart parts) a request may have (1,000 by default);
    /// one with more gets HTTP 413.
    pub fn max_fields(mut self, n: usize) -> Self {
        self.config.max_fields = n;
        self
    }

    /// The most bytes of form fields read: an urlencoded body, or the text parts of a multipart
    /// one (2 MiB by default); a request with more gets HTTP 413.
    pub fn max_form_bytes(mut self, n: usize) -> Self {
        self.config.max_form_bytes = n;
        self
    }

    /// The most values the `params` JSON may hold, counted at every depth (20,000 by default); a
    /// request with more gets HTTP 413.
    pub fn max_params_values(mut self, n: usize) -> Self {
        self.config.max_params_values = n;
        self
    }

    /// Refuse `params` keys the document does not list with 52004 (off by default: they are
    /// accepted and kept, as the platform ignores them).
    pub fn strict(mut self, strict: bool) -> Self {
        self.config.strict = strict;
        self
    }

    /// Calls the request log keeps (2,000 by default); older ones are dropped. Each holds the
    /// decoded request: about 2 KB for a conference's body.
    pub fn max_logged_requests(mut self, n: usize) -> Self {
        self.config.max_logged_requests = n;
        self
    }

    /// What `list_platforms` answers.
    pub fn platforms(mut self, platforms: Vec<PlatformInfo>) -> Self {
        self.config.platforms = platforms;
        self
    }

    /// What `get_mc_version` answers.
    pub fn mc_version(mut self, version: VersionInfo) -> Self {
        self.config.mc_version = version;
        self
    }

    /// What `get_system_version` answers.
    pub fn system_version(mut self, version: VersionInfo) -> Self {
        self.config.system_version = version;
        self
    }

    /// How long a terminal takes to come online once added or called (200 ms by default; zero:
    /// at once).
    pub fn mt_online_delay(mut self, delay: Duration) -> Self {
        self.config.mt_online_delay = delay;
        self
    }

    /// A terminal account (E164 number, IP address, telephone number) that never answers: added
    /// to a conference or called, it stays offline. Repeatable.
    pub fn unreachable_mt(mut self, account: impl Into<String>) -> Self {
        self.config.unreachable_mts.insert(account.into());
        self
    }

    /// How long the push service holds a `/meta/connect` open with nothing to send (30 s).
    pub fn push_poll_timeout(mut self, timeout: Duration) -> Self {
        self.config.push_poll_timeout = timeout;
        self
    }

    /// Messages a push client may have waiting before the oldest are dropped (10,000).
    pub fn push_queue(mut self, n: usize) -> Self {
        self.config.push_queue = n;
        self
    }

    /// Publishes every push message this much later than the state change it reports.
    pub fn push_delay(mut self, delay: Duration) -> Self {
        self.config.push_delay = delay;
        self
    }

    /// Binds the address and serves until the returned handle is stopped or dropped.
    pub async fn start(self) -> std::io::Result<MockPlatform> {
        let listener = tokio::net::TcpListener::bind(self.addr).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            max_body_bytes: self.config.max_body_bytes,
            limits: Limits {
                max_fields: self.config.max_fields,
                max_form_bytes: self.config.max_form_bytes,
                max_params_values: self.config.max_params_values,
            },
            max_logged_requests: self.config.max_logged_requests,
            mc_api_level: self.config.mc_version.api_level,
            platform: Mutex::new(Platform::new(self.config.clone())),
            rules: Mutex::new(Rules::default()),
            hub: Arc::new(Hub::new(self.config.push_queue, self.config.push_poll_timeout, self.config.push_delay)),
            log: Mutex::new(VecDeque::new()),
            clock: Notify::new(),
        });
        let (stop, stopped) = oneshot::channel::<()>();
        let app = server::router(shared.clone());
        let task = tokio::spawn(async move {
            let shutdown = async {
                let _ = stopped.await;
            };
            if let Err(e) = axum::serve(listener, app).with_graceful_shutdown(shutdown).await {
                tracing::error!(error = %e, "the mock platform stopped serving");
            }
        });
        let timer = tokio::spawn(timer::run(shared.clone()));
        tracing::info!(%addr, "mock platform listening");
        Ok(MockPlatform {
            shared,
            addr,
            credentials: self.config.credentials,
            stop: Some(stop),
            task: Some(task),
            timer: timer.abort_handle(),
        })
    }
}

/// A running mock platform. Dropping it stops it.
pub struct MockPlatform {
    shared: Arc<Shared>,
    addr: SocketAddr,
    credentials: Credentials,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
    /// The platform's clock task; it goes when the mock stops.
    timer: AbortHandle,
}

impl std::fmt::Debug for MockPlatform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockPlatform").field("addr", &self.addr).field("credentials", &self.credentials).finish()
    }
}

impl MockPlatform {
    /// A builder with the defaults: 127.0.0.1 on a free port, the default [`Credentials`],
    /// 30-minute idle timeouts.
    pub fn builder() -> MockPlatformBuilder {
        MockPlatformBuilder { config: Config::default(), addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)) }
    }

    /// A mock with the defaults.
    pub async fn start() -> std::io::Result<MockPlatform> {
        Self::builder().start().await
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The key, secret, user and password the mock accepts.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// Every call that reached an endpoint (the latest 2,000 by default), oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.log).iter().cloned().collect()
    }

    /// The calls of requests of type `R`, oldest first.
    pub fn requests_for<R: Endpoint>(&self) -> Vec<RecordedRequest> {
        let operation = R::INFO.operation;
        lock(&self.shared.log).iter().filter(|r| r.operation == operation).cloned().collect()
    }

    /// How many calls the request log holds, without copying them.
    pub fn logged_requests(&self) -> usize {
        lock(&self.shared.log).len()
    }

    /// How many meetings the platform holds: booked, running, and ended ones within their
    /// retention.
    pub fn stored_meetings(&self) -> usize {
        self.shared.with_platform(|platform| {
            platform.advance(clock::now());
            platform.meetings.len()
        })
    }

    /// The requests of type `R` received and kept (valid, and carrying no credential), oldest first.
    pub fn received<R: Mocked + Clone>(&self) -> Vec<R> {
        let log = lock(&self.shared.log);
        log.iter().filter_map(|r| r.request.as_deref().and_then(R::of)).cloned().collect()
    }

    pub fn clear_requests(&self) {
        lock(&self.shared.log).clear();
    }

    /// Rules for calls of requests of type `R`:
    /// `mock.on::<CreateConfRequest>().reply(reply)`, `….fault(Fault::bad_gateway())`, narrowed with
    /// `when` and `times`. See [`On`].
    pub fn on<R: Mocked>(&self) -> On<'_, R> {
        On::new(&self.shared)
    }

    /// Installs a fault (for every endpoint unless it names one); it applies to matching calls
    /// until it has applied its number of times or is removed. Rules apply in the order installed.
    pub fn inject(&self, fault: Fault) -> RuleId {
        lock(&self.shared.rules).inject(fault)
    }

    /// Removes a rule or fault; whether it was still installed.
    pub fn remove_rule(&self, id: RuleId) -> bool {
        lock(&self.shared.rules).remove(id)
    }

    /// Removes every rule and fault.
    pub fn clear_rules(&self) {
        lock(&self.shared.rules).clear();
    }

    /// The faults still installed (with their remaining counts).
    pub fn faults(&self) -> Vec<Fault> {
        lock(&self.shared.rules).faults()
    }

    /// Times out every token and login now.
    pub fn expire_sessions(&self) {
        lock(&self.shared.platform).sessions.expire_all();
    }

    /// Times out every login now; tokens stay.
    pub fn expire_logins(&self) {
        lock(&self.shared.platform).sessions.expire_logins();
    }

    /// The user domain of the push service's channels (`ext.user_domain_moid` of its handshake).
    pub fn user_domain_id(&self) -> &str {
        self.shared.hub.domain_id()
    }

    /// Makes the push service fail as the fault says, once, for the clients it has now.
    pub fn push_fault(&self, fault: PushFault) {
        self.shared.hub.fault(fault);
    }

    /// Publishes every later push message this much later than its state change.
    pub fn set_push_delay(&self, delay: Duration) {
        self.shared.hub.set_delay(delay);
    }

    /// Every subscription of every push client now connected.
    pub fn push_subscriptions(&self) -> Vec<String> {
        self.shared.hub.subscriptions()
    }

    /// Publishes a message on a channel, as the platform would: for messages the mock's state
    /// does not make (alarms, a terminal's requests).
    pub fn publish(&self, channel: &str, data: serde_json::Value) {
        self.shared.hub.publish(channel, data);
    }

    /// Starts a conference, as `create_conf` would for the configured user (with the same rules
    /// and error codes).
    pub fn seed_conference(&self, params: CreateConfParams) -> Result<CreatedConf, PlatformError> {
        let request = CreateConfRequest::new(params);
        valid(&request.clone().into_any_request())?;
        self.with_platform(|p, user, now| handlers::create_conf(p, &request.params, user, now))
    }

    /// Books a conference, as `book_conf` would.
    pub fn seed_booked_conference(&self, params: BookedConfParams) -> Result<CreatedConf, PlatformError> {
        let request = BookConfRequest::new(params);
        valid(&request.clone().into_any_request())?;
        self.with_platform(|p, user, now| handlers::book(p, &request.params, user, now))
    }

    /// Creates a virtual meeting room, as `create_virtual_meeting_room` would; its id.
    pub fn seed_virtual_meeting_room(&self, params: CreateVirtualMeetingRoomParams) -> Result<String, PlatformError> {
        let request = CreateVirtualMeetingRoomRequest::new(params);
        valid(&request.clone().into_any_request())?;
        self.with_platform(|p, _, now| handlers::create_room(p, &request.params, now))
    }

    /// Creates a meeting-room area, as `create_meeting_room_area` would; its id.
    pub fn seed_meeting_room_area(&self, name: &str) -> Result<String, PlatformError> {
        let request = CreateMeetingRoomAreaRequest::new(CreateMeetingRoomAreaParams::new().area(name));
        valid(&request.into_any_request())?;
        self.with_platform(|p, _, _| Ok(handlers::create_area(p, name)))
    }

    /// Creates a personal template for the configured user, as `create_personal_template` would;
    /// its id.
    pub fn seed_personal_template(&self, params: PersonalTemplateParams) -> Result<String, PlatformError> {
        let request = CreatePersonalTemplateRequest::new(params);
        valid(&request.clone().into_any_request())?;
        self.with_platform(|p, _, _| handlers::create_personal_template(p, &request.params))
    }

    /// Creates a public template, as `create_public_template` would; its id.
    pub fn seed_public_template(&self, params: PublicTemplateParams) -> Result<String, PlatformError> {
        let request = CreatePublicTemplateRequest::new(params);
        valid(&request.clone().into_any_request())?;
        self.with_platform(|p, _, _| handlers::create_public_template(p, &request.params))
    }

    /// Uploads a file to a meeting, as `upload_meeting_file` would; its id.
    pub fn seed_meeting_file(&self, meeting_id: &str, file: FileUpload) -> Result<String, PlatformError> {
        let request = UploadMeetingFileRequest::new(meeting_id, file);
        valid(&request.clone().into_any_request())?;
        self.with_platform(|p, user, now| handlers::upload(p, meeting_id, &request.file, user, now))
    }

    fn with_platform<T>(
        &self,
        f: impl FnOnce(&mut Platform, &str, clock::Time) -> Result<T, PlatformError>,
    ) -> Result<T, PlatformError> {
        self.shared.with_platform(|platform| {
            let now = clock::now();
            platform.advance(now);
            let user = platform.config.credentials.username.clone();
            f(platform, &user, now)
        })
    }

    /// Stops serving, letting calls in progress finish (for at most a second).
    pub async fn stop(mut self) {
        self.timer.abort();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(1), task).await.is_err() {
                abort.abort();
            }
        }
    }
}

impl Drop for MockPlatform {
    fn drop(&mut self) {
        self.timer.abort();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// The request wrapped as the endpoints receive it.
trait IntoAny {
    fn into_any_request(self) -> AnyRequest;
}

impl<E: kedacom_mc_models::Endpoint> IntoAny for E {
    fn into_any_request(self) -> AnyRequest {
        self.into_any()
    }
}

/// Seeded data passes the same parameter checks as a call.
fn valid(request: &AnyRequest) -> Result<(), PlatformError> {
    let mut violations = match request.validate() {
        Ok(()) => Vec::new(),
        Err(report) => report.violations,
    };
    violations.extend(stored_lists::violations(request));
    if violations.is_empty() {
        Ok(())
    } else {
        Err(dispatch::invalid(&violations))
    }
}
