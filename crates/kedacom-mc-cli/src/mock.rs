//! `kedacom-mc mock`: the embedded mock platform, serving until interrupted. Its URL and the test
//! credentials it accepts go to standard output as export lines a shell can eval.

use std::net::{IpAddr, SocketAddr};

use clap::ArgMatches;
use kedacom_mc_client::{ENV_KEY, ENV_PASSWORD, ENV_SECRET, ENV_URL, ENV_USER};
use kedacom_mc_mock::{Credentials, MockPlatform};

use crate::failure::{Failure, Status};
use crate::global::Settings;
use crate::output;

pub(crate) fn run(m: &ArgMatches) -> Result<Status, Failure> {
    let port = m.get_one::<u16>("port").copied().unwrap_or(0);
    let host = m.get_one::<IpAddr>("host").copied().unwrap_or(IpAddr::from([127, 0, 0, 1]));
    let settings = Settings::from(m);
    let defaults = Credentials::default();
    let credentials = Credentials {
        key: settings.key.unwrap_or(defaults.key),
        secret: settings.secret.unwrap_or(defaults.secret),
        username: settings.user.unwrap_or(defaults.username),
        password: settings.password.unwrap_or(defaults.password),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Failure::usage(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(serve(SocketAddr::new(host, port), credentials))
}

async fn serve(addr: SocketAddr, credentials: Credentials) -> Result<Status, Failure> {
    let mock = MockPlatform::builder()
        .bind(addr)
        .credentials(credentials.clone())
        .start()
        .await
        .map_err(|e| Failure::usage(format!("cannot listen on {addr}: {e}")))?;
    // The one place credentials are printed: the mock's own, which is what was asked for.
    for (name, value) in [
        (ENV_URL, mock.base_url().as_str()),
        (ENV_KEY, credentials.key.as_str()),
        (ENV_SECRET, credentials.secret.as_str()),
        (ENV_USER, credentials.username.as_str()),
        (ENV_PASSWORD, credentials.password.as_str()),
    ] {
        output::print_unmasked(&format!("export {name}={}", quoted(value)));
    }
    output::eprint(&format!("mock platform at {}; Ctrl-C stops it", mock.base_url()));
    let waited = tokio::signal::ctrl_c().await;
    mock.stop().await;
    waited.map_err(|e| Failure::usage(format!("cannot wait for Ctrl-C: {e}")))?;
    Ok(Status::Success)
}

/// `value` as one shell word.
fn quoted(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn values_are_quoted_for_the_shell() {
        assert_eq!(super::quoted("a b"), "'a b'");
        assert_eq!(super::quoted("it's"), r"'it'\''s'");
    }
}
