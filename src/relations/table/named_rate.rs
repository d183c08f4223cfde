//! Rates whose operands the column names give, in tables whose columns have no funds roles:
//! a staff control rate (`控制率`, DOMAIN: 在职人员控制率 = staff in post / posts approved) in
//! a row that also stands under a column of the staff in post (`2023年实际在职人数`,
//! [`IN_POST_WORDS`](crate::relations::staff_rate::IN_POST_WORDS)) and one of the posts
//! approved (`编制数`). Exactly one column of each, or nothing is bound.
//!
//! And the rates of a lettered sheet (`crate::parse::table::lettered`): a column whose tag is a
//! formula (`预算到位（D/C×100%）`) over the columns lettered D and C. A row the extraction left
//! short of cells is read every way it can be — its figures in order, the row number under
//! `行次`, a percentage exactly under a formula column, no formula stated without its two
//! operands — and a formula is judged only when every such reading states it, by the same
//! cells.

use super::{RateNames, RowRate, judge_rate, judge_rate_over};
use crate::model::table::{ColumnRole, Row, Table, Uncertain};
use crate::parse::table::lettered::{ROW_NUMBER_COLUMNS, Tag, tag_of_name};
use crate::parse::table::roles::clean;

/// The most cells a short row may miss to be read every way it can be.
pub const MAX_MISSING: usize = 2;

/// Words of a column name that make it a staff control rate.
pub const STAFF_RATE_COLUMNS: &[&str] = &["控制率"];

/// Words of a column name that make it the posts approved.
pub const POSTS_WORDS: &[&str] = &["编制"];

/// Words that make a column no count of staff in post nor of posts (staff off the
/// establishment, posts vacant or exceeded).
pub const NOT_STAFF_WORDS: &[&str] = &["编外", "空编", "超编", "聘用", "临时"];

fn one(t: &Table, want: impl Fn(&str) -> bool) -> Option<usize> {
    let hits: Vec<usize> = (0..t.columns.len())
        .filter(|&k| t.columns[k] == ColumnRole::Other)
        .filter(|&k| {
            let n = clean(t.names.get(k).map(String::as_str).unwrap_or(""));
            !NOT_STAFF_WORDS.iter().any(|w| n.contains(w)) && want(&n)
        })
        .collect();
    match hits.as_slice() {
        [k] => Some(*k),
        _ => None,
    }
}

/// The columns of a staff control rate: (rate, staff in post, posts approved).
fn staff_columns(t: &Table) -> Option<(usize, usize, usize)> {
    let in_post = |n: &str| {
        crate::relations::staff_rate::IN_POST_WORDS
            .iter()
            .any(|w| n.contains(w))
    };
    let rate = one(t, |n| STAFF_RATE_COLUMNS.iter().any(|w| n.contains(w)))?;
    let num = one(t, |n| in_post(n) && !n.contains('率'))?;
    let den = one(t, |n| {
        POSTS_WORDS.iter().any(|w| n.contains(w)) && !in_post(n) && !n.contains('率')
    })?;
    Some((rate, num, den))
}

/// The rates of a table's rows whose operands its column names give.
pub fn rates(ti: usize, t: &Table, out: &mut Vec<RowRate>) {
    staff_rates(ti, t, out);
    lettered_rates(ti, t, out);
}

/// The formulas of a lettered table: (rate, numerator, denominator) columns.
fn formulas(t: &Table) -> Vec<(usize, usize, usize)> {
    let tags: Vec<Option<Tag>> = t.names.iter().map(|n| tag_of_name(n)).collect();
    let column = |c: char| {
        let hits: Vec<usize> = (0..tags.len())
            .filter(|&k| tags[k] == Some(Tag::Letter(c)))
            .collect();
        match hits.as_slice() {
            [k] => Some(*k),
            _ => None,
        }
    };
    (0..tags.len())
        .filter_map(|k| match tags[k] {
            Some(Tag::Formula(a, b)) => Some((k, column(a)?, column(b)?)),
            _ => None,
        })
        .collect()
}

