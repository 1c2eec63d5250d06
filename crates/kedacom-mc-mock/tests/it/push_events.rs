//! The push service follows the platform's state: every change a call makes, and what happens on
//! the platform's own clock with no call at all, is published on the channel the push document
//! gives for it; an asynchronous call a test makes fail after its reply publishes the document's
//! failure notification, and keeps nothing. Waits are for messages, bounded only against a hang.

use std::time::Duration;

use crate::common::listener::{Listener, Published};
use crate::common::{Client, Reply};
use kedacom_mc_mock::{codes, samples, Fault, MockPlatform};
use kedacom_mc_models::*;
use serde::de::DeserializeOwned;
use serde_json::json;

fn typed<T: DeserializeOwned>(reply: &Reply) -> T {
    assert_eq!(reply.code(), None, "{}", reply.text);
    serde_json::from_str(&reply.text).unwrap_or_else(|e| panic!("{e}: {}", reply.text))
}

fn ok(reply: &Reply) {
    assert_eq!(reply.code(), None, "{}", reply.text);
}

fn params<T: DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).unwrap()
}

/// A mock whose terminals answer at once, a listener to every conference channel, a client, and a
/// running conference holding two online terminals.
async fn conference() -> (MockPlatform, Listener, Client, String, Vec<String>) {
    let mock = MockPlatform::builder().mt_online_delay(Duration::ZERO).start().await.unwrap();
    let mut l = Listener::subscribed(&mock, &["/confs/*", "/confs/**"]).await;
    let c = Client::logged_in(&mock).await;
    let made: CreateConfReply = typed(&c.call(&CreateConfRequest::new(samples::create_conf_params("推送", 60))).await);
    let conf = made.conf_id.unwrap();
    let params = AddMtsParams::new().mts([samples::new_mt("1001"), samples::new_mt("1002")]);
    let added: AddMtsReply = typed(&c.call(&AddMtsRequest::new(&conf, params)).await);
    let ids: Vec<String> = added.mts.unwrap().iter().map(|m| m.mt_id.unwrap().to_string()).collect();
    for _ in &ids {
        l.next_on(&channels::CASCADE_MT, MessageKind::Update).await;
    }
    (mock, l, c, conf, ids)
}

fn mt_refs(ids: &[&str]) -> Vec<MtRef> {
    ids.iter().map(|id| MtRef::new().mt_id(*id)).collect()
}

fn online(reply: &Reply, mt_id: &str) -> bool {
    let mts = typed::<ListMtsReply>(reply).mts.unwrap();
    mts.iter().find(|m| m.mt_id.as_deref() == Some(mt_id)).unwrap().online.as_ref().is_some_and(Switch::is_on)
}

#[tokio::test]
async fn a_conference_starts_and_ends_on_its_own_clock_with_no_call() {
    let mock = MockPlatform::builder().mt_online_delay(Duration::ZERO).start().await.unwrap();
    let mut l = Listener::subscribed(&mock, &["/confs/*", "/confs/**"]).await;
    let calls = mock.requests().len();
    let booked = samples::booked_conf_ending_in("到点结束", Duration::from_secs(3)).invite_members([Invitee::new()
        .name("甲")
        .account("1001")
        .account_type(AccountType::E164)
        .bitrate(2048)
        .protocol(CallProtocol::H323)]);
    let conf = mock.seed_booked_conference(booked).unwrap().conf_id;

    let started = l.next_on(&channels::CONF, MessageKind::Update).await;
    assert_eq!(started.get("conf_id"), Some(conf.as_str()));
    let invitee = l.next_on(&channels::CASCADE_MT, MessageKind::Update).await;
    assert_eq!((invitee.get("conf_id"), invitee.get("cascade_id")), (Some(conf.as_str()), Some("0")));
    // What the conference held goes with it, then the conference.
    let gone = l.next_on(&channels::CASCADE_MT, MessageKind::Delete).await;
    assert_eq!(gone.get("mt_id"), invitee.get("mt_id"));
    let ended = l.next_on(&channels::CONF, MessageKind::Delete).await;
    assert_eq!(ended.get("conf_id"), Some(conf.as_str()));
    assert_eq!(mock.requests().len(), calls, "nothing but the clock ended it");

    let c = Client::logged_in(&mock).await;
    assert_eq!(c.call(&GetConfRequest::new(&conf)).await.code(), Some(codes::CONF_NOT_FOUND));
}

