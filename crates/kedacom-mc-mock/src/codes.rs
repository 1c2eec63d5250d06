//! The error codes the mock answers with. Every one is a row of the platform's error-code table
//! (`spec/errors.yaml`); where the table has no row made for a situation, the nearest one is used
//! and the choice is explained here, so that a test can match on these names.

/// 软件认证失败: `get_token` with a wrong API key or secret.
pub const SOFTWARE_AUTH_FAILED: i64 = 10001;
/// accountToken认证失败: no token, an unknown one, or one that timed out.
pub const TOKEN_INVALID: i64 = 10002;
/// password 验证错误: `login` with a wrong user name or password. The user name is not told apart,
/// so a caller cannot probe for accounts.
pub const LOGIN_FAILED: i64 = 10101;
/// 用户登录超时或者没有登录: a call that needs the login cookie without a valid one.
pub const NOT_LOGGED_IN: i64 = 10102;

/// 请求参数错误: a request that breaks a documented rule (a missing field, a value out of range, too
/// long, a character not allowed, …; for a strict mock, a key the document does not list). The table's only request-parameter code; its message names
/// one case (`enable`), so the reply's description lists the actual problems instead.
pub const PARAMETER_ERROR: i64 = 52004;
/// 数据解析失败: a request that cannot be read as data at all: `params` that is not JSON, a value of
/// the wrong JSON type, a number that is not a number, a body that is not a form, text that is not
/// UTF-8 (or is labelled with another charset), which would otherwise be stored altered.
pub const DATA_UNREADABLE: i64 = 27504;

/// 会议不存在: no conference, booked conference or meeting has the given id (the meeting-management
/// service's row, 275xx, rather than the MCU's 12103).
pub const MEETING_NOT_FOUND: i64 = 27508;
/// 会议已开启: a booked conference that has already started cannot be updated or deleted as booked.
pub const MEETING_ALREADY_STARTED: i64 = 27507;
/// 会议未召开: `end_conf` on a booked conference that has not started.
pub const MEETING_NOT_STARTED: i64 = 99994;
/// 该会议名已存在: another conference of the same name overlaps in time (what `validate_conf_name`
/// reports as a clash).
pub const CONF_NAME_EXISTS: i64 = 20105;
/// 会议结束时间应该在当前时间之后: booking (or moving) a conference that would end in the past.
pub const END_TIME_PASSED: i64 = 20119;
/// 无法为此会议分配资源: every conference of the requested size (`max_join_mt`) is in use.
pub const NO_RESOURCES: i64 = 20101;
/// 该模板不存在: no personal or public template has the id (reading, changing or deleting one, or
/// starting a conference from one). The platform's own row (999xx, beside the virtual meeting
/// rooms') rather than the MCU's 20108.
pub const TEMPLATE_NOT_FOUND: i64 = 99998;
/// 没有可用的模版空间: creating more templates of one kind than the mock is configured for.
pub const TEMPLATE_LIMIT: i64 = 20103;
/// 会议号重复: starting a conference from a template whose conference number (预分配会议号) a
/// running conference already has.
pub const CONF_NUMBER_TAKEN: i64 = 20106;

/// 会议室正在使用中: deleting a virtual meeting room, or starting a conference in it, while a
/// conference runs in it.
pub const ROOM_IN_USE: i64 = 99991;
/// 会议室数量已达上限: creating more virtual meeting rooms than the mock is configured for.
pub const ROOM_LIMIT: i64 = 99993;
/// 会议室名称已经存在: a virtual meeting room of that name exists.
pub const ROOM_NAME_EXISTS: i64 = 99995;
/// 该虚拟会议室不存在: no virtual meeting room has the id.
pub const ROOM_NOT_FOUND: i64 = 99996;

/// 空文件: uploading a file of zero bytes.
pub const EMPTY_FILE: i64 = 24016;
/// 指定文件不存在: no meeting file has the id.
pub const FILE_NOT_FOUND: i64 = 24018;

/// 系统处理出错: the table has no row for what happened: an eleventh file for a meeting (the
/// document allows ten), an unknown meeting-room area, a reply the mock could not build. The
/// description says which.
pub const SYSTEM_ERROR: i64 = 99999;
