//! A conference's screen composition (画面合成): started, read, changed and stopped. The document
//! gives a conference one, its main composition, numbered 1. A start that is to fail after its
//! reply leaves no composition, and its failure notification is published.

use kedacom_mc_models::{channels, MessageKind};
use kedacom_mc_models::{
    ConfVmpMemberType, ConfVmpMode, GetVmpReply, GetVmpRequest, StartVmpChannelPoll, StartVmpParams, StartVmpRequest,
    StopVmpRequest, Switch, UpdateVmpRequest, VmpBatchPoll, VmpBatchPollState, VmpChannelPollState, VmpLayout,
    VmpMemberState,
};

use super::vc::{control, ids, members, recast, terminal};
use super::{send, succeeded, Ctx, Done};
use crate::codes::{VMP_NOT_RUNNING, VMP_RUNNING};
use crate::error::PlatformError;
use crate::state::control::{Channel, Composition, Control, Rotation, MAIN};
use crate::state::Platform;

pub(super) fn start(p: &mut Platform, r: &StartVmpRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    if c.composition.is_some() {
        return Err(PlatformError::new(VMP_RUNNING));
    }
    let composition = checked(c, &r.params)?;
    match ctx.fails {
        Some(code) => p.events.vmp_failed(&r.conf_id, code),
        None => {
            c.composition = Some(composition);
            p.events.state(&channels::VMP, MessageKind::Update, &[&r.conf_id, MAIN]);
        }
    }
    succeeded()
}

pub(super) fn update(p: &mut Platform, r: &UpdateVmpRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    running(c, &r.vmp_id)?;
    let params: StartVmpParams = recast(&r.params)?;
    c.composition = Some(checked(c, &params)?);
    p.events.state(&channels::VMP, MessageKind::Update, &[&r.conf_id, MAIN]);
    succeeded()
}

pub(super) fn stop(p: &mut Platform, r: &StopVmpRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    running(c, &r.vmp_id)?;
    c.composition = None;
    p.events.state(&channels::VMP, MessageKind::Delete, &[&r.conf_id, MAIN]);
    succeeded()
}

pub(super) fn get(p: &mut Platform, r: &GetVmpRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    let v = running(c, &r.vmp_id)?;
    let channels = v.channels.iter().map(|ch| VmpMemberState {
        chn_idx: Some(ch.chn_idx),
        member_type: Some(ch.member_type.clone()),
        account: c.terminals.get(&ch.mt_id).map(|t| t.account.clone()),
        mt_id: Some(ch.mt_id.clone()),
        mt_chn_idx: Some(ch.mt_chn_idx),
        poll: ch.poll.as_ref().map(|poll| VmpChannelPollState {
            num: Some(poll.num),
            keep_time: Some(poll.keep_time),
            poll_index: poll.poll_index,
            members: Some(members(c, &poll.members)),
            ..Default::default()
        }),
        ..Default::default()
    });
    send(GetVmpReply {
        mode: Some(v.mode.clone()),
        layout: Some(v.layout.clone()),
        broadcast: Some(v.broadcast.clone()),
        voice_hint: Some(v.voice_hint.clone()),
        show_mt_name: Some(v.show_mt_name.clone()),
        mt_name_style: v.name_style.clone(),
        members: Some(channels.collect()),
        poll: v.poll.as_ref().map(|poll| VmpBatchPollState {
            num: Some(poll.num),
            keep_time: Some(poll.keep_time),
            members: Some(members(c, &poll.members)),
            ..Default::default()
        }),
        ..Default::default()
    })
}

/// The running composition, when the number is the main one's; 20823 otherwise.
fn running<'a>(c: &'a Control, vmp_id: &str) -> Result<&'a Composition, PlatformError> {
    match &c.composition {
        Some(v) if vmp_id == MAIN => Ok(v),
        _ => Err(PlatformError::detailed(VMP_NOT_RUNNING, format!("no composition {vmp_id:?} is running"))),
    }
}

/// The composition asked for, every terminal it names one of the conference's (else 12104).
fn checked(c: &Control, params: &StartVmpParams) -> Result<Composition, PlatformError> {
    let channels = params.members.iter().flatten().map(|m| Channel {
        chn_idx: m.chn_idx.unwrap_or_default(),
        member_type: m.member_type.clone().unwrap_or(ConfVmpMemberType::Specified),
        mt_id: m.mt_id.clone().unwrap_or_default(),
        mt_chn_idx: m.mt_chn_idx.unwrap_or_default(),
        poll: m.poll.as_ref().map(channel_poll),
    });
    let composition = Composition {
        mode: params.mode.clone().unwrap_or(ConfVmpMode::Custom),
        layout: params.layout.clone().unwrap_or(VmpLayout::OneFullScreen),
        broadcast: params.broadcast.clone().unwrap_or(Switch::Off),
        voice_hint: params.voice_hint.clone().unwrap_or(Switch::Off),
        show_mt_name: params.show_mt_name.clone().unwrap_or(Switch::Off),
        name_style: params.mt_name_style.clone(),
        channels: channels.collect(),
        poll: params.poll.as_ref().map(batch_poll),
    };
    for id in composition.named() {
        terminal(c, id)?;
    }
    Ok(composition)
}

fn channel_poll(poll: &StartVmpChannelPoll) -> Rotation {
    Rotation {
        num: poll.num.unwrap_or_default(),
        keep_time: poll.keep_time.unwrap_or_default(),
        poll_index: poll.poll_index,
        members: ids(&poll.members),
    }
}

fn batch_poll(poll: &VmpBatchPoll) -> Rotation {
    Rotation {
        num: poll.num.unwrap_or_default(),
        keep_time: poll.keep_time.unwrap_or_default(),
        poll_index: None,
        members: ids(&poll.members),
    }
}
