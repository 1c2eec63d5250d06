//! The mock under load against its own stack's ceiling: `GET /api/v1/mc/meetings` (the default
//! page of 10 meetings) over loopback keep-alive connections, sent to the mock and to a bare axum
//! handler on the same runtime answering the same bytes, one after the other in each group, with
//! 10 and with 1,000 conferences stored, at 1 and 16 connections.
//!
//! The servers run on a multi-threaded runtime (one worker per core); the connections are driven
//! from the benchmark's own thread, as a load generator in another process would.
//!
//! `cargo bench -p kedacom-mc-mock --bench load`

#[path = "support/mod.rs"]
mod support;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use support::Conn;

const STORED: [usize; 2] = [10, 1_000];
const CONNECTIONS: [usize; 2] = [1, 16];

/// Sends `total` calls spread over the connections, each waiting for its reply before the next.
async fn drive(conns: &mut [Conn], request: &[u8], expected_len: usize, total: u64) -> Duration {
    let n = conns.len() as u64;
    let started = Instant::now();
    let runs = conns.iter_mut().enumerate().map(|(i, conn)| {
        let calls = total / n + u64::from((i as u64) < total % n);
        async move {
            for _ in 0..calls {
                assert_eq!(conn.call(request).await.len(), expected_len);
            }
        }
    });
    futures::future::join_all(runs).await;
    started.elapsed()
}

fn load(c: &mut Criterion) {
    let servers = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let clients = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    for stored in STORED {
        let target = servers.block_on(support::start(stored));
        let mut group = c.benchmark_group(format!("list_meetings/{stored}_stored"));
        group.throughput(Throughput::Elements(1));
        group.measurement_time(Duration::from_secs(4));
        group.warm_up_time(Duration::from_secs(1));
        for conns in CONNECTIONS {
            let servers: [(&str, SocketAddr); 2] = [("mock", target.mock.addr()), ("bare_axum", target.bare)];
            for (name, addr) in servers {
                let request = target.request(addr);
                let mut pool = clients.block_on(target.connections(addr, conns));
                group.bench_function(BenchmarkId::new(name, format!("{conns}_conn")), |b| {
                    b.iter_custom(|iters| clients.block_on(drive(&mut pool, &request, target.reply.len(), iters)))
                });
            }
        }
        group.finish();
    }
}

criterion_group!(benches, load);
criterion_main!(benches);
