//! Decoding and validation speed. Targets: decoding within 1.1x of a hand-written serde struct of the
//! same fields; validating a full create-conference request in under 10% of the time it takes to
//! serialize it. Run: `cargo bench -p kedacom-mc-models --bench models`.
//!
//! Before criterion's groups, each decoding is timed against its hand-written baseline in alternating
//! rounds (the order swapped each round) and the median of the rounds' ratios is printed, so that
//! neither side gains from running first or from the heap the other left. glibc's allocator is given
//! fixed thresholds first: by default it moves its mmap and trim thresholds as large blocks are freed,
//! and a list's growing `Vec` then makes it give memory back and fault it in again on every
//! iteration (0.6 to 2.5 million minor page faults a run), which is the allocator's state, not decoding.

#![recursion_limit = "256"]

use criterion::{black_box, criterion_group, Criterion};
use kedacom_mc_models::*;
use serde::Deserialize;
use serde_json::{json, Value};

/// The baseline: what one would write by hand for the same fields, with no unknown-value handling.
/// Its fields are only decoded, never read.
#[allow(dead_code)]
mod baseline {
    use super::Deserialize;

    #[derive(Deserialize)]
    pub struct MeetingList {
        pub success: Option<i64>,
        pub total: Option<i64>,
        pub meetings: Option<Vec<Meeting>>,
    }

    #[derive(Deserialize)]
    pub struct Meeting {
        pub name: Option<String>,
        pub conf_id: Option<String>,
        pub meeting_id: Option<String>,
        pub start_time: Option<String>,
        pub end_time: Option<String>,
        pub state: Option<i64>,
        pub video: Option<i64>,
        pub creator: Option<Member>,
    }

    #[derive(Deserialize)]
    pub struct Member {
        pub name: Option<String>,
        pub account: Option<String>,
        pub account_type: Option<i64>,
        pub telephone: Option<String>,
        pub mobile: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct VideoFormat {
        pub format: Option<i64>,
        pub resolution: Option<i64>,
        pub frame: Option<i64>,
        pub bitrate: Option<i64>,
    }

