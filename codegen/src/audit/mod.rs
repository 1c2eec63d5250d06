//! `audit-doc`: compares the spec with a vendor document in its text format, so that a reviewer sees
//! at once what a new document version changed. The spec may take endpoints from several editions of
//! a document; an audit judges the endpoints taken from the audited one, and shows how the others
//! differ from it for information only.

mod channel_parse;
mod compare;
mod identify;
mod parse;

pub use channel_parse::{is_channel_document, read_channels, ChannelDocument, DocChannel, DocMessage, DocPlaceholder};
pub use compare::{
    audit, audit_channels, Difference, EditionComparison, Report, StaleChannelDeparture, StaleDeparture, What,
};
pub use identify::{identify, Identification};
pub use parse::{parse_document, read_document, DocEndpoint, DocError, DocField, DocTable, ParsedDocument};

use crate::model::Api;

/// Why a document could not be audited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditError {
    /// It is not in the vendor's layout: every problem, with its line.
    Unreadable(Vec<DocError>),
    /// It is none of the spec's documents, or more than one could be it.
    Unknown(String),
}

impl std::fmt::Display for AuditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuditError::Unreadable(problems) => {
                let lines: Vec<String> = problems.iter().map(DocError::to_string).collect();
                f.write_str(&lines.join("\n"))
            }
            AuditError::Unknown(why) => f.write_str(why),
        }
    }
}

/// Reads a vendor document, recognizes which of the spec's documents it is, and audits it: its
/// endpoints, or, for the push document, its channels.
pub fn audit_text(api: &Api, text: &str) -> Result<Report, AuditError> {
    let (doc, channels) = if is_channel_document(text) {
        let channels = read_channels(text).map_err(AuditError::Unreadable)?;
        (ParsedDocument { header: channels.header.clone(), endpoints: Vec::new() }, Some(channels))
    } else {
        (read_document(text).map_err(AuditError::Unreadable)?, None)
    };
    let id = identify(api, &doc).map_err(AuditError::Unknown)?;
    let mut report = match &channels {
        Some(c) => audit_channels(api, c, &id.source),
        None => audit(api, &doc.endpoints, &id.source),
    };
    report.identified_by = Some(id.by);
    if let (Some((line, level)), Some(d)) = (identify::header_api_level(&doc), api.document(&id.source)) {
        if level != d.api_level {
            report.differences.insert(
                0,
                Difference {
                    place: format!("document header (line {line})"),
                    what: What::Document,
                    message: format!("API level: spec {} (api.yaml `{}`), document {level}", d.api_level, d.source),
                },
            );
        }
    }
    Ok(report)
}
