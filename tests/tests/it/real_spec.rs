//! The shipped spec: it loads, its examples agree with it, and the export describes the wire.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use kedacom_mc_codegen::emit;
use kedacom_mc_codegen::emit::layout::Layouts;
use kedacom_mc_codegen::examples;
use kedacom_mc_codegen::model::{Api, ObjectUse};
use kedacom_mc_codegen::spec::load_dir;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn api() -> Api {
    load_dir(&root().join("spec")).unwrap_or_else(|d| panic!("{d}"))
}

/// The meeting-control endpoints transcribed so far, and their examples.
const VC_ENDPOINTS: usize = 97;
const VC_EXAMPLES: usize = 248;

#[test]
fn spec_loads_with_every_endpoint_of_both_documents() {
    let api = api();
    let count = |src: &str| api.endpoints.iter().filter(|e| e.source == src).count();
    assert_eq!(count("mc"), 25);
    assert_eq!(count("login"), 5);
    assert_eq!(count("vc"), VC_ENDPOINTS);
    assert_eq!(api.errors.len(), 665);
    assert!(api.enums.len() >= 30);
}

#[test]
fn every_example_matches_its_schema() {
    let api = api();
    let mut checked = std::collections::BTreeMap::<&str, usize>::new();
    for ep in &api.endpoints {
        let cases = [
            (&ep.params_example, ep.params_use(), true),
            (&ep.reply_example, ep.reply.as_deref().map(ObjectUse::plain), false),
            (&ep.failure_example, Some(ObjectUse::plain(&ep.failure)), false),
        ];
        for (example, object, request) in cases {
            let (Some(example), Some(object)) = (example, object) else { continue };
            let problems = examples::check(&api, &object, example, request);
            assert!(problems.is_empty(), "{}: {problems:?}", ep.operation);
            *checked.entry(ep.source.as_str()).or_default() += 1;
        }
    }
    // 8 examples in the meeting-management document V6.1, 36 in its V6.0 edition's template endpoints,
    // 10 in the login document, and the meeting-control document's of the endpoints transcribed.
    let by_source: Vec<(&str, usize)> = checked.into_iter().collect();
    assert_eq!(by_source, [("login", 10), ("mc", 8), ("mc_v6_0", 36), ("vc", VC_EXAMPLES)]);
}

#[test]
fn generation_is_deterministic_and_checked_in() {
    let api = api();
    let first = emit::all(&api);
    assert_eq!(first, emit::all(&api));
    // What `cargo xtask codegen` remembers of one run's layouts makes the same files in the next.
    let at = std::env::temp_dir().join(format!("kedacom-mc-layouts-real-{}", std::process::id()));
    let fresh = Arc::new(Layouts::read(&at, "this test"));
    assert_eq!(fresh.around(|| emit::all(&api)), first);
    fresh.save(&at, "this test").unwrap();
    let remembered = Arc::new(Layouts::read(&at, "this test"));
    assert_eq!(remembered.around(|| emit::all(&api)), first);
    let _ = std::fs::remove_file(&at);
    let (reused, made) = remembered.counts();
    assert_eq!((reused, made), (fresh.counts().1, 0), "every layout taken from the last run");
    for file in first {
        let on_disk = std::fs::read_to_string(root().join(&file.path)).unwrap_or_default();
        assert!(on_disk == file.contents, "{} is stale; run `cargo xtask codegen`", file.path);
    }
}

fn openapi() -> Value {
    emit::openapi::document(&api())
}

