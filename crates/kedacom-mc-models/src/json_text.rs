//! What can be told from JSON text without parsing it, in one linear pass over the bytes: how many
//! values it holds (a server bounds that before it reads the text), its integer `-0`s, and where in
//! the document a byte is (to name the field of bytes that are not UTF-8).

use std::borrow::Cow;

/// What [`scan`] meets: a byte outside string literals, or a whole string literal (its quotes
/// included; one the text ends inside is not met).
enum Token {
    Byte(u8),
    String(std::ops::Range<usize>),
}

/// Visits the text's tokens, each with its position. JSON's structure is ASCII, so this works on
/// bytes that are not UTF-8 too.
fn scan(text: &[u8], mut visit: impl FnMut(usize, Token)) {
    let mut string_start = None;
    let mut escaped = false;
    for (i, &b) in text.iter().enumerate() {
        match string_start {
            Some(_) if escaped => escaped = false,
            Some(_) if b == b'\\' => escaped = true,
            Some(start) if b == b'"' => {
                string_start = None;
                visit(start, Token::String(start..i + 1));
            }
            Some(_) => {}
            None if b == b'"' => string_start = Some(i),
            None => visit(i, Token::Byte(b)),
        }
    }
}

/// The number of values in the whole document, at every depth: objects, arrays, strings, numbers,
/// `true`, `false` and `null` (the document itself is one). Each takes memory and work to read,
/// whatever its size, so this bounds what reading the text costs beyond its length. Text that is
/// not JSON gets a count all the same.
pub fn count_json_values(text: &[u8]) -> usize {
    let (mut containers, mut strings, mut keys, mut scalars) = (0usize, 0usize, 0usize, 0usize);
    let mut in_scalar = false;
    scan(text, |_, t| {
        let scalar = matches!(t, Token::Byte(b) if !b.is_ascii_whitespace() && !b"{}[],:".contains(&b));
        match t {
            Token::String(_) => strings += 1,
            Token::Byte(b'{' | b'[') => containers += 1,
            // A key is the string before a `:`.
            Token::Byte(b':') => keys += 1,
            _ => {}
        }
        scalars += usize::from(scalar && !in_scalar);
        in_scalar = scalar;
    });
    containers + strings.saturating_sub(keys) + scalars
}

/// The text with every integer `-0` written `0`, as Java's JSON parsers read it; serde_json reads
/// it as the float -0.0, which no integer field accepts. `-0.0` and `-0e1` stay floats.
pub(crate) fn integer_zeros(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut minus = Vec::new();
    scan(bytes, |i, t| {
        let next = |k: usize| bytes.get(i + k).copied();
        let integer_end = !next(2).is_some_and(|c| c.is_ascii_digit() || b".eE".contains(&c));
        if matches!(t, Token::Byte(b'-')) && next(1) == Some(b'0') && integer_end {
            minus.push(i);
        }
    });
    if minus.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = bytes.to_vec();
    for i in minus {
        // A space where the sign was: the same length, and whitespace is allowed before a number.
        out[i] = b' ';
    }
    // Only an ASCII `-` became an ASCII space, so the text is as much UTF-8 as it was.
    Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_owned()))
}

enum Frame {
    /// An object; `key` is the key of the member being read, `None` while the key itself is.
    Object {
        key: Option<String>,
    },
    Array {
        index: usize,
    },
}

/// The JSON path (`vmp.members[1].name`, as violations give it) of the value that `text` ends in:
/// the place where a text cut off there was reading. Inside a key, the object that holds it.
pub(crate) fn path_at_end(text: &str) -> String {
    let mut stack: Vec<Frame> = Vec::new();
    scan(text.as_bytes(), |_, t| match t {
        Token::String(literal) => {
            if let Some(Frame::Object { key: key @ None }) = stack.last_mut() {
                let raw = &text[literal];
                *key = Some(serde_json::from_str(raw).unwrap_or_else(|_| raw.trim_matches('"').to_owned()));
            }
        }
        Token::Byte(b'{') => stack.push(Frame::Object { key: None }),
        Token::Byte(b'[') => stack.push(Frame::Array { index: 0 }),
        Token::Byte(b'}' | b']') => {
            stack.pop();
        }
        Token::Byte(b',') => match stack.last_mut() {
            Some(Frame::Object { key }) => *key = None,
            Some(Frame::Array { index }) => *index += 1,
            None => {}
        },
        Token::Byte(_) => {}
    });
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k) } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None } => break,
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_counted_at_every_depth_and_never_inside_strings() {
        assert_eq!(count_json_values(br#"{"a": 1, "b": {"c": [{"d": "x:y,1"}, {"e\":": -2.5e3}]}}"#), 8);
        assert_eq!(count_json_values(b"[1,2, 3 , true,null,[]]"), 7);
        assert_eq!(count_json_values(br#""x""#), 1);
        assert_eq!(count_json_values(b"{}"), 1);
        assert_eq!(count_json_values(b""), 0);
        assert_eq!(count_json_values(b"{\"a\xFF\": \"\xFE:\"}"), 2);
    }

    #[test]
    fn only_integer_minus_zero_becomes_zero() {
        assert_eq!(
            integer_zeros(r#"{"a": -0, "b": [-0], "c": -0.0, "d": -0e1, "e": "-0", "f": -01}"#),
            r#"{"a":  0, "b": [ 0], "c": -0.0, "d": -0e1, "e": "-0", "f": -01}"#
        );
        assert!(matches!(integer_zeros(r#"{"a": -10, "b": "x-0"}"#), Cow::Borrowed(_)));
        assert_eq!(integer_zeros("-0"), " 0");
    }

    #[test]
    fn the_path_is_the_value_being_read_where_the_text_ends() {
        assert_eq!(path_at_end(r#"{"name": "ab"#), "name");
        assert_eq!(path_at_end(r#"{"a": 1, "vmp": {"members": [{}, {"x": [1], "name": "ab"#), "vmp.members[1].name");
        assert_eq!(path_at_end(r#"{"a": "}", "b\"c": ["#), "b\"c[0]");
        assert_eq!(path_at_end(r#"{"a": {"na"#), "a");
        assert_eq!(path_at_end(r#"["x", "y"#), "[1]");
        assert_eq!(path_at_end(r#"{"a": 1, "#), "");
        assert_eq!(path_at_end(""), "");
    }
}
