//! `audit-doc` on small documents in the vendor's layout (U+00A0 nesting, enum lines, limits), and on
//! a spec built from two editions of a document.

use kedacom_mc_codegen::audit::{audit, audit_text, parse_document, AuditError, Report, What};
use kedacom_mc_codegen::emit;
use kedacom_mc_codegen::model::{Api, DepartureKind};
use kedacom_mc_codegen::spec::{load_sources, SourceFile};

const SPEC: &str = include_str!("../../fixtures/rooms.yaml");
const DOC: &str = include_str!("../../fixtures/rooms-doc.txt");

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
        "          desc: 等级 0—16\n",
        "          desc: 等级 0—16\n          departs:\n            - {what: type, doc: str, why: the example sends a number}\n",
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
        "          desc: 等级 0—16\n",
        "          desc: 等级 0—16\n          departs:\n            - {what: type, doc: str, why: the example sends a number}\n",
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

#[test]
fn a_range_the_description_states_is_compared() {
    // The fixture's `level` is 0—16 on both sides.
    assert!(run(SPEC, DOC).passes());
    let narrower = doc_edit("level int 等级 0—16", "level int 等级 0—8");
    let spec = spec_edit("          desc: 等级 0—16\n", "          desc: 等级 0—8\n");
    let r = run(&spec, &narrower);
    assert_eq!(found(&r), ["create_room params.level: limit"]);
    assert!(r.differences[0].message.starts_with("spec 0 to 16, document 0 to 8"), "{}", r.differences[0].message);
    let listed = doc_edit("level int 等级 0—16", "level int 等级,支持1、2、4");
    let r = run(&spec_edit("          desc: 等级 0—16\n", "          desc: 等级,支持1、2、4\n"), &listed);
    assert!(r.differences[0].message.starts_with("spec 0 to 16, document one of 1, 2, 4"), "{r}");
    // A range the description does not state is a difference, which a `limit` entry declares.
    let unstated = doc_edit("level int 等级 0—16", "level int 等级");
    let spec = spec_edit("          desc: 等级 0—16\n", "          desc: 等级\n");
    let r = run(&spec, &unstated);
    assert_eq!(found(&r), ["create_room params.level: limit"]);
    assert!(r.differences[0].message.starts_with("spec 0 to 16, document no range"), "{r}");
    let declared = spec.replacen(
        "          max: 16\n",
        "          max: 16\n          departs:\n            - {what: limit, doc: 等级, why: levels run from 0 to 16}\n",
        1,
    );
    let r = run(&declared, &unstated);
    assert!(r.passes(), "{r}");
    assert_eq!(r.accepted.len(), 1, "{r}");
}

// A spec built from two editions of one document: `editions.yaml` follows V2.0 and takes the
// template endpoints from V1.0, which V2.0 drops.

const EDITIONS: &str = include_str!("../../fixtures/editions.yaml");
const V1: &str = include_str!("../../fixtures/editions-v1-doc.txt");
const V2: &str = include_str!("../../fixtures/editions-v2-doc.txt");

fn editions_api(spec: &str) -> Api {
    load_sources(&[SourceFile { name: "editions.yaml".into(), text: spec.into() }]).unwrap_or_else(|d| panic!("{d}"))
}

#[track_caller]
fn audit_editions(doc: &str) -> Report {
    audit_text(&editions_api(EDITIONS), doc).unwrap_or_else(|e| panic!("{e}"))
}

/// The 1-based line of `text` that starts with `start`.
#[track_caller]
fn line_of(text: &str, start: &str) -> usize {
    text.lines().position(|l| l.starts_with(start)).map(|i| i + 1).unwrap_or_else(|| panic!("no line `{start}`"))
}

#[track_caller]
fn edit(text: &str, find: &str, replace: &str) -> String {
    assert!(text.contains(find), "fixture lacks `{find}`");
    text.replacen(find, replace, 1)
}

/// The informational differences as `edition place: what`, sorted.
fn between(r: &Report) -> Vec<String> {
    let mut v: Vec<String> = r
        .other_editions
        .iter()
        .flat_map(|c| c.differences.iter().map(move |d| format!("{} {}: {}", c.source, d.place, d.what)))
        .collect();
    v.sort();
    v
}

#[test]
fn the_newer_editions_audit_ignores_the_endpoints_taken_from_the_older() {
    let r = audit_editions(V2);
    assert_eq!(r.source, "v2");
    assert!(r.passes(), "{r}");
    assert!(r.differences.is_empty(), "{r}");
    assert_eq!(r.endpoints_compared, 2);
    assert!(r.other_editions.is_empty() && r.not_taken.is_empty() && r.added_later.is_empty(), "{r}");
    let text = r.to_string();
    assert!(!text.contains("template") && !text.contains("between editions"), "{text}");
    // The owner's departure is excused by this edition's own document.
    assert_eq!(r.accepted.len(), 1, "{r}");
}

