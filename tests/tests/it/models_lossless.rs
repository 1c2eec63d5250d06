//! Get, edit, send: a record decoded from the platform and sent back (updates replace the whole
//! record) carries every key it came with, once, with the caller's edits. Duplicate keys are checked
//! on the serialized text, since `serde_json::Value` would silently keep one of them.

use std::fmt;
use std::path::Path;

use kedacom_mc_codegen::spec::json::parse as strict_json;
use kedacom_mc_codegen::spec::load_dir;
use kedacom_mc_models::*;
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{json, Value};

/// The JSON a value serializes to, checked for duplicate keys and for map and sequence length hints
/// that match what follows.
fn sent<T: Serialize>(t: &T) -> Value {
    t.serialize(Hints).unwrap_or_else(|e| panic!("{e}"));
    let text = serde_json::to_string(t).unwrap();
    strict_json(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[derive(Debug)]
struct HintError(String);

impl fmt::Display for HintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for HintError {}

impl ser::Error for HintError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        HintError(msg.to_string())
    }
}

/// A serializer that only checks that each map and sequence has as many entries as its hint says.
struct Hints;

/// Entries seen in one map or sequence, against its hint.
struct Count {
    hint: Option<usize>,
    seen: usize,
}

impl Count {
    fn end(self) -> Result<(), HintError> {
        match self.hint {
            Some(n) if n == self.seen => Ok(()),
            hint => Err(HintError(format!("length hint {hint:?}, but {} entries", self.seen))),
        }
    }
}

macro_rules! scalars {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, _: $ty) -> Result<(), HintError> {
            Ok(())
        }
    )*};
}

impl Serializer for Hints {
    type Ok = ();
    type Error = HintError;
    type SerializeSeq = Count;
    type SerializeTuple = Impossible<(), HintError>;
    type SerializeTupleStruct = Impossible<(), HintError>;
    type SerializeTupleVariant = Impossible<(), HintError>;
    type SerializeMap = Count;
    type SerializeStruct = Impossible<(), HintError>;
    type SerializeStructVariant = Impossible<(), HintError>;

    scalars!(
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_f32: f32,
        serialize_f64: f64, serialize_char: char, serialize_str: &str, serialize_bytes: &[u8],
        serialize_unit_struct: &'static str
    );

