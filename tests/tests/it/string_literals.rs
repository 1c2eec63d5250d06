//! The client, the mock and the CLI read every operation name, API path and wire field name from
//! the models' endpoint table (`ENDPOINTS`, `EndpointInfo`, `ParamInfo`, `wire_names`); none spells
//! one as a string literal. This test reads their hand-written sources and fails on each literal
//! that does, unless the allowlist below holds it with a reason.
//!
//! What is read: every module of each crate's library and binary (from `src/lib.rs` and
//! `src/main.rs`, following `mod` declarations), except `generated/` (written from the spec, the
//! table's twin) and test code: `#[cfg(test)]` modules and items, and the crates' `tests/`. A test
//! checks the code against values it states on its own; reading them from the table under test
//! would let the code and the test be wrong together.
//!
//! What counts, inside any string literal (raw ones and those in macros and attributes included;
//! doc comments excluded):
//! - an API path: the fixed part of an endpoint's path or alias, up to its first placeholder;
//! - an operation id (`create_conf`) or its subcommand (`create-conf`);
//! - a wire name: of a parameter, an object field, or one of `wire_names`.
//!
//! Names and operation ids count when they are specific: when they have an underscore, a hyphen,
//! a digit or a capital letter (`conf_id`, `account_token`, `e164`, `SSO_COOKIE_KEY`). A plain
//! lower-case word (`name`, `mode`, `password`, `success`, `login`) is left out: such words are
//! also the code's own identifiers, option names and prose, and nothing in the source tells a
//! coined one from an English one. Each counts as a whole word of the literal, so a message or a
//! help text that names one is found too; `{name}` placeholders of format strings are the code's
//! variables and are skipped.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use kedacom_mc_codegen::spec::load_dir;
use kedacom_mc_models::{wire_names, ENDPOINTS};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::ToTokens;

/// A literal that may stay where it is.
struct Allowed {
    file: &'static str,
    literal: &'static str,
    reason: &'static str,
}

const fn allow(file: &'static str, literal: &'static str, reason: &'static str) -> Allowed {
    Allowed { file, literal, reason }
}

/// Literals that stay, and why.
const KEEP: &[Allowed] = &[
    allow(
        "crates/kedacom-mc-mock/src/download.rs",
        "/meeting_files/{meeting_id}/{name}",
        "the mock's own download route for the files it stores (axum syntax); the document gives no such \
         path, and `meeting_files` only shares its spelling with the file list's reply field",
    ),
    allow(
        "crates/kedacom-mc-mock/src/handlers/files.rs",
        "/meeting_files/{}/{}.{}",
        "the `file_url` the mock hands out, on its own download route (download.rs); not an API path",
    ),
];

const CRATES: &[&str] = &["crates/kedacom-mc-client", "crates/kedacom-mc-mock", "crates/kedacom-mc-cli"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// What the sources must not spell.
#[derive(Default)]
struct Names {
    /// The fixed part of each endpoint path and alias, before its first placeholder, without a
    /// trailing `/`.
    paths: BTreeSet<String>,
    /// Operation ids and subcommands.
    operations: BTreeSet<String>,
    wire: BTreeSet<String>,
}

/// A name specific enough to be found in a literal: not a plain lower-case word.
fn specific(name: &str) -> bool {
    name.chars().any(|c| c == '_' || c == '-' || c.is_ascii_digit() || c.is_uppercase())
}

impl Names {
    fn of_the_spec() -> Names {
        let mut names = Names::default();
        for info in ENDPOINTS {
            for path in std::iter::once(&info.path).chain(info.aliases) {
                let fixed = path.split('{').next().unwrap_or_default().trim_end_matches('/');
                names.paths.insert(fixed.to_owned());
            }
            names.operations.insert(info.operation.to_owned());
            names.operations.insert(info.operation.replace('_', "-"));
            names.wire.extend(info.parameters.iter().map(|p| p.name.to_owned()));
        }
        // Object fields (request bodies and replies) and the path's session token, from the spec
        // the models are generated from.
        let api = load_dir(&root().join("spec")).unwrap_or_else(|d| panic!("{d}"));
        names.wire.extend(api.objects.iter().flat_map(|o| o.fields.iter().map(|f| f.wire.clone())));
        names.wire.extend(api.endpoints.iter().flat_map(|e| e.path.iter().map(|f| f.wire.clone())));
        names.wire.extend(
            [
                wire_names::API_LEVEL_HEADER,
                wire_names::SESSION_COOKIE,
                wire_names::TOKEN_PARAM,
                wire_names::PARAMS_PARAM,
                wire_names::METHOD_OVERRIDE_PARAM,
                wire_names::DEBUG_PARAM,
                wire_names::DEBUG_REPLY_FIELD,
                wire_names::SUCCESS_FIELD,
                wire_names::ERROR_CODE_FIELD,
                wire_names::DESCRIPTION_FIELD,
            ]
            .map(str::to_owned),
        );
        names.operations.retain(|n| specific(n));
        names.wire.retain(|n| specific(n));
        names
    }

    /// What a literal spells, if anything: `API path /api/...`, `operation create_conf`, ….
    fn spelled_in(&self, text: &str) -> Vec<String> {
        let mut found = Vec::new();
        for path in &self.paths {
            let ends_a_word =
                |i: usize| text[i + path.len()..].chars().next().is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            if text.match_indices(path.as_str()).any(|(i, _)| ends_a_word(i)) {
                found.push(format!("API path {path}"));
            }
        }
        let mut words: BTreeSet<&str> = text.split(|c: char| !(c.is_alphanumeric() || c == '_')).collect();
        words.extend(text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).map(|w| w.trim_matches('-')));
        for word in words {
            if self.operations.contains(word) {
                found.push(format!("operation {word}"));
            } else if self.wire.contains(word) {
                found.push(format!("wire name {word}"));
            }
        }
        found
    }
}

