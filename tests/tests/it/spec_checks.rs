//! One broken fixture per semantic check: the loader must name the problem and its line, report
//! every problem in one run, and never panic.

use kedacom_mc_codegen::diag::Diagnostics;
use kedacom_mc_codegen::model::{Api, BodyKind, DepartureKind, Method, MethodOverride, ObjectUse, Place, Type};
use kedacom_mc_codegen::spec::{load_dir, load_sources, SourceFile};
use kedacom_mc_tests::{expect_problem, line_of, load_one};

const BASE: &str = include_str!("../../fixtures/rooms.yaml");

fn load(text: &str) -> Result<Api, Diagnostics> {
    load_one("rooms.yaml", text)
}

/// Applies one edit to the fixture and expects a problem containing `message` on the line holding `at`.
#[track_caller]
fn expect(find: &str, replace: &str, message: &str, at: &str) {
    expect_problem("rooms.yaml", BASE, find, replace, message, at);
}

#[test]
fn the_fixture_itself_is_valid() {
    let api = load(BASE).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(api.endpoints.len(), 4);
    assert_eq!(api.errors.len(), 2);
}

#[test]
fn unknown_type() {
    expect(
        "      - name: start\n        type: integer",
        "      - name: start\n        type: int",
        "unknown type `int`",
        "type: int\n",
    );
}

#[test]
fn unknown_enum_reference() {
    expect(
        "          enum: RoomKind\n          only: [0, 1]\n    reply_example",
        "          enum: RoomSize\n          only: [0, 1]\n    reply_example",
        "unknown enum `RoomSize`",
        "enum: RoomSize",
    );
}

#[test]
fn unknown_shape_reference() {
    expect("          ref: Member", "          ref: Person", "unknown shape `Person`", "ref: Person");
}

#[test]
fn unknown_text_rule() {
    expect(
        "          text: room_name",
        "          text: title_rule",
        "unknown text rule `title_rule`",
        "text: title_rule",
    );
}

#[test]
fn duplicate_field() {
    // The second definition is the duplicate.
    expect(
        "        - name: password\n",
        "        - name: level\n",
        "duplicate field in `CreateRoomParams`: `level`",
        "- name: level\n          type: integer",
    );
}

#[test]
fn duplicate_enum_value() {
    expect("{value: 2, id: huge", "{value: 1, id: huge", "duplicate value in enum `RoomKind`: `1`", "id: huge");
}

#[test]
fn duplicate_enum_identifier() {
    expect(
        "{value: 2, id: huge",
        "{value: 2, id: large",
        "duplicate id in enum `RoomKind`: `large`",
        "{value: 2, id: large",
    );
}

#[test]
fn enum_ids_that_collide_after_case_conversion() {
    // `large_2` and `large2` both become the variant `Large2`.
    let text = BASE.replacen("id: large,", "id: large_2,", 1).replacen("id: huge,", "id: large2,", 1);
    let diags = load(&text).unwrap_err();
    let line = line_of(&text, "id: large2");
    assert!(diags.iter().any(|d| d.message.contains("becomes variant `Large2`") && d.line == line), "{diags}");
}

#[test]
fn field_names_that_collide_after_case_conversion() {
    let text = BASE.replacen("        - name: password\n", "        - name: pass_word\n", 1).replacen(
        "        - name: color\n",
        "        - name: passWord\n",
        1,
    );
    let diags = load(&text).unwrap_err();
    assert!(
        diags
            .iter()
            .any(|d| d.message.contains("becomes Rust `pass_word`") && d.line == line_of(&text, "name: passWord")),
        "{diags}"
    );
}

#[test]
fn duplicate_type_names() {
    expect("type_name: Guest", "type_name: Member", "duplicate type name `Member`", "type_name: Member");
}

#[test]
fn type_name_clashing_with_a_request_type() {
    // `get_room` has the request type `GetRoomRequest`.
    expect(
        "type_name: Guest",
        "type_name: GetRoomRequest",
        "duplicate type name `GetRoomRequest`",
        "type_name: GetRoomRequest",
    );
}

#[test]
fn keyword_without_a_safe_mapping() {
    expect("        - name: color\n", "        - name: self\n", "has no raw form; give `rust_name`", "name: self");
}

#[test]
fn keyword_with_a_raw_form_is_accepted() {
    let api = load(&BASE.replacen("        - name: color\n", "        - name: type\n", 1)).unwrap();
    let params = api.object("CreateRoomParams").unwrap();
    assert_eq!(params.field("type").unwrap().rust, "r#type");
}

#[test]
fn missing_english_name_of_an_enum_value() {
    expect(
        "{value: 2, id: huge, label: 巨大}",
        "{value: 2, label: 巨大}",
        "has no English name (`id`)",
        "{value: 2, label: 巨大}",
    );
}

#[test]
fn missing_english_name_of_an_inline_object() {
    expect("          type_name: Guest\n", "", "an inline object needs an English `type_name`", "- name: guests");
}

#[test]
fn required_field_in_a_reply() {
    expect(
        "          desc: 房间id\n    failure",
        "          required: true\n          desc: 房间id\n    failure",
        "replies mark no field required",
        "- name: id",
    );
}

#[test]
fn limit_on_a_non_string() {
    expect(
        "          min: 0\n",
        "          max_bytes: 4\n",
        "`max_bytes` applies to string fields only",
        "max_bytes: 4",
    );
}

