//! Breakdowns a table states as cells of a name and its amount, one per line: a heading that
//! names a classification with its total (`按资金来源分：500`), then the parts of that total
//! (`其中：财政拨款：400`, `其他资金：100`, a part left empty as `上年结转：`).
//!
//! ```text
//! 按收入性质分：600          按支出性质分：600
//! 其中：一般公共预算：450    其中：基本支出：200
//! 政府性基金拨款：100        项目支出：400
//! 其他资金：50
//! ```
//!
//! A classification (`按…分`) splits the whole total, so its parts are all of it. Two headings
//! that stand together are two columns the extraction interleaved line by line; an empty cell
//! may have been dropped, so the lines are not assigned by their order but by their names: a
//! part that names 支出 (`基本支出`, `项目支出`) belongs to the heading that names 支出, every
//! other part to the other heading. Anything else (a third heading, two headings both or
//! neither about 支出, a heading with fewer than two parts) is not read.
//!
//! Each heading gives one table of the one-cell-per-line form: its row (a total) and its
//! parts' rows (parts), under one column of amounts.

use crate::model::table::{Cell, CellValue, ColumnRole, Row, RowKind, Table, TableForm};
use crate::model::{Block, Span};
use crate::parse::norm::is_cjk;
use crate::parse::structure::trim_span;

use super::cell;
use super::cell_lines::block_at;

/// The longest name of a cell, in characters.
pub const MAX_NAME_CHARS: usize = 20;

/// The word of a heading and of a part that marks the spending side of a pair of headings.
pub const SPENDING_WORD: &str = "支出";

/// What a classification heading classifies by (`按收入性质分`, `按资金来源分`, `按支出用途分`).
pub const CLASSIFIED_BY: &[&str] = &[
    "性质", "来源", "用途", "类别", "分类", "类型", "科目", "渠道", "构成", "级次",
];

/// The fewest parts a heading must have.
const MIN_PARTS: usize = 2;

/// One cell `name：amount` on a line of its own.
#[derive(Debug, Clone)]
struct NamedCell {
    line: Span,
    name: String,
    name_span: Span,
    value: Option<CellValue>,
    /// The span of the amount (empty, at the end of the name, when no amount is written).
    value_span: Span,
}

/// A line holding one cell `name：amount` (the amount may be missing, `上年结转：`), with an
/// optional leading `其中：` and a trailing `|`.
fn named_cell(text: &str, line: Span) -> Option<NamedCell> {
    let mut span = trim_span(text, line);
    let s = text.get(span.start..span.end)?;
    let s_trim = s.trim_end_matches(['|', ' ', '\t', '\u{3000}']);
    span = Span::new(span.start, span.start + s_trim.len());
    let mut s = s_trim;
    let mut start = span.start;
    if let Some(rest) = s.strip_prefix("其中") {
        let rest2 = rest.trim_start_matches([':', '：', ' ', '\u{3000}']);
        start += s.len() - rest2.len();
        s = rest2;
    }
    let (i, c) = s
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ':' | '：'))?;
    let name_raw = &s[..i];
    let after = i + c.len_utf8();
    let value_raw = s[after..].trim();
    let name = super::roles::clean(name_raw);
    let n = name.chars().count();
    if n == 0
        || n > MAX_NAME_CHARS
        || name.chars().filter(|c| is_cjk(*c)).count() < 2
        || name.contains([':', '：', '。', '，', ',', '；', ';', '|'])
        || name.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let value_start = start + after + (s[after..].len() - s[after..].trim_start().len());
    let value_span = Span::new(value_start, value_start + value_raw.len());
    let value = if value_raw.is_empty() {
        None
    } else {
        let v = cell::value(value_raw, value_span)?;
        if v.percent {
            return None;
        }
        Some(v)
    };
    Some(NamedCell {
        line: span,
        name,
        name_span: trim_span(text, Span::new(start, start + name_raw.len())),
        value,
        value_span,
    })
}

/// Whether a name is a classification heading: `按收入性质分`, `按资金来源分`.
fn is_heading(name: &str) -> bool {
    name.strip_prefix('按')
        .and_then(|r| r.strip_suffix('分'))
        .is_some_and(|by| {
            !by.starts_with('照')
                && by.chars().count() <= 8
                && CLASSIFIED_BY.iter().any(|w| by.ends_with(w))
        })
}

