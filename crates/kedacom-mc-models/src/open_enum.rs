//! Serde for the generated enums, shared through one macro so that each enum costs a few lines of
//! generated code and no derive expansion.

/// Implements wire conversion, serde and labels for an enum whose last variant is
/// `Unknown(UnknownValue)`. `int` enums travel as JSON integers, `str` enums as JSON strings. Any
/// other JSON a reply carries becomes `Unknown` rather than an error.
#[doc(hidden)]
#[macro_export]
macro_rules! open_enum {
    (int $name:ident { $($body:tt)* }) => {
        $crate::open_enum!(@impl $name, i64, as_i64, serialize_i64, Int, is_i64, "an integer", $($body)*);
    };
    (str $name:ident { $($body:tt)* }) => {
        $crate::open_enum!(@impl $name, &str, as_str, serialize_str, Str, is_string, "a string", $($body)*);
    };
    (@impl $name:ident, $wire_ty:ty, $as:ident, $ser:ident, $wire:ident, $is:ident, $expected:literal,
     $($value:literal => $variant:ident : $label:literal),* $(,)?) => {
        impl $name {
            /// Every documented variant, in document order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),*];

            /// The variant for a wire value; undocumented values become `Unknown`.
            pub fn from_wire(value: $wire_ty) -> Self {
                match value {
                    $($value => $name::$variant,)*
                    other => $name::Unknown($crate::UnknownValue::new(::serde_json::Value::from(other))),
                }
            }

            /// The wire value (`None` only for an `Unknown` of another JSON type).
            pub fn $as(&self) -> Option<$wire_ty> {
                match self {
                    $($name::$variant => Some($value),)*
                    $name::Unknown(u) => u.as_json().$as(),
                }
            }

            /// The document's label for this value.
            pub fn label(&self) -> Option<&'static str> {
                match self {
                    $($name::$variant => Some($label),)*
                    $name::Unknown(_) => None,
                }
            }

            /// True for values the document does not list.
            pub fn is_unknown(&self) -> bool {
                matches!(self, $name::Unknown(_))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $($name::$variant => s.$ser($value),)*
                    $name::Unknown(u) => ::serde::Serialize::serialize(u.as_json(), s),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::open_enum::decode(d, |v| match v {
                    $crate::open_enum::Wire::$wire(v) => Some($name::from_wire(v)),
                    _ => None,
                }, |u| $name::Unknown(u))
            }
        }

        impl $crate::validate::JsonShape for $name {
            fn check_json(v: &mut ::serde_json::Value, at: &$crate::validate::Path<'_>, out: &mut Vec<$crate::validate::Violation>) -> bool {
                v.$is() || $crate::__private::checks::wrong(at, v, $expected, out)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    $($name::$variant => write!(f, "{} ({})", $value, $label),)*
                    $name::Unknown(u) => write!(f, "{u} (undocumented)"),
                }
            }
        }
    };
}

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde_json::Value;

use crate::UnknownValue;

/// A scalar as decoded, before the enum decides what it is.
#[doc(hidden)]
pub enum Wire<'a> {
    Int(i64),
    Str(&'a str),
}

/// Decodes one enum value: `known` maps an integer or string to a variant (or declines), anything
/// else is kept whole in `Unknown`.
#[doc(hidden)]
pub fn decode<'de, D, T>(
    d: D,
    known: impl Fn(Wire<'_>) -> Option<T>,
    unknown: fn(UnknownValue) -> T,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct V<F, T> {
        known: F,
        unknown: fn(UnknownValue) -> T,
    }
    impl<'de, F: Fn(Wire<'_>) -> Option<T>, T> Visitor<'de> for V<F, T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an enumeration value")
        }

        fn visit_i64<E: de::Error>(self, n: i64) -> Result<T, E> {
            Ok((self.known)(Wire::Int(n)).unwrap_or_else(|| (self.unknown)(UnknownValue::new(Value::from(n)))))
        }

        fn visit_u64<E: de::Error>(self, n: u64) -> Result<T, E> {
            match i64::try_from(n) {
                Ok(n) => self.visit_i64(n),
                Err(_) => Ok((self.unknown)(UnknownValue::new(Value::from(n)))),
            }
        }

        fn visit_f64<E: de::Error>(self, n: f64) -> Result<T, E> {
            Ok((self.unknown)(UnknownValue::new(Value::from(n))))
        }

        fn visit_bool<E: de::Error>(self, b: bool) -> Result<T, E> {
            Ok((self.unknown)(UnknownValue::new(Value::Bool(b))))
        }

        fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
            Ok((self.known)(Wire::Str(s)).unwrap_or_else(|| (self.unknown)(UnknownValue::new(Value::from(s)))))
        }

        fn visit_unit<E: de::Error>(self) -> Result<T, E> {
            Ok((self.unknown)(UnknownValue::new(Value::Null)))
        }

        fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
            let v = serde::Deserialize::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
            Ok((self.unknown)(UnknownValue::new(v)))
        }

        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            let v = serde::Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
            Ok((self.unknown)(UnknownValue::new(v)))
        }
    }
    d.deserialize_any(V { known, unknown })
}
