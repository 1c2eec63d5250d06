//! The models' endpoint table carries what the resolved spec decided, and the facts runtime crates
//! act on (what a call needs, levels, aliases, paging, defaults, error roles) are the documents'.

use kedacom_mc_models::*;
use serde_json::Value;

fn row(operation: &str) -> &'static EndpointInfo {
    EndpointInfo::find(operation).unwrap_or_else(|| panic!("no {operation}"))
}

#[test]
fn every_row_carries_the_resolved_model() {
    use kedacom_mc_codegen::model::SessionNeed as Need;
    let api = kedacom_mc_tests::spec();
    assert_eq!(ENDPOINTS.len(), api.endpoints.len());
    for e in &api.endpoints {
        let info = row(&e.operation);
        let need = match e.session {
            Need::None => SessionNeed::None,
            Need::Token => SessionNeed::Token,
            Need::Login => SessionNeed::Login,
        };
        assert_eq!(info.session, need, "{}", e.operation);
        assert_eq!(info.session == SessionNeed::None, info.token.is_none(), "{}", e.operation);
        let aliases: Vec<&str> = e.aliases.iter().map(|a| a.uri.as_str()).collect();
        assert_eq!(info.aliases, aliases.as_slice(), "{}", e.operation);
        let paging =
            e.paging.as_ref().map(|p| (p.start.as_str(), p.count.as_str(), p.total.as_str(), p.items.as_str()));
        assert_eq!(info.paging.map(|p| (p.start, p.count, p.total, p.items)), paging, "{}", e.operation);
        let doc = api.document(&e.source).unwrap();
        assert_eq!((info.document.source, info.document.api_level), (doc.source.as_str(), doc.api_level));
        assert_eq!(info.document.level_from.map(|l| l.operation), doc.level_from.as_deref(), "{}", e.operation);
        for p in e.caller_parameters() {
            let shown = info.parameter(&p.wire).unwrap().default.map(|d| serde_json::from_str::<Value>(d).unwrap());
            assert_eq!(shown.as_ref(), p.default.as_ref(), "{} {}", e.operation, p.wire);
        }
    }
    let sources: Vec<&str> = DOCUMENTS.iter().map(|d| d.source).collect();
    let spec_sources: Vec<&str> = api.documents.iter().map(|d| d.source.as_str()).collect();
    assert_eq!(sources, spec_sources);
    // Every row's document is one of DOCUMENTS, the same static.
    assert!(ENDPOINTS.iter().all(|e| DOCUMENTS.iter().any(|d| std::ptr::eq(*d, e.document))));
}

#[test]
fn what_each_call_needs_is_what_the_login_document_says() {
    // Before any session: the token and the versions.
    for op in ["get_token", "get_system_version", "get_mc_version"] {
        assert_eq!(row(op).session, SessionNeed::None, "{op}");
    }
    // The token alone: logging in, and the token heartbeat (保持token心跳 comes before login).
    for op in ["login", "token_heartbeat"] {
        assert_eq!(row(op).session, SessionNeed::Token, "{op}");
    }
    // The user heartbeat keeps a login alive, so it needs one; so does every meeting call.
    for op in ["user_heartbeat", "list_meetings", "create_conf", "list_personal_templates"] {
        assert_eq!(row(op).session, SessionNeed::Login, "{op}");
    }
}

#[test]
fn levels_come_from_the_documents_level_operation() {
    let version = GetMcVersionRequest::INFO;
    assert!(version.reports_level() && !version.needs_server_level());
    let by_source = |s: &str| DOCUMENTS.iter().find(|d| d.source == s).unwrap();
    // Both meeting-management editions learn their level from the version call; login from none.
    assert_eq!(by_source("mc").level_from, Some(version));
    assert_eq!(by_source("mc_v6_0").level_from, Some(version));
    assert_eq!(by_source("login").level_from, None);
    // The meeting-control document has a version call of its own.
    let vc_version = GetVcVersionRequest::INFO;
    assert_eq!(by_source("vc").level_from, Some(vc_version));
    assert!(vc_version.reports_level() && !vc_version.needs_server_level());
    assert!(AddMtsRequest::INFO.needs_server_level());
    assert_eq!(by_source("mc").version, "V6.1.0.4.0.20211123");
    assert!(CreateConfRequest::INFO.needs_server_level());
    assert!(ListPersonalTemplatesRequest::INFO.needs_server_level());
    assert!(!LoginRequest::INFO.needs_server_level() && !GetSystemVersionRequest::INFO.needs_server_level());
    assert_eq!(ENDPOINTS.iter().filter(|e| e.reports_level()).count(), 2);
}

