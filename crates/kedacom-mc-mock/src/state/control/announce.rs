//! The push messages of what meeting control keeps, on the channels the push document gives: a
//! terminal's on its channel under the conference's own cascade, and everything a conference holds
//! going when it ends.

use std::time::Duration;

use kedacom_mc_models::{channels, AccountType, AddMtFailedMt, AddMtFailedNotice, MessageKind};

use super::{Control, Part, Terminal, MAIN};
use crate::clock::Time;
use crate::codes::MT_UNREACHABLE;
use crate::push::{notice, PushEvents};

/// The conference's own terminals are those of cascade 0.
const OWN_CASCADE: &str = "0";

impl PushEvents {
    /// A terminal changed (`Update`) or left the conference (`Delete`).
    pub(crate) fn mt(&mut self, conf_id: &str, mt_id: &str, kind: MessageKind) {
        self.state(&channels::CASCADE_MT, kind, &[conf_id, OWN_CASCADE, mt_id]);
    }

    /// Each part's `update`.
    pub(crate) fn updated(&mut self, conf_id: &str, parts: &[Part]) {
        for part in parts {
            match part {
                Part::Chairman => self.state(&channels::CHAIRMAN, MessageKind::Update, &[conf_id]),
                Part::Speaker => self.state(&channels::SPEAKER, MessageKind::Update, &[conf_id]),
                Part::DualStream => self.state(&channels::DUAL_STREAM, MessageKind::Update, &[conf_id]),
                Part::Composition => self.state(&channels::VMP, MessageKind::Update, &[conf_id, MAIN]),
                Part::Mix => self.state(&channels::MIX, MessageKind::Update, &[conf_id, MAIN]),
                Part::Poll => self.state(&channels::POLL, MessageKind::Update, &[conf_id]),
                Part::Recording(rec_id) => self.state(&channels::RECORDER, MessageKind::Update, &[conf_id, rec_id]),
                Part::Terminal(mt_id) => self.mt(conf_id, mt_id, MessageKind::Update),
            }
        }
    }

    /// A terminal was called at `now`: its update once it answers; when it never does and
    /// `report` is set (it was being added), the notification that it could not be added.
    pub(crate) fn called(&mut self, conf_id: &str, t: &Terminal, now: Time, report: bool) {
        match t.online_at {
            Some(at) => {
                let after = Duration::try_from(at - now).unwrap_or(Duration::ZERO);
                let data = crate::push::message(MessageKind::Update, serde_json::Map::new());
                self.record(&channels::CASCADE_MT, &[conf_id, OWN_CASCADE, &t.mt_id], data, after);
            }
            None if report => self.add_failed(conf_id, t, MT_UNREACHABLE),
            None => {}
        }
    }

    /// 添加终端失败通知: the terminal could not be added, for the reason the code gives.
    pub(crate) fn add_failed(&mut self, conf_id: &str, t: &Terminal, code: i64) {
        self.add_failed_account(conf_id, Some(t.account.clone()), Some(t.account_type.clone()), code);
    }

    /// 添加终端失败通知 of a terminal known only by its account, as the call gave it.
    pub(crate) fn add_failed_account(
        &mut self,
        conf_id: &str,
        account: Option<String>,
        account_type: Option<AccountType>,
        code: i64,
    ) {
        let failed = AddMtFailedNotice {
            error_code: Some(code),
            mt: Some(AddMtFailedMt { account, account_type, ..Default::default() }),
            ..Default::default()
        };
        self.record(&channels::MTS, &[conf_id], notice(&failed), Duration::ZERO);
    }

    /// Everything the conference holds goes with it: its recordings, poll, mix, composition and
    /// terminals, each with its channel's `delete`.
    pub(crate) fn departures(&mut self, conf_id: &str, c: &Control) {
        for recording in c.recordings.iter() {
            self.state(&channels::RECORDER, MessageKind::Delete, &[conf_id, &recording.rec_id]);
        }
        if c.poll.is_some() {
            self.state(&channels::POLL, MessageKind::Delete, &[conf_id]);
        }
        if c.mix.is_some() {
            self.state(&channels::MIX, MessageKind::Delete, &[conf_id, MAIN]);
        }
        if c.composition.is_some() {
            self.state(&channels::VMP, MessageKind::Delete, &[conf_id, MAIN]);
        }
        for t in c.terminals.iter() {
            self.mt(conf_id, &t.mt_id, MessageKind::Delete);
        }
    }
}
