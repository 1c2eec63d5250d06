//! Paging as the list endpoints document it: `start` rows skipped, then `count` rows (0 for all),
//! each at the default the endpoint table gives when the request leaves it out.

use kedacom_mc_models::{Endpoint, EndpointInfo};

/// The endpoint table's row of a request's endpoint.
pub(crate) fn info<E: Endpoint>(_: &E) -> &'static EndpointInfo {
    E::INFO
}

/// The documented default of one of the endpoint's paging parameters.
fn documented(info: &EndpointInfo, name: fn(&kedacom_mc_models::PagingInfo) -> &'static str) -> Option<i64> {
    let paging = info.paging?;
    info.parameter(name(&paging))?.default?.parse().ok()
}

/// The page of `items` that `start` and `count` ask for. Negative values never get here: they
/// are refused as parameter errors first. Without a documented default, a list starts at the
/// first row and shows every row.
pub(crate) fn page<T>(items: Vec<T>, info: &EndpointInfo, start: Option<i64>, count: Option<i64>) -> Vec<T> {
    let start = start.or_else(|| documented(info, |p| p.start)).unwrap_or(0);
    let start = usize::try_from(start).unwrap_or(0);
    let count = count.or_else(|| documented(info, |p| p.count)).unwrap_or(0);
    let taken = items.into_iter().skip(start);
    if count <= 0 {
        taken.collect()
    } else {
        taken.take(usize::try_from(count).unwrap_or(usize::MAX)).collect()
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
        let info = <kedacom_mc_models::ListMeetingsRequest as kedacom_mc_models::Endpoint>::INFO;
        let rows: Vec<i32> = (0..25).collect();
        // The document: count defaults to 10.
        assert_eq!(page(rows.clone(), info, None, None), (0..10).collect::<Vec<_>>());
        assert_eq!(page(rows.clone(), info, Some(20), Some(10)), (20..25).collect::<Vec<_>>());
        assert_eq!(page(rows.clone(), info, Some(5), Some(0)), (5..25).collect::<Vec<_>>());
        assert!(page(rows, info, Some(99), None).is_empty());
    }
}
