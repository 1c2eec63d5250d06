//! What meeting control (会控API) keeps of a running conference: its terminals, chairman and
//! speaker, mute and silence, dual stream, composition, mix, poll and recordings. One record per
//! conference started through meeting management, keyed by its conference number and made when
//! meeting control first reaches it; it goes with the conference.

mod announce;
mod media;
mod recordings;
mod start;
mod terminals;

use std::collections::HashMap;

pub(crate) use media::{Channel, Composition, Mix, Poll, Rotation};
pub(crate) use recordings::{Recording, Recordings};
pub(crate) use start::{answers_at, on};
pub(crate) use terminals::{Terminal, Terminals};

use crate::state::meetings::{Meeting, Meetings, Phase};

/// The number of a conference's main composition and of its main mixer, the only ones it has
/// (the document numbers them 1).
pub(crate) const MAIN: &str = "1";

/// A part of a conference that changed, for the push service to report on its channel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    Chairman,
    Speaker,
    DualStream,
    Composition,
    Mix,
    Poll,
    /// A recording, by recorder id.
    Recording(String),
    /// A terminal, by terminal number.
    Terminal(String),
}

/// A running conference as meeting control sees it.
#[derive(Debug)]
pub(crate) struct Control {
    /// The meeting it belongs to: conference numbers are reused once a conference ends, and a
    /// new conference on the number starts with nothing of the old one's.
    meeting_id: String,
    pub(crate) terminals: Terminals,
    pub(crate) chairman: Option<String>,
    pub(crate) speaker: Option<String>,
    /// Whole-conference mute (哑音) and silence (静音), as last set.
    pub(crate) mute: bool,
    pub(crate) silence: bool,
    /// Terminals the conference-wide mute leaves alone: the chairman and the speaker, when the
    /// conference was made with `mute_filter`.
    pub(crate) mute_spares_roles: bool,
    /// The terminal sending the dual stream (双流).
    pub(crate) dual_stream: Option<String>,
    pub(crate) composition: Option<Composition>,
    pub(crate) mix: Option<Mix>,
    pub(crate) poll: Option<Poll>,
    pub(crate) recordings: Recordings,
}

impl Control {
    pub(crate) fn new(meeting_id: &str) -> Self {
        Control {
            meeting_id: meeting_id.to_owned(),
            terminals: Terminals::default(),
            chairman: None,
            speaker: None,
            mute: false,
            silence: false,
            mute_spares_roles: false,
            dual_stream: None,
            composition: None,
            mix: None,
            poll: None,
            recordings: Recordings::default(),
        }
    }

    /// Takes a terminal out of everything that names it, before it leaves the conference; the
    /// parts that changed.
    pub(crate) fn forget_terminal(&mut self, mt_id: &str) -> Vec<Part> {
        let mut changed = Vec::new();
        for (role, part) in [
            (&mut self.chairman, Part::Chairman),
            (&mut self.speaker, Part::Speaker),
            (&mut self.dual_stream, Part::DualStream),
        ] {
            if role.as_deref() == Some(mt_id) {
                *role = None;
                changed.push(part);
            }
        }
        if let Some(composition) = self.composition.as_mut().filter(|c| c.named().any(|id| id == mt_id)) {
            composition.forget(mt_id);
            changed.push(Part::Composition);
        }
        if let Some(mix) = self.mix.as_mut().filter(|m| m.members.iter().any(|id| id == mt_id)) {
            mix.members.retain(|m| m != mt_id);
            changed.push(Part::Mix);
        }
        if let Some(poll) = self.poll.as_mut().filter(|p| p.members.iter().any(|id| id == mt_id)) {
            poll.members.retain(|m| m != mt_id);
            changed.push(Part::Poll);
        }
        changed.extend(self.recordings.forget(mt_id).into_iter().map(Part::Recording));
        changed
    }

    /// Whether a terminal is in the composition, the mix, a running poll or a terminal recording:
    /// what its entry in the terminal list shows.
    pub(crate) fn in_composition(&self, mt_id: &str) -> bool {
        self.composition.as_ref().is_some_and(|c| c.has(mt_id))
    }

    pub(crate) fn in_mix(&self, mt_id: &str) -> bool {
        self.mix.as_ref().is_some_and(|m| m.members.iter().any(|id| id == mt_id))
    }

    pub(crate) fn in_poll(&self, mt_id: &str) -> bool {
        self.poll.as_ref().is_some_and(|p| p.members.iter().any(|id| id == mt_id))
    }
}

/// Every running conference's control record.
#[derive(Default)]
pub(crate) struct Controls {
    by_conf_id: HashMap<String, Control>,
}

impl Controls {
    /// The control record of the running conference with the number, made by `make` when meeting
    /// control first reaches it; `None` when no conference with the number runs.
    pub(crate) fn of(
        &mut self,
        meetings: &Meetings,
        conf_id: &str,
        make: impl FnOnce(&Meeting) -> Control,
    ) -> Option<&mut Control> {
        let meeting = meetings.by_conf_id(conf_id).filter(|m| m.phase == Phase::Started)?;
        let stale = self.by_conf_id.get(conf_id).is_some_and(|c| c.meeting_id != meeting.meeting_id);
        if stale {
            self.by_conf_id.remove(conf_id);
        }
        Some(self.by_conf_id.entry(conf_id.to_owned()).or_insert_with(|| make(meeting)))
    }

    /// The record of the conference with the number, when meeting control has reached it and it is
    /// still the meeting's.
    pub(crate) fn current(&self, conf_id: &str, meeting_id: &str) -> Option<&Control> {
        self.by_conf_id.get(conf_id).filter(|c| c.meeting_id == meeting_id)
    }

    /// Drops the records of conferences that no longer run (ended by a call or by their clock).
    /// Reads only the conferences meeting control has reached.
    pub(crate) fn drop_ended(&mut self, meetings: &Meetings) {
        if self.by_conf_id.is_empty() {
            return;
        }
        self.by_conf_id.retain(|_, c| meetings.by_meeting_id(&c.meeting_id).is_some_and(|m| m.phase == Phase::Started));
    }

    /// Conferences with a control record.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.by_conf_id.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::state::Platform;
    use crate::{clock, handlers, samples};

    #[test]
    fn a_record_lives_as_long_as_its_conference() {
        let mut p = Platform::new(Config::default());
        let now = clock::now();
        let made = handlers::create_conf(&mut p, &samples::create_conf_params("周会", 0), "admin", now).unwrap();
        let Platform { controls, meetings, .. } = &mut p;
        let record = controls.of(meetings, &made.conf_id, |m| Control::new(&m.meeting_id)).unwrap();
        record.speaker = Some("1".to_owned());
        assert!(controls.of(meetings, "9999999", |m| Control::new(&m.meeting_id)).is_none());
        // Reached again, it is the same record.
        let again = controls.of(meetings, &made.conf_id, |m| Control::new(&m.meeting_id)).unwrap();
        assert_eq!(again.speaker.as_deref(), Some("1"));

        p.advance(now);
        assert_eq!(p.controls.len(), 1);
        p.meetings.end(&made.meeting_id, now);
        p.advance(now);
        assert_eq!(p.controls.len(), 0);
        assert!(p.controls.of(&p.meetings, &made.conf_id, |m| Control::new(&m.meeting_id)).is_none());
    }
}
