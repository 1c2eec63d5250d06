//! The HTTP request each endpoint lays out (`Endpoint::to_wire`), and the server side reading it back
//! (`decode`): where the token goes, how the body is encoded, the DELETE fallback, debug mode, and
//! that every endpoint survives the trip from a typed request to HTTP and back.

use std::path::Path;

use kedacom_mc_codegen::spec::load_dir;
use kedacom_mc_models::wire::{BodyKind, Place, WireBody};
use kedacom_mc_models::*;
use serde_json::Value;

const TOKEN: &str = "6567e24b425db665a3044db69f0c6fe4";

fn token() -> AccountToken {
    AccountToken::new(TOKEN)
}

fn plain() -> WireOptions {
    WireOptions::default()
}

/// What an HTTP server hands its handler for this request: the raw path and the decoded query,
/// form and multipart parts.
pub(crate) fn received(w: &WireRequest) -> WireInput {
    let mut input = WireInput { method: w.method.as_str().into(), path: w.path.clone(), ..Default::default() };
    input.read_query(w.query_string().as_bytes());
    match &w.body {
        WireBody::Empty => {}
        WireBody::Form(_) => input.read_form(w.form_body().unwrap().as_bytes()),
        WireBody::Multipart { fields, file } => {
            for f in fields {
                input.read_text_part(f.name.to_owned(), f.value.clone().into_bytes());
            }
            input.file = Some((file.name.to_owned(), file.upload.clone()));
        }
    }
    // What the client writes is UTF-8 throughout.
    assert!(input.unreadable.is_empty(), "{:?}", input.unreadable);
    input
}

fn document_params(operation: &str) -> Value {
    let api = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).unwrap_or_else(|d| panic!("{d}"));
    api.endpoints.iter().find(|e| e.operation == operation).and_then(|e| e.params_example.clone()).unwrap()
}

#[test]
fn a_post_with_params_is_a_form_with_the_token_and_the_json() {
    let params: CreateConfParams = from_json(&document_params("create_conf").to_string()).unwrap();
    let request = CreateConfRequest::new(params);
    let w = request.to_wire(Some(&token()), &plain());
    assert_eq!(w.method, Method::Post);
    assert_eq!(w.path, "/api/v1/mc/confs");
    assert!(w.query.is_empty());
    assert_eq!(w.content_type(), Some("application/x-www-form-urlencoded; charset=utf-8"));
    let form = received(&w).form;
    assert_eq!(form[0], ("account_token".to_owned(), TOKEN.to_owned()));
    assert_eq!(form[1].0, "params");
    let sent: Value = serde_json::from_str(&form[1].1).unwrap();
    assert_eq!(sent, document_params("create_conf"));
    assert_eq!(w.params_json(), Some(form[1].1.as_str()));
    // Spaces are `+` and the JSON's punctuation is escaped, as a form body wants.
    assert!(w.form_body().unwrap().contains("&params=%7B%22create_type%22%3A1%2C"), "{}", w.form_body().unwrap());
}

