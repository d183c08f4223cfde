//! Lines → logical blocks: headings, paragraphs (joined across PDF line breaks), table rows,
//! with numbering markers and sentence spans.
//!
//! Invariants: blocks are in document order and do not overlap; every span lies on character
//! boundaries of the source text; a table row is never joined with another line.

use crate::model::{Block, BlockKind, Marker, MarkerStyle, SourceFormat, Span};
use crate::numeric::parse_han_numeral;

/// One physical line (without its line break).
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    while let Some(k) = text[start..].find('\n') {
        let i = start + k;
        let mut end = i;
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        out.push(Line { start, end });
        start = i + 1;
    }
    if start < text.len() {
        out.push(Line {
            start,
            end: text.len(),
        });
    }
    out
}

/// Whether a character is a Chinese numeral digit of a marker (`一` … `十`).
pub fn is_han_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Trim whitespace (incl. U+3000) from both ends of `text[span]`.
pub fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let lead = s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
            .len();
    let trail = s.len()
        - s.trim_end_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
            .len();
    if lead + trail >= s.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.end - trail)
}

/// Characters that end a sentence.
fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '!' | '?' | '：' | ':' | '；' | ';' | '．'
    )
}

/// Parse a numbering marker at the start of `s` (already trimmed). Returns the style, the
/// number and the marker's byte length.
pub fn marker_at(s: &str) -> Option<(MarkerStyle, u32, usize)> {
    let mut it = s.char_indices().peekable();
    let (_, first) = *it.peek()?;
    // Circled numbers ① … ⑳.
    if ('\u{2460}'..='\u{2473}').contains(&first) {
        return Some((
            MarkerStyle::Circled,
            first as u32 - 0x2460 + 1,
            first.len_utf8(),
        ));
    }
    let paren_open = matches!(first, '（' | '(');
    let body_start = if paren_open { first.len_utf8() } else { 0 };
    let body = &s[body_start..];
    // A number starts the body, or there is no marker (most lines and cells).
    let lead = body.chars().next()?;
    if !(lead.is_ascii_digit() || ('０'..='９').contains(&lead) || is_han_digit(lead)) {
        return None;
    }
    // Arabic digits (ASCII or full-width), read without allocating; a number past `u32`
    // is no marker.
    let (mut value, mut overflow, mut digit_len) = (0u32, false, 0usize);
    for c in body.chars() {
        let d = if c.is_ascii_digit() {
            c as u32 - '0' as u32
        } else if ('０'..='９').contains(&c) {
            c as u32 - '０' as u32
        } else {
            break;
        };
        match value.checked_mul(10).and_then(|v| v.checked_add(d)) {
            Some(v) => value = v,
            None => overflow = true,
        }
        digit_len += c.len_utf8();
    }
    let (num, num_len, arabic) = if digit_len > 0 {
        if overflow {
            return None;
        }
        (value, digit_len, true)
    } else {
        let han_len = body
            .char_indices()
            .find(|(_, c)| !is_han_digit(*c))
            .map_or(body.len(), |(i, _)| i);
        if han_len == 0 {
            return None;
        }
        (parse_han_numeral(&body[..han_len])?, han_len, false)
    };
    if num_len > 6 || num == 0 || num > 99 {
        return None;
    }
    let rest = &body[num_len..];
    let next = rest.chars().next()?;
    let after = rest[next.len_utf8()..].chars().next();
    let end = body_start + num_len + next.len_utf8();
    if paren_open {
        if matches!(next, '）' | ')') {
            let style = if arabic {
                MarkerStyle::ArabicParen
            } else {
                MarkerStyle::HanParen
            };
            return Some((style, num, end));
        }
        return None;
    }
    match next {
        '、' => Some((
            if arabic {
                MarkerStyle::ArabicComma
            } else {
                MarkerStyle::HanComma
            },
            num,
            end,
        )),
        // `1.` but not `1.5万元`, and not a bare `2023.` year.
        '.' | '．' if arabic => {
            if after.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
                None
            } else {
                Some((MarkerStyle::ArabicDot, num, end))
            }
        }
        _ => None,
    }
}

