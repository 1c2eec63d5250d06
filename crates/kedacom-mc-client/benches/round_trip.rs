//! GET round trips against the mock platform on loopback: the client's `get_resources` against
//! reqwest sending the same request by hand (same URL, headers and cookie, and an HTTP client set
//! up as the client sets up its own: user agent, connect timeout and 30 s timeout), both reading
//! the reply. `cargo bench -p kedacom-mc-client --bench round_trip`
//!
//! First the contenders alternate: rounds of a batch of calls each, the order rotated every round,
//! so that whichever runs first (while the mock's state, the runtime and the connections settle) or
//! while the machine is busier weighs on all alike. It prints each contender's median time per call
//! and the median of the rounds' ratios to reqwest with the typed reply (`ROUNDS=N BATCH=M` in the
//! environment change the defaults of 21 rounds of 300 calls). Then criterion measures each contender alone.
//! `ONE=client|typed|bytes CALLS=N` runs only N calls of one contender, for counting instructions.

#[path = "support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use kedacom_mc_client::models::{wire_names, GetResourcesReply};
use kedacom_mc_client::Client;
use kedacom_mc_mock::MockPlatform;

/// What each contender needs: the mock, a logged-in client, and the same call by hand.
struct Setup {
    rt: tokio::runtime::Runtime,
    mock: MockPlatform,
    client: Client,
    raw: reqwest::Client,
    url: String,
    cookie: String,
}

#[derive(Clone, Copy)]
enum Contender {
    Client,
    RawTyped,
    RawBytes,
}

const CONTENDERS: [(Contender, &str); 3] = [
    (Contender::Client, "client"),
    (Contender::RawTyped, "reqwest, typed reply"),
    (Contender::RawBytes, "reqwest, bytes only"),
];

/// The contender `ONE` names (`client`, `typed` or `bytes`), for a process that runs it alone.
fn one() -> Option<Contender> {
    match std::env::var("ONE").ok()?.as_str() {
        "client" => Some(Contender::Client),
        "typed" => Some(Contender::RawTyped),
        "bytes" => Some(Contender::RawBytes),
        _ => None,
    }
}

impl Setup {
    fn new() -> Setup {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let (mock, client) = rt.block_on(async {
            let mock = MockPlatform::start().await.unwrap();
            let client = support::client_of(&mock);
            client.get_resources().await.unwrap();
            (mock, client)
        });
        let token = client.token().unwrap();
        let cookie = client.cookie().unwrap();
        let url = format!("{}/api/v1/mc/resources?{}={}", mock.base_url(), wire_names::TOKEN_PARAM, token.expose());
        let cookie = format!("{}={}", wire_names::SESSION_COOKIE, cookie.expose());
        let raw = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .user_agent(concat!("kedacom-mc-client/", env!("CARGO_PKG_VERSION")))
            .build()
            .unwrap();
        Setup { rt, mock, client, raw, url, cookie }
    }

    async fn call(&self, who: Contender) {
        let send_raw = || {
            self.raw
                .get(&self.url)
                .header(wire_names::API_LEVEL_HEADER, "3")
                .header(reqwest::header::COOKIE, &self.cookie)
                .send()
        };
        match who {
            Contender::Client => drop(self.client.get_resources().await.unwrap()),
            Contender::RawTyped => {
                let body = send_raw().await.unwrap().bytes().await.unwrap();
                drop(serde_json::from_slice::<GetResourcesReply>(&body).unwrap());
            }
            Contender::RawBytes => drop(send_raw().await.unwrap().bytes().await.unwrap()),
        }
    }

    /// `iters` calls one after another inside the runtime, as an application makes them.
    fn timed(&self, who: Contender, iters: u64) -> Duration {
        self.rt.block_on(async {
            let started = Instant::now();
            for _ in 0..iters {
                self.call(who).await;
            }
            started.elapsed()
        })
    }
}

/// A setting from the environment (criterion takes the command line).
fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn alternating(setup: &Setup) {
    let rounds = setting("ROUNDS", 21) as usize;
    let batch = setting("BATCH", 300);
    for (who, _) in CONTENDERS {
        setup.timed(who, batch);
    }
    let mut per_call: Vec<Vec<f64>> = vec![Vec::new(); CONTENDERS.len()];
    for round in 0..rounds {
        for k in 0..CONTENDERS.len() {
            let i = (round + k) % CONTENDERS.len();
            let elapsed = setup.timed(CONTENDERS[i].0, batch);
            per_call[i].push(elapsed.as_secs_f64() * 1e6 / batch as f64);
        }
    }
    let typed = 1;
    println!("| get_resources, alternating ({rounds} rounds of {batch} calls) | median per call | to reqwest, typed reply: median (range) |");
    println!("|---|---|---|");
    for (i, (_, name)) in CONTENDERS.iter().enumerate() {
        let ratios: Vec<f64> = per_call[i].iter().zip(&per_call[typed]).map(|(a, b)| a / b).collect();
        let (lo, hi) = ratios.iter().fold((f64::MAX, 0f64), |(lo, hi), r| (lo.min(*r), hi.max(*r)));
        println!("| {name} | {:.1} µs | {:.3} ({lo:.3}–{hi:.3}) |", median(per_call[i].clone()), median(ratios));
    }
}

fn round_trips(c: &mut Criterion) {
    let setup = Setup::new();
    // One contender alone, `CALLS` times after a warm-up of every contender: under
    // `valgrind --tool=callgrind`, the difference between `CALLS=N` and `CALLS=0` is N calls' work,
    // counted in instructions, which a busy machine does not change.
    if let Some(who) = one() {
        for (each, _) in CONTENDERS {
            setup.timed(each, 20);
        }
        let calls = setting("CALLS", 1000);
        println!("{calls} calls: {:?}", setup.timed(who, calls));
        return;
    }
    // Not under `cargo test --benches`, which runs each benchmark once to see that it works.
    if std::env::args().any(|a| a == "--bench") {
        alternating(&setup);
    }
    let mut group = c.benchmark_group("get_resources round trip");
    group.measurement_time(Duration::from_secs(8));
    for (who, name) in CONTENDERS {
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                setup.mock.clear_requests();
                setup.timed(who, iters)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, round_trips);
criterion_main!(benches);
