//! Meeting control (会控API) over HTTP: the conferences meeting management starts, run through
//! the meeting-control endpoints that keep state (terminals coming online, roles, mute and
//! silence, composition, mix, poll, recordings), with the error table's refusals, and gone when
//! the conference ends.

use std::time::{Duration, Instant};

use crate::common::{Client, Reply};
use kedacom_mc_mock::{codes, samples, MockPlatform, MockPlatformBuilder};
use kedacom_mc_models::*;
use serde::de::DeserializeOwned;

fn typed<T: DeserializeOwned>(reply: &Reply) -> T {
    assert_eq!(reply.code(), None, "{}", reply.text);
    serde_json::from_str(&reply.text).unwrap_or_else(|e| panic!("{e}: {}", reply.text))
}

fn ok(reply: &Reply) {
    assert_eq!(reply.code(), None, "{}", reply.text);
}

/// A mock whose terminals come online at once, a client, and a running conference's number.
async fn conference(builder: MockPlatformBuilder) -> (MockPlatform, Client, String) {
    let mock = builder.start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let made: CreateConfReply =
        typed(&c.call(&CreateConfRequest::new(samples::create_conf_params("项目周会", 60))).await);
    (mock, c, made.conf_id.unwrap())
}

fn at_once() -> MockPlatformBuilder {
    MockPlatform::builder().mt_online_delay(Duration::ZERO)
}

/// Adds terminals by account; their numbers.
async fn add(c: &Client, conf: &str, accounts: &[&str]) -> Vec<String> {
    let params = AddMtsParams::new().mts(accounts.iter().map(|a| samples::new_mt(a)));
    let added: AddMtsReply = typed(&c.call(&AddMtsRequest::new(conf, params)).await);
    let added = added.mts.unwrap();
    assert_eq!(added.iter().map(|m| m.account.as_deref().unwrap()).collect::<Vec<_>>(), accounts);
    added.into_iter().map(|m| m.mt_id.unwrap().to_string()).collect()
}

async fn mts(c: &Client, conf: &str) -> Vec<Mt> {
    typed::<ListMtsReply>(&c.call(&ListMtsRequest::new(conf)).await).mts.unwrap()
}

async fn mt(c: &Client, conf: &str, mt_id: &str) -> Mt {
    mts(c, conf).await.into_iter().find(|m| m.mt_id.as_deref() == Some(mt_id)).unwrap()
}

fn mt_refs(ids: &[&str]) -> Vec<MtRef> {
    ids.iter().map(|id| MtRef::new().mt_id(*id)).collect()
}

fn is_on(switch: &Option<Switch>) -> bool {
    switch.as_ref().is_some_and(Switch::is_on)
}

