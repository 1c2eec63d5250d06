//! What the server and the handle share: the platform, the rules tests installed, the request log.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::limits::Limits;
use crate::log::RecordedRequest;
use crate::push::Hub;
use crate::rules::Rules;
use crate::state::Platform;

pub(crate) struct Shared {
    pub(crate) platform: Mutex<Platform>,
    pub(crate) rules: Mutex<Rules>,
    /// The push service, fed with the platform's events after each call.
    pub(crate) hub: Arc<Hub>,
    /// A ring: once full, each call's entry replaces the oldest in constant time.
    pub(crate) log: Mutex<VecDeque<RecordedRequest>>,
    pub(crate) max_body_bytes: usize,
    pub(crate) limits: Limits,
    pub(crate) max_logged_requests: usize,
    /// The meeting-management API level the platform has (fixed when it starts), read without
    /// the platform's lock.
    pub(crate) mc_api_level: i64,
}

impl Shared {
    pub(crate) fn record(&self, entry: RecordedRequest) {
        let capacity = self.max_logged_requests.max(1);
        let mut replaced = None;
        {
            let mut log = lock(&self.log);
            while log.len() >= capacity {
                replaced = log.pop_front();
            }
            log.push_back(entry);
        }
        // Freed after the lock is released: other calls need not wait for it.
        drop(replaced);
    }
}

/// A lock that a panic elsewhere does not poison for good: the data stays usable.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
