//! `cargo xtask`: the maintainer's commands. Argument parsing and file writing only; the work is in
//! `kedacom-mc-codegen`, where tests can reach it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use kedacom_mc_codegen::emit::layout::{self, Layouts};
use kedacom_mc_codegen::stamp::{self, Stamp};
use kedacom_mc_codegen::{audit, emit, model::Api, spec, write};

// The generator allocates for every token it lays out; glibc's allocator took a quarter of its time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage:
  cargo xtask codegen [--check]   regenerate every generated file (--check: change nothing, fail if stale)
  cargo xtask openapi             print the OpenAPI document to stdout
  cargo xtask audit-doc FILE      compare the spec with a vendor document (any edition api.yaml lists);
                                  exit 1 on an undeclared difference or stale departure in the endpoints
                                  the spec takes from it, or, for the push document, in its channels";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["codegen"] => codegen(false),
        ["codegen", "--check"] => codegen(true),
        ["openapi"] => load().map(|api| {
            print!("{}", emit::openapi::render(&api));
            true
        }),
        ["audit-doc", file] => audit_doc(Path::new(file)),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(msg) => {
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn load() -> Result<Api, String> {
    spec::load_dir(&root().join("spec")).map_err(|d| d.to_string())
}

/// Writes each generated file only when its content changed, so builds that depend on it don't rerun.
/// When neither the generator nor the spec changed since the last run, the stamp it left confirms
/// the files by their digests, and nothing is generated; otherwise the layouts it remembers spare
/// laying out again the items a spec edit did not change.
fn codegen(check: bool) -> Result<bool, String> {
    let sources = spec::read_dir(&root().join("spec")).map_err(|d| d.to_string())?;
    let memory = memory();
    let stamped = memory.as_ref().map(|m| (stamp::inputs(&m.identity, &sources), m.dir.join(stamp::FILE)));
    if let Some((inputs, at)) = &stamped {
        if Stamp::read(at).is_some_and(|s| s.confirms(*inputs, &root())) {
            return Ok(true);
        }
    }
    let api = spec::load_sources(&sources).map_err(|d| d.to_string())?;
    let files = match &memory {
        Some(m) => {
            let at = m.dir.join(layout::FILE);
            let layouts = Arc::new(Layouts::read(&at, &m.identity));
            let files = layouts.around(|| emit::all(&api));
            // What is remembered only saves time: a run that cannot save it still succeeds.
            let _ = layouts.save(&at, &m.identity);
            files
        }
        None => emit::all(&api),
    };
    let changes = write::sync(&root(), &files, check).map_err(|e| e.to_string())?;
    if let Some((inputs, at)) = &stamped {
        let _ = Stamp::new(*inputs, &files).write(at);
    }
    for c in &changes {
        eprintln!("{c}");
    }
    if check && !changes.is_empty() {
        eprintln!("generated files are out of date with spec/; run `cargo xtask codegen`");
        return Ok(false);
    }
    Ok(true)
}

/// What this build of the generator remembers between runs is kept beside its executable (in the
/// build folder, never checked in), under its identity: the executable's size and modification
/// time, which any rebuild changes.
struct Memory {
    identity: String,
    dir: PathBuf,
}

fn memory() -> Option<Memory> {
    let exe = std::env::current_exe().ok()?;
    let meta = fs::metadata(&exe).ok()?;
    let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(Memory { identity: format!("{} {}", meta.len(), modified.as_nanos()), dir: exe.parent()?.to_path_buf() })
}

fn audit_doc(file: &Path) -> Result<bool, String> {
    let api = load()?;
    let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    match audit::audit_text(&api, &text) {
        Ok(report) => {
            println!("{report}");
            Ok(report.passes())
        }
        Err(audit::AuditError::Unreadable(problems)) => {
            let lines: Vec<String> =
                problems.iter().map(|p| format!("{}:{}: {}", file.display(), p.line, p.message)).collect();
            Err(lines.join("\n"))
        }
        Err(e) => Err(format!("{}: {e}", file.display())),
    }
}
