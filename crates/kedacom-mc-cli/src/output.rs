//! Writing to standard output and standard error: every line through [`redact::clean`], and a
//! closed pipe (`kedacom-mc … | head`) is not an error worth a panic.

use std::io::Write;

use serde_json::Value;

use crate::redact;

/// Writes `text` and a newline to standard output, credentials masked.
pub(crate) fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", redact::clean(text));
    let _ = out.flush();
}

/// Writes `text` and a newline to standard error, credentials masked.
pub(crate) fn eprint(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", redact::clean(text));
}

/// Writes `text` to standard output as it is: only for what the user asked to see in full (the
/// mock platform's own test credentials).
pub(crate) fn print_unmasked(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
    let _ = out.flush();
}

/// Pretty JSON, with the session token masked wherever a reply carries one.
pub(crate) fn json(value: &Value) -> String {
    let mut value = value.clone();
    mask_tokens(&mut value);
    serde_json::to_string_pretty(&value).unwrap_or_else(|_| value.to_string())
}

fn mask_tokens(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if key == kedacom_mc_models::wire_names::TOKEN_PARAM && !v.is_null() {
                    *v = Value::from(redact::MASK);
                } else {
                    mask_tokens(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_tokens),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_in_a_reply_is_masked_at_any_depth() {
        let reply =
            serde_json::json!({"success": 1, "account_token": "abc", "x": [{"account_token": "def"}], "y": null});
        let text = json(&reply);
        assert!(!text.contains("abc") && !text.contains("def"), "{text}");
        assert!(text.contains("\"account_token\": \"***\""), "{text}");
    }
}
