//! The meeting list and a meeting's detail: every meeting, booked, running or ended.

use kedacom_mc_models::{Endpoint, GetMeetingRequest, ListMeetingsReply, ListMeetingsRequest};

use super::confs::not_found;
use super::details;
use super::{send, Ctx, Done};
use crate::clock;
use crate::codes::SYSTEM_ERROR;
use crate::error::PlatformError;
use crate::paging::Asked;
use crate::reply::Body;
use crate::state::meetings::{Phase, Phases};
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
    let total = i64::try_from(listing.total).unwrap_or(i64::MAX);
    let items: Vec<&str> = listing.page.iter().map(|listed| listed.item_json).collect();
    Ok(Done { body: list_body(total, &items)?, cookie: None })
}

/// The list reply with its items as the store keeps them encoded: the typed reply with no items
/// gives the rest, and the items go between the brackets of its empty list, the last thing it
/// writes.
fn list_body(total: i64, items: &[&str]) -> Result<Body, PlatformError> {
    let envelope = ListMeetingsReply { total: Some(total), meetings: Some(Vec::new()), ..Default::default() };
    let text = serde_json::to_string(&envelope).map_err(|e| PlatformError::detailed(SYSTEM_ERROR, e))?;
    let head = text.strip_suffix("[]}").ok_or_else(|| {
        PlatformError::detailed(SYSTEM_ERROR, format!("the meeting list's reply no longer ends with its items: {text}"))
    })?;
    let mut body = String::with_capacity(head.len() + items.iter().map(|i| i.len() + 1).sum::<usize>() + 3);
    body.push_str(head);
    body.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        body.push_str(item);
    }
    body.push_str("]}");
    Ok(Body::encoded(body))
}

pub(super) fn get(p: &Platform, r: &GetMeetingRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let meeting_id = r.meeting_id.as_str();
    let meeting = p.meetings.by_meeting_id(meeting_id).ok_or_else(|| not_found(meeting_id))?;
    send(details::meeting(p, meeting)?)
}

#[cfg(test)]
mod tests {
    use kedacom_mc_models::Meeting as MeetingItem;

    use super::super::settings::project;
    use super::*;
    use crate::config::Config;
    use crate::samples;

    fn platform() -> Platform {
        let mut p = Platform::new(Config::default());
        let now = clock::now();
        p.advance(now);
        let params = samples::create_conf_params("周会", 45).invite_members(vec![]).encrypted_key("k");
        crate::handlers::create_conf(&mut p, &params, "admin", now).unwrap();
        let ended = crate::handlers::create_conf(&mut p, &samples::create_conf_params("常设\"会", 0), "admin", now);
        p.meetings.end(&ended.unwrap().meeting_id, now);
        crate::handlers::book(
            &mut p,
            &samples::booked_conf_params("预约", "2030-01-01T09:00:00+08:00", 30),
            "admin",
            now,
        )
        .unwrap();
        p
    }

    /// The list item is made without the detail; it must show what the detail shows.
    #[test]
    fn a_list_item_agrees_with_the_detail() {
        let p = platform();
        let since = clock::parse("2000-01-01T00:00:00+08:00").unwrap();
        let listing =
            p.meetings.list(since, None, Phases::ALL, Asked::new(ListMeetingsRequest::INFO, None, Some(0), None));
        assert_eq!(listing.total, 3);
        for listed in listing.page {
            let detail = details::meeting(&p, listed.meeting).unwrap();
            // The list's `video` is the detail's `video_meeting`.
            let from_detail = MeetingItem { video: detail.video_meeting.clone(), ..project(&detail).unwrap() };
            assert_eq!(listed.meeting.list_item(p.config.utc_offset), from_detail);
            assert_eq!(serde_json::from_str::<MeetingItem>(listed.item_json).unwrap(), from_detail);
        }
    }

    /// The reply made of the kept items is the typed reply, byte for byte.
    #[test]
    fn the_list_reply_is_the_typed_reply() {
        let p = platform();
        let since = clock::parse("2000-01-01T00:00:00+08:00").unwrap();
        for asked in [
            Asked::new(ListMeetingsRequest::INFO, None, Some(0), None),
            Asked::new(ListMeetingsRequest::INFO, Some(1), Some(1), Some(1)),
            Asked::new(ListMeetingsRequest::INFO, Some(9), None, None),
        ] {
            let listing = p.meetings.list(since, None, Phases::ALL, asked);
            let items: Vec<&str> = listing.page.iter().map(|l| l.item_json).collect();
            let typed = ListMeetingsReply {
                success: Some(1),
                total: Some(3),
                meetings: Some(listing.page.iter().map(|l| l.meeting.list_item(p.config.utc_offset)).collect()),
                ..Default::default()
            };
            let made = crate::reply::succeeded(list_body(3, &items).ok().unwrap()).encode().unwrap();
            assert_eq!(made, serde_json::to_string(&typed).unwrap());
        }
    }
}
