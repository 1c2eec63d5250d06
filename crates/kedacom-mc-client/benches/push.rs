//! The push service on loopback, the client's Bayeux connection against the mock's:
//! - event latency: from a state change in the mock (a conference started in-process, as
//!   `create_conf` starts one) to its `update` on the client's event stream;
//! - after a dropped poll (HTTP 502 on the waiting `/meta/connect`): from the drop to the next
//!   event on the stream;
//! - after the service forgets its clients (`reconnect: handshake`): from then to the client
//!   handshaken and subscribed again.
//!
//! `cargo bench -p kedacom-mc-client --bench push` first prints the median and p99 of each over
//! `EVENTS` (1,000) events and `RECONNECTS` (200) outages, then criterion measures each.

#[path = "support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion};
use kedacom_mc_client::{Client, Event, Events};
use kedacom_mc_mock::{samples, MockPlatform, PushFault};

const GUARD: Duration = Duration::from_secs(30);

struct Setup {
    rt: tokio::runtime::Runtime,
    mock: MockPlatform,
    client: Client,
    events: Events,
    made: u64,
}

impl Setup {
    fn new() -> Setup {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let (mock, client, events) = rt.block_on(async {
            let mock = MockPlatform::start().await.unwrap();
            let client = support::client_of(&mock);
            let events = client.events(&["/confs/*"]).await.unwrap();
            (mock, client, events)
        });
        Setup { rt, mock, client, events, made: 0 }
    }

    /// Starts a conference and waits for its update: the time between. The conference is ended
    /// afterwards (untimed), so that every round starts from the same state.
    fn state_change(&mut self) -> Duration {
        self.update_after(|_| {})
    }

    /// From `first` on, starts a conference: the time until its update is on the stream.
    fn update_after(&mut self, first: impl FnOnce(&mut Self)) -> Duration {
        let started = Instant::now();
        first(self);
        let conf_id = self.start_conference();
        self.until(&conf_id, |e| matches!(e, Event::Update(_)));
        let taken = started.elapsed();
        self.end(&conf_id);
        taken
    }

    fn start_conference(&mut self) -> String {
        self.made += 1;
        let params = samples::create_conf_params(&format!("会{}", self.made), 60);
        self.mock.seed_conference(params).unwrap().conf_id
    }

    fn end(&mut self, conf_id: &str) {
        self.rt.block_on(self.client.end_conf(conf_id)).unwrap();
        self.until(conf_id, |e| matches!(e, Event::Delete(_)));
    }

    /// Reads events until one of `kind` on the conference's channel.
    fn until(&mut self, conf_id: &str, kind: impl Fn(&Event) -> bool) {
        let events = &mut self.events;
        self.rt.block_on(async {
            loop {
                let event = tokio::time::timeout(GUARD, events.next_event()).await.expect("no event in time");
                let event = event.expect("the stream ended");
                let ours = match &event {
                    Event::Update(c) | Event::Delete(c) => c.values.iter().any(|(_, v)| v == conf_id),
                    _ => false,
                };
                if ours && kind(&event) {
                    return;
                }
            }
        })
    }

    /// Drops the waiting poll, then changes the state: the time until the change is on the stream.
    fn after_a_drop(&mut self) -> Duration {
        self.update_after(|s| s.mock.push_fault(PushFault::DropConnections))
    }

    /// Makes the service forget its clients: the time until this one is subscribed again.
    fn after_a_restart(&mut self) -> Duration {
        let started = Instant::now();
        self.mock.push_fault(PushFault::RequireHandshake);
        while self.mock.push_subscriptions().is_empty() {
            assert!(started.elapsed() < GUARD, "never resubscribed");
            std::thread::sleep(Duration::from_micros(20));
        }
        let taken = started.elapsed();
        // Settled again before the next round: an event comes through.
        self.state_change();
        taken
    }
}

fn count(var: &str, default: usize) -> usize {
    std::env::var(var).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn summary(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let us = |d: Duration| d.as_micros();
    println!("{what}: median {} µs, p99 {} µs, max {} µs over {}", us(at(0.5)), us(at(0.99)), us(at(1.0)), times.len());
}

fn figures() {
    let mut s = Setup::new();
    // Warm up: connections and the runtime settle.
    for _ in 0..50 {
        s.state_change();
    }
    let events = count("EVENTS", 1000);
    let reconnects = count("RECONNECTS", 200);
    summary("event latency", (0..events).map(|_| s.state_change()).collect());
    summary("after a dropped poll, to the next event", (0..reconnects).map(|_| s.after_a_drop()).collect());
    summary("after a forced re-handshake, to resubscribed", (0..reconnects).map(|_| s.after_a_restart()).collect());
}

fn bench(c: &mut Criterion) {
    let mut s = Setup::new();
    let mut g = c.benchmark_group("push");
    g.bench_function("event_latency", |b| b.iter_custom(|n| (0..n).map(|_| s.state_change()).sum()));
    g.bench_function("dropped_poll_to_next_event", |b| b.iter_custom(|n| (0..n).map(|_| s.after_a_drop()).sum()));
    g.bench_function("rehandshake_to_resubscribed", |b| b.iter_custom(|n| (0..n).map(|_| s.after_a_restart()).sum()));
    g.finish();
}

criterion_group!(benches, bench);

fn main() {
    figures();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
