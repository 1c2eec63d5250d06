//! From a received body to the endpoint's reply or an [`Error`]: `success` decides which type the
//! body is decoded into, so a failure reply is never mistaken for a success with missing fields.

use std::fmt;
use std::marker::PhantomData;

use bytes::Bytes;
use kedacom_mc_models::{error_message, wire_names, Endpoint};
use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde::Deserializer as _;
use serde_json::Value;

use crate::error::{Error, RawBody};

/// How much of an unexpected body an [`Error::Status`] shows.
const EXCERPT_CHARS: usize = 200;

/// The fields every reply shares, read in one pass that skips the rest.
#[derive(Default)]
struct Outcome {
    success: Option<Value>,
    error_code: Option<Value>,
    description: Option<Value>,
}

impl<'de> Deserialize<'de> for Outcome {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Outcome;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Outcome, A::Error> {
                let mut out = Outcome::default();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    let slot = match key.as_ref() {
                        wire_names::SUCCESS_FIELD => &mut out.success,
                        wire_names::ERROR_CODE_FIELD => &mut out.error_code,
                        wire_names::DESCRIPTION_FIELD => &mut out.description,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            continue;
                        }
                    };
                    *slot = Some(map.next_value()?);
                }
                Ok(out)
            }
        }
        d.deserialize_map(V)
    }
}

/// `R` from `body`, and the fields every reply shares, in one pass: `R` reads every entry as it
/// would from the body itself, and the shared ones are copied on their way to it.
fn tapped<R: DeserializeOwned>(body: &[u8]) -> Result<(R, Outcome), serde_json::Error> {
    let mut outcome = Outcome::default();
    let mut d = serde_json::Deserializer::from_slice(body);
    let reply = d.deserialize_map(TapVisitor::<R> { outcome: &mut outcome, reply: PhantomData })?;
    d.end()?;
    Ok((reply, outcome))
}

struct TapVisitor<'o, R> {
    outcome: &'o mut Outcome,
    reply: PhantomData<R>,
}

impl<'de, R: Deserialize<'de>> Visitor<'de> for TapVisitor<'_, R> {
    type Value = R;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<R, A::Error> {
        R::deserialize(de::value::MapAccessDeserializer::new(Tap { map, outcome: self.outcome, slot: None }))
    }
}

/// The entries of a reply on their way to its type; `slot` is where the value of the key just read
/// goes as well, when it is a shared field.
struct Tap<'o, A> {
    map: A,
    outcome: &'o mut Outcome,
    slot: Option<fn(&mut Outcome) -> &mut Option<Value>>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Tap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        let Some(key) = self.map.next_key::<Key<'de>>()? else { return Ok(None) };
        let name = match &key {
            Key::Borrowed(k) => k,
            Key::Owned(k) => k.as_str(),
        };
        self.slot = match name {
            wire_names::SUCCESS_FIELD => Some(|o| &mut o.success),
            wire_names::ERROR_CODE_FIELD => Some(|o| &mut o.error_code),
            wire_names::DESCRIPTION_FIELD => Some(|o| &mut o.description),
            _ => None,
        };
        match key {
            Key::Borrowed(k) => seed.deserialize(de::value::BorrowedStrDeserializer::new(k)),
            Key::Owned(k) => seed.deserialize(de::value::StringDeserializer::new(k)),
        }
        .map(Some)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        let Some(slot) = self.slot.take() else { return self.map.next_value_seed(seed) };
        let value: Value = self.map.next_value()?;
        let typed = seed.deserialize(value.clone()).map_err(de::Error::custom)?;
        *slot(self.outcome) = Some(value);
        Ok(typed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// A key, borrowed from the body when it has no escapes.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, k: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(k))
            }
            fn visit_str<E: de::Error>(self, k: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(k.to_owned()))
            }
            fn visit_string<E: de::Error>(self, k: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(k))
            }
        }
        d.deserialize_str(V)
    }
}

/// A received reply: status and body.
pub(crate) struct Received {
    pub status: u16,
    pub body: Bytes,
}

impl Received {
    fn undecodable(&self, operation: &'static str, reason: impl fmt::Display) -> Error {
        Error::Decode { operation, status: self.status, reason: reason.to_string(), body: RawBody(self.body.clone()) }
    }

    /// The body's start as text for an [`Error::Status`], with every `secret` masked.
    pub(crate) fn status_error(&self, operation: &'static str, secrets: &[&str]) -> Error {
        let text = String::from_utf8_lossy(&self.body);
        let mut excerpt: String = text.trim().chars().take(EXCERPT_CHARS).collect();
        for s in secrets.iter().filter(|s| !s.is_empty()) {
            excerpt = excerpt.replace(s, "***");
        }
        Error::Status { operation, status: self.status, excerpt }
    }
}

