//! Meetings: conferences started now (`create_conf`) and booked ones (`book_conf`), one list, as
//! the meeting list shows them together by state.

use kedacom_mc_models::{Creator, MeetingState};
use serde_json::{Map, Value};

use crate::clock::Time;

/// Where a meeting is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    Booked,
    Started,
    Ended,
}

impl Phase {
    pub(crate) fn state(self) -> MeetingState {
        match self {
            Phase::Booked => MeetingState::Booked,
            Phase::Started => MeetingState::Started,
            Phase::Ended => MeetingState::Ended,
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Meeting {
    pub(crate) meeting_id: String,
    pub(crate) conf_id: String,
    pub(crate) name: String,
    pub(crate) start: Time,
    /// Minutes; 0 for a permanent conference.
    pub(crate) duration: i64,
    /// `None` while a permanent conference runs.
    pub(crate) end: Option<Time>,
    pub(crate) phase: Phase,
    /// The request's settings as sent (without name, times and how it was created), for the
    /// detail replies.
    pub(crate) settings: Map<String, Value>,
    pub(crate) creator: Creator,
    /// The virtual meeting room it runs in.
    pub(crate) room_id: Option<String>,
}

impl Meeting {
    pub(crate) fn max_join_mt(&self) -> Option<i64> {
        self.settings.get("max_join_mt").and_then(Value::as_i64)
    }

    fn live(&self) -> bool {
        self.phase != Phase::Ended
    }
}

#[derive(Default)]
pub(crate) struct Meetings {
    list: Vec<Meeting>,
}

impl Meetings {
    pub(crate) fn add(&mut self, meeting: Meeting) {
        self.list.push(meeting);
    }

    pub(crate) fn all(&self) -> &[Meeting] {
        &self.list
    }

    pub(crate) fn by_meeting_id(&self, meeting_id: &str) -> Option<&Meeting> {
        self.list.iter().find(|m| m.meeting_id == meeting_id)
    }

    /// The meeting a conference number names: the one not ended (numbers are reused after a
    /// conference ends), else the latest.
    pub(crate) fn by_conf_id(&mut self, conf_id: &str) -> Option<&mut Meeting> {
        let live = self.list.iter().rposition(|m| m.conf_id == conf_id && m.live());
        let any = || self.list.iter().rposition(|m| m.conf_id == conf_id);
        let i = live.or_else(any)?;
        self.list.get_mut(i)
    }

    /// A booked meeting by meeting id or conference number.
    pub(crate) fn booked(&mut self, id: &str) -> Option<&mut Meeting> {
        self.list.iter_mut().find(|m| m.phase == Phase::Booked && (m.meeting_id == id || m.conf_id == id))
    }

    pub(crate) fn remove(&mut self, meeting_id: &str) {
        self.list.retain(|m| m.meeting_id != meeting_id);
    }

    /// Whether a meeting not ended, other than `except`, has this name and overlaps
    /// `[from, to)` (`to` `None`: open-ended).
    pub(crate) fn name_taken(&self, name: &str, from: Time, to: Option<Time>, except: Option<&str>) -> bool {
        self.list.iter().any(|m| {
            m.live()
                && m.name == name
                && except.is_none_or(|id| m.meeting_id != id && m.conf_id != id)
                && to.is_none_or(|to| m.start < to)
                && m.end.is_none_or(|end| end > from)
        })
    }

    /// Whether a meeting not ended has this conference number (numbers set aside by a template are
    /// reused by every conference started from it).
    pub(crate) fn number_in_use(&self, conf_id: &str) -> bool {
        self.list.iter().any(|m| m.live() && m.conf_id == conf_id)
    }

    /// Running conferences of one size (`max_join_mt`).
    pub(crate) fn running_of_size(&self, size: i64) -> i64 {
        let n = self.list.iter().filter(|m| m.phase == Phase::Started && m.max_join_mt() == Some(size)).count();
        i64::try_from(n).unwrap_or(i64::MAX)
    }

    /// Starts booked meetings whose time has come and ends those whose time is up; the rooms of
    /// the ended ones.
    pub(crate) fn advance(&mut self, now: Time) -> Vec<String> {
        let mut freed = Vec::new();
        for m in &mut self.list {
            if m.phase == Phase::Booked && m.start <= now {
                m.phase = Phase::Started;
            }
            if m.phase == Phase::Started && m.end.is_some_and(|end| end <= now) {
                m.phase = Phase::Ended;
                freed.extend(m.room_id.clone());
            }
        }
        freed
    }
}
