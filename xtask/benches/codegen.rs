//! `cargo xtask codegen --check` as a maintainer types it: through cargo, which checks that the
//! generator is fresh and runs it in the dev profile. Measured in each state the build folder can
//! hold, beside cargo's own share (`cargo xtask` with no command: a usage error, no work):
//!
//! - spec unchanged since the last run: the stamp confirms the files by their digests;
//! - no stamp, every layout remembered: what a spec edit costs, less the few items it changes;
//! - nothing remembered: the first run after the generator is rebuilt.
//!
//! `cargo bench -p xtask --bench codegen`. The checked-in files must be up to date.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use kedacom_mc_codegen::{emit::layout, stamp};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Where `cargo xtask` keeps its stamp and layouts: beside its executable, in the dev profile.
fn build_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from).join("debug")
}

fn cargo_xtask(args: &[&str]) -> bool {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo")))
        .current_dir(root())
        .arg("xtask")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("cargo runs")
        .success()
}

fn check() {
    assert!(cargo_xtask(&["codegen", "--check"]), "generated files are stale: run `cargo xtask codegen` first");
}

fn forget(names: &[&str]) {
    for name in names {
        let _ = std::fs::remove_file(build_dir().join(name));
    }
}

fn codegen_check(c: &mut Criterion) {
    // Builds the generator if needed, and leaves a stamp and the layouts behind.
    check();
    let mut group = c.benchmark_group("cargo xtask codegen --check");
    group.sample_size(20).measurement_time(Duration::from_secs(10));
    group.bench_function("cargo alone", |b| b.iter(|| assert!(!cargo_xtask(&[]))));
    group.bench_function("spec unchanged", |b| b.iter(check));
    group.bench_function("no stamp, layouts remembered", |b| {
        b.iter_batched(|| forget(&[stamp::FILE]), |()| check(), BatchSize::PerIteration)
    });
    group.bench_function("nothing remembered", |b| {
        b.iter_batched(|| forget(&[stamp::FILE, layout::FILE]), |()| check(), BatchSize::PerIteration)
    });
    group.finish();
}

criterion_group!(benches, codegen_check);
criterion_main!(benches);