#[test]
fn the_older_editions_audit_judges_its_own_endpoints_and_lists_the_rest_apart() {
    let r = audit_editions(V1);
    assert_eq!(r.source, "v1");
    assert!(r.passes(), "{r}");
    assert_eq!(r.endpoints_compared, 2);
    // get_room is taken from V2.0: how V1.0 words it is shown, and does not fail the audit.
    assert_eq!(
        between(&r),
        ["v2 get_room reply.kind: enum", "v2 get_room reply.title: limit", "v2 get_room: endpoint"]
    );
    assert_eq!(r.other_editions[0].endpoints_compared, 1);
    assert_eq!(r.other_editions[0].accepted.len(), 1, "the owner's departure applies there too");
    let not_taken: Vec<&str> = r.not_taken.iter().map(|d| d.place.as_str()).collect();
    assert_eq!(not_taken, [format!("GET /api/v1/legacy (document line {})", line_of(V1, "名称 旧接口"))]);
    // list_rooms came with V2.0: the spec has it, this edition does not.
    let added: Vec<String> = r.added_later.iter().map(|d| format!("{}: {}", d.place, d.message)).collect();
    assert_eq!(added, ["list_rooms: GET /api/v1/rooms (editions.yaml), from 测试API V2.0.0.1 (API level 2)"]);
    let text = r.to_string();
    let section = text.find("between editions (for information; never fails the audit):").expect(&text);
    assert!(text[section..].contains("get_room reply.kind: enum"), "{text}");
    assert!(
        text[section..]
            .contains("  in the spec from a later edition, not in this document:\n    list_rooms: GET /api/v1/rooms"),
        "{text}"
    );
    assert!(text[..section].lines().all(|l| !l.contains("get_room")), "informational lines only below: {text}");
    assert!(text.starts_with("document: 测试API V1.0.0.1 (API level 1) (`v1`), recognized by its title and version"));
    assert!(text.ends_with(
        "between editions: 1 endpoint(s) the spec takes from another edition, 3 difference(s); 1 endpoint(s) not in the spec; \
         1 endpoint(s) of a later edition not in this document\n\
         2 endpoint(s) compared, 0 difference(s), 0 stale departure(s)"
    ), "{text}");
}

#[test]
fn a_difference_in_an_endpoint_taken_from_the_older_edition_fails_its_audit() {
    let r = audit_editions(&edit(
        V1,
        "name str 模板名称 最大字符长度:16个字节\n\n",
        "name int 模板名称 最大字符长度:16个字节\n\n",
    ));
    assert!(!r.passes(), "{r}");
    assert_eq!(found(&r), ["get_template reply.name: type"]);
    // The same kind of change in an endpoint taken from the newer edition is only shown.
    let r = audit_editions(&edit(V1, "title str 名称 最大字符长度:8个字符", "title int 名称 最大字符长度:8个字符"));
    assert!(r.passes(), "{r}");
    assert!(between(&r).contains(&"v2 get_room reply.title: type".to_owned()), "{r}");
}

#[test]
fn an_endpoint_missing_from_its_own_editions_document_fails() {
    let without_get_template = {
        let start = V1.find("名称 获取模板\n").unwrap();
        let end = V1.find("名称 获取房间\n").unwrap();
        format!("{}{}", &V1[..start], &V1[end..])
    };
    let r = audit_editions(&without_get_template);
    assert!(!r.passes(), "{r}");
    assert_eq!(found(&r), ["get_template: endpoint"]);
    let start = V2.find("名称 获取房间列表\n").unwrap();
    let r = audit_editions(&V2[..start]);
    assert!(!r.passes(), "{r}");
    assert_eq!(found(&r), ["list_rooms: endpoint"]);
}

#[test]
fn an_endpoint_the_spec_lacks_fails_the_newest_edition_only() {
    let legacy = &V1[V1.find("名称 旧接口\n").unwrap()..];
    let doc = format!("{V2}\n{legacy}");
    let r = audit_editions(&doc);
    assert!(!r.passes(), "{r}");
    assert_eq!(found(&r), [format!("GET /api/v1/legacy (document line {}): endpoint", line_of(&doc, "名称 旧接口"))]);
    assert!(r.not_taken.is_empty());
    // In the older edition, the spec follows the newer one: shown, not failed (see above).
    assert!(audit_editions(V1).passes());
}

