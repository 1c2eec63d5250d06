//! Virtual meeting rooms: created with a unique name and a number of their own, listed, shown,
//! changed, and deleted when no conference runs in them.

use super::details;
use super::settings::project;
use super::{send, succeeded, Ctx, Done};
use crate::clock::Time;
use crate::codes::{ROOM_IN_USE, ROOM_LIMIT, ROOM_NAME_EXISTS, ROOM_NOT_FOUND};
use crate::error::PlatformError;
use crate::paging;
use crate::state::rooms::Room;
use crate::state::Platform;
use kedacom_mc_models::{
    CreateVirtualMeetingRoomParams, CreateVirtualMeetingRoomReply, CreateVirtualMeetingRoomRequest,
    DeleteVirtualMeetingRoomRequest, GetVirtualMeetingRoomRequest, ListVirtualMeetingRoomsRequest, RoomStatus,
    UpdateVirtualMeetingRoomParams, UpdateVirtualMeetingRoomRequest,
};

/// A room's settings: the body with every field the request left out at its documented default
/// (the document: optional fields default to 0); an update's status is kept apart.
fn room_settings<P: serde::Serialize + Clone>(
    params: &P,
    fill_defaults: fn(&mut P),
) -> Result<CreateVirtualMeetingRoomParams, PlatformError> {
    let mut filled = params.clone();
    fill_defaults(&mut filled);
    project(&filled)
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
        settings: room_settings(params, CreateVirtualMeetingRoomParams::fill_defaults)?,
        status: RoomStatus::Idle,
        meeting_id: None,
        conf_name: None,
        created: now,
    });
    Ok(id)
}

pub(super) fn create_reply(
    p: &mut Platform,
    r: &CreateVirtualMeetingRoomRequest,
    ctx: &Ctx,
) -> Result<Done, PlatformError> {
    let id = create(p, &r.params, ctx.wall)?;
    send(CreateVirtualMeetingRoomReply { id: Some(id), ..Default::default() })
}

pub(super) fn update(p: &mut Platform, r: &UpdateVirtualMeetingRoomRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let name = r.params.name.clone().unwrap_or_default();
    if p.rooms.get(&r.id).is_none() {
        return Err(not_found(&r.id));
    }
    if p.rooms.name_taken(&name, Some(&r.id)) {
        return Err(name_exists(&name));
    }
    let settings = room_settings(&r.params, UpdateVirtualMeetingRoomParams::fill_defaults)?;
    let room = p.rooms.get_mut(&r.id).ok_or_else(|| not_found(&r.id))?;
    room.name = name;
    room.settings = settings;
    if let Some(status) = &r.params.status {
        room.status = status.clone();
    }
    succeeded()
}

pub(super) fn delete(p: &mut Platform, r: &DeleteVirtualMeetingRoomRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let id = r.id.as_str();
    let room = p.rooms.get(id).ok_or_else(|| not_found(id))?;
    if room.in_use() {
        return Err(PlatformError::new(ROOM_IN_USE));
    }
    p.rooms.remove(id);
    succeeded()
}

pub(super) fn get(p: &Platform, r: &GetVirtualMeetingRoomRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let room = p.rooms.get(&r.id).ok_or_else(|| not_found(&r.id))?;
    send(details::room(room)?)
}

/// Rooms by creation time (`order` 1: newest first).
pub(super) fn list(p: &Platform, r: &ListVirtualMeetingRoomsRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let order = r.order.as_ref().and_then(|o| o.as_i64());
    paging::rows(p.rooms.all()).sorted(order, |room: &&Room| room.created).reply(r, details::room_item)
}
