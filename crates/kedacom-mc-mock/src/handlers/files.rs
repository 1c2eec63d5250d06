//! Meeting files: uploaded to a meeting (at most ten each, none empty, of the listed types),
//! listed per meeting, deleted.

use kedacom_mc_models::{
    DeleteMeetingFileRequest, FileUpload, ListMeetingFilesReply, ListMeetingFilesRequest, MeetingFile,
    UploadMeetingFileReply, UploadMeetingFileRequest,
};

use super::confs::not_found;
use super::{send, succeeded, Ctx, Done};
use crate::clock::{self, Time};
use crate::codes::{EMPTY_FILE, FILE_NOT_FOUND, SYSTEM_ERROR};
use crate::error::PlatformError;
use crate::state::files::{extension, file_type, StoredFile};
use crate::state::Platform;

/// Stores a file for a meeting; its id.
pub(crate) fn upload(
    p: &mut Platform,
    meeting_id: &str,
    file: &FileUpload,
    user: &str,
    now: Time,
) -> Result<String, PlatformError> {
    if p.meetings.by_meeting_id(meeting_id).is_none() {
        return Err(not_found(meeting_id));
    }
    if file.content.is_empty() {
        return Err(PlatformError::new(EMPTY_FILE));
    }
    let max = p.config.max_files_per_meeting;
    if p.files.of_meeting(meeting_id).count() >= max {
        return Err(PlatformError::detailed(SYSTEM_ERROR, format!("a meeting keeps at most {max} files")));
    }
    let ext = extension(&file.file_name);
    let kind = file_type(&ext).ok_or_else(|| PlatformError::parameter(format!("file: type {ext:?} not accepted")))?;
    let file_id = uuid::Uuid::new_v4().simple().to_string();
    p.files.add(StoredFile {
        file_id: file_id.clone(),
        meeting_id: meeting_id.to_owned(),
        file_name: file.file_name.clone(),
        extension: ext,
        file_type: kind,
        content: file.content.clone(),
        creator_moid: p.user_moid().to_owned(),
        creator_name: user.to_owned(),
        created: now,
    });
    Ok(file_id)
}

pub(super) fn upload_reply(p: &mut Platform, r: &UploadMeetingFileRequest, ctx: &Ctx) -> Result<Done, PlatformError> {
    let file_id = upload(p, &r.meeting_id, &r.file, ctx.user(), ctx.wall)?;
    let meeting_file = p.files.get(&file_id).map(|f| shown(p, f));
    send(UploadMeetingFileReply { meeting_file, ..Default::default() })
}

pub(super) fn list(p: &Platform, r: &ListMeetingFilesRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let meeting_id = r.meeting_id.as_str();
    if p.meetings.by_meeting_id(meeting_id).is_none() {
        return Err(not_found(meeting_id));
    }
    let files: Vec<MeetingFile> = p.files.of_meeting(meeting_id).map(|f| shown(p, f)).collect();
    send(ListMeetingFilesReply {
        total: Some(i64::try_from(files.len()).unwrap_or(i64::MAX)),
        meeting_files: Some(files),
        ..Default::default()
    })
}

pub(super) fn delete(p: &mut Platform, r: &DeleteMeetingFileRequest, _: &Ctx) -> Result<Done, PlatformError> {
    let file_id = r.file_id.as_str();
    if !p.files.remove(file_id) {
        return Err(PlatformError::detailed(FILE_NOT_FOUND, format!("no meeting file has the id {file_id:?}")));
    }
    succeeded()
}

fn shown(p: &Platform, f: &StoredFile) -> MeetingFile {
    // The document gives sizes in megabytes, as text.
    let megabytes = f.content.len() as f64 / (1024.0 * 1024.0);
    MeetingFile {
        file_id: Some(f.file_id.clone()),
        meeting_id: Some(f.meeting_id.clone()),
        file_name: Some(f.file_name.clone()),
        file_type: Some(f.file_type.clone()),
        extension_name: Some(f.extension.clone()),
        file_url: Some(format!("/meeting_files/{}/{}.{}", f.meeting_id, f.file_id, f.extension)),
        file_size: Some(format!("{megabytes:.2}")),
        creator_moid: Some(f.creator_moid.clone()),
        creator_name: Some(f.creator_name.clone()),
        create_time: Some(clock::format(f.created, p.config.utc_offset)),
        ..Default::default()
    }
}
