//! The conference-template endpoints of the V6.0 document: every example through its Rust type and
//! through the server-side decoding of a request, the create and update examples built with the typed
//! API, and the rules in which this edition's templates differ from the V6.1 bodies.

use kedacom_mc_codegen::model::Api;
use kedacom_mc_models::validate::Rule;
use kedacom_mc_models::*;
use kedacom_mc_tests::{example, roundtrip, spec};
use serde_json::{json, Value};

/// The template endpoints of the V6.0 document: operation id, method, URI.
const TEMPLATES: [(&str, Method, &str); 16] = [
    ("list_personal_templates", Method::Get, "/api/v1/mc/personal_templates"),
    ("get_personal_template", Method::Get, "/api/v1/mc/personal_templates/{id}"),
    ("create_personal_template", Method::Post, "/api/v1/mc/personal_templates"),
    ("update_personal_template", Method::Post, "/api/v1/mc/personal_templates/{id}"),
    ("delete_personal_template", Method::Delete, "/api/v1/mc/personal_templates/{id}"),
    ("list_public_templates", Method::Get, "/api/v1/mc/public_templates"),
    ("get_public_template", Method::Get, "/api/v1/mc/public_templates/{id}"),
    ("create_public_template", Method::Post, "/api/v1/mc/public_templates"),
    ("update_public_template", Method::Post, "/api/v1/mc/public_templates/{id}"),
    ("delete_public_template", Method::Delete, "/api/v1/mc/public_templates/{id}"),
    ("get_personal_template_simple", Method::Get, "/api/v1/mc/personal_templates/{id}/simple"),
    ("get_personal_template_invite_members", Method::Get, "/api/v1/mc/personal_templates/{id}/invite_members"),
    ("get_personal_template_mix", Method::Get, "/api/v1/mc/personal_templates/{id}/mix"),
    ("get_personal_template_vmp", Method::Get, "/api/v1/mc/personal_templates/{id}/vmp"),
    ("get_personal_template_poll", Method::Get, "/api/v1/mc/personal_templates/{id}/poll"),
    ("get_personal_template_vips", Method::Get, "/api/v1/mc/personal_templates/{id}/vip"),
];

const MXM: &str = "c69da1ef-5930-47e0-9a79-dfa083de0208";
const GGG: &str = "d63807a1-d7f9-49d2-9470-45f9900157c8";

fn api() -> Api {
    spec()
}

#[test]
fn the_sixteen_template_endpoints_come_from_the_v6_0_document() {
    let api = api();
    let mut from_v6_0: Vec<&str> =
        api.endpoints.iter().filter(|e| e.source == "mc_v6_0").map(|e| e.operation.as_str()).collect();
    from_v6_0.sort_unstable();
    let mut expected: Vec<&str> = TEMPLATES.iter().map(|t| t.0).collect();
    expected.sort_unstable();
    assert_eq!(from_v6_0, expected);
    for (operation, method, path) in TEMPLATES {
        let info = EndpointInfo::find(operation).unwrap_or_else(|| panic!("{operation} is not in ENDPOINTS"));
        assert_eq!((info.method, info.path, info.min_api_level, info.document.source), (method, path, 1, "mc_v6_0"));
        assert_eq!(info.token, Some(if method == Method::Post { wire::Place::Body } else { wire::Place::Query }));
        let deletes = method == Method::Delete;
        assert_eq!(info.method_override, deletes.then_some(("_method", "DELETE")), "{operation}");
        assert_eq!(info.params_type.is_some(), operation.starts_with("create") || operation.starts_with("update"));
    }
}

#[test]
fn every_template_example_round_trips_through_its_type() {
    let api = api();
    let mut seen = 0;
    for (operation, _, _) in TEMPLATES {
        let ep = api.endpoints.iter().find(|e| e.operation == operation).unwrap();
        // The document gives a success and a failure example for every template endpoint, and a params
        // example for each create and update.
        assert!(ep.reply_example.is_some() && ep.failure_example.is_some(), "{operation}");
        assert_eq!(ep.params_example.is_some(), ep.params.is_some(), "{operation}");
        let cases = [("params", &ep.params_example), ("reply", &ep.reply_example), ("failure", &ep.failure_example)];
        for (which, example) in cases {
            let Some(example) = example else { continue };
            let back = roundtrip(operation, which, example).unwrap_or_else(|e| panic!("{operation} ({which}): {e}"));
            assert_eq!(&back, example, "{operation} ({which}) changed in the round trip");
            seen += 1;
        }
    }
    assert_eq!(seen, 36);
}

