//! Channel-by-channel comparison of the spec with a push document. An entry of the document is
//! either a channel's state messages (update, delete) or its notification; the spec holds both on
//! one channel, so each of its channels is compared with up to two entries. A notification's table
//! is compared as an endpoint's reply table is, its fields' `departs` included.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::super::channel_parse::{ChannelDocument, DocChannel};
use super::{
    compare_table, object_flat, reached_from_other_editions, squash, Declared, Difference, Flat, Mode, Report,
    Required, Sink, Table, What,
};
use crate::audit::identify::route_key;
use crate::audit::parse::DocRange;
use crate::model::*;

/// A channel `departs` entry that excuses no difference.
#[derive(Debug, Clone, PartialEq)]
pub struct StaleChannelDeparture {
    /// The channel that declares it.
    pub channel: String,
    pub departure: ChannelDeparture,
}

/// Compares the spec's channels with the push document `doc`, which is the spec's document `source`.
pub fn audit_channels(api: &Api, doc: &ChannelDocument, source: &str) -> Report {
    let mut r = Report {
        source: source.to_owned(),
        document: api.document(source).map(Document::label).unwrap_or_default(),
        channel_document: true,
        ..Default::default()
    };
    let ours: Vec<&Channel> = match &api.push {
        Some(p) if p.source == source => api.channels.iter().collect(),
        _ => Vec::new(),
    };
    let mut declared = Declared::default();
    let mut excused: BTreeSet<(String, usize)> = BTreeSet::new();
    // (channel id, whether the notification) of every part the document has.
    let mut found: BTreeSet<(String, bool)> = BTreeSet::new();
    let mut patterns = BTreeSet::new();
    for d in &doc.channels {
        let key = route_key("", &d.channel);
        let Some(c) = ours.iter().find(|c| route_key("", &c.channel) == key) else {
            r.differences.push(Difference {
                place: format!("{} (document line {})", d.channel, d.line),
                what: What::Channel,
                message: format!("`{}` is in the document but not in the spec", d.name),
            });
            continue;
        };
        let notify = d.is_notify();
        let part = if notify { "notification" } else { "update or delete" };
        let has = if notify { c.notify.is_some() } else { c.update.is_some() || c.delete.is_some() };
        if !has {
            r.differences.push(Difference {
                place: c.id.clone(),
                what: What::Channel,
                message: format!("`{}` (document line {}): the spec's channel has no {part}", d.name, d.line),
            });
            continue;
        }
        found.insert((c.id.clone(), notify));
        patterns.insert(c.id.clone());
        r.channels_compared += 1;
        let mut at = ChannelAt { api, c, d, r: &mut r, declared: &mut declared, excused: &mut excused };
        at.compare(notify);
    }
    for c in &ours {
        let parts = [
            (false, c.update.is_some() || c.delete.is_some(), "update or delete"),
            (true, c.notify.is_some(), "notification"),
        ];
        for (notify, has, part) in parts {
            if has && !found.contains(&(c.id.clone(), notify)) {
                r.differences.push(Difference {
                    place: c.id.clone(),
                    what: What::Channel,
                    message: format!("its {part} on {} is in the spec ({}) but not in the document", c.channel, c.file),
                });
            }
        }
        for (i, d) in c.departs.iter().enumerate() {
            if !excused.contains(&(c.id.clone(), i)) {
                r.stale_channels.push(StaleChannelDeparture { channel: c.id.clone(), departure: d.clone() });
            }
        }
    }
    r.channel_patterns_compared = patterns.len();
    (r.stale, r.not_judged) = declared.stale(&reached_from_other_editions(api, source));
    r
}

/// One document entry being compared with its spec channel.
struct ChannelAt<'a> {
    api: &'a Api,
    c: &'a Channel,
    d: &'a DocChannel,
    r: &'a mut Report,
    declared: &'a mut Declared,
    /// (channel id, index) of each channel `departs` entry that excused a difference.
    excused: &'a mut BTreeSet<(String, usize)>,
}

