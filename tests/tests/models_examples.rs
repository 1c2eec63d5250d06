//! Every JSON example of the documents, through the generated types: requests decode, validate and
//! serialize back to the same JSON; replies decode and re-encode without loss.

use std::path::Path;

use kedacom_mc_codegen::spec::load_dir;
use kedacom_mc_models::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn reply_roundtrip<T: DeserializeOwned + Serialize>(v: &Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

fn request_roundtrip<T: DeserializeOwned + Serialize + Validate + validate::JsonShape>(
    v: &Value,
) -> Result<Value, String> {
    let typed: T = from_json(&v.to_string()).map_err(|r| r.to_string())?;
    typed.validate().map_err(|r| r.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

type Roundtrip = fn(&Value) -> Result<Value, String>;

/// Each example's type, by the name the spec gives it.
const TYPES: &[(&str, Roundtrip)] = &[
    ("GetBookedConfReply", reply_roundtrip::<GetBookedConfReply>),
    ("GetMeetingReply", reply_roundtrip::<GetMeetingReply>),
    ("GetVirtualMeetingRoomReply", reply_roundtrip::<GetVirtualMeetingRoomReply>),
    ("GetTokenReply", reply_roundtrip::<GetTokenReply>),
    ("TokenHeartbeatReply", reply_roundtrip::<TokenHeartbeatReply>),
    ("LoginReply", reply_roundtrip::<LoginReply>),
    ("UserHeartbeatReply", reply_roundtrip::<UserHeartbeatReply>),
    ("GetSystemVersionReply", reply_roundtrip::<GetSystemVersionReply>),
    ("BareFailure", reply_roundtrip::<BareFailure>),
    ("Failure", reply_roundtrip::<Failure>),
    ("CreateConfParams", request_roundtrip::<CreateConfParams>),
    ("BookedConfParams", request_roundtrip::<BookedConfParams>),
    ("CreateVirtualMeetingRoomParams", request_roundtrip::<CreateVirtualMeetingRoomParams>),
    ("UpdateVirtualMeetingRoomParams", request_roundtrip::<UpdateVirtualMeetingRoomParams>),
];

#[test]
fn every_document_example_round_trips_through_its_type() {
    let api = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).unwrap_or_else(|d| panic!("{d}"));
    let mut seen = 0;
    for ep in &api.endpoints {
        let cases = [
            (&ep.params_example, ep.params.clone()),
            (&ep.reply_example, ep.reply.clone()),
            (&ep.failure_example, Some(ep.failure.clone())),
        ];
        for (example, ty) in cases {
            let (Some(example), Some(ty)) = (example, ty) else { continue };
            let Some((_, roundtrip)) = TYPES.iter().find(|(n, _)| *n == ty) else {
                panic!("{}: no round-trip registered for {ty}", ep.operation);
            };
            let back = roundtrip(example).unwrap_or_else(|e| panic!("{} ({ty}): {e}", ep.operation));
            assert_eq!(&back, example, "{} ({ty}) changed in the round trip", ep.operation);
            seen += 1;
        }
    }
    assert_eq!(seen, 18);
}
