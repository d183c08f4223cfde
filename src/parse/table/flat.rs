//! Flattened tables: a table that PDF or web extraction turned into one run of labels and
//! figures inside a line of text.
//!
//! ```text
//! 年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 90 89.974 89.974
//! 全年预算数(A) 全年执行数(B) 7165.32 6992.95 其中:中央财政资金 3144.00 3144.00 …
//! ```
//!
//! Column names written in the run (`全年预算数(A) 全年执行数(B)`), or alone on the line before,
//! give the columns; the figures after each label fill them in order. Each run of column names
//! starts a table of its own: rows stand under the names right before them, never under those
//! of another table in the same paragraph (the 项目资金 block, then the indicators). A name the
//! extraction broke in two (`年初` `预算数`) is one name. Without column names,
//! a 年度资金总额 row with exactly six figures (and its 其中 rows with exactly three) is read
//! under the columns of the 项目支出绩效自评表 (年初预算数, 全年预算数, 全年执行数, 分值,
//! 执行率, 得分 — DOMAIN §1); any other count is not read. A row whose count does not fit
//! its columns, or whose figures run together, is kept but not certain.

use crate::model::table::{Cell, ColumnRole, Row, RowKind, Table, TableForm, Uncertain};
use crate::model::{Block, BlockKind, Span};
use crate::parse::structure::marker_at;

use super::cell;
use super::roles::{bare_label, clean, header_role, row_kind, strip_parens};
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
pub(super) enum Tok<'a> {
    Header(ColumnRole, RawCell<'a>),
    Value(RawCell<'a>),
    Label(RawCell<'a>),
    /// `其中`.
    Under,
}

/// Split a piece of text into tokens: whitespace, `|` and colons separate them, and a
/// leading `其中` is its own token.
pub(super) fn tokens(text: &str, span: Span) -> Vec<Tok<'_>> {
    join_header_words(raw_tokens(text, span))
}

/// The tokens as split, no header word joined and no bracketed note dropped.
pub(super) fn raw_tokens(text: &str, span: Span) -> Vec<Tok<'_>> {
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
            Tok::Header(role, raw)
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

/// A note in brackets and nothing else: `（万元）`, `(A)`.
fn bracketed(t: &str) -> bool {
    let t = t.trim();
    t.starts_with(['（', '(']) && t.ends_with(['）', ')']) && strip_parens(t).is_empty()
}

/// Header words the extraction broke in two (`年初` `预算数`, `实际` `完成值`) joined into one
/// column name, and a note in brackets right after a column name (`项目资金` `（万元）`)
/// dropped: neither is a row's label.
fn join_header_words(toks: Vec<Tok<'_>>) -> Vec<Tok<'_>> {
    let mut out: Vec<Tok<'_>> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        if let (Tok::Label(a), Some(Tok::Label(b) | Tok::Header(_, b))) = (toks[i], toks.get(i + 1))
            && let Some(role) = header_role(&format!("{}{}", a.text, b.text))
        {
            out.push(Tok::Header(
                role,
                RawCell {
                    span: a.span.cover(b.span),
                    text: a.text,
                },
            ));
            i += 2;
            continue;
        }
        if let (Tok::Label(a), Some(Tok::Header(..))) = (toks[i], out.last())
            && bracketed(a.text)
        {
            i += 1;
            continue;
        }
        out.push(toks[i]);
        i += 1;
    }
    out
}

/// A label, its 其中 mark, and the figures after it.
struct Run<'a> {
    label: Option<RawCell<'a>>,
    under: bool,
    values: Vec<RawCell<'a>>,
}

/// A run of column names and the rows after it, up to the next column names.
#[derive(Default)]
struct Segment<'a> {
    /// Where its column names start (the block's start for the first).
    start: usize,
    header: Vec<ColumnRole>,
    runs: Vec<Run<'a>>,
}

