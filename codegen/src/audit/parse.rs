//! Reads the vendor's text layout: an endpoint starts at `名称 …`; headers `URI`, `方法`, `说明`,
//! `最低支持版本`; tables after `参数说明`, `params说明`, `成功回复说明`, `失败回复说明`; JSON examples
//! after `params示例`, `成功回复示例`, `失败回复示例`. Nesting is four U+00A0 per level; enum values
//! follow their field as `0-关闭;` or `0:传统会议,`.

use std::sync::OnceLock;

use regex::Regex;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocEndpoint {
    pub name: String,
    pub uri: String,
    pub method: String,
    pub description: String,
    pub min_api_level: Option<u32>,
    pub parameters: DocTable,
    pub params: DocTable,
    pub reply: DocTable,
    pub failure: DocTable,
    pub params_example: Option<String>,
    pub reply_example: Option<String>,
    pub failure_example: Option<String>,
    /// 1-based line of the `名称` line.
    pub line: usize,
    /// 1-based line of the `说明` line (0 when there is none).
    pub description_line: usize,
    /// 1-based last line before the next endpoint (or the end of the document).
    pub end_line: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocTable {
    pub fields: Vec<DocField>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocField {
    /// Dotted path through nesting: `vmp.members.poll.mode`.
    pub path: String,
    /// As written: `str`, `int`, `array`, `object`, `File`, or empty when the document gives none.
    pub ty: String,
    pub required: bool,
    pub desc: String,
    /// (value, label) in document order.
    pub values: Vec<(String, String)>,
    pub max_bytes: Option<u64>,
    pub max_chars: Option<u64>,
    /// A `最大字符长度:` clause that is not one number of bytes or characters, as written.
    pub limit_text: Option<String>,
    /// A format the description states: `#RGB`, `#RRGGBB` or `ISO 8601`.
    pub format: Option<String>,
    /// The values the description allows, when it states them (`0—16`, `支持3、5、15、30`).
    pub range: DocRange,
    pub line: usize,
}

/// The integer values a description allows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocRange {
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub one_of: Option<Vec<i64>>,
}

/// A document read whole: what precedes its first endpoint, and its endpoints.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedDocument {
    /// The lines before the first endpoint (title, version, `API_Level:N`), trimmed, with their
    /// 1-based line numbers; empty lines left out.
    pub header: Vec<(usize, String)>,
    pub endpoints: Vec<DocEndpoint>,
}

/// Something in a document that cannot be read as the vendor's layout, at its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for DocError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Section {
    None,
    Parameters,
    Params,
    Reply,
    Failure,
    ParamsExample,
    ReplyExample,
    FailureExample,
}

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("valid regex"))
}

fn field_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^((?:\x{a0}{4})*)([A-Za-z_][A-Za-z0-9_]*)(\*)?(?: (str|int|array|object|File|bool|float)(?: (.*))?| ([^\x00-\x7f].*))?$",
    )
}

fn dash_enum_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^[\s\x{a0}]*([0-9]+|[A-Za-z][A-Za-z0-9]*)-(.*);\s*$")
}

fn colon_enum_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^[\s\x{a0}]*([0-9]+):(.+?),?\s*$")
}

fn limit_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"最大字符长度:(\d+)个(字节|字符)")
}

fn limit_clause_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"\s*最大字符长度:\S*")
}

/// `0—16`: a range in words (a dash between numbers, which `-` alone is not: dates and enum lines use it).
fn range_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(\d+)\s*[—–~～]\s*(\d+)")
}

/// `支持3、5、15、30`: the values allowed, listed.
fn one_of_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"支持(\d+(?:、\d+)+)")
}

fn rgb_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"#(RGB|RRGGBB)")
}

fn datetime_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"ISO\s*8601|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
}

/// Parses a document leniently: lines outside any endpoint (title, version) are ignored, and so is
/// what cannot be read. Both layouts of the vendor's documents are read: one line per table row
/// (会管API), or one ` | cell` line per cell (统一登录API).
pub fn parse_document(text: &str) -> Vec<DocEndpoint> {
    read(text).0.endpoints
}

