//! `audit-doc` on small documents in the vendor's layout (U+00A0 nesting, enum lines, limits).

use kedacom_mc_codegen::audit::{audit, parse_document, Report, What};
use kedacom_mc_codegen::model::DepartureKind;
use kedacom_mc_codegen::spec::{load_sources, SourceFile};

const SPEC: &str = include_str!("../fixtures/rooms.yaml");
const DOC: &str = include_str!("../fixtures/rooms-doc.txt");

fn run(spec: &str, doc: &str) -> Report {
    let api =
        load_sources(&[SourceFile { name: "rooms.yaml".into(), text: spec.into() }]).unwrap_or_else(|d| panic!("{d}"));
    audit(&api, &parse_document(doc), "mc")
}

/// The differences as `place: what`, sorted.
fn found(r: &Report) -> Vec<String> {
    let mut v: Vec<String> = r.differences.iter().map(|d| format!("{}: {}", d.place, d.what)).collect();
    v.sort();
    v
}

#[track_caller]
fn doc_edit(find: &str, replace: &str) -> String {
    assert!(DOC.contains(find), "document fragment lacks `{find}`");
    DOC.replacen(find, replace, 1)
}

#[test]
fn matching_document_has_no_difference() {
    let r = run(SPEC, DOC);
    assert!(r.differences.is_empty(), "{r}");
    assert_eq!(r.endpoints_compared, 4);
}

#[test]
fn nested_fields_are_read_from_nbsp_indentation() {
    let eps = parse_document(DOC);
    let create = eps.iter().find(|e| e.name == "创建房间").unwrap();
    let paths: Vec<&str> = create.params.fields.iter().map(|f| f.path.as_str()).collect();
    assert!(paths.contains(&"owner.name") && paths.contains(&"guests.bitrate"), "{paths:?}");
    let owner_name = create.params.fields.iter().find(|f| f.path == "owner.name").unwrap();
    assert_eq!((owner_name.max_bytes, owner_name.desc.as_str(), owner_name.required), (Some(8), "所有者名称", true));
}

#[test]
fn missing_and_extra_fields() {
    let r = run(SPEC, &doc_edit("color str 颜色\n", "colour str 颜色\n"));
    assert_eq!(found(&r), ["create_room params.color: field", "create_room params.colour: field"]);
}

#[test]
fn missing_and_extra_endpoints() {
    let r = run(SPEC, &doc_edit("URI /api/v1/mc/room_files/{room_id}", "URI /api/v1/mc/room_files"));
    assert_eq!(found(&r), ["POST /api/v1/mc/room_files (document line 130): endpoint", "upload_room_file: endpoint"]);
}

#[test]
fn type_required_and_limit_units() {
    let doc = doc_edit("level int 等级", "level str 等级");
    let doc = doc.replacen("bitrate* int 码率", "bitrate int 码率", 1);
    let doc = doc.replacen("2.最大字符长度:6个字节", "2.最大字符长度:6个字符", 1);
    let r = run(SPEC, &doc);
    assert_eq!(
        found(&r),
        ["create_room params.bitrate: required", "create_room params.level: type", "create_room params.name: limit"]
    );
    let limit = r.differences.iter().find(|d| d.what == What::Field(DepartureKind::Limit)).unwrap();
    assert!(limit.message.contains("spec 6 bytes, document 6 characters"), "{}", limit.message);
}

#[test]
fn enum_values_and_labels() {
    let r = run(SPEC, &doc_edit("1-大;\n\n失败回复示例", "1-很大;\n2-巨大;\n\n失败回复示例"));
    assert_eq!(found(&r), ["get_room reply.kind: enum"]);
    assert!(r.differences[0].message.contains("document [0-小; 1-很大; 2-巨大]"), "{}", r.differences[0].message);
    let r = run(SPEC, &doc_edit("sip-SIP协议;", "sip-SIP;"));
    assert_eq!(found(&r), ["create_room params.protocols: enum"]);
}

#[test]
fn endpoint_headers_and_examples() {
    let doc = doc_edit("最低支持版本 2", "最低支持版本 3").replacen("\"bitrate\": 2048", "\"bitrate\": 4096", 1);
    let r = run(SPEC, &doc);
    assert_eq!(found(&r), ["create_room: example", "get_room: endpoint"]);
}

#[test]
fn declared_departures_are_listed_apart() {
    let spec = SPEC.replacen(
        "          desc: 等级\n",
        "          desc: 等级\n          departs:\n            - {what: type, doc: str, why: the example sends a number}\n",
        1,
    );
    let r = run(&spec, &doc_edit("level int 等级", "level str 等级"));
    assert!(r.differences.is_empty(), "{r}");
    assert_eq!(r.accepted.len(), 1);
    assert!(r.to_string().contains("accepted departures"));
    assert!(r.passes(), "{r}");
}

