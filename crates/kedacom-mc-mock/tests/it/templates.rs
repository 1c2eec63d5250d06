//! Conference templates kept across calls: personal and public templates are created, listed,
//! shown (whole, in brief, part by part), changed and deleted, and conferences start from them;
//! with the documented error codes.

use crate::common::Client;
use kedacom_mc_mock::{codes, samples, MockPlatform};
use kedacom_mc_models::*;
use serde_json::Value;

fn member(name: &str) -> Member {
    Member::new().name(name).account(format!("{name}-moid")).account_type(AccountType::Moid)
}

fn invitee(name: &str, bitrate: i64) -> Invitee {
    Invitee::new()
        .name(name)
        .account(format!("{name}-moid"))
        .account_type(AccountType::Moid)
        .bitrate(bitrate)
        .protocol(CallProtocol::Sip)
}

/// A personal template with every part: `n` invitees, mixing, composition, poll and vips.
fn full_template(name: &str, n: usize) -> PersonalTemplateParams {
    let names: Vec<String> = (0..n).map(|i| format!("终端{i:02}")).collect();
    let members = || names.iter().map(|m| member(m)).collect::<Vec<_>>();
    let vmp_members: Vec<VmpMember> = names
        .iter()
        .take(3)
        .enumerate()
        .map(|(i, m)| {
            VmpMember::new()
                .name(m)
                .account(format!("{m}-moid"))
                .account_type(AccountType::Moid)
                .member_type(VmpMemberType::Specified)
                .chn_idx(i64::try_from(i).unwrap())
        })
        .collect();
    samples::personal_template_params(name)
        .duration(90)
        .bitrate(4096)
        .invite_members(names.iter().map(|m| invitee(m, 1024)).collect::<Vec<_>>())
        .mix(MixSettings::new().mode(MixMode::Custom).members(members()))
        .vmp(
            TemplateVmpSettings::new()
                .mode(VmpMode::Custom)
                .layout(VmpLayout::OneFullScreen)
                .voice_hint(false)
                .broadcast(true)
                .show_mt_name(true)
                .members(vmp_members),
        )
        .poll(PollSettings::new().mode(PollMode::Video).num(0).keep_time(30).members(members()))
        .vips(members().into_iter().take(2).collect::<Vec<_>>())
        .silence(true)
}

fn created(reply: &crate::common::Reply) -> String {
    let v = reply.json();
    v["template_id"].as_str().unwrap_or_else(|| panic!("no template_id: {v}")).to_owned()
}

fn names(list: &Value, key: &str) -> Vec<String> {
    list[key].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap().to_owned()).collect()
}

