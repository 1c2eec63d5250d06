//! Log lines on standard error (`RUST_LOG` picks what, as `tracing-subscriber`'s filter reads it),
//! each masked like every other output. The HTTP libraries underneath stay silent whatever
//! `RUST_LOG` says: their lines can carry a URL whose query holds the session token, or the
//! headers with the login cookie. The client's own `kedacom_mc.call` spans say what was sent.

use std::io::Write;

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::EnvFilter;

use crate::redact;

/// Targets never logged.
const SILENCED: &[&str] = &["hyper", "hyper_util", "reqwest", "h2", "rustls", "tower", "tower_http"];

/// Starts logging; `default` is the filter when `RUST_LOG` is unset (or unreadable).
pub(crate) fn init(default: &str) {
    let mut filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    for target in SILENCED {
        if let Ok(d) = format!("{target}=off").parse() {
            filter = filter.add_directive(d);
        }
    }
    let subscriber = tracing_subscriber::fmt()
        .with_writer(Masked)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(filter)
        .finish();
    // Not `init()`: that would also route the `log` crate's records, which the HTTP libraries write.
    let _ = tracing::subscriber::set_global_default(subscriber);
}

/// Standard error, one event at a time, credentials masked.
struct Masked;

impl<'a> MakeWriter<'a> for Masked {
    type Writer = Event;

    fn make_writer(&'a self) -> Event {
        Event(Vec::new())
    }
}

/// One log event, held until it is complete so a credential can't be split across writes.
struct Event(Vec<u8>);

impl Write for Event {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for Event {
    fn drop(&mut self) {
        let text = redact::clean(&String::from_utf8_lossy(&self.0));
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
}
