//! Asynchronous calls the platform accepts and then fails: the mock made to fail one after its
//! `success` reply (`Fault::fail_later`), the client sees the push document's failure notification
//! as `Event::Notify` with the code and the document's meaning of it, and the state shows nothing
//! of the call. Deadlines only guard against a hang; nothing is timed.

use std::time::Duration;

use kedacom_mc_client::{Client, Error, Event, Events};
use kedacom_mc_mock::{codes, samples, Fault, MockPlatform};
use kedacom_mc_models::*;
use serde_json::json;

const GUARD: Duration = Duration::from_secs(10);

/// A mock whose terminals answer at once, a client, a running conference with two online terminals,
/// and the client's events of the conference's channels.
async fn conference() -> (MockPlatform, Client, String, Vec<String>, Events) {
    let mock = MockPlatform::builder().mt_online_delay(Duration::ZERO).start().await.unwrap();
    let client = crate::against_mock::builder(&mock).build().unwrap();
    let conf = client.create_conf(samples::create_conf_params("失败通知", 60)).await.unwrap().conf_id.unwrap();
    let params = AddMtsParams::new().mts([samples::new_mt("0512110000001"), samples::new_mt("0512110000002")]);
    let added = client.add_mts_until_online(AddMtsRequest::new(&conf, params), GUARD).await.unwrap();
    let ids = added.mts.unwrap().iter().map(|m| m.mt_id.unwrap().to_string()).collect();
    let events = client.events(&[format!("/confs/{conf}/**")]).await.unwrap();
    (mock, client, conf, ids, events)
}

/// The next notification on the channel (other events skipped): its channel's values and the
/// code, which must come with the document's meaning.
async fn failure(events: &mut Events, channel: &'static ChannelInfo) -> (Vec<(&'static str, String)>, i64) {
    let wait = async {
        loop {
            match events.next_event().await.expect("the stream ended") {
                Event::Notify { channel: c, code: Some(code), meaning: Some(meaning), .. } if c.info == channel => {
                    assert_eq!(Some(meaning), error_message(code));
                    return (c.values, code);
                }
                Event::Notify { channel: c, code, meaning, .. } if c.info == channel => {
                    panic!("a notification without its code or meaning: {code:?} {meaning:?}")
                }
                _ => {}
            }
        }
    };
    tokio::time::timeout(GUARD, wait).await.expect("no notification in time")
}

fn value<'a>(values: &'a [(&'static str, String)], name: &str) -> Option<&'a str> {
    values.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
}

fn api_code<T: std::fmt::Debug>(result: Result<T, Error>) -> Option<i64> {
    result.expect_err("the call should be refused").api_code()
}

fn params<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).unwrap()
}

#[tokio::test]
async fn a_composition_that_fails_to_start_is_notified_and_does_not_run() {
    let (mock, client, conf, ids, mut events) = conference().await;
    mock.on::<StartVmpRequest>().fault(Fault::fail_later(codes::NO_VMP_RESOURCE));
    let vmp: StartVmpParams = params(json!({
        "mode": 1, "layout": 1, "broadcast": 1, "voice_hint": 0, "show_mt_name": 0,
        "members": [{"chn_idx": 0, "member_type": 1, "mt_id": ids[0], "mt_chn_idx": 0}]
    }));
    client.start_vmp(&conf, vmp).await.unwrap();
    let (values, code) = failure(&mut events, &channels::VMP).await;
    assert_eq!((code, value(&values, "vmp_id")), (codes::NO_VMP_RESOURCE, Some("1")));
    assert_eq!(api_code(client.get_vmp(&conf, "1").await), Some(codes::VMP_NOT_RUNNING));
    assert_eq!(client.get_conf(&conf).await.unwrap().vmp_enable, Some(Switch::Off));
}

