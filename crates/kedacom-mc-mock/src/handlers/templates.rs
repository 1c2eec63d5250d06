//! Conference templates. Personal templates are created, listed by when they last changed, shown
//! whole, in brief or one part at a time (invitees, mixing, composition, poll, vips), changed and
//! deleted; public templates the same without the part reads. A conference started from either
//! takes its settings from the stored body (see `confs`).

use super::details::resolution;
use super::settings::project;
use super::{send, Ctx, Done};
use crate::codes::{TEMPLATE_LIMIT, TEMPLATE_NOT_FOUND};
use crate::error::PlatformError;
use crate::paging;
use crate::state::templates::{Store, Template};
use crate::state::Platform;
use kedacom_mc_models::{
    CreateConfParams, CreatePersonalTemplateReply, CreatePersonalTemplateRequest, CreatePublicTemplateReply,
    CreatePublicTemplateRequest, DeletePersonalTemplateReply, DeletePersonalTemplateRequest, DeletePublicTemplateReply,
    DeletePublicTemplateRequest, EndpointInfo, GetPersonalTemplateInviteMembersReply,
    GetPersonalTemplateInviteMembersRequest, GetPersonalTemplateMixReply, GetPersonalTemplateMixRequest,
    GetPersonalTemplatePollReply, GetPersonalTemplatePollRequest, GetPersonalTemplateReply, GetPersonalTemplateRequest,
    GetPersonalTemplateSimpleReply, GetPersonalTemplateSimpleRequest, GetPersonalTemplateVipsReply,
    GetPersonalTemplateVipsRequest, GetPersonalTemplateVmpReply, GetPersonalTemplateVmpRequest, GetPublicTemplateReply,
    GetPublicTemplateRequest, ListPersonalTemplatesRequest, ListPublicTemplatesRequest, MixSettings,
    PersonalTemplateParams, PersonalTemplateSummary, PublicTemplateParams, PublicTemplateSummary, SortOrder, Switch,
    TemplateInviteMember, TemplatePollReply, TemplateVmpSettings, UpdatePersonalTemplateReply,
    UpdatePersonalTemplateRequest, UpdatePublicTemplateReply, UpdatePublicTemplateRequest,
};

fn not_found(id: &str) -> PlatformError {
    PlatformError::detailed(TEMPLATE_NOT_FOUND, format!("no template has the id {id:?}"))
}

fn room_for_one<P>(store: &Store<P>, max: usize) -> Result<(), PlatformError> {
    if store.len() >= max {
        return Err(PlatformError::detailed(TEMPLATE_LIMIT, format!("{max} templates of this kind exist")));
    }
    Ok(())
}

fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// The body as kept: each field left out reads as its documented default (no audio formats reads
/// as the empty list, both meaning every format).
fn personal_body(params: &PersonalTemplateParams) -> PersonalTemplateParams {
    let mut body = params.clone();
    body.fill_defaults();
    body
}

/// As [`personal_body`]; and `silence`, which a public template cannot set yet (every public
/// template reply says so), reads 0 whatever was sent.
fn public_body(params: &PublicTemplateParams) -> PublicTemplateParams {
    let mut body = params.clone();
    body.fill_defaults();
    body.silence = Some(0);
    body
}

/// Whether the template asks for a conference number of its own.
fn binds_number(params: &PersonalTemplateParams) -> bool {
    params.bind_e164.as_ref().is_some_and(Switch::is_on)
}

pub(crate) fn create_personal(p: &mut Platform, params: &PersonalTemplateParams) -> Result<String, PlatformError> {
    room_for_one(&p.templates.personal, p.config.max_templates)?;
    let e164 = binds_number(params).then(|| p.next_number());
    let step = p.templates.next_step();
    let id = new_id();
    let body = personal_body(params);
    p.templates.personal.add(Template { id: id.clone(), params: body, e164, created: step, modified: step });
    Ok(id)
}

pub(crate) fn create_public(p: &mut Platform, params: &PublicTemplateParams) -> Result<String, PlatformError> {
    room_for_one(&p.templates.public, p.config.max_templates)?;
    let step = p.templates.next_step();
    let id = new_id();
    let body = public_body(params);
    p.templates.public.add(Template { id: id.clone(), params: body, e164: None, created: step, modified: step });
    Ok(id)
}

pub(super) fn create_personal_reply(
    p: &mut Platform,
    r: &CreatePersonalTemplateRequest,
    _: &Ctx,
) -> Result<Done, PlatformError> {
    let id = create_personal(p, &r.params)?;
    send(CreatePersonalTemplateReply { template_id: Some(id), ..Default::default() })
}

pub(super) fn create_public_reply(
    p: &mut Platform,
    r: &CreatePublicTemplateRequest,
    _: &Ctx,
) -> Result<Done, PlatformError> {
    let id = create_public(p, &r.params)?;
    send(CreatePublicTemplateReply { template_id: Some(id), ..Default::default() })
}

