//! A mock that runs for long stays small: ended conferences are kept for a while and up to a
//! number, the request log turns over, and no stored list can grow without bound.

use std::time::Duration;

use crate::common::Client;
use kedacom_mc_mock::{codes, samples, Config, MockPlatform, MAX_LIST_ITEMS};
use kedacom_mc_models::*;

/// 20,000 cycles with the default limits in a release build, as a long integration run makes; a
/// debug build runs fewer, with the limits set lower so that they are still passed many times over.
const RELEASE_CYCLES: usize = 20_000;
const DEBUG_CYCLES: usize = 600;

async fn create(c: &Client, name: &str) -> (String, String) {
    let reply = c.call(&CreateConfRequest::new(samples::create_conf_params(name, 0))).await;
    let made: CreateConfReply = serde_json::from_str(&reply.text).unwrap_or_else(|e| panic!("{e}: {}", reply.text));
    (made.conf_id.expect("a conference number"), made.meeting_id.expect("a meeting id"))
}

#[tokio::test]
async fn create_and_end_cycles_keep_the_stored_meetings_and_the_log_bounded() {
    let defaults = Config::default();
    let (cycles, max_ended, max_logged) = if cfg!(debug_assertions) {
        (DEBUG_CYCLES, 50, 200)
    } else {
        (RELEASE_CYCLES, defaults.max_ended_meetings, defaults.max_logged_requests)
    };
    let mock =
        MockPlatform::builder().max_ended_meetings(max_ended).max_logged_requests(max_logged).start().await.unwrap();
    let c = Client::logged_in(&mock).await;

    let mut first = None;
    let mut last = None;
    for i in 0..cycles {
        let (conf_id, meeting_id) = create(&c, "例会").await;
        assert_eq!(c.call(&EndConfRequest::new(&conf_id)).await.code(), None, "cycle {i}");
        first.get_or_insert(meeting_id.clone());
        last = Some(meeting_id);
        if i % 97 == 0 {
            assert!(mock.stored_meetings() <= max_ended, "cycle {i}: {} stored", mock.stored_meetings());
            assert!(mock.logged_requests() <= max_logged);
        }
    }
    assert_eq!(mock.stored_meetings(), max_ended);
    assert_eq!(mock.logged_requests(), max_logged);

    // The earliest ended is forgotten, the latest is still there, and a window over the whole run
    // lists exactly the ones kept.
    let gone = c.call(&GetMeetingRequest::new(first.unwrap())).await;
    assert_eq!(gone.code(), Some(codes::MEETING_NOT_FOUND));
    let kept: GetMeetingReply =
        serde_json::from_str(&c.call(&GetMeetingRequest::new(last.unwrap())).await.text).unwrap();
    assert_eq!(kept.state, Some(MeetingState::Ended));
    let past = ListMeetingsRequest::new().start_time("2000-01-01T00:00:00+08:00").count(1);
    let listed: ListMeetingsReply = serde_json::from_str(&c.call(&past).await.text).unwrap();
    assert_eq!(listed.total, Some(max_ended as i64));
}

#[tokio::test]
async fn an_ended_conference_is_forgotten_after_its_retention() {
    let mock = MockPlatform::builder().ended_meeting_retention(Duration::from_millis(50)).start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let (conf_id, meeting_id) = create(&c, "短会").await;
    let (running, _) = create(&c, "长会").await;
    c.call(&EndConfRequest::new(&conf_id)).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(c.call(&GetMeetingRequest::new(&meeting_id)).await.code(), Some(codes::MEETING_NOT_FOUND));
    assert_eq!(c.call(&EndConfRequest::new(&conf_id)).await.code(), Some(codes::MEETING_NOT_FOUND));
    // A running conference is never forgotten.
    assert_eq!(mock.stored_meetings(), 1);
    assert_eq!(c.call(&EndConfRequest::new(&running)).await.code(), None);
}

#[tokio::test]
async fn an_ended_conference_stays_readable_by_default() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let (conf_id, meeting_id) = create(&c, "周会").await;
    c.call(&EndConfRequest::new(&conf_id)).await;
    let detail: GetMeetingReply =
        serde_json::from_str(&c.call(&GetMeetingRequest::new(&meeting_id)).await.text).unwrap();
    assert_eq!(detail.state, Some(MeetingState::Ended));
    assert_eq!(mock.stored_meetings(), 1);
}

fn formats(n: usize) -> Vec<VideoFormatSpec> {
    samples::video_formats().into_iter().cycle().take(n).collect()
}

#[tokio::test]
async fn a_stored_list_holds_at_most_the_mock_limit() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;

    let at_limit = samples::create_conf_params("上限", 60).video_formats(formats(MAX_LIST_ITEMS));
    assert_eq!(c.call(&CreateConfRequest::new(at_limit)).await.code(), None);

    let over = samples::create_conf_params("超限", 60).video_formats(formats(MAX_LIST_ITEMS + 1));
    let reply = c.call(&CreateConfRequest::new(over.clone())).await;
    assert_eq!(reply.code(), Some(codes::PARAMETER_ERROR));
    let description = reply.json()["description"].as_str().unwrap().to_owned();
    assert!(
        description.contains("video_formats") && description.contains(&MAX_LIST_ITEMS.to_string()),
        "{description}"
    );
    assert_eq!(mock.stored_meetings(), 1);

    // Seeding and `?debug=1` apply the same limit, and so do the other stored bodies.
    let seeded = mock.seed_conference(over).unwrap_err();
    assert_eq!(seeded.code, codes::PARAMETER_ERROR);
    let booked =
        samples::booked_conf_params("预约", "2030-01-01T09:00:00+08:00", 60).video_formats(formats(MAX_LIST_ITEMS + 1));
    let checked = c
        .call_with(&BookConfRequest::new(booked), WireOptions { server_check: true, ..Default::default() })
        .await
        .json();
    assert!(checked["dubug_list"]["video_formats"].is_string(), "{checked}");
}