/// Decodes a 2xx reply (or a failure reply under another status) for endpoint `E`.
pub(crate) fn decode<E: Endpoint>(received: &Received) -> Result<E::Reply, Error> {
    // Usually one pass: the typed reply, with the shared fields noted on the way.
    if let Ok((reply, outcome)) = tapped::<E::Reply>(&received.body) {
        if success_of(&outcome) == Some(1) {
            return Ok(reply);
        }
    }
    // A failure, or a body that is not the reply: `success` alone decides what it is read as.
    by_success::<E::Reply, E::Failure>(received, E::INFO.operation)
}

/// A success reply's fields as JSON, for a call known only by its row of the table; a failure
/// reply read as `F`.
pub(crate) fn decode_fields<F: DeserializeOwned + serde::Serialize>(
    received: &Received,
    operation: &'static str,
) -> Result<Value, Error> {
    by_success::<Value, F>(received, operation)
}

/// The body as `success` says it is: `R` when 1, the failure `F` when 0, else undecodable.
fn by_success<R: DeserializeOwned, F: DeserializeOwned + serde::Serialize>(
    received: &Received,
    operation: &'static str,
) -> Result<R, Error> {
    let outcome: Outcome = serde_json::from_slice(&received.body).map_err(|e| received.undecodable(operation, e))?;
    match success_of(&outcome) {
        Some(1) => serde_json::from_slice(&received.body).map_err(|e| received.undecodable(operation, e)),
        Some(0) => Err(failure::<F>(operation, received, outcome)),
        _ => Err(received.undecodable(
            operation,
            format!("`{}` is {}, not 1 or 0", wire_names::SUCCESS_FIELD, shown(outcome.success.as_ref())),
        )),
    }
}

fn success_of(o: &Outcome) -> Option<i64> {
    o.success.as_ref().and_then(Value::as_i64)
}

/// Whether a body is a failure reply (`success: 0` with an error code), under any status.
pub(crate) fn is_failure(body: &[u8]) -> bool {
    serde_json::from_slice::<Outcome>(body)
        .is_ok_and(|o| o.success.and_then(|v| v.as_i64()) == Some(0) && o.error_code.is_some())
}

fn failure<F: DeserializeOwned + serde::Serialize>(operation: &'static str, received: &Received, o: Outcome) -> Error {
    let typed: F = match serde_json::from_slice(&received.body) {
        Ok(f) => f,
        Err(e) => return received.undecodable(operation, format!("failure reply: {e}")),
    };
    let Some(code) = o.error_code.as_ref().and_then(Value::as_i64) else {
        return received.undecodable(
            operation,
            format!("failure reply whose `{}` is {}", wire_names::ERROR_CODE_FIELD, shown(o.error_code.as_ref())),
        );
    };
    let description = o.description.and_then(|d| match d {
        Value::String(s) => Some(s),
        Value::Null => None,
        other => Some(other.to_string()),
    });
    Error::Api {
        operation,
        code,
        description,
        meaning: error_message(code),
        reply: Box::new(serde_json::to_value(typed).unwrap_or(Value::Null)),
    }
}

fn shown(v: Option<&Value>) -> String {
    v.map_or_else(|| "missing".to_owned(), |v| v.to_string())
}

/// The platform's answer to a request sent with `?debug=1`: what it would reject, per field.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerCheck {
    /// One entry per field the platform objects to, in the order it lists them.
    pub issues: Vec<ServerIssue>,
    /// The report as the platform sent it (its reply field is spelled `dubug_list`).
    pub report: Value,
}

impl ServerCheck {
    /// The platform found nothing wrong.
    pub fn passed(&self) -> bool {
        self.issues.is_empty()
    }
}

/// One field the platform objects to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerIssue {
    /// JSON path of the field, such as `mts[1].bitrate`.
    pub path: String,
    /// The platform's message, such as `下参中缺少该必填参数`.
    pub message: String,
}

impl fmt::Display for ServerIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Decodes the reply to a debug-mode request.
pub(crate) fn decode_check<E: Endpoint>(received: &Received) -> Result<ServerCheck, Error> {
    let operation = E::INFO.operation;
    let outcome: Outcome = serde_json::from_slice(&received.body).map_err(|e| received.undecodable(operation, e))?;
    match outcome.success.as_ref().and_then(Value::as_i64) {
        Some(1) => {}
        Some(0) => return Err(failure::<E::Failure>(operation, received, outcome)),
        _ => {
            return Err(received.undecodable(
                operation,
                format!("`{}` is {}, not 1 or 0", wire_names::SUCCESS_FIELD, shown(outcome.success.as_ref())),
            ))
        }
    }
    let mut whole: serde_json::Map<String, Value> =
        serde_json::from_slice(&received.body).map_err(|e| received.undecodable(operation, e))?;
    let report = whole.remove(wire_names::DEBUG_REPLY_FIELD).unwrap_or(Value::Null);
    let mut issues = Vec::new();
    flatten(&report, String::new(), &mut issues);
    Ok(ServerCheck { issues, report })
}

