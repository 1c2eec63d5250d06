//! Asynchronous calls awaited to the outcome the push service reports, and a pushed update read
//! back with its channel's GET, against the mock over HTTP. Deadlines only guard against a hang.

use std::time::Duration;

use kedacom_mc_client::{Client, Error};
use kedacom_mc_mock::{codes, samples, Fault, MockPlatform};
use kedacom_mc_models::{
    channels, error_message, AddMtsParams, AddMtsRequest, Endpoint, GetRecorderRequest, GetSpeakerRequest, MtIdParams,
    RecorderMode, RecorderModeParams, RecorderState, RecorderType, SetSpeakerRequest, StartRecordingParams,
    StartRecordingRequest, StopRecordingRequest,
};

const GUARD: Duration = Duration::from_secs(60);

fn client(mock: &MockPlatform) -> Client {
    crate::against_mock::builder(mock).build().unwrap()
}

fn whole_conference() -> StartRecordingParams {
    samples::recording_params(RecorderType::Conf)
}

async fn conference(client: &Client, name: &str) -> String {
    client.create_conf(samples::create_conf_params(name, 60)).await.unwrap().conf_id.unwrap()
}

#[tokio::test]
async fn a_recording_started_resolves_on_its_recorders_update_and_reads_back_running() {
    let mock = MockPlatform::start().await.unwrap();
    let client = client(&mock);
    let conf = conference(&client, "录像").await;

    let settled = client.send_and_wait(StartRecordingRequest::new(&conf, whole_conference()), GUARD).await.unwrap();
    let rec_id = settled.reply.rec_id.clone().unwrap();
    // The message that settled it is the new recorder's, named by the reply.
    assert_eq!(settled.confirmed.len(), 1, "{:?}", settled.confirmed);
    let update = &settled.confirmed[0];
    assert_eq!(update.info, &channels::RECORDER);
    assert_eq!((update.get("conf_id"), update.get("rec_id")), (Some(conf.as_str()), Some(rec_id.as_str())));

    let recording = client.read_back::<GetRecorderRequest>(update).await.unwrap();
    assert_eq!(recording.video_name.as_deref(), Some("周会录像"));
    assert_eq!(recording.state, Some(RecorderState::Recording));

    // Stopping resolves on the recorder's delete.
    let stop = RecorderModeParams::new().recorder_mode(RecorderMode::Record);
    let stopped = client.send_and_wait(StopRecordingRequest::new(&conf, &rec_id, stop), GUARD).await.unwrap();
    assert_eq!(stopped.confirmed[0].get("rec_id"), Some(rec_id.as_str()));
}

#[tokio::test]
async fn a_recording_that_fails_after_its_reply_fails_the_wait_with_the_notifications_code() {
    let mock = MockPlatform::start().await.unwrap();
    mock.on::<StartRecordingRequest>().fault(Fault::fail_later(codes::NO_RECORDER_RESOURCE));
    let client = client(&mock);
    let conf = conference(&client, "录像失败").await;
    match client.send_and_wait(StartRecordingRequest::new(&conf, whole_conference()), GUARD).await {
        Err(Error::Failed { operation, code, meaning }) => {
            assert_eq!(operation, StartRecordingRequest::INFO.operation);
            assert_eq!(code, codes::NO_RECORDER_RESOURCE);
            assert_eq!(meaning, error_message(codes::NO_RECORDER_RESOURCE));
        }
        other => panic!("expected the recorder's failure, got {other:?}"),
    }
}

#[tokio::test]
async fn adding_terminals_settles_once_per_terminal() {
    let mock = MockPlatform::start().await.unwrap();
    let client = client(&mock);
    let conf = conference(&client, "上线").await;
    let params = AddMtsParams::new().mts([samples::new_mt("0512110000001"), samples::new_mt("0512110000002")]);
    let settled = client.send_and_wait(AddMtsRequest::new(&conf, params), GUARD).await.unwrap();
    let mut added: Vec<String> =
        settled.reply.mts.iter().flatten().filter_map(|m| m.mt_id).map(|id| id.to_string()).collect();
    let mut online: Vec<String> = settled.confirmed.iter().filter_map(|c| c.get("mt_id")).map(str::to_owned).collect();
    added.sort();
    online.sort();
    assert_eq!(online, added);
    assert_eq!(added.len(), 2);
}

#[tokio::test]
async fn a_call_without_a_pushed_outcome_is_refused_before_it_is_sent() {
    let mock = MockPlatform::start().await.unwrap();
    let client = client(&mock);
    let conf = conference(&client, "同步").await;
    let request = SetSpeakerRequest::new(&conf, MtIdParams::new().mt_id("1"));
    match client.send_and_wait(request, GUARD).await {
        Err(e @ Error::Unsupported { .. }) => assert!(e.to_string().contains(SetSpeakerRequest::INFO.operation), "{e}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(mock.requests_for::<SetSpeakerRequest>().is_empty());
}

#[tokio::test]
async fn an_update_is_read_back_only_with_its_channels_get() {
    let mock = MockPlatform::builder().mt_online_delay(Duration::ZERO).start().await.unwrap();
    let client = client(&mock);
    let conf = conference(&client, "回读").await;
    let mut events = client.events(&[format!("/confs/{conf}/recorders/*")]).await.unwrap();
    client.start_recording(&conf, whole_conference()).await.unwrap();
    let update = match tokio::time::timeout(GUARD, events.next_event()).await.unwrap().unwrap() {
        kedacom_mc_client::Event::Update(c) => c,
        other => panic!("expected the recorder's update, got {other:?}"),
    };
    match client.read_back::<GetSpeakerRequest>(&update).await {
        Err(e @ Error::Unsupported { .. }) => {
            assert!(e.to_string().contains(GetRecorderRequest::INFO.operation), "names the right GET: {e}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(mock.requests_for::<GetSpeakerRequest>().is_empty());
    assert!(client.read_back::<GetRecorderRequest>(&update).await.is_ok());
    assert_eq!(mock.requests_for::<GetRecorderRequest>().len(), 1);
}
