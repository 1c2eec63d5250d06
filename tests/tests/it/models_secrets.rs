//! Secrets (passwords, keys, session tokens) never show: not in `Debug` output, not in reports, not
//! in decoding errors. They still go on the wire. The secret fields are found in the spec, so a new
//! one is covered, or fails here, without anyone remembering to add it.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::path::Path;

use kedacom_mc_codegen::model::{Api, Type};
use kedacom_mc_codegen::spec::load_dir;
use kedacom_mc_models::validate::{JsonShape, Rule};
use kedacom_mc_models::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};

const SECRET: &str = "S3cr3t-XYZ";
/// Within the secret charset but longer than every secret's 16-byte limit.
const LONG_SECRET: &str = "S3cr3t_XYZ_0123456789";
const WRONG_NUMBER: i64 = 987_654_321;

fn api() -> Api {
    load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).unwrap_or_else(|d| panic!("{d}"))
}

/// One place a secret went when filling a type.
#[derive(Debug, Clone)]
struct Slot {
    /// JSON path, as reports write it.
    path: String,
    object: String,
    field: String,
    max_bytes: Option<u64>,
}

/// Builds JSON for a type with every documented field present (arrays with one item), putting
/// `secret(n)` in the n-th secret field and a plain value everywhere else.
struct Filler<'a> {
    api: &'a Api,
    secret: &'a dyn Fn(usize) -> Value,
    slots: Vec<Slot>,
    /// The objects being filled, outermost first: a list of one of them (a cascade's cascades) is
    /// left empty, as filling it would never end.
    within: Vec<String>,
}

impl<'a> Filler<'a> {
    fn fill(api: &'a Api, type_name: &str, secret: &'a dyn Fn(usize) -> Value) -> (Value, Vec<Slot>) {
        let mut f = Filler { api, secret, slots: Vec::new(), within: Vec::new() };
        let v = f.object(type_name, "", 0);
        (v, f.slots)
    }

    fn object(&mut self, name: &str, path: &str, depth: usize) -> Value {
        assert!(depth < 16, "objects nest deeper than the spec allows at {path}");
        let obj = self.api.object(name).unwrap_or_else(|| panic!("no object {name}"));
        self.within.push(name.to_owned());
        let mut m = Map::new();
        for f in &obj.fields {
            let at = if path.is_empty() { f.wire.clone() } else { format!("{path}.{}", f.wire) };
            let v = if f.secret {
                assert_eq!(f.ty, Type::String, "{name}.{}: secrets of other types need a case here", f.wire);
                self.slots.push(Slot {
                    path: at,
                    object: name.to_owned(),
                    field: f.wire.clone(),
                    max_bytes: f.limits.max_bytes,
                });
                (self.secret)(self.slots.len() - 1)
            } else {
                self.value(&f.ty, &at, depth)
            };
            m.insert(f.wire.clone(), v);
        }
        self.within.pop();
        Value::Object(m)
    }

    fn value(&mut self, ty: &Type, at: &str, depth: usize) -> Value {
        match ty {
            Type::String => json!("x"),
            Type::Integer | Type::Switch(_) => json!(1),
            Type::File | Type::Untyped => Value::Null,
            Type::Enum(e) => e
                .only
                .as_ref()
                .and_then(|only| only.first().cloned())
                .or_else(|| self.api.enum_def(&e.name).map(|d| d.values[0].value.clone()))
                .unwrap_or_else(|| panic!("no enum {}", e.name)),
            Type::Object(u) => self.object(&u.name, at, depth + 1),
            Type::Array(inner) => match inner.as_ref() {
                Type::Object(u) if self.within.contains(&u.name) => json!([]),
                _ => json!([self.value(inner, &format!("{at}[0]"), depth)]),
            },
        }
    }
}

/// A type's `Debug` output (plain and pretty) and its wire JSON, from JSON.
struct Shown {
    debug: String,
    pretty: String,
    wire: String,
}

type Show = fn(&Value) -> Result<Shown, String>;
type FromJson = fn(&str) -> Result<(), ValidationReport>;
type Check = fn(&Value) -> Result<(), ValidationReport>;

