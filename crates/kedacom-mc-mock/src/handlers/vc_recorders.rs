//! A conference's recordings (录像): of the whole conference (one at a time) or of some of its
//! terminals, started, read, listed, paused and resumed, and stopped. A start that is to fail after
//! its reply keeps no recording, and its failure notification (录像异常通知) is published.

use kedacom_mc_models::{channels, MessageKind};
use kedacom_mc_models::{
    GetRecorderReply, GetRecorderRequest, ListRecordersReply, ListRecordersRequest, Recorder, RecorderState,
    RecorderStateChange, RecorderType, SetRecorderStateRequest, StartRecordingReply, StartRecordingRequest,
    StopRecordingRequest,
};

use super::vc::{all_in, control, recast};
use super::{send, succeeded, Ctx, Done};
use crate::clock::Time;
use crate::codes::{CONF_RECORDING_RUNNING, RECORDING_NOT_FOUND, RECORDING_NOT_PAUSED};
use crate::error::PlatformError;
use crate::state::control::{Control, Recording};
use crate::state::Platform;

pub(super) fn start(p: &mut Platform, r: &StartRecordingRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    all_in(c, &r.params.members)?;
    let conference = r.params.recorder_type == Some(RecorderType::Conf);
    if conference && c.recordings.iter().any(Recording::is_conference) {
        return Err(PlatformError::new(CONF_RECORDING_RUNNING));
    }
    let rec_id = c.recordings.start(r.params.clone(), ctx.wall).rec_id.clone();
    match ctx.fails {
        Some(code) => {
            // Its recorder id is spent: the reply named it, and the notification is on it.
            c.recordings.stop(&rec_id);
            p.events.recording_failed(&r.conf_id, &rec_id, code);
        }
        None => p.events.state(&channels::RECORDER, MessageKind::Update, &[&r.conf_id, &rec_id]),
    }
    send(StartRecordingReply { rec_id: Some(rec_id), ..Default::default() })
}

pub(super) fn get(p: &mut Platform, r: &GetRecorderRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    send(shown(recording(c, &r.rec_id)?, ctx.wall))
}

pub(super) fn list(p: &mut Platform, r: &ListRecordersRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    let mut recorders = Vec::new();
    for recording in c.recordings.iter() {
        let mut listed: Recorder = recast(&shown(recording, ctx.wall))?;
        listed.rec_id = Some(recording.rec_id.clone());
        recorders.push(listed);
    }
    send(ListRecordersReply { recorders: Some(recorders), ..Default::default() })
}

/// Pauses a recording, or resumes a paused one (20803 when it is not paused).
pub(super) fn set_state(p: &mut Platform, r: &SetRecorderStateRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    let recording = c.recordings.get_mut(&r.rec_id).ok_or_else(|| not_found(&r.rec_id))?;
    match r.params.value.clone().unwrap_or(RecorderStateChange::Pause) {
        RecorderStateChange::Resume if recording.state != RecorderState::Paused => {
            return Err(PlatformError::new(RECORDING_NOT_PAUSED));
        }
        RecorderStateChange::Resume => recording.resume(ctx.wall),
        _ => recording.pause(ctx.wall),
    }
    p.events.state(&channels::RECORDER, MessageKind::Update, &[&r.conf_id, &r.rec_id]);
    succeeded()
}

pub(super) fn stop(p: &mut Platform, r: &StopRecordingRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    c.recordings.stop(&r.rec_id).ok_or_else(|| not_found(&r.rec_id))?;
    p.events.state(&channels::RECORDER, MessageKind::Delete, &[&r.conf_id, &r.rec_id]);
    succeeded()
}

fn recording<'a>(c: &'a Control, rec_id: &str) -> Result<&'a Recording, PlatformError> {
    c.recordings.get(rec_id).ok_or_else(|| not_found(rec_id))
}

fn not_found(rec_id: &str) -> PlatformError {
    PlatformError::detailed(RECORDING_NOT_FOUND, format!("no recording {rec_id:?}"))
}

/// A recording as its detail shows it.
fn shown(recording: &Recording, now: Time) -> GetRecorderReply {
    let params = &recording.params;
    GetRecorderReply {
        video_name: params.video_name.clone(),
        recorder_type: params.recorder_type.clone(),
        state: Some(recording.state.clone()),
        anonymous: params.anonymous.clone(),
        recorder_mode: params.recorder_mode.clone(),
        main_stream: params.main_stream.clone(),
        dual_stream: params.dual_stream.clone(),
        watermark: params.watermark.clone(),
        publish_mode: params.publish_mode.clone(),
        current_progress: Some(recording.progress(now)),
        members: params.members.clone(),
        ..Default::default()
    }
}
