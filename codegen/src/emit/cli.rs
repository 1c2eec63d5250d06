//! The `kedacom-mc-cli` crate's generated part: the table its commands are built from (one entry per
//! operation: names, help text, parameters with their accepted values, the params body's reference
//! and an example of it), and the dispatch that sends a decoded request as its endpoint's type.

mod help;
mod sample;

use heck::ToKebabCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::GeneratedFile;
use crate::model::*;
use crate::names;

const DIR: &str = "crates/kedacom-mc-cli/src/generated";

pub fn files(api: &Api) -> Vec<GeneratedFile> {
    vec![
        file(
            "mod.rs",
            &["spec/".to_owned()],
            quote! {
                pub(crate) mod dispatch;
                pub(crate) mod operations;
            },
        ),
        file(
            "operations.rs",
            &api.sources_of(&["api", "endpoints", "objects", "enums", "text_rules"]),
            operations(api),
        ),
        file("dispatch.rs", &api.sources_of(&["endpoints"]), dispatch(api)),
    ]
}

fn file(name: &str, sources: &[String], tokens: TokenStream) -> GeneratedFile {
    super::rust::file(&format!("{DIR}/{name}"), sources, tokens)
}

/// The request body `kedacom-mc example` prints for an endpoint, as pretty JSON, and whether it is
/// the document's own example (else it is made of the fields a request needs).
pub fn example(api: &Api, e: &Endpoint) -> Option<(String, bool)> {
    sample::example(api, e)
}

/// The command of an operation: `create_conf` → `create-conf`.
pub fn command_name(operation: &str) -> String {
    crate::names::command(operation)
}

fn optional(text: Option<&str>) -> TokenStream {
    match text {
        Some(t) => quote!(Some(#t)),
        None => quote!(None),
    }
}

fn optional_u64(n: Option<u64>) -> TokenStream {
    match n.map(proc_macro2::Literal::u64_unsuffixed) {
        Some(n) => quote!(Some(#n)),
        None => quote!(None),
    }
}

fn operations(api: &Api) -> TokenStream {
    let rows = api.endpoints.iter().map(|e| operation(api, e));
    quote! {
        use kedacom_mc_models::wire::Place;

        use crate::table::{Body, Choice, Kind, Operation, Parameter};

        /// Every operation of the spec, in its order.
        pub(crate) static OPERATIONS: &[Operation] = &[#(#rows),*];
    }
}

fn operation(api: &Api, e: &Endpoint) -> TokenStream {
    let (operation, name, description, uri) = (&e.operation, &e.name, &e.description, &e.uri);
    let command = command_name(&e.operation);
    let note = optional(e.note.as_deref().map(str::trim_end));
    let method = e.method.as_str();
    let level = proc_macro2::Literal::u32_unsuffixed(e.min_api_level);
    let delete_via_post = e.wire.method_override.is_some();
    let asynchronous = optional(e.asynchrony_note().as_deref());
    let paged = e.paging.is_some();
    // Path placeholders are always required, as the endpoint table has them.
    let parameters = e
        .caller_path()
        .map(|p| parameter(api, p, Place::Path, true))
        .chain(e.caller_parameters().map(|p| parameter(api, p, e.wire.fields, p.required)));
    let body = match e.params_use() {
        Some(use_) => {
            let type_name = &use_.name;
            let view = api.view(&use_);
            // Required when some field can be: an empty body then never does.
            let required = view.fields.iter().any(|f| f.field.role.is_none() && f.requirement != Requirement::Never);
            let reference = help::body_reference(api, &use_);
            let (example, from_document) = match example(api, e) {
                Some((json, from_document)) => (optional(Some(&json)), from_document),
                None => (optional(None), false),
            };
            quote!(Some(Body {
                type_name: #type_name,
                required: #required,
                reference: #reference,
                example: #example,
                example_from_document: #from_document,
            }))
        }
        None => quote!(None),
    };
    quote! {
        Operation {
            operation: #operation,
            command: #command,
            name: #name,
            description: #description,
            note: #note,
            method: #method,
            uri: #uri,
            min_api_level: #level,
            delete_via_post: #delete_via_post,
            asynchronous: #asynchronous,
            parameters: &[#(#parameters),*],
            body: #body,
            paged: #paged,
        }
    }
}

fn parameter(api: &Api, f: &Field, place: Place, required: bool) -> TokenStream {
    let wire = &f.wire;
    let long = f.wire.to_kebab_case();
    let place = match place {
        Place::Path => quote!(Place::Path),
        Place::Query => quote!(Place::Query),
        Place::Body => quote!(Place::Body),
    };
    let kind = kind(api, f);
    let secret = f.secret;
    let help = f.desc.trim();
    let details = help::parameter_details(api, f);
    quote! {
        Parameter {
            wire: #wire,
            long: #long,
            place: #place,
            kind: #kind,
            required: #required,
            secret: #secret,
            help: #help,
            details: #details,
        }
    }
}

fn kind(api: &Api, f: &Field) -> TokenStream {
    match &f.ty {
        Type::Integer => quote!(Kind::Integer),
        Type::Switch([off, on]) => quote!(Kind::Switch([#off, #on])),
        Type::File => {
            let max = optional_u64(f.limits.max_file_bytes);
            quote!(Kind::File { max_bytes: #max })
        }
        Type::Enum(u) => {
            let values = api.enum_def(&u.name).map(|en| en.values.clone()).unwrap_or_default();
            let choices = values.iter().filter(|v| u.only.as_ref().is_none_or(|o| o.contains(&v.value))).map(|v| {
                let wire = value_key(&v.value);
                let id = &v.id;
                let label = u.labels.get(&wire).unwrap_or(&v.label);
                quote!(Choice { wire: #wire, id: #id, label: #label })
            });
            quote!(Kind::Enum(&[#(#choices),*]))
        }
        _ => quote!(Kind::Text),
    }
}

fn dispatch(api: &Api) -> TokenStream {
    let arms = api.endpoints.iter().map(|e| {
        let variant = format_ident!("{}", names::variant(&e.operation));
        let call = if e.paging.is_some() { quote!(paged) } else { quote!(single) };
        quote!(AnyRequest::#variant(r) => call::#call(client, r, mode).await,)
    });
    let checks = api.endpoints.iter().filter_map(|e| {
        let ty = format_ident!("{}", e.params.as_deref()?);
        let operation = &e.operation;
        Some(quote!(#operation => Some(kedacom_mc_models::from_json::<kedacom_mc_models::#ty>(json).map(drop)),))
    });
    quote! {
        use kedacom_mc_client::{Client, Error};
        use kedacom_mc_models::{AnyRequest, ValidationReport};

        use crate::call::{self, Mode, Output};

        /// Sends a decoded request as its endpoint's type; a list that pages follows its pages
        /// under [`Mode::All`].
        pub(crate) async fn send(client: &Client, request: AnyRequest, mode: Mode) -> Result<Output, Error> {
            match request {
                #(#arms)*
            }
        }

        /// Reads an operation's params body and checks it by every rule; `None` for an operation
        /// that takes no body.
        pub(crate) fn check_params(operation: &str, json: &str) -> Option<Result<(), ValidationReport>> {
            match operation {
                #(#checks)*
                _ => None,
            }
        }
    }
}
