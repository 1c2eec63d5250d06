//! One request type per endpoint: its path placeholders, parameters, `params` body or file, and
//! the `crate::Endpoint` impl that hands them to the runtime's wire layout (and reads them back).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::validation::{object_body, use_check, value_checks, Uses};
use super::{debug, docs, ident, rust_type, Chunk};
use crate::model::*;
use crate::names;

pub fn emit(api: &Api) -> Vec<Chunk> {
    let mut chunks = vec![Chunk::Items(quote! {
        use crate::__private::checks as v;
        use crate::validate::{Path, Validate, Violation};
        use crate::wire::WireField;
    })];
    let uses = Uses::of(api);
    for e in &api.endpoints {
        chunks.extend(one(api, &uses, e).into_iter().map(Chunk::Items));
    }
    chunks
}

/// `From 科达视讯平台会管API V6.1.0.4.0.20211123 (API level 3).`: the edition an endpoint is transcribed from.
pub(crate) fn from_document(api: &Api, e: &Endpoint) -> Option<String> {
    api.document(&e.source).map(|d| format!("From {}.", d.label()))
}

fn type_doc(api: &Api, e: &Endpoint) -> String {
    let mut doc = format!(
        "{}: {}\n\n`{} {}`, API level {} and up.",
        e.name,
        e.description,
        e.method.as_str(),
        e.uri,
        e.min_api_level
    );
    // The spec mixes editions of a document; a reader checking a field needs to know which one to open.
    if let Some(from) = from_document(api, e) {
        doc.push_str("\n\n");
        doc.push_str(&from);
    }
    if let Some(n) = &e.note {
        doc.push_str("\n\n");
        doc.push_str(&docs::verbatim(n));
    }
    if let Some(note) = e.asynchrony_note() {
        doc.push_str("\n\n");
        doc.push_str(&note);
    }
    if let Some(o) = &e.outcome {
        doc.push_str("\n\n");
        doc.push_str(&super::channels::outcome_doc(api, o));
    }
    if let Some(m) = &e.wire.method_override {
        doc.push_str(&format!(
            "\n\nClients that cannot send {} may POST with `{}={}` ([`WireOptions::via_post`](crate::WireOptions)).",
            e.method.as_str(),
            m.param,
            m.value
        ));
    }
    doc
}

