//! Each fault kind, on one request type or on all, for a number of calls or until removed; and the
//! reply rules, which answer in the platform's place.

use std::time::{Duration, Instant};

use crate::common::Client;
use kedacom_mc_mock::{codes, samples, Fault, FaultError, FaultKind, MockPlatform, Outcome, Reply};
use kedacom_mc_models::*;
use serde_json::json;

#[tokio::test]
async fn bad_gateway_is_an_html_502_and_the_call_is_not_carried_out() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    mock.on::<CreateConfRequest>().fault(Fault::bad_gateway()).once();
    let reply = c.call(&CreateConfRequest::new(samples::create_conf_params("会", 30))).await;
    assert_eq!(reply.status, 502);
    assert!(reply.headers["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(reply.text.contains("502 Bad Gateway"));
    assert_eq!(c.call(&ListMeetingsRequest::new()).await.json()["total"], 0);
    let last = mock.requests().pop().unwrap();
    assert_eq!(mock.requests_for::<CreateConfRequest>()[0].outcome, Outcome::BadGateway);
    assert_eq!(last.outcome, Outcome::Success);
    // Once only: the next call goes through.
    let reply = c.call(&CreateConfRequest::new(samples::create_conf_params("会", 30))).await;
    assert_eq!(reply.code(), None);
    assert!(mock.faults().is_empty());
}

#[tokio::test]
async fn truncated_json_cuts_the_reply_of_a_call_carried_out() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    mock.inject(Fault::truncated_json().on::<CreateConfRequest>().once());
    let reply = c.call(&CreateConfRequest::new(samples::create_conf_params("会", 30))).await;
    assert_eq!(reply.status, 200);
    assert!(serde_json::from_str::<serde_json::Value>(&reply.text).is_err(), "{}", reply.text);
    assert!(reply.text.starts_with("{\"success\":1"), "{}", reply.text);
    assert_eq!(c.call(&ListMeetingsRequest::new()).await.json()["total"], 1);
    assert_eq!(mock.requests_for::<CreateConfRequest>()[0].faults, [FaultKind::TruncatedJson]);
}

#[tokio::test]
async fn an_error_code_comes_in_the_endpoint_failure_shape() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let id = mock.on::<ListMeetingsRequest>().fault(Fault::error_code(20003)).id();
    for _ in 0..3 {
        let reply = c.call(&ListMeetingsRequest::new()).await.json();
        assert_eq!(reply, serde_json::json!({"success": 0, "error_code": 20003, "description": "MCU正忙"}));
    }
    assert!(mock.remove_rule(id));
    assert!(!mock.remove_rule(id));
    assert_eq!(c.call(&ListMeetingsRequest::new()).await.code(), None);

    // Login endpoints answer without a description.
    mock.on::<TokenHeartbeatRequest>().fault(Fault::error_code(99999)).times(2);
    let beat = c.call(&TokenHeartbeatRequest::new()).await.json();
    assert_eq!(beat, serde_json::json!({"success": 0, "error_code": 99999}));
    assert_eq!(mock.faults()[0].times, Some(1));
}

#[tokio::test]
async fn delay_holds_the_reply_for_every_operation() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    mock.inject(Fault::delay(Duration::from_millis(300)));
    let started = Instant::now();
    assert_eq!(c.call(&GetResourcesRequest::new()).await.code(), None);
    assert_eq!(c.call(&GetMcVersionRequest::new()).await.code(), None);
    assert!(started.elapsed() >= Duration::from_millis(600));
    // A delay combines with another fault.
    mock.on::<GetResourcesRequest>().fault(Fault::error_code(20001));
    assert_eq!(c.call(&GetResourcesRequest::new()).await.code(), Some(20001));
    mock.clear_rules();
    let started = Instant::now();
    c.call(&GetResourcesRequest::new()).await;
    assert!(started.elapsed() < Duration::from_millis(300));
}

#[tokio::test]
async fn an_expired_session_answers_as_if_it_had_timed_out() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    mock.on::<GetResourcesRequest>().fault(Fault::expire_session().once());
    assert_eq!(c.call(&ListPlatformsRequest::new()).await.code(), None);
    assert_eq!(c.call(&GetResourcesRequest::new()).await.code(), Some(codes::TOKEN_INVALID));
    assert_eq!(c.call(&ListPlatformsRequest::new()).await.code(), Some(10002), "the session stays gone");
    // Getting a token and logging in again recovers.
    let c = Client::logged_in(&mock).await;
    assert_eq!(c.call(&GetResourcesRequest::new()).await.code(), None);

    mock.inject(Fault::expire_login().once());
    assert_eq!(c.call(&GetResourcesRequest::new()).await.code(), Some(codes::NOT_LOGGED_IN));
    assert_eq!(c.call(&TokenHeartbeatRequest::new()).await.code(), None, "the token is still live");

    let c = Client::logged_in(&mock).await;
    mock.expire_sessions();
    assert_eq!(c.call(&GetResourcesRequest::new()).await.code(), Some(10002));
}

