//! The push section and its channels: each pattern with its placeholders and their formats, the
//! messages it carries, the operation an `update` is read back with, and each endpoint's `outcome`.
//! What can be checked from one file is checked while resolving; references to operations, to other
//! channels and the notifications' examples once the whole API exists.

use std::collections::HashMap;

use serde_json::Value;

use super::{json, Parsed, Resolver, Seen};
use crate::diag::Diagnostics;
use crate::examples;
use crate::model::*;
use crate::names;

impl Resolver<'_> {
    /// The one `push` section, checked.
    pub(super) fn push(&mut self, files: &[Parsed], documents: &[Document]) -> Option<Push> {
        let mut found: Option<(&Parsed, &super::raw::PushDef)> = None;
        for f in files {
            let Some(p) = &f.spec.push else { continue };
            if let Some((first, _)) = found {
                let line = f.index.line("push");
                self.err(f, line, format!("a second `push` section; the first is in {}", first.name));
                continue;
            }
            found = Some((f, p));
        }
        let (f, p) = found?;
        let line = |key: &str| f.index.line(&format!("push.{key}"));
        if !documents.iter().any(|d| d.source == p.source) {
            self.err(f, line("source"), format!("push: unknown source document `{}`", p.source));
        }
        let texts = [
            ("path", &p.path),
            ("bayeux_version", &p.bayeux_version),
            ("domain_ext_field", &p.domain_ext_field),
            ("prefix", &p.prefix),
            ("rest_prefix", &p.rest_prefix),
            ("method_field", &p.method_field),
            ("methods.update", &p.methods.update),
            ("methods.delete", &p.methods.delete),
            ("methods.notify", &p.methods.notify),
        ];
        for (key, value) in texts {
            if value.trim().is_empty() {
                self.err(f, line(key), format!("push `{key}` is empty"));
            }
        }
        for key in ["path", "rest_prefix"] {
            let value = if key == "path" { &p.path } else { &p.rest_prefix };
            if !value.starts_with('/') || value.ends_with('/') {
                self.err(f, line(key), format!("push `{key}` must start with / and not end with one, not `{value}`"));
            }
        }
        let methods = [p.methods.update.clone(), p.methods.delete.clone(), p.methods.notify.clone()];
        if methods[0] == methods[1] || methods[1] == methods[2] || methods[0] == methods[2] {
            self.err(f, line("methods"), "push `methods`: update, delete and notify need three different values");
        }
        let prefix_placeholder = match pattern_segments(&p.prefix) {
            Ok(segments) => {
                let names: Vec<&str> = segments
                    .iter()
                    .filter_map(|s| match s {
                        Segment::Placeholder(n) => Some(*n),
                        Segment::Literal(_) => None,
                    })
                    .collect();
                match names.as_slice() {
                    [one] => (*one).to_owned(),
                    _ => {
                        let msg =
                            format!("push `prefix` {} must hold exactly one placeholder, the user domain", p.prefix);
                        self.err(f, line("prefix"), msg);
                        String::new()
                    }
                }
            }
            Err(why) => {
                self.err(f, line("prefix"), format!("push `prefix` {} {why}", p.prefix));
                String::new()
            }
        };
        Some(Push {
            source: p.source.clone(),
            path: p.path.clone(),
            bayeux_version: p.bayeux_version.clone(),
            domain_ext_field: p.domain_ext_field.clone(),
            prefix: p.prefix.clone(),
            prefix_placeholder,
            rest_prefix: p.rest_prefix.clone(),
            method_field: p.method_field.clone(),
            methods,
            file: f.name.clone(),
        })
    }

    /// Every channel of every file, each checked on its own; how channels relate to each other and
    /// to the endpoints is [`check`]'s.
    pub(super) fn channels(&mut self, files: &[Parsed], push: Option<&Push>) -> Vec<Channel> {
        let mut out = Vec::new();
        let mut seen = Seen::new();
        for f in files {
            for (i, c) in f.spec.channels.iter().enumerate() {
                let path = format!("channels[{i}]");
                let line = f.index.line(&format!("{path}.id"));
                if push.is_none() {
                    self.err(f, line, format!("channel `{}`: channels need a `push` section", c.id));
                }
                if !names::is_snake_id(&c.id) {
                    self.err(f, line, format!("channel id `{}` must be snake_case ASCII", c.id));
                }
                self.unique(&mut seen, &c.id, "channel", f, line);
                out.push(self.channel(f, &path, c, push));
            }
        }
        out
    }

    fn channel(&mut self, f: &Parsed, path: &str, c: &super::raw::ChannelDef, push: Option<&Push>) -> Channel {
        let line = |key: &str| f.index.line(&format!("{path}.{key}"));
        let id = &c.id;
        let in_pattern: Option<Vec<&str>> = match pattern_segments(&c.channel) {
            Ok(segments) => Some(
                segments
                    .iter()
                    .filter_map(|s| match s {
                        Segment::Placeholder(n) => Some(*n),
                        Segment::Literal(_) => None,
                    })
                    .collect(),
            ),
            Err(why) => {
                self.err(f, line("channel"), format!("channel `{id}`: {} {why}", c.channel));
                None
            }
        };
        let in_pattern = in_pattern.as_deref();
        if let Some(p) = push.filter(|p| !p.prefix_placeholder.is_empty()) {
            if in_pattern.is_some_and(|names| names.contains(&p.prefix_placeholder.as_str())) {
                let msg = format!("channel `{id}`: `{{{}}}` is the prefix's placeholder", p.prefix_placeholder);
                self.err(f, line("channel"), msg);
            }
        }
        let mut placeholders = Vec::new();
        for (i, p) in c.placeholders.iter().enumerate() {
            let at = f.index.line(&format!("{path}.placeholders[{i}].format"));
            let format = PlaceholderFormat::parse(&p.format).unwrap_or_else(|| {
                let known: Vec<&str> = PlaceholderFormat::WRITTEN.iter().map(|x| x.regex()).collect();
                let msg = format!(
                    "channel `{id}`: placeholder `{}`: unknown format `{}` ({})",
                    p.name,
                    p.format,
                    known.join(", ")
                );
                self.err(f, at, msg);
                PlaceholderFormat::Digits
            });
            placeholders.push(Placeholder {
                name: p.name.clone(),
                format,
                desc: p.desc.clone(),
                notify_desc: p.notify_desc.clone(),
            });
        }
        let listed: Vec<&str> = placeholders.iter().map(|p| p.name.as_str()).collect();
        if let Some(names) = in_pattern.filter(|names| *names != listed.as_slice()) {
            let msg = format!(
                "channel `{id}`: `placeholders` must list the channel's placeholders in order ({}), not ({})",
                names.join(", "),
                listed.join(", ")
            );
            self.err(f, line("placeholders"), msg);
        }
        let state = c.update.is_some() || c.delete.is_some();
        match (&c.name, state) {
            (None, true) => {
                self.err(f, line("id"), format!("channel `{id}`: a channel with update or delete needs its `name`"))
            }
            (Some(_), false) => self.err(
                f,
                line("name"),
                format!("channel `{id}`: `name` is the state messages' entry, and the channel has no update or delete"),
            ),
            _ => {}
        }
        if !state && c.notify.is_none() {
            self.err(f, line("id"), format!("channel `{id}` carries no message: give `update`, `delete` or `notify`"));
        }
        let notify = c.notify.as_ref().map(|n| {
            let npath = format!("{path}.notify");
            self.type_name(&n.type_name, f, f.index.line(&format!("{npath}.type_name")));
            self.object(f, &npath, &n.type_name, &n.name, &n.fields, &[], None, false, false);
            let example = n.example.as_deref().and_then(|text| match json::parse(text) {
                Ok(v) => Some(v),
                Err(e) => {
                    let l = f.index.line(&format!("{npath}.example")) + e.line();
                    self.err(f, l, format!("channel `{id}`: the notification's example is not JSON: {e}"));
                    None
                }
            });
            Notify { name: n.name.clone(), object: n.type_name.clone(), example }
        });
        let departs = self.channel_departures(f, path, c, &listed);
        Channel {
            id: id.clone(),
            name: c.name.clone(),
            channel: c.channel.clone(),
            placeholders,
            update: c.update.as_ref().map(|u| UpdateMessage { desc: u.desc.clone(), operation: u.operation.clone() }),
            delete: c.delete.as_ref().map(|d| d.desc.clone()),
            notify,
            departs,
            file: f.name.clone(),
        }
    }

    fn channel_departures(
        &mut self,
        f: &Parsed,
        path: &str,
        c: &super::raw::ChannelDef,
        placeholders: &[&str],
    ) -> Vec<ChannelDeparture> {
        let mut out = Vec::new();
        for (i, d) in c.departs.iter().enumerate() {
            let dp = format!("{path}.departs[{i}]");
            let line = f.index.line(&dp);
            let Some(what) = ChannelDepartureKind::parse(&d.what) else {
                let kinds: Vec<&str> = ChannelDepartureKind::ALL.iter().map(|k| k.as_str()).collect();
                let msg = format!("channel `{}`: departure kind `{}` is not one of {}", c.id, d.what, kinds.join(", "));
                self.err(f, line, msg);
                continue;
            };
            let problem = match (what, d.at.as_deref()) {
                (ChannelDepartureKind::Update, None) if c.update.is_some() => None,
                (ChannelDepartureKind::Update, None) => {
                    Some("an `update` departure belongs to a channel with `update`".into())
                }
                (ChannelDepartureKind::Update, Some(_)) => Some("an `update` departure has no `at`".into()),
                (ChannelDepartureKind::Placeholder, Some(p)) if placeholders.contains(&p) => None,
                (ChannelDepartureKind::Placeholder, _) => Some(format!(
                    "a `placeholder` departure is `at` one of the channel's placeholders ({})",
                    placeholders.join(", ")
                )),
            };
            if let Some(p) = problem {
                self.err(f, line, format!("channel `{}`: {p}", c.id));
                continue;
            }
            self.departure_line(f, &dp, Some(d.line));
            out.push(ChannelDeparture { what, at: d.at.clone(), line: d.line, doc: d.doc.clone(), why: d.why.clone() });
        }
        out
    }

    /// An endpoint's `outcome`, as written; what it names is checked by [`check`].
    pub(super) fn outcome(&mut self, f: &Parsed, path: &str, e: &super::raw::EndpointDef) -> Option<Outcome> {
        let o = e.outcome.as_ref()?;
        let mut messages = Vec::new();
        for (i, m) in o.messages.iter().enumerate() {
            match MessageKind::parse(m).filter(|k| *k != MessageKind::Notify) {
                Some(k) => messages.push(k),
                None => {
                    let l = f.index.line(&format!("{path}.outcome.messages[{i}]"));
                    let msg = format!(
                        "`{}`: outcome message `{m}` is not update or delete (a notification reports a failure: `failure`)",
                        e.operation
                    );
                    self.err(f, l, msg);
                }
            }
        }
        Some(Outcome { channel: o.channel.clone(), messages, failure: o.failure.clone(), why: o.why.clone() })
    }
}

