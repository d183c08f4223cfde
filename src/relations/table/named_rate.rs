//! Rates whose operands the column names give, in tables whose columns have no funds roles:
//! a staff control rate (`控制率`, DOMAIN: 在职人员控制率 = staff in post / posts approved) in
//! a row that also stands under a column of the staff in post (`2023年实际在职人数`,
//! [`IN_POST_WORDS`](crate::relations::staff_rate::IN_POST_WORDS)) and one of the posts
//! approved (`编制数`). Exactly one column of each, or nothing is bound.

use super::{RateNames, RowRate, judge_rate_over};
use crate::model::table::{ColumnRole, Table};
use crate::parse::table::roles::clean;

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

/// The staff control rates of a table's rows.
pub fn rates(ti: usize, t: &Table, out: &mut Vec<RowRate>) {
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
