//! The running conferences as meeting control shows them (the conferences meeting management
//! started, one store behind both documents), and what is set for a whole conference: mute,
//! silence, its length and its name.

use kedacom_mc_models::{channels, MessageKind};
use kedacom_mc_models::{
    Conf, Endpoint, ExtendConfRequest, GetConfReply, GetConfRequest, ListConfsReply, ListConfsRequest,
    RenameConfRequest, SetConfMuteRequest, SetConfSilenceRequest, Switch,
};

use super::vc::{control, on, recast};
use super::{send, succeeded, Ctx, Done};
use crate::clock;
use crate::codes::{CONF_NAME_EXISTS, CONF_NOT_FOUND};
use crate::error::PlatformError;
use crate::paging::Asked;
use crate::state::control::{Control, Part};
use crate::state::meetings::{Meeting, Phase, Phases};
use crate::state::Platform;

/// The running conferences, by start time, paged as asked.
pub(super) fn list(p: &mut Platform, r: &ListConfsRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let asked = Asked::new(ListConfsRequest::INFO, r.start, r.count, None);
    let listing = p.meetings.list(ctx.wall, None, Phases::only(Phase::Started), asked);
    let mut confs = Vec::with_capacity(listing.page.len());
    for listed in &listing.page {
        let meeting = listed.meeting;
        let mut conf: Conf = recast(&detail(p, meeting, p.controls.current(&meeting.conf_id, &meeting.meeting_id))?)?;
        conf.extra.clear();
        confs.push(conf);
    }
    let total = i64::try_from(listing.total).unwrap_or(i64::MAX);
    send(ListConfsReply { total: Some(total), confs: Some(confs), ..Default::default() })
}

pub(super) fn get(p: &mut Platform, r: &GetConfRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let meeting_id = running(p, &r.conf_id)?;
    let meeting = p.meetings.by_meeting_id(&meeting_id).ok_or_else(|| not_running(&r.conf_id))?;
    send(detail(p, meeting, p.controls.current(&r.conf_id, &meeting_id))?)
}

/// A running conference: what it was made with, what meeting management gave it (number, id,
/// times, creator, room), and what meeting control has started in it.
fn detail(p: &Platform, m: &Meeting, c: Option<&Control>) -> Result<GetConfReply, PlatformError> {
    let offset = p.config.utc_offset;
    let params = &m.settings;
    let mut d: GetConfReply = recast(params)?;
    d.extra.clear();
    d.name = Some(m.name.clone());
    d.conf_id = Some(m.conf_id.clone());
    d.meeting_id = Some(m.meeting_id.clone());
    d.start_time = Some(clock::format(m.start, offset));
    d.end_time = m.end.map(|end| clock::format(end, offset));
    d.duration = Some(m.duration);
    d.creator = Some(m.creator.clone());
    let room = m.room_id.as_deref().and_then(|id| p.rooms.get(id));
    d.meeting_room_name = Some(room.map(|r| r.name.clone()).unwrap_or_default());
    d.need_password = Some(Switch::from(params.password.as_deref().is_some_and(|p| !p.is_empty())));
    if let Some(c) = c {
        d.mute = Some(Switch::from(c.mute));
        d.silence = Some(Switch::from(c.silence));
    }
    d.vmp_enable = Some(Switch::from(c.is_some_and(|c| c.composition.is_some())));
    d.mix_enable = Some(Switch::from(c.is_some_and(|c| c.mix.is_some())));
    d.poll_enable = Some(Switch::from(c.is_some_and(|c| c.poll.is_some())));
    Ok(d)
}

/// Mutes (哑音) every terminal, or lets them all speak again; with the conference's mute filter
/// (全场哑音例外), muting the whole conference leaves the chairman and the speaker alone.
pub(super) fn set_mute(p: &mut Platform, r: &SetConfMuteRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    let mute = on(&r.params.value);
    c.mute = mute;
    let spared = if mute && c.mute_spares_roles { [c.chairman.clone(), c.speaker.clone()] } else { [None, None] };
    let mut changed = Vec::new();
    for t in c.terminals.iter_mut() {
        if !spared.iter().flatten().any(|id| *id == t.mt_id) && t.mute != mute {
            t.mute = mute;
            changed.push(Part::Terminal(t.mt_id.clone()));
        }
    }
    conference_changed(p, &r.conf_id, &changed);
    succeeded()
}

/// Silences (静音) every terminal, or lets them all hear again.
pub(super) fn set_silence(p: &mut Platform, r: &SetConfSilenceRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let c = control(p, &r.conf_id)?;
    let silence = on(&r.params.value);
    c.silence = silence;
    let mut changed = Vec::new();
    for t in c.terminals.iter_mut().filter(|t| t.silence != silence) {
        t.silence = silence;
        changed.push(Part::Terminal(t.mt_id.clone()));
    }
    conference_changed(p, &r.conf_id, &changed);
    succeeded()
}

/// The conference's `update` (its detail changed), and the parts of it that changed with it.
fn conference_changed(p: &mut Platform, conf_id: &str, parts: &[Part]) {
    p.events.state(&channels::CONF, MessageKind::Update, &[conf_id]);
    p.events.updated(conf_id, parts);
}

/// Moves the conference's end later, as meeting management then shows it; a permanent conference
/// has no end to move.
pub(super) fn extend(p: &mut Platform, r: &ExtendConfRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let meeting_id = running(p, &r.conf_id)?;
    let minutes = r.params.delay_time.unwrap_or_default();
    p.meetings.update(&meeting_id, |m| {
        if let Some(end) = m.end {
            m.end = Some(end.saturating_add(time::Duration::minutes(minutes)));
            m.duration = m.duration.saturating_add(minutes);
        }
    });
    conference_changed(p, &r.conf_id, &[]);
    succeeded()
}

/// Renames the conference, as meeting management then shows it; the name may not be another
/// overlapping conference's (20105, as when it was created).
pub(super) fn rename(p: &mut Platform, r: &RenameConfRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let meeting_id = running(p, &r.conf_id)?;
    let name = r.params.value.clone().unwrap_or_default();
    let meeting = p.meetings.by_meeting_id(&meeting_id);
    if meeting.is_some_and(|m| p.meetings.name_taken(&name, m.start, m.end, Some(&meeting_id))) {
        return Err(PlatformError::detailed(CONF_NAME_EXISTS, format!("{name:?} overlaps another conference")));
    }
    p.meetings.update(&meeting_id, |m| m.name = name);
    conference_changed(p, &r.conf_id, &[]);
    succeeded()
}

/// The meeting id of the running conference `conf_id` (12103 when none runs).
fn running(p: &mut Platform, conf_id: &str) -> Result<String, PlatformError> {
    control(p, conf_id)?;
    let meeting = p.meetings.by_conf_id(conf_id).filter(|m| m.phase == Phase::Started);
    meeting.map(|m| m.meeting_id.clone()).ok_or_else(|| not_running(conf_id))
}

fn not_running(conf_id: &str) -> PlatformError {
    PlatformError::detailed(CONF_NOT_FOUND, format!("no conference {conf_id:?} is running"))
}
