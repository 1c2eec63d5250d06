//! A conference's control record as meeting control first sees it, made from the conference's own
//! settings, and when a called terminal answers.

use kedacom_mc_models::{AccountType, CallProtocol, Member, MtCallMode, Switch};

use super::{Control, Terminal};
use crate::clock::Time;
use crate::config::Config;
use crate::state::meetings::Meeting;

impl Control {
    /// Its invitees called when it started (each online once the delay has passed since then), its
    /// chairman and speaker among them, mute and silence as it was made with.
    pub(crate) fn from_meeting(meeting: &Meeting, config: &Config) -> Control {
        let params = &meeting.settings;
        let mut control = Control::new(&meeting.meeting_id);
        let call_mode =
            params.call_mode.as_ref().and_then(|m| m.as_i64()).map_or(MtCallMode::Manual, MtCallMode::from_wire);
        for invitee in params.invite_members.iter().flatten() {
            let account = invitee.account.clone().unwrap_or_default();
            control.terminals.add(Terminal {
                mt_id: String::new(),
                alias: invitee.name.clone().unwrap_or_else(|| account.clone()),
                online_at: answers_at(config, &account, meeting.start),
                account,
                account_type: invitee.account_type.clone().unwrap_or(AccountType::E164),
                bitrate: invitee.bitrate.or(params.bitrate).unwrap_or_default(),
                protocol: invitee.protocol.clone().unwrap_or(CallProtocol::H323),
                call_mode: call_mode.clone(),
                mute: on(&params.mute),
                silence: on(&params.silence),
            });
        }
        let role = |member: &Option<Member>| {
            let account = member.as_ref()?.account.as_deref()?;
            Some(control.terminals.by_account(account)?.mt_id.clone())
        };
        let (chairman, speaker) = (role(&params.chairman), role(&params.speaker));
        control.chairman = chairman;
        control.speaker = speaker;
        control.mute = on(&params.mute);
        control.silence = on(&params.silence);
        control.mute_spares_roles = on(&params.mute_filter);
        control
    }
}

pub(crate) fn on(switch: &Option<Switch>) -> bool {
    switch.as_ref().is_some_and(Switch::is_on)
}

/// When a terminal called at `now` comes online: after the configured delay, or never for an
/// account the mock was told does not answer.
pub(crate) fn answers_at(config: &Config, account: &str, now: Time) -> Option<Time> {
    if config.unreachable_mts.contains(account) {
        return None;
    }
    Some(now.saturating_add(time::Duration::try_from(config.mt_online_delay).unwrap_or(time::Duration::MAX)))
}
