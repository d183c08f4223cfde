//! Relations of tables that state their structure by names rather than by a template: the
//! totals across columns a header states ([`crate::model::table::ColumnTotal`]), the rows a
//! row sums by its name, and the change between two years.
//!
//! * Along a row: a 合计 / 小计 column against the columns of its group, in every row read
//!   with certainty that holds amounts (a row of rates or changes, `增减%`, is not summed); a
//!   column against the `其中` columns after it, which may name only its main parts.
//! * Down a column, in tables read one cell per line: a funds total (年度资金总额) against
//!   the 其中 rows after it; a row whose name lists things (`公务用车购置及运行维护费`) against
//!   the rows after it that name them one each (`cell_lines::names_cover`); and a 合计 /
//!   总计 row, first or last, against the rows not under another — or a row naming a whole
//!   (`“三公”经费`) against rows that are its complete breakdown by definition
//!   ([`crate::relations::labels_complete`]). A 其中 list that its parent's name does not
//!   list may be partial: it is not summed, and when the rows after it may or may not belong
//!   to it, no total over the table is judged.
//! * Between years: two rows (or columns) named by a year and one named by both years with a
//!   change word (`2023年比2022年增减%`, `较上年增长率`), cell by cell: the change stated
//!   against (later − earlier) / earlier, or against later − earlier for an amount (`增减额`).
//!
//! Rates, weights and scores are never summed; only tables (or rows) read with certainty take
//! part.

use rust_decimal::Decimal;

use super::{ColumnSum, interval, judge_open_sum, judge_sum};
use crate::model::table::{CellValue, ColumnRole, Row, RowKind, Table, Uncertain};
use crate::numeric::{Interval, round_half_up};
use crate::parse::structure::marker_at;
use crate::parse::table::cell_lines::{JOINERS, names_cover, rate_like};
use crate::parse::table::roles::{bare_label, clean, strip_parens};

/// Words of a first or last row's name that make it the total of the rows beside it.
pub const WHOLE_WORDS: &[&str] = &["合计", "总计", "总额", "三公"];

/// Words that make a row or column the change between two years.
pub const CHANGE_WORDS: &[&str] = &[
    "增减", "增长", "变动", "变化", "下降", "减少", "增加", "比", "较",
];

/// Change words that state a decrease as a positive number (`下降率`).
pub const DECREASE_WORDS: &[&str] = &["下降", "减少"];

/// A change between two years stated in a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableGrowth {
    pub table: usize,
    /// The change's row (or column) name, and the names of the two years' rows (columns).
    pub label: String,
    pub current_label: String,
    pub prior_label: String,
    /// The name of the column (or row) the three cells stand in.
    pub along: String,
    pub stated: CellValue,
    pub current: CellValue,
    pub prior: CellValue,
    /// The change is a percentage of the earlier value (else an amount).
    pub percent: bool,
    /// The stated change is a decrease written as a positive number (`下降率`).
    pub decrease: bool,
    /// The change the two values give, at the stated change's decimals.
    pub expected: Decimal,
    /// The stated change meets the change the two values may give (each ± half a unit).
    pub consistent: bool,
}

/// The cell of a row under column `k` (rows read with certainty only).
fn cell_value(r: &Row, k: usize) -> Option<Option<&CellValue>> {
    if !r.certain {
        return None;
    }
    Some(
        r.cells
            .iter()
            .find(|c| c.column == Some(k))
            .and_then(|c| c.value.as_ref()),
    )
}

fn name_of(t: &Table, k: usize) -> &str {
    t.names.get(k).map(String::as_str).unwrap_or("")
}

/// Totals along each row, as the header states them.
pub fn row_sums(ti: usize, t: &Table, out: &mut Vec<ColumnSum>) {
    for ct in &t.column_totals {
        'rows: for (ri, r) in t.rows.iter().enumerate() {
            if rate_like(&r.label) {
                continue;
            }
            let Some(Some(total)) = cell_value(r, ct.total) else {
                continue;
            };
            if total.percent {
                continue;
            }
            let mut parts = Vec::new();
            for &p in &ct.parts {
                match cell_value(r, p) {
                    Some(Some(v)) if v.percent => continue 'rows,
                    Some(Some(v)) => parts.push((name_of(t, p).to_string(), v.clone())),
                    Some(None) => {}
                    None => continue 'rows,
                }
            }
            if parts.is_empty() && total.value.is_zero() {
                continue;
            }
            out.push(ColumnSum {
                table: ti,
                row: ri,
                role: t
                    .columns
                    .get(ct.total)
                    .copied()
                    .unwrap_or(ColumnRole::Other),
                label: r.label.clone(),
                column: name_of(t, ct.total).to_string(),
                across: true,
                verdict: if ct.open {
                    judge_open_sum(total, &parts)
                } else {
                    judge_sum(total, &parts)
                },
                total: total.clone(),
                parts,
            });
        }
    }
}

