//! The sealed carrier of values the document does not list.

use std::fmt;

use serde_json::Value;

/// A wire value that no documented variant names, kept exactly as received so it serializes back
/// unchanged.
///
/// It has no public constructor: an `Unknown` can only come from decoding, so it can never hold a
/// value that a known variant names (which would make two unequal values mean the same thing).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownValue(pub(crate) Box<Value>);

impl UnknownValue {
    // Boxed: undocumented values are rare, and a small enum keeps every reply struct small.
    pub(crate) fn new(v: Value) -> Self {
        UnknownValue(Box::new(v))
    }

    /// The value as received.
    pub fn as_json(&self) -> &Value {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
