//! Score tables laid out one cell per line, each cell ended by ` |`, as layout for the
//! scorecard: the header row (every cell a column name, or empty) names `w` columns, and the
//! rows after it come in exactly `w` cells — empty cells stand for the merged ones, so a row
//! under an indicator group starts with empty cells. Their targets and actual values
//! (`>=4754人`, `4604人`) are no plain figures, which is why the table reader
//! ([`super::read`]) does not read them; the scorecard reads them as a [`Grid`], one line per
//! row, like any table laid out in columns.
//!
//! Read only when the shape leaves one reading: a header that starts a row (at the start of the
//! run or after a line of several `|`) with a 得分 column, a name column and a 分值 or target
//! column; then rows of `w` cells, each with names or nothing under the name columns,
//! figures or nothing under 分值 and 得分, and no line of several `|` inside a row. The first
//! `w` cells that are not such a row end the table; fewer than two rows are no table.

use crate::model::table::{ColumnRole, Grid};
use crate::model::{Block, Span};

use super::{Kind, Run, Tok, block_at, lines, runs};
use crate::parse::table::grid::row_line;
use crate::parse::table::roles::header_role;

/// The fewest column names a score header must hold.
const MIN_NAMED: usize = 4;

/// The fewest rows a table must have.
const MIN_ROWS: usize = 2;

fn role_of(text: &str, t: &Tok) -> Option<ColumnRole> {
    header_role(text.get(t.span.start..t.span.end).unwrap_or(""))
}

/// The header's columns starting at cell `p`: empty cells and column names up to the last
/// name, when they name a score table.
fn header(text: &str, cells: &[Tok], p: usize) -> Option<Vec<Option<ColumnRole>>> {
    let mut roles = Vec::new();
    let mut last_named = None;
    for (i, c) in cells[p..].iter().enumerate() {
        match c.kind {
            Kind::Empty => roles.push(None),
            Kind::Label => match role_of(text, c) {
                Some(r) => {
                    roles.push(Some(r));
                    last_named = Some(i);
                }
                None => break,
            },
            _ => break,
        }
    }
    roles.truncate(last_named? + 1);
    let named: Vec<ColumnRole> = roles.iter().flatten().copied().collect();
    let has = |f: fn(&ColumnRole) -> bool| named.iter().any(f);
    (named.len() >= MIN_NAMED
        && has(|r| *r == ColumnRole::Score)
        && has(|r| r.is_label())
        && has(|r| matches!(r, ColumnRole::Weight | ColumnRole::Target)))
    .then_some(roles)
}

/// Whether `w` cells make a row under these columns.
fn is_row(cells: &[Tok], roles: &[Option<ColumnRole>]) -> bool {
    let mut any = false;
    for (c, r) in cells.iter().zip(roles) {
        if c.kind != Kind::Empty {
            any = true;
        }
        let ok = match r {
            None => matches!(c.kind, Kind::Empty | Kind::Blank | Kind::Label),
            Some(r) if r.is_label() => matches!(c.kind, Kind::Empty | Kind::Blank | Kind::Label),
            Some(ColumnRole::Weight | ColumnRole::Score) => {
                matches!(c.kind, Kind::Empty | Kind::Blank | Kind::Value)
            }
            Some(_) => true,
        };
        if !ok {
            return false;
        }
    }
    any
}

fn line_of(text: &str, blocks: &[Block], cells: &[Tok]) -> Option<crate::model::table::GridLine> {
    let spans: Vec<Span> = cells.iter().map(|c| c.span).collect();
    let span = spans
        .iter()
        .copied()
        .filter(|s| !s.is_empty())
        .reduce(Span::cover)?;
    Some(row_line(text, block_at(blocks, span.start), span, &spans))
}

fn grid_of_run(text: &str, blocks: &[Block], run: &Run) -> Vec<Grid> {
    let c = &run.cells;
    let mut out = Vec::new();
    let starts = std::iter::once(0).chain(run.row_ends.iter().copied());
    let mut done = 0;
    for p in starts {
        if p < done || p >= c.len() {
            continue;
        }
        let Some(roles) = header(text, c, p) else {
            continue;
        };
        let w = roles.len();
        let mut lines = Vec::new();
        let Some(head) = line_of(text, blocks, &c[p..p + w]) else {
            continue;
        };
        lines.push(head);
        let mut q = p + w;
        while q + w <= c.len() {
            let chunk = &c[q..q + w];
            let broken = run.row_ends.iter().any(|&e| e > q && e < q + w);
            if broken || !is_row(chunk, &roles) {
                break;
            }
            match line_of(text, blocks, chunk) {
                Some(l) => lines.push(l),
                None => break,
            }
            q += w;
        }
        if lines.len() > MIN_ROWS {
            out.push(Grid { lines });
            done = q;
        }
    }
    out
}

/// The score tables of the text laid out one cell per line, as layout for the scorecard.
pub fn score_grids(text: &str, blocks: &[Block]) -> Vec<Grid> {
    let ls = lines(text);
    runs(text, &ls)
        .iter()
        .filter(|r| r.bounded)
        .flat_map(|r| grid_of_run(text, blocks, r))
        .collect()
}
