//! Relations inside tables, read from the one table model ([`crate::model::table`]) and
//! judged with the same interval arithmetic as prose (DOMAIN §3):
//!
//! * per row, 执行率 = 全年执行数 / 全年预算数 ([`RowRate`]); when the stated rate is instead
//!   执行数 / 年初预算数, the relation says so; a rate whose operands the column names give
//!   (控制率 = 实际在职人数 / 编制数): see `table/named_rate.rs`;
//! * a total row (年度资金总额) against its 其中 rows, amount column by amount column, and a
//!   合计 / 小计 row against the rows it sums ([`ColumnSum`]); rates, weights and scores are
//!   never summed, and a budget is never summed with what was spent;
//! * a 年度指标值 / 实际完成值 pair ([`TargetPair`]), and the narrative claims that every target
//!   was met (`均已完成`) that a missed target contradicts ([`ContradictedClaim`]);
//! * the totals a header states across columns, the rows a row sums by its name in tables read
//!   one cell per line, and the change between two years ([`TableGrowth`]): see `table/lines.rs`.
//!
//! Only rows read with certainty take part; a table that could not be read whole gives no
//! sum (its rows may be missing).

use rust_decimal::Decimal;

use super::{RatioVerdict, SumVerdict};
use crate::model::table::{CellValue, ColumnRole, Measure, Row, RowKind, Table, TableForm};

mod lines;
mod named_rate;
use crate::model::{Document, Span};
use crate::numeric::{Interval, round_half_up};
pub use lines::TableGrowth;

/// Everything found in a document's tables.
#[derive(Debug, Clone, Default)]
pub struct TableRelations {
    pub rates: Vec<RowRate>,
    pub sums: Vec<ColumnSum>,
    pub targets: Vec<TargetPair>,
    pub claims: Vec<ContradictedClaim>,
    pub growths: Vec<TableGrowth>,
}

impl TableRelations {
    pub fn count(&self) -> usize {
        self.rates.len()
            + self.sums.len()
            + self.targets.len()
            + self.claims.len()
            + self.growths.len()
    }
}

/// A row's stated 执行率 with the amounts it is the ratio of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowRate {
    pub table: usize,
    pub row: usize,
    /// The row's label (`年度资金总额`).
    pub label: String,
    pub rate: CellValue,
    pub spent: CellValue,
    pub budget: CellValue,
    pub initial: Option<CellValue>,
    pub verdict: RatioVerdict,
    /// The stated rate is 全年执行数 / 年初预算数 (the wrong base).
    pub initial_explains: bool,
    /// The names of the rate's columns when it is no 执行率 of a 项目资金 block (`spent` and
    /// `budget` then hold its numerator and denominator).
    pub names: Option<RateNames>,
}

/// The column names of a rate and of its operands (`控制率` = `实际在职人数` / `编制数`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateNames {
    pub rate: String,
    pub numerator: String,
    pub denominator: String,
}

/// A total cell against the cells it sums: down its column (a total row and its parts), or
/// along its row (a 合计 / 小计 column and the columns of its group, `across`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnSum {
    pub table: usize,
    pub row: usize,
    pub role: ColumnRole,
    /// The row's label.
    pub label: String,
    /// The header's name of the total's column, when the table keeps its names.
    pub column: String,
    /// The parts stand in the same row, under the columns the total's column sums.
    pub across: bool,
    pub total: CellValue,
    /// The part cells with their row labels (column names when `across`); empty cells count
    /// as zero and are left out.
    pub parts: Vec<(String, CellValue)>,
    pub verdict: SumVerdict,
}

/// A 年度指标值 and its 实际完成值.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetPair {
    pub table: usize,
    pub row: usize,
    pub label: String,
    pub target: Measure,
    pub actual: Measure,
    /// Whether the actual meets the target; `None` when the pair cannot be compared (other
    /// units, an actual that is itself a bound, a bare target in money whose direction is
    /// unknown).
    pub met: Option<bool>,
}

/// A sentence saying every target was met while a table row's actual misses its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContradictedClaim {
    /// The claim's words (`均已完成`).
    pub span: Span,
    /// Indices into [`TableRelations::targets`] of the missed targets.
    pub missed: Vec<usize>,
}

/// The interval a cell's value stands for (±½ unit of its last digit).
fn interval(v: &CellValue) -> Interval {
    Interval::of_written(v.value, v.decimals)
}

/// A rate cell as a percentage: written with `%`, or a bare number above 1.
fn as_percent(v: &CellValue) -> Option<&CellValue> {
    (v.percent || v.value > Decimal::ONE).then_some(v)
}

