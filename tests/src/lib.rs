//! Tests that span crates live in `tests/tests/it/`; this library holds what several of them share.

use std::path::Path;

use kedacom_mc_codegen::model::Api;
use kedacom_mc_codegen::spec::load_dir;
use kedacom_mc_models::{from_json, validate, Validate};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// The shipped spec.
pub fn spec() -> Api {
    load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).unwrap_or_else(|d| panic!("{d}"))
}

/// The document's example of `which` (`params`, `reply`, `failure`) for an operation.
pub fn example(api: &Api, operation: &str, which: &str) -> Value {
    let ep = api.endpoints.iter().find(|e| e.operation == operation).unwrap_or_else(|| panic!("no {operation}"));
    let example = match which {
        "params" => &ep.params_example,
        "reply" => &ep.reply_example,
        _ => &ep.failure_example,
    };
    example.clone().unwrap_or_else(|| panic!("{operation} has no {which} example"))
}

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

/// `roundtrip(operation, which, json)`: an example through its endpoint's type (params decode and
/// validate, replies and failures decode) and back to JSON, dispatched by the endpoint table.
macro_rules! roundtrips {
    ($(($op:ident, $request:ty, $reply:ty, $failure:ty, [$($params:ty)?])),* $(,)?) => {
        pub fn roundtrip(operation: &str, which: &str, v: &Value) -> Result<Value, String> {
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