/// Where a channel is written: its file and index, for lines.
struct Written<'a> {
    file: &'a Parsed,
    index: usize,
}

impl Written<'_> {
    fn line(&self, key: &str) -> usize {
        self.file.index.line(&format!("channels[{}].{key}", self.index))
    }
}

/// Checks what channels name (operations, each other) and what endpoints name (channels).
pub(super) fn check(files: &[Parsed], api: &Api, diags: &mut Diagnostics) {
    let mut written: HashMap<&str, Written> = HashMap::new();
    for f in files {
        for (index, c) in f.spec.channels.iter().enumerate() {
            written.entry(c.id.as_str()).or_insert(Written { file: f, index });
        }
    }
    for c in &api.channels {
        let Some(w) = written.get(c.id.as_str()) else { continue };
        let mut err =
            |key: &str, msg: String| diags.push(&w.file.name, w.line(key), format!("channel `{}`: {msg}", c.id));
        if let Some(u) = &c.update {
            match api.endpoint(&u.operation) {
                None => err("update.operation", format!("update: unknown operation `{}`", u.operation)),
                Some(e) if e.method != Method::Get => {
                    err("update.operation", format!("update: `{}` is {}, not a GET", u.operation, e.method.as_str()))
                }
                Some(e) => {
                    for p in e.caller_path().filter(|p| !c.placeholders.iter().any(|x| x.name == p.wire)) {
                        err(
                            "update.operation",
                            format!(
                                "update: `{}` takes `{{{}}}`, which the channel does not have",
                                u.operation, p.wire
                            ),
                        );
                    }
                }
            }
        }
        if let (Some(n), Some(push)) = (&c.notify, &api.push) {
            check_notify(api, push, c, n, &mut err);
        }
    }
    check_overlaps(api, &written, diags);
    check_outcomes(files, api, diags);
}

