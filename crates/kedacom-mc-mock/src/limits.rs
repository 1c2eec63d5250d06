//! How much of a request the mock reads before it knows who sent it. Decoding comes before the
//! session check (the token is one of the fields), so without bounds a caller with no session
//! could make the mock work as long as it likes; past a bound the request gets HTTP 413, as a
//! body over the size limit does, before anything is decoded.

use kedacom_mc_models::wire_names::PARAMS_PARAM;
use kedacom_mc_models::{count_json_keys, WireInput};

/// The bounds on what is read before the session is checked.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// Query and form fields (or multipart parts) of one request.
    pub(crate) max_fields: usize,
    /// Object keys in the `params` JSON, counted at every depth.
    pub(crate) max_params_keys: usize,
}

/// A request past one of the bounds: HTTP 413.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TooMuch;

impl Limits {
    /// Reads the query string and the form body into `input` (which may hold multipart parts
    /// already), each only when the fields stay within the bound, then checks the keys of
    /// `params`.
    pub(crate) fn read_fields(&self, input: &mut WireInput, query: &[u8], form: &[u8]) -> Result<(), TooMuch> {
        let fields = input.form.len() + input.unreadable.len() + count(query) + count(form);
        if fields > self.max_fields {
            return Err(TooMuch);
        }
        input.read_query(query);
        input.read_form(form);
        if self.too_many_keys(input) {
            return Err(TooMuch);
        }
        Ok(())
    }

    /// Whether the `params` JSON holds more keys than allowed (every `params` field counts, read
    /// as text or not).
    fn too_many_keys(&self, input: &WireInput) -> bool {
        let texts = input.query.iter().chain(&input.form).filter(|(k, _)| k == PARAMS_PARAM).map(|(_, v)| v.as_bytes());
        let bytes = input.unreadable.iter().filter(|(k, _)| k == PARAMS_PARAM).map(|(_, v)| v.as_slice());
        texts.chain(bytes).map(count_json_keys).fold(0usize, usize::saturating_add) > self.max_params_keys
    }
}

/// The fields of urlencoded text: its non-empty pieces between `&`.
fn count(raw: &[u8]) -> usize {
    raw.split(|&b| b == b'&').filter(|f| !f.is_empty()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_keys_are_counted_against_the_limits() {
        assert_eq!(count(b"a=1&b=2&c=3"), 3);
        assert_eq!(count(b"a=1&&b=2&c=3&"), 3, "empty pieces are no fields");
        let limits = Limits { max_fields: 3, max_params_keys: 2 };
        let mut input = WireInput::default();
        input.form.push((PARAMS_PARAM.to_owned(), r#"{"a": {"b": 1}}"#.to_owned()));
        assert!(!limits.too_many_keys(&input));
        input.unreadable.push((PARAMS_PARAM.to_owned(), b"{\"c\xFF\": 1}".to_vec()));
        assert!(limits.too_many_keys(&input));
    }

    #[test]
    fn the_query_and_the_body_are_read_only_within_the_bounds() {
        let limits = Limits { max_fields: 3, max_params_keys: 1 };
        let mut input = WireInput::default();
        assert_eq!(limits.read_fields(&mut input, b"a=1&b=2", b"c=3"), Ok(()));
        assert_eq!(input.query.len() + input.form.len(), 3);
        let mut input = WireInput::default();
        input.read_text_part("part".to_owned(), b"1".to_vec());
        assert_eq!(limits.read_fields(&mut input, b"a=1&b=2", b"c=3"), Err(TooMuch));
        assert!(input.query.is_empty(), "nothing is split past a bound");
        let mut input = WireInput::default();
        assert_eq!(limits.read_fields(&mut input, b"", b"params=%7B%22a%22%3A1%2C%22b%22%3A2%7D"), Err(TooMuch));
    }
}
