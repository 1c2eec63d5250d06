//! What the mock reads of a request, as sent: bounded before the session is checked (HTTP 413),
//! never text it would have to alter (27504, naming the field), undocumented keys ignored and kept
//! as the platform does (or refused by a strict mock, and warned about in debug mode), `-0` read
//! as 0.

use crate::common::{Client, Reply};
use kedacom_mc_mock::{codes, samples, MockPlatform, Outcome};
use kedacom_mc_models::wire::Place;
use kedacom_mc_models::wire_names::{PARAMS_PARAM, TOKEN_PARAM};
use kedacom_mc_models::*;
use serde_json::{json, Value};

const FORM: &str = "application/x-www-form-urlencoded";

/// Sends bytes as they are, with the client's cookie.
async fn raw(c: &Client, method: &str, path_and_query: &str, content_type: Option<&str>, body: Vec<u8>) -> Reply {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut rb = c.http.request(method, format!("{}{}", c.base, path_and_query)).body(body);
    if let Some(cookie) = &c.cookie {
        rb = rb.header("Cookie", format!("SSO_COOKIE_KEY={cookie}"));
    }
    if let Some(content_type) = content_type {
        rb = rb.header("Content-Type", content_type);
    }
    let response = rb.send().await.expect("the mock answers");
    let (status, headers) = (response.status().as_u16(), response.headers().clone());
    Reply { status, headers, text: response.text().await.unwrap() }
}

/// The client's token; one no session has when it has none.
fn token(c: &Client) -> String {
    c.token.as_ref().map_or("none", |t| t.expose()).to_owned()
}

/// A create-conference form with `params` as given, the token first.
fn conf_form(c: &Client, params: &[u8]) -> Vec<u8> {
    let mut body = format!("{TOKEN_PARAM}={}&{PARAMS_PARAM}=", token(c)).into_bytes();
    body.extend(params);
    body
}

fn conf_params() -> Value {
    serde_json::to_value(samples::create_conf_params("周会", 60)).unwrap()
}

fn encoded(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn confs() -> &'static str {
    CreateConfRequest::INFO.path
}

#[tokio::test]
async fn too_many_fields_form_bytes_or_params_values_get_413_before_the_session_is_checked() {
    let mock = MockPlatform::builder().max_fields(5).max_form_bytes(1_000).max_params_values(10).start().await.unwrap();
    let c = Client::new(&mock);
    let meetings = ListMeetingsRequest::INFO.path;
    let fields = |n: usize| (0..n).map(|i| format!("f{i}=1")).collect::<Vec<_>>().join("&");
    let upload = |parts: Vec<(String, String)>| {
        let form = parts.into_iter().fold(reqwest::multipart::Form::new(), |f, (k, v)| f.text(k, v));
        c.http.post(format!("{}/api/v1/mc/meeting_files/m1", c.base)).multipart(form).send()
    };

    // At the limit, the request is read: without a session, 10002.
    assert_eq!(raw(&c, "GET", &format!("{meetings}?{}", fields(5)), None, Vec::new()).await.code(), Some(10002));
    let over = [
        raw(&c, "GET", &format!("{meetings}?{}", fields(6)), None, Vec::new()).await,
        raw(&c, "POST", confs(), Some(FORM), fields(6).into_bytes()).await,
        raw(&c, "POST", &format!("{}?{}", confs(), fields(3)), Some(FORM), fields(3).into_bytes()).await,
        raw(&c, "POST", confs(), Some(FORM), format!("name={}", "x".repeat(1_000)).into_bytes()).await,
    ];
    for reply in &over {
        assert_eq!(reply.status, 413, "{}", reply.text);
    }
    let six: Vec<(String, String)> = (0..6).map(|i| (format!("f{i}"), "1".to_owned())).collect();
    assert_eq!(upload(six).await.unwrap().status().as_u16(), 413);
    let long = vec![("a".to_owned(), "x".repeat(600)), ("b".to_owned(), "x".repeat(600))];
    assert_eq!(upload(long).await.unwrap().status().as_u16(), 413);

    // Values are counted at every depth; ten are read, eleven are not.
    let values = |n: usize| format!(r#"{{"outer":[{}]}}"#, vec!["1"; n - 2].join(","));
    let ten = raw(&c, "POST", confs(), Some(FORM), conf_form(&c, encoded(&values(10)).as_bytes())).await;
    assert_eq!(ten.code(), Some(10002), "{}", ten.text);
    let eleven = raw(&c, "POST", confs(), Some(FORM), conf_form(&c, encoded(&values(11)).as_bytes())).await;
    assert_eq!(eleven.status, 413);
    // Not even bytes that are not UTF-8 are read past the limit.
    let unreadable = format!("{}%FF", encoded(&values(11)));
    assert_eq!(raw(&c, "POST", confs(), Some(FORM), conf_form(&c, unreadable.as_bytes())).await.status, 413);

    // Nothing refused reached an endpoint, and the mock goes on serving.
    assert_eq!(mock.requests().len(), 2);
    assert_eq!(raw(&c, "GET", GetMcVersionRequest::INFO.path, None, Vec::new()).await.code(), None);
}

#[tokio::test]
async fn the_default_limits_read_the_largest_documented_bodies() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    // A conference of 192, every list of members full.
    let member = json!({"name": "终端", "account": "c69da1ef-5930-47e0-9a79-dfa083de0208", "account_type": 1});
    let mut invitee = member.clone();
    invitee["bitrate"] = json!(1024);
    invitee["protocol"] = json!(0);
    let full = |m: &Value| Value::Array(vec![m.clone(); 192]);
    let mut params = conf_params();
    params["max_join_mt"] = json!(192);
    params["invite_members"] = full(&invitee);
    params["keep_calling_members"] = full(&member);
    params["vips"] = full(&member);
    params["mix"] = json!({"mode": 2, "members": full(&member)});
    params["poll"] = json!({"mode": 3, "num": 0, "keep_time": 30, "members": full(&member)});
    let text = params.to_string();
    let values = count_json_values(text.as_bytes());
    assert!(values > 4_000 && text.len() > 80_000, "{values} values, {} bytes", text.len());
    let reply = raw(&c, "POST", confs(), Some(FORM), conf_form(&c, encoded(&text).as_bytes())).await;
    assert_eq!(reply.code(), None, "{}", reply.text);
}

