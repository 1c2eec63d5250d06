//! Meeting files, served at the relative `file_url` that uploads and file lists give
//! (`/meeting_files/{meeting_id}/{file_id}.{extension}`), so that a test can fetch what it uploaded.
//! The document only calls the URL relative; the mock takes it relative to its base URL, and, as a
//! static file, serves it without a session.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::clock;
use crate::reply;
use crate::shared::Shared;

/// The route, in axum's syntax.
pub(crate) const ROUTE: &str = "/meeting_files/{meeting_id}/{name}";

pub(crate) async fn meeting_file(
    State(shared): State<Arc<Shared>>,
    Path((meeting_id, name)): Path<(String, String)>,
) -> Response {
    let found = shared.with_platform(|platform| {
        // A file past its retention is gone, whether or not a call has swept it yet.
        platform.advance(clock::now());
        let file = name.rsplit_once('.').and_then(|(file_id, _)| platform.files.get(file_id))?;
        let ours = file.meeting_id == meeting_id && name == format!("{}.{}", file.file_id, file.extension);
        ours.then(|| (file.content.clone(), file.file_name.clone()))
    });
    let Some((content, file_name)) = found else {
        tracing::info!(%meeting_id, %name, status = 404, "no such meeting file");
        return reply::not_found();
    };
    tracing::info!(%meeting_id, %name, bytes = content.len(), "meeting file");
    let mut response = (StatusCode::OK, content).into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
    if let Ok(value) = HeaderValue::from_str(&attachment(&file_name)) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    response
}

/// `Content-Disposition` with the name as uploaded, in the UTF-8 form of RFC 6266 (names are
/// mostly Chinese).
fn attachment(file_name: &str) -> String {
    const ATTR_CHAR: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'!')
        .remove(b'#')
        .remove(b'$')
        .remove(b'&')
        .remove(b'+')
        .remove(b'-')
        .remove(b'.')
        .remove(b'^')
        .remove(b'_')
        .remove(b'`')
        .remove(b'|')
        .remove(b'~');
    format!("attachment; filename*=UTF-8''{}", percent_encoding::utf8_percent_encode(file_name, ATTR_CHAR))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_sent_percent_encoded_as_utf8() {
        assert_eq!(attachment("议程 v2.pdf"), "attachment; filename*=UTF-8''%E8%AE%AE%E7%A8%8B%20v2.pdf");
    }
}