#[tokio::test]
async fn a_conference_meeting_management_started_is_meeting_controls_until_it_ends() {
    let (_mock, c, conf) = conference(at_once()).await;
    let listed: ListConfsReply = typed(&c.call(&ListConfsRequest::new()).await);
    assert_eq!(listed.total, Some(1));
    let item = &listed.confs.unwrap()[0];
    assert_eq!((item.name.as_deref(), item.conf_id.as_deref()), (Some("项目周会"), Some(conf.as_str())));
    assert_eq!(
        (item.bitrate, item.duration, item.max_join_mt.clone()),
        (Some(2048), Some(60), Some(MaxJoinMt::Parties8))
    );
    assert!(item.extra.is_empty() && item.creator.is_some() && item.meeting_id.is_some());

    let detail: GetConfReply = typed(&c.call(&GetConfRequest::new(&conf)).await);
    assert_eq!(detail.meeting_id, item.meeting_id);
    assert_eq!(detail.video_formats.as_ref().map(Vec::len), Some(1));
    assert!(!is_on(&detail.vmp_enable) && !is_on(&detail.mix_enable) && detail.extra.is_empty());

    // Renamed and extended through meeting control, as meeting management shows it.
    ok(&c.call(&RenameConfRequest::new(&conf, RenameConfParams::new().value("项目周会二"))).await);
    ok(&c.call(&ExtendConfRequest::new(&conf, ExtendConfParams::new().delay_time(30))).await);
    let meeting: GetMeetingReply = typed(&c.call(&GetMeetingRequest::new(item.meeting_id.clone().unwrap())).await);
    assert_eq!((meeting.name.as_deref(), meeting.duration), (Some("项目周会二"), Some(90)));

    let added = add(&c, &conf, &["1001", "1002"]).await;
    assert_eq!(added, ["1", "2"]);
    // Calls the mock answers with the documented reply go through the same check.
    let volume = || {
        SetMtVolumeRequest::new(&conf, "1", SetMtVolumeParams::new().vol_mode(VolumeDevice::from_wire(1)).vol_value(15))
    };
    ok(&c.call(&volume()).await);
    ok(&c.call(&GetVadRequest::new(&conf)).await);
    ok(&c.call(&EndConfRequest::new(&conf)).await);
    assert_eq!(typed::<ListConfsReply>(&c.call(&ListConfsRequest::new()).await).total, Some(0));
    let gone = [
        c.call(&GetConfRequest::new(&conf)).await,
        c.call(&ListMtsRequest::new(&conf)).await,
        c.call(&GetSpeakerRequest::new(&conf)).await,
        c.call(&SetConfMuteRequest::new(&conf, MuteParams::new().value(true))).await,
        c.call(&AddMtsRequest::new(&conf, AddMtsParams::new().mts([samples::new_mt("1003")]))).await,
        c.call(&volume()).await,
        c.call(&GetVadRequest::new(&conf)).await,
    ];
    for reply in gone {
        assert_eq!(reply.code(), Some(codes::CONF_NOT_FOUND), "{}", reply.text);
    }
    assert_eq!(c.call(&ListMtsRequest::new("9999999")).await.code(), Some(codes::CONF_NOT_FOUND));
}

#[tokio::test]
async fn added_terminals_come_online_after_the_delay_and_an_unreachable_one_never_does() {
    // A delay no test outlasts: the terminals are seen offline, whatever the load.
    let (_mock, c, conf) = conference(MockPlatform::builder().mt_online_delay(Duration::from_secs(3600))).await;
    add(&c, &conf, &["1001"]).await;
    let listed = mts(&c, &conf).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].online, Some(Switch::Off));
    assert_eq!(listed[0].e164.as_deref(), Some("1001"));

    let (_mock, c, conf) =
        conference(MockPlatform::builder().mt_online_delay(Duration::from_millis(50)).unreachable_mt("1002")).await;
    let ids = add(&c, &conf, &["1001", "1002"]).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    while mt(&c, &conf, &ids[0]).await.online != Some(Switch::On) {
        assert!(Instant::now() < deadline, "1001 never came online");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(mt(&c, &conf, &ids[1]).await.online, Some(Switch::Off));
    // Called again, it still does not answer; and it cannot speak.
    let call = CallMtsParams::new().mts([MtToCall::new().mt_id(&ids[1])]);
    ok(&c.call(&CallMtsRequest::new(&conf, call)).await);
    assert_eq!(mt(&c, &conf, &ids[1]).await.online, Some(Switch::Off));
    let speaker = c.call(&SetSpeakerRequest::new(&conf, MtIdParams::new().mt_id(&ids[1]))).await;
    assert_eq!(speaker.code(), Some(codes::MT_NOT_JOINED));
}

#[tokio::test]
async fn hung_up_terminals_stay_offline_until_called() {
    let (_mock, c, conf) = conference(at_once()).await;
    let ids = add(&c, &conf, &["1001", "1002"]).await;
    assert!(mts(&c, &conf).await.iter().all(|m| is_on(&m.online)));
    ok(&c.call(&SetDualStreamRequest::new(&conf, MtIdParams::new().mt_id(&ids[1]))).await);
    assert!(is_on(&mt(&c, &conf, &ids[1]).await.dual));

    ok(&c.call(&HangUpMtsRequest::new(&conf, MtsParams::new().mts(mt_refs(&[&ids[1]])))).await);
    let hung_up = mt(&c, &conf, &ids[1]).await;
    assert!(!is_on(&hung_up.online) && !is_on(&hung_up.dual));
    assert_eq!(
        typed::<GetDualStreamReply>(&c.call(&GetDualStreamRequest::new(&conf)).await).mt_id.as_deref(),
        Some("")
    );
    let chairman = c.call(&SetChairmanRequest::new(&conf, MtIdParams::new().mt_id(&ids[1]))).await;
    assert_eq!(chairman.code(), Some(codes::MT_NOT_JOINED));

    let call = CallMtsParams::new().mts([MtToCall::new().mt_id(&ids[1])]);
    ok(&c.call(&CallMtsRequest::new(&conf, call)).await);
    assert!(is_on(&mt(&c, &conf, &ids[1]).await.online));
    ok(&c.call(&SetChairmanRequest::new(&conf, MtIdParams::new().mt_id(&ids[1]))).await);
}

