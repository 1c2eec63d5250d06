//! What the platform offers: its conference resources and the platforms a user may create on.

use kedacom_mc_models::{GetResourcesReply, ListPlatformsReply, MaxJoinMt, Resource, ResourceType};

use super::{send, Done};
use crate::error::PlatformError;
use crate::state::Platform;

/// One resource per conference size; `used` counts the running conferences of that size.
pub(super) fn resources(p: &Platform) -> Result<Done, PlatformError> {
    let resources = MaxJoinMt::KNOWN
        .iter()
        .filter_map(|size| {
            let n = size.as_i64()?;
            Some(Resource {
                name: size.label().map(str::to_owned),
                max_join_mt: Some(size.clone()),
                total: Some(p.config.conferences_per_size),
                used: Some(p.meetings.running_of_size(n)),
                ..Default::default()
            })
        })
        .collect();
    send(GetResourcesReply {
        success: Some(1),
        resource_type: Some(ResourceType::PartiesOnly),
        resources: Some(resources),
        ..Default::default()
    })
}

pub(super) fn platforms(p: &Platform) -> Result<Done, PlatformError> {
    send(ListPlatformsReply { success: Some(1), platforms: Some(p.config.platforms.clone()), ..Default::default() })
}