/// A string literal of a source file that spells something of the API.
#[derive(Debug)]
struct Finding {
    file: String,
    lines: Vec<usize>,
    literal: String,
    what: Vec<String>,
}

/// Reads the modules of one file: literals outside test code and doc comments; returns the files
/// of its out-of-line modules (`mod x;`), the test ones apart.
struct Scan<'a> {
    names: &'a Names,
    file: String,
    text: String,
    findings: Vec<Finding>,
    modules: Vec<PathBuf>,
    test_modules: Vec<PathBuf>,
}

impl Scan<'_> {
    fn items(&mut self, items: &[syn::Item], dir: &Path) {
        for item in items {
            let test = attrs(item).iter().any(is_cfg_test);
            match item {
                syn::Item::Mod(m) if m.content.is_none() => {
                    let name = m.ident.to_string();
                    let file = [dir.join(format!("{name}.rs")), dir.join(&name).join("mod.rs")]
                        .into_iter()
                        .find(|f| f.exists())
                        .unwrap_or_else(|| panic!("{}: no file for `mod {name};`", self.file));
                    match (test, name.as_str()) {
                        (true, _) | (_, "generated") => self.test_modules.push(file),
                        _ => self.modules.push(file),
                    }
                }
                _ if test => {}
                syn::Item::Mod(m) => {
                    self.tokens(attrs_tokens(&m.attrs), false);
                    let inner = dir.join(m.ident.to_string());
                    self.items(&m.content.as_ref().map(|(_, items)| items.clone()).unwrap_or_default(), &inner);
                }
                other => self.tokens(other.to_token_stream(), false),
            }
        }
    }

    fn tokens(&mut self, tokens: TokenStream, in_macro: bool) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < trees.len() {
            match &trees[i] {
                // `#[doc = …]` and `#![doc = …]`: doc comments, as the parser hands them over.
                TokenTree::Punct(p) if p.as_char() == '#' => {
                    let at = if matches!(trees.get(i + 1), Some(TokenTree::Punct(b)) if b.as_char() == '!') {
                        i + 2
                    } else {
                        i + 1
                    };
                    if let Some(TokenTree::Group(g)) = trees.get(at) {
                        if g.delimiter() == Delimiter::Bracket {
                            let doc =
                                matches!(g.stream().into_iter().next(), Some(TokenTree::Ident(id)) if id == "doc");
                            if !doc {
                                self.tokens(g.stream(), false);
                            }
                            i = at + 1;
                            continue;
                        }
                    }
                }
                TokenTree::Group(g) => {
                    // A macro's input is what follows `name!`.
                    let after_bang = i > 0 && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '!');
                    self.tokens(g.stream(), in_macro || after_bang);
                }
                TokenTree::Literal(lit) => self.literal(lit, in_macro),
                _ => {}
            }
            i += 1;
        }
    }

    fn literal(&mut self, lit: &proc_macro2::Literal, in_macro: bool) {
        let syn::Lit::Str(s) = syn::Lit::new(lit.clone()) else { return };
        let value = s.value();
        let text = if in_macro { without_format_placeholders(&value) } else { value.clone() };
        let what = self.names.spelled_in(&text);
        if what.is_empty() {
            return;
        }
        if self.findings.iter().any(|f| f.literal == value) {
            return;
        }
        // Every place the literal is written, for the report.
        let repr = lit.to_string();
        let lines = self.text.match_indices(&repr).map(|(at, _)| self.text[..at].matches('\n').count() + 1).collect();
        self.findings.push(Finding { file: self.file.clone(), lines, literal: value, what });
    }
}

