//! Which of the spec's documents a vendor document is. The spec may take endpoints from several
//! editions of one document (same title, another version), so the title alone does not say it.
//!
//! The rule, in order:
//! 1. **Title and version lines.** The vendor's documents open with their title, their version and
//!    `API_Level:N`, before the first endpoint. A document of `api.yaml` whose title and version both
//!    stand on lines of that header is the one. `api.yaml` may not list two documents with the same
//!    title and version, so at most one matches.
//! 2. **Endpoint overlap**, when the header names no document of `api.yaml` (a new edition, or a copy
//!    without its title page): among the documents with the header's title (all of them, when no
//!    title matches), the one whose endpoints in the spec the file holds the largest share of, then
//!    the most of. A share rather than a count: an older edition holds most endpoints the spec takes
//!    from the newer one, but all of those it takes from the older. It must hold at least half of
//!    them: a file that shows a few endpoints (a usage guide's example) is no edition of the document.
//!    A tie, or too little in common, is an error: auditing against a guess would report differences
//!    that are not there.
//!
//! The header's `API_Level:N`, when given, is not used to identify: it is compared with the
//! document's `api_level` by the audit.

use std::collections::BTreeSet;

use super::parse::ParsedDocument;
use crate::model::{Api, Document};
use crate::spec::route_pattern;

/// The audited document and how it was recognized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identification {
    pub source: String,
    /// `its title and version lines (lines 1 and 3)`, or the overlap it was chosen by.
    pub by: String,
}

pub fn identify(api: &Api, doc: &ParsedDocument) -> Result<Identification, String> {
    let line_of = |pred: &dyn Fn(&str) -> bool| doc.header.iter().find(|(_, l)| pred(l)).map(|(n, _)| *n);
    let title_line = |d: &Document| line_of(&|l| l == d.title);
    let version_line = |d: &Document| line_of(&|l| names_version(l, &d.version));

    let by_header: Vec<(&Document, usize, usize)> =
        api.documents.iter().filter_map(|d| Some((d, title_line(d)?, version_line(d)?))).collect();
    match by_header.as_slice() {
        [(d, t, v)] => {
            return Ok(Identification {
                source: d.source.clone(),
                by: format!("its title and version lines (lines {t} and {v})"),
            })
        }
        [] => {}
        more => {
            // The loader refuses two documents with one title and version; kept for a spec built otherwise.
            let names: Vec<String> = more.iter().map(|(d, ..)| format!("`{}`", d.source)).collect();
            return Err(format!("the title and version lines fit documents {} alike", names.join(", ")));
        }
    }

    let titled: Vec<&Document> = api.documents.iter().filter(|d| title_line(d).is_some()).collect();
    let pool: Vec<&Document> = if titled.is_empty() { api.documents.iter().collect() } else { titled };
    let routes: BTreeSet<String> = doc.endpoints.iter().map(|e| route_key(&e.method, &e.uri)).collect();
    // (document, endpoints of it the file holds, endpoints of it in the spec)
    let mut scores: Vec<(&Document, usize, usize)> = pool
        .iter()
        .map(|d| {
            let own: Vec<String> = api
                .endpoints
                .iter()
                .filter(|e| e.source == d.source)
                .map(|e| route_key(e.method.as_str(), &e.uri))
                .collect();
            (*d, own.iter().filter(|k| routes.contains(*k)).count(), own.len())
        })
        .filter(|(_, found, _)| *found > 0)
        .collect();
    // Shares compared as found_a * total_b against found_b * total_a: no rounding.
    scores.sort_by(|(_, fa, ta), (_, fb, tb)| (fb * ta).cmp(&(fa * tb)).then(fb.cmp(fa)));
    let describe = |(d, found, total): &(&Document, usize, usize)| {
        format!("`{}` ({} of its {} endpoint(s) in the spec)", d.source, found, total)
    };
    match scores.as_slice() {
        [] => Err(format!(
            "not one of the spec's documents: its header names none of {}, and it shares no endpoint with them",
            api.documents.iter().map(|d| format!("`{}`", d.label())).collect::<Vec<_>>().join(", ")
        )),
        [a, b, ..] if a.1 * b.2 == b.1 * a.2 && a.1 == b.1 => Err(format!(
            "its header names no document of api.yaml, and its endpoints fit {} and {} alike; \
             give it its title and version lines",
            describe(a),
            describe(b)
        )),
        [best, ..] if best.1 * 2 < best.2 => Err(format!(
            "its header names no document of api.yaml, and it holds less than half of any one's endpoints \
             (at most {}); give it its title and version lines",
            describe(best)
        )),
        [best, ..] => Ok(Identification {
            source: best.0.source.clone(),
            by: format!(
                "endpoint overlap: it holds {} of the {} endpoint(s) the spec takes from it \
                 (its header names no document of api.yaml)",
                best.1, best.2
            ),
        }),
    }
}

/// `GET /a/{}`: placeholder names do not tell endpoints apart, as for the spec's own routes.
pub(crate) fn route_key(method: &str, uri: &str) -> String {
    format!("{} {}", method.trim(), route_pattern(uri.trim()))
}

/// `V6.0.0.3.0.20190912`, `版本:V6.0.0.3.0.20190912` (either colon) or `版本 V6.0.0.3.0.20190912`, but not
/// `V6.0.0.3.0.201909120`: the version must be a whole word of the line.
fn names_version(line: &str, version: &str) -> bool {
    !version.is_empty() && line.split(|c: char| c.is_whitespace() || c == ':' || c == '\u{ff1a}').any(|w| w == version)
}

/// The header's `API_Level:N` (also with a full-width colon, or spaces), and its line.
pub(crate) fn header_api_level(doc: &ParsedDocument) -> Option<(usize, u32)> {
    doc.header.iter().find_map(|(n, l)| {
        let rest = l.strip_prefix("API_Level")?.trim_start();
        let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('\u{ff1a}'))?;
        Some((*n, rest.trim().parse().ok()?))
    })
}