#[test]
fn path_parameter_absent_from_the_uri() {
    expect(
        "uri: /api/v1/mc/rooms/{room_id}\n    min_api_level: 2",
        "uri: /api/v1/mc/rooms\n    min_api_level: 2",
        "path parameter `room_id` is not in the URI",
        "- name: room_id",
    );
}

#[test]
fn uri_placeholder_not_declared() {
    expect(
        "uri: /api/v1/mc/room_files/{room_id}",
        "uri: /api/v1/mc/room_files/{room_id}/{file_id}",
        "placeholder {file_id} is not declared",
        "{file_id}",
    );
}

#[test]
fn example_with_a_wrong_type() {
    expect(
        "\"bitrate\": 2048,",
        "\"bitrate\": \"2048\",",
        "contradicts the schema at `bitrate`: expected an integer",
        "\"bitrate\": \"2048\"",
    );
}

#[test]
fn example_with_an_unlisted_enum_value() {
    expect("\"kind\": 1,\n", "\"kind\": 2,\n", "at `kind`: 2 is not an accepted value of RoomKind", "\"kind\": 2,");
}

#[test]
fn example_missing_a_required_field() {
    expect("    \"kind\": 1,\n", "", "at `kind`: required field is missing", "params_example");
}

#[test]
fn example_breaking_a_conditional_requirement() {
    expect("    \"protocols\": [\"sip\"],\n", "", "at `protocols`: required field is missing", "params_example");
}

#[test]
fn example_breaking_the_cross_field_rule() {
    expect(
        "\"bitrate\": 1024}",
        "\"bitrate\": 4096}",
        "at `guests[0].bitrate`: 4096 exceeds `bitrate` (2048)",
        "\"guests\": [{\"name\": \"bob\", \"bitrate\": 4096}]",
    );
}

#[test]
fn example_breaking_a_byte_limit_counted_in_utf8() {
    // Three CJK characters are nine bytes; the limit is six.
    expect("\"name\": \"大厅\",", "\"name\": \"大会厅\",", "9 bytes, more than 6", "\"name\": \"大会厅\"");
}

#[test]
fn example_breaking_a_character_limit() {
    expect(
        "\"title\": \"大厅\"",
        "\"title\": \"大会议厅A\"",
        "5 characters, more than 4",
        "{\"success\": 1, \"title\": \"大会议厅A\"",
    );
}

#[test]
fn example_with_an_undocumented_field() {
    expect(
        "\"success\": 1, \"title\"",
        "\"success\": 1, \"colour\": 3, \"title\"",
        "`colour` is not a field of GetRoomReply",
        "{\"success\": 1, \"colour\"",
    );
}

#[test]
fn example_that_is_not_json() {
    expect("{\"success\": 1, \"title\"", "{success: 1, \"title\"", "reply_example is not JSON", "{success: 1");
}

#[test]
fn example_with_a_key_given_twice() {
    // serde_json would keep the second value and lose the first without a word.
    expect(
        "{\"success\": 1, \"title\": \"大厅\", \"kind\": 1}",
        "{\"success\": 1, \"title\": \"大厅\", \"kind\": 1, \"title\": \"前厅\"}",
        "reply_example is not JSON: the key `title` is given twice in one object",
        "\"前厅\"",
    );
}

#[test]
fn subset_value_outside_the_enum() {
    expect(
        "enum: RoomKind\n          only: [0, 1]\n        - name: protocols",
        "enum: RoomKind\n          only: [0, 7]\n        - name: protocols",
        "`only` lists 7, which enum `RoomKind` does not have",
        "only: [0, 7]",
    );
}

#[test]
fn override_of_a_field_the_shape_lacks() {
    expect(
        "overrides: {name: {desc: 所有者名称}}",
        "overrides: {nick: {desc: 所有者名称}}",
        "override names field `nick`",
        "overrides: {nick",
    );
}

#[test]
fn rule_naming_an_unknown_field() {
    expect("fields: [protocols]", "fields: [protocol]", "rule names field `protocol`", "- required_if:");
}

#[test]
fn misspelt_attribute_is_not_ignored() {
    expect("          max_bytes: 6\n", "          max_byte: 6\n", "unknown field `max_byte`", "max_byte: 6");
}

#[test]
fn yaml_syntax_error_has_its_line() {
    expect("    method: DELETE\n", "\tmethod: DELETE\n", "not a valid spec file", "\tmethod: DELETE");
}

#[test]
fn duplicate_operation_and_error_code() {
    expect(
        "operation: delete_room",
        "operation: create_room",
        "duplicate operation `create_room`",
        "operation: create_room\n    name: 删除房间",
    );
    expect("{code: 10002", "{code: 10001", "duplicate error code `10001`", "token认证失败");
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let text = BASE
        .replacen("          ref: Member", "          ref: Person", 1)
        .replacen("          min: 0\n", "          max_bytes: 4\n", 1)
        .replacen("{value: 2, id: huge, label: 巨大}", "{value: 2, label: 巨大}", 1);
    let diags = load(&text).unwrap_err();
    assert!(diags.0.len() >= 3, "{diags}");
    let text = diags.to_string();
    for m in ["unknown shape `Person`", "`max_bytes` applies to string fields only", "has no English name"] {
        assert!(text.contains(m), "missing `{m}` in:\n{text}");
    }
}

