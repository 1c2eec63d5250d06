//! Uploads whose file is streamed from disk rather than held in memory.

use std::path::Path;

use bytes::Bytes;
use kedacom_mc_models::validate::{Rule, Violation};
use kedacom_mc_models::{Endpoint, FileUpload, ValidationReport};

use crate::transport::StreamedFile;
use crate::{Client, Error};

impl Client {
    /// Sends the request `make` builds around the file at `path`, streaming the file as it is sent.
    /// The request is validated, and the file's size checked against `max_bytes`, before anything
    /// is sent; the report lists both kinds of problem together.
    pub(crate) async fn send_file_from_path<E: Endpoint>(
        &self,
        path: &Path,
        max_bytes: Option<u64>,
        field: &str,
        make: impl FnOnce(FileUpload) -> E,
    ) -> Result<E::Reply, Error> {
        let operation = E::INFO.operation;
        let unreadable = |e: std::io::Error| Error::transport(operation, format!("{}: {e}", path.display()));
        let file = tokio::fs::File::open(path).await.map_err(unreadable)?;
        let meta = file.metadata().await.map_err(unreadable)?;
        if !meta.is_file() {
            return Err(Error::transport(operation, format!("{}: not a file", path.display())));
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // The bytes are read while sending; the request holds the name only.
        let request = make(FileUpload::new(name, Bytes::new()));
        let mut violations = request.validate().err().map(|r| r.violations).unwrap_or_default();
        if let Some(max) = max_bytes.filter(|max| meta.len() > *max) {
            violations.push(Violation {
                path: field.to_owned(),
                rule: Rule::FileTooLarge(max),
                value: Some(format!("{} bytes", meta.len())),
            });
        }
        if !violations.is_empty() {
            return Err(Error::Invalid { operation, report: ValidationReport { violations } });
        }
        let file = StreamedFile { path: path.to_owned(), file: file.into_std().await, len: meta.len() };
        self.send_streamed(&request, &file).await
    }
}
