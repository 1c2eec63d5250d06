//! Reads the push document's layout: an entry starts at `名称 …` and gives its channel on `通道 …`;
//! its placeholders follow `参数说明`, one row each (`conf_id ([0-9]+) 会议号`); each message has an
//! example after `更新方法示例`, `删除方法示例` or `消息示例` (a notification) and a table after
//! `更新方法说明` or `删除方法说明`. The document heads a notification's table `更新方法说明` as well,
//! so a table belongs to the example before it.

use std::sync::OnceLock;

use regex::Regex;

use super::parse::{DocError, DocTable, TableReader};
use crate::model::MessageKind;

/// One entry of the document: a channel and the messages it lists for it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocChannel {
    pub name: String,
    /// As written: `/confs/{conf_id}`.
    pub channel: String,
    pub placeholders: Vec<DocPlaceholder>,
    pub messages: Vec<DocMessage>,
    /// 1-based line of `名称`.
    pub line: usize,
    /// 1-based line of `通道` (0 when there is none).
    pub channel_line: usize,
    /// 1-based last line of the entry.
    pub end_line: usize,
}

impl DocChannel {
    /// Whether it lists a notification rather than state messages.
    pub fn is_notify(&self) -> bool {
        self.messages.iter().any(|m| m.kind == MessageKind::Notify)
    }

    pub fn message(&self, kind: MessageKind) -> Option<&DocMessage> {
        self.messages.iter().find(|m| m.kind == kind)
    }
}

/// A row of an entry's placeholder table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocPlaceholder {
    pub name: String,
    /// The format with the document's escapes inside brackets dropped: `[0-9\.]+` is `[0-9.]+`.
    pub format: String,
    pub desc: String,
    pub line: usize,
}

/// One message of an entry: its example and its table.
#[derive(Debug, Clone, PartialEq)]
pub struct DocMessage {
    pub kind: MessageKind,
    pub example: Option<String>,
    pub table: DocTable,
    /// 1-based line of its example's heading.
    pub line: usize,
}

/// A push document: what precedes its first entry, and its entries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChannelDocument {
    /// The lines before the first entry (title, version), trimmed, with their 1-based numbers.
    pub header: Vec<(usize, String)>,
    pub channels: Vec<DocChannel>,
}

/// Whether a text is in the push document's layout: entries give a `通道` rather than a `URI`.
pub fn is_channel_document(text: &str) -> bool {
    text.lines().any(|l| l.starts_with(CHANNEL)) && !text.lines().any(|l| l.starts_with("URI "))
}

const NAME: &str = "名称 ";
const CHANNEL: &str = "通道 ";

fn placeholder_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"^([A-Za-z_][A-Za-z0-9_]*)\s+\((\S+)\)\s*(.*)$").expect("valid regex"))
}

#[derive(Clone, Copy, PartialEq)]
enum Section {
    None,
    Placeholders,
    Example,
    Table,
}

