//! `decode` under input no client of ours would send: very many fields or keys (read correctly,
//! repeats resolved as the platform resolves them), bytes that are not UTF-8 (refused, naming the
//! field, never replaced), undocumented keys (accepted and told), and `-0`.

use kedacom_mc_mock::samples;
use kedacom_mc_models::validate::Rule;
use kedacom_mc_models::*;
use serde_json::{json, Value};

const CONFS: &str = "/api/v1/mc/confs";
const MEETINGS: &str = "/api/v1/mc/meetings";
const NAME_CHECK: &str = "/api/v1/mc/valid_conf_name";

fn post(path: &str) -> WireInput {
    WireInput { method: "POST".into(), path: path.into(), ..Default::default() }
}

fn get(path: &str) -> WireInput {
    WireInput { method: "GET".into(), path: path.into(), ..Default::default() }
}

fn conf_body() -> Value {
    serde_json::to_value(samples::create_conf_params("周会", 60)).unwrap()
}

fn with_params(mut input: WireInput, params: &str) -> WireInput {
    input.form.push(("params".into(), params.into()));
    input
}

fn violations(input: WireInput) -> Vec<(String, Rule, Option<String>)> {
    let report = decode(input).unwrap().request.unwrap_err();
    report.violations.into_iter().map(|v| (v.path, v.rule, v.value)).collect()
}

const NOT_UTF8: Rule = Rule::Type { expected: "UTF-8 text" };

#[test]
fn a_hundred_thousand_fields_are_read_and_the_first_of_a_repeated_name_wins() {
    let mut query = String::from("start=5&count=7");
    for i in 0..100_000 {
        query.push_str(&format!("&junk{i}=x"));
    }
    query.push_str("&start=6&count=8");
    let mut input = get(MEETINGS);
    input.read_query(query.as_bytes());
    assert_eq!(input.query.len(), 100_004);
    let decoded = decode(input).unwrap();
    let Ok(AnyRequest::ListMeetings(request)) = decoded.request else { panic!("{:?}", decoded.request) };
    assert_eq!((request.start, request.count), (Some(5), Some(7)));
    assert!(decoded.warnings.is_empty(), "fields no endpoint documents are ignored, not told");
}

