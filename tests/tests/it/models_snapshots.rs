//! Snapshots of the generated models for small fixture specs, one per feature, and a check that
//! generation is byte-for-byte deterministic.

use kedacom_mc_codegen::emit;
use kedacom_mc_codegen::spec::{load_sources, SourceFile};

fn generate(feature: &str, text: &str) -> String {
    generate_files(feature, text, &["enums.rs", "objects.rs", "validation.rs"])
}

fn generate_files(feature: &str, text: &str, parts: &[&str]) -> String {
    let files = [
        SourceFile { name: "_base.yaml".into(), text: include_str!("../../fixtures/features/_base.yaml").into() },
        SourceFile { name: format!("{feature}.yaml"), text: text.into() },
    ];
    let api = load_sources(&files).unwrap_or_else(|d| panic!("{d}"));
    let first = emit::models::files(&api);
    assert_eq!(first, emit::models::files(&api), "generation must be deterministic");
    // The parts a reader of the feature cares about; errors and the module list are the same everywhere.
    first
        .iter()
        .filter(|f| parts.iter().any(|n| f.path.ends_with(&format!("/{n}"))))
        .filter(|f| f.contents.lines().count() > 2)
        .map(|f| format!("==== {} ====\n{}", f.path.rsplit('/').next().unwrap_or_default(), f.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

macro_rules! feature {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            let out = generate(stringify!($name), include_str!(concat!("../../fixtures/features/", stringify!($name), ".yaml")));
            insta::assert_snapshot!(out);
        }
    )*};
}

feature!(
    nested_object,
    array_of_objects,
    integer_enum,
    string_enum,
    enum_subset,
    switch,
    byte_and_char_limits,
    keyword_field,
    conditional_requirement,
    secret_field,
    use_overrides,
);

/// How each endpoint's request travels: the request types and the endpoint table.
#[test]
fn wire() {
    let out = generate_files(
        "wire",
        include_str!("../../fixtures/features/wire.yaml"),
        &["requests.rs", "endpoints.rs", "wire.rs"],
    );
    insta::assert_snapshot!(out);
}

/// The push service: the channel table, the `Notice` enum of typed notifications, the push names of
/// the wire, each call's outcome in the endpoint table, and the notifications' objects.
#[test]
fn channels() {
    let files =
        [SourceFile { name: "channels.yaml".into(), text: include_str!("../../fixtures/channels.yaml").into() }];
    let api = load_sources(&files).unwrap_or_else(|d| panic!("{d}"));
    let generated = emit::models::files(&api);
    assert_eq!(generated, emit::models::files(&api), "generation must be deterministic");
    let out = ["channels.rs", "wire.rs", "endpoints.rs", "objects.rs"]
        .iter()
        .filter_map(|n| generated.iter().find(|f| f.path.ends_with(&format!("/{n}"))))
        .map(|f| format!("==== {} ====\n{}", f.path.rsplit('/').next().unwrap_or_default(), f.contents))
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(out);
}