/// Each message in the report with its path: objects nest by key, lists by index.
fn flatten(v: &Value, at: String, out: &mut Vec<ServerIssue>) {
    match v {
        Value::Null => {}
        Value::Object(map) => {
            for (k, v) in map {
                let path = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
                flatten(v, path, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(v, format!("{at}[{i}]"), out);
            }
        }
        Value::String(s) => out.push(ServerIssue { path: at, message: s.clone() }),
        other => out.push(ServerIssue { path: at, message: other.to_string() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kedacom_mc_models::{GetResourcesRequest, GetTokenRequest, ListMeetingsRequest};

    fn received(status: u16, body: &str) -> Received {
        Received { status, body: Bytes::copy_from_slice(body.as_bytes()) }
    }

    #[test]
    fn success_one_decodes_the_reply() {
        let r = decode::<ListMeetingsRequest>(&received(200, r#"{"success":1,"total":2,"meetings":[]}"#)).unwrap();
        assert_eq!(r.total, Some(2));
    }

    #[test]
    fn success_zero_is_an_api_error_with_the_documents_meaning() {
        let e = decode::<ListMeetingsRequest>(&received(
            200,
            r#"{"success":0,"error_code":10102,"description":"登录超时"}"#,
        ))
        .unwrap_err();
        let Error::Api { code, description, meaning, reply, operation } = &e else { panic!("{e:?}") };
        assert_eq!((*code, description.as_deref(), *operation), (10102, Some("登录超时"), "list_meetings"));
        assert_eq!(*meaning, Some("用户登录超时或者没有登录"));
        assert_eq!(reply["error_code"], 10102);
        assert!(e.is_session_expired());
        assert!(e.to_string().contains("用户登录超时或者没有登录"), "{e}");
    }

    #[test]
    fn the_one_pass_read_agrees_with_the_probe() {
        // The last `success` counts, in both.
        let twice = r#"{"success":1,"total":2,"success":0,"error_code":10102}"#;
        let e = decode::<ListMeetingsRequest>(&received(200, twice)).unwrap_err();
        assert!(matches!(e, Error::Api { code: 10102, .. }), "{e:?}");
        // Keys with escapes are read as the plain ones, and the shared fields reach the reply too.
        let escaped = r#"{"succ\u0065ss":1,"tot\u0061l":3,"meetings":[],"other":[1]}"#;
        let r = decode::<ListMeetingsRequest>(&received(200, escaped)).unwrap();
        assert_eq!((r.success, r.total, r.extra["other"][0].as_i64()), (Some(1), Some(3), Some(1)));
    }

    #[test]
    fn a_bare_failure_has_no_description() {
        let e = decode::<GetTokenRequest>(&received(200, r#"{"success":0,"error_code":10001}"#)).unwrap_err();
        assert!(matches!(e, Error::Api { code: 10001, description: None, meaning: Some("软件认证失败"), .. }), "{e:?}");
    }

    #[test]
    fn broken_bodies_are_decode_errors_that_keep_the_bytes() {
        for body in [
            "<html>502 Bad Gateway</html>",
            r#"{"success":1,"total":3,"meet"#,
            r#"{"success":1,"total":"three"}"#,
            r#"{"success":"yes"}"#,
            r#"{"total":1}"#,
            r#"[1,2]"#,
            r#"{"success":0}"#,
            r#"{"success":0,"error_code":"x"}"#,
            "",
        ] {
            let e = decode::<ListMeetingsRequest>(&received(200, body)).unwrap_err();
            let Error::Decode { status: 200, body: raw, .. } = &e else { panic!("{body}: {e:?}") };
            assert_eq!(raw.as_bytes(), body.as_bytes());
            assert!(format!("{e:?}").contains(&format!("{} bytes", body.len())), "{e:?}");
        }
    }

    #[test]
    fn a_status_excerpt_masks_secrets_and_is_short() {
        let body = format!("<html>token abc123 was refused {}</html>", "x".repeat(500));
        let e = received(502, &body).status_error("get_resources", &["abc123", ""]);
        let Error::Status { status: 502, excerpt, .. } = &e else { panic!("{e:?}") };
        assert!(excerpt.contains("token *** was") && excerpt.chars().count() <= EXCERPT_CHARS, "{excerpt}");
    }

    #[test]
    fn failure_bodies_are_recognised_under_any_status() {
        assert!(is_failure(br#"{"success":0,"error_code":10002}"#));
        assert!(!is_failure(br#"{"success":1}"#));
        assert!(!is_failure(b"<html>"));
    }

    #[test]
    fn the_debug_report_is_flattened_to_paths() {
        let body = r#"{"success":1,"dubug_list":{"mts":[{"bitrate":"下参中缺少该必填参数"}],"name":{"first":"太长"}}}"#;
        let check = decode_check::<GetResourcesRequest>(&received(200, body)).unwrap();
        let issues: Vec<String> = check.issues.iter().map(ToString::to_string).collect();
        assert_eq!(issues, ["mts[0].bitrate: 下参中缺少该必填参数", "name.first: 太长"]);
        assert!(!check.passed());
        let clean = decode_check::<GetResourcesRequest>(&received(200, r#"{"success":1,"dubug_list":{}}"#)).unwrap();
        assert!(clean.passed());
    }
}
