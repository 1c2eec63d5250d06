//! Meeting-room areas: names, listed in the order they were created.

use kedacom_mc_models::{
    CreateMeetingRoomAreaReply, CreateMeetingRoomAreaRequest, Endpoint, ListMeetingRoomAreasReply,
    ListMeetingRoomAreasRequest, MeetingRoomArea, UpdateMeetingRoomAreaRequest,
};

use super::{send, succeeded, Done};
use crate::codes::SYSTEM_ERROR;
use crate::error::PlatformError;
use crate::paging;
use crate::state::Platform;

fn not_found(id: &str) -> PlatformError {
    PlatformError::detailed(SYSTEM_ERROR, format!("no meeting room area has the id {id:?}"))
}

pub(crate) fn create_named(p: &mut Platform, name: &str) -> String {
    p.areas.add(name)
}

pub(super) fn create(p: &mut Platform, r: &CreateMeetingRoomAreaRequest) -> Result<Done, PlatformError> {
    let id = create_named(p, r.params.area.as_deref().unwrap_or_default());
    send(CreateMeetingRoomAreaReply { success: Some(1), id: Some(id), ..Default::default() })
}

pub(super) fn update(p: &mut Platform, r: &UpdateMeetingRoomAreaRequest) -> Result<Done, PlatformError> {
    let area = p.areas.get_mut(&r.id).ok_or_else(|| not_found(&r.id))?;
    area.name = r.params.area.clone().unwrap_or_default();
    succeeded()
}

pub(super) fn delete(p: &mut Platform, id: &str) -> Result<Done, PlatformError> {
    if !p.areas.remove(id) {
        return Err(not_found(id));
    }
    succeeded()
}

/// `order` is reserved (保留) in the document, so it changes nothing.
pub(super) fn list(p: &Platform, r: &ListMeetingRoomAreasRequest) -> Result<Done, PlatformError> {
    let all = p.areas.all();
    let shown = paging::page(all.iter().collect(), ListMeetingRoomAreasRequest::INFO, r.start, r.count)
        .into_iter()
        .map(|a| MeetingRoomArea { id: Some(a.id.clone()), area: Some(a.name.clone()), ..Default::default() })
        .collect();
    send(ListMeetingRoomAreasReply {
        success: Some(1),
        total: Some(i64::try_from(all.len()).unwrap_or(i64::MAX)),
        meeting_room_areas: Some(shown),
        ..Default::default()
    })
}
