//! Conferences: starting one (at once, from a virtual meeting room, or a booked one early),
//! ending one, and checking a name.

use kedacom_mc_models::{
    CreateConfParams, CreateConfReply, CreateConfRequest, CreateType, EndConfRequest, Switch, ValidateConfNameReply,
    ValidateConfNameRequest,
};

use super::settings::{overlaid, Nulls};
use super::templates::{self, Basis};
use super::{send, succeeded, Ctx, Done};
use crate::clock::{self, Time};
use crate::codes::{
    CONF_NAME_EXISTS, CONF_NUMBER_TAKEN, MEETING_NOT_FOUND, MEETING_NOT_STARTED, NO_RESOURCES, ROOM_IN_USE,
    ROOM_NOT_FOUND, SYSTEM_ERROR,
};
use crate::error::PlatformError;
use crate::state::meetings::{Meeting, Phase};
use crate::state::Platform;

/// The numbers of a conference the platform made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreatedConf {
    /// The conference number (会议号).
    pub conf_id: String,
    pub meeting_id: String,
}

pub(crate) fn create(
    p: &mut Platform,
    params: &CreateConfParams,
    user: &str,
    now: Time,
) -> Result<CreatedConf, PlatformError> {
    let template_id = params.template_id.clone().unwrap_or_default();
    match params.create_type.clone().unwrap_or(CreateType::Instant) {
        CreateType::Instant => instant(p, params, user, now),
        CreateType::PublicTemplate => {
            let basis = templates::public_basis(p, &template_id)?;
            from_template(p, params, basis, user, now)
        }
        CreateType::PersonalTemplate => {
            let basis = templates::personal_basis(p, &template_id)?;
            from_template(p, params, basis, user, now)
        }
        CreateType::VirtualMeetingRoom => in_room(p, params, &template_id, user, now),
        CreateType::BookedConfEarly => start_booked(p, &template_id, now),
        // Validation refuses a type the document does not list.
        other => Err(PlatformError::detailed(SYSTEM_ERROR, format!("no way to create a conference of type {other}"))),
    }
}

pub(super) fn create_reply(p: &mut Platform, r: &CreateConfRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let made = create(p, &r.params, ctx.user(), ctx.wall)?;
    send(CreateConfReply { conf_id: Some(made.conf_id), meeting_id: Some(made.meeting_id), ..Default::default() })
}

fn instant(p: &mut Platform, params: &CreateConfParams, user: &str, now: Time) -> Result<CreatedConf, PlatformError> {
    let name = params.name.clone().unwrap_or_default();
    let duration = params.duration.unwrap_or(0);
    let meeting = Meeting {
        meeting_id: new_meeting_id(),
        conf_id: p.next_number(),
        name,
        start: now,
        duration,
        end: clock::end_after(now, duration),
        phase: Phase::Started,
        settings: params.clone(),
        creator: p.creator(user),
        room_id: None,
    };
    open(p, meeting)
}

/// A conference in a virtual meeting room: the room's settings, and its number; the request's
/// own settings win where it sends one, a null included.
fn in_room(
    p: &mut Platform,
    params: &CreateConfParams,
    room_id: &str,
    user: &str,
    now: Time,
) -> Result<CreatedConf, PlatformError> {
    let room = p.rooms.get(room_id).ok_or_else(|| {
        PlatformError::detailed(ROOM_NOT_FOUND, format!("no virtual meeting room has the id {room_id:?}"))
    })?;
    if room.in_use() {
        return Err(PlatformError::new(ROOM_IN_USE));
    }
    let settings = overlaid(&room.settings, params, Nulls::Clear)?;
    let duration = params.duration.unwrap_or(0);
    let meeting = Meeting {
        meeting_id: new_meeting_id(),
        conf_id: room.e164.clone(),
        name: params.name.clone().unwrap_or_else(|| room.name.clone()),
        start: now,
        duration,
        end: clock::end_after(now, duration),
        phase: Phase::Started,
        settings,
        creator: p.creator(user),
        room_id: Some(room_id.to_owned()),
    };
    let name = meeting.name.clone();
    let made = open(p, meeting)?;
    if let Some(room) = p.rooms.get_mut(room_id) {
        room.meeting_id = Some(made.meeting_id.clone());
        room.conf_name = Some(name);
    }
    Ok(made)
}

