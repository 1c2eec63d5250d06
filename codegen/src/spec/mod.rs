//! Loading the spec: YAML files → raw structs → checked, resolved [`Api`](crate::model::Api).

pub mod json;
mod locate;
mod raw;
mod resolve;

use std::fs;
use std::path::Path;

use crate::diag::Diagnostics;
use crate::model::Api;

pub use locate::LineIndex;
pub use resolve::{route_pattern, uri_placeholders};

/// One spec file's name (relative to the spec folder) and text.
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// Loads every `*.yaml` file of `dir` (sorted by name, so the result never depends on the file system).
pub fn load_dir(dir: &Path) -> Result<Api, Diagnostics> {
    load_sources(&read_dir(dir)?)
}

/// The text of every `*.yaml` file of `dir`, sorted by name.
pub fn read_dir(dir: &Path) -> Result<Vec<SourceFile>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut files = Vec::new();
    let mut names: Vec<_> = match fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok()).map(|e| e.path()).collect(),
        Err(e) => {
            diags.push(&dir.display().to_string(), 0, format!("cannot read the spec folder: {e}"));
            return Err(diags);
        }
    };
    names.retain(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"));
    names.sort();
    for path in names {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push(SourceFile { name, text }),
                Err(e) => {
                    let bytes = e.as_bytes();
                    let at = e.utf8_error().valid_up_to();
                    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                    diags.push(
                        &name,
                        line,
                        format!("not valid UTF-8 (byte 0x{:02X}); save the file as UTF-8", bytes[at]),
                    );
                }
            },
            Err(e) => diags.push(&name, 0, format!("cannot read: {e}")),
        }
    }
    diags.finish()?;
    Ok(files)
}

/// Loads spec files given as text; the check runs over all of them together, as names are global.
pub fn load_sources(files: &[SourceFile]) -> Result<Api, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut parsed = Vec::new();
    let each = crate::par::map(files, |f| {
        let mut diags = Diagnostics::default();
        (parse(f, &mut diags), diags)
    });
    for (p, d) in each {
        parsed.extend(p);
        diags.0.extend(d.0);
    }
    if parsed.is_empty() && diags.is_empty() {
        diags.push("spec", 0, "no spec files found");
    }
    let api = resolve::resolve(&parsed, &mut diags);
    diags.finish()?;
    Ok(api)
}

/// One file's YAML, its problems recorded; `None` when serde could not read it.
fn parse(f: &SourceFile, diags: &mut Diagnostics) -> Option<resolve::Parsed> {
    // Editors on Windows may start a UTF-8 file with a byte-order mark; it is on line 1, so dropping
    // it moves no line, and neither YAML parser then sees it (serde_yaml takes it for a second document).
    let text = f.text.strip_prefix('\u{feff}').unwrap_or(&f.text);
    let index = LineIndex::build(text);
    for d in index.duplicates() {
        let within = if d.mapping.is_empty() { String::new() } else { format!(" in `{}`", d.mapping) };
        diags.push(&f.name, d.line, format!("duplicate key `{}`{within} (first on line {})", d.key, d.first));
    }
    if let Some((line, msg)) = index.too_deep() {
        diags.push(&f.name, line, format!("not a valid spec file: nested too deeply ({msg})"));
        return None;
    }
    match serde_yaml::from_str::<raw::SpecFile>(text) {
        Ok(spec) => {
            if spec.is_empty() {
                diags.push(
                    &f.name,
                    1,
                    "empty spec file: it defines nothing (no section, or only comments or empty lists)",
                );
            }
            Some(resolve::Parsed { name: f.name.clone(), index, spec })
        }
        // serde places a repeated struct field at the enclosing mapping; the index has the key's own line.
        Err(e) if !index.duplicates().is_empty() && e.to_string().contains("duplicate field") => None,
        Err(e) => {
            // Errors with no position (an alias expanding past serde_yaml's limit) still name the file.
            let line = e.location().map_or(1, |l| l.line());
            let indented_with_tab = text
                .lines()
                .nth(line.saturating_sub(1))
                .is_some_and(|l| l.chars().take_while(|c| c.is_whitespace()).any(|c| c == '\t'));
            let hint =
                if indented_with_tab { "a tab in the indentation (YAML indents with spaces only): " } else { "" };
            diags.push(&f.name, line, format!("not a valid spec file: {hint}{e}"));
            None
        }
    }
}
