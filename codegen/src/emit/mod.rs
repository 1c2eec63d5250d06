//! Emitters: pure functions from the resolved model to file contents. Writing (and `--check`) is the
//! caller's business.

pub mod cli;
pub mod client;
pub mod layout;
pub mod mock;
pub mod models;
pub mod openapi;
mod rust;

use crate::model::Api;

/// A generated file, its path relative to the workspace root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// Makes one generated file.
pub(crate) type Job<'a> = Box<dyn Fn() -> GeneratedFile + Send + Sync + 'a>;

/// Every generated artifact of the workspace, in a fixed order.
pub fn all(api: &Api) -> Vec<GeneratedFile> {
    type Jobs<'a> = Box<dyn Fn() -> Vec<GeneratedFile> + Send + Sync + 'a>;
    let mut jobs: Vec<Jobs<'_>> = models::jobs(api).into_iter().map(|job| Box::new(move || vec![job()]) as _).collect();
    jobs.push(Box::new(|| {
        vec![GeneratedFile { path: "openapi/kedacom-mc.openapi.json".into(), contents: openapi::render(api) }]
    }));
    jobs.push(Box::new(|| client::files(api)));
    jobs.push(Box::new(|| cli::files(api)));
    jobs.push(Box::new(|| mock::files(api)));
    // Laying out the files is most of `cargo xtask codegen --check`.
    crate::par::map(&jobs, |job| job()).into_iter().flatten().collect()
}
