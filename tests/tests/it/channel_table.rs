//! The shipped channel table: it is the spec's, every channel name and Bayeux subscription finds
//! the channels it should, and every notification of the document reads into its typed message.

use kedacom_mc_models::channels::{CASCADE_MT, CONF, HDU, MIX, MTS};
use kedacom_mc_models::wire::Place;
use kedacom_mc_models::{
    match_channel, wire_names, ChannelError, ChannelInfo, EndpointInfo, MessageKind, Notice, ParamKind,
    PlaceholderFormat, Subscription, Wildcard, CHANNELS, ENDPOINTS,
};
use kedacom_mc_tests::spec;
use serde_json::json;

const DOMAIN: &str = "w8oflp85rsopfl85l1rfhet8";

fn name(rest: &str) -> String {
    format!("/userdomains/{DOMAIN}{rest}")
}

#[test]
fn the_table_is_the_specs() {
    let api = spec();
    let push = api.push.as_ref().unwrap();
    assert_eq!(CHANNELS.len(), 23);
    assert_eq!(CHANNELS.len(), api.channels.len());
    for (info, c) in CHANNELS.iter().zip(&api.channels) {
        assert_eq!(
            (info.id, info.channel, info.pattern),
            (c.id.as_str(), c.channel.as_str(), push.pattern(c).as_str())
        );
        assert_eq!(info.pattern, format!("{}{}", wire_names::CHANNEL_PREFIX, info.channel));
        for kind in [MessageKind::Update, MessageKind::Delete, MessageKind::Notify] {
            let spec_kind = kedacom_mc_codegen::model::MessageKind::parse(kind.method()).unwrap();
            assert_eq!(info.carries(kind), c.carries(spec_kind), "{}: {kind:?}", info.id);
        }
        assert_eq!(info.document.source, push.source);
        assert!(ChannelInfo::find(info.id).is_some_and(|f| std::ptr::eq(f, *info)));
    }
    // 17 patterns carry state messages, 12 notifications, six of them both: the document's 29 entries.
    let state = CHANNELS.iter().filter(|c| c.update.is_some() || c.delete.is_some()).count();
    let notify = CHANNELS.iter().filter(|c| c.notify.is_some()).count();
    let both = CHANNELS.iter().filter(|c| c.update.is_some() && c.notify.is_some()).count();
    assert_eq!((state, notify, both), (17, 12, 6));
}

#[test]
fn an_update_is_read_back_with_a_get_that_the_channels_values_fill() {
    for c in CHANNELS {
        let Some(u) = &c.update else { continue };
        let e = u.operation;
        assert_eq!(e.method.as_str(), "GET", "{}", c.id);
        assert_eq!(e.document.source, "vc", "{}: the meeting-control document's", c.id);
        for p in e.parameters.iter().filter(|p| p.place == Place::Path) {
            assert!(c.placeholder(p.name).is_some(), "{}: `{}` of {} is not the channel's", c.id, p.name, e.operation);
            assert_eq!(p.kind, ParamKind::String);
        }
    }
    // Where the document's rule holds, the GET's path is the channel's under the REST prefix.
    assert_eq!(MIX.update.as_ref().unwrap().operation.path, format!("{}{}", wire_names::PUSH_REST_PREFIX, MIX.channel));
    assert_eq!(CASCADE_MT.update.as_ref().unwrap().operation.operation, "list_cascade_mts");
}

#[test]
fn a_channel_name_leads_to_its_channel_and_values() {
    // The usage guide's example of a pushed message.
    let m = match_channel("/userdomains/w8oflp85rsopfl85l1rfhet8/confs/7770480/cascades/0/mts/1").unwrap();
    assert_eq!(m.info, &CASCADE_MT);
    assert_eq!(m.values(), [("domain_id", DOMAIN), ("conf_id", "7770480"), ("cascade_id", "0"), ("mt_id", "1")]);
    // A cascade below ours, a TV wall channel, a conference.
    assert_eq!(match_channel(&name("/confs/1/cascades/0.1.2/mts/3")).unwrap().get("cascade_id"), Some("0.1.2"));
    assert_eq!(match_channel(&name("/confs/1/hdus/2_1")).unwrap().info, &HDU);
    assert_eq!(match_channel(&name("/confs/1")).unwrap().info, &CONF);
    assert_eq!(match_channel(&name("/confs/1/mts")).unwrap().info, &MTS);
    // Values must be of their placeholder's format; unknown and malformed names match nothing.
    for no in [
        name("/confs/abc"),
        name("/confs/1/hdus/2.1"),
        name("/confs/1/unknown"),
        name("/confs/1/"),
        "/userdomains/confs/1".to_owned(),
        "confs/1".to_owned(),
        name("/confs/*"),
        String::new(),
    ] {
        assert!(match_channel(&no).is_none(), "{no}");
    }
}

