//! A snapshot of the mock's generated part for a small fixture: the dispatch's slot per endpoint,
//! each request type's documented reply with its id pointers, and the window of the paged list.

use kedacom_mc_codegen::emit;
use kedacom_mc_codegen::spec::{load_sources, SourceFile};

#[test]
fn mock_dispatch_replies_and_paging() {
    let files = [
        SourceFile { name: "_base.yaml".into(), text: include_str!("../../fixtures/features/_base.yaml").into() },
        SourceFile { name: "client.yaml".into(), text: include_str!("../../fixtures/client.yaml").into() },
    ];
    let api = load_sources(&files).unwrap_or_else(|d| panic!("{d}"));
    let first = emit::mock::files(&api);
    assert_eq!(first, emit::mock::files(&api), "generation must be deterministic");
    assert!(emit::all(&api).iter().any(|f| f.path.ends_with("kedacom-mc-mock/src/generated/dispatch.rs")));
    let out: Vec<String> = first
        .iter()
        .map(|f| format!("==== {} ====\n{}", f.path.rsplit('/').next().unwrap_or_default(), f.contents))
        .collect();
    insta::assert_snapshot!(out.join("\n"));
}
