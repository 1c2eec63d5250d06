//! The mock's own limit on what it stores: how many items a list in a body may hold. The document
//! sets none; the mock sets one because a stored body is read again by every later call that shows
//! it, so one conference created with 100,000 `video_formats` would slow every list after it.

use std::fmt::{self, Write};

use kedacom_mc_models::validate::{Rule, Violation};
use kedacom_mc_models::AnyRequest;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The most items a list in a request body (a conference's, a booking's, a template's, a
/// virtual meeting room's) may hold; a longer one is refused as a parameter error (52004).
pub const MAX_LIST_ITEMS: usize = 1_000;

/// Every list in the request's body longer than [`MAX_LIST_ITEMS`], by its JSON path.
pub(crate) fn violations(request: &AnyRequest) -> Vec<Violation> {
    request.params_json().map(|text| long_lists(&text)).unwrap_or_default()
}

/// The lists of a JSON text longer than the limit. Read as it streams past, without building
/// the document: a body of 100,000 items is refused without holding it twice. A list that long
/// is not looked into.
fn long_lists(text: &str) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut path = String::new();
    let mut reader = serde_json::Deserializer::from_str(text);
    // The text is the models' own encoding of a typed body: it always reads.
    let _ = Walk { out: &mut out, path: &mut path }.deserialize(&mut reader);
    out
}

/// One value of the document, at `path`.
struct Walk<'a> {
    out: &'a mut Vec<Violation>,
    path: &'a mut String,
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, reader: D) -> Result<(), D::Error> {
        reader.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<(), A::Error> {
        let (at, found_before) = (self.path.len(), self.out.len());
        let mut n = 0;
        while n < MAX_LIST_ITEMS {
            let _ = write!(self.path, "[{n}]");
            let item = items.next_element_seed(Walk { out: &mut *self.out, path: &mut *self.path })?;
            self.path.truncate(at);
            if item.is_none() {
                return Ok(());
            }
            n += 1;
        }
        while items.next_element::<IgnoredAny>()?.is_some() {
            n += 1;
        }
        if n > MAX_LIST_ITEMS {
            self.out.truncate(found_before);
            self.out.push(Violation {
                path: self.path.clone(),
                rule: Rule::MaxItems(MAX_LIST_ITEMS as u64),
                value: Some(format!("{n} items")),
            });
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut fields: A) -> Result<(), A::Error> {
        let at = self.path.len();
        while let Some(key) = fields.next_key::<String>()? {
            if at > 0 {
                self.path.push('.');
            }
            self.path.push_str(&key);
            fields.next_value_seed(Walk { out: &mut *self.out, path: &mut *self.path })?;
            self.path.truncate(at);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use kedacom_mc_models::{CreateConfRequest, Invitee};

    use super::*;
    use crate::samples;

    #[test]
    fn a_list_past_the_limit_is_named_by_its_path_at_any_depth() {
        let formats = samples::video_formats().into_iter().cycle();
        let invitee = Invitee::new().name("甲").account("1001");
        let params = samples::create_conf_params("大会", 60)
            .video_formats(formats.take(MAX_LIST_ITEMS + 1).collect::<Vec<_>>())
            .invite_members(vec![invitee; MAX_LIST_ITEMS]);
        let found = violations(&AnyRequest::CreateConf(CreateConfRequest::new(params)));
        let shown: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["video_formats: more than 1000 items (got 1001 items)"]);
        assert!(violations(&AnyRequest::CreateConf(CreateConfRequest::new(samples::create_conf_params("小会", 60))))
            .is_empty());
    }

    #[test]
    fn lists_are_found_nested_and_not_looked_into_once_too_long() {
        let items = |n: usize, item: &str| format!("[{}]", vec![item; n].join(","));
        let long_inside_long = items(MAX_LIST_ITEMS + 5, &items(MAX_LIST_ITEMS + 1, "0"));
        let text = format!(
            r#"{{"a":{{"b":[{{"c":{}}}]}},"d":{},"e":{}}}"#,
            items(MAX_LIST_ITEMS + 1, "{}"),
            items(MAX_LIST_ITEMS, "1"),
            long_inside_long
        );
        let shown: Vec<String> = long_lists(&text).iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            ["a.b[0].c: more than 1000 items (got 1001 items)", "e: more than 1000 items (got 1005 items)"]
        );
    }
}
