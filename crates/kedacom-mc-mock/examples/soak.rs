//! A long run's memory: `--cycles` create+end cycles over HTTP against a mock with the default
//! limits (ended conferences kept 24 hours, at most 1,000; a 2,000-call request log), printing
//! the process's resident memory (VmRSS) at the start and as the cycles go. The mock and its
//! client share the process, so the figures include the client's own steady use.
//!
//! ```sh
//! cargo run --release -p kedacom-mc-mock --example soak -- --cycles 20000
//! ```

#[path = "../benches/support/mod.rs"]
mod support;

use clap::Parser;
use kedacom_mc_mock::{samples, MockPlatform};
use kedacom_mc_models::{CreateConfReply, CreateConfRequest, EndConfRequest};

#[derive(Parser)]
struct Args {
    #[arg(long, default_value_t = 20_000)]
    cycles: usize,
    /// Print a line every this many cycles.
    #[arg(long, default_value_t = 2_000)]
    every: usize,
    /// Calls the request log keeps, when not the mock's default.
    #[arg(long)]
    max_logged_requests: Option<usize>,
}

/// Resident memory in KiB, from /proc (Linux).
fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let mut builder = MockPlatform::builder();
    if let Some(n) = args.max_logged_requests {
        builder = builder.max_logged_requests(n);
    }
    let mock = builder.start().await.unwrap();
    let session = support::Session::log_in(&mock).await;
    let start = rss_kib();
    println!("cycles 0: RSS {:.1} MiB", start as f64 / 1024.0);
    for i in 1..=args.cycles {
        let made = session.call(&CreateConfRequest::new(samples::create_conf_params("例会", 0))).await;
        let made: CreateConfReply = serde_json::from_slice(&made).unwrap();
        session.call(&EndConfRequest::new(made.conf_id.unwrap())).await;
        if i % args.every.max(1) == 0 || i == args.cycles {
            let now = rss_kib();
            println!(
                "cycles {i}: RSS {:.1} MiB ({:+.1} MiB), {} meetings stored, {} calls logged",
                now as f64 / 1024.0,
                (now as f64 - start as f64) / 1024.0,
                mock.stored_meetings(),
                mock.logged_requests()
            );
        }
    }
}
