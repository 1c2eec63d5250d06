//! What the server and the handle share: the platform, the rules tests installed, the request log.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tokio::sync::Notify;

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
    /// Wakes the platform's clock task when a change brings something due earlier than it was
    /// going to wake.
    pub(crate) clock: Notify,
}

impl Shared {
    /// Works on the platform, then publishes what its state recorded, after the lock is released
    /// (the hub has locks of its own, and its clients are not kept waiting on the platform), and
    /// wakes the clock task when something is now due before it was to wake.
    pub(crate) fn with_platform<T>(&self, work: impl FnOnce(&mut Platform) -> T) -> T {
        let (out, events, sooner) = {
            let mut platform = lock(&self.platform);
            let out = work(&mut platform);
            (out, platform.events.take(), platform.due_sooner())
        };
        if sooner {
            self.clock.notify_one();
        }
        self.hub.publish_all(events);
        out
    }

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
