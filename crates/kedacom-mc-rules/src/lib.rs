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

/// `YYYY-MM-DDTHH:MM:SS[.fff]` then `Z` or `±HH:MM`, as the document writes times (ISO 8601).
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
    let (month, day) = (&s[5..7], &s[8..10]);
    let (hour, minute, second) = (&s[11..13], &s[14..16], &s[17..19]);
    if !("01"..="12").contains(&month) || !("01"..="31").contains(&day) || hour > "23" || minute > "59" || second > "60"
    {
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
    match rest.as_bytes() {
        b"Z" => true,
        [sign, h1, h2, b':', m1, m2] => {
            (*sign == b'+' || *sign == b'-') && [h1, h2, m1, m2].iter().all(|x| x.is_ascii_digit())
        }
        _ => false,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
