//! The error codes the mock answers with: the rows of the platform's error-code table
//! (`spec/errors.yaml`) that have a role there, each with why that row was chosen.

pub use kedacom_mc_models::codes::*;
