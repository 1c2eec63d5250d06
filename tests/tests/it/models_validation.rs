//! Request validation: the document's create-conference example built with the typed API, and at
//! least one broken request per rule, each reported with its path and rule.

use std::path::Path;

use kedacom_mc_codegen::spec::load_dir;
use kedacom_mc_models::validate::Rule;
use kedacom_mc_models::*;
use serde_json::Value;

fn member(name: &str, account: &str) -> Member {
    Member::new().name(name).account(account).account_type(AccountType::Moid)
}

const MXM: &str = "c69da1ef-5930-47e0-9a79-dfa083de0208";
const GGG: &str = "d63807a1-d7f9-49d2-9470-45f9900157c8";

/// The document's create-conference example, built field by field.
fn document_example() -> CreateConfParams {
    let video = |f, r, frame, b| VideoFormatSpec::new().format(f).resolution(r).frame(frame).bitrate(b);
    let invitee = |m: Member, b| {
        Invitee::new()
            .name(m.name.unwrap())
            .account(m.account.unwrap())
            .account_type(AccountType::Moid)
            .bitrate(b)
            .protocol(CallProtocol::H323)
    };
    let poll =
        |members: Vec<Member>| PollSettings::new().mode(PollMode::AudioVideo).num(0).keep_time(30).members(members);
    CreateConfParams::new()
        .create_type(CreateType::Instant)
        .template_id("1234")
        .name("name")
        .duration(240)
        .conf_level(10)
        .bitrate(8128)
        .closed_conf(true)
        .safe_conf(SafeConf::Public)
        .password("22222")
        .encrypted_type(EncryptedType::Aes)
        .encrypted_auth(false)
        .conf_type(ConfType::Traditional)
        .enable_rtc(false)
        .mt_supported_protocol([TerminalProtocol::Rtc, TerminalProtocol::Sip, TerminalProtocol::H323])
        .call_mode(CallMode::Manual)
        .call_times(0)
        .call_interval(20)
        .fec_mode(false)
        .mute_filter(true)
        .mute(true)
        .force_mute(true)
        .silence(true)
        .video_quality(VideoQuality::SpeedFirst)
        .encrypted_key("234234234")
        .dual_mode(DualMode::Speaker)
        .doubleflow(false)
        .voice_activity_detection(true)
        .vacinterval(5)
        .cascade_mode(CascadeMode::Merged)
        .cascade_upload(true)
        .cascade_return(false)
        .cascade_return_para(0)
        .public_conf(true)
        .max_join_mt(MaxJoinMt::Parties192)
        .auto_end(false)
        .preoccupy_resource(PreoccupyResource::Preoccupy)
        .one_reforming(false)
        .sms(true)
        .email(true)
        .wechat(true)
        .platform_id("4b6864c4-a5e4-4bc5-a305-36c80ca9e5df")
        .anonymous_mt(false)
        .multi_stream(true)
        .speaker(member("mxm", MXM))
        .chairman(member("mxm", MXM))
        .mix(MixSettings::new().mode(MixMode::Custom).members([member("mxm", MXM), member("ggg", GGG)]))
        .video_formats([
            video(VideoFormat::H264Hp, Resolution::FourCif, 30, 8128),
            video(VideoFormat::H264Hp, Resolution::Cif, 30, 4096),
            video(VideoFormat::H264Hp, Resolution::Hd720p, 30, 2048),
            video(VideoFormat::H264Bp, Resolution::FourCif, 25, 512),
        ])
        .audio_formats([AudioFormat::G711Ulaw, AudioFormat::G711Alaw])
        .invite_members([invitee(member("mxm", MXM), 2048), invitee(member("ggg", GGG), 1024)])
        .keep_calling_members([member("mxm", MXM), member("ggg", GGG)])
        .vmp(
            VmpSettings::new()
                .mode(VmpMode::Custom)
                .except_self(false)
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
                    VmpMember::new()
                        .member_type(VmpMemberType::ChannelPoll)
                        .chn_idx(1)
                        .poll(poll(vec![member("mxm", MXM)])),
                ]),
        )
        .vips([member("mxm", MXM), member("ggg", GGG)])
        .poll(poll(vec![member("mxm", MXM), member("ggg", GGG)]))
        .recorder(
            RecorderSettings::new()
                .publish_mode(false)
                .dual_stream(false)
                .anonymous(false)
                .recorder_mode(RecorderMode::Record)
                .vrs_id(""),
        )
        .dcs(DcsSettings::new().mode(DcsMode::ChairmanControlled))
}

