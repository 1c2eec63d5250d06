//! Booked conferences: booked for a start time, listed, shown, moved or changed, and deleted
//! until they start (at their start time, or early through `create_conf`).

use kedacom_mc_models::{
    BookConfReply, BookConfRequest, BookedConfParams, DeleteBookedConfRequest, Endpoint, GetBookedConfRequest,
    ListBookedConfsReply, ListBookedConfsRequest, UpdateBookedConfReply, UpdateBookedConfRequest,
};

use super::confs::{name_exists, new_meeting_id, not_found, CreatedConf};
use super::details;
use super::settings::project;
use super::{send, succeeded, Ctx, Done};
use crate::clock::{self, Time};
use crate::codes::{END_TIME_PASSED, MEETING_ALREADY_STARTED, SYSTEM_ERROR};
use crate::error::PlatformError;
use crate::paging::Asked;
use crate::state::meetings::{Meeting, Phase, Phases};
use crate::state::Platform;

/// When a booking would take place: its start, and its end (`None`: permanent).
fn window(params: &BookedConfParams, now: Time) -> Result<(Time, Option<Time>), PlatformError> {
    // Validation refuses a booking without a start or with one that is no real date-time.
    let text = params.start_time.as_deref().unwrap_or_default();
    let start = clock::parse(text)
        .ok_or_else(|| PlatformError::detailed(SYSTEM_ERROR, format!("a booking starts at {text:?}")))?;
    let end = clock::end_after(start, params.duration.unwrap_or(0));
    if end.is_some_and(|end| end <= now) {
        return Err(PlatformError::new(END_TIME_PASSED));
    }
    Ok((start, end))
}

pub(crate) fn book(
    p: &mut Platform,
    params: &BookedConfParams,
    user: &str,
    now: Time,
) -> Result<CreatedConf, PlatformError> {
    let (start, end) = window(params, now)?;
    let name = params.name.clone().unwrap_or_default();
    if p.meetings.name_taken(&name, start, end, None) {
        return Err(name_exists(&name));
    }
    let meeting = Meeting {
        meeting_id: new_meeting_id(),
        conf_id: p.next_number(),
        name,
        start,
        duration: params.duration.unwrap_or(0),
        end,
        phase: Phase::Booked,
        settings: project(params)?,
        creator: p.creator(user),
        room_id: None,
    };
    let made = CreatedConf { conf_id: meeting.conf_id.clone(), meeting_id: meeting.meeting_id.clone() };
    p.meetings.add(meeting);
    Ok(made)
}

pub(super) fn book_reply(p: &mut Platform, r: &BookConfRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let made = book(p, &r.params, ctx.user(), ctx.wall)?;
    send(BookConfReply { conf_id: Some(made.conf_id), meeting_id: Some(made.meeting_id), ..Default::default() })
}

/// The booked conference with this number; 27507 once it has started, 27508 when there is none.
fn booked<'a>(p: &'a Platform, conf_id: &str) -> Result<&'a Meeting, PlatformError> {
    let meeting = p.meetings.by_conf_id(conf_id).ok_or_else(|| not_found(conf_id))?;
    match meeting.phase {
        Phase::Booked => Ok(meeting),
        Phase::Started => Err(PlatformError::new(MEETING_ALREADY_STARTED)),
        Phase::Ended => Err(not_found(conf_id)),
    }
}

pub(super) fn update(p: &mut Platform, r: &UpdateBookedConfRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let (conf_id, params) = (r.conf_id.as_str(), &r.params);
    let meeting_id = booked(p, conf_id)?.meeting_id.clone();
    let (start, end) = window(params, ctx.wall)?;
    let name = params.name.clone().unwrap_or_default();
    if p.meetings.name_taken(&name, start, end, Some(&meeting_id)) {
        return Err(name_exists(&name));
    }
    let settings = project(params)?;
    let conf_id = p.meetings.update(&meeting_id, |meeting| {
        meeting.name = name;
        meeting.start = start;
        meeting.duration = params.duration.unwrap_or(0);
        meeting.end = end;
        meeting.settings = settings;
        meeting.conf_id.clone()
    });
    send(UpdateBookedConfReply { conf_id, meeting_id: Some(meeting_id), ..Default::default() })
}

/// Deletes a booked conference and the files uploaded for it.
pub(super) fn delete(p: &mut Platform, r: &DeleteBookedConfRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let conf_id = r.conf_id.as_str();
    let meeting_id = booked(p, conf_id)?.meeting_id.clone();
    p.meetings.remove(&meeting_id);
    let files: Vec<String> = p.files.of_meeting(&meeting_id).map(|f| f.file_id.clone()).collect();
    for id in files {
        p.files.remove(&id);
    }
    succeeded()
}

pub(super) fn get(p: &Platform, r: &GetBookedConfRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let meeting = booked(p, &r.conf_id)?;
    send(details::booked(p, meeting)?)
}

/// Booked conferences that overlap the window (from now when no start is given), by start time.
pub(super) fn list(p: &Platform, r: &ListBookedConfsRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let from = r.start_time.as_deref().and_then(clock::parse).unwrap_or(ctx.wall);
    let to = r.end_time.as_deref().and_then(clock::parse);
    let asked = Asked::new(ListBookedConfsRequest::INFO, r.start, r.count, r.order);
    let listing = p.meetings.list(from, to, Phases::only(Phase::Booked), asked);
    let total = listing.total;
    let booked_confs =
        listing.page.into_iter().map(|l| details::booked_item(p, l.meeting)).collect::<Result<Vec<_>, _>>()?;
    send(ListBookedConfsReply {
        total: Some(i64::try_from(total).unwrap_or(i64::MAX)),
        booked_confs: Some(booked_confs),
        ..Default::default()
    })
}
