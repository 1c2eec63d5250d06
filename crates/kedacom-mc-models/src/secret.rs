//! Secrets (passwords, keys, session tokens) in `Debug` output and reports: their value is never
//! shown, their presence is. Debug output ends up in logs, and a log is no place for a password.

use std::fmt;

/// What a report or `Debug` shows instead of a secret.
pub(crate) const MASK: &str = "***";

/// `Debug` of a secret that is always there: `***`.
pub struct Hidden;

impl fmt::Debug for Hidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

/// `Debug` of an optional secret: `None`, or `Some(***)`.
pub struct Masked<'a, T>(pub &'a Option<T>);

impl<T> fmt::Debug for Masked<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(_) => f.debug_tuple("Some").field(&Hidden).finish(),
            None => f.write_str("None"),
        }
    }
}

/// The name `derive(Debug)` would show for a field (`type` for `r#type`).
pub fn field_name(ident: &'static str) -> &'static str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// [`JsonShape::check_json`](crate::JsonShape::check_json) of a secret field: the violations it
/// finds keep their path and rule, but not the value.
#[cfg(feature = "decode")]
pub fn check_json<T: crate::JsonShape>(
    v: &mut serde_json::Value,
    at: &crate::validate::Path<'_>,
    out: &mut Vec<crate::Violation>,
) -> bool {
    let from = out.len();
    let keep = T::check_json(v, at, out);
    for found in &mut out[from..] {
        if found.value.is_some() {
            found.value = Some(MASK.to_owned());
        }
    }
    keep
}