fn show<T: DeserializeOwned + Serialize + Debug>(v: &Value) -> Result<Shown, String> {
    let t: T = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
    let wire = serde_json::to_string(&t).map_err(|e| e.to_string())?;
    Ok(Shown { debug: format!("{t:?}"), pretty: format!("{t:#?}"), wire })
}

fn read<T: DeserializeOwned + JsonShape + Validate>(text: &str) -> Result<(), ValidationReport> {
    from_json::<T>(text).map(drop)
}

fn check<T: DeserializeOwned + Validate>(v: &Value) -> Result<(), ValidationReport> {
    serde_json::from_value::<T>(v.clone()).expect("a filled request body decodes").validate()
}

macro_rules! registry {
    (params: [$($p:ident),* $(,)?], replies: [$($r:ident),* $(,)?], requests: [$($op:ident => $req:ident),* $(,)?] $(,)?) => {
        /// Every request body and reply type, by the name the spec gives it.
        const TYPES: &[(&str, Show)] = &[$((stringify!($p), show::<$p>),)* $((stringify!($r), show::<$r>),)*];
        /// Request bodies: reading from JSON, and validating.
        const PARAMS: &[(&str, FromJson, Check)] = &[$((stringify!($p), read::<$p>, check::<$p>)),*];
        /// Requests with a body, by operation: `Debug` output and the body sent, for a body given as JSON.
        const REQUESTS: &[(&str, fn(&Value) -> (String, String))] = &[$((stringify!($op), |v| {
            let mut r = $req::default();
            r.params = serde_json::from_value(v.clone()).expect("a filled request body decodes");
            let sent = r.params_json().map(|p| p.to_string()).unwrap_or_default();
            (format!("{r:?}"), sent)
        })),*];
    };
}

