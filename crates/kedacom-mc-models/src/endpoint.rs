//! What an endpoint is: its facts, one generated [`EndpointInfo`] each (all of them in
//! [`ENDPOINTS`](crate::ENDPOINTS)), and the [`Endpoint`] trait its request type implements.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;

#[cfg(feature = "decode")]
use crate::decode::Parts;
use crate::wire::{self, AccountToken, BodyKind, Method, Place, WireField, WireOptions, WireRequest};
use crate::{AnyRequest, ChannelInfo, FileUpload, MessageKind, Validate};

/// What a call needs before the platform carries it out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SessionNeed {
    /// Nothing: the calls made before there is a session (the token, the versions).
    None,
    /// The token only: logging in, and keeping the token alive.
    Token,
    /// The token and the login cookie: every other call.
    Login,
}

/// A vendor document (an edition of one) that endpoints are transcribed from; all of them are in
/// [`DOCUMENTS`](crate::DOCUMENTS).
#[non_exhaustive]
pub struct DocumentInfo {
    /// The spec's name for it: `mc`, `login`, `mc_v6_0`.
    pub source: &'static str,
    pub title: &'static str,
    /// As the document writes it: `V6.1.0.4.0.20211123`.
    pub version: &'static str,
    /// The API level the document is written for.
    pub api_level: u32,
    /// The operation that reports this document's level on a server (`get_mc_version` for both
    /// meeting-management editions); `None` for documents whose calls are always there (login).
    pub level_from: Option<&'static EndpointInfo>,
}

impl fmt::Debug for DocumentInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DocumentInfo({} {} {}, API level {})", self.source, self.title, self.version, self.api_level)
    }
}

impl PartialEq for DocumentInfo {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for DocumentInfo {}

/// How a list endpoint pages: the wire names of its query parameters and of its reply's parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PagingInfo {
    /// The parameter of the first row (`start`).
    pub start: &'static str,
    /// The parameter of the page size (`count`).
    pub count: &'static str,
    /// The reply's total over every page (`total`).
    pub total: &'static str,
    /// The reply's list of this page's items.
    pub items: &'static str,
}

/// One endpoint, as the spec describes it. Only this crate makes them (its fields depend on its
/// features), so it is `#[non_exhaustive]`.
#[non_exhaustive]
pub struct EndpointInfo {
    /// snake_case id, such as `create_conf`.
    pub operation: &'static str,
    /// The document's name (名称).
    pub name: &'static str,
    /// The document's description (说明).
    pub description: &'static str,
    pub method: Method,
    /// The URI with `{placeholders}`, as the document writes it.
    pub path: &'static str,
    /// The lowest API level that has this endpoint (最低支持版本).
    pub min_api_level: u32,
    /// The vendor document it is transcribed from.
    pub document: &'static DocumentInfo,
    /// What the call needs: nothing, the token, or the token and the login cookie.
    pub session: SessionNeed,
    /// Other paths the documents give for the same operation (`/api/v1/mc/version` for
    /// `/api/mc/version`); `decode` routes them to this endpoint.
    pub aliases: &'static [&'static str],
    /// Present when the endpoint pages with start/count: the wire names of its query parameters
    /// and of the reply's total and item list.
    pub paging: Option<PagingInfo>,
    /// Where the session token goes; `None` for calls made before there is one.
    pub token: Option<Place>,
    /// Where the caller's parameters go: the query for GET and DELETE, else the body.
    pub fields: Place,
    pub body: BodyKind,
    /// The form field and value of the fallback that sends DELETE or PUT as POST
    /// (`_method=DELETE`, `_method=PUT`), where the document offers one.
    pub method_override: Option<(&'static str, &'static str)>,
    /// The document's words saying the platform carries the call out after replying (异步操作,
    /// sometimes for a part of it): a success reply then only means the request was accepted.
    pub asynchronous: Option<&'static str>,
    /// Where the push service reports the call's outcome: every asynchronous call says.
    pub outcome: Option<OutcomeInfo>,
    /// Path placeholders and parameters the caller gives (not the token, `params` or `_method`).
    pub parameters: &'static [ParamInfo],
    /// The Rust type of the JSON request body, when there is one.
    pub params_type: Option<&'static str>,
    pub request_type: &'static str,
    pub reply_type: &'static str,
    pub failure_type: &'static str,
    /// Its `params` body holds a secret field (at any depth).
    #[doc(hidden)]
    pub secret_body: bool,
    #[cfg(feature = "decode")]
    #[doc(hidden)]
    pub decode: fn(&mut Parts) -> AnyRequest,
}

impl fmt::Debug for EndpointInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EndpointInfo({} {} {})", self.operation, self.method, self.path)
    }
}

impl PartialEq for EndpointInfo {
    fn eq(&self, other: &Self) -> bool {
        self.operation == other.operation
    }
}

impl Eq for EndpointInfo {}

