//! What every meeting-control (会控API) handler starts from: the running conference's control
//! record, made from the conference's own settings when meeting control first reaches it; the
//! terminals a call names, each checked to be there (and online, where the call needs it); and
//! when a called terminal answers.

use kedacom_mc_models::{AccountType, ConfMember, Endpoint, GetConfRequest, Mt, MtRef, MtType, Switch, WireOptions};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::clock::Time;
use crate::codes::{CONF_NOT_FOUND, MT_NOT_FOUND, MT_NOT_JOINED, SYSTEM_ERROR};
use crate::error::PlatformError;
pub(super) use crate::state::control::{answers_at, on};
use crate::state::control::{Control, Terminal};
use crate::state::Platform;

/// The control record of the running conference `conf_id`; 12103 when none runs with the number
/// (never started, booked and not yet started, or ended).
pub(super) fn control<'a>(p: &'a mut Platform, conf_id: &str) -> Result<&'a mut Control, PlatformError> {
    let Platform { controls, meetings, config, .. } = p;
    controls
        .of(meetings, conf_id, |meeting| Control::from_meeting(meeting, config))
        .ok_or_else(|| PlatformError::detailed(CONF_NOT_FOUND, format!("no conference {conf_id:?} is running")))
}

/// What every meeting-control call on a conference goes through, the calls answered by default
/// included: the conference it names must be running (12103 otherwise).
pub(super) fn check_conference<R: Endpoint>(p: &mut Platform, request: &R) -> Result<(), PlatformError> {
    match conference_named(request) {
        Some(conf_id) => control(p, &conf_id).map(|_| ()),
        None => Ok(()),
    }
}

/// The conference number a call's path holds where the conference's own path (its detail's) puts
/// it; `None` for calls not on a conference.
fn conference_named<R: Endpoint>(request: &R) -> Option<String> {
    let conference = GetConfRequest::INFO.path;
    let below = R::INFO.path.strip_prefix(conference)?;
    if !(below.is_empty() || below.starts_with('/')) {
        return None;
    }
    let path = request.to_wire(None, &WireOptions::default()).path;
    let segment = path.split('/').nth(conference.matches('/').count())?;
    Some(percent_encoding::percent_decode_str(segment).decode_utf8_lossy().into_owned())
}

/// The terminal `mt_id` of the conference; 12104 when it holds none.
pub(super) fn terminal<'a>(c: &'a Control, mt_id: &str) -> Result<&'a Terminal, PlatformError> {
    c.terminals.get(mt_id).ok_or_else(|| not_in_conference(mt_id))
}

pub(super) fn terminal_mut<'a>(c: &'a mut Control, mt_id: &str) -> Result<&'a mut Terminal, PlatformError> {
    c.terminals.get_mut(mt_id).ok_or_else(|| not_in_conference(mt_id))
}

fn not_in_conference(mt_id: &str) -> PlatformError {
    PlatformError::detailed(MT_NOT_FOUND, format!("the conference has no terminal {mt_id:?}"))
}

/// The terminal `mt_id`, online: 12104 when the conference does not hold it, 20435 when it is
/// not online.
pub(super) fn joined<'a>(c: &'a Control, mt_id: &str, now: Time) -> Result<&'a Terminal, PlatformError> {
    let t = terminal(c, mt_id)?;
    if !t.online(now) {
        return Err(PlatformError::detailed(MT_NOT_JOINED, format!("terminal {mt_id:?} is not online")));
    }
    Ok(t)
}

/// Every terminal a list names, checked before anything changes: a call naming one the conference
/// does not hold is refused whole. Entries without a terminal number (the document lets some lists
/// leave it out) name nobody.
pub(super) fn all_in(c: &Control, refs: &Option<Vec<MtRef>>) -> Result<Vec<String>, PlatformError> {
    let ids = ids(refs);
    for id in &ids {
        terminal(c, id)?;
    }
    Ok(ids)
}

/// The terminal numbers a list gives, those left empty left out.
pub(super) fn ids(refs: &Option<Vec<MtRef>>) -> Vec<String> {
    refs.iter().flatten().filter_map(|r| r.mt_id.clone()).filter(|id| !id.is_empty()).collect()
}

/// Terminals as the member lists of replies show them: with the account each is called at.
pub(super) fn members(c: &Control, ids: &[String]) -> Vec<ConfMember> {
    ids.iter()
        .map(|id| ConfMember {
            account: c.terminals.get(id).map(|t| t.account.clone()),
            mt_id: Some(id.clone()),
            ..Default::default()
        })
        .collect()
}

/// A terminal as the terminal list shows it, with what the conference does with it.
pub(super) fn shown(c: &Control, t: &Terminal, now: Time) -> Mt {
    let id = t.mt_id.as_str();
    let is = |account_type: AccountType| (t.account_type == account_type).then(|| t.account.clone());
    Mt {
        alias: Some(t.alias.clone()),
        mt_id: Some(t.mt_id.clone()),
        ip: is(AccountType::IpAddress),
        online: Some(Switch::from(t.online(now))),
        e164: is(AccountType::E164),
        r#type: Some(if t.account_type == AccountType::Telephone { MtType::Telephone } else { MtType::Terminal }),
        bitrate: Some(t.bitrate),
        silence: Some(Switch::from(t.silence)),
        mute: Some(Switch::from(t.mute)),
        dual: Some(Switch::from(c.dual_stream.as_deref() == Some(id))),
        mix: Some(Switch::from(c.in_mix(id))),
        vmp: Some(Switch::from(c.in_composition(id))),
        inspection: Some(Switch::Off),
        rec: Some(Switch::from(c.recordings.records(id))),
        poll: Some(Switch::from(c.in_poll(id))),
        upload: Some(Switch::Off),
        protocol: Some(t.protocol.clone()),
        call_mode: Some(t.call_mode.clone()),
        ..Default::default()
    }
}

/// One generated shape as another that has each of its fields (a terminal of the list as its
/// detail); a field the other lacked would go out in its `extra`.
pub(super) fn recast<T: DeserializeOwned>(from: &impl Serialize) -> Result<T, PlatformError> {
    serde_json::to_value(from).and_then(serde_json::from_value).map_err(|e| PlatformError::detailed(SYSTEM_ERROR, e))
}
