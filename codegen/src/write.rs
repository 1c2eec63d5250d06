//! Bringing checked-in generated files in line with the generator: write only what changed, remove
//! what is no longer generated, or (for `--check`) only report.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

use crate::emit::GeneratedFile;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Missing(String),
    Stale(String),
    /// In a generated folder, but no longer generated.
    Orphaned(String),
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Change::Missing(p) => write!(f, "missing: {p}"),
            Change::Stale(p) => write!(f, "stale: {p}"),
            Change::Orphaned(p) => write!(f, "no longer generated: {p}"),
        }
    }
}

/// Compares `files` with what is under `root`; unless `check`, writes and removes to match. Folders
/// named `generated` that hold a generated file are owned by the generator: anything else in them is
/// orphaned. Returns every difference found (and, without `check`, fixed).
pub fn sync(root: &Path, files: &[GeneratedFile], check: bool) -> io::Result<Vec<Change>> {
    let mut changes = Vec::new();
    for file in files {
        let path = root.join(&file.path);
        let current = match fs::read_to_string(&path) {
            Ok(s) => Some(s),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
        };
        match current {
            Some(c) if c == file.contents => continue,
            Some(_) => changes.push(Change::Stale(file.path.clone())),
            None => changes.push(Change::Missing(file.path.clone())),
        }
        if !check {
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir)?;
            }
            fs::write(&path, &file.contents)?;
        }
    }
    let wanted: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for rel in orphans(root, &wanted) {
        if !check {
            fs::remove_file(root.join(&rel))?;
        }
        changes.push(Change::Orphaned(rel));
    }
    Ok(changes)
}

/// Replaces the file at `path` with `bytes` whole or not at all (a rename), so that a run cut short,
/// or two side by side, never leave half a file for the next to read.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let partial = path.with_extension(format!("partial.{}", std::process::id()));
    fs::write(&partial, bytes)?;
    fs::rename(&partial, path).inspect_err(|_| {
        let _ = fs::remove_file(&partial);
    })
}

/// What lies in the generated folders of `wanted` (relative paths) and is not one of them, sorted.
pub fn orphans(root: &Path, wanted: &[&str]) -> Vec<String> {
    let owned: BTreeSet<&str> = wanted
        .iter()
        .filter_map(|p| p.rsplit_once('/').map(|(dir, _)| dir))
        .filter(|dir| dir.ends_with("/generated") || *dir == "generated")
        .collect();
    let wanted: BTreeSet<&str> = wanted.iter().copied().collect();
    let mut found = Vec::new();
    for dir in owned {
        let Ok(entries) = fs::read_dir(root.join(dir)) else { continue };
        let mut names: Vec<String> =
            entries.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        found
            .extend(names.into_iter().map(|name| format!("{dir}/{name}")).filter(|rel| !wanted.contains(rel.as_str())));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gen(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile { path: path.into(), contents: contents.into() }
    }

    #[test]
    fn writes_only_what_changed_and_check_changes_nothing() {
        let root = std::env::temp_dir().join(format!("kedacom-mc-write-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let files = [gen("a/generated/x.rs", "x\n"), gen("a/generated/y.rs", "y\n"), gen("b.json", "{}\n")];

        let first = sync(&root, &files, true).unwrap();
        assert_eq!(first.len(), 3);
        assert!(!root.join("b.json").exists(), "--check writes nothing");

        assert_eq!(sync(&root, &files, false).unwrap().len(), 3);
        assert!(sync(&root, &files, true).unwrap().is_empty());

        fs::write(root.join("a/generated/x.rs"), "edited\n").unwrap();
        fs::write(root.join("a/generated/old.rs"), "old\n").unwrap();
        let changes = sync(&root, &files, true).unwrap();
        assert_eq!(changes, [Change::Stale("a/generated/x.rs".into()), Change::Orphaned("a/generated/old.rs".into())]);

        sync(&root, &files, false).unwrap();
        assert!(!root.join("a/generated/old.rs").exists());
        assert_eq!(fs::read_to_string(root.join("a/generated/x.rs")).unwrap(), "x\n");
        let _ = fs::remove_dir_all(&root);
    }
}