#[test]
fn a_hundred_thousand_params_keys_are_kept_and_told_and_the_last_of_a_repeated_key_wins() {
    let body = conf_body();
    let documented = body.as_object().unwrap().len();
    let mut text = body.to_string();
    text.pop();
    for i in 0..100_000 {
        text.push_str(&format!(r#","x{i}":{i}"#));
    }
    // A repeated key: the last value is read, as serde_json and Java's parsers read it.
    text.push_str(r#","name":"终会"}"#);
    let decoded = decode(with_params(post(CONFS), &text)).unwrap();
    assert_eq!(decoded.warnings.len(), 100_000);
    assert!(decoded.warnings.iter().all(|w| w.rule == Rule::UnknownField && w.value.is_none()));
    assert!(decoded.warnings.iter().any(|w| w.path == "x99999"));
    let Ok(AnyRequest::CreateConf(request)) = decoded.request else { panic!("{:?}", decoded.request) };
    assert_eq!(request.params.name.as_deref(), Some("终会"));
    assert_eq!(request.params.extra.len(), 100_000);
    assert_eq!(request.params.extra["x12345"], json!(12345));
    // Sent back whole: every key once.
    let sent = serde_json::to_value(&request.params).unwrap();
    assert_eq!(sent.as_object().unwrap().len(), documented + 100_000);
}

#[test]
fn problems_after_many_dropped_items_are_reported_at_the_indices_sent() {
    // Every other invitee is not an object (dropped for its type); every kept one breaks a rule.
    let mut body = conf_body();
    let members: Vec<Value> = (0..20_000)
        .map(|i| if i % 2 == 0 { json!("not an invitee") } else { json!({"account": "a", "account_type": 99}) })
        .collect();
    body["invite_members"] = Value::Array(members);
    let found = violations(with_params(post(CONFS), &body.to_string()));
    let typed: Vec<&str> =
        found.iter().filter(|(_, r, _)| matches!(r, Rule::Type { .. })).map(|(p, ..)| p.as_str()).collect();
    assert_eq!(typed.len(), 10_000);
    assert_eq!(typed[1], "invite_members[2]");
    let ruled: Vec<&str> = found
        .iter()
        .filter(|(p, r, _)| p.ends_with("account_type") && !matches!(r, Rule::Type { .. }))
        .map(|(p, ..)| p.as_str())
        .collect();
    assert_eq!(ruled.len(), 10_000, "{:?}", &found[..4]);
    assert_eq!(ruled[0], "invite_members[1].account_type");
    assert_eq!(ruled[9_999], "invite_members[19999].account_type");
}

#[test]
fn a_query_value_that_is_not_utf8_is_refused_naming_the_field() {
    let mut input = get(NAME_CHECK);
    input.read_query(b"conf_name=%FF%FE&start_time=2030-01-01T10:00:00%2B08:00&end_time=2030-01-01T11:00:00%2B08:00");
    assert_eq!(input.unreadable, [("conf_name".to_owned(), vec![0xFF, 0xFE])]);
    assert_eq!(violations(input), [("conf_name".to_owned(), NOT_UTF8, Some("%FF%FE".to_owned()))]);
    // Valid text around the bad bytes is shown as it is; a name that is not UTF-8 is shown encoded.
    let mut input = get(NAME_CHECK);
    input.read_query("conf_name=周会%FF&%FEx=1".as_bytes());
    let found = violations(input);
    assert!(found.contains(&("conf_name".to_owned(), NOT_UTF8, Some("周会%FF".to_owned()))), "{found:?}");
    assert!(found.contains(&("%FEx".to_owned(), NOT_UTF8, Some("1".to_owned()))), "{found:?}");
}

#[test]
fn a_form_field_with_a_raw_byte_that_is_not_utf8_is_refused_and_a_secret_stays_masked() {
    let mut input = post("/api/v1/system/login");
    input.read_form(b"account_token=t&username=ad\xFFmin&password=pa\xFFss");
    let found = violations(input);
    assert!(found.contains(&("username".to_owned(), NOT_UTF8, Some("ad%FFmin".to_owned()))), "{found:?}");
    assert!(found.contains(&("password".to_owned(), NOT_UTF8, Some("***".to_owned()))), "{found:?}");
    // A readable value of another field is read as before.
    let mut input = post("/api/v1/system/login");
    input.read_form("account_token=t&username=管理员+1&password=p%26w".as_bytes());
    assert!(input.unreadable.is_empty());
    assert_eq!(input.form[1], ("username".to_owned(), "管理员 1".to_owned()));
    assert_eq!(input.form[2], ("password".to_owned(), "p&w".to_owned()));
}

#[test]
fn a_multipart_text_part_that_is_not_utf8_is_refused_naming_it() {
    let mut input = post("/api/v1/mc/meeting_files/m1");
    input.read_text_part("account_token".into(), b"t".to_vec());
    input.read_text_part("note".into(), vec![0xC4, 0xE3]);
    input.file = Some(("file".into(), FileUpload::new("a.txt", b"x".to_vec())));
    assert_eq!(violations(input), [("note".to_owned(), NOT_UTF8, Some("%C4%E3".to_owned()))]);
}

#[test]
fn bytes_that_are_not_utf8_inside_params_are_refused_at_their_place_in_the_json() {
    let body = conf_body().to_string();
    let cases = [
        (r#""name":"周会""#, "\"name\":\"周%FF会\"", "name"),
        (r#""video_formats":["#, r#""video_formats":[{"format":"%FE"},"#, "video_formats[0].format"),
        (r#""name":"周会""#, "\"n%FFame\":\"周会\"", "params"),
    ];
    for (from, to, path) in cases {
        let encoded: String = form_urlencoded::byte_serialize(body.replace(from, to).as_bytes()).collect();
        // `byte_serialize` encoded the `%` of the invalid bytes too: undo that for them alone.
        let encoded = encoded.replace("%25FF", "%FF").replace("%25FE", "%FE");
        let mut input = post(CONFS);
        input.read_form(format!("account_token=t&params={encoded}").as_bytes());
        assert_eq!(input.unreadable.len(), 1);
        assert_eq!(violations(input), [(path.to_owned(), NOT_UTF8, None)], "{to}");
    }
}

#[test]
fn an_integer_sent_as_minus_zero_reads_as_zero_and_a_float_does_not() {
    let mut body = conf_body();
    body["duration"] = json!(0);
    let text = body.to_string().replace(r#""duration":0"#, r#""duration":-0"#);
    assert!(text.contains("-0"));
    let decoded = decode(with_params(post(CONFS), &text)).unwrap();
    let Ok(AnyRequest::CreateConf(request)) = decoded.request else { panic!("{:?}", decoded.request) };
    assert_eq!(request.params.duration, Some(0));
    // An enum or switch reads it too, and `-0` inside a string is text.
    let text = text.replace(r#""mute":0"#, r#""mute":-0"#).replace(r#""name":"周会""#, r#""name":"周-0会""#);
    let params = from_json::<CreateConfParams>(&text).unwrap();
    assert_eq!((params.mute, params.name.as_deref()), (Some(Switch::Off), Some("周-0会")));
    for float in ["-0.0", "0.0", "-0e0"] {
        let text = body.to_string().replace(r#""duration":0"#, &format!(r#""duration":{float}"#));
        let found = violations(with_params(post(CONFS), &text));
        assert_eq!(found[0].0, "duration", "{float}: {found:?}");
        assert_eq!(found[0].1, Rule::Type { expected: "an integer" }, "{float}");
    }
}

#[test]
fn undocumented_keys_are_accepted_kept_and_told_wherever_they_are() {
    let mut body = conf_body();
    body["vmp_enable"] = json!(1);
    body["preoccpuy_resource"] = json!(1);
    body["video_formats"][0]["colour"] = json!("red");
    let decoded = decode(with_params(post(CONFS), &body.to_string())).unwrap();
    let mut told: Vec<&str> = decoded.warnings.iter().map(|w| w.path.as_str()).collect();
    told.sort_unstable();
    assert_eq!(told, ["preoccpuy_resource", "video_formats[0].colour", "vmp_enable"]);
    let Ok(AnyRequest::CreateConf(request)) = decoded.request else { panic!("{:?}", decoded.request) };
    assert_eq!(serde_json::to_value(&request.params).unwrap(), body, "kept, and sent back as they came");
    // The typed request's own validation, which a client runs before sending, still refuses them.
    let refused = request.validate().unwrap_err();
    assert_eq!(refused.violations.len(), 3, "{refused}");
    assert!(refused.violations.iter().all(|v| v.rule == Rule::UnknownField));
    // Told alongside the problems of a request that is invalid for other reasons.
    body["bitrate"] = json!("fast");
    let read = read_json::<CreateConfParams>(&body.to_string());
    assert_eq!(read.warnings.len(), 3);
    assert_eq!(read.request.unwrap_err().violations.len(), 1);
}
