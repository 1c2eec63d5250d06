//! Conference templates. Personal templates are created, listed by when they last changed, shown
//! whole, in brief or one part at a time (invitees, mixing, composition, poll, vips), changed and
//! deleted; public templates the same without the part reads. A conference started from either
//! takes its settings from the stored body (see `confs`).

use kedacom_mc_models::{
    CreateConfParams, CreatePersonalTemplateReply, CreatePublicTemplateReply, DeletePersonalTemplateReply,
    DeletePublicTemplateReply, Endpoint, EndpointInfo, GetPersonalTemplateInviteMembersReply,
    GetPersonalTemplateInviteMembersRequest, GetPersonalTemplateMixReply, GetPersonalTemplateMixRequest,
    GetPersonalTemplatePollReply, GetPersonalTemplatePollRequest, GetPersonalTemplateReply,
    GetPersonalTemplateSimpleReply, GetPersonalTemplateVipsReply, GetPersonalTemplateVipsRequest,
    GetPersonalTemplateVmpReply, GetPersonalTemplateVmpRequest, GetPublicTemplateReply, ListPersonalTemplatesReply,
    ListPersonalTemplatesRequest, ListPublicTemplatesReply, ListPublicTemplatesRequest, MixSettings,
    PersonalTemplateParams, PersonalTemplateSummary, PublicTemplateParams, PublicTemplateSummary, SortOrder, Switch,
    TemplateInviteMember, TemplatePollReply, TemplateVmpSettings, UpdatePersonalTemplateReply,
    UpdatePersonalTemplateRequest, UpdatePublicTemplateReply, UpdatePublicTemplateRequest,
};
use serde::Serialize;
use serde_json::{Map, Value};

use super::confs::settings;
use super::details::{shape, Shown};
use super::{send, Done};
use crate::codes::{SYSTEM_ERROR, TEMPLATE_LIMIT, TEMPLATE_NOT_FOUND};
use crate::error::PlatformError;
use crate::paging;
use crate::state::templates::{Store, Template};
use crate::state::Platform;

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

pub(super) fn create_personal_reply(p: &mut Platform, params: &PersonalTemplateParams) -> Result<Done, PlatformError> {
    let id = create_personal(p, params)?;
    send(CreatePersonalTemplateReply { success: Some(1), template_id: Some(id), ..Default::default() })
}

pub(super) fn create_public_reply(p: &mut Platform, params: &PublicTemplateParams) -> Result<Done, PlatformError> {
    let id = create_public(p, params)?;
    send(CreatePublicTemplateReply { success: Some(1), template_id: Some(id), ..Default::default() })
}

/// An update replaces the whole body. The conference number stays while the template keeps asking
/// for one, and goes when it stops.
pub(super) fn update_personal(p: &mut Platform, r: &UpdatePersonalTemplateRequest) -> Result<Done, PlatformError> {
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
    send(UpdatePersonalTemplateReply { success: Some(1), template_id: Some(r.id.clone()), ..Default::default() })
}

pub(super) fn update_public(p: &mut Platform, r: &UpdatePublicTemplateRequest) -> Result<Done, PlatformError> {
    let step = p.templates.next_step();
    let t = p.templates.public.get_mut(&r.id).ok_or_else(|| not_found(&r.id))?;
    t.params = public_body(&r.params);
    t.modified = step;
    send(UpdatePublicTemplateReply { success: Some(1), template_id: Some(r.id.clone()), ..Default::default() })
}

/// Conferences already started from the template go on.
pub(super) fn delete_personal(p: &mut Platform, id: &str) -> Result<Done, PlatformError> {
    if !p.templates.personal.remove(id) {
        return Err(not_found(id));
    }
    send(DeletePersonalTemplateReply { success: Some(1), ..Default::default() })
}

pub(super) fn delete_public(p: &mut Platform, id: &str) -> Result<Done, PlatformError> {
    if !p.templates.public.remove(id) {
        return Err(not_found(id));
    }
    send(DeletePublicTemplateReply { success: Some(1), ..Default::default() })
}