#[test]
fn the_document_example_built_with_the_typed_api_serializes_to_the_documents_json() {
    let api = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).unwrap();
    let expected = api.endpoints.iter().find(|e| e.operation == "create_conf").unwrap().params_example.clone().unwrap();
    let params = document_example();
    params.validate().unwrap();
    let request = CreateConfRequest::new(params);
    request.validate().unwrap();
    assert_eq!(serde_json::from_str::<serde_json::Value>(&request.params_json().unwrap()).unwrap(), expected);
}

/// A valid request from the document example, broken by `edit`; the report must hold `path` with `rule`.
#[track_caller]
fn rejects(edit: impl FnOnce(&mut CreateConfParams), path: &str, rule: Rule) -> Violation {
    let mut p = document_example();
    edit(&mut p);
    let report = p.validate().expect_err("the broken request must not validate");
    report
        .violations
        .iter()
        .find(|v| v.path == path && v.rule == rule)
        .cloned()
        .unwrap_or_else(|| panic!("expected {path}: {rule:?}, got {report}"))
}

#[test]
fn required_field() {
    let v = rejects(|p| p.bitrate = None, "bitrate", Rule::Required);
    assert_eq!(v.value, None);
}

#[test]
fn byte_limit_counts_utf8_bytes() {
    // 22 characters, 66 bytes: over the 64-byte limit although under 64 characters.
    rejects(|p| p.name = Some("会".repeat(22)), "name", Rule::MaxBytes(64));
    let mut p = document_example();
    p.name = Some("会".repeat(21));
    assert!(p.validate().is_ok());
}

#[test]
fn character_limit_counts_characters() {
    let area = |s: String| CreateMeetingRoomAreaParams::new().area(s).validate();
    assert!(area("区".repeat(60)).is_ok());
    let report = area("区".repeat(61)).unwrap_err();
    assert_eq!(report.violations[0].rule, Rule::MaxChars(60));
    assert_eq!(report.violations[0].path, "area");
}

#[test]
fn name_charset_and_edges() {
    rejects(|p| p.name = Some("周会%".into()), "name", Rule::Charset("conf_name"));
    rejects(|p| p.name = Some("_周会".into()), "name", Rule::Edge("_-.@"));
    rejects(|p| p.name = Some("周会@".into()), "name", Rule::Edge("_-.@"));
    let mut p = document_example();
    p.name = Some("周_会.a@b-c".into());
    assert!(p.validate().is_ok(), "inner _ . @ - are allowed");
}

#[test]
fn secrets_are_checked_and_masked() {
    let v = rejects(|p| p.password = Some("pa ss!".into()), "password", Rule::Charset("secret"));
    assert_eq!(v.value.as_deref(), Some("***"));
    rejects(|p| p.encrypted_key = Some("a".repeat(17)), "encrypted_key", Rule::MaxBytes(16));
}

#[test]
fn ranges_and_allowed_sets() {
    rejects(|p| p.conf_level = Some(17), "conf_level", Rule::Range { min: Some(0), max: Some(16) });
    rejects(|p| p.conf_level = Some(-1), "conf_level", Rule::Range { min: Some(0), max: Some(16) });
    rejects(|p| p.vacinterval = Some(4), "vacinterval", Rule::OneOf(&[3, 5, 15, 30]));
}

#[test]
fn colour_format() {
    rejects(
        |p| p.vmp.as_mut().unwrap().mt_name_style.as_mut().unwrap().font_color = Some("#FFF".into()),
        "vmp.mt_name_style.font_color",
        Rule::Colour,
    );
}

