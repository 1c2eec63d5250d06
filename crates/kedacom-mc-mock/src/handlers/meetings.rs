//! The meeting list and a meeting's detail: every meeting, booked, running or ended.

use kedacom_mc_models::{Endpoint, GetMeetingReply, ListMeetingsReply, ListMeetingsRequest, Meeting as MeetingItem};

use super::booked::overlaps;
use super::confs::not_found;
use super::details::{self, shape};
use super::{send, Ctx, Done};
use crate::clock;
use crate::error::PlatformError;
use crate::paging;
use crate::state::meetings::Meeting;
use crate::state::Platform;

/// Meetings that overlap the window (from now when no start is given: an ended meeting drops off
/// the default list), in the state asked for, by start time.
pub(super) fn list(p: &Platform, r: &ListMeetingsRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let from = r.start_time.as_deref().and_then(clock::parse).unwrap_or(ctx.wall);
    let to = r.end_time.as_deref().and_then(clock::parse);
    let mut found: Vec<&Meeting> = p
        .meetings
        .all()
        .iter()
        .filter(|m| overlaps(m, from, to) && r.state.as_ref().is_none_or(|s| *s == m.phase.state()))
        .collect();
    paging::sort_by(&mut found, r.order, |m| m.start);
    let total = found.len();
    let meetings = paging::page(found, ListMeetingsRequest::INFO, r.start, r.count)
        .into_iter()
        .map(|m| shape::<MeetingItem>(details::meeting(p, m)))
        .collect::<Result<Vec<_>, _>>()?;
    send(ListMeetingsReply {
        success: Some(1),
        total: Some(i64::try_from(total).unwrap_or(i64::MAX)),
        meetings: Some(meetings),
        ..Default::default()
    })
}

pub(super) fn get(p: &Platform, meeting_id: &str) -> Result<Done, PlatformError> {
    let meeting = p.meetings.by_meeting_id(meeting_id).ok_or_else(|| not_found(meeting_id))?;
    send(shape::<GetMeetingReply>(details::meeting(p, meeting))?)
}