#[test]
fn garbage_never_panics() {
    let inputs = [
        "",
        "\u{0}\u{1}\u{2}",
        "[1, 2",
        "endpoints: 3",
        "- - - -",
        "api: {title: [",
        "enums:\n  - name: X\n    values: 7",
        "\u{feff}",
        "\u{feff}\u{feff}errors: []",
        "errors: *nowhere",
        "&a [*a]",
        "? [errors, enums]\n: []\n? {a: 1}\n: 2\n? [errors, enums]\n: []",
        "errors:\n\t- {code: 1}",
        "errors: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    ];
    for input in inputs {
        assert!(load(input).is_err(), "`{input:?}` must be rejected");
    }
    // Every prefix of a valid spec is either valid or rejected with diagnostics, never a panic.
    for (i, _) in BASE.char_indices().step_by(97) {
        let _ = load(&BASE[..i]);
    }
}

fn load_files(files: &[(&str, &str)]) -> Result<Api, Diagnostics> {
    let files: Vec<SourceFile> =
        files.iter().map(|(name, text)| SourceFile { name: (*name).into(), text: (*text).into() }).collect();
    load_sources(&files)
}

#[test]
fn duplicate_key_in_a_field() {
    // serde alone names the enclosing mapping's line for a repeated struct field.
    let text = BASE.replacen("          desc: 等级 0—16\n", "          desc: 等级 0—16\n          desc: 级别\n", 1);
    let diags = load(&text).unwrap_err();
    let (first, line) = (line_of(&text, "desc: 等级"), line_of(&text, "desc: 级别"));
    let want =
        format!("rooms.yaml:{line}: duplicate key `desc` in `endpoints[1].params.fields[2]` (first on line {first})");
    assert!(diags.iter().any(|d| d.to_string() == want), "{diags}");
    assert!(!diags.iter().any(|d| d.message.contains("duplicate field")), "{diags}");
}

#[test]
fn duplicate_top_level_section() {
    let text = format!("{BASE}\nerrors:\n  - {{code: 10003, message: 其他}}\n");
    let diags = load(&text).unwrap_err();
    let line = line_of(&text, "\nerrors:\n  - {code: 10003") + 1;
    assert!(
        diags.iter().any(|d| d.message.starts_with("duplicate key `errors` (first on line") && d.line == line),
        "{diags}"
    );
}

#[test]
fn duplicate_keys_in_maps_are_not_merged() {
    // `labels`, `overrides` and `wire` are maps, where serde would silently keep the last entry.
    expect(
        "          only: [0, 1]\n    reply_example",
        "          only: [0, 1]\n          labels:\n            0: 小型\n            0: 微型\n    reply_example",
        "duplicate key `0` in `endpoints[0].reply.fields[2].labels` (first on line",
        "0: 微型",
    );
    expect(
        "          overrides: {name: {desc: 所有者名称}}\n",
        "          overrides:\n            name: {desc: 所有者名称}\n            name: {desc: 主人名称}\n",
        "duplicate key `name` in `endpoints[1].params.fields[8].overrides`",
        "name: {desc: 主人名称}",
    );
    expect(
        "    debug_query: debug=1\n",
        "    debug_query: debug=1\n    debug_query: x=1\n",
        "duplicate key `debug_query`",
        "x=1",
    );
}

#[test]
fn empty_spec_files_are_rejected() {
    for empty in ["", "\n\n", "# resource group moved elsewhere\n\n# nothing here\n", "---\n", "endpoints: []\n"] {
        let diags = load_files(&[("rooms.yaml", BASE), ("empty.yaml", empty)]).unwrap_err();
        let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            ["empty.yaml:1: empty spec file: it defines nothing (no section, or only comments or empty lists)"],
            "{empty:?}"
        );
    }
}

#[test]
fn byte_order_mark_is_accepted_and_lines_stay_right() {
    let api = load(&format!("\u{feff}{BASE}")).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(api.endpoints.len(), 4);
    // A problem found by the checker (lines from the event index) …
    let text = format!("\u{feff}{}", BASE.replacen("          ref: Member", "          ref: Person", 1));
    let diags = load(&text).unwrap_err();
    assert!(
        diags.iter().any(|d| d.message.contains("unknown shape") && d.line == line_of(&text, "ref: Person")),
        "{diags}"
    );
    // … and one found by serde.
    let text = format!("\u{feff}{}", BASE.replacen("          max_bytes: 6\n", "          max_byte: 6\n", 1));
    let diags = load(&text).unwrap_err();
    assert!(
        diags.iter().any(|d| d.message.contains("unknown field `max_byte`") && d.line == line_of(&text, "max_byte: 6")),
        "{diags}"
    );
}

#[test]
fn tab_in_indentation_is_named() {
    expect("    method: DELETE\n", "\tmethod: DELETE\n", "a tab in the indentation", "\tmethod: DELETE");
    expect(
        "        desc: 起始行\n",
        "        desc: 起始行\n\t\tdefault: 1\n",
        "a tab in the indentation",
        "\t\tdefault: 1",
    );
}

#[test]
fn alias_bomb_is_rejected_quickly_and_names_its_file() {
    // Nine levels of nine aliases each would expand to 9^9 strings.
    let mut bomb = String::from("        default:\n          a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for w in ["a", "b", "c", "d", "e", "f", "g", "h", "i"].windows(2) {
        let aliases = vec![format!("*{}", w[0]); 9].join(", ");
        bomb.push_str(&format!("          {}: &{} [{aliases}]\n", w[1], w[1]));
    }
    let text = BASE.replacen("        default: 0\n", &bomb, 1);
    assert!(text.contains("*h, *h"), "the bomb is in place");
    let diags = load(&text).unwrap_err();
    assert!(
        diags.iter().any(|d| d.file == "rooms.yaml" && d.line == 1 && d.message.contains("repetition limit exceeded")),
        "{diags}"
    );
}