/// An update replaces the whole body. The conference number stays while the template keeps asking
/// for one, and goes when it stops.
pub(super) fn update_personal(
    p: &mut Platform,
    r: &UpdatePersonalTemplateRequest,
    _: &Ctx,
) -> Result<Done, PlatformError> {
    let kept = p.templates.personal.get(&r.id).ok_or_else(|| not_found(&r.id))?.e164.clone();
    let e164 = match (binds_number(&r.params), kept) {
        (false, _) => None,
        (true, Some(number)) => Some(number),
        (true, None) => Some(p.next_number()),
    };
    let step = p.templates.next_step();
    let t = p.templates.personal.get_mut(&r.id).ok_or_else(|| not_found(&r.id))?;
    t.params = personal_body(&r.params);
    t.e164 = e164;
    t.modified = step;
    send(UpdatePersonalTemplateReply { template_id: Some(r.id.clone()), ..Default::default() })
}

pub(super) fn update_public(p: &mut Platform, r: &UpdatePublicTemplateRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let step = p.templates.next_step();
    let t = p.templates.public.get_mut(&r.id).ok_or_else(|| not_found(&r.id))?;
    t.params = public_body(&r.params);
    t.modified = step;
    send(UpdatePublicTemplateReply { template_id: Some(r.id.clone()), ..Default::default() })
}

/// Conferences already started from the template go on.
pub(super) fn delete_personal(
    p: &mut Platform,
    r: &DeletePersonalTemplateRequest,
    _: &Ctx,
) -> Result<Done, PlatformError> {
    let id = r.id.as_str();
    if !p.templates.personal.remove(id) {
        return Err(not_found(id));
    }
    send(DeletePersonalTemplateReply { ..Default::default() })
}

pub(super) fn delete_public(p: &mut Platform, r: &DeletePublicTemplateRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let id = r.id.as_str();
    if !p.templates.public.remove(id) {
        return Err(not_found(id));
    }
    send(DeletePublicTemplateReply { ..Default::default() })
}

fn total(n: usize) -> Option<i64> {
    Some(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Personal templates by when they last changed, as documented: the body, the id, the number set
/// aside, and the resolution of the first video format.
pub(super) fn list_personal(p: &Platform, r: &ListPersonalTemplatesRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let order = r.order.as_ref().and_then(SortOrder::as_i64);
    paging::rows(p.templates.personal.all()).sorted(order, |t| t.modified).reply(r, |t| {
        Ok(PersonalTemplateSummary {
            template_id: Some(t.id.clone()),
            e164: t.e164.clone(),
            resolution: resolution(t.params.video_formats.as_ref()),
            ..project(&t.params)?
        })
    })
}

/// Public templates by when they were created, as documented.
pub(super) fn list_public(p: &Platform, r: &ListPublicTemplatesRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let order = r.order.as_ref().and_then(SortOrder::as_i64);
    paging::rows(p.templates.public.all()).sorted(order, |t| t.created).reply(r, |t| {
        Ok(PublicTemplateSummary {
            template_id: Some(t.id.clone()),
            resolution: resolution(t.params.video_formats.as_ref()),
            ..project(&t.params)?
        })
    })
}

fn personal<'a>(p: &'a Platform, id: &str) -> Result<&'a Template<PersonalTemplateParams>, PlatformError> {
    p.templates.personal.get(id).ok_or_else(|| not_found(id))
}

pub(super) fn get_personal(p: &Platform, r: &GetPersonalTemplateRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let t = personal(p, &r.id)?;
    send(GetPersonalTemplateReply { template_id: Some(t.id.clone()), e164: t.e164.clone(), ..project(&t.params)? })
}

pub(super) fn get_public(p: &Platform, r: &GetPublicTemplateRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let t = p.templates.public.get(&r.id).ok_or_else(|| not_found(&r.id))?;
    send(GetPublicTemplateReply { template_id: Some(t.id.clone()), ..project(&t.params)? })
}

fn count<T>(list: Option<&Vec<T>>) -> Option<i64> {
    total(list.map_or(0, Vec::len))
}

/// The settings with the number of members of each part in place of the parts. Its `silence` is
/// documented as not settable yet, reading 0, so it reads 0 here whatever the body says.
pub(super) fn get_personal_simple(
    p: &Platform,
    r: &GetPersonalTemplateSimpleRequest,
    _: &Ctx,
) -> Result<Done, PlatformError> {
    let t = personal(p, &r.id)?;
    let body = &t.params;
    send(GetPersonalTemplateSimpleReply {
        template_id: Some(t.id.clone()),
        e164: t.e164.clone(),
        invite_num: count(body.invite_members.as_ref()),
        mix_num: count(body.mix.as_ref().and_then(|m| m.members.as_ref())),
        vmp_num: count(body.vmp.as_ref().and_then(|v| v.members.as_ref())),
        vip_num: count(body.vips.as_ref()),
        poll_num: count(body.poll.as_ref().and_then(|v| v.members.as_ref())),
        silence: Some(0),
        ..project(body)?
    })
}

