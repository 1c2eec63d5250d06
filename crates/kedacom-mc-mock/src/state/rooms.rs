//! Virtual meeting rooms: named, numbered rooms a conference can be started in.

use kedacom_mc_models::{CreateVirtualMeetingRoomParams, RoomStatus};

use crate::clock::Time;

#[derive(Clone, Debug)]
pub(crate) struct Room {
    pub(crate) id: String,
    pub(crate) name: String,
    /// The number terminals dial.
    pub(crate) e164: String,
    /// The request's settings with their defaults; the name and status are the fields here.
    pub(crate) settings: CreateVirtualMeetingRoomParams,
    /// The status an update set; a running conference shows as in use whatever this says.
    pub(crate) status: RoomStatus,
    /// The meeting running in it.
    pub(crate) meeting_id: Option<String>,
    /// The name of the conference running in it.
    pub(crate) conf_name: Option<String>,
    pub(crate) created: Time,
}

impl Room {
    pub(crate) fn in_use(&self) -> bool {
        self.meeting_id.is_some()
    }

    pub(crate) fn shown_status(&self) -> RoomStatus {
        if self.in_use() {
            RoomStatus::InUse
        } else {
            self.status.clone()
        }
    }
}

#[derive(Default)]
pub(crate) struct Rooms {
    list: Vec<Room>,
}

impl Rooms {
    pub(crate) fn add(&mut self, room: Room) {
        self.list.push(room);
    }

    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    pub(crate) fn all(&self) -> &[Room] {
        &self.list
    }

    pub(crate) fn get(&self, id: &str) -> Option<&Room> {
        self.list.iter().find(|r| r.id == id)
    }

    pub(crate) fn get_mut(&mut self, id: &str) -> Option<&mut Room> {
        self.list.iter_mut().find(|r| r.id == id)
    }

    pub(crate) fn name_taken(&self, name: &str, except: Option<&str>) -> bool {
        self.list.iter().any(|r| r.name == name && except.is_none_or(|id| r.id != id))
    }

    pub(crate) fn remove(&mut self, id: &str) {
        self.list.retain(|r| r.id != id);
    }

    /// The conference in the room ended.
    pub(crate) fn free(&mut self, id: &str) {
        if let Some(room) = self.get_mut(id) {
            room.meeting_id = None;
            room.conf_name = None;
        }
    }
}