registry!(
    params: [
        BookedConfParams,
        CreateConfParams,
        CreateMeetingRoomAreaParams,
        UpdateMeetingRoomAreaParams,
        CreateVirtualMeetingRoomParams,
        UpdateVirtualMeetingRoomParams,
        PersonalTemplateParams,
        PublicTemplateParams,
        AddMtsParams,
        CallMtsParams,
        SilenceParams,
        MuteParams,
        MtIdParams,
        StartVmpParams,
        UpdateVmpParams,
        AddCascadeMtsParams,
        StartUploadPollParams,
        SetUploadPollStateParams,
        StartMixParams,
        StartChairmanPollParams,
        SetChairmanPollStateParams,
        StartPollParams,
        SetPollStateParams,
        StartRecordingParams,
        SetRecorderStateParams,
        RecorderModeParams,
        ExtendConfParams,
        SetConfSafetyParams,
        RenameConfParams,
        SendSmsParams,
        SetForceBroadcastParams,
        SetVadParams,
        SetVipListParams,
        SetMtCallModeParams,
        SetMtVolumeParams,
        ControlMtCameraParams,
        SetMtVideoParams,
        StartHduVmpParams,
        UpdateHduVmpParams,
        StartHduParams,
        StartHduPollParams,
        SetHduPollStateParams,
        StartMtVmpParams,
        UpdateMtVmpParams,
        StartPlaybackParams,
        SetPlaybackStateParams,
        SeekPlaybackParams,
        StartInspectionParams,
        StartInspectionChannelParams,
        StartMonitorParams,
        MonitorHeartbeatParams,
        RequestMonitorKeyframeParams,
        MixMembersParams,
        MtsParams,
    ],
    replies: [
        BookConfReply,
        CreateConfReply,
        CreateMeetingRoomAreaReply,
        CreateVirtualMeetingRoomReply,
        DeleteBookedConfReply,
        DeleteMeetingFileReply,
        DeleteMeetingRoomAreaReply,
        DeleteVirtualMeetingRoomReply,
        EndConfReply,
        GetBookedConfReply,
        GetMcVersionReply,
        GetMeetingReply,
        GetResourcesReply,
        GetSystemVersionReply,
        GetTokenReply,
        GetVirtualMeetingRoomReply,
        ListBookedConfsReply,
        ListMeetingFilesReply,
        ListMeetingRoomAreasReply,
        ListMeetingsReply,
        ListPlatformsReply,
        ListVirtualMeetingRoomsReply,
        LoginReply,
        TokenHeartbeatReply,
        UpdateBookedConfReply,
        UpdateMeetingRoomAreaReply,
        UpdateVirtualMeetingRoomReply,
        UploadMeetingFileReply,
        UserHeartbeatReply,
        ValidateConfNameReply,
        ListPersonalTemplatesReply,
        GetPersonalTemplateReply,
        CreatePersonalTemplateReply,
        UpdatePersonalTemplateReply,
        DeletePersonalTemplateReply,
        GetPersonalTemplateSimpleReply,
        GetPersonalTemplateInviteMembersReply,
        GetPersonalTemplateMixReply,
        GetPersonalTemplateVmpReply,
        GetPersonalTemplatePollReply,
        GetPersonalTemplateVipsReply,
        ListPublicTemplatesReply,
        GetPublicTemplateReply,
        CreatePublicTemplateReply,
        UpdatePublicTemplateReply,
        DeletePublicTemplateReply,
        Failure,
        BareFailure,
        ListMtsReply,
        GetMtReply,
        AddMtsReply,
        SuccessReply,
        ListConfsReply,
        GetConfReply,
        GetDualStreamReply,
        GetChairmanReply,
        GetSpeakerReply,
        GetVmpReply,
        GetCascadesReply,
        ListCascadeMtsReply,
        AddCascadeMtsReply,
        GetUploadMtReply,
        GetUploadPollReply,
        GetMixReply,
        GetChairmanPollReply,
        GetPollReply,
        StartRecordingReply,
        GetRecorderReply,
        ListRecordersReply,
        GetVcVersionReply,
        GetVadReply,
        GetVipListReply,
        ListVrsReply,
        GetMtVideosReply,
        GetHduVmpReply,
        ListHduVmpsReply,
        ListPlatformHdusReply,
        ListConfHdusReply,
        GetHduReply,
        GetHduPollReply,
        StartHduPollReply,
        GetMtVmpReply,
        ListMtVmpsReply,
        StartPlaybackReply,
        GetPlaybackReply,
        ListInspectionsReply,
        ListInspectionChannelsReply,
        ListMonitorsReply,
        GetMonitorReply,
    ],
    requests: [
        book_conf => BookConfRequest,
        update_booked_conf => UpdateBookedConfRequest,
        create_conf => CreateConfRequest,
        create_meeting_room_area => CreateMeetingRoomAreaRequest,
        update_meeting_room_area => UpdateMeetingRoomAreaRequest,
        create_virtual_meeting_room => CreateVirtualMeetingRoomRequest,
        update_virtual_meeting_room => UpdateVirtualMeetingRoomRequest,
        create_personal_template => CreatePersonalTemplateRequest,
        update_personal_template => UpdatePersonalTemplateRequest,
        create_public_template => CreatePublicTemplateRequest,
        update_public_template => UpdatePublicTemplateRequest,
        add_mts => AddMtsRequest,
        remove_mts => RemoveMtsRequest,
        call_mts => CallMtsRequest,
        hang_up_mts => HangUpMtsRequest,
        set_mt_silence => SetMtSilenceRequest,
        set_mt_mute => SetMtMuteRequest,
        set_conf_silence => SetConfSilenceRequest,
        set_conf_mute => SetConfMuteRequest,
        set_dual_stream => SetDualStreamRequest,
        cancel_dual_stream => CancelDualStreamRequest,
        set_chairman => SetChairmanRequest,
        set_speaker => SetSpeakerRequest,
        start_vmp => StartVmpRequest,
        update_vmp => UpdateVmpRequest,
        add_cascade_mts => AddCascadeMtsRequest,
        set_upload_mt => SetUploadMtRequest,
        start_upload_poll => StartUploadPollRequest,
        set_upload_poll_state => SetUploadPollStateRequest,
        start_mix => StartMixRequest,
        add_mix_members => AddMixMembersRequest,
        remove_mix_members => RemoveMixMembersRequest,
        start_chairman_poll => StartChairmanPollRequest,
        set_chairman_poll_state => SetChairmanPollStateRequest,
        start_poll => StartPollRequest,
        set_poll_state => SetPollStateRequest,
        start_recording => StartRecordingRequest,
        set_recorder_state => SetRecorderStateRequest,
        stop_recording => StopRecordingRequest,
        extend_conf => ExtendConfRequest,
        set_conf_safety => SetConfSafetyRequest,
        rename_conf => RenameConfRequest,
        send_sms => SendSmsRequest,
        set_force_broadcast => SetForceBroadcastRequest,
        set_vad => SetVadRequest,
        set_vip_list => SetVipListRequest,
        set_mt_call_mode => SetMtCallModeRequest,
        set_mt_volume => SetMtVolumeRequest,
        control_mt_camera => ControlMtCameraRequest,
        set_mt_video => SetMtVideoRequest,
        start_hdu_vmp => StartHduVmpRequest,
        update_hdu_vmp => UpdateHduVmpRequest,
        start_hdu => StartHduRequest,
        start_hdu_poll => StartHduPollRequest,
        set_hdu_poll_state => SetHduPollStateRequest,
        start_mt_vmp => StartMtVmpRequest,
        update_mt_vmp => UpdateMtVmpRequest,
        start_playback => StartPlaybackRequest,
        set_playback_state => SetPlaybackStateRequest,
        seek_playback => SeekPlaybackRequest,
        start_inspection => StartInspectionRequest,
        start_inspection_channel => StartInspectionChannelRequest,
        start_monitor => StartMonitorRequest,
        monitor_heartbeat => MonitorHeartbeatRequest,
        request_monitor_keyframe => RequestMonitorKeyframeRequest,
    ],
);

