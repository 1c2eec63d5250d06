//! What the client's benchmarks share.

use kedacom_mc_client::Client;
use kedacom_mc_mock::MockPlatform;

/// A client of `mock` with its credentials, and no heartbeat to interleave with what is measured.
pub fn client_of(mock: &MockPlatform) -> Client {
    let creds = mock.credentials();
    Client::builder()
        .url(mock.base_url())
        .api_key(&creds.key, &creds.secret)
        .user(&creds.username, &creds.password)
        .heartbeat_interval(None)
        .build()
        .unwrap()
}
