//! The meeting list and a meeting's detail: every meeting, booked, running or ended.

use kedacom_mc_models::{
    Endpoint, GetMeetingReply, ListMeetingsReply, ListMeetingsRequest, Meeting as MeetingItem, Member, Switch,
};

use super::confs::not_found;
use super::details::{self, shape};
use super::{send, Ctx, Done};
use crate::clock;
use crate::error::PlatformError;
use crate::paging::Asked;
use crate::state::meetings::{Meeting, Phase, Phases};
use crate::state::Platform;

/// Meetings that overlap the window (from now when no start is given: an ended meeting drops off
/// the default list), in the state asked for, by start time.
pub(super) fn list(p: &Platform, r: &ListMeetingsRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let from = r.start_time.as_deref().and_then(clock::parse).unwrap_or(ctx.wall);
    let to = r.end_time.as_deref().and_then(clock::parse);
    let wanted = match &r.state {
        None => Phases::ALL,
        Some(state) => {
            let phase = [Phase::Booked, Phase::Started, Phase::Ended].into_iter().find(|p| p.state() == *state);
            phase.map_or(Phases::NONE, Phases::only)
        }
    };
    let listing = p.meetings.list(from, to, wanted, Asked::new(ListMeetingsRequest::INFO, r.start, r.count, r.order));
    let meetings = listing.page.into_iter().map(|m| item(p, m)).collect();
    send(ListMeetingsReply {
        success: Some(1),
        total: Some(i64::try_from(listing.total).unwrap_or(i64::MAX)),
        meetings: Some(meetings),
        ..Default::default()
    })
}

/// A meeting as the list shows it. Made from the stored meeting's own fields: the list shows
/// none of the settings it was created with.
fn item(p: &Platform, m: &Meeting) -> MeetingItem {
    let offset = p.config.utc_offset;
    let creator = &m.creator;
    MeetingItem {
        name: Some(m.name.clone()),
        conf_id: Some(m.conf_id.clone()),
        meeting_id: Some(m.meeting_id.clone()),
        start_time: Some(clock::format(m.start, offset)),
        end_time: m.end.map(|end| clock::format(end, offset)),
        state: Some(m.phase.state()),
        video: Some(Switch::On),
        creator: Some(Member {
            name: creator.name.clone(),
            account: creator.account.clone(),
            account_type: creator.account_type.clone(),
            ..Default::default()
        }),
        ..Default::default()
    }
}

pub(super) fn get(p: &Platform, meeting_id: &str) -> Result<Done, PlatformError> {
    let meeting = p.meetings.by_meeting_id(meeting_id).ok_or_else(|| not_found(meeting_id))?;
    send(shape::<GetMeetingReply>(details::meeting(p, meeting))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::samples;

    /// The list item is made without the detail; it must show what the detail shows.
    #[test]
    fn a_list_item_agrees_with_the_detail() {
        let mut p = Platform::new(Config::default());
        let now = clock::now();
        let params = samples::create_conf_params("周会", 45).invite_members(vec![]).encrypted_key("k");
        let made = crate::handlers::create_conf(&mut p, &params, "admin", now).unwrap();
        let permanent = crate::handlers::create_conf(&mut p, &samples::create_conf_params("常设", 0), "admin", now);
        let ended = permanent.unwrap();
        let ended_id = ended.meeting_id.clone();
        p.meetings.end(&ended_id, now);
        for id in [made.meeting_id, ended_id] {
            let m = p.meetings.by_meeting_id(&id).unwrap();
            let from_detail: MeetingItem = shape(details::meeting(&p, m)).unwrap();
            assert_eq!(item(&p, m), from_detail);
        }
    }
}
