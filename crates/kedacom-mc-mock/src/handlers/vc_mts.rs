//! A conference's terminals (终端): listed with who is online, shown, added (and called: they come
//! online after the configured delay), removed, called again and hung up, muted and silenced.

use kedacom_mc_models::{
    AccountType, AddMtsReply, AddMtsRequest, AddedMt, CallMtsRequest, CallProtocol, GetMtReply, GetMtRequest,
    HangUpMtsRequest, ListMtsReply, ListMtsRequest, MtCallMode, RemoveMtsRequest, SetMtCallModeRequest,
    SetMtMuteRequest, SetMtSilenceRequest,
};

use super::vc::{all_in, answers_at, control, on, recast, shown, terminal, terminal_mut};
use super::{send, succeeded, Ctx, Done};
use crate::codes::{MT_ALREADY_IN_CONF, MT_UNREACHABLE};
use crate::error::PlatformError;
use crate::push::{message, notice};
use crate::state::control::Terminal;
use crate::state::Platform;
use kedacom_mc_models::{channels, AddMtFailedMt, AddMtFailedNotice, ChannelInfo, MessageKind};
use serde_json::{Map, Value};

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
/// its account does not answer. An account the conference already holds refuses the whole call.
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
            online_at: answers_at(&config, &account, ctx.wall),
            account,
            account_type: mt.account_type.clone().unwrap_or(AccountType::E164),
            bitrate: mt.bitrate.unwrap_or_default(),
            protocol: mt.protocol.clone().unwrap_or(CallProtocol::H323),
            call_mode: mt.call_mode.clone().unwrap_or(MtCallMode::Manual),
            mute: c.mute,
            silence: c.silence,
        });
        let mt = match t.online_at {
            Some(_) => (&channels::CASCADE_MT, message(MessageKind::Update, Map::new())),
            None => (&channels::MTS, notice(&unreachable(t))),
        };
        called.push((t.mt_id.clone(), mt));
        added.push(AddedMt {
            account: Some(t.account.clone()),
            account_type: Some(t.account_type.clone()),
            protocol: Some(t.protocol.clone()),
            mt_id: t.mt_id.parse().ok(),
            ..Default::default()
        });
    }
    announce(p, &r.conf_id, called);
    send(AddMtsReply { mts: Some(added), ..Default::default() })
}

/// Publishes, once the delay of a call is over, that each terminal is online (on its channel
/// under this conference's own cascade) or that it could not be reached.
fn announce(p: &mut Platform, conf_id: &str, called: Vec<(String, (&'static ChannelInfo, Value))>) {
    let delay = p.config.mt_online_delay;
    for (mt_id, (channel, data)) in called {
        let values: &[&str] = if channel == &channels::MTS { &[conf_id] } else { &[conf_id, OWN_CASCADE, &mt_id] };
        p.events.record(channel, values, data, delay);
    }
}

/// The notification for a terminal that never answers.
fn unreachable(t: &Terminal) -> AddMtFailedNotice {
    AddMtFailedNotice {
        error_code: Some(MT_UNREACHABLE),
        mt: Some(AddMtFailedMt {
            account: Some(t.account.clone()),
            account_type: Some(t.account_type.clone()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The conference's own terminals are those of cascade 0.
const OWN_CASCADE: &str = "0";

/// Takes the terminals out of the conference, and out of everything that names them.
pub(super) fn remove(p: &mut Platform, r: &RemoveMtsRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    for id in all_in(c, &r.params.mts)? {
        c.forget_terminal(&id);
        c.terminals.remove(&id);
    }
    succeeded()
}

/// Calls terminals of the conference that are not online; those already online stay as they are.
pub(super) fn call(p: &mut Platform, r: &CallMtsRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let config = p.config.clone();
    let c = control(p, &r.conf_id)?;
    let ids: Vec<String> = r.params.mts.iter().flatten().filter_map(|m| m.mt_id.clone()).collect();
    for id in &ids {
        terminal(c, id)?;
    }
    for id in &ids {
        let t = terminal_mut(c, id)?;
        if t.online_at.is_none() {
            t.online_at = answers_at(&config, &t.account, ctx.wall);
        }
    }
    succeeded()
}

/// Hangs terminals up: they stay in the conference, offline, and stop sending the dual stream.
pub(super) fn hang_up(p: &mut Platform, r: &HangUpMtsRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    for id in all_in(c, &r.params.mts)? {
        terminal_mut(c, &id)?.online_at = None;
        if c.dual_stream.as_deref() == Some(id.as_str()) {
            c.dual_stream = None;
        }
    }
    succeeded()
}

pub(super) fn set_mute(p: &mut Platform, r: &SetMtMuteRequest, _: &Ctx) -> Result<Done, PlatformError> {
    terminal_mut(control(p, &r.conf_id)?, &r.mt_id)?.mute = on(&r.params.value);
    succeeded()
}

pub(super) fn set_silence(p: &mut Platform, r: &SetMtSilenceRequest, _: &Ctx) -> Result<Done, PlatformError> {
    terminal_mut(control(p, &r.conf_id)?, &r.mt_id)?.silence = on(&r.params.value);
    succeeded()
}

pub(super) fn set_call_mode(p: &mut Platform, r: &SetMtCallModeRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let t = terminal_mut(control(p, &r.conf_id)?, &r.mt_id)?;
    if let Some(mode) = &r.params.value {
        t.call_mode = mode.clone();
    }
    succeeded()
}
