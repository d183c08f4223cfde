//! Renderers: pure functions from an [`Outcome`] (file reports with their diagnostics and
//! decoded text) to the text jxlint prints.
//!
//! * [`human`]: miette's graphical report for every diagnostic, the figures underlined in the
//!   report's own text, followed by a per-file and a total summary.
//! * [`concise`]: one `path:line:col: CODE [severity] message` line per diagnostic.
//! * [`json`]: the stable machine-readable contract (documented in that module and in
//!   `schemas/output.schema.json`).
//! * [`sarif`]: SARIF 2.1.0 for code-scanning services; [`github`]: GitHub Actions
//!   annotations.
//! * [`catalogue`]: the rule table (`jxlint rules`) and rule docs (`jxlint explain`), the
//!   docs' Markdown rendered for a terminal by [`markdown`].
//! * [`score`]: `jxlint score`, the re-scored 评分表 of each file and its scoring findings.
//!
//! Renderers never print and never read files: the command line writes what they return.
//! Every human-readable string is chosen in the requested [`Lang`]; positions are 1-based
//! lines and columns counted in characters, from the byte spans of the diagnostics.

use crate::diagnostic::Lang;
use crate::model::Span;
use crate::outcome::{FileReport, Outcome, Stats};
use crate::source::FileError;
use crate::source::LineIndex;

pub mod catalogue;
pub mod concise;
pub mod excerpt;
pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod score;
pub mod statistics;

pub use concise::render_concise;
pub use github::render_github;
pub use human::{HumanOptions, render_human, render_human_files};
pub use json::render_json;
pub use sarif::render_sarif;
pub use score::render_score;
pub use statistics::render_statistics;

pub(crate) use crate::model::clamp_span;

/// 1-based line and character column of a byte offset (clamped into the text).
pub(crate) fn line_col(index: &LineIndex, text: &str, offset: usize) -> (usize, usize) {
    index.line_col(text, clamp_span(text, Span::new(offset, offset)).start)
}

/// `1 error`, `2 errors`.
fn count_en(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The line printed after a file's findings:
/// `path: N figures, M relations checked: E errors, W warnings, I infos`.
pub fn file_summary(file: &FileReport, lang: Lang) -> String {
    let s = &file.stats;
    match lang {
        Lang::Zh => format!(
            "{}：提取数字 {} 个，核对关系 {} 项；错误 {}，警告 {}，提示 {}",
            file.display_path, s.figures, s.relations, s.errors, s.warnings, s.infos
        ),
        Lang::En => format!(
            "{}: {}, {} checked: {}, {}, {}",
            file.display_path,
            count_en(s.figures, "figure", "figures"),
            count_en(s.relations, "relation", "relations"),
            count_en(s.errors, "error", "errors"),
            count_en(s.warnings, "warning", "warnings"),
            count_en(s.infos, "info", "infos"),
        ),
    }
}

/// The last line of a run: files, figures and relations checked, findings by severity, and
/// how many files could not be read (when any).
pub fn total_summary(outcome: &Outcome, lang: Lang) -> String {
    total_summary_of(&RunTotals::of(outcome), lang)
}

/// What the total summary counts, accumulated batch by batch when output is streamed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunTotals {
    pub files: usize,
    pub unreadable: usize,
    pub stats: Stats,
}

impl RunTotals {
    pub fn of(outcome: &Outcome) -> RunTotals {
        let mut t = RunTotals::default();
        t.add(outcome);
        t
    }

    pub fn add(&mut self, outcome: &Outcome) {
        self.files += outcome.files.len();
        self.unreadable += outcome.files.iter().filter(|f| f.error.is_some()).count();
        self.stats.add(&outcome.totals());
    }
}

/// [`total_summary`] from accumulated totals.
pub fn total_summary_of(totals: &RunTotals, lang: Lang) -> String {
    let t = totals.stats;
    let (files, unreadable) = (totals.files, totals.unreadable);
    match lang {
        Lang::Zh => {
            let mut line = format!(
                "共检查 {files} 个文件：提取数字 {} 个，核对关系 {} 项；错误 {}，警告 {}，提示 {}",
                t.figures, t.relations, t.errors, t.warnings, t.infos
            );
            if unreadable > 0 {
                line.push_str(&format!("；{unreadable} 个文件无法读取"));
            }
            line
        }
        Lang::En => {
            let mut line = format!(
                "checked {}: {}, {}; {}, {}, {}",
                count_en(files, "file", "files"),
                count_en(t.figures, "figure", "figures"),
                count_en(t.relations, "relation", "relations"),
                count_en(t.errors, "error", "errors"),
                count_en(t.warnings, "warning", "warnings"),
                count_en(t.infos, "info", "infos"),
            );
            if unreadable > 0 {
                let verb = if unreadable == 1 { "file" } else { "files" };
                line.push_str(&format!("; {unreadable} {verb} could not be read"));
            }
            line
        }
    }
}

