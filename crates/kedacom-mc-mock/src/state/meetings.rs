//! Meetings: conferences started now (`create_conf`) and booked ones (`book_conf`), one store, as
//! the meeting list shows them together by state.
//!
//! Every lookup a call makes goes through an index, so a call costs the same after a long run as at
//! the start; ended meetings are kept only for a while and up to a number (see [`Retention`]), so a
//! long run stays small.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Bound;

use kedacom_mc_models::{CreateConfParams, Creator, MaxJoinMt, Meeting as MeetingItem, MeetingState, Member, Switch};

use crate::clock::{self, Time};
use crate::paging::Asked;
use time::UtcOffset;

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
    /// The settings it runs with, as the request (with the template's or room's it was started
    /// from) gave them; its name, times and length are the fields above.
    pub(crate) settings: CreateConfParams,
    pub(crate) creator: Creator,
    /// The virtual meeting room it runs in.
    pub(crate) room_id: Option<String>,
}

impl Meeting {
    pub(crate) fn max_join_mt(&self) -> Option<i64> {
        self.settings.max_join_mt.as_ref().and_then(MaxJoinMt::as_i64)
    }

    fn live(&self) -> bool {
        self.phase != Phase::Ended
    }

    /// The meeting as the meeting list shows it: its own fields, none of the settings it was
    /// made with.
    pub(crate) fn list_item(&self, offset: UtcOffset) -> MeetingItem {
        let creator = &self.creator;
        MeetingItem {
            name: Some(self.name.clone()),
            conf_id: Some(self.conf_id.clone()),
            meeting_id: Some(self.meeting_id.clone()),
            start_time: Some(clock::format(self.start, offset)),
            end_time: self.end.map(|end| clock::format(end, offset)),
            state: Some(self.phase.state()),
            video: Some(Switch::On),
            creator: Some(Member {
                name: creator.name.clone(),
                account: creator.account.clone(),
                account_type: creator.account_type.clone(),
                ..Default::default()
            }),
            ..Default::default()
        }
    }
}

/// A meeting that started or ended on its own clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Moved {
    Started {
        conf_id: String,
        meeting_id: String,
    },
    /// With the virtual meeting room it freed.
    Ended {
        conf_id: String,
        meeting_id: String,
        room: Option<String>,
    },
}

/// How long ended meetings stay readable, and how many at most; past either, the earliest-ended
/// go first.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Retention {
    pub(crate) keep_for: time::Duration,
    pub(crate) max_ended: usize,
}

/// A meeting's place in the store: the order meetings were made in, which breaks ties between
/// equal times the way a list in creation order would.
type Seq = u64;

/// A time as an index key: nanoseconds since 1970, which compare without the offset arithmetic
/// of [`Time`]'s own comparison.
type At = i128;

fn at(t: Time) -> At {
    t.unix_timestamp_nanos()
}

/// Sequence numbers are unique by construction; a multiplicative hash spreads them over the
/// table for a fraction of the default hasher's cost, on a path every call takes.
#[derive(Default)]
struct SeqHasher(u64);

impl Hasher for SeqHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub(crate) struct Meetings {
    retention: Retention,
    /// The offset times are shown in.
    offset: UtcOffset,
    /// The time of the latest clock check: no meeting not ended has an end before it.
    clock: At,
    next: Seq,
    stored: HashMap<Seq, Meeting, BuildHasherDefault<SeqHasher>>,
    /// Each meeting's list item, encoded when the meeting was stored or last changed: a list
    /// call copies the items of its page rather than making and encoding them again.
    items: HashMap<Seq, String, BuildHasherDefault<SeqHasher>>,
    by_meeting_id: HashMap<String, Seq>,
    /// Conference numbers are reused once a conference ends (rooms, templates' numbers): every
    /// meeting with the number, in the order made.
    by_conf_id: HashMap<String, Vec<Seq>>,
    /// Meetings not ended, by start: the lists' order, with what a listing filters on, so that
    /// a list reads the meetings of its page only.
    live_by_start: BTreeMap<(At, Seq), Summary>,
    /// Booked meetings by start: what a call's clock check starts.
    booked_by_start: BTreeSet<(At, Seq)>,
    /// Meetings not ended that have an end: what a call's clock check ends.
    live_by_end: BTreeSet<(At, Seq)>,
    /// Ended meetings by when they ended, with their start: what a listing window reaches, and
    /// what retention drops.
    ended_by_end: BTreeMap<(At, Seq), At>,
}

