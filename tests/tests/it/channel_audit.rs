//! `audit-doc` on a small push document: its entries against the spec's channels, each kind of
//! difference, and the channel departures it accepts or finds stale.

use kedacom_mc_codegen::audit::{audit_text, read_channels, AuditError, Report, What};
use kedacom_mc_codegen::model::{Api, ChannelDepartureKind};
use kedacom_mc_codegen::spec::{load_sources, SourceFile};

const SPEC: &str = include_str!("../../fixtures/channels.yaml");
const DOC: &str = include_str!("../../fixtures/channels-doc.txt");

fn api(spec: &str) -> Api {
    load_sources(&[SourceFile { name: "channels.yaml".into(), text: spec.into() }]).unwrap_or_else(|d| panic!("{d}"))
}

fn run(spec: &str, doc: &str) -> Report {
    audit_text(&api(spec), doc).unwrap_or_else(|e| panic!("{e}"))
}

/// The differences as `place: what: message`.
fn found(r: &Report) -> Vec<String> {
    r.differences.iter().map(|d| format!("{}: {}: {}", d.place, d.what, d.message)).collect()
}

#[track_caller]
fn edit(text: &str, find: &str, replace: &str) -> String {
    assert!(text.contains(find), "`{find}` not in the text");
    text.replacen(find, replace, 1)
}

#[test]
fn the_matching_document_passes_with_its_departures_accepted() {
    let r = run(SPEC, DOC);
    assert!(r.passes(), "{r}");
    assert_eq!((r.source.as_str(), r.channels_compared, r.channel_patterns_compared), ("push", 4, 3));
    let accepted: Vec<String> = r.accepted.iter().map(|(d, _)| format!("{}: {}", d.place, d.what)).collect();
    assert_eq!(accepted, ["seat: channel", "seat: channel", "room notify message.mode: enum"]);
    assert!(r.accepted[1].0.message.contains("GET /api/v1/rc/rooms/{room_id}/seats/{seat_id}, which is no endpoint"));
    let summary = r.to_string();
    assert!(summary.ends_with("4 channel entr(ies) on 3 pattern(s) compared, 0 difference(s), 0 stale departure(s)"));
    assert!(summary
        .starts_with("document: 测试推送API V1.0.0 (API level 1) (`push`), recognized by its title and version lines"));
}

#[test]
fn entries_on_one_side_only_differ() {
    // The document's hand entry names a channel the spec lacks; the spec's hand channel is missing.
    let r = run(SPEC, &edit(DOC, "通道 /rooms/{room_id}/hand", "通道 /rooms/{room_id}/feet"));
    assert_eq!(
        found(&r),
        [
            "/rooms/{room_id}/feet (document line 78): channel: `举手通知` is in the document but not in the spec",
            "hand: channel: its notification on /rooms/{room_id}/hand is in the spec (channels.yaml) but not in the document",
        ]
    );
    // A state entry on a channel of notifications only.
    let state = "名称 举手\n通道 /rooms/{room_id}/hand\n\n参数说明\n\nroom_id ([0-9]+) 房间号\n\n更新方法示例\n\n{\"method\": \"update\"}\n\n更新方法说明\n\nmethod str 有人举手\n\n";
    let r = run(SPEC, &edit(DOC, "名称 举手通知", &format!("{state}名称 举手通知")));
    assert_eq!(found(&r), ["hand: channel: `举手` (document line 78): the spec's channel has no update or delete"]);
}

#[test]
fn names_placeholders_and_messages_are_compared() {
    let r = run(SPEC, &edit(DOC, "名称 房间\n", "名称 会场\n"));
    assert_eq!(found(&r), ["room: channel: name: spec `房间`, document `会场` (document line 5)"]);
    let r =
        run(SPEC, &edit(DOC, "room_id ([0-9]+) 房间号\n\n更新方法示例", "room_id ([0-9_]+) 房间编号\n\n更新方法示例"));
    assert_eq!(
        found(&r),
        [
            "room: channel: placeholder `room_id`: format: spec `[0-9]+`, document `[0-9_]+` (document line 11)",
            "room: channel: placeholder `room_id`: description: spec `房间号`, document `房间编号` (document line 11)",
        ]
    );
    let r = run(SPEC, &edit(DOC, "method str delete表示房间关闭", "method str delete表示房间已关闭"));
    assert_eq!(
        found(&r),
        ["room delete.method: desc: spec `delete表示房间关闭`, document `delete表示房间已关闭` (document line 33)"]
    );
    // The room's delete entry left out, and an example that is not the kind's.
    let r = run(SPEC, &edit(DOC, "删除方法示例", "其他"));
    assert!(found(&r).contains(&"room: channel: delete: in the spec, not in the document".to_owned()), "{r}");
    let r = run(
        SPEC,
        &edit(
            DOC,
            "\"method\": \"update\"\n}\n\n更新方法说明\n\n参数名称 数据类型 说明\nmethod str update表示座位",
            "\"method\": \"delete\"\n}\n\n更新方法说明\n\n参数名称 数据类型 说明\nmethod str update表示座位",
        ),
    );
    assert_eq!(found(&r), ["seat: example: update: the document's example (line 44) is not {\"method\":\"update\"}"]);
}