#[tokio::test]
async fn ending_a_conference_deletes_what_it_held() {
    let (_mock, mut l, c, conf, ids) = conference().await;
    ok(&c
        .call(&StartMixRequest::new(&conf, StartMixParams::new().mode(MixMode::Custom).members(mt_refs(&[&ids[0]]))))
        .await);
    l.next_on(&channels::MIX, MessageKind::Update).await;
    ok(&c.call(&EndConfRequest::new(&conf)).await);
    let mut deleted = Vec::new();
    loop {
        let p = l.next().await;
        assert_eq!(p.kind, MessageKind::Delete, "{p:?}");
        deleted.push((p.channel.id, p.get("mt_id").map(str::to_owned)));
        if p.channel == &channels::CONF {
            break;
        }
    }
    let expected: Vec<(&str, Option<String>)> =
        vec![("mix", None), ("cascade_mt", Some(ids[0].clone())), ("cascade_mt", Some(ids[1].clone())), ("conf", None)];
    assert_eq!(deleted, expected);
}

#[tokio::test]
async fn hanging_up_calling_and_removing_terminals_are_published() {
    let (_mock, mut l, c, conf, ids) = conference().await;
    ok(&c.call(&SetDualStreamRequest::new(&conf, MtIdParams::new().mt_id(&ids[1]))).await);
    l.next_on(&channels::DUAL_STREAM, MessageKind::Update).await;

    ok(&c.call(&HangUpMtsRequest::new(&conf, MtsParams::new().mts(mt_refs(&[&ids[1]])))).await);
    let offline = l.next().await;
    assert_eq!((offline.channel, offline.kind), (&channels::CASCADE_MT, MessageKind::Update));
    assert_eq!(offline.get("mt_id"), Some(ids[1].as_str()));
    // It was sending the dual stream; that stops with it.
    assert_eq!(l.next().await.channel, &channels::DUAL_STREAM);
    assert!(!online(&c.call(&ListMtsRequest::new(&conf)).await, &ids[1]));

    ok(&c.call(&CallMtsRequest::new(&conf, CallMtsParams::new().mts([MtToCall::new().mt_id(&ids[1])]))).await);
    let answered = l.next_on(&channels::CASCADE_MT, MessageKind::Update).await;
    assert_eq!(answered.get("mt_id"), Some(ids[1].as_str()));
    assert!(online(&c.call(&ListMtsRequest::new(&conf)).await, &ids[1]));

    ok(&c.call(&SetChairmanRequest::new(&conf, MtIdParams::new().mt_id(&ids[0]))).await);
    l.next_on(&channels::CHAIRMAN, MessageKind::Update).await;
    ok(&c.call(&RemoveMtsRequest::new(&conf, MtsParams::new().mts(mt_refs(&[&ids[0]])))).await);
    // The role it held changes, then it is gone.
    assert_eq!(l.next().await.channel, &channels::CHAIRMAN);
    let removed = l.next().await;
    assert_eq!((removed.channel, removed.kind), (&channels::CASCADE_MT, MessageKind::Delete));
    assert_eq!(removed.get("mt_id"), Some(ids[0].as_str()));
}

#[tokio::test]
async fn each_stateful_change_is_published_on_its_channel() {
    let (_mock, mut l, c, conf, ids) = conference().await;
    let cases: Vec<(Reply, &ChannelInfo, MessageKind)> = vec![
        (
            c.call(&SetMtMuteRequest::new(&conf, &ids[0], MuteParams::new().value(true))).await,
            &channels::CASCADE_MT,
            MessageKind::Update,
        ),
        (
            c.call(&SetConfSilenceRequest::new(&conf, SilenceParams::new().value(true))).await,
            &channels::CONF,
            MessageKind::Update,
        ),
        (
            c.call(&RenameConfRequest::new(&conf, RenameConfParams::new().value("改名"))).await,
            &channels::CONF,
            MessageKind::Update,
        ),
        (
            c.call(&CancelDualStreamRequest::new(&conf, MtIdParams::new().mt_id(&ids[0]))).await,
            &channels::DUAL_STREAM,
            MessageKind::Update,
        ),
        (c.call(&StartPollRequest::new(&conf, poll(&ids))).await, &channels::POLL, MessageKind::Update),
        (
            c.call(&SetPollStateRequest::new(
                &conf,
                SetPollStateParams::new().value(PollStateChange::Stop).mode(PollMode::Video),
            ))
            .await,
            &channels::POLL,
            MessageKind::Delete,
        ),
    ];
    for (reply, channel, kind) in cases {
        ok(&reply);
        let p = l.next_on(channel, kind).await;
        assert_eq!(p.get("conf_id"), Some(conf.as_str()));
    }
}

fn poll(ids: &[String]) -> StartPollParams {
    params(json!({"mode": 1, "num": 0, "keep_time": 10, "members": [{"mt_id": ids[0]}, {"mt_id": ids[1]}]}))
}

/// The next notification, as its channel's typed message; the failure's code.
async fn failure(l: &mut Listener, channel: &'static ChannelInfo) -> (Published, Notice) {
    let p = l.next_on(channel, MessageKind::Notify).await;
    let notice = Notice::decode(p.channel, p.data.clone()).expect("a notification channel").expect("its shape");
    (p, notice)
}