fn fits(rate: &CellValue, num: &CellValue, den: &CellValue) -> Option<bool> {
    fits_with(rate, interval(num), interval(den))
}

fn fits_with(rate: &CellValue, num: Interval, den: Interval) -> Option<bool> {
    let r = num.div(&den)?;
    Some(r.scale(Decimal::ONE_HUNDRED).meets(&interval(rate)))
}

/// Judge a stated percentage against `num / den`.
pub fn judge_rate(rate: &CellValue, num: &CellValue, den: &CellValue) -> RatioVerdict {
    judge_rate_over(rate, num, den, false)
}

/// Judge a stated percentage against `num / den`; `counts` when the operands are counts of
/// whole things (persons), exact as written rather than rounded.
pub fn judge_rate_over(
    rate: &CellValue,
    num: &CellValue,
    den: &CellValue,
    counts: bool,
) -> RatioVerdict {
    if den.value.is_zero() {
        return RatioVerdict::Undefined;
    }
    let operand = |v: &CellValue| {
        if counts && v.decimals == 0 {
            Interval::exact(v.value)
        } else {
            interval(v)
        }
    };
    if fits_with(rate, operand(num), operand(den)) != Some(false) {
        return RatioVerdict::Consistent;
    }
    let Some(central) = num
        .value
        .checked_div(den.value)
        .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
    else {
        return RatioVerdict::Undefined;
    };
    let expected = round_half_up(central, rate.decimals);
    let ulp = Decimal::new(1, rate.decimals);
    if (rate.value - central).abs() < ulp {
        return RatioVerdict::Rounding {
            expected,
            truncated: crate::numeric::truncate(central, rate.decimals) == rate.value,
            within_operands: false,
        };
    }
    RatioVerdict::Mismatch {
        expected,
        inverted: false,
    }
}

fn rates(ti: usize, t: &Table, out: &mut Vec<RowRate>) {
    for (ri, r) in t.rows.iter().enumerate() {
        let (Some(rate), Some(spent), Some(budget)) = (
            r.value(t, ColumnRole::Rate).and_then(as_percent),
            r.value(t, ColumnRole::Spent),
            r.value(t, ColumnRole::Budget),
        ) else {
            continue;
        };
        let initial = r.value(t, ColumnRole::InitialBudget).cloned();
        let verdict = judge_rate(rate, spent, budget);
        let initial_explains = matches!(verdict, RatioVerdict::Mismatch { .. })
            && initial
                .as_ref()
                .is_some_and(|i| !i.value.is_zero() && fits(rate, spent, i) == Some(true));
        out.push(RowRate {
            table: ti,
            row: ri,
            label: r.label.clone(),
            rate: rate.clone(),
            spent: spent.clone(),
            budget: budget.clone(),
            initial,
            verdict,
            initial_explains,
            names: None,
        });
    }
}

/// Judge a total against its parts (intervals; a shortfall is judged because a table's
/// 其中 rows, 合计 and 小计 are the whole breakdown).
pub(crate) fn judge_sum(total: &CellValue, parts: &[(String, CellValue)]) -> SumVerdict {
    let sum = parts
        .iter()
        .fold(Interval::exact(Decimal::ZERO), |a, (_, p)| {
            a.add(&interval(p))
        });
    if sum.meets(&interval(total)) {
        return SumVerdict::Consistent;
    }
    let central: Decimal = parts.iter().map(|(_, p)| p.value).sum();
    SumVerdict::Mismatch {
        sum: central,
        exceeds: central > total.value,
    }
}

/// Judge a total against parts that may name only its main parts (`其中` columns): a sum
/// above the total is off, and so is one short of it by no more than a slip
/// ([`crate::relations::sum::SLIP_SHARE`] of the total); a larger shortfall is a partial list.
pub(crate) fn judge_open_sum(total: &CellValue, parts: &[(String, CellValue)]) -> SumVerdict {
    let v = judge_sum(total, parts);
    match v {
        SumVerdict::Mismatch {
            sum,
            exceeds: false,
        } if total.value.is_zero()
            || (total.value - sum) / total.value > super::sum::SLIP_SHARE =>
        {
            SumVerdict::Partial
        }
        v => v,
    }
}

/// The amount cells of a group of rows under one column: `None` when a row is uncertain or
/// a cell holds text.
fn column_parts(t: &Table, rows: &[&Row], role: ColumnRole) -> Option<Vec<(String, CellValue)>> {
    let mut out = Vec::new();
    for r in rows {
        if !r.certain {
            return None;
        }
        match r.value(t, role) {
            Some(v) => out.push((r.label.clone(), v.clone())),
            None => {
                // An empty or blank cell is a zero; anything else is not read.
                let cell = r.cell(t, role);
                if cell.is_some_and(|c| !c.span.is_empty() && c.measure.is_some()) {
                    return None;
                }
            }
        }
    }
    Some(out)
}

