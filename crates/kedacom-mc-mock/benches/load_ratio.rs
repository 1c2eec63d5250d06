//! The mock against its own stack's ceiling, alternating: for each case (10 or 1,000 stored
//! conferences, 1 or 16 connections), rounds of one slice of load on the mock and one on a bare
//! axum handler answering the same bytes on the same runtime, the order swapped each round, so
//! that a machine whose load drifts weighs on both alike. Prints requests per second (median of
//! the rounds), the ratio (median of the rounds' ratios) and the 99th-percentile latency.
//!
//! `cargo bench -p kedacom-mc-mock --bench load_ratio` (`-- --rounds N --slice-ms M` to change the
//! defaults of 6 rounds of 1,000 ms).

#[path = "support/mod.rs"]
mod support;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use support::Conn;

const STORED: [usize; 2] = [10, 1_000];
const CONNECTIONS: [usize; 2] = [1, 16];

/// One slice of load: calls on every connection until `length` has passed.
struct Slice {
    requests: u64,
    latencies_us: Vec<u32>,
    elapsed: Duration,
}

async fn slice(conns: &mut [Conn], request: &[u8], expected_len: usize, length: Duration) -> Slice {
    let started = Instant::now();
    let deadline = started + length;
    let runs = conns.iter_mut().map(|conn| async move {
        let mut latencies = Vec::new();
        while Instant::now() < deadline {
            let sent = Instant::now();
            assert_eq!(conn.call(request).await.len(), expected_len);
            latencies.push(u32::try_from(sent.elapsed().as_micros()).unwrap_or(u32::MAX));
        }
        latencies
    });
    let latencies_us: Vec<u32> = futures::future::join_all(runs).await.into_iter().flatten().collect();
    Slice { requests: latencies_us.len() as u64, latencies_us, elapsed: started.elapsed() }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn p99_ms(mut latencies_us: Vec<u32>) -> f64 {
    latencies_us.sort_unstable();
    let at = (latencies_us.len() * 99 / 100).min(latencies_us.len().saturating_sub(1));
    f64::from(latencies_us.get(at).copied().unwrap_or(0)) / 1000.0
}

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.windows(2).find(|w| w[0] == name).and_then(|w| w[1].parse().ok()).unwrap_or(default)
}

fn main() {
    let rounds = arg("--rounds", 6);
    let length = Duration::from_millis(arg("--slice-ms", 1_000));
    let servers = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let clients = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    println!("| stored | connections | mock req/s | bare axum req/s | ratio | mock p99 | bare axum p99 |");
    println!("|---|---|---|---|---|---|---|");
    for stored in STORED {
        let target = servers.block_on(support::start(stored));
        let contenders: [SocketAddr; 2] = [target.mock.addr(), target.bare];
        for conns in CONNECTIONS {
            let mut pools =
                contenders.map(|addr| (clients.block_on(target.connections(addr, conns)), target.request(addr)));
            // Warm both up (the mock's request log fills, connections settle) before measuring.
            for (pool, request) in &mut pools {
                clients.block_on(slice(pool, request, target.reply.len(), length / 2));
            }
            let mut rates = [Vec::new(), Vec::new()];
            let mut latencies = [Vec::new(), Vec::new()];
            let mut ratios = Vec::new();
            for round in 0..rounds {
                let order = if round % 2 == 0 { [0, 1] } else { [1, 0] };
                let mut rate = [0.0; 2];
                for i in order {
                    let (pool, request) = &mut pools[i];
                    let s = clients.block_on(slice(pool, request, target.reply.len(), length));
                    rate[i] = s.requests as f64 / s.elapsed.as_secs_f64();
                    rates[i].push(rate[i]);
                    latencies[i].extend(s.latencies_us);
                }
                ratios.push(rate[0] / rate[1]);
            }
            let [mock_rate, bare_rate] = rates.map(median);
            let [mock_p99, bare_p99] = latencies.map(p99_ms);
            println!(
                "| {stored} | {conns} | {mock_rate:.0} | {bare_rate:.0} | {:.2} | {mock_p99:.2} ms | {bare_p99:.2} ms |",
                median(ratios)
            );
        }
    }
}
