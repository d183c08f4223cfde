//! A table whose rows stand one per line as `|` cells under a header of two lines: the upper
//! names the label column, the columns that span both lines and, last, one cell per group; the
//! lower names each group's columns, each group starting with its 小计 / 合计.
//!
//! ```text
//! 地区 | 补助合计 | 其中：甲类补助 | 其中：乙类补助 |
//! 小计 | 第一批 | 第二批 | 小计 | 第一批 | 第二批 |
//! 某县 | 900 | 600 | 400 | 200 | 300 | 100 | 200 |
//! ```
//!
//! Read only when the counts leave one reading: the lower line splits at its 小计 cells into
//! `g` groups of three cells or more, the upper line's last `g` cells are those groups (each a
//! `其中` part or a name that lists its columns, `names_cover`), and every row holds exactly
//! the label, the upper line's other cells and the lower line's cells. Each group's 小计 is the
//! total of its columns; a group's name is no total of the columns before it. Groups that are
//! all `其中` parts break down the spanning column right before them (an open total: they may
//! name only its main parts).

use crate::model::Block;
use crate::model::Span;
use crate::model::table::{ColumnRole, ColumnTotal, Table, TableForm, Uncertain};

use super::header::{
    HeadCell, is_total_word, label_roles, level_total, names_cover, value_role, word,
};
use super::{Kind, Line, Tok, build_row, is_row, tok};

/// The fewest columns a group's line gives it: its 小计 and two parts.
const MIN_GROUP: usize = 3;

/// The cells of a line of three cells or more (header lines and rows all are).
fn cells_of(text: &str, line: &Line) -> Option<Vec<Tok>> {
    match line {
        Line::Cells { cells, .. } if line.whole_row() => {
            Some(cells.iter().map(|&s| tok(text, s)).collect())
        }
        _ => None,
    }
}

fn head(text: &str, t: &Tok) -> HeadCell {
    HeadCell {
        span: t.span,
        name: crate::parse::table::roles::clean(text.get(t.span.start..t.span.end).unwrap_or("")),
        kind: t.kind,
    }
}

/// The header read from its two lines: names, roles, totals, width.
fn header(
    text: &str,
    upper: &[Tok],
    lower: &[Tok],
) -> Option<(Vec<String>, Vec<ColumnRole>, Vec<ColumnTotal>)> {
    if upper.len() < 3 || upper.iter().chain(lower).any(|c| c.kind != Kind::Label) {
        return None;
    }
    let up: Vec<HeadCell> = upper.iter().map(|t| head(text, t)).collect();
    let low: Vec<HeadCell> = lower.iter().map(|t| head(text, t)).collect();
    if !is_total_word(&low[0].name) || is_total_word(&up[0].name) {
        return None;
    }
    // The groups of the lower line, each from a 小计 to the next.
    let starts: Vec<usize> = (0..low.len())
        .filter(|&i| is_total_word(&low[i].name))
        .collect();
    let groups: Vec<(usize, usize)> = starts
        .iter()
        .enumerate()
        .map(|(j, &a)| (a, starts.get(j + 1).copied().unwrap_or(low.len())))
        .collect();
    if groups.iter().any(|&(a, b)| b - a < MIN_GROUP) {
        return None;
    }
    let g = groups.len();
    let spanning = up.len().checked_sub(g).filter(|&n| n >= 1)?;
    for (j, &(a, b)) in groups.iter().enumerate() {
        let name = &up[spanning + j].name;
        let parts: Vec<&str> = low[a + 1..b].iter().map(|c| c.name.as_str()).collect();
        if !word(name).starts_with("其中") && !names_cover(name, &parts) {
            return None;
        }
    }
    // The leaves: the spanning cells, then the lower line, each 小计 named by its group.
    let mut names: Vec<String> = up[..spanning].iter().map(|c| c.name.clone()).collect();
    let mut totals = Vec::new();
    let mut top: Vec<usize> = (1..spanning).collect();
    for (j, &(a, b)) in groups.iter().enumerate() {
        let sub = names.len();
        names.push(up[spanning + j].name.clone());
        names.extend(low[a + 1..b].iter().map(|c| c.name.clone()));
        totals.push(ColumnTotal {
            total: sub,
            parts: (sub + 1..sub + (b - a)).collect(),
            open: false,
        });
        top.push(sub);
    }
    // A total over the spanning columns and the groups, only when one is named so; else
    // groups that are all `其中` parts break down the spanning column right before them
    // (`补助合计 | 其中：甲类补助 | 其中：乙类补助`), perhaps not all of it.
    match level_total(&names, &top) {
        Some(t) => totals.push(t),
        None if g >= 2
            && spanning >= 2
            && groups
                .iter()
                .enumerate()
                .all(|(j, _)| word(&up[spanning + j].name).starts_with("其中")) =>
        {
            totals.push(ColumnTotal {
                total: spanning - 1,
                parts: top[spanning - 1..].to_vec(),
                open: true,
            });
        }
        None => {}
    }
    let mut roles = label_roles(&up[..1]);
    roles.extend(names[1..].iter().map(|n| value_role(n)));
    Some((names, roles, totals))
}

/// Every such table of the text (`lines` as classified by the parent reader).
pub(super) fn read(text: &str, blocks: &[Block], lines: &[(Line, Span)], out: &mut Vec<Table>) {
    let mut i = 0;
    while i + 2 < lines.len() {
        let (Some(upper), Some(lower)) =
            (cells_of(text, &lines[i].0), cells_of(text, &lines[i + 1].0))
        else {
            i += 1;
            continue;
        };
        let Some((names, roles, totals)) = header(text, &upper, &lower) else {
            i += 1;
            continue;
        };
        let w = names.len();
        let mut rows = Vec::new();
        let mut ragged = false;
        let mut j = i + 2;
        while let Some((line @ Line::Cells { cells, .. }, _)) = lines.get(j) {
            let cells: Vec<Tok> = cells.iter().map(|&s| tok(text, s)).collect();
            if !line.whole_row() || cells.len() != w || !is_row(text, &cells, 1) {
                ragged = cells.iter().any(|c| c.kind == Kind::Value);
                break;
            }
            rows.push(build_row(text, blocks, &cells, 1, &roles));
            j += 1;
        }
        if rows.is_empty() {
            i += 1;
            continue;
        }
        let uncertain = if ragged {
            Some(Uncertain::Misaligned {
                cells: 0,
                columns: w,
            })
        } else {
            rows.iter().find_map(|r| r.uncertain)
        };
        let span = rows.iter().map(|r| r.span).fold(lines[i].1, Span::cover);
        out.push(Table {
            span,
            form: TableForm::Lines,
            columns: roles,
            rows,
            certain: uncertain.is_none(),
            uncertain,
            names,
            column_totals: totals,
        });
        i = j;
    }
}