#[test]
fn a_departure_on_a_shape_both_editions_reach_is_not_stale_for_one_of_them() {
    // In V1.0 the owner's name is 8 bytes, as the spec says: the entry excuses nothing there, but it
    // does in V2.0, whose endpoints reach the same shape.
    let r = audit_editions(V1);
    assert!(r.stale.is_empty(), "{r}");
    assert_eq!(r.not_judged.len(), 1, "{r}");
    assert_eq!(r.not_judged[0].declared_on, "Owner.name");
    // Where only one edition's endpoints reach it, it is stale as before.
    let spec = edit(EDITIONS, "        - {name: owner, type: object, desc: 所有者, ref: Owner}\n    failure: Failure\n\n  - operation: list_rooms", "    failure: Failure\n\n  - operation: list_rooms");
    let doc = edit(V1, "owner object 所有者\n\u{a0}\u{a0}\u{a0}\u{a0}name str 所有者名称 最大字符长度:8个字符\n", "");
    let r = audit_text(&editions_api(&spec), &doc).unwrap();
    assert!(r.not_judged.is_empty(), "{r}");
    assert_eq!(r.stale.len(), 1, "{r}");
    assert!(!r.passes());
}

#[test]
fn the_edition_is_recognized_by_its_title_and_version_lines() {
    let api = editions_api(EDITIONS);
    let by = |doc: &str| audit_text(&api, doc).map(|r| (r.source, r.identified_by.unwrap_or_default()));
    assert_eq!(by(V1).unwrap(), ("v1".to_owned(), "its title and version lines (lines 1 and 3)".to_owned()));
    assert_eq!(by(V2).unwrap().0, "v2");
    // The body of V1.0 under V2.0's title page is V2.0, which it then differs from in every endpoint.
    let r =
        audit_text(&api, &V1.replacen("V1.0.0.1", "V2.0.0.1", 1).replacen("API_Level:1", "API_Level:2", 1)).unwrap();
    assert_eq!(r.source, "v2");
    assert!(!r.passes());
    // A version line must name the version whole.
    assert_eq!(by(&V1.replacen("V1.0.0.1", "版本:V1.0.0.1", 1)).unwrap().0, "v1");
    assert!(by(&V1.replacen("V1.0.0.1", "V1.0.0.10", 1)).unwrap().1.starts_with("endpoint overlap"));
}

#[test]
fn without_a_known_version_line_the_edition_is_the_one_whose_endpoints_it_holds() {
    let api = editions_api(EDITIONS);
    let strip = |doc: &str| doc[doc.find("名称 ").unwrap()..].to_owned();
    // V1.0 holds get_room, one of V2.0's two, and both of V1.0's: by share, V1.0.
    let r = audit_text(&api, &strip(V1)).unwrap();
    assert_eq!(r.source, "v1");
    assert_eq!(
        r.identified_by.as_deref(),
        Some("endpoint overlap: it holds 2 of the 2 endpoint(s) the spec takes from it (its header names no document of api.yaml)")
    );
    assert_eq!(audit_text(&api, &strip(V2)).unwrap().source, "v2");
    // A new edition the spec does not list yet is audited against the one it resembles.
    let r = audit_text(&api, &V2.replacen("V2.0.0.1", "V3.0.0.1", 1)).unwrap();
    assert_eq!(r.source, "v2");
    assert!(r.identified_by.unwrap().starts_with("endpoint overlap"));
    // …and its API level, where it differs from the listed edition's, is a difference.
    let r = audit_text(&api, &V2.replacen("API_Level:2", "API_Level:3", 1)).unwrap();
    assert_eq!(found(&r), ["document header (line 5): document"]);
    assert!(!r.passes());
}

#[test]
fn a_document_that_fits_no_edition_or_two_alike_is_refused() {
    let api = editions_api(EDITIONS);
    let first = |doc: &str, name: &str| {
        let start = doc.find(&format!("名称 {name}\n")).unwrap();
        let end = doc[start..].find("\n名称 ").map_or(doc.len(), |i| start + i + 1);
        doc[start..end].to_owned()
    };
    // One endpoint of each edition, no title page: half of each.
    let tie = format!("{}{}", first(V2, "获取房间列表"), first(V1, "获取模板"));
    let Err(AuditError::Unknown(why)) = audit_text(&api, &tie) else { panic!("a tie must be refused") };
    assert!(why.contains("`v2` (1 of its 2 endpoint(s) in the spec)") && why.contains("`v1`"), "{why}");
    let Err(AuditError::Unknown(why)) = audit_text(&api, &first(V1, "旧接口")) else { panic!("no overlap") };
    assert!(why.starts_with("not one of the spec's documents"), "{why}");
    // One endpoint of four shown, as a usage guide's example would: no edition of the document.
    let rooms = load_sources(&[SourceFile { name: "rooms.yaml".into(), text: SPEC.into() }]).unwrap();
    let Err(AuditError::Unknown(why)) = audit_text(&rooms, &first(DOC, "获取房间")) else { panic!("too little") };
    assert!(why.contains("less than half") && why.contains("`mc` (1 of its 4 endpoint(s) in the spec)"), "{why}");
    // Two of four is enough.
    let two = format!("{}{}", first(DOC, "获取房间"), first(DOC, "删除房间"));
    assert_eq!(audit_text(&rooms, &two).map(|r| r.source), Ok("mc".to_owned()));
}