fn attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        syn::Item::ExternCrate(i) => &i.attrs,
        syn::Item::Fn(i) => &i.attrs,
        syn::Item::ForeignMod(i) => &i.attrs,
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Macro(i) => &i.attrs,
        syn::Item::Mod(i) => &i.attrs,
        syn::Item::Static(i) => &i.attrs,
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Trait(i) => &i.attrs,
        syn::Item::TraitAlias(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Union(i) => &i.attrs,
        syn::Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

fn attrs_tokens(attrs: &[syn::Attribute]) -> TokenStream {
    attrs.iter().map(ToTokens::to_token_stream).collect()
}

/// `#[cfg(test)]`, or a `cfg(all(test, …))`.
fn is_cfg_test(attr: &syn::Attribute) -> bool {
    let syn::Meta::List(list) = &attr.meta else { return false };
    let text = list.tokens.to_string();
    list.path.is_ident("cfg") && (text == "test" || text.starts_with("all (test ,") || text.starts_with("all(test,"))
}

/// A format string without its `{name}` and `{name:…}` placeholders, which name the code's
/// variables.
fn without_format_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(escaped) = after.strip_prefix('{') {
            out.push_str("{{");
            rest = escaped;
            continue;
        }
        let ident_len = after.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(after.len());
        let starts_ident = after.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_');
        match after[ident_len..].find('}') {
            Some(close) if starts_ident && matches!(after[ident_len..].chars().next(), Some('}' | ':')) => {
                rest = &after[ident_len + close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every finding in one crate; fails when a file under `src/` is neither read nor test code.
fn scan_crate(names: &Names, krate: &Path) -> Vec<Finding> {
    let src = krate.join("src");
    let mut queue: Vec<PathBuf> = ["lib.rs", "main.rs"].iter().map(|f| src.join(f)).filter(|f| f.exists()).collect();
    let (mut read, mut skipped, mut findings) = (BTreeSet::new(), BTreeSet::new(), Vec::new());
    while let Some(path) = queue.pop() {
        if !read.insert(path.clone()) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let relative = path.strip_prefix(root()).unwrap_or(&path).display().to_string();
        let mut scan =
            Scan { names, file: relative, text, findings: Vec::new(), modules: Vec::new(), test_modules: Vec::new() };
        scan.tokens(attrs_tokens(&file.attrs), false);
        // A module's own modules sit in the folder named after it; the crate roots' and
        // `mod.rs`'s in their own folder.
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let parent = path.parent().unwrap_or(&src);
        let dir = if ["lib", "main", "mod"].contains(&stem) { parent.to_path_buf() } else { parent.join(stem) };
        scan.items(&file.items, &dir);
        findings.extend(scan.findings);
        queue.extend(scan.modules);
        skipped.extend(scan.test_modules);
    }
    let unreached: Vec<String> = rust_files(&src)
        .into_iter()
        .filter(|f| !read.contains(f) && !skipped.iter().any(|s| f == s || f.starts_with(s.with_extension(""))))
        .filter(|f| !f.starts_with(src.join("generated")))
        .map(|f| f.display().to_string())
        .collect();
    assert!(unreached.is_empty(), "files under src/ that no module declares: {unreached:?}");
    findings
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

#[test]
fn runtime_crates_spell_no_operation_path_or_wire_name() {
    let names = Names::of_the_spec();
    assert!(
        names.paths.len() > 10 && names.operations.len() > 40 && names.wire.len() > 50,
        "names not read: {} paths, {} operations, {} wire names",
        names.paths.len(),
        names.operations.len(),
        names.wire.len()
    );
    let findings: Vec<Finding> = CRATES.iter().flat_map(|c| scan_crate(&names, &root().join(c))).collect();

    let allowed: BTreeMap<(&str, &str), &Allowed> = KEEP.iter().map(|a| ((a.file, a.literal), a)).collect();
    assert_eq!(allowed.len(), KEEP.len(), "an allowlist entry is listed twice");
    assert!(allowed.values().all(|a| !a.reason.trim().is_empty()), "every allowlist entry needs a reason");
    let mut used = BTreeSet::new();
    let mut offending = Vec::new();
    for f in &findings {
        match allowed.get(&(f.file.as_str(), f.literal.as_str())) {
            Some(a) => {
                used.insert((a.file, a.literal));
            }
            None => {
                let lines: Vec<String> = f.lines.iter().map(usize::to_string).collect();
                offending.push(format!("  {}:{}: {:?} ({})", f.file, lines.join(","), f.literal, f.what.join(", ")));
            }
        }
    }
    let stale: Vec<String> =
        allowed.keys().filter(|k| !used.contains(*k)).map(|(file, literal)| format!("  {file}: {literal:?}")).collect();
    let mut report = String::new();
    if !offending.is_empty() {
        report.push_str(&format!(
            "{} string literal(s) spell an operation, an API path or a wire name; read it from the models' \
             table, or allowlist it (file, literal, reason) in {}:\n{}\n",
            offending.len(),
            file!(),
            offending.join("\n")
        ));
    }
    if !stale.is_empty() {
        report.push_str(&format!(
            "allowlist entries that match nothing any more; remove them from {}:\n{}\n",
            file!(),
            stale.join("\n")
        ));
    }
    assert!(report.is_empty(), "{report}");
}

/// The reader itself, on a source whose every case is known.
#[test]
fn the_reader_finds_literals_in_code_macros_attributes_and_raw_strings_only() {
    let names = Names {
        paths: ["/api/v1/mc/things".to_owned()].into(),
        operations: ["list_things".to_owned(), "list-things".to_owned()].into(),
        wire: ["thing_id".to_owned(), "SSO_KEY".to_owned()].into(),
    };
    let source = r####"
//! thing_id in an inner doc comment.
/// thing_id in a doc comment, and `/api/v1/mc/things`.
fn f(thing_id: &str) -> String {
    let plain = "thing_id";
    let raw = r#"/api/v1/mc/things/{id}"#;
    let prose = "send list-things again";
    let lookalikes = ["/api/v1/mc/thingsx", "thing_ids", "SSO_KEYS", "thing"];
    let json = serde_json::json!({ "SSO_KEY": 1 });
    format!("{thing_id} {thing_id:>4} {{thing_id}}")
}
#[serde(rename = "thing_id")]
struct S;
#[cfg(test)]
mod tests {
    const T: &str = "thing_id";
}
#[cfg(test)]
fn helper() -> &'static str { "list_things" }
"####;
    let file = syn::parse_file(source).unwrap();
    let mut scan = Scan {
        names: &names,
        file: "sample.rs".into(),
        text: source.into(),
        findings: Vec::new(),
        modules: Vec::new(),
        test_modules: Vec::new(),
    };
    scan.tokens(attrs_tokens(&file.attrs), false);
    scan.items(&file.items, Path::new("."));
    let found: Vec<(String, Vec<String>, Vec<usize>)> =
        scan.findings.into_iter().map(|f| (f.literal, f.what, f.lines)).collect();
    // Each literal once, with every line it is written on (test code's too: the lines only guide
    // the reader).
    let expected = [
        ("thing_id", vec!["wire name thing_id"], vec![5, 12, 16]),
        ("/api/v1/mc/things/{id}", vec!["API path /api/v1/mc/things"], vec![6]),
        ("send list-things again", vec!["operation list-things"], vec![7]),
        ("SSO_KEY", vec!["wire name SSO_KEY"], vec![9]),
        // `{{` is an escaped brace, not a placeholder.
        ("{thing_id} {thing_id:>4} {{thing_id}}", vec!["wire name thing_id"], vec![10]),
    ];
    let expected: Vec<(String, Vec<String>, Vec<usize>)> = expected
        .into_iter()
        .map(|(l, w, lines)| (l.to_owned(), w.into_iter().map(str::to_owned).collect(), lines))
        .collect();
    assert_eq!(found, expected);
}
