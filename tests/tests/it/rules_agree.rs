//! The spec's example checker and the generated request validation read the same rules, so they
//! must reach the same verdict on the same request: both accept it, or both reject it at the same
//! JSON paths. Inputs: every `params` example of the spec, and broken requests made from them.

use std::collections::BTreeSet;
use std::path::Path;

use kedacom_mc_codegen::examples;
use kedacom_mc_codegen::model::{Api, Endpoint};
use kedacom_mc_codegen::spec::load_dir;
use kedacom_mc_models::*;
use serde_json::{json, Value};

fn api() -> Api {
    load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).unwrap_or_else(|d| panic!("{d}"))
}

fn paths_of<T>(r: Result<T, ValidationReport>) -> BTreeSet<String> {
    match r {
        Ok(_) => BTreeSet::new(),
        Err(report) => report.violations.into_iter().map(|v| v.path).collect(),
    }
}

/// The verdict of the generated code on `json` sent as the `params` of `operation`: the request is
/// decoded as a server would receive it, so the endpoint's own use of its body is what is checked.
fn generated(operation: &str, json: &str) -> Option<BTreeSet<String>> {
    let info = EndpointInfo::find(operation)?;
    let mut path = info.path.to_owned();
    for p in info.parameters.iter().filter(|p| p.place == kedacom_mc_models::wire::Place::Path) {
        path = path.replace(&format!("{{{}}}", p.name), "1");
    }
    let input = WireInput {
        method: info.method.as_str().into(),
        path,
        form: vec![("params".into(), json.into())],
        ..Default::default()
    };
    let decoded = decode(input).ok()?;
    // The checker refuses undocumented keys, which the models accept and warn about: both are
    // the verdict here.
    let warned = decoded.warnings.into_iter().map(|w| w.path);
    Some(match decoded.request {
        Ok(_) => warned.collect(),
        // The body as a whole is reported at the form field that carries it.
        Err(report) => report
            .violations
            .into_iter()
            .map(|v| if v.path == "params" { String::new() } else { v.path })
            .chain(warned)
            .collect(),
    })
}

/// The example checker's verdict on `value` as the endpoint's `params`.
fn checker(api: &Api, ep: &Endpoint, value: &Value) -> BTreeSet<String> {
    let use_ = ep.params_use().unwrap_or_else(|| panic!("{} takes no params", ep.operation));
    examples::check(api, &use_, value, true).into_iter().map(|p| p.path).collect()
}

/// Both verdicts on `value` sent to `operation`; they must be the same.
#[track_caller]
fn agree(api: &Api, operation: &str, value: &Value) -> BTreeSet<String> {
    let ep = api.endpoints.iter().find(|e| e.operation == operation).unwrap_or_else(|| panic!("no {operation}"));
    let by_checker = checker(api, ep, value);
    let by_models = generated(operation, &value.to_string())
        .unwrap_or_else(|| panic!("`{operation}` is not in the endpoint table"));
    assert_eq!(by_checker, by_models, "{operation}: the checker (left) and the generated validation (right) disagree");
    by_checker
}

fn example(api: &Api, operation: &str) -> Value {
    let ep = api.endpoints.iter().find(|e| e.operation == operation).unwrap();
    ep.params_example.clone().unwrap_or_else(|| panic!("{operation} has no params example"))
}

/// The meeting-control endpoints transcribed so far that have a params example.
const VC_PARAMS_EXAMPLES: usize = 54;

#[test]
fn every_params_example_is_accepted_by_both() {
    let api = api();
    let (mut checked, mut checked_vc) = (0, 0);
    for ep in api.endpoints.iter().filter(|e| e.params.is_some()) {
        // Endpoints without an example still get the empty request, which says which fields are required.
        let value = ep.params_example.clone().unwrap_or_else(|| json!({}));
        let verdict = agree(&api, &ep.operation, &value);
        if ep.params_example.is_some() {
            assert!(verdict.is_empty(), "{}: the document's example is rejected at {verdict:?}", ep.operation);
            *if ep.source == "vc" { &mut checked_vc } else { &mut checked } += 1;
        }
    }
    // book_conf, update_booked_conf, create_conf, create_virtual_meeting_room, update_virtual_meeting_room,
    // and the create and update of personal and public templates; and every meeting-control endpoint
    // with a body transcribed so far.
    assert_eq!((checked, checked_vc), (9, VC_PARAMS_EXAMPLES));
}