/// The create and update examples as a server receives them: routed by method and path, `params` read
/// from the form, the whole request validated.
#[test]
fn params_examples_decode_as_valid_requests() {
    let api = api();
    let cases = [
        ("create_personal_template", "/api/v1/mc/personal_templates"),
        ("update_personal_template", "/api/v1/mc/personal_templates/9975111"),
        ("create_public_template", "/api/v1/mc/public_templates"),
        ("update_public_template", "/api/v1/mc/public_templates/9975111"),
    ];
    for (operation, path) in cases {
        let params = example(&api, operation, "params");
        let input = WireInput {
            method: "POST".into(),
            path: path.into(),
            form: vec![("account_token".into(), "6567e24b".into()), ("params".into(), params.to_string())],
            ..Default::default()
        };
        let decoded = decode(input).unwrap_or_else(|e| panic!("{operation}: {e}"));
        assert_eq!(decoded.endpoint.operation, operation);
        assert_eq!(decoded.token.as_ref().map(|t| t.expose()), Some("6567e24b"));
        let request = decoded.request.unwrap_or_else(|r| panic!("{operation}: {r}"));
        let sent: Value = serde_json::from_str(&request.params_json().unwrap()).unwrap();
        assert_eq!(sent, params, "{operation}");
    }
}

fn member(name: &str, account: &str) -> Member {
    Member::new().name(name).account(account).account_type(AccountType::Moid)
}

fn invitee(name: &str, account: &str, bitrate: i64) -> Invitee {
    Invitee::new()
        .name(name)
        .account(account)
        .account_type(AccountType::Moid)
        .bitrate(bitrate)
        .protocol(CallProtocol::H323)
}

fn video_formats() -> Vec<VideoFormatSpec> {
    let video = |f, r, frame, b| VideoFormatSpec::new().format(f).resolution(r).frame(frame).bitrate(b);
    vec![
        video(VideoFormat::H264Hp, Resolution::FourCif, 30, 8128),
        video(VideoFormat::H264Hp, Resolution::Cif, 30, 4096),
        video(VideoFormat::H264Hp, Resolution::Hd720p, 30, 2048),
        video(VideoFormat::H264Bp, Resolution::FourCif, 25, 512),
    ]
}

/// The document's create-personal-template example, built field by field.
fn personal_template() -> PersonalTemplateParams {
    let poll = || {
        PollSettings::new()
            .mode(PollMode::AudioVideo)
            .num(0)
            .keep_time(30)
            .members([member("mxm", MXM), member("ggg", GGG)])
    };
    PersonalTemplateParams::new()
        .name("name")
        .bitrate(8128)
        .closed_conf(true)
        .safe_conf(SafeConf::Public)
        .password("22222")
        .encrypted_type(EncryptedType::Aes)
        .encrypted_auth(false)
        .conf_type(ConfType::Traditional)
        .call_mode(CallMode::Manual)
        .call_times(0)
        .call_interval(20)
        .mute(true)
        .silence(true)
        .video_quality(VideoQuality::SpeedFirst)
        .one_reforming(true)
        .encrypted_key("234234234")
        .dual_mode(DualMode::Speaker)
        .doubleflow(false)
        .voice_activity_detection(true)
        .vacinterval(5)
        .cascade_mode(CascadeMode::Merged)
        .cascade_upload(true)
        .cascade_return(false)
        .cascade_return_para(0)
        .max_join_mt(MaxJoinMt::Parties192)
        .auto_end(false)
        .preoccupy_resource(PreoccupyResource::Preoccupy)
        .fec_mode(true)
        .mute_filter(true)
        .duration(0)
        .bind_e164(false)
        .speaker(member("mxm", MXM))
        .chairman(member("mxm", MXM))
        .public_conf(true)
        .mix(MixSettings::new().mode(MixMode::Custom).members([member("mxm", MXM), member("ggg", GGG)]))
        .video_formats(video_formats())
        .audio_formats([AudioFormat::G722, AudioFormat::G711Ulaw, AudioFormat::G711Alaw])
        .invite_members([invitee("mxm", MXM, 2048), invitee("ggg", GGG, 1024)])
        .vmp(
            TemplateVmpSettings::new()
                .mode(VmpMode::Custom)
                .layout(VmpLayout::TwoEqualSideBySide)
                .voice_hint(false)
                .broadcast(true)
                .show_mt_name(false)
                .mt_name_style(
                    MtNameStyle::new()
                        .font_size(FontSize::Medium)
                        .font_color("#FFFFFF")
                        .position(NamePosition::BottomLeft),
                )
                .members([
                    VmpMember::new()
                        .name("mxm")
                        .account(MXM)
                        .account_type(AccountType::Moid)
                        .member_type(VmpMemberType::Specified)
                        .chn_idx(0),
                    VmpMember::new().member_type(VmpMemberType::ChannelPoll).chn_idx(1).poll(poll()),
                ]),
        )
        .vips([member("mxm", MXM), member("ggg", GGG)])
        .poll(poll())
        .recorder(
            RecorderSettings::new()
                .publish_mode(false)
                .dual_stream(false)
                .anonymous(false)
                .recorder_mode(RecorderMode::Record)
                .vrs_id(""),
        )
        .keep_calling_members([member("mxm", MXM), member("ggg", GGG)])
        .dcs(DcsSettings::new().mode(DcsMode::ChairmanControlled))
}

