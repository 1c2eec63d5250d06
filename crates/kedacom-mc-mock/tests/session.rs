//! The platform's session rules over HTTP: token, login cookie, their error codes, idle expiry and
//! the heartbeats that prevent it.

mod common;

use std::time::Duration;

use common::Client;
use kedacom_mc_mock::{codes, MockPlatform, VersionInfo};
use kedacom_mc_models::*;

#[tokio::test]
async fn a_token_needs_the_key_and_secret() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::new(&mock);
    let creds = mock.credentials().clone();
    let wrong = c.call(&GetTokenRequest::new().oauth_consumer_key(&creds.key).oauth_consumer_secret("nope")).await;
    assert_eq!(wrong.status, 200);
    // The login document's failures carry no description.
    assert_eq!(wrong.json(), serde_json::json!({"success": 0, "error_code": codes::SOFTWARE_AUTH_FAILED}));
    let wrong_key = c.call(&GetTokenRequest::new().oauth_consumer_key("x").oauth_consumer_secret(&creds.secret)).await;
    assert_eq!(wrong_key.code(), Some(10001));

    let right =
        c.call(&GetTokenRequest::new().oauth_consumer_key(&creds.key).oauth_consumer_secret(&creds.secret)).await;
    let reply: GetTokenReply = serde_json::from_str(&right.text).unwrap();
    assert_eq!(reply.success, Some(1));
    assert_eq!(reply.account_token.unwrap().len(), 32);
}

#[tokio::test]
async fn login_sets_the_cookie_and_mc_calls_need_token_and_cookie() {
    let mock = MockPlatform::start().await.unwrap();
    let mut c = Client::new(&mock);

    // No token at all.
    assert_eq!(c.call(&ListMeetingsRequest::new()).await.code(), Some(codes::TOKEN_INVALID));
    c.token = Some(AccountToken::new("not-a-token"));
    assert_eq!(c.call(&ListMeetingsRequest::new()).await.code(), Some(10002));
    assert_eq!(c.call(&LoginRequest::new().username("admin").password("admin123")).await.code(), Some(10002));

    c.get_token(&mock).await;
    // A token but no login.
    let reply = c.call(&ListMeetingsRequest::new()).await;
    assert_eq!(reply.code(), Some(codes::NOT_LOGGED_IN));
    assert_eq!(reply.json()["description"], "用户登录超时或者没有登录");

    let wrong = c.call(&LoginRequest::new().username("admin").password("wrong")).await;
    assert_eq!(wrong.code(), Some(codes::LOGIN_FAILED));
    assert!(wrong.cookie().is_none());
    let nobody = c.call(&LoginRequest::new().username("nobody").password("admin123")).await;
    assert_eq!(nobody.code(), Some(10101));

    let login = c.call(&LoginRequest::new().username("admin").password("admin123")).await;
    let reply: LoginReply = serde_json::from_str(&login.text).unwrap();
    assert_eq!(reply.username.as_deref(), Some("admin"));
    let set_cookie = login.headers.get("set-cookie").unwrap().to_str().unwrap().to_owned();
    assert!(set_cookie.starts_with("SSO_COOKIE_KEY="), "{set_cookie}");
    c.cookie = login.cookie();
    assert_eq!(c.call(&ListMeetingsRequest::new()).await.code(), None);

    // A forged cookie is no login.
    let mut forged = c.clone();
    forged.cookie = Some("890db118-9033-4317-8fe5-7456913d5793".into());
    assert_eq!(forged.call(&ListMeetingsRequest::new()).await.code(), Some(10102));
    // The cookie without the token is not enough either.
    let mut no_token = c.clone();
    no_token.token = None;
    assert_eq!(no_token.call(&GetResourcesRequest::new()).await.code(), Some(10002));

    // The user heartbeat needs the login too; the token heartbeat only the token.
    let mut token_only = c.clone();
    token_only.cookie = None;
    assert_eq!(token_only.call(&UserHeartbeatRequest::new()).await.code(), Some(10102));
    assert_eq!(token_only.call(&TokenHeartbeatRequest::new()).await.code(), None);
}

#[tokio::test]
async fn version_endpoints_need_nothing() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::new(&mock);
    let mc: GetMcVersionReply = serde_json::from_str(&c.call(&GetMcVersionRequest::new()).await.text).unwrap();
    assert_eq!((mc.success, mc.api_level), (Some(1), Some(3)));
    let system = c.call(&GetSystemVersionRequest::new()).await.json();
    assert_eq!(system["api_level"], 1);
    assert!(system["version"].as_str().unwrap().starts_with("6.0"));
}

/// The other paths the documents give for an endpoint (`EndpointInfo::aliases`) are served as the
/// endpoint: the same reply, logged as the same operation.
#[tokio::test]
async fn an_alias_answers_like_the_endpoint_path() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::new(&mock);
    let with_aliases: Vec<&EndpointInfo> = ENDPOINTS.iter().copied().filter(|e| !e.aliases.is_empty()).collect();
    assert!(!with_aliases.is_empty(), "the spec gives aliases");
    for info in with_aliases {
        // Sent bare, so it has to be a call that needs nothing (the version calls are).
        assert!(info.session == SessionNeed::None && info.parameters.is_empty(), "extend this test for {info:?}");
        let send = |path: &str| {
            let method = reqwest::Method::from_bytes(info.method.as_str().as_bytes()).unwrap();
            c.http.request(method, format!("{}{path}", c.base)).send()
        };
        let main = send(info.path).await.unwrap();
        assert_eq!(main.status(), 200);
        let main: serde_json::Value = main.json().await.unwrap();
        assert_eq!(main["success"], 1, "{main}");
        for alias in info.aliases {
            let other = send(alias).await.unwrap();
            assert_eq!(other.status(), 200, "{alias}");
            assert_eq!(other.json::<serde_json::Value>().await.unwrap(), main, "{alias}");
        }
        assert_eq!(mock.requests_for(info.operation).len(), 1 + info.aliases.len(), "{}", info.operation);
    }
}