/// Everything a template reply can show: the body, the id, the number set aside, and the
/// resolution of the first video format (the lists' 分辨率). Each reply type keeps its own fields.
fn fields<P: Serialize>(t: &Template<P>) -> Map<String, Value> {
    let mut out = settings(&t.params, &[]);
    let resolution = out.get("video_formats").and_then(|f| f.get(0)).and_then(|f| f.get("resolution")).cloned();
    out.insert("success".to_owned(), Value::from(1));
    out.insert("template_id".to_owned(), Value::from(t.id.as_str()));
    if let Some(number) = &t.e164 {
        out.insert("e164".to_owned(), Value::from(number.as_str()));
    }
    if let Some(resolution) = resolution {
        out.insert("resolution".to_owned(), resolution);
    }
    out
}

fn total(n: usize) -> Option<i64> {
    Some(i64::try_from(n).unwrap_or(i64::MAX))
}

/// A page of a store, sorted by `key` (`order` 1: latest first), as the list's item type.
fn listed<P: Serialize, T: Shown>(
    store: &Store<P>,
    info: &EndpointInfo,
    order: Option<&SortOrder>,
    start: Option<i64>,
    count: Option<i64>,
    key: fn(&Template<P>) -> u64,
) -> Result<(Option<i64>, Vec<T>), PlatformError> {
    let mut found: Vec<&Template<P>> = store.all().iter().collect();
    paging::sort_by(&mut found, order.and_then(SortOrder::as_i64), |t| key(t));
    let n = found.len();
    let shown =
        paging::page(found, info, start, count).into_iter().map(|t| shape::<T>(fields(t))).collect::<Result<_, _>>()?;
    Ok((total(n), shown))
}

/// Personal templates by when they last changed, as documented.
pub(super) fn list_personal(p: &Platform, r: &ListPersonalTemplatesRequest) -> Result<Done, PlatformError> {
    let (total, shown) = listed::<_, PersonalTemplateSummary>(
        &p.templates.personal,
        ListPersonalTemplatesRequest::INFO,
        r.order.as_ref(),
        r.start,
        r.count,
        |t| t.modified,
    )?;
    send(ListPersonalTemplatesReply { success: Some(1), total, personal_templates: Some(shown), ..Default::default() })
}

/// Public templates by when they were created, as documented.
pub(super) fn list_public(p: &Platform, r: &ListPublicTemplatesRequest) -> Result<Done, PlatformError> {
    let (total, shown) = listed::<_, PublicTemplateSummary>(
        &p.templates.public,
        ListPublicTemplatesRequest::INFO,
        r.order.as_ref(),
        r.start,
        r.count,
        |t| t.created,
    )?;
    send(ListPublicTemplatesReply { success: Some(1), total, public_templates: Some(shown), ..Default::default() })
}

fn personal<'a>(p: &'a Platform, id: &str) -> Result<&'a Template<PersonalTemplateParams>, PlatformError> {
    p.templates.personal.get(id).ok_or_else(|| not_found(id))
}

pub(super) fn get_personal(p: &Platform, id: &str) -> Result<Done, PlatformError> {
    send(shape::<GetPersonalTemplateReply>(fields(personal(p, id)?))?)
}

pub(super) fn get_public(p: &Platform, id: &str) -> Result<Done, PlatformError> {
    let t = p.templates.public.get(id).ok_or_else(|| not_found(id))?;
    send(shape::<GetPublicTemplateReply>(fields(t))?)
}

fn count<T>(list: Option<&Vec<T>>) -> Value {
    Value::from(list.map_or(0, Vec::len))
}