/// `operation`'s example changed by `edit`, and the paths both must report (empty: accepted).
struct Case {
    operation: &'static str,
    what: &'static str,
    edit: fn(&mut Value),
    expected: &'static [&'static str],
}

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    fn case(operation: &'static str, what: &'static str, edit: fn(&mut Value), expected: &'static [&'static str]) -> Case {
        Case { operation, what, edit, expected }
    }
    vec![
        case("book_conf", "date-time with a space", |v| v["start_time"] = json!("2016-11-11 15:30:00"), &["start_time"]),
        case("book_conf", "date-time, offset without colon", |v| v["start_time"] = json!("2016-11-11T15:30:00+0800"), &["start_time"]),
        case("book_conf", "date-time, month 13", |v| v["start_time"] = json!("2016-13-11T15:30:00+08:00"), &["start_time"]),
        case("book_conf", "date-time in UTC", |v| v["start_time"] = json!("2016-11-11T07:30:00Z"), &[]),
        case("book_conf", "enum outside the use's `only`", |v| v["recorder"]["recorder_mode"] = json!(0), &["recorder.recorder_mode"]),
        case("update_booked_conf", "enum outside the use's `only`, shape as params", |v| v["recorder"]["recorder_mode"] = json!(0), &["recorder.recorder_mode"]),
        case("create_conf", "the same value where no `only` applies", |v| v["recorder"]["recorder_mode"] = json!(0), &[]),
        case("create_virtual_meeting_room", "enum outside the field's `only`", |v| v["conf_type"] = json!(4), &["conf_type"]),
        case("create_virtual_meeting_room", "undocumented enum value", |v| v["recorder"]["recorder_mode"] = json!(9), &["recorder.recorder_mode"]),
        case("book_conf", "over the byte limit", |v| v["name"] = json!("会".repeat(22)), &["name"]),
        case("book_conf", "at the byte limit", |v| v["name"] = json!("会".repeat(21)), &[]),
        case("create_conf", "deep byte limit", |v| v["vmp"]["members"][1]["poll"]["members"][0]["name"] = json!("x".repeat(129)), &["vmp.members[1].poll.members[0].name"]),
        case("book_conf", "forbidden character", |v| v["name"] = json!("周会%"), &["name"]),
        case("book_conf", "forbidden first character", |v| v["name"] = json!("_周会"), &["name"]),
        case("book_conf", "edge characters inside", |v| v["name"] = json!("周_会.a@b-c"), &[]),
        case("book_conf", "secret outside its charset", |v| v["password"] = json!("pa ss!"), &["password"]),
        case("create_conf", "outside a range", |v| v["conf_level"] = json!(17), &["conf_level"]),
        case("create_conf", "not one of the allowed values", |v| v["vacinterval"] = json!(4), &["vacinterval"]),
        case("create_conf", "colour with three digits", |v| v["vmp"]["mt_name_style"]["font_color"] = json!("#FFF"), &["vmp.mt_name_style.font_color"]),
        case("create_conf", "switch neither 0 nor 1", |v| v["closed_conf"] = json!(2), &["closed_conf"]),
        case("create_conf", "undocumented item of an enum array", |v| v["mt_supported_protocol"][1] = json!("bogus"), &["mt_supported_protocol[1]"]),
        case("create_conf", "missing required field", |v| remove(v, "bitrate"), &["bitrate"]),
        case("create_conf", "null for a required field", |v| v["bitrate"] = Value::Null, &["bitrate"]),
        case("create_conf", "null for an optional field", |v| v["password"] = Value::Null, &[]),
        case("create_conf", "wrong JSON type", |v| v["bitrate"] = json!("fast"), &["bitrate"]),
        case("create_conf", "a fraction for an integer", |v| v["duration"] = json!(1.5), &["duration"]),
        case("create_conf", "text for a switch", |v| v["mute"] = json!("1"), &["mute"]),
        case("create_conf", "text for an integer enum", |v| v["safe_conf"] = json!("0"), &["safe_conf"]),
        case("create_conf", "null item of an array", |v| v["vips"][0] = Value::Null, &["vips[0]"]),
        case("create_conf", "null for the limit of at_most", |v| { v["bitrate"] = Value::Null; v["invite_members"][1]["bitrate"] = json!(9000) }, &["bitrate"]),
        case("create_conf", "object of the wrong type", |v| v["mix"] = json!(5), &["mix"]),
        case("create_conf", "undocumented field", |v| v["colour"] = json!(1), &["colour"]),
        case("create_conf", "undocumented nested field", |v| v["vmp"]["colour"] = json!(1), &["vmp.colour"]),
        case("create_conf", "at_most violated", |v| v["invite_members"][1]["bitrate"] = json!(9000), &["invite_members[1].bitrate"]),
        case("create_conf", "item of the wrong type before a broken one", |v| { v["invite_members"][0] = json!("x"); v["invite_members"][1]["bitrate"] = json!(9000) }, &["invite_members[0]", "invite_members[1].bitrate"]),
        case("create_conf", "at_most at the limit", |v| v["invite_members"][1]["bitrate"] = json!(8128), &[]),
        case("create_conf", "conditional requirement on (conf_type 4)", |v| { v["conf_type"] = json!(4); remove(v, "mt_supported_protocol") }, &["mt_supported_protocol"]),
        case("create_conf", "conditional requirement off", |v| remove(v, "mt_supported_protocol"), &[]),
        case("create_conf", "condition field of the wrong type", |v| { v["conf_type"] = json!("4"); remove(v, "mt_supported_protocol") }, &["conf_type"]),
        case("create_conf", "template conference: template_id and nothing else", |v| *v = json!({"create_type": 2}), &["template_id"]),
        case("create_conf", "template conference with its template", |v| *v = json!({"create_type": 2, "template_id": "7"}), &[]),
        case("create_conf", "absent create_type takes its default", |v| *v = json!({"template_id": "7"}), EVERY_INSTANT_FIELD),
        case("create_conf", "vmp member specified without a name", |v| remove(&mut v["vmp"]["members"][0], "name"), &["vmp.members[0].name"]),
        case("create_conf", "vmp member polled without a name", |v| remove(&mut v["vmp"]["members"][1], "name"), &[]),
        case("create_conf", "custom mixing without members", |v| v["mix"] = json!({"mode": 2}), &["mix.members"]),
        case("create_conf", "smart mixing without members", |v| v["mix"] = json!({"mode": 1}), &[]),
        case("create_conf", "custom composition without members", |v| remove(&mut v["vmp"], "members"), &["vmp.members"]),
        case("create_virtual_meeting_room", "automatic composition without members", |v| v["vmp"] = json!({"mode": 2}), &[]),
        case("create_virtual_meeting_room", "over the byte limit in an array", |v| v["exclusive_users"][0]["name"] = json!("x".repeat(129)), &["exclusive_users[0].name"]),
        case("create_meeting_room_area", "over the character limit", |v| *v = json!({"area": "区".repeat(61)}), &["area"]),
        case("create_meeting_room_area", "at the character limit", |v| *v = json!({"area": "区".repeat(60)}), &[]),
        case("create_meeting_room_area", "not an object", |v| *v = json!([1]), &[""]),
        case("create_meeting_room_area", "null", |v| *v = Value::Null, &[""]),
    ]
}

