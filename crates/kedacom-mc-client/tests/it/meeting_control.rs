//! Meeting control (会控API) through the client against the mock platform: an integrator's day
//! (a conference created, two terminals added and waited for, speaker and chairman, a two-member
//! composition, a terminal muted, the states read back, a terminal hung up, the composition
//! stopped, the conference ended), and every meeting-control operation of the endpoint table
//! called with the document's example.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use kedacom_mc_client::{Client, Error};
use kedacom_mc_codegen::spec::load_dir;
use kedacom_mc_mock::{codes, samples, MockPlatform, Mocked, Outcome};
use kedacom_mc_models::wire::Place;
use kedacom_mc_models::*;
use serde_json::Value;

fn client(mock: &MockPlatform) -> Client {
    crate::against_mock::builder(mock).build().unwrap()
}

fn api_code<T: std::fmt::Debug>(result: Result<T, Error>) -> i64 {
    match result {
        Err(Error::Api { code, .. }) => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn is_on(switch: &Option<Switch>) -> bool {
    switch.as_ref().is_some_and(Switch::is_on)
}

#[tokio::test]
async fn an_integrators_day() {
    // Terminals answer after the mock's default delay, as on a platform: added is not online yet.
    let mock = MockPlatform::start().await.unwrap();
    let client = client(&mock);

    // 1. A conference.
    let conf = client.create_conf(samples::create_conf_params("项目周会", 60)).await.unwrap().conf_id.unwrap();

    // 2. Two terminals, waited for until both are online.
    let added = client
        .add_mts(&conf, AddMtsParams::new().mts([samples::new_mt("0512110000001"), samples::new_mt("0512110000002")]));
    let ids: Vec<String> = added.await.unwrap().mts.unwrap().iter().map(|m| m.mt_id.unwrap().to_string()).collect();
    let (shanghai, beijing) = (ids[0].as_str(), ids[1].as_str());
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let mts = client.list_mts(&conf).await.unwrap().mts.unwrap();
        if mts.len() == 2 && mts.iter().all(|m| is_on(&m.online)) {
            break;
        }
        assert!(Instant::now() < deadline, "the terminals never came online: {mts:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // 3. One speaks, the other chairs.
    client.set_speaker(&conf, MtIdParams::new().mt_id(shanghai)).await.unwrap();
    client.set_chairman(&conf, MtIdParams::new().mt_id(beijing)).await.unwrap();

    // 4. Both side by side.
    let member =
        |chn: i64, id: &str| StartVmpMember::new().chn_idx(chn).member_type(ConfVmpMemberType::Specified).mt_id(id);
    let vmp = StartVmpParams::new()
        .mode(ConfVmpMode::Custom)
        .layout(VmpLayout::TwoEqualSideBySide)
        .broadcast(true)
        .voice_hint(false)
        .show_mt_name(true)
        .members([member(0, shanghai), member(1, beijing)]);
    client.start_vmp(&conf, vmp).await.unwrap();

    // 5. The chairman's microphone off.
    client.set_mt_mute(&conf, beijing, MuteParams::new().value(true)).await.unwrap();

    // 6. Everything as set.
    let mts = client.list_mts(&conf).await.unwrap().mts.unwrap();
    let by_id = |id: &str| mts.iter().find(|m| m.mt_id.as_deref() == Some(id)).unwrap();
    for (id, muted) in [(shanghai, false), (beijing, true)] {
        let mt = by_id(id);
        assert!(is_on(&mt.online) && is_on(&mt.vmp), "{mt:?}");
        assert_eq!(is_on(&mt.mute), muted, "{mt:?}");
        assert!(!is_on(&mt.silence) && !is_on(&mt.mix) && !is_on(&mt.dual), "{mt:?}");
    }
    assert_eq!(by_id(shanghai).e164.as_deref(), Some("0512110000001"));
    assert_eq!(client.get_speaker(&conf).await.unwrap().mt_id.as_deref(), Some(shanghai));
    assert_eq!(client.get_chairman(&conf).await.unwrap().mt_id.as_deref(), Some(beijing));
    let shown = client.get_vmp(&conf, "1").await.unwrap();
    let accounts: Vec<_> = shown.members.unwrap().into_iter().map(|m| m.account.unwrap()).collect();
    assert_eq!(accounts, ["0512110000001", "0512110000002"]);
    let detail = client.get_conf(&conf).await.unwrap();
    assert!(is_on(&detail.vmp_enable) && detail.name.as_deref() == Some("项目周会"));

    // 7. The speaker hangs up: still in the conference, offline.
    client.hang_up_mts(&conf, MtsParams::new().mts([MtRef::new().mt_id(shanghai)])).await.unwrap();
    let mt = client.get_mt(&conf, shanghai).await.unwrap();
    assert!(!is_on(&mt.online));

    // 8. The composition stops.
    client.stop_vmp(&conf, "1").await.unwrap();
    assert_eq!(api_code(client.get_vmp(&conf, "1").await), codes::VMP_NOT_RUNNING);

    // 9. The conference ends, and meeting control no longer knows it.
    client.end_conf(&conf).await.unwrap();
    assert_eq!(api_code(client.list_mts(&conf).await), codes::CONF_NOT_FOUND);
    assert_eq!(api_code(client.get_conf(&conf).await), codes::CONF_NOT_FOUND);
    assert_eq!(api_code(client.set_speaker(&conf, MtIdParams::new().mt_id(beijing)).await), codes::CONF_NOT_FOUND);
    assert_eq!(client.list_confs(ListConfsRequest::new()).await.unwrap().total, Some(0));
}

/// Sends a request of any endpoint through the client's generic call; the reply as JSON.
macro_rules! sender {
    ($(($op:ident, $request:ty, $reply:ty, $failure:ty, [$($params:ty)?])),* $(,)?) => {
        async fn send_any(client: &Client, request: &AnyRequest) -> Result<Value, Error> {
            $(
                if let Some(r) = <$request as Mocked>::of(request) {
                    return client.send(r.clone()).await.map(|reply| serde_json::to_value(reply).unwrap());
                }
            )*
            unreachable!("every request is one of the table's")
        }
    };
}
for_each_endpoint!(sender);

/// A value for each required parameter that is not in the path, as the CLI's test gives them.
fn sample(kind: &ParamKind) -> String {
    match kind {
        ParamKind::Enum(values) => values[0].0.into(),
        ParamKind::Integer | ParamKind::Switch => "1".into(),
        _ => "项目周会".into(),
    }
}

#[tokio::test]
async fn every_meeting_control_operation_with_its_documented_example() {
    let mock = MockPlatform::builder().mt_online_delay(Duration::ZERO).start().await.unwrap();
    let client = client(&mock);
    let api = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec")).unwrap_or_else(|d| panic!("{d}"));
    // A running conference with terminals 1 and 2, which the examples name.
    let conf = client.create_conf(samples::create_conf_params("项目周会", 60)).await.unwrap().conf_id.unwrap();
    client
        .add_mts(&conf, AddMtsParams::new().mts([samples::new_mt("0512110000001"), samples::new_mt("0512110000002")]))
        .await
        .unwrap();

    let mut replies: Vec<(&EndpointInfo, Value)> = Vec::new();
    for info in samples::meeting_control_sequence() {
        let example = api.endpoints.iter().find(|e| e.operation == info.operation).unwrap().params_example.clone();
        let values: Vec<(&str, String)> = info
            .parameters
            .iter()
            .filter(|p| p.place == Place::Path)
            .map(|p| (p.name, samples::path_value(info, p.name, &conf, &replies)))
            .collect();
        let values: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let mut input = WireInput { method: info.method.as_str().into(), ..Default::default() };
        input.path = info.fill_path(&values, "-");
        let fields = if info.fields == Place::Query { &mut input.query } else { &mut input.form };
        for p in info.parameters.iter().filter(|p| p.place != Place::Path && p.required) {
            fields.push((p.name.into(), sample(&p.kind)));
        }
        if info.params_type.is_some() {
            let example = example.unwrap_or_else(|| panic!("{}: the document gives no example", info.operation));
            fields.push((wire_names::PARAMS_PARAM.into(), example.to_string()));
        }
        let decoded = decode(input).unwrap_or_else(|e| panic!("{}: {e}", info.operation));
        assert_eq!(decoded.endpoint, info);
        let request = decoded.request.unwrap_or_else(|r| panic!("{}: the example is refused: {r}", info.operation));
        let reply = send_any(&client, &request).await.unwrap_or_else(|e| panic!("{}: {e}", info.operation));
        replies.push((info, reply));
    }

    let succeeded: BTreeSet<&str> =
        mock.requests().into_iter().filter(|r| r.outcome == Outcome::Success).map(|r| r.operation).collect();
    let all: BTreeSet<&str> = samples::meeting_control_sequence().iter().map(|e| e.operation).collect();
    let missing: Vec<_> = all.difference(&succeeded).collect();
    assert!(missing.is_empty(), "not called: {missing:?}");
    let refused: Vec<_> = mock.requests().into_iter().filter(|r| r.outcome != Outcome::Success).collect();
    assert!(refused.is_empty(), "{refused:?}");
}
