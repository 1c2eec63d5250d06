//! A stored body read as another shape: the objects of the API share their fields' wire names, so
//! a conference's settings read as a detail reply, or a template's body as a conference's, keep
//! every field both shapes list and only those.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::codes::SYSTEM_ERROR;
use crate::error::PlatformError;

/// A generated object; it keeps undocumented fields (and fields sent as null) in `extra`, which a
/// shape read from another must not carry over.
pub(super) trait Shape: Serialize + DeserializeOwned {
    fn extra(&mut self) -> &mut kedacom_mc_models::Extra;
}

macro_rules! shape {
    ($($t:ty),*) => {$(
        impl Shape for $t {
            fn extra(&mut self) -> &mut kedacom_mc_models::Extra {
                &mut self.extra
            }
        }
    )*};
}

shape!(
    kedacom_mc_models::CreateConfParams,
    kedacom_mc_models::CreateVirtualMeetingRoomParams,
    kedacom_mc_models::GetMeetingReply,
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

#[cfg(test)]
shape!(kedacom_mc_models::Meeting);

fn fields(object: &impl Serialize) -> Result<Map<String, Value>, PlatformError> {
    match serde_json::to_value(object) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(PlatformError::detailed(SYSTEM_ERROR, format!("settings are an object, not {other}"))),
        Err(e) => Err(PlatformError::detailed(SYSTEM_ERROR, e)),
    }
}

fn read<T: Shape>(fields: Map<String, Value>) -> Result<T, PlatformError> {
    // Fails only when both shapes list a field with types that don't convert: a spec change the
    // mock must follow.
    let mut shown =
        serde_json::from_value::<T>(Value::Object(fields)).map_err(|e| PlatformError::detailed(SYSTEM_ERROR, e))?;
    shown.extra().clear();
    Ok(shown)
}

/// `object`'s fields that `T` lists, as `T`.
pub(super) fn project<T: Shape>(object: &impl Serialize) -> Result<T, PlatformError> {
    read(fields(object)?)
}

/// Whether a field sent as null in the later settings clears the earlier one's value.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Nulls {
    Clear,
    Skip,
}

/// `later`'s fields over `earlier`'s, as `T`.
pub(super) fn overlaid<T: Shape>(
    earlier: &impl Serialize,
    later: &impl Serialize,
    nulls: Nulls,
) -> Result<T, PlatformError> {
    let mut merged = fields(earlier)?;
    merged.extend(fields(later)?.into_iter().filter(|(_, v)| nulls == Nulls::Clear || !v.is_null()));
    read(merged)
}
