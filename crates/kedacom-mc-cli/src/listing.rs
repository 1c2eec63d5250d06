//! `kedacom-mc operations`: every operation with its method, URI, the document it comes from and
//! its name.

use crate::output;
use crate::table::{Operation, OPERATIONS};

pub(crate) fn run() {
    let columns = |o: &Operation| [o.command, o.info.method.as_str(), o.info.path, o.info.document];
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
