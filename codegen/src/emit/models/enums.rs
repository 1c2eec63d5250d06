use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, ident, lit, macro_call, Chunk};
use crate::model::*;

pub fn emit(api: &Api) -> Vec<Chunk> {
    api.enums.iter().flat_map(one).collect()
}

fn one(e: &Enum) -> [Chunk; 2] {
    let name = ident(&e.name);
    let doc = docs::attrs(&format!(
        "{}\n\nSerializes to its wire value; values the document does not list are kept in `Unknown`.",
        e.desc
    ));
    let variants = e.values.iter().map(|v| {
        let var = ident(&v.variant);
        let d = docs::attrs(&format!("`{}` {}", value_key(&v.value), v.label));
        quote!(#d #var,)
    });
    let kind = match e.kind {
        EnumKind::Integer => "int",
        EnumKind::String => "str",
    };
    let arms: Vec<String> = e
        .values
        .iter()
        .map(|v| {
            let value = match &v.value {
                serde_json::Value::Number(n) => n.to_string(),
                other => lit(&value_key(other)),
            };
            format!("{value} => {}: {}", v.variant, lit(&v.label))
        })
        .collect();
    let def: TokenStream = quote! {
        #doc
        #[non_exhaustive]
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            /// A value the document does not list, kept as received.
            Unknown(crate::UnknownValue),
        }
    };
    [def.into(), macro_call("crate::open_enum", &format!("{kind} {}", e.name), &arms)]
}