/// Parses a document for an audit: every endpoint must have a URI and a method, its API level must
/// be a number, and no two may share a route; otherwise each problem is reported with its line, as
/// an audit of half-read endpoints would report differences that are not there.
pub fn read_document(text: &str) -> Result<ParsedDocument, Vec<DocError>> {
    let (doc, mut problems) = read(text);
    if doc.endpoints.is_empty() {
        problems.push(DocError { line: 1, message: "no endpoint found (expected lines such as `名称 …`)".into() });
    }
    let mut routes: std::collections::BTreeMap<String, &DocEndpoint> = std::collections::BTreeMap::new();
    for ep in &doc.endpoints {
        let missing = |what: &str| DocError { line: ep.line, message: format!("endpoint `{}` has no {what}", ep.name) };
        if ep.uri.is_empty() {
            problems.push(missing("URI"));
        }
        if ep.method.is_empty() {
            problems.push(missing("method (方法)"));
        }
        if ep.uri.is_empty() || ep.method.is_empty() {
            continue;
        }
        // A server routes `/a/{x}` and `/a/{y}` alike, as the spec does.
        let key = format!("{} {}", ep.method, crate::spec::route_pattern(&ep.uri));
        if let Some(first) = routes.get(&key) {
            problems.push(DocError {
                line: ep.line,
                message: format!(
                    "endpoint `{}` has the method and route of `{}` (line {}): {} {}",
                    ep.name, first.name, first.line, ep.method, ep.uri
                ),
            });
        } else {
            routes.insert(key, ep);
        }
    }
    problems.sort_by_key(|p| p.line);
    if problems.is_empty() {
        Ok(doc)
    } else {
        Err(problems)
    }
}

