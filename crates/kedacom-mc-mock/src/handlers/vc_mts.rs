//! A conference's terminals (终端): listed with who is online, shown, added (and called: they come
//! online after the configured delay), removed, called again and hung up, muted and silenced. Each
//! change is published on the terminal's channel: online and offline as its `update`, leaving the
//! conference as its `delete`.

use kedacom_mc_models::{
    AccountType, AddMtsReply, AddMtsRequest, AddedMt, CallMtsRequest, CallProtocol, GetMtReply, GetMtRequest,
    HangUpMtsRequest, ListMtsReply, ListMtsRequest, MessageKind, MtCallMode, RemoveMtsRequest, SetMtCallModeRequest,
    SetMtMuteRequest, SetMtSilenceRequest,
};

use super::vc::{all_in, answers_at, control, on, recast, shown, terminal, terminal_mut};
use super::{send, succeeded, Ctx, Done};
use crate::codes::MT_ALREADY_IN_CONF;
use crate::error::PlatformError;
use crate::state::control::{Part, Terminal};
use crate::state::Platform;

pub(super) fn list(p: &mut Platform, r: &ListMtsRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    let mts = c.terminals.iter().map(|t| shown(c, t, ctx.wall)).collect();
    send(ListMtsReply { mts: Some(mts), ..Default::default() })
}

pub(super) fn get(p: &mut Platform, r: &GetMtRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    let t = terminal(c, &r.mt_id)?;
    send(recast::<GetMtReply>(&shown(c, t, ctx.wall))?)
}

/// Adds the terminals and calls them: each comes online after the delay, unless the mock was told
/// its account does not answer (or the call is to fail after its reply, when none does). An
/// account the conference already holds refuses the whole call.
pub(super) fn add(p: &mut Platform, r: &AddMtsRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let config = p.config.clone();
    let c = control(p, &r.conf_id)?;
    let new = r.params.mts.as_deref().unwrap_or_default();
    for (i, mt) in new.iter().enumerate() {
        let account = mt.account.as_deref().unwrap_or_default();
        let twice = new[..i].iter().any(|earlier| earlier.account.as_deref() == Some(account));
        if twice || c.terminals.by_account(account).is_some() {
            return Err(PlatformError::detailed(MT_ALREADY_IN_CONF, format!("{account:?} is in the conference")));
        }
    }
    let mut added = Vec::with_capacity(new.len());
    let mut called = Vec::with_capacity(new.len());
    for mt in new {
        let account = mt.account.clone().unwrap_or_default();
        let t = c.terminals.add(Terminal {
            mt_id: String::new(),
            alias: account.clone(),
            online_at: answers_at(&config, &account, ctx.wall).filter(|_| ctx.fails.is_none()),
            account,
            account_type: mt.account_type.clone().unwrap_or(AccountType::E164),
            bitrate: mt.bitrate.unwrap_or_default(),
            protocol: mt.protocol.clone().unwrap_or(CallProtocol::H323),
            call_mode: mt.call_mode.clone().unwrap_or(MtCallMode::Manual),
            mute: c.mute,
            silence: c.silence,
        });
        added.push(AddedMt {
            account: Some(t.account.clone()),
            account_type: Some(t.account_type.clone()),
            protocol: Some(t.protocol.clone()),
            mt_id: t.mt_id.parse().ok(),
            ..Default::default()
        });
        called.push(t.clone());
    }
    for t in &called {
        match ctx.fails {
            Some(code) => p.events.add_failed(&r.conf_id, t, code),
            None => p.events.called(&r.conf_id, t, ctx.wall, true),
        }
    }
    send(AddMtsReply { mts: Some(added), ..Default::default() })
}

/// Takes the terminals out of the conference, and out of everything that names it.
pub(super) fn remove(p: &mut Platform, r: &RemoveMtsRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    let ids = all_in(c, &r.params.mts)?;
    let mut changed = Vec::new();
    for id in &ids {
        for part in c.forget_terminal(id) {
            if !changed.contains(&part) {
                changed.push(part);
            }
        }
        c.terminals.remove(id);
    }
    p.events.updated(&r.conf_id, &changed);
    for id in &ids {
        p.events.mt(&r.conf_id, id, MessageKind::Delete);
    }
    succeeded()
}

/// Calls terminals of the conference that are not online; those already online, or being called,
/// stay as they are.
pub(super) fn call(p: &mut Platform, r: &CallMtsRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let config = p.config.clone();
    let c = control(p, &r.conf_id)?;
    let ids: Vec<String> = r.params.mts.iter().flatten().filter_map(|m| m.mt_id.clone()).collect();
    for id in &ids {
        terminal(c, id)?;
    }
    let mut called = Vec::new();
    for id in &ids {
        let t = terminal_mut(c, id)?;
        if t.online_at.is_none() {
            t.online_at = answers_at(&config, &t.account, ctx.wall);
            called.push(t.clone());
        }
    }
    for t in &called {
        p.events.called(&r.conf_id, t, ctx.wall, false);
    }
    succeeded()
}

/// Hangs terminals up: they stay in the conference, offline, and stop sending the dual stream.
pub(super) fn hang_up(p: &mut Platform, r: &HangUpMtsRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    let mut changed = Vec::new();
    for id in all_in(c, &r.params.mts)? {
        if terminal_mut(c, &id)?.online_at.take().is_some() {
            changed.push(Part::Terminal(id.clone()));
        }
        if c.dual_stream.as_deref() == Some(id.as_str()) {
            c.dual_stream = None;
            changed.push(Part::DualStream);
        }
    }
    p.events.updated(&r.conf_id, &changed);
    succeeded()
}

pub(super) fn set_mute(p: &mut Platform, r: &SetMtMuteRequest, _: &Ctx) -> Result<Done, PlatformError> {
    terminal_mut(control(p, &r.conf_id)?, &r.mt_id)?.mute = on(&r.params.value);
    p.events.updated(&r.conf_id, &[Part::Terminal(r.mt_id.clone())]);
    succeeded()
}

pub(super) fn set_silence(p: &mut Platform, r: &SetMtSilenceRequest, _: &Ctx) -> Result<Done, PlatformError> {
    terminal_mut(control(p, &r.conf_id)?, &r.mt_id)?.silence = on(&r.params.value);
    p.events.updated(&r.conf_id, &[Part::Terminal(r.mt_id.clone())]);
    succeeded()
}

pub(super) fn set_call_mode(p: &mut Platform, r: &SetMtCallModeRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let t = terminal_mut(control(p, &r.conf_id)?, &r.mt_id)?;
    if let Some(mode) = &r.params.value {
        t.call_mode = mode.clone();
    }
    p.events.updated(&r.conf_id, &[Part::Terminal(r.mt_id.clone())]);
    succeeded()
}
