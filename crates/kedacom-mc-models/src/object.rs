//! Serde for the generated structs, shared through one macro. Every struct keeps the fields the
//! document does not list in `extra`, so decoding then encoding a reply gives back the same JSON.
//!
//! The macro writes little per struct: a table of its fields and two `match`es from a field's
//! position to the field. The loops (keys, nulls, `extra`, shape checks, `Debug`) are written once
//! here, generic at most over the serde format, so that a crate of a hundred structs compiles them
//! once rather than once per struct.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::Extra;

/// Implements `Default`, `Serialize`, `Deserialize`, `Debug` and (with the `decode` feature)
/// `JsonShape` for a struct of `Option` fields plus `extra: `[`Extra`]. Absent fields are not
/// sent; a field sent as `null` is kept in `extra` so that it is sent back as `null`, unless it is
/// given a value since. A field marked `#[secret]` shows as `***` in `Debug` output and in reports.
#[doc(hidden)]
#[macro_export]
macro_rules! open_object {
    ($name:ident { $($(#[$marker:ident])? $field:ident : $ty:ty = $wire:literal),* $(,)? }) => {
        const _: () = {
            // A field's position in `FIELDS`, for the `match`es that reach the field itself.
            #[allow(non_camel_case_types)]
            #[derive(Clone, Copy)]
            enum __F { $($field,)* }
            const __ORDER: &[__F] = &[$(__F::$field,)*];

            impl $crate::object::OpenObject for $name {
                const NAME: &'static str = stringify!($name);
                const FIELDS: &'static [$crate::object::Field] = &[$($crate::object::Field {
                    wire: $wire,
                    secret: $crate::open_object!(@secret $($marker)?),
                },)*];

                fn index(key: &str) -> Option<usize> {
                    match key {
                        $($wire => Some(__F::$field as usize),)*
                        _ => None,
                    }
                }

                fn extra_mut(&mut self) -> &mut $crate::Extra {
                    &mut self.extra
                }

                #[inline(always)]
                fn put<'de, A: ::serde::de::MapAccess<'de>>(&mut self, i: usize, map: &mut A) -> Result<bool, A::Error> {
                    match __ORDER[i] {
                        $(__F::$field => $crate::object::put(&mut self.$field, map),)*
                    }
                }

                #[inline(always)]
                fn get<M: ::serde::ser::SerializeMap>(&self, i: usize, map: &mut M) -> Result<(), M::Error> {
                    match __ORDER[i] {
                        $(__F::$field => $crate::object::get(&self.$field, map),)*
                    }
                }
            }

            // Every field `None`: written out, it is a few stores, where the derive calls
            // `Default::default` once per field.
            impl ::std::default::Default for $name {
                fn default() -> Self {
                    $name { $($field: None,)* extra: $crate::Extra::new() }
                }
            }

            impl ::serde::Serialize for $name {
                fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    $crate::object::serialize(self, &[$(self.$field.is_some(),)*], &self.extra, s)
                }
            }

            impl<'de> ::serde::Deserialize<'de> for $name {
                fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    $crate::object::deserialize(d)
                }
            }

            impl ::std::fmt::Debug for $name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    $crate::object::debug(f, stringify!($name), &[$(
                        (stringify!($field), $crate::open_object!(@debug self.$field $(, $marker)?)),
                    )*], &self.extra)
                }
            }

            $crate::__with_decode! {
                impl $crate::validate::JsonShape for $name {
                    fn check_json(v: &mut ::serde_json::Value, at: &$crate::validate::Path<'_>, out: &mut Vec<$crate::validate::Violation>) -> bool {
                        const CHECKS: &[$crate::json::Check] = &[$($crate::open_object!(@check $ty $(, $marker)?),)*];
                        $crate::json::check_object(v, at, out, <Self as $crate::object::OpenObject>::FIELDS, CHECKS, <Self as $crate::object::OpenObject>::index)
                    }
                }
            }
        };
    };

    (@secret) => { false };
    (@secret secret) => { true };

    (@debug $value:expr) => { &$value };
    (@debug $value:expr, secret) => { &$crate::secret::Masked(&$value) };

    (@check $ty:ty) => { <$ty as $crate::validate::JsonShape>::check_json };
    (@check $ty:ty, secret) => { $crate::secret::check_json::<$ty> };
}

/// One field of a generated struct, in the order the struct declares them.
#[doc(hidden)]
pub struct Field {
    pub wire: &'static str,
    /// Its value is never shown, not even in a decoding error.
    pub secret: bool,
}

/// What `open_object!` gives the shared code: the field table and the way to each field by its
/// position in it.
#[doc(hidden)]
pub trait OpenObject: Default {
    const NAME: &'static str;
    const FIELDS: &'static [Field];

    /// The position of the field sent under `key`. A `match` on the names: faster than a search of
    /// `FIELDS`, which matters for every key of every reply.
    fn index(key: &str) -> Option<usize>;

    fn extra_mut(&mut self) -> &mut Extra;

    /// Decodes the value of field `i`; true when it came as `null`.
    fn put<'de, A: MapAccess<'de>>(&mut self, i: usize, map: &mut A) -> Result<bool, A::Error>;

    /// Encodes the value of field `i`, which is present, after its key.
    fn get<M: SerializeMap>(&self, i: usize, map: &mut M) -> Result<(), M::Error>;
}

