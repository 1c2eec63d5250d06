//! Generates the models of `tests/fixtures/uses` with the same generator as `kedacom-mc-models`.

use std::path::Path;

fn main() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/uses");
    println!("cargo:rerun-if-changed={}", spec.display());
    let api = match kedacom_mc_codegen::spec::load_dir(&spec) {
        Ok(api) => api,
        Err(d) => {
            eprintln!("{d}");
            std::process::exit(1);
        }
    };
    let out = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).to_path_buf();
    for file in kedacom_mc_codegen::emit::models::files(&api) {
        let name = file.path.rsplit('/').next().unwrap_or_default().to_owned();
        if let Err(e) = std::fs::write(out.join(&name), file.contents) {
            eprintln!("cannot write {name}: {e}");
            std::process::exit(1);
        }
    }
}