#[test]
fn editions_must_be_told_apart_by_source_and_by_title_and_version() {
    let twin = edit(EDITIONS, "version: V1.0.0.1", "version: V2.0.0.1");
    let err = load_sources(&[SourceFile { name: "editions.yaml".into(), text: twin }]).unwrap_err().to_string();
    assert!(err.contains("editions.yaml:7: duplicate document title and version `测试API V2.0.0.1`"), "{err}");
    let same_source = edit(EDITIONS, "{source: v1,", "{source: v2,");
    let err = load_sources(&[SourceFile { name: "editions.yaml".into(), text: same_source }]).unwrap_err().to_string();
    assert!(err.contains("duplicate document source `v2`"), "{err}");
}

#[test]
fn docs_and_openapi_name_each_endpoints_edition() {
    let api = editions_api(EDITIONS);
    let files = emit::models::files(&api);
    let file = |name: &str| files.iter().find(|f| f.path.ends_with(name)).map(|f| f.contents.as_str()).unwrap();
    let doc_before = |text: &str, item: &str| {
        let at = text.find(item).unwrap_or_else(|| panic!("no `{item}`"));
        text[..at].rsplit("\n\n").next().unwrap_or_default().to_owned()
    };
    let requests = file("requests.rs");
    assert!(
        doc_before(requests, "pub struct ListTemplatesRequest").contains("/// From 测试API V1.0.0.1 (API level 1).")
    );
    assert!(doc_before(requests, "pub struct GetRoomRequest").contains("/// From 测试API V2.0.0.1 (API level 2)."));
    let endpoints = file("endpoints.rs");
    assert!(doc_before(endpoints, "static LIST_TEMPLATES:").contains("/// From 测试API V1.0.0.1 (API level 1)."));
    let openapi = emit::openapi::document(&api);
    let from = &openapi["paths"]["/api/v1/templates"]["get"]["x-source-document"];
    assert_eq!((from["source"].as_str(), from["version"].as_str()), (Some("v1"), Some("V1.0.0.1")));
    assert_eq!(openapi["paths"]["/api/v1/rooms"]["get"]["x-source-document"]["source"], "v2");
}

#[test]
fn a_malformed_document_is_refused_with_its_lines() {
    let api = editions_api(EDITIONS);
    let problems = |doc: &str| match audit_text(&api, doc) {
        Err(AuditError::Unreadable(p)) => p.iter().map(ToString::to_string).collect::<Vec<_>>(),
        other => panic!("expected an unreadable document, got {other:?}"),
    };
    assert_eq!(problems("测试API\nV1.0.0.1\n"), ["line 1: no endpoint found (expected lines such as `名称 …`)"]);
    let (room, rooms) = (line_of(V2, "名称 获取房间"), line_of(V2, "名称 获取房间列表"));
    assert_eq!(
        problems(&edit(V2, "URI /api/v1/rooms\n", "")),
        [format!("line {rooms}: endpoint `获取房间列表` has no URI")]
    );
    assert_eq!(
        problems(&edit(V2, "最低支持版本 2", "最低支持版本 二")),
        [format!("line {}: API level (最低支持版本) `二` is not a number", line_of(V2, "最低支持版本 2"))]
    );
    assert_eq!(
        problems(&edit(V2, "方法 GET", "方法 FETCH")),
        [format!("line {}: method `FETCH` is not GET, POST, PUT or DELETE", line_of(V2, "方法 GET"))]
    );
    assert_eq!(
        problems(&edit(V2, "URI /api/v1/rooms\n", "URI /api/v1/rooms/{id}\n")),
        [format!("line {rooms}: endpoint `获取房间列表` has the method and route of `获取房间` (line {room}): GET /api/v1/rooms/{{id}}")]
    );
}