#[test]
fn an_alias_decodes_to_its_endpoint() {
    let mut seen = 0;
    for info in ENDPOINTS.iter().copied() {
        for alias in info.aliases {
            let input = WireInput { method: info.method.as_str().into(), path: (*alias).into(), ..Default::default() };
            let decoded = decode(input).unwrap_or_else(|e| panic!("{alias}: {e}"));
            assert_eq!(decoded.endpoint, info, "{alias}");
            seen += 1;
        }
    }
    // The usage guide gives /api/v1/… spellings of the version calls (system, mc, vc).
    assert_eq!(seen, 3);
    assert_eq!(row("get_vc_version").aliases, ["/api/v1/vc/version"]);
    assert_eq!(row("get_mc_version").aliases, ["/api/v1/mc/version"]);
    // An alias is that endpoint's path only: another method there is still refused.
    let post = WireInput { method: "POST".into(), path: "/api/v1/mc/version".into(), ..Default::default() };
    assert!(matches!(decode(post), Err(RouteError::MethodNotAllowed { .. })));
}

#[test]
fn paging_and_its_documented_defaults() {
    let meetings = row("list_meetings");
    let paging = meetings.paging.expect("list_meetings pages");
    assert_eq!((paging.start, paging.count, paging.total, paging.items), ("start", "count", "total", "meetings"));
    assert_eq!(meetings.parameter(paging.count).unwrap().default, Some("10"));
    assert_eq!(meetings.parameter(paging.start).unwrap().default, Some("0"));
    assert_eq!(row("get_meeting").paging, None);
    // Every list that pages documents its page size.
    for info in ENDPOINTS.iter().filter(|e| e.paging.is_some()) {
        let count = info.parameter(info.paging.unwrap().count).unwrap();
        assert_eq!(count.default, Some("10"), "{}", info.operation);
    }
}

#[test]
fn error_roles_and_session_expiry() {
    assert_eq!((codes::TOKEN_INVALID, codes::NOT_LOGGED_IN), (10002, 10102));
    assert_eq!((codes::PARAMETER_ERROR, codes::DATA_UNREADABLE), (52004, 27504));
    assert!(session_expired(codes::TOKEN_INVALID) && session_expired(codes::NOT_LOGGED_IN));
    assert!(!session_expired(codes::SOFTWARE_AUTH_FAILED) && !session_expired(codes::LOGIN_FAILED));
    let api = kedacom_mc_tests::spec();
    for e in &api.errors {
        let expected = e.role.as_ref().is_some_and(|r| r.session_expired);
        assert_eq!(session_expired(e.code), expected, "{}", e.code);
    }
    // A role names a row of the table, whose meaning the models know.
    for code in [codes::ROOM_NOT_FOUND, codes::TEMPLATE_NOT_FOUND, codes::SYSTEM_ERROR] {
        assert!(error_message(code).is_some(), "{code}");
    }
}

#[test]
fn credentials_are_the_secret_parameters_and_body_fields() {
    assert!(row("get_token").carries_credentials()); // the API secret
    assert!(row("login").carries_credentials()); // the password
    assert!(row("create_conf").carries_credentials()); // the conference password in `params`
                                                       // The session token alone is not counted: nearly every call carries it.
    assert!(!row("token_heartbeat").carries_credentials());
    assert!(!row("list_meetings").carries_credentials());
}

#[test]
fn fill_defaults_gives_what_the_document_states() {
    let mut template = PersonalTemplateParams::new().duration(30);
    template.fill_defaults();
    assert_eq!(template.duration, Some(30), "a given value stays");
    assert_eq!(template.encrypted_auth, Some(Switch::Off));
    // 不填默认支持所有,空列表默认支持所有: absent and empty mean the same.
    assert_eq!(template.audio_formats, Some(Vec::new()));
    assert_eq!(template.name, None, "no documented default, nothing given");

    // The virtual meeting rooms: 参数中非必填项默认值为0, but for a field whose values exclude 0.
    let mut room = CreateVirtualMeetingRoomParams::new();
    room.fill_defaults();
    assert_eq!((room.bitrate, room.call_times, room.mute.clone()), (Some(0), Some(0), Some(Switch::Off)));
    assert_eq!(room.vacinterval, None);
    assert_eq!(room.max_join_mt, None, "required: no default");

    // Defaults reach the objects a body holds.
    let style = MtNameStyle::new().font_size(FontSize::Large);
    let mut conf = CreateConfParams::new().vmp(VmpSettings::new().mt_name_style(style));
    conf.fill_defaults();
    let style = conf.vmp.and_then(|v| v.mt_name_style).unwrap();
    assert_eq!((style.font_size, style.font_color.as_deref()), (Some(FontSize::Large), Some("#FFFFFF")));
    assert_eq!(style.position, Some(NamePosition::BottomLeft));
    // Filled, a request still validates as it did: a default is a value the field accepts.
    let mut empty = UpdateVirtualMeetingRoomParams::new();
    empty.fill_defaults();
    let before = UpdateVirtualMeetingRoomParams::new().validate().unwrap_err().violations.len();
    assert_eq!(empty.validate().unwrap_err().violations.len(), before);
}
