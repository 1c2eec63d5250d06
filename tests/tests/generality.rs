//! The generality test: the spec plus a synthetic endpoint (`fixtures/generality/widgets.yaml`: a GET,
//! and a POST with a `params` body) is generated into a scratch workspace holding verbatim copies of
//! the crates. There the models, client, CLI and mock build, and a program
//! (`fixtures/generality/program`) calls the new endpoints with the client on the mock, whose
//! default handler answers them, and with the CLI. Nothing but generated files differs from the
//! crates here: a new endpoint costs no hand-written line.
//!
//! The scratch workspace and its own target folder stay under `CARGO_TARGET_TMPDIR` between runs
//! (files are rewritten only when they change), so only the first run builds the dependencies.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use kedacom_mc_codegen::emit;
use kedacom_mc_codegen::spec::{load_sources, SourceFile};

const CRATES: &str = "crates";
const CODEGEN: &str = "codegen";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace root").to_owned()
}

fn fixture() -> PathBuf {
    root().join("tests/fixtures/generality")
}

/// Every file below `dir` (but `target`), by its path relative to `base`.
fn files_below(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "target") {
                files_below(base, &path, out);
            }
        } else {
            let relative = path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
            out.insert(relative, fs::read(&path).unwrap());
        }
    }
}

/// Makes `dir` hold exactly `files` below each of `owned` (its other folders are left alone),
/// writing only what differs so that the scratch build sees unchanged files as unchanged.
fn sync(dir: &Path, owned: &[&str], files: &BTreeMap<String, Vec<u8>>) {
    let mut present = BTreeMap::new();
    for top in owned {
        if dir.join(top).is_dir() {
            files_below(dir, &dir.join(top), &mut present);
        }
    }
    for stale in present.keys().filter(|p| !files.contains_key(*p)) {
        fs::remove_file(dir.join(stale)).unwrap();
    }
    for (path, contents) in files {
        if present.get(path) != Some(contents) {
            let target = dir.join(path);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::write(&target, contents).unwrap();
        }
    }
}

/// The spec's files with the fixture's synthetic endpoints added.
fn spec_with_widgets() -> Vec<SourceFile> {
    let mut files = BTreeMap::new();
    files_below(&root().join("spec"), &root().join("spec"), &mut files);
    let mut sources: Vec<SourceFile> = files
        .into_iter()
        .filter(|(name, _)| name.ends_with(".yaml"))
        .map(|(name, text)| SourceFile { name, text: String::from_utf8(text).unwrap() })
        .collect();
    let widgets = fs::read_to_string(fixture().join("widgets.yaml")).unwrap();
    sources.push(SourceFile { name: "widgets.yaml".into(), text: widgets });
    sources
}

/// The root manifest with the scratch workspace's members: the crates and the program.
fn manifest() -> Vec<u8> {
    let text = fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let members = text.lines().find(|l| l.trim_start().starts_with("members")).expect("a members line");
    text.replace(members, r#"members = ["crates/*", "generality"]"#).into_bytes()
}

fn cargo(dir: &Path, target: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO"))
        .args(args)
        .arg("--offline")
        .arg("--target-dir")
        .arg(target)
        .current_dir(dir)
        // What the outer `cargo test` passes down is about its own build, not this one.
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_MAKEFLAGS")
        .env_remove("MAKEFLAGS")
        .env_remove("MFLAGS")
        .output()
        .expect("cargo runs");
    assert!(out.status.success(), "cargo {}:\n{}", args.join(" "), String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_new_endpoint_in_the_spec_needs_no_hand_written_line() {
    let api = load_sources(&spec_with_widgets()).unwrap_or_else(|d| panic!("{d}"));
    assert!(api.endpoints.iter().any(|e| e.operation == "create_widget"));

    // The crates as they are here, their generated files made from the extended spec.
    let mut crates = BTreeMap::new();
    files_below(&root(), &root().join(CRATES), &mut crates);
    let mut files = crates.clone();
    files.retain(|p, _| !p.contains("/generated/"));
    let generated: Vec<_> = emit::all(&api).into_iter().filter(|f| f.path.starts_with(CRATES)).collect();
    let mut regenerated = Vec::new();
    for file in generated {
        if crates.get(&file.path).map(Vec::as_slice) != Some(file.contents.as_bytes()) {
            regenerated.push(file.path.clone());
        }
        files.insert(file.path, file.contents.into_bytes());
    }
    // Every crate with generated code takes the endpoints in through it alone.
    for krate in ["kedacom-mc-models", "kedacom-mc-client", "kedacom-mc-cli", "kedacom-mc-mock"] {
        assert!(regenerated.iter().any(|p| p.starts_with(&format!("{CRATES}/{krate}/"))), "{krate}: {regenerated:?}");
    }

    // The generator comes along verbatim: the client's tests read the spec's examples through it,
    // so the workspace names it.
    files_below(&root(), &root().join(CODEGEN), &mut files);

    let program = fixture().join("program");
    for (from, to) in [("Cargo.toml", "generality/Cargo.toml"), ("src/main.rs", "generality/src/main.rs")] {
        files.insert(to.to_owned(), fs::read(program.join(from)).unwrap());
    }
    files.insert("Cargo.toml".into(), manifest());
    files.insert("Cargo.lock".into(), fs::read(root().join("Cargo.lock")).unwrap());

    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generality");
    let (dir, target) = (scratch.join("workspace"), scratch.join("target"));
    fs::create_dir_all(&dir).unwrap();
    // Cargo may add the program to the lock file; it is written again only when it differs.
    sync(&dir, &[CRATES, CODEGEN, "generality"], &files);
    for top in ["Cargo.toml", "Cargo.lock"] {
        if fs::read(dir.join(top)).ok().as_ref() != files.get(top) {
            fs::write(dir.join(top), &files[top]).unwrap();
        }
    }

    cargo(&dir, &target, &["build", "--workspace", "--bins"]);
    let bin = |name: &str| target.join("debug").join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    let out = Command::new(bin("generality")).arg(bin("kedacom-mc")).output().expect("the program runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let summary: serde_json::Value = serde_json::from_str(stdout.trim()).expect("one JSON line");
    let created = summary["created"].as_str().unwrap_or_default();
    assert!(created.len() == 32 && created.chars().all(|c| c.is_ascii_hexdigit()), "{summary}");
    assert_eq!(summary["got"][1], "示例部件", "{summary}");
    assert_eq!(summary["by_rule"], "规则", "{summary}");
    assert_eq!(summary["cli"]["size"], 3, "{summary}");
}