/// `put` of one field. Inlined, as the struct's `put` is into the shared loop, so that decoding a
/// field costs what the straight-line code of a derive would.
#[doc(hidden)]
#[inline(always)]
pub fn put<'de, T: Deserialize<'de>, A: MapAccess<'de>>(slot: &mut Option<T>, map: &mut A) -> Result<bool, A::Error> {
    let v = map.next_value::<Option<T>>()?;
    let null = v.is_none();
    *slot = v;
    Ok(null)
}

/// `get` of one field (inlined, as `put`).
#[doc(hidden)]
#[inline(always)]
pub fn get<T: Serialize, M: SerializeMap>(slot: &Option<T>, map: &mut M) -> Result<(), M::Error> {
    match slot {
        Some(v) => map.serialize_value(v),
        // Not reached: only present fields are asked for, after their key.
        None => map.serialize_value(&()),
    }
}

/// Every present field with its value set last, then what `extra` keeps: a null remembered in
/// `extra` for a field that has a value since is not sent, so every key goes out once.
#[doc(hidden)]
pub fn serialize<T: OpenObject, S: Serializer>(
    obj: &T,
    present: &[bool],
    extra: &Extra,
    s: S,
) -> Result<S::Ok, S::Error> {
    let fields = T::FIELDS;
    let (len, kept) = entries(fields, present, extra);
    let mut m = s.serialize_map(Some(len))?;
    let mut i = 0;
    while i < fields.len() {
        if present[i] {
            m.serialize_key(fields[i].wire)?;
            obj.get(i, &mut m)?;
        }
        i += 1;
    }
    if kept {
        serialize_extra(&mut m, fields, present, extra)?;
    }
    m.end()
}

/// How many entries an object has, and whether any of them is from `extra`. Apart from the generic
/// code, as is all that does not depend on the format.
fn entries(fields: &[Field], present: &[bool], extra: &Extra) -> (usize, bool) {
    let kept = if extra.is_empty() { 0 } else { extra.keys().filter(|k| !shadowed(fields, present, k)).count() };
    (present.iter().filter(|p| **p).count() + kept, kept != 0)
}

fn serialize_extra<M: SerializeMap>(
    m: &mut M,
    fields: &[Field],
    present: &[bool],
    extra: &Extra,
) -> Result<(), M::Error> {
    for (k, v) in extra {
        if !shadowed(fields, present, k) {
            m.serialize_entry(k, v)?;
        }
    }
    Ok(())
}

/// A key of `extra` (a null remembered) that a field with a value since replaces.
fn shadowed(fields: &[Field], present: &[bool], key: &str) -> bool {
    fields.iter().zip(present).any(|(f, p)| *p && f.wire == key)
}

#[doc(hidden)]
pub fn deserialize<'de, T: OpenObject, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    struct ObjectVisitor<T>(std::marker::PhantomData<T>);

    impl<'de, T: OpenObject> Visitor<'de> for ObjectVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} object", T::NAME)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut out = T::default();
            visit_fields(&mut map, &mut out)?;
            Ok(out)
        }
    }

    d.deserialize_map(ObjectVisitor(std::marker::PhantomData))
}

/// Reads every entry of an object: documented fields through `put`, the rest into `extra`. A
/// documented field that came as null is kept in `extra` too (so that it is sent back), until a
/// later value of the same key replaces it.
fn visit_fields<'de, T: OpenObject, A: MapAccess<'de>>(map: &mut A, out: &mut T) -> Result<(), A::Error> {
    let fields = T::FIELDS;
    // Whether a documented field came as null: only then can a later value of the same key have a
    // null in `extra` to replace.
    let mut nulls = false;
    while let Some(key) = map.next_key_seed(KeySeed(T::index))? {
        match key {
            Key::Field(i) => {
                let f = &fields[i];
                match out.put(i, map) {
                    Ok(false) => {
                        if nulls {
                            out.extra_mut().remove(f.wire);
                        }
                    }
                    Ok(true) => {
                        nulls = true;
                        out.extra_mut().insert(f.wire.to_owned(), Value::Null);
                    }
                    Err(e) => return Err(field_error(f, e)),
                }
            }
            Key::Other(k) => {
                let v = map.next_value::<Value>()?;
                out.extra_mut().insert(k, v);
            }
        }
    }
    Ok(())
}

/// The error of a field's value, naming the field. serde's message would quote the offending value,
/// so a secret's field is named alone.
#[cold]
fn field_error<E: de::Error>(f: &Field, e: E) -> E {
    if f.secret {
        E::custom(format_args!("`{}`: not a valid value (a secret, not shown)", f.wire))
    } else {
        E::custom(format_args!("`{}`: {}", f.wire, e))
    }
}

enum Key {
    Field(usize),
    Other(String),
}

/// Reads a key: the position of the documented field it names, or the key itself.
struct KeySeed(fn(&str) -> Option<usize>);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, k: &str) -> Result<Key, E> {
        Ok(match (self.0)(k) {
            Some(i) => Key::Field(i),
            None => Key::Other(k.to_owned()),
        })
    }
}

#[doc(hidden)]
pub fn debug(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    fields: &[(&'static str, &dyn fmt::Debug)],
    extra: &Extra,
) -> fmt::Result {
    let mut d = f.debug_struct(name);
    for (field, value) in fields {
        d.field(crate::secret::field_name(field), value);
    }
    d.field("extra", extra).finish()
}
