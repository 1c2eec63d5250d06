//! Whatever arrives, the mock answers: every endpoint, called with a valid session and odd path
//! values, parameters and bodies, gets a JSON reply (or 404/405), and the mock keeps serving.

use crate::common::Client;
use kedacom_mc_mock::MockPlatform;
use kedacom_mc_models::wire::Place;
use kedacom_mc_models::ENDPOINTS;

const ODD_TEXT: &[&str] = &[
    "",
    "0",
    "-1",
    "99999999999999999999999",
    "%FF",
    "💥\u{0}",
    "null",
    "{}",
    "[]",
    "{\"name\":[1,{\"x\":null}],\"duration\":-5,\"video_formats\":[{}],\"create_type\":3}",
    "{\"area\":\"区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区区\"}",
    "{\"start_time\":\"2021-02-30T10:00:00+08:00\",\"duration\":1}",
];

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        from[(self.0 >> 33) as usize % from.len()]
    }
}

#[tokio::test]
async fn odd_requests_get_answers_not_crashes() {
    let mock = MockPlatform::start().await.unwrap();
    let c = Client::logged_in(&mock).await;
    let token = c.token.clone().unwrap();
    let cookie = format!("SSO_COOKIE_KEY={}", c.cookie.clone().unwrap());
    let mut rng = Lcg(7);
    for round in 0..6 {
        for info in ENDPOINTS {
            let mut path = info.path.to_owned();
            for p in info.parameters.iter().filter(|p| p.place == Place::Path) {
                let value = form_urlencoded::byte_serialize(rng.pick(ODD_TEXT).as_bytes()).collect::<String>();
                let value = if value.is_empty() { "x".to_owned() } else { value };
                path = path.replace(&format!("{{{}}}", p.name), &value);
            }
            path = path.replace("{account_token}", token.expose());
            let mut fields = vec![("account_token".to_owned(), token.expose().to_owned())];
            for p in info.parameters.iter().filter(|p| p.place != Place::Path) {
                fields.push((p.name.to_owned(), rng.pick(ODD_TEXT).to_owned()));
            }
            if info.params_type.is_some() {
                fields.push(("params".to_owned(), rng.pick(ODD_TEXT).to_owned()));
            }
            if round % 2 == 1 {
                fields.push(("_method".to_owned(), "DELETE".to_owned()));
            }
            let encoded = form_urlencoded::Serializer::new(String::new()).extend_pairs(&fields).finish();
            let debug = if round % 3 == 2 { "debug=1&" } else { "" };
            let request = match info.method.as_str() {
                "GET" | "DELETE" => c.http.request(
                    reqwest::Method::from_bytes(info.method.as_str().as_bytes()).unwrap(),
                    format!("{}{path}?{debug}{encoded}", c.base),
                ),
                _ => c
                    .http
                    .post(format!("{}{path}?{debug}", c.base))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .body(encoded),
            };
            let response = request.header("Cookie", &cookie).send().await.unwrap_or_else(|e| {
                panic!("{} {path}: no answer: {e}", info.operation);
            });
            let status = response.status().as_u16();
            assert!(matches!(status, 200 | 404 | 405), "{} {path}: HTTP {status}", info.operation);
            if status == 200 {
                let text = response.text().await.unwrap();
                let v: serde_json::Value = serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{} {path}: not JSON ({e}): {text}", info.operation));
                assert!(v["success"].is_i64(), "{}: {v}", info.operation);
            }
        }
    }
    let version = reqwest::get(format!("{}/api/mc/version", c.base)).await.unwrap();
    assert_eq!(version.status(), 200, "still serving");
}