/// A part's members, paged as the part reads are (`order` is reserved, so it changes nothing), and
/// how many there are in all.
fn members<T: Clone>(
    list: Option<&Vec<T>>,
    info: &EndpointInfo,
    start: Option<i64>,
    count: Option<i64>,
) -> (Option<i64>, Option<Vec<T>>) {
    let all = list.cloned().unwrap_or_default();
    let n = all.len();
    (total(n), list.map(|_| paging::page(all, info, start, count)))
}

/// The invitees without their bitrates, which this reply does not carry.
pub(super) fn get_personal_invite_members(
    p: &Platform,
    r: &GetPersonalTemplateInviteMembersRequest,
    _: &Ctx,
) -> Result<Done, PlatformError> {
    let t = personal(p, &r.id)?;
    let (total, page) = members(t.params.invite_members.as_ref(), paging::info(r), r.start, r.count);
    let invite_members = page.map(|list| {
        list.into_iter()
            .map(|i| TemplateInviteMember {
                name: i.name,
                account: i.account,
                account_type: i.account_type,
                protocol: i.protocol,
                ..Default::default()
            })
            .collect()
    });
    send(GetPersonalTemplateInviteMembersReply {
        template_id: Some(t.id.clone()),
        total,
        invite_members,
        ..Default::default()
    })
}

/// The mixing settings, their members paged; none when the template mixes nobody in particular.
pub(super) fn get_personal_mix(
    p: &Platform,
    r: &GetPersonalTemplateMixRequest,
    _: &Ctx,
) -> Result<Done, PlatformError> {
    let t = personal(p, &r.id)?;
    let mix = t.params.mix.as_ref();
    let (total, page) = members(mix.and_then(|m| m.members.as_ref()), paging::info(r), r.start, r.count);
    let mix = mix.map(|m| MixSettings { members: page, ..m.clone() });
    send(GetPersonalTemplateMixReply { template_id: Some(t.id.clone()), total, mix, ..Default::default() })
}

pub(super) fn get_personal_vmp(
    p: &Platform,
    r: &GetPersonalTemplateVmpRequest,
    _: &Ctx,
) -> Result<Done, PlatformError> {
    let t = personal(p, &r.id)?;
    let vmp = t.params.vmp.as_ref();
    let (total, page) = members(vmp.and_then(|v| v.members.as_ref()), paging::info(r), r.start, r.count);
    let vmp = vmp.map(|v| TemplateVmpSettings { members: page, ..v.clone() });
    send(GetPersonalTemplateVmpReply { template_id: Some(t.id.clone()), total, vmp, ..Default::default() })
}

/// The poll settings with the members under `members`, the table's name (the document's example
/// says `member`; the SDK reads either).
pub(super) fn get_personal_poll(
    p: &Platform,
    r: &GetPersonalTemplatePollRequest,
    _: &Ctx,
) -> Result<Done, PlatformError> {
    let t = personal(p, &r.id)?;
    let poll = t.params.poll.as_ref();
    let (total, page) = members(poll.and_then(|v| v.members.as_ref()), paging::info(r), r.start, r.count);
    let poll = poll.map(|v| TemplatePollReply {
        mode: v.mode.clone(),
        num: v.num,
        keep_time: v.keep_time,
        members: page,
        ..Default::default()
    });
    send(GetPersonalTemplatePollReply { template_id: Some(t.id.clone()), total, poll, ..Default::default() })
}

pub(super) fn get_personal_vips(
    p: &Platform,
    r: &GetPersonalTemplateVipsRequest,
    _: &Ctx,
) -> Result<Done, PlatformError> {
    let t = personal(p, &r.id)?;
    let (total, vips) = members(t.params.vips.as_ref(), paging::info(r), r.start, r.count);
    send(GetPersonalTemplateVipsReply { template_id: Some(t.id.clone()), total, vips, ..Default::default() })
}

/// What a conference started from a template takes from it: the body read as a conference body
/// (what only a template has, such as `bind_e164`, left out), and the number it set aside.
pub(crate) struct Basis {
    pub(crate) params: CreateConfParams,
    pub(crate) number: Option<String>,
}

pub(crate) fn personal_basis(p: &Platform, id: &str) -> Result<Basis, PlatformError> {
    let t = personal(p, id)?;
    Ok(Basis { params: project(&t.params)?, number: t.e164.clone() })
}

pub(crate) fn public_basis(p: &Platform, id: &str) -> Result<Basis, PlatformError> {
    let t = p.templates.public.get(id).ok_or_else(|| not_found(id))?;
    Ok(Basis { params: project(&t.params)?, number: None })
}