/// Split a block into sentences at 。！？ (the terminal character stays in its sentence).
fn sentences(text: &str, span: Span, kind: &BlockKind) -> Box<[Span]> {
    if let BlockKind::TableRow { cells } = kind {
        return cells.clone();
    }
    let mut out = Vec::new();
    let mut start = span.start;
    // Character by character, by its first byte: `。` (E3 80 82), `！` (EF BC 81), `？`
    // (EF BC 9F), `!`, `?`.
    let bytes = &text.as_bytes()[..span.end];
    let mut k = span.start;
    while k < span.end {
        let len = match bytes[k] {
            0..=0x7F => 1,
            0xF0.. => 4,
            0xE0.. => 3,
            _ => 2,
        };
        let stop = match bytes[k] {
            b'!' | b'?' => true,
            0xE3 => bytes.get(k + 1..k + 3) == Some(&[0x80, 0x82]),
            0xEF => matches!(bytes.get(k + 1..k + 3), Some([0xBC, 0x81 | 0x9F])),
            _ => false,
        };
        k += len;
        if stop {
            let s = trim_span(text, Span::new(start, k));
            if !s.is_empty() {
                out.push(s);
            }
            start = k;
        }
    }
    let s = trim_span(text, Span::new(start, span.end));
    if !s.is_empty() {
        out.push(s);
    }
    out.into_boxed_slice()
}

#[derive(Debug)]
enum LineKind {
    Blank,
    Table(Vec<Span>),
    /// Markdown heading (`# …`) or separator line of a Markdown table.
    Heading,
    Skip,
    Text,
}

fn classify(text: &str, line: Line, format: SourceFormat) -> (LineKind, Span) {
    let span = trim_span(text, Span::new(line.start, line.end));
    if span.is_empty() {
        return (LineKind::Blank, span);
    }
    let s = &text[span.start..span.end];
    if s.starts_with('|') {
        let inner = s.trim_start_matches('|').trim_end_matches('|');
        if inner.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')) {
            return (LineKind::Skip, span);
        }
        let mut cells = Vec::new();
        // After every leading pipe (`|| a |` has two), so that cell spans stay on the text.
        let mut pos = span.start + (s.len() - s.trim_start_matches('|').len());
        for part in inner.split('|') {
            let cell = trim_span(text, Span::new(pos, pos + part.len()));
            cells.push(cell);
            pos += part.len() + 1;
        }
        return (LineKind::Table(cells), span);
    }
    let raw = &text[line.start..line.end];
    if raw.contains('\t') {
        let mut cells = Vec::new();
        let mut pos = line.start;
        for part in raw.split('\t') {
            cells.push(trim_span(text, Span::new(pos, pos + part.len())));
            pos += part.len() + 1;
        }
        return (LineKind::Table(cells), span);
    }
    if s.starts_with('#')
        && (format == SourceFormat::Markdown || s.starts_with("# ") || s.starts_with("##"))
    {
        let hashes = s.len() - s.trim_start_matches('#').len();
        let inner = trim_span(text, Span::new(span.start + hashes, span.end));
        return (LineKind::Heading, inner);
    }
    (LineKind::Text, span)
}

/// Whether a text line has at least `n` whitespace-separated fields ([`space_fields`]),
/// found without building them: most lines have one.
fn has_fields(text: &str, span: Span, n: usize) -> bool {
    let bytes = text.as_bytes();
    let (mut k, mut fields, mut in_field) = (span.start, 0, false);
    while k < span.end {
        let b = bytes[k];
        let len = match b {
            0..=0x7F => 1,
            0xF0.. => 4,
            0xE0.. => 3,
            _ => 2,
        };
        // Only these first bytes start a whitespace character (ASCII, U+0085, U+00A0,
        // U+1680, U+2000–U+205F, U+3000).
        let space = match b {
            0..=0x7F => b.is_ascii_whitespace() || b == 0x0B,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => text[k..]
                .chars()
                .next()
                .is_some_and(|c| c.is_whitespace() || c == '\u{3000}'),
            _ => false,
        };
        if space {
            in_field = false;
        } else if !in_field {
            in_field = true;
            fields += 1;
            if fields >= n {
                return true;
            }
        }
        k += len;
    }
    false
}

/// The whitespace-separated fields of a text line (runs of spaces or U+3000 separate them).
fn space_fields(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text[span.start..span.end].char_indices() {
        let at = span.start + i;
        if c.is_whitespace() || c == '\u{3000}' {
            if let Some(s) = start.take() {
                out.push(Span::new(s, at));
            }
        } else if start.is_none() {
            start = Some(at);
        }
    }
    if let Some(s) = start {
        out.push(Span::new(s, span.end));
    }
    out
}

/// A text line that continues a space-aligned table: at least two fields, no sentence
/// punctuation.
fn space_row(text: &str, span: Span) -> Option<Vec<Span>> {
    let s = &text[span.start..span.end];
    if s.contains(['。', '，', '；', '：']) {
        return None;
    }
    let fields = space_fields(text, span);
    (fields.len() >= 2).then_some(fields)
}

