//! Reading the header of a table laid out one cell per line: which cells name the columns,
//! their roles, a group over the last columns, and the totals the names state.

use crate::model::Span;
use crate::model::table::{ColumnRole, ColumnTotal};

use super::{JOINERS, Kind, RATE_WORDS, TOTAL_COLUMNS, Tok};
use crate::parse::table::roles::{bare_label, clean, header_role, strip_parens};

/// A cell's name as a header word: cleaned, without its `（…）` parts.
pub(super) fn word(name: &str) -> String {
    strip_parens(&clean(name))
}

pub(super) fn is_total_word(name: &str) -> bool {
    TOTAL_COLUMNS.contains(&word(name).as_str())
}

/// Whether a name holds rates or changes rather than amounts.
pub fn rate_like(name: &str) -> bool {
    let t = clean(name);
    RATE_WORDS.iter().any(|w| t.contains(w))
}

/// The bigrams of a name.
fn bigrams(s: &str) -> Vec<(char, char)> {
    let c: Vec<char> = s.chars().collect();
    c.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Whether `parts` are, one each, the things `whole` lists with 及 / 和 / 与 / 、
/// (`公务用车购置及运行维护费` over `公务用车购置费` and `公务用车运行维护费`; `公车购置及运行维护费`
/// over `车辆购置` and `车辆运行`). Each part must share a pair of characters with exactly one of
/// the listed things, none shared by every part (`公务用车` names them all), and each listed
/// thing must be named by exactly one part.
pub fn names_cover(whole: &str, parts: &[&str]) -> bool {
    let (w, _) = bare_label(whole);
    let w = strip_parens(&w);
    let pieces: Vec<&str> = w.split(JOINERS).filter(|p| !p.is_empty()).collect();
    if pieces.len() < 2
        || pieces.len() != parts.len()
        || pieces.iter().any(|p| p.chars().count() < 2)
    {
        return false;
    }
    let part_grams: Vec<Vec<(char, char)>> = parts
        .iter()
        .map(|p| bigrams(&strip_parens(&bare_label(p).0)))
        .collect();
    let common: Vec<(char, char)> = part_grams[0]
        .iter()
        .copied()
        .filter(|g| part_grams.iter().all(|p| p.contains(g)))
        .collect();
    let piece_grams: Vec<Vec<(char, char)>> = pieces.iter().map(|p| bigrams(p)).collect();
    let own: Vec<Vec<(char, char)>> = piece_grams
        .iter()
        .enumerate()
        .map(|(i, g)| {
            g.iter()
                .copied()
                .filter(|x| {
                    !common.contains(x)
                        && piece_grams
                            .iter()
                            .enumerate()
                            .all(|(j, o)| j == i || !o.contains(x))
                })
                .collect()
        })
        .collect();
    let mut named = vec![false; pieces.len()];
    for p in &part_grams {
        let hits: Vec<usize> = (0..pieces.len())
            .filter(|&i| own[i].iter().any(|g| p.contains(g)))
            .collect();
        let [one] = hits.as_slice() else {
            return false;
        };
        if named[*one] {
            return false;
        }
        named[*one] = true;
    }
    named.iter().all(|&n| n)
}

/// The header as read: each column's name and role, and the totals across columns.
pub(super) struct Header {
    pub names: Vec<String>,
    pub roles: Vec<ColumnRole>,
    pub totals: Vec<ColumnTotal>,
    /// Index in the header's cells of its first one.
    pub start: usize,
}

/// A header cell: its span and text.
#[derive(Debug, Clone)]
pub(super) struct HeadCell {
    pub span: Span,
    pub name: String,
    pub kind: Kind,
}

/// The header's cells, a cell that starts with a bracket joined to the one before it
/// (`年度预算申请` `(万元)` broken over two lines), and a column name broken in two (`年初`
/// `预算数`) joined when its first piece names no column and the whole does.
pub(super) fn head_cells(text: &str, cells: &[Tok]) -> Vec<HeadCell> {
    let mut out: Vec<HeadCell> = Vec::new();
    for c in cells {
        let t = clean(text.get(c.span.start..c.span.end).unwrap_or(""));
        if t.starts_with(['（', '('])
            && c.kind == Kind::Label
            && let Some(last) = out.last_mut().filter(|l| l.kind == Kind::Label)
        {
            last.name.push_str(&t);
            last.span = last.span.cover(c.span);
            continue;
        }
        if c.kind == Kind::Label
            && let Some(last) = out.last_mut().filter(|l| {
                l.kind == Kind::Label
                    && header_role(&l.name).is_none()
                    && header_role(&format!("{}{t}", l.name)).is_some()
            })
        {
            last.name.push_str(&t);
            last.span = last.span.cover(c.span);
            continue;
        }
        out.push(HeadCell {
            span: c.span,
            name: t,
            kind: c.kind,
        });
    }
    out
}

/// A value column's role: the header word's, unless it names a label column.
pub(super) fn value_role(name: &str) -> ColumnRole {
    match header_role(name) {
        Some(r) if !r.is_label() => r,
        _ => ColumnRole::Other,
    }
}

/// Words of a column name that make it one stage of an amount (its budget, what was spent):
/// columns of one thing at several stages are never summed across.
pub const STAGE_WORDS: &[&str] = &[
    "预算", "决算", "执行", "实际", "年初", "调整", "计划", "目标", "完成", "指标",
];

/// Whether a value column may be one of the parts its group's total sums.
fn summable_part(name: &str) -> bool {
    let w = word(name);
    !w.starts_with("其中")
        && !rate_like(name)
        && value_role(name) == ColumnRole::Other
        && !STAGE_WORDS.iter().any(|s| w.contains(s))
}

/// The total of a level of value columns (`leaves` in order): a 合计 first or last, over at
/// least two plain siblings.
pub(super) fn level_total(names: &[String], leaves: &[usize]) -> Option<ColumnTotal> {
    if leaves.len() < 3 {
        return None;
    }
    let totals: Vec<usize> = leaves
        .iter()
        .copied()
        .filter(|&l| is_total_word(&names[l]))
        .collect();
    let [total] = totals.as_slice() else {
        return None;
    };
    let first = leaves[0] == *total;
    let last = leaves[leaves.len() - 1] == *total;
    if !first && !last {
        return None;
    }
    let parts: Vec<usize> = leaves.iter().copied().filter(|l| l != total).collect();
    parts
        .iter()
        .all(|&p| summable_part(&names[p]))
        .then_some(ColumnTotal {
            total: *total,
            parts,
            open: false,
        })
}

pub(super) fn label_roles(cells: &[HeadCell]) -> Vec<ColumnRole> {
    let mut out = Vec::with_capacity(cells.len());
    let mut last = ColumnRole::Label(None);
    for c in cells {
        let role = match header_role(&c.name) {
            Some(r) if r.is_label() => r,
            _ if c.kind == Kind::Empty => last,
            _ => ColumnRole::Label(None),
        };
        out.push(role);
        last = role;
    }
    out
}

/// The label columns' header cells may be names or empty; the first named one is not a total
/// nor a unit line (`单位：万元`).
fn label_head_ok(cells: &[HeadCell]) -> bool {
    cells
        .iter()
        .all(|c| matches!(c.kind, Kind::Label | Kind::Empty))
        && cells
            .iter()
            .find(|c| c.kind == Kind::Label)
            .is_none_or(|c| !is_total_word(&c.name) && !c.name.contains("单位"))
}

/// A header of exactly `k + v` cells, every value column named, a 合计 only first or last.
pub(super) fn flat_header(
    cells: &[HeadCell],
    k: usize,
) -> Option<(Vec<String>, Vec<ColumnRole>, Vec<ColumnTotal>)> {
    let (label, values) = cells.split_at(k);
    if !label_head_ok(label) || values.iter().any(|c| c.kind != Kind::Label) {
        return None;
    }
    let names: Vec<String> = cells.iter().map(|c| c.name.clone()).collect();
    let leaves: Vec<usize> = (k..cells.len()).collect();
    let totals_named = leaves.iter().filter(|&&l| is_total_word(&names[l])).count();
    let total = level_total(&names, &leaves);
    // A total in the middle of the columns belongs to a group the header does not show.
    if totals_named > 1 || (totals_named == 1 && total.is_none() && middle_total(&names, &leaves)) {
        return None;
    }
    let mut roles = label_roles(label);
    roles.extend(values.iter().map(|c| value_role(&c.name)));
    Some((names, roles, total.into_iter().collect()))
}

fn middle_total(names: &[String], leaves: &[usize]) -> bool {
    leaves.len() > 2
        && leaves[1..leaves.len() - 1]
            .iter()
            .any(|&l| is_total_word(&names[l]))
}

/// A header of `k + v + 1` cells: one group cell over the last ones, which start with its
/// 合计 / 小计 and which its name lists ([`names_cover`]).
pub(super) fn group_header(
    cells: &[HeadCell],
    k: usize,
) -> Option<(Vec<String>, Vec<ColumnRole>, Vec<ColumnTotal>)> {
    let (label, values) = cells.split_at(k);
    if !label_head_ok(label) || values.iter().any(|c| c.kind != Kind::Label) {
        return None;
    }
    // The group: the cell before the only 合计 / 小计 after the first value column.
    let subs: Vec<usize> = (k + 1..cells.len())
        .filter(|&i| is_total_word(&cells[i].name))
        .collect();
    let [sub] = subs.as_slice() else {
        return None;
    };
    let g = sub - 1;
    let children: Vec<&str> = cells[sub + 1..].iter().map(|c| c.name.as_str()).collect();
    if g < k || children.len() < 2 || !names_cover(&cells[g].name, &children) {
        return None;
    }
    // The leaves: every cell but the group's; its 合计 takes the group's name.
    let mut names: Vec<String> = Vec::new();
    for (i, c) in cells.iter().enumerate() {
        if i == g {
            continue;
        }
        names.push(if i == *sub {
            cells[g].name.clone()
        } else {
            c.name.clone()
        });
    }
    let sub_leaf = sub - 1;
    let child_leaves: Vec<usize> = (sub_leaf + 1..names.len()).collect();
    if !child_leaves.iter().all(|&c| summable_part(&names[c])) {
        return None;
    }
    let mut totals = vec![ColumnTotal {
        total: sub_leaf,
        parts: child_leaves.clone(),
        open: false,
    }];
    let top: Vec<usize> = (k..names.len())
        .filter(|l| !child_leaves.contains(l))
        .collect();
    if middle_total(&names, &top) {
        return None;
    }
    totals.extend(level_total(&names, &top));
    let mut roles = label_roles(label);
    roles.extend(names[k..].iter().map(|n| value_role(n)));
    Some((names, roles, totals))
}

/// A header of `v` known column names right before the first row (and the names of the `k`
/// label cells before them, when they are names).
pub(super) fn known_header(
    cells: &[HeadCell],
    k: usize,
    v: usize,
) -> Option<(Vec<String>, Vec<ColumnRole>, usize)> {
    let values = cells.get(cells.len().checked_sub(v)?..)?;
    let roles: Vec<ColumnRole> = values
        .iter()
        .map(|c| header_role(&c.name).filter(|r| !r.is_label()))
        .collect::<Option<_>>()?;
    if roles.iter().filter(|r| r.is_figure()).count() < 2 {
        return None;
    }
    let before = cells.len() - v;
    let label_start = before.saturating_sub(k);
    let mut label: Vec<HeadCell> = cells[label_start..before]
        .iter()
        .filter(|c| matches!(c.kind, Kind::Label | Kind::Empty))
        .cloned()
        .collect();
    while label.len() < k {
        label.insert(
            0,
            HeadCell {
                span: Span::default(),
                name: String::new(),
                kind: Kind::Empty,
            },
        );
    }
    let label = &label[label.len() - k..];
    let mut names: Vec<String> = label.iter().map(|c| c.name.clone()).collect();
    names.extend(values.iter().map(|c| c.name.clone()));
    let mut all_roles = label_roles(label);
    all_roles.extend(roles);
    Some((names, all_roles, label_start))
}