fn accounts(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn personal_templates_are_created_listed_by_last_change_shown_and_deleted() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let create = |p: PersonalTemplateParams| CreatePersonalTemplateRequest::new(p);
    let a = created(&c.call(&create(full_template("甲模板", 12))).await);
    let b = created(&c.call(&create(samples::personal_template_params("乙模板"))).await);
    let _ = created(&c.call(&create(samples::personal_template_params("丙模板"))).await);

    let list: ListPersonalTemplatesReply =
        serde_json::from_str(&c.call(&ListPersonalTemplatesRequest::new()).await.text).unwrap();
    assert_eq!(list.total, Some(3));
    let first = &list.personal_templates.as_ref().unwrap()[0];
    assert_eq!((first.template_id.as_deref(), first.name.as_deref()), (Some(a.as_str()), Some("甲模板")));
    assert_eq!((first.bitrate, first.resolution.clone()), (Some(4096), Some(Resolution::FullHd1080p)));
    assert!(first.e164.is_none() && first.extra.is_empty(), "{first:?}");

    // The whole template: the body as sent, the documented defaults filled in, only the reply's fields.
    let detail = c.call(&GetPersonalTemplateRequest::new(&a)).await;
    let whole: GetPersonalTemplateReply = serde_json::from_str(&detail.text).unwrap();
    assert!(whole.extra.is_empty(), "{}", detail.text);
    assert_eq!(whole.template_id.as_deref(), Some(a.as_str()));
    assert_eq!((whole.duration, whole.silence.clone()), (Some(90), Some(Switch::On)));
    assert_eq!((whole.fec_mode.clone(), whole.audio_formats.clone()), (Some(Switch::Off), Some(Vec::new())));
    assert_eq!(whole.invite_members.as_ref().map(Vec::len), Some(12));
    assert!(detail.json().get("bind_e164").is_none());

    // In brief: the number of members of each part; silence reads 0 as documented there.
    let simple: GetPersonalTemplateSimpleReply =
        serde_json::from_str(&c.call(&GetPersonalTemplateSimpleRequest::new(&a)).await.text).unwrap();
    let counts = (simple.invite_num, simple.mix_num, simple.vmp_num, simple.vip_num, simple.poll_num);
    assert_eq!(counts, (Some(12), Some(12), Some(3), Some(2), Some(12)));
    assert_eq!((simple.silence, simple.name.as_deref()), (Some(0), Some("甲模板")));
    assert!(simple.extra.is_empty());

    // Part by part, each paged (10 by default) with the total.
    let invited = c.call(&GetPersonalTemplateInviteMembersRequest::new(&a)).await.json();
    assert_eq!((invited["total"].as_i64(), invited["template_id"].as_str()), (Some(12), Some(a.as_str())));
    assert_eq!(invited["invite_members"].as_array().unwrap().len(), 10);
    assert!(invited["invite_members"][0].get("bitrate").is_none(), "{invited}");
    assert_eq!(invited["invite_members"][0]["protocol"], 1);
    let rest = c.call(&GetPersonalTemplateInviteMembersRequest::new(&a).start(10)).await.json();
    assert_eq!(accounts(&rest["invite_members"]), ["终端10", "终端11"]);
    let mix = c.call(&GetPersonalTemplateMixRequest::new(&a).start(2).count(3)).await.json();
    assert_eq!((mix["total"].as_i64(), mix["mix"]["mode"].as_i64()), (Some(12), Some(2)));
    assert_eq!(accounts(&mix["mix"]["members"]), ["终端02", "终端03", "终端04"]);
    let vmp = c.call(&GetPersonalTemplateVmpRequest::new(&a).count(0)).await.json();
    assert_eq!((vmp["total"].as_i64(), vmp["vmp"]["layout"].as_i64()), (Some(3), Some(1)));
    assert_eq!(vmp["vmp"]["members"][2]["chn_idx"], 2);
    let poll: GetPersonalTemplatePollReply =
        serde_json::from_str(&c.call(&GetPersonalTemplatePollRequest::new(&a).count(2)).await.text).unwrap();
    let poll_settings = poll.poll.unwrap();
    assert_eq!((poll.total, poll_settings.keep_time), (Some(12), Some(30)));
    assert_eq!(poll_settings.members.map(|m| m.len()), Some(2));
    let vips = c.call(&GetPersonalTemplateVipsRequest::new(&a)).await.json();
    assert_eq!((vips["total"].as_i64(), accounts(&vips["vips"])), (Some(2), vec!["终端00".into(), "终端01".into()]));
    // A template without the parts: totals of 0.
    let bare = c.call(&GetPersonalTemplateMixRequest::new(&b)).await.json();
    assert_eq!((bare["success"].as_i64(), bare["total"].as_i64()), (Some(1), Some(0)));
    assert!(bare.get("mix").is_none(), "{bare}");
    assert_eq!(c.call(&GetPersonalTemplateVipsRequest::new(&b)).await.json()["total"], 0);
    let negative = c.call(&GetPersonalTemplateVipsRequest::new(&a).start(-1)).await;
    assert_eq!(negative.code(), Some(codes::PARAMETER_ERROR));

    // Changing one moves it to the end of the list (by last change), or the start with order 1.
    let changed = samples::personal_template_params("乙模板(改)").bitrate(1024);
    let reply = c.call(&UpdatePersonalTemplateRequest::new(&b, changed)).await.json();
    assert_eq!((reply["success"].as_i64(), reply["template_id"].as_str()), (Some(1), Some(b.as_str())));
    let list = c.call(&ListPersonalTemplatesRequest::new()).await.json();
    assert_eq!(names(&list, "personal_templates"), ["甲模板", "丙模板", "乙模板(改)"]);
    let latest = c.call(&ListPersonalTemplatesRequest::new().order(SortOrder::Descending).count(1)).await.json();
    assert_eq!((names(&latest, "personal_templates"), latest["total"].as_i64()), (vec!["乙模板(改)".into()], Some(3)));
    let page = c.call(&ListPersonalTemplatesRequest::new().start(1).count(1)).await.json();
    assert_eq!(names(&page, "personal_templates"), ["丙模板"]);
    // An update replaces the whole body.
    let b_now = c.call(&GetPersonalTemplateRequest::new(&b)).await.json();
    assert_eq!((b_now["bitrate"].as_i64(), b_now["duration"].as_i64()), (Some(1024), Some(0)));

    assert_eq!(c.call(&DeletePersonalTemplateRequest::new(&a)).await.code(), None);
    assert_eq!(c.call(&ListPersonalTemplatesRequest::new()).await.json()["total"], 2);
}

