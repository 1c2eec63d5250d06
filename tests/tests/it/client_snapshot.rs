//! A snapshot of the client's generated part for a small fixture: each shape of endpoint's method,
//! the paged list's `Paged` impl and stream, and the document levels.

use kedacom_mc_codegen::emit;
use kedacom_mc_codegen::spec::{load_sources, SourceFile};

#[test]
fn client_operations_paging_and_levels() {
    let files = [
        SourceFile { name: "_base.yaml".into(), text: include_str!("../../fixtures/features/_base.yaml").into() },
        SourceFile { name: "client.yaml".into(), text: include_str!("../../fixtures/client.yaml").into() },
    ];
    let api = load_sources(&files).unwrap_or_else(|d| panic!("{d}"));
    let first = emit::client::files(&api);
    assert_eq!(first, emit::client::files(&api), "generation must be deterministic");
    assert!(emit::all(&api).iter().any(|f| f.path.ends_with("kedacom-mc-client/src/generated/operations.rs")));
    let out: Vec<String> = first
        .iter()
        .map(|f| format!("==== {} ====\n{}", f.path.rsplit('/').next().unwrap_or_default(), f.contents))
        .collect();
    insta::assert_snapshot!(out.join("\n"));
}