#[test]
fn deep_nesting_is_rejected_quickly() {
    // serde_yaml needs time quadratic in the depth before it gives up; the loader must not wait for it.
    let deep = format!("        default: {}\n", "[".repeat(100_000));
    expect("        default: 0\n", &deep, "nested too deeply", "default: [[");
}

/// A fresh spec folder holding `files` (name, bytes).
fn spec_dir(test: &str, files: &[(&str, &[u8])]) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    dir
}

#[test]
fn invalid_utf8_is_reported_at_its_line() {
    let mut latin1 = b"# moved here\nerrors:\n  - {code: 10003, message: \"".to_vec();
    latin1.extend_from_slice(&[0xE9, 0x22, 0x7D, 0x0A]);
    let dir = spec_dir("invalid_utf8", &[("rooms.yaml", BASE.as_bytes()), ("more.yaml", &latin1)]);
    let diags = load_dir(&dir).unwrap_err();
    let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert_eq!(shown, ["more.yaml:3: not valid UTF-8 (byte 0xE9); save the file as UTF-8"]);
}

#[test]
fn byte_order_mark_in_a_file_on_disk() {
    let text = BASE.replacen("      - name: start\n        type: integer", "      - name: start\n        type: int", 1);
    let bytes = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    let diags = load_dir(&spec_dir("bom", &[("rooms.yaml", &bytes)])).unwrap_err();
    let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
    let line = line_of(&text, "type: int\n");
    assert_eq!(
        shown,
        [format!("rooms.yaml:{line}: field `start`: unknown type `int` (string, integer, object, array, file)")]
    );
}

#[test]
fn shape_that_contains_itself() {
    let deputy =
        "        enum: RoomKind\n      - name: deputy\n        type: object\n        desc: 代理\n        ref: Member\n";
    expect(
        "        enum: RoomKind\n\nendpoints:",
        &format!("{deputy}\nendpoints:"),
        "shape cycle: Member → Member (an object may contain itself only through a list)",
        "ref: Member\n\nendpoints:",
    );
}

#[test]
fn shape_cycle_through_an_inline_object() {
    // Member → Crew (inline) → Team → Member, every use direct.
    let more = "        enum: RoomKind
      - name: crew
        type: object
        desc: 团队
        type_name: Crew
        fields:
          - name: team
            type: object
            desc: 小组
            ref: Team
  - name: Team
    desc: 小组
    fields:
      - name: lead
        type: object
        desc: 组长
        ref: Member

endpoints:";
    expect(
        "        enum: RoomKind\n\nendpoints:",
        more,
        "shape cycle: Member → Crew → Team → Member",
        "ref: Member\n\nendpoints:",
    );
}

#[test]
fn a_shape_may_hold_itself_through_a_list() {
    // A cascade lists the cascades under it: Member → (list) Member, and Member → Crew → (list) Member.
    let more = "        enum: RoomKind
      - name: deputies
        type: array
        desc: 代理
        ref: Member
      - name: crew
        type: object
        desc: 团队
        type_name: Crew
        fields:
          - name: members
            type: array
            desc: 成员
            ref: Member

endpoints:";
    let api = load(&BASE.replacen("        enum: RoomKind\n\nendpoints:", more, 1)).unwrap_or_else(|d| panic!("{d}"));
    let member = api.object("Member").unwrap();
    assert_eq!(member.field("deputies").unwrap().ty, Type::Array(Box::new(Type::Object(ObjectUse::plain("Member")))));
    // The audit shows the list once, as the document does, rather than following it forever.
    let doc = include_str!("../../fixtures/rooms-doc.txt");
    let report = kedacom_mc_codegen::audit::audit(&api, &kedacom_mc_codegen::audit::parse_document(doc), "mc");
    let shown: Vec<&str> = report.differences.iter().map(|d| d.place.as_str()).collect();
    assert!(shown.contains(&"create_room params.owner.deputies"), "{report}");
    assert!(!shown.iter().any(|p| p.contains("deputies.deputies.")), "{report}");
}

#[test]
fn limits_must_be_positive() {
    expect(
        "          max_bytes: 6\n",
        "          max_bytes: 0\n",
        "`max_bytes` must be positive, not 0",
        "max_bytes: 0",
    );
    expect(
        "          max_chars: 4\n",
        "          max_chars: -4\n",
        "`max_chars` must be positive, not -4",
        "max_chars: -4",
    );
    expect(
        "        max_file_bytes: 1048576\n",
        "        max_file_bytes: 0\n",
        "`max_file_bytes` must be positive",
        "max_file_bytes: 0",
    );
    expect(
        "          format: rgb_hex\n",
        "          telephone:\n            area_code: 4\n            number: 0\n            extension: 10\n",
        "`telephone.number` must be positive, not 0",
        "number: 0",
    );
}

#[test]
fn default_outside_what_the_field_accepts() {
    let kind = "          enum: RoomKind\n          only: [0, 1]\n        - name: protocols";
    let with_default = |d: &str| kind.replacen("only: [0, 1]\n", &format!("only: [0, 1]\n          default: {d}\n"), 1);
    expect(kind, &with_default("7"), "default 7 is not a value of enum `RoomKind`", "default: 7");
    expect(kind, &with_default("2"), "default 2 is not among the values this field lists (`only`)", "default: 2");
    expect(
        "          max: 16\n",
        "          max: 16\n          default: 17\n",
        "default 17 is above its max 16",
        "default: 17",
    );
    expect(
        "          min: 0\n",
        "          min: 0\n          default: -1\n",
        "default -1 is below its min 0",
        "default: -1",
    );
    expect(
        "          desc: 码率\n",
        "          desc: 码率\n          one_of: [1024, 2048]\n          default: 4096\n",
        "default 4096 is not one of [1024, 2048]",
        "default: 4096",
    );
    expect(
        "          switch: [否, 是]\n",
        "          switch: [否, 是]\n          default: 2\n",
        "default 2 is not 0 or 1",
        "default: 2",
    );
}