#[test]
fn datetime_format() {
    let mut p = BookedConfParams::new().start_time("2020/07/24 15:30");
    let report = p.validate().unwrap_err();
    assert!(report.violations.iter().any(|v| v.path == "start_time" && v.rule == Rule::DateTime), "{report}");
    p.start_time = Some("2020-07-24T15:30:00+08:00".into());
    assert!(!p.validate().unwrap_err().violations.iter().any(|v| v.path == "start_time"));
}

#[test]
fn conditional_requirement_on_create_type() {
    // A template-based conference needs template_id, and then nothing else.
    let p = CreateConfParams::new().create_type(CreateType::PublicTemplate);
    let report = p.validate().unwrap_err();
    assert_eq!(report.violations.len(), 1, "{report}");
    assert_eq!((report.violations[0].path.as_str(), &report.violations[0].rule), ("template_id", &Rule::Required));
    assert!(CreateConfParams::new().create_type(CreateType::PublicTemplate).template_id("7").validate().is_ok());
}

#[test]
fn conditional_requirement_on_conf_type() {
    rejects(
        |p| {
            p.conf_type = Some(ConfType::Auto);
            p.mt_supported_protocol = None;
        },
        "mt_supported_protocol",
        Rule::Required,
    );
    let mut p = document_example();
    p.mt_supported_protocol = None;
    assert!(p.validate().is_ok(), "not required unless conf_type is 4");
}

#[test]
fn invitee_bitrate_not_above_conference_bitrate() {
    let v = rejects(
        |p| p.invite_members.as_mut().unwrap()[1].bitrate = Some(9000),
        "invite_members[1].bitrate",
        Rule::NotAbove { field: "bitrate", limit: 8128 },
    );
    assert_eq!(v.value.as_deref(), Some("9000"));
}

#[test]
fn deep_paths() {
    rejects(
        |p| {
            let members = p.vmp.as_mut().unwrap().members.as_mut().unwrap();
            members[1].poll.as_mut().unwrap().members.as_mut().unwrap()[0].name = Some("x".repeat(129));
        },
        "vmp.members[1].poll.members[0].name",
        Rule::MaxBytes(128),
    );
    // A specified (会控指定) vmp member needs its name; a polling one does not.
    rejects(
        |p| p.vmp.as_mut().unwrap().members.as_mut().unwrap()[0].name = None,
        "vmp.members[0].name",
        Rule::Required,
    );
}

#[test]
fn endpoint_specific_enum_subsets() {
    let room = CreateVirtualMeetingRoomParams::new()
        .name("room")
        .video_formats([VideoFormatSpec::new()
            .format(VideoFormat::H264Hp)
            .resolution(Resolution::Hd720p)
            .frame(30)
            .bitrate(2048)])
        .max_join_mt(MaxJoinMt::Parties8)
        .force_mute(false)
        .preoccupy_resource(PreoccupyResource::None);
    assert!(room
        .clone()
        .mix(RoomMixSettings::new().mode(MixMode::Smart))
        .vmp(RoomVmpSettings::new().mode(VmpMode::Automatic))
        .validate()
        .is_ok());
    let report = room
        .mix(RoomMixSettings::new().mode(MixMode::Custom))
        .vmp(RoomVmpSettings::new().mode(VmpMode::Custom))
        .validate()
        .unwrap_err();
    let paths: Vec<(&str, &Rule)> = report.violations.iter().map(|v| (v.path.as_str(), &v.rule)).collect();
    assert_eq!(
        paths,
        [("mix.mode", &Rule::NotAccepted { accepted: "1" }), ("vmp.mode", &Rule::NotAccepted { accepted: "2" })]
    );

    // Booking accepts recorder modes 1-3 only (a subset of the shared RecorderSettings).
    let mut booked: BookedConfParams =
        serde_json::from_value(serde_json::to_value(document_example()).unwrap()).unwrap();
    booked.recorder.as_mut().unwrap().recorder_mode = Some(RecorderMode::Off);
    let report = BookConfRequest::new(booked).validate().unwrap_err();
    assert!(
        report
            .violations
            .iter()
            .any(|v| v.path == "recorder.recorder_mode" && matches!(v.rule, Rule::NotAccepted { .. })),
        "{report}"
    );
}