#[tokio::test]
async fn text_that_is_not_utf8_is_refused_with_27504_naming_the_field_on_every_route() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let token = token(&c);
    for info in ENDPOINTS {
        let mut path = info.path.replace(&format!("{{{TOKEN_PARAM}}}"), &token);
        for p in info.parameters.iter().filter(|p| p.place == Place::Path) {
            path = path.replace(&format!("{{{}}}", p.name), "1");
        }
        let query = format!("{path}?{TOKEN_PARAM}={token}&probe=%FF%FE");
        let body = format!("{TOKEN_PARAM}={token}").into_bytes();
        let reply = raw(&c, info.method.as_str(), &query, Some(FORM), body).await;
        assert_eq!(reply.code(), Some(codes::DATA_UNREADABLE), "{}: {}", info.operation, reply.text);
        // The unified-login API's failures carry no description: the code alone says it there.
        if info.failure_type != "BareFailure" {
            let description = reply.json()["description"].as_str().unwrap_or_default().to_owned();
            assert!(
                description.contains("probe: expected UTF-8 text (got %FF%FE)"),
                "{}: {description}",
                info.operation
            );
        }
    }
    // As the report found them: a documented query parameter, …
    let check = format!("{}?{TOKEN_PARAM}={token}&conf_name=%FF%FE", ValidateConfNameRequest::INFO.path);
    let reply = raw(&c, "GET", &check, None, Vec::new()).await;
    assert_eq!(reply.code(), Some(codes::DATA_UNREADABLE));
    assert!(reply.text.contains("conf_name: expected UTF-8 text"), "{}", reply.text);
    // … a raw byte inside `params`, named by its place in the JSON, …
    let mut bytes = encoded(&conf_params().to_string()).into_bytes();
    let name = bytes.windows(9).position(|w| w == b"%E5%91%A8").unwrap();
    bytes.insert(name + 9, 0xFF);
    let reply = raw(&c, "POST", confs(), Some(FORM), conf_form(&c, &bytes)).await;
    assert_eq!(reply.code(), Some(codes::DATA_UNREADABLE), "{}", reply.text);
    assert!(reply.json()["description"].as_str().unwrap().contains("name: expected UTF-8 text"), "{}", reply.text);
    // … and a body in another charset, even one whose bytes happen to be UTF-8.
    let form = conf_form(&c, encoded(&conf_params().to_string()).as_bytes());
    let reply = raw(&c, "POST", confs(), Some("application/x-www-form-urlencoded; charset=GBK"), form).await;
    assert_eq!(reply.code(), Some(codes::DATA_UNREADABLE));
    assert!(reply.text.contains("gbk, not UTF-8"), "{}", reply.text);
    // Nothing was stored.
    let meetings = c.call(&ListMeetingsRequest::new()).await.json();
    assert_eq!(meetings["total"], 0, "{meetings}");
}

