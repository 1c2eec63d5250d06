//! The push service end to end: the client's Bayeux connection against the mock's, over HTTP.
//! Deadlines only guard against a hang; nothing is timed.

use std::time::{Duration, Instant};

use kedacom_mc_client::{Client, Error, Event, Events};
use kedacom_mc_mock::{codes, samples, MockPlatform, PushFault};
use kedacom_mc_models::{channels, AddMtsParams, AddMtsRequest, CallMtsParams, MtIdParams, MtRef, MtToCall, MtsParams};

const GUARD: Duration = Duration::from_secs(60);

fn client(mock: &MockPlatform) -> Client {
    crate::against_mock::builder(mock).build().unwrap()
}

async fn next(events: &mut Events) -> Event {
    tokio::time::timeout(GUARD, events.next_event()).await.expect("no event in time").expect("the stream ended")
}

/// The next event that is not about a terminal (those come after the mock's online delay).
async fn next_of(events: &mut Events, channel: &'static kedacom_mc_models::ChannelInfo) -> Event {
    loop {
        let e = next(events).await;
        let info = match &e {
            Event::Update(c) | Event::Delete(c) | Event::Notify { channel: c, .. } => Some(c.info),
            _ => None,
        };
        if info == Some(channel) {
            return e;
        }
    }
}

#[tokio::test]
async fn events_follow_the_conference_state() {
    let mock = MockPlatform::builder().mt_online_delay(Duration::ZERO).start().await.unwrap();
    let client = client(&mock);
    let mut events = client.events(&["/confs/**", "/confs/*"]).await.unwrap();
    assert_eq!(events.domain_id(), mock.user_domain_id());

    let conf = client.create_conf(samples::create_conf_params("推送周会", 60)).await.unwrap().conf_id.unwrap();
    match next_of(&mut events, &channels::CONF).await {
        Event::Update(c) => assert_eq!(c.get("conf_id"), Some(conf.as_str())),
        other => panic!("expected the conference's update, got {other:?}"),
    }

    let added = client.add_mts(&conf, AddMtsParams::new().mts([samples::new_mt("0512110000001")])).await.unwrap();
    let mt_id = added.mts.unwrap()[0].mt_id.unwrap().to_string();
    match next_of(&mut events, &channels::CASCADE_MT).await {
        Event::Update(c) => {
            assert_eq!(
                (c.get("conf_id"), c.get("cascade_id"), c.get("mt_id")),
                (Some(conf.as_str()), Some("0"), Some(mt_id.as_str()))
            );
        }
        other => panic!("expected the terminal's update, got {other:?}"),
    }

    client.set_speaker(&conf, MtIdParams::new().mt_id(&mt_id)).await.unwrap();
    assert!(matches!(next_of(&mut events, &channels::SPEAKER).await, Event::Update(_)));
    client.set_chairman(&conf, MtIdParams::new().mt_id(&mt_id)).await.unwrap();
    assert!(matches!(next_of(&mut events, &channels::CHAIRMAN).await, Event::Update(_)));

    client.end_conf(&conf).await.unwrap();
    match next_of(&mut events, &channels::CONF).await {
        Event::Delete(c) => assert_eq!(c.get("conf_id"), Some(conf.as_str())),
        other => panic!("expected the conference's delete, got {other:?}"),
    }
}

#[tokio::test]
async fn a_conference_that_ends_on_its_own_clock_is_deleted_with_no_request() {
    let mock = MockPlatform::start().await.unwrap();
    let client = client(&mock);
    let mut events = client.events(&["/confs/*"]).await.unwrap();
    let booked = samples::booked_conf_ending_in("到点结束", Duration::from_secs(5));
    let conf = client.book_conf(booked).await.unwrap().conf_id.unwrap();
    let calls = mock.requests().len();
    // It started on its own, having been booked to start a minute before it ends.
    match next(&mut events).await {
        Event::Update(c) => assert_eq!(c.get("conf_id"), Some(conf.as_str())),
        other => panic!("expected the conference's update, got {other:?}"),
    }
    match next(&mut events).await {
        Event::Delete(c) => assert_eq!(c.get("conf_id"), Some(conf.as_str())),
        other => panic!("expected the conference's delete, got {other:?}"),
    }
    assert_eq!(mock.requests().len(), calls, "the clock ended it, not a request");
    assert_eq!(client.get_conf(&conf).await.unwrap_err().api_code(), Some(codes::CONF_NOT_FOUND));
}

#[tokio::test]
async fn hanging_up_and_calling_a_terminal_are_updates_on_its_channel() {
    let mock = MockPlatform::builder().mt_online_delay(Duration::ZERO).start().await.unwrap();
    let client = client(&mock);
    let conf = client.create_conf(samples::create_conf_params("挂断", 60)).await.unwrap().conf_id.unwrap();
    let params = AddMtsParams::new().mts([samples::new_mt("0512110000001")]);
    let added = client.add_mts_until_online(AddMtsRequest::new(&conf, params), GUARD).await.unwrap();
    let mt_id = added.mts.unwrap()[0].mt_id.unwrap().to_string();
    // Subscribed once it is online, so that its first event is the hang-up's.
    let mut events = client.events(&[format!("/confs/{conf}/**")]).await.unwrap();
    let online = |mts: Vec<kedacom_mc_models::Mt>| mts[0].online.as_ref().is_some_and(|o| o.is_on());
    let terminal_update = |e: Event| match e {
        Event::Update(c) if c.info == &channels::CASCADE_MT => c.get("mt_id").map(str::to_owned),
        other => panic!("expected the terminal's update, got {other:?}"),
    };
    client.hang_up_mts(&conf, MtsParams::new().mts([MtRef::new().mt_id(&mt_id)])).await.unwrap();
    assert_eq!(terminal_update(next(&mut events).await), Some(mt_id.clone()));
    assert!(!online(client.list_mts(&conf).await.unwrap().mts.unwrap()));

    client.call_mts(&conf, CallMtsParams::new().mts([MtToCall::new().mt_id(&mt_id)])).await.unwrap();
    assert_eq!(terminal_update(next(&mut events).await), Some(mt_id.clone()));
    assert!(online(client.list_mts(&conf).await.unwrap().mts.unwrap()));

    client.remove_mts(&conf, MtsParams::new().mts([MtRef::new().mt_id(&mt_id)])).await.unwrap();
    match next(&mut events).await {
        Event::Delete(c) => assert_eq!((c.info, c.get("mt_id")), (&channels::CASCADE_MT, Some(mt_id.as_str()))),
        other => panic!("expected the terminal's delete, got {other:?}"),
    }
}

