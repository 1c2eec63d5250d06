//! `Validate` impls: every rule the spec states, checked on the typed value.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToShoutySnakeCase, ToSnakeCase};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{docs, ident};
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
        use crate::__private::checks::TextRule;
        #(#rules)*
    }
}

pub fn emit(api: &Api) -> TokenStream {
    let uses = Uses::of(api);
    let impls = api.objects.iter().filter(|o| api.is_request_object(&o.name)).map(|o| {
        let name = ident(&o.name);
        let body = object_body(api, &uses, &api.view(&ObjectUse::plain(&o.name)), quote!(self));
        quote! {
            impl Validate for crate::#name {
                fn validate_at(&self, at: &Path<'_>, out: &mut Vec<Violation>) {
                    #body
                    v::unknown_fields(out, at, &self.extra);
                }
            }
        }
    });
    let fns = uses.list.iter().map(|f| {
        let name = format_ident!("{}", f.name);
        let ty = ident(&f.use_.name);
        let body = object_body(api, &uses, &api.view(&f.use_), quote!(this));
        let sites = f.sites.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ");
        let doc = docs::attrs(&format!("`{}` as used at {sites}, where overrides change its checks.", f.use_.name));
        quote! {
            #doc
            pub(super) fn #name(this: &crate::#ty, at: &Path<'_>, out: &mut Vec<Violation>) {
                #body
                v::unknown_fields(out, at, &this.extra);
            }
        }
    });
    quote! {
        use crate::__private::checks as v;
        use crate::validate::{Path, Validate, Violation};
        #(#impls)*
        #(#fns)*
    }
}

/// The distinct uses of objects reachable from a request body. Rust types are shared between
/// uses, so a use whose checks differ from its shape's plain use (an `only`, a `required`, through
/// nested overrides too) is checked by a function of its own; uses with the same checks share one.
pub(crate) struct Uses {
    /// By the use's checks (see [`signature`]): the index in `list`.
    by_signature: BTreeMap<String, usize>,
    list: Vec<UseFn>,
}

struct UseFn {
    name: String,
    use_: ObjectUse,
    /// Where the use occurs: `Shape.field`, or `operation.params`, then the fields down to it.
    sites: Vec<String>,
}

impl Uses {
    pub(crate) fn of(api: &Api) -> Self {
        let mut uses = Uses { by_signature: BTreeMap::new(), list: Vec::new() };
        for o in api.objects.iter().filter(|o| api.is_request_object(&o.name)) {
            for f in &o.fields {
                if let Type::Object(u) = f.ty.leaf() {
                    uses.register(api, u, &format!("{}.{}", o.name, f.wire), 0);
                }
            }
        }
        for e in &api.endpoints {
            if let Some(u) = e.params_use() {
                uses.register(api, &u, &format!("{}.params", e.operation), 0);
            }
        }
        uses
    }

    fn register(&mut self, api: &Api, u: &ObjectUse, site: &str, depth: usize) {
        let sig = signature(api, u, 0);
        if depth > MAX_DEPTH || sig == signature(api, &ObjectUse::plain(&u.name), 0) {
            return;
        }
        if let Some(&i) = self.by_signature.get(&sig) {
            self.list[i].sites.push(site.to_owned());
            return;
        }
        let stem = format!("validate_{}", site.replace('.', "_").to_snake_case());
        let mut name = stem.clone();
        let mut n = 1;
        while self.list.iter().any(|f| f.name == name) {
            n += 1;
            name = format!("{stem}_{n}");
        }
        self.by_signature.insert(sig, self.list.len());
        self.list.push(UseFn { name, use_: u.clone(), sites: vec![site.to_owned()] });
        for f in api.view(u).fields {
            if let Type::Object(inner) = f.field.ty.leaf() {
                self.register(api, inner, &format!("{site}.{}", f.field.wire), depth + 1);
            }
        }
    }

    /// The function that checks this use, when it is not its shape's own `validate_at`.
    fn function(&self, api: &Api, u: &ObjectUse) -> Option<&str> {
        self.by_signature.get(&signature(api, u, 0)).map(|&i| self.list[i].name.as_str())
    }
}

/// Shapes do not nest deeper than this; it only stops a spec with a cycle from looping.
const MAX_DEPTH: usize = 16;

/// What the checks of a use depend on: each field's requirement and accepted enum values, and the
/// same of the objects it holds. Descriptions and labels are left out: they check nothing.
fn signature(api: &Api, u: &ObjectUse, depth: usize) -> String {
    let mut s = format!("{}{{", u.name);
    if depth <= MAX_DEPTH {
        for f in api.view(u).fields {
            s.push_str(&format!("{}:{:?}", f.field.wire, f.requirement));
            match f.field.ty.leaf() {
                Type::Enum(eu) => s.push_str(&format!(":{:?}", eu.only)),
                Type::Object(inner) => s.push_str(&signature(api, inner, depth + 1)),
                _ => {}
            }
            s.push(';');
        }
    }
    s.push('}');
    s
}

