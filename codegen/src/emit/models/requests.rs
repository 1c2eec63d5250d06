//! One request type per endpoint: path and query parameters, the `params` body or the file, and
//! the endpoint's facts (method, URI, API level) through `crate::Endpoint`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::validation::{object_body, override_checks, value_checks};
use super::{debug, docs, ident, rust_type};
use crate::model::*;
use crate::names;

pub fn emit(api: &Api) -> TokenStream {
    let reqs = api.endpoints.iter().map(|e| one(api, e));
    quote! {
        use crate::validate::{self as v, Path, Validate, Violation};
        #(#reqs)*
    }
}

/// Parameters the caller gives (the session supplies the token; `params` and `_method` are the wire's).
fn caller_parameters(e: &Endpoint) -> Vec<&Field> {
    e.parameters.iter().filter(|p| p.role.is_none()).collect()
}

fn one(api: &Api, e: &Endpoint) -> TokenStream {
    let pascal = names::type_ident(&e.operation).unwrap_or_default();
    let name = format_ident!("{pascal}Request");
    let mut doc = format!(
        "{}: {}\n\n`{} {}`, API level {} and up.",
        e.name,
        e.description,
        e.method.as_str(),
        e.uri,
        e.min_api_level
    );
    if let Some(n) = &e.note {
        doc.push_str("\n\n");
        doc.push_str(&docs::verbatim(n));
    }
    if let Some(m) = e.parameters.iter().find(|p| p.role == Some(Role::MethodOverride)) {
        doc.push_str(&format!(
            "\n\nClients that cannot send DELETE may POST with `{}={}`.",
            m.wire,
            m.value.clone().unwrap_or_default()
        ));
    }
    let doc = docs::attrs(&doc);

    let path_fields = e.path.iter().filter(|p| p.role.is_none()).map(|p| {
        let id = ident(&p.rust);
        let d = docs::attrs(&format!("{} (path)", p.desc));
        quote!(#d pub #id: String,)
    });
    let params = caller_parameters(e);
    let param_fields = params.iter().map(|p| {
        let id = ident(&p.rust);
        let d = docs::attrs(&docs::field(api, p, true));
        if p.ty == Type::File {
            quote!(#d pub #id: crate::FileUpload,)
        } else {
            let ty = rust_type(&p.ty);
            quote!(#d pub #id: Option<#ty>,)
        }
    });
    let body_field = e.params.as_ref().map(|pn| {
        let ty = ident(pn);
        quote!(/// The request body, sent as the `params` form field.
               pub params: crate::#ty,)
    });

    // new(path…, file, params)
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for p in e.path.iter().filter(|p| p.role.is_none()) {
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
    let all_given = params.iter().all(|p| p.ty == Type::File);
    let rest = if all_given { quote!() } else { quote!(..Default::default()) };
    let setters = params.iter().filter(|p| p.ty != Type::File).map(|p| {
        let id = ident(&p.rust);
        let t = rust_type(&p.ty);
        let d = format!(" Sets `{}`.", p.wire);
        quote! {
            #[doc = #d]
            pub fn #id(mut self, value: #t) -> Self {
                self.#id = Some(value);
                self
            }
        }
    });

    let method = e.method.as_str();
    let uri = &e.uri;
    let level = Literal::u32_unsuffixed(e.min_api_level);
    let ep_name = &e.name;
    let reply = match &e.reply {
        Some(r) => {
            let r = ident(r);
            quote!(crate::#r)
        }
        None => quote!(::serde_json::Value),
    };
    let path_expr = path_expression(e);
    let query = params.iter().filter(|p| p.ty != Type::File).map(|p| {
        let id = ident(&p.rust);
        let wire = &p.wire;
        let text = match &p.ty {
            Type::String => quote!(x.clone()),
            Type::Integer => quote!(x.to_string()),
            _ => quote!(::serde_json::to_value(x)
                .map(|v| match v {
                    ::serde_json::Value::String(s) => s,
                    other => other.to_string(),
                })
                .unwrap_or_default()),
        };
        quote!(if let Some(x) = &self.#id { out.push((#wire, #text)); })
    });
    let params_json = if e.params.is_some() { quote!(::serde_json::to_value(&self.params).ok()) } else { quote!(None) };

    // File parameters are not `Option`s, so they are checked directly; the others like object fields.
    let optional: Vec<Field> = params.iter().filter(|p| p.ty != Type::File).map(|p| (*p).clone()).collect();
    let param_checks = object_body(api, &optional, &[], quote!(self));
    let file_checks = params.iter().filter(|p| p.ty == Type::File).map(|p| {
        let id = ident(&p.rust);
        value_checks(api, &p.ty, p, quote!(self.#id), &p.wire)
    });
    let body_check = e.params_use().map(|u| {
        let overrides = override_checks(api, &u, &quote!(self.params));
        quote!(self.params.validate_at(at, out); #overrides)
    });
    let checks = quote!(#param_checks #(#file_checks)* #body_check);
    let validate = if checks.is_empty() {
        quote!(
            fn validate_at(&self, _at: &Path<'_>, _out: &mut Vec<Violation>) {}
        )
    } else {
        quote!(fn validate_at(&self, at: &Path<'_>, out: &mut Vec<Violation>) { #checks })
    };

    let debug_impl = debug::request_debug(e);
    quote! {
        #doc
        #[derive(Clone, Default, PartialEq)]
        pub struct #name {
            #(#path_fields)*
            #(#param_fields)*
            #body_field
        }

        impl #name {
            pub fn new(#(#args),*) -> Self {
                #name { #(#inits,)* #rest }
            }

            #(#setters)*
        }

        impl crate::Endpoint for #name {
            type Reply = #reply;
            const METHOD: &'static str = #method;
            const PATH: &'static str = #uri;
            const MIN_API_LEVEL: u32 = #level;
            const NAME: &'static str = #ep_name;

            fn path(&self) -> String {
                #path_expr
            }

            fn parameters(&self) -> Vec<(&'static str, String)> {
                #[allow(unused_mut)]
                let mut out = Vec::new();
                #(#query)*
                out
            }

            fn params_json(&self) -> Option<::serde_json::Value> {
                #params_json
            }
        }

        impl Validate for #name {
            #validate
        }

        #debug_impl
    }
}

/// `format!` of the URI with each `{placeholder}` percent-encoded from its field.
fn path_expression(e: &Endpoint) -> TokenStream {
    let mut fmt = String::new();
    let mut args = Vec::new();
    let mut rest = e.uri.as_str();
    while let Some(i) = rest.find('{') {
        let Some(j) = rest[i..].find('}') else { break };
        fmt.push_str(&rest[..i]);
        fmt.push_str("{}");
        let name = &rest[i + 1..i + j];
        match e.path.iter().find(|p| p.wire == name) {
            Some(p) if p.role.is_none() => {
                let id = ident(&p.rust);
                args.push(quote!(crate::encode_segment(&self.#id)));
            }
            // Filled by the session (the token heartbeat's {account_token}).
            _ => args.push(quote!(concat!("{", #name, "}"))),
        }
        rest = &rest[i + j + 1..];
    }
    fmt.push_str(rest);
    if args.is_empty() {
        quote!(#fmt.to_owned())
    } else {
        quote!(format!(#fmt, #(#args),*))
    }
}
