//! The `kedacom-mc-mock` crate's generated part: one handler slot per endpoint (its stateful
//! handler where the mock registers one, else the default), what the default handler answers (the
//! documented reply example and where it holds ids), typed access to a decoded request for the
//! rules tests install, and the window of each list that pages.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::GeneratedFile;
use crate::model::*;
use crate::names;

const DIR: &str = "crates/kedacom-mc-mock/src/generated";

pub fn files(api: &Api) -> Vec<GeneratedFile> {
    let endpoints = api.sources_of(&["endpoints"]);
    let replies = api.sources_of(&["endpoints", "objects"]);
    vec![
        file(
            "mod.rs",
            &["spec/".to_owned()],
            quote! {
                pub(crate) mod dispatch;
                mod endpoints;
                mod paging;
            },
        ),
        file("dispatch.rs", &endpoints, dispatch(api)),
        GeneratedFile {
            path: format!("{DIR}/endpoints.rs"),
            contents: super::rust::header(&replies) + &endpoints_file(api),
        },
        file("paging.rs", &replies, paging(api)),
    ]
}

fn file(name: &str, sources: &[String], tokens: TokenStream) -> GeneratedFile {
    super::rust::file(&format!("{DIR}/{name}"), sources, tokens)
}

fn variant(e: &Endpoint) -> syn::Ident {
    format_ident!("{}", names::variant(&e.operation))
}

fn request(e: &Endpoint) -> TokenStream {
    let ty = format_ident!("{}", names::request_type(&e.operation));
    quote!(kedacom_mc_models::#ty)
}

fn dispatch(api: &Api) -> TokenStream {
    let arms = api.endpoints.iter().map(|e| {
        let (variant, request) = (variant(e), request(e));
        quote!(AnyRequest::#variant(r) => Slot::<#request>::REF.answer(p, r, ctx),)
    });
    quote! {
        use kedacom_mc_models::AnyRequest;

        use crate::error::PlatformError;
        use crate::handlers::{Ctx, Done, Slot, ViaDefault, ViaHandler};
        use crate::state::Platform;

        /// Carries out a valid request: each endpoint's slot holds the handler the mock registers
        /// for its request type, or the default one, which answers from the spec.
        pub(crate) fn run(p: &mut Platform, request: &AnyRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
            match request {
                #(#arms)*
            }
        }
    }
}

/// One row of `mocked!` per endpoint, written as text: a row is read more easily on its line than
/// as prettyplease lays out a macro's tokens.
fn endpoints_file(api: &Api) -> String {
    let mut out = String::from("use kedacom_mc_models::*;\n\ncrate::endpoint::mocked! {\n");
    for e in &api.endpoints {
        let variant = variant(e);
        let request = format!("{variant}Request");
        // Without a reply type of its own an endpoint's reply is JSON, which every rule takes already;
        // a reply type that is also the failure type takes a reply's `success`.
        let reply = e.reply.as_deref().unwrap_or_default();
        let failure = if e.reply.as_deref() == Some(e.failure.as_str()) { "" } else { e.failure.as_str() };
        let ids: Vec<String> = id_pointers(api, e).iter().map(|p| format!("{p:?}")).collect();
        let example = match &e.reply_example {
            Some(v) => format!("Some({})", raw_string(&v.to_string())),
            None => "None".to_owned(),
        };
        out.push_str(&format!(
            "    {variant}({request}) -> [{reply}], [{failure}], [{}],\n        {example};\n",
            ids.join(", ")
        ));
    }
    out.push_str("}\n");
    out
}

/// `text` as a raw string literal, with as many `#` as it needs.
fn raw_string(text: &str) -> String {
    let hashes = (0..).map(|n| "#".repeat(n)).find(|h| !text.contains(&format!("\"{h}"))).unwrap_or_default();
    format!("r{hashes}\"{text}\"{hashes}")
}

fn paging(api: &Api) -> TokenStream {
    let impls = api.endpoints.iter().filter_map(|e| {
        let paging = e.paging.as_ref()?;
        let param = |wire: &str| e.caller_parameters().find(|f| f.wire == wire).map(|f| super::models::ident(&f.rust));
        let (start, count) = (param(&paging.start)?, param(&paging.count)?);
        let request = request(e);
        Some(quote! {
            impl Listing for #request {
                fn window(&self) -> (Option<i64>, Option<i64>) {
                    (self.#start, self.#count)
                }
            }
        })
    });
    quote! {
        use crate::paging::Listing;

        #(#impls)*
    }
}

/// A field that names a record (`id`, `conf_id`, `template_id`): the default reply gives a fresh
/// value there, so that two calls never answer the same id.
fn is_id(wire: &str) -> bool {
    wire == "id" || wire.ends_with("_id")
}

/// The JSON pointers of the string ids in the reply the default handler sends: those of the
/// documented example, or, without one, the reply's own top-level id fields.
pub fn id_pointers(api: &Api, e: &Endpoint) -> Vec<String> {
    let mut out = Vec::new();
    match &e.reply_example {
        Some(example) => ids_in(example, "", &mut out),
        None => {
            let reply = e.reply.as_deref().and_then(|r| api.object(r));
            let fields = reply.map(|o| o.fields.as_slice()).unwrap_or_default();
            out.extend(fields.iter().filter(|f| f.ty == Type::String && is_id(&f.wire)).map(|f| pointer("", &f.wire)));
        }
    }
    out
}

fn ids_in(value: &Value, at: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let here = pointer(at, key);
                if v.is_string() && is_id(key) {
                    out.push(here);
                } else {
                    ids_in(v, &here, out);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                ids_in(v, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// RFC 6901: `~` and `/` in a key are escaped.
fn pointer(at: &str, key: &str) -> String {
    format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_at_any_depth_and_only_in_strings() {
        let example = serde_json::json!({
            "success": 1,
            "template_id": "9975111",
            "mt_id": 3,
            "items": [{"id": "a", "name": "x"}, {"meeting_id": "b"}],
            "a/b_id": "c"
        });
        let mut out = Vec::new();
        ids_in(&example, "", &mut out);
        assert_eq!(out, ["/template_id", "/items/0/id", "/items/1/meeting_id", "/a~1b_id"]);
    }
}
