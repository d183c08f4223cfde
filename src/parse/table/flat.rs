//! Flattened tables: a table that PDF or web extraction turned into one run of labels and
//! figures inside a line of text.
//!
//! ```text
//! 年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 90 89.974 89.974
//! 全年预算数(A) 全年执行数(B) 7165.32 6992.95 其中:中央财政资金 3144.00 3144.00 …
//! ```
//!
//! Column names written in the run (`全年预算数(A) 全年执行数(B)`), or alone on the line before,
//! give the columns; the figures after each label fill them in order. Without column names,
//! a 年度资金总额 row with exactly six figures (and its 其中 rows with exactly three) is read
//! under the columns of the 项目支出绩效自评表 (年初预算数, 全年预算数, 全年执行数, 分值,
//! 执行率, 得分 — DOMAIN §1); any other count is not read. A row whose count does not fit
//! its columns, or whose figures run together, is kept but not certain.

use crate::model::table::{ColumnRole, Row, RowKind, Table, TableForm};
use crate::model::{Block, BlockKind, Span};

use super::cell;
use super::roles::{header_role, row_kind};
use super::row::{RawCell, flat_row};

/// The columns of the 项目资金 block of a 项目支出绩效自评表.
const FUNDS_TEMPLATE: &[ColumnRole] = &[
    ColumnRole::FundsLabel,
    ColumnRole::InitialBudget,
    ColumnRole::Budget,
    ColumnRole::Spent,
    ColumnRole::Weight,
    ColumnRole::Rate,
    ColumnRole::Score,
];

#[derive(Debug, Clone, Copy)]
enum Tok<'a> {
    Header(ColumnRole),
    Value(RawCell<'a>),
    Label(RawCell<'a>),
    /// `其中`.
    Under,
}

/// Split a piece of text into tokens: whitespace, `|` and colons separate them, and a
/// leading `其中` is its own token.
fn tokens(text: &str, span: Span) -> Vec<Tok<'_>> {
    let s = &text[span.start..span.end];
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    fn push<'a>(text: &'a str, from: usize, to: usize, out: &mut Vec<Tok<'a>>) {
        let mut a = from;
        let t = &text[from..to];
        if let Some(rest) = t.strip_prefix("其中") {
            out.push(Tok::Under);
            a = to - rest.len();
        }
        if a >= to {
            return;
        }
        let raw = RawCell {
            span: Span::new(a, to),
            text: &text[a..to],
        };
        out.push(if let Some(role) = header_role(raw.text) {
            Tok::Header(role)
        } else if cell::value(raw.text, raw.span).is_some() {
            Tok::Value(raw)
        } else {
            Tok::Label(raw)
        });
    }
    for (i, c) in s.char_indices() {
        let at = span.start + i;
        if c.is_whitespace() || matches!(c, '|' | ':' | '：' | '\u{3000}') {
            if let Some(st) = start.take() {
                push(text, st, at, &mut out);
            }
        } else if start.is_none() {
            start = Some(at);
        }
    }
    if let Some(st) = start {
        push(text, st, span.end, &mut out);
    }
    out
}

/// A label, its 其中 mark, and the figures after it.
struct Run<'a> {
    label: Option<RawCell<'a>>,
    under: bool,
    values: Vec<RawCell<'a>>,
}

/// Read one block's runs. `pending` holds column names read from a line of their own before.
fn read_block<'a>(
    text: &'a str,
    bi: usize,
    b: &Block,
    pending: &mut Vec<ColumnRole>,
) -> Option<Table> {
    let toks = tokens(text, b.span);
    let mut header: Vec<ColumnRole> = Vec::new();
    let mut runs: Vec<Run<'a>> = Vec::new();
    let mut under = false;
    let mut open: Option<Run<'a>> = None;
    for t in toks {
        match t {
            Tok::Header(role) => {
                if let Some(r) = open.take() {
                    runs.push(r);
                }
                header.push(role);
            }
            Tok::Under => under = true,
            Tok::Label(raw) => {
                match &mut open {
                    // Words of one label split by a space.
                    Some(r) if r.values.is_empty() && r.label.is_some() => {
                        let l = r.label.as_mut()?;
                        l.span = l.span.cover(raw.span);
                        l.text = &text[l.span.start..l.span.end];
                    }
                    _ => {
                        if let Some(r) = open.take() {
                            runs.push(r);
                        }
                        open = Some(Run {
                            label: Some(raw),
                            under,
                            values: Vec::new(),
                        });
                        under = false;
                    }
                }
            }
            Tok::Value(raw) => match &mut open {
                Some(r) => r.values.push(raw),
                None => {
                    open = Some(Run {
                        label: None,
                        under: false,
                        values: vec![raw],
                    })
                }
            },
        }
    }
    if let Some(r) = open.take() {
        runs.push(r);
    }
    runs.retain(|r| r.values.len() >= 2);
    let named: Vec<ColumnRole> = header.iter().copied().filter(|r| r.is_figure()).collect();
    if runs.is_empty() {
        // A line of column names alone: the columns of the next line.
        if named.len() >= 2 {
            *pending = header;
        }
        return None;
    }
    let kinds: Vec<Option<RowKind>> = runs
        .iter()
        .map(|r| {
            let l = r.label.map(|l| l.text).unwrap_or("");
            if r.under {
                Some(RowKind::Part)
            } else {
                row_kind(l)
            }
        })
        .collect();
    let has_parts = kinds.contains(&Some(RowKind::Part));
    let mut columns: Vec<ColumnRole> = if named.len() >= 2 {
        header
    } else if pending.iter().filter(|r| r.is_figure()).count() >= 2 {
        std::mem::take(pending)
    } else {
        Vec::new()
    };
    pending.clear();
    let funds_like = kinds
        .iter()
        .any(|k| matches!(k, Some(RowKind::Total | RowKind::Part)));
    if columns.is_empty() {
        // Only the 项目资金 block has a template; prose with figures is not a table.
        if !funds_like {
            return None;
        }
        let first = kinds.iter().position(|k| *k == Some(RowKind::Total))?;
        if runs[first].values.len() != 6 {
            return None;
        }
        columns = FUNDS_TEMPLATE.to_vec();
    } else if !columns.iter().any(|c| c.is_label()) {
        columns.insert(0, ColumnRole::Label(None));
    }
    let mut rows: Vec<Row> = Vec::new();
    for (k, r) in runs.iter().enumerate() {
        let label = r.label.unwrap_or(RawCell {
            span: Span::new(r.values[0].span.start, r.values[0].span.start),
            text: "",
        });
        let mut row = flat_row(&columns, label, r.under, &r.values, bi);
        // Figures right after the column names, before any 其中: the total they break down.
        if r.label.is_none() && has_parts && k == 0 {
            row.kind = RowKind::Total;
            row.label = "合计".to_string();
        }
        rows.push(row);
    }
    let first_uncertain = rows.iter().find(|r| !r.certain).and_then(|r| r.uncertain);
    Some(Table {
        span: b.span,
        form: TableForm::Flattened,
        columns,
        certain: first_uncertain.is_none(),
        uncertain: first_uncertain,
        rows,
        names: Vec::new(),
        column_totals: Vec::new(),
    })
}

/// Every flattened table of the document (in paragraphs and headings; grid rows are read by
/// the grid reader).
pub fn read(text: &str, blocks: &[Block]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut pending = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        if matches!(b.kind, BlockKind::TableRow { .. }) {
            pending.clear();
            continue;
        }
        if let Some(t) = read_block(text, bi, b, &mut pending) {
            out.push(t);
        }
    }
    out
}