/// The columns whose cells may be summed down: amounts, or figures under a name that is no
/// rate, never written as percentages.
fn summable_columns(t: &Table) -> Vec<usize> {
    (0..t.columns.len())
        .filter(|&k| {
            let role = t.columns[k];
            let name = name_of(t, k);
            let plain = role.is_amount() || (role == ColumnRole::Other && !rate_like(name));
            plain
                && !t.rows.iter().any(|r| {
                    r.cells
                        .iter()
                        .any(|c| c.column == Some(k) && c.value.as_ref().is_some_and(|v| v.percent))
                })
        })
        .collect()
}

/// How many things a name lists (`A及B` → 2; numbering aside: `1、A和B` → 2).
fn listed(label: &str) -> usize {
    let t = strip_parens(&bare_label(label).0);
    let n = t.split(JOINERS).filter(|p| !p.is_empty()).count();
    if n >= 2 { n } else { 0 }
}

/// Whether a row's name makes it a total: 合计, 总计, or a whole (`总“三公”经费支出`).
fn names_whole(r: &Row) -> bool {
    let t: String = clean(&r.label)
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '\'' | '‘' | '’'))
        .collect();
    r.kind == RowKind::GrandTotal
        || t.starts_with('总')
        || WHOLE_WORDS.iter().any(|w| t.contains(w))
}

/// A group of rows a row sums.
struct Group {
    total: usize,
    parts: Vec<usize>,
}

/// Sums down the columns of a table read one cell per line, from the names of its rows.
pub fn nested_sums(ti: usize, t: &Table, out: &mut Vec<ColumnSum>) {
    // Rows short of figures are left out of every sum; any other doubt leaves the table out.
    if !t.certain
        && !t
            .rows
            .iter()
            .all(|r| r.certain || matches!(r.uncertain, Some(Uncertain::Short { .. })))
    {
        return;
    }
    let rows = &t.rows;
    let n = rows.len();
    let mut under = vec![false; n];
    let mut groups: Vec<Group> = Vec::new();
    // Rows after a 其中 list that may or may not belong to it.
    let mut unsure = false;
    let is_total_kind = |r: &Row| matches!(r.kind, RowKind::GrandTotal | RowKind::Subtotal);
    let mut i = 0;
    while i < n {
        let r = &rows[i];
        if r.kind == RowKind::Total {
            let parts: Vec<usize> = (i + 1..n)
                .take_while(|&j| rows[j].kind == RowKind::Part)
                .collect();
            if !parts.is_empty() {
                for &j in &parts {
                    under[j] = true;
                }
                i += 1 + parts.len();
                groups.push(Group {
                    total: i - 1 - parts.len(),
                    parts,
                });
                continue;
            }
        }
        let m = listed(&r.label);
        if m >= 2 && i + m < n {
            let labels: Vec<&str> = rows[i + 1..=i + m]
                .iter()
                .map(|x| x.label.as_str())
                .collect();
            if !rows[i + 1..=i + m]
                .iter()
                .any(|x| is_total_kind(x) || x.kind == RowKind::Total)
                && names_cover(&r.label, &labels)
            {
                let parts: Vec<usize> = (i + 1..=i + m).collect();
                for &j in &parts {
                    under[j] = true;
                }
                groups.push(Group { total: i, parts });
                i += 1 + m;
                continue;
            }
        }
        if i + 1 < n && rows[i + 1].kind == RowKind::Part && !is_total_kind(r) {
            // A 其中 list: parts of the row above, perhaps not all of it.
            let parts: Vec<usize> = (i + 1..n)
                .take_while(|&j| rows[j].kind == RowKind::Part)
                .collect();
            for &j in &parts {
                under[j] = true;
            }
            let after = i + 1 + parts.len();
            if after < n && !is_total_kind(&rows[after]) {
                unsure = true;
            }
            i = after;
            continue;
        }
        i += 1;
    }
    numbered_groups(rows, &mut under, &mut groups);
    // A total over the rows under no other, first or last.
    let top: Vec<usize> = (0..n).filter(|&j| !under[j]).collect();
    let ends: Vec<usize> = top
        .iter()
        .copied()
        .filter(|&j| (j == 0 || j == n - 1) && names_whole(&rows[j]))
        .collect();
    if let ([g], false) = (ends.as_slice(), unsure) {
        let rest: Vec<usize> = top.iter().copied().filter(|j| j != g).collect();
        let plain = rest
            .iter()
            .all(|&j| !is_total_kind(&rows[j]) && !names_whole(&rows[j]));
        let labels: Vec<&str> = rest.iter().map(|&j| rows[j].label.as_str()).collect();
        let whole =
            rows[*g].kind == RowKind::GrandTotal || crate::relations::labels_complete(&labels);
        if rest.len() >= 2 && plain && whole {
            groups.push(Group {
                total: *g,
                parts: rest,
            });
        }
    }
    let columns = summable_columns(t);
    for g in &groups {
        let total_row = &rows[g.total];
        for &k in &columns {
            let Some(Some(total)) = cell_value(total_row, k) else {
                continue;
            };
            let mut parts = Vec::new();
            let mut read = true;
            for &p in &g.parts {
                match cell_value(&rows[p], k) {
                    Some(Some(v)) => parts.push((rows[p].label.clone(), v.clone())),
                    Some(None) => {}
                    None => read = false,
                }
            }
            if !read || (parts.is_empty() && total.value.is_zero()) {
                continue;
            }
            out.push(ColumnSum {
                table: ti,
                row: g.total,
                role: t.columns[k],
                label: total_row.label.clone(),
                column: name_of(t, k).to_string(),
                across: false,
                verdict: judge_sum(total, &parts),
                total: total.clone(),
                parts,
            });
        }
    }
}