#[test]
fn openapi_describes_the_wire() {
    let doc = openapi();
    assert_eq!(doc["openapi"], "3.0.3");
    let create = &doc["paths"]["/api/v1/mc/confs"]["post"];
    assert_eq!(create["operationId"], "create_conf");
    assert_eq!(create["summary"], "创建会议");
    assert_eq!(create["x-min-api-level"], 1);
    let form = &create["requestBody"]["content"]["application/x-www-form-urlencoded"];
    assert_eq!(form["encoding"]["params"]["contentType"], "application/json");
    let params_prop = &form["schema"]["properties"]["params"];
    assert_eq!(params_prop["allOf"][0]["$ref"], "#/components/schemas/CreateConfParams");
    assert_eq!(params_prop["example"]["conf_level"], 10);
    assert!(form["schema"]["properties"]["account_token"].is_object());

    let upload =
        &doc["paths"]["/api/v1/mc/meeting_files/{meeting_id}"]["post"]["requestBody"]["content"]["multipart/form-data"];
    assert_eq!(upload["schema"]["properties"]["file"]["x-max-bytes"], 20971520);

    let list = &doc["paths"]["/api/v1/mc/booked_confs"]["get"]["parameters"];
    assert!(list.as_array().unwrap().iter().any(|p| p["name"] == "start" && p["in"] == "query"));
    let detail = &doc["paths"]["/api/v1/mc/booked_confs/{conf_id}"]["get"]["parameters"];
    assert!(detail
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "conf_id" && p["in"] == "path" && p["required"] == true));

    let params = &doc["components"]["schemas"]["CreateConfParams"];
    let props = &params["properties"];
    assert_eq!(props["name"]["x-max-bytes"], 64);
    assert_eq!((props["conf_level"]["minimum"].as_i64(), props["conf_level"]["maximum"].as_i64()), (Some(0), Some(16)));
    assert_eq!(props["vacinterval"]["enum"], serde_json::json!([3, 5, 15, 30]));
    assert_eq!(props["conf_type"]["x-enum-varnames"], serde_json::json!(["Traditional", "Port", "Sfu", "Auto"]));
    // Everything but template_id becomes optional when create_type != 1, so only the rule says what is required.
    assert!(params.get("required").is_none());
    assert!(params["x-rules"].as_array().unwrap().len() >= 3);

    let area = &doc["components"]["schemas"]["CreateMeetingRoomAreaParams"]["properties"]["area"];
    assert_eq!(area["maxLength"], 60);
    assert!(area.get("x-max-bytes").is_none());
}

#[test]
fn room_accepts_only_its_mix_and_vmp_modes() {
    let doc = openapi();
    let schemas = &doc["components"]["schemas"];
    assert_eq!(schemas["RoomMixSettings"]["properties"]["mode"]["enum"], serde_json::json!([1]));
    assert_eq!(schemas["RoomVmpSettings"]["properties"]["mode"]["enum"], serde_json::json!([2]));
}

/// `/a/{x}/b` → `/a/{}/b`.
fn without_placeholder_names(path: &str) -> String {
    let mut out = String::new();
    let mut in_braces = false;
    for c in path.chars() {
        match c {
            '{' => in_braces = true,
            '}' => in_braces = false,
            _ if in_braces => continue,
            _ => {}
        }
        out.push(c);
    }
    out
}

#[test]
fn openapi_paths_differ_in_more_than_placeholder_names() {
    let doc = openapi();
    let mut seen = std::collections::BTreeMap::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        if let Some(other) = seen.insert(without_placeholder_names(path), path.clone()) {
            panic!("{path} and {other} differ only in placeholder names");
        }
        // Every operation declares exactly the path's placeholders.
        let mut placeholders: Vec<String> =
            path.split('{').skip(1).map(|s| s.split('}').next().unwrap().to_owned()).collect();
        placeholders.sort();
        for (method, op) in item.as_object().unwrap() {
            let mut declared: Vec<String> = op["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| p["in"] == "path")
                .map(|p| p["name"].as_str().unwrap().to_owned())
                .collect();
            declared.sort();
            assert_eq!(declared, placeholders, "{method} {path}");
        }
    }
    assert_eq!(seen.len(), doc["paths"].as_object().unwrap().len());
    // Upload, list and delete of meeting files share one path; each says what the placeholder means to it.
    let item = &doc["paths"]["/api/v1/mc/meeting_files/{meeting_id}"];
    let path_param = |method: &str| {
        item[method]["parameters"].as_array().unwrap().iter().find(|p| p["in"] == "path").cloned().unwrap()
    };
    assert_eq!(path_param("post")["description"], "会议id");
    assert_eq!(path_param("get")["description"], "会议id");
    let delete = path_param("delete");
    assert_eq!((delete["name"].as_str(), delete["description"].as_str()), (Some("meeting_id"), Some("文件id")));
    assert_eq!(delete["x-spec-name"], "file_id");
    assert_eq!(item["delete"]["operationId"], "delete_meeting_file");
}
