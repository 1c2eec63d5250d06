//! The servers the load benchmark drives, for an outside load generator such as `wrk`: the mock
//! holding `--conferences` running conferences with a logged-in session, and a bare axum handler
//! on the same runtime answering the mock's meeting-list reply bytes. Prints, as shell variable
//! assignments, both URLs of the meeting-list call and the login cookie to send with it; serves
//! until interrupted.
//!
//! ```sh
//! cargo run --release -p kedacom-mc-mock --example load_target -- --conferences 1000
//! ```

#[path = "../benches/support/mod.rs"]
mod support;

use clap::Parser;

#[derive(Parser)]
struct Args {
    /// Running conferences the mock holds; the call answers the first page of 10.
    #[arg(long, default_value_t = 10)]
    conferences: usize,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let target = support::start(args.conferences).await;
    let path = &target.path_and_query;
    println!("MOCK_URL='{}{path}'", target.mock.base_url());
    println!("BARE_URL='http://{}{path}'", target.bare);
    println!("COOKIE='{}'", target.cookie);
    println!("REPLY_BYTES={}", target.reply.len());
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = tokio::signal::ctrl_c().await;
}