/// The number of a row's numbering (`1、公务用车…` → 1), when its name keeps it.
fn number(r: &Row) -> Option<u32> {
    marker_at(&r.label).map(|(_, n, _)| n)
}

/// The numbered items (`1、` `2、` `3、`, each with the rows under it) right after a row that is
/// not numbered: its parts, when their names are all of it by definition
/// ([`crate::relations::labels_complete`]: `“三公”经费` over 公务用车, 出国, 公务接待).
fn numbered_groups(rows: &[Row], under: &mut [bool], groups: &mut Vec<Group>) {
    let n = rows.len();
    for i in 0..n {
        if under[i] || number(&rows[i]).is_some() {
            continue;
        }
        let mut items = Vec::new();
        for j in i + 1..n {
            if under[j] {
                continue;
            }
            match number(&rows[j]) {
                Some(k) if k as usize == items.len() + 1 => items.push(j),
                _ => break,
            }
        }
        let labels: Vec<String> = items
            .iter()
            .map(|&j| bare_label(&rows[j].label).0)
            .collect();
        let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
        if items.len() >= 2 && crate::relations::labels_complete(&labels) {
            for &j in &items {
                under[j] = true;
            }
            groups.push(Group {
                total: i,
                parts: items,
            });
        }
    }
}

/// The year a name is (`2015年`, `2015年度`, `2015`): nothing else in it.
fn year_of(name: &str) -> Option<u16> {
    let t = strip_parens(&clean(name));
    let rest = t
        .strip_suffix("年度")
        .or_else(|| t.strip_suffix('年'))
        .unwrap_or(&t);
    (rest.len() == 4 && rest.bytes().all(|b| b.is_ascii_digit()))
        .then(|| rest.parse().ok())
        .flatten()
}

