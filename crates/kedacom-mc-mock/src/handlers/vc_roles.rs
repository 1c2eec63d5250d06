//! Who leads a conference: its chairman (主席), its speaker (发言人) and the terminal sending the
//! dual stream (双流). Each is a terminal of the conference that is online; an empty terminal
//! number cancels it.

use kedacom_mc_models::{channels, MessageKind};
use kedacom_mc_models::{
    CancelDualStreamRequest, GetChairmanReply, GetChairmanRequest, GetDualStreamReply, GetDualStreamRequest,
    GetSpeakerReply, GetSpeakerRequest, MtIdParams, SetChairmanRequest, SetDualStreamRequest, SetSpeakerRequest,
};

use super::vc::{control, joined, terminal};
use super::{send, succeeded, Ctx, Done};
use crate::error::PlatformError;
use crate::state::control::Control;
use crate::state::Platform;

pub(super) fn get_chairman(p: &mut Platform, r: &GetChairmanRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    send(GetChairmanReply { mt_id: Some(c.chairman.clone().unwrap_or_default()), ..Default::default() })
}

pub(super) fn set_chairman(p: &mut Platform, r: &SetChairmanRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    c.chairman = chosen(c, &r.params, ctx)?;
    p.events.state(&channels::CHAIRMAN, MessageKind::Update, &[&r.conf_id]);
    succeeded()
}

pub(super) fn get_speaker(p: &mut Platform, r: &GetSpeakerRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    send(GetSpeakerReply { mt_id: Some(c.speaker.clone().unwrap_or_default()), ..Default::default() })
}

pub(super) fn set_speaker(p: &mut Platform, r: &SetSpeakerRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    c.speaker = chosen(c, &r.params, ctx)?;
    p.events.state(&channels::SPEAKER, MessageKind::Update, &[&r.conf_id]);
    succeeded()
}

pub(super) fn get_dual_stream(p: &mut Platform, r: &GetDualStreamRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    send(GetDualStreamReply { mt_id: Some(c.dual_stream.clone().unwrap_or_default()), ..Default::default() })
}

pub(super) fn set_dual_stream(p: &mut Platform, r: &SetDualStreamRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    c.dual_stream = chosen(c, &r.params, ctx)?;
    p.events.state(&channels::DUAL_STREAM, MessageKind::Update, &[&r.conf_id]);
    succeeded()
}

/// Stops the terminal's dual stream; a terminal that is not sending it changes nothing.
pub(super) fn cancel_dual_stream(
    p: &mut Platform,
    r: &CancelDualStreamRequest,
    _: &Ctx,
) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    let id = r.params.mt_id.as_deref().unwrap_or_default();
    terminal(c, id)?;
    if c.dual_stream.as_deref() == Some(id) {
        c.dual_stream = None;
    }
    // The call's outcome, whether or not the terminal was sending (as the endpoint table gives it).
    p.events.state(&channels::DUAL_STREAM, MessageKind::Update, &[&r.conf_id]);
    succeeded()
}

/// The terminal a role goes to: one of the conference's, online; `None` (the role cancelled) for
/// an empty terminal number.
fn chosen(c: &Control, params: &MtIdParams, ctx: &Ctx) -> Result<Option<String>, PlatformError> {
    match params.mt_id.as_deref() {
        None | Some("") => Ok(None),
        Some(id) => joined(c, id, ctx.wall).map(|t| Some(t.mt_id.clone())),
    }
}
