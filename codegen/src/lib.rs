//! Loads the kedacom-mc spec (`spec/*.yaml`), checks it, and emits Rust and OpenAPI from it.
//!
//! - [`spec`]: YAML → checked [`model::Api`], with every problem located by file and line;
//! - [`emit`]: pure functions from the model to generated files;
//! - [`audit`]: compares the spec with a vendor document in its text format;
//! - [`write`] and [`stamp`]: bringing the checked-in files in line, and knowing when they already are.

pub mod audit;
pub mod diag;
pub mod emit;
pub mod examples;
pub mod model;
pub mod names;
mod par;
pub mod spec;
pub mod stamp;
pub mod write;
