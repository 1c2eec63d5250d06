//! What the generator made last time, and from what: the digest of its inputs (the generator's own
//! identity and the spec's text) and a digest of each file it generated.
//!
//! The generator is deterministic, so the same inputs make the same files again. When the inputs
//! match the stamp, the checked-in files can be confirmed by their digests alone, without loading
//! the spec and laying out 50,000 lines of Rust. Any difference (an input, a file's bytes, a file
//! missing or a stray one in a generated folder) sends the caller back to generating, which then
//! says what differs. A stamp that cannot be read is no stamp.

use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io;
use std::path::Path;

use crate::emit::GeneratedFile;
use crate::spec::SourceFile;
use crate::write;

const MAGIC: &str = "kedacom-mc codegen stamp 1";

/// The stamp's file name, in the folder the caller keeps it in.
pub const FILE: &str = "codegen.stamp";

/// Inputs digest → the files generated from them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    inputs: u64,
    files: Vec<(String, u64)>,
}

/// The digest of everything the generated files depend on. `generator` must change whenever the
/// generator's code does (the caller passes its executable's size and modification time).
pub fn inputs(generator: &str, spec: &[SourceFile]) -> u64 {
    let mut h = DefaultHasher::new();
    MAGIC.hash(&mut h);
    generator.hash(&mut h);
    for f in spec {
        f.name.hash(&mut h);
        f.text.hash(&mut h);
    }
    h.finish()
}

fn digest(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

impl Stamp {
    pub fn new(inputs: u64, files: &[GeneratedFile]) -> Stamp {
        let files = files.iter().map(|f| (f.path.clone(), digest(f.contents.as_bytes()))).collect();
        Stamp { inputs, files }
    }

    /// The stamp at `path`; `None` when there is none or it is not one.
    pub fn read(path: &Path) -> Option<Stamp> {
        let text = fs::read_to_string(path).ok()?;
        let mut lines = text.lines();
        if lines.next()? != MAGIC {
            return None;
        }
        let inputs = u64::from_str_radix(lines.next()?, 16).ok()?;
        let files = lines
            .map(|line| {
                let (hash, file) = line.split_once(' ')?;
                Some((file.to_owned(), u64::from_str_radix(hash, 16).ok()?))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Stamp { inputs, files })
    }

    /// Writes the stamp whole or not at all.
    pub fn write(&self, path: &Path) -> io::Result<()> {
        let mut text = format!("{MAGIC}\n{:016x}\n", self.inputs);
        for (file, hash) in &self.files {
            text.push_str(&format!("{hash:016x} {file}\n"));
        }
        write::replace(path, text.as_bytes())
    }

    /// Whether, for these inputs, the files under `root` are exactly what was generated: each one
    /// present with the same bytes, and nothing else in the generated folders.
    pub fn confirms(&self, inputs: u64, root: &Path) -> bool {
        self.inputs == inputs
            && self.files.iter().all(|(file, hash)| fs::read(root.join(file)).is_ok_and(|b| digest(&b) == *hash))
            && write::orphans(root, &self.files.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>()).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gen(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile { path: path.into(), contents: contents.into() }
    }

    fn spec(text: &str) -> Vec<SourceFile> {
        vec![SourceFile { name: "a.yaml".into(), text: text.into() }]
    }

    #[test]
    fn inputs_change_with_the_generator_and_every_spec_byte() {
        let base = inputs("gen 1", &spec("x: 1\n"));
        assert_eq!(base, inputs("gen 1", &spec("x: 1\n")));
        assert_ne!(base, inputs("gen 2", &spec("x: 1\n")));
        assert_ne!(base, inputs("gen 1", &spec("x: 2\n")));
        let renamed = vec![SourceFile { name: "b.yaml".into(), text: "x: 1\n".into() }];
        assert_ne!(base, inputs("gen 1", &renamed));
    }

    #[test]
    fn confirms_only_the_files_it_stamped() {
        let root = std::env::temp_dir().join(format!("kedacom-mc-stamp-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let files = [gen("a/generated/x.rs", "x\n"), gen("b.json", "{}\n")];
        write::sync(&root, &files, false).unwrap();
        let at = root.join("stamp");
        Stamp::new(7, &files).write(&at).unwrap();
        let stamp = Stamp::read(&at).expect("a stamp reads back");
        assert_eq!(stamp, Stamp::new(7, &files));

        assert!(stamp.confirms(7, &root));
        assert!(!stamp.confirms(8, &root), "other inputs");

        fs::write(root.join("a/generated/stray.rs"), "").unwrap();
        assert!(!stamp.confirms(7, &root), "a file the generator did not make");
        fs::remove_file(root.join("a/generated/stray.rs")).unwrap();

        fs::write(root.join("a/generated/x.rs"), "edited\n").unwrap();
        assert!(!stamp.confirms(7, &root), "an edited file");
        fs::remove_file(root.join("a/generated/x.rs")).unwrap();
        assert!(!stamp.confirms(7, &root), "a missing file");

        for broken in
            ["", "kedacom-mc codegen stamp 0\n7\n", &format!("{MAGIC}\nzz\n"), &format!("{MAGIC}\n7\nnot-hex b\n")]
        {
            fs::write(&at, broken).unwrap();
            assert_eq!(Stamp::read(&at), None, "{broken:?}");
        }
        let _ = fs::remove_dir_all(&root);
    }
}