    #[derive(Deserialize)]
    pub struct Room {
        pub id: Option<i64>,
        pub name: Option<String>,
        pub region_name: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct MeetingDetail {
        pub success: Option<i64>,
        pub name: Option<String>,
        pub conf_id: Option<String>,
        pub meeting_id: Option<String>,
        pub conf_type: Option<i64>,
        pub enable_rtc: Option<i64>,
        pub video_meeting: Option<i64>,
        pub state: Option<i64>,
        pub start_time: Option<String>,
        pub end_time: Option<String>,
        pub duration: Option<i64>,
        pub bitrate: Option<i64>,
        pub closed_conf: Option<i64>,
        pub safe_conf: Option<i64>,
        pub password: Option<String>,
        pub encrypted_type: Option<i64>,
        pub encrypted_auth: Option<i64>,
        pub encrypted_key: Option<String>,
        pub call_times: Option<i64>,
        pub call_interval: Option<i64>,
        pub mute: Option<i64>,
        pub force_mute: Option<i64>,
        pub mute_filter: Option<i64>,
        pub fec_mode: Option<i64>,
        pub silence: Option<i64>,
        pub video_quality: Option<i64>,
        pub dual_mode: Option<i64>,
        pub doubleflow: Option<i64>,
        pub voice_activity_detection: Option<i64>,
        pub vacinterval: Option<i64>,
        pub cascade_mode: Option<i64>,
        pub cascade_upload: Option<i64>,
        pub cascade_return: Option<i64>,
        pub cascade_return_para: Option<i64>,
        pub public_conf: Option<i64>,
        pub max_join_mt: Option<i64>,
        pub anonymous_mt: Option<i64>,
        pub multi_stream: Option<i64>,
        pub sms: Option<i64>,
        pub email: Option<i64>,
        pub wechat: Option<i64>,
        pub creator: Option<Member>,
        pub speaker: Option<Member>,
        pub chairman: Option<Member>,
        pub video_formats: Option<Vec<VideoFormat>>,
        pub one_reforming: Option<i64>,
        pub auto_end: Option<i64>,
        pub preoccupy_resource: Option<i64>,
        pub members: Option<Vec<Member>>,
        pub rooms: Option<Vec<Room>>,
    }
}

fn meeting_list(n: usize) -> String {
    let meetings: Vec<Value> = (0..n)
        .map(|i| {
            let state = [1, 2, 3, 6, 7][i % 5];
            json!({
                "name": format!("项目周会{i}"),
                "conf_id": format!("{}", 1_000_000 + i),
                "meeting_id": format!("m-{i:08}"),
                "start_time": "2016-11-11T15:30:00+08:00",
                "end_time": "2016-11-11T19:30:00+08:00",
                "state": state,
                "video": i % 2,
                "creator": {"name": "mxm", "account": "c69da1ef-5930-47e0-9a79-dfa083de0208", "account_type": 1}
            })
        })
        .collect();
    json!({"success": 1, "total": n, "meetings": meetings}).to_string()
}

fn meeting_detail() -> String {
    let member = json!({"name": "mxm", "account": "c69da1ef-5930-47e0-9a79-dfa083de0208", "account_type": 1});
    json!({
        "success": 1, "name": "test1", "conf_id": "1234567", "meeting_id": "123321", "conf_type": 0, "enable_rtc": 0,
        "video_meeting": 1, "state": 2, "start_time": "2016-11-11T15:30:00+08:00", "end_time": "2016-11-11T19:30:00+08:00",
        "duration": 240, "bitrate": 8128, "closed_conf": 1, "safe_conf": 0, "password": "2222", "encrypted_type": 2,
        "encrypted_auth": 1, "encrypted_key": "234234234", "call_times": 0, "call_interval": 20, "mute": 1, "force_mute": 1,
        "mute_filter": 0, "fec_mode": 0, "silence": 1, "video_quality": 1, "dual_mode": 0, "doubleflow": 0,
        "voice_activity_detection": 1, "vacinterval": 5, "cascade_mode": 1, "cascade_upload": 1, "cascade_return": 0,
        "cascade_return_para": 0, "public_conf": 1, "max_join_mt": 192, "anonymous_mt": 0, "multi_stream": 1, "sms": 1,
        "email": 1, "wechat": 1,
        "creator": {"name": "mxm", "account": "c69da1ef-5930-47e0-9a79-dfa083de0208", "account_type": 1, "telephone": "85181157", "mobile": "13852521511"},
        "speaker": member, "chairman": member,
        "video_formats": [
            {"format": 4, "resolution": 3, "frame": 30, "bitrate": 8128},
            {"format": 4, "resolution": 2, "frame": 30, "bitrate": 4096},
            {"format": 4, "resolution": 12, "frame": 30, "bitrate": 2048},
            {"format": 5, "resolution": 3, "frame": 25, "bitrate": 512}
        ],
        "one_reforming": 1, "auto_end": 0, "preoccupy_resource": 0,
        "members": (0..50).map(|_| member.clone()).collect::<Vec<_>>(),
        "rooms": [{"id": 1, "name": "room1", "region_name": "region name"}]
    })
    .to_string()
}

/// A create-conference request using every part of the body (the document's example, with 50 invitees).
fn full_create_conf() -> CreateConfParams {
    let member = |n: usize| {
        Member::new().name(format!("成员{n}")).account(format!("acc-{n:04}")).account_type(AccountType::Moid)
    };
    let invitee = |n: usize| {
        Invitee::new()
            .name(format!("成员{n}"))
            .account(format!("acc-{n:04}"))
            .account_type(AccountType::Moid)
            .bitrate(2048)
            .protocol(CallProtocol::Sip)
    };
    let poll = || PollSettings::new().mode(PollMode::AudioVideo).num(0).keep_time(30).members((0..4).map(member));
    CreateConfParams::new()
        .create_type(CreateType::Instant)
        .name("项目周会")
        .duration(240)
        .conf_level(10)
        .bitrate(8128)
        .closed_conf(true)
        .safe_conf(SafeConf::Public)
        .password("22222")
        .encrypted_type(EncryptedType::Aes)
        .encrypted_key("234234234")
        .conf_type(ConfType::Auto)
        .mt_supported_protocol([TerminalProtocol::Rtc, TerminalProtocol::Sip])
        .call_mode(CallMode::Automatic)
        .call_times(3)
        .call_interval(20)
        .mute(true)
        .force_mute(false)
        .silence(false)
        .video_quality(VideoQuality::QualityFirst)
        .dual_mode(DualMode::Speaker)
        .voice_activity_detection(true)
        .vacinterval(5)
        .cascade_mode(CascadeMode::Merged)
        .cascade_upload(true)
        .cascade_return(false)
        .cascade_return_para(0)
        .public_conf(false)
        .max_join_mt(MaxJoinMt::Parties192)
        .auto_end(false)
        .preoccupy_resource(PreoccupyResource::Preoccupy)
        .one_reforming(false)
        .speaker(member(0))
        .chairman(member(1))
        .mix(MixSettings::new().mode(MixMode::Custom).members((0..8).map(member)))
        .video_formats([VideoFormatSpec::new()
            .format(VideoFormat::H264Hp)
            .resolution(Resolution::FullHd1080p)
            .frame(30)
            .bitrate(8128)])
        .audio_formats([AudioFormat::Opus, AudioFormat::G722])
        .invite_members((0..50).map(invitee))
        .keep_calling_members((0..10).map(member))
        .vmp(
            VmpSettings::new()
                .mode(VmpMode::Custom)
                .except_self(false)
                .layout(VmpLayout::NineEqual)
                .voice_hint(false)
                .broadcast(true)
                .show_mt_name(true)
                .mt_name_style(
                    MtNameStyle::new()
                        .font_size(FontSize::Medium)
                        .font_color("#FFFFFF")
                        .position(NamePosition::BottomLeft),
                )
                .members((0..9).map(|i| {
                    VmpMember::new()
                        .name(format!("成员{i}"))
                        .account(format!("acc-{i:04}"))
                        .account_type(AccountType::Moid)
                        .member_type(VmpMemberType::Specified)
                        .chn_idx(i as i64)
                })),
        )
        .vips((0..5).map(member))
        .poll(poll())
        .recorder(
            RecorderSettings::new()
                .publish_mode(false)
                .dual_stream(false)
                .anonymous(false)
                .recorder_mode(RecorderMode::Record)
                .vrs_id(""),
        )
        .dcs(DcsSettings::new().mode(DcsMode::ChairmanControlled))
}

fn decode(c: &mut Criterion) {
    let list = meeting_list(1000);
    let mut g = c.benchmark_group("decode meeting list (1000 entries)");
    g.bench_function("generated ListMeetingsReply", |b| {
        b.iter(|| serde_json::from_str::<ListMeetingsReply>(black_box(&list)).unwrap())
    });
    g.bench_function("hand-written struct", |b| {
        b.iter(|| serde_json::from_str::<baseline::MeetingList>(black_box(&list)).unwrap())
    });
    g.bench_function("serde_json::Value", |b| b.iter(|| serde_json::from_str::<Value>(black_box(&list)).unwrap()));
    g.finish();

    let detail = meeting_detail();
    let mut g = c.benchmark_group("decode meeting detail");
    g.bench_function("generated GetMeetingReply", |b| {
        b.iter(|| serde_json::from_str::<GetMeetingReply>(black_box(&detail)).unwrap())
    });
    g.bench_function("hand-written struct", |b| {
        b.iter(|| serde_json::from_str::<baseline::MeetingDetail>(black_box(&detail)).unwrap())
    });
    g.bench_function("serde_json::Value", |b| b.iter(|| serde_json::from_str::<Value>(black_box(&detail)).unwrap()));
    g.finish();
}

fn validate(c: &mut Criterion) {
    let params = full_create_conf();
    assert!(params.validate().is_ok(), "{:?}", params.validate());
    let mut g = c.benchmark_group("create-conference request");
    g.bench_function("validate", |b| b.iter(|| black_box(&params).validate()));
    g.bench_function("serialize", |b| b.iter(|| serde_json::to_string(black_box(&params)).unwrap()));
    g.finish();

    // Booking checks its recorder as its own use of the shared RecorderSettings (modes 1-3 only).
    let mut booked: BookedConfParams = serde_json::from_value(serde_json::to_value(&params).unwrap()).unwrap();
    booked.extra.clear();
    let request = BookConfRequest::new(booked.start_time("2020-07-24T15:30:00+08:00"));
    assert!(request.validate().is_ok(), "{:?}", request.validate());
    let mut g = c.benchmark_group("book-conference request");
    g.bench_function("validate", |b| b.iter(|| black_box(&request).validate()));
    g.finish();
}

/// Fixed mmap and trim thresholds (glibc only): with them, what a decoding frees stays in the heap
/// for the next one, as in a long-running client, whatever ran before.
fn steady_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn mallopt(param: i32, value: i32) -> i32;
        }
        const M_TRIM_THRESHOLD: i32 = -1;
        const M_MMAP_THRESHOLD: i32 = -3;
        // SAFETY: mallopt only sets allocator parameters; it is called before any other thread runs.
        unsafe {
            mallopt(M_MMAP_THRESHOLD, 32 << 20);
            mallopt(M_TRIM_THRESHOLD, 128 << 20);
        }
    }
}