fn one(api: &Api, uses: &Uses, e: &Endpoint) -> [TokenStream; 5] {
    let name = format_ident!("{}", names::request_type(&e.operation));
    let doc = docs::attrs(&type_doc(api, e));
    let params: Vec<&Field> = e.caller_parameters().collect();
    let path_fields: Vec<&Field> = e.caller_path().collect();

    let path_decls = path_fields.iter().map(|p| {
        let id = ident(&p.rust);
        let d = docs::attrs(&format!("{} (path)", p.desc));
        quote!(#d pub #id: String,)
    });
    let param_decls = params.iter().map(|p| {
        let id = ident(&p.rust);
        let d = docs::attrs(&docs::field(api, p, true));
        if p.ty == Type::File {
            quote!(#d pub #id: crate::FileUpload,)
        } else {
            let ty = rust_type(&p.ty);
            quote!(#d pub #id: Option<#ty>,)
        }
    });
    let body_decl = e.params.as_ref().map(|pn| {
        let ty = ident(pn);
        quote!(/// The request body, sent as the `params` form field.
               pub params: crate::#ty,)
    });
    let def = quote! {
        #doc
        #[derive(Clone, Default, PartialEq)]
        pub struct #name {
            #(#path_decls)*
            #(#param_decls)*
            #body_decl
        }
    };

    // new(path…, file, params): what the request cannot do without; the rest has setters.
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for p in &path_fields {
        let id = ident(&p.rust);
        args.push(quote!(#id: impl Into<String>));
        inits.push(quote!(#id: #id.into()));
    }
    for p in params.iter().filter(|p| p.ty == Type::File) {
        let id = ident(&p.rust);
        args.push(quote!(#id: crate::FileUpload));
        inits.push(quote!(#id));
    }
    if let Some(pn) = &e.params {
        let ty = ident(pn);
        args.push(quote!(params: crate::#ty));
        inits.push(quote!(params));
    }
    let rest = if params.iter().all(|p| p.ty == Type::File) { quote!() } else { quote!(..Default::default()) };
    let setters = params.iter().filter(|p| p.ty != Type::File).map(|p| super::objects::setter(p));
    let inherent = quote! {
        impl #name {
            pub fn new(#(#args),*) -> Self {
                #name { #(#inits,)* #rest }
            }

            #(#setters)*
        }
    };

    let endpoint = endpoint_impl(e, &name, &params, &path_fields);
    let validate = validate_impl(api, uses, e, &name, &params);
    [def, inherent, debug::request_debug(e), endpoint, validate]
}

fn endpoint_impl(e: &Endpoint, name: &proc_macro2::Ident, params: &[&Field], path_fields: &[&Field]) -> TokenStream {
    let reply = match &e.reply {
        Some(r) => {
            let r = ident(r);
            quote!(crate::#r)
        }
        None => quote!(::serde_json::Value),
    };
    let failure = ident(&e.failure);
    let info = format_ident!("{}", names::static_name(&e.operation));
    let variant = format_ident!("{}", names::variant(&e.operation));

    let params_json = if e.params.is_some() {
        // Cannot fail: every key is a string and no value serializes with an error.
        quote!(Some(::serde_json::to_string(&self.params).unwrap_or_default()))
    } else {
        quote!(None)
    };
    let file = match params.iter().find(|p| p.ty == Type::File) {
        Some(p) => {
            let id = ident(&p.rust);
            quote!(Some(&self.#id))
        }
        None => quote!(None),
    };
    let path = path_expression(e);
    let token_arg = if e.path.iter().any(|p| p.role == Some(Role::Token)) { quote!(token) } else { quote!(_token) };

    let fields: Vec<TokenStream> = params
        .iter()
        .filter(|p| p.ty != Type::File)
        .map(|p| {
            let id = ident(&p.rust);
            let wire = &p.wire;
            let text = match &p.ty {
                Type::String => quote!(x.clone()),
                Type::Integer => quote!(x.to_string()),
                _ => quote!(crate::__private::wire_text(x)),
            };
            let make = if p.secret { quote!(WireField::secret) } else { quote!(WireField::new) };
            quote!(if let Some(x) = &self.#id { out.push(#make(#wire, #text)); })
        })
        .collect();
    let fields_body = if fields.is_empty() {
        quote!(Vec::new())
    } else {
        quote! {
            let mut out = Vec::new();
            #(#fields)*
            out
        }
    };

    let mut reads: Vec<TokenStream> = path_fields
        .iter()
        .map(|p| {
            let id = ident(&p.rust);
            let wire = &p.wire;
            quote!(#id: parts.path(#wire))
        })
        .collect();
    reads.extend(params.iter().map(|p| {
        let id = ident(&p.rust);
        let wire = &p.wire;
        if p.ty == Type::File {
            quote!(#id: parts.file(#wire))
        } else {
            quote!(#id: parts.field(Self::INFO, #wire))
        }
    }));
    if e.params.is_some() {
        reads.push(quote!(params: parts.params()));
    }
    let parts_arg = if reads.is_empty() { quote!(_parts) } else { quote!(parts) };

    quote! {
        impl crate::Endpoint for #name {
            type Reply = #reply;
            type Failure = crate::#failure;
            const INFO: &'static crate::EndpointInfo = &super::endpoints::#info;

            fn params_json(&self) -> Option<String> {
                #params_json
            }

            fn file(&self) -> Option<&crate::FileUpload> {
                #file
            }

            fn into_any(self) -> crate::AnyRequest {
                crate::AnyRequest::#variant(self)
            }

            fn __path(&self, #token_arg: Option<&str>) -> String {
                #path
            }

            fn __fields(&self) -> Vec<WireField> {
                #fields_body
            }

            #[cfg(feature = "decode")]
            fn __from_parts(#parts_arg: &mut crate::__private::Parts) -> Self {
                #name { #(#reads),* }
            }
        }
    }
}

fn validate_impl(api: &Api, uses: &Uses, e: &Endpoint, name: &proc_macro2::Ident, params: &[&Field]) -> TokenStream {
    // File parameters are not `Option`s, so they are checked directly; the others like object fields.
    let optional: Vec<Field> = params.iter().filter(|p| p.ty != Type::File).map(|p| (*p).clone()).collect();
    let param_checks = object_body(api, uses, &ObjectView::new(&name.to_string(), optional, &[]), quote!(self));
    let file_checks = params.iter().filter(|p| p.ty == Type::File).map(|p| {
        let id = ident(&p.rust);
        value_checks(api, uses, &p.ty, p, quote!(self.#id), &p.wire)
    });
    let body_check = e.params_use().map(|u| use_check(api, uses, &u, &quote!(self.params), false));
    let checks = quote!(#param_checks #(#file_checks)* #body_check);
    let validate = if checks.is_empty() {
        quote!(
            fn validate_at(&self, _at: &Path<'_>, _out: &mut Vec<Violation>) {}
        )
    } else {
        quote!(fn validate_at(&self, at: &Path<'_>, out: &mut Vec<Violation>) { #checks })
    };
    quote! {
        impl Validate for #name {
            #validate
        }
    }
}

/// The URI filled by the endpoint's own `fill_path`: each placeholder's value, the token's where
/// the path carries it (`***` when there is none, as `Debug` shows it).
fn path_expression(e: &Endpoint) -> TokenStream {
    let mut values = Vec::new();
    let mut token = None;
    for p in &e.path {
        let wire = &p.wire;
        if p.role == Some(Role::Token) {
            token = Some(wire);
        } else {
            let id = ident(&p.rust);
            values.push(quote!((#wire, self.#id.as_str())));
        }
    }
    match token {
        None if values.is_empty() => quote!(<Self as crate::Endpoint>::INFO.path.to_owned()),
        None => quote!(<Self as crate::Endpoint>::INFO.fill_path(&[#(#values),*], "")),
        Some(wire) => quote! {
            match token {
                Some(t) => <Self as crate::Endpoint>::INFO.fill_path(&[#(#values,)* (#wire, t)], "***"),
                None => <Self as crate::Endpoint>::INFO.fill_path(&[#(#values),*], "***"),
            }
        },
    }
}
