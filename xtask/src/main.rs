//! `cargo xtask`: the maintainer's commands. Argument parsing and file writing only; the work is in
//! `kedacom-mc-codegen`, where tests can reach it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kedacom_mc_codegen::{audit, emit, model::Api, spec, write};

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
fn codegen(check: bool) -> Result<bool, String> {
    let api = load()?;
    let changes = write::sync(&root(), &emit::all(&api), check).map_err(|e| e.to_string())?;
    for c in &changes {
        eprintln!("{c}");
    }
    if check && !changes.is_empty() {
        eprintln!("generated files are out of date with spec/; run `cargo xtask codegen`");
        return Ok(false);
    }
    Ok(true)
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
