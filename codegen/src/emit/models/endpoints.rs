//! The endpoint table: one `EndpointInfo` per endpoint, `ENDPOINTS`, the `AnyRequest` enum, the
//! `for_each_endpoint!` macro; and the wire's names from `api.yaml`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::requests::from_document;
use super::{docs, ident, Chunk};
use crate::model::*;
use crate::names;

fn variant(e: &Endpoint) -> proc_macro2::Ident {
    format_ident!("{}", names::variant(&e.operation))
}

fn option(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn place(p: Place) -> TokenStream {
    match p {
        Place::Path => quote!(Place::Path),
        Place::Query => quote!(Place::Query),
        Place::Body => quote!(Place::Body),
    }
}

fn param_kind(api: &Api, ty: &Type) -> TokenStream {
    match ty {
        Type::Integer => quote!(ParamKind::Integer),
        Type::Switch(_) => quote!(ParamKind::Switch),
        Type::File => quote!(ParamKind::File),
        Type::Enum(u) => {
            let values = api.enum_def(&u.name).map(|en| en.values.clone()).unwrap_or_default();
            let values = values.iter().filter(|v| u.only.as_ref().is_none_or(|o| o.contains(&v.value))).map(|v| {
                let wire = value_key(&v.value);
                let id = &v.id;
                let label = u.labels.get(&wire).unwrap_or(&v.label);
                quote!((#wire, #id, #label))
            });
            quote!(ParamKind::Enum(&[#(#values),*]))
        }
        _ => quote!(ParamKind::String),
    }
}

/// Whether an object holds a secret field, itself or in the objects it holds.
fn holds_secret(api: &Api, name: &str, depth: usize) -> bool {
    depth < 16
        && api.object(name).is_some_and(|o| {
            o.fields.iter().any(|f| {
                f.secret
                    || match f.ty.leaf() {
                        Type::Object(u) => holds_secret(api, &u.name, depth + 1),
                        _ => false,
                    }
            })
        })
}

fn info(api: &Api, e: &Endpoint) -> TokenStream {
    let name = format_ident!("{}", names::static_name(&e.operation));
    let mut doc = format!("`{} {}`: {}", e.method.as_str(), e.uri, e.name);
    if let Some(from) = from_document(api, e) {
        doc.push_str("\n\n");
        doc.push_str(&from);
    }
    let doc = docs::attrs(&doc);
    let (operation, title, description, uri) = (&e.operation, &e.name, &e.description, &e.uri);
    let document = format_ident!("{}", names::document_static(&e.source));
    let session = format_ident!("{}", e.session.as_str());
    let aliases = e.aliases.iter().map(|a| &a.uri);
    let paging = option(e.paging.as_ref().map(|p| {
        let (start, count, total, items) = (&p.start, &p.count, &p.total, &p.items);
        quote!(PagingInfo { start: #start, count: #count, total: #total, items: #items })
    }));
    let secret_body = e.params.as_deref().is_some_and(|p| holds_secret(api, p, 0));
    let method = format_ident!("{}", heck::ToUpperCamelCase::to_upper_camel_case(e.method.as_str()));
    let level = proc_macro2::Literal::u32_unsuffixed(e.min_api_level);
    let token = match e.wire.token {
        Some(p) => {
            let p = place(p);
            quote!(Some(#p))
        }
        None => quote!(None),
    };
    let fields = place(e.wire.fields);
    let body = match e.wire.body {
        BodyKind::None => quote!(BodyKind::None),
        BodyKind::Form => quote!(BodyKind::Form),
        BodyKind::ParamsForm => quote!(BodyKind::ParamsForm),
        BodyKind::Multipart => quote!(BodyKind::Multipart),
    };
    let method_override = match &e.wire.method_override {
        Some(m) => {
            let (p, v) = (&m.param, &m.value);
            quote!(Some((#p, #v)))
        }
        None => quote!(None),
    };
    let params = e.caller_path().map(|p| (Place::Path, p)).chain(e.caller_parameters().map(|p| (e.wire.fields, p)));
    let params = params.map(|(pl, p)| {
        let (wire, desc, required, secret) = (&p.wire, &p.desc, p.required || pl == Place::Path, p.secret);
        let pl = place(pl);
        let kind = param_kind(api, &p.ty);
        let default = option(p.default.as_ref().map(|d| {
            let text = d.to_string();
            quote!(#text)
        }));
        quote!(ParamInfo {
            name: #wire, place: #pl, kind: #kind, required: #required, secret: #secret, description: #desc,
            default: #default,
        })
    });
    let asynchronous = match &e.asynchronous {
        Some(words) => quote!(Some(#words)),
        None => quote!(None),
    };
    let outcome = super::channels::outcome(e.outcome.as_ref());
    let params_type = match &e.params {
        Some(p) => quote!(Some(#p)),
        None => quote!(None),
    };
    let request = names::request_type(&e.operation);
    let request_id = format_ident!("{request}");
    let reply = e.reply.clone().unwrap_or_else(|| "serde_json::Value".into());
    let failure = &e.failure;
    quote! {
        #doc
        pub(crate) static #name: EndpointInfo = EndpointInfo {
            operation: #operation,
            name: #title,
            description: #description,
            method: Method::#method,
            path: #uri,
            min_api_level: #level,
            document: &#document,
            session: SessionNeed::#session,
            aliases: &[#(#aliases),*],
            paging: #paging,
            token: #token,
            fields: #fields,
            body: #body,
            method_override: #method_override,
            asynchronous: #asynchronous,
            outcome: #outcome,
            parameters: &[#(#params),*],
            params_type: #params_type,
            request_type: #request,
            reply_type: #reply,
            failure_type: #failure,
            secret_body: #secret_body,
            #[cfg(feature = "decode")]
            decode: crate::__private::decode_as::<crate::#request_id>,
        };
    }
}

pub fn emit(api: &Api) -> Vec<Chunk> {
    let mut chunks = vec![Chunk::Items(quote! {
        use crate::validate::{Path, Validate, Violation};
        use crate::wire::{AccountToken, BodyKind, Method, Place, WireOptions, WireRequest};
        use crate::{DocumentInfo, Endpoint, EndpointInfo, PagingInfo, ParamInfo, ParamKind, SessionNeed};
    })];
    chunks.extend(api.documents.iter().map(|d| Chunk::Items(document(api, d))));
    let documents = api.documents.iter().map(|d| format_ident!("{}", names::document_static(&d.source)));
    chunks.push(Chunk::Items(quote! {
        /// Every document the spec transcribes, in `api.yaml`'s order.
        pub static DOCUMENTS: &[&DocumentInfo] = &[#(&#documents),*];
    }));
    for e in &api.endpoints {
        chunks.push(Chunk::Items(info(api, e)));
    }
    let statics = api.endpoints.iter().map(|e| format_ident!("{}", names::static_name(&e.operation)));
    chunks.push(Chunk::Items(quote! {
        /// Every endpoint of the spec, in the spec's order.
        pub static ENDPOINTS: &[&EndpointInfo] = &[#(&#statics),*];
    }));

    let variants = api.endpoints.iter().map(|e| {
        let v = variant(e);
        let r = format_ident!("{}", names::request_type(&e.operation));
        let d = docs::attrs(&format!("{}: `{} {}`", e.name, e.method.as_str(), e.uri));
        quote!(#d #v(crate::#r),)
    });
    chunks.push(Chunk::Items(quote! {
        /// A request of any endpoint, as a server decodes it (`decode`, with the `decode` feature) or a
        /// tool builds it by operation id.
        #[derive(Clone, Debug, PartialEq)]
        pub enum AnyRequest {
            #(#variants)*
        }
    }));
    let arms = |body: TokenStream| {
        let arms = api.endpoints.iter().map(move |e| {
            let v = variant(e);
            let body = body.clone();
            quote!(AnyRequest::#v(r) => #body,)
        });
        quote!(#(#arms)*)
    };
    let info_arms = arms(quote!(of(r)));
    let wire_arms = arms(quote!(r.to_wire(token, options)));
    let params_arms = arms(quote!(r.params_json()));
    let validate_arms = arms(quote!(r.validate_at(at, out)));
    chunks.push(Chunk::Items(quote! {
        impl AnyRequest {
            /// The endpoint this request calls.
            pub fn info(&self) -> &'static EndpointInfo {
                fn of<E: Endpoint>(_: &E) -> &'static EndpointInfo {
                    E::INFO
                }
                match self {
                    #info_arms
                }
            }

            /// See [`Endpoint::to_wire`].
            pub fn to_wire(&self, token: Option<&AccountToken>, options: &WireOptions) -> WireRequest {
                match self {
                    #wire_arms
                }
            }

            /// See [`Endpoint::params_json`].
            pub fn params_json(&self) -> Option<String> {
                match self {
                    #params_arms
                }
            }
        }

        impl Validate for AnyRequest {
            fn validate_at(&self, at: &Path<'_>, out: &mut Vec<Violation>) {
                match self {
                    #validate_arms
                }
            }
        }
    }));
    chunks.push(for_each_macro(api));
    chunks
}

fn document(api: &Api, d: &Document) -> TokenStream {
    let name = format_ident!("{}", names::document_static(&d.source));
    let doc = docs::attrs(&d.label());
    let (source, title, version) = (&d.source, &d.title, &d.version);
    let level = proc_macro2::Literal::u32_unsuffixed(d.api_level);
    let level_from =
        option(d.level_from.as_ref().filter(|op| api.endpoints.iter().any(|e| &e.operation == *op)).map(|op| {
            let e = format_ident!("{}", names::static_name(op));
            quote!(&#e)
        }));
    quote! {
        #doc
        pub(crate) static #name: DocumentInfo = DocumentInfo {
            source: #source,
            title: #title,
            version: #version,
            api_level: #level,
            level_from: #level_from,
        };
    }
}

/// `for_each_endpoint!(callback)` calls `callback!` with one row per endpoint, so that code over
/// every endpoint (tests, dispatch) follows the spec without a hand-kept list.
fn for_each_macro(api: &Api) -> Chunk {
    let mut s = String::from(
        "/// Calls `$callback!` with one row per endpoint, in the spec's order:\n\
         /// `(operation, Request, Reply, Failure, [Params])`, the brackets empty when the endpoint takes no\n\
         /// JSON body; types are given as `$crate::Type` paths.\n\
         #[macro_export]\n\
         macro_rules! for_each_endpoint {\n    ($callback:path) => {\n        $callback! {\n",
    );
    for e in &api.endpoints {
        let reply = match &e.reply {
            Some(r) => format!("$crate::{r}"),
            None => "::serde_json::Value".into(),
        };
        let params = e.params.as_ref().map(|p| format!("$crate::{p}")).unwrap_or_default();
        s.push_str(&format!(
            "            ({}, $crate::{}, {reply}, $crate::{}, [{params}]),\n",
            e.operation,
            names::request_type(&e.operation),
            e.failure
        ));
    }
    s.push_str("        }\n    };\n}\n");
    Chunk::Macro(s)
}

/// The names of the wire (`api.yaml`'s `wire`), as constants.
pub fn wire_names(api: &Api) -> TokenStream {
    let w = &api.wire;
    let items = [
        ("API_LEVEL_HEADER", &w.api_level_header, "The request header carrying the caller's API level."),
        ("SESSION_COOKIE", &w.session_cookie, "The login cookie every call after login carries."),
        ("TOKEN_PARAM", &w.token_param, "The parameter carrying the session token."),
        ("PARAMS_PARAM", &w.params_param, "The form field carrying the JSON request body."),
        (
            "METHOD_OVERRIDE_PARAM",
            &w.method_override_param,
            "The form field of the fallback that sends DELETE or PUT as POST.",
        ),
        ("DEBUG_PARAM", &w.debug_param, "The query parameter asking for a check only."),
        ("DEBUG_VALUE", &w.debug_value, "Its value."),
        ("DEBUG_REPLY_FIELD", &w.debug_reply_field, "The reply field holding that check's per-field report (sic)."),
        ("SUCCESS_FIELD", &w.success_field, "The reply field that is 1 on success and 0 on failure."),
        ("ERROR_CODE_FIELD", &w.error_code_field, "The failure reply's error code."),
        ("DESCRIPTION_FIELD", &w.description_field, "The failure reply's description."),
        (
            "LEVEL_REPLY_FIELD",
            &w.level_reply_field,
            "The reply field of a document's `level_from` call giving the server's level of that document.",
        ),
    ];
    let push = api.push.as_ref().map(|p| {
        [
            ("PUSH_PATH", &p.path, "The push service's CometD endpoint (Bayeux), under the platform's base URL."),
            ("BAYEUX_VERSION", &p.bayeux_version, "The Bayeux protocol version of the push service."),
            ("PUSH_DOMAIN_EXT_FIELD", &p.domain_ext_field, "The handshake reply's `ext` field naming the user domain."),
            (
                "CHANNEL_PREFIX",
                &p.prefix,
                "What every channel is subscribed under; its placeholder is the user domain.",
            ),
            (
                "PUSH_REST_PREFIX",
                &p.rest_prefix,
                "The document reads an update back with a GET of this and the channel.",
            ),
            ("PUSH_METHOD_FIELD", &p.method_field, "The message field telling its kind."),
            ("PUSH_METHOD_UPDATE", &p.methods[0], "Its value on an update."),
            ("PUSH_METHOD_DELETE", &p.methods[1], "Its value on a delete."),
            ("PUSH_METHOD_NOTIFY", &p.methods[2], "Its value on a notification."),
        ]
    });
    let items = items.iter().chain(push.iter().flatten());
    let consts = items.map(|(name, value, doc)| {
        let id = ident(name);
        let doc = format!(" {doc}");
        quote! {
            #[doc = #doc]
            pub const #id: &str = #value;
        }
    });
    quote!(#(#consts)*)
}
