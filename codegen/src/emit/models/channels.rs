//! The channel table: one `ChannelInfo` static per channel, `CHANNELS`, and the `Notice` enum of
//! every notification's typed message.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, Chunk};
use crate::model::*;
use crate::names;

pub fn emit(api: &Api) -> Vec<Chunk> {
    let Some(push) = &api.push else {
        let empty = quote! {
            use crate::ChannelInfo;

            /// Every channel of the spec: it has no push section.
            pub static CHANNELS: &[&ChannelInfo] = &[];
        };
        return vec![Chunk::Items(empty), Chunk::Items(notice(api))];
    };
    let (domain, domain_desc) = (
        &push.prefix_placeholder,
        format!("the user domain: `ext.{}` of the handshake's reply", push.domain_ext_field),
    );
    let mut chunks = vec![Chunk::Items(quote! {
        use crate::{
            ChannelInfo, ChannelSegment, DeleteInfo, NotifyInfo, PlaceholderFormat, PlaceholderInfo, UpdateInfo,
        };
    })];
    chunks.push(Chunk::Items(quote! {
        /// The placeholder of the prefix every channel is subscribed under.
        const DOMAIN: PlaceholderInfo =
            PlaceholderInfo { name: #domain, format: PlaceholderFormat::Segment, description: #domain_desc };
    }));
    for c in &api.channels {
        chunks.push(Chunk::Items(info(api, push, c)));
    }
    let statics = api.channels.iter().map(|c| format_ident!("{}", names::channel_static(&c.id)));
    chunks.push(Chunk::Items(quote! {
        /// Every channel of the push service, in the spec's order (the document's).
        pub static CHANNELS: &[&ChannelInfo] = &[#(&#statics),*];
    }));
    chunks.push(Chunk::Items(notice(api)));
    chunks
}

/// The words a reader sees for a channel: its pattern, what it carries, and where the spec departs.
fn channel_doc(api: &Api, push: &Push, c: &Channel) -> String {
    let mut s = format!("`{}`: {}", push.pattern(c), c.title());
    if let Some(d) = api.document(&push.source) {
        s.push_str(&format!("\n\nFrom {}.", d.label()));
    }
    let mut facts = Vec::new();
    if let Some(u) = &c.update {
        let read = match api.endpoint(&u.operation) {
            Some(e) => format!("read back with `{}` (`{} {}`)", e.operation, e.method.as_str(), e.uri),
            None => format!("read back with `{}`", u.operation),
        };
        facts.push(format!("- update: {}; {read}.", u.desc));
    }
    if let Some(d) = &c.delete {
        facts.push(format!("- delete: {d}."));
    }
    if let Some(n) = &c.notify {
        facts.push(format!("- notify: {}, a [`{}`](crate::{}).", n.name, n.object, n.object));
    }
    for d in &c.departs {
        let at = d.at.as_deref().map(|a| format!(" `{a}`")).unwrap_or_default();
        facts.push(format!(
            "- Departs from the document ({}{at}, document line {}: {}): {}.",
            d.what.as_str(),
            d.line,
            d.doc,
            d.why.trim_end_matches('.')
        ));
    }
    s.push_str("\n\n");
    s.push_str(&facts.join("\n"));
    s
}

fn info(api: &Api, push: &Push, c: &Channel) -> TokenStream {
    let name = format_ident!("{}", names::channel_static(&c.id));
    let doc = docs::attrs(&channel_doc(api, push, c));
    let pattern = push.pattern(c);
    let (id, title, channel) = (&c.id, c.title(), &c.channel);
    // The prefix's placeholder comes first, as it does in the pattern; every channel shares it.
    let names: Vec<&str> = std::iter::once(push.prefix_placeholder.as_str())
        .chain(c.placeholders.iter().map(|p| p.name.as_str()))
        .collect();
    let placeholders = c.placeholders.iter().map(|p| {
        let (n, d) = (&p.name, &p.desc);
        let f = format_ident!("{}", format!("{:?}", p.format));
        quote!(PlaceholderInfo { name: #n, format: PlaceholderFormat::#f, description: #d })
    });
    let segments = pattern_segments(&pattern).unwrap_or_default();
    let segments = segments.iter().map(|s| match s {
        Segment::Literal(l) => quote!(ChannelSegment::Literal(#l)),
        Segment::Placeholder(p) => {
            let i = names.iter().position(|x| x == p).unwrap_or_default();
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            quote!(ChannelSegment::Placeholder(#i))
        }
    });
    let update = option(c.update.as_ref().map(|u| {
        let (d, op) = (&u.desc, format_ident!("{}", names::static_name(&u.operation)));
        quote!(UpdateInfo { description: #d, operation: &crate::generated::endpoints::#op })
    }));
    let delete = option(c.delete.as_ref().map(|d| quote!(DeleteInfo { description: #d })));
    let notify = option(c.notify.as_ref().map(|n| {
        let (nm, ty) = (&n.name, &n.object);
        let reports_error = notice_has(api, n, &api.wire.error_code_field);
        quote!(NotifyInfo { name: #nm, type_name: #ty, reports_error: #reports_error })
    }));
    let document = format_ident!("{}", names::document_static(&push.source));
    quote! {
        #doc
        pub static #name: ChannelInfo = ChannelInfo {
            id: #id,
            name: #title,
            channel: #channel,
            pattern: #pattern,
            placeholders: &[DOMAIN, #(#placeholders),*],
            segments: &[#(#segments),*],
            update: #update,
            delete: #delete,
            notify: #notify,
            document: &crate::generated::endpoints::#document,
        };
    }
}

fn option(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

/// Whether a notification's message has a field of this wire name.
fn notice_has(api: &Api, n: &Notify, wire: &str) -> bool {
    api.object(&n.object).is_some_and(|o| o.field(wire).is_some())
}

/// `Notice`: a notification of any channel, typed, and how to read one.
fn notice(api: &Api) -> TokenStream {
    let with: Vec<(&Channel, &Notify)> = api.channels.iter().filter_map(|c| Some((c, c.notify.as_ref()?))).collect();
    let variant = |c: &Channel| format_ident!("{}", names::channel_variant(&c.id));
    let variants = with.iter().map(|(c, n)| {
        let v = variant(c);
        let ty = format_ident!("{}", n.object);
        let d = docs::attrs(&format!("{} (channel `{}`)", n.name, c.channel));
        quote!(#d #v(crate::#ty),)
    });
    let decode = with.iter().map(|(c, _)| {
        let (v, id) = (variant(c), &c.id);
        quote!(#id => ::serde_json::from_value(data).map(Notice::#v),)
    });
    let channel = with.iter().map(|(c, _)| {
        let (v, s) = (variant(c), format_ident!("{}", names::channel_static(&c.id)));
        quote!(Notice::#v(_) => &#s,)
    });
    let code = with.iter().map(|(c, n)| {
        let v = variant(c);
        if notice_has(api, n, &api.wire.error_code_field) {
            let f = format_ident!(
                "{}",
                api.object(&n.object)
                    .and_then(|o| o.field(&api.wire.error_code_field))
                    .map_or("error_code", |f| f.rust.as_str())
            );
            quote!(Notice::#v(n) => n.#f,)
        } else {
            quote!(Notice::#v(_) => None,)
        }
    });
    let json = with.iter().map(|(c, _)| {
        let v = variant(c);
        quote!(Notice::#v(ref n) => ::serde_json::to_value(n),)
    });
    // A spec without notifications reads no data.
    let unused = if with.is_empty() { quote!(let _ = data;) } else { quote!() };
    quote! {
        /// A notification (`notify`) of any channel, as its typed message.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum Notice {
            #(#variants)*
        }

        impl Notice {
            /// Reads the data of a `notify` message on `channel`: `None` when the channel carries no
            /// notification, an error when the data is not its message's shape.
            pub fn decode(channel: &ChannelInfo, data: ::serde_json::Value) -> Option<Result<Notice, ::serde_json::Error>> {
                #unused
                Some(match channel.id {
                    #(#decode)*
                    _ => return None,
                })
            }

            /// The channel it came on.
            pub fn channel(&self) -> &'static ChannelInfo {
                match *self {
                    #(#channel)*
                }
            }

            /// Its message as JSON, fields the document does not list included.
            pub fn to_json(&self) -> ::serde_json::Value {
                let json: Result<::serde_json::Value, ::serde_json::Error> = match *self {
                    #(#json)*
                };
                json.unwrap_or(::serde_json::Value::Null)
            }

            /// The error code of a notification that reports a failure.
            pub fn error_code(&self) -> Option<i64> {
                match self {
                    #(#code)*
                }
            }
        }
    }
}

/// Where an endpoint's outcome is pushed, for its `EndpointInfo`.
pub fn outcome(o: Option<&Outcome>) -> TokenStream {
    let Some(o) = o else { return quote!(None) };
    let channel = |id: &Option<String>| {
        option(id.as_ref().map(|id| {
            let s = format_ident!("{}", names::channel_static(id));
            quote!(&crate::generated::channels::#s)
        }))
    };
    let (ch, failure) = (channel(&o.channel), channel(&o.failure));
    let messages = o.messages.iter().map(|m| format_ident!("{}", m.variant()));
    let note = option(o.why.as_ref().map(|w| quote!(#w)));
    quote!(Some(crate::OutcomeInfo {
        channel: #ch,
        messages: &[#(crate::MessageKind::#messages),*],
        failure: #failure,
        note: #note,
    }))
}

/// What an endpoint's docs say of where its outcome is pushed.
pub fn outcome_doc(api: &Api, o: &Outcome) -> String {
    let pattern = |id: &str| match (api.channel(id), &api.push) {
        (Some(c), Some(p)) => format!(
            "`{}` ([`channels::{}`](crate::channels::{}))",
            p.pattern(c),
            names::channel_static(id),
            names::channel_static(id)
        ),
        _ => format!("`{id}`"),
    };
    let mut parts = Vec::new();
    if let Some(c) = &o.channel {
        let kinds: Vec<&str> = o.messages.iter().map(|m| m.as_str()).collect();
        parts.push(format!("Its outcome is pushed on {}: {}.", pattern(c), kinds.join(" or ")));
    }
    if let Some(f) = &o.failure {
        let name = api.channel(f).and_then(|c| c.notify.as_ref()).map(|n| n.name.as_str()).unwrap_or_default();
        parts.push(format!("A failure is pushed as {name} on {}.", pattern(f)));
    }
    if let Some(w) = &o.why {
        let mut chars = w.chars();
        let first: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
        parts.push(format!("{first}{}.", chars.as_str().trim_end_matches('.')));
    }
    parts.join(" ")
}