#[tokio::test]
async fn adding_terminals_resolves_when_they_are_online() {
    let mock = MockPlatform::start().await.unwrap();
    let client = client(&mock);
    let conf = client.create_conf(samples::create_conf_params("上线", 60)).await.unwrap().conf_id.unwrap();
    let params = AddMtsParams::new().mts([samples::new_mt("0512110000001"), samples::new_mt("0512110000002")]);
    let reply = client.add_mts_until_online(AddMtsRequest::new(&conf, params), GUARD).await.unwrap();
    assert_eq!(reply.mts.unwrap().len(), 2);
    // Online means online: the terminal list says so too.
    let mts = client.list_mts(&conf).await.unwrap().mts.unwrap();
    assert!(mts.iter().all(|m| m.online.as_ref().is_some_and(|o| o.is_on())), "{mts:?}");
}

#[tokio::test]
async fn an_unreachable_terminal_fails_with_the_notifications_code() {
    let mock = MockPlatform::builder().unreachable_mt("0512110000009").start().await.unwrap();
    let client = client(&mock);
    let conf = client.create_conf(samples::create_conf_params("不可达", 60)).await.unwrap().conf_id.unwrap();
    let params = AddMtsParams::new().mts([samples::new_mt("0512110000009")]);
    match client.add_mts_until_online(AddMtsRequest::new(&conf, params), GUARD).await {
        Err(Error::Failed { code, meaning, .. }) => {
            assert_eq!(code, codes::MT_UNREACHABLE);
            assert_eq!(meaning, kedacom_mc_models::error_message(codes::MT_UNREACHABLE));
            assert!(meaning.is_some());
        }
        other => panic!("expected the unreachable terminal's failure, got {other:?}"),
    }
}

/// Waits until the mock holds the subscription again.
async fn resubscribed(mock: &MockPlatform, n: usize) {
    let deadline = Instant::now() + GUARD;
    while mock.push_subscriptions().len() < n {
        assert!(Instant::now() < deadline, "the client never resubscribed");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn after_a_forced_handshake_the_client_resubscribes_and_misses_nothing_later() {
    let mock = MockPlatform::start().await.unwrap();
    let client = client(&mock);
    let mut events = client.events(&["/confs/*"]).await.unwrap();
    assert_eq!(mock.push_subscriptions().len(), 1);

    mock.push_fault(PushFault::RequireHandshake);
    assert!(mock.push_subscriptions().is_empty());
    resubscribed(&mock, 1).await;
    let mut made = Vec::new();
    for i in 0..5 {
        made.push(
            client.create_conf(samples::create_conf_params(&format!("重连{i}"), 60)).await.unwrap().conf_id.unwrap(),
        );
    }
    for conf in &made {
        match next(&mut events).await {
            Event::Update(c) => assert_eq!(c.get("conf_id"), Some(conf.as_str())),
            other => panic!("expected {conf}'s update, got {other:?}"),
        }
    }

    // A dropped long poll: the same client connects again and gets what was published meanwhile.
    mock.push_fault(PushFault::DropConnections);
    let conf = client.create_conf(samples::create_conf_params("断线", 60)).await.unwrap().conf_id.unwrap();
    match next(&mut events).await {
        Event::Update(c) => assert_eq!(c.get("conf_id"), Some(conf.as_str())),
        other => panic!("expected {conf}'s update, got {other:?}"),
    }
}

#[tokio::test]
async fn dropping_the_client_ends_its_connection() {
    let mock = MockPlatform::start().await.unwrap();
    let client = client(&mock);
    let mut events = client.events(&["/confs/*"]).await.unwrap();
    drop(client);
    let ended = tokio::time::timeout(GUARD, events.next_event()).await.expect("the connection did not end");
    assert_eq!(ended, None);
}

#[tokio::test]
async fn unknown_channels_arrive_as_unknown_events_and_the_stream_goes_on() {
    let mock = MockPlatform::start().await.unwrap();
    let client = client(&mock);
    let mut events = client.events(&["/confs/**", "/confs/*"]).await.unwrap();
    let prefix = format!("/userdomains/{}/confs/1234567", mock.user_domain_id());
    mock.publish(&format!("{prefix}/novel"), serde_json::json!({"method": "update"}));
    mock.publish(&prefix, serde_json::json!({"method": "rename"}));
    mock.publish(&prefix, serde_json::json!({"method": "delete"}));
    assert!(matches!(next(&mut events).await, Event::Unknown { .. }));
    assert!(matches!(next(&mut events).await, Event::Unknown { .. }));
    assert!(matches!(next(&mut events).await, Event::Delete(_)));
}

#[test]
fn no_secret_in_debug() {
    let m = kedacom_mc_models::bayeux::Message { client_id: Some("secret-client-id".into()), ..Default::default() };
    assert!(!format!("{m:?}").contains("secret-client-id"));
}
