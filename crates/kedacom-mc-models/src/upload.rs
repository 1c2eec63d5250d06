//! A file to upload, as the models see it: bytes and a name, nothing of HTTP.

use std::fmt;

use bytes::Bytes;

/// A file for a multipart upload. The content is shared, not copied, when a request is cloned or
/// laid out for sending.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct FileUpload {
    pub file_name: String,
    pub content: Bytes,
}

impl FileUpload {
    pub fn new(file_name: impl Into<String>, content: impl Into<Bytes>) -> Self {
        FileUpload { file_name: file_name.into(), content: content.into() }
    }
}

// A 20 MB file printed byte by byte would drown a log; its name and size say what it is.
impl fmt::Debug for FileUpload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FileUpload({:?}, {} bytes)", self.file_name, self.content.len())
    }
}
