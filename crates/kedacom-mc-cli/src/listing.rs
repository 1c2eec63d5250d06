//! `kedacom-mc operations`: every operation with its method, URI, the document it comes from and
//! its name.

use kedacom_mc_models::DOCUMENTS;

use crate::output;
use crate::table::{Operation, OPERATIONS};

/// The tool's long help: what the listing shows, and the documents its document column names.
pub(crate) fn about() -> String {
    let documents: Vec<String> = DOCUMENTS
        .iter()
        .map(|d| format!("  {}: {} {} (API level {})", d.source, d.title, d.version, d.api_level))
        .collect();
    format!(
        "List every operation with its method, URI, the document it comes from and its name.\n\nDocuments:\n{}",
        documents.join("\n")
    )
}

pub(crate) fn run() {
    let columns = |o: &Operation| [o.command, o.info.method.as_str(), o.info.path, o.info.document.source];
    let mut widths = [0; 4];
    for o in OPERATIONS {
        for (w, column) in widths.iter_mut().zip(columns(o)) {
            *w = (*w).max(column.len());
        }
    }
    for o in OPERATIONS {
        let line: String = columns(o).iter().zip(widths).map(|(column, width)| format!("{column:width$}  ")).collect();
        output::print(&format!("{line}{}", o.info.name));
    }
}