/// A conference from a template: the template's settings, name and length, and its conference number
/// when it set one aside; the request's own values win where it gives one.
fn from_template(
    p: &mut Platform,
    params: &CreateConfParams,
    basis: Basis,
    user: &str,
    now: Time,
) -> Result<CreatedConf, PlatformError> {
    let settings = overlaid(&basis.params, params, Nulls::Skip)?;
    if let Some(number) = basis.number.as_deref().filter(|n| p.meetings.number_in_use(n)) {
        return Err(PlatformError::detailed(
            CONF_NUMBER_TAKEN,
            format!("a running conference has the number {number}"),
        ));
    }
    let duration = params.duration.or(basis.params.duration).unwrap_or(0);
    let meeting = Meeting {
        meeting_id: new_meeting_id(),
        conf_id: basis.number.unwrap_or_else(|| p.next_number()),
        name: params.name.clone().or(basis.params.name).unwrap_or_default(),
        start: now,
        duration,
        end: clock::end_after(now, duration),
        phase: Phase::Started,
        settings,
        creator: p.creator(user),
        room_id: None,
    };
    open(p, meeting)
}

/// A booked conference started before its time; it keeps its length.
fn start_booked(p: &mut Platform, id: &str, now: Time) -> Result<CreatedConf, PlatformError> {
    let booked = p.meetings.booked(id).ok_or_else(|| not_found(id))?;
    let size = booked.max_join_mt();
    let (conf_id, meeting_id) = (booked.conf_id.clone(), booked.meeting_id.clone());
    check_capacity(p, size)?;
    p.meetings.update(&meeting_id, |m| {
        m.phase = Phase::Started;
        m.start = now;
        m.end = clock::end_after(now, m.duration);
    });
    p.started(&conf_id, &meeting_id, now);
    Ok(CreatedConf { conf_id, meeting_id })
}

/// Adds a started conference after the checks every new one passes.
fn open(p: &mut Platform, meeting: Meeting) -> Result<CreatedConf, PlatformError> {
    if p.meetings.name_taken(&meeting.name, meeting.start, meeting.end, None) {
        return Err(name_exists(&meeting.name));
    }
    check_capacity(p, meeting.max_join_mt())?;
    let made = CreatedConf { conf_id: meeting.conf_id.clone(), meeting_id: meeting.meeting_id.clone() };
    let start = meeting.start;
    p.meetings.add(meeting);
    p.started(&made.conf_id, &made.meeting_id, start);
    Ok(made)
}

fn check_capacity(p: &Platform, size: Option<i64>) -> Result<(), PlatformError> {
    match size {
        Some(n) if p.meetings.running_of_size(n) >= p.config.conferences_per_size => Err(PlatformError::detailed(
            NO_RESOURCES,
            format!("all {} conferences of {n} parties are running", p.config.conferences_per_size),
        )),
        _ => Ok(()),
    }
}

/// Ends a running conference; its meeting stays, as ended, in the meeting list.
pub(super) fn end(p: &mut Platform, r: &EndConfRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let conf_id = r.conf_id.as_str();
    let meeting = p.meetings.by_conf_id(conf_id).ok_or_else(|| not_found(conf_id))?;
    match meeting.phase {
        Phase::Booked => return Err(PlatformError::new(MEETING_NOT_STARTED)),
        Phase::Ended => return Err(not_found(conf_id)),
        Phase::Started => {}
    }
    let meeting_id = meeting.meeting_id.clone();
    p.ending(conf_id, &meeting_id);
    if let Some(room) = p.meetings.end(&meeting_id, ctx.wall) {
        p.rooms.free(&room);
    }
    succeeded()
}

/// Whether a conference of this name could take place in the window: 1 when no other meeting of
/// the name overlaps it, 0 when one does (and creating or booking it would fail with 20105).
pub(super) fn validate_name(p: &Platform, r: &ValidateConfNameRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let name = r.conf_name.as_deref().unwrap_or_default();
    let from = r.start_time.as_deref().and_then(clock::parse).unwrap_or(ctx.wall);
    let to = r.end_time.as_deref().and_then(clock::parse);
    let taken = p.meetings.name_taken(name, from, to, r.meeting_id.as_deref());
    send(ValidateConfNameReply { result: Some(Switch::from(!taken)), ..Default::default() })
}

pub(super) fn new_meeting_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

pub(super) fn not_found(id: &str) -> PlatformError {
    PlatformError::detailed(MEETING_NOT_FOUND, format!("no conference has the id {id:?}"))
}

pub(super) fn name_exists(name: &str) -> PlatformError {
    PlatformError::detailed(CONF_NAME_EXISTS, format!("{name:?} overlaps another conference of that name"))
}
