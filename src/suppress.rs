//! Inline suppression comments, and the X001 findings for those that suppress nothing.
//!
//! A suppression is a line of its own, written in the comment form of its format:
//!
//! | format | form |
//! |---|---|
//! | Markdown | `<!-- jxlint-disable-next-line A001 -->` |
//! | plain text | `# jxlint-disable-next-line A001` or `// jxlint-disable-next-line A001` |
//!
//! Three directives: `jxlint-disable-next-line CODES` silences the findings on the next line
//! that is neither blank nor another directive; `jxlint-disable CODES` silences them from the
//! next line until a `jxlint-enable` (or the end of the file); `jxlint-enable` closes every open
//! block, `jxlint-enable CODES` the blocks that name one of `CODES`. `CODES` are rule codes or
//! code prefixes separated by commas or spaces; none means every rule. Text after ` -- ` is a
//! free reason. A finding is silenced when its primary position is in the range.
//!
//! The plain-text form cannot occur in a report: no 绩效评价报告 has a line beginning with `#`
//! or `//` followed at once by the word `jxlint-`. Word documents and report data have no
//! comments; use a baseline (`--baseline`) for them.
//!
//! Directive lines are blanked out before a file is parsed ([`mask`]): no figure, word or
//! numbered line is read from them, and no position moves. After the rules ran, [`apply`]
//! removes the silenced findings and reports, as X001, every code that silenced nothing,
//! every code that is no rule's, every directive that cannot be read, and every
//! `jxlint-disable…`/`jxlint-enable` written inside a line of text (it has no effect there).
//! A code whose rules did not run for the file (`--select`, `ignore`) is not judged: whether
//! it would be used cannot be known.

use std::borrow::Cow;

use crate::diagnostic::{Applicability, Diagnostic, Fix, Message};
use crate::model::{SourceFormat, Span};
use crate::rules::RULES;
use crate::rules::suppression::unused_suppression::UnusedSuppression;

/// The code of the rule reporting suppressions that silence nothing.
pub const CODE: &str = "X001";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    NextLine,
    Disable,
    Enable,
    /// `jxlint-` followed by a word that is no directive.
    Unknown,
    /// `jxlint-disable…` or `jxlint-enable` inside a line of report text: not a directive
    /// (it is not on a line of its own), reported so that it does not seem to work. Such a
    /// line is report text and is not blanked.
    Misplaced,
}

/// One suppression comment.
#[derive(Debug, Clone)]
struct Directive {
    kind: Kind,
    /// Codes with their spans; empty: every rule.
    codes: Vec<(String, Span)>,
    /// The comment, trimmed.
    span: Span,
    /// The whole line with its line ending (what a fix removes).
    line: Span,
    /// The directive word (`jxlint-disable`), for messages about the directive itself.
    word: Span,
    /// The bytes it silences: a line, or a block up to its `jxlint-enable`.
    range: Span,
}

/// A line of `text` with its byte span, without its line ending.
fn lines(text: &str) -> impl Iterator<Item = (Span, Span)> + '_ {
    let mut at = 0;
    text.split_inclusive('\n').map(move |l| {
        let start = at;
        at += l.len();
        let body = l.trim_end_matches(['\n', '\r']);
        (
            Span::new(start, start + body.len()),
            Span::new(start, start + l.len()),
        )
    })
}

/// The directive on one line, if the line is one: its kind, word span, codes and trimmed span.
fn directive_at(text: &str, body: Span, line: Span, format: SourceFormat) -> Option<Directive> {
    let raw = &text[body.start..body.end];
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    let start = body.start + lead;
    let (inner, inner_at) = match format {
        SourceFormat::Markdown => {
            let rest = trimmed.strip_prefix("<!--")?.strip_suffix("-->")?;
            (rest, start + 4)
        }
        SourceFormat::Text => {
            if let Some(rest) = trimmed.strip_prefix("//") {
                (rest, start + 2)
            } else {
                (trimmed.strip_prefix('#')?, start + 1)
            }
        }
        _ => return None,
    };
    let skip = inner.len() - inner.trim_start().len();
    let inner = &inner[skip..];
    let inner_at = inner_at + skip;
    if !inner.starts_with("jxlint-") {
        return None;
    }
    let word_len = inner
        .find(|c: char| c.is_whitespace() || c == ',')
        .unwrap_or(inner.len());
    let word = &inner[..word_len];
    let kind = match word {
        "jxlint-disable-next-line" => Kind::NextLine,
        "jxlint-disable" => Kind::Disable,
        "jxlint-enable" => Kind::Enable,
        _ => Kind::Unknown,
    };
    // Codes up to ` -- reason`.
    let rest = &inner[word_len..];
    let rest = rest.find(" --").map_or(rest, |i| &rest[..i]);
    let rest_at = inner_at + word_len;
    let mut codes = Vec::new();
    let mut from = None;
    for (j, ch) in rest
        .char_indices()
        .chain(std::iter::once((rest.len(), ' ')))
    {
        let separator = ch.is_whitespace() || ch == ',';
        match (separator, from) {
            (true, Some(s)) => {
                codes.push((rest[s..j].to_string(), Span::new(rest_at + s, rest_at + j)));
                from = None;
            }
            (false, None) => from = Some(j),
            _ => {}
        }
    }
    Some(Directive {
        kind,
        codes,
        span: Span::new(start, start + trimmed.len()),
        line,
        word: Span::new(inner_at, inner_at + word_len),
        range: Span::new(line.end, line.end),
    })
}

