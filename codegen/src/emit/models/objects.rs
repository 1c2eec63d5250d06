use proc_macro2::TokenStream;
use quote::quote;

use super::{debug, docs, ident, lit, macro_call, rust_type, rust_type_text, Chunk};
use crate::model::*;

pub fn emit(api: &Api) -> Vec<Chunk> {
    api.objects.iter().flat_map(|o| one(api, o)).collect()
}

fn type_doc(api: &Api, o: &Object) -> String {
    let mut s = o.desc.clone();
    let uses: Vec<String> = api
        .endpoints
        .iter()
        .filter_map(|e| {
            let role = if e.params.as_deref() == Some(&o.name) {
                "request body (`params`)"
            } else if e.reply.as_deref() == Some(&o.name) {
                "success reply"
            } else {
                return None;
            };
            Some(format!(
                "The {role} of {} (`{} {}`, API level {} and up).",
                e.name,
                e.method.as_str(),
                e.uri,
                e.min_api_level
            ))
        })
        .collect();
    if !uses.is_empty() {
        s.push_str("\n\n");
        s.push_str(&uses.join("\n"));
    }
    let rules = docs::rules(&o.rules);
    if !rules.is_empty() {
        s.push_str("\n\nRules:\n");
        s.push_str(&rules.iter().map(|r| format!("- {r}")).collect::<Vec<_>>().join("\n"));
    }
    if let Some(n) = &o.note {
        s.push_str("\n\n");
        s.push_str(&docs::verbatim(n));
    }
    s
}

fn one(api: &Api, o: &Object) -> [Chunk; 4] {
    let request = api.is_request_object(&o.name);
    let name = ident(&o.name);
    let doc = docs::attrs(&type_doc(api, o));
    let view = api.view(&ObjectUse::plain(&o.name));
    let fields = view.fields.iter().map(|fv| {
        let f = &fv.field;
        let id = ident(&f.rust);
        let ty = rust_type(&f.ty);
        let d = docs::attrs(&docs::field_of(api, &view, fv, request));
        quote!(#d pub #id: Option<#ty>,)
    });
    let serde: Vec<String> = o
        .fields
        .iter()
        .map(|f| format!("{}{}: {} = {}", debug::object_marker(f), f.rust, rust_type_text(&f.ty), lit(&f.wire)))
        .collect();
    let setters = if request { setters(o) } else { quote!() };
    let defaults = fill_defaults(api, o);
    let def = quote! {
        #doc
        #[derive(Clone, PartialEq)]
        pub struct #name {
            #(#fields)*
            /// Fields the document does not list, kept as received.
            pub extra: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
        }
    };
    [def.into(), macro_call("crate::open_object", &o.name, &serde), setters.into(), defaults.into()]
}

/// Whether an object has documented defaults, itself or in the objects it holds.
pub(crate) fn has_defaults(api: &Api, name: &str, depth: usize) -> bool {
    depth < 16
        && api.object(name).is_some_and(|o| {
            o.fields.iter().any(|f| {
                f.default.is_some()
                    || match f.ty.leaf() {
                        Type::Object(u) => has_defaults(api, &u.name, depth + 1),
                        _ => false,
                    }
            })
        })
}

/// The typed value of a documented default (the loader allows scalars and empty lists).
fn default_value(api: &Api, ty: &Type, v: &serde_json::Value) -> Option<TokenStream> {
    Some(match ty {
        Type::String => {
            let text = v.as_str()?;
            quote!(#text.to_owned())
        }
        Type::Integer => {
            let n = proc_macro2::Literal::i64_unsuffixed(v.as_i64()?);
            quote!(#n)
        }
        Type::Switch(_) => match v.as_i64()? {
            0 => quote!(crate::Switch::Off),
            1 => quote!(crate::Switch::On),
            _ => return None,
        },
        Type::Enum(u) => {
            let value = api.enum_def(&u.name)?.value(v)?;
            let (en, variant) = (ident(&u.name), ident(&value.variant));
            quote!(crate::#en::#variant)
        }
        Type::Array(_) if v.as_array().is_some_and(Vec::is_empty) => quote!(Vec::new()),
        _ => return None,
    })
}

/// The statement that fills the defaults of the objects a value of `ty` holds, at `at`.
fn fill_nested(api: &Api, ty: &Type, at: TokenStream) -> Option<TokenStream> {
    match ty {
        Type::Object(u) if has_defaults(api, &u.name, 0) => Some(quote!(#at.fill_defaults();)),
        Type::Array(inner) => {
            let body = fill_nested(api, inner, quote!(item))?;
            Some(quote!(for item in #at.iter_mut() { #body }))
        }
        _ => None,
    }
}

/// `fill_defaults`, for an object with documented defaults: what a platform stores for a field the
/// request leaves out.
fn fill_defaults(api: &Api, o: &Object) -> TokenStream {
    if !has_defaults(api, &o.name, 0) {
        return quote!();
    }
    let name = ident(&o.name);
    let mut listed = Vec::new();
    let steps = o.fields.iter().filter_map(|f| {
        let id = ident(&f.rust);
        if let Some(value) = f.default.as_ref().and_then(|d| default_value(api, &f.ty, d)) {
            listed.push(format!("`{}` {}", f.wire, f.default.as_ref().map(|d| d.to_string()).unwrap_or_default()));
            return Some(quote!(if self.#id.is_none() { self.#id = Some(#value); }));
        }
        let nested = fill_nested(api, &f.ty, quote!(value))?;
        Some(quote!(if let Some(value) = &mut self.#id { #nested }))
    });
    let steps: Vec<TokenStream> = steps.collect();
    let doc = if listed.is_empty() {
        " Gives the absent fields of the objects it holds their documented defaults.".to_owned()
    } else {
        format!(
            " Gives each absent field its documented default ({}), and likewise in the objects it holds.",
            listed.join(", ")
        )
    };
    quote! {
        impl #name {
            #[doc = #doc]
            pub fn fill_defaults(&mut self) {
                #(#steps)*
            }
        }
    }
}

/// `Type::new().field(value)…`: the setters that make building a request read like the document.
fn setters(o: &Object) -> TokenStream {
    let name = ident(&o.name);
    let methods = o.fields.iter().map(setter);
    quote! {
        impl #name {
            /// An empty value; add fields with the setters.
            pub fn new() -> Self {
                Self::default()
            }

            #(#methods)*
        }
    }
}

/// One setter: it takes what converts into the field's type (text, a bool for a switch, any
/// iterator for a list), for object and request setters alike. `#[inline]`: a setter is a move and
/// a store, compiled where it is called rather than, hundreds of them, in the models crate.
pub(crate) fn setter(f: &Field) -> TokenStream {
    let id = ident(&f.rust);
    let doc = format!(" Sets `{}`.", f.wire);
    let (arg, conv) = match &f.ty {
        Type::String => (quote!(impl Into<String>), quote!(value.into())),
        Type::Switch(_) => (quote!(impl Into<crate::Switch>), quote!(value.into())),
        Type::Array(inner) => {
            let t = rust_type(inner);
            (quote!(impl IntoIterator<Item = #t>), quote!(value.into_iter().collect()))
        }
        other => {
            let t = rust_type(other);
            (quote!(#t), quote!(value))
        }
    };
    quote! {
        #[doc = #doc]
        #[inline]
        pub fn #id(mut self, value: #arg) -> Self {
            self.#id = Some(#conv);
            self
        }
    }
}