fn read(text: &str) -> (ParsedDocument, Vec<DocError>) {
    let header = text
        .lines()
        .enumerate()
        .take_while(|(_, l)| !l.starts_with("名称 ") && l.trim() != "| 名称")
        .map(|(i, l)| (i + 1, l.trim().to_owned()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let (endpoints, problems) = if text.lines().any(|l| l.starts_with(" | ")) {
        let (rows, origins) = unpipe(text);
        parse_rows(&rows, &origins)
    } else {
        parse_rows(text, &[])
    };
    (ParsedDocument { header, endpoints }, problems)
}

/// Rewrites the one-cell-per-line layout into the one-row-per-line layout: header cells pair up as
/// `名称 X`, table cells group in threes as `name type description`. Also returns, for each line
/// written, the 1-based line of the original it starts at, so that reports point into the original.
fn unpipe(text: &str) -> (String, Vec<usize>) {
    let mut out = String::new();
    let mut origins = Vec::new();
    let mut cells: Vec<(&str, usize)> = Vec::new();
    let flush = |cells: &mut Vec<(&str, usize)>, out: &mut String, origins: &mut Vec<usize>| {
        // A block is header pairs (`名称`, …) or table rows of three (`参数名称`, …); a table can run
        // straight into the next endpoint's header, which starts with `名称` at a row boundary.
        let mut width = match cells.first().map(|c| c.0) {
            Some("名称") => 2,
            Some("参数名称") => 3,
            // `null`: the document's way of saying "no parameters".
            _ => 0,
        };
        let mut i = 0;
        while width > 0 && i < cells.len() {
            if width == 3 && cells[i].0 == "名称" {
                width = 2;
            }
            let row = &cells[i..(i + width).min(cells.len())];
            out.push_str(&row.iter().map(|c| c.0).collect::<Vec<_>>().join(" "));
            out.push('\n');
            origins.push(row[0].1);
            i += width;
        }
        cells.clear();
    };
    for (i, line) in text.lines().enumerate() {
        match line.strip_prefix(" | ") {
            Some(cell) if !cell.contains(" | ") => cells.push((cell.trim(), i + 1)),
            // A one-line table such as the error-code table; not an endpoint.
            Some(_) => {}
            None => {
                flush(&mut cells, &mut out, &mut origins);
                out.push_str(line);
                out.push('\n');
                origins.push(i + 1);
            }
        }
    }
    flush(&mut cells, &mut out, &mut origins);
    (out, origins)
}

/// `origins[i]` is the original line of line `i`; empty when the text is the original.
fn parse_rows(text: &str, origins: &[usize]) -> (Vec<DocEndpoint>, Vec<DocError>) {
    let mut problems = Vec::new();
    let mut out: Vec<DocEndpoint> = Vec::new();
    let mut section = Section::None;
    let mut example = String::new();
    let mut rows = TableReader::default();

    let flush_example = |ep: &mut DocEndpoint, section: Section, example: &mut String| {
        let text = example.trim().to_owned();
        example.clear();
        if text.is_empty() {
            return;
        }
        match section {
            Section::ParamsExample => ep.params_example = Some(text),
            Section::ReplyExample => ep.reply_example = Some(text),
            Section::FailureExample => ep.failure_example = Some(text),
            _ => {}
        }
    };

    for (i, raw) in text.lines().enumerate() {
        let at = origins.get(i).copied().unwrap_or(i + 1);
        let line = raw.trim_end_matches('\r');
        let trimmed = line.trim_matches(|c: char| c.is_whitespace());
        let new_section = match trimmed {
            "参数说明" => Some(Section::Parameters),
            "params说明" => Some(Section::Params),
            "成功回复说明" => Some(Section::Reply),
            "失败回复说明" => Some(Section::Failure),
            "params示例" => Some(Section::ParamsExample),
            "成功回复示例" => Some(Section::ReplyExample),
            "失败回复示例" => Some(Section::FailureExample),
            _ => None,
        };
        if let Some(name) = line.strip_prefix("名称 ") {
            if let Some(ep) = out.last_mut() {
                flush_example(ep, section, &mut example);
                ep.end_line = at.saturating_sub(1);
            }
            out.push(DocEndpoint { name: name.trim().to_owned(), line: at, ..Default::default() });
            section = Section::None;
            rows.reset();
            continue;
        }
        let Some(ep) = out.last_mut() else { continue };
        if let Some(s) = new_section {
            flush_example(ep, section, &mut example);
            section = s;
            rows.reset();
            continue;
        }
        match section {
            Section::None => {
                let header = |p: &str| line.strip_prefix(p).map(|v| v.trim().to_owned());
                let mut problem = |message: String| problems.push(DocError { line: at, message });
                if let Some(v) = header("URI ") {
                    if !v.starts_with('/') {
                        problem(format!("URI `{v}` does not start with /"));
                    }
                    ep.uri = v;
                } else if let Some(v) = header("方法 ") {
                    if !["GET", "POST", "PUT", "DELETE"].contains(&v.as_str()) {
                        problem(format!("method `{v}` is not GET, POST, PUT or DELETE"));
                    }
                    ep.method = v;
                } else if let Some(v) = header("说明 ") {
                    ep.description = v;
                    ep.description_line = at;
                } else if let Some(v) = header("最低支持版本 ") {
                    ep.min_api_level = v.parse().ok();
                    if ep.min_api_level.is_none() {
                        problem(format!("API level (最低支持版本) `{v}` is not a number"));
                    }
                }
            }
            Section::ParamsExample | Section::ReplyExample | Section::FailureExample => {
                example.push_str(&line.replace('\u{a0}', " "));
                example.push('\n');
            }
            Section::Parameters | Section::Params | Section::Reply | Section::Failure => {
                let table = match section {
                    Section::Parameters => &mut ep.parameters,
                    Section::Params => &mut ep.params,
                    Section::Reply => &mut ep.reply,
                    _ => &mut ep.failure,
                };
                rows.feed(table, line, at);
            }
        }
    }
    if let Some(ep) = out.last_mut() {
        flush_example(ep, section, &mut example);
        ep.end_line = origins.last().copied().unwrap_or(text.lines().count());
    }
    (out, problems)
}

/// Reads a table's lines one by one: a row per field (nested by four U+00A0 per level), the enum
/// lines after it, and prose that may state its limit, format or range.
#[derive(Default)]
pub(crate) struct TableReader {
    /// Index into the table of the field whose enum values or prose are being read.
    current: Option<usize>,
    enum_phase: bool,
    /// The names of the fields enclosing the next row.
    stack: Vec<String>,
}

impl TableReader {
    /// Forgets the table read so far: the next line starts another.
    pub(crate) fn reset(&mut self) {
        self.current = None;
        self.stack.clear();
    }

    /// One line of `table`, at document line `at`.
    pub(crate) fn feed(&mut self, table: &mut DocTable, line: &str, at: usize) {
        let trimmed = line.trim_matches(|c: char| c.is_whitespace());
        if trimmed.is_empty() || trimmed.starts_with("参数名称") {
            return;
        }
        if let Some(c) = field_re().captures(line) {
            let depth = c.get(1).map_or(0, |m| m.as_str().chars().count() / 4);
            let name = c[2].to_owned();
            self.stack.truncate(depth);
            let path = if self.stack.is_empty() { name.clone() } else { format!("{}.{name}", self.stack.join(".")) };
            self.stack.push(name);
            let desc_raw = c.get(5).or(c.get(6)).map_or("", |m| m.as_str());
            let mut f = DocField {
                path,
                ty: c.get(4).map_or("", |m| m.as_str()).to_owned(),
                required: c.get(3).is_some(),
                desc: limit_clause_re().replace_all(desc_raw, "").trim().to_owned(),
                line: at,
                ..Default::default()
            };
            take_limit(&mut f, desc_raw);
            take_format(&mut f, desc_raw);
            take_range(&mut f, desc_raw);
            table.fields.push(f);
            self.current = Some(table.fields.len() - 1);
            self.enum_phase = true;
            return;
        }
        let Some(f) = self.current.and_then(|i| table.fields.get_mut(i)) else { return };
        if self.enum_phase {
            if let Some(c) = dash_enum_re().captures(line).or_else(|| colon_enum_re().captures(line)) {
                f.values.push((c[1].to_owned(), c[2].trim().to_owned()));
                return;
            }
        }
        self.enum_phase = false;
        if f.max_bytes.is_none() && f.max_chars.is_none() && f.limit_text.is_none() {
            take_limit(f, line);
        }
        if f.format.is_none() {
            take_format(f, line);
        }
        if f.range == DocRange::default() {
            take_range(f, line);
        }
    }
}

fn take_limit(f: &mut DocField, text: &str) {
    if let Some(c) = limit_re().captures(text) {
        let n = c[1].parse().ok();
        if &c[2] == "字节" {
            f.max_bytes = n;
        } else {
            f.max_chars = n;
        }
    } else if let Some(m) = limit_clause_re().find(text) {
        f.limit_text = Some(m.as_str().trim().trim_start_matches("最大字符长度:").to_owned());
    }
}

/// Ranges are stated in prose, as a span or a list of the values allowed.
fn take_range(f: &mut DocField, text: &str) {
    if let Some(c) = one_of_re().captures(text) {
        f.range.one_of = Some(c[1].split('、').filter_map(|n| n.parse().ok()).collect());
    } else if let Some(c) = range_re().captures(text) {
        f.range.min = c[1].parse().ok();
        f.range.max = c[2].parse().ok();
    }
}

/// Formats are stated in prose; these are the ones the documents use.
fn take_format(f: &mut DocField, text: &str) {
    if let Some(c) = rgb_re().captures(text) {
        f.format = Some(format!("#{}", &c[1]));
    } else if datetime_re().is_match(text) {
        f.format = Some("ISO 8601".to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NB: &str = "\u{a0}\u{a0}\u{a0}\u{a0}";

    #[test]
    fn reads_the_one_cell_per_line_layout() {
        let doc = "登录API\n | 名称\n | 登陆\n | URI\n | /api/v1/system/login\n | 方法\n | POST\n | 说明\n | 登陆\n | 最低支持版本\n | 1\n\
                   参数说明\n | 参数名称\n | 数据类型\n | 说明\n | username*\n | str\n | 用户名\n成功回复示例\n{\n  \"success\": 1\n}\n\
                   成功回复说明\n | 参数名称\n | 数据类型\n | 说明\n | success\n | int\n | 是否成功\n \
                   | 名称\n | 心跳\n | URI\n | /api/v1/system/heartbeat\n | 方法\n | POST\n参数说明\n | null\n";
        let eps = parse_document(doc);
        assert_eq!(eps.len(), 2, "a table running into the next header starts a new endpoint");
        assert_eq!((eps[1].name.as_str(), eps[1].uri.as_str()), ("心跳", "/api/v1/system/heartbeat"));
        assert!(eps[1].parameters.fields.is_empty());
        assert_eq!(eps[0].reply.fields.len(), 1);
        let ep = &eps[0];
        assert_eq!(
            (ep.name.as_str(), ep.uri.as_str(), ep.method.as_str(), ep.min_api_level),
            ("登陆", "/api/v1/system/login", "POST", Some(1))
        );
        assert_eq!((ep.parameters.fields[0].path.as_str(), ep.parameters.fields[0].required), ("username", true));
        assert_eq!(ep.reply.fields[0].ty, "int");
        assert!(ep.reply_example.is_some());
        // Lines are the original's, not those of the rows the cells are gathered into.
        let line = |text: &str| doc.lines().position(|l| l == text).map(|i| i + 1);
        assert_eq!(Some(ep.line), line(" | 名称"));
        assert_eq!(Some(ep.parameters.fields[0].line), line(" | username*"));
        let last = doc.lines().enumerate().filter(|(_, l)| *l == " | 名称").last().map(|(i, _)| i + 1);
        assert_eq!(Some(eps[1].line), last);
    }

    #[test]
    fn reads_nested_fields_enums_and_limits() {
        let doc = format!(
            "标题\n\n名称 查询房间\nURI /api/v1/mc/rooms/{{id}}\n方法 GET\n说明 查询房间\n最低支持版本 2\n\n参数说明\n\n\
             参数名称 数据类型 说明\naccount_token* str 登陆token\n\n成功回复示例\n\n{{\n{NB}\"success\": 1\n}}\n\n成功回复说明\n\n\
             参数名称 数据类型 说明\nrooms array 房间\n{NB}title str 名字 最大字符长度:32个字符\n{NB}kind int 类别\n0-大;\n1-小;\n\
             {NB}{NB}x str 深\nmode int 模式\n0:甲,\n1:乙\n说明文字\n2.最大字符长度:16个字节\n"
        );
        let eps = parse_document(&doc);
        assert_eq!(eps.len(), 1);
        let ep = &eps[0];
        assert_eq!((ep.uri.as_str(), ep.method.as_str(), ep.min_api_level), ("/api/v1/mc/rooms/{id}", "GET", Some(2)));
        assert_eq!(ep.parameters.fields[0].path, "account_token");
        assert!(ep.parameters.fields[0].required);
        let paths: Vec<_> = ep.reply.fields.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["rooms", "rooms.title", "rooms.kind", "rooms.kind.x", "mode"]);
        assert_eq!(ep.reply.fields[1].max_chars, Some(32));
        assert_eq!(ep.reply.fields[1].desc, "名字");
        assert_eq!(ep.reply.fields[2].values, [("0".into(), "大".into()), ("1".into(), "小".into())]);
        assert_eq!(ep.reply.fields[4].values, [("0".into(), "甲".into()), ("1".into(), "乙".into())]);
        assert_eq!(ep.reply.fields[4].max_bytes, Some(16));
        assert_eq!(ep.reply_example.as_deref(), Some("{\n    \"success\": 1\n}"));
    }
}