fn check_notify(api: &Api, push: &Push, c: &Channel, n: &Notify, err: &mut impl FnMut(&str, String)) {
    let fields = api.object(&n.object).map(|o| o.fields.clone()).unwrap_or_default();
    match fields.iter().find(|f| f.wire == push.method_field) {
        Some(f) if f.ty == Type::String => {}
        _ => err("notify.fields", format!("the notification has no string field `{}` (its kind)", push.method_field)),
    }
    if let Some(f) = fields.iter().find(|f| f.wire == api.wire.error_code_field) {
        if f.ty != Type::Integer {
            err("notify.fields", format!("the notification's `{}` must be an integer", f.wire));
        }
    }
    let Some(example) = &n.example else { return };
    for p in examples::check(api, &ObjectUse::plain(&n.object), example, false) {
        err("notify.example", format!("the example contradicts the notification at `{}`: {}", p.path, p.message));
    }
    let method = example.get(&push.method_field).and_then(Value::as_str);
    if method != Some(push.method(MessageKind::Notify)) {
        let m = push.method(MessageKind::Notify);
        err("notify.example", format!("the example's `{}` must be `{m}` (channel {})", push.method_field, c.channel));
    }
}

/// A concrete channel name leads to one channel: two patterns of one length whose every segment
/// could be the same text would make it two.
fn check_overlaps(api: &Api, written: &HashMap<&str, Written>, diags: &mut Diagnostics) {
    let segments: Vec<(&Channel, Vec<Segment>)> =
        api.channels.iter().filter_map(|c| Some((c, pattern_segments(&c.channel).ok()?))).collect();
    for (i, (b, sb)) in segments.iter().enumerate() {
        for (a, sa) in &segments[..i] {
            if sa.len() != sb.len() || !sa.iter().zip(sb).all(|(x, y)| same_text(a, *x, b, *y)) {
                continue;
            }
            let Some(w) = written.get(b.id.as_str()) else { continue };
            let at = written.get(a.id.as_str()).map(|x| format!("{}:{}", x.file.name, x.line("channel")));
            let msg = format!(
                "channel `{}` ({}) and channel `{}` ({}, at {}) can be the same channel name; a name must lead to one channel",
                b.id,
                b.channel,
                a.id,
                a.channel,
                at.unwrap_or_default()
            );
            diags.push(&w.file.name, w.line("channel"), msg);
        }
    }
}