/// A short numbered line with no sentence inside it: a heading.
fn looks_like_heading(s: &str, marker_len: usize) -> bool {
    let body = s[marker_len..].trim_end_matches(['。', '.', '．']);
    let n = body.chars().count();
    n <= 30 && !body.contains(['，', ',', '。', '；', ';', '！', '？']) && !states_amount(body)
}

/// `1.社会保障和就业支出467.99万元：主要用于…`: an item that states an amount and goes on after
/// a colon is the start of a paragraph, not a heading (`（一）收入情况：` is one).
fn states_amount(body: &str) -> bool {
    body.split_once(['：', ':']).is_some_and(|(head, rest)| {
        !rest.trim().is_empty()
            && head.ends_with(['元', '%'])
            && head.contains(|c: char| c.is_ascii_digit())
    })
}

/// Build the blocks of a text.
pub fn blocks(text: &str, format: SourceFormat) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    // Whether the last block may be continued by the next text line (a PDF line break).
    let mut open = false;
    // Inside a space-aligned score table (`一级指标    分值    得分` and its rows).
    let mut space_table = false;
    for line in lines(text) {
        let (kind, span) = classify(text, line, format);
        let kind = match kind {
            LineKind::Text => {
                let header = || {
                    if !has_fields(text, span, 3) {
                        return None;
                    }
                    let fields = space_fields(text, span);
                    let cells: Vec<&str> = fields.iter().map(|f| &text[f.start..f.end]).collect();
                    (fields.len() >= 3 && crate::parse::table::roles::is_table_header(&cells))
                        .then_some(fields)
                };
                let row = if space_table {
                    space_row(text, span)
                } else {
                    None
                };
                match row.or_else(header) {
                    Some(cells) => {
                        space_table = true;
                        LineKind::Table(cells)
                    }
                    None => {
                        space_table = false;
                        LineKind::Text
                    }
                }
            }
            LineKind::Blank => LineKind::Blank,
            other => {
                space_table = false;
                other
            }
        };
        match kind {
            LineKind::Blank => {}
            LineKind::Skip => open = false,
            LineKind::Table(cells) => {
                let kind = BlockKind::TableRow {
                    cells: cells.into_boxed_slice(),
                };
                let sentences = sentences(text, span, &kind);
                out.push(Block {
                    kind,
                    span,
                    marker: None,
                    sentences,
                });
                open = false;
            }
            LineKind::Heading => {
                let s = &text[span.start..span.end];
                let marker = marker_at(s).map(|(style, number, len)| Marker {
                    style,
                    number,
                    span: Span::new(span.start, span.start + len),
                });
                let kind = BlockKind::Heading;
                let sentences = sentences(text, span, &kind);
                out.push(Block {
                    kind,
                    span,
                    marker,
                    sentences,
                });
                open = false;
            }
            LineKind::Text => {
                let s = &text[span.start..span.end];
                let marker = marker_at(s);
                if open && marker.is_none() {
                    if let Some(last) = out.last_mut() {
                        last.span = Span::new(last.span.start, span.end);
                    }
                } else {
                    let marker = marker.map(|(style, number, len)| Marker {
                        style,
                        number,
                        span: Span::new(span.start, span.start + len),
                    });
                    let heading = match marker {
                        Some(m) => looks_like_heading(s, m.span.len()),
                        None => {
                            s.chars().count() < 20
                                && !s.contains(['，', ',', '。', '；', ';', '：', ':'])
                        }
                    };
                    let kind = if heading {
                        BlockKind::Heading
                    } else {
                        BlockKind::Paragraph
                    };
                    out.push(Block {
                        kind,
                        span,
                        marker,
                        sentences: Box::default(),
                    });
                }
                let last_char = s.chars().last().unwrap_or('。');
                open = out.last().is_some_and(|b| b.kind == BlockKind::Paragraph)
                    && !is_terminal(last_char);
            }
        }
    }
    for b in &mut out {
        if b.sentences.is_empty() {
            b.sentences = sentences(text, b.span, &b.kind);
        }
    }
    // Kept for the whole check of the file: without the spare capacity it grew with.
    out.shrink_to_fit();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, Option<(MarkerStyle, u32)>)> {
        blocks(text, SourceFormat::Text)
            .into_iter()
            .map(|b| {
                (
                    text[b.span.start..b.span.end].replace('\n', "⏎"),
                    b.marker.map(|m| (m.style, m.number)),
                )
            })
            .collect()
    }

    #[test]
    fn fields_are_counted_as_they_are_split() {
        for t in [
            "一级指标    分值    得分",
            "a\u{3000}b\u{00A0}c\u{2003}d",
            "  预算执行率  ",
            "x\u{000B}y\u{0085}z",
            "",
            "项目支出，合计100万元。",
        ] {
            let span = Span::new(0, t.len());
            for n in 1..5 {
                assert_eq!(
                    has_fields(t, span, n),
                    space_fields(t, span).len() >= n,
                    "{t:?} {n}"
                );
            }
        }
    }

    #[test]
    fn markers_of_every_style() {
        assert_eq!(marker_at("一、部门"), Some((MarkerStyle::HanComma, 1, 6)));
        assert_eq!(
            marker_at("（十二）x").map(|m| (m.0, m.1)),
            Some((MarkerStyle::HanParen, 12))
        );
        assert_eq!(
            marker_at("(2) x").map(|m| (m.0, m.1)),
            Some((MarkerStyle::ArabicParen, 2))
        );
        assert_eq!(
            marker_at("10、负责").map(|m| (m.0, m.1)),
            Some((MarkerStyle::ArabicComma, 10))
        );
        assert_eq!(
            marker_at("5.持续").map(|m| (m.0, m.1)),
            Some((MarkerStyle::ArabicDot, 5))
        );
        assert_eq!(
            marker_at("③项目").map(|m| (m.0, m.1)),
            Some((MarkerStyle::Circled, 3))
        );
        assert_eq!(marker_at("1.5万元"), None);
        assert_eq!(marker_at("2023年"), None);
        // Full-width digits, their byte length; numbers past 99 or past `u32` are none.
        assert_eq!(
            marker_at("１２、负责"),
            Some((MarkerStyle::ArabicComma, 12, 9))
        );
        assert_eq!(marker_at("（０３）x").map(|m| m.1), Some(3));
        assert_eq!(marker_at("100、x"), None);
        assert_eq!(marker_at("99999999999、x"), None);
        assert_eq!(marker_at("7447.74"), None);
    }

    #[test]
    fn pdf_line_breaks_are_joined() {
        let t = "5、树牢风险管控意识，筑牢安全发展屏障。严格落实\n\n安全生产相关要求。\n\n6、下一项。\n";
        let k = kinds(t);
        assert_eq!(k.len(), 2, "{k:?}");
        assert!(k[0].0.contains("严格落实⏎⏎安全生产"));
    }

    #[test]
    fn short_numbered_lines_are_headings_and_not_joined() {
        let t = "1、促进园区经济稳步发展\n\n2023 年实现进出口总额 1121 亿元。\n";
        let b = blocks(t, SourceFormat::Text);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].kind, BlockKind::Heading);
    }

    #[test]
    fn an_item_stating_an_amount_before_its_colon_is_no_heading() {
        let t = "1.教育支出312.40万元：主要用于学校\n运转和教师培训。\n";
        let b = blocks(t, SourceFormat::Text);
        assert_eq!(b[0].kind, BlockKind::Paragraph);
        for heading in [
            "（一）收入情况：",
            "2.产出指标：数量指标",
            "3、2023年度：执行情况",
        ] {
            let b = blocks(&format!("{heading}\n\n正文。\n"), SourceFormat::Text);
            assert_eq!(b[0].kind, BlockKind::Heading, "{heading}");
        }
    }

    #[test]
    fn markdown_rows_with_doubled_pipes_keep_their_cells() {
        let t = "|| 资金管理|\n|  | 项目管理 | 6 |\n";
        let b = blocks(t, SourceFormat::Markdown);
        match &b[0].kind {
            BlockKind::TableRow { cells } => {
                let texts: Vec<&str> = cells.iter().map(|c| &t[c.start..c.end]).collect();
                assert_eq!(texts, ["资金管理"]);
            }
            k => panic!("{k:?}"),
        }
    }

    #[test]
    fn tab_lines_are_table_rows() {
        let t = "项目\t预算数\t决算数\n基本支出\t11,122,315.04\t10,998,201.50\n";
        let b = blocks(t, SourceFormat::Text);
        assert_eq!(b.len(), 2);
        match &b[1].kind {
            BlockKind::TableRow { cells } => {
                assert_eq!(&t[cells[1].start..cells[1].end], "11,122,315.04")
            }
            k => panic!("{k:?}"),
        }
    }
}
