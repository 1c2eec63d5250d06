use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::model::Api;

pub fn emit(api: &Api) -> TokenStream {
    let mut rows: Vec<_> = api.errors.iter().map(|e| (e.code, e.message.as_str())).collect();
    rows.sort();
    let entries = rows.iter().map(|(c, m)| {
        let c = Literal::i64_unsuffixed(*c);
        quote!((#c, #m))
    });
    quote! {
        /// The platform's error codes (API常见错误码) and their meanings, sorted by code.
        pub const ERROR_CODES: &[(i64, &str)] = &[#(#entries),*];

        /// The document's meaning of an `error_code`, if it lists the code.
        pub fn error_message(code: i64) -> Option<&'static str> {
            ERROR_CODES.binary_search_by_key(&code, |(c, _)| *c).ok().map(|i| ERROR_CODES[i].1)
        }
    }
}
