//! What the models put on the wire: nothing absent is sent, nothing received is lost.

use kedacom_mc_models::*;
use serde_json::{json, Value};

#[test]
fn requests_never_send_absent_optional_fields() {
    let params = CreateConfParams::new().name("周会").closed_conf(true).conf_type(ConfType::Sfu);
    assert_eq!(serde_json::to_value(&params).unwrap(), json!({"name": "周会", "closed_conf": 1, "conf_type": 2}));
    assert_eq!(serde_json::to_string(&CreateConfParams::new()).unwrap(), "{}");
}

#[test]
fn replies_accept_missing_documented_fields() {
    let reply: GetMeetingReply = serde_json::from_str("{}").unwrap();
    assert_eq!(reply, GetMeetingReply::default());
    let reply: ListMeetingsReply = serde_json::from_str(r#"{"success": 1, "meetings": [{}, {"name": "a"}]}"#).unwrap();
    assert_eq!(reply.meetings.unwrap()[1].name.as_deref(), Some("a"));
}

#[test]
fn nulls_and_unknowns_come_back_as_they_were() {
    let text = r#"{"success":1,"name":null,"video_formats":[{"format":99,"resolution":"hd","frame":30,"x":{"y":[1]}}],"z":false}"#;
    let reply: GetBookedConfReply = serde_json::from_str(text).unwrap();
    assert_eq!(reply.name, None);
    let vf = &reply.video_formats.as_ref().unwrap()[0];
    assert!(vf.format.as_ref().unwrap().is_unknown());
    assert!(vf.resolution.as_ref().unwrap().is_unknown(), "a string where an integer enum is expected is kept too");
    assert_eq!(serde_json::to_value(&reply).unwrap(), serde_json::from_str::<Value>(text).unwrap());
}

#[test]
fn a_wrongly_typed_reply_field_is_an_error_that_names_the_field() {
    let err = serde_json::from_str::<GetMeetingReply>(r#"{"bitrate": "fast"}"#).unwrap_err();
    assert!(err.to_string().contains("`bitrate`"), "{err}");
    let err = serde_json::from_str::<GetMeetingReply>(r#"{"creator": {"name": 7}}"#).unwrap_err();
    assert!(err.to_string().contains("`creator`: `name`"), "{err}");
}

#[test]
fn switches_take_booleans() {
    assert_eq!(Switch::from(true), Switch::On);
    assert_eq!(serde_json::to_value(Switch::Off).unwrap(), json!(0));
    let s: Switch = serde_json::from_value(json!(2)).unwrap();
    assert!(s.is_unknown() && !s.is_on());
}

#[test]
fn a_cascade_tree_reads_to_any_depth_and_back() {
    let text = r#"{"success":1,"conf_id":"112233","cascade_id":"0","cascades":[{"conf_id":"112244","cascade_id":"0.1",
        "cascades":[{"cascade_id":"0.1.1","cascades":[{"cascade_id":"0.1.1.1","cascades":[]}]}]}]}"#;
    let reply: GetCascadesReply = serde_json::from_str(text).unwrap();
    let level = |c: &Cascade| c.cascades.as_ref().map(|v| v[0].clone());
    let deepest = level(&level(&reply.cascades.as_ref().unwrap()[0]).unwrap()).unwrap();
    assert_eq!(deepest.cascade_id.as_deref(), Some("0.1.1.1"));
    assert_eq!(deepest.cascades, Some(vec![]));
    assert_eq!(serde_json::to_value(&reply).unwrap(), serde_json::from_str::<Value>(text).unwrap());
}
