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

impl Limits {
    /// Whether urlencoded text (a query string or a form body) would take the request's fields
    /// past the limit, with `before` fields already read.
    pub(crate) fn too_many_fields(&self, before: usize, raw: &[u8]) -> bool {
        let fields = raw.split(|&b| b == b'&').filter(|f| !f.is_empty()).count();
        before.saturating_add(fields) > self.max_fields
    }

    /// Whether the `params` JSON holds more keys than allowed (every `params` field counts, read
    /// as text or not).
    pub(crate) fn too_many_keys(&self, input: &WireInput) -> bool {
        let texts = input.query.iter().chain(&input.form).filter(|(k, _)| k == PARAMS_PARAM).map(|(_, v)| v.as_bytes());
        let bytes = input.unreadable.iter().filter(|(k, _)| k == PARAMS_PARAM).map(|(_, v)| v.as_slice());
        texts.chain(bytes).map(count_json_keys).fold(0usize, usize::saturating_add) > self.max_params_keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_keys_are_counted_against_the_limits() {
        let limits = Limits { max_fields: 3, max_params_keys: 2 };
        assert!(!limits.too_many_fields(0, b"a=1&b=2&c=3"));
        assert!(!limits.too_many_fields(0, b"a=1&&b=2&c=3&"), "empty pieces are no fields");
        assert!(limits.too_many_fields(1, b"a=1&b=2&c=3"));
        let mut input = WireInput::default();
        input.form.push((PARAMS_PARAM.to_owned(), r#"{"a": {"b": 1}}"#.to_owned()));
        assert!(!limits.too_many_keys(&input));
        input.unreadable.push((PARAMS_PARAM.to_owned(), b"{\"c\xFF\": 1}".to_vec()));
        assert!(limits.too_many_keys(&input));
    }
}