/// The settings with the number of members of each part in place of the parts. Its `silence` is
/// documented as not settable yet, reading 0, so it reads 0 here whatever the body says.
pub(super) fn get_personal_simple(p: &Platform, id: &str) -> Result<Done, PlatformError> {
    let t = personal(p, id)?;
    let body = &t.params;
    let mut out = fields(t);
    let mut put = |key: &str, value: Value| {
        out.insert(key.to_owned(), value);
    };
    put("invite_num", count(body.invite_members.as_ref()));
    put("mix_num", count(body.mix.as_ref().and_then(|m| m.members.as_ref())));
    put("vmp_num", count(body.vmp.as_ref().and_then(|v| v.members.as_ref())));
    put("vip_num", count(body.vips.as_ref()));
    put("poll_num", count(body.poll.as_ref().and_then(|v| v.members.as_ref())));
    put("silence", Value::from(0));
    send(shape::<GetPersonalTemplateSimpleReply>(out)?)
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
        success: Some(1),
        template_id: Some(t.id.clone()),
        total,
        invite_members,
        ..Default::default()
    })
}

/// The mixing settings, their members paged; none when the template mixes nobody in particular.
pub(super) fn get_personal_mix(p: &Platform, r: &GetPersonalTemplateMixRequest) -> Result<Done, PlatformError> {
    let t = personal(p, &r.id)?;
    let mix = t.params.mix.as_ref();
    let (total, page) = members(mix.and_then(|m| m.members.as_ref()), paging::info(r), r.start, r.count);
    let mix = mix.map(|m| MixSettings { members: page, ..m.clone() });
    send(GetPersonalTemplateMixReply {
        success: Some(1),
        template_id: Some(t.id.clone()),
        total,
        mix,
        ..Default::default()
    })
}

pub(super) fn get_personal_vmp(p: &Platform, r: &GetPersonalTemplateVmpRequest) -> Result<Done, PlatformError> {
    let t = personal(p, &r.id)?;
    let vmp = t.params.vmp.as_ref();
    let (total, page) = members(vmp.and_then(|v| v.members.as_ref()), paging::info(r), r.start, r.count);
    let vmp = vmp.map(|v| TemplateVmpSettings { members: page, ..v.clone() });
    send(GetPersonalTemplateVmpReply {
        success: Some(1),
        template_id: Some(t.id.clone()),
        total,
        vmp,
        ..Default::default()
    })
}

/// The poll settings with the members under `members`, the table's name (the document's example
/// says `member`; the SDK reads either).
pub(super) fn get_personal_poll(p: &Platform, r: &GetPersonalTemplatePollRequest) -> Result<Done, PlatformError> {
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
    send(GetPersonalTemplatePollReply {
        success: Some(1),
        template_id: Some(t.id.clone()),
        total,
        poll,
        ..Default::default()
    })
}

pub(super) fn get_personal_vips(p: &Platform, r: &GetPersonalTemplateVipsRequest) -> Result<Done, PlatformError> {
    let t = personal(p, &r.id)?;
    let (total, vips) = members(t.params.vips.as_ref(), paging::info(r), r.start, r.count);
    send(GetPersonalTemplateVipsReply {
        success: Some(1),
        template_id: Some(t.id.clone()),
        total,
        vips,
        ..Default::default()
    })
}

/// What a conference started from a template takes from it: the body read as a conference body
/// (what only a template has, such as `bind_e164`, left out), and the number it set aside.
pub(crate) struct Basis {
    pub(crate) params: CreateConfParams,
    pub(crate) number: Option<String>,
}

fn as_conference(body: &impl Serialize) -> Result<CreateConfParams, PlatformError> {
    let read = serde_json::to_value(body).and_then(serde_json::from_value::<CreateConfParams>);
    let mut params = read.map_err(|e| PlatformError::detailed(SYSTEM_ERROR, e))?;
    params.extra.clear();
    Ok(params)
}

pub(crate) fn personal_basis(p: &Platform, id: &str) -> Result<Basis, PlatformError> {
    let t = personal(p, id)?;
    Ok(Basis { params: as_conference(&t.params)?, number: t.e164.clone() })
}

pub(crate) fn public_basis(p: &Platform, id: &str) -> Result<Basis, PlatformError> {
    let t = p.templates.public.get(id).ok_or_else(|| not_found(id))?;
    Ok(Basis { params: as_conference(&t.params)?, number: None })
}
