//! `Validate` impls: every rule the spec states, checked on the typed value.

use heck::ToShoutySnakeCase;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::ident;
use crate::model::*;

pub fn text_rules(api: &Api) -> TokenStream {
    let rules = api.text_rules.iter().map(|t| {
        let id = format_ident!("{}", t.name.to_shouty_snake_case());
        let name = &t.name;
        let forbidden = t.forbidden.clone().unwrap_or_default();
        let edges = t.forbidden_at_edges.clone().unwrap_or_default();
        let allowed = match &t.allowed {
            Some(a) => quote!(Some(#a)),
            None => quote!(None),
        };
        let doc = format!(" {}", t.desc);
        quote! {
            #[doc = #doc]
            pub(crate) static #id: TextRule = TextRule {
                name: #name,
                forbidden: #forbidden,
                forbidden_at_edges: #edges,
                allowed: #allowed,
            };
        }
    });
    quote! {
        use crate::validate::TextRule;
        #(#rules)*
    }
}

pub fn emit(api: &Api) -> TokenStream {
    let impls = api.objects.iter().filter(|o| api.is_request_object(&o.name)).map(|o| {
        let name = ident(&o.name);
        let body = object_body(api, &o.fields, &o.rules, quote!(self));
        quote! {
            impl Validate for crate::#name {
                fn validate_at(&self, at: &Path<'_>, out: &mut Vec<Violation>) {
                    #body
                    v::unknown_fields(out, at, &self.extra);
                }
            }
        }
    });
    quote! {
        use crate::validate::{self as v, Path, Validate, Violation};
        #(#impls)*
    }
}

