//! What the platform offers: its conference resources and the platforms a user may create on.

use kedacom_mc_models::{
    GetResourcesReply, GetResourcesRequest, ListPlatformsReply, ListPlatformsRequest, MaxJoinMt, Resource, ResourceType,
};

use super::{send, Ctx, Done};
use crate::error::PlatformError;
use crate::state::Platform;

/// One resource per conference size; `used` counts the running conferences of that size.
pub(super) fn resources(p: &Platform, _: &GetResourcesRequest, _: &Ctx) -> Result<Done, PlatformError> {
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
        resource_type: Some(ResourceType::PartiesOnly),
        resources: Some(resources),
        ..Default::default()
    })
}

pub(super) fn platforms(p: &Platform, _: &ListPlatformsRequest, _: &Ctx) -> Result<Done, PlatformError> {
    send(ListPlatformsReply { platforms: Some(p.config.platforms.clone()), ..Default::default() })
}