#[test]
fn no_input_makes_the_audit_panic() {
    // Every cut of the documents, and every one with a line left out: an error or a report, each
    // error naming a line of the text.
    let api = editions_api(EDITIONS);
    // The one-cell-per-line layout, cut anywhere too.
    let cells = "测试API\nV2.0.0.1\n | 名称\n | 获取房间列表\n | URI\n | /api/v1/rooms\n | 方法\n | GET\n\
                 参数说明\n | 参数名称\n | 数据类型\n | 说明\n | account_token*\n | str\n | 登陆token\n\
                 成功回复说明\n | 参数名称\n | 数据类型\n | 说明\n | total\n | int\n | 总数\n | 名称\n | 获取房间\n";
    // Its last endpoint has no URI; the line named is the original's, not the gathered row's.
    let last = cells.lines().enumerate().filter(|(_, l)| *l == " | 名称").last().map(|(i, _)| i + 1).unwrap();
    let Err(AuditError::Unreadable(problems)) = audit_text(&api, cells) else { panic!("no URI") };
    let found: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            format!("line {last}: endpoint `获取房间` has no URI"),
            format!("line {last}: endpoint `获取房间` has no method (方法)")
        ]
    );
    for doc in [V1, V2, DOC, cells] {
        let lines: Vec<&str> = doc.lines().collect();
        let mut variants: Vec<String> = (0..lines.len()).map(|n| lines[..n].join("\n")).collect();
        variants.extend((0..lines.len()).map(|skip| {
            lines.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, l)| *l).collect::<Vec<_>>().join("\n")
        }));
        for text in variants {
            if let Err(AuditError::Unreadable(problems)) = audit_text(&api, &text) {
                let count = text.lines().count().max(1);
                assert!(problems.iter().all(|p| p.line >= 1 && p.line <= count), "{problems:?}");
            }
        }
    }
}

#[test]
fn the_documents_own_defects_are_declared_on_the_endpoint_with_their_line() {
    // The document lists a row the spec leaves out, and wraps get_room's description.
    let doc = doc_edit("start int 起始行\n", "start int 起始行\nparams 请求内容\n").replacen(
        "说明 获取房间信息\n",
        "说明 获取房间\n信息\n",
        1,
    );
    let line = |text: &str| doc.lines().position(|l| l == text).unwrap() + 1;
    let (row, said) = (line("params 请求内容"), line("说明 获取房间"));
    let r = run(SPEC, &doc);
    assert_eq!(found(&r), ["get_room parameters.params: field", "get_room: endpoint"]);

    let declared = |row: usize, said: usize| {
        spec_edit(
            "      {\"success\": 1, \"title\": \"大厅\", \"kind\": 1}\n    failure: Failure",
            &format!(
                "      {{\"success\": 1, \"title\": \"大厅\", \"kind\": 1}}\n    failure: Failure\n    departs:\n      \
                 - {{what: field, at: parameters.params, line: {row}, doc: params 请求内容, why: a GET has no body}}\n      \
                 - {{what: description, line: {said}, doc: 说明 获取房间, why: the description wraps}}"
            ),
        )
    };
    let r = run(&declared(row, said), &doc);
    assert!(r.passes(), "{r}");
    assert_eq!(r.accepted.len(), 2, "{r}");
    assert!(r.to_string().contains("a GET has no body"), "{r}");

    // At another line they excuse nothing: the document moved, and a person looks again.
    let r = run(&declared(row + 1, said), &doc);
    assert_eq!(found(&r), ["get_room parameters.params: field"]);
    let stale: Vec<&str> = r.stale.iter().map(|s| s.declared_on.as_str()).collect();
    assert_eq!(stale, ["get_room parameters.params"]);

    // Once the document is mended, both are stale.
    let r = run(&declared(row, said), DOC);
    assert!(r.differences.is_empty(), "{r}");
    assert_eq!(r.stale.len(), 2, "{r}");
}

#[test]
fn a_field_departure_with_a_line_excuses_that_line_only() {
    let at = DOC.lines().position(|l| l.starts_with("level int 等级")).unwrap() + 1;
    let spec = |line: usize| {
        spec_edit(
            "          desc: 等级 0—16\n",
            &format!(
                "          desc: 等级 0—16\n          departs:\n            - {{what: type, line: {line}, doc: str, why: x}}\n"
            ),
        )
    };
    let doc = doc_edit("level int 等级", "level str 等级");
    assert!(run(&spec(at), &doc).passes());
    let r = run(&spec(at + 3), &doc);
    assert_eq!(found(&r), ["create_room params.level: type"]);
    assert_eq!(r.stale.len(), 1);
}