#[test]
fn query_parameters_and_files() {
    let report = ValidateConfNameRequest::new().validate().unwrap_err();
    assert_eq!(report.violations[0].path, "conf_name");
    let big = UploadMeetingFileRequest::new("m1", FileUpload::new("a.pdf", vec![0u8; 20 * 1024 * 1024 + 1]));
    assert_eq!(big.validate().unwrap_err().violations[0].rule, Rule::FileTooLarge(20971520));
    assert!(UploadMeetingFileRequest::new("m1", FileUpload::new("a.pdf", vec![0u8; 1024])).validate().is_ok());
}

#[test]
fn json_requests_report_every_problem() {
    let mut v: Value = serde_json::to_value(document_example()).unwrap();
    v["bitrate"] = Value::from("fast");
    v["conf_level"] = Value::from(99);
    v["speaker"]["account_type"] = Value::from(42);
    v["vmp"]["members"][0]["chn_idx"] = Value::from("first");
    v["colour"] = Value::from(1);
    let read = read_json::<CreateConfParams>(&v.to_string());
    // An undocumented key is told apart from the problems: the platform ignores it.
    let warned: Vec<(&str, &Rule)> = read.warnings.iter().map(|w| (w.path.as_str(), &w.rule)).collect();
    assert_eq!(warned, [("colour", &Rule::UnknownField)]);
    let report = read.request.unwrap_err();
    assert_eq!(report, from_json::<CreateConfParams>(&v.to_string()).unwrap_err());
    let found: Vec<(&str, String)> =
        report.violations.iter().map(|x| (x.path.as_str(), format!("{:?}", x.rule))).collect();
    for (path, rule) in [
        ("bitrate", "Type"),
        ("vmp.members[0].chn_idx", "Type"),
        ("conf_level", "Range"),
        ("speaker.account_type", "NotAccepted"),
    ] {
        assert!(found.iter().any(|(p, r)| *p == path && r.starts_with(rule)), "missing {path} {rule} in {report}");
    }
    // The value dropped for its type is not reported a second time as missing.
    assert!(!found.iter().any(|(p, r)| *p == "bitrate" && r == "Required"));
    assert!(from_json::<CreateConfParams>("{not json").is_err());
}

#[test]
fn endpoint_facts_and_paths() {
    let no_options = WireOptions::default();
    let r = GetBookedConfRequest::new("123#456");
    assert_eq!(r.to_wire(None, &no_options).path, "/api/v1/mc/booked_confs/123%23456");
    assert_eq!(GetBookedConfRequest::INFO.method, Method::Get);
    assert_eq!(BookConfRequest::INFO.min_api_level, 3);
    let q = ListBookedConfsRequest::new().start(10).count(0);
    assert_eq!(q.to_wire(None, &no_options).query_string(), "start=10&count=0");
    let q = ListVirtualMeetingRoomsRequest::new().order(SortOrder::Descending);
    assert_eq!(q.to_wire(None, &no_options).query_string(), "order=1");
    assert_eq!(error_message(20105), Some("该会议名已存在"));
    assert_eq!(error_message(1), None);
}

#[test]
fn member_lists_are_required_only_where_the_mode_uses_them() {
    let mut p = document_example();
    p.mix = Some(MixSettings::new().mode(MixMode::Smart));
    p.vmp.as_mut().unwrap().mode = Some(VmpMode::Automatic);
    p.vmp.as_mut().unwrap().members = None;
    assert!(p.validate().is_ok(), "smart mixing and automatic composition need no member lists");
    rejects(|p| p.mix = Some(MixSettings::new().mode(MixMode::Custom)), "mix.members", Rule::Required);
    rejects(|p| p.vmp.as_mut().unwrap().members = None, "vmp.members", Rule::Required);
}
