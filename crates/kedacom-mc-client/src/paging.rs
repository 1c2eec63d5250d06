//! Lists that come in pages (`start`, `count`, a `total` and one array in the reply), read as one
//! stream of items. Which endpoints page is worked out from the spec: the impls of [`Paged`] are
//! generated.

use futures::stream::{self, Stream, TryStreamExt};
use kedacom_mc_models::Endpoint;

use crate::{Client, Error};

/// Items asked for per page when the request sets no `count` (or 0, which the platform reads as
/// "everything" — a reply of unbounded size, so never sent).
pub const DEFAULT_PAGE_SIZE: i64 = 100;

/// A list request that pages with `start` and `count`.
pub trait Paged: Endpoint + Send + Sync + 'static {
    /// One entry of the list.
    type Item: Send + 'static;

    /// `start` and `count` as the caller set them.
    fn window(&self) -> (Option<i64>, Option<i64>);

    /// This request for `count` items from `start`.
    fn page(&self, start: i64, count: i64) -> Self;

    /// How many items the whole list has, as the reply states.
    fn total(reply: &Self::Reply) -> Option<i64>;

    /// The page's items.
    fn items(reply: Self::Reply) -> Vec<Self::Item>;
}

struct Cursor<E> {
    client: Client,
    request: E,
    start: i64,
    size: i64,
    done: bool,
}

impl Client {
    /// Every item of the list, from the request's `start` on, fetched a page at a time as the
    /// stream is read; the request's `count` is the page size. Ends after the last item (by the
    /// reply's `total`, or the first empty page), or after the first error, which it yields.
    pub fn stream<E>(&self, request: E) -> impl Stream<Item = Result<E::Item, Error>> + Send + 'static
    where
        E: Paged,
        E::Reply: Send,
    {
        let (start, count) = request.window();
        let cursor = Cursor {
            client: self.clone(),
            request,
            start: start.unwrap_or(0).max(0),
            size: count.filter(|c| *c > 0).unwrap_or(DEFAULT_PAGE_SIZE),
            done: false,
        };
        stream::try_unfold(cursor, next_page)
            .map_ok(|items: Vec<E::Item>| stream::iter(items.into_iter().map(Ok)))
            .try_flatten()
    }
}

async fn next_page<E>(mut c: Cursor<E>) -> Result<Option<(Vec<E::Item>, Cursor<E>)>, Error>
where
    E: Paged,
    E::Reply: Send,
{
    if c.done {
        return Ok(None);
    }
    let reply = c.client.send(c.request.page(c.start, c.size)).await?;
    let total = E::total(&reply);
    let items = E::items(reply);
    c.start += items.len() as i64;
    // A server may cap the page below the size asked for, so a short page ends the list only when
    // the reply states no total.
    c.done = items.is_empty() || total.map_or(items.len() < c.size as usize, |t| c.start >= t);
    Ok(Some((items, c)))
}
