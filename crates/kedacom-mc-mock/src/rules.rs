//! Rules a test installs, keyed by request type: for calls of `R` (those that also pass a
//! [`when`](On::when) test, if given), answer with a given reply, or inject a fault; any number of
//! times or [`times`](On::times) times. Rules apply before the platform sees the call, in the
//! order installed: every matching fault that does not answer (a delay, an expiry, a cut reply)
//! applies, and the first rule that answers (a reply, a 502, an error code) answers.

use std::marker::PhantomData;
use std::sync::Arc;

use kedacom_mc_models::wire_names::SUCCESS_FIELD;
use kedacom_mc_models::{AnyRequest, EndpointInfo};
use serde::Serialize;
use serde_json::Value;

use crate::endpoint::Mocked;
use crate::faults::{Fault, FaultKind};
use crate::shared::{lock, Shared};

/// What a rule answers with: a JSON reply with HTTP 200 (or another status), or a page of any
/// text, as something in front of the platform might send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub(crate) status: u16,
    pub(crate) json: bool,
    pub(crate) body: String,
}

impl Reply {
    /// `body` as JSON, exactly as given (`success` included or not), with HTTP 200.
    pub fn json(body: &impl Serialize) -> Reply {
        // Only a map with keys that are not strings fails; it goes as `null`, which no client reads.
        let body = serde_json::to_string(body).unwrap_or_else(|_| Value::Null.to_string());
        Reply { status: 200, json: true, body }
    }

    /// `text` as an HTML page, with this status.
    pub fn page(status: u16, text: impl Into<String>) -> Reply {
        Reply { status, json: false, body: text.into() }
    }

    /// The same reply with another HTTP status.
    pub fn status(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }

    /// A typed success reply: `success` 1 unless the reply says otherwise.
    #[doc(hidden)]
    pub fn succeeded(reply: &impl Serialize) -> Reply {
        Reply::json(&with_success(reply, 1))
    }

    /// A typed failure reply: `success` 0 unless the reply says otherwise.
    #[doc(hidden)]
    pub fn failed(reply: &impl Serialize) -> Reply {
        Reply::json(&with_success(reply, 0))
    }
}

fn with_success(reply: &impl Serialize, success: i64) -> Value {
    let mut value = serde_json::to_value(reply).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        if map.get(SUCCESS_FIELD).is_none_or(Value::is_null) {
            map.insert(SUCCESS_FIELD.to_owned(), Value::from(success));
        }
    }
    value
}

/// What [`On::reply`] takes for requests of type `R`: `R`'s typed reply or failure (generated for
/// every endpoint), a [`serde_json::Value`], or a [`Reply`].
pub trait IntoReply<R> {
    fn into_reply(self) -> Reply;
}

impl<R> IntoReply<R> for Reply {
    fn into_reply(self) -> Reply {
        self
    }
}

impl<R> IntoReply<R> for Value {
    fn into_reply(self) -> Reply {
        Reply::json(&self)
    }
}

/// A call as a [`reply_with`](On::reply_with) closure sees it. No `Debug`: it holds the session's
/// credentials.
pub struct Call<'a, R> {
    /// The decoded request; `None` when it could not be read as one.
    pub request: Option<&'a R>,
    /// The `account_token` as sent.
    pub token: Option<&'a str>,
    /// The login cookie as sent.
    pub cookie: Option<&'a str>,
}

/// Identifies an installed rule or fault, for [`MockPlatform::remove_rule`](crate::MockPlatform::remove_rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RuleId(pub(crate) u64);