#[tokio::test]
async fn an_unknown_template_gets_99998_from_every_template_call() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let gone = mock.seed_personal_template(samples::personal_template_params("将删除")).unwrap();
    assert_eq!(c.call(&DeletePersonalTemplateRequest::new(&gone)).await.code(), None);
    let public = mock.seed_public_template(samples::public_template_params("公共")).unwrap();

    let personal = samples::personal_template_params("x");
    let codes_for = [
        c.call(&GetPersonalTemplateRequest::new(&gone)).await.code(),
        c.call(&GetPersonalTemplateSimpleRequest::new(&gone)).await.code(),
        c.call(&GetPersonalTemplateInviteMembersRequest::new(&gone)).await.code(),
        c.call(&GetPersonalTemplateMixRequest::new(&gone)).await.code(),
        c.call(&GetPersonalTemplateVmpRequest::new(&gone)).await.code(),
        c.call(&GetPersonalTemplatePollRequest::new(&gone)).await.code(),
        c.call(&GetPersonalTemplateVipsRequest::new(&gone)).await.code(),
        c.call(&UpdatePersonalTemplateRequest::new(&gone, personal)).await.code(),
        c.call(&DeletePersonalTemplateRequest::new(&gone)).await.code(),
        // A public template is not a personal one, and the other way round.
        c.call(&GetPersonalTemplateRequest::new(&public)).await.code(),
        c.call(&GetPublicTemplateRequest::new(&gone)).await.code(),
        c.call(&UpdatePublicTemplateRequest::new("none", samples::public_template_params("x"))).await.code(),
        c.call(&DeletePublicTemplateRequest::new("none")).await.code(),
    ];
    assert!(codes_for.iter().all(|code| *code == Some(codes::TEMPLATE_NOT_FOUND)), "{codes_for:?}");
    let reply = c.call(&GetPersonalTemplateRequest::new(&gone)).await.json();
    assert!(reply["description"].as_str().unwrap().contains(&gone), "{reply}");
}

