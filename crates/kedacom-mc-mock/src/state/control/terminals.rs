//! The terminals of a conference: who was added or invited, under which terminal number (mt_id),
//! and whether each is online, muted and silenced.

use kedacom_mc_models::{AccountType, CallProtocol, MtCallMode};

use crate::clock::Time;

#[derive(Clone, Debug)]
pub(crate) struct Terminal {
    /// Handed out by the conference, `1` upwards, never reused within it.
    pub(crate) mt_id: String,
    pub(crate) alias: String,
    /// The E164 number, IP address or telephone number it is called at.
    pub(crate) account: String,
    pub(crate) account_type: AccountType,
    pub(crate) bitrate: i64,
    pub(crate) protocol: CallProtocol,
    pub(crate) call_mode: MtCallMode,
    /// When it came or comes online; `None` while it is not being called: hung up, or never
    /// answering.
    pub(crate) online_at: Option<Time>,
    pub(crate) mute: bool,
    pub(crate) silence: bool,
}

impl Terminal {
    pub(crate) fn online(&self, now: Time) -> bool {
        self.online_at.is_some_and(|at| at <= now)
    }
}

/// A conference's terminals, in the order they joined its list.
#[derive(Debug, Default)]
pub(crate) struct Terminals {
    list: Vec<Terminal>,
    last_id: u64,
}

impl Terminals {
    /// Adds a terminal under the next number; its `mt_id` as given is replaced.
    pub(crate) fn add(&mut self, mut terminal: Terminal) -> &Terminal {
        self.last_id += 1;
        terminal.mt_id = self.last_id.to_string();
        self.list.push(terminal);
        &self.list[self.list.len() - 1]
    }

    pub(crate) fn get(&self, mt_id: &str) -> Option<&Terminal> {
        self.list.iter().find(|t| t.mt_id == mt_id)
    }

    pub(crate) fn get_mut(&mut self, mt_id: &str) -> Option<&mut Terminal> {
        self.list.iter_mut().find(|t| t.mt_id == mt_id)
    }

    pub(crate) fn by_account(&self, account: &str) -> Option<&Terminal> {
        self.list.iter().find(|t| t.account == account)
    }

    pub(crate) fn remove(&mut self, mt_id: &str) -> Option<Terminal> {
        let at = self.list.iter().position(|t| t.mt_id == mt_id)?;
        Some(self.list.remove(at))
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Terminal> {
        self.list.iter()
    }

    pub(crate) fn iter_mut(&mut self) -> impl Iterator<Item = &mut Terminal> {
        self.list.iter_mut()
    }
}
