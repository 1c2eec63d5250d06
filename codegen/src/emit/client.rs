//! The `kedacom-mc-client` crate's generated part: one method per operation on `Client`, and the
//! `Paged` impls of the list endpoints.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::GeneratedFile;
use crate::model::*;
use crate::names;

const DIR: &str = "crates/kedacom-mc-client/src/generated";

pub fn files(api: &Api) -> Vec<GeneratedFile> {
    let endpoints = api.sources_of(&["endpoints"]);
    let replies = api.sources_of(&["endpoints", "objects"]);
    vec![
        file(
            "mod.rs",
            &["spec/".to_owned()],
            quote! {
                mod operations;
                mod paging;
            },
        ),
        file("operations.rs", &endpoints, operations(api)),
        file("paging.rs", &replies, paging(api)),
    ]
}

fn file(name: &str, sources: &[String], tokens: TokenStream) -> GeneratedFile {
    super::rust::file(&format!("{DIR}/{name}"), sources, tokens)
}

fn type_name(operation: &str, suffix: &str) -> syn::Ident {
    format_ident!("{}{suffix}", names::variant(operation))
}

fn method_name(operation: &str, suffix: &str) -> syn::Ident {
    format_ident!("{operation}{suffix}")
}

fn reply_type(e: &Endpoint) -> TokenStream {
    match &e.reply {
        Some(r) => {
            let r = format_ident!("{r}");
            quote!(kedacom_mc_models::#r)
        }
        None => {
            let req = type_name(&e.operation, "Request");
            quote!(<kedacom_mc_models::#req as kedacom_mc_models::Endpoint>::Reply)
        }
    }
}

/// What the rustdoc of every method of one endpoint starts with: the document's name, its
/// description as written, the method, URI and level.
fn endpoint_doc(e: &Endpoint) -> String {
    let mut doc = e.name.clone();
    if e.description.trim() != e.name.trim() {
        doc.push_str(&format!("\n\n```text\n{}\n```", e.description.trim_end()));
    }
    doc.push_str(&format!("\n\n`{} {}`, API level {} and up.", e.method.as_str(), e.uri, e.min_api_level));
    if let Some(m) = &e.wire.method_override {
        doc.push_str(&format!(
            " Sent as POST with `{}={}` by a client [with DELETE and PUT via POST](crate::Client::with_delete_via_post).",
            m.param, m.value
        ));
    }
    if let Some(note) = e.asynchrony_note() {
        doc.push_str("\n\n");
        doc.push_str(&note);
    }
    doc
}

fn operations(api: &Api) -> TokenStream {
    let methods = api.endpoints.iter().map(|e| operation(api, e));
    quote! {
        use crate::{Client, Error};

        /// One method per operation of the spec, in its order. Each builds the endpoint's request
        /// and hands it to [`Client::send`].
        impl Client {
            #(#methods)*
        }
    }
}

fn operation(api: &Api, e: &Endpoint) -> TokenStream {
    let request = type_name(&e.operation, "Request");
    let name = method_name(&e.operation, "");
    let reply = reply_type(e);
    let path: Vec<&Field> = e.caller_path().collect();
    let files: Vec<&Field> = e.caller_parameters().filter(|p| p.ty == Type::File).collect();
    let fields = e.caller_parameters().filter(|p| p.ty != Type::File).count();
    let base = endpoint_doc(e);

    // Methods take what the request's `new` takes (path placeholders, file, `params`); a request
    // with query or form fields of its own is taken whole, since its setters are the way to fill
    // them. Each is a thin wrapper of the generic `send` (or `stream`), marked `#[inline]` so that
    // it is compiled where it is called, along with the `send::<…Request>` the caller instantiates
    // anyway, rather than every one of them in this crate whether it is used or not.
    let mut out = TokenStream::new();
    if fields > 0 {
        let doc = super::rust::doc_attrs(&format!(
            "{base}\n\nSends [`{request}`](kedacom_mc_models::{request}), built with its setters."
        ));
        out.extend(quote! {
            #doc
            #[inline]
            pub async fn #name(&self, request: kedacom_mc_models::#request) -> Result<#reply, Error> {
                self.send(request).await
            }
        });
    } else {
        // `new(path…, file, params)`: the file is kept apart, as the path variant reads it from disk.
        let id = |p: &&Field| super::models::ident(&p.rust);
        let path_ids: Vec<_> = path.iter().map(id).collect();
        let body = e.params.as_ref().map(|p| {
            let ty = format_ident!("{p}");
            (quote!(params: kedacom_mc_models::#ty), quote!(params))
        });
        let (body_arg, body_value): (Vec<_>, Vec<_>) = body.into_iter().unzip();
        let file_ids: Vec<_> = files.iter().map(id).collect();
        let doc = super::rust::doc_attrs(&format!("{base}\n\nSends [`{request}`](kedacom_mc_models::{request})."));
        out.extend(quote! {
            #doc
            #[inline]
            pub async fn #name(&self, #(#path_ids: impl Into<String>,)* #(#file_ids: kedacom_mc_models::FileUpload,)* #(#body_arg)*) -> Result<#reply, Error> {
                self.send(kedacom_mc_models::#request::new(#(#path_ids,)* #(#file_ids,)* #(#body_value)*)).await
            }
        });
        // A file may also be streamed from disk; its size is checked before anything is sent.
        if let [file] = files.as_slice() {
            let from_path = method_name(&e.operation, "_from_path");
            let wire = &file.wire;
            let limit = match file.limits.max_file_bytes.map(proc_macro2::Literal::u64_unsuffixed) {
                Some(n) => quote!(Some(#n)),
                None => quote!(None),
            };
            let limit_doc = file
                .limits
                .max_file_bytes
                .map_or(String::new(), |n| format!(" A file over {n} bytes is refused before anything is sent."));
            let doc = super::rust::doc_attrs(&format!(
                "{base}\n\nSends [`{request}`](kedacom_mc_models::{request}) with the file `{wire}` read from `path` as it \
                 is sent, under the path's file name.{limit_doc}"
            ));
            out.extend(quote! {
                #doc
                #[inline]
                pub async fn #from_path(&self, #(#path_ids: impl Into<String>,)* #(#body_arg,)* path: impl AsRef<std::path::Path>) -> Result<#reply, Error> {
                    self.send_file_from_path(path.as_ref(), #limit, #wire, |file| kedacom_mc_models::#request::new(#(#path_ids,)* file, #(#body_value)*)).await
                }
            });
        }
    }
    if let Some(page) = paging_of(api, e) {
        let stream = method_name(&e.operation, "_stream");
        let item = &page.item;
        let doc = super::rust::doc_attrs(&format!(
            "{base}\n\nEvery item of the list, fetched a page at a time as the stream is read: see [`Client::stream`]."
        ));
        out.extend(quote! {
            #doc
            #[inline]
            pub fn #stream(&self, request: kedacom_mc_models::#request) -> impl futures::Stream<Item = Result<#item, Error>> + Send + 'static {
                self.stream(request)
            }
        });
    }
    out
}

/// The Rust side of an endpoint's paging: the fields of its `start` and `count` parameters and
/// of its reply's `total` and list, and the list's item type.
struct Paging {
    start: syn::Ident,
    count: syn::Ident,
    total: syn::Ident,
    items: syn::Ident,
    item: TokenStream,
}

/// The paging the resolved model found for the endpoint, in Rust names.
fn paging_of(api: &Api, e: &Endpoint) -> Option<Paging> {
    let p = e.paging.as_ref()?;
    let param = |wire: &str| e.caller_parameters().find(|f| f.wire == wire);
    let reply = api.object(e.reply.as_deref()?)?;
    let items = reply.field(&p.items)?;
    let Type::Array(inner) = &items.ty else { return None };
    let id = |f: &Field| super::models::ident(&f.rust);
    Some(Paging {
        start: id(param(&p.start)?),
        count: id(param(&p.count)?),
        total: id(reply.field(&p.total)?),
        items: id(items),
        item: item_type(inner)?,
    })
}

fn item_type(ty: &Type) -> Option<TokenStream> {
    Some(match ty {
        Type::String => quote!(String),
        Type::Integer => quote!(i64),
        Type::Switch(_) => quote!(kedacom_mc_models::Switch),
        Type::Untyped => quote!(serde_json::Value),
        Type::Enum(u) => {
            let i = format_ident!("{}", u.name);
            quote!(kedacom_mc_models::#i)
        }
        Type::Object(u) => {
            let i = format_ident!("{}", u.name);
            quote!(kedacom_mc_models::#i)
        }
        Type::Array(inner) => {
            let t = item_type(inner)?;
            quote!(Vec<#t>)
        }
        Type::File => return None,
    })
}

fn paging(api: &Api) -> TokenStream {
    let impls = api.endpoints.iter().filter_map(|e| {
        let p = paging_of(api, e)?;
        let request = type_name(&e.operation, "Request");
        let reply = reply_type(e);
        let Paging { start, count, total, items, item } = p;
        let doc = format!(" {}: `{} {}`", e.name, e.method.as_str(), e.uri);
        // A request of nothing but the window is made whole by it.
        let others = e.caller_path().count() + e.caller_parameters().count() > 2;
        let rest = others.then(|| quote!(..self.clone()));
        Some(quote! {
            #[doc = #doc]
            impl Paged for kedacom_mc_models::#request {
                type Item = #item;

                fn window(&self) -> (Option<i64>, Option<i64>) {
                    (self.#start, self.#count)
                }

                fn page(&self, start: i64, count: i64) -> Self {
                    Self { #start: Some(start), #count: Some(count), #rest }
                }

                fn total(reply: &#reply) -> Option<i64> {
                    reply.#total
                }

                fn items(reply: #reply) -> Vec<#item> {
                    reply.#items.unwrap_or_default()
                }
            }
        })
    });
    quote! {
        use crate::Paged;

        #(#impls)*
    }
}
