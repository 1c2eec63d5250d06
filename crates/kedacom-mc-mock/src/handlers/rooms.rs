//! Virtual meeting rooms: created with a unique name and a number of their own, listed, shown,
//! changed, and deleted when no conference runs in them.

use kedacom_mc_models::{
    CreateVirtualMeetingRoomParams, Endpoint, GetVirtualMeetingRoomReply, ListVirtualMeetingRoomsReply,
    ListVirtualMeetingRoomsRequest, RoomStatus, UpdateVirtualMeetingRoomParams, UpdateVirtualMeetingRoomRequest,
    VirtualMeetingRoom,
};
use serde_json::{Map, Value};

use super::confs::settings;
use super::details::{self, shape};
use super::{send, succeeded, Done};
use crate::clock::Time;
use crate::codes::{ROOM_IN_USE, ROOM_LIMIT, ROOM_NAME_EXISTS, ROOM_NOT_FOUND};
use crate::error::PlatformError;
use crate::paging;
use crate::state::rooms::Room;
use crate::state::Platform;

/// A room's settings: the body with every field the request left out at its documented default
/// (the document: optional fields default to 0), without the name and status kept apart.
fn room_settings<P: serde::Serialize + Clone>(params: &P, fill_defaults: fn(&mut P)) -> Map<String, Value> {
    let mut filled = params.clone();
    fill_defaults(&mut filled);
    settings(&filled, &["name", "status"])
}

fn not_found(id: &str) -> PlatformError {
    PlatformError::detailed(ROOM_NOT_FOUND, format!("no virtual meeting room has the id {id:?}"))
}

fn name_exists(name: &str) -> PlatformError {
    PlatformError::detailed(ROOM_NAME_EXISTS, format!("{name:?}"))
}

pub(crate) fn create(
    p: &mut Platform,
    params: &CreateVirtualMeetingRoomParams,
    now: Time,
) -> Result<String, PlatformError> {
    let name = params.name.clone().unwrap_or_default();
    if p.rooms.name_taken(&name, None) {
        return Err(name_exists(&name));
    }
    if p.rooms.len() >= p.config.max_virtual_meeting_rooms {
        return Err(PlatformError::new(ROOM_LIMIT));
    }
    let id = uuid::Uuid::new_v4().simple().to_string();
    let e164 = p.next_number();
    p.rooms.add(Room {
        id: id.clone(),
        name,
        e164,
        settings: room_settings(params, CreateVirtualMeetingRoomParams::fill_defaults),
        status: RoomStatus::Idle,
        meeting_id: None,
        conf_name: None,
        created: now,
    });
    Ok(id)
}

pub(super) fn update(p: &mut Platform, r: &UpdateVirtualMeetingRoomRequest) -> Result<Done, PlatformError> {
    let name = r.params.name.clone().unwrap_or_default();
    if p.rooms.get(&r.id).is_none() {
        return Err(not_found(&r.id));
    }
    if p.rooms.name_taken(&name, Some(&r.id)) {
        return Err(name_exists(&name));
    }
    let room = p.rooms.get_mut(&r.id).ok_or_else(|| not_found(&r.id))?;
    room.name = name;
    room.settings = room_settings(&r.params, UpdateVirtualMeetingRoomParams::fill_defaults);
    if let Some(status) = &r.params.status {
        room.status = status.clone();
    }
    succeeded()
}

pub(super) fn delete(p: &mut Platform, id: &str) -> Result<Done, PlatformError> {
    let room = p.rooms.get(id).ok_or_else(|| not_found(id))?;
    if room.in_use() {
        return Err(PlatformError::new(ROOM_IN_USE));
    }
    p.rooms.remove(id);
    succeeded()
}

pub(super) fn get(p: &Platform, id: &str) -> Result<Done, PlatformError> {
    let room = p.rooms.get(id).ok_or_else(|| not_found(id))?;
    send(shape::<GetVirtualMeetingRoomReply>(details::room(room))?)
}

/// Rooms by creation time (`order` 1: newest first).
pub(super) fn list(p: &Platform, r: &ListVirtualMeetingRoomsRequest) -> Result<Done, PlatformError> {
    let mut rooms: Vec<&Room> = p.rooms.all().iter().collect();
    let order = r.order.as_ref().and_then(|o| o.as_i64());
    paging::sort_by(&mut rooms, order, |room| room.created);
    let total = rooms.len();
    let shown = paging::page(rooms, ListVirtualMeetingRoomsRequest::INFO, r.start, r.count)
        .into_iter()
        .map(|room| shape::<VirtualMeetingRoom>(details::room(room)))
        .collect::<Result<Vec<_>, _>>()?;
    send(ListVirtualMeetingRoomsReply {
        success: Some(1),
        total: Some(i64::try_from(total).unwrap_or(i64::MAX)),
        virtual_meeting_rooms: Some(shown),
        ..Default::default()
    })
}
