//! The push section, the channels and the endpoints' `outcome`: one broken fixture per check, each
//! problem named with its file and line.

use kedacom_mc_codegen::diag::Diagnostics;
use kedacom_mc_codegen::model::{Api, MessageKind, PlaceholderFormat};
use kedacom_mc_codegen::spec::{load_sources, SourceFile};
use kedacom_mc_tests::{expect_problem, line_of, load_one};

const BASE: &str = include_str!("../../fixtures/channels.yaml");

fn load(text: &str) -> Result<Api, Diagnostics> {
    load_one("channels.yaml", text)
}

/// Applies one edit to the fixture and expects a problem containing `message` on the line holding `at`.
#[track_caller]
fn expect(find: &str, replace: &str, message: &str, at: &str) {
    expect_problem("channels.yaml", BASE, find, replace, message, at);
}

#[test]
fn the_fixture_itself_is_valid() {
    let api = load(BASE).unwrap_or_else(|d| panic!("{d}"));
    let push = api.push.as_ref().unwrap();
    assert_eq!((push.prefix_placeholder.as_str(), push.method(MessageKind::Notify)), ("domain_id", "notify"));
    let ids: Vec<&str> = api.channels.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["room", "seat", "hand"]);
    let room = api.channel("room").unwrap();
    assert_eq!(room.kinds(), [MessageKind::Update, MessageKind::Delete, MessageKind::Notify]);
    assert_eq!(push.pattern(room), "/userdomains/{domain_id}/rooms/{room_id}");
    assert_eq!(api.channel("seat").unwrap().placeholders[1].format, PlaceholderFormat::DigitsUnderscores);
    // A notification is an object like any other, so its message is typed.
    assert!(api.object("RoomFailedNotice").is_some() && api.object("HandSeat").is_some());
    let open = api.endpoint("open_room").unwrap().outcome.as_ref().unwrap();
    assert_eq!((open.channel.as_deref(), open.failure.as_deref()), (Some("room"), Some("room")));
}

#[test]
fn an_update_names_an_existing_get_whose_placeholders_the_channel_has() {
    expect(
        "operation: get_room}",
        "operation: fetch_room}",
        "channel `room`: update: unknown operation `fetch_room`",
        "operation: fetch_room}",
    );
    expect(
        "operation: get_room}",
        "operation: open_room}",
        "update: `open_room` is POST, not a GET",
        "operation: open_room}",
    );
    // `close_room`'s path has {room_id}, which `hand` has; a GET with a placeholder the channel lacks:
    let text = BASE.replacen("uri: /api/v1/rc/rooms/{room_id}/seats", "uri: /api/v1/rc/rooms/{room_id}/seats/{row}", 1)
        .replacen(
            "      - {name: room_id, type: string, desc: 房间号}\n    failure: Failure\n\n  - operation: open_room",
            "      - {name: room_id, type: string, desc: 房间号}\n      - {name: row, type: string, desc: 排}\n    failure: Failure\n\n  - operation: open_room",
            1,
        );
    let diags = load(&text).unwrap_err();
    let line = line_of(&text, "operation: list_seats}");
    assert!(
        diags.iter().any(
            |d| d.message.contains("`list_seats` takes `{row}`, which the channel does not have") && d.line == line
        ),
        "{diags}"
    );
}

#[test]
fn a_pattern_is_segments_with_whole_placeholders_and_no_wildcard() {
    let at = "channel: /rooms/{room_id}/hand";
    for (bad, why) in [
        ("channel: /rooms/{room_id}/hand*", "only a subscription may have"),
        ("channel: /rooms/x{room_id}/hand", "a placeholder is a whole segment"),
        ("channel: rooms/{room_id}/hand", "must start with /"),
        ("channel: /rooms//{room_id}/hand", "has an empty segment"),
    ] {
        expect(at, bad, why, bad);
    }
}