#[tokio::test]
async fn a_mix_that_fails_to_start_is_notified_and_does_not_run() {
    let (mock, client, conf, ids, mut events) = conference().await;
    mock.on::<StartMixRequest>().fault(Fault::fail_later(codes::NO_MIXER_RESOURCE));
    let mix = StartMixParams::new().mode(MixMode::Custom).members([MtRef::new().mt_id(&ids[0])]);
    client.start_mix(&conf, mix).await.unwrap();
    let (values, code) = failure(&mut events, &channels::MIX).await;
    assert_eq!((code, value(&values, "mix_id")), (codes::NO_MIXER_RESOURCE, Some("1")));
    assert_eq!(api_code(client.get_mix(&conf, "1").await), Some(codes::MIX_NOT_RUNNING));
    assert_eq!(client.get_conf(&conf).await.unwrap().mix_enable, Some(Switch::Off));
}

#[tokio::test]
async fn a_recording_that_fails_is_notified_on_its_recorder_and_is_not_running() {
    let (mock, client, conf, _, mut events) = conference().await;
    mock.on::<StartRecordingRequest>().fault(Fault::fail_later(codes::NO_RECORDER_RESOURCE));
    let recording: StartRecordingParams = params(json!({
        "video_name": "周会录像", "recorder_type": 1, "publish_mode": 0, "anonymous": 0, "recorder_mode": 1,
        "main_stream": 1, "dual_stream": 0, "watermark": 0, "vrs_id": "81dac790-056b-40ea-8e52-05547bb656d9"
    }));
    let rec_id = client.start_recording(&conf, recording).await.unwrap().rec_id.unwrap();
    let (values, code) = failure(&mut events, &channels::RECORDER).await;
    assert_eq!((code, value(&values, "rec_id")), (codes::NO_RECORDER_RESOURCE, Some(rec_id.as_str())));
    assert_eq!(api_code(client.get_recorder(&conf, &rec_id).await), Some(codes::RECORDING_NOT_FOUND));
    assert!(client.list_recorders(&conf).await.unwrap().recorders.unwrap_or_default().is_empty());
}

#[tokio::test]
async fn a_tv_wall_and_an_inspection_that_fail_are_notified_on_their_channels() {
    let (mock, client, conf, ids, mut events) = conference().await;
    mock.on::<StartHduRequest>().fault(Fault::fail_later(codes::HDU_IN_USE));
    let hdu: StartHduParams =
        params(json!({"hdu_id": "1_2", "mode": 1, "specific": {"member_type": "1", "mt_id": ids[0]}}));
    client.start_hdu(&conf, hdu).await.unwrap();
    let (values, code) = failure(&mut events, &channels::HDU).await;
    assert_eq!((code, value(&values, "hdu_id")), (codes::HDU_IN_USE, Some("1_2")));

    mock.on::<StartInspectionRequest>().fault(Fault::fail_later(codes::INSPECTION_REFUSED));
    let inspection: StartInspectionParams =
        params(json!({"mode": 1, "src": {"type": 1, "mt_id": ids[0]}, "dst": {"mt_id": ids[1]}}));
    client.start_inspection(&conf, inspection).await.unwrap();
    let (values, code) = failure(&mut events, &channels::INSPECTION).await;
    assert_eq!(code, codes::INSPECTION_REFUSED);
    assert_eq!((value(&values, "mt_id"), value(&values, "mode")), (Some(ids[1].as_str()), Some("1")));
}

#[tokio::test]
async fn a_failure_refused_before_the_reply_publishes_nothing() {
    let (mock, client, conf, ids, mut events) = conference().await;
    let mix = StartMixParams::new().mode(MixMode::Custom).members([MtRef::new().mt_id(&ids[0])]);
    client.start_mix(&conf, mix.clone()).await.unwrap();
    mock.on::<StartMixRequest>().fault(Fault::fail_later(codes::NO_MIXER_RESOURCE));
    // The platform's own check comes first: the mix runs already, and the running one stays.
    assert_eq!(api_code(client.start_mix(&conf, mix).await), Some(codes::MIX_RUNNING));
    client.stop_mix(&conf, "1").await.unwrap();
    let wait = async {
        loop {
            match events.next_event().await.expect("the stream ended") {
                Event::Update(c) if c.info == &channels::MIX => {}
                Event::Delete(c) if c.info == &channels::MIX => return,
                other => panic!("expected the mix's own messages only, got {other:?}"),
            }
        }
    };
    tokio::time::timeout(GUARD, wait).await.expect("the mix's delete in time");
}
