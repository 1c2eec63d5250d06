//! GET round trips against the mock platform on loopback: the client's `get_resources` against
//! reqwest sending the same request by hand (same URL, headers and cookie), both reading the reply.
//! `cargo bench -p kedacom-mc-client`

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use kedacom_mc_client::models::{wire_names, GetResourcesReply};
use kedacom_mc_client::Client;
use kedacom_mc_mock::MockPlatform;

fn round_trips(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (mock, client) = rt.block_on(async {
        let mock = MockPlatform::start().await.unwrap();
        let creds = mock.credentials();
        let client = Client::builder()
            .url(mock.base_url())
            .api_key(&creds.key, &creds.secret)
            .user(&creds.username, &creds.password)
            .heartbeat_interval(None)
            .build()
            .unwrap();
        client.get_resources().await.unwrap();
        (mock, client)
    });
    let token = client.token().unwrap();
    let cookie = client.cookie().unwrap();
    let url = format!("{}/api/v1/mc/resources?{}={}", mock.base_url(), wire_names::TOKEN_PARAM, token.expose());
    let cookie = format!("{}={}", wire_names::SESSION_COOKIE, cookie.expose());
    let raw = reqwest::Client::new();
    let send_raw =
        || raw.get(&url).header(wire_names::API_LEVEL_HEADER, "3").header(reqwest::header::COOKIE, &cookie).send();

    let mut group = c.benchmark_group("get_resources round trip");
    group.measurement_time(Duration::from_secs(8));
    // Each sample runs its calls one after another inside the runtime, as an application would,
    // so that entering the runtime is not what is measured; the mock's request log is emptied first.
    macro_rules! timed {
        ($name:expr, $call:expr) => {
            group.bench_function($name, |b| {
                b.iter_custom(|iters| {
                    mock.clear_requests();
                    rt.block_on(async {
                        let started = Instant::now();
                        for _ in 0..iters {
                            $call;
                        }
                        started.elapsed()
                    })
                })
            });
        };
    }
    timed!("client", client.get_resources().await.unwrap());
    timed!("reqwest, typed reply", {
        let body = send_raw().await.unwrap().bytes().await.unwrap();
        serde_json::from_slice::<GetResourcesReply>(&body).unwrap()
    });
    timed!("reqwest, bytes only", send_raw().await.unwrap().bytes().await.unwrap());
    group.finish();
}

criterion_group!(benches, round_trips);
criterion_main!(benches);
