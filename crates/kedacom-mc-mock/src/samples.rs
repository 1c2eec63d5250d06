//! Requests the platform accepts, with every required field set to a plain value: starting points
//! for tests and for seeding a mock, to be changed with the models' setters.

use kedacom_mc_models::{
    AccountType, BookedConfParams, CallMode, CallProtocol, CascadeMode, ConfType, CreateConfParams,
    CreateVirtualMeetingRoomParams, DualMode, EncryptedType, Endpoint, EndpointInfo, ListMtsRequest, MaxJoinMt, Method,
    NewMt, PersonalTemplateParams, PreoccupyResource, PublicTemplateParams, RecorderMode, RecorderType, Resolution,
    SafeConf, StartRecordingParams, VideoFormat, VideoFormatSpec, VideoQuality, ENDPOINTS,
};
use serde_json::Value;
use std::time::Duration;

use crate::clock;

/// One 1080p H.264 format at 2 Mbit/s.
pub fn video_formats() -> Vec<VideoFormatSpec> {
    vec![VideoFormatSpec::new().format(VideoFormat::H264Hp).resolution(Resolution::FullHd1080p).frame(30).bitrate(2048)]
}

/// A conference started at once (`create_type` 1): `duration` minutes (0: permanent), 8 parties.
pub fn create_conf_params(name: &str, duration: i64) -> CreateConfParams {
    CreateConfParams::new()
        .name(name)
        .duration(duration)
        .bitrate(2048)
        .closed_conf(false)
        .safe_conf(SafeConf::Public)
        .encrypted_type(EncryptedType::None)
        .conf_type(ConfType::Traditional)
        .call_mode(CallMode::Automatic)
        .call_times(3)
        .call_interval(20)
        .mute(false)
        .force_mute(false)
        .silence(false)
        .video_quality(VideoQuality::QualityFirst)
        .encrypted_key("")
        .dual_mode(DualMode::Speaker)
        .voice_activity_detection(false)
        .cascade_mode(CascadeMode::Merged)
        .cascade_upload(true)
        .cascade_return(false)
        .cascade_return_para(0)
        .public_conf(false)
        .max_join_mt(MaxJoinMt::Parties8)
        .auto_end(false)
        .preoccupy_resource(PreoccupyResource::None)
        .one_reforming(false)
        .video_formats(video_formats())
}

/// A conference booked for `start_time` (`2030-01-01T09:00:00+08:00`), `duration` minutes.
pub fn booked_conf_params(name: &str, start_time: &str, duration: i64) -> BookedConfParams {
    BookedConfParams::new()
        .name(name)
        .start_time(start_time)
        .duration(duration)
        .bitrate(2048)
        .closed_conf(false)
        .safe_conf(SafeConf::Public)
        .encrypted_type(EncryptedType::None)
        .conf_type(ConfType::Traditional)
        .call_mode(CallMode::Automatic)
        .call_times(3)
        .call_interval(20)
        .mute(false)
        .force_mute(false)
        .silence(false)
        .video_quality(VideoQuality::QualityFirst)
        .encrypted_key("")
        .dual_mode(DualMode::Speaker)
        .voice_activity_detection(false)
        .cascade_mode(CascadeMode::Merged)
        .cascade_upload(true)
        .cascade_return(false)
        .cascade_return_para(0)
        .public_conf(false)
        .max_join_mt(MaxJoinMt::Parties8)
        .auto_end(false)
        .preoccupy_resource(PreoccupyResource::None)
        .one_reforming(false)
        .video_formats(video_formats())
}

/// A one-minute conference booked to have started a little less than a minute ago: it starts on
/// its own at once and ends on its own `ends_in` from now (a second to a minute: the start is
/// written in whole seconds), the shortest wait for a conference's own clock that a length in
/// minutes allows.
pub fn booked_conf_ending_in(name: &str, ends_in: Duration) -> BookedConfParams {
    const LENGTH: Duration = Duration::from_secs(60);
    let start = clock::now() - LENGTH.saturating_sub(ends_in);
    booked_conf_params(name, &clock::format(start, time::UtcOffset::UTC), 1)
}

/// A virtual meeting room for 8 parties.
pub fn virtual_meeting_room_params(name: &str) -> CreateVirtualMeetingRoomParams {
    CreateVirtualMeetingRoomParams::new()
        .name(name)
        .video_formats(video_formats())
        .max_join_mt(MaxJoinMt::Parties8)
        .force_mute(false)
        .preoccupy_resource(PreoccupyResource::None)
}

/// A personal template for 8 parties, 2 Mbit/s, permanent (duration 0), without a conference number
/// of its own (`bind_e164` off).
pub fn personal_template_params(name: &str) -> PersonalTemplateParams {
    PersonalTemplateParams::new()
        .name(name)
        .bitrate(2048)
        .closed_conf(false)
        .safe_conf(SafeConf::Public)
        .encrypted_type(EncryptedType::None)
        .conf_type(ConfType::Traditional)
        .call_mode(CallMode::Automatic)
        .call_times(3)
        .call_interval(20)
        .mute(false)
        .silence(false)
        .video_quality(VideoQuality::QualityFirst)
        .one_reforming(false)
        .dual_mode(DualMode::Speaker)
        .voice_activity_detection(false)
        .cascade_mode(CascadeMode::Merged)
        .cascade_upload(true)
        .cascade_return(false)
        .cascade_return_para(0)
        .public_conf(false)
        .max_join_mt(MaxJoinMt::Parties8)
        .auto_end(false)
        .preoccupy_resource(PreoccupyResource::None)
        .bind_e164(false)
        .video_formats(video_formats())
}

