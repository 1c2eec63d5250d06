//! The platform's data, kept in memory for as long as the mock runs.

pub(crate) mod areas;
pub(crate) mod control;
pub(crate) mod files;
mod lifecycle;
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
    /// When the clock task wakes next, to carry out what is due.
    pub(crate) armed: Option<Time>,
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
            armed: None,
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

    /// Whether something is due before the clock task was to wake: it must look again.
    pub(crate) fn due_sooner(&self) -> bool {
        self.meetings.next_due().is_some_and(|due| self.armed.is_none_or(|armed| due < armed))
    }
}
