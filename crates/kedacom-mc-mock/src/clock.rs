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

/// A time a request gives; `None` when it is not a real date-time (the models refuse those, so a
/// validated request's times are read).
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

#[cfg(test)]
mod tests {
    use super::parse;
    use kedacom_mc_models::validate::is_datetime;

    /// The models' rule and this reading agree on which date-times exist: a validated request's
    /// times are always read, and what the rule refuses could not be.
    #[test]
    fn the_rule_accepts_the_date_times_that_can_be_read() {
        let mut checked = 0;
        for year in [1900, 2000, 2016, 2021, 2024] {
            for month in 1..=12 {
                for day in [0, 1, 28, 29, 30, 31, 32] {
                    for (h, m, s) in [(0, 0, 0), (23, 59, 59), (23, 59, 60), (7, 59, 60), (15, 30, 60), (24, 0, 0)] {
                        for offset in ["Z", "+08:00", "-05:00", "+00:00", "-23:59", "+08:60"] {
                            let text = format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}{offset}");
                            assert_eq!(is_datetime(&text), parse(&text).is_some(), "{text}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 10_000);
    }
}
