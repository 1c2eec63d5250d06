//! The one place where spec names become Rust identifiers.

use heck::{ToKebabCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

const STRICT: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait",
    "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "gen", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];
/// Keywords that cannot be raw identifiers either.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A snake_case field or method identifier for a wire name, or why there is none.
pub fn field_ident(wire: &str) -> Result<String, String> {
    let mut snake = sanitize(&wire.to_snake_case());
    if snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake.insert_str(0, "v_");
    }
    if snake.is_empty() {
        return Err(format!("`{wire}` has no letters or digits to make a Rust identifier from; give `rust_name`"));
    }
    if NOT_RAW.contains(&snake.as_str()) {
        return Err(format!("`{wire}` is the Rust keyword `{snake}`, which has no raw form; give `rust_name`"));
    }
    Ok(if STRICT.contains(&snake.as_str()) { format!("r#{snake}") } else { snake })
}

/// A PascalCase type or variant identifier for an English id (`hd_720p` → `Hd720p`, `4k` → `V4k`).
pub fn type_ident(id: &str) -> Result<String, String> {
    let mut camel = sanitize(&id.to_upper_camel_case());
    if camel.starts_with(|c: char| c.is_ascii_digit()) {
        camel.insert(0, 'V');
    }
    if camel.is_empty() {
        return Err(format!("`{id}` has no letters or digits to make a Rust identifier from"));
    }
    if NOT_RAW.contains(&camel.as_str()) || camel == "Unknown" {
        return Err(format!("`{id}` becomes `{camel}`, which is reserved"));
    }
    Ok(camel)
}

/// `CreateConf` for `create_conf`: the endpoint's variant of `AnyRequest`, and the stem of its types.
pub fn variant(operation: &str) -> String {
    type_ident(operation).unwrap_or_default()
}

/// `CreateConfRequest` for `create_conf`.
pub fn request_type(operation: &str) -> String {
    format!("{}Request", variant(operation))
}

/// `CREATE_CONF` for `create_conf`: the endpoint's static in the generated table.
pub fn static_name(operation: &str) -> String {
    operation.to_shouty_snake_case()
}

/// `DOCUMENT_MC_V6_0` for the document `mc_v6_0`: its static in the generated table.
pub fn document_static(source: &str) -> String {
    format!("DOCUMENT_{}", source.to_shouty_snake_case())
}

/// `CASCADE_MT` for the channel `cascade_mt`: its static in the generated table.
pub fn channel_static(id: &str) -> String {
    id.to_shouty_snake_case()
}

/// `CascadeMt` for the channel `cascade_mt`: its variant of `Notice`.
pub fn channel_variant(id: &str) -> String {
    type_ident(id).unwrap_or_default()
}

/// `TOKEN_INVALID` for the error role `token_invalid`: its constant in `codes`.
pub fn error_constant(role: &str) -> String {
    role.to_shouty_snake_case()
}

/// `create-conf` for `create_conf`: the operation's CLI subcommand.
pub fn command(operation: &str) -> String {
    operation.to_kebab_case()
}

/// Every name made from an operation id (`create_conf`), by the functions above: the client method
/// and the OpenAPI operationId are the id itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationNames {
    /// `CreateConf`: the `AnyRequest` variant, and the stem of the request type.
    pub variant: String,
    /// `CreateConfRequest`.
    pub request: String,
    /// `CREATE_CONF`: the endpoint's `EndpointInfo` static.
    pub info: String,
    /// `create-conf`: the CLI subcommand.
    pub command: String,
}

impl OperationNames {
    pub fn of(operation: &str) -> OperationNames {
        OperationNames {
            variant: variant(operation),
            request: request_type(operation),
            info: static_name(operation),
            command: command(operation),
        }
    }

    /// Each derived name with what it names, for collision reports.
    pub fn all(&self) -> [(&'static str, &str); 4] {
        [
            ("request variant", &self.variant),
            ("request type", &self.request),
            ("endpoint static", &self.info),
            ("CLI command", &self.command),
        ]
    }
}

/// Keep ASCII letters, digits and underscores.
fn sanitize(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

/// True when `s` is already a well-formed English snake_case id.
pub fn is_snake_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !s.starts_with('_')
        && !s.ends_with('_')
        && !s.contains("__")
}

/// True when `s` is a well-formed PascalCase type name.
pub fn is_pascal(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields() {
        assert_eq!(field_ident("conf_id").unwrap(), "conf_id");
        assert_eq!(field_ident("type").unwrap(), "r#type");
        assert_eq!(field_ident("chnIdx").unwrap(), "chn_idx");
        assert_eq!(field_ident("4k").unwrap(), "v_4k");
        assert!(field_ident("self").is_err());
        assert!(field_ident("_").is_err());
    }

    #[test]
    fn operations() {
        let n = OperationNames::of("add_mts");
        assert_eq!(
            (n.variant.as_str(), n.request.as_str(), n.info.as_str(), n.command.as_str()),
            ("AddMts", "AddMtsRequest", "ADD_MTS", "add-mts")
        );
        // Ids that differ only in where a digit's underscore falls make one type.
        assert_eq!(OperationNames::of("get_vmp_1").request, OperationNames::of("get_vmp1").request);
    }

    #[test]
    fn types() {
        assert_eq!(type_ident("hd_720p").unwrap(), "Hd720p");
        assert_eq!(type_ident("g722_1_c").unwrap(), "G7221C");
        assert_eq!(type_ident("4k").unwrap(), "V4k");
        assert!(type_ident("unknown").is_err());
    }
}
