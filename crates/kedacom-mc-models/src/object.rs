//! Serde for the generated structs, shared through one macro. Every struct keeps the fields the
//! document does not list in `extra`, so decoding then encoding a reply gives back the same JSON.

/// Implements `Serialize`, `Deserialize`, `Debug` and `JsonShape` for a struct of `Option` fields
/// plus `extra: serde_json::Map<String, serde_json::Value>`. Absent fields are not sent; a field sent
/// as `null` is kept in `extra` so that it is sent back as `null`, unless it is given a value since.
/// A field marked `#[secret]` shows as `***` in `Debug` output and in reports.
#[doc(hidden)]
#[macro_export]
macro_rules! open_object {
    ($name:ident { $($(#[$marker:ident])? $field:ident : $ty:ty = $wire:literal),* $(,)? }) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap;
                // A null remembered in `extra` for a field that has a value since is not sent: every
                // key goes out once, with the value set last.
                let shadowed = |k: &str| match k {
                    $($wire => self.$field.is_some(),)*
                    _ => false,
                };
                let kept = if self.extra.is_empty() { 0 } else { self.extra.keys().filter(|k| !shadowed(k)).count() };
                let len = 0 $(+ usize::from(self.$field.is_some()))* + kept;
                let mut m = s.serialize_map(Some(len))?;
                $(if let Some(v) = &self.$field {
                    m.serialize_entry($wire, v)?;
                })*
                if kept != 0 {
                    for (k, v) in &self.extra {
                        if !shadowed(k) {
                            m.serialize_entry(k, v)?;
                        }
                    }
                }
                m.end()
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(stringify!($name))
                    $(.field(
                        $crate::secret::field_name(stringify!($field)),
                        $crate::open_object!(@debug self.$field $(, $marker)?),
                    ))*
                    .field("extra", &self.extra)
                    .finish()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                #[allow(non_camel_case_types)]
                enum __Key {
                    $($field,)*
                    __Other(String),
                }
                impl<'de> ::serde::Deserialize<'de> for __Key {
                    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                        struct KeyVisitor;
                        impl ::serde::de::Visitor<'_> for KeyVisitor {
                            type Value = __Key;
                            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                                f.write_str("a field name")
                            }
                            fn visit_str<E: ::serde::de::Error>(self, k: &str) -> Result<__Key, E> {
                                Ok(match k {
                                    $($wire => __Key::$field,)*
                                    other => __Key::__Other(other.to_owned()),
                                })
                            }
                        }
                        d.deserialize_identifier(KeyVisitor)
                    }
                }

                struct ObjectVisitor;
                impl<'de> ::serde::de::Visitor<'de> for ObjectVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " object"))
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        let mut out = $name::default();
                        // Whether a documented field came as null: only then can a later value of
                        // the same key have a null in `extra` to replace.
                        let mut nulls = false;
                        while let Some(key) = map.next_key::<__Key>()? {
                            match key {
                                $(__Key::$field => {
                                    let v = map.next_value::<Option<$ty>>().map_err(|e| {
                                        $crate::open_object!(@error A, $wire, e $(, $marker)?)
                                    })?;
                                    match v {
                                        Some(v) => {
                                            if nulls {
                                                out.extra.remove($wire);
                                            }
                                            out.$field = Some(v);
                                        }
                                        None => {
                                            nulls = true;
                                            out.$field = None;
                                            out.extra.insert($wire.to_owned(), ::serde_json::Value::Null);
                                        }
                                    }
                                })*
                                __Key::__Other(k) => {
                                    let v = map.next_value::<::serde_json::Value>()?;
                                    out.extra.insert(k, v);
                                }
                            }
                        }
                        Ok(out)
                    }
                }
                d.deserialize_map(ObjectVisitor)
            }
        }

        impl $crate::validate::JsonShape for $name {
            fn check_json(v: &mut ::serde_json::Value, at: &$crate::validate::Path<'_>, out: &mut Vec<$crate::validate::Violation>) -> bool {
                let ::serde_json::Value::Object(map) = v else {
                    return $crate::__private::checks::wrong(at, v, "an object", out);
                };
                let mut dropped = Vec::new();
                for (k, val) in map.iter_mut() {
                    match k.as_str() {
                        $($wire => {
                            if !val.is_null() && !$crate::open_object!(@check $ty, val, &at.key($wire), out $(, $marker)?) {
                                dropped.push(k.clone());
                            }
                        })*
                        other => out.push($crate::validate::Violation {
                            path: at.with(other),
                            rule: $crate::validate::Rule::UnknownField,
                            value: Some(val.to_string()),
                        }),
                    }
                }
                for k in dropped {
                    map.remove(&k);
                }
                true
            }
        }
    };

    (@debug $value:expr) => { &$value };
    (@debug $value:expr, secret) => { &$crate::secret::Masked(&$value) };

    (@error $A:ident, $wire:literal, $e:expr) => {
        <$A::Error as ::serde::de::Error>::custom(format_args!("`{}`: {}", $wire, $e))
    };
    // serde's message would quote the offending value; only the field is named.
    (@error $A:ident, $wire:literal, $e:expr, secret) => {{
        let _ = $e;
        <$A::Error as ::serde::de::Error>::custom(format_args!("`{}`: not a valid value (a secret, not shown)", $wire))
    }};

    (@check $ty:ty, $v:expr, $at:expr, $out:expr) => {
        <$ty as $crate::validate::JsonShape>::check_json($v, $at, $out)
    };
    (@check $ty:ty, $v:expr, $at:expr, $out:expr, secret) => {
        $crate::secret::check_json::<$ty>($v, $at, $out)
    };
}
