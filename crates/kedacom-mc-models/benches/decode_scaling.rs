//! Reading a received request grows linearly with what it holds: query fields, and keys of the
//! `params` JSON, documented or not. Each case is the whole server-side read: the raw query
//! string or form body split into fields, then `decode`. The figures per element should stay
//! flat from 1,000 to 100,000 (about 1.5 MB of body, well inside a server's body limit).
//! Run: `cargo bench -p kedacom-mc-models --features decode --bench decode_scaling`.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use kedacom_mc_models::wire_names::{PARAMS_PARAM, TOKEN_PARAM};
use kedacom_mc_models::*;
use serde_json::{json, Value};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// Reads the request as a server would, from its raw query or form body.
fn read_and_decode(info: &EndpointInfo, query: &[u8], form: &[u8]) -> Decoded {
    let mut input = WireInput { method: info.method.as_str().into(), path: info.path.into(), ..Default::default() };
    input.read_query(query);
    input.read_form(form);
    decode(input).unwrap()
}

/// A form body with the token and `params`.
fn params_form(params: &Value) -> Vec<u8> {
    let json: String = form_urlencoded::byte_serialize(params.to_string().as_bytes()).collect();
    format!("{TOKEN_PARAM}=t&{PARAMS_PARAM}={json}").into_bytes()
}

/// The smallest valid conference, to which each case adds its elements.
fn conference() -> Value {
    let mut params = serde_json::to_value(CreateConfParams::new().name("周会").duration(60).bitrate(2048)).unwrap();
    for (key, value) in [
        ("closed_conf", 0),
        ("safe_conf", 0),
        ("encrypted_type", 0),
        ("conf_type", 0),
        ("call_mode", 0),
        ("call_times", 3),
        ("call_interval", 20),
        ("mute", 0),
        ("force_mute", 0),
        ("silence", 0),
        ("video_quality", 0),
        ("dual_mode", 0),
        ("voice_activity_detection", 0),
        ("cascade_mode", 0),
        ("cascade_upload", 1),
        ("cascade_return", 0),
        ("cascade_return_para", 0),
        ("public_conf", 0),
        ("max_join_mt", 192),
        ("auto_end", 0),
        ("preoccupy_resource", 0),
        ("one_reforming", 0),
    ] {
        params[key] = json!(value);
    }
    params["encrypted_key"] = json!("");
    params["video_formats"] = json!([{"format": 1, "resolution": 3, "frame": 30, "bitrate": 2048}]);
    params
}

fn fields(c: &mut Criterion) {
    let info = ListMeetingsRequest::INFO;
    let mut g = c.benchmark_group("decode query fields");
    g.sample_size(10);
    for n in SIZES {
        let query: Vec<String> = (0..n).map(|i| format!("field{i}=value{i}")).collect();
        let query = format!("start=0&count=10&{}", query.join("&")).into_bytes();
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &query, |b, query| {
            b.iter(|| black_box(read_and_decode(info, query, b"")))
        });
    }
    g.finish();
}

fn keys(c: &mut Criterion) {
    let info = CreateConfRequest::INFO;
    let mut undocumented = c.benchmark_group("decode params keys: undocumented");
    undocumented.sample_size(10);
    for n in SIZES {
        let mut params = conference();
        for i in 0..n {
            params[format!("extra_{i}")] = json!(i);
        }
        let form = params_form(&params);
        undocumented.throughput(Throughput::Elements(n as u64));
        undocumented.bench_with_input(BenchmarkId::from_parameter(n), &form, |b, form| {
            b.iter(|| {
                let decoded = read_and_decode(info, b"", form);
                assert_eq!(decoded.warnings.len(), n);
                black_box(decoded)
            })
        });
    }
    undocumented.finish();

    // Documented keys: invitees of five fields each, every one breaking a rule (a bitrate above the
    // conference's), so that the rules' report grows with them too.
    let mut documented = c.benchmark_group("decode params keys: invitees breaking a rule");
    documented.sample_size(10);
    for n in SIZES {
        let invitee = json!({"name": "终端", "account": "1001", "account_type": 5, "bitrate": 4096, "protocol": 0});
        let mut params = conference();
        params["invite_members"] = Value::Array(vec![invitee; n / 5]);
        let form = params_form(&params);
        documented.throughput(Throughput::Elements(n as u64));
        documented.bench_with_input(BenchmarkId::from_parameter(n), &form, |b, form| {
            b.iter(|| {
                let decoded = read_and_decode(info, b"", form);
                assert!(decoded.request.is_err());
                black_box(decoded)
            })
        });
    }
    documented.finish();
}

criterion_group!(benches, fields, keys);
criterion_main!(benches);