type Matcher = Arc<dyn Fn(&AnyRequest) -> bool + Send + Sync>;
pub(crate) type Responder = Arc<dyn Fn(&Call<'_, AnyRequest>) -> Reply + Send + Sync>;

#[derive(Clone)]
enum Action {
    Fault(FaultKind),
    Reply(Responder),
}

struct Installed {
    id: RuleId,
    endpoint: Option<&'static EndpointInfo>,
    when: Option<Matcher>,
    times: Option<u32>,
    action: Action,
}

impl Installed {
    fn matches(&self, endpoint: &EndpointInfo, request: Option<&AnyRequest>) -> bool {
        // A failure after the reply only where the platform has a way to report it: a rule on
        // every endpoint waits for such a call rather than spending its count on others.
        let fits = match &self.action {
            Action::Fault(FaultKind::FailLater(_)) => crate::handlers::reportable(endpoint),
            _ => true,
        };
        fits && self.endpoint.is_none_or(|e| e == endpoint)
            && self.when.as_ref().is_none_or(|when| request.is_some_and(|r| when(r)))
            && self.times != Some(0)
    }
}

/// What the rules do to one call.
#[derive(Default)]
pub(crate) struct Applied {
    /// The faults that apply, in order (answering ones included).
    pub(crate) faults: Vec<FaultKind>,
    /// The rule that answers, when one does.
    pub(crate) answer: Option<Answer>,
}

pub(crate) enum Answer {
    Fault(FaultKind),
    Reply(Responder),
}

/// The installed rules, in the order they were installed.
#[derive(Default)]
pub(crate) struct Rules {
    next_id: u64,
    installed: Vec<Installed>,
}

impl Rules {
    fn install(&mut self, endpoint: Option<&'static EndpointInfo>, when: Option<Matcher>, action: Action) -> RuleId {
        self.next_id += 1;
        let id = RuleId(self.next_id);
        self.installed.push(Installed { id, endpoint, when, times: None, action });
        id
    }

    pub(crate) fn inject(&mut self, fault: Fault) -> RuleId {
        let id = self.install(fault.endpoint, None, Action::Fault(fault.kind));
        self.set_times(id, fault.times);
        id
    }

    fn set_times(&mut self, id: RuleId, times: Option<u32>) {
        if let Some(rule) = self.installed.iter_mut().find(|r| r.id == id) {
            rule.times = times;
        }
    }

    pub(crate) fn remove(&mut self, id: RuleId) -> bool {
        let before = self.installed.len();
        self.installed.retain(|r| r.id != id);
        self.installed.len() != before
    }

    pub(crate) fn clear(&mut self) {
        self.installed.clear();
    }

    /// The installed faults, with their remaining counts.
    pub(crate) fn faults(&self) -> Vec<Fault> {
        let fault = |r: &Installed| match &r.action {
            Action::Fault(kind) => Some(Fault { kind: kind.clone(), endpoint: r.endpoint, times: r.times }),
            Action::Reply(_) => None,
        };
        self.installed.iter().filter_map(fault).collect()
    }

    /// What the rules do to a call of `endpoint`; each rule that applies counts the call.
    pub(crate) fn apply(&mut self, endpoint: &EndpointInfo, request: Option<&AnyRequest>) -> Applied {
        let mut applied = Applied::default();
        for rule in self.installed.iter_mut().filter(|r| r.matches(endpoint, request)) {
            let answers = match &rule.action {
                Action::Fault(kind) => matches!(kind, FaultKind::BadGateway | FaultKind::ErrorCode(_)),
                Action::Reply(_) => true,
            };
            if answers && applied.answer.is_some() {
                continue;
            }
            if let Some(n) = &mut rule.times {
                *n -= 1;
            }
            match &rule.action {
                Action::Fault(kind) => {
                    applied.faults.push(kind.clone());
                    if answers {
                        applied.answer = Some(Answer::Fault(kind.clone()));
                    }
                }
                Action::Reply(reply) => applied.answer = Some(Answer::Reply(reply.clone())),
            }
        }
        self.installed.retain(|r| r.times != Some(0));
        applied
    }
}

/// Rules for requests of type `R`, being set up: from [`MockPlatform::on`](crate::MockPlatform::on).
#[must_use = "a rule is installed by `reply`, `reply_with` or `fault`"]
pub struct On<'m, R> {
    shared: &'m Shared,
    when: Option<Matcher>,
    times: Option<u32>,
    request: PhantomData<fn(&R)>,
}

impl<'m, R: Mocked> On<'m, R> {
    pub(crate) fn new(shared: &'m Shared) -> Self {
        On { shared, when: None, times: None, request: PhantomData }
    }

    /// Only calls whose request passes `test` (a request that cannot be decoded passes none).
    pub fn when(mut self, test: impl Fn(&R) -> bool + Send + Sync + 'static) -> Self {
        self.when = Some(Arc::new(move |any: &AnyRequest| R::of(any).is_some_and(&test)));
        self
    }

    /// Only the next `n` matching calls.
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }

    /// Answers in the platform's place with `reply`: a typed reply or failure of `R` (whose
    /// `success` is set when it is not), JSON, or a [`Reply`]. The session is not checked and
    /// nothing is carried out.
    pub fn reply(self, reply: impl IntoReply<R>) -> Rule<'m> {
        let reply = reply.into_reply();
        self.install(Action::Reply(Arc::new(move |_| reply.clone())))
    }

    /// Answers in the platform's place with what `answer` makes of each call.
    pub fn reply_with(self, answer: impl Fn(&Call<'_, R>) -> Reply + Send + Sync + 'static) -> Rule<'m> {
        let erased = move |call: &Call<'_, AnyRequest>| {
            let typed = Call { request: call.request.and_then(R::of), token: call.token, cookie: call.cookie };
            answer(&typed)
        };
        self.install(Action::Reply(Arc::new(erased)))
    }

    /// Injects `fault` (its own count, if it has one, unless [`times`](Self::times) says otherwise).
    pub fn fault(mut self, fault: Fault) -> Rule<'m> {
        self.times = self.times.or(fault.times);
        self.install(Action::Fault(fault.kind))
    }

    fn install(self, action: Action) -> Rule<'m> {
        let mut rules = lock(&self.shared.rules);
        let id = rules.install(Some(R::INFO), self.when, action);
        rules.set_times(id, self.times);
        Rule { shared: self.shared, id }
    }
}

/// An installed rule.
pub struct Rule<'m> {
    shared: &'m Shared,
    id: RuleId,
}

impl Rule<'_> {
    /// Only the next `n` matching calls, from now.
    pub fn times(self, n: u32) -> Self {
        lock(&self.shared.rules).set_times(self.id, Some(n));
        self
    }

    /// Only the next matching call.
    pub fn once(self) -> Self {
        self.times(1)
    }

    pub fn id(&self) -> RuleId {
        self.id
    }
}
