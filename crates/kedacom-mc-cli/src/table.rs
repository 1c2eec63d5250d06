//! The shape of the generated operation table (`generated/operations.rs`): what the spec says about
//! each operation, as the commands and their help need it.

use kedacom_mc_models::wire::Place;

pub(crate) use crate::generated::operations::OPERATIONS;

/// One operation of the spec.
pub(crate) struct Operation {
    /// snake_case id, such as `create_conf`.
    pub operation: &'static str,
    /// The subcommand, such as `create-conf`.
    pub command: &'static str,
    /// The document's name (名称).
    pub name: &'static str,
    /// The document's description (说明).
    pub description: &'static str,
    /// Further prose from the document.
    pub note: Option<&'static str>,
    pub method: &'static str,
    /// The URI with `{placeholders}`.
    pub uri: &'static str,
    /// The lowest API level that has the endpoint (最低支持版本).
    pub min_api_level: u32,
    /// DELETE or PUT can go as POST with `_method` set to the method.
    pub delete_via_post: bool,
    /// What a success reply means for a call the platform carries out after replying (异步操作).
    pub asynchronous: Option<&'static str>,
    /// Path placeholders and parameters the caller gives, in the document's order.
    pub parameters: &'static [Parameter],
    /// The JSON request body, when the endpoint takes one.
    pub body: Option<Body>,
    /// A list read a page at a time (`start`, `count`, a `total`).
    pub paged: bool,
}

/// A path placeholder or parameter.
pub(crate) struct Parameter {
    /// Its wire name.
    pub wire: &'static str,
    /// Its option, kebab-case (`conf-id` for `conf_id`).
    pub long: &'static str,
    pub place: Place,
    pub kind: Kind,
    pub required: bool,
    pub secret: bool,
    /// The document's description.
    pub help: &'static str,
    /// The document's note, limits and default.
    pub details: &'static str,
}

/// The type of a parameter's value.
pub(crate) enum Kind {
    Text,
    Integer,
    /// 0 or 1, with the document's labels for each.
    #[allow(dead_code, reason = "the spec may give a parameter this type; none has it today")]
    Switch([&'static str; 2]),
    /// One of the listed values.
    Enum(&'static [Choice]),
    /// The file of a multipart upload, with its size limit.
    File {
        max_bytes: Option<u64>,
    },
}

/// A value an enum parameter accepts.
pub(crate) struct Choice {
    /// The value on the wire, as text (`1`, `sip`).
    pub wire: &'static str,
    /// The English id (`booked`).
    pub id: &'static str,
    /// The document's label (`预约`).
    pub label: &'static str,
}

/// A JSON request body (the `params` form field).
pub(crate) struct Body {
    /// The models' type of it.
    pub type_name: &'static str,
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
        OPERATIONS.iter().find(|o| o.command == name || o.operation == name)
    }
}
