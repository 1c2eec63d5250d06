//! The operations, one module per resource group. Each takes a valid request and the platform's
//! data, and gives the reply or the platform's refusal.

mod areas;
mod booked;
mod confs;
mod details;
mod files;
mod info;
mod meetings;
mod rooms;
mod system;
mod templates;

use std::time::Instant;

use kedacom_mc_models::AnyRequest;
use serde::Serialize;
use serde_json::Value;

use crate::clock::Time;
use crate::codes::SYSTEM_ERROR;
use crate::error::PlatformError;
use crate::state::Platform;

pub use confs::CreatedConf;

/// What a call comes with besides its request.
pub(crate) struct Ctx {
    /// The logged-in user, for calls that need a login.
    pub(crate) user: Option<String>,
    pub(crate) now: Instant,
    pub(crate) wall: Time,
}

impl Ctx {
    /// The user the call acts as; calls without a login act as nobody in particular.
    fn user(&self) -> &str {
        self.user.as_deref().unwrap_or_default()
    }
}

/// A carried-out call.
pub(crate) struct Done {
    pub(crate) body: Value,
    /// A login cookie to set.
    pub(crate) cookie: Option<String>,
}

pub(crate) fn run(p: &mut Platform, request: AnyRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    match request {
        AnyRequest::GetToken(r) => system::get_token(p, &r, ctx),
        AnyRequest::TokenHeartbeat(_) | AnyRequest::UserHeartbeat(_) => system::heartbeat(),
        AnyRequest::Login(r) => system::login(p, &r, ctx),
        AnyRequest::GetSystemVersion(_) => system::system_version(p),
        AnyRequest::GetMcVersion(_) => system::mc_version(p),
        AnyRequest::ListBookedConfs(r) => booked::list(p, &r, ctx),
        AnyRequest::GetBookedConf(r) => booked::get(p, &r.conf_id),
        AnyRequest::BookConf(r) => {
            let made = booked::book(p, &r.params, ctx.user(), ctx.wall)?;
            send(kedacom_mc_models::BookConfReply {
                success: Some(1),
                conf_id: Some(made.conf_id),
                meeting_id: Some(made.meeting_id),
                ..Default::default()
            })
        }
        AnyRequest::UpdateBookedConf(r) => booked::update(p, &r.conf_id, &r.params, ctx),
        AnyRequest::DeleteBookedConf(r) => booked::delete(p, &r.conf_id),
        AnyRequest::ValidateConfName(r) => confs::validate_name(p, &r, ctx),
        AnyRequest::CreateConf(r) => {
            let made = confs::create(p, &r.params, ctx.user(), ctx.wall)?;
            send(kedacom_mc_models::CreateConfReply {
                success: Some(1),
                conf_id: Some(made.conf_id),
                meeting_id: Some(made.meeting_id),
                ..Default::default()
            })
        }
        AnyRequest::EndConf(r) => confs::end(p, &r.conf_id, ctx),
        AnyRequest::UploadMeetingFile(r) => files::upload_reply(p, &r, ctx),
        AnyRequest::DeleteMeetingFile(r) => files::delete(p, &r.file_id),
        AnyRequest::ListMeetingFiles(r) => files::list(p, &r.meeting_id),
        AnyRequest::ListMeetingRoomAreas(r) => areas::list(p, &r),
        AnyRequest::CreateMeetingRoomArea(r) => areas::create(p, &r),
        AnyRequest::UpdateMeetingRoomArea(r) => areas::update(p, &r),
        AnyRequest::DeleteMeetingRoomArea(r) => areas::delete(p, &r.id),
        AnyRequest::ListMeetings(r) => meetings::list(p, &r, ctx),
        AnyRequest::GetMeeting(r) => meetings::get(p, &r.meeting_id),
        AnyRequest::GetResources(_) => info::resources(p),
        AnyRequest::ListPlatforms(_) => info::platforms(p),
        AnyRequest::CreateVirtualMeetingRoom(r) => {
            let id = rooms::create(p, &r.params, ctx.wall)?;
            send(kedacom_mc_models::CreateVirtualMeetingRoomReply {
                success: Some(1),
                id: Some(id),
                ..Default::default()
            })
        }
        AnyRequest::UpdateVirtualMeetingRoom(r) => rooms::update(p, &r),
        AnyRequest::DeleteVirtualMeetingRoom(r) => rooms::delete(p, &r.id),
        AnyRequest::ListVirtualMeetingRooms(r) => rooms::list(p, &r),
        AnyRequest::GetVirtualMeetingRoom(r) => rooms::get(p, &r.id),
        AnyRequest::ListPersonalTemplates(r) => templates::list_personal(p, &r),
        AnyRequest::GetPersonalTemplate(r) => templates::get_personal(p, &r.id),
        AnyRequest::CreatePersonalTemplate(r) => templates::create_personal_reply(p, &r.params),
        AnyRequest::UpdatePersonalTemplate(r) => templates::update_personal(p, &r),
        AnyRequest::DeletePersonalTemplate(r) => templates::delete_personal(p, &r.id),
        AnyRequest::GetPersonalTemplateSimple(r) => templates::get_personal_simple(p, &r.id),
        AnyRequest::GetPersonalTemplateInviteMembers(r) => templates::get_personal_invite_members(p, &r),
        AnyRequest::GetPersonalTemplateMix(r) => templates::get_personal_mix(p, &r),
        AnyRequest::GetPersonalTemplateVmp(r) => templates::get_personal_vmp(p, &r),
        AnyRequest::GetPersonalTemplatePoll(r) => templates::get_personal_poll(p, &r),
        AnyRequest::GetPersonalTemplateVips(r) => templates::get_personal_vips(p, &r),
        AnyRequest::ListPublicTemplates(r) => templates::list_public(p, &r),
        AnyRequest::GetPublicTemplate(r) => templates::get_public(p, &r.id),
        AnyRequest::CreatePublicTemplate(r) => templates::create_public_reply(p, &r.params),
        AnyRequest::UpdatePublicTemplate(r) => templates::update_public(p, &r),
        AnyRequest::DeletePublicTemplate(r) => templates::delete_public(p, &r.id),
        // The meeting-control endpoints are in the spec before the mock carries them out: it
        // refuses them rather than pretend they worked.
        other => Err(PlatformError::detailed(
            SYSTEM_ERROR,
            format!("the mock does not carry out `{}`", other.info().operation),
        )),
    }
}

/// A typed reply as the JSON to send.
pub(crate) fn send(reply: impl Serialize) -> Result<Done, PlatformError> {
    match serde_json::to_value(reply) {
        Ok(body) => Ok(Done { body, cookie: None }),
        Err(e) => Err(PlatformError::detailed(SYSTEM_ERROR, e)),
    }
}

/// `{"success":1}` (the reply of calls that report nothing else).
pub(crate) fn succeeded() -> Result<Done, PlatformError> {
    Ok(Done { body: serde_json::json!({ "success": 1 }), cookie: None })
}

// The seeding API of the handle goes through the same operations as the endpoints.
pub(crate) use areas::create_named as create_area;
pub(crate) use booked::book;
pub(crate) use confs::create as create_conf;
pub(crate) use files::upload;
pub(crate) use rooms::create as create_room;
pub(crate) use templates::{create_personal as create_personal_template, create_public as create_public_template};