#[tokio::test]
async fn calls_naming_terminals_the_conference_lacks_are_refused_whole() {
    let (_mock, c, conf) = conference(at_once()).await;
    let ids = add(&c, &conf, &["1001"]).await;
    let twice = c
        .call(&AddMtsRequest::new(&conf, AddMtsParams::new().mts([samples::new_mt("1002"), samples::new_mt("1001")])))
        .await;
    assert_eq!(twice.code(), Some(codes::MT_ALREADY_IN_CONF));
    assert_eq!(mts(&c, &conf).await.len(), 1, "nothing of a refused call is carried out");

    let refused = [
        c.call(&SetMtMuteRequest::new(&conf, "99", MuteParams::new().value(true))).await,
        c.call(&SetMtSilenceRequest::new(&conf, "99", SilenceParams::new().value(true))).await,
        c.call(&GetMtRequest::new(&conf, "99")).await,
        c.call(&SetSpeakerRequest::new(&conf, MtIdParams::new().mt_id("99"))).await,
        c.call(&RemoveMtsRequest::new(&conf, MtsParams::new().mts(mt_refs(&[&ids[0], "99"])))).await,
        c.call(&HangUpMtsRequest::new(&conf, MtsParams::new().mts(mt_refs(&["99"])))).await,
        c.call(&StartMixRequest::new(&conf, StartMixParams::new().mode(MixMode::Custom).members(mt_refs(&["99"]))))
            .await,
    ];
    for reply in refused {
        assert_eq!(reply.code(), Some(codes::MT_NOT_FOUND), "{}", reply.text);
    }
    assert_eq!(mts(&c, &conf).await.len(), 1);
    // Numbers are not reused: a removed terminal's number names nobody.
    ok(&c.call(&RemoveMtsRequest::new(&conf, MtsParams::new().mts(mt_refs(&[&ids[0]])))).await);
    assert_eq!(add(&c, &conf, &["1001"]).await, ["2"]);
    assert_eq!(c.call(&GetMtRequest::new(&conf, &ids[0])).await.code(), Some(codes::MT_NOT_FOUND));
}

#[tokio::test]
async fn mute_and_silence_per_terminal_and_for_the_conference() {
    let mock = at_once().start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    // The mute filter (全场哑音例外) spares the chairman and the speaker from the conference mute.
    let params = samples::create_conf_params("评审会", 60).mute_filter(true);
    let conf = typed::<CreateConfReply>(&c.call(&CreateConfRequest::new(params)).await).conf_id.unwrap();
    let ids = add(&c, &conf, &["1001", "1002", "1003"]).await;
    ok(&c.call(&SetMtSilenceRequest::new(&conf, &ids[2], SilenceParams::new().value(true))).await);
    let listed = mts(&c, &conf).await;
    assert_eq!(listed.iter().map(|m| is_on(&m.silence)).collect::<Vec<_>>(), [false, false, true]);
    assert!(listed.iter().all(|m| !is_on(&m.mute)));

    ok(&c.call(&SetSpeakerRequest::new(&conf, MtIdParams::new().mt_id(&ids[0]))).await);
    ok(&c.call(&SetConfMuteRequest::new(&conf, MuteParams::new().value(true))).await);
    let listed = mts(&c, &conf).await;
    assert_eq!(listed.iter().map(|m| is_on(&m.mute)).collect::<Vec<_>>(), [false, true, true]);
    assert!(is_on(&typed::<GetConfReply>(&c.call(&GetConfRequest::new(&conf)).await).mute));
    // A terminal added while the conference is muted comes in muted.
    add(&c, &conf, &["1004"]).await;
    assert!(is_on(&mt(&c, &conf, "4").await.mute));

    ok(&c.call(&SetConfMuteRequest::new(&conf, MuteParams::new().value(false))).await);
    ok(&c.call(&SetConfSilenceRequest::new(&conf, SilenceParams::new().value(true))).await);
    let listed = mts(&c, &conf).await;
    assert!(listed.iter().all(|m| !is_on(&m.mute) && is_on(&m.silence)));
}

