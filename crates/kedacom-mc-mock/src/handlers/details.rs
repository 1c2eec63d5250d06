//! Replies that show a stored meeting or room: the settings it was made with, read as the reply (so
//! that only the fields the document lists for that reply go out), and what the platform adds
//! (ids, state, times, creator).

use kedacom_mc_models::{
    BookedConf, GetBookedConfReply, GetMeetingReply, GetVirtualMeetingRoomReply, Member, Resolution, Switch,
    VideoFormatSpec, VirtualMeetingRoom,
};

use super::settings::project;
use crate::clock;
use crate::error::PlatformError;
use crate::state::meetings::Meeting;
use crate::state::rooms::Room;
use crate::state::Platform;

/// A meeting's start and end as its replies write them.
fn times(p: &Platform, m: &Meeting) -> (Option<String>, Option<String>) {
    let offset = p.config.utc_offset;
    (Some(clock::format(m.start, offset)), m.end.map(|end| clock::format(end, offset)))
}

/// The meeting detail: booked, running or ended.
pub(super) fn meeting(p: &Platform, m: &Meeting) -> Result<GetMeetingReply, PlatformError> {
    let (start_time, end_time) = times(p, m);
    let invited = m.settings.invite_members.iter().flatten();
    let members = invited.map(|i| Member {
        name: i.name.clone(),
        account: i.account.clone(),
        account_type: i.account_type.clone(),
        ..Default::default()
    });
    Ok(GetMeetingReply {
        name: Some(m.name.clone()),
        conf_id: Some(m.conf_id.clone()),
        meeting_id: Some(m.meeting_id.clone()),
        state: Some(m.phase.state()),
        start_time,
        end_time,
        duration: Some(m.duration),
        video_meeting: Some(Switch::On),
        creator: Some(m.creator.clone()),
        members: Some(members.collect()),
        rooms: Some(Vec::new()),
        ..project(&m.settings)?
    })
}

/// The booked conference detail.
pub(super) fn booked(p: &Platform, m: &Meeting) -> Result<GetBookedConfReply, PlatformError> {
    let (start_time, end_time) = times(p, m);
    let s = &m.settings;
    let invited = s.invite_members.as_ref().map_or(0, Vec::len);
    Ok(GetBookedConfReply {
        name: Some(m.name.clone()),
        conf_id: Some(m.conf_id.clone()),
        meeting_id: Some(m.meeting_id.clone()),
        start_time,
        end_time,
        duration: Some(m.duration),
        creator: Some(m.creator.clone()),
        invited_mt_num: Some(i64::try_from(invited).unwrap_or(i64::MAX)),
        vmp_enable: Some(Switch::from(s.vmp.is_some())),
        mix_enable: Some(Switch::from(s.mix.is_some())),
        poll_enable: Some(Switch::from(s.poll.is_some())),
        ..project(s)?
    })
}

/// A booked conference as the list shows it: the fields of its detail that the list item has.
pub(super) fn booked_item(p: &Platform, m: &Meeting) -> Result<BookedConf, PlatformError> {
    project(&booked(p, m)?)
}

/// The resolution of the first video format, which the lists show as the resolution (分辨率).
pub(super) fn resolution(formats: Option<&Vec<VideoFormatSpec>>) -> Option<Resolution> {
    formats?.first()?.resolution.clone()
}

/// The virtual meeting room detail.
pub(super) fn room(r: &Room) -> Result<GetVirtualMeetingRoomReply, PlatformError> {
    Ok(GetVirtualMeetingRoomReply {
        name: Some(r.name.clone()),
        e164: Some(r.e164.clone()),
        status: Some(r.shown_status()),
        conf_name: r.conf_name.clone(),
        ..project(&r.settings)?
    })
}

/// A virtual meeting room as the list shows it.
pub(super) fn room_item(r: &Room) -> Result<VirtualMeetingRoom, PlatformError> {
    Ok(VirtualMeetingRoom {
        id: Some(r.id.clone()),
        name: Some(r.name.clone()),
        e164: Some(r.e164.clone()),
        status: Some(r.shown_status()),
        conf_name: r.conf_name.clone(),
        resolution: resolution(r.settings.video_formats.as_ref()),
        ..project(&r.settings)?
    })
}
