//! What a conference shows and plays to its terminals: the screen composition (画面合成), the
//! mix (混音) and the conference poll (会议轮询), each as last started or changed.

use kedacom_mc_models::{
    ConfVmpMemberType, ConfVmpMode, MixMode, PollMode, PollState, Switch, VmpLayout, VmpNameStyle,
};

/// The conference's main composition (the document's vmp 1).
#[derive(Clone, Debug)]
pub(crate) struct Composition {
    pub(crate) mode: ConfVmpMode,
    pub(crate) layout: VmpLayout,
    pub(crate) broadcast: Switch,
    pub(crate) voice_hint: Switch,
    pub(crate) show_mt_name: Switch,
    pub(crate) name_style: Option<VmpNameStyle>,
    pub(crate) channels: Vec<Channel>,
    /// The batch poll (批量轮询) through the channels.
    pub(crate) poll: Option<Rotation>,
}

/// One channel of a composition.
#[derive(Clone, Debug)]
pub(crate) struct Channel {
    pub(crate) chn_idx: i64,
    pub(crate) member_type: ConfVmpMemberType,
    /// Empty for a channel that follows someone or polls.
    pub(crate) mt_id: String,
    pub(crate) mt_chn_idx: i64,
    pub(crate) poll: Option<Rotation>,
}

/// Terminals shown one after the other.
#[derive(Clone, Debug)]
pub(crate) struct Rotation {
    /// Rounds (0: endless).
    pub(crate) num: i64,
    /// Seconds each is shown.
    pub(crate) keep_time: i64,
    pub(crate) poll_index: Option<i64>,
    pub(crate) members: Vec<String>,
}

impl Composition {
    /// Whether a terminal has a channel of its own.
    pub(crate) fn has(&self, mt_id: &str) -> bool {
        self.channels.iter().any(|c| c.mt_id == mt_id)
    }

    /// Every terminal the composition names: in a channel, or in a poll.
    pub(crate) fn named(&self) -> impl Iterator<Item = &str> {
        let polls = self.channels.iter().filter_map(|c| c.poll.as_ref()).chain(self.poll.as_ref());
        let polled = polls.flat_map(|p| p.members.iter().map(String::as_str));
        self.channels.iter().map(|c| c.mt_id.as_str()).filter(|id| !id.is_empty()).chain(polled)
    }

    /// A terminal that leaves the conference leaves its channel empty and drops out of the polls.
    pub(crate) fn forget(&mut self, mt_id: &str) {
        for channel in &mut self.channels {
            if channel.mt_id == mt_id {
                channel.mt_id.clear();
            }
            if let Some(poll) = &mut channel.poll {
                poll.members.retain(|m| m != mt_id);
            }
        }
        if let Some(poll) = &mut self.poll {
            poll.members.retain(|m| m != mt_id);
        }
    }
}

/// The conference's main mixer (the document's mix 1).
#[derive(Clone, Debug)]
pub(crate) struct Mix {
    pub(crate) mode: MixMode,
    pub(crate) members: Vec<String>,
}

/// The conference poll.
#[derive(Clone, Debug)]
pub(crate) struct Poll {
    pub(crate) mode: PollMode,
    pub(crate) state: PollState,
    pub(crate) num: i64,
    pub(crate) keep_time: i64,
    pub(crate) poll_index: i64,
    pub(crate) members: Vec<String>,
}

impl Poll {
    /// The terminal shown now: the one at the poll's position (counted from 1), the first when it
    /// is past the end.
    pub(crate) fn current(&self) -> Option<&str> {
        let at = usize::try_from(self.poll_index.saturating_sub(1)).unwrap_or(0);
        self.members.get(at).or(self.members.first()).map(String::as_str)
    }
}
