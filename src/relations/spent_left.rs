//! What was spent and what is left of one fund, each stated with its rate and no whole
//! (`共支出专项资金8150.40万元，支出进度81.50%` … `共结余专项资金1849.60万元，结余率18.50%`):
//! a spending rate and a remainder rate of one subject that together make 100% say that the
//! amount spent and the amount left are all of the fund, so the fund is their sum and each rate
//! is judged as its amount over that sum (a [`SummedShareClaim`]).
//!
//! The two amounts are paired by their subject — the amount's label less the word of what was
//! done with it (`部门支出` ↔ `部门结余`) — never by position alone: each subject must name one
//! amount spent and one amount left, and the two rates must total 100% within their rounding
//! and [`SUMMED_WHOLE_SLACK`]. A remainder rate over another base (a 结转结余率 of the budget
//! and the funds carried over) does not make 100% with the spending rate and is left unbound.

use super::*;
use crate::model::Period;

/// Words of an amount spent, struck from its label to leave its subject (`部门支出` → `部门`).
pub const SPENT_WORDS_OF_FUND: &[&str] = &["支出", "使用", "拨付", "支付", "执行"];

/// Words of an amount left, struck from its label to leave its subject (`部门结余` → `部门`);
/// longer words first.
pub const LEFT_WORDS_OF_FUND: &[&str] = &["结转结余", "结余", "剩余", "结转"];

/// Label endings of a remainder rate (结余率: the amount left over the fund).
pub const LEFT_RATE_ENDINGS: &[&str] = &["结转结余率", "结余率", "剩余率", "结转率"];

/// Words that make an amount no amount spent (`未支出`, `尚未使用`).
const NOT_SPENT: &[&str] = &["未", "结余", "剩余", "结转"];

/// The fewest characters a subject must have for two amounts to be paired by it: 2 (`部门`,
/// `乡镇`; never an empty subject).
pub const MIN_FUND_SUBJECT_CHARS: usize = 2;

/// One side of a pair: the rate, its amount, and the amount's subject.
struct Side {
    rate: usize,
    amount: usize,
    subject: String,
}

/// The subject of a label: the label without the first of `words` it holds, or `None` when it
/// holds none.
fn subject_without(label: &str, words: &[&str]) -> Option<String> {
    let w = words.iter().find(|w| label.contains(*w))?;
    Some(label.replacen(w, "", 1))
}

/// The amount a rate is stated right after, in its sentence: exact, in money, no change.
fn amount_before(doc: &Document, ri: usize) -> Option<usize> {
    let qs = &doc.quantities;
    let r = &qs[ri];
    let p = ri.checked_sub(1)?;
    let a = &qs[p];
    (a.block == r.block
        && a.sentence == r.sentence
        && a.unit.is_money()
        && a.qualifier.is_none()
        && doc.in_prose(a)
        && !is_change_label(a.label_text()))
    .then_some(p)
}

