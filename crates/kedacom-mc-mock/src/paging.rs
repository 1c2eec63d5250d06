//! The server side of the client's paged streams: every list reply is made the one way, from the
//! rows that match (filter), in the request's order (sort), the page its `start` and `count` ask
//! for, each at its documented default when left out (page), each row shown as the reply's item
//! (shape), with the total counting every match. Which parameters and reply fields those are is
//! the endpoint's paging in the endpoint table.

use kedacom_mc_models::{Endpoint, EndpointInfo, PagingInfo};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::codes::SYSTEM_ERROR;
use crate::error::PlatformError;
use crate::handlers::Done;
use crate::reply::Body;

/// The endpoint table's row of a request's endpoint.
pub(crate) fn info<E: Endpoint>(_: &E) -> &'static EndpointInfo {
    E::INFO
}

/// A list endpoint's request: where its `start` and `count` are (generated for each list that
/// pages, in `generated/paging.rs`).
pub(crate) trait Listing: Endpoint {
    fn window(&self) -> (Option<i64>, Option<i64>);
}

/// The rows of a list that match its request, in the order they are kept.
pub(crate) struct Rows<T>(Vec<T>);

pub(crate) fn rows<T>(matching: impl IntoIterator<Item = T>) -> Rows<T> {
    Rows(matching.into_iter().collect())
}

impl<T> Rows<T> {
    /// Sorted by `key`: ascending for `order` 0 (the default), descending for any other value.
    pub(crate) fn sorted<K: Ord>(mut self, order: Option<i64>, key: impl FnMut(&T) -> K) -> Self {
        sort_by(&mut self.0, order, key);
        self
    }

    /// The reply: the page the request asks for, each row as `show` gives it, and the total.
    pub(crate) fn reply<R: Listing, I: Serialize>(
        self,
        request: &R,
        show: impl FnMut(T) -> Result<I, PlatformError>,
    ) -> Result<Done, PlatformError> {
        let PagingInfo { total: total_field, items: items_field, .. } = R::INFO
            .paging
            .ok_or_else(|| PlatformError::detailed(SYSTEM_ERROR, format!("{} does not page", R::INFO.operation)))?;
        let total = i64::try_from(self.0.len()).unwrap_or(i64::MAX);
        let (start, count) = request.window();
        let items = page(self.0, R::INFO, start, count).into_iter().map(show).collect::<Result<Vec<I>, _>>()?;
        let items = serde_json::to_value(items).map_err(|e| PlatformError::detailed(SYSTEM_ERROR, e))?;
        let mut body = Map::new();
        body.insert(total_field.to_owned(), Value::from(total));
        body.insert(items_field.to_owned(), items);
        Ok(Done { body: Body::new(Value::Object(body)), cookie: None })
    }
}

/// The documented default of one of the endpoint's paging parameters.
fn documented(info: &EndpointInfo, name: fn(&PagingInfo) -> &'static str) -> Option<i64> {
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

/// What a list call asks for, for a store that pages by itself: rows skipped, rows taken
/// (`usize::MAX`: all), which way.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Asked {
    pub(crate) skip: usize,
    pub(crate) take: usize,
    pub(crate) descending: bool,
}

impl Asked {
    pub(crate) fn new(info: &EndpointInfo, start: Option<i64>, count: Option<i64>, order: Option<i64>) -> Self {
        let start = start.or_else(|| documented(info, |p| p.start)).unwrap_or(0);
        let count = count.or_else(|| documented(info, |p| p.count)).unwrap_or(0);
        Asked {
            skip: usize::try_from(start).unwrap_or(0),
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
    use kedacom_mc_models::{ListMeetingRoomAreasRequest, ListMeetingsRequest};

    use super::*;

    #[test]
    fn start_count_and_all() {
        let info = ListMeetingsRequest::INFO;
        let rows: Vec<i32> = (0..25).collect();
        // The document: count defaults to 10.
        assert_eq!(page(rows.clone(), info, None, None), (0..10).collect::<Vec<_>>());
        assert_eq!(page(rows.clone(), info, Some(20), Some(10)), (20..25).collect::<Vec<_>>());
        assert_eq!(page(rows.clone(), info, Some(5), Some(0)), (5..25).collect::<Vec<_>>());
        assert!(page(rows, info, Some(99), None).is_empty());
    }

    #[test]
    fn a_list_reply_is_sorted_paged_shaped_and_counts_every_match() {
        let request = ListMeetingRoomAreasRequest::new().start(1).count(2);
        let done = rows([3, 1, 4, 1, 5]).sorted(Some(1), |n| *n).reply(&request, |n| Ok(n * 10)).unwrap();
        let paging = ListMeetingRoomAreasRequest::INFO.paging.unwrap();
        let body: Value = serde_json::from_str(&done.body.encode().unwrap()).unwrap();
        assert_eq!(body.get(paging.total), Some(&Value::from(5)));
        assert_eq!(body.get(paging.items), Some(&serde_json::json!([40, 30])));
    }
}