/// What a listing needs to know of a meeting not ended.
#[derive(Clone, Copy)]
struct Summary {
    end: Option<At>,
    phase: Phase,
}

/// The phases a listing shows.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Phases {
    pub(crate) booked: bool,
    pub(crate) started: bool,
    pub(crate) ended: bool,
}

impl Phases {
    pub(crate) const ALL: Phases = Phases { booked: true, started: true, ended: true };
    pub(crate) const NONE: Phases = Phases { booked: false, started: false, ended: false };

    pub(crate) fn only(phase: Phase) -> Phases {
        let mut only = Phases::NONE;
        match phase {
            Phase::Booked => only.booked = true,
            Phase::Started => only.started = true,
            Phase::Ended => only.ended = true,
        }
        only
    }

    fn has(self, phase: Phase) -> bool {
        match phase {
            Phase::Booked => self.booked,
            Phase::Started => self.started,
            Phase::Ended => self.ended,
        }
    }
}

/// One page of a listing, and how many meetings the listing has in all.
pub(crate) struct Listing<'a> {
    pub(crate) total: usize,
    pub(crate) page: Vec<Listed<'a>>,
}

/// A meeting of a listing's page, and its list item as JSON.
pub(crate) struct Listed<'a> {
    pub(crate) meeting: &'a Meeting,
    pub(crate) item_json: &'a str,
}

impl Meetings {
    pub(crate) fn new(retention: Retention, offset: UtcOffset) -> Self {
        Meetings {
            retention,
            offset,
            clock: At::MIN,
            next: 0,
            stored: HashMap::default(),
            items: HashMap::default(),
            by_meeting_id: HashMap::new(),
            by_conf_id: HashMap::new(),
            live_by_start: BTreeMap::new(),
            booked_by_start: BTreeSet::new(),
            live_by_end: BTreeSet::new(),
            ended_by_end: BTreeMap::new(),
        }
    }

    pub(crate) fn add(&mut self, meeting: Meeting) {
        let seq = self.next;
        self.next += 1;
        self.by_meeting_id.insert(meeting.meeting_id.clone(), seq);
        self.by_conf_id.entry(meeting.conf_id.clone()).or_default().push(seq);
        self.index(seq, &meeting);
        self.stored.insert(seq, meeting);
        self.trim_ended();
    }

    /// Every meeting stored: booked, running, and ended ones still kept.
    pub(crate) fn len(&self) -> usize {
        self.stored.len()
    }

    pub(crate) fn by_meeting_id(&self, meeting_id: &str) -> Option<&Meeting> {
        self.by_meeting_id.get(meeting_id).and_then(|seq| self.stored.get(seq))
    }

    /// The meeting a conference number names: the one not ended (numbers are reused after a
    /// conference ends), else the latest.
    pub(crate) fn by_conf_id(&self, conf_id: &str) -> Option<&Meeting> {
        let seqs = self.by_conf_id.get(conf_id)?;
        let mut made = seqs.iter().rev().filter_map(|seq| self.stored.get(seq));
        let latest = made.clone().next();
        made.find(|m| m.live()).or(latest)
    }

    /// A booked meeting by meeting id or conference number.
    pub(crate) fn booked(&self, id: &str) -> Option<&Meeting> {
        let by_meeting = self.by_meeting_id(id).filter(|m| m.phase == Phase::Booked);
        by_meeting.or_else(|| {
            let seqs = self.by_conf_id.get(id)?;
            seqs.iter().filter_map(|seq| self.stored.get(seq)).find(|m| m.phase == Phase::Booked)
        })
    }