/// Checks of `fields` of the value `this` (an expression), under the current path.
pub fn object_body(api: &Api, fields: &[Field], rules: &[Rule], this: TokenStream) -> TokenStream {
    let conds: Vec<TokenStream> = rules
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match r {
            Rule::RequiredIf { when, .. } => {
                let c = format_ident!("cond_{i}");
                let e = condition(fields, when, &this);
                Some(quote!(let #c: bool = #e;))
            }
            Rule::AtMost { .. } => None,
        })
        .collect();
    let checks = fields.iter().map(|f| {
        let id = ident(&f.rust);
        let wire = &f.wire;
        let req = required_expr(f, rules);
        let value_checks = value_checks(api, &f.ty, f, quote!(x), wire);
        let missing = match req.to_string().as_str() {
            "false" => quote!(),
            "true" => quote!(v::missing(out, at, #wire);),
            _ => quote!(if #req { v::missing(out, at, #wire); }),
        };
        if value_checks.is_empty() {
            return match req.to_string().as_str() {
                "false" => quote!(),
                "true" => quote!(if #this.#id.is_none() { v::missing(out, at, #wire); }),
                _ => quote!(if #this.#id.is_none() && #req { v::missing(out, at, #wire); }),
            };
        }
        if missing.is_empty() {
            return quote!(if let Some(x) = &#this.#id { #value_checks });
        }
        quote! {
            match &#this.#id {
                None => { #missing }
                Some(x) => { #value_checks }
            }
        }
    });
    let at_most = rules.iter().filter_map(|r| match r {
        Rule::AtMost { field, limit } => Some(at_most(fields, field, limit, &this)),
        _ => None,
    });
    quote! {
        #(#conds)*
        #(#checks)*
        #(#at_most)*
    }
}

fn condition(fields: &[Field], when: &Condition, this: &TokenStream) -> TokenStream {
    let Some(f) = fields.iter().find(|f| f.wire == when.field) else { return quote!(false) };
    let id = ident(&f.rust);
    let absent_holds = match &f.default {
        Some(d) => (d == &when.value) == when.equals,
        None => !when.equals,
    };
    let op = if when.equals { quote!(==) } else { quote!(!=) };
    let cmp = match (&f.ty, &when.value) {
        (Type::Integer, serde_json::Value::Number(n)) => {
            let n = Literal::i64_unsuffixed(n.as_i64().unwrap_or_default());
            quote!(*x #op #n)
        }
        (Type::Enum(_) | Type::Switch(_), serde_json::Value::Number(n)) => {
            let n = Literal::i64_unsuffixed(n.as_i64().unwrap_or_default());
            quote!(x.as_i64() #op Some(#n))
        }
        (_, serde_json::Value::String(s)) => quote!(x.as_str() #op Some(#s)),
        _ => quote!(false),
    };
    if absent_holds {
        quote!(#this.#id.as_ref().is_none_or(|x| #cmp))
    } else {
        quote!(#this.#id.as_ref().is_some_and(|x| #cmp))
    }
}

/// Whether the field is required, as an expression over the rule conditions (constants folded).
fn required_expr(f: &Field, rules: &[Rule]) -> TokenStream {
    enum Req {
        Const(bool),
        Expr(TokenStream),
    }
    let mut req = Req::Const(f.required);
    for (i, r) in rules.iter().enumerate() {
        let Rule::RequiredIf { fields, others_optional, optional_otherwise, .. } = r else { continue };
        let c = format_ident!("cond_{i}");
        req = if fields.contains(&f.wire) {
            match req {
                _ if *optional_otherwise => Req::Expr(quote!(#c)),
                Req::Const(true) => Req::Const(true),
                Req::Const(false) => Req::Expr(quote!(#c)),
                Req::Expr(e) => Req::Expr(quote!(#c || (#e))),
            }
        } else if *others_optional {
            match req {
                Req::Const(false) => Req::Const(false),
                Req::Const(true) => Req::Expr(quote!(!#c)),
                Req::Expr(e) => Req::Expr(quote!(!#c && (#e))),
            }
        } else {
            req
        };
    }
    match req {
        Req::Const(b) => quote!(#b),
        Req::Expr(e) => e,
    }
}

/// Checks of one present value `x` (a reference) of type `ty`, reported under `key`.
pub(crate) fn value_checks(api: &Api, ty: &Type, f: &Field, x: TokenStream, key: &str) -> TokenStream {
    let l = &f.limits;
    match ty {
        Type::String => {
            let secret = f.secret;
            let mut checks = TokenStream::new();
            // Length checks are inline: they are most of what a request needs.
            if let Some(n) = l.max_bytes {
                let n = Literal::usize_unsuffixed(n as usize);
                checks.extend(quote!(if #x.len() > #n { v::max_bytes(out, at, #key, #x, #n, #secret); }));
            }
            if let Some(n) = l.max_chars {
                let n = Literal::usize_unsuffixed(n as usize);
                // No longer in bytes than the limit means no longer in characters either.
                checks.extend(quote!(if #x.len() > #n && #x.chars().count() > #n { v::max_chars(out, at, #key, #x, #n, #secret); }));
            }
            if l.text.is_none() && l.format.is_none() && l.telephone.is_none() {
                return checks;
            }
            let text = match &l.text {
                Some(t) => {
                    let id = format_ident!("{}", t.to_shouty_snake_case());
                    quote!(Some(&super::text_rules::#id))
                }
                None => quote!(None),
            };
            let colour = l.format == Some(Format::RgbHex);
            let datetime = l.format == Some(Format::DateTime);
            let tel = match &l.telephone {
                Some(t) => {
                    let (a, n, e) = (t.area_code as usize, t.number as usize, t.extension as usize);
                    quote!(Some((#a, #n, #e)))
                }
                None => quote!(None),
            };
            checks.extend(quote! {
                v::check_format(out, at, #key, #x, &v::Format { text: #text, colour: #colour, datetime: #datetime, telephone: #tel, secret: #secret });
            });
            checks
        }
        Type::Integer => {
            if l.min.is_none() && l.max.is_none() && l.one_of.is_none() {
                return quote!();
            }
            let opt = |v: Option<i64>| match v {
                Some(n) => {
                    let n = Literal::i64_unsuffixed(n);
                    quote!(Some(#n))
                }
                None => quote!(None),
            };
            let (min, max) = (opt(l.min), opt(l.max));
            let one_of = match &l.one_of {
                Some(set) => {
                    let items = set.iter().map(|n| Literal::i64_unsuffixed(*n));
                    quote!(Some(&[#(#items),*]))
                }
                None => quote!(None),
            };
            quote!(v::check_int(out, at, #key, *#x, &v::IntRule { min: #min, max: #max, one_of: #one_of });)
        }
        Type::Switch(_) => quote! {
            if #x.is_unknown() {
                v::not_accepted(out, at, #key, #x, "0, 1");
            }
        },
        Type::Enum(eu) => enum_check(api, eu, x, key),
        Type::File => match l.max_file_bytes {
            Some(n) => {
                let n = Literal::u64_unsuffixed(n);
                quote! {
                    if #x.content.len() as u64 > #n {
                        out.push(Violation { path: at.with(#key), rule: v::Rule::FileTooLarge(#n), value: Some(format!("{} bytes", #x.content.len())) });
                    }
                }
            }
            None => quote!(),
        },
        Type::Untyped => quote!(),
        Type::Object(u) => {
            let overrides = override_checks(api, u, &x);
            let body = quote! {
                #x.validate_at(at, out);
                #overrides
            };
            // Array items are already at their index.
            if key.is_empty() {
                body
            } else {
                quote!({ let at = &at.key(#key); #body })
            }
        }
        Type::Array(inner) => {
            let item = value_checks(api, inner, f, quote!(item), "");
            if item.is_empty() {
                return quote!();
            }
            quote! {
                let at = &at.key(#key);
                for (i, item) in #x.iter().enumerate() {
                    let at = &at.index(i);
                    #item
                }
            }
        }
    }
}

fn enum_check(api: &Api, eu: &EnumUse, x: TokenStream, key: &str) -> TokenStream {
    match enum_rejects(api, eu, &x) {
        Some((cond, text)) => quote! {
            if #cond {
                v::not_accepted(out, at, #key, #x, #text);
            }
        },
        None => quote!(),
    }
}

/// The condition under which the value `x` is not accepted by this use, and the accepted values as text.
fn enum_rejects(api: &Api, eu: &EnumUse, x: &TokenStream) -> Option<(TokenStream, String)> {
    let en = api.enum_def(&eu.name)?;
    let name = ident(&en.name);
    let accepted: Vec<&EnumValue> =
        en.values.iter().filter(|v| eu.only.as_ref().is_none_or(|o| o.contains(&v.value))).collect();
    let text = accepted.iter().map(|v| value_key(&v.value)).collect::<Vec<_>>().join(", ");
    if eu.only.is_none() {
        return Some((quote!(#x.is_unknown()), text));
    }
    let pats = accepted.iter().map(|v| {
        let var = ident(&v.variant);
        quote!(crate::#name::#var)
    });
    Some((quote!(![#(#pats),*].contains(#x)), text))
}

/// A use of a shared shape may accept fewer enum values, or require more, than the shape itself.
pub(crate) fn override_checks(api: &Api, u: &ObjectUse, x: &TokenStream) -> TokenStream {
    let Some(obj) = api.object(&u.name) else { return quote!() };
    let checks = u.overrides.iter().filter_map(|(k, o)| {
        let f = obj.field(k)?;
        let id = ident(&f.rust);
        let wire = &f.wire;
        let mut t = TokenStream::new();
        if o.required == Some(true) && !f.required {
            t.extend(quote!(if #x.#id.is_none() { v::missing(out, at, #wire); }));
        }
        if let (Some(only), Type::Enum(eu)) = (&o.only, f.ty.leaf()) {
            let narrowed = EnumUse { name: eu.name.clone(), only: Some(only.clone()), labels: Default::default() };
            if let Some((cond, text)) = enum_rejects(api, &narrowed, &quote!(y)) {
                // Undocumented values were reported by the shape's own check.
                let report = quote!(if !y.is_unknown() && #cond { v::not_accepted(out, at, #wire, y, #text); });
                t.extend(match &f.ty {
                    Type::Array(_) => quote!(if let Some(ys) = &#x.#id { for y in ys { #report } }),
                    _ => quote!(if let Some(y) = &#x.#id { #report }),
                });
            }
        }
        if !o.overrides.is_empty() {
            if let Type::Object(inner) = &f.ty {
                let nested = ObjectUse { name: inner.name.clone(), overrides: o.overrides.clone() };
                let inner_checks = override_checks(api, &nested, &quote!(y));
                t.extend(quote!(if let Some(y) = &#x.#id { let at = &at.key(#wire); #inner_checks }));
            }
        }
        Some(t)
    });
    quote!(#(#checks)*)
}

/// `field` is a path such as `invite_members[].bitrate`; every value on it may not exceed `limit`.
fn at_most(fields: &[Field], steps: &[String], limit: &str, this: &TokenStream) -> TokenStream {
    let Some(lf) = fields.iter().find(|f| f.wire == limit) else { return quote!() };
    let lid = ident(&lf.rust);
    let inner = walk(steps, this.clone(), &mut Vec::new(), 0, limit);
    quote! {
        if let Some(limit) = #this.#lid {
            #inner
        }
    }
}

/// Descends one step of the path; the JSON path text is only built when a value is over the limit.
fn walk(
    steps: &[String],
    base: TokenStream,
    trail: &mut Vec<(String, Option<proc_macro2::Ident>)>,
    depth: usize,
    limit: &str,
) -> TokenStream {
    let Some((first, rest)) = steps.split_first() else { return quote!() };
    let (name, each) = match first.strip_suffix("[]") {
        Some(n) => (n, true),
        None => (first.as_str(), false),
    };
    let id = ident(&crate::names::field_ident(name).unwrap_or_else(|_| name.to_owned()));
    let item = format_ident!("item_{depth}");
    let idx = format_ident!("i_{depth}");
    trail.push((name.to_owned(), each.then(|| idx.clone())));
    let out = if rest.is_empty() {
        let mut fmt = String::new();
        let mut args = Vec::new();
        for (i, (n, ix)) in trail.iter().enumerate() {
            if i > 0 {
                fmt.push('.');
            }
            fmt.push_str(n);
            if let Some(ix) = ix {
                fmt.push_str("[{}]");
                args.push(quote!(#ix));
            }
        }
        quote! {
            if let Some(value) = #base.#id {
                if value > limit {
                    v::not_above(out, at.with(&format!(#fmt, #(#args),*)), value, #limit, limit);
                }
            }
        }
    } else {
        let inner = walk(rest, quote!(#item), trail, depth + 1, limit);
        if each {
            quote! {
                if let Some(items) = &#base.#id {
                    for (#idx, #item) in items.iter().enumerate() {
                        #inner
                    }
                }
            }
        } else {
            quote! {
                if let Some(#item) = &#base.#id {
                    #inner
                }
            }
        }
    };
    trail.pop();
    out
}
