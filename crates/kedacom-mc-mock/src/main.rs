//! `kedacom-mc-mock`: runs the mock platform until interrupted. The first line of standard output
//! is its base URL; each request is logged (without credentials) on standard error.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use kedacom_mc_mock::{
    parse_duration, Credentials, Fault, MockPlatform, DEFAULT_KEY, DEFAULT_PASSWORD, DEFAULT_SECRET, DEFAULT_USER,
};

/// An in-memory Kedacom meeting-management platform, for testing integrations against.
// No `Debug`: the arguments hold the secret and the password.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Address to listen on.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    host: IpAddr,
    /// API key (oauth_consumer_key) the platform accepts.
    #[arg(long, env = "KEDACOM_KEY", default_value = DEFAULT_KEY)]
    key: String,
    /// API secret (oauth_consumer_secret) the platform accepts.
    #[arg(long, env = "KEDACOM_SECRET", default_value = DEFAULT_SECRET, hide_env_values = true, hide_default_value = true)]
    secret: String,
    /// User name that may log in.
    #[arg(long, env = "KEDACOM_USER", default_value = DEFAULT_USER)]
    user: String,
    /// That user's password.
    #[arg(long, env = "KEDACOM_PASSWORD", default_value = DEFAULT_PASSWORD, hide_env_values = true, hide_default_value = true)]
    password: String,
    /// How long an unused token or login lives: 30m, 90s, 500ms.
    #[arg(long, default_value = "30m", value_parser = duration)]
    idle_timeout: Duration,
    /// Refuse `params` keys the document does not list (52004); by default they are accepted and
    /// kept, as the platform ignores them.
    #[arg(long)]
    strict: bool,
    /// How long an ended conference stays listed and readable: 24h, 30m, 90s.
    #[arg(long, default_value = "24h", value_parser = duration)]
    ended_retention: Duration,
    /// Ended conferences kept at most; one more forgets the earliest ended.
    #[arg(long, default_value_t = 1_000)]
    max_ended_meetings: usize,
    /// How long an added or called terminal takes to come online: 200ms, 2s, 0 (at once).
    #[arg(long, default_value = "200ms", value_parser = duration)]
    mt_online_delay: Duration,
    /// A terminal account (E164 number, IP address, telephone number) that never comes online.
    /// Repeatable.
    #[arg(long = "unreachable-mt", value_name = "ACCOUNT")]
    unreachable_mts: Vec<String>,
    /// A fault to inject, OPERATION=KIND[@TIMES]: KIND is 502, truncate, code:N, delay:DURATION,
    /// expire-session, expire-login or fail-later:N (answered with success, then failed with code N
    /// on the push service); OPERATION is an operation id or *. Repeatable.
    #[arg(long = "fault", value_name = "FAULT")]
    faults: Vec<Fault>,
}

fn duration(text: &str) -> Result<Duration, String> {
    parse_duration(text).ok_or_else(|| format!("not a duration: {text:?} (try 30m, 90s or 500ms)"))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let credentials = Credentials { key: args.key, secret: args.secret, username: args.user, password: args.password };
    let mut builder = MockPlatform::builder();
    for account in args.unreachable_mts {
        builder = builder.unreachable_mt(account);
    }
    let started = builder
        .bind(SocketAddr::new(args.host, args.port))
        .credentials(credentials)
        .idle_timeout(args.idle_timeout)
        .strict(args.strict)
        .ended_meeting_retention(args.ended_retention)
        .max_ended_meetings(args.max_ended_meetings)
        .mt_online_delay(args.mt_online_delay)
        .start()
        .await;
    let mock = match started {
        Ok(mock) => mock,
        Err(e) => {
            eprintln!("kedacom-mc-mock: cannot listen on {}:{}: {e}", args.host, args.port);
            return ExitCode::FAILURE;
        }
    };
    for fault in args.faults {
        mock.inject(fault);
    }
    // The URL comes first and alone on its line, for whoever started the mock to read it.
    println!("{}", mock.base_url());
    use std::io::Write;
    let _ = std::io::stdout().flush();
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("kedacom-mc-mock: cannot wait for Ctrl-C: {e}");
    }
    mock.stop().await;
    ExitCode::SUCCESS
}