    /// Changes a meeting (found by meeting id) and files it again under its new times and phase.
    /// Its meeting id and conference number stay.
    pub(crate) fn update<T>(&mut self, meeting_id: &str, change: impl FnOnce(&mut Meeting) -> T) -> Option<T> {
        let seq = *self.by_meeting_id.get(meeting_id)?;
        let mut meeting = self.stored.remove(&seq)?;
        self.unindex(seq, &meeting);
        let out = change(&mut meeting);
        self.index(seq, &meeting);
        self.stored.insert(seq, meeting);
        self.trim_ended();
        Some(out)
    }

    /// Ends a running meeting at `at`; the room it freed.
    pub(crate) fn end(&mut self, meeting_id: &str, at: Time) -> Option<String> {
        self.update(meeting_id, |m| {
            m.phase = Phase::Ended;
            m.end = Some(at);
            m.room_id.clone()
        })
        .flatten()
    }

    pub(crate) fn remove(&mut self, meeting_id: &str) {
        let Some(seq) = self.by_meeting_id.remove(meeting_id) else { return };
        if let Some(meeting) = self.stored.remove(&seq) {
            self.unindex(seq, &meeting);
            if let Some(seqs) = self.by_conf_id.get_mut(&meeting.conf_id) {
                seqs.retain(|s| *s != seq);
                if seqs.is_empty() {
                    self.by_conf_id.remove(&meeting.conf_id);
                }
            }
        }
    }