/// Every directive of a text, with the ranges they silence.
fn scan(text: &str, format: SourceFormat) -> Vec<Directive> {
    if !matches!(format, SourceFormat::Text | SourceFormat::Markdown) || !text.contains("jxlint-") {
        return Vec::new();
    }
    let all: Vec<(Span, Span)> = lines(text).collect();
    let mut out: Vec<Directive> = Vec::new();
    let mut is_directive = vec![false; all.len()];
    let mut found: Vec<(usize, Directive)> = Vec::new();
    for (i, &(body, line)) in all.iter().enumerate() {
        if let Some(d) = directive_at(text, body, line, format) {
            is_directive[i] = true;
            found.push((i, d));
        } else if let Some(at) = ["jxlint-disable", "jxlint-enable"]
            .iter()
            .filter_map(|w| text[body.start..body.end].find(w))
            .min()
        {
            let start = body.start + at;
            let len = text[start..body.end]
                .find(|c: char| c.is_whitespace() || c == ',' || c == '>')
                .unwrap_or(body.end - start);
            let word = Span::new(start, start + len);
            found.push((
                i,
                Directive {
                    kind: Kind::Misplaced,
                    codes: Vec::new(),
                    span: word,
                    line,
                    word,
                    range: Span::new(usize::MAX, usize::MAX),
                },
            ));
        }
    }
    // Blocks still open, as indices into `out`.
    let mut open: Vec<usize> = Vec::new();
    for (i, mut d) in found {
        match d.kind {
            Kind::NextLine => {
                let next = (i + 1..all.len()).find(|&j| {
                    !is_directive[j] && !text[all[j].0.start..all[j].0.end].trim().is_empty()
                });
                d.range = next.map_or(Span::new(text.len(), text.len()), |j| all[j].0);
            }
            Kind::Disable => open.push(out.len()),
            Kind::Enable => {
                let closes = |b: &Directive| {
                    d.codes.is_empty()
                        || b.codes
                            .iter()
                            .any(|(c, _)| d.codes.iter().any(|(e, _)| c.eq_ignore_ascii_case(e)))
                };
                let mut closed = false;
                open.retain(|&b| {
                    if closes(&out[b]) {
                        out[b].range.end = d.line.start;
                        closed = true;
                        false
                    } else {
                        true
                    }
                });
                // An enable that closes nothing silences nothing and is reported as unused.
                d.range = if closed {
                    Span::new(d.line.start, d.line.start)
                } else {
                    Span::new(usize::MAX, usize::MAX)
                };
            }
            Kind::Unknown | Kind::Misplaced => {}
        }
        out.push(d);
    }
    for b in open {
        out[b].range.end = text.len();
    }
    out
}