fn sorted<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let set: BTreeSet<String> = names.map(str::to_owned).collect();
    set.into_iter().collect()
}

#[test]
fn the_registry_covers_every_body_reply_and_request_with_a_body() {
    let api = api();
    let params = sorted(api.endpoints.iter().filter_map(|e| e.params.as_deref()));
    assert_eq!(sorted(PARAMS.iter().map(|p| p.0)), params);
    let all = sorted(
        api.endpoints
            .iter()
            .filter_map(|e| e.params.as_deref())
            .chain(api.endpoints.iter().filter_map(|e| e.reply.as_deref()))
            .chain(api.endpoints.iter().map(|e| e.failure.as_str())),
    );
    assert_eq!(sorted(TYPES.iter().map(|t| t.0)), all);
    let with_body = sorted(api.endpoints.iter().filter(|e| e.params.is_some()).map(|e| e.operation.as_str()));
    assert_eq!(sorted(REQUESTS.iter().map(|r| r.0)), with_body);
}

#[test]
fn credentials_are_marked_secret_in_the_spec() {
    let api = api();
    let looks_secret = |wire: &str| {
        let w = wire.to_ascii_lowercase();
        ["password", "secret", "token"].iter().any(|s| w.contains(s)) || w == "encrypted_key"
    };
    let mut checked = 0;
    let object_fields = api.objects.iter().flat_map(|o| o.fields.iter().map(move |f| (o.name.as_str(), f)));
    let endpoint_fields =
        api.endpoints.iter().flat_map(|e| e.path.iter().chain(&e.parameters).map(move |f| (e.operation.as_str(), f)));
    for (owner, f) in object_fields.chain(endpoint_fields) {
        // A credential is text; `need_password` (是否需要密码) is a yes/no about one.
        if looks_secret(&f.wire) && !matches!(f.ty, Type::Switch(_) | Type::Integer) {
            assert!(f.secret, "{owner}.{} looks like a credential but is not marked secret", f.wire);
            checked += 1;
        }
    }
    // Passwords and keys of five bodies and three replies, the token reply, two login parameters,
    // and the session token of every endpoint that takes one.
    assert!(checked > 30, "only {checked} credential fields found");
}