#[tokio::test]
async fn a_composition_that_fails_to_start_is_reported_and_does_not_run() {
    let (mock, mut l, c, conf, ids) = conference().await;
    mock.on::<StartVmpRequest>().fault(Fault::fail_later(codes::NO_VMP_RESOURCE));
    let vmp: StartVmpParams = params(json!({
        "mode": 1, "layout": 1, "broadcast": 1, "voice_hint": 0, "show_mt_name": 0,
        "members": [{"chn_idx": 0, "member_type": 1, "mt_id": ids[0], "mt_chn_idx": 0}]
    }));
    ok(&c.call(&StartVmpRequest::new(&conf, vmp)).await);
    let (p, notice) = failure(&mut l, &channels::VMP).await;
    assert_eq!((p.get("conf_id"), p.get("vmp_id")), (Some(conf.as_str()), Some("1")));
    assert_eq!(notice.error_code(), Some(codes::NO_VMP_RESOURCE));
    assert_eq!(c.call(&GetVmpRequest::new(&conf, "1")).await.code(), Some(codes::VMP_NOT_RUNNING));
    let detail: GetConfReply = typed(&c.call(&GetConfRequest::new(&conf)).await);
    assert_eq!(detail.vmp_enable, Some(Switch::Off));
}

#[tokio::test]
async fn a_mix_that_fails_to_start_is_reported_with_its_mode() {
    let (mock, mut l, c, conf, ids) = conference().await;
    mock.on::<StartMixRequest>().fault(Fault::fail_later(codes::NO_MIXER_RESOURCE)).once();
    let start = StartMixParams::new().mode(MixMode::Custom).members(mt_refs(&[&ids[0]]));
    ok(&c.call(&StartMixRequest::new(&conf, start.clone())).await);
    let (_, notice) = failure(&mut l, &channels::MIX).await;
    let Notice::Mix(n) = notice else { panic!("{notice:?}") };
    assert_eq!((n.error_code, n.mode), (Some(codes::NO_MIXER_RESOURCE), Some(MixMode::Custom)));
    assert_eq!(c.call(&GetMixRequest::new(&conf, "1")).await.code(), Some(codes::MIX_NOT_RUNNING));
    // Once: the next start runs.
    ok(&c.call(&StartMixRequest::new(&conf, start)).await);
    l.next_on(&channels::MIX, MessageKind::Update).await;
}

#[tokio::test]
async fn a_recording_that_fails_is_reported_on_its_recorder_and_is_not_kept() {
    let (mock, mut l, c, conf, _) = conference().await;
    mock.on::<StartRecordingRequest>().fault(Fault::fail_later(codes::NO_RECORDER_RESOURCE));
    let recording: StartRecordingParams = params(json!({
        "video_name": "录像", "recorder_type": 1, "publish_mode": 0, "anonymous": 0, "recorder_mode": 1,
        "main_stream": 1, "dual_stream": 0, "watermark": 0, "vrs_id": "81dac790-056b-40ea-8e52-05547bb656d9"
    }));
    let started: StartRecordingReply = typed(&c.call(&StartRecordingRequest::new(&conf, recording)).await);
    let rec_id = started.rec_id.unwrap();
    let (p, notice) = failure(&mut l, &channels::RECORDER).await;
    assert_eq!(p.get("rec_id"), Some(rec_id.as_str()));
    assert_eq!(notice.error_code(), Some(codes::NO_RECORDER_RESOURCE));
    assert_eq!(c.call(&GetRecorderRequest::new(&conf, &rec_id)).await.code(), Some(codes::RECORDING_NOT_FOUND));
    let listed: ListRecordersReply = typed(&c.call(&ListRecordersRequest::new(&conf)).await);
    assert_eq!(listed.recorders.unwrap_or_default().len(), 0);
}

#[tokio::test]
async fn added_terminals_that_fail_are_reported_and_stay_offline() {
    let (mock, mut l, c, conf, _) = conference().await;
    mock.on::<AddMtsRequest>().fault(Fault::fail_later(codes::MT_UNREACHABLE)).once();
    let added: AddMtsReply =
        typed(&c.call(&AddMtsRequest::new(&conf, AddMtsParams::new().mts([samples::new_mt("1003")]))).await);
    let (_, notice) = failure(&mut l, &channels::MTS).await;
    let Notice::Mts(n) = notice else { panic!("{notice:?}") };
    assert_eq!(n.error_code, Some(codes::MT_UNREACHABLE));
    assert_eq!(n.mt.and_then(|m| m.account).as_deref(), Some("1003"));
    let mt_id = added.mts.unwrap()[0].mt_id.unwrap().to_string();
    assert!(!online(&c.call(&ListMtsRequest::new(&conf)).await, &mt_id));
}

