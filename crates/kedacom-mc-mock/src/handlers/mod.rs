//! The operations, one module per resource group. Each stateful handler takes a valid request of
//! its type and the platform's data, and gives the reply or the platform's refusal; it is
//! registered below for that type. Every endpoint without one gets [`default`]'s answer from the
//! spec: the generated dispatch picks, per endpoint, whichever exists.

mod areas;
mod booked;
mod confs;
mod default;
mod details;
mod failures;
mod files;
mod info;
mod meetings;
mod rooms;
mod settings;
mod system;
mod templates;
mod vc;
mod vc_confs;
mod vc_mixs;
mod vc_mts;
mod vc_polls;
mod vc_recorders;
mod vc_roles;
mod vc_vmps;

use std::marker::PhantomData;
use std::time::Instant;

use kedacom_mc_models::*;
use serde::Serialize;

use crate::clock::Time;
use crate::endpoint::Mocked;
use crate::error::PlatformError;
use crate::reply::Body;
use crate::state::Platform;

pub use confs::CreatedConf;
pub(crate) use failures::reportable;

/// What a call comes with besides its request.
pub(crate) struct Ctx<'a> {
    /// The logged-in user, for calls that need a login.
    pub(crate) user: Option<String>,
    /// The `account_token` the call came with (a login is bound to it).
    pub(crate) token: Option<&'a str>,
    pub(crate) now: Instant,
    pub(crate) wall: Time,
    /// The error code the operation fails with after its success reply, when a rule says so
    /// (only calls with a failure notification get one).
    pub(crate) fails: Option<i64>,
}

impl Ctx<'_> {
    /// The user the call acts as; calls without a login act as nobody in particular.
    fn user(&self) -> &str {
        self.user.as_deref().unwrap_or_default()
    }
}

/// A carried-out call: the reply's fields (its `success` is set for every reply in one place,
/// when it is sent).
pub(crate) struct Done {
    pub(crate) body: Body,
    /// A login cookie to set.
    pub(crate) cookie: Option<String>,
}

/// A stateful handler of requests of type `R`.
pub(crate) trait Handler<R> {
    fn handle(p: &mut Platform, request: &R, ctx: &Ctx) -> Result<Done, PlatformError>;
}

/// The implementor of [`Handler`] for every request type that has a stateful handler.
pub(crate) struct Stateful;

/// Registers each function as the stateful handler of its request type.
macro_rules! stateful {
    ($($request:ident => $handler:path,)*) => {$(
        impl Handler<$request> for Stateful {
            fn handle(p: &mut Platform, request: &$request, ctx: &Ctx) -> Result<Done, PlatformError> {
                $handler(p, request, ctx)
            }
        }
    )*};
}