#[tokio::test]
async fn a_multipart_text_part_that_is_not_utf8_is_refused_naming_it() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let meeting = mock.seed_conference(samples::create_conf_params("周会", 60)).unwrap().meeting_id;
    let url = format!("{}{}", c.base, UploadMeetingFileRequest::INFO.path.replace("{meeting_id}", &meeting));
    let send = |note: reqwest::multipart::Part| {
        let form = reqwest::multipart::Form::new()
            .text(TOKEN_PARAM, token(&c))
            .part("note", note)
            .part("file", reqwest::multipart::Part::bytes(b"x".to_vec()).file_name("a.txt"));
        let cookie = format!("SSO_COOKIE_KEY={}", c.cookie.clone().unwrap());
        c.http.post(url.clone()).header("Cookie", cookie).multipart(form).send()
    };
    let gbk = send(reqwest::multipart::Part::bytes(vec![0xC4, 0xE3])).await.unwrap().text().await.unwrap();
    assert!(gbk.contains(r#""error_code":27504"#) && gbk.contains("note: expected UTF-8 text (got %C4%E3)"), "{gbk}");
    let labelled = reqwest::multipart::Part::text("ok").mime_str("text/plain; charset=gbk").unwrap();
    let labelled = send(labelled).await.unwrap().text().await.unwrap();
    assert!(labelled.contains(r#""error_code":27504"#) && labelled.contains("field `note` is gbk"), "{labelled}");
    assert!(mock.requests_for::<UploadMeetingFileRequest>().iter().all(|r| r.outcome != Outcome::Success));
}

#[tokio::test]
async fn debug_mode_names_the_field_that_is_not_utf8() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let params = encoded(&conf_params().to_string()).replace("%E5%91%A8", "%FF");
    let path = format!("{}?debug=1", confs());
    let reply = raw(&c, "POST", &path, Some(FORM), conf_form(&c, params.as_bytes())).await;
    assert_eq!(reply.json(), json!({"success": 1, "dubug_list": {"name": "expected UTF-8 text"}}));
}

/// `create_conf` params with two keys the document doesn't list, one of them misspelled.
fn with_unknown_keys() -> CreateConfParams {
    let mut params = samples::create_conf_params("周会", 60);
    params.extra.insert("vmp_enable".into(), json!(1));
    params.extra.insert("preoccpuy_resource".into(), json!(1));
    params
}

#[tokio::test]
async fn undocumented_keys_are_ignored_and_kept_by_default_and_told_in_debug_mode() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let reply = c.call(&CreateConfRequest::new(with_unknown_keys())).await;
    assert_eq!(reply.code(), None, "{}", reply.text);
    let calls = mock.requests_for::<CreateConfRequest>();
    let Some(AnyRequest::CreateConf(kept)) = calls[0].request.as_deref() else { panic!("{:?}", calls[0]) };
    assert_eq!(kept.params.extra["vmp_enable"], json!(1));
    assert_eq!(kept.params.extra["preoccpuy_resource"], json!(1));

    let options = WireOptions { server_check: true, ..Default::default() };
    let checked = c.call_with(&CreateConfRequest::new(with_unknown_keys().name("周会2")), options).await;
    let warning = "warning: not a documented field; ignored";
    let report = json!({"preoccpuy_resource": warning, "vmp_enable": warning});
    assert_eq!(checked.json(), json!({"success": 1, "dubug_list": report}));
}

#[tokio::test]
async fn a_strict_mock_refuses_undocumented_keys() {
    let mock = MockPlatform::builder().strict(true).start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let reply = c.call(&CreateConfRequest::new(with_unknown_keys())).await;
    assert_eq!(reply.code(), Some(codes::PARAMETER_ERROR));
    let description = reply.json()["description"].as_str().unwrap().to_owned();
    assert!(description.contains("vmp_enable: not a documented field"), "{description}");
    assert!(description.contains("preoccpuy_resource: not a documented field"), "{description}");
    let options = WireOptions { server_check: true, ..Default::default() };
    let checked = c.call_with(&CreateConfRequest::new(with_unknown_keys()), options).await.json();
    assert_eq!(checked["dubug_list"]["vmp_enable"], "not a documented field", "{checked}");
    assert_eq!(c.call(&CreateConfRequest::new(samples::create_conf_params("周会", 60))).await.code(), None);
}

#[tokio::test]
async fn minus_zero_is_an_integer() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let mut params = conf_params();
    params["duration"] = json!(0);
    let text = params.to_string().replace(r#""duration":0"#, r#""duration":-0"#);
    let reply = raw(&c, "POST", confs(), Some(FORM), conf_form(&c, encoded(&text).as_bytes())).await;
    assert_eq!(reply.code(), None, "{}", reply.text);
    let calls = mock.requests_for::<CreateConfRequest>();
    let Some(AnyRequest::CreateConf(kept)) = calls[0].request.as_deref() else { panic!("{:?}", calls[0]) };
    assert_eq!(kept.params.duration, Some(0));
}