/// Every reading of a row's cells under the value columns `1..=w`: for each, the cell (index
/// into the row's cells) under each column, `None` for a column left empty.
fn readings(t: &Table, r: &Row, formulas: &[(usize, usize, usize)]) -> Vec<Vec<Option<usize>>> {
    let w = t.columns.len() - 1;
    let n = r.cells.len();
    if r.certain {
        let mut at = vec![None; w + 1];
        for (i, c) in r.cells.iter().enumerate() {
            if let Some(k) = c.column.filter(|&k| k <= w) {
                at[k] = Some(i);
            }
        }
        return vec![at];
    }
    if !matches!(r.uncertain, Some(Uncertain::Short { .. })) || n > w || w - n > MAX_MISSING {
        return Vec::new();
    }
    let numbered = t
        .names
        .get(1)
        .is_some_and(|x| ROW_NUMBER_COLUMNS.contains(&clean(x).as_str()));
    let is_formula = |k: usize| formulas.iter().any(|f| f.0 == k);
    let mut out = Vec::new();
    // Choose the columns left empty, in increasing order.
    let mut empty: Vec<usize> = Vec::new();
    fn choose(
        from: usize,
        left: usize,
        w: usize,
        empty: &mut Vec<usize>,
        each: &mut dyn FnMut(&[usize]),
    ) {
        if left == 0 {
            each(empty);
            return;
        }
        for k in from..=w {
            empty.push(k);
            choose(k + 1, left - 1, w, empty, each);
            empty.pop();
        }
    }
    choose(1, w - n, w, &mut empty, &mut |empty: &[usize]| {
        let mut at = vec![None; w + 1];
        let mut next = 0;
        for (k, slot) in at.iter_mut().enumerate().skip(1) {
            if !empty.contains(&k) {
                *slot = Some(next);
                next += 1;
            }
        }
        let value = |i: usize| r.cells.get(i).and_then(|c| c.value.as_ref());
        let ok_number = !numbered
            || at[1]
                .and_then(value)
                .is_some_and(|v| v.decimals == 0 && !v.percent);
        let ok_percents = (1..=w).all(|k| match at[k] {
            Some(i) => value(i).is_some_and(|v| v.percent) == is_formula(k),
            None => true,
        });
        let ok_operands = formulas
            .iter()
            .all(|&(f, a, b)| at[f].is_none() || (at[a].is_some() && at[b].is_some()));
        if ok_number && ok_percents && ok_operands {
            out.push(at);
        }
    });
    out
}

/// The rates of a lettered table's rows, where every reading of the row agrees on the cells.
fn lettered_rates(ti: usize, t: &Table, out: &mut Vec<RowRate>) {
    let fs = formulas(t);
    if fs.is_empty() {
        return;
    }
    for (ri, r) in t.rows.iter().enumerate() {
        let reads = readings(t, r, &fs);
        for &(f, a, b) in &fs {
            let cells: Vec<(usize, usize, usize)> = reads
                .iter()
                .filter_map(|at| Some((at[f]?, at[a]?, at[b]?)))
                .collect();
            let Some(&(fi, ai, bi)) = cells.first() else {
                continue;
            };
            // Stated in every reading, by the same cells.
            if cells.len() != reads.len() || cells.iter().any(|c| *c != (fi, ai, bi)) {
                continue;
            }
            let value = |i: usize| r.cells.get(i).and_then(|c| c.value.as_ref());
            let (Some(rate), Some(num), Some(den)) = (value(fi), value(ai), value(bi)) else {
                continue;
            };
            if !rate.percent || num.percent || den.percent {
                continue;
            }
            out.push(RowRate {
                table: ti,
                row: ri,
                label: r.label.clone(),
                rate: rate.clone(),
                spent: num.clone(),
                budget: den.clone(),
                initial: None,
                verdict: judge_rate(rate, num, den),
                initial_explains: false,
                names: Some(RateNames {
                    rate: t.names[f].clone(),
                    numerator: t.names[a].clone(),
                    denominator: t.names[b].clone(),
                }),
            });
        }
    }
}