#[tokio::test]
async fn an_older_platform_lacks_the_newer_endpoints() {
    let older = |level| VersionInfo { version: "6.0.0.3.0.20190826".into(), api_level: level };
    let mock = MockPlatform::builder().mc_version(older(2)).start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    // Level 3: not there at all, as on a platform of level 2; level 2 and below: served.
    let refused = c.call(&ValidateConfNameRequest::new().conf_name("周会")).await;
    assert_eq!(refused.status, 404, "{}", refused.text);
    assert_eq!(c.call(&ListMeetingsRequest::new()).await.code(), None);
    assert_eq!(c.call(&ListBookedConfsRequest::new()).await.code(), None);
    assert!(mock.requests_for("validate_conf_name").is_empty(), "a missing endpoint is not a call");

    let mock = MockPlatform::builder().mc_version(older(1)).start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    assert_eq!(c.call(&ListMeetingsRequest::new()).await.status, 404);
    assert_eq!(c.call(&GetResourcesRequest::new()).await.code(), None);
}

#[tokio::test]
async fn token_and_login_expire_when_idle() {
    // Margins of several hundred milliseconds: a loaded machine may stall a test that long.
    let mock = MockPlatform::builder().idle_timeout(Duration::from_millis(1000)).start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    // Calls within the timeout keep both alive.
    for _ in 0..4 {
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert_eq!(c.call(&ListMeetingsRequest::new()).await.code(), None);
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(c.call(&ListMeetingsRequest::new()).await.code(), Some(10002));
    // A new token alone does not bring the login back.
    let mut again = c.clone();
    again.get_token(&mock).await;
    assert_eq!(again.call(&ListMeetingsRequest::new()).await.code(), Some(10102));
}

#[tokio::test]
async fn login_expires_on_its_own_timeout() {
    let mock = MockPlatform::builder()
        .token_timeout(Duration::from_secs(60))
        .login_timeout(Duration::from_millis(300))
        .start()
        .await
        .unwrap();
    let c = Client::logged_in(&mock).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(c.call(&ListMeetingsRequest::new()).await.code(), Some(10102));
}

#[tokio::test]
async fn heartbeats_keep_the_session_alive() {
    let mock = MockPlatform::builder().idle_timeout(Duration::from_millis(1000)).start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    for _ in 0..4 {
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert_eq!(c.call(&UserHeartbeatRequest::new()).await.code(), None);
    }
    assert_eq!(c.call(&ListMeetingsRequest::new()).await.code(), None);

    // The token heartbeat keeps the token alive, but not the login.
    for _ in 0..4 {
        tokio::time::sleep(Duration::from_millis(400)).await;
        let beat = c.call(&TokenHeartbeatRequest::new()).await;
        assert_eq!(beat.json(), serde_json::json!({"success": 1}));
    }
    assert_eq!(c.call(&ListMeetingsRequest::new()).await.code(), Some(10102));
    assert_eq!(c.call(&TokenHeartbeatRequest::new()).await.code(), None);
}

#[tokio::test]
async fn the_request_log_shows_credentials_came_but_not_what_they_were() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    c.call(&TokenHeartbeatRequest::new()).await;
    c.call(&ListMeetingsRequest::new().count(5)).await;
    let log = mock.requests();
    let ops: Vec<&str> = log.iter().map(|r| r.operation).collect();
    assert_eq!(ops, ["get_token", "login", "token_heartbeat", "list_meetings"]);
    assert!(!log[0].token_present && !log[0].cookie_present && log[0].request.is_none());
    assert!(log[1].token_present && !log[1].cookie_present && log[1].request.is_none());
    assert_eq!(log[2].path, "/api/v1/system/token/***/heartbeat");
    assert!(log[3].token_present && log[3].cookie_present);
    assert_eq!(log[3].api_level.as_deref(), Some("3"));
    assert_eq!(log[3].request, Some(AnyRequest::ListMeetings(ListMeetingsRequest::new().count(5))));
    let shown = format!("{log:?}");
    let token = c.token.as_ref().unwrap().expose();
    for secret in [token, c.cookie.as_deref().unwrap(), "admin123", "mock-secret"] {
        assert!(!shown.contains(secret), "the log shows a credential: {shown}");
    }
    assert_eq!(mock.requests_for("list-meetings").len(), 1);
    mock.clear_requests();
    assert!(mock.requests().is_empty());
    assert!(!format!("{mock:?}").contains("admin123"));
}

#[tokio::test]
async fn the_request_log_keeps_the_latest_calls() {
    let mock = MockPlatform::builder().max_logged_requests(3).start().await.unwrap();
    let c = Client::new(&mock);
    for _ in 0..5 {
        c.call(&GetMcVersionRequest::new()).await;
    }
    c.call(&GetSystemVersionRequest::new()).await;
    let ops: Vec<&str> = mock.requests().iter().map(|r| r.operation).collect();
    assert_eq!(ops, ["get_mc_version", "get_mc_version", "get_system_version"]);
}