/// Whether some segment of text could be both `x` of `a` and `y` of `b`.
fn same_text(a: &Channel, x: Segment, b: &Channel, y: Segment) -> bool {
    let format = |c: &Channel, name: &str| c.placeholders.iter().find(|p| p.name == name).map(|p| p.format);
    match (x, y) {
        (Segment::Literal(l), Segment::Literal(m)) => l == m,
        (Segment::Literal(l), Segment::Placeholder(p)) => format(b, p).is_none_or(|f| f.accepts(l)),
        (Segment::Placeholder(p), Segment::Literal(l)) => format(a, p).is_none_or(|f| f.accepts(l)),
        // Every format accepts a run of digits.
        (Segment::Placeholder(_), Segment::Placeholder(_)) => true,
    }
}

/// Every asynchronous call says where its outcome is pushed (when the spec has channels), and what
/// an `outcome` names exists and carries what it is named for.
fn check_outcomes(files: &[Parsed], api: &Api, diags: &mut Diagnostics) {
    for f in files {
        for (i, raw) in f.spec.endpoints.iter().enumerate() {
            let Some(e) = api.endpoint(&raw.operation).filter(|e| e.file == f.name) else { continue };
            let line = |key: &str| f.index.line(&format!("endpoints[{i}].{key}"));
            let op = &e.operation;
            let Some(o) = &e.outcome else {
                if e.asynchronous.is_some() && api.push.is_some() {
                    let msg = format!(
                        "`{op}`: an asynchronous call names the channel its outcome is pushed on with `outcome:` \
                         (or says `why` none is)"
                    );
                    diags.push(&f.name, line("async"), msg);
                }
                continue;
            };
            let mut err = |key: &str, msg: String| diags.push(&f.name, line(key), format!("`{op}`: outcome: {msg}"));
            if api.push.is_none() {
                err("outcome", "the spec has no `push` section, so no channel".into());
            }
            match o.channel.as_deref().map(|id| (id, api.channel(id))) {
                None => {
                    if !o.messages.is_empty() {
                        err("outcome.messages", "`messages` are the `channel`'s, and there is none".into());
                    }
                    if o.why.as_deref().is_none_or(|w| w.trim().is_empty()) {
                        err("outcome", "without a `channel`, say `why` no channel reports the outcome".into());
                    }
                }
                Some((id, None)) => err("outcome.channel", format!("unknown channel `{id}`")),
                Some((id, Some(c))) => {
                    if o.messages.is_empty() {
                        err("outcome.messages", format!("name the messages of `{id}` that report it (update, delete)"));
                    }
                    for m in o.messages.iter().filter(|m| !c.carries(**m)) {
                        err("outcome.messages", format!("channel `{id}` carries no `{}`", m.as_str()));
                    }
                }
            }
            if let Some(id) = &o.failure {
                match api.channel(id) {
                    None => err("outcome.failure", format!("unknown channel `{id}`")),
                    Some(c) if c.notify.is_none() => {
                        err("outcome.failure", format!("channel `{id}` carries no notification"))
                    }
                    Some(c) => {
                        let reports = c
                            .notify
                            .as_ref()
                            .and_then(|n| api.object(&n.object))
                            .is_some_and(|o| o.fields.iter().any(|x| x.wire == api.wire.error_code_field));
                        if !reports {
                            let msg = format!(
                                "the notification of `{id}` has no `{}`, so it reports no failure",
                                api.wire.error_code_field
                            );
                            err("outcome.failure", msg);
                        }
                    }
                }
            }
        }
    }
}