/// The calls the mock answers by default report their failure on the channel their placeholders
/// name, with what the request gave.
#[tokio::test]
async fn calls_answered_by_default_report_their_failures() {
    let (mock, mut l, c, conf, ids) = conference().await;
    mock.inject(Fault::fail_later(codes::HDU_IN_USE).on::<StartHduRequest>());
    let hdu: StartHduParams =
        params(json!({"hdu_id": "1_2", "mode": 1, "specific": {"member_type": "1", "mt_id": ids[0]}}));
    ok(&c.call(&StartHduRequest::new(&conf, hdu)).await);
    let (p, notice) = failure(&mut l, &channels::HDU).await;
    assert_eq!(p.get("hdu_id"), Some("1_2"));
    let Notice::Hdu(n) = notice else { panic!("{notice:?}") };
    assert_eq!((n.error_code, n.mode), (Some(codes::HDU_IN_USE), Some(HduMode::from_wire(1))));

    mock.on::<StartInspectionRequest>().fault(Fault::fail_later(codes::INSPECTION_REFUSED));
    let inspection: StartInspectionParams =
        params(json!({"mode": 2, "src": {"type": 1, "mt_id": ids[0]}, "dst": {"mt_id": ids[1]}}));
    ok(&c.call(&StartInspectionRequest::new(&conf, inspection)).await);
    let (p, notice) = failure(&mut l, &channels::INSPECTION).await;
    assert_eq!((p.get("mt_id"), p.get("mode")), (Some(ids[1].as_str()), Some("2")));
    let Notice::Inspection(n) = notice else { panic!("{notice:?}") };
    assert_eq!(n.error_code, Some(codes::INSPECTION_REFUSED));
    assert_eq!(n.src.and_then(|s| s.mt_id), Some(ids[0].clone()));

    mock.on::<StartMonitorRequest>().fault(Fault::fail_later(codes::MONITOR_SOURCE_CLOSED));
    let monitor: StartMonitorParams =
        params(json!({"mode": 0, "src": {"type": 1, "mt_id": ids[0]}, "dst": {"ip": "12.235.155.15", "port": 6615}}));
    ok(&c.call(&StartMonitorRequest::new(&conf, monitor)).await);
    let (p, notice) = failure(&mut l, &channels::MONITOR).await;
    assert_eq!((p.get("dst_ip"), p.get("dst_port")), (Some("12.235.155.15"), Some("6615")));
    assert_eq!(notice.error_code(), Some(codes::MONITOR_SOURCE_CLOSED));

    mock.on::<StartPlaybackRequest>().fault(Fault::fail_later(codes::RECORDING_SERVER_FAILED));
    let playback: StartPlaybackParams = params(json!({
        "play_dual_stream": 1, "file_name": "周会.asf", "file_id": 14035, "vrs_id": "81dac790-056b-40ea-8e52-05547bb656d9"
    }));
    ok(&c.call(&StartPlaybackRequest::new(&conf, playback)).await);
    let (_, notice) = failure(&mut l, &channels::PLAYBACK).await;
    assert_eq!(notice.error_code(), Some(codes::RECORDING_SERVER_FAILED));
}

#[tokio::test]
async fn a_failure_for_every_endpoint_waits_for_a_call_that_can_fail() {
    let (mock, mut l, c, conf, ids) = conference().await;
    mock.inject(Fault::fail_later(codes::NO_MIXER_RESOURCE).once());
    // Calls that cannot fail after their reply neither fail nor spend the rule.
    ok(&c.call(&ListMtsRequest::new(&conf)).await);
    ok(&c.call(&SetConfMuteRequest::new(&conf, MuteParams::new().value(true))).await);
    assert_eq!(mock.faults().len(), 1);
    ok(&c
        .call(&StartMixRequest::new(&conf, StartMixParams::new().mode(MixMode::Custom).members(mt_refs(&[&ids[0]]))))
        .await);
    let (_, notice) = failure(&mut l, &channels::MIX).await;
    assert_eq!(notice.error_code(), Some(codes::NO_MIXER_RESOURCE));
    assert!(mock.faults().is_empty());
}

#[test]
fn a_failure_after_the_reply_is_written_and_read_for_the_binary() {
    let fault: Fault = "start_vmp=fail-later:20901@1".parse().unwrap();
    assert_eq!(fault, Fault::fail_later(codes::NO_VMP_RESOURCE).on::<StartVmpRequest>().once());
    assert_eq!(fault.to_string(), "start_vmp=fail-later:20901@1");
    let refused = "list_mts=fail-later:20901".parse::<Fault>().unwrap_err();
    assert!(refused.to_string().contains("list_mts"), "{refused}");
}
