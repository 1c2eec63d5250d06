//! The wire facts the loader works out for each endpoint (where the token goes, how the body is
//! encoded, the DELETE fallback), and the broken wire settings it refuses, each at its line.

use kedacom_mc_codegen::diag::Diagnostics;
use kedacom_mc_codegen::model::{Api, BodyKind, MethodOverride, Place};
use kedacom_mc_codegen::spec::{load_sources, SourceFile};

const BASE: &str = include_str!("../fixtures/rooms.yaml");

fn load(text: &str) -> Result<Api, Diagnostics> {
    load_sources(&[SourceFile { name: "rooms.yaml".into(), text: text.into() }])
}

fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` not in fixture"));
    text[..at].matches('\n').count() + 1
}

#[track_caller]
fn expect(find: &str, replace: &str, message: &str, at: &str) {
    assert!(BASE.contains(find), "fixture lacks `{find}`");
    let text = BASE.replacen(find, replace, 1);
    let diags = load(&text).expect_err("the broken spec must not load");
    let line = line_of(&text, at);
    assert!(
        diags.iter().any(|d| d.message.contains(message) && d.line == line),
        "expected `{message}` at line {line}, got:\n{diags}"
    );
}

#[test]
fn each_endpoint_knows_where_its_token_and_fields_go() {
    let api = load(BASE).unwrap_or_else(|d| panic!("{d}"));
    let wire = |op: &str| api.endpoints.iter().find(|e| e.operation == op).unwrap().wire.clone();
    let get = wire("get_room");
    assert_eq!((get.token, get.fields, get.body), (Some(Place::Query), Place::Query, BodyKind::None));
    let create = wire("create_room");
    assert_eq!((create.token, create.fields, create.body), (Some(Place::Body), Place::Body, BodyKind::ParamsForm));
    let delete = wire("delete_room");
    assert_eq!((delete.token, delete.body), (Some(Place::Query), BodyKind::None));
    assert_eq!(delete.method_override, Some(MethodOverride { param: "_method".into(), value: "DELETE".into() }));
    let upload = wire("upload_room_file");
    assert_eq!((upload.token, upload.body), (Some(Place::Body), BodyKind::Multipart));
    assert_eq!(api.wire.debug_param, "debug");
    assert_eq!(api.wire.debug_value, "1");
}

#[test]
fn a_misspelt_or_missing_wire_setting_is_an_error() {
    expect(
        "    token_param: account_token\n",
        "    token_parm: account_token\n",
        "unknown field `token_parm`",
        "token_parm",
    );
    let text = BASE.replacen("    session_cookie: SSO_COOKIE_KEY\n", "", 1);
    let diags = load(&text).unwrap_err();
    assert!(diags.iter().any(|d| d.message.contains("missing field `session_cookie`")), "{diags}");
    expect("    debug_query: debug=1\n", "    debug_query: debug\n", "must be `name=value`", "debug_query: debug\n");
    expect(
        "    success_field: success\n",
        "    success_field: \"\"\n",
        "wire `success_field` is empty",
        "success_field",
    );
}

#[test]
fn roles_must_agree_with_the_wire_names() {
    expect(
        "      - name: account_token\n",
        "      - name: token\n",
        "has a role whose wire name is `account_token`",
        "- name: token\n",
    );
    expect(
        "        value: DELETE\n",
        "        value: PUT\n",
        "method_override value must be DELETE",
        "- name: _method",
    );
}

#[test]
fn a_fallback_belongs_to_delete_and_a_file_to_post() {
    expect(
        "    method: DELETE\n    uri: /api/v1/mc/rooms/{room_id}",
        "    method: POST\n    uri: /api/v1/mc/rooms/{room_id}",
        "a method_override parameter belongs to a DELETE endpoint",
        "- name: _method",
    );
    expect(
        "    method: POST\n    uri: /api/v1/mc/room_files/{room_id}",
        "    method: GET\n    uri: /api/v1/mc/room_files/{room_id}",
        "a file is uploaded with POST, not GET",
        "    method: GET\n    uri: /api/v1/mc/room_files",
    );
}