/// Checks of the fields of the value `this` (an expression) as `view` sees them, under the current path.
pub fn object_body(api: &Api, uses: &Uses, view: &ObjectView, this: TokenStream) -> TokenStream {
    let mut used = BTreeSet::new();
    for f in &view.fields {
        if let Requirement::When(e) = &f.requirement {
            conditions_in(e, &mut used);
        }
    }
    let conds = used.iter().filter_map(|&i| {
        let c = view.conditions.get(i)?;
        let id = format_ident!("cond_{i}");
        let e = condition(view, c, &this);
        Some(quote!(let #id: bool = #e;))
    });
    let checks = view.fields.iter().map(|fv| {
        let f = &fv.field;
        let id = ident(&f.rust);
        let wire = &f.wire;
        let value_checks = value_checks(api, uses, &f.ty, f, quote!(x), wire);
        let missing = match &fv.requirement {
            Requirement::Never => quote!(),
            Requirement::Always => quote!(v::missing(out, at, #wire);),
            Requirement::When(e) => {
                let e = expr(e);
                quote!(if #e { v::missing(out, at, #wire); })
            }
        };
        if value_checks.is_empty() {
            return match &fv.requirement {
                Requirement::Never => quote!(),
                Requirement::Always => quote!(if #this.#id.is_none() { v::missing(out, at, #wire); }),
                Requirement::When(e) => {
                    let e = expr(e);
                    quote!(if #this.#id.is_none() && #e { v::missing(out, at, #wire); })
                }
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
    let at_most = view.at_most.iter().map(|(field, limit)| at_most(view, field, limit, &this));
    quote! {
        #(#conds)*
        #(#checks)*
        #(#at_most)*
    }
}

/// The check of a value of an object type, as its use needs it (the path is already the value's).
/// `x` is the value itself (`self.params`), or a reference to it when `x_is_ref`.
pub(crate) fn use_check(api: &Api, uses: &Uses, u: &ObjectUse, x: &TokenStream, x_is_ref: bool) -> TokenStream {
    match uses.function(api, u) {
        Some(name) => {
            let name = format_ident!("{name}");
            let arg = if x_is_ref { x.clone() } else { quote!(&#x) };
            quote!(super::validation::#name(#arg, at, out);)
        }
        None => quote!(#x.validate_at(at, out);),
    }
}

fn conditions_in(e: &Expr, out: &mut BTreeSet<usize>) {
    match e {
        Expr::Cond(i) => {
            out.insert(*i);
        }
        Expr::Not(e) => conditions_in(e, out),
        Expr::And(a, b) | Expr::Or(a, b) => {
            conditions_in(a, out);
            conditions_in(b, out);
        }
    }
}

/// A requirement's condition as a Rust expression over the `cond_i` variables.
fn expr(e: &Expr) -> TokenStream {
    let operand = |e: &Expr| match e {
        Expr::And(..) | Expr::Or(..) => {
            let inner = expr(e);
            quote!((#inner))
        }
        _ => expr(e),
    };
    match e {
        Expr::Cond(i) => {
            let c = format_ident!("cond_{i}");
            quote!(#c)
        }
        Expr::Not(inner) => {
            let inner = operand(inner);
            quote!(!#inner)
        }
        Expr::And(a, b) => {
            let (a, b) = (operand(a), operand(b));
            quote!(#a && #b)
        }
        Expr::Or(a, b) => {
            let (a, b) = (operand(a), operand(b));
            quote!(#a || #b)
        }
    }
}

fn condition(view: &ObjectView, c: &RuleCondition, this: &TokenStream) -> TokenStream {
    let Some(f) = view.field(&c.field).map(|f| &f.field) else { return quote!(false) };
    let id = ident(&f.rust);
    let op = if c.equals { quote!(==) } else { quote!(!=) };
    let cmp = match (&f.ty, &c.value) {
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
    if c.when_absent {
        quote!(#this.#id.as_ref().is_none_or(|x| #cmp))
    } else {
        quote!(#this.#id.as_ref().is_some_and(|x| #cmp))
    }
}

/// Checks of one present value `x` (a reference) of type `ty`, reported under `key`.
pub(crate) fn value_checks(api: &Api, uses: &Uses, ty: &Type, f: &Field, x: TokenStream, key: &str) -> TokenStream {
    let l = &f.limits;
    match ty {
        Type::String => {
            let secret = f.secret;
            let mut checks = TokenStream::new();
            // Length checks are inline: they are most of what a request needs.
            if let Some(n) = l.max_bytes {
                let n = Literal::usize_unsuffixed(n as usize);
                checks.extend(quote!(if v::over_bytes(#x, #n) { v::max_bytes(out, at, #key, #x, #n, #secret); }));
            }
            if let Some(n) = l.max_chars {
                let n = Literal::usize_unsuffixed(n as usize);
                checks.extend(quote!(if v::over_chars(#x, #n) { v::max_chars(out, at, #key, #x, #n, #secret); }));
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
        Type::File => {
            let size = l.max_file_bytes.map(|n| {
                let n = Literal::u64_unsuffixed(n);
                quote! {
                    if #x.content.len() as u64 > #n {
                        out.push(Violation { path: at.with(#key), rule: v::Rule::FileTooLarge(#n), value: Some(format!("{} bytes", #x.content.len())) });
                    }
                }
            });
            let types = api.file_extensions(l).map(|exts| {
                let shown = exts.join(", ");
                quote!(v::file_type(out, at, #key, &#x.file_name, &[#(#exts),*], #shown);)
            });
            quote!(#size #types)
        }
        Type::Untyped => quote!(),
        Type::Object(u) => {
            let body = use_check(api, uses, u, &x, true);
            // Array items are already at their index.
            if key.is_empty() {
                body
            } else {
                quote!({ let at = &at.key(#key); #body })
            }
        }
        Type::Array(inner) => {
            let item = value_checks(api, uses, inner, f, quote!(item), "");
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

/// `field` is a path such as `invite_members[].bitrate`; every value on it may not exceed `limit`.
fn at_most(view: &ObjectView, steps: &[String], limit: &str, this: &TokenStream) -> TokenStream {
    let Some(lf) = view.field(limit) else { return quote!() };
    let lid = ident(&lf.field.rust);
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