// The heartbeats have no handler: the session check before every call keeps the token (and the
// login) alive, and the documented reply is a bare success, which is the default.
stateful! {
    GetTokenRequest => system::get_token,
    LoginRequest => system::login,
    GetSystemVersionRequest => system::system_version,
    GetMcVersionRequest => system::mc_version,
    ListBookedConfsRequest => booked::list,
    GetBookedConfRequest => booked::get,
    BookConfRequest => booked::book_reply,
    UpdateBookedConfRequest => booked::update,
    DeleteBookedConfRequest => booked::delete,
    ValidateConfNameRequest => confs::validate_name,
    CreateConfRequest => confs::create_reply,
    EndConfRequest => confs::end,
    UploadMeetingFileRequest => files::upload_reply,
    DeleteMeetingFileRequest => files::delete,
    ListMeetingFilesRequest => files::list,
    ListMeetingRoomAreasRequest => areas::list,
    CreateMeetingRoomAreaRequest => areas::create,
    UpdateMeetingRoomAreaRequest => areas::update,
    DeleteMeetingRoomAreaRequest => areas::delete,
    ListMeetingsRequest => meetings::list,
    GetMeetingRequest => meetings::get,
    GetResourcesRequest => info::resources,
    ListPlatformsRequest => info::platforms,
    CreateVirtualMeetingRoomRequest => rooms::create_reply,
    UpdateVirtualMeetingRoomRequest => rooms::update,
    DeleteVirtualMeetingRoomRequest => rooms::delete,
    ListVirtualMeetingRoomsRequest => rooms::list,
    GetVirtualMeetingRoomRequest => rooms::get,
    ListPersonalTemplatesRequest => templates::list_personal,
    GetPersonalTemplateRequest => templates::get_personal,
    CreatePersonalTemplateRequest => templates::create_personal_reply,
    UpdatePersonalTemplateRequest => templates::update_personal,
    DeletePersonalTemplateRequest => templates::delete_personal,
    GetPersonalTemplateSimpleRequest => templates::get_personal_simple,
    GetPersonalTemplateInviteMembersRequest => templates::get_personal_invite_members,
    GetPersonalTemplateMixRequest => templates::get_personal_mix,
    GetPersonalTemplateVmpRequest => templates::get_personal_vmp,
    GetPersonalTemplatePollRequest => templates::get_personal_poll,
    GetPersonalTemplateVipsRequest => templates::get_personal_vips,
    ListPublicTemplatesRequest => templates::list_public,
    GetPublicTemplateRequest => templates::get_public,
    CreatePublicTemplateRequest => templates::create_public_reply,
    UpdatePublicTemplateRequest => templates::update_public,
    DeletePublicTemplateRequest => templates::delete_public,
    // Meeting control (会控API): one conference state behind both documents.
    ListConfsRequest => vc_confs::list,
    GetConfRequest => vc_confs::get,
    SetConfMuteRequest => vc_confs::set_mute,
    SetConfSilenceRequest => vc_confs::set_silence,
    ExtendConfRequest => vc_confs::extend,
    RenameConfRequest => vc_confs::rename,
    ListMtsRequest => vc_mts::list,
    GetMtRequest => vc_mts::get,
    AddMtsRequest => vc_mts::add,
    RemoveMtsRequest => vc_mts::remove,
    CallMtsRequest => vc_mts::call,
    HangUpMtsRequest => vc_mts::hang_up,
    SetMtMuteRequest => vc_mts::set_mute,
    SetMtSilenceRequest => vc_mts::set_silence,
    SetMtCallModeRequest => vc_mts::set_call_mode,
    GetChairmanRequest => vc_roles::get_chairman,
    SetChairmanRequest => vc_roles::set_chairman,
    GetSpeakerRequest => vc_roles::get_speaker,
    SetSpeakerRequest => vc_roles::set_speaker,
    GetDualStreamRequest => vc_roles::get_dual_stream,
    SetDualStreamRequest => vc_roles::set_dual_stream,
    CancelDualStreamRequest => vc_roles::cancel_dual_stream,
    StartVmpRequest => vc_vmps::start,
    UpdateVmpRequest => vc_vmps::update,
    StopVmpRequest => vc_vmps::stop,
    GetVmpRequest => vc_vmps::get,
    StartMixRequest => vc_mixs::start,
    StopMixRequest => vc_mixs::stop,
    GetMixRequest => vc_mixs::get,
    AddMixMembersRequest => vc_mixs::add_members,
    RemoveMixMembersRequest => vc_mixs::remove_members,
    StartPollRequest => vc_polls::start,
    SetPollStateRequest => vc_polls::set_state,
    GetPollRequest => vc_polls::get,
    StartRecordingRequest => vc_recorders::start,
    GetRecorderRequest => vc_recorders::get,
    ListRecordersRequest => vc_recorders::list,
    SetRecorderStateRequest => vc_recorders::set_state,
    StopRecordingRequest => vc_recorders::stop,
}

/// An endpoint's handler slot. The generated dispatch calls `Slot::<R>::REF.answer(…)` with the
/// concrete request type: method lookup on the `&Slot<R>` finds [`ViaHandler`] (on `Slot<R>`)
/// first, and it exists only where `Stateful: Handler<R>`; else it goes on to [`ViaDefault`] (on
/// `&Slot<R>`). Which handler an endpoint gets is thus decided at compile time, by the
/// registrations above.
pub(crate) struct Slot<R>(PhantomData<fn(&R)>);

impl<R: 'static> Slot<R> {
    pub(crate) const REF: &'static Self = &Slot(PhantomData);
}

pub(crate) trait ViaHandler<R> {
    fn answer(&self, p: &mut Platform, request: &R, ctx: &Ctx) -> Result<Done, PlatformError>;
}

impl<R> ViaHandler<R> for Slot<R>
where
    Stateful: Handler<R>,
{
    fn answer(&self, p: &mut Platform, request: &R, ctx: &Ctx) -> Result<Done, PlatformError> {
        Stateful::handle(p, request, ctx)
    }
}

pub(crate) trait ViaDefault<R> {
    fn answer(&self, p: &mut Platform, request: &R, ctx: &Ctx) -> Result<Done, PlatformError>;
}

impl<R: Mocked> ViaDefault<R> for &Slot<R> {
    fn answer(&self, p: &mut Platform, request: &R, ctx: &Ctx) -> Result<Done, PlatformError> {
        vc::check_conference(p, request)?;
        if let Some(code) = ctx.fails {
            failures::of_default(&mut p.events, request, code);
        }
        default::answer::<R>()
    }
}

/// A typed reply to send.
pub(crate) fn send(reply: impl Serialize + Send + 'static) -> Result<Done, PlatformError> {
    Ok(Done { body: Body::new(reply), cookie: None })
}

/// The reply of calls that report nothing but their success.
pub(crate) fn succeeded() -> Result<Done, PlatformError> {
    Ok(Done { body: Body::encoded("{}".to_owned()), cookie: None })
}

// The seeding API of the handle goes through the same operations as the endpoints.
pub(crate) use areas::create_named as create_area;
pub(crate) use booked::book;
pub(crate) use confs::create as create_conf;
pub(crate) use files::upload;
pub(crate) use rooms::create as create_room;
pub(crate) use templates::{create_personal as create_personal_template, create_public as create_public_template};
