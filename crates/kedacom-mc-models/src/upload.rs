//! A file to upload, as the models see it: bytes and a name, nothing of HTTP.

use bytes::Bytes;

/// A file for a multipart upload. The content is shared, not copied, when a request is cloned or
/// laid out for sending.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileUpload {
    pub file_name: String,
    pub content: Bytes,
}

impl FileUpload {
    pub fn new(file_name: impl Into<String>, content: impl Into<Bytes>) -> Self {
        FileUpload { file_name: file_name.into(), content: content.into() }
    }
}