/// The staff control rates of a table's rows.
fn staff_rates(ti: usize, t: &Table, out: &mut Vec<RowRate>) {
    let Some((rk, nk, dk)) = staff_columns(t) else {
        return;
    };
    let name = |k: usize| t.names.get(k).cloned().unwrap_or_default();
    for (ri, r) in t.rows.iter().enumerate() {
        if !r.certain {
            continue;
        }
        let at = |k: usize| {
            r.cells
                .iter()
                .find(|c| c.column == Some(k))
                .and_then(|c| c.value.as_ref())
        };
        let (Some(rate), Some(num), Some(den)) = (at(rk), at(nk), at(dk)) else {
            continue;
        };
        if !rate.percent || num.percent || den.percent {
            continue;
        }
        out.push(RowRate {
            table: ti,
            row: ri,
            label: r.label.clone(),
            rate: rate.clone(),
            spent: num.clone(),
            budget: den.clone(),
            initial: None,
            // Persons are counted whole.
            verdict: judge_rate_over(rate, num, den, true),
            initial_explains: false,
            names: Some(RateNames {
                rate: name(rk),
                numerator: name(nk),
                denominator: name(dk),
            }),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::model::SourceFormat;
    use crate::relations::RatioVerdict;

    fn verdicts(text: &str) -> Vec<RatioVerdict> {
        let doc = crate::parse::parse(text, SourceFormat::Text);
        super::super::find(&doc)
            .rates
            .into_iter()
            .map(|r| r.verdict)
            .collect()
    }

    const STAFF: &str = "人员情况\n\n编制数\n\n2023 年实际在职人数\n\n控制率\n\n40\n\n38\n\n95.00%\n\n\
                         经费情况\n";

    #[test]
    fn a_staff_control_rate_over_the_columns_its_names_give() {
        assert_eq!(verdicts(STAFF), vec![RatioVerdict::Consistent]);
        let off = STAFF.replace("95.00%", "96.00%");
        assert!(matches!(
            verdicts(&off).as_slice(),
            [RatioVerdict::Mismatch { .. }]
        ));
    }

    const SHEET: &str = "资金投入情况\n行次 全年预算数\n(A)\n统筹整合资金数\n(B)\n\
        扣除统筹整合资金后预算金额\n(C)\n全年到位资金\n(D)\n预算到位\n(D/C×100%)\n全年执行资金\n(E)\n\
        预算执行\n(E/C×100%)\n列次 0 1 2 3 4 5 6 7\n\
        年度资金总额(万元): 1 80.00\n80.00 60.00 75.00% 45.00 56.25%\n\
        其中:中央财政资金(万元) 2 80.00 0 80.00 60.00 75.00% 45.00 56.25%\n\
        地方财政资金(万元) 3\n\n资金管理情况\n列次 8 9 10\n";

    #[test]
    fn lettered_formulas_in_full_rows_and_in_rows_short_of_a_cell() {
        // Both rows, both formulas: the short row reads one way for both (B or A empty).
        let v = verdicts(SHEET);
        assert_eq!(v.len(), 4, "{v:?}");
        assert!(v.iter().all(|x| *x == RatioVerdict::Consistent));
        let off = SHEET.replacen("80.00 60.00 75.00%", "80.00 60.00 76.00%", 1);
        assert!(matches!(
            verdicts(&off).first(),
            Some(RatioVerdict::Mismatch { .. })
        ));
    }

    #[test]
    fn a_short_row_whose_readings_disagree_binds_nothing() {
        // No 预算到位 stated, two cells missing: C may be the second figure or the third.
        let text = SHEET.replace(
            "1 80.00\n80.00 60.00 75.00% 45.00 56.25%",
            "1 80.00\n80.00 60.00 45.00 56.25%",
        );
        let doc = crate::parse::parse(&text, SourceFormat::Text);
        let r = super::super::find(&doc);
        assert!(r.rates.iter().all(|x| x.row != 0), "{:?}", r.rates);
    }

    #[test]
    fn columns_that_leave_more_than_one_reading_bind_nothing() {
        // Two counts of staff in post.
        let two = STAFF.replace("编制数", "在编人数");
        assert!(verdicts(&two).is_empty());
        // Staff off the establishment.
        let off = STAFF.replace("2023 年实际在职人数", "编外实有人数");
        assert!(verdicts(&off).is_empty());
    }
}