#[test]
fn a_notifications_table_and_example_are_compared_as_a_replys() {
    let r = run(
        SPEC,
        &edit(DOC, "\u{a0}\u{a0}\u{a0}\u{a0}seat_id str 座位号", "\u{a0}\u{a0}\u{a0}\u{a0}seat_no str 座位号"),
    );
    assert_eq!(
        found(&r),
        [
            "hand notify message.seat.seat_no: field: in the document (line 100), not in the spec",
            "hand notify message.seat.seat_id: field: in the spec, not in the document",
        ]
    );
    let r = run(SPEC, &edit(DOC, "\"seat_id\": \"1\"", "\"seat_id\": \"2\""));
    assert_eq!(found(&r), ["hand notify: example: example: differs from the document's (line 86)"]);
    let r = run(SPEC, &edit(DOC, "名称 举手通知", "名称 举手"));
    assert_eq!(found(&r), ["hand notify: channel: name: spec `举手通知`, document `举手` (document line 78)"]);
}

#[test]
fn the_get_an_update_is_read_with_follows_the_documents_rule_or_declares_why_not() {
    // `room` follows the rule; pointing it elsewhere is a difference no departure covers.
    let spec = edit(SPEC, "operation: get_room}", "operation: list_seats}");
    let r = run(&spec, DOC);
    assert_eq!(
        found(&r),
        ["room: channel: update: the document's rule reads it back with GET /api/v1/rc/rooms/{room_id}, which is \
          `get_room`; the spec with `list_seats` (GET /api/v1/rc/rooms/{room_id}/seats) (document line 6)"]
    );
    // Without its departure, `seat`'s difference fails the audit.
    let spec = edit(SPEC, "      - {what: update, line: 36, doc: \"通道 /rooms/{room_id}/seats/{seat_id}\", why: \"no GET of one seat; the list holds it\"}\n", "");
    let r = run(&spec, DOC);
    assert_eq!(r.differences.len(), 1, "{r}");
    assert!(r.differences[0].message.starts_with("update: the document's rule reads it back with GET /api/v1/rc/rooms/{room_id}/seats/{seat_id}, which is no endpoint of the spec"));
}

#[test]
fn a_channel_departure_that_excuses_nothing_is_stale() {
    // The document names the placeholder as the channel does: the placeholder departure is stale.
    let r = run(SPEC, &edit(DOC, "seat ([0-9\\_]+) 座位号", "seat_id ([0-9_]+) 座位号"));
    assert!(r.differences.is_empty() && !r.passes(), "{r}");
    let [stale] = r.stale_channels.as_slice() else { panic!("{r}") };
    assert_eq!((stale.channel.as_str(), stale.departure.what), ("seat", ChannelDepartureKind::Placeholder));
    assert!(r.to_string().contains("stale departures (declared in the spec, but no such difference):\n  seat: placeholder `seat_id`: `departs` at document line 42"), "{r}");
    // A departure declared at another line excuses nothing either.
    let spec = edit(SPEC, "at: seat_id, line: 42", "at: seat_id, line: 41");
    let r = run(&spec, DOC);
    assert_eq!((r.differences.len(), r.stale_channels.len()), (1, 1), "{r}");
}

#[test]
fn a_field_departure_of_a_notification_is_judged_too() {
    // The document lists the values on lines of their own, as its other tables do.
    let spec = edit(SPEC, "desc: \"房间模式, 1-观看 2-四分屏\"", "desc: 房间模式");
    let r = run(&spec, &edit(DOC, "mode int 房间模式, 1-观看 2-四分屏", "mode int 房间模式\n1-观看;\n2-四分屏;"));
    assert!(r.differences.is_empty(), "{r}");
    let [stale] = r.stale.as_slice() else { panic!("{r}") };
    assert_eq!(stale.declared_on, "RoomFailedNotice.mode");
}

#[test]
fn an_unreadable_push_document_is_refused_with_its_lines() {
    let broken = edit(DOC, "通道 /rooms/{room_id}/hand", "通道 rooms/{room_id}/hand");
    let broken = edit(&broken, "room_id ([0-9]+) 房间号\n\n更新方法示例", "room_id [0-9]+ 房间号\n\n更新方法示例");
    let Err(AuditError::Unreadable(problems)) = audit_text(&api(SPEC), &broken) else { panic!("must be refused") };
    let lines: Vec<(usize, &str)> = problems.iter().map(|p| (p.line, p.message.as_str())).collect();
    assert_eq!(
        lines,
        [
            (11, "a placeholder row is `name (format) description`, not `room_id [0-9]+ 房间号`"),
            (79, "channel `rooms/{room_id}/hand` does not start with /"),
        ]
    );
    assert!(read_channels("标题\n").is_err());
}

#[test]
fn a_push_document_the_spec_does_not_list_is_refused() {
    let other = edit(DOC, "测试推送API", "另一推送API");
    let Err(AuditError::Unknown(why)) = audit_text(&api(SPEC), &other) else { panic!("must be refused") };
    assert!(why.starts_with("not one of the spec's documents"), "{why}");
}

#[test]
fn an_endpoint_documents_audit_says_nothing_of_channels() {
    let r = run(SPEC, "测试会控API\nV1.0\n\n名称 获取房间\nURI /api/v1/rc/rooms/{room_id}\n方法 GET\n说明 获取房间\n");
    assert_eq!(r.source, "rc");
    assert!(!r.channel_document && r.channels_compared == 0);
    assert!(found(&r).iter().all(|d| !d.contains(": channel:")), "{r}");
    assert!(r.differences.iter().all(|d| d.what != What::Channel));
}
