//! `Debug` that never shows a secret: objects mark secret fields for `open_object!`, requests get
//! an `impl Debug` like the derived one with secret values replaced by `***`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::ident;
use crate::model::*;
use crate::names;

/// What precedes a field in an `open_object!` call: `#[secret] ` for a secret field.
pub fn object_marker(f: &Field) -> &'static str {
    if f.secret {
        "#[secret] "
    } else {
        ""
    }
}

/// `impl Debug` for an endpoint's request: path fields, the parameters the caller gives and the
/// `params` body, in the order the request struct declares them.
pub fn request_debug(e: &Endpoint) -> TokenStream {
    let name = format_ident!("{}", names::request_type(&e.operation));
    let shown = name.to_string();
    let path = e.path.iter().filter(|p| p.role.is_none()).map(|p| field(p, false));
    let params = e.parameters.iter().filter(|p| p.role.is_none()).map(|p| field(p, p.ty != Type::File));
    let body = e.params.as_ref().map(|_| quote!(.field("params", &self.params)));
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#shown)
                    #(#path)*
                    #(#params)*
                    #body
                    .finish()
            }
        }
    }
}

/// One `.field(…)` call; `optional` fields are `Option`s, the others always hold a value.
fn field(f: &Field, optional: bool) -> TokenStream {
    let id = ident(&f.rust);
    let shown = f.rust.trim_start_matches("r#");
    let value = match (f.secret, optional) {
        (false, _) => quote!(&self.#id),
        (true, true) => quote!(&crate::secret::Masked(&self.#id)),
        (true, false) => quote!(&crate::secret::Hidden),
    };
    quote!(.field(#shown, #value))
}
