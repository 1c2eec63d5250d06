//! Tests that span crates: the generator's output for small fixtures (kept as snapshots), the
//! spec's checks, `audit-doc`, and the shipped spec through the generated models. One test binary
//! for the member, so the tests are compiled and linked once.

mod audit_doc;
mod channel_audit;
mod channel_checks;
mod channel_table;
mod cli_snapshot;
mod client_snapshot;
mod decode_robustness;
mod endpoint_table;
mod mock_snapshot;
mod models_examples;
mod models_lossless;
mod models_props;
mod models_secrets;
mod models_snapshots;
mod models_validation;
mod models_wire;
mod openapi_snapshot;
mod real_spec;
mod rule_agreement;
mod rules_agree;
mod spec_checks;
mod string_literals;
mod templates_examples;
mod wire_props;
mod wire_requests;
