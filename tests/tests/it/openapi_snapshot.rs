//! The OpenAPI export of a small spec that uses every feature, kept as a reviewed snapshot.

use kedacom_mc_codegen::emit::openapi;
use kedacom_mc_codegen::spec::{load_sources, SourceFile};

#[test]
fn openapi_export_of_the_fixture() {
    let text = include_str!("../../fixtures/rooms.yaml");
    let api =
        load_sources(&[SourceFile { name: "rooms.yaml".into(), text: text.into() }]).unwrap_or_else(|d| panic!("{d}"));
    insta::assert_snapshot!(openapi::render(&api));
}
