//! A conference starting and ending, by a call or on its own clock, as the push service is told
//! it: the conference's `update` and its invitees answering; its `delete`, with the `delete` of
//! everything meeting control kept of it.

use kedacom_mc_models::{channels, MessageKind};

use super::control::Control;
use super::meetings::Moved;
use super::Platform;
use crate::clock::Time;

impl Platform {
    /// Brings the data up to `now`: booked conferences start at their start time, conferences end
    /// at their end time (freeing their rooms), ended ones and files older than their retention go,
    /// and so does what meeting control kept of conferences that ended since the last call. Each
    /// start and end is recorded for the push service.
    pub(crate) fn advance(&mut self, now: Time) {
        for moved in self.meetings.advance(now) {
            match moved {
                Moved::Started { conf_id, meeting_id } => self.started(&conf_id, &meeting_id, now),
                Moved::Ended { conf_id, meeting_id, room } => {
                    self.ending(&conf_id, &meeting_id);
                    if let Some(room) = room {
                        self.rooms.free(&room);
                    }
                }
            }
        }
        self.controls.drop_ended(&self.meetings);
        let retention = time::Duration::try_from(self.config.file_retention).unwrap_or(time::Duration::MAX);
        self.files.drop_older_than(now.saturating_sub(retention));
    }

    /// The conference started at `now`: its update, and each invitee's once it answers (or the
    /// notification that it cannot be reached).
    pub(crate) fn started(&mut self, conf_id: &str, meeting_id: &str, now: Time) {
        self.events.state(&channels::CONF, MessageKind::Update, &[conf_id]);
        let Some(meeting) = self.meetings.by_meeting_id(meeting_id) else { return };
        if meeting.settings.invite_members.as_ref().is_none_or(Vec::is_empty) {
            return;
        }
        let invited = Control::from_meeting(meeting, &self.config);
        for t in invited.terminals.iter() {
            self.events.called(conf_id, t, now, true);
        }
    }

    /// The conference ends (before what meeting control kept of it is dropped): everything it
    /// holds goes, then the conference.
    pub(crate) fn ending(&mut self, conf_id: &str, meeting_id: &str) {
        match self.controls.current(conf_id, meeting_id) {
            Some(c) => self.events.departures(conf_id, c),
            None => {
                if let Some(meeting) = self.meetings.by_meeting_id(meeting_id) {
                    self.events.departures(conf_id, &Control::from_meeting(meeting, &self.config));
                }
            }
        }
        self.events.state(&channels::CONF, MessageKind::Delete, &[conf_id]);
    }
}