#[test]
fn a_channel_name_is_built_from_checked_values() {
    let built = MIX.name_with(&[("conf_id", "1000001"), ("domain_id", DOMAIN), ("mix_id", "1")]).unwrap();
    assert_eq!(built, name("/confs/1000001/mixs/1"));
    assert_eq!(MIX.matches(&built).unwrap().get("mix_id"), Some("1"));
    let err = |values: &[(&str, &str)]| MIX.name_with(values).unwrap_err();
    assert_eq!(
        err(&[("domain_id", DOMAIN), ("conf_id", "1")]),
        ChannelError::MissingValue { channel: "mix", name: "mix_id" }
    );
    let bad = err(&[("domain_id", DOMAIN), ("conf_id", "1/2"), ("mix_id", "1")]);
    assert_eq!(bad.to_string(), "channel `mix`: `conf_id` must match [0-9]+, not `1/2`");
    let unknown = err(&[("domain_id", DOMAIN), ("conf_id", "1"), ("mix_id", "1"), ("vmp_id", "1")]);
    assert_eq!(unknown.to_string(), "channel `mix` has no placeholder `vmp_id`");
    let twice = err(&[("domain_id", DOMAIN), ("conf_id", "1"), ("conf_id", "2"), ("mix_id", "1")]);
    assert_eq!(twice, ChannelError::RepeatedValue { channel: "mix", name: "conf_id" });
    assert!(!PlaceholderFormat::Segment.accepts("*") && PlaceholderFormat::DigitsDots.accepts("0.1"));
}

#[test]
fn subscriptions_follow_bayeux_wildcards_in_the_last_segment() {
    let ids = |s: &str| -> Vec<&str> {
        Subscription::parse(s).unwrap().channels().iter().map(|m| m.info.id).collect::<Vec<_>>()
    };
    // The usage guide's four cases: one conference, the list of conferences, our terminals, everything.
    let conf = name("/confs/001112/**");
    assert_eq!(ids(&conf).len(), 22, "every channel under a conference");
    assert!(Subscription::parse(&conf).unwrap().channels().iter().all(|m| m.get("conf_id") == Some("001112")));
    assert_eq!(ids(&name("/confs/*")), ["conf"]);
    assert_eq!(ids(&name("/confs/0001112/cascades/0/mts/*")), ["cascade_mt"]);
    assert_eq!(ids(&name("/confs/**")).len(), 23);
    assert_eq!(ids(&name("/confs/1/mixs/1")), ["mix"]);
    assert!(ids(&name("/confs/x/**")).is_empty());

    let sub = Subscription::parse(&conf).unwrap();
    assert_eq!(sub.wildcard(), Some(Wildcard::Deep));
    assert!(sub.matches(&name("/confs/001112/mixs/1")) && sub.matches(&name("/confs/001112/cascades/0/mts/1")));
    assert!(!sub.matches(&name("/confs/001112")) && !sub.matches(&name("/confs/001113/mixs/1")));
    let (one_text, exact_text) = (name("/confs/*"), name("/confs/7"));
    let one = Subscription::parse(&one_text).unwrap();
    assert!(one.matches(&name("/confs/7")) && !one.matches(&name("/confs/7/mixs/1")) && !one.matches(&name("/confs")));
    let exact = Subscription::parse(&exact_text).unwrap();
    assert!(exact.matches(&name("/confs/7")) && !exact.matches(&name("/confs/8")) && exact.wildcard().is_none());
    assert!(!one.matches(&name("/confs/*")), "a name with a wildcard is not a channel name");

    for (bad, why) in [
        ("/userdomains/d/*/confs", "`*` has a wildcard, which may only be the whole last segment"),
        ("/userdomains/d/confs/1**", "`1**` has a wildcard"),
        ("userdomains/d", "does not start with /"),
        ("/userdomains//confs", "segment 2 is empty"),
    ] {
        let e = Subscription::parse(bad).unwrap_err().to_string();
        assert!(e.contains(why), "{bad}: {e}");
    }
}

