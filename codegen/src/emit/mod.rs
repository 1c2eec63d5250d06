//! Emitters: pure functions from the resolved model to file contents. Writing (and `--check`) is the
//! caller's business.

pub mod cli;
pub mod client;
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

/// Every generated artifact of the workspace, in a fixed order.
pub fn all(api: &Api) -> Vec<GeneratedFile> {
    let mut files = models::files(api);
    files.push(GeneratedFile { path: "openapi/kedacom-mc.openapi.json".into(), contents: openapi::render(api) });
    files.extend(client::files(api));
    files.extend(cli::files(api));
    files.extend(mock::files(api));
    files
}
