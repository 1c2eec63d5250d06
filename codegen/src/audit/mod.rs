//! `audit-doc`: compares the spec with a vendor document in its text format, so that a reviewer sees
//! at once what a new document version changed.

mod compare;
mod parse;

pub use compare::{audit, Difference, Report, StaleDeparture, What};
pub use parse::{parse_document, DocEndpoint, DocField, DocTable};