/// The document's create-public-template example, built field by field.
fn public_template() -> PublicTemplateParams {
    PublicTemplateParams::new()
        .name("test")
        .bitrate(8128)
        .closed_conf(true)
        .safe_conf(SafeConf::Public)
        .password("22222")
        .encrypted_type(EncryptedType::Aes)
        .encrypted_auth(false)
        .conf_type(ConfType::Traditional)
        .public_conf(true)
        .mute(true)
        .silence(1)
        .video_quality(VideoQuality::QualityFirst)
        .one_reforming(true)
        .encrypted_key("234234234")
        .dual_mode(DualMode::Speaker)
        .voice_activity_detection(true)
        .vacinterval(1)
        .cascade_mode(CascadeMode::Merged)
        .cascade_upload(true)
        .cascade_return(false)
        .cascade_return_para(0)
        .max_join_mt(MaxJoinMt::Parties192)
        .auto_end(false)
        .preoccupy_resource(PreoccupyResource::Preoccupy)
        .call_mode(CallMode::Automatic)
        .call_times(2)
        .call_interval(3)
        .fec_mode(false)
        .mute_filter(false)
        .duration(0)
        .video_formats(video_formats())
        .audio_formats(Vec::<AudioFormat>::new())
        .dcs(DcsSettings::new().mode(DcsMode::ChairmanControlled))
        .mix(RoomMixSettings::new().mode(MixMode::Smart))
        .vmp(RoomVmpSettings::new().mode(VmpMode::Automatic))
        .recorder(PublicTemplateRecorder::new().recorder_mode(RecorderMode::Record).vrs_id(""))
}

fn sent<E: Endpoint>(request: &E) -> Value {
    request.validate().unwrap_or_else(|r| panic!("{}: {r}", E::INFO.operation));
    serde_json::from_str(&request.params_json().unwrap()).unwrap()
}

#[test]
fn personal_template_built_with_the_typed_api_is_the_documents_example() {
    let api = api();
    let create = CreatePersonalTemplateRequest::new(personal_template());
    assert_eq!(sent(&create), example(&api, "create_personal_template", "params"));

    // The update example is the same template with FEC and the mute exception off, other audio
    // formats and the invitees' bitrates swapped.
    let mut params = personal_template().fec_mode(false).mute_filter(false).audio_formats([
        AudioFormat::G722,
        AudioFormat::G711Ulaw,
        AudioFormat::G728,
    ]);
    let invitees = params.invite_members.as_mut().unwrap();
    invitees[0].bitrate = Some(1024);
    invitees[1].bitrate = Some(2048);
    let update = UpdatePersonalTemplateRequest::new("9975111", params);
    assert_eq!(sent(&update), example(&api, "update_personal_template", "params"));
    assert_eq!(update.to_wire(None, &WireOptions::default()).path, "/api/v1/mc/personal_templates/9975111");
}

#[test]
fn public_template_built_with_the_typed_api_is_the_documents_example() {
    let api = api();
    let create = CreatePublicTemplateRequest::new(public_template());
    assert_eq!(sent(&create), example(&api, "create_public_template", "params"));
    let params = public_template().audio_formats([AudioFormat::G711Ulaw, AudioFormat::G728, AudioFormat::G7221C]);
    let update = UpdatePublicTemplateRequest::new("9975111", params);
    assert_eq!(sent(&update), example(&api, "update_public_template", "params"));
}

