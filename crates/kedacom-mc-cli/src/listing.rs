//! `kedacom-mc operations`: every operation with its method, URI and name.

use crate::output;
use crate::table::OPERATIONS;

pub(crate) fn run() {
    let width = |f: fn(&crate::table::Operation) -> usize| OPERATIONS.iter().map(f).max().unwrap_or(0);
    let (command, method, uri) = (width(|o| o.command.len()), width(|o| o.method.len()), width(|o| o.uri.len()));
    for o in OPERATIONS {
        output::print(&format!("{:command$}  {:method$}  {:uri$}  {}", o.command, o.method, o.uri, o.name));
    }
}