/// Split a block's tokens into segments: each run of column names starts one, and the rows
/// after it stand under those columns (the rows before any stand in the first).
fn segments<'a>(text: &'a str, from: usize, toks: Vec<Tok<'a>>) -> Option<Vec<Segment<'a>>> {
    let mut segs: Vec<Segment<'a>> = vec![Segment {
        start: from,
        ..Segment::default()
    }];
    let mut under = false;
    let mut open: Option<Run<'a>> = None;
    let mut in_header = false;
    for t in toks {
        let seg = segs.last_mut()?;
        match t {
            Tok::Header(role, raw) => {
                if let Some(r) = open.take() {
                    seg.runs.push(r);
                }
                if !in_header {
                    segs.push(Segment {
                        start: raw.span.start,
                        ..Segment::default()
                    });
                    in_header = true;
                }
                segs.last_mut()?.header.push(role);
                continue;
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
                            seg.runs.push(r);
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
        in_header = false;
    }
    if let Some(r) = open.take() {
        segs.last_mut()?.runs.push(r);
    }
    for s in &mut segs {
        s.runs.retain(|r| r.values.len() >= 2);
    }
    Some(segs)
}

/// Read one block's tables, one per run of column names (and one for the rows before any).
/// `pending` holds column names read from a line of their own before.
fn read_block(text: &str, bi: usize, b: &Block, pending: &mut Vec<ColumnRole>) -> Vec<Table> {
    let Some(segs) = segments(text, b.span.start, tokens(text, b.span)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let last = segs.len() - 1;
    let ends: Vec<usize> = segs
        .iter()
        .skip(1)
        .map(|s| s.start)
        .chain([b.span.end])
        .collect();
    for (si, seg) in segs.into_iter().enumerate() {
        let span = Span::new(seg.start, ends[si]);
        let named = seg.header.iter().filter(|r| r.is_figure()).count();
        if seg.runs.is_empty() {
            // A line of column names alone: the columns of the next line.
            if si == last && named >= 2 {
                *pending = seg.header;
            }
            continue;
        }
        let header = if named >= 2 {
            seg.header
        } else if si == 0 && pending.iter().filter(|r| r.is_figure()).count() >= 2 {
            std::mem::take(pending)
        } else {
            Vec::new()
        };
        pending.clear();
        out.extend(read_segment(span, bi, header, &seg.runs));
    }
    out
}

/// The table of one segment's rows under its columns (or the 项目资金 template).
fn read_segment(
    span: Span,
    bi: usize,
    mut columns: Vec<ColumnRole>,
    runs: &[Run<'_>],
) -> Option<Table> {
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
        span,
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
        out.extend(read_block(text, bi, b, &mut pending));
    }
    out
}

/// A row as read: its name, whether it is a 其中 part, its figures.
pub(super) struct Raw<'a> {
    pub label: RawCell<'a>,
    pub under: bool,
    pub values: Vec<RawCell<'a>>,
}

/// The row of a table read from runs of tokens (flattened year columns, lettered columns): its
/// kind, name and cells, certain only when it has a figure for every one of the `w` columns.
pub(super) fn build(blocks: &[Block], r: &Raw<'_>, w: usize) -> Row {
    let raw = r.label.text.trim_end_matches([':', '：']);
    let kind = if r.under {
        RowKind::Part
    } else {
        row_kind(raw).unwrap_or(RowKind::Other)
    };
    // The numbering stays: it says which rows are items of the row above them.
    let label = if marker_at(&clean(raw)).is_some() {
        clean(raw)
    } else {
        bare_label(raw).0
    };
    let full = r.values.len() == w;
    let cells = r
        .values
        .iter()
        .enumerate()
        .map(|(k, v)| Cell {
            span: v.span,
            colspan: 1,
            column: full.then_some(k + 1),
            value: super::cell::value(v.text, v.span),
            measure: None,
        })
        .collect();
    let span = r
        .values
        .last()
        .map_or(r.label.span, |v| r.label.span.cover(v.span));
    let certain = full || r.values.is_empty();
    let mut row = Row {
        span,
        kind,
        label,
        label_span: Some(r.label.span),
        cells,
        certain,
        uncertain: (!certain).then_some(Uncertain::Short {
            values: r.values.len(),
            columns: w,
        }),
        block: blocks
            .partition_point(|b| b.span.start <= r.label.span.start)
            .saturating_sub(1),
    };
    // Figures that can only be several run together (a rate beyond 1000 %) are no figures.
    if row.certain
        && row.cells.iter().any(|c| {
            c.value
                .as_ref()
                .is_none_or(|v| super::cell::run_together(v, false))
        })
    {
        row.certain = false;
        row.uncertain = Some(Uncertain::RunTogether);
        for c in &mut row.cells {
            c.column = None;
        }
    }
    row
}
