//! Building one [`Row`] from its label and its value cells under a table's columns: the one
//! place that decides which value stands under which column, for grid and flattened tables
//! alike.

use crate::model::Span;
use crate::model::table::{Cell, Cmp, ColumnRole, Row, RowKind, Uncertain};

use super::cell;
use super::roles::{bare_label, row_kind};

/// A cell as the reader found it: its span and its text.
#[derive(Debug, Clone, Copy)]
pub struct RawCell<'a> {
    pub span: Span,
    pub text: &'a str,
}

/// What a row is when its label does not say: an indicator in a table with score or target
/// columns, else another row.
fn default_kind(columns: &[ColumnRole], label: &str) -> RowKind {
    let scored = columns.iter().any(|c| {
        matches!(
            c,
            ColumnRole::Score | ColumnRole::Weight | ColumnRole::Target | ColumnRole::Actual
        )
    });
    if scored && !label.is_empty() {
        RowKind::Indicator
    } else {
        RowKind::Other
    }
}

fn make_cell(raw: RawCell<'_>, column: Option<usize>, role: Option<ColumnRole>) -> Cell {
    let measure = match role {
        Some(ColumnRole::Target | ColumnRole::Actual) => cell::measure(raw.text, raw.span),
        _ => None,
    };
    let value = match role {
        Some(r) if r.is_text() || matches!(r, ColumnRole::Target | ColumnRole::Actual) => None,
        _ => cell::value(raw.text, raw.span),
    };
    Cell {
        span: raw.span,
        colspan: 1,
        column,
        value,
        measure,
    }
}

/// Whether any value cell holds figures run together.
pub(super) fn run_together(cells: &[Cell], columns: &[ColumnRole]) -> bool {
    cells.iter().any(|c| {
        let role = c.column.and_then(|k| columns.get(k)).copied();
        c.value.as_ref().is_some_and(|v| {
            cell::run_together(
                v,
                matches!(role, Some(ColumnRole::Weight | ColumnRole::Score)),
            ) || (role == Some(ColumnRole::Rate) && cell::run_together(v, false))
        })
    })
}