#[test]
fn bodies_and_replies_hide_secrets_in_debug_and_send_them() {
    let api = api();
    let secret = |_: usize| json!(SECRET);
    let mut covered = BTreeSet::new();
    for (name, show) in TYPES {
        let (json, slots) = Filler::fill(&api, name, &secret);
        let shown = show(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
        for text in [&shown.debug, &shown.pretty] {
            assert!(!text.contains("S3cr3t"), "{name} shows a secret: {text}");
            assert_eq!(text.matches("***").count(), slots.len(), "{name}: {text}");
        }
        assert_eq!(shown.wire.matches(SECRET).count(), slots.len(), "{name} sends: {}", shown.wire);
        // Every field is shown, as the derived `Debug` would.
        assert!(shown.debug.starts_with(&format!("{name} {{")), "{}", shown.debug);
        for f in &api.object(name).unwrap().fields {
            let field = format!(" {}: ", f.rust.trim_start_matches("r#"));
            assert!(shown.debug.contains(&field), "{name}: no{field}in {}", shown.debug);
        }
        assert!(shown.debug.ends_with(", extra: {} }"), "{}", shown.debug);
        covered.extend(slots.into_iter().map(|s| (s.object, s.field)));
    }
    let every: BTreeSet<(String, String)> = api
        .objects
        .iter()
        .flat_map(|o| o.fields.iter().filter(|f| f.secret).map(|f| (o.name.clone(), f.wire.clone())))
        .collect();
    assert!(every.len() >= 10, "{every:?}");
    assert_eq!(covered, every, "every secret field of the spec is reached from a body or a reply");
}

#[test]
fn debug_looks_derived_with_secrets_masked() {
    let reply: GetTokenReply =
        serde_json::from_value(json!({"success": 1, "account_token": SECRET, "expires": 1800})).unwrap();
    assert_eq!(
        format!("{reply:?}"),
        r#"GetTokenReply { success: Some(1), account_token: Some(***), extra: {"expires": Number(1800)} }"#
    );
    assert!(serde_json::to_string(&reply).unwrap().contains(SECRET));
    // Absence is shown; so is a secret that came as null (it has no value to hide).
    let reply: GetTokenReply = serde_json::from_str(r#"{"account_token": null}"#).unwrap();
    assert_eq!(
        format!("{reply:?}"),
        r#"GetTokenReply { success: None, account_token: None, extra: {"account_token": Null} }"#
    );
}

#[test]
fn requests_hide_secret_parameters_and_send_them() {
    let login = LoginRequest::new().username("mxm").password(SECRET);
    assert_eq!(format!("{login:?}"), r#"LoginRequest { username: Some("mxm"), password: Some(***) }"#);
    assert!(!format!("{login:#?}").contains(SECRET));
    let sent = login.to_wire(None, &WireOptions::default());
    assert_eq!(sent.field("password"), Some(SECRET));
    assert!(!format!("{sent:?}").contains(SECRET));
    assert_eq!(format!("{:?}", LoginRequest::new()), "LoginRequest { username: None, password: None }");

    let token = GetTokenRequest::new().oauth_consumer_key("app").oauth_consumer_secret(SECRET);
    assert_eq!(
        format!("{token:?}"),
        r#"GetTokenRequest { oauth_consumer_key: Some("app"), oauth_consumer_secret: Some(***) }"#
    );
    let sent = token.to_wire(None, &WireOptions::default());
    assert_eq!(sent.field("oauth_consumer_secret"), Some(SECRET));
    assert!(!format!("{sent:?}").contains(SECRET));

    // Those are all the secret parameters a caller gives; a new one needs a case above.
    let api = api();
    let secret_parameters: Vec<(&str, &str)> = api
        .endpoints
        .iter()
        .flat_map(|e| {
            let given = e.path.iter().chain(&e.parameters).filter(|p| p.role.is_none() && p.secret);
            given.map(move |p| (e.operation.as_str(), p.wire.as_str()))
        })
        .collect();
    assert_eq!(secret_parameters, [("get_token", "oauth_consumer_secret"), ("login", "password")]);
}

#[test]
fn requests_hide_secrets_of_their_body_and_send_them() {
    let api = api();
    let secret = |_: usize| json!(SECRET);
    let mut slots_seen = 0;
    for (operation, build) in REQUESTS {
        let endpoint = api.endpoints.iter().find(|e| e.operation == *operation).unwrap();
        let (json, slots) = Filler::fill(&api, endpoint.params.as_deref().unwrap(), &secret);
        let (debug, sent) = build(&json);
        assert!(!debug.contains("S3cr3t"), "{operation} shows a secret: {debug}");
        assert_eq!(debug.matches("***").count(), slots.len(), "{operation}: {debug}");
        assert_eq!(sent.matches(SECRET).count(), slots.len(), "{operation} sends: {sent}");
        slots_seen += slots.len();
    }
    assert!(slots_seen >= 8, "the bodies hold passwords and keys");
}

#[test]
fn reading_a_body_with_a_wrongly_typed_secret_does_not_echo_it() {
    let api = api();
    let mut slots_seen = 0;
    for wrong in [json!(WRONG_NUMBER), json!([SECRET]), json!({"key": SECRET})] {
        for (name, read, _) in PARAMS {
            let w = wrong.clone();
            let secret = move |_: usize| w.clone();
            let (json, slots) = Filler::fill(&api, name, &secret);
            let Err(report) = read(&json.to_string()) else {
                assert!(slots.is_empty(), "{name}: wrongly typed secrets were accepted");
                continue;
            };
            let text = format!("{report}\n{report:?}");
            assert!(!text.contains("S3cr3t") && !text.contains(&WRONG_NUMBER.to_string()), "{name}: {text}");
            for slot in &slots {
                let found = report.violations.iter().find(|v| v.path == slot.path);
                let found = found.unwrap_or_else(|| panic!("{name}: no violation at {}: {report}", slot.path));
                assert!(matches!(found.rule, Rule::Type { .. }), "{name}: {found:?}");
                assert_eq!(found.value.as_deref(), Some("***"));
            }
            slots_seen += slots.len();
        }
    }
    assert!(slots_seen >= 18, "three wrong values for each password and key of the bodies");
}

#[test]
fn a_too_long_secret_is_reported_without_its_value() {
    let api = api();
    let secret = |_: usize| json!(LONG_SECRET);
    let mut slots_seen = 0;
    for (name, read, check) in PARAMS {
        let (json, slots) = Filler::fill(&api, name, &secret);
        for report in [check(&json), read(&json.to_string())] {
            let Err(report) = report else {
                assert!(slots.is_empty(), "{name}: too long secrets were accepted");
                continue;
            };
            let text = format!("{report}\n{report:?}");
            assert!(!text.contains("S3cr3t"), "{name}: {text}");
            for slot in slots.iter().filter(|s| s.max_bytes.is_some_and(|m| m < LONG_SECRET.len() as u64)) {
                let found =
                    report.violations.iter().find(|v| v.path == slot.path && matches!(v.rule, Rule::MaxBytes(_)));
                let found = found.unwrap_or_else(|| panic!("{name}: {} not reported too long: {report}", slot.path));
                assert_eq!(found.value.as_deref(), Some("***"));
                slots_seen += 1;
            }
        }
    }
    assert!(slots_seen >= 12, "passwords and keys have byte limits");
}

#[test]
fn decoding_a_wrongly_typed_secret_does_not_echo_it() {
    let api = api();
    let mut slots_seen = 0;
    for (name, show) in TYPES {
        let (_, slots) = Filler::fill(&api, name, &|_: usize| json!(SECRET));
        // One wrongly typed secret at a time: decoding stops at the first.
        for wrong_at in 0..slots.len() {
            let secret = move |n: usize| if n == wrong_at { json!(WRONG_NUMBER) } else { json!(SECRET) };
            let (json, slots) = Filler::fill(&api, name, &secret);
            let Err(e) = show(&json) else { panic!("{name}: {} as a number decoded", slots[wrong_at].path) };
            assert!(!e.contains(&WRONG_NUMBER.to_string()) && !e.contains("S3cr3t"), "{name}: {e}");
            assert!(e.contains(&format!("`{}`", slots[wrong_at].field)), "{name}: the error names the field: {e}");
            slots_seen += 1;
        }
    }
    assert!(slots_seen >= 15);
    // A wrongly typed field that is not secret still shows its value.
    let e = serde_json::from_str::<GetTokenReply>(r#"{"success": "yes"}"#).unwrap_err();
    assert!(e.to_string().contains("yes"), "{e}");
}
