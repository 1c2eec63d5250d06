//! A snapshot of the CLI's generated part for a small fixture: each shape of endpoint's table entry
//! (a paged list, a body with its reference and a made-up example, a DELETE with its fallback, a
//! size-limited upload, fields of its own) and the dispatch.

use kedacom_mc_codegen::emit;
use kedacom_mc_codegen::spec::{load_sources, SourceFile};

#[test]
fn cli_operation_table_and_dispatch() {
    let files = [
        SourceFile { name: "_base.yaml".into(), text: include_str!("../../fixtures/features/_base.yaml").into() },
        SourceFile { name: "client.yaml".into(), text: include_str!("../../fixtures/client.yaml").into() },
    ];
    let api = load_sources(&files).unwrap_or_else(|d| panic!("{d}"));
    let first = emit::cli::files(&api);
    assert_eq!(first, emit::cli::files(&api), "generation must be deterministic");
    assert!(emit::all(&api).iter().any(|f| f.path.ends_with("kedacom-mc-cli/src/generated/operations.rs")));
    let out: Vec<String> = first
        .iter()
        .map(|f| format!("==== {} ====\n{}", f.path.rsplit('/').next().unwrap_or_default(), f.contents))
        .collect();
    insta::assert_snapshot!(out.join("\n"));
}

/// Every fixture shape gets a made-up body when the document gives none: conditional
/// requirements, enum subsets, limits, nested objects, lists, overrides.
#[test]
fn made_up_bodies_exist_for_every_fixture_shape_and_pass_the_checker() {
    macro_rules! fixtures {
        ($($name:literal),*) => {
            [$(($name, include_str!(concat!("../../fixtures/features/", $name, ".yaml")))),*]
        };
    }
    let fixtures = fixtures!(
        "array_of_objects",
        "byte_and_char_limits",
        "conditional_requirement",
        "enum_subset",
        "integer_enum",
        "keyword_field",
        "nested_object",
        "secret_field",
        "string_enum",
        "switch",
        "use_overrides",
        "wire"
    );
    let mut bodies = 0;
    for (name, text) in fixtures {
        let files = [
            SourceFile { name: "_base.yaml".into(), text: include_str!("../../fixtures/features/_base.yaml").into() },
            SourceFile { name: format!("{name}.yaml"), text: text.into() },
        ];
        let api = load_sources(&files).unwrap_or_else(|d| panic!("{name}: {d}"));
        for e in api.endpoints.iter().filter(|e| e.params.is_some() && e.params_example.is_none()) {
            let (json, from_document) =
                emit::cli::example(&api, e).unwrap_or_else(|| panic!("{name}: {}: no body", e.operation));
            assert!(!from_document);
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            let use_ = e.params_use().unwrap();
            assert_eq!(kedacom_mc_codegen::examples::check(&api, &use_, &value, true), [], "{name}: {json}");
            bodies += 1;
        }
    }
    assert!(bodies >= 8, "only {bodies} bodies were made");
}