/// The years a name mentions (`2016年比2015年增减%` → 2016, 2015).
fn years_in(name: &str) -> Vec<u16> {
    let b = name.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            if let Ok(y) = name[i..i + 4].parse() {
                out.push(y);
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// What a change line states, from its name: `Some((percent, decrease))`.
fn change_kind(name: &str) -> Option<(bool, bool)> {
    let t = clean(name);
    if !CHANGE_WORDS.iter().any(|w| t.contains(w)) {
        return None;
    }
    let decrease = DECREASE_WORDS.iter().any(|w| t.contains(w)) && !t.contains("增");
    if t.contains('%') || t.contains('率') || t.contains("幅") {
        Some((true, decrease))
    } else if t.contains("增减额") || t.contains("额") || t.contains("金额") {
        Some((false, decrease))
    } else {
        None
    }
}

/// The lines (rows or columns) of a table: each line's name, and its cell at a position
/// across.
struct Lines<'a> {
    names: Vec<String>,
    cell: Box<dyn Fn(usize, usize) -> Option<&'a CellValue> + 'a>,
    across: Vec<String>,
}

/// The two year lines and the change line of a table's lines, when its names give them.
fn year_change(names: &[String]) -> Option<(usize, usize, usize, bool, bool)> {
    let years: Vec<(usize, u16)> = names
        .iter()
        .enumerate()
        .filter_map(|(i, n)| year_of(n).map(|y| (i, y)))
        .collect();
    let [(a, ya), (b, yb)] = years.as_slice() else {
        return None;
    };
    let ((cur, ycur), (prior, yprior)) = if ya > yb {
        ((*a, *ya), (*b, *yb))
    } else {
        ((*b, *yb), (*a, *ya))
    };
    if ycur == yprior {
        return None;
    }
    let changes: Vec<(usize, bool, bool)> = names
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != cur && *i != prior)
        .filter_map(|(i, n)| {
            let ys = years_in(n);
            let (percent, decrease) = change_kind(n)?;
            (ys.len() == 2 && ys.contains(&ycur) && ys.contains(&yprior))
                .then_some((i, percent, decrease))
        })
        .collect();
    let [(change, percent, decrease)] = changes.as_slice() else {
        return None;
    };
    Some((cur, prior, *change, *percent, *decrease))
}

fn judge_lines(ti: usize, lines: &Lines<'_>, out: &mut Vec<TableGrowth>) {
    let Some((cur, prior, change, percent, decrease)) = year_change(&lines.names) else {
        return;
    };
    for (x, along) in lines.across.iter().enumerate() {
        let (Some(c), Some(p), Some(s)) = (
            (lines.cell)(cur, x),
            (lines.cell)(prior, x),
            (lines.cell)(change, x),
        ) else {
            continue;
        };
        if c.percent || p.percent || (s.percent && !percent) {
            continue;
        }
        let (ci, pi, si) = (interval(c), interval(p), interval(s));
        let si = if decrease {
            Interval {
                lo: -si.hi,
                hi: -si.lo,
            }
        } else {
            si
        };
        let (consistent, central) = if percent {
            if pi.lo <= Decimal::ZERO {
                continue;
            }
            // (c − p) / p = c / p − 1: the earlier value is one figure in both places.
            let q: Option<Vec<Decimal>> = [
                (ci.lo, pi.lo),
                (ci.lo, pi.hi),
                (ci.hi, pi.lo),
                (ci.hi, pi.hi),
            ]
            .iter()
            .map(|(a, b)| a.checked_div(*b))
            .collect();
            let Some(q) = q else { continue };
            let lo = q.iter().copied().fold(Decimal::MAX, Decimal::min) - Decimal::ONE;
            let hi = q.iter().copied().fold(Decimal::MIN, Decimal::max) - Decimal::ONE;
            let rate = Interval { lo, hi }.scale(Decimal::ONE_HUNDRED);
            let Some(central) = (c.value - p.value)
                .checked_div(p.value)
                .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
            else {
                continue;
            };
            (rate.meets(&si), central)
        } else {
            (ci.sub(&pi).meets(&si), c.value - p.value)
        };
        let central = if decrease { -central } else { central };
        out.push(TableGrowth {
            table: ti,
            label: lines.names[change].clone(),
            current_label: lines.names[cur].clone(),
            prior_label: lines.names[prior].clone(),
            along: along.clone(),
            stated: s.clone(),
            current: c.clone(),
            prior: p.clone(),
            percent,
            decrease,
            expected: round_half_up(central, s.decimals),
            consistent,
        });
    }
}

/// Changes between two years, between rows named by years and between columns so named.
pub fn growths(ti: usize, t: &Table, out: &mut Vec<TableGrowth>) {
    let value_cols: Vec<usize> = (0..t.columns.len())
        .filter(|&k| !t.columns[k].is_label())
        .collect();
    let rows = Lines {
        names: t.rows.iter().map(|r| r.label.clone()).collect(),
        cell: Box::new(|line, x| cell_value(&t.rows[line], value_cols[x]).flatten()),
        across: value_cols
            .iter()
            .map(|&k| name_of(t, k).to_string())
            .collect(),
    };
    judge_lines(ti, &rows, out);
    if t.names.len() == t.columns.len() {
        let cols = Lines {
            names: value_cols
                .iter()
                .map(|&k| name_of(t, k).to_string())
                .collect(),
            cell: Box::new(|line, x| cell_value(&t.rows[x], value_cols[line]).flatten()),
            across: t.rows.iter().map(|r| r.label.clone()).collect(),
        };
        judge_lines(ti, &cols, out);
    }
}

#[cfg(test)]
mod tests;
