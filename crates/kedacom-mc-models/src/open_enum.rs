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
                    $name::Unknown(u) => ::serde::Serialize::serialize(u.as_json(), s),
                    _ => s.$ser(self.$as().unwrap_or_default()),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Ok(match $crate::open_enum::decode(d, $crate::open_enum::Known::$wire(&[$($value),*]))? {
                    Ok(i) => $name::KNOWN[i].clone(),
                    Err(u) => $name::Unknown(u),
                })
            }
        }

        $crate::__with_decode! {
            impl $crate::validate::JsonShape for $name {
                fn check_json(v: &mut ::serde_json::Value, at: &$crate::validate::Path<'_>, out: &mut Vec<$crate::validate::Violation>) -> bool {
                    v.$is() || $crate::__private::checks::wrong(at, v, $expected, out)
                }
            }
        }

        impl $crate::open_enum::WireValue for $name {
            fn wire_json(&self) -> ::serde_json::Value {
                match self {
                    $name::Unknown(u) => u.as_json().clone(),
                    _ => ::serde_json::Value::from(self.$as()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    $name::Unknown(u) => $crate::open_enum::display(f, u.as_json(), None),
                    _ => $crate::open_enum::display(f, &self.$as().unwrap_or_default(), self.label()),
                }
            }
        }
    };
}

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde_json::Value;

use crate::UnknownValue;

/// The wire values of an enum's documented variants, in the order of its `KNOWN`.
#[doc(hidden)]
pub enum Known {
    Int(&'static [i64]),
    Str(&'static [&'static str]),
}

/// A value as the wire has it, for reports; object-safe, so that reporting code is written once
/// for every enum.
#[doc(hidden)]
pub trait WireValue {
    fn wire_json(&self) -> Value;
}

/// `Display` of an enum value: the wire value and the document's label, or `(undocumented)`.
#[doc(hidden)]
pub fn display(f: &mut fmt::Formatter<'_>, wire: &dyn fmt::Display, label: Option<&str>) -> fmt::Result {
    match label {
        Some(label) => write!(f, "{wire} ({label})"),
        None => write!(f, "{wire} (undocumented)"),
    }
}

/// Decodes one enum value: the position in `known` of a documented value; anything else is kept
/// whole for `Unknown`. Not generic over the enum: one copy per serde format serves them all.
#[doc(hidden)]
pub fn decode<'de, D>(d: D, known: Known) -> Result<Result<usize, UnknownValue>, D::Error>
where
    D: Deserializer<'de>,
{
    struct V(Known);

    fn unknown(v: Value) -> Result<usize, UnknownValue> {
        Err(UnknownValue::new(v))
    }

    impl<'de> Visitor<'de> for V {
        type Value = Result<usize, UnknownValue>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an enumeration value")
        }

        fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
            let found = match self.0 {
                Known::Int(values) => values.iter().position(|v| *v == n),
                Known::Str(_) => None,
            };
            Ok(match found {
                Some(i) => Ok(i),
                None => unknown(Value::from(n)),
            })
        }

        fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
            match i64::try_from(n) {
                Ok(n) => self.visit_i64(n),
                Err(_) => Ok(unknown(Value::from(n))),
            }
        }

        fn visit_f64<E: de::Error>(self, n: f64) -> Result<Self::Value, E> {
            Ok(unknown(Value::from(n)))
        }

        fn visit_bool<E: de::Error>(self, b: bool) -> Result<Self::Value, E> {
            Ok(unknown(Value::Bool(b)))
        }

        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            let found = match self.0 {
                Known::Str(values) => values.iter().position(|v| *v == s),
                Known::Int(_) => None,
            };
            Ok(match found {
                Some(i) => Ok(i),
                None => unknown(Value::from(s)),
            })
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(unknown(Value::Null))
        }

        fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            let v = serde::Deserialize::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
            Ok(unknown(v))
        }

        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            let v = serde::Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
            Ok(unknown(v))
        }
    }
    d.deserialize_any(V(known))
}