#[test]
fn placeholders_are_the_patterns_in_order_with_a_known_format() {
    expect(
        "      - {name: seat_id, format: \"[0-9_]+\", desc: 座位号}",
        "      - {name: seat_id, format: \"[0-9a-z]+\", desc: 座位号}",
        "placeholder `seat_id`: unknown format `[0-9a-z]+` ([0-9]+, [0-9_]+, [0-9.]+)",
        "[0-9a-z]+",
    );
    expect(
        "      - {name: seat_id, format: \"[0-9_]+\", desc: 座位号}",
        "      - {name: seat, format: \"[0-9_]+\", desc: 座位号}",
        "`placeholders` must list the channel's placeholders in order (room_id, seat_id), not (room_id, seat)",
        "placeholders:\n      - {name: room_id, format: \"[0-9]+\", desc: 房间号}\n      - {name: seat,",
    );
    expect(
        "channel: /rooms/{room_id}/hand",
        "channel: /rooms/{domain_id}/hand",
        "`{domain_id}` is the prefix's placeholder",
        "channel: /rooms/{domain_id}/hand",
    );
}

#[test]
fn ids_are_unique_and_names_lead_to_one_channel() {
    expect(
        "  - id: hand\n",
        "  - id: seat\n",
        "duplicate channel `seat`",
        "id: seat\n    channel: /rooms/{room_id}/hand",
    );
    // `/rooms/{room_id}/hand` and `/rooms/{room_id}/{seat_id}`: `hand` is no seat number, so they differ.
    let distinct = BASE.replacen("channel: /rooms/{room_id}/seats/{seat_id}", "channel: /rooms/{room_id}/{seat_id}", 1);
    load(&distinct).unwrap_or_else(|d| panic!("{d}"));
    // …but `/rooms/{room_id}/seats/1` is a seat.
    expect(
        "channel: /rooms/{room_id}/hand",
        "channel: /rooms/{room_id}/seats/1",
        "channel `hand` (/rooms/{room_id}/seats/1) and channel `seat` (/rooms/{room_id}/seats/{seat_id}, at channels.yaml:",
        "channel: /rooms/{room_id}/seats/1",
    );
}

#[test]
fn a_channel_carries_a_message_and_names_its_state_entry() {
    let hand = "    notify:\n      name: 举手通知";
    let text = BASE.replacen(hand, "    note_only: true\n", 1);
    assert!(load(&text).is_err(), "an unknown key is an error");
    expect(
        "    update: {desc: update表示座位有更新, operation: list_seats}\n    departs:\n      - {what: update, line: 36, doc: \"通道 /rooms/{room_id}/seats/{seat_id}\", why: \"no GET of one seat; the list holds it\"}\n",
        "    departs:\n",
        "channel `seat` carries no message",
        "  - id: seat",
    );
    expect("    name: 座位\n", "", "a channel with update or delete needs its `name`", "  - id: seat");
    expect(
        "  - id: hand\n",
        "  - id: hand\n    name: 举手\n",
        "`name` is the state messages' entry, and the channel has no update or delete",
        "name: 举手",
    );
}

#[test]
fn a_notification_has_its_kind_field_an_integer_code_and_an_example_that_fits() {
    expect(
        "        - {name: method, type: string, desc: notify表示系统通知}\n        - name: seat",
        "        - name: seat",
        "channel `hand`: the notification has no string field `method`",
        "      fields:\n        - name: seat",
    );
    expect(
        "{name: error_code, type: integer, desc: 表示返回的错误号}",
        "{name: error_code, type: string, desc: 表示返回的错误号}",
        "the notification's `error_code` must be an integer",
        "      fields:\n        - {name: method, type: string, desc: notify表示系统通知}\n        - {name: error_code, type: string",
    );
    expect(
        "\"seat_id\": \"1\"",
        "\"seat_id\": 1",
        "the example contradicts the notification at `seat.seat_id`",
        "      example: |\n        {\n          \"method\": \"notify\",\n          \"seat\"",
    );
    expect(
        "\"method\": \"notify\",\n          \"seat\"",
        "\"method\": \"update\",\n          \"seat\"",
        "the example's `method` must be `notify`",
        "      example: |\n        {\n          \"method\": \"update\"",
    );
    expect(
        "\"method\": \"notify\",\n          \"seat\"",
        "\"method\" \"notify\",\n          \"seat\"",
        "channel `hand`: the notification's example is not JSON",
        "\"method\" \"notify\"",
    );
    expect(
        "type_name: HandSeat",
        "type_name: RoomFailedNotice",
        "duplicate type name `RoomFailedNotice`",
        "type_name: RoomFailedNotice\n          fields",
    );
}