/// The runs of consecutive lines that are named cells (blank lines between them allowed).
fn runs(text: &str) -> Vec<Vec<NamedCell>> {
    let mut out = Vec::new();
    let mut run: Vec<NamedCell> = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate().chain([(text.len(), b'\n')]) {
        if b != b'\n' {
            continue;
        }
        let line = Span::new(start, i);
        start = i + 1;
        if trim_span(text, line).is_empty() {
            continue;
        }
        match named_cell(text, line) {
            Some(c) => run.push(c),
            None => {
                if !run.is_empty() {
                    out.push(std::mem::take(&mut run));
                }
            }
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

fn row(blocks: &[Block], c: &NamedCell, kind: RowKind) -> Row {
    Row {
        span: c.line,
        kind,
        label: c.name.clone(),
        label_span: Some(c.name_span),
        cells: vec![
            Cell {
                span: c.name_span,
                colspan: 1,
                column: Some(0),
                value: None,
                measure: None,
            },
            Cell {
                span: c.value_span,
                colspan: 1,
                column: Some(1),
                value: c.value.clone(),
                measure: None,
            },
        ],
        certain: true,
        uncertain: None,
        block: block_at(blocks, c.line.start),
    }
}

fn table(blocks: &[Block], heading: &NamedCell, parts: &[&NamedCell]) -> Option<Table> {
    if heading.value.is_none() || parts.len() < MIN_PARTS || parts.iter().all(|p| p.value.is_none())
    {
        return None;
    }
    let mut rows = vec![row(blocks, heading, RowKind::Total)];
    rows.extend(parts.iter().map(|p| row(blocks, p, RowKind::Part)));
    let span = rows.iter().map(|r| r.span).reduce(Span::cover)?;
    Some(Table {
        span,
        form: TableForm::Lines,
        columns: vec![ColumnRole::Label(None), ColumnRole::Other],
        rows,
        certain: true,
        uncertain: None,
        names: vec![String::new(), String::new()],
        column_totals: Vec::new(),
    })
}

/// Every breakdown of the text stated as named cells one per line.
pub fn read(text: &str, blocks: &[Block]) -> Vec<Table> {
    let mut out = Vec::new();
    for run in runs(text) {
        let heads = run.iter().take_while(|c| is_heading(&c.name)).count();
        let (heads, parts) = run.split_at(heads);
        if parts.iter().any(|c| is_heading(&c.name)) {
            continue;
        }
        match heads {
            [one] => {
                let parts: Vec<&NamedCell> = parts.iter().collect();
                out.extend(table(blocks, one, &parts));
            }
            [a, b] => {
                let (spend, other) = match (
                    a.name.contains(SPENDING_WORD),
                    b.name.contains(SPENDING_WORD),
                ) {
                    (true, false) => (a, b),
                    (false, true) => (b, a),
                    _ => continue,
                };
                let (mine, rest): (Vec<&NamedCell>, Vec<&NamedCell>) =
                    parts.iter().partition(|p| p.name.contains(SPENDING_WORD));
                let (Some(x), Some(y)) = (table(blocks, other, &rest), table(blocks, spend, &mine))
                else {
                    continue;
                };
                out.push(x);
                out.push(y);
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use rust_decimal::Decimal;

    use super::*;
    use crate::model::SourceFormat;

    fn read_text(text: &str) -> Vec<Table> {
        let blocks = crate::parse::structure::blocks(text, SourceFormat::Text);
        read(text, &blocks)
    }

    fn view(t: &Table) -> Vec<(String, RowKind, Option<Decimal>)> {
        t.rows
            .iter()
            .map(|r| {
                (
                    r.label.clone(),
                    r.kind,
                    r.cells[1].value.as_ref().map(|v| v.value),
                )
            })
            .collect()
    }

    const TWO: &str = "年度资金总额\n\n按收入性质分：600\n\n按支出性质分：600\n\n\
                       其中：一般公共预算：450\n\n其中：基本支出：200\n\n政府性基金拨款：100\n\n\
                       项目支出：400\n\n纳入专户管理的非税收入拨款：\n\n其他资金：50\n\n年度总体目标\n";

    #[test]
    fn two_interleaved_breakdowns_are_told_apart_by_their_parts_names() {
        let ts = read_text(TWO);
        assert_eq!(ts.len(), 2);
        let d = |s: &str| Some(Decimal::from_str(s).unwrap());
        assert_eq!(
            view(&ts[0]),
            vec![
                ("按收入性质分".into(), RowKind::Total, d("600")),
                ("一般公共预算".into(), RowKind::Part, d("450")),
                ("政府性基金拨款".into(), RowKind::Part, d("100")),
                ("纳入专户管理的非税收入拨款".into(), RowKind::Part, None),
                ("其他资金".into(), RowKind::Part, d("50")),
            ]
        );
        assert_eq!(
            view(&ts[1]),
            vec![
                ("按支出性质分".into(), RowKind::Total, d("600")),
                ("基本支出".into(), RowKind::Part, d("200")),
                ("项目支出".into(), RowKind::Part, d("400")),
            ]
        );
        // The amount's span is the figure's.
        let v = ts[1].rows[1].cells[1].value.as_ref().unwrap();
        assert_eq!(&TWO[v.span.start..v.span.end], "200");
    }

    #[test]
    fn one_breakdown_takes_every_part() {
        let ts = read_text("按资金来源分：90\n财政拨款：60\n自筹资金：30\n说明文字。\n");
        assert_eq!(ts.len(), 1);
        assert_eq!(ts[0].rows.len(), 3);
    }

    #[test]
    fn what_leaves_more_than_one_reading_is_not_read() {
        // Both headings about spending: the parts cannot be told apart.
        let both = TWO.replace("按收入性质分", "按支出用途分");
        assert!(read_text(&both).is_empty());
        // A heading with one part.
        assert!(read_text("按资金来源分：90\n财政拨款：90\n").is_empty());
        // Named cells without a classification heading are no breakdown.
        assert!(read_text("收入合计：90\n财政拨款：60\n自筹资金：30\n").is_empty());
        // A rate is no amount.
        assert!(read_text("按资金来源分：90\n财政拨款：60%\n自筹资金：30\n").is_empty());
    }

    #[test]
    fn named_cells_and_headings() {
        assert!(is_heading("按收入性质分"));
        assert!(is_heading("按资金来源分"));
        assert!(!is_heading("按时分"));
        assert!(!is_heading("按照规定分"));
        let cell = |t: &str| named_cell(t, Span::new(0, t.len()));
        let c = cell("其中: 基本支出:900.47 |").unwrap();
        assert_eq!(c.name, "基本支出");
        assert_eq!(c.value.unwrap().value, Decimal::from_str("900.47").unwrap());
        assert!(cell("1.说明：50").is_none());
        assert!(cell("本年支出合计为500万元，其中：基本支出：300").is_none());
    }
}