#[tokio::test]
async fn the_composition_runs_once_and_shows_its_members() {
    let (_mock, c, conf) = conference(at_once()).await;
    let ids = add(&c, &conf, &["1001", "1002", "1003"]).await;
    let member = |chn: i64, id: &str| {
        StartVmpMember::new().chn_idx(chn).member_type(ConfVmpMemberType::Specified).mt_id(id).mt_chn_idx(0)
    };
    let vmp = StartVmpParams::new()
        .mode(ConfVmpMode::Custom)
        .layout(VmpLayout::TwoEqualSideBySide)
        .broadcast(true)
        .voice_hint(false)
        .show_mt_name(true)
        .members([member(0, &ids[0]), member(1, &ids[1])]);
    assert_eq!(c.call(&GetVmpRequest::new(&conf, "1")).await.code(), Some(codes::VMP_NOT_RUNNING));
    ok(&c.call(&StartVmpRequest::new(&conf, vmp.clone())).await);
    assert_eq!(c.call(&StartVmpRequest::new(&conf, vmp.clone())).await.code(), Some(codes::VMP_RUNNING));

    let shown: GetVmpReply = typed(&c.call(&GetVmpRequest::new(&conf, "1")).await);
    assert_eq!(shown.layout, Some(VmpLayout::TwoEqualSideBySide));
    let members = shown.members.unwrap();
    assert_eq!(members.iter().map(|m| m.account.as_deref().unwrap()).collect::<Vec<_>>(), ["1001", "1002"]);
    let flags: Vec<bool> = mts(&c, &conf).await.iter().map(|m| is_on(&m.vmp)).collect();
    assert_eq!(flags, [true, true, false]);
    assert!(is_on(&typed::<GetConfReply>(&c.call(&GetConfRequest::new(&conf)).await).vmp_enable));

    let one = UpdateVmpParams::new()
        .mode(ConfVmpMode::Custom)
        .layout(VmpLayout::OneFullScreen)
        .broadcast(true)
        .voice_hint(false)
        .show_mt_name(true)
        .mt_name_style(VmpNameStyle::new())
        .members([UpdateVmpMember::new().chn_idx(0).member_type(ConfVmpMemberType::Specified).mt_id(&ids[2])]);
    assert_eq!(c.call(&UpdateVmpRequest::new(&conf, "2", one.clone())).await.code(), Some(codes::VMP_NOT_RUNNING));
    ok(&c.call(&UpdateVmpRequest::new(&conf, "1", one)).await);
    let flags: Vec<bool> = mts(&c, &conf).await.iter().map(|m| is_on(&m.vmp)).collect();
    assert_eq!(flags, [false, false, true]);

    ok(&c.call(&StopVmpRequest::new(&conf, "1")).await);
    assert_eq!(c.call(&StopVmpRequest::new(&conf, "1")).await.code(), Some(codes::VMP_NOT_RUNNING));
    assert!(mts(&c, &conf).await.iter().all(|m| !is_on(&m.vmp)));
}

