//! Requests the platform accepts, with every required field set to a plain value: starting points
//! for tests and for seeding a mock, to be changed with the models' setters.

use kedacom_mc_models::{
    BookedConfParams, CallMode, CascadeMode, ConfType, CreateConfParams, CreateVirtualMeetingRoomParams, DualMode,
    EncryptedType, MaxJoinMt, PersonalTemplateParams, PreoccupyResource, PublicTemplateParams, Resolution, SafeConf,
    VideoFormat, VideoFormatSpec, VideoQuality,
};

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