#[test]
fn text_default_breaking_the_field_rules() {
    let name = "          max_bytes: 6\n          text: room_name\n";
    let with = |d: &str| format!("{name}          default: {d}\n");
    expect(name, &with("大厅一"), "field `name`: default \"大厅一\": 9 bytes, more than 6", "default: 大厅一");
    expect(name, &with("\"_a\""), "default \"_a\": `_` may not be the first or last character", "default: \"_a\"");
    expect(name, &with("\"a%\""), "default \"a%\": character `%` is not allowed by room_name", "default: \"a%\"");
    expect(
        "          format: rgb_hex\n",
        "          format: rgb_hex\n          default: \"#12345\"\n",
        "field `color`: default \"#12345\": `#12345` is not a #RRGGBB colour",
        "default: \"#12345\"",
    );
    // A default the field accepts loads.
    load(&BASE.replacen(name, &with("大厅"), 1)).unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn override_leaving_out_the_default() {
    let text = BASE
        .replacen("        enum: RoomKind\n\nendpoints:", "        enum: RoomKind\n        default: 0\n\nendpoints:", 1)
        .replacen("overrides: {name: {desc: 所有者名称}}", "overrides: {kind: {only: [1, 2]}}", 1)
        .replacen("\"owner\": {\"name\": \"amy\", \"kind\": 0}", "\"owner\": {\"name\": \"amy\", \"kind\": 1}", 1);
    let diags = load(&text).unwrap_err();
    let line = line_of(&text, "overrides: {kind");
    assert!(
        diags.iter().any(|d| d.line == line && d.message.contains("`only` leaves out the field's default 0")),
        "{diags}"
    );
}

#[test]
fn routes_differing_only_in_placeholder_names() {
    // delete_room is DELETE /api/v1/mc/rooms/{room_id}; a second DELETE on the same route:
    let second = "    failure: Failure

  - operation: remove_room
    name: 移除房间
    description: 移除房间
    method: DELETE
    uri: /api/v1/mc/rooms/{id}
    min_api_level: 1
    source: mc
    path:
      - {name: id, type: string, desc: 房间id}
    failure: Failure

  - operation: upload_room_file";
    let text = BASE.replacen("    failure: Failure\n\n  - operation: upload_room_file", second, 1);
    let diags = load(&text).unwrap_err();
    let want = format!(
        "rooms.yaml:{}: `remove_room`: DELETE /api/v1/mc/rooms/{{id}} is the same route as `delete_room` \
         (DELETE /api/v1/mc/rooms/{{room_id}}, at rooms.yaml:{}); placeholder names do not tell routes apart",
        line_of(&text, "uri: /api/v1/mc/rooms/{id}"),
        line_of(&text, "uri: /api/v1/mc/rooms/{room_id}\n    min_api_level: 1"),
    );
    let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert_eq!(shown, [want]);
    // The same route with the same name is a plain duplicate.
    let text = text.replacen("/api/v1/mc/rooms/{id}", "/api/v1/mc/rooms/{room_id}", 1).replacen(
        "{name: id, type",
        "{name: room_id, type",
        1,
    );
    let diags = load(&text).unwrap_err();
    assert!(
        diags.iter().any(|d| d.message.contains("duplicate endpoint `DELETE /api/v1/mc/rooms/{room_id}`")),
        "{diags}"
    );
}

#[test]
fn unknown_departure_kind() {
    expect(
        "          desc: 等级 0—16\n",
        "          desc: 等级 0—16\n          departs:\n            - what: wording\n              doc: 级别\n              why: x\n",
        "departure kind `wording` is not one of field, type, required, enum, limit, desc, format",
        "what: wording",
    );
}

// The wire facts the loader works out for each endpoint, and the wire settings it refuses.

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
        "a method_override parameter belongs to a DELETE or PUT endpoint",
        "- name: _method",
    );
    expect(
        "    method: POST\n    uri: /api/v1/mc/room_files/{room_id}",
        "    method: GET\n    uri: /api/v1/mc/room_files/{room_id}",
        "a file is uploaded with POST, not GET",
        "    method: GET\n    uri: /api/v1/mc/room_files",
    );
}

/// The fixture's `delete_room`, turned into another endpoint by `edit` (method, URI, parameters).
fn with_endpoint(edit: &[(&str, &str)]) -> String {
    let start = BASE.find("  - operation: delete_room").unwrap();
    let end = BASE.find("  - operation: upload_room_file").unwrap();
    let mut extra = BASE[start..end].replacen("delete_room", "changed_room", 1).replacen("删除房间", "改房间", 2);
    for (find, replace) in edit {
        assert!(extra.contains(find), "delete_room lacks `{find}`");
        extra = extra.replacen(find, replace, 1);
    }
    format!("{}{extra}{}", &BASE[..end], &BASE[end..])
}

const PARAMS_BODY: &str = "      - name: params
        desc: 请求内容
        role: params
    params:
      type_name: ChangeRoomParams
      fields:
        - name: kind
          type: integer
          required: true
          desc: 类型
          enum: RoomKind
    failure: Failure";