#[tokio::test]
async fn the_mix_and_its_members() {
    let (_mock, c, conf) = conference(at_once()).await;
    let ids = add(&c, &conf, &["1001", "1002", "1003"]).await;
    let start = StartMixParams::new().mode(MixMode::Custom).members(mt_refs(&[&ids[0], &ids[1]]));
    ok(&c.call(&StartMixRequest::new(&conf, start.clone())).await);
    assert_eq!(c.call(&StartMixRequest::new(&conf, start)).await.code(), Some(codes::MIX_RUNNING));
    ok(&c
        .call(&AddMixMembersRequest::new(&conf, "1", MixMembersParams::new().members(mt_refs(&[&ids[2], &ids[0]]))))
        .await);
    let mix: GetMixReply = typed(&c.call(&GetMixRequest::new(&conf, "1")).await);
    let mixed: Vec<_> = mix.members.unwrap().into_iter().map(|m| m.mt_id.unwrap()).collect();
    assert_eq!(mixed, ids);

    let remove = |ids: &[&str]| RemoveMixMembersRequest::new(&conf, "1", MixMembersParams::new().members(mt_refs(ids)));
    ok(&c.call(&remove(&[&ids[1]])).await);
    assert_eq!(c.call(&remove(&[&ids[1]])).await.code(), Some(codes::NOT_MIX_MEMBER));
    let flags: Vec<bool> = mts(&c, &conf).await.iter().map(|m| is_on(&m.mix)).collect();
    assert_eq!(flags, [true, false, true]);

    ok(&c.call(&StopMixRequest::new(&conf, "1")).await);
    for reply in [c.call(&GetMixRequest::new(&conf, "1")).await, c.call(&StopMixRequest::new(&conf, "1")).await] {
        assert_eq!(reply.code(), Some(codes::MIX_NOT_RUNNING));
    }
}

#[tokio::test]
async fn the_poll_is_started_paused_resumed_and_stopped() {
    let (_mock, c, conf) = conference(at_once()).await;
    let ids = add(&c, &conf, &["1001", "1002"]).await;
    let idle: GetPollReply = typed(&c.call(&GetPollRequest::new(&conf)).await);
    assert_eq!((idle.state, idle.members), (Some(PollState::Idle), None));
    let state = |value| SetPollStateRequest::new(&conf, SetPollStateParams::new().value(value).mode(PollMode::Video));
    assert_eq!(c.call(&state(PollStateChange::Pause)).await.code(), Some(codes::POLL_NOT_RUNNING));

    let start = StartPollParams::new().mode(PollMode::Video).num(0).keep_time(5).members(mt_refs(&[&ids[0], &ids[1]]));
    ok(&c.call(&StartPollRequest::new(&conf, start)).await);
    let poll: GetPollReply = typed(&c.call(&GetPollRequest::new(&conf)).await);
    assert_eq!(
        (poll.state, poll.mode, poll.poll_index),
        (Some(PollState::Polling), Some(ConfPollMode::Video), Some(1))
    );
    assert_eq!(poll.cur_poll_mt.and_then(|m| m.mt_id), Some(ids[0].clone()));
    assert!(mts(&c, &conf).await.iter().all(|m| is_on(&m.poll)));

    ok(&c.call(&state(PollStateChange::Pause)).await);
    assert_eq!(typed::<GetPollReply>(&c.call(&GetPollRequest::new(&conf)).await).state, Some(PollState::Paused));
    ok(&c.call(&state(PollStateChange::Resume)).await);
    assert_eq!(typed::<GetPollReply>(&c.call(&GetPollRequest::new(&conf)).await).state, Some(PollState::Polling));
    ok(&c.call(&state(PollStateChange::Stop)).await);
    assert_eq!(typed::<GetPollReply>(&c.call(&GetPollRequest::new(&conf)).await).state, Some(PollState::Idle));
    assert!(mts(&c, &conf).await.iter().all(|m| !is_on(&m.poll)));
}

fn recording(kind: RecorderType, members: &[&str]) -> StartRecordingParams {
    samples::recording_params(kind).members(mt_refs(members))
}