#[tokio::test]
async fn faults_read_from_text_name_real_operations() {
    assert_eq!("no_such_call=502".parse::<Fault>(), Err(FaultError::UnknownOperation("no_such_call".into())));
    let fault: Fault = "create_conf=502@1".parse().unwrap();
    assert_eq!(fault, Fault::bad_gateway().on::<CreateConfRequest>().once());
    assert_eq!("create-conf=502@1".parse::<Fault>().unwrap(), fault);
    assert_eq!("*=delay:250ms".parse::<Fault>().unwrap(), Fault::delay(Duration::from_millis(250)));
    assert_eq!("get_meeting=code:27508".parse::<Fault>().unwrap(), Fault::error_code(27508).on::<GetMeetingRequest>());
    assert_eq!("login=expire-session".parse::<Fault>().unwrap().kind, FaultKind::ExpireSession);
    assert_eq!("*=expire-login@3".parse::<Fault>().unwrap().times, Some(3));
    assert_eq!("list_meetings=truncate".parse::<Fault>().unwrap().kind, FaultKind::TruncatedJson);
    for bad in ["create_conf", "x=502", "*=teapot", "*=code:abc", "*=502@x", "*=delay:soon"] {
        assert!(bad.parse::<Fault>().is_err(), "{bad}");
    }
    assert_eq!(fault.to_string(), "create_conf=502@1");
}

#[tokio::test]
async fn a_reply_rule_answers_in_the_platforms_place_typed_or_as_json() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let made = CreateConfReply { conf_id: Some("7777777".into()), ..Default::default() };
    mock.on::<CreateConfRequest>().reply(made).once();
    mock.on::<CreateConfRequest>().reply(json!({"success": 0, "error_code": 20105})).once();
    let create = CreateConfRequest::new(samples::create_conf_params("会", 30));
    // A typed reply gets its `success`; the platform carries nothing out.
    assert_eq!(c.call(&create).await.json(), json!({"conf_id": "7777777", "success": 1}));
    assert_eq!(c.call(&create).await.json(), json!({"success": 0, "error_code": 20105}));
    assert_eq!(c.call(&ListMeetingsRequest::new()).await.json()["total"], 0);
    // Both rules are spent: the platform answers again.
    assert_eq!(c.call(&create).await.code(), None);
    let outcomes: Vec<Outcome> = mock.requests_for::<CreateConfRequest>().into_iter().map(|r| r.outcome).collect();
    assert_eq!(outcomes, [Outcome::Replied { status: 200 }, Outcome::Replied { status: 200 }, Outcome::Success]);
    // A rule answers whatever the session: it stands in for the platform.
    let stranger = crate::common::Client::new(&mock);
    mock.on::<GetResourcesRequest>().reply(Reply::page(503, "<html>busy</html>"));
    let reply = stranger.call(&GetResourcesRequest::new()).await;
    assert_eq!((reply.status, reply.text.as_str()), (503, "<html>busy</html>"));
}

#[tokio::test]
async fn rules_match_by_the_typed_request_and_see_the_session_as_sent() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    mock.on::<ListMeetingRoomAreasRequest>().when(|r| r.start.unwrap_or(0) > 0).fault(Fault::error_code(99999));
    mock.on::<GetResourcesRequest>().reply_with(|call| {
        Reply::json(&json!({"success": 1, "token_came": call.token.is_some(), "cookie_came": call.cookie.is_some()}))
    });
    assert_eq!(c.call(&ListMeetingRoomAreasRequest::new()).await.code(), None);
    assert_eq!(c.call(&ListMeetingRoomAreasRequest::new().start(2)).await.code(), Some(99999));
    let seen = c.call(&GetResourcesRequest::new()).await.json();
    assert_eq!((seen["token_came"].as_bool(), seen["cookie_came"].as_bool()), (Some(true), Some(true)));
    // A request that is not of the rule's type is never matched.
    assert_eq!(c.call(&ListPlatformsRequest::new()).await.code(), None);
}
