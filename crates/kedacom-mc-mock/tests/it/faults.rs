//! Each fault kind, on one operation or on all, for a number of calls or until removed.

use std::time::{Duration, Instant};

use crate::common::Client;
use kedacom_mc_mock::{codes, samples, Fault, FaultError, FaultKind, MockPlatform, Outcome};
use kedacom_mc_models::*;

#[tokio::test]
async fn bad_gateway_is_an_html_502_and_the_call_is_not_carried_out() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    mock.inject(Fault::bad_gateway().on("create_conf").once()).unwrap();
    let reply = c.call(&CreateConfRequest::new(samples::create_conf_params("会", 30))).await;
    assert_eq!(reply.status, 502);
    assert!(reply.headers["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(reply.text.contains("502 Bad Gateway"));
    assert_eq!(c.call(&ListMeetingsRequest::new()).await.json()["total"], 0);
    let last = mock.requests().pop().unwrap();
    assert_eq!(mock.requests_for("create_conf")[0].outcome, Outcome::BadGateway);
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
    mock.inject(Fault::truncated_json().on("create-conf").once()).unwrap();
    let reply = c.call(&CreateConfRequest::new(samples::create_conf_params("会", 30))).await;
    assert_eq!(reply.status, 200);
    assert!(serde_json::from_str::<serde_json::Value>(&reply.text).is_err(), "{}", reply.text);
    assert!(reply.text.starts_with("{\"success\":1"), "{}", reply.text);
    assert_eq!(c.call(&ListMeetingsRequest::new()).await.json()["total"], 1);
    assert_eq!(mock.requests_for("create_conf")[0].faults, [FaultKind::TruncatedJson]);
}

#[tokio::test]
async fn an_error_code_comes_in_the_endpoint_failure_shape() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let id = mock.inject(Fault::error_code(20003).on("list_meetings")).unwrap();
    for _ in 0..3 {
        let reply = c.call(&ListMeetingsRequest::new()).await.json();
        assert_eq!(reply, serde_json::json!({"success": 0, "error_code": 20003, "description": "MCU正忙"}));
    }
    assert!(mock.remove_fault(id));
    assert!(!mock.remove_fault(id));
    assert_eq!(c.call(&ListMeetingsRequest::new()).await.code(), None);

    // Login endpoints answer without a description.
    mock.inject(Fault::error_code(99999).on("token_heartbeat").times(2)).unwrap();
    let beat = c.call(&TokenHeartbeatRequest::new()).await.json();
    assert_eq!(beat, serde_json::json!({"success": 0, "error_code": 99999}));
    assert_eq!(mock.faults()[0].times, Some(1));
}

#[tokio::test]
async fn delay_holds_the_reply_for_every_operation() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    mock.inject(Fault::delay(Duration::from_millis(300))).unwrap();
    let started = Instant::now();
    assert_eq!(c.call(&GetResourcesRequest::new()).await.code(), None);
    assert_eq!(c.call(&GetMcVersionRequest::new()).await.code(), None);
    assert!(started.elapsed() >= Duration::from_millis(600));
    // A delay combines with another fault.
    mock.inject(Fault::error_code(20001).on("get_resources")).unwrap();
    assert_eq!(c.call(&GetResourcesRequest::new()).await.code(), Some(20001));
    mock.clear_faults();
    let started = Instant::now();
    c.call(&GetResourcesRequest::new()).await;
    assert!(started.elapsed() < Duration::from_millis(300));
}

#[tokio::test]
async fn an_expired_session_answers_as_if_it_had_timed_out() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    mock.inject(Fault::expire_session().on("get_resources").once()).unwrap();
    assert_eq!(c.call(&ListPlatformsRequest::new()).await.code(), None);
    assert_eq!(c.call(&GetResourcesRequest::new()).await.code(), Some(codes::TOKEN_INVALID));
    assert_eq!(c.call(&ListPlatformsRequest::new()).await.code(), Some(10002), "the session stays gone");
    // Getting a token and logging in again recovers.
    let c = Client::logged_in(&mock).await;
    assert_eq!(c.call(&GetResourcesRequest::new()).await.code(), None);

    mock.inject(Fault::expire_login().once()).unwrap();
    assert_eq!(c.call(&GetResourcesRequest::new()).await.code(), Some(codes::NOT_LOGGED_IN));
    assert_eq!(c.call(&TokenHeartbeatRequest::new()).await.code(), None, "the token is still live");

    let c = Client::logged_in(&mock).await;
    mock.expire_sessions();
    assert_eq!(c.call(&GetResourcesRequest::new()).await.code(), Some(10002));
}

#[tokio::test]
async fn faults_name_real_operations_and_read_from_text() {
    let mock = MockPlatform::start().await.unwrap();
    assert_eq!(
        mock.inject(Fault::bad_gateway().on("no_such_call")),
        Err(FaultError::UnknownOperation("no_such_call".into()))
    );
    let fault: Fault = "create_conf=502@1".parse().unwrap();
    assert_eq!(fault, Fault::bad_gateway().on("create_conf").once());
    assert_eq!("*=delay:250ms".parse::<Fault>().unwrap(), Fault::delay(Duration::from_millis(250)));
    assert_eq!("get_meeting=code:27508".parse::<Fault>().unwrap(), Fault::error_code(27508).on("get_meeting"));
    assert_eq!("login=expire-session".parse::<Fault>().unwrap().kind, FaultKind::ExpireSession);
    assert_eq!("*=expire-login@3".parse::<Fault>().unwrap().times, Some(3));
    assert_eq!("list_meetings=truncate".parse::<Fault>().unwrap().kind, FaultKind::TruncatedJson);
    for bad in ["create_conf", "x=502", "*=teapot", "*=code:abc", "*=502@x", "*=delay:soon"] {
        assert!(bad.parse::<Fault>().is_err(), "{bad}");
    }
    assert_eq!(fault.to_string(), "create_conf=502@1");
}