/// `edit` breaks the document's personal template; the report must hold `path` with `rule`.
#[track_caller]
fn personal_rejects(edit: impl FnOnce(PersonalTemplateParams) -> PersonalTemplateParams, path: &str, rule: Rule) {
    let report = CreatePersonalTemplateRequest::new(edit(personal_template()))
        .validate()
        .expect_err("the broken template must not validate");
    assert!(
        report.violations.iter().any(|v| v.path == path && v.rule == rule),
        "expected {path}: {rule:?}, got {report}"
    );
}

#[test]
fn personal_templates_follow_this_editions_rules() {
    // Voice activation sensitivities are 5, 15, 30 and 60 here (3, 5, 15 and 30 in V6.1's bodies).
    personal_rejects(|p| p.vacinterval(3), "vacinterval", Rule::OneOf(&[5, 15, 30, 60]));
    assert!(CreatePersonalTemplateRequest::new(personal_template().vacinterval(60)).validate().is_ok());
    // Passwords and keys may have 32 bytes (16 in V6.1's bodies).
    assert!(CreatePersonalTemplateRequest::new(personal_template().password("a".repeat(32))).validate().is_ok());
    personal_rejects(|p| p.password("a".repeat(33)), "password", Rule::MaxBytes(32));
    personal_rejects(|p| p.encrypted_key("a".repeat(33)), "encrypted_key", Rule::MaxBytes(32));
    personal_rejects(|p| p.name("_周会"), "name", Rule::Edge("_-.@"));
    // Values V6.1 added are not accepted in a template of this edition.
    personal_rejects(|p| p.conf_type(ConfType::Sfu), "conf_type", Rule::NotAccepted { accepted: "0, 1" });
    personal_rejects(
        |p| p.preoccupy_resource(PreoccupyResource::Sfu),
        "preoccupy_resource",
        Rule::NotAccepted { accepted: "0, 1" },
    );
    personal_rejects(
        |mut p| {
            p.invite_members.as_mut().unwrap()[0].protocol = Some(CallProtocol::Rtc);
            p
        },
        "invite_members[0].protocol",
        Rule::NotAccepted { accepted: "0, 1" },
    );
    personal_rejects(
        |mut p| {
            p.recorder.as_mut().unwrap().recorder_mode = Some(RecorderMode::Off);
            p
        },
        "recorder.recorder_mode",
        Rule::NotAccepted { accepted: "1, 2, 3" },
    );
    personal_rejects(
        |mut p| {
            p.bind_e164 = None;
            p
        },
        "bind_e164",
        Rule::Required,
    );
    personal_rejects(
        |mut p| {
            p.invite_members.as_mut().unwrap()[1].bitrate = Some(9000);
            p
        },
        "invite_members[1].bitrate",
        Rule::NotAbove { field: "bitrate", limit: 8128 },
    );
    // Members are placed by hand in custom composition only.
    personal_rejects(
        |mut p| {
            p.vmp.as_mut().unwrap().members = None;
            p
        },
        "vmp.members",
        Rule::Required,
    );
    let mut automatic = personal_template();
    let vmp = automatic.vmp.as_mut().unwrap();
    vmp.mode = Some(VmpMode::Automatic);
    vmp.members = None;
    assert!(CreatePersonalTemplateRequest::new(automatic).validate().is_ok());
}

#[test]
fn public_templates_follow_this_editions_rules() {
    // The create table requires the VRS, the update table does not; each request checks its own.
    let mut no_vrs = public_template();
    no_vrs.recorder.as_mut().unwrap().vrs_id = None;
    let report = CreatePublicTemplateRequest::new(no_vrs.clone()).validate().unwrap_err();
    let found: Vec<(&str, &Rule)> = report.violations.iter().map(|v| (v.path.as_str(), &v.rule)).collect();
    assert_eq!(found, [("recorder.vrs_id", &Rule::Required)]);
    assert!(UpdatePublicTemplateRequest::new("9975111", no_vrs).validate().is_ok());

    // Smart mixing, automatic composition and recording or streaming only.
    let report = CreatePublicTemplateRequest::new(
        public_template()
            .mix(RoomMixSettings::new().mode(MixMode::Custom))
            .vmp(RoomVmpSettings::new().mode(VmpMode::Custom))
            .recorder(PublicTemplateRecorder::new().recorder_mode(RecorderMode::Off).vrs_id("")),
    )
    .validate()
    .unwrap_err();
    let found: Vec<(&str, &Rule)> = report.violations.iter().map(|v| (v.path.as_str(), &v.rule)).collect();
    assert_eq!(
        found,
        [
            ("mix.mode", &Rule::NotAccepted { accepted: "1" }),
            ("vmp.mode", &Rule::NotAccepted { accepted: "2" }),
            ("recorder.recorder_mode", &Rule::NotAccepted { accepted: "1, 2, 3" }),
        ]
    );
    // A public template's key has 16 bytes at most.
    let report =
        CreatePublicTemplateRequest::new(public_template().encrypted_key("a".repeat(17))).validate().unwrap_err();
    assert_eq!(report.violations[0].rule, Rule::MaxBytes(16));
    assert_eq!(report.violations[0].value.as_deref(), Some("***"));
}