#[test]
fn the_upload_is_multipart_with_the_token_as_a_text_part() {
    let upload = FileUpload::new("议程 1.pdf", b"%PDF-1.4 body".to_vec());
    let request = UploadMeetingFileRequest::new("m/1 2", upload.clone());
    let w = request.to_wire(Some(&token()), &plain());
    assert_eq!((w.method, w.path.as_str()), (Method::Post, "/api/v1/mc/meeting_files/m%2F1%202"));
    assert_eq!(w.content_type(), Some("multipart/form-data"));
    let WireBody::Multipart { fields, file } = &w.body else { panic!("{w:?}") };
    assert_eq!(fields.len(), 1);
    assert_eq!((fields[0].name, fields[0].value.as_str(), fields[0].secret), ("account_token", TOKEN, true));
    assert_eq!((file.name, &file.upload), ("file", &upload));
    let shown = format!("{w:?}");
    assert!(!shown.contains(TOKEN) && !shown.contains("PDF-1.4"), "{shown}");
    assert!(shown.contains("13 bytes"), "{shown}");
    assert_eq!(format!("{upload:?}"), r#"FileUpload("议程 1.pdf", 13 bytes)"#);
}

#[test]
fn the_token_heartbeat_carries_the_token_in_its_path() {
    let w = TokenHeartbeatRequest::new().to_wire(Some(&AccountToken::new("a/b c")), &plain());
    assert_eq!((w.method, w.path.as_str()), (Method::Post, "/api/v1/system/token/a%2Fb%20c/heartbeat"));
    assert!(w.query.is_empty() && w.body == WireBody::Empty);
    assert_eq!(w.shown_path(), "/api/v1/system/token/***/heartbeat");
    assert!(!format!("{w:?}").contains("a%2Fb"));
    assert_eq!(TokenHeartbeatRequest::INFO.token, Some(Place::Path));
}

#[test]
fn get_and_delete_send_everything_in_the_query_and_delete_may_go_as_post() {
    let w =
        ListMeetingsRequest::new().start(0).count(20).state(MeetingState::Started).to_wire(Some(&token()), &plain());
    assert_eq!(w.method, Method::Get);
    assert_eq!(w.path_and_query(), format!("/api/v1/mc/meetings?account_token={TOKEN}&start=0&count=20&state=2"));
    assert_eq!(w.body, WireBody::Empty);

    let end = EndConfRequest::new("0001234");
    let w = end.to_wire(Some(&token()), &plain());
    assert_eq!(
        (w.method, w.path_and_query()),
        (Method::Delete, format!("/api/v1/mc/confs/0001234?account_token={TOKEN}"))
    );
    let w = end.to_wire(Some(&token()), &WireOptions { via_post: true, ..plain() });
    assert_eq!((w.method, w.path.as_str()), (Method::Post, "/api/v1/mc/confs/0001234"));
    assert_eq!(w.form_body().unwrap(), format!("account_token={TOKEN}&_method=DELETE"));
    // An endpoint without the documented fallback keeps its method.
    let w = ListMeetingsRequest::new().to_wire(Some(&token()), &WireOptions { via_post: true, ..plain() });
    assert_eq!(w.method, Method::Get);
}

#[test]
fn put_and_a_delete_with_a_body_send_a_form_and_put_may_go_as_post() {
    let mute = SetMtMuteRequest::new("1118986", "3", MuteParams::new().value(true));
    let w = mute.to_wire(Some(&token()), &plain());
    assert_eq!((w.method, w.path.as_str()), (Method::Put, "/api/v1/vc/confs/1118986/mts/3/mute"));
    assert!(w.query.is_empty());
    assert_eq!(w.form_body().unwrap(), format!("account_token={TOKEN}&params=%7B%22value%22%3A1%7D"));
    let posted = mute.to_wire(Some(&token()), &WireOptions { via_post: true, ..plain() });
    assert_eq!(posted.method, Method::Post);
    assert_eq!(posted.field("_method"), Some("PUT"));
    let back = decode(received(&posted)).unwrap();
    assert_eq!(back.endpoint, SetMtMuteRequest::INFO);
    assert_eq!(back.request.unwrap(), mute.clone().into_any());

    // A DELETE's JSON body goes in the form, as a POST's does; the document offers it no fallback.
    let remove = RemoveMtsRequest::new("1118986", MtsParams::new().mts([MtRef::new().mt_id("1")]));
    for options in [plain(), WireOptions { via_post: true, ..plain() }] {
        let w = remove.to_wire(Some(&token()), &options);
        assert_eq!((w.method, w.path_and_query()), (Method::Delete, "/api/v1/vc/confs/1118986/mts".to_owned()));
        assert_eq!(w.params_json(), Some(r#"{"mts":[{"mt_id":"1"}]}"#));
        assert_eq!(decode(received(&w)).unwrap().request.unwrap(), remove.clone().into_any());
    }
    // POST with `_method=PUT` is no DELETE, and no PUT where the path takes none.
    let mut wrong = received(&posted);
    wrong.path = "/api/v1/vc/confs/1118986/mts".into();
    assert!(matches!(decode(wrong), Err(RouteError::MethodNotAllowed { .. })));
}

#[test]
fn server_check_adds_the_debug_query_even_to_a_post() {
    let request = CreateMeetingRoomAreaRequest::new(CreateMeetingRoomAreaParams::new().area("华东"));
    let w = request.to_wire(Some(&token()), &WireOptions { server_check: true, ..plain() });
    assert_eq!(w.path_and_query(), "/api/v1/mc/meeting_room_areas?debug=1");
    assert!(decode(received(&w)).unwrap().server_check);
}

#[test]
fn credentials_are_masked_in_debug_output_but_sent() {
    let login = LoginRequest::new().username("admin").password("Pa55-word!");
    let w = login.to_wire(Some(&token()), &plain());
    let body = w.form_body().unwrap();
    assert!(body.contains("password=Pa55-word%21") && body.contains(TOKEN), "{body}");
    let shown = format!("{w:?}");
    assert!(!shown.contains("Pa55") && !shown.contains(TOKEN), "{shown}");
    assert!(shown.contains("password=***") && shown.contains("username=\"admin\""), "{shown}");
    assert_eq!(format!("{:?}", token()), "AccountToken(***)");
    assert_eq!(format!("{:?}", SessionCookie::new("890db118")), "SessionCookie(***)");

    let w = GetTokenRequest::new().oauth_consumer_key("key").oauth_consumer_secret("12345678").to_wire(None, &plain());
    assert_eq!(w.form_body().unwrap(), "oauth_consumer_key=key&oauth_consumer_secret=12345678");
    assert!(!format!("{w:?}").contains("12345678"));
    assert_eq!(GetTokenRequest::INFO.token, None);
}

/// Values for the parameters of any endpoint that pass its rules.
pub(crate) fn sample(kind: &ParamKind) -> String {
    match kind {
        ParamKind::Integer | ParamKind::Switch => "1".into(),
        ParamKind::Enum(values) => values[0].0.into(),
        // Valid for every string parameter of the spec: a date-time, a name, an id.
        _ => "2016-11-11T15:30:00+08:00".into(),
    }
}

/// A valid received request for every endpoint, built only from the endpoint table and the
/// document's examples: decoding it, laying the result out again and decoding that gives the same.
#[test]
fn every_endpoint_survives_the_trip_to_http_and_back() {
    let api = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(ENDPOINTS.len(), api.endpoints.len());
    for info in ENDPOINTS {
        let ep = api.endpoints.iter().find(|e| e.operation == info.operation).unwrap();
        let mut input = WireInput { method: info.method.as_str().into(), ..Default::default() };
        input.path = info.path.to_owned();
        for p in info.parameters.iter().filter(|p| p.place == Place::Path) {
            input.path = input.path.replace(&format!("{{{}}}", p.name), "id%201%2F%E4%BA%8C");
        }
        input.path = input.path.replace("{account_token}", TOKEN);
        let fields = if info.fields == Place::Query { &mut input.query } else { &mut input.form };
        if matches!(info.token, Some(Place::Query | Place::Body)) {
            fields.push(("account_token".into(), TOKEN.into()));
        }
        for p in info.parameters.iter().filter(|p| p.place != Place::Path) {
            match p.kind {
                ParamKind::File => input.file = Some((p.name.into(), FileUpload::new("a.txt", "hello"))),
                _ => fields.push((p.name.into(), sample(&p.kind))),
            }
        }
        if info.params_type.is_some() {
            // Endpoints whose document gives no example take the smallest valid body.
            let params = ep.params_example.clone().unwrap_or_else(|| serde_json::json!({"area": "华东"}));
            fields.push(("params".into(), params.to_string()));
        }

        let first = decode(input).unwrap_or_else(|e| panic!("{}: {e}", info.operation));
        assert_eq!(first.endpoint, *info);
        assert_eq!(first.token.as_ref().map(AccountToken::expose), info.token.map(|_| TOKEN), "{}", info.operation);
        let request = first.request.unwrap_or_else(|r| panic!("{}: {r}", info.operation));
        assert_eq!(request.info(), *info);
        assert_eq!(
            request.info().body == BodyKind::Multipart,
            info.parameters.iter().any(|p| p.kind == ParamKind::File)
        );
        if info.method == Method::Get {
            assert_eq!(info.body, BodyKind::None);
        }

        for options in [plain(), WireOptions { via_post: true, server_check: true }] {
            let w = request.to_wire(Some(&token()), &options);
            let again = decode(received(&w)).unwrap_or_else(|e| panic!("{}: {e}", info.operation));
            assert_eq!(again.endpoint, *info, "{} via {:?}", info.operation, w.method);
            assert_eq!(again.server_check, options.server_check);
            assert_eq!(again.request.unwrap(), request, "{} changed on the way", info.operation);
            assert!(!format!("{w:?}").contains(TOKEN), "{}: Debug shows the token", info.operation);
        }
    }
}

#[test]
fn decoding_reports_every_type_error_and_rule_like_from_json() {
    let mut broken = document_params("create_conf");
    broken["bitrate"] = "fast".into();
    broken["name"] = "_周会".into();
    broken["colour"] = 1.into();
    let input = WireInput {
        method: "POST".into(),
        path: "/api/v1/mc/confs".into(),
        form: vec![("account_token".into(), TOKEN.into()), ("params".into(), broken.to_string())],
        ..Default::default()
    };
    let decoded = decode(input).unwrap();
    let report = decoded.request.unwrap_err();
    let read = read_json::<CreateConfParams>(&broken.to_string());
    assert_eq!(report, read.request.unwrap_err());
    let paths: Vec<&str> = report.violations.iter().map(|v| v.path.as_str()).collect();
    assert!(paths.contains(&"bitrate") && paths.contains(&"name"), "{report}");
    // An undocumented key is no error, as the platform ignores it; it is told as a warning.
    assert!(!paths.contains(&"colour"), "{report}");
    let unknown = Violation { path: "colour".into(), rule: validate::Rule::UnknownField, value: None };
    assert_eq!(decoded.warnings, [unknown]);
    assert_eq!(decoded.warnings, read.warnings);

    let input = WireInput {
        method: "GET".into(),
        path: "/api/v1/mc/meetings".into(),
        query: vec![("start".into(), "ten".into()), ("state".into(), "9".into()), ("count".into(), "5".into())],
        ..Default::default()
    };
    let decoded = decode(input).unwrap();
    assert!(decoded.token.is_none());
    let report = decoded.request.unwrap_err();
    let found: Vec<(&str, &validate::Rule)> = report.violations.iter().map(|v| (v.path.as_str(), &v.rule)).collect();
    assert_eq!(found.len(), 2, "{report}");
    assert_eq!(found[0], ("start", &validate::Rule::Type { expected: "an integer" }));
    assert_eq!(found[1].0, "state");

    let missing = |method: &str, path: &str| {
        let input = WireInput { method: method.into(), path: path.into(), ..Default::default() };
        decode(input).unwrap().request.unwrap_err().violations.into_iter().map(|v| (v.path, v.rule)).collect::<Vec<_>>()
    };
    assert_eq!(missing("GET", "/api/v1/mc/valid_conf_name"), [("conf_name".to_owned(), validate::Rule::Required)]);
    assert_eq!(missing("POST", "/api/v1/mc/meeting_files/m1"), [("file".to_owned(), validate::Rule::Required)]);
    let no_json = WireInput {
        method: "POST".into(),
        path: "/api/v1/mc/meeting_room_areas".into(),
        form: vec![("params".into(), "{\"area\":".into())],
        ..Default::default()
    };
    let report = decode(no_json).unwrap().request.unwrap_err();
    assert_eq!(report.violations[0].path, "params");
    assert_eq!(report.violations[0].rule, validate::Rule::Type { expected: "JSON" });
}

#[test]
fn routing_by_method_path_and_the_delete_fallback() {
    let route = |method: &str, path: &str, form: &[(&str, &str)]| {
        let form = form.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        decode(WireInput { method: method.into(), path: path.into(), form, ..Default::default() })
    };
    assert_eq!(route("POST", "/api/v1/mc/confs/1", &[("_method", "DELETE")]).unwrap().endpoint.operation, "end_conf");
    assert_eq!(route("DELETE", "/api/v1/mc/meeting_files/f1", &[]).unwrap().endpoint.operation, "delete_meeting_file");
    assert_eq!(route("GET", "/api/v1/mc/meeting_files/m1", &[]).unwrap().endpoint.operation, "list_meeting_files");
    assert_eq!(route("POST", "/api/v1/mc/booked_confs/1", &[]).unwrap().endpoint.operation, "update_booked_conf");
    assert_eq!(
        route("POST", "/api/v1/mc/booked_confs/1", &[("_method", "DELETE")]).unwrap().endpoint.operation,
        "delete_booked_conf"
    );
    assert_eq!(
        route("PATCH", "/api/v1/mc/confs", &[]).unwrap_err(),
        RouteError::MethodNotAllowed {
            method: "PATCH".into(),
            path: "/api/v1/mc/confs".into(),
            allowed: vec![Method::Post]
        }
    );
    assert_eq!(
        route("GET", "/api/v1/mc/nothing", &[]).unwrap_err(),
        RouteError::NotFound { path: "/api/v1/mc/nothing".into() }
    );
    assert!(route("GET", "/api/v1/mc/booked_confs/", &[]).is_err(), "an empty placeholder matches nothing");
    let bad = route("GET", "/api/v1/mc/meetings/%FF", &[]).unwrap().request.unwrap_err();
    assert_eq!(bad.violations[0].path, "meeting_id");
}

#[test]
fn the_endpoint_table_knows_every_operation() {
    let info = EndpointInfo::find("create-conf").unwrap();
    assert_eq!((info.method, info.path, info.min_api_level), (Method::Post, "/api/v1/mc/confs", 1));
    assert_eq!(
        (info.params_type, info.reply_type, info.failure_type),
        (Some("CreateConfParams"), "CreateConfReply", "Failure")
    );
    assert_eq!(info.body, BodyKind::ParamsForm);
    assert!(EndpointInfo::find("no_such_operation").is_none());
    let state = EndpointInfo::find("list_meetings").unwrap().parameter("state").unwrap();
    let ParamKind::Enum(values) = state.kind else { panic!("{state:?}") };
    assert!(values.iter().any(|(wire, ..)| *wire == "1"), "{values:?}");
    assert_eq!(CreateConfRequest::INFO, info);
}

#[test]
fn only_meeting_management_calls_depend_on_the_server_level() {
    let needs = |op: &str| EndpointInfo::find(op).unwrap().needs_server_level();
    assert!(needs("validate_conf_name") && needs("list_meetings") && needs("create_conf"));
    // The version call is how the level is learnt; login and heartbeats belong to another document.
    assert!(!needs("get_mc_version") && !needs("get_token") && !needs("login") && !needs("token_heartbeat"));
}
