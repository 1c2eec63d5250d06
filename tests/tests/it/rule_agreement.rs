//! Whatever the mock refuses as a parameter problem (52004, 27504), the models refuse too, at the
//! same path: every request rule lives in the spec, none in the mock alone.
//!
//! For every endpoint, each caller parameter and each field of the `params` body that has a rule
//! (a range, a date-time, a length, a list of values, a file type) gets a request breaking it, built
//! from the spec. It goes raw over HTTP to the mock, logged in; the same wire request, typed by
//! `decode_unchecked`, goes through `validate()`. Every path the mock names must be among the ones
//! `validate()` names (or, for a value that cannot be typed at all, among decoding's type errors).

use std::collections::BTreeSet;

use kedacom_mc_codegen::model::{Api, Endpoint as SpecEndpoint, Field, Format, ObjectUse, Type};
use kedacom_mc_mock::MockPlatform;
use kedacom_mc_models::wire::WireBody;
use kedacom_mc_models::*;
use serde_json::{json, Value};

/// A request breaking one rule, and the path the rule is at; or a probe, a value no rule of the spec
/// refuses but a server with rules of its own might (a negative number).
struct Case {
    info: &'static EndpointInfo,
    input: WireInput,
    broken: String,
    what: String,
    /// The spec refuses it, so the mock must.
    refused: bool,
}

/// Values breaking a field's rules, and what each breaks; for an integer without a minimum, a
/// negative probe.
fn breaking(api: &Api, f: &Field) -> Vec<(Value, &'static str)> {
    let l = &f.limits;
    let mut out = Vec::new();
    match &f.ty {
        Type::Integer => {
            match l.min {
                Some(min) => out.push((json!(min - 1), "below its min")),
                None => out.push((json!(-1), PROBE)),
            }
            if let Some(max) = l.max {
                out.push((json!(max + 1), "above its max"));
            }
            if let Some(set) = &l.one_of {
                out.push((json!(set.iter().max().copied().unwrap_or(0) + 1), "not one of its values"));
            }
        }
        Type::String => {
            if l.format == Some(Format::DateTime) {
                out.push((json!("2021-02-30T10:00:00+08:00"), "a date that does not exist"));
                out.push((json!("2021-11-11 10:00:00"), "not ISO 8601"));
            }
            if let Some(n) = l.max_bytes {
                out.push((json!("a".repeat(n as usize + 1)), "too many bytes"));
            }
        }
        Type::Switch(_) => out.push((json!(7), "not 0 or 1")),
        Type::Enum(u) => {
            let integer = api.enum_def(&u.name).is_some_and(|e| e.values.iter().all(|v| v.value.is_i64()));
            out.push((if integer { json!(9999) } else { json!("zzz") }, "not a listed value"));
        }
        _ => {}
    }
    out
}

/// What a probe is: no rule of the spec refuses it.
const PROBE: &str = "negative, which the spec allows";

/// The wire text of a parameter value.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The endpoint's URI with each caller placeholder filled.
fn path_of(e: &SpecEndpoint) -> String {
    let mut path = e.uri.clone();
    for p in e.caller_path() {
        path = path.replace(&format!("{{{}}}", p.wire), "id1");
    }
    path
}

fn cases(api: &Api) -> Vec<Case> {
    let mut out = Vec::new();
    for e in &api.endpoints {
        let info = EndpointInfo::find(&e.operation).unwrap();
        let blank = WireInput { method: e.method.as_str().into(), path: path_of(e), ..Default::default() };
        let put = |input: &mut WireInput, name: &str, value: String| {
            let place = if info.fields == wire::Place::Query { &mut input.query } else { &mut input.form };
            place.push((name.to_owned(), value));
        };
        // The body starts from the document's example, so that the broken field is its only problem.
        let body = e.params_example.clone().unwrap_or_else(|| json!({}));
        let with_body = |input: &mut WireInput, body: &Value| {
            if e.params.is_some() {
                put(input, wire_names::PARAMS_PARAM, body.to_string());
            }
        };
        for p in e.caller_parameters() {
            if p.ty == Type::File {
                let mut input = blank.clone();
                with_body(&mut input, &body);
                let file = FileUpload::new("setup.exe", b"MZ".to_vec());
                input.file = Some((p.wire.clone(), file));
                if p.limits.file_types.is_some() {
                    out.push(Case {
                        info,
                        input,
                        broken: p.wire.clone(),
                        what: "a file type not listed".into(),
                        refused: true,
                    });
                }
                continue;
            }
            let mut values = breaking(api, p);
            if matches!(p.ty, Type::Integer | Type::Switch(_)) {
                values.push((json!("twelve"), "not a number"));
            }
            for (value, what) in values {
                let mut input = blank.clone();
                with_body(&mut input, &body);
                put(&mut input, &p.wire, text(&value));
                out.push(Case { info, input, broken: p.wire.clone(), what: what.into(), refused: what != PROBE });
            }
        }
        let Some(use_) = e.params_use() else { continue };
        for fv in api.view(&use_).fields {
            let mut values = breaking(api, &fv.field);
            // A value of the wrong JSON type cannot be typed: 27504.
            if fv.field.ty == Type::Integer {
                values.push((json!("twelve"), "not a number"));
            }
            for (value, what) in values {
                let mut broken_body = body.clone();
                broken_body[&fv.field.wire] = value;
                let mut input = blank.clone();
                with_body(&mut input, &broken_body);
                let (broken, what, refused) = (fv.field.wire.clone(), what.to_owned(), what != PROBE);
                out.push(Case { info, input, broken, what, refused });
            }
        }
    }
    out
}