#[track_caller]
fn spec_edit(find: &str, replace: &str) -> String {
    assert!(SPEC.contains(find), "spec fixture lacks `{find}`");
    SPEC.replacen(find, replace, 1)
}

#[test]
fn departure_that_excuses_nothing_is_stale() {
    // The spec and the document agree on `level`'s type: the entry excuses nothing.
    let spec = spec_edit(
        "          desc: 等级\n",
        "          desc: 等级\n          departs:\n            - {what: type, doc: str, why: the example sends a number}\n",
    );
    let r = run(&spec, DOC);
    assert!(r.differences.is_empty(), "{r}");
    assert!(!r.passes());
    let stale: Vec<String> =
        r.stale.iter().map(|s| format!("{}: {}: {}", s.place, s.departure.what, s.declared_on)).collect();
    assert_eq!(stale, ["create_room params.level: type: CreateRoomParams.level"]);
    let text = r.to_string();
    assert!(text.contains("stale departures"), "{text}");
    assert!(text.ends_with("4 endpoint(s) compared, 0 difference(s), 1 stale departure(s)"), "{text}");
}

#[test]
fn departure_on_a_shape_needs_its_difference_in_one_use_only() {
    // Failure is every endpoint's failure reply; the document changes the type in one of them.
    let spec = spec_edit(
        "        desc: 错误码\n",
        "        desc: 错误码\n        departs:\n          - {what: type, doc: str, why: the platform sends a number}\n",
    );
    let r = run(&spec, &doc_edit("error_code int 失败时的错误号", "error_code str 失败时的错误号"));
    assert!(r.passes(), "{r}");
    assert_eq!(r.accepted.len(), 1);
    // Where the document agrees everywhere, the entry is stale, reported once.
    let r = run(&spec, DOC);
    assert_eq!(r.stale.len(), 1, "{r}");
    assert_eq!(r.stale[0].declared_on, "Failure.error_code");
}

#[test]
fn a_rule_lifting_required_differs_from_the_documents_star() {
    let spec = spec_edit(
        "          items: string\n          enum: Protocol\n",
        "          items: string\n          enum: Protocol\n          required: true\n",
    )
    .replacen(
        "when: {field: kind, equals: 1}\n",
        "when: {field: kind, equals: 1}\n            optional_otherwise: true\n",
        1,
    );
    let doc = doc_edit("protocols array 协议", "protocols* array 协议");
    let r = run(&spec, &doc);
    assert_eq!(found(&r), ["create_room params.protocols: required"]);
    assert!(
        r.differences[0].message.starts_with("spec required only when `kind` is 1, document true"),
        "{}",
        r.differences[0].message
    );
    let declared = spec.replacen(
        "          enum: Protocol\n          required: true\n",
        "          enum: Protocol\n          required: true\n          departs:\n            - {what: required, doc: protocols*, why: only sip needs it}\n",
        1,
    );
    assert_ne!(declared, spec);
    let r = run(&declared, &doc);
    assert!(r.passes(), "{r}");
    assert_eq!(r.accepted.len(), 1);
}

#[test]
fn a_limit_that_is_not_one_number_is_always_shown() {
    let r = run(SPEC, &doc_edit("2.最大字符长度:6个字节", "2.最大字符长度:中文2个或英文6个"));
    assert_eq!(found(&r), ["create_room params.name: limit"]);
    assert!(
        r.differences[0].message.starts_with("spec 6 bytes, document `中文2个或英文6个`"),
        "{}",
        r.differences[0].message
    );
}

#[test]
fn a_format_the_document_states_is_compared() {
    let spec = spec_edit("          desc: 颜色\n", "          desc: 颜色,#RGB格式\n");
    let doc = doc_edit("color str 颜色", "color str 颜色,#RGB格式");
    let r = run(&spec, &doc);
    assert_eq!(found(&r), ["create_room params.color: format"]);
    assert!(r.differences[0].message.starts_with("spec `#RRGGBB`, document `#RGB`"), "{}", r.differences[0].message);
    let declared = spec.replacen(
        "          format: rgb_hex\n",
        "          format: rgb_hex\n          departs:\n            - {what: format, doc: \"#RGB\", why: the examples have six digits}\n",
        1,
    );
    assert!(run(&declared, &doc).passes());
    // Once the document says #RRGGBB too, the entry is stale.
    let r =
        run(&declared.replacen("颜色,#RGB格式", "颜色,#RRGGBB格式", 1), &doc.replacen("#RGB格式", "#RRGGBB格式", 1));
    assert!(r.differences.is_empty(), "{r}");
    assert_eq!(r.stale.len(), 1, "{r}");
}
