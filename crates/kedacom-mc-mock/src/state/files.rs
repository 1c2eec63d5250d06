//! Meeting files: documents uploaded to a meeting, kept for a while.

use bytes::Bytes;
use kedacom_mc_models::FileType;

use crate::clock::Time;

#[derive(Clone, Debug)]
pub(crate) struct StoredFile {
    pub(crate) file_id: String,
    pub(crate) meeting_id: String,
    pub(crate) file_name: String,
    /// Without the dot, in lower case.
    pub(crate) extension: String,
    pub(crate) file_type: FileType,
    pub(crate) content: Bytes,
    pub(crate) creator_moid: String,
    pub(crate) creator_name: String,
    pub(crate) created: Time,
}

/// In the order they were uploaded.
#[derive(Default)]
pub(crate) struct Files {
    list: Vec<StoredFile>,
}

impl Files {
    pub(crate) fn add(&mut self, file: StoredFile) {
        self.list.push(file);
    }

    pub(crate) fn of_meeting<'a>(&'a self, meeting_id: &'a str) -> impl Iterator<Item = &'a StoredFile> {
        self.list.iter().filter(move |f| f.meeting_id == meeting_id)
    }

    pub(crate) fn get(&self, file_id: &str) -> Option<&StoredFile> {
        self.list.iter().find(|f| f.file_id == file_id)
    }

    /// Whether there was one to remove.
    pub(crate) fn remove(&mut self, file_id: &str) -> bool {
        let before = self.list.len();
        self.list.retain(|f| f.file_id != file_id);
        self.list.len() != before
    }

    pub(crate) fn drop_older_than(&mut self, cutoff: Time) {
        self.list.retain(|f| f.created >= cutoff);
    }
}

/// The document's file type for an extension (`pdf` → 8); `None` for a type it does not list.
pub(crate) fn file_type(extension: &str) -> Option<FileType> {
    FileType::KNOWN.iter().find(|t| t.label().is_some_and(|l| l.eq_ignore_ascii_case(extension))).cloned()
}

/// The extension of a file name, lower case, without the dot.
pub(crate) fn extension(file_name: &str) -> String {
    file_name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default()
}