/// A logged-in raw HTTP client of the mock.
struct Raw {
    http: reqwest::Client,
    base: String,
    token: String,
    cookie: String,
}

impl Raw {
    async fn log_in(mock: &MockPlatform) -> Raw {
        let http = reqwest::Client::new();
        let base = mock.base_url();
        let c = mock.credentials();
        let token_request = GetTokenRequest::new().oauth_consumer_key(&c.key).oauth_consumer_secret(&c.secret);
        let (reply, _) = Self::send_wire(&http, &base, &token_request.to_wire(None, &WireOptions::default()), "").await;
        let token = reply[wire_names::TOKEN_PARAM].as_str().expect("a token").to_owned();
        let login = LoginRequest::new().username(&c.username).password(&c.password);
        let login = login.to_wire(Some(&AccountToken::new(token.clone())), &WireOptions::default());
        let (_, cookie) = Self::send_wire(&http, &base, &login, "").await;
        Raw { http, base, token, cookie: cookie.expect("login sets the cookie") }
    }

    async fn send_wire(http: &reqwest::Client, base: &str, w: &WireRequest, cookie: &str) -> (Value, Option<String>) {
        let method = reqwest::Method::from_bytes(w.method.as_str().as_bytes()).unwrap();
        let mut rb = http.request(method, format!("{base}{}", w.path_and_query()));
        if let WireBody::Form(_) = &w.body {
            rb = rb.header("Content-Type", w.content_type().unwrap()).body(w.form_body().unwrap());
        }
        let response = rb.header("Cookie", format!("{}={cookie}", wire_names::SESSION_COOKIE)).send().await.unwrap();
        let cookie = response.headers().get("set-cookie").and_then(|v| v.to_str().ok()).and_then(|v| {
            let pair = v.split(';').next()?;
            pair.strip_prefix(&format!("{}=", wire_names::SESSION_COOKIE)).map(str::to_owned)
        });
        (serde_json::from_str(&response.text().await.unwrap()).unwrap(), cookie)
    }

    /// The case's request as it stands, with the session added where its endpoint takes it.
    async fn send(&self, case: &Case, server_check: bool) -> Value {
        let info = case.info;
        let mut query = case.input.query.clone();
        let mut form = case.input.form.clone();
        let mut path = case.input.path.clone();
        let token = (wire_names::TOKEN_PARAM.to_owned(), self.token.clone());
        match info.token {
            Some(wire::Place::Query) => query.push(token),
            Some(wire::Place::Body) => form.push(token),
            Some(wire::Place::Path) => path = path.replace(&format!("{{{}}}", wire_names::TOKEN_PARAM), &self.token),
            None => {}
        }
        if server_check {
            query.push((wire_names::DEBUG_PARAM.to_owned(), wire_names::DEBUG_VALUE.to_owned()));
        }
        let encode =
            |pairs: &[(String, String)]| form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
        let mut url = format!("{}{path}", self.base);
        if !query.is_empty() {
            url = format!("{url}?{}", encode(&query));
        }
        let method = reqwest::Method::from_bytes(info.method.as_str().as_bytes()).unwrap();
        let mut rb =
            self.http.request(method, url).header("Cookie", format!("{}={}", wire_names::SESSION_COOKIE, self.cookie));
        if let Some((name, file)) = &case.input.file {
            let mut parts = reqwest::multipart::Form::new();
            for (k, v) in form {
                parts = parts.text(k, v);
            }
            let part = reqwest::multipart::Part::bytes(file.content.to_vec()).file_name(file.file_name.clone());
            rb = rb.multipart(parts.part(name.clone(), part));
        } else if !form.is_empty() {
            rb = rb.header("Content-Type", "application/x-www-form-urlencoded").body(encode(&form));
        }
        let response = rb.send().await.unwrap();
        assert_eq!(response.status(), 200, "{} {}", info.operation, case.what);
        serde_json::from_str(&response.text().await.unwrap()).unwrap()
    }
}

/// The paths a refusal's description names (`path: rule (got …)`, joined by `; `; at most ten).
fn described_paths(description: &str) -> BTreeSet<String> {
    description
        .split("; ")
        .filter(|part| !part.starts_with("and ") || !part.ends_with(" more"))
        .filter_map(|part| part.split_once(": ").map(|(path, _)| path.to_owned()))
        .collect()
}

