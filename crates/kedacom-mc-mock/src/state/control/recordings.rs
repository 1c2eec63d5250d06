//! The recordings (录像) of a conference: of the whole conference, or of some of its terminals,
//! each under the recorder id it was started with.

use std::time::Duration;

use kedacom_mc_models::{RecorderState, RecorderType, StartRecordingParams};

use crate::clock::Time;

#[derive(Clone, Debug)]
pub(crate) struct Recording {
    pub(crate) rec_id: String,
    /// What it was started with; its `members` the terminals it records.
    pub(crate) params: StartRecordingParams,
    pub(crate) state: RecorderState,
    /// Recorded before the latest resumption.
    recorded: Duration,
    /// When it last started or resumed recording; `None` while paused.
    since: Option<Time>,
}

impl Recording {
    pub(crate) fn is_conference(&self) -> bool {
        self.params.recorder_type == Some(RecorderType::Conf)
    }

    /// The terminals it records.
    pub(crate) fn members(&self) -> impl Iterator<Item = &str> {
        self.params.members.iter().flatten().filter_map(|m| m.mt_id.as_deref())
    }

    /// Seconds recorded by `now`, pauses left out.
    pub(crate) fn progress(&self, now: Time) -> i64 {
        let running = self.since.map_or(Duration::ZERO, |since| (now - since).try_into().unwrap_or_default());
        i64::try_from((self.recorded + running).as_secs()).unwrap_or(i64::MAX)
    }

    pub(crate) fn pause(&mut self, now: Time) {
        if let Some(since) = self.since.take() {
            self.recorded += Duration::try_from(now - since).unwrap_or_default();
        }
        self.state = RecorderState::Paused;
    }

    pub(crate) fn resume(&mut self, now: Time) {
        self.since.get_or_insert(now);
        self.state = RecorderState::Recording;
    }
}

#[derive(Debug, Default)]
pub(crate) struct Recordings {
    list: Vec<Recording>,
    last_id: u64,
}

impl Recordings {
    /// Starts a recording under the next recorder id.
    pub(crate) fn start(&mut self, params: StartRecordingParams, now: Time) -> &Recording {
        self.last_id += 1;
        self.list.push(Recording {
            rec_id: self.last_id.to_string(),
            params,
            state: RecorderState::Recording,
            recorded: Duration::ZERO,
            since: Some(now),
        });
        &self.list[self.list.len() - 1]
    }

    pub(crate) fn get(&self, rec_id: &str) -> Option<&Recording> {
        self.list.iter().find(|r| r.rec_id == rec_id)
    }

    pub(crate) fn get_mut(&mut self, rec_id: &str) -> Option<&mut Recording> {
        self.list.iter_mut().find(|r| r.rec_id == rec_id)
    }

    pub(crate) fn stop(&mut self, rec_id: &str) -> Option<Recording> {
        let at = self.list.iter().position(|r| r.rec_id == rec_id)?;
        Some(self.list.remove(at))
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Recording> {
        self.list.iter()
    }

    /// Whether a terminal is recorded by a recording of terminals.
    pub(crate) fn records(&self, mt_id: &str) -> bool {
        self.list.iter().any(|r| !r.is_conference() && r.members().any(|m| m == mt_id))
    }

    /// A terminal that leaves the conference is no longer recorded; the recordings that recorded it.
    pub(crate) fn forget(&mut self, mt_id: &str) -> Vec<String> {
        let mut changed = Vec::new();
        for recording in &mut self.list {
            if let Some(members) = &mut recording.params.members {
                let before = members.len();
                members.retain(|m| m.mt_id.as_deref() != Some(mt_id));
                if members.len() != before {
                    changed.push(recording.rec_id.clone());
                }
            }
        }
        changed
    }
}
