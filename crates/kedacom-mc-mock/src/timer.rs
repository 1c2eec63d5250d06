//! The platform's own clock: what happens at a time (a booked conference starting, a conference
//! whose duration is up ending) happens then and is published then, whether or not a call comes.
//! One task per mock sleeps until the next such time, or until a change brings one earlier
//! ([`Shared::with_platform`] wakes it); calls still bring the data up to their own time first.

use std::sync::Arc;
use std::time::Duration;

use crate::clock;
use crate::shared::Shared;

/// The longest the task sleeps with nothing due sooner: the wall clock may be set meanwhile, and a
/// look now and then keeps the mock in step with it.
const LONGEST_NAP: Duration = Duration::from_secs(60);

/// A wake a hair early (the timer's resolution) finds nothing due yet; it sleeps at least this
/// long before it looks again, rather than spinning.
const SHORTEST_NAP: Duration = Duration::from_millis(1);

/// Runs until the task is aborted (the mock stopping).
pub(crate) async fn run(shared: Arc<Shared>) {
    loop {
        let nap = shared.with_platform(|p| {
            let now = clock::now();
            p.advance(now);
            let latest = now.saturating_add(time::Duration::try_from(LONGEST_NAP).unwrap_or(time::Duration::MAX));
            let wake = p.meetings.next_due().map_or(latest, |due| due.min(latest));
            p.armed = Some(wake);
            Duration::try_from(wake - now).unwrap_or(Duration::ZERO).max(SHORTEST_NAP)
        });
        tokio::select! {
            () = tokio::time::sleep(nap) => {}
            () = shared.clock.notified() => {}
        }
    }
}