/// The first segment of a path: `vmp.members[0].name` → `vmp`.
fn top(path: &str) -> &str {
    path.split(['.', '[']).next().unwrap_or(path)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_the_mock_refuses_the_models_refuse_at_the_same_path() {
    let api = kedacom_mc_tests::spec();
    let mock = MockPlatform::start().await.unwrap();
    let raw = Raw::log_in(&mock).await;
    let cases = cases(&api);
    let mut refused = BTreeSet::new();
    let mut probes_taken = 0;
    for case in &cases {
        let op = case.info.operation;
        let at = format!("{op} `{}` ({})", case.broken, case.what);
        let reply = raw.send(case, false).await;
        let code = reply[wire_names::ERROR_CODE_FIELD].as_i64();
        let validation = [codes::PARAMETER_ERROR, codes::DATA_UNREADABLE];
        if !case.refused && !code.is_some_and(|c| validation.contains(&c)) {
            // A probe the mock does not refuse for its parameters: nothing to agree on.
            probes_taken += 1;
            continue;
        }
        assert_eq!(reply[wire_names::SUCCESS_FIELD], 0, "{at}: the mock took it: {reply}");
        let code = code.unwrap_or_default();
        assert!(validation.contains(&code), "{at}: {reply}");
        let mock_paths = described_paths(reply[wire_names::DESCRIPTION_FIELD].as_str().unwrap_or_default());

        // The same request, typed, through the client's check.
        let decoded = decode_unchecked(case.input.clone()).unwrap();
        assert_eq!(decoded.endpoint, case.info);
        let client_paths: BTreeSet<String> = match decoded.request {
            Ok(request) => {
                let report = request.validate().expect_err(&format!("{at}: validate() took it"));
                assert_eq!(code, codes::PARAMETER_ERROR, "{at}: a typed request is refused for its rules");
                report.violations.into_iter().map(|v| v.path).collect()
            }
            // Not typed at all: the client's types cannot hold it, and decoding says where.
            Err(report) => {
                assert_eq!(code, codes::DATA_UNREADABLE, "{at}: {report}");
                report.violations.into_iter().map(|v| v.path).collect()
            }
        };
        assert!(
            mock_paths.is_subset(&client_paths),
            "{at}: the mock names {mock_paths:?}, validate() {client_paths:?}"
        );
        // A probe may be refused elsewhere (another field's rule that refers to it); a broken rule is
        // refused where it is broken.
        if case.refused {
            assert!(client_paths.contains(&case.broken), "{at}: validate() names {client_paths:?}");
            // A failure reply without a description (the meeting-control document's shape) names no
            // path; the check-only report below does.
            let described = reply.get(wire_names::DESCRIPTION_FIELD).is_some();
            assert!(
                !described || mock_paths.contains(&case.broken) || mock_paths.len() >= 10,
                "{at}: the mock names {mock_paths:?}: {reply}"
            );
        }

        // The platform's check-only mode lists every problem, nested by path.
        if case.info.method != Method::Get {
            let check = raw.send(case, true).await;
            let report = check[wire_names::DEBUG_REPLY_FIELD].as_object().unwrap_or_else(|| panic!("{at}: {check}"));
            let client_tops: BTreeSet<&str> = client_paths.iter().map(|p| top(p)).collect();
            for key in report.keys() {
                assert!(
                    client_tops.contains(key.as_str()),
                    "{at}: the check names `{key}`, validate() {client_paths:?}"
                );
            }
            assert!(!case.refused || report.contains_key(top(&case.broken)), "{at}: {check}");
        }
        refused.insert(op);
    }
    // Every rule that was the mock's alone before is among them.
    for op in ["list_meetings", "list_booked_confs", "create_conf", "book_conf", "create_personal_template"] {
        assert!(refused.contains(op), "no case for {op}");
    }
    let wanted = |what: &str, path: &str| cases.iter().any(|c| c.what == what && c.broken == path);
    assert!(
        wanted("below its min", "start") && wanted("below its min", "count") && wanted("below its min", "duration")
    );
    assert!(wanted("a date that does not exist", "start_time"));
    assert!(wanted("a file type not listed", "file"));
    assert!(cases.len() > 100, "{} cases", cases.len());
    // Most probes reach the mock's handlers: it has no rule of its own to refuse them with.
    assert!(probes_taken > 10, "{probes_taken} probes");
}

#[test]
fn the_uses_of_the_spec_this_test_reads_are_there() {
    // The cases come from the spec's limits: without them this test would check nothing.
    let api = kedacom_mc_tests::spec();
    let list = api.endpoints.iter().find(|e| e.operation == "list_meetings").unwrap();
    let start = list.caller_parameters().find(|p| p.wire == "start").unwrap();
    assert_eq!(start.limits.min, Some(0));
    let conf = api.view(&ObjectUse::plain("CreateConfParams"));
    assert_eq!(conf.field("duration").unwrap().field.limits.min, Some(0));
    let booked = api.view(&ObjectUse::plain("BookedConfParams"));
    assert_eq!(booked.field("start_time").unwrap().field.limits.format, Some(Format::DateTime));
}
