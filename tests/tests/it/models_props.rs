//! Properties of the generated models: undocumented enum values and fields survive a round trip,
//! and no input, however broken, makes a reply type panic.

use kedacom_mc_models::*;
use proptest::prelude::*;
use serde_json::{json, Value};

/// Decodes `bytes` as every endpoint's reply and failure type and re-encodes what decodes; the
/// point is that nothing panics. The types come from the endpoint table, so a new endpoint is
/// covered without editing this file.
macro_rules! every_reply {
    ($(($op:ident, $request:ty, $reply:ty, $failure:ty, [$($params:ty)?])),* $(,)?) => {
        fn decode_every_reply(bytes: &[u8]) {
            $(
                if let Ok(v) = serde_json::from_slice::<$reply>(bytes) {
                    let _ = serde_json::to_vec(&v);
                }
                if let Ok(v) = serde_json::from_slice::<$failure>(bytes) {
                    let _ = serde_json::to_vec(&v);
                }
            )*
        }

        fn decode_every_reply_value(v: &Value) {
            $(
                if let Ok(t) = serde_json::from_value::<$reply>(v.clone()) {
                    let _ = serde_json::to_value(&t);
                }
                if let Ok(t) = serde_json::from_value::<$failure>(v.clone()) {
                    let _ = serde_json::to_value(&t);
                }
            )*
        }
    };
}

kedacom_mc_models::for_each_endpoint!(every_reply);

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Objects whose keys are those of the documented replies, with arbitrary values: the likeliest shape of a
/// broken reply.
fn reply_like() -> impl Strategy<Value = Value> {
    let keys = prop::sample::select(vec![
        "success",
        "error_code",
        "description",
        "name",
        "conf_id",
        "conf_type",
        "creator",
        "video_formats",
        "booked_confs",
        "total",
        "meetings",
        "account_type",
        "members",
        "vmp",
        "mix",
        "rooms",
        "resources",
        "platforms",
        "meeting_file",
        "state",
    ]);
    prop::collection::btree_map(keys, json_value(), 0..10)
        .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
}

proptest! {
    #[test]
    fn unknown_integer_enum_values_survive(n in any::<i64>().prop_filter("undocumented", |n| ![1, 4, 5, 6, 7, 8].contains(n))) {
        let t: AccountType = serde_json::from_value(json!(n)).unwrap();
        prop_assert!(t.is_unknown());
        prop_assert_eq!(serde_json::to_value(&t).unwrap(), json!(n));
        // A documented value never decodes to Unknown, so the two can't be confused.
        prop_assert_eq!(AccountType::from_wire(5), AccountType::E164);
    }

    #[test]
    fn unknown_string_enum_values_survive(s in "\\PC{0,16}".prop_filter("undocumented", |s| !["rtc", "sip", "h323"].contains(&s.as_str()))) {
        let t: TerminalProtocol = serde_json::from_value(json!(s)).unwrap();
        prop_assert!(t.is_unknown());
        prop_assert_eq!(serde_json::to_value(&t).unwrap(), json!(s));
    }

    #[test]
    fn unknown_fields_and_values_survive_a_reply_round_trip(
        extra in prop::collection::btree_map("x_[a-z]{1,10}", json_value(), 0..6),
        state in any::<i64>(),
        conf_type in any::<i64>(),
    ) {
        let mut reply = json!({
            "success": 1, "name": "周会", "conf_id": "123#456", "state": state, "conf_type": conf_type,
            "creator": {"name": "mxm", "account_type": 1, "x_new": [1, {"y": null}]},
            "video_formats": [{"format": 4, "resolution": 3, "frame": 30, "bitrate": 8128, "x_hdr": true}],
            "members": [{"name": "a", "account": "b", "account_type": 99}],
            "mute": null
        });
        reply.as_object_mut().unwrap().extend(extra);
        let typed: GetMeetingReply = serde_json::from_value(reply.clone()).unwrap();
        prop_assert_eq!(serde_json::to_value(&typed).unwrap(), reply);
    }

    #[test]
    fn replies_never_panic_on_arbitrary_json(v in json_value()) {
        decode_every_reply_value(&v);
    }

    #[test]
    fn replies_never_panic_on_reply_shaped_json(v in reply_like()) {
        decode_every_reply_value(&v);
        decode_every_reply(v.to_string().as_bytes());
    }

    #[test]
    fn replies_never_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        decode_every_reply(&bytes);
    }

    #[test]
    fn request_json_never_panics(v in reply_like()) {
        let _ = from_json::<CreateConfParams>(&v.to_string());
        let _ = from_json::<BookedConfParams>(&v.to_string());
    }
}

#[test]
fn unknown_values_cannot_be_built_by_hand() {
    // `UnknownValue` has no public constructor; the only way to get one is to decode an undocumented value.
    let t: ConfType = serde_json::from_value(json!(3)).unwrap();
    let ConfType::Unknown(u) = &t else { panic!("3 is not a documented conference type") };
    assert_eq!(u.as_json(), &json!(3));
    assert_eq!(t.label(), None);
    assert_eq!(ConfType::from_wire(4), ConfType::Auto);
    assert_eq!(ConfType::Auto.label(), Some("auto"));
}