#[test]
fn put_takes_the_put_fallback_and_its_body_as_a_form() {
    let text = with_endpoint(&[
        (
            "method: DELETE\n    uri: /api/v1/mc/rooms/{room_id}",
            "method: PUT\n    uri: /api/v1/mc/rooms/{room_id}/kind",
        ),
        ("value: DELETE", "value: PUT"),
        ("    failure: Failure", PARAMS_BODY),
    ]);
    let api = load(&text).unwrap_or_else(|d| panic!("{d}"));
    let e = api.endpoints.iter().find(|e| e.operation == "changed_room").unwrap();
    assert_eq!(e.method, Method::Put);
    assert_eq!((e.wire.token, e.wire.fields, e.wire.body), (Some(Place::Body), Place::Body, BodyKind::ParamsForm));
    assert_eq!(e.wire.method_override, Some(MethodOverride { param: "_method".into(), value: "PUT".into() }));
    // A PUT's fallback says PUT: with DELETE, the platform would delete instead.
    let wrong = text.replacen("value: PUT", "value: DELETE", 1);
    let diags = load(&wrong).unwrap_err();
    assert!(diags.iter().any(|d| d.message.contains("method_override value must be PUT, not `DELETE`")), "{diags}");
}

#[test]
fn a_delete_with_params_sends_them_as_a_form_body() {
    let text = with_endpoint(&[
        ("uri: /api/v1/mc/rooms/{room_id}", "uri: /api/v1/mc/rooms/{room_id}/guests"),
        ("    failure: Failure", PARAMS_BODY),
    ]);
    let api = load(&text).unwrap_or_else(|d| panic!("{d}"));
    let wire = |op: &str| api.endpoints.iter().find(|e| e.operation == op).unwrap().wire.clone();
    let with_body = wire("changed_room");
    assert_eq!(
        (with_body.token, with_body.fields, with_body.body),
        (Some(Place::Body), Place::Body, BodyKind::ParamsForm)
    );
    assert_eq!(with_body.method_override.map(|m| m.value), Some("DELETE".into()));
    // Without a body a DELETE keeps its parameters in the query.
    let plain = wire("delete_room");
    assert_eq!((plain.token, plain.fields, plain.body), (Some(Place::Query), Place::Query, BodyKind::None));
}

#[test]
fn an_asynchronous_call_records_the_documents_words() {
    let text = with_endpoint(&[
        ("uri: /api/v1/mc/rooms/{room_id}", "uri: /api/v1/mc/rooms/{room_id}/all"),
        ("description: 改房间", "description: 改房间,添加为同步操作,上线为异步操作\n    async: 上线为异步操作"),
    ]);
    let api = load(&text).unwrap_or_else(|d| panic!("{d}"));
    let e = api.endpoints.iter().find(|e| e.operation == "changed_room").unwrap();
    assert_eq!(e.asynchronous.as_deref(), Some("上线为异步操作"));
    assert!(e.asynchrony_note().unwrap().contains("only means the platform accepted"));
    // Words of its own are not the document's.
    let made_up = text.replacen("async: 上线为异步操作", "async: 稍后完成", 1);
    let diags = load(&made_up).unwrap_err();
    let line = line_of(&made_up, "async: 稍后完成");
    assert!(
        diags.iter().any(|d| d.message.contains("`async` must quote the description") && d.line == line),
        "{diags}"
    );
    // A description that says 异步 needs them: otherwise the call would read as done when it replies.
    let unmarked = text.replacen("\n    async: 上线为异步操作", "", 1);
    let diags = load(&unmarked).unwrap_err();
    let line = line_of(&unmarked, "description: 改房间,添加");
    assert!(diags.iter().any(|d| d.message.contains("record its words with `async:`") && d.line == line), "{diags}");
}

#[test]
fn endpoint_departures_name_their_place_and_document_line() {
    let departs = "    departs:
      - {what: field, at: parameters.params, line: 120, doc: params 请求内容, why: a GET has no body}
      - {what: description, line: 118, doc: 说明 改房间, why: the description wraps}
      - {what: example, at: reply_example, line: 125, doc: '{', why: the example is cut short}
    failure: Failure";
    let text = with_endpoint(&[
        ("uri: /api/v1/mc/rooms/{room_id}", "uri: /api/v1/mc/rooms/{room_id}/x"),
        ("    failure: Failure", departs),
    ]);
    let api = load(&text).unwrap_or_else(|d| panic!("{d}"));
    let e = api.endpoints.iter().find(|e| e.operation == "changed_room").unwrap();
    let kinds: Vec<_> = e.departs.iter().map(|d| (d.departure.what, d.at.as_deref(), d.departure.line)).collect();
    assert_eq!(
        kinds,
        [
            (DepartureKind::Field, Some("parameters.params"), Some(120)),
            (DepartureKind::Description, None, Some(118)),
            (DepartureKind::Example, Some("reply_example"), Some(125)),
        ]
    );
    for (find, replace, message) in [
        ("at: parameters.params", "at: params", "is `at` a table and field"),
        ("at: reply_example", "at: answer_example", "an example departure is `at` one of"),
        ("{what: description, line", "{what: description, at: reply.x, line", "the description has no `at`"),
        ("line: 120", "line: 0", "counts from 1"),
        ("what: field, at", "what: wording, at", "departure kind `wording` is not one of"),
    ] {
        let broken = text.replacen(find, replace, 1);
        let diags = load(&broken).unwrap_err();
        assert!(diags.iter().any(|d| d.message.contains(message) && d.line == line_of(&broken, replace)), "{diags}");
    }
    // On a field, only the ways a field is compared.
    expect(
        "          desc: 等级 0—16\n",
        "          desc: 等级 0—16\n          departs:\n            - what: description\n              doc: 级别\n              why: x\n",
        "departure kind `description` is not one of field, type",
        "what: description",
    );
}