#[tokio::test]
async fn recordings_of_the_conference_and_of_terminals() {
    let (_mock, c, conf) = conference(at_once()).await;
    let ids = add(&c, &conf, &["1001", "1002"]).await;
    let whole: StartRecordingReply =
        typed(&c.call(&StartRecordingRequest::new(&conf, recording(RecorderType::Conf, &[]))).await);
    let again = c.call(&StartRecordingRequest::new(&conf, recording(RecorderType::Conf, &[]))).await;
    assert_eq!(again.code(), Some(codes::CONF_RECORDING_RUNNING));
    let of_one: StartRecordingReply =
        typed(&c.call(&StartRecordingRequest::new(&conf, recording(RecorderType::Terminal, &[&ids[1]]))).await);
    let (whole, of_one) = (whole.rec_id.unwrap(), of_one.rec_id.unwrap());
    assert_ne!(whole, of_one);
    let flags: Vec<bool> = mts(&c, &conf).await.iter().map(|m| is_on(&m.rec)).collect();
    assert_eq!(flags, [false, true]);

    let listed: ListRecordersReply = typed(&c.call(&ListRecordersRequest::new(&conf)).await);
    let listed = listed.recorders.unwrap();
    assert_eq!(listed.iter().map(|r| r.rec_id.clone().unwrap()).collect::<Vec<_>>(), [whole.clone(), of_one.clone()]);
    assert!(listed.iter().all(|r| r.state == Some(RecorderState::Recording) && r.extra.is_empty()));

    let set = |value| SetRecorderStateParams::new().value(value).recorder_mode(RecorderMode::Record);
    let resume = SetRecorderStateRequest::new(&conf, &whole, set(RecorderStateChange::Resume));
    assert_eq!(c.call(&resume).await.code(), Some(codes::RECORDING_NOT_PAUSED));
    ok(&c.call(&SetRecorderStateRequest::new(&conf, &whole, set(RecorderStateChange::Pause))).await);
    let paused: GetRecorderReply = typed(&c.call(&GetRecorderRequest::new(&conf, &whole)).await);
    assert_eq!((paused.state, paused.video_name.as_deref()), (Some(RecorderState::Paused), Some("周会录像")));
    ok(&c.call(&resume).await);

    let stop = |rec: &str| {
        StopRecordingRequest::new(&conf, rec, RecorderModeParams::new().recorder_mode(RecorderMode::Record))
    };
    ok(&c.call(&stop(&whole)).await);
    for reply in [c.call(&stop(&whole)).await, c.call(&GetRecorderRequest::new(&conf, &whole)).await] {
        assert_eq!(reply.code(), Some(codes::RECORDING_NOT_FOUND));
    }
    // Once the conference recording stops, another may start.
    ok(&c.call(&StartRecordingRequest::new(&conf, recording(RecorderType::Conf, &[]))).await);
}

#[tokio::test]
async fn a_removed_terminal_leaves_every_role_and_list() {
    let (_mock, c, conf) = conference(at_once()).await;
    let ids = add(&c, &conf, &["1001", "1002"]).await;
    let one = || MtIdParams::new().mt_id(&ids[0]);
    ok(&c.call(&SetChairmanRequest::new(&conf, one())).await);
    ok(&c.call(&SetSpeakerRequest::new(&conf, one())).await);
    ok(&c.call(&SetDualStreamRequest::new(&conf, one())).await);
    let both = mt_refs(&[&ids[0], &ids[1]]);
    ok(&c.call(&StartMixRequest::new(&conf, StartMixParams::new().mode(MixMode::Custom).members(both.clone()))).await);
    let poll = StartPollParams::new().mode(PollMode::Video).num(0).keep_time(5).members(both);
    ok(&c.call(&StartPollRequest::new(&conf, poll)).await);
    assert_eq!(typed::<GetChairmanReply>(&c.call(&GetChairmanRequest::new(&conf)).await).mt_id, Some(ids[0].clone()));

    ok(&c.call(&RemoveMtsRequest::new(&conf, MtsParams::new().mts(mt_refs(&[&ids[0]])))).await);
    assert_eq!(typed::<GetChairmanReply>(&c.call(&GetChairmanRequest::new(&conf)).await).mt_id.as_deref(), Some(""));
    assert_eq!(typed::<GetSpeakerReply>(&c.call(&GetSpeakerRequest::new(&conf)).await).mt_id.as_deref(), Some(""));
    assert_eq!(
        typed::<GetDualStreamReply>(&c.call(&GetDualStreamRequest::new(&conf)).await).mt_id.as_deref(),
        Some("")
    );
    let mixed = typed::<GetMixReply>(&c.call(&GetMixRequest::new(&conf, "1")).await).members.unwrap();
    assert_eq!(mixed.iter().map(|m| m.mt_id.clone().unwrap()).collect::<Vec<_>>(), [ids[1].clone()]);
    let polled = typed::<GetPollReply>(&c.call(&GetPollRequest::new(&conf)).await).members.unwrap();
    assert_eq!(polled.len(), 1);
    // Cancelling a role: an empty terminal number.
    ok(&c.call(&SetSpeakerRequest::new(&conf, MtIdParams::new().mt_id(&ids[1]))).await);
    ok(&c.call(&SetSpeakerRequest::new(&conf, MtIdParams::new().mt_id(""))).await);
    assert_eq!(typed::<GetSpeakerReply>(&c.call(&GetSpeakerRequest::new(&conf)).await).mt_id.as_deref(), Some(""));
}

