//! Grid tables: runs of table-row blocks (Markdown pipes, tabs — `.docx` tables arrive so —
//! and space-aligned lines). A header row (every non-empty cell a known column name) starts a
//! table; consecutive header rows merge (`一级指标 | 二级指标` over `名称 | 分值 | …`); an empty
//! header cell continues the cell before it (a merged `.docx` cell is padded with empty
//! cells). Rows before any header are not read.

use crate::model::table::{ColumnRole, Grid, GridCell, GridLine, Table, TableForm};
use crate::model::{Block, BlockKind, Span};

use super::cell::split_figures;
use super::roles::{clean, header_role, header_roles};
use super::row::{RawCell, grid_row};
use crate::parse::norm::is_cjk;

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

/// Every grid table of the document, read from its runs of rows ([`runs`]): a header row
/// starts a table, a line between rows ends it.
pub fn read(text: &str, grids: &[Grid]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut current: Option<(Table, bool)> = None; // the table, and whether its header is open
    let flush = |cur: &mut Option<(Table, bool)>, out: &mut Vec<Table>| {
        if let Some((t, _)) = cur.take()
            && !t.rows.is_empty()
        {
            out.push(t);
        }
    };
    for g in grids {
        for line in &g.lines {
            if !line.row {
                flush(&mut current, &mut out);
                continue;
            }
            let spans: Vec<Span> = line.cells.iter().map(|c| c.span).collect();
            let raw = raw_cells(text, &spans);
            if let Some(roles) = &line.header {
                match &mut current {
                    // A second header row right after the first: merge.
                    Some((t, true)) => {
                        let merged = merge(
                            &t.columns.iter().map(|r| Some(*r)).collect::<Vec<_>>(),
                            roles,
                        );
                        t.columns = resolve(&merged);
                        t.span = t.span.cover(line.span);
                    }
                    _ => {
                        flush(&mut current, &mut out);
                        current = Some((
                            Table {
                                span: line.span,
                                form: TableForm::Grid,
                                columns: resolve(roles),
                                rows: Vec::new(),
                                certain: true,
                                uncertain: None,
                                names: Vec::new(),
                                column_totals: Vec::new(),
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
            let row = grid_row(&t.columns, &raw, line.block, line.span);
            if !row.certain && t.certain {
                t.certain = false;
                t.uncertain = row.uncertain;
            }
            t.span = t.span.cover(line.span);
            t.rows.push(row);
        }
        flush(&mut current, &mut out);
    }
    flush(&mut current, &mut out);
    out
}

/// The runs of consecutive table-row blocks, with the short lines that stand between two rows
/// (a cell broken onto a line of its own by the extraction, or a title when a header follows)
/// or right after the last one when they plainly continue its cell (`0` of a score broken as
/// `1⏎0`, `.9` of `94⏎.9`).
pub fn runs(text: &str, blocks: &[Block]) -> Vec<Grid> {
    let is_row = |b: usize| {
        blocks
            .get(b)
            .is_some_and(|b| matches!(b.kind, BlockKind::TableRow { .. }))
    };
    let mut out = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        let inside = !run.is_empty()
            && ((broken_cell(text, b) && is_row(bi + 1)) || continues_cell(text, b));
        if is_row(bi) || inside {
            run.push(bi);
        } else if !run.is_empty() {
            out.push(grid_of(text, blocks, &std::mem::take(&mut run)));
        }
    }
    if !run.is_empty() {
        out.push(grid_of(text, blocks, &run));
    }
    out
}

fn grid_of(text: &str, blocks: &[Block], run: &[usize]) -> Grid {
    let lines = run
        .iter()
        .filter_map(|&bi| {
            let b = blocks.get(bi)?;
            Some(match &b.kind {
                BlockKind::TableRow { cells } => row_line(text, bi, b.span, cells),
                _ => {
                    let line = text.get(b.span.start..b.span.end).unwrap_or("");
                    GridLine {
                        block: bi,
                        span: b.span,
                        row: false,
                        cells: Vec::new(),
                        header: None,
                        worded: line.chars().filter(|c| is_cjk(*c)).count() >= 2,
                    }
                }
            })
        })
        .collect();
    Grid { lines }
}

/// One grid cell, read once.
fn grid_cell(text: &str, s: Span) -> GridCell {
    let raw = text.get(s.start..s.end).unwrap_or("");
    let clean = clean(raw);
    let split = split_figures(raw);
    GridCell {
        span: s,
        role: header_role(&clean),
        split,
        read: super::cell::read(text, s, &clean, split),
        text: clean.into_boxed_str(),
    }
}

/// A table row of the layout from its cells' spans: each cell read once, and the columns it
/// names when it is a header row.
pub(super) fn row_line(text: &str, block: usize, span: Span, cells: &[Span]) -> GridLine {
    let cells: Vec<GridCell> = cells.iter().map(|&s| grid_cell(text, s)).collect();
    // A cell of figures run together is no column name.
    let texts: Vec<&str> = cells
        .iter()
        .map(|c| if c.split { "\u{2423}" } else { &*c.text })
        .collect();
    let header = header_roles(&texts);
    GridLine {
        block,
        span,
        row: true,
        cells,
        header,
        worded: false,
    }
}

/// A line that may be a table cell broken onto a line of its own (`12.管理制度健全性` above
/// `3 | 3.00`): short, one line, no sentence in it.
pub fn broken_cell(text: &str, b: &Block) -> bool {
    let t = text.get(b.span.start..b.span.end).unwrap_or("");
    !t.contains('\n') && t.chars().count() <= 40 && !t.contains(['。', '；', '！', '？'])
}

/// A line that can only be the end of a row: it starts with a digit, a decimal point, `%` or
/// closing punctuation, or it still holds the pipes of a Markdown row.
pub fn continues_cell(text: &str, b: &Block) -> bool {
    let block = text.get(b.span.start..b.span.end).unwrap_or("");
    // The first line only: prose may have been joined onto the piece.
    let t = block.lines().next().unwrap_or("").trim();
    if t.starts_with(['.', '%', '，', '。', '；', '、', '）', '分'])
        || t.contains(" | ")
        || t.contains("||")
    {
        return true;
    }
    // A bare figure (`0`, `8.5`), not a date (`2024年…`) nor a list item (`1.存在问题`).
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let rest = &t[digits..];
    digits > 0
        && (rest.is_empty()
            || rest.starts_with(|c: char| c.is_whitespace() || matches!(c, '%' | '|'))
            || (rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit())))
}
