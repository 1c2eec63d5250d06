//! Tests that span crates live in `tests/tests/it/`; this library holds what several of them share.

use std::path::Path;

use kedacom_mc_codegen::diag::Diagnostics;
use kedacom_mc_codegen::model::Api;
use kedacom_mc_codegen::spec::{load_dir, load_sources, SourceFile};
use kedacom_mc_models::{from_json, validate, Validate};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// The shipped spec.
pub fn spec() -> Api {
    load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).unwrap_or_else(|d| panic!("{d}"))
}

/// One spec file, given as text, loaded alone.
pub fn load_one(name: &str, text: &str) -> Result<Api, Diagnostics> {
    load_sources(&[SourceFile { name: name.into(), text: text.into() }])
}

/// The 1-based line of the first `needle` in `text`.
#[track_caller]
pub fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` not in fixture"));
    text[..at].matches('\n').count() + 1
}

/// Applies one edit to the spec file `name` whose text is `base`, and expects the loader to report a
/// problem containing `message` in that file, on the line holding `at`.
#[track_caller]
pub fn expect_problem(name: &str, base: &str, find: &str, replace: &str, message: &str, at: &str) {
    assert!(base.contains(find), "fixture lacks `{find}`");
    let text = base.replacen(find, replace, 1);
    let diags = load_one(name, &text).expect_err("the broken spec must not load");
    let line = line_of(&text, at);
    assert!(
        diags.iter().any(|d| d.message.contains(message) && d.line == line && d.file == name),
        "expected `{message}` at line {line}, got:\n{diags}"
    );
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