/// Generated against hand-written, alternating: `rounds` rounds of `batch` decodes of each, the
/// order swapped every round. Prints the medians of each side's time per decode and of the ratios.
fn alternate(name: &str, rounds: usize, batch: usize, generated: impl Fn(), hand: impl Fn()) {
    let time = |f: &dyn Fn()| {
        let started = std::time::Instant::now();
        for _ in 0..batch {
            f();
        }
        started.elapsed().as_secs_f64() * 1e6 / batch as f64
    };
    let (generated, hand): (&dyn Fn(), &dyn Fn()) = (&generated, &hand);
    time(generated);
    time(hand);
    let (mut g, mut h, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (tg, th) = if round % 2 == 0 {
            let tg = time(generated);
            (tg, time(hand))
        } else {
            let th = time(hand);
            (time(generated), th)
        };
        g.push(tg);
        h.push(th);
        ratios.push(tg / th);
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (lo, hi) = ratios.iter().fold((f64::MAX, 0f64), |(lo, hi), r| (lo.min(*r), hi.max(*r)));
    println!("| {name} | {:.1} µs | {:.1} µs | {:.3} ({lo:.3}–{hi:.3}) |", median(g), median(h), median(ratios));
}

fn alternating() {
    let list = meeting_list(1000);
    let detail = meeting_detail();
    println!("| decode (alternating, {ROUNDS} rounds) | generated | hand-written | ratio, median (range) |");
    println!("|---|---|---|---|");
    alternate(
        "meeting list (1000 entries)",
        ROUNDS,
        5,
        || drop(black_box(serde_json::from_str::<ListMeetingsReply>(black_box(&list)).unwrap())),
        || drop(black_box(serde_json::from_str::<baseline::MeetingList>(black_box(&list)).unwrap())),
    );
    alternate(
        "full meeting detail",
        ROUNDS,
        200,
        || drop(black_box(serde_json::from_str::<GetMeetingReply>(black_box(&detail)).unwrap())),
        || drop(black_box(serde_json::from_str::<baseline::MeetingDetail>(black_box(&detail)).unwrap())),
    );
}

const ROUNDS: usize = 101;

criterion_group!(benches, decode, validate);

/// `ONE=generated|hand DECODE=list|detail CALLS=N`: only N decodes of one contender, for counting
/// instructions under `valgrind --tool=callgrind` (N against 0), which a busy machine does not change.
fn one() -> bool {
    let Ok(who) = std::env::var("ONE") else { return false };
    let calls: usize = std::env::var("CALLS").ok().and_then(|c| c.parse().ok()).unwrap_or(100);
    let list = std::env::var("DECODE").is_ok_and(|d| d == "list");
    let body = if list { meeting_list(1000) } else { meeting_detail() };
    for _ in 0..calls {
        match (who.as_str(), list) {
            ("generated", true) => {
                drop(black_box(serde_json::from_str::<ListMeetingsReply>(black_box(&body)).unwrap()))
            }
            ("generated", false) => drop(black_box(serde_json::from_str::<GetMeetingReply>(black_box(&body)).unwrap())),
            (_, true) => drop(black_box(serde_json::from_str::<baseline::MeetingList>(black_box(&body)).unwrap())),
            (_, false) => drop(black_box(serde_json::from_str::<baseline::MeetingDetail>(black_box(&body)).unwrap())),
        }
    }
    true
}

fn main() {
    steady_allocator();
    if one() {
        return;
    }
    // Not under `cargo test --benches`, which runs each benchmark once to see that it works.
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--list") {
        alternating();
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