#[test]
fn every_notification_of_the_document_reads_into_its_typed_message() {
    let api = spec();
    let mut read = 0;
    for c in &api.channels {
        let Some(n) = &c.notify else { continue };
        let info = ChannelInfo::find(&c.id).unwrap();
        let example = n.example.clone().unwrap();
        assert_eq!(MessageKind::of(&example), Some(MessageKind::Notify));
        let notice = Notice::decode(info, example.clone()).unwrap().unwrap();
        assert!(std::ptr::eq(notice.channel(), info));
        let reports = info.notify.as_ref().unwrap().reports_error;
        assert_eq!(notice.error_code(), reports.then_some(123), "{}", c.id);
        read += 1;
    }
    assert_eq!(read, 12);
    let Notice::Mts(failed) = Notice::decode(&MTS, json!({"method": "notify", "error_code": 20423, "mt": {"account": "172.16.180.30", "account_type": 7}, "occupy_confname": "周会", "new": 1})).unwrap().unwrap() else {
        panic!("the terminals' notification")
    };
    assert_eq!(failed.occupy_confname.as_deref(), Some("周会"));
    assert_eq!(failed.mt.and_then(|m| m.account_type), Some(kedacom_mc_models::AccountType::IpAddress));
    assert!(failed.extra.contains_key("new"), "a field the document does not list is kept");
    // A state channel has no notification; a notification of the wrong shape is an error, not a panic.
    assert!(Notice::decode(&CONF, json!({"method": "notify"})).is_none());
    assert!(Notice::decode(&MTS, json!({"method": "notify", "error_code": "x"})).unwrap().is_err());
}

#[test]
fn a_messages_kind_is_its_method() {
    assert_eq!(MessageKind::of(&json!({"method": "update"})), Some(MessageKind::Update));
    assert_eq!(MessageKind::of(&json!({"method": "delete"})), Some(MessageKind::Delete));
    assert_eq!(MessageKind::of(&json!({"method": "removed"})), None);
    assert_eq!(MessageKind::of(&json!({"error_code": 1})), None);
    assert_eq!(wire_names::PUSH_PATH, "/api/v1/publish");
    assert_eq!(wire_names::PUSH_DOMAIN_EXT_FIELD, "user_domain_moid");
}

#[test]
fn every_asynchronous_call_says_where_its_outcome_is_pushed() {
    let asynchronous: Vec<&EndpointInfo> = ENDPOINTS.iter().copied().filter(|e| e.asynchronous.is_some()).collect();
    assert_eq!(asynchronous.len(), 39);
    let mut on_a_channel = 0;
    for e in &asynchronous {
        let o = e.outcome.as_ref().unwrap_or_else(|| panic!("{}", e.operation));
        match o.channel {
            Some(c) => {
                on_a_channel += 1;
                assert!(!o.messages.is_empty() && o.messages.iter().all(|m| c.carries(*m)), "{}", e.operation);
            }
            None => assert!(o.note.is_some(), "{}: says why no channel reports it", e.operation),
        }
        if let Some(f) = o.failure {
            assert!(f.notify.as_ref().is_some_and(|n| n.reports_error), "{}", e.operation);
        }
    }
    assert_eq!(on_a_channel, 30);
    // Adding terminals: they come online on the terminal channel, a failure on the conference's terminals.
    let add = EndpointInfo::find("add_mts").unwrap().outcome.unwrap();
    assert_eq!((add.channel, add.messages, add.failure), (Some(&CASCADE_MT), &[MessageKind::Update][..], Some(&MTS)));
    let stop = EndpointInfo::find("stop_mix").unwrap().outcome.unwrap();
    assert_eq!((stop.channel, stop.messages), (Some(&MIX), &[MessageKind::Delete][..]));
    // The one call the document does not call asynchronous whose failure is pushed all the same.
    let monitor = EndpointInfo::find("start_monitor").unwrap();
    assert!(monitor.asynchronous.is_none() && monitor.outcome.unwrap().failure.is_some());
}