#[test]
fn operations_must_not_make_one_name() {
    // `get_room1` and `get_room_1` are two ids, but one request type and one static.
    let text = with_endpoint(&[("uri: /api/v1/mc/rooms/{room_id}", "uri: /api/v1/mc/rooms1/{room_id}")])
        .replacen("operation: changed_room", "operation: get_room1", 1)
        .replacen("operation: get_room\n", "operation: get_room_1\n", 1);
    let diags = load(&text).unwrap_err();
    let line = line_of(&text, "operation: get_room1");
    assert!(
        diags.iter().any(|d| d.line == line
            && d.message.contains(
                "operation `get_room1` makes the request type `GetRoom1Request`, as operation `get_room_1` does"
            )),
        "{diags}"
    );
}

#[test]
fn a_duplicate_parameter_is_reported_at_its_own_line() {
    let path = "    path:\n      - name: room_id\n        type: string\n        desc: 房间id\n    parameters:\n      - name: account_token\n        type: string\n        required: true\n        desc: 登陆token\n        role: token\n      - name: start";
    assert!(BASE.contains(path));
    // Twice in the path: the second one is the duplicate.
    let twice = path.replacen(
        "        desc: 房间id\n",
        "        desc: 房间id\n      - name: room_id\n        type: string\n        desc: 又一个\n",
        1,
    );
    let text = BASE.replacen(path, &twice, 1);
    let diags = load(&text).unwrap_err();
    let first = line_of(&text, "- name: room_id");
    let second = line_of(&text, "- name: room_id\n        type: string\n        desc: 又一个");
    let wanted = format!("duplicate parameter of `get_room`: `room_id` (first defined at rooms.yaml:{first})");
    assert!(diags.iter().any(|d| d.message == wanted && d.line == second), "{diags}");
    // A parameter named as a path placeholder: reported at the parameter.
    let text = BASE.replacen("      - name: start\n", "      - name: room_id\n", 1);
    let diags = load(&text).unwrap_err();
    let at = line_of(&text, "      - name: room_id\n        type: integer");
    assert!(diags.iter().any(|d| d.message.contains("duplicate parameter of `get_room`: `room_id`") && d.line == at));
}

fn endpoint<'a>(api: &'a Api, operation: &str) -> &'a kedacom_mc_codegen::model::Endpoint {
    api.endpoints.iter().find(|e| e.operation == operation).unwrap_or_else(|| panic!("no {operation}"))
}

#[test]
fn what_a_call_needs_follows_its_token_and_the_session_key() {
    use kedacom_mc_codegen::model::SessionNeed;
    let api = load(BASE).unwrap_or_else(|d| panic!("{d}"));
    assert!(api.endpoints.iter().all(|e| e.session == SessionNeed::Login));

    let token = "    parameters:\n      - name: account_token\n        type: string\n        required: true\n        desc: 登陆token\n        role: token\n      - name: start";
    let no_token = BASE.replacen(token, "    parameters:\n      - name: start", 1);
    let api = load(&no_token).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(endpoint(&api, "get_room").session, SessionNeed::None);

    let text = BASE.replacen("    uri: /api/v1/mc/rooms\n", "    uri: /api/v1/mc/rooms\n    session: token\n", 1);
    let api = load(&text).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(endpoint(&api, "create_room").session, SessionNeed::Token);

    let text = no_token.replacen("    min_api_level: 2\n", "    min_api_level: 2\n    session: token\n", 1);
    let diags = load(&text).unwrap_err();
    let line = line_of(&text, "session: token");
    assert!(
        diags.iter().any(|d| d.line == line
            && d.message == "`get_room`: `session: token` on an endpoint that takes no token parameter"),
        "{diags}"
    );
    expect(
        "    min_api_level: 2\n",
        "    min_api_level: 2\n    session: cookie\n",
        "unknown session `cookie`",
        "session: cookie",
    );
}

#[test]
fn aliases_are_other_routes_to_the_same_endpoint() {
    let with = |aliases: &str| {
        BASE.replacen("    min_api_level: 2\n", &format!("    min_api_level: 2\n    aliases:\n{aliases}"), 1)
    };
    let good = with("      - {uri: \"/api/v2/rooms/{room_id}\", why: 用法说明第9行}\n");
    let api = load(&good).unwrap_or_else(|d| panic!("{d}"));
    let aliases = &endpoint(&api, "get_room").aliases;
    assert_eq!(aliases.iter().map(|a| a.uri.as_str()).collect::<Vec<_>>(), ["/api/v2/rooms/{room_id}"]);

    let cases = [
        ("api/v2/rooms/{room_id}", "", "must start with /"),
        ("/api/v1/mc/rooms/{room_id}", "", "is the endpoint's own URI"),
        ("/api/v2/rooms/{id}", "", "must have the placeholders of the URI /api/v1/mc/rooms/{room_id}"),
        ("/api/v2/rooms", "", "must have the placeholders"),
        (
            "/api/v2/rooms/{room_id}",
            "      - {uri: \"/api/v2/rooms/{room_id}\", why: 又一次}\n",
            "duplicate endpoint `GET /api/v2/rooms/{room_id}`",
        ),
    ];
    for (uri, more, message) in cases {
        let text = with(&format!("      - {{uri: \"{uri}\", why: 用法说明第9行}}\n{more}"));
        let diags = load(&text).unwrap_err();
        let line = if more.is_empty() { line_of(&text, "why: 用法说明") } else { line_of(&text, "why: 又一次") };
        assert!(diags.iter().any(|d| d.message.contains(message) && d.line == line), "{uri}: {diags}");
    }
    let text = with("      - {uri: \"/api/v2/rooms/{room_id}\", why: \"\"}\n");
    let diags = load(&text).unwrap_err();
    assert!(diags.iter().any(|d| d.message.contains("needs a `why` naming the document line")), "{diags}");
}