    fn serialize_none(self) -> Result<(), HintError> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), HintError> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), HintError> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), HintError> {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<(), HintError> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        v: &T,
    ) -> Result<(), HintError> {
        v.serialize(self)
    }
    fn serialize_seq(self, hint: Option<usize>) -> Result<Count, HintError> {
        Ok(Count { hint, seen: 0 })
    }
    fn serialize_map(self, hint: Option<usize>) -> Result<Count, HintError> {
        Ok(Count { hint, seen: 0 })
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, HintError> {
        Err(HintError("tuple".into()))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, HintError> {
        Err(HintError("tuple struct".into()))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, HintError> {
        Err(HintError("tuple variant".into()))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, HintError> {
        Err(HintError("struct".into()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, HintError> {
        Err(HintError("struct variant".into()))
    }
}

impl SerializeSeq for Count {
    type Ok = ();
    type Error = HintError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), HintError> {
        self.seen += 1;
        v.serialize(Hints)
    }
    fn end(self) -> Result<(), HintError> {
        Count::end(self)
    }
}

impl SerializeMap for Count {
    type Ok = ();
    type Error = HintError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), HintError> {
        self.seen += 1;
        k.serialize(Hints)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), HintError> {
        v.serialize(Hints)
    }
    fn end(self) -> Result<(), HintError> {
        Count::end(self)
    }
}

#[test]
fn the_checks_catch_duplicate_keys_and_wrong_hints() {
    assert!(strict_json(r#"{"a": 1, "b": [{"c": 1, "c": 1}]}"#).is_err());
    assert!(strict_json(r#"{"a": 1, "b": [{"c": 1}, {"c": 1}]}"#).is_ok());
    struct Lies;
    impl Serialize for Lies {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(Some(2))?;
            m.serialize_entry("a", &1)?;
            m.end()
        }
    }
    assert!(Lies.serialize(Hints).is_err());
    assert!(vec![Lies].serialize(Hints).is_err(), "nested maps are checked too");
}

fn decode<T: DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn a_field_that_came_as_null_and_is_given_a_value_is_sent_once() {
    let mut reply: GetMeetingReply =
        decode(r#"{"success": 1, "name": null, "x_new": null, "creator": {"name": null}}"#);
    reply.name = Some("周会".into());
    reply.creator.as_mut().unwrap().name = Some("mxm".into());
    assert_eq!(sent(&reply), json!({"success": 1, "name": "周会", "x_new": null, "creator": {"name": "mxm"}}));

    // The setters of a request body, likewise.
    let params: BookedConfParams = decode(r#"{"name": null, "password": null}"#);
    assert_eq!(sent(&params.name("周会").password("abc")), json!({"name": "周会", "password": "abc"}));

    // Left alone, the null goes back as it came.
    let reply: GetMeetingReply = decode(r#"{"name": null}"#);
    assert_eq!(sent(&reply), json!({"name": null}));
}

#[test]
fn a_key_that_comes_twice_is_sent_once_with_its_last_value() {
    for (text, last) in [
        (r#"{"name": "a", "name": null}"#, json!({"name": null})),
        (r#"{"name": null, "name": "a"}"#, json!({"name": "a"})),
        (r#"{"name": "a", "name": "b"}"#, json!({"name": "b"})),
        (r#"{"name": null, "name": null}"#, json!({"name": null})),
        (r#"{"name": null, "name": "a", "name": null}"#, json!({"name": null})),
        (r#"{"name": "a", "name": null, "name": "b"}"#, json!({"name": "b"})),
        (r#"{"x_new": 1, "x_new": null}"#, json!({"x_new": null})),
        (r#"{"creator": {"name": "a"}, "creator": null}"#, json!({"creator": null})),
        (r#"{"creator": null, "creator": {"name": null, "name": "b"}}"#, json!({"creator": {"name": "b"}})),
        (
            r#"{"members": [{"name": "a", "name": null}, {"account": null, "account": "b"}]}"#,
            json!({"members": [{"name": null}, {"account": "b"}]}),
        ),
    ] {
        let reply: GetMeetingReply = decode(text);
        assert_eq!(sent(&reply), last, "{text}");
        // …and the decoded value is the one the last occurrence alone gives, with no stale null kept.
        assert_eq!(reply, serde_json::from_value::<GetMeetingReply>(last.clone()).unwrap(), "{text}");
    }
}

#[test]
fn get_edit_send_gives_back_the_record_with_the_edits() {
    let api = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).unwrap_or_else(|d| panic!("{d}"));
    let update = api.endpoints.iter().find(|e| e.operation == "update_booked_conf").unwrap();
    assert_eq!(update.params.as_deref(), Some("BookedConfParams"));
    let mut record = update.params_example.clone().unwrap();
    // What a platform may add to the document's record: undocumented fields and explicit nulls, at
    // the top, in nested objects and in array items.
    record["password"] = Value::Null;
    record["x_layout"] = json!({"cells": [1, null, {"k": "v"}]});
    record["x_nothing"] = Value::Null;
    record["vmp"]["mt_name_style"]["font_color"] = Value::Null;
    record["vmp"]["x_vmp"] = json!("kept");
    record["invite_members"][0]["x_vip"] = json!(true);
    record["invite_members"][1]["protocol"] = Value::Null;
    record["video_formats"][2]["x_hdr"] = Value::Null;
    let text = serde_json::to_string_pretty(&record).unwrap();

    let mut params: BookedConfParams = decode(&text);
    assert_eq!(sent(&params), record, "nothing is lost or added when nothing is edited");

    // The edits: a field that came as null, a documented field in an array item, a top-level field.
    params.password = Some("abc_123".into());
    params.invite_members.as_mut().unwrap()[1].bitrate = Some(512);
    params.invite_members.as_mut().unwrap()[1].protocol = Some(CallProtocol::Sip);
    params.duration = Some(90);
    let mut expected = record.clone();
    expected["password"] = json!("abc_123");
    expected["invite_members"][1]["bitrate"] = json!(512);
    expected["invite_members"][1]["protocol"] = serde_json::to_value(CallProtocol::Sip).unwrap();
    expected["duration"] = json!(90);
    assert_ne!(expected, record);
    let request = UpdateBookedConfRequest::new("1234567", params);
    assert_eq!(sent(&request.params), expected);
    let json: Value = serde_json::from_str(&request.params_json().unwrap()).unwrap();
    assert_eq!(json, expected);
}

/// A key of `GetMeetingReply` (documented or not) and a JSON value for it.
fn entry() -> impl Strategy<Value = (String, String)> {
    let key = prop::sample::select(vec!["name", "conf_id", "meeting_id", "x_a", "x_b"]);
    let value = prop_oneof![Just("null".to_owned()), "[a-z]{0,3}".prop_map(|s| format!("\"{s}\""))];
    (key, value).prop_map(|(k, v)| (k.to_owned(), v))
}

proptest! {
    #[test]
    fn any_mix_of_repeated_keys_and_nulls_is_sent_once_each_with_the_last_value(
        entries in prop::collection::vec(entry(), 0..12),
        edit in prop::option::of("[a-z]{1,3}"),
    ) {
        let body: Vec<String> = entries.iter().map(|(k, v)| format!("\"{k}\": {v}")).collect();
        let text = format!("{{{}}}", body.join(", "));
        // serde_json's own reading keeps the last value of each key.
        let mut last: Value = serde_json::from_str(&text).unwrap();
        let mut reply: GetMeetingReply = decode(&text);
        prop_assert_eq!(&reply, &serde_json::from_value::<GetMeetingReply>(last.clone()).unwrap());
        if let Some(name) = edit {
            last["name"] = json!(name);
            reply.name = Some(name);
        }
        prop_assert_eq!(sent(&reply), last);
    }
}
