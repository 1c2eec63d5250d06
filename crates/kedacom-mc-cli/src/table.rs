//! The shape of the generated operation table (`generated/operations.rs`): each operation's
//! endpoint, whose facts (method, URI, level, parameters, document) the models hold, and what only
//! the command line shows about it.

use kedacom_mc_models::{EndpointInfo, ParamInfo};

pub(crate) use crate::generated::operations::OPERATIONS;

/// One operation of the spec.
pub(crate) struct Operation {
    pub info: &'static EndpointInfo,
    /// The subcommand, such as `create-conf`.
    pub command: &'static str,
    /// Further prose from the document.
    pub note: Option<&'static str>,
    /// What a success reply means for a call the platform carries out after replying (异步操作).
    pub asynchronous: Option<&'static str>,
    /// One per parameter of the endpoint (`info.parameters`), in the same order.
    pub parameters: &'static [Parameter],
    /// The JSON request body, when the endpoint takes one.
    pub body: Option<Body>,
}

/// What the command line adds to one of the endpoint's parameters.
pub(crate) struct Parameter {
    /// Its option, kebab-case (`conf-id` for `conf_id`).
    pub long: &'static str,
    /// The document's note and limits (the default is `ParamInfo::default`).
    pub details: &'static str,
    /// The document's words for a switch's 0 and 1.
    pub labels: Option<[&'static str; 2]>,
    /// The largest file an upload takes, refused before it is read.
    pub max_bytes: Option<u64>,
}

impl Parameter {
    /// Nothing beyond the option.
    pub(crate) const PLAIN: Parameter = Parameter { long: "", details: "", labels: None, max_bytes: None };
}

/// A JSON request body (the `params` form field).
pub(crate) struct Body {
    /// Some field is required (always, or under a condition): the body can't be left out.
    pub required: bool,
    /// Every field with its path, type, requirement, description, values and limits.
    pub reference: &'static str,
    /// A body to start from, as pretty JSON.
    pub example: Option<&'static str>,
    /// The example is the document's own (else it is made of the required fields).
    pub example_from_document: bool,
}

impl Operation {
    /// The operation named by its subcommand (`create-conf`) or its id (`create_conf`).
    pub(crate) fn find(name: &str) -> Option<&'static Operation> {
        OPERATIONS.iter().find(|o| o.command == name || o.info.operation == name)
    }

    /// Each parameter of the endpoint with what the command line adds to it.
    pub(crate) fn parameters(&self) -> impl Iterator<Item = (&'static ParamInfo, &'static Parameter)> {
        self.info.parameters.iter().zip(self.parameters)
    }
}

#[cfg(test)]
mod tests {
    use super::OPERATIONS;

    #[test]
    fn every_endpoint_and_each_of_its_parameters_has_its_presentation() {
        let infos: Vec<_> = OPERATIONS.iter().map(|o| o.info).collect();
        assert_eq!(infos, kedacom_mc_models::ENDPOINTS);
        for op in OPERATIONS {
            assert_eq!(op.parameters.len(), op.info.parameters.len(), "{}", op.command);
        }
    }
}
