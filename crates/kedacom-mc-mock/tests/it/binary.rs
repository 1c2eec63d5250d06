//! The `kedacom-mc-mock` binary: its URL is the first line it prints, it serves calls with the
//! credentials given, and its log never shows them.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};

use kedacom_mc_models::*;

/// Stops the child when the test ends, passed or not.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn(args: &[&str], env: &[(&str, &str)]) -> (Running, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kedacom-mc-mock"));
    command.args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).env("RUST_LOG", "debug");
    for var in ["KEDACOM_KEY", "KEDACOM_SECRET", "KEDACOM_USER", "KEDACOM_PASSWORD"] {
        command.env_remove(var);
    }
    command.envs(env.iter().copied());
    let mut child = command.spawn().expect("the binary starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    (Running(child), first.trim_end().to_owned())
}

async fn post_form(url: String, form: &[(&str, &str)]) -> serde_json::Value {
    let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
    let response = reqwest::Client::new()
        .post(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    response.json().await.unwrap()
}

/// A token and a login with the key, secret, user and password given: the token and the
/// `Cookie` header's value.
async fn session(url: &str, [key, secret, user, password]: [&str; 4]) -> (String, String) {
    let creds = [("oauth_consumer_key", key), ("oauth_consumer_secret", secret)];
    let token = post_form(format!("{url}/api/v1/system/token"), &creds).await;
    let token = token["account_token"].as_str().unwrap().to_owned();
    let login = reqwest::Client::new()
        .post(format!("{url}/api/v1/system/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!("account_token={token}&username={user}&password={password}"))
        .send()
        .await
        .unwrap();
    let set_cookie = login.headers()["set-cookie"].to_str().unwrap().to_owned();
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    assert_eq!(login.json::<serde_json::Value>().await.unwrap()["success"], 1);
    (token, cookie)
}

/// The JSON reply to a request sent with the login cookie.
async fn reply(request: reqwest::RequestBuilder, cookie: &str) -> serde_json::Value {
    request.header("Cookie", cookie).send().await.unwrap().json().await.unwrap()
}

#[tokio::test]
async fn prints_its_url_first_and_serves_with_the_given_credentials() {
    let (mut running, url) = spawn(
        &["--port", "0", "--key", "app", "--user", "ops"],
        &[("KEDACOM_SECRET", "s3cret-value"), ("KEDACOM_PASSWORD", "pa55-value")],
    );
    assert!(url.starts_with("http://127.0.0.1:") && !url.ends_with(":0"), "{url}");

    let version: serde_json::Value = reqwest::get(format!("{url}/api/mc/version")).await.unwrap().json().await.unwrap();
    assert_eq!(version["api_level"], 3);

    let wrong = post_form(
        format!("{url}/api/v1/system/token"),
        &[("oauth_consumer_key", "mock-key"), ("oauth_consumer_secret", "mock-secret")],
    )
    .await;
    assert_eq!(wrong["error_code"], 10001);
    let (token, cookie) = session(&url, ["app", "s3cret-value", "ops", "pa55-value"]).await;
    let meetings =
        reply(reqwest::Client::new().get(format!("{url}/api/v1/mc/meetings?account_token={token}")), &cookie).await;
    assert_eq!(meetings["total"], 0, "{meetings}");
    let w = TokenHeartbeatRequest::new().to_wire(Some(&AccountToken::new(token.clone())), &WireOptions::default());
    let beat = reqwest::Client::new().post(format!("{url}{}", w.path)).send().await.unwrap();
    assert_eq!(beat.text().await.unwrap(), "{\"success\":1}");

    // Stop it, then read everything it logged.
    let _ = running.0.kill();
    let _ = running.0.wait();
    let mut log = String::new();
    running.0.stderr.take().unwrap().read_to_string(&mut log).unwrap();
    assert!(log.contains("operation=\"login\""), "{log}");
    assert!(log.contains("/api/v1/system/token/***/heartbeat"), "{log}");
    let cookie_value = cookie.trim_start_matches("SSO_COOKIE_KEY=");
    for secret in [token.as_str(), cookie_value, "s3cret-value", "pa55-value"] {
        assert!(!log.contains(secret), "the log shows a credential: {log}");
    }
}

#[tokio::test]
async fn defaults_and_faults_from_the_command_line() {
    let (_running, url) = spawn(&["--port", "0", "--fault", "get_mc_version=code:20003@1"], &[]);
    let first: serde_json::Value = reqwest::get(format!("{url}/api/mc/version")).await.unwrap().json().await.unwrap();
    assert_eq!(first, serde_json::json!({"success": 0, "error_code": 20003}));
    let second: serde_json::Value = reqwest::get(format!("{url}/api/mc/version")).await.unwrap().json().await.unwrap();
    assert_eq!(second["success"], 1);
    let token = post_form(
        format!("{url}/api/v1/system/token"),
        &[("oauth_consumer_key", "mock-key"), ("oauth_consumer_secret", "mock-secret")],
    )
    .await;
    assert_eq!(token["success"], 1, "the documented default credentials");
}

#[test]
fn a_bad_fault_is_refused_and_help_shows_no_secret() {
    let out = Command::new(env!("CARGO_BIN_EXE_kedacom-mc-mock")).args(["--fault", "nope=502"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
    // A failure after the reply, for a call the push document has no failure notification for.
    let out = Command::new(env!("CARGO_BIN_EXE_kedacom-mc-mock"))
        .args(["--fault", "list_mts=fail-later:20901"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no failure notification"));
    let help = Command::new(env!("CARGO_BIN_EXE_kedacom-mc-mock"))
        .arg("--help")
        .env("KEDACOM_PASSWORD", "hidden-pass")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("KEDACOM_PASSWORD") && !help.contains("hidden-pass") && !help.contains("admin123"), "{help}");
}

#[tokio::test]
async fn strict_refuses_undocumented_keys_that_are_otherwise_ignored() {
    let cases: [(&[&str], &str); 2] = [
        (&["--port", "0"], "warning: not a documented field; ignored"),
        (&["--port", "0", "--strict"], "not a documented field"),
    ];
    for (args, expected) in cases {
        let (_running, url) = spawn(args, &[]);
        let (token, cookie) = session(&url, ["mock-key", "mock-secret", "admin", "admin123"]).await;
        let check = reqwest::Client::new()
            .post(format!("{url}/api/v1/mc/confs?debug=1"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(format!("account_token={token}&params=%7B%22vmp_enable%22%3A1%7D"));
        let checked = reply(check, &cookie).await;
        assert_eq!(checked["dubug_list"]["vmp_enable"], expected, "{args:?}: {checked}");
    }
}