/// Pairs of a spending rate and a remainder rate of one subject that total 100%, as summed
/// shares of the sum of their amounts. Rates bound elsewhere (`ratios`, `summed`) are left
/// alone.
pub(super) fn find_spent_left(
    doc: &Document,
    ratios: &[RatioClaim],
    summed: &[SummedShareClaim],
) -> Vec<SummedShareClaim> {
    let qs = &doc.quantities;
    let taken: std::collections::HashSet<usize> = ratios
        .iter()
        .map(|c| c.rate)
        .chain(summed.iter().map(|c| c.rate))
        .collect();
    let mut spent: Vec<Side> = Vec::new();
    let mut left: Vec<Side> = Vec::new();
    for (ri, r) in qs.iter().enumerate() {
        if r.unit != Unit::Percent
            || r.qualifier.is_some()
            || !doc.in_prose(r)
            || taken.contains(&ri)
        {
            continue;
        }
        let Some(p) = amount_before(doc, ri) else {
            continue;
        };
        let label = qs[p].label_text();
        let rl = r.label_text();
        if r.concept() == Some("rate.execution") && !NOT_SPENT.iter().any(|w| label.contains(w)) {
            if let Some(subject) = subject_without(label, SPENT_WORDS_OF_FUND) {
                spent.push(Side {
                    rate: ri,
                    amount: p,
                    subject,
                });
            }
        } else if LEFT_RATE_ENDINGS.iter().any(|e| rl.ends_with(e))
            && let Some(subject) = subject_without(label, LEFT_WORDS_OF_FUND)
        {
            left.push(Side {
                rate: ri,
                amount: p,
                subject,
            });
        }
    }
    // One side of each subject, year and period (`部门支出` of 2018 and of 2019 are two).
    type Key = (String, Option<u16>, Option<Period>);
    let key = |side: &Side| -> Key {
        let q = &qs[side.amount];
        (side.subject.clone(), q.year, q.period)
    };
    let index = |sides: &[Side]| {
        let mut by: std::collections::HashMap<Key, Vec<usize>> = std::collections::HashMap::new();
        for (k, side) in sides.iter().enumerate() {
            by.entry(key(side)).or_default().push(k);
        }
        by
    };
    let (spent_by, left_by) = (index(&spent), index(&left));
    let mut out = Vec::new();
    for (k, a) in spent.iter().enumerate() {
        if a.subject.chars().count() < MIN_FUND_SUBJECT_CHARS {
            continue;
        }
        let ka = key(a);
        let (Some([only_spent]), Some([l])) = (
            spent_by.get(&ka).map(Vec::as_slice),
            left_by.get(&ka).map(Vec::as_slice),
        ) else {
            continue;
        };
        let b = &left[*l];
        if *only_spent != k || !qs[a.amount].unit.same_dimension(&qs[b.amount].unit) {
            continue;
        }
        out.extend(summed_claims(
            doc,
            &[(a.rate, a.amount), (b.rate, b.amount)],
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The claims found in `text`: (rate, amount, verdict).
    fn judged(text: &str) -> Vec<(String, String, RatioVerdict)> {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let qs = &doc.quantities;
        find_spent_left(&doc, &[], &[])
            .iter()
            .map(|c| {
                (
                    qs[c.rate].display(),
                    qs[c.numerator].display(),
                    c.verdict(&doc),
                )
            })
            .collect()
    }

    const GOOD: &str = "截至年底，全市共支出专项资金8150.40万元，支出进度81.50%，其中：市直支出\
                        3000.00万元，支出进度75.00%；区县支出5150.40万元，支出进度85.84%。\n\
                        截至年底，全市共结余专项资金1849.60万元，结余率18.50%，其中：市直结余\
                        1000.00万元，结余率25.00%；区县结余849.60万元，结余率14.16%。\n";

    #[test]
    fn spent_and_left_of_one_subject_are_of_their_sum() {
        let got = judged(GOOD);
        assert_eq!(got.len(), 6, "{got:?}");
        assert!(
            got.iter().all(|(_, _, v)| *v == RatioVerdict::Consistent),
            "{got:?}"
        );
        let pairs: Vec<(&str, &str)> = got
            .iter()
            .map(|(r, a, _)| (r.as_str(), a.as_str()))
            .collect();
        assert!(pairs.contains(&("75.00%", "3000.00万元")));
        assert!(pairs.contains(&("25.00%", "1000.00万元")));
    }

    #[test]
    fn a_slipped_rate_is_reported() {
        // 5150.40 / 6000.00 = 85.84%; 85.86% is off by two hundredths and still totals 100%
        // with 14.16% within the slack.
        let got = judged(&GOOD.replace("85.84%", "85.86%"));
        let slipped = got.iter().find(|(r, _, _)| r == "85.86%").expect("bound");
        assert!(
            matches!(slipped.2, RatioVerdict::Mismatch { .. }),
            "{got:?}"
        );
        // Truncated: 1849.60 / 10000.00 = 18.496% → 18.50, not 18.49.
        let got = judged(&GOOD.replace("结余率18.50%", "结余率18.49%"));
        let t = got.iter().find(|(r, _, _)| r == "18.49%").expect("bound");
        assert!(
            matches!(
                t.2,
                RatioVerdict::Rounding {
                    truncated: true,
                    ..
                }
            ),
            "{got:?}"
        );
    }

    #[test]
    fn rates_that_do_not_make_100_are_left_alone() {
        // A remainder rate of another base: 81.50 + 3.00 ≠ 100.
        let text = "全市共支出专项资金8150.40万元，支出进度81.50%。\
                    全市共结余专项资金300.00万元，结余率3.00%。";
        assert!(judged(text).is_empty());
    }

    #[test]
    fn subjects_must_match_and_be_unique() {
        // Different subjects: 市直 spent, 区县 left.
        let text = "市直支出3000.00万元，支出进度75.00%。区县结余1000.00万元，结余率25.00%。";
        assert!(judged(text).is_empty());
        // No subject at all: never paired by position.
        let text = "支出3000.00万元，支出进度75.00%。结余1000.00万元，结余率25.00%。";
        assert!(judged(text).is_empty());
        // Another year's amounts of the same subject are not in the way.
        let text = "2022年市直支出2900.00万元，支出进度100%。\
                    2023年市直支出3000.00万元，支出进度75.00%。\
                    2023年市直结余1000.00万元，结余率25.00%。";
        assert_eq!(judged(text).len(), 2);
        // Two amounts left of one subject: which one is not known.
        let text = "市直支出3000.00万元，支出进度75.00%。市直结余1000.00万元，结余率25.00%。\
                    市直结余900.00万元，结余率25.00%。";
        assert!(judged(text).is_empty());
    }

    #[test]
    fn an_amount_not_spent_is_no_spending() {
        let text = "市直未支出3000.00万元，支出进度75.00%。市直结余1000.00万元，结余率25.00%。";
        assert!(judged(text).is_empty());
    }

    #[test]
    fn subjects_strike_the_word_of_the_act() {
        assert_eq!(
            subject_without("全县共支出专项资金", SPENT_WORDS_OF_FUND).as_deref(),
            Some("全县共专项资金")
        );
        assert_eq!(
            subject_without("全县共结余专项资金", LEFT_WORDS_OF_FUND).as_deref(),
            Some("全县共专项资金")
        );
        assert_eq!(
            subject_without("年末结转结余", LEFT_WORDS_OF_FUND).as_deref(),
            Some("年末")
        );
        assert_eq!(subject_without("预算", SPENT_WORDS_OF_FUND), None);
        assert_eq!(MIN_FUND_SUBJECT_CHARS, 2);
    }
}
