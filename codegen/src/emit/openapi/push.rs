//! The push service in the OpenAPI export: an `x-push` extension on the document (how to connect,
//! every channel with its placeholders and messages) and an `x-outcome` on each operation whose
//! outcome is pushed. OpenAPI has no place for a Bayeux service, and AsyncAPI has no Bayeux binding;
//! an extension keeps one file that the standard validator checks, its notifications' schemas among
//! the components and its updates naming operations by `operationId`.

use serde_json::{json, Value};

use super::{document_ref, ref_schema};
use crate::model::*;

/// The `x-push` extension; `None` when the spec has no push section.
pub fn extension(api: &Api) -> Option<Value> {
    let push = api.push.as_ref()?;
    let channels: Vec<Value> = api.channels.iter().map(|c| channel(api, push, c)).collect();
    let mut v = json!({
        "description": format!(
            "CometD (Bayeux {}) at `{}`. The handshake carries the login cookie `{}`; its reply's `ext.{}` is the user \
             domain every channel is subscribed under (`{}`). A subscription may end in `*` (one more segment) or `**` \
             (one or more). A message's `{}` says what it is: `{}` (read the resource with the channel's operation), `{}` \
             (it is gone) or `{}` (a notification, with its own fields).",
            push.bayeux_version,
            push.path,
            api.wire.session_cookie,
            push.domain_ext_field,
            push.prefix,
            push.method_field,
            push.method(MessageKind::Update),
            push.method(MessageKind::Delete),
            push.method(MessageKind::Notify),
        ),
        "path": push.path,
        "bayeux_version": push.bayeux_version,
        "session_cookie": api.wire.session_cookie,
        "domain_ext_field": push.domain_ext_field,
        "prefix": push.prefix,
        "method_field": push.method_field,
        "methods": {
            "update": push.method(MessageKind::Update),
            "delete": push.method(MessageKind::Delete),
            "notify": push.method(MessageKind::Notify),
        },
        "channels": null,
    });
    // Moved in: `json!` would copy them value by value.
    v["channels"] = Value::Array(channels);
    if let Some(d) = api.document(&push.source) {
        v["x-source-document"] = document_ref(d);
    }
    Some(v)
}

fn channel(api: &Api, push: &Push, c: &Channel) -> Value {
    let placeholders: Vec<Value> = c
        .placeholders
        .iter()
        .map(|p| {
            json!({"name": p.name, "description": p.desc, "schema": {"type": "string", "pattern": format!("^{}$", p.format.regex())}})
        })
        .collect();
    let mut messages = serde_json::Map::new();
    if let Some(u) = &c.update {
        let mut m = json!({"description": u.desc, "operationId": u.operation});
        if let Some(e) = api.endpoint(&u.operation) {
            m["path"] = json!(e.uri);
        }
        messages.insert("update".into(), m);
    }
    if let Some(d) = &c.delete {
        messages.insert("delete".into(), json!({"description": d}));
    }
    if let Some(n) = &c.notify {
        let mut m = json!({"name": n.name, "schema": ref_schema(&n.object)});
        if let Some(ex) = &n.example {
            m["example"] = ex.clone();
        }
        messages.insert("notify".into(), m);
    }
    let mut v = json!({
        "id": c.id,
        "name": c.title(),
        "channel": c.channel,
        "pattern": push.pattern(c),
        "placeholders": null,
        "messages": null,
    });
    v["placeholders"] = Value::Array(placeholders);
    v["messages"] = Value::Object(messages);
    if !c.departs.is_empty() {
        let departs: Vec<Value> = c
            .departs
            .iter()
            .map(|d| json!({"what": d.what.as_str(), "at": d.at, "line": d.line, "document": d.doc, "why": d.why}))
            .collect();
        v["x-departures"] = Value::Array(departs);
    }
    v
}

/// An operation's `x-outcome`: the channel that reports it, and the one whose notification reports
/// its failure.
pub fn outcome(api: &Api, o: &Outcome) -> Value {
    let pattern = |id: &str| match (api.channel(id), &api.push) {
        (Some(c), Some(p)) => json!(p.pattern(c)),
        _ => Value::Null,
    };
    let mut v = json!({});
    if let Some(c) = &o.channel {
        let messages: Vec<&str> = o.messages.iter().map(|m| m.as_str()).collect();
        v["channel"] = json!({"id": c, "pattern": pattern(c), "messages": messages});
    }
    if let Some(f) = &o.failure {
        let name = api.channel(f).and_then(|c| c.notify.as_ref()).map(|n| n.name.clone());
        v["failure"] = json!({"id": f, "pattern": pattern(f), "notification": name});
    }
    if let Some(w) = &o.why {
        v["note"] = json!(w);
    }
    v
}