    /// The meetings in the phases `wanted` that take place at some moment of `[from, to]` (`to`
    /// `None`: open-ended), by start time, paged as `asked`; one that ends at `from` is over by
    /// then. A window from the present on reads one index and the meetings of its page only; an
    /// earlier one reads the index entries it reaches (ended meetings only as far back as `from`).
    pub(crate) fn list(&self, from: Time, to: Option<Time>, wanted: Phases, asked: Asked) -> Listing<'_> {
        let (from, to) = (at(from), to.map(at));
        let ended_after = (Bound::Excluded((from, Seq::MAX)), Bound::Unbounded);
        let no_ended = !wanted.ended || self.ended_by_end.range(ended_after).next().is_none();
        // From the present on, every meeting not ended is in the window: the clock has ended
        // those whose end has come.
        if to.is_none() && from <= self.clock && no_ended {
            if wanted.booked && wanted.started {
                return self.page_of(self.live_by_start.len(), self.live_by_start.keys(), asked);
            }
            if wanted.booked {
                return self.page_of(self.booked_by_start.len(), self.booked_by_start.iter(), asked);
            }
        }
        let before_to = |start: At| to.is_none_or(|to| start <= to);
        let mut found: Vec<(At, Seq)> = self
            .live_by_start
            .iter()
            .take_while(|((start, _), _)| before_to(*start))
            .filter(|(_, summary)| wanted.has(summary.phase) && summary.end.is_none_or(|end| end > from))
            .map(|(key, _)| *key)
            .collect();
        let live = found.len();
        if wanted.ended {
            let ended = self.ended_by_end.range(ended_after).map(|((_, seq), start)| (*start, *seq));
            found.extend(ended.filter(|(start, _)| before_to(*start)));
        }
        if found.len() > live {
            found.sort_unstable();
        }
        self.page_of(found.len(), found.iter(), asked)
    }

    /// The page `asked` of `keys` (in ascending order), `total` of them.
    fn page_of<'k>(
        &self,
        total: usize,
        keys: impl DoubleEndedIterator<Item = &'k (At, Seq)>,
        asked: Asked,
    ) -> Listing<'_> {
        let seqs: Vec<Seq> = if asked.descending {
            keys.rev().skip(asked.skip).take(asked.take).map(|(_, seq)| *seq).collect()
        } else {
            keys.skip(asked.skip).take(asked.take).map(|(_, seq)| *seq).collect()
        };
        let page = seqs.iter().filter_map(|seq| {
            let (meeting, item_json) = (self.stored.get(seq)?, self.items.get(seq)?);
            Some(Listed { meeting, item_json })
        });
        Listing { total, page: page.collect() }
    }

    /// Whether a meeting not ended, other than `except`, has this name and overlaps
    /// `[from, to)` (`to` `None`: open-ended).
    pub(crate) fn name_taken(&self, name: &str, from: Time, to: Option<Time>, except: Option<&str>) -> bool {
        self.live().any(|m| {
            m.name == name
                && except.is_none_or(|id| m.meeting_id != id && m.conf_id != id)
                && to.is_none_or(|to| m.start < to)
                && m.end.is_none_or(|end| end > from)
        })
    }

    /// Whether a meeting not ended has this conference number (numbers set aside by a template are
    /// reused by every conference started from it).
    pub(crate) fn number_in_use(&self, conf_id: &str) -> bool {
        self.by_conf_id(conf_id).is_some_and(Meeting::live)
    }

    /// Running conferences of one size (`max_join_mt`).
    pub(crate) fn running_of_size(&self, size: i64) -> i64 {
        let n = self.live().filter(|m| m.phase == Phase::Started && m.max_join_mt() == Some(size)).count();
        i64::try_from(n).unwrap_or(i64::MAX)
    }

    /// Starts booked meetings whose time has come, ends those whose time is up, and forgets ended
    /// ones past their retention; which started and which ended. Reads only what is due.
    pub(crate) fn advance(&mut self, now: Time) -> Vec<Moved> {
        self.clock = self.clock.max(at(now));
        let due = |(when, _): &&(At, Seq)| *when <= at(now);
        let starting = self.booked_by_start.iter().take_while(due);
        let ending = self.live_by_end.iter().take_while(due);
        let mut changing: Vec<Seq> = starting.chain(ending).map(|(_, seq)| *seq).collect();
        // One that starts and ends within the same step is in both.
        changing.sort_unstable();
        changing.dedup();
        let mut moved = Vec::new();
        for seq in changing {
            let Some(meeting_id) = self.stored.get(&seq).map(|m| m.meeting_id.clone()) else { continue };
            self.update(&meeting_id, |m| {
                if m.phase == Phase::Booked && m.start <= now {
                    m.phase = Phase::Started;
                    moved.push(Moved::Started { conf_id: m.conf_id.clone(), meeting_id: m.meeting_id.clone() });
                }
                if m.phase == Phase::Started && m.end.is_some_and(|end| end <= now) {
                    m.phase = Phase::Ended;
                    let (conf_id, meeting_id, room) = (m.conf_id.clone(), m.meeting_id.clone(), m.room_id.clone());
                    moved.push(Moved::Ended { conf_id, meeting_id, room });
                }
            });
        }
        self.forget_ended_before(at(now.saturating_sub(self.retention.keep_for)));
        moved
    }

    /// The next time something is due: a booked meeting's start or a running one's end.
    pub(crate) fn next_due(&self) -> Option<Time> {
        let start = self.booked_by_start.first().map(|(when, _)| *when);
        let end = self.live_by_end.first().map(|(when, _)| *when);
        let due = match (start, end) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        Time::from_unix_timestamp_nanos(due).ok()
    }

    fn live(&self) -> impl Iterator<Item = &Meeting> {
        self.live_by_start.keys().filter_map(|(_, seq)| self.stored.get(seq))
    }

    fn index(&mut self, seq: Seq, m: &Meeting) {
        // Encoding a typed item cannot fail; were it to, the list would leave the meeting out.
        if let Ok(json) = serde_json::to_string(&m.list_item(self.offset)) {
            self.items.insert(seq, json);
        }
        match m.phase {
            Phase::Ended => {
                self.ended_by_end.insert((at(m.end.unwrap_or(m.start)), seq), at(m.start));
            }
            phase => {
                self.live_by_start.insert((at(m.start), seq), Summary { end: m.end.map(at), phase });
                if phase == Phase::Booked {
                    self.booked_by_start.insert((at(m.start), seq));
                }
                if let Some(end) = m.end {
                    self.live_by_end.insert((at(end), seq));
                }
            }
        }
    }

    fn unindex(&mut self, seq: Seq, m: &Meeting) {
        self.items.remove(&seq);
        let (start, end) = (at(m.start), m.end.map(at));
        self.live_by_start.remove(&(start, seq));
        self.booked_by_start.remove(&(start, seq));
        if let Some(end) = end {
            self.live_by_end.remove(&(end, seq));
        }
        self.ended_by_end.remove(&(end.unwrap_or(start), seq));
    }

    fn forget_ended_before(&mut self, cutoff: At) {
        while let Some((&(end, seq), _)) = self.ended_by_end.first_key_value() {
            if end >= cutoff {
                break;
            }
            self.forget(seq);
        }
    }

    fn trim_ended(&mut self) {
        while self.ended_by_end.len() > self.retention.max_ended {
            let Some((&(_, seq), _)) = self.ended_by_end.first_key_value() else { break };
            self.forget(seq);
        }
    }

    fn forget(&mut self, seq: Seq) {
        match self.stored.get(&seq).map(|m| m.meeting_id.clone()) {
            Some(meeting_id) => self.remove(&meeting_id),
            None => self.ended_by_end.retain(|(_, s), _| *s != seq),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kedacom_mc_models::{Endpoint, ListMeetingsRequest};
    use time::macros::datetime;

    const T0: Time = datetime!(2024-01-01 09:00 UTC);

    fn minutes(n: i64) -> time::Duration {
        time::Duration::minutes(n)
    }

    fn meeting(id: &str, conf_id: &str, start: Time, duration: i64, phase: Phase) -> Meeting {
        Meeting {
            meeting_id: id.to_owned(),
            conf_id: conf_id.to_owned(),
            name: id.to_owned(),
            start,
            duration,
            end: crate::clock::end_after(start, duration),
            phase,
            settings: CreateConfParams::default(),
            creator: Creator::default(),
            room_id: None,
        }
    }

    fn store(keep_for: time::Duration, max_ended: usize) -> Meetings {
        Meetings::new(Retention { keep_for, max_ended }, UtcOffset::UTC)
    }

    fn ids(listing: Listing<'_>) -> Vec<&str> {
        listing.page.into_iter().map(|l| l.meeting.meeting_id.as_str()).collect()
    }

    fn all() -> Asked {
        Asked::new(ListMeetingsRequest::INFO, None, Some(0), None)
    }

    #[test]
    fn a_reused_number_names_the_live_meeting_else_the_latest() {
        let mut s = store(minutes(60), 10);
        s.add(meeting("a", "100", T0, 30, Phase::Started));
        s.end("a", T0 + minutes(5));
        s.add(meeting("b", "100", T0 + minutes(10), 30, Phase::Started));
        assert_eq!(s.by_conf_id("100").unwrap().meeting_id, "b");
        assert!(s.number_in_use("100"));
        s.end("b", T0 + minutes(15));
        assert_eq!(s.by_conf_id("100").unwrap().meeting_id, "b");
        assert!(!s.number_in_use("100"));
    }

    #[test]
    fn the_clock_starts_and_ends_meetings_and_retention_forgets_them() {
        let mut s = store(minutes(60), 10);
        s.add(meeting("booked", "1", T0 + minutes(10), 20, Phase::Booked));
        s.add(meeting("running", "2", T0, 5, Phase::Started));
        s.advance(T0 + minutes(6));
        assert_eq!(s.by_meeting_id("running").unwrap().phase, Phase::Ended);
        assert_eq!(s.by_meeting_id("booked").unwrap().phase, Phase::Booked);
        s.advance(T0 + minutes(10));
        assert_eq!(s.by_meeting_id("booked").unwrap().phase, Phase::Started);
        s.advance(T0 + minutes(31));
        assert_eq!(s.by_meeting_id("booked").unwrap().phase, Phase::Ended);
        assert_eq!(s.len(), 2);
        // "running" ended at +5: kept until +65.
        s.advance(T0 + minutes(65));
        assert!(s.by_meeting_id("running").is_some());
        s.advance(T0 + minutes(66));
        assert!(s.by_meeting_id("running").is_none() && s.by_conf_id("2").is_none());
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn only_so_many_ended_meetings_are_kept_earliest_ended_first() {
        let mut s = store(minutes(600), 2);
        for (i, id) in ["a", "b", "c"].into_iter().enumerate() {
            s.add(meeting(id, id, T0, 0, Phase::Started));
            s.end(id, T0 + minutes(i as i64 + 1));
        }
        s.add(meeting("live", "9", T0, 0, Phase::Started));
        assert_eq!(s.len(), 3);
        assert!(s.by_meeting_id("a").is_none());
        assert!(s.by_meeting_id("b").is_some() && s.by_meeting_id("c").is_some());
    }

    #[test]
    fn a_window_lists_live_and_ended_meetings_by_start() {
        let mut s = store(minutes(600), 10);
        s.add(meeting("late", "1", T0 + minutes(20), 30, Phase::Booked));
        s.add(meeting("early", "2", T0, 0, Phase::Started));
        s.add(meeting("ended", "3", T0 + minutes(5), 0, Phase::Started));
        s.end("ended", T0 + minutes(8));
        s.add(meeting("tie", "4", T0, 0, Phase::Started));
        assert_eq!(ids(s.list(T0 + minutes(10), None, Phases::ALL, all())), ["early", "tie", "late"]);
        assert_eq!(ids(s.list(T0, None, Phases::ALL, all())), ["early", "tie", "ended", "late"]);
        assert_eq!(ids(s.list(T0, Some(T0 + minutes(4)), Phases::ALL, all())), ["early", "tie"]);
        assert_eq!(ids(s.list(T0, None, Phases::only(Phase::Booked), all())), ["late"]);
        assert_eq!(ids(s.list(T0, None, Phases::only(Phase::Ended), all())), ["ended"]);
        // Ending at `from` is over by then.
        assert_eq!(ids(s.list(T0 + minutes(8), Some(T0 + minutes(9)), Phases::ALL, all())), ["early", "tie"]);
    }

    /// From the present on, a listing pages straight from an index; it must list what reading
    /// every entry lists (a window with an end reads them all).
    #[test]
    fn the_present_pages_from_the_index_as_a_full_reading_would() {
        let mut s = store(minutes(600), 10);
        for i in 0..12 {
            let phase = if i % 3 == 0 { Phase::Booked } else { Phase::Started };
            let start = T0 + minutes(if phase == Phase::Booked { 30 + i } else { i % 4 });
            s.add(meeting(&format!("m{i}"), &i.to_string(), start, 0, phase));
        }
        s.add(meeting("over", "99", T0, 0, Phase::Started));
        s.end("over", T0 + minutes(1));
        let now = T0 + minutes(5);
        s.advance(now);
        let far = Some(T0 + minutes(100_000));
        for phases in [Phases::ALL, Phases::only(Phase::Booked), Phases { ended: false, ..Phases::ALL }] {
            for (start, count, order) in
                [(None, None, None), (Some(3), Some(4), None), (Some(2), Some(5), Some(1)), (Some(20), None, None)]
            {
                let asked = Asked::new(ListMeetingsRequest::INFO, start, count, order);
                let fast = s.list(now, None, phases, asked);
                let full = s.list(now, far, phases, asked);
                assert_eq!(fast.total, full.total, "{phases:?} {asked:?}");
                assert_eq!(ids(fast), ids(full), "{phases:?} {asked:?}");
            }
        }
        assert_eq!(s.list(now, None, Phases::ALL, all()).total, 12);
        assert_eq!(s.list(now, None, Phases::only(Phase::Booked), all()).total, 4);
        // An ended meeting in the window (it ended after `from`) is merged in by start.
        assert_eq!(
            ids(s.list(T0, None, Phases::ALL, Asked::new(ListMeetingsRequest::INFO, None, Some(3), None))),
            ["m4", "m8", "over"]
        );
    }

    #[test]
    fn an_update_files_the_meeting_under_its_new_times() {
        let mut s = store(minutes(600), 10);
        s.add(meeting("a", "1", T0, 30, Phase::Booked));
        s.add(meeting("b", "2", T0 + minutes(10), 30, Phase::Booked));
        s.update("a", |m| {
            m.start = T0 + minutes(20);
            m.end = Some(T0 + minutes(50));
        });
        assert_eq!(ids(s.list(T0, None, Phases::ALL, all())), ["b", "a"]);
        assert_eq!(s.booked("1").unwrap().meeting_id, "a");
        s.remove("a");
        assert!(s.booked("1").is_none() && s.booked("a").is_none());
        assert_eq!(s.len(), 1);
    }
}
