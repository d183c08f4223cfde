//! Grid tables: runs of table-row blocks (Markdown pipes, tabs — `.docx` tables arrive so —
//! and space-aligned lines). A header row (every non-empty cell a known column name) starts a
//! table; consecutive header rows merge (`一级指标 | 二级指标` over `名称 | 分值 | …`); an empty
//! header cell continues the cell before it (a merged `.docx` cell is padded with empty
//! cells). Rows before any header are not read.

use crate::model::table::{ColumnRole, Table, TableForm};
use crate::model::{Block, BlockKind, Span};

use super::roles::header_roles;
use super::row::{RawCell, grid_row};

/// Which role wins when two header rows name the same column: a levelled label over a bare
/// one, a specific column over a spanning title.
fn rank(r: Option<ColumnRole>) -> u8 {
    match r {
        None => 0,
        Some(ColumnRole::Other) => 1,
        Some(ColumnRole::Label(None) | ColumnRole::FundsLabel) => 2,
        Some(ColumnRole::Label(Some(_))) => 4,
        Some(_) => 3,
    }
}

fn merge(old: &[Option<ColumnRole>], new: &[Option<ColumnRole>]) -> Vec<Option<ColumnRole>> {
    (0..old.len().max(new.len()))
        .map(|k| {
            let (a, b) = (old.get(k).copied().flatten(), new.get(k).copied().flatten());
            if rank(b) > rank(a) { b } else { a }
        })
        .collect()
}

/// Empty header cells continue the one before them.
fn resolve(roles: &[Option<ColumnRole>]) -> Vec<ColumnRole> {
    let mut out = Vec::with_capacity(roles.len());
    let mut last = ColumnRole::Other;
    for r in roles {
        let role = r.unwrap_or(last);
        out.push(role);
        last = role;
    }
    out
}

fn raw_cells<'a>(text: &'a str, cells: &[Span]) -> Vec<RawCell<'a>> {
    cells
        .iter()
        .map(|s| RawCell {
            span: *s,
            text: &text[s.start..s.end],
        })
        .collect()
}

/// Every grid table of the document.
pub fn read(text: &str, blocks: &[Block]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut current: Option<(Table, bool)> = None; // the table, and whether its header is open
    let flush = |cur: &mut Option<(Table, bool)>, out: &mut Vec<Table>| {
        if let Some((t, _)) = cur.take()
            && !t.rows.is_empty()
        {
            out.push(t);
        }
    };
    for (bi, b) in blocks.iter().enumerate() {
        let BlockKind::TableRow { cells } = &b.kind else {
            flush(&mut current, &mut out);
            continue;
        };
        let raw = raw_cells(text, cells);
        let texts: Vec<&str> = raw.iter().map(|c| c.text).collect();
        if let Some(roles) = header_roles(&texts) {
            match &mut current {
                // A second header row right after the first: merge.
                Some((t, true)) => {
                    let merged = merge(
                        &t.columns.iter().map(|r| Some(*r)).collect::<Vec<_>>(),
                        &roles,
                    );
                    t.columns = resolve(&merged);
                    t.span = t.span.cover(b.span);
                }
                _ => {
                    flush(&mut current, &mut out);
                    current = Some((
                        Table {
                            span: b.span,
                            form: TableForm::Grid,
                            columns: resolve(&roles),
                            rows: Vec::new(),
                            certain: true,
                            uncertain: None,
                        },
                        true,
                    ));
                }
            }
            continue;
        }
        let Some((t, open)) = &mut current else {
            continue;
        };
        *open = false;
        let row = grid_row(&t.columns, &raw, bi, b.span);
        if !row.certain && t.certain {
            t.certain = false;
            t.uncertain = row.uncertain;
        }
        t.span = t.span.cover(b.span);
        t.rows.push(row);
    }
    flush(&mut current, &mut out);
    out
}