/// The fixture with a version call that a document's `level_from` can name.
fn with_version_call(level_from: &str) -> String {
    let version = "  - operation: get_version\n    name: 版本\n    description: 获取版本\n    method: GET\n    uri: /api/mc/version\n    min_api_level: 1\n    source: mc\n    reply:\n      type_name: GetVersionReply\n      fields:\n        - {name: api_level, type: integer, desc: 版本标识}\n    failure: Failure\n\nerrors:";
    BASE.replacen("\nerrors:", &format!("\n{version}"), 1).replacen(
        "api_level: 3}",
        &format!("api_level: 3, level_from: {level_from}}}"),
        1,
    )
}

#[test]
fn level_from_names_a_call_that_reports_the_level() {
    let api = load(&with_version_call("get_version")).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(api.documents[0].level_from.as_deref(), Some("get_version"));
    let cases = [
        ("get_nothing", "document `mc`: level_from `get_nothing` is not an operation"),
        ("get_room", "document `mc`: level_from `get_room` must be callable before logging in, with no parameters"),
        ("get_room", "document `mc`: level_from `get_room` has no integer `api_level` in its reply"),
    ];
    for (op, message) in cases {
        let text = with_version_call(op);
        let diags = load(&text).unwrap_err();
        let line = line_of(&text, "level_from");
        assert!(diags.iter().any(|d| d.message == message && d.line == line), "{op}: {diags}");
    }
}

#[test]
fn error_roles_name_constants_and_say_why() {
    let row = "  - {code: 10002, message: token认证失败}";
    let with = |replacement: &str| BASE.replacen(row, replacement, 1);
    let good =
        with("  - {code: 10002, message: token认证失败, role: token_invalid, session_expired: true, why: 令牌失效}");
    let api = load(&good).unwrap_or_else(|d| panic!("{d}"));
    let role = api.errors.iter().find_map(|e| e.role.as_ref()).expect("a role");
    assert_eq!((role.name.as_str(), role.why.as_str(), role.session_expired), ("token_invalid", "令牌失效", true));

    let cases = [
        ("role: token_invalid", "role `token_invalid` needs a `why`"),
        ("role: TokenInvalid, why: 令牌", "role `TokenInvalid` must be snake_case ASCII"),
        ("why: 令牌", "`why` explains a `role`, and the row has none"),
        ("session_expired: true", "`session_expired` marks a row with a `role`, and the row has none"),
    ];
    for (keys, message) in cases {
        let text = with(&format!("  - {{code: 10002, message: token认证失败, {keys}}}"));
        let diags = load(&text).unwrap_err();
        let line = line_of(&text, "token认证失败");
        assert!(diags.iter().any(|d| d.message.contains(message) && d.line == line), "{keys}: {diags}");
    }
    let text = BASE
        .replacen(
            "  - {code: 10001, message: 软件认证失败}",
            "  - {code: 10001, message: 软件认证失败, role: auth, why: 一}",
            1,
        )
        .replacen(row, "  - {code: 10002, message: token认证失败, role: auth, why: 二}", 1);
    let diags = load(&text).unwrap_err();
    assert!(diags
        .iter()
        .any(|d| d.message.contains("duplicate error role `auth`") && d.line == line_of(&text, "why: 二")));
    expect(row, "  - {code: 10002, message: token认证失败, roles: x}", "unknown field `roles`", "roles: x");
}

#[test]
fn a_default_is_for_scalars() {
    expect(
        "          ref: Member\n          overrides: {name: {desc: 所有者名称}}",
        "          ref: Member\n          default: {name: x}\n          overrides: {name: {desc: 所有者名称}}",
        "default {\"name\":\"x\"} does not fit its type (defaults are for strings, integers, switches, enums, and `[]` for lists)",
        "default: {name: x}",
    );
}

#[test]
fn file_types_name_an_enum_on_a_file_field() {
    let file = "        type: file\n        required: true\n        desc: 文件\n        max_file_bytes: 1048576\n";
    assert!(BASE.contains(file), "fixture lacks the file field");
    let with = |extra: &str| BASE.replacen(file, &format!("{file}{extra}"), 1);
    let api = load(&with("        file_types: Protocol\n")).unwrap_or_else(|d| panic!("{d}"));
    let upload = endpoint(&api, "upload_room_file");
    let limits = &upload.caller_parameters().find(|p| p.wire == "file").unwrap().limits;
    assert_eq!(api.file_extensions(limits), Some(vec!["SIP协议".to_owned(), "H323协议".to_owned()]));
    let text = with("        file_types: Extension\n");
    let diags = load(&text).unwrap_err();
    let line = line_of(&text, "file_types: Extension");
    assert!(
        diags.iter().any(|d| d.message.contains("file_types: unknown enum `Extension`") && d.line == line),
        "{diags}"
    );
    expect(
        "          desc: 颜色\n",
        "          desc: 颜色\n          file_types: Protocol\n",
        "field `color`: `file_types` applies to file fields only",
        "file_types: Protocol",
    );
}