/// What a request with nothing but a template id lacks when `create_type` takes its default (1, instant).
const EVERY_INSTANT_FIELD: &[&str] = &[
    "auto_end",
    "bitrate",
    "call_interval",
    "call_mode",
    "call_times",
    "cascade_mode",
    "cascade_return",
    "cascade_return_para",
    "cascade_upload",
    "closed_conf",
    "conf_type",
    "dual_mode",
    "duration",
    "encrypted_key",
    "encrypted_type",
    "force_mute",
    "max_join_mt",
    "mute",
    "name",
    "one_reforming",
    "preoccupy_resource",
    "public_conf",
    "safe_conf",
    "silence",
    "video_formats",
    "video_quality",
    "voice_activity_detection",
];

fn remove(v: &mut Value, key: &str) {
    if let Some(m) = v.as_object_mut() {
        m.remove(key);
    }
}

#[test]
fn broken_requests_get_the_same_verdict_from_both() {
    let api = api();
    let mut failures = Vec::new();
    for c in cases() {
        let mut value = match api.endpoints.iter().find(|e| e.operation == c.operation) {
            Some(ep) if ep.params_example.is_some() => example(&api, c.operation),
            _ => json!({}),
        };
        (c.edit)(&mut value);
        let verdict = agree(&api, c.operation, &value);
        let expected: BTreeSet<String> = c.expected.iter().map(|s| s.to_string()).collect();
        if verdict != expected {
            failures.push(format!("{} ({}): expected {expected:?}, both found {verdict:?}", c.operation, c.what));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// The shipped spec has no field made optional by a use, no override reaching into an array of
// objects from a request, and no telephone number in a request; `tests/fixtures/uses` has them,
// and `kedacom-mc-fixture-models` is generated from it.

fn fixture_api() -> Api {
    load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/uses")).unwrap_or_else(|d| panic!("{d}"))
}

/// The generated validation of the fixture's endpoints, by operation (the fixture crate generates
/// objects only, so its endpoints are dispatched here).
fn fixture_generated(operation: &str, json: &str) -> BTreeSet<String> {
    use kedacom_mc_fixture_models as fx;
    match operation {
        "create_group" => paths_of(from_json::<fx::CreateGroupParams>(json)),
        "replace_group" => paths_of(from_json::<fx::Group>(json)),
        // The endpoint's own overrides are checked by its request, which has no `from_json`.
        "open_group" => match serde_json::from_str::<fx::Group>(json) {
            Ok(group) => paths_of(fx::validate_open_group_params(&group)),
            Err(e) => panic!("open_group cases must decode: {e}"),
        },
        other => panic!("no generated validation for fixture endpoint `{other}`"),
    }
}

#[rustfmt::skip]
#[test]
fn uses_the_shipped_spec_lacks_get_the_same_verdict_from_both() {
    let api = fixture_api();
    let group = json!({
        "mode": 2,
        "leader": {"name": "ann", "protocol": 0},
        "people": [{"name": "bob", "protocol": 1, "phone": "0512-1234"}],
    });
    let create = json!({
        "group": group,
        "host": {"protocol": 0},
        "guests": [{"protocol": 2}],
        "contact": {"name": "cy", "protocol": 2},
    });
    let edited = |base: &Value, edit: fn(&mut Value)| {
        let mut v = base.clone();
        edit(&mut v);
        v
    };
    let person = |extra: Value| {
        let mut p = json!({"name": "dan", "protocol": 0});
        p.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        p
    };
    let cases: Vec<(&str, &str, Value, &[&str])> = vec![
        ("create_group", "valid; `required: false` lets host and guests go without names", create.clone(), &[]),
        ("create_group", "the plain use still requires the name", edited(&create, |v| remove(&mut v["contact"], "name")), &["contact.name"]),
        ("create_group", "required by the object's own override", edited(&create, |v| remove(&mut v["group"]["leader"], "name")), &["group.leader.name"]),
        ("create_group", "`only` in the shape's own override", edited(&create, |v| v["group"]["leader"]["protocol"] = json!(2)), &["group.leader.protocol"]),
        ("create_group", "nested override through an array: required", edited(&create, |v| remove(&mut v["group"]["people"][0], "phone")), &["group.people[0].phone"]),
        ("create_group", "nested override through an array: only", edited(&create, |v| v["group"]["people"][0]["protocol"] = json!(2)), &["group.people[0].protocol"]),
        ("create_group", "override on an array of objects: only", edited(&create, |v| v["guests"][0]["protocol"] = json!(0)), &["guests[0].protocol"]),
        ("create_group", "override on an array of objects keeps the shape's limits", edited(&create, |v| v["guests"][0]["name"] = json!("九个字九个字九个字")), &["guests[0].name"]),
        ("create_group", "an object with nothing in it", edited(&create, |v| v["host"] = json!({})), &["host.protocol"]),
        ("create_group", "telephone: area code too long", edited(&create, |v| v["group"]["people"][0]["phone"] = json!("05120-1234")), &["group.people[0].phone"]),
        ("create_group", "telephone: number too long", edited(&create, |v| v["contact"]["phone"] = json!("0512-123456789")), &["contact.phone"]),
        ("create_group", "telephone: letters", edited(&create, |v| v["contact"]["phone"] = json!("0512-call-me")), &["contact.phone"]),
        ("create_group", "telephone with extension", edited(&create, |v| v["contact"]["phone"] = json!("0512-12345678-9999")), &[]),
        ("create_group", "date-time with a space", edited(&create, |v| v["contact"]["since"] = json!("2016-11-11 15:30:00")), &["contact.since"]),
        ("create_group", "conditional requirement on", edited(&create, |v| remove(&mut v["group"], "people")), &["group.people"]),
        ("create_group", "conditional requirement off", edited(&create, |v| { v["group"]["mode"] = json!(1); remove(&mut v["group"], "people") }), &[]),
        ("create_group", "secret outside its charset", edited(&create, |v| v["group"]["key"] = json!("a b")), &["group.key"]),
        ("create_group", "over the byte limit", edited(&create, |v| v["group"]["key"] = json!("abcdefghi")), &["group.key"]),
        ("replace_group", "the shape as params, plain", group.clone(), &[]),
        ("replace_group", "the plain use requires the leader", edited(&group, |v| remove(v, "leader")), &["leader"]),
        ("replace_group", "the plain use takes any protocol in people", edited(&group, |v| v["people"][0]["protocol"] = json!(2)), &[]),
        ("open_group", "`required: false` on the params' own field", json!({"mode": 1}), &[]),
        ("open_group", "`only` on the params' own field", json!({"mode": 2, "people": [person(json!({"since": "2020-07-24T15:30:00+08:00"}))]}), &["mode"]),
        ("open_group", "nested override through an array of the params", json!({"mode": 2, "people": [person(json!({}))]}), &["mode", "people[0].since"]),
        ("open_group", "merged overrides: the shape's `only` is kept", json!({"mode": 1, "leader": person(json!({"protocol": 2, "phone": "1234"}))}), &["leader.protocol"]),
        ("open_group", "merged overrides: the endpoint's `required` is added", json!({"mode": 1, "leader": person(json!({}))}), &["leader.phone"]),
    ];
    let mut failures = Vec::new();
    for (operation, what, value, expected) in cases {
        let ep = api.endpoints.iter().find(|e| e.operation == operation).unwrap_or_else(|| panic!("no {operation}"));
        let by_checker = checker(&api, ep, &value);
        let by_models = fixture_generated(operation, &value.to_string());
        let expected: BTreeSet<String> = expected.iter().map(|s| s.to_string()).collect();
        if by_checker != by_models {
            failures.push(format!("{operation} ({what}): the checker found {by_checker:?}, the models {by_models:?}"));
        } else if by_checker != expected {
            failures.push(format!("{operation} ({what}): expected {expected:?}, both found {by_checker:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The `required` list an OpenAPI object schema states, following `allOf` and `$ref`.
fn openapi_required(doc: &Value, schema: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.trim_start_matches("#/components/schemas/");
        return openapi_required(doc, &doc["components"]["schemas"][name]);
    }
    for part in schema["allOf"].as_array().into_iter().flatten() {
        out.extend(openapi_required(doc, part));
    }
    out.extend(schema["required"].as_array().into_iter().flatten().filter_map(|v| v.as_str()).map(str::to_owned));
    out
}

#[test]
fn the_openapi_export_states_what_each_use_requires() {
    let api = fixture_api();
    let doc = kedacom_mc_codegen::emit::openapi::document(&api);
    let params = &doc["components"]["schemas"]["CreateGroupParams"]["properties"];
    let set = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<BTreeSet<_>>();
    // A use that makes a field optional is spelled out whole; one that adds a requirement says so.
    assert_eq!(openapi_required(&doc, &params["host"]), set(&["protocol"]));
    assert_eq!(openapi_required(&doc, &params["guests"]["items"]), set(&["protocol"]));
    assert_eq!(openapi_required(&doc, &params["contact"]), set(&["name", "protocol"]));
    let people = &params["group"]["allOf"][1]["properties"]["people"]["items"];
    assert_eq!(openapi_required(&doc, people), set(&["name", "phone", "protocol"]));
    assert_eq!(people["allOf"][1]["properties"]["protocol"]["enum"], json!([0, 1]));
    assert_eq!(params["guests"]["items"]["allOf"][0]["properties"]["protocol"]["enum"], json!([2]));
    // Conditional requirements are not in `required`, and say when they apply.
    let group = &doc["components"]["schemas"]["Group"];
    assert!(!openapi_required(&doc, group).contains("people"));
    assert_eq!(group["properties"]["people"]["x-required-when"], json!("`mode` is `2`"));
    // An endpoint's own overrides reach its `params` body.
    let open = &doc["paths"]["/api/v1/groups/{group_id}/open"]["post"]["requestBody"]["content"];
    let body = &open["application/x-www-form-urlencoded"]["schema"]["properties"]["params"];
    assert_eq!(openapi_required(&doc, body), set(&["mode"]));
}
