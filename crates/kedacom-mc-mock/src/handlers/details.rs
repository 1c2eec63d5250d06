//! Replies that show a stored meeting, room or template: the settings it was made with, as sent, plus what
//! the platform adds (ids, state, times, creator), read into the reply type so that only the
//! fields the document lists for that reply go out.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::clock;
use crate::codes::SYSTEM_ERROR;
use crate::error::PlatformError;
use crate::state::meetings::Meeting;
use crate::state::rooms::Room;
use crate::state::Platform;

/// Reply types (all generated objects) keep undocumented fields in `extra`; a reply built from
/// stored settings must not send those.
pub(super) trait Shown: DeserializeOwned {
    fn extra(&mut self) -> &mut Map<String, Value>;
}

macro_rules! shown {
    ($($t:ty),*) => {$(
        impl Shown for $t {
            fn extra(&mut self) -> &mut Map<String, Value> {
                &mut self.extra
            }
        }
    )*};
}

shown!(
    kedacom_mc_models::GetMeetingReply,
    kedacom_mc_models::Meeting,
    kedacom_mc_models::GetBookedConfReply,
    kedacom_mc_models::BookedConf,
    kedacom_mc_models::GetVirtualMeetingRoomReply,
    kedacom_mc_models::VirtualMeetingRoom,
    kedacom_mc_models::PersonalTemplateSummary,
    kedacom_mc_models::GetPersonalTemplateReply,
    kedacom_mc_models::GetPersonalTemplateSimpleReply,
    kedacom_mc_models::PublicTemplateSummary,
    kedacom_mc_models::GetPublicTemplateReply
);

/// The fields as the reply type `T`.
pub(super) fn shape<T: Shown>(fields: Map<String, Value>) -> Result<T, PlatformError> {
    match serde_json::from_value::<T>(Value::Object(fields)) {
        Ok(mut shown) => {
            shown.extra().clear();
            Ok(shown)
        }
        Err(e) => Err(PlatformError::detailed(SYSTEM_ERROR, e)),
    }
}

/// Everything known about a meeting, under the names the meeting and booked-conference replies
/// use.
pub(super) fn meeting(p: &Platform, m: &Meeting) -> Map<String, Value> {
    let offset = p.config.utc_offset;
    let mut out = m.settings.clone();
    let invited: Vec<Value> = m.settings.get("invite_members").and_then(Value::as_array).cloned().unwrap_or_default();
    let members: Vec<Value> = invited
        .iter()
        .map(|i| {
            let mut member = Map::new();
            for key in ["name", "account", "account_type"] {
                if let Some(v) = i.get(key) {
                    member.insert(key.to_owned(), v.clone());
                }
            }
            Value::Object(member)
        })
        .collect();
    let has = |key: &str| Value::from(i64::from(m.settings.get(key).is_some_and(|v| !v.is_null())));
    let mut put = |key: &str, value: Value| {
        out.insert(key.to_owned(), value);
    };
    put("success", Value::from(1));
    put("name", Value::from(m.name.as_str()));
    put("conf_id", Value::from(m.conf_id.as_str()));
    put("meeting_id", Value::from(m.meeting_id.as_str()));
    put("state", serde_json::to_value(m.phase.state()).unwrap_or(Value::Null));
    put("start_time", Value::from(clock::format(m.start, offset)));
    if let Some(end) = m.end {
        put("end_time", Value::from(clock::format(end, offset)));
    }
    put("duration", Value::from(m.duration));
    put("video", Value::from(1));
    put("video_meeting", Value::from(1));
    put("creator", serde_json::to_value(&m.creator).unwrap_or(Value::Null));
    put("invited_mt_num", Value::from(invited.len()));
    put("members", Value::Array(members));
    put("vmp_enable", has("vmp"));
    put("mix_enable", has("mix"));
    put("poll_enable", has("poll"));
    put("rooms", Value::Array(Vec::new()));
    out
}

/// Everything known about a virtual meeting room, under the names the room replies use.
pub(super) fn room(r: &Room) -> Map<String, Value> {
    let mut out = r.settings.clone();
    let resolution = r.settings.get("video_formats").and_then(|f| f.get(0)).and_then(|f| f.get("resolution")).cloned();
    let mut put = |key: &str, value: Value| {
        out.insert(key.to_owned(), value);
    };
    put("success", Value::from(1));
    put("id", Value::from(r.id.as_str()));
    put("name", Value::from(r.name.as_str()));
    put("e164", Value::from(r.e164.as_str()));
    put("status", serde_json::to_value(r.shown_status()).unwrap_or(Value::Null));
    if let Some(name) = &r.conf_name {
        put("conf_name", Value::from(name.as_str()));
    }
    if let Some(resolution) = resolution {
        put("resolution", resolution);
    }
    out
}
