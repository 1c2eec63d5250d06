//! What the server and the handle share: the platform, the rules tests installed, the request log.

use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::log::RecordedRequest;
use crate::rules::Rules;
use crate::state::Platform;

pub(crate) struct Shared {
    pub(crate) platform: Mutex<Platform>,
    pub(crate) rules: Mutex<Rules>,
    pub(crate) log: Mutex<Vec<RecordedRequest>>,
    pub(crate) max_body_bytes: usize,
    pub(crate) max_logged_requests: usize,
}

impl Shared {
    pub(crate) fn record(&self, entry: RecordedRequest) {
        let mut log = lock(&self.log);
        if log.len() >= self.max_logged_requests.max(1) {
            let excess = log.len() + 1 - self.max_logged_requests.max(1);
            log.drain(..excess);
        }
        log.push(entry);
    }
}

/// A lock that a panic elsewhere does not poison for good: the data stays usable.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
