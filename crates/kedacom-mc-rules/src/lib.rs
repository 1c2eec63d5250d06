//! The value rules the vendor document states, written once: the request validation of
//! `kedacom-mc-models` and the spec's example checker both call these, so a value is accepted by
//! one exactly when it is accepted by the other.
//!
//! Nothing here is generated, and nothing depends on serde: every function takes a plain `&str`.
//! Every function is `#[inline]`: each is small, and is compiled with the code that calls it
//! rather than on its own here.

#![forbid(unsafe_code)]

/// More than `max` UTF-8 bytes (最大字符长度:N个字节).
#[inline]
pub fn over_bytes(s: &str, max: usize) -> bool {
    s.len() > max
}

/// More than `max` characters (最大字符长度:N个字符).
#[inline]
pub fn over_chars(s: &str, max: usize) -> bool {
    // No longer in bytes than the limit means no longer in characters either; most values stop here.
    s.len() > max && s.chars().count() > max
}

/// A named text rule of the document: a charset, and characters not allowed first or last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRule<'a> {
    pub name: &'a str,
    /// Characters never allowed.
    pub forbidden: &'a str,
    /// Characters allowed inside the text but not as its first or last character.
    pub forbidden_at_edges: &'a str,
    /// When set, only these characters are allowed.
    pub allowed: Option<&'a str>,
}

impl TextRule<'_> {
    /// The first character the charset does not allow.
    #[inline]
    pub fn bad_char(&self, s: &str) -> Option<char> {
        match self.allowed {
            Some(ok) => s.chars().find(|c| !ok.contains(*c)),
            None => s.chars().find(|c| self.forbidden.contains(*c)),
        }
    }

    /// The first or last character, when it is one not allowed there.
    #[inline]
    pub fn bad_edge(&self, s: &str) -> Option<char> {
        let edge = |c: &char| self.forbidden_at_edges.contains(*c);
        s.chars().next().filter(edge).or_else(|| s.chars().next_back().filter(edge))
    }
}

/// `#RRGGBB`.
#[inline]
pub fn is_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// `YYYY-MM-DDTHH:MM:SS[.fff]` then `Z` or `±HH:MM`, as the document writes times (ISO 8601), naming
/// a moment that exists: the day is in its month (29 February in leap years only), the offset is at
/// most 23:59, and a 60th second is a leap second's place (23:59:60 UTC on a month's last day).
#[inline]
pub fn is_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(digits(0..4) && at(4, b'-') && digits(5..7) && at(7, b'-') && digits(8..10) && at(10, b'T')) {
        return false;
    }
    if !(digits(11..13) && at(13, b':') && digits(14..16) && at(16, b':') && digits(17..19)) {
        return false;
    }
    // Every byte read so far is an ASCII digit, so these parse.
    let number = |r: std::ops::Range<usize>| s[r].parse::<i64>().unwrap_or(-1);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let (hour, minute, second) = (number(11..13), number(14..16), number(17..19));
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return false;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    let offset = match rest.as_bytes() {
        b"Z" => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] if [h1, h2, m1, m2].iter().all(|x| x.is_ascii_digit()) => {
            let (h, m) = (i64::from((h1 - b'0') * 10 + (h2 - b'0')), i64::from((m1 - b'0') * 10 + (m2 - b'0')));
            if h > 23 || m > 59 {
                return false;
            }
            if *sign == b'-' {
                -(h * 60 + m)
            } else {
                h * 60 + m
            }
        }
        _ => return false,
    };
    second < 60 || is_leap_second_place(year, month, day, hour * 60 + minute - offset)
}

/// Whether the local day and minute `utc_minute` (minutes since the local midnight, moved to UTC,
/// so possibly outside the day) is 23:59 UTC on the last day of a month.
fn is_leap_second_place(year: i64, month: i64, day: i64, utc_minute: i64) -> bool {
    let days = days_from_civil(year, month, day) + utc_minute.div_euclid(24 * 60);
    let (y, m, d) = civil_from_days(days);
    utc_minute.rem_euclid(24 * 60) == 23 * 60 + 59 && d == days_in_month(y, m)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01, the inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// `[area-]number[-extension]`, digits only, each part within its maximum length
/// (`(area code, number, extension)`).
#[inline]
pub fn is_telephone(s: &str, (area, number, ext): (usize, usize, usize)) -> bool {
    let ok = |p: &str, max: usize| !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit());
    let mut parts = s.split('-');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(n), None, None, None) => ok(n, number),
        // Two parts are read as area code and number; a number with an extension needs its area code.
        (Some(a), Some(n), None, None) => ok(a, area) && ok(n, number),
        (Some(a), Some(n), Some(e), None) => ok(a, area) && ok(n, number) && ok(e, ext),
        _ => false,
    }
}