#[tokio::test]
async fn public_templates_are_listed_by_creation_and_silence_reads_0() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let create = |name: &str| CreatePublicTemplateRequest::new(samples::public_template_params(name).silence(1));
    let first = created(&c.call(&create("公共一")).await);
    let second = created(&c.call(&create("公共二")).await);

    let detail: GetPublicTemplateReply =
        serde_json::from_str(&c.call(&GetPublicTemplateRequest::new(&first)).await.text).unwrap();
    assert_eq!((detail.name.as_deref(), detail.silence, detail.duration), (Some("公共一"), Some(0), Some(0)));
    assert_eq!((detail.vacinterval, detail.template_id.as_deref()), (Some(5), Some(first.as_str())));
    assert!(detail.extra.is_empty());

    // An update changes the body but not the order, which is by creation.
    let changed = samples::public_template_params("公共一(改)").bitrate(8192).duration(45);
    let reply = c.call(&UpdatePublicTemplateRequest::new(&first, changed)).await.json();
    assert_eq!(reply["template_id"], first.as_str());
    let list: ListPublicTemplatesReply =
        serde_json::from_str(&c.call(&ListPublicTemplatesRequest::new()).await.text).unwrap();
    assert_eq!(list.total, Some(2));
    let items = list.public_templates.unwrap();
    let shown: Vec<_> = items.iter().map(|t| (t.name.clone().unwrap(), t.bitrate)).collect();
    assert_eq!(shown, [("公共一(改)".to_owned(), Some(8192)), ("公共二".to_owned(), Some(2048))]);
    assert!(items.iter().all(|t| t.extra.is_empty() && t.silence == Some(0)));
    let newest = c.call(&ListPublicTemplatesRequest::new().order(SortOrder::Descending).count(1)).await.json();
    assert_eq!(names(&newest, "public_templates"), ["公共二"]);

    assert_eq!(c.call(&DeletePublicTemplateRequest::new(&second)).await.code(), None);
    assert_eq!(c.call(&GetPublicTemplateRequest::new(&second)).await.code(), Some(codes::TEMPLATE_NOT_FOUND));
    assert_eq!(c.call(&ListPublicTemplatesRequest::new()).await.json()["total"], 1);
}

#[tokio::test]
async fn a_conference_starts_from_a_template_the_request_winning() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let personal = mock.seed_personal_template(full_template("模板周会", 3)).unwrap();
    let from = |create_type: CreateType, id: &str| CreateConfParams::new().create_type(create_type).template_id(id);

    let made: CreateConfReply = serde_json::from_str(
        &c.call(&CreateConfRequest::new(from(CreateType::PersonalTemplate, &personal))).await.text,
    )
    .unwrap();
    let meeting_id = made.meeting_id.unwrap();
    let list = c.call(&ListMeetingsRequest::new()).await.json();
    assert_eq!(names(&list, "meetings"), ["模板周会"]);
    let detail: GetMeetingReply =
        serde_json::from_str(&c.call(&GetMeetingRequest::new(&meeting_id)).await.text).unwrap();
    assert_eq!((detail.duration, detail.bitrate), (Some(90), Some(4096)));
    assert_eq!(detail.conf_id, made.conf_id);
    assert_eq!(detail.members.map(|m| m.len()), Some(3));
    assert_eq!(detail.state, Some(MeetingState::Started));

    // The request's own values win; what it leaves out comes from the template.
    let own = from(CreateType::PersonalTemplate, &personal).name("改名的周会").bitrate(1024).duration(30);
    let second = c.call(&CreateConfRequest::new(own)).await.json();
    let detail = c.call(&GetMeetingRequest::new(second["meeting_id"].as_str().unwrap())).await.json();
    assert_eq!(detail["name"], "改名的周会");
    assert_eq!((detail["bitrate"].as_i64(), detail["duration"].as_i64()), (Some(1024), Some(30)));
    assert_eq!(detail["max_join_mt"], 8);
    // The template's name is still taken by the first conference.
    let again = c.call(&CreateConfRequest::new(from(CreateType::PersonalTemplate, &personal))).await;
    assert_eq!(again.code(), Some(codes::CONF_NAME_EXISTS));

    // A public template, and a personal template's id given as a public one.
    let public = mock.seed_public_template(samples::public_template_params("公共周会").duration(45)).unwrap();
    let reply = c.call(&CreateConfRequest::new(from(CreateType::PublicTemplate, &public))).await.json();
    let detail = c.call(&GetMeetingRequest::new(reply["meeting_id"].as_str().unwrap())).await.json();
    assert_eq!((detail["name"].as_str(), detail["duration"].as_i64()), (Some("公共周会"), Some(45)));
    let crossed = c.call(&CreateConfRequest::new(from(CreateType::PublicTemplate, &personal))).await;
    assert_eq!(crossed.code(), Some(codes::TEMPLATE_NOT_FOUND));
    let unknown = c.call(&CreateConfRequest::new(from(CreateType::PersonalTemplate, "none"))).await;
    assert_eq!(unknown.code(), Some(codes::TEMPLATE_NOT_FOUND));
    assert_eq!(c.call(&ListMeetingsRequest::new()).await.json()["total"], 3);

    // A deleted template starts nothing more; its conferences go on.
    assert_eq!(c.call(&DeletePersonalTemplateRequest::new(&personal)).await.code(), None);
    let deleted = from(CreateType::PersonalTemplate, &personal).name("又一个");
    assert_eq!(c.call(&CreateConfRequest::new(deleted)).await.code(), Some(codes::TEMPLATE_NOT_FOUND));
    assert_eq!(c.call(&GetMeetingRequest::new(&meeting_id)).await.json()["state"], 2);
}