fn sums(ti: usize, t: &Table, out: &mut Vec<ColumnSum>) {
    if !t.certain {
        return;
    }
    let amount_cols: Vec<ColumnRole> =
        t.columns
            .iter()
            .copied()
            .filter(|c| c.is_amount())
            .fold(Vec::new(), |mut v, c| {
                if !v.contains(&c) {
                    v.push(c);
                }
                v
            });
    let mut push = |ri: usize, total_row: &Row, group: &[&Row]| {
        if group.is_empty() {
            return;
        }
        for &role in &amount_cols {
            let Some(total) = total_row.value(t, role) else {
                continue;
            };
            let Some(parts) = column_parts(t, group, role) else {
                continue;
            };
            if parts.is_empty() && total.value.is_zero() {
                continue;
            }
            out.push(ColumnSum {
                table: ti,
                row: ri,
                role,
                label: total_row.label.clone(),
                column: String::new(),
                across: false,
                total: total.clone(),
                verdict: judge_sum(total, &parts),
                parts,
            });
        }
    };
    let rows = &t.rows;
    let mut since_subtotal: Vec<&Row> = Vec::new();
    let mut top: Vec<&Row> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let r = &rows[i];
        match r.kind {
            RowKind::Total => {
                let group: Vec<&Row> = rows[i + 1..]
                    .iter()
                    .take_while(|p| p.kind == RowKind::Part)
                    .collect();
                push(i, r, &group);
                top.push(r);
                since_subtotal.push(r);
                i += 1 + group.len();
                continue;
            }
            RowKind::Subtotal => {
                push(i, r, &since_subtotal);
                since_subtotal.clear();
            }
            RowKind::GrandTotal => {
                push(i, r, &top);
                top.clear();
                since_subtotal.clear();
            }
            // A part with no total above it is an ordinary row of the table.
            _ => {
                top.push(r);
                since_subtotal.push(r);
            }
        }
        i += 1;
    }
}

/// Whether a target and an actual can be compared, and whether the actual meets it.
fn met(target: &Measure, actual: &Measure) -> Option<bool> {
    if target.unit != actual.unit || actual.cmp != crate::model::table::Cmp::Eq {
        return None;
    }
    // A bare money target (`1500元/座`) may be a ceiling or a floor.
    if target.cmp == crate::model::table::Cmp::Eq && target.unit.contains('元') {
        return None;
    }
    Some(target.cmp.met_by(target.value, actual.value))
}

fn targets(ti: usize, t: &Table, out: &mut Vec<TargetPair>) {
    for (ri, r) in t.rows.iter().enumerate() {
        let (Some(target), Some(actual)) = (
            r.cell(t, ColumnRole::Target)
                .and_then(|c| c.measure.clone()),
            r.cell(t, ColumnRole::Actual)
                .and_then(|c| c.measure.clone()),
        ) else {
            continue;
        };
        out.push(TargetPair {
            table: ti,
            row: ri,
            label: r.label.clone(),
            met: met(&target, &actual),
            target,
            actual,
        });
    }
}

/// The sentences saying every target was met ([`Document::all_met_claims`]) when a row
/// misses its target.
fn claims(doc: &Document, targets: &[TargetPair], out: &mut Vec<ContradictedClaim>) {
    let missed: Vec<usize> = targets
        .iter()
        .enumerate()
        .filter(|(_, p)| p.met == Some(false))
        .map(|(k, _)| k)
        .collect();
    if missed.is_empty() {
        return;
    }
    for &span in &doc.all_met_claims {
        out.push(ContradictedClaim {
            span,
            missed: missed.clone(),
        });
    }
}

/// The relations of a document's tables.
pub fn find(doc: &Document) -> TableRelations {
    let mut r = TableRelations::default();
    for (ti, t) in doc.tables.iter().enumerate() {
        rates(ti, t, &mut r.rates);
        named_rate::rates(ti, t, &mut r.rates);
        // Tables that keep their column names are summed by the names of their rows.
        if t.form == TableForm::Lines || !t.names.is_empty() {
            lines::nested_sums(ti, t, &mut r.sums);
        } else {
            sums(ti, t, &mut r.sums);
        }
        lines::row_sums(ti, t, &mut r.sums);
        lines::growths(ti, t, &mut r.growths);
        targets(ti, t, &mut r.targets);
    }
    claims(doc, &r.targets, &mut r.claims);
    r
}
