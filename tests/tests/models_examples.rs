//! Every JSON example of the documents, through the generated types: requests decode, validate and
//! serialize back to the same JSON; replies decode and re-encode without loss.

use std::path::Path;

use kedacom_mc_codegen::spec::load_dir;
use kedacom_mc_models::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn reply_roundtrip<T: DeserializeOwned + Serialize>(v: &Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

fn request_roundtrip<T: DeserializeOwned + Serialize + Validate + validate::JsonShape>(
    v: &Value,
) -> Result<Value, String> {
    let typed: T = from_json(&v.to_string()).map_err(|r| r.to_string())?;
    typed.validate().map_err(|r| r.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

/// The round trips of each endpoint's examples (params, reply, failure), by operation id, from the
/// endpoint table.
macro_rules! roundtrips {
    ($(($op:ident, $request:ty, $reply:ty, $failure:ty, [$($params:ty)?])),* $(,)?) => {
        fn roundtrip(operation: &str, which: &str, v: &Value) -> Result<Value, String> {
            match (operation, which) {
                $(
                    $((stringify!($op), "params") => request_roundtrip::<$params>(v),)?
                    (stringify!($op), "reply") => reply_roundtrip::<$reply>(v),
                    (stringify!($op), "failure") => reply_roundtrip::<$failure>(v),
                )*
                _ => Err(format!("{operation} has no {which} type")),
            }
        }
    };
}

kedacom_mc_models::for_each_endpoint!(roundtrips);

#[test]
fn every_document_example_round_trips_through_its_type() {
    let api = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).unwrap_or_else(|d| panic!("{d}"));
    let mut seen = 0;
    for ep in &api.endpoints {
        let cases = [("params", &ep.params_example), ("reply", &ep.reply_example), ("failure", &ep.failure_example)];
        for (which, example) in cases {
            let Some(example) = example else { continue };
            let back =
                roundtrip(&ep.operation, which, example).unwrap_or_else(|e| panic!("{} ({which}): {e}", ep.operation));
            assert_eq!(&back, example, "{} ({which}) changed in the round trip", ep.operation);
            seen += 1;
        }
    }
    assert!(seen > 0, "the spec has no examples");
}
