//! A conference's mix (混音): started with its members, read, its members added and removed, and
//! stopped. The document gives a conference one, its main mixer, numbered 1. A start that is to
//! fail after its reply leaves no mix, and its failure notification is published.

use kedacom_mc_models::{channels, MessageKind};
use kedacom_mc_models::{
    AddMixMembersRequest, GetMixReply, GetMixRequest, MixMode, RemoveMixMembersRequest, StartMixRequest, StopMixRequest,
};

use super::vc::{all_in, control, members};
use super::{send, succeeded, Ctx, Done};
use crate::codes::{MIX_NOT_RUNNING, MIX_RUNNING, NOT_MIX_MEMBER};
use crate::error::PlatformError;
use crate::state::control::{Control, Mix, MAIN};
use crate::state::Platform;

pub(super) fn start(p: &mut Platform, r: &StartMixRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    if c.mix.is_some() {
        return Err(PlatformError::new(MIX_RUNNING));
    }
    let mut members = all_in(c, &r.params.members)?;
    dedup(&mut members);
    let mode = r.params.mode.clone().unwrap_or(MixMode::Smart);
    match ctx.fails {
        Some(code) => p.events.mix_failed(&r.conf_id, mode, code),
        None => {
            c.mix = Some(Mix { mode, members });
            p.events.state(&channels::MIX, MessageKind::Update, &[&r.conf_id, MAIN]);
        }
    }
    succeeded()
}

pub(super) fn stop(p: &mut Platform, r: &StopMixRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    running(c, &r.mix_id)?;
    c.mix = None;
    p.events.state(&channels::MIX, MessageKind::Delete, &[&r.conf_id, MAIN]);
    succeeded()
}

pub(super) fn get(p: &mut Platform, r: &GetMixRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    let mix = running(c, &r.mix_id)?;
    send(GetMixReply { mode: Some(mix.mode.clone()), members: Some(members(c, &mix.members)), ..Default::default() })
}

/// Adds terminals of the conference to the mix; one already mixed stays once.
pub(super) fn add_members(p: &mut Platform, r: &AddMixMembersRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    running(c, &r.mix_id)?;
    let added = all_in(c, &r.params.members)?;
    if let Some(mix) = &mut c.mix {
        mix.members.extend(added);
        dedup(&mut mix.members);
    }
    p.events.state(&channels::MIX, MessageKind::Update, &[&r.conf_id, MAIN]);
    succeeded()
}

/// Takes terminals out of the mix; one that is not in it refuses the whole call (20814).
pub(super) fn remove_members(p: &mut Platform, r: &RemoveMixMembersRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    running(c, &r.mix_id)?;
    let removed = all_in(c, &r.params.members)?;
    if let Some(outsider) = removed.iter().find(|id| !c.in_mix(id)) {
        return Err(PlatformError::detailed(NOT_MIX_MEMBER, format!("terminal {outsider:?} is not mixed")));
    }
    if let Some(mix) = &mut c.mix {
        mix.members.retain(|m| !removed.contains(m));
    }
    p.events.state(&channels::MIX, MessageKind::Update, &[&r.conf_id, MAIN]);
    succeeded()
}

/// The running mix, when the number is the main mixer's; 20812 otherwise.
fn running<'a>(c: &'a Control, mix_id: &str) -> Result<&'a Mix, PlatformError> {
    match &c.mix {
        Some(mix) if mix_id == MAIN => Ok(mix),
        _ => Err(PlatformError::detailed(MIX_NOT_RUNNING, format!("no mix {mix_id:?} is running"))),
    }
}

/// Each terminal once, in the order first given.
fn dedup(ids: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));
}
