//! Loading the spec: YAML files → raw structs → checked, resolved [`Api`](crate::model::Api).

mod locate;
mod raw;
mod resolve;

use std::fs;
use std::path::Path;

use crate::diag::Diagnostics;
use crate::model::Api;

pub use locate::LineIndex;

/// One spec file's name (relative to the spec folder) and text.
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// Loads every `*.yaml` file of `dir` (sorted by name, so the result never depends on the file system).
pub fn load_dir(dir: &Path) -> Result<Api, Diagnostics> {
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
        match fs::read_to_string(&path) {
            Ok(text) => files.push(SourceFile { name, text }),
            Err(e) => diags.push(&name, 0, format!("cannot read: {e}")),
        }
    }
    diags.finish()?;
    load_sources(&files)
}

/// Loads spec files given as text; the check runs over all of them together, as names are global.
pub fn load_sources(files: &[SourceFile]) -> Result<Api, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut parsed = Vec::new();
    for f in files {
        let index = LineIndex::build(&f.text);
        for d in index.duplicates() {
            let within = if d.mapping.is_empty() { String::new() } else { format!(" in `{}`", d.mapping) };
            diags.push(&f.name, d.line, format!("duplicate key `{}`{within} (first on line {})", d.key, d.first));
        }
        match serde_yaml::from_str::<raw::SpecFile>(&f.text) {
            Ok(spec) => parsed.push(resolve::Parsed { name: f.name.clone(), index, spec }),
            // serde places a repeated struct field at the enclosing mapping; the index has the key's own line.
            Err(e) if !index.duplicates().is_empty() && e.to_string().contains("duplicate field") => {}
            Err(e) => {
                let line = e.location().map(|l| l.line()).unwrap_or(1);
                diags.push(&f.name, line, format!("not a valid spec file: {e}"));
            }
        }
    }
    if parsed.is_empty() && diags.is_empty() {
        diags.push("spec", 0, "no spec files found");
    }
    let api = resolve::resolve(&parsed, &mut diags);
    diags.finish()?;
    Ok(api)
}