#[test]
fn partial_reads_decode_into_their_fields() {
    let api = api();
    // The poll example names its member list `member`, the table `members`: either is read into a field.
    let poll: GetPersonalTemplatePollReply =
        serde_json::from_value(example(&api, "get_personal_template_poll", "reply")).unwrap();
    let poll = poll.poll.unwrap();
    assert!(poll.extra.is_empty() && poll.members.is_none());
    let member = poll.member.unwrap();
    assert_eq!(member.len(), 2);
    assert_eq!((member[1].name.as_deref(), member[1].account_type.clone()), (Some("ggg"), Some(AccountType::Moid)));
    let with_members =
        json!({"success": 1, "poll": {"mode": 1, "members": [{"name": "a", "account": "b", "account_type": 5}]}});
    let reply: GetPersonalTemplatePollReply = serde_json::from_value(with_members).unwrap();
    assert_eq!(reply.poll.unwrap().members.unwrap()[0].account_type, Some(AccountType::E164));

    // Invitees are a list, though the table types them `int`.
    let invitees: GetPersonalTemplateInviteMembersReply =
        serde_json::from_value(example(&api, "get_personal_template_invite_members", "reply")).unwrap();
    let invitees = invitees.invite_members.unwrap();
    assert_eq!(invitees.len(), 2);
    assert_eq!(invitees[0].protocol, Some(CallProtocol::H323));
    assert!(invitees[0].extra.is_empty());

    // The public list's video quality reads as its description says (0 质量优先), not as yes/no.
    let list: ListPublicTemplatesReply =
        serde_json::from_value(example(&api, "list_public_templates", "reply")).unwrap();
    let first = &list.public_templates.unwrap()[0];
    assert_eq!(first.video_quality, Some(VideoQuality::QualityFirst));
    assert_eq!(first.max_join_mt, Some(MaxJoinMt::Parties192));
    assert_eq!(first.resolution, Some(Resolution::FullHd1080p), "read as the Resolution values");

    // The simple detail reports counts and the detail's scalar settings.
    let simple: GetPersonalTemplateSimpleReply =
        serde_json::from_value(example(&api, "get_personal_template_simple", "reply")).unwrap();
    assert_eq!((simple.invite_num, simple.poll_num, simple.e164.as_deref()), (Some(88), Some(11), Some("3201001")));
    assert!(simple.extra.is_empty());
    assert!(!format!("{simple:?}").contains("22222"), "the password is masked in Debug output");
}

#[test]
fn list_parameters_go_in_the_query() {
    let q = ListPersonalTemplatesRequest::new().count(0).order(SortOrder::Descending).start(10);
    assert_eq!(q.to_wire(None, &WireOptions::default()).query_string(), "count=0&order=1&start=10");
    let q = GetPersonalTemplateVipsRequest::new("132").count(20).order(0);
    let wire = q.to_wire(Some(&AccountToken::new("6567e24b")), &WireOptions::default());
    assert_eq!((wire.method, wire.path.as_str()), (Method::Get, "/api/v1/mc/personal_templates/132/vip"));
    assert_eq!(wire.query_string(), "account_token=6567e24b&count=20&order=0");
    let delete = DeletePublicTemplateRequest::new("9975111");
    let wire = delete.to_wire(Some(&AccountToken::new("6567e24b")), &WireOptions::default());
    assert_eq!((wire.method, wire.path.as_str()), (Method::Delete, "/api/v1/mc/public_templates/9975111"));
}