/// A grid row: one cell per column, in order. Cells beyond the header's width, or a row
/// narrower than the header, are misaligned — unless the row is a 其中 part whose values fill
/// exactly the amount columns after its label (parts state amounts only).
pub fn grid_row(columns: &[ColumnRole], raw: &[RawCell<'_>], block: usize, span: Span) -> Row {
    // Trailing empty cells (a Markdown row closed early) do not count.
    let mut n = raw.len();
    while n > 0 && raw[n - 1].text.trim().is_empty() {
        n -= 1;
    }
    let raw = &raw[..n];
    let (label, label_span) = label_of(columns, raw);
    let kind = row_kind(&label).unwrap_or_else(|| default_kind(columns, &label));
    let (label, _) = bare_label(&label);
    let mut row = Row {
        span,
        kind,
        label,
        label_span,
        cells: Vec::new(),
        certain: true,
        uncertain: None,
        block,
    };
    if raw.len() <= columns.len() && aligned(columns, raw) {
        row.cells = raw
            .iter()
            .enumerate()
            .map(|(k, c)| make_cell(*c, Some(k), columns.get(k).copied()))
            .collect();
        merge_spans(&mut row.cells);
    } else if let Some(cells) = part_amounts(columns, raw, kind) {
        row.cells = cells;
    } else {
        row.cells = raw.iter().map(|c| make_cell(*c, None, None)).collect();
        row.certain = false;
        row.uncertain = Some(Uncertain::Misaligned {
            cells: raw.len(),
            columns: columns.len(),
        });
    }
    if row.certain && run_together(&row.cells, columns) {
        row.certain = false;
        row.uncertain = Some(Uncertain::RunTogether);
        for c in &mut row.cells {
            c.column = None;
        }
    }
    row
}

/// Whether a row's cells fit the columns they stand under: no number or bound in a label
/// column and no prose in a figure column (blank marks `—` `/` are fine).
fn aligned(columns: &[ColumnRole], raw: &[RawCell<'_>]) -> bool {
    raw.iter().enumerate().all(|(k, c)| {
        let t = c.text.trim();
        if t.is_empty() || cell::is_blank(t) {
            return true;
        }
        match columns.get(k) {
            Some(r) if r.is_figure() => cell::value(t, c.span).is_some(),
            // A bound (`≥80座`) is a target pushed into a name column by a lost cell.
            Some(r) if r.is_label() => {
                cell::value(t, c.span).is_none()
                    && cell::measure(t, c.span).is_none_or(|m| m.cmp == Cmp::Eq)
            }
            _ => true,
        }
    })
}

/// A 其中 row narrower than the header: its label, then exactly as many figures as the table
/// has amount columns, which come first among the figure columns.
fn part_amounts(columns: &[ColumnRole], raw: &[RawCell<'_>], kind: RowKind) -> Option<Vec<Cell>> {
    if kind != RowKind::Part {
        return None;
    }
    let label_cols = raw
        .iter()
        .take_while(|c| cell::value(c.text, c.span).is_none())
        .count();
    let values = &raw[label_cols..];
    let figure_cols: Vec<usize> = (0..columns.len())
        .filter(|&k| columns[k].is_figure())
        .collect();
    let amounts = figure_cols
        .iter()
        .take_while(|&&k| columns[k].is_amount())
        .count();
    if label_cols == 0 || values.len() != amounts || amounts == 0 {
        return None;
    }
    let mut cells: Vec<Cell> = raw[..label_cols]
        .iter()
        .map(|c| make_cell(*c, None, Some(ColumnRole::Label(None))))
        .collect();
    for (c, &k) in values.iter().zip(&figure_cols) {
        cells.push(make_cell(*c, Some(k), Some(columns[k])));
    }
    Some(cells)
}

/// An empty cell after a non-empty one in a label column is the merged cell's continuation.
fn merge_spans(cells: &mut [Cell]) {
    let mut last: Option<usize> = None;
    for k in 0..cells.len() {
        if cells[k].span.is_empty() {
            if let Some(l) = last {
                cells[l].colspan += 1;
            }
        } else {
            last = Some(k);
        }
    }
}

/// The row's label: the last non-empty cell under a label column, or the first cell when it
/// is not a number.
fn label_of(columns: &[ColumnRole], raw: &[RawCell<'_>]) -> (String, Option<Span>) {
    let mut found = None;
    for (k, c) in raw.iter().enumerate() {
        let t = c.text.trim();
        if t.is_empty() || cell::value(t, c.span).is_some() {
            continue;
        }
        if columns.get(k).is_some_and(|r| r.is_label()) {
            found = Some(*c);
        }
    }
    let found = found.or_else(|| {
        raw.first()
            .filter(|c| !c.text.trim().is_empty() && cell::value(c.text, c.span).is_none())
            .copied()
    });
    match found {
        Some(c) => (c.text.trim().to_string(), Some(c.span)),
        None => (String::new(), None),
    }
}

/// A flattened row: a label, then its values in order under the table's figure columns. The
/// count must be exactly the figure columns' (or, for a 其中 part, the amount columns').
pub fn flat_row(
    columns: &[ColumnRole],
    label: RawCell<'_>,
    under: bool,
    values: &[RawCell<'_>],
    block: usize,
) -> Row {
    let text = if under {
        format!("其中{}", label.text)
    } else {
        label.text.to_string()
    };
    let kind = row_kind(&text).unwrap_or_else(|| default_kind(columns, label.text));
    let (name, _) = bare_label(&text);
    let span = values
        .last()
        .map(|v| label.span.cover(v.span))
        .unwrap_or(label.span);
    let figure_cols: Vec<usize> = (0..columns.len())
        .filter(|&k| columns[k].is_figure())
        .collect();
    let amounts = figure_cols
        .iter()
        .take_while(|&&k| columns[k].is_amount())
        .count();
    let mut row = Row {
        span,
        kind,
        label: name,
        label_span: (!label.span.is_empty()).then_some(label.span),
        cells: Vec::new(),
        certain: true,
        uncertain: None,
        block,
    };
    let fits = values.len() == figure_cols.len()
        || (kind == RowKind::Part && amounts > 0 && values.len() == amounts);
    if fits {
        row.cells = values
            .iter()
            .zip(&figure_cols)
            .map(|(v, &k)| make_cell(*v, Some(k), Some(columns[k])))
            .collect();
        if run_together(&row.cells, columns) {
            row.certain = false;
            row.uncertain = Some(Uncertain::RunTogether);
        }
    } else {
        row.cells = values.iter().map(|v| make_cell(*v, None, None)).collect();
        row.certain = false;
        row.uncertain = Some(
            if values
                .iter()
                .any(|v| cell::value(v.text, v.span).is_some_and(|x| cell::run_together(&x, false)))
            {
                Uncertain::RunTogether
            } else {
                Uncertain::Misaligned {
                    cells: values.len(),
                    columns: figure_cols.len(),
                }
            },
        );
    }
    if !row.certain {
        for c in &mut row.cells {
            c.column = None;
        }
    }
    row
}