/// A public template for 8 parties, 2 Mbit/s, permanent, unencrypted.
pub fn public_template_params(name: &str) -> PublicTemplateParams {
    PublicTemplateParams::new()
        .name(name)
        .bitrate(2048)
        .closed_conf(false)
        .safe_conf(SafeConf::Public)
        .encrypted_type(EncryptedType::None)
        .encrypted_key("")
        .conf_type(ConfType::Traditional)
        .mute(false)
        .silence(0)
        .video_quality(VideoQuality::QualityFirst)
        .one_reforming(false)
        .dual_mode(DualMode::Speaker)
        .voice_activity_detection(false)
        .vacinterval(5)
        .cascade_mode(CascadeMode::Merged)
        .cascade_upload(true)
        .cascade_return(false)
        .cascade_return_para(0)
        .public_conf(false)
        .max_join_mt(MaxJoinMt::Parties8)
        .auto_end(false)
        .preoccupy_resource(PreoccupyResource::None)
        .call_mode(CallMode::Automatic)
        .call_times(3)
        .call_interval(20)
        .video_formats(video_formats())
}

/// A terminal to add to a conference (`add_mts`): an E164 number, called over H.323 at 2 Mbit/s.
pub fn new_mt(e164: &str) -> NewMt {
    NewMt::new().account(e164).account_type(AccountType::E164).bitrate(2048).protocol(CallProtocol::H323)
}

/// A recording of `kind` (the whole conference, or the terminals added with `members`), saved
/// only (not broadcast), main stream, no watermark, on one recording server.
pub fn recording_params(kind: RecorderType) -> StartRecordingParams {
    StartRecordingParams::new()
        .video_name("周会录像")
        .recorder_type(kind)
        .publish_mode(false)
        .watermark(false)
        .anonymous(false)
        .recorder_mode(RecorderMode::Record)
        .main_stream(true)
        .dual_stream(false)
        .vrs_id("81dac790-056b-40ea-8e52-05547bb656d9")
}

/// The meeting-control operations (会控API) in an order in which each succeeds on a running
/// conference that holds terminals 1 and 2, online, when given the document's example body and the
/// path values [`path_value`] picks: the starting calls (POST), then the changes (PUT), then the
/// reads, then the DELETEs, the latest defined first and one whose path other calls reach into
/// (the conference's terminals) after those calls' own.
pub fn meeting_control_sequence() -> Vec<&'static EndpointInfo> {
    let control = ListMtsRequest::INFO.document;
    let ops: Vec<&EndpointInfo> = ENDPOINTS.iter().copied().filter(|e| e.document == control).collect();
    let of = |m: Method| ops.iter().copied().filter(move |e| e.method == m);
    let mut ordered: Vec<&EndpointInfo> = of(Method::Post).chain(of(Method::Put)).chain(of(Method::Get)).collect();
    let mut deletes: Vec<&EndpointInfo> = of(Method::Delete).rev().collect();
    deletes.sort_by_key(|d| ops.iter().filter(|e| under(e.path, d.path)).count());
    ordered.extend(deletes);
    ordered
}

/// Whether `inner` lies below `outer`.
fn under(inner: &str, outer: &str) -> bool {
    inner.len() > outer.len() && inner.starts_with(outer) && inner.as_bytes()[outer.len()] == b'/'
}

/// A value for the placeholder `name` of `info`'s path, in [`meeting_control_sequence`]: the
/// conference's number for the first (every path of a conference starts at it), the id the POST to
/// the collection it names a member of answered with among `replies` (a recorder, the terminals
/// added), else 1: the number the document gives a conference's main composition and mixer, and
/// its examples' terminals.
pub fn path_value(info: &EndpointInfo, name: &str, conf_id: &str, replies: &[(&EndpointInfo, Value)]) -> String {
    let placeholder = format!("{{{name}}}");
    let Some((collection, _)) = info.path.split_once(&placeholder) else { return conf_id.to_owned() };
    if !collection.contains('{') {
        return conf_id.to_owned();
    }
    let collection = collection.trim_end_matches('/');
    let created = replies.iter().filter(|(e, _)| e.method == Method::Post && e.path == collection);
    created.into_iter().find_map(|(_, reply)| find_key(reply, name)).unwrap_or_else(|| "1".to_owned())
}

/// The first string or number at `key` anywhere in `v` (a non-empty string, or a number as text):
/// where a test finds the id a reply made, however deep the reply holds it.
pub fn find_key(v: &Value, key: &str) -> Option<String> {
    match v {
        Value::Object(map) => map
            .get(key)
            .and_then(|x| match x {
                Value::String(s) if !s.is_empty() => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .or_else(|| map.values().find_map(|x| find_key(x, key))),
        Value::Array(items) => items.iter().find_map(|x| find_key(x, key)),
        _ => None,
    }
}
