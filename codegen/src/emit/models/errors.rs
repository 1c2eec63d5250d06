use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use crate::model::Api;
use crate::names;

pub fn emit(api: &Api) -> TokenStream {
    let mut rows: Vec<_> = api.errors.iter().map(|e| (e.code, e.message.as_str())).collect();
    rows.sort();
    let entries = rows.iter().map(|(c, m)| {
        let c = Literal::i64_unsuffixed(*c);
        quote!((#c, #m))
    });
    let with_role = api.errors.iter().filter_map(|e| e.role.as_ref().map(|r| (e, r)));
    let constants = with_role.clone().map(|(e, role)| {
        let name = format_ident!("{}", names::error_constant(&role.name));
        let doc = docs::attrs(&format!("{}: {}", e.message, role.why));
        let code = Literal::i64_unsuffixed(e.code);
        quote!(#doc pub const #name: i64 = #code;)
    });
    let expired: Vec<_> = with_role
        .filter(|(_, r)| r.session_expired)
        .map(|(_, r)| {
            let name = format_ident!("{}", names::error_constant(&r.name));
            quote!(codes::#name)
        })
        .collect();
    let expired_body = if expired.is_empty() { quote!(false) } else { quote!(matches!(code, #(#expired)|*)) };
    let code_arg = if expired.is_empty() { quote!(_code) } else { quote!(code) };
    quote! {
        /// The platform's error codes (API常见错误码) and their meanings, sorted by code.
        pub const ERROR_CODES: &[(i64, &str)] = &[#(#entries),*];

        /// The document's meaning of an `error_code`, if it lists the code.
        pub fn error_message(code: i64) -> Option<&'static str> {
            ERROR_CODES.binary_search_by_key(&code, |(c, _)| *c).ok().map(|i| ERROR_CODES[i].1)
        }

        /// The rows of the error table that the SDK answers with or acts on, named by their role
        /// (`spec/errors.yaml`'s `role`); each says why that row was chosen.
        pub mod codes {
            #(#constants)*
        }

        /// Whether the platform answers `code` when the session (the token, or the login) is gone,
        /// so that a client logs in again: the rows marked `session_expired`.
        pub fn session_expired(#code_arg: i64) -> bool {
            #expired_body
        }
    }
}
