//! The `kedacom-mc-cli` crate's generated part: the table its commands are built from, one entry per
//! operation keyed by its endpoint's `EndpointInfo` and holding only what the command line shows
//! (the subcommand, the document's note, each parameter's option and help, the params body's
//! reference and an example of it), and the dispatch that sends a decoded request as its
//! endpoint's type.

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

fn operations(api: &Api) -> TokenStream {
    let rows = api.endpoints.iter().map(|e| operation(api, e));
    quote! {
        use kedacom_mc_models::Endpoint;

        use crate::table::{Body, Operation, Parameter};

        /// Every operation of the spec, in its order.
        pub(crate) static OPERATIONS: &[Operation] = &[#(#rows),*];
    }
}

/// An operation's entry: its endpoint's facts (the models' `EndpointInfo`, through the request
/// type's `Endpoint::INFO`) and what only the command line shows.
fn operation(api: &Api, e: &Endpoint) -> TokenStream {
    let request = format_ident!("{}", names::request_type(&e.operation));
    let command = command_name(&e.operation);
    let note = optional(e.note.as_deref().map(str::trim_end));
    let asynchronous = optional(e.asynchrony_note().as_deref());
    // In the order of the endpoint's `parameters`: its caller's path placeholders, then the rest.
    let parameters = e.caller_path().chain(e.caller_parameters()).map(|p| parameter(api, p));
    let body = match e.params_use() {
        Some(use_) => {
            let view = api.view(&use_);
            // Required when some field can be: an empty body then never does.
            let required = view.fields.iter().any(|f| f.field.role.is_none() && f.requirement != Requirement::Never);
            let reference = help::body_reference(api, &use_);
            let (example, from_document) = match example(api, e) {
                Some((json, from_document)) => (optional(Some(&json)), from_document),
                None => (optional(None), false),
            };
            quote!(Some(Body {
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
            info: <kedacom_mc_models::#request as Endpoint>::INFO,
            command: #command,
            note: #note,
            asynchronous: #asynchronous,
            parameters: &[#(#parameters),*],
            body: #body,
        }
    }
}

/// What the command line adds to a parameter: its option, its help beyond the description, and
/// what checking its value on the command line needs beyond the parameter's kind.
fn parameter(api: &Api, f: &Field) -> TokenStream {
    let long = f.wire.to_kebab_case();
    let details = help::parameter_details(api, f);
    let mut extra = Vec::new();
    if !details.is_empty() {
        extra.push(quote!(details: #details,));
    }
    if let Type::Switch([off, on]) = &f.ty {
        extra.push(quote!(labels: Some([#off, #on]),));
    }
    if let (Type::File, Some(max)) = (&f.ty, f.limits.max_file_bytes) {
        let max = proc_macro2::Literal::u64_unsuffixed(max);
        extra.push(quote!(max_bytes: Some(#max),));
    }
    quote!(Parameter { long: #long, #(#extra)* ..Parameter::PLAIN })
}

fn dispatch(api: &Api) -> TokenStream {
    let arms = api.endpoints.iter().map(|e| {
        let variant = format_ident!("{}", names::variant(&e.operation));
        let call = if e.paging.is_some() { quote!(paged) } else { quote!(single) };
        quote!(AnyRequest::#variant(r) => call::#call(client, r, mode).await,)
    });
    quote! {
        use kedacom_mc_client::{Client, Error};
        use kedacom_mc_models::AnyRequest;

        use crate::call::{self, Mode, Output};

        /// Sends a decoded request as its endpoint's type; a list that pages follows its pages
        /// under [`Mode::All`].
        pub(crate) async fn send(client: &Client, request: AnyRequest, mode: Mode) -> Result<Output, Error> {
            match request {
                #(#arms)*
            }
        }
    }
}