/// What a value of a push channel's placeholder may be (the push document's 数据格式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceholderFormat {
    /// `[0-9]+`
    Digits,
    /// `[0-9_]+`
    DigitsUnderscores,
    /// `[0-9.]+`
    DigitsDots,
    /// Any one segment: the user domain, which the handshake gives and the document does not format.
    Segment,
}

impl PlaceholderFormat {
    /// The formats the document writes, which a spec's placeholder may have.
    pub const WRITTEN: [PlaceholderFormat; 3] =
        [PlaceholderFormat::Digits, PlaceholderFormat::DigitsUnderscores, PlaceholderFormat::DigitsDots];

    /// As a regular expression, as the document writes it.
    #[inline]
    pub fn regex(self) -> &'static str {
        match self {
            PlaceholderFormat::Digits => "[0-9]+",
            PlaceholderFormat::DigitsUnderscores => "[0-9_]+",
            PlaceholderFormat::DigitsDots => "[0-9.]+",
            PlaceholderFormat::Segment => "[^/]+",
        }
    }

    /// The written format of this regular expression.
    #[inline]
    pub fn parse(regex: &str) -> Option<PlaceholderFormat> {
        PlaceholderFormat::WRITTEN.into_iter().find(|f| f.regex() == regex)
    }

    /// Whether `value` is one: not empty, and only of the format's characters. No format takes a
    /// Bayeux wildcard, which is not a value.
    #[inline]
    pub fn accepts(self, value: &str) -> bool {
        let allowed = |c: char| match self {
            PlaceholderFormat::Digits => c.is_ascii_digit(),
            PlaceholderFormat::DigitsUnderscores => c.is_ascii_digit() || c == '_',
            PlaceholderFormat::DigitsDots => c.is_ascii_digit() || c == '.',
            PlaceholderFormat::Segment => c != '/' && c != '*',
        };
        !value.is_empty() && value.chars().all(allowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_formats_are_read_as_written_and_take_only_their_characters() {
        for f in PlaceholderFormat::WRITTEN {
            assert_eq!(PlaceholderFormat::parse(f.regex()), Some(f));
        }
        assert_eq!(PlaceholderFormat::parse("[0-9a-z]+"), None);
        assert_eq!(PlaceholderFormat::parse("[^/]+"), None, "the domain's format is not written");
        let takes = |f: PlaceholderFormat, v: &str| f.accepts(v);
        assert!(takes(PlaceholderFormat::Digits, "0012") && !takes(PlaceholderFormat::Digits, "1.2"));
        assert!(
            takes(PlaceholderFormat::DigitsUnderscores, "1_2") && !takes(PlaceholderFormat::DigitsUnderscores, "1.2")
        );
        assert!(takes(PlaceholderFormat::DigitsDots, "0.1.2") && !takes(PlaceholderFormat::DigitsDots, "1_2"));
        assert!(takes(PlaceholderFormat::Segment, "w8oflp85") && !takes(PlaceholderFormat::Segment, "a/b"));
        for f in [PlaceholderFormat::Digits, PlaceholderFormat::Segment] {
            assert!(!f.accepts("") && !f.accepts("*") && !f.accepts("**"));
        }
    }

    #[test]
    fn datetimes() {
        assert!(is_datetime("2016-11-11T15:30:00+08:00"));
        assert!(is_datetime("2016-11-11T15:30:00Z"));
        assert!(is_datetime("2020-07-24T15:30:00.125Z"));
        assert!(!is_datetime("2016-13-11T15:30:00+08:00"));
        assert!(!is_datetime("2016-11-11 15:30:00"));
        assert!(!is_datetime("2016-11-11 15:30:00+08:00"));
        assert!(!is_datetime("2016-11-11T15:30:00+0800"));
        assert!(!is_datetime("2016-11-11"));
        assert!(!is_datetime("2016-11-11T24:00:00Z"));
        assert!(!is_datetime("2016-11-11T15:30:00."));
        assert!(!is_datetime("２016-11-11T15:30:00Z"), "multi-byte input must not panic or pass");
    }

    #[test]
    fn datetimes_name_real_moments() {
        assert!(!is_datetime("2021-02-30T10:00:00+08:00"));
        assert!(!is_datetime("2021-02-29T10:00:00+08:00"), "2021 is no leap year");
        assert!(is_datetime("2024-02-29T10:00:00+08:00"));
        assert!(!is_datetime("1900-02-29T10:00:00Z"), "a century is a leap year only every 400 years");
        assert!(is_datetime("2000-02-29T10:00:00Z"));
        assert!(!is_datetime("2021-04-31T10:00:00Z"));
        assert!(is_datetime("2021-12-31T10:00:00Z"));
        assert!(!is_datetime("2021-11-00T10:00:00Z"));
        assert!(!is_datetime("2021-11-11T10:00:00+24:00"));
        assert!(!is_datetime("2021-11-11T10:00:00+08:60"));
        assert!(is_datetime("2021-11-11T10:00:00-23:59"));
        // A leap second sits at 23:59:60 UTC on a month's last day, in any offset.
        assert!(is_datetime("2016-12-31T23:59:60Z"));
        assert!(is_datetime("2017-01-01T07:59:60+08:00"));
        assert!(is_datetime("2016-12-31T18:59:60-05:00"));
        assert!(!is_datetime("2016-12-31T23:59:60+08:00"), "15:59 UTC");
        assert!(!is_datetime("2016-11-11T15:30:60Z"));
        assert!(!is_datetime("2016-12-31T23:59:61Z"));
    }

    #[test]
    fn day_counts_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
            assert!((1..=days_in_month(y, m)).contains(&d));
        }
    }

    #[test]
    fn colours() {
        assert!(is_colour("#FFFFFF"));
        assert!(is_colour("#a0b1c2"));
        assert!(!is_colour("#FFF"));
        assert!(!is_colour("FFFFFF0"));
        assert!(!is_colour("#FFFFFG"));
        assert!(!is_colour("#ＦＦ"), "multi-byte input must not panic or pass");
    }

    #[test]
    fn telephones() {
        let t = (4, 16, 10);
        assert!(is_telephone("85181157", t));
        assert!(is_telephone("0512-85181157", t));
        assert!(is_telephone("0512-85181157-8001", t));
        assert!(!is_telephone("05120-85181157", t));
        assert!(!is_telephone("0512-851-81157-1", t));
        assert!(!is_telephone("0512--1", t));
        assert!(!is_telephone("", t));
        assert!(!is_telephone("phone", t));
        assert!(!is_telephone(&"1".repeat(17), t));
        assert!(!is_telephone("0512-85181157-12345678901", t));
    }

    #[test]
    fn lengths() {
        assert!(!over_bytes(&"会".repeat(21), 64));
        assert!(over_bytes(&"会".repeat(22), 64));
        assert!(!over_chars(&"区".repeat(60), 60));
        assert!(over_chars(&"区".repeat(61), 60));
        assert!(!over_chars("abc", 3));
    }

    #[test]
    fn text_rules() {
        let name = TextRule { name: "conf_name", forbidden: "%&", forbidden_at_edges: "_-.@", allowed: None };
        assert_eq!(name.bad_char("周会%"), Some('%'));
        assert_eq!(name.bad_char("周_会"), None);
        assert_eq!(name.bad_edge("_周会"), Some('_'));
        assert_eq!(name.bad_edge("周会@"), Some('@'));
        assert_eq!(name.bad_edge("周_会"), None);
        assert_eq!(name.bad_edge(""), None);
        let secret = TextRule { name: "secret", forbidden: "", forbidden_at_edges: "", allowed: Some("ab_.") };
        assert_eq!(secret.bad_char("ab_."), None);
        assert_eq!(secret.bad_char("ab c"), Some(' '));
    }
}