impl EndpointInfo {
    /// The endpoint with this operation id (`create_conf`; `create-conf` is accepted too).
    pub fn find(operation: &str) -> Option<&'static EndpointInfo> {
        let wanted = operation.replace('-', "_");
        crate::ENDPOINTS.iter().copied().find(|e| e.operation == wanted)
    }

    /// The parameter of this name.
    pub fn parameter(&self, name: &str) -> Option<&'static ParamInfo> {
        self.parameters.iter().find(|p| p.name == name)
    }

    /// Whether a platform has this endpoint only from [`min_api_level`](Self::min_api_level) of its
    /// document's level up, as the document's [`level_from`](DocumentInfo::level_from) operation
    /// reports it: true for the calls of such documents, except that operation itself, which is how
    /// the level is learnt. Other documents' calls (login, heartbeats) are always there.
    pub fn needs_server_level(&self) -> bool {
        self.document.level_from.is_some_and(|from| from != self)
    }

    /// Whether this endpoint is how its document's level is learnt: it is called before the level
    /// is known, at its own [`min_api_level`](Self::min_api_level), which every server that has it
    /// answers.
    pub fn reports_level(&self) -> bool {
        self.document.level_from == Some(self)
    }

    /// Where the push service reports what became of the call, when it reports anything: a
    /// channel that confirms it, or one that notifies its failure.
    pub fn push_outcome(&self) -> Option<&OutcomeInfo> {
        self.outcome.as_ref().filter(|o| o.channel.is_some() || o.failure.is_some())
    }

    /// Whether a request carries credentials besides the session token: a secret parameter (the
    /// API secret, a password) or a secret field in its `params` body.
    pub fn carries_credentials(&self) -> bool {
        self.secret_body || self.parameters.iter().any(|p| p.secret)
    }
}

/// Where the push service reports what became of a call.
#[derive(Clone, Copy, Debug)]
pub struct OutcomeInfo {
    /// The channel whose messages say the call took effect; its placeholders of the call's names
    /// are the call's values.
    pub channel: Option<&'static ChannelInfo>,
    /// Which of that channel's messages do (an update, or a delete for the calls that stop
    /// something).
    pub messages: &'static [MessageKind],
    /// The channel whose notification reports that the call failed, with its error code.
    pub failure: Option<&'static ChannelInfo>,
    /// Why no channel, or only a failure, reports the outcome.
    pub note: Option<&'static str>,
}

/// A path placeholder or parameter of an endpoint.
#[derive(Debug, PartialEq, Eq)]
pub struct ParamInfo {
    /// Its wire name.
    pub name: &'static str,
    pub place: Place,
    pub kind: ParamKind,
    pub required: bool,
    /// Masked in `Debug` output and reports.
    pub secret: bool,
    /// The document's description.
    pub description: &'static str,
    /// The documented default, as JSON text (`0`, `"x"`), when the document gives one.
    pub default: Option<&'static str>,
}

/// The type of a parameter's value.
#[derive(Debug, PartialEq, Eq)]
pub enum ParamKind {
    String,
    Integer,
    /// A 0/1 setting.
    Switch,
    /// One of the listed values (wire value as text, English id, the document's label).
    Enum(&'static [(&'static str, &'static str, &'static str)]),
    /// A file for the multipart upload.
    File,
}

/// Implemented by every generated `…Request`: the endpoint's facts and the request's parts, from
/// which [`to_wire`](Endpoint::to_wire) lays out the HTTP request. Nothing here depends on an HTTP
/// library.
pub trait Endpoint: Validate + Clone + fmt::Debug + Sized {
    /// The success reply.
    type Reply: Serialize + DeserializeOwned + fmt::Debug;
    /// The failure reply (`success: 0`).
    type Failure: Serialize + DeserializeOwned + fmt::Debug;
    const INFO: &'static EndpointInfo;

    /// The JSON request body (the `params` field), when the endpoint takes one.
    fn params_json(&self) -> Option<String>;

    /// The file of the multipart upload, when the endpoint takes one.
    fn file(&self) -> Option<&FileUpload>;

    /// The HTTP request for this call. `token` is the session's (see [`EndpointInfo::token`] for where
    /// it goes); endpoints called before there is one take `None`.
    fn to_wire(&self, token: Option<&AccountToken>, options: &WireOptions) -> WireRequest {
        let path_token = wire::path_token(Self::INFO, token);
        let parts = wire::Parts {
            fields: self.__fields(),
            params: self.params_json(),
            file: self.file(),
            path: self.__path(path_token),
            shown_path: path_token.map(|_| self.__path(None)),
        };
        wire::assemble(Self::INFO, parts, token, options)
    }

    /// This request inside the enum of all requests.
    fn into_any(self) -> AnyRequest;

    /// The values of its path's placeholders by name, in the path's order (not the session
    /// token's): what names the resource it acts on, as a push channel names it too.
    fn path_values(&self) -> Vec<(&'static str, String)> {
        let info = Self::INFO;
        let mut values = info.path_values(&self.__path(None)).unwrap_or_default();
        if info.token == Some(Place::Path) {
            values.retain(|(name, _)| *name != crate::wire_names::TOKEN_PARAM);
        }
        values
    }

    /// The path with placeholders filled and percent-encoded; the token, where the path carries it,
    /// is `token`, or `***` when none is given.
    #[doc(hidden)]
    fn __path(&self, token: Option<&str>) -> String;

    /// The caller's parameters as text (not the path, the token, `params` or the file).
    #[doc(hidden)]
    fn __fields(&self) -> Vec<WireField>;

    /// Builds the request from decoded parts; type errors are recorded in `parts`.
    #[cfg(feature = "decode")]
    #[doc(hidden)]
    fn __from_parts(parts: &mut Parts) -> Self;
}