/// `text` with every directive line blanked (spaces, so that no byte offset moves).
pub fn mask(text: &str, format: SourceFormat) -> Cow<'_, str> {
    let found = scan(text, format);
    if found.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for d in found.iter().filter(|d| d.kind != Kind::Misplaced) {
        let body_end = d.line.start
            + text[d.line.start..d.line.end]
                .trim_end_matches(['\n', '\r'])
                .len();
        out.push_str(&text[at..d.line.start]);
        out.extend(std::iter::repeat_n(' ', body_end - d.line.start));
        at = body_end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

fn matches(code: &str, pattern: &str) -> bool {
    code.to_ascii_uppercase()
        .starts_with(&pattern.to_ascii_uppercase())
}

/// Remove the findings the directives of `text` silence and add an X001 finding (when
/// `enabled("X001")`) for every directive or code that silenced nothing. `enabled` says which
/// rules ran for the file.
pub fn apply(
    text: &str,
    format: SourceFormat,
    diags: Vec<Diagnostic>,
    enabled: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let found = scan(text, format);
    if found.is_empty() {
        return diags;
    }
    // used[d][k]: whether code k of directive d silenced something (k = 0 for "every rule").
    let mut used: Vec<Vec<bool>> = found
        .iter()
        .map(|d| vec![false; d.codes.len().max(1)])
        .collect();
    let mut kept = Vec::with_capacity(diags.len());
    for diag in diags {
        let mut silenced = false;
        if diag.code != CODE {
            for (i, d) in found.iter().enumerate() {
                if !matches!(d.kind, Kind::NextLine | Kind::Disable)
                    || diag.span.start < d.range.start
                    || diag.span.start >= d.range.end
                {
                    continue;
                }
                if d.codes.is_empty() {
                    used[i][0] = true;
                    silenced = true;
                }
                for (k, (c, _)) in d.codes.iter().enumerate() {
                    if matches(diag.code, c) {
                        used[i][k] = true;
                        silenced = true;
                    }
                }
            }
        }
        if !silenced {
            kept.push(diag);
        }
    }
    if enabled(CODE) {
        for (i, d) in found.iter().enumerate() {
            unused(text, format, d, &used[i], enabled, &mut kept);
        }
    }
    kept
}

/// The X001 findings of one directive.
fn unused(
    text: &str,
    format: SourceFormat,
    d: &Directive,
    used: &[bool],
    enabled: &dyn Fn(&str) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    let meta = &UnusedSuppression::META;
    let remove_line = || Some(Fix::replace(Applicability::Safe, d.line, ""));
    let comment = &text[d.span.start..d.span.end];
    match d.kind {
        Kind::Unknown => {
            let word = &text[d.word.start..d.word.end];
            out.push(
                Diagnostic::new(
                    meta,
                    d.word,
                    Message::new(
                        format!("`{word}` 不是 jxlint 的抑制指令"),
                        format!("`{word}` is not a jxlint suppression directive"),
                    ),
                )
                .help(Message::new(
                    "可用 jxlint-disable-next-line、jxlint-disable、jxlint-enable",
                    "use jxlint-disable-next-line, jxlint-disable or jxlint-enable",
                )),
            );
            return;
        }
        Kind::Misplaced => {
            let word = &text[d.word.start..d.word.end];
            let form = if format == SourceFormat::Markdown {
                "<!-- jxlint-… -->"
            } else {
                "# jxlint-… / // jxlint-…"
            };
            out.push(
                Diagnostic::new(
                    meta,
                    d.word,
                    Message::new(
                        format!("`{word}` 不在单独一行，不起作用"),
                        format!("`{word}` is not on a line of its own and has no effect"),
                    ),
                )
                .help(Message::new(
                    format!("把抑制注释单独写一行：{form}"),
                    format!("write the suppression comment on a line of its own: {form}"),
                )),
            );
            return;
        }
        Kind::Enable => {
            if d.range.start == usize::MAX {
                out.push(
                    Diagnostic::new(
                        meta,
                        d.span,
                        Message::new(
                            format!("`{comment}` 之前没有可关闭的 jxlint-disable"),
                            format!("`{comment}` closes no open jxlint-disable"),
                        ),
                    )
                    .help(Message::new("删除这一行", "remove this line"))
                    .fix(remove_line()),
                );
            }
            return;
        }
        Kind::NextLine | Kind::Disable => {}
    }
    if d.codes.is_empty() {
        let others_ran = RULES
            .iter()
            .any(|r| r.meta().code != CODE && enabled(r.meta().code));
        if !used[0] && others_ran {
            out.push(
                Diagnostic::new(
                    meta,
                    d.span,
                    Message::new(
                        format!("`{comment}` 没有抑制任何问题"),
                        format!("`{comment}` suppresses nothing"),
                    ),
                )
                .help(Message::new("删除这一行", "remove this line"))
                .fix(remove_line()),
            );
        }
        return;
    }
    let judged: Vec<bool> = d
        .codes
        .iter()
        .map(|(c, _)| {
            RULES
                .iter()
                .any(|r| matches(r.meta().code, c) && enabled(r.meta().code))
        })
        .collect();
    let all_unused = d
        .codes
        .iter()
        .enumerate()
        .all(|(k, (c, _))| !used[k] && judged[k] && crate::rules::is_code_prefix(c));
    for (k, (c, span)) in d.codes.iter().enumerate() {
        if !crate::rules::is_code_prefix(c) {
            out.push(
                Diagnostic::new(
                    meta,
                    *span,
                    Message::new(
                        format!("抑制注释中的 `{c}` 不是任何规则代码"),
                        format!("`{c}` in a suppression comment is not a rule code"),
                    ),
                )
                .help(Message::new(
                    "运行 `jxlint rules` 查看全部规则代码",
                    "run `jxlint rules` to see every code",
                )),
            );
        } else if judged[k] && !used[k] {
            out.push(
                Diagnostic::new(
                    meta,
                    *span,
                    Message::new(
                        format!("抑制注释中的 {c} 没有抑制任何问题"),
                        format!("{c} in this suppression comment suppresses nothing"),
                    ),
                )
                .help(if all_unused {
                    Message::new("删除这一行", "remove this line")
                } else {
                    Message::new(
                        format!("从注释中删去 {c}"),
                        format!("remove {c} from the comment"),
                    )
                })
                .fix(if all_unused {
                    // One fix for the whole line, on its first code.
                    if k == 0 { remove_line() } else { None }
                } else {
                    // The code and the separator before it (after it, for the first code).
                    let cut = if k > 0 {
                        Span::new(d.codes[k - 1].1.end, span.end)
                    } else {
                        Span::new(span.start, d.codes[k + 1].1.start)
                    };
                    Some(Fix::replace(Applicability::Safe, cut, ""))
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_are_read_in_each_format() {
        let md = "a\n<!-- jxlint-disable-next-line A001, U001 -- 原文如此 -->\n\nb\n";
        let d = scan(md, SourceFormat::Markdown);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, Kind::NextLine);
        let codes: Vec<&str> = d[0].codes.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(codes, ["A001", "U001"]);
        assert_eq!(&md[d[0].codes[1].1.start..d[0].codes[1].1.end], "U001");
        assert_eq!(&md[d[0].range.start..d[0].range.end], "b");
        // The comment forms are not mixed up between formats: one of another format is text,
        // reported as having no effect.
        let kinds = |t: &str, f| scan(t, f).iter().map(|d| d.kind).collect::<Vec<_>>();
        assert_eq!(
            kinds("# jxlint-disable\n", SourceFormat::Markdown),
            [Kind::Misplaced]
        );
        assert_eq!(
            kinds("<!-- jxlint-disable -->\n", SourceFormat::Text),
            [Kind::Misplaced]
        );
        assert_eq!(
            mask("# jxlint-disable\n", SourceFormat::Markdown),
            "# jxlint-disable\n"
        );
        assert_eq!(scan("  // jxlint-disable\n", SourceFormat::Text).len(), 1);
        assert!(scan("# jxlint-disable\n", SourceFormat::Docx).is_empty());
    }

    #[test]
    fn blocks_run_to_their_enable_or_the_end() {
        let t = "# jxlint-disable A\nx\n# jxlint-enable\ny\n# jxlint-disable T\nz\n";
        let d = scan(t, SourceFormat::Text);
        assert_eq!(&t[d[0].range.start..d[0].range.end], "x\n");
        assert_eq!(&t[d[2].range.start..d[2].range.end], "z\n");
    }

    #[test]
    fn an_unused_code_is_removed_from_a_comment_that_still_silences_something() {
        use crate::rules::arithmetic::ratio_rounding::RatioRounding;
        let t = "<!-- jxlint-disable-next-line U001, A002 A001 -->\n整改率66.66%\n";
        let at = t.find("66.66%").unwrap_or(0);
        let a002 = Diagnostic::new(
            &RatioRounding::META,
            Span::new(at, at + 6),
            Message::new("", ""),
        );
        let out = apply(t, SourceFormat::Markdown, vec![a002], &|_| true);
        let fixed = crate::fix::apply_safe(t, &out).0;
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(
            fixed.starts_with("<!-- jxlint-disable-next-line A002 -->\n"),
            "{fixed}"
        );
    }

    #[test]
    fn masking_keeps_every_offset() {
        let t = "甲\n# jxlint-disable-next-line A002\r\n乙\n";
        let m = mask(t, SourceFormat::Text);
        assert_eq!(m.len(), t.len());
        assert!(!m.contains("jxlint"));
        assert!(m.ends_with("\r\n乙\n"));
    }
}
