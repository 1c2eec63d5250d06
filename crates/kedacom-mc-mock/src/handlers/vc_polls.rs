//! A conference's poll (会议轮询): started (or started again) with its members, read, paused,
//! resumed and stopped.

use kedacom_mc_models::{channels, MessageKind};
use kedacom_mc_models::{
    ConfPollMode, GetPollReply, GetPollRequest, MtRef, PollMode, PollState, PollStateChange, SetPollStateRequest,
    StartPollRequest,
};

use super::vc::{all_in, control, members};
use super::{send, succeeded, Ctx, Done};
use crate::codes::POLL_NOT_RUNNING;
use crate::error::PlatformError;
use crate::state::control::Poll;
use crate::state::Platform;

pub(super) fn start(p: &mut Platform, r: &StartPollRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    let members = all_in(c, &r.params.members)?;
    c.poll = Some(Poll {
        mode: r.params.mode.clone().unwrap_or(PollMode::Video),
        state: PollState::Polling,
        num: r.params.num.unwrap_or_default(),
        keep_time: r.params.keep_time.unwrap_or_default(),
        poll_index: r.params.poll_index.unwrap_or(1),
        members,
    });
    p.events.state(&channels::POLL, MessageKind::Update, &[&r.conf_id]);
    succeeded()
}

/// Stops the poll (nothing to do when none runs), or pauses or resumes it (20527 when none runs).
pub(super) fn set_state(p: &mut Platform, r: &SetPollStateRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    let change = r.params.value.clone().unwrap_or(PollStateChange::Stop);
    if change == PollStateChange::Stop {
        if c.poll.take().is_some() {
            p.events.state(&channels::POLL, MessageKind::Delete, &[&r.conf_id]);
        }
        return succeeded();
    }
    let poll = c.poll.as_mut().ok_or_else(|| PlatformError::new(POLL_NOT_RUNNING))?;
    poll.state = if change == PollStateChange::Pause { PollState::Paused } else { PollState::Polling };
    p.events.state(&channels::POLL, MessageKind::Update, &[&r.conf_id]);
    succeeded()
}

/// The poll, or state 0 (未轮询) alone when none runs.
pub(super) fn get(p: &mut Platform, r: &GetPollRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    let Some(poll) = &c.poll else {
        return send(GetPollReply { state: Some(PollState::Idle), ..Default::default() });
    };
    send(GetPollReply {
        mode: poll.mode.as_i64().map(ConfPollMode::from_wire),
        state: Some(poll.state.clone()),
        num: Some(poll.num),
        keep_time: Some(poll.keep_time),
        poll_index: Some(poll.poll_index),
        cur_poll_mt: poll.current().map(|id| MtRef { mt_id: Some(id.to_owned()), ..Default::default() }),
        members: Some(members(c, &poll.members)),
        ..Default::default()
    })
}