#[tokio::test]
async fn a_template_with_its_own_number_starts_one_conference_at_a_time() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let id = mock.seed_personal_template(samples::personal_template_params("固定号").bind_e164(true)).unwrap();
    let number = c.call(&GetPersonalTemplateRequest::new(&id)).await.json()["e164"].as_str().unwrap().to_owned();
    assert_eq!(number.len(), 7);
    let listed = c.call(&ListPersonalTemplatesRequest::new()).await.json();
    assert_eq!(listed["personal_templates"][0]["e164"], number.as_str());

    let start = |name: &str| {
        CreateConfRequest::new(
            CreateConfParams::new().create_type(CreateType::PersonalTemplate).template_id(&id).name(name),
        )
    };
    assert_eq!(c.call(&start("第一场")).await.json()["conf_id"], number.as_str());
    assert_eq!(c.call(&start("第二场")).await.code(), Some(codes::CONF_NUMBER_TAKEN));
    assert_eq!(c.call(&EndConfRequest::new(&number)).await.code(), None);
    assert_eq!(c.call(&start("第二场")).await.json()["conf_id"], number.as_str());

    // The number stays through an update that keeps asking for it, and goes with one that does not.
    let keep = samples::personal_template_params("固定号").bind_e164(true).bitrate(1024);
    c.call(&UpdatePersonalTemplateRequest::new(&id, keep)).await;
    assert_eq!(c.call(&GetPersonalTemplateSimpleRequest::new(&id)).await.json()["e164"], number.as_str());
    c.call(&UpdatePersonalTemplateRequest::new(&id, samples::personal_template_params("固定号"))).await;
    assert!(c.call(&GetPersonalTemplateRequest::new(&id)).await.json().get("e164").is_none());
    let fresh = c.call(&start("第三场")).await.json();
    assert_ne!(fresh["conf_id"], number.as_str(), "{fresh}");
}

#[tokio::test]
async fn templates_are_limited_per_kind_and_seeding_follows_the_rules() {
    let mock = MockPlatform::builder().max_templates(1).start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    mock.seed_personal_template(samples::personal_template_params("一")).unwrap();
    let over = c.call(&CreatePersonalTemplateRequest::new(samples::personal_template_params("二"))).await;
    assert_eq!(over.code(), Some(codes::TEMPLATE_LIMIT));
    assert_eq!(mock.seed_personal_template(samples::personal_template_params("二")).unwrap_err().code, 20103);
    // The other kind has its own room.
    let public = c.call(&CreatePublicTemplateRequest::new(samples::public_template_params("公共"))).await;
    assert_eq!(public.code(), None);
    assert_eq!(mock.seed_public_template(samples::public_template_params("再一个")).unwrap_err().code, 20103);

    // Seeding checks as a call does: a bad name, a negative duration, a missing required field.
    let fresh = MockPlatform::start().await.unwrap();
    let bad = [
        fresh.seed_personal_template(samples::personal_template_params("_bad")).unwrap_err(),
        fresh.seed_personal_template(samples::personal_template_params("x").duration(-1)).unwrap_err(),
        fresh.seed_public_template(PublicTemplateParams::new().name("x")).unwrap_err(),
    ];
    assert!(bad.iter().all(|e| e.code == codes::PARAMETER_ERROR), "{bad:?}");
    assert_eq!(mock.requests_for::<CreatePersonalTemplateRequest>().len(), 1, "seeding is not a call");
}