impl ChannelAt<'_> {
    fn compare(&mut self, notify: bool) {
        let (c, d) = (self.c, self.d);
        let place = if notify { format!("{} notify", c.id) } else { c.id.clone() };
        let spec_name = if notify { c.notify.as_ref().map(|n| n.name.as_str()) } else { c.name.as_deref() };
        if spec_name != Some(d.name.as_str()) {
            let message =
                format!("name: spec `{}`, document `{}` (document line {})", spec_name.unwrap_or(""), d.name, d.line);
            self.differ(&place, What::Channel, message);
        }
        if c.channel != d.channel {
            let message =
                format!("channel: spec `{}`, document `{}` (document line {})", c.channel, d.channel, d.channel_line);
            self.differ(&place, What::Channel, message);
        }
        self.placeholders(&place, notify);
        if notify {
            self.notification(&place);
        } else {
            self.state(&place);
        }
    }

    fn differ(&mut self, place: &str, what: What, message: String) {
        self.r.differences.push(Difference { place: place.to_owned(), what, message });
    }

    /// A difference that a channel `departs` entry of `kind` may excuse, at document line `line`.
    fn declared(&mut self, place: &str, kind: ChannelDepartureKind, at: Option<&str>, line: usize, message: String) {
        let difference = Difference { place: place.to_owned(), what: What::Channel, message };
        let hit = self.c.departs.iter().position(|x| x.what == kind && x.at.as_deref() == at && x.line == line);
        match hit {
            Some(i) => {
                self.excused.insert((self.c.id.clone(), i));
                self.r.accepted.push((difference, self.c.departs[i].why.clone()));
            }
            None => self.r.differences.push(difference),
        }
    }

    /// The placeholder rows, one by one in order, with the entry's own wording of each.
    fn placeholders(&mut self, place: &str, notify: bool) {
        let (c, d) = (self.c, self.d);
        let count = c.placeholders.len().max(d.placeholders.len());
        for i in 0..count {
            match (c.placeholders.get(i), d.placeholders.get(i)) {
                (Some(p), None) => {
                    let message = format!("placeholder `{}`: in the spec, not in the document's table", p.name);
                    self.declared(place, ChannelDepartureKind::Placeholder, Some(&p.name), d.line, message);
                }
                (None, Some(q)) => {
                    let message =
                        format!("placeholder `{}`: in the document (line {}), not in the spec", q.name, q.line);
                    self.differ(place, What::Channel, message);
                }
                (Some(p), Some(q)) => {
                    let desc = if notify { p.notify_desc.as_ref().unwrap_or(&p.desc) } else { &p.desc };
                    let aspects = [
                        ("name", p.name.as_str(), q.name.as_str(), p.name == q.name),
                        ("format", p.format.regex(), q.format.as_str(), p.format.regex() == q.format),
                        ("description", desc.as_str(), q.desc.as_str(), squash(desc) == squash(&q.desc)),
                    ];
                    for (aspect, spec, doc, same) in aspects {
                        if !same {
                            let message = format!(
                                "placeholder `{}`: {aspect}: spec `{spec}`, document `{doc}` (document line {})",
                                p.name, q.line
                            );
                            self.declared(place, ChannelDepartureKind::Placeholder, Some(&p.name), q.line, message);
                        }
                    }
                }
                (None, None) => {}
            }
        }
    }

    /// The update and delete messages, and the GET that reads an update back.
    fn state(&mut self, place: &str) {
        let (api, c, d) = (self.api, self.c, self.d);
        let Some(push) = &api.push else { return };
        let messages = [
            (MessageKind::Update, c.update.as_ref().map(|u| u.desc.as_str())),
            (MessageKind::Delete, c.delete.as_deref()),
        ];
        for (kind, spec) in messages {
            let k = kind.as_str();
            let doc = d.message(kind);
            let (desc, m) = match (spec, doc) {
                (None, None) => continue,
                (Some(_), None) => {
                    self.differ(place, What::Channel, format!("{k}: in the spec, not in the document"));
                    continue;
                }
                (None, Some(m)) => {
                    let message = format!("{k}: in the document (line {}), not in the spec", m.line);
                    self.differ(place, What::Channel, message);
                    continue;
                }
                (Some(desc), Some(m)) => (desc, m),
            };
            let expected = json!({ push.method_field.as_str(): push.method(kind) });
            let example = m.example.as_deref().map(serde_json::from_str::<Value>);
            if !matches!(&example, Some(Ok(v)) if *v == expected) {
                let message = format!("{k}: the document's example (line {}) is not {expected}", m.line);
                self.differ(place, What::Example, message);
            }
            let row = [Flat {
                path: push.method_field.clone(),
                ty: "str",
                required: Required::No,
                desc: desc.to_owned(),
                values: None,
                max_bytes: None,
                max_chars: None,
                telephone: None,
                format: None,
                range: DocRange::default(),
                file_types: None,
                departs: Vec::new(),
            }];
            let table = Table { op: place, name: k, own: &[], span: (d.line, d.end_line) };
            let mut sink = Sink { differences: &mut self.r.differences, accepted: &mut self.r.accepted };
            compare_table(&mut sink, self.declared, &table, &row, &m.table, Mode::Full);
        }
        let Some(u) = &c.update else { return };
        let rule = format!("{}{}", push.rest_prefix, c.channel);
        let rule_key = route_key("GET", &rule);
        let spec = api.endpoint(&u.operation);
        if spec.is_some_and(|e| route_key(e.method.as_str(), &e.uri) == rule_key) {
            return;
        }
        let rule_is = match api.endpoints.iter().find(|e| route_key(e.method.as_str(), &e.uri) == rule_key) {
            Some(e) => format!("`{}`", e.operation),
            None => "no endpoint of the spec".to_owned(),
        };
        let spec_reads = match spec {
            Some(e) => format!("`{}` ({} {})", e.operation, e.method.as_str(), e.uri),
            None => format!("`{}`", u.operation),
        };
        let message = format!(
            "update: the document's rule reads it back with GET {rule}, which is {rule_is}; the spec with {spec_reads} \
             (document line {})",
            d.channel_line
        );
        self.declared(place, ChannelDepartureKind::Update, None, d.channel_line, message);
    }

    /// The notification's example and table.
    fn notification(&mut self, place: &str) {
        let (api, c, d) = (self.api, self.c, self.d);
        let (Some(n), Some(m)) = (&c.notify, d.message(MessageKind::Notify)) else { return };
        let doc = m.example.as_deref().map(serde_json::from_str::<Value>);
        let message = match (&n.example, doc) {
            (None, None) => None,
            (Some(_), None) => Some("example: in the spec, not in the document".to_owned()),
            (None, Some(_)) => Some(format!("example: in the document (line {}), not in the spec", m.line)),
            (Some(_), Some(Err(e))) => Some(format!("example: the document's (line {}) is not JSON ({e})", m.line)),
            (Some(s), Some(Ok(v))) if *s != v => {
                Some(format!("example: differs from the document's (line {})", m.line))
            }
            _ => None,
        };
        if let Some(message) = message {
            self.differ(place, What::Example, message);
        }
        let spec = object_flat(api, Some(ObjectUse::plain(&n.object)), true);
        let table = Table { op: place, name: "message", own: &[], span: (d.line, d.end_line) };
        let mut sink = Sink { differences: &mut self.r.differences, accepted: &mut self.r.accepted };
        compare_table(&mut sink, self.declared, &table, &spec, &m.table, Mode::Full);
    }
}
