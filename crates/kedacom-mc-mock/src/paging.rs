//! Paging as the list endpoints document it: `start` rows skipped (default 0), then `count` rows
//! (default 10, 0 for all).

pub(crate) const DEFAULT_COUNT: i64 = 10;

/// The page of `items` that `start` and `count` ask for. Negative values never get here: they
/// are refused as parameter errors first.
pub(crate) fn page<T>(items: Vec<T>, start: Option<i64>, count: Option<i64>) -> Vec<T> {
    let start = usize::try_from(start.unwrap_or(0)).unwrap_or(0);
    let count = count.unwrap_or(DEFAULT_COUNT);
    let taken = items.into_iter().skip(start);
    if count <= 0 {
        taken.collect()
    } else {
        taken.take(usize::try_from(count).unwrap_or(usize::MAX)).collect()
    }
}

/// What a list call asks for, for a store that pages by itself: rows skipped, rows taken
/// (`usize::MAX`: all), which way.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Asked {
    pub(crate) skip: usize,
    pub(crate) take: usize,
    pub(crate) descending: bool,
}

impl Asked {
    pub(crate) fn new(start: Option<i64>, count: Option<i64>, order: Option<i64>) -> Self {
        let count = count.unwrap_or(DEFAULT_COUNT);
        Asked {
            skip: usize::try_from(start.unwrap_or(0)).unwrap_or(0),
            take: if count <= 0 { usize::MAX } else { usize::try_from(count).unwrap_or(usize::MAX) },
            descending: order.unwrap_or(0) != 0,
        }
    }
}

/// Sorts `items` by `key`, ascending for `order` 0 (the default), descending for any other value.
pub(crate) fn sort_by<T, K: Ord>(items: &mut [T], order: Option<i64>, key: impl FnMut(&T) -> K) {
    items.sort_by_key(key);
    if order.unwrap_or(0) != 0 {
        items.reverse();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_count_and_all() {
        let rows: Vec<i32> = (0..25).collect();
        assert_eq!(page(rows.clone(), None, None), (0..10).collect::<Vec<_>>());
        assert_eq!(page(rows.clone(), Some(20), Some(10)), (20..25).collect::<Vec<_>>());
        assert_eq!(page(rows.clone(), Some(5), Some(0)), (5..25).collect::<Vec<_>>());
        assert!(page(rows, Some(99), None).is_empty());
    }
}