#[tokio::test]
async fn a_conferences_invitees_are_its_terminals() {
    let mock = at_once().start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let invitee = |name: &str, account: &str| {
        Invitee::new()
            .name(name)
            .account(account)
            .account_type(AccountType::E164)
            .bitrate(2048)
            .protocol(CallProtocol::Sip)
    };
    let params = samples::create_conf_params("项目周会", 60)
        .invite_members([invitee("上海", "1001"), invitee("北京", "1002")])
        .speaker(Member::new().name("北京").account("1002").account_type(AccountType::E164))
        .chairman(Member::new().name("上海").account("1001").account_type(AccountType::E164));
    let conf = typed::<CreateConfReply>(&c.call(&CreateConfRequest::new(params)).await).conf_id.unwrap();
    let listed = mts(&c, &conf).await;
    assert_eq!(listed.iter().map(|m| m.alias.as_deref().unwrap()).collect::<Vec<_>>(), ["上海", "北京"]);
    assert!(listed.iter().all(|m| is_on(&m.online) && m.protocol == Some(CallProtocol::Sip)));
    assert_eq!(typed::<GetChairmanReply>(&c.call(&GetChairmanRequest::new(&conf)).await).mt_id.as_deref(), Some("1"));
    assert_eq!(typed::<GetSpeakerReply>(&c.call(&GetSpeakerRequest::new(&conf)).await).mt_id.as_deref(), Some("2"));
}

#[tokio::test]
async fn a_conference_number_used_again_starts_with_nothing_of_the_last() {
    let mock = at_once().start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let room = mock.seed_virtual_meeting_room(samples::virtual_meeting_room_params("一号室")).unwrap();
    let in_room = || {
        CreateConfRequest::new(CreateConfParams::new().create_type(CreateType::VirtualMeetingRoom).template_id(&room))
    };
    let conf = typed::<CreateConfReply>(&c.call(&in_room()).await).conf_id.unwrap();
    add(&c, &conf, &["1001"]).await;
    ok(&c.call(&EndConfRequest::new(&conf)).await);
    let again = typed::<CreateConfReply>(&c.call(&in_room()).await).conf_id.unwrap();
    assert_eq!(again, conf);
    assert!(mts(&c, &conf).await.is_empty());
    assert_eq!(
        typed::<GetConfReply>(&c.call(&GetConfRequest::new(&conf)).await).meeting_room_name.as_deref(),
        Some("一号室")
    );
}

/// A PUT goes as itself and as POST with `_method=PUT`, and the mock carries out both; a DELETE
/// with a body (the document gives meeting control's DELETEs no `_method` fallback) goes as
/// DELETE with a form body whatever the option says.
#[tokio::test]
async fn put_and_delete_are_carried_out_either_way() {
    let (_mock, c, conf) = conference(at_once()).await;
    let ids = add(&c, &conf, &["1001", "1002"]).await;
    let via_post = WireOptions { via_post: true, ..Default::default() };
    let mute = SetMtMuteRequest::new(&conf, &ids[0], MuteParams::new().value(true));
    assert_eq!(mute.to_wire(c.token.as_ref(), &via_post).method, Method::Post);
    ok(&c.call_with(&mute, via_post).await);
    ok(&c.call(&SetMtMuteRequest::new(&conf, &ids[1], MuteParams::new().value(true))).await);
    assert!(mts(&c, &conf).await.iter().all(|m| is_on(&m.mute)));

    let hang_up = |id: &str| HangUpMtsRequest::new(&conf, MtsParams::new().mts(mt_refs(&[id])));
    let wire = hang_up(&ids[0]).to_wire(c.token.as_ref(), &via_post);
    assert_eq!(wire.method, Method::Delete);
    assert!(wire.form_body().is_some_and(|body| !body.is_empty()));
    ok(&c.call_with(&hang_up(&ids[0]), via_post).await);
    ok(&c.call(&hang_up(&ids[1])).await);
    assert!(mts(&c, &conf).await.iter().all(|m| !is_on(&m.online)));
}
