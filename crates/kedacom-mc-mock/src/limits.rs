//! How much of a request the mock reads before it knows who sent it. Decoding comes before the
//! session check (the token is one of the fields), so without bounds a caller with no session
//! could make the mock work as long as it likes; past a bound the request gets HTTP 413, as a
//! body over the size limit does, before it is decoded.

use kedacom_mc_models::wire_names::PARAMS_PARAM;
use kedacom_mc_models::{count_json_values, WireInput};

/// The bounds on what is read before the session is checked.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// Query and form fields (or multipart parts) of one request.
    pub(crate) max_fields: usize,
    /// Bytes of form fields: an urlencoded body, or the text parts of a multipart one.
    pub(crate) max_form_bytes: usize,
    /// Values in the `params` JSON, counted at every depth.
    pub(crate) max_params_values: usize,
}

/// A request past one of the bounds: HTTP 413.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TooMuch;

impl Limits {
    /// Reads the query string and the form body into `input` (which may hold multipart parts
    /// already), only when the fields stay within the bounds, then checks the values of `params`.
    pub(crate) fn read_fields(&self, input: &mut WireInput, query: &[u8], form: &[u8]) -> Result<(), TooMuch> {
        let fields = input.form.len() + input.unreadable.len() + count(query) + count(form);
        if fields > self.max_fields || form.len() > self.max_form_bytes {
            return Err(TooMuch);
        }
        input.read_query(query);
        input.read_form(form);
        if self.too_many_values(input) {
            return Err(TooMuch);
        }
        Ok(())
    }

    /// Whether the `params` JSON holds more values than allowed (every `params` field counts,
    /// read as text or not).
    fn too_many_values(&self, input: &WireInput) -> bool {
        let texts = input.query.iter().chain(&input.form).filter(|(k, _)| k == PARAMS_PARAM).map(|(_, v)| v.as_bytes());
        let bytes = input.unreadable.iter().filter(|(k, _)| k == PARAMS_PARAM).map(|(_, v)| v.as_slice());
        texts.chain(bytes).map(count_json_values).fold(0usize, usize::saturating_add) > self.max_params_values
    }
}

/// The fields of urlencoded text: its non-empty pieces between `&`.
fn count(raw: &[u8]) -> usize {
    raw.split(|&b| b == b'&').filter(|f| !f.is_empty()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits { max_fields: 3, max_form_bytes: 40, max_params_values: 3 };

    #[test]
    fn fields_are_the_pieces_between_ampersands() {
        assert_eq!(count(b"a=1&b=2&c=3"), 3);
        assert_eq!(count(b"a=1&&b=2&c=3&"), 3, "empty pieces are no fields");
        assert_eq!(count(b""), 0);
    }

    #[test]
    fn the_query_and_the_body_are_read_only_within_the_bounds() {
        let mut input = WireInput::default();
        assert_eq!(LIMITS.read_fields(&mut input, b"a=1&b=2", b"c=3"), Ok(()));
        assert_eq!(input.query.len() + input.form.len(), 3);
        // Multipart parts count too.
        let mut input = WireInput::default();
        input.read_text_part("part".to_owned(), b"1".to_vec());
        assert_eq!(LIMITS.read_fields(&mut input, b"a=1&b=2", b"c=3"), Err(TooMuch));
        assert!(input.query.is_empty(), "nothing is split past a bound");
        let long = format!("a={}", "x".repeat(40));
        assert_eq!(LIMITS.read_fields(&mut WireInput::default(), b"", long.as_bytes()), Err(TooMuch));
    }

    #[test]
    fn params_values_are_counted_whether_or_not_they_are_utf8() {
        let three = b"params=%7B%22a%22%3A%5B1%5D%7D"; // {"a":[1]}
        assert_eq!(LIMITS.read_fields(&mut WireInput::default(), b"", three), Ok(()));
        let four = b"params=%7B%22a%22%3A%5B1%2C2%5D%7D"; // {"a":[1,2]}
        assert_eq!(LIMITS.read_fields(&mut WireInput::default(), b"", four), Err(TooMuch));
        let mut input = WireInput::default();
        input.read_text_part(PARAMS_PARAM.to_owned(), b"[\"\xFF\", 1, 2]".to_vec());
        assert_eq!(input.unreadable.len(), 1);
        assert_eq!(LIMITS.read_fields(&mut input, b"", b""), Err(TooMuch));
    }
}
