//! Every endpoint's request, made from the document's example with its path values and the
//! example's strings and integers replaced by arbitrary ones (each of the same JSON type), goes
//! typed → HTTP → decoded and comes back equal: as its own method, and with `via_post`, where a
//! PUT or DELETE that documents the `_method` fallback goes as POST carrying its method and any
//! other endpoint keeps its own.

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

use kedacom_mc_codegen::spec::load_dir;
use kedacom_mc_models::wire::Place;
use kedacom_mc_models::*;
use proptest::prelude::*;
use serde_json::Value;

use crate::wire_requests::{received, sample};

const TOKEN: &str = "6567e24b425db665a3044db69f0c6fe4";

/// Each operation's documented example body, read from the spec once for every case.
static EXAMPLES: LazyLock<HashMap<String, Value>> = LazyLock::new(|| {
    let api = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).unwrap_or_else(|d| panic!("{d}"));
    api.endpoints.into_iter().filter_map(|e| Some((e.operation, e.params_example?))).collect()
});

/// The example with each string and integer replaced, in document order, by the next of the
/// arbitrary ones (round and round).
fn varied(example: &Value, strings: &[String], ints: &[i64]) -> Value {
    fn walk(v: &mut Value, strings: &[String], ints: &[i64], at: &mut (usize, usize)) {
        match v {
            Value::String(s) => {
                *s = strings[at.0 % strings.len()].clone();
                at.0 += 1;
            }
            Value::Number(n) if n.is_i64() => {
                *v = Value::from(ints[at.1 % ints.len()]);
                at.1 += 1;
            }
            Value::Array(items) => items.iter_mut().for_each(|x| walk(x, strings, ints, at)),
            Value::Object(map) => map.values_mut().for_each(|x| walk(x, strings, ints, at)),
            _ => {}
        }
    }
    let mut v = example.clone();
    walk(&mut v, strings, ints, &mut (0, 0));
    v
}

/// The received request for `info`: path values, the token where it goes, a sample for each
/// other parameter, the varied example as `params`.
fn request(info: &EndpointInfo, path_value: &str, params: Option<&Value>) -> WireInput {
    let values: Vec<(&str, &str)> =
        info.parameters.iter().filter(|p| p.place == Place::Path).map(|p| (p.name, path_value)).collect();
    let mut input =
        WireInput { method: info.method.as_str().into(), path: info.fill_path(&values, TOKEN), ..Default::default() };
    let fields = if info.fields == Place::Query { &mut input.query } else { &mut input.form };
    if matches!(info.token, Some(Place::Query | Place::Body)) {
        fields.push((wire_names::TOKEN_PARAM.into(), TOKEN.into()));
    }
    for p in info.parameters.iter().filter(|p| p.place != Place::Path) {
        match p.kind {
            ParamKind::File => input.file = Some((p.name.into(), FileUpload::new("a.txt", "hello"))),
            _ => fields.push((p.name.into(), sample(&p.kind))),
        }
    }
    if let Some(params) = params {
        fields.push((wire_names::PARAMS_PARAM.into(), params.to_string()));
    }
    input
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn every_request_comes_back_from_http_as_it_was(
        // A leading digit: no fixed segment of a route starts with one, so the value cannot route
        // the call elsewhere.
        path_value in "1\\PC{0,12}",
        strings in prop::collection::vec("\\PC{0,16}", 1..16),
        ints in prop::collection::vec(any::<i64>(), 1..16),
    ) {
        for info in ENDPOINTS {
            let params = match (info.params_type, EXAMPLES.get(info.operation)) {
                (None, _) => None,
                (Some(_), Some(example)) => Some(varied(example, &strings, &ints)),
                // The only body without an example: one string field.
                (Some(_), None) => Some(varied(&serde_json::json!({"area": ""}), &strings, &ints)),
            };
            // Typed without the rules, which arbitrary values break: this is about the trip.
            let first = decode_unchecked(request(info, &path_value, params.as_ref()))
                .unwrap_or_else(|e| panic!("{}: {e}", info.operation));
            prop_assert_eq!(first.endpoint, *info);
            let typed = first.request.unwrap_or_else(|r| panic!("{}: {r}", info.operation));

            for via_post in [false, true] {
                let options = WireOptions { via_post, ..WireOptions::default() };
                let w = typed.to_wire(Some(&AccountToken::new(TOKEN)), &options);
                match info.method_override {
                    Some((_, method)) if via_post => {
                        prop_assert_eq!(w.method, Method::Post, "{}", info.operation);
                        prop_assert_eq!(w.field(wire_names::METHOD_OVERRIDE_PARAM), Some(method));
                    }
                    _ => prop_assert_eq!(w.method, info.method, "{}", info.operation),
                }
                let again = decode_unchecked(received(&w)).unwrap_or_else(|e| panic!("{}: {e}", info.operation));
                prop_assert_eq!(again.endpoint, *info, "{} via {:?}", info.operation, w.method);
                prop_assert_eq!(again.request.unwrap(), typed.clone(), "{} changed on the way", info.operation);
            }
        }
    }
}
