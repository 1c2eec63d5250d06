//! Wall-clock times as the platform writes them (ISO 8601 with an offset, whole seconds).

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Duration, OffsetDateTime, UtcOffset};

pub(crate) type Time = OffsetDateTime;

/// A time as the document's examples write it: `2016-11-11T15:30:00+08:00`.
pub(crate) fn format(t: Time, offset: UtcOffset) -> String {
    let shown = t.to_offset(offset).replace_nanosecond(0).unwrap_or(t);
    let layout = format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second][offset_hour sign:mandatory]:[offset_minute]"
    );
    shown.format(&layout).unwrap_or_default()
}

/// A time a request gives; `None` when it is not a real date-time (the models check the layout
/// only, so `2021-02-30T…` gets this far).
pub(crate) fn parse(text: &str) -> Option<Time> {
    OffsetDateTime::parse(text, &Rfc3339).ok()
}

pub(crate) fn now() -> Time {
    OffsetDateTime::now_utc()
}

/// The end of something that lasts `minutes` from `start`; `None` for 0 (永久, no end).
pub(crate) fn end_after(start: Time, minutes: i64) -> Option<Time> {
    (minutes > 0).then(|| start.saturating_add(Duration::minutes(minutes)))
}