/// `s` without control characters (C0, DEL, C1) other than `\n` and `\t`: text from a report
/// (or a file name) must not reach a terminal as escape sequences, bells or cursor moves.
pub(crate) fn strip_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(is_stripped) {
        s.chars()
            .filter(|&c| !is_stripped(c))
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

fn is_stripped(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// `text` with each control character (other than `\n`, `\t`, `\r`) replaced by a blank of
/// the same length in bytes — a space for C0 and DEL, a no-break space for C1 — so that byte
/// spans into the text still land on the same characters.
pub(crate) fn blank_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let hit = |c: char| c.is_control() && !matches!(c, '\n' | '\t' | '\r');
    if !text.chars().any(hit) {
        return text.into();
    }
    text.chars()
        .map(|c| match c {
            c if !hit(c) => c,
            c if c.len_utf8() == 1 => ' ',
            _ => '\u{A0}',
        })
        .collect::<String>()
        .into()
}

/// `error: path: kind: message` for a file that could not be read (`None` when it was).
pub fn file_error_line(file: &FileReport, lang: Lang) -> Option<String> {
    let e = file.error.as_ref()?;
    Some(match lang {
        Lang::Zh => format!("错误：{}：{}", file.display_path, file_error_text(e, lang)),
        Lang::En => format!("error: {}: {}", file.display_path, file_error_text(e, lang)),
    })
}

/// Why a file could not be read, in `lang`: `kind: cause` in English; in Chinese the kind in
/// words and the cause translated where it is one of the causes jxlint words itself (the
/// operating system's or a library's own text, when there is one, is kept as it is).
pub fn file_error_text(e: &FileError, lang: Lang) -> String {
    if lang == Lang::En {
        return format!("{}: {}", e.kind, e.message);
    }
    let kind = match e.kind {
        "io" => "无法读取",
        "decode" => "无法解码",
        "docx" => "无法读取 Word 文档",
        "parse" => "JSON 解析错误",
        "unsupported" => "不支持的文件",
        other => other,
    };
    format!("{kind}：{}", cause_zh(&e.message))
}

/// The Chinese of the causes jxlint words itself; other text unchanged.
fn cause_zh(m: &str) -> String {
    const EXACT: &[(&str, &str)] = &[
        ("no such file or directory", "文件或文件夹不存在"),
        ("permission denied", "没有访问权限"),
        ("is a directory", "这是一个文件夹"),
        (
            "broken symbolic link (its target does not exist)",
            "符号链接已损坏（其目标不存在）",
        ),
        ("not a regular file or directory", "不是普通文件或文件夹"),
        (
            "binary file (contains NUL bytes)",
            "二进制文件（含 NUL 字节）",
        ),
        (
            "not a .docx file: this is an old binary Word (.doc) file or an encrypted document, not a zip archive; save it as an unencrypted .docx",
            "不是 .docx 文件：这是旧的二进制 Word（.doc）文件或加密文档，不是 zip 压缩包；请另存为未加密的 .docx",
        ),
        (
            "not a Word document: the archive has no word/document.xml",
            "不是 Word 文档：压缩包中没有 word/document.xml",
        ),
    ];
    const PREFIX: &[(&str, &str)] = &[
        (
            "not a .docx file: not a zip archive",
            "不是 .docx 文件：不是 zip 压缩包",
        ),
        ("malformed XML in ", "XML 格式错误："),
        ("not valid ", "编码无效："),
    ];
    if let Some((_, zh)) = EXACT.iter().find(|(en, _)| *en == m) {
        return (*zh).to_string();
    }
    if let Some((en, zh)) = PREFIX.iter().find(|(en, _)| m.starts_with(en)) {
        return format!("{zh}{}", &m[en.len()..]);
    }
    // `line 3, column 5: expected `,` or `}``: the report-data parser's position.
    if let Some(rest) = m.strip_prefix("line ")
        && let Some((line, rest)) = rest.split_once(", column ")
        && let Some((col, cause)) = rest.split_once(": ")
    {
        return format!("第 {line} 行第 {col} 列：{cause}");
    }
    m.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamp_span_stays_on_char_boundaries() {
        let text = "预算执行率";
        assert_eq!(clamp_span(text, Span::new(1, 4)), Span::new(0, 6));
        assert_eq!(clamp_span(text, Span::new(3, 3)), Span::new(3, 3));
        assert_eq!(clamp_span(text, Span::new(100, 200)), Span::new(15, 15));
        assert_eq!(clamp_span(text, Span::new(6, 2)), Span::new(6, 6));
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "第一行\n预算执行率99.66%";
        let index = LineIndex::new(text);
        let offset = text.find("99").map_or(0, |i| i);
        assert_eq!(line_col(&index, text, offset), (2, 6));
        assert_eq!(line_col(&index, text, 10_000), (2, 12));
    }
}
