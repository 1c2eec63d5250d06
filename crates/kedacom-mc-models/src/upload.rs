//! A file to upload, as the models see it: bytes and a name, nothing of HTTP.

/// A file for a multipart upload.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileUpload {
    pub file_name: String,
    pub content: Vec<u8>,
}

impl FileUpload {
    pub fn new(file_name: impl Into<String>, content: impl Into<Vec<u8>>) -> Self {
        FileUpload { file_name: file_name.into(), content: content.into() }
    }
}
