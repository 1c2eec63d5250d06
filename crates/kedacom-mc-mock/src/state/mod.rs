//! The platform's data, kept in memory for as long as the mock runs.

pub(crate) mod areas;
pub(crate) mod control;
pub(crate) mod files;
pub(crate) mod meetings;
pub(crate) mod rooms;
pub(crate) mod templates;

use kedacom_mc_models::{AccountType, Creator};

use crate::clock::Time;
use crate::config::Config;
use crate::session::Sessions;

/// Everything the platform knows; one lock guards it all, and nothing under it waits.
pub(crate) struct Platform {
    pub(crate) config: Config,
    pub(crate) sessions: Sessions,
    pub(crate) meetings: meetings::Meetings,
    pub(crate) rooms: rooms::Rooms,
    pub(crate) areas: areas::Areas,
    pub(crate) files: files::Files,
    pub(crate) templates: templates::Templates,
    /// What changed in the current call, for the push service.
    pub(crate) events: crate::push::PushEvents,
    /// What meeting control keeps of each running conference.
    pub(crate) controls: control::Controls,
    /// The last conference number (会议号, also used for room E164s) handed out.
    last_number: u64,
    /// The user's account id (moid), as creator of what they make.
    user_moid: String,
}

impl Platform {
    pub(crate) fn new(config: Config) -> Self {
        Platform {
            sessions: Sessions::new(config.token_timeout, config.login_timeout),
            meetings: meetings::Meetings::new(
                meetings::Retention {
                    keep_for: time::Duration::try_from(config.ended_meeting_retention).unwrap_or(time::Duration::MAX),
                    max_ended: config.max_ended_meetings,
                },
                config.utc_offset,
            ),
            rooms: Default::default(),
            areas: Default::default(),
            files: Default::default(),
            templates: Default::default(),
            events: Default::default(),
            controls: Default::default(),
            last_number: 1_000_000,
            user_moid: uuid::Uuid::new_v4().hyphenated().to_string(),
            config,
        }
    }

    /// A 7-digit conference number not yet used.
    pub(crate) fn next_number(&mut self) -> String {
        self.last_number += 1;
        format!("{:07}", self.last_number)
    }

    /// The user as creator of a meeting.
    pub(crate) fn creator(&self, username: &str) -> Creator {
        Creator {
            name: Some(username.to_owned()),
            account: Some(self.user_moid.clone()),
            account_type: Some(AccountType::Moid),
            ..Default::default()
        }
    }

    pub(crate) fn user_moid(&self) -> &str {
        &self.user_moid
    }

    /// Brings the data up to `now`: booked conferences start at their start time, conferences end
    /// at their end time (freeing their rooms), ended ones and files older than their retention go,
    /// and so does what meeting control kept of conferences that ended since the last call.
    pub(crate) fn advance(&mut self, now: Time) {
        for room in self.meetings.advance(now) {
            self.rooms.free(&room);
        }
        self.controls.drop_ended(&self.meetings);
        let retention = time::Duration::try_from(self.config.file_retention).unwrap_or(time::Duration::MAX);
        self.files.drop_older_than(now.saturating_sub(retention));
    }
}