#[test]
fn channel_departures_have_a_known_kind_and_place() {
    expect(
        "{what: update, line: 36",
        "{what: route, line: 36",
        "departure kind `route` is not one of update, placeholder",
        "{what: route",
    );
    expect(
        "at: seat_id, line: 42",
        "at: seat, line: 42",
        "a `placeholder` departure is `at` one of the channel's placeholders (room_id, seat_id)",
        "at: seat, line: 42",
    );
    expect(
        "{what: update, line: 36,",
        "{what: update, at: seat_id, line: 36,",
        "an `update` departure has no `at`",
        "at: seat_id, line: 36",
    );
    expect(
        "{what: update, line: 36,",
        "{what: update, line: 0,",
        "a departure's document `line` counts from 1",
        "line: 0",
    );
}

#[test]
fn the_push_section_is_checked() {
    expect(
        "  source: push\n  path:",
        "  source: pushed\n  path:",
        "push: unknown source document `pushed`",
        "source: pushed",
    );
    expect(
        "  prefix: /userdomains/{domain_id}",
        "  prefix: /userdomains",
        "must hold exactly one placeholder, the user domain",
        "prefix: /userdomains\n",
    );
    expect(
        "  rest_prefix: /api/v1/rc",
        "  rest_prefix: /api/v1/rc/",
        "push `rest_prefix` must start with / and not end with one",
        "rest_prefix: /api/v1/rc/",
    );
    expect(
        "{update: update, delete: delete,",
        "{update: update, delete: update,",
        "update, delete and notify need three different values",
        "methods:",
    );
    let second = SourceFile {
        name: "more.yaml".into(),
        text: BASE[BASE.find("push:").unwrap()..BASE.find("channels:").unwrap()].into(),
    };
    let diags = load_sources(&[SourceFile { name: "channels.yaml".into(), text: BASE.into() }, second]).unwrap_err();
    assert!(
        diags.iter().any(|d| d.file == "more.yaml" && d.line == 1 && d.message.contains("a second `push` section")),
        "{diags}"
    );
    let without = BASE.replacen(&BASE[BASE.find("push:").unwrap()..BASE.find("channels:").unwrap()], "", 1);
    let diags = load(&without).unwrap_err();
    let line = line_of(&without, "  - id: room");
    assert!(diags.iter().any(|d| d.line == line && d.message.contains("channels need a `push` section")), "{diags}");
}

#[test]
fn an_asynchronous_call_says_where_its_outcome_is_pushed() {
    expect(
        "    outcome: {why: no channel carries the bell}\n",
        "",
        "`ring_room`: an asynchronous call names the channel its outcome is pushed on",
        "    async: 异步操作\n    path:",
    );
    let outcome = "outcome: {channel: room, messages: [update], failure: room}";
    for (bad, why) in [
        ("outcome: {channel: rooms, messages: [update]}", "outcome: unknown channel `rooms`"),
        ("outcome: {channel: seat, messages: [delete]}", "outcome: channel `seat` carries no `delete`"),
        ("outcome: {channel: room}", "outcome: name the messages of `room` that report it"),
        (
            "outcome: {channel: room, messages: [update], failure: seat}",
            "outcome: channel `seat` carries no notification",
        ),
        (
            "outcome: {channel: room, messages: [update], failure: hand}",
            "the notification of `hand` has no `error_code`",
        ),
        ("outcome: {failure: room}", "without a `channel`, say `why` no channel reports the outcome"),
        ("outcome: {messages: [update], why: none}", "`messages` are the `channel`'s, and there is none"),
        ("outcome: {channel: room, messages: [notify]}", "outcome message `notify` is not update or delete"),
    ] {
        expect(outcome, bad, why, bad);
    }
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let text = BASE
        .replacen("operation: get_room}", "operation: fetch_room}", 1)
        .replacen("format: \"[0-9_]+\"", "format: \"[a-z]+\"", 1)
        .replacen("failure: room}", "failure: nowhere}", 1);
    let diags = load(&text).unwrap_err();
    assert_eq!(diags.iter().count(), 3, "{diags}");
}
