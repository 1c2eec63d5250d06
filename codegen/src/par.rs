//! Work spread over the machine's cores, results in input order.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` of each item, on as many threads as there are cores, each thread taking the next item when
/// it is free. What `f` builds that is not `Send` (an emitter's token streams) stays on its thread.
pub(crate) fn map<I: Sync, T: Send>(items: &[I], f: impl Fn(&I) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
    let next = AtomicUsize::new(0);
    let layouts = crate::emit::layout::current();
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { return done };
            done.push((i, f(item)));
        }
    };
    let mut done: Vec<(usize, T)> = std::thread::scope(|s| {
        let helpers: Vec<_> =
            (1..threads).map(|_| s.spawn(|| crate::emit::layout::within(layouts.clone(), work))).collect();
        let mut done = work();
        for h in helpers {
            // A panic is a bug in `f`; it goes on here, as it would have without the threads.
            done.extend(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        done
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order_of_the_items() {
        let items: Vec<u32> = (0..100).collect();
        assert_eq!(super::map(&items, |i| i * 2), items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u32], |i| *i).is_empty());
    }
}