/// Reads a push document for an audit: every entry must give its channel, its placeholder rows must
/// be readable, and it must list at least one message; otherwise each problem is reported with its line.
pub fn read_channels(text: &str) -> Result<ChannelDocument, Vec<DocError>> {
    let mut problems = Vec::new();
    let mut doc = ChannelDocument {
        header: text
            .lines()
            .enumerate()
            .take_while(|(_, l)| !l.starts_with(NAME))
            .map(|(i, l)| (i + 1, l.trim().to_owned()))
            .filter(|(_, l)| !l.is_empty())
            .collect(),
        channels: Vec::new(),
    };
    let mut section = Section::None;
    let mut example = String::new();
    let mut rows = TableReader::default();
    for (i, raw) in text.lines().enumerate() {
        let at = i + 1;
        let line = raw.trim_end_matches('\r');
        let trimmed = line.trim();
        if let Some(name) = line.strip_prefix(NAME) {
            if let Some(c) = doc.channels.last_mut() {
                finish_example(c, section, &mut example);
                c.end_line = at - 1;
            }
            doc.channels.push(DocChannel { name: name.trim().to_owned(), line: at, ..Default::default() });
            section = Section::None;
            continue;
        }
        let Some(c) = doc.channels.last_mut() else { continue };
        let heading = match trimmed {
            "参数说明" => Some((Section::Placeholders, None)),
            "更新方法示例" => Some((Section::Example, Some(MessageKind::Update))),
            "删除方法示例" => Some((Section::Example, Some(MessageKind::Delete))),
            "消息示例" => Some((Section::Example, Some(MessageKind::Notify))),
            "更新方法说明" | "删除方法说明" => Some((Section::Table, None)),
            _ => None,
        };
        if let Some((next, kind)) = heading {
            finish_example(c, section, &mut example);
            if let Some(kind) = kind {
                c.messages.push(DocMessage { kind, example: None, table: DocTable::default(), line: at });
            }
            if next == Section::Table && c.messages.is_empty() {
                problems.push(DocError { line: at, message: "a message table before any message example".into() });
            }
            rows.reset();
            section = next;
            continue;
        }
        match section {
            Section::None => {
                if let Some(channel) = line.strip_prefix(CHANNEL) {
                    c.channel = channel.trim().to_owned();
                    c.channel_line = at;
                    if !c.channel.starts_with('/') {
                        problems.push(DocError {
                            line: at,
                            message: format!("channel `{}` does not start with /", c.channel),
                        });
                    }
                }
            }
            Section::Placeholders => {
                if trimmed.is_empty() || trimmed.starts_with("参数名称") {
                    continue;
                }
                match placeholder_re().captures(trimmed) {
                    Some(m) => c.placeholders.push(DocPlaceholder {
                        name: m[1].to_owned(),
                        format: unescape_brackets(&m[2]),
                        desc: m[3].trim().to_owned(),
                        line: at,
                    }),
                    None => problems.push(DocError {
                        line: at,
                        message: format!("a placeholder row is `name (format) description`, not `{trimmed}`"),
                    }),
                }
            }
            Section::Example => {
                example.push_str(&line.replace('\u{a0}', " "));
                example.push('\n');
            }
            Section::Table => {
                if let Some(m) = c.messages.last_mut() {
                    rows.feed(&mut m.table, line, at);
                }
            }
        }
    }
    let total = text.lines().count();
    if let Some(c) = doc.channels.last_mut() {
        finish_example(c, section, &mut example);
        c.end_line = total;
    }
    if doc.channels.is_empty() {
        problems
            .push(DocError { line: 1, message: "no channel entry found (expected lines such as `名称 …`)".into() });
    }
    for c in &doc.channels {
        if c.channel.is_empty() {
            problems.push(DocError { line: c.line, message: format!("entry `{}` has no channel (通道)", c.name) });
        }
        if c.messages.is_empty() {
            problems.push(DocError { line: c.line, message: format!("entry `{}` lists no message", c.name) });
        }
        if c.is_notify() && c.messages.len() > 1 {
            let message = format!("entry `{}` lists a notification with other messages", c.name);
            problems.push(DocError { line: c.line, message });
        }
    }
    problems.sort_by_key(|p| p.line);
    if problems.is_empty() {
        Ok(doc)
    } else {
        Err(problems)
    }
}

fn finish_example(c: &mut DocChannel, section: Section, example: &mut String) {
    let text = example.trim().to_owned();
    example.clear();
    if section != Section::Example || text.is_empty() {
        return;
    }
    if let Some(m) = c.messages.last_mut() {
        m.example = Some(text);
    }
}

/// Inside brackets an escaped character is the character: `[0-9\.]+` and `[0-9.]+` are one format.
fn unescape_brackets(format: &str) -> String {
    let mut out = String::with_capacity(format.len());
    let mut in_class = false;
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '[' => in_class = true,
            ']' => in_class = false,
            '\\' if in_class => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_inside_brackets_are_dropped_and_only_there() {
        assert_eq!(unescape_brackets(r"[0-9\.]+"), "[0-9.]+");
        assert_eq!(unescape_brackets(r"\.[0-9]+"), r"\.[0-9]+");
    }

    #[test]
    fn reads_state_and_notification_entries() {
        let text = "推送API\n\nV1\n\n名称 会议\n通道 /confs/{conf_id}\n\n参数说明\n\n参数名称 数据格式 说明\n\
                    conf_id ([0-9]+) 会议号\n\n更新方法示例\n\n{\n  \"method\": \"update\"\n}\n\n更新方法说明\n\n\
                    参数名称 数据类型 说明\nmethod str 更新\n\n名称 失败\n通道 /confs/{conf_id}/x/{x_id}\n\n参数说明\n\n\
                    x_id ([0-9\\.]+) 号\n\n消息示例\n\n{\"method\": \"notify\", \"error_code\": 1}\n\n更新方法说明\n\n\
                    method str 通知\nsrc object 源\n\u{a0}\u{a0}\u{a0}\u{a0}type int 类型\n";
        let doc = read_channels(text).unwrap();
        assert_eq!(doc.header.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>(), ["推送API", "V1"]);
        let [state, notify] = doc.channels.as_slice() else { panic!("{doc:?}") };
        assert_eq!((state.name.as_str(), state.channel.as_str(), state.channel_line), ("会议", "/confs/{conf_id}", 6));
        assert_eq!(state.placeholders[0].format, "[0-9]+");
        let update = state.message(MessageKind::Update).unwrap();
        assert_eq!(update.table.fields[0].desc, "更新");
        assert!(!state.is_notify() && notify.is_notify());
        assert_eq!(notify.placeholders[0].format, "[0-9.]+");
        let paths: Vec<&str> = notify.messages[0].table.fields.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["method", "src", "src.type"]);
        assert_eq!(notify.end_line, text.lines().count());
    }

    #[test]
    fn an_entry_without_channel_or_message_is_refused_with_its_line() {
        let problems = read_channels("T\n名称 甲\n参数说明\nconf_id 会议号\n").unwrap_err();
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 2, 4], "{problems:?}");
    }
}
