//! Satisfaction rates over the sum of the satisfied answers: `共调查受益群众300户，满意285户，
//! 基本满意12户，不满意3户，满意率为99%` — (满意 + 基本满意) / 调查数, the way surveys report
//! 满意率 and 满意度. The calculation is judged as a [`WrittenCalc`], its formula shown.
//!
//! Bound only when the rate's sentence lists, before it and after its last other rate, a whole
//! counted by a survey word ([`SURVEYED_WORDS`]) and then only counts of the whole's unit, at
//! least two of them named as satisfied ([`SATISFIED_WORDS`], never negated) and any others
//! named as not satisfied; and the satisfied answers do not exceed the whole. A rate with a
//! single satisfied count is a plain ratio, bound by `ratio.rs`. A rate that one satisfied count
//! alone gives is read as counting only that answer (some reports count only 满意) and is not
//! judged here.

use super::*;

/// Words naming the whole a survey counts (`共调查…300户`, `收回有效问卷486份`).
pub const SURVEYED_WORDS: &[&str] = &[
    "调查", "发放", "收回", "回收", "有效", "走访", "访问", "测评", "参与", "问卷", "共",
];

/// Words naming an answer that counts as satisfied (`满意`, `基本满意`, `比较满意`).
pub const SATISFIED_WORDS: &[&str] = &["满意"];

/// Words making an answer one of dissatisfaction (`不满意`, `不太满意`).
pub const DISSATISFIED_WORDS: &[&str] = &["不"];

/// Satisfaction rates over the sum of their satisfied counts; rates in `bound` are left alone.
pub(super) fn satisfied_shares(
    doc: &Document,
    figs: &Figures,
    bound: &std::collections::HashSet<usize>,
) -> Vec<WrittenCalc> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    for (ri, r) in qs.iter().enumerate() {
        if r.unit != Unit::Percent
            || r.qualifier.is_some()
            || !doc.in_prose(r)
            || bound.contains(&ri)
            || r.concept() != Some("rate.satisfaction")
        {
            continue;
        }
        let before = after_last_rate(doc, window(doc, figs, ri, false));
        let Some(whole_at) = before.iter().rposition(|&i| {
            SURVEYED_WORDS
                .iter()
                .any(|w| qs[i].label_text().contains(w))
        }) else {
            continue;
        };
        let whole = before[whole_at];
        let answers = &before[whole_at + 1..];
        let counted =
            |i: usize| matches!(qs[i].unit, Unit::Count { .. }) && qs[i].unit == qs[whole].unit;
        if !counted(whole) || answers.is_empty() || !answers.iter().all(|&i| counted(i)) {
            continue;
        }
        let is_satisfied = |i: usize| {
            let l = qs[i].label_text();
            SATISFIED_WORDS.iter().any(|w| l.contains(w))
                && !DISSATISFIED_WORDS.iter().any(|w| l.contains(w))
        };
        let is_dissatisfied = |i: usize| {
            let l = qs[i].label_text();
            SATISFIED_WORDS.iter().any(|w| l.contains(w))
                && DISSATISFIED_WORDS.iter().any(|w| l.contains(w))
        };
        let satisfied: Vec<usize> = answers
            .iter()
            .copied()
            .filter(|&i| is_satisfied(i))
            .collect();
        if satisfied.len() < 2
            || !answers
                .iter()
                .all(|&i| is_satisfied(i) || is_dissatisfied(i))
        {
            continue;
        }
        let w = &qs[whole];
        let hundred = Decimal::ONE_HUNDRED;
        let sum: Decimal = satisfied.iter().map(|&i| qs[i].base_value()).sum();
        if w.value.is_zero() || sum > w.base_value() {
            continue;
        }
        let Some(value) = sum
            .checked_div(w.base_value())
            .and_then(|v| v.checked_mul(hundred))
        else {
            continue;
        };
        // Some reports count only the fully satisfied (`满意率` = 满意 / 调查数): a rate that
        // one satisfied count alone gives is that reading, not a wrong sum.
        let written = Interval::of_written(r.value, r.decimals);
        let one_reading = satisfied.iter().any(|&i| {
            qs[i]
                .base_value()
                .checked_div(w.base_value())
                .and_then(|v| v.checked_mul(hundred))
                .is_some_and(|v| written.contains(v))
        });
        if one_reading {
            continue;
        }
        let names: Vec<String> = satisfied.iter().map(|&i| qs[i].display()).collect();
        let mut operands = vec![whole];
        operands.extend(&satisfied);
        out.push(WrittenCalc {
            rate: ri,
            expr: None,
            formula: format!("({}) / {}", names.join(" + "), w.display()),
            operands,
            value,
            // Counts are exact.
            slack: Decimal::ZERO,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;

    /// (rate, formula, value rounded to 2 places) of each satisfied share in `text`.
    fn found(text: &str) -> Vec<(String, String, String)> {
        let doc = crate::parse::parse(text, SourceFormat::Text);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        satisfied_shares(&doc, &figs, &std::collections::HashSet::new())
            .into_iter()
            .map(|c| {
                (
                    qs[c.rate].display(),
                    c.formula,
                    c.value.round_dp(2).to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn satisfied_and_fairly_satisfied_over_the_surveyed() {
        let got = found("共调查受益群众300户，满意285户，基本满意12户，不满意3户，满意率为99%。");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, "(285户 + 12户) / 300户");
        assert_eq!(got[0].2, "99.00");
        let got = found("收回有效问卷480份，其中非常满意360份，比较满意96份，满意度95%。");
        assert_eq!(got[0].2, "95.00");
    }

    #[test]
    fn other_counts_or_a_single_answer_leave_it_unbound() {
        // One satisfied count: a plain ratio, not this pass's.
        assert!(found("共调查群众300户，满意285户，满意率95%。").is_empty());
        // A count that is no answer between them.
        assert!(
            found("共调查群众300户，满意285户，基本满意12户，走访企业20家，满意率99%。").is_empty()
        );
        // More satisfied answers than people asked.
        assert!(found("共调查群众300户，满意285户，基本满意30户，满意率99%。").is_empty());
        // The fully satisfied alone give the rate: that reading.
        assert!(found("共调查群众300户，满意285户，基本满意12户，满意率95%。").is_empty());
        // No whole a survey counts.
        assert!(found("满意285户，基本满意12户，满意率99%。").is_empty());
    }
}
