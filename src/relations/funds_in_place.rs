//! An execution rate whose item states the amount spent and no budget, after the funds were
//! said to have arrived in full (`项目资金1200.00万元全部到位，到位率100%；实际支出1150.00万元，
//! 预算执行率95.83%`): funds that arrived in full are all of the funds planned, so they are the
//! budget the rate is of. Only the words of arrival in full say so ([`IN_FULL_WORDS`] right
//! after the amount) — a 到位率 of `100%` alone allows ±0.5% — only one such amount may stand
//! in the rate's sentence before its item or in the sentence before, and it must be the funds
//! of the whole project, not one source of them ([`SOURCE_PART_WORDS`]).

use super::ratio::{after_last_rate, is_spent_or_executed, window};
use super::*;

/// Words right after an amount of funds that say all of it arrived.
pub const IN_FULL_WORDS: &[&str] = &["全部到位", "足额到位", "全额到位", "已全部到位"];

/// Words of a label that name one source of a project's funds (`中央资金`, `县级配套资金`): such
/// funds arriving in full say nothing of the others, so they are not the budget.
pub const SOURCE_PART_WORDS: &[&str] = &[
    "中央", "省级", "市级", "州级", "县级", "区级", "乡级", "本级", "上级", "配套", "自筹", "地方",
    "社会",
];

/// Whether the words right after a figure (up to the next figure or stop) say it arrived in
/// full.
fn arrived_in_full(text: &str, doc: &Document, k: usize) -> bool {
    let qs = &doc.quantities;
    let from = qs[k].span.end;
    let to = qs.get(k + 1).map_or(text.len(), |n| n.span.start).max(from);
    let Some(after) = text.get(from..to) else {
        return false;
    };
    let clause = after
        .split(['，', ',', '。', '；', ';'])
        .next()
        .unwrap_or_default();
    let clause: String = clause.chars().filter(|c| !c.is_whitespace()).collect();
    IN_FULL_WORDS.iter().any(|w| clause.contains(w))
}

/// Bind an execution rate to the amount spent in its item and the funds that arrived in full
/// before it.
pub(super) fn bind_in_place(
    text: &str,
    doc: &Document,
    figs: &Figures,
    ri: usize,
) -> Option<RatioClaim> {
    let qs = &doc.quantities;
    let own = window(doc, figs, ri, false);
    let item = after_last_rate(doc, own.clone());
    let money: Vec<usize> = item
        .iter()
        .copied()
        .filter(|&i| qs[i].unit.is_money())
        .collect();
    // The item states what was spent and nothing else in money (no budget, no other amount).
    let [spent] = money.as_slice() else {
        return None;
    };
    if !is_spent_or_executed(&qs[*spent]) {
        return None;
    }
    let earlier = own[..own.len() - item.len()]
        .iter()
        .copied()
        .chain(window(doc, figs, ri, true))
        .filter(|&k| qs[k].unit.is_money() && arrived_in_full(text, doc, k))
        .collect::<Vec<_>>();
    let [funds] = earlier.as_slice() else {
        return None;
    };
    let (s, f) = (&qs[*spent], &qs[*funds]);
    if !s.unit.same_dimension(&f.unit)
        || f.value.is_zero()
        || s.base_value() > f.base_value()
        || is_spent_or_executed(f)
        || is_change_label(f.label_text())
        || SOURCE_PART_WORDS.iter().any(|w| f.label_text().contains(w))
    {
        return None;
    }
    Some(RatioClaim {
        kind: RatioKind::Execution,
        rate: ri,
        numerator: *spent,
        denominator: *funds,
        alternatives: Vec::new(),
    })
}

/// Execution rates no other pass bound, bound to the funds that arrived in full.
pub(super) fn find_in_place(
    text: &str,
    doc: &Document,
    figs: &Figures,
    ratios: &[RatioClaim],
) -> Vec<RatioClaim> {
    let bound: std::collections::HashSet<usize> = ratios.iter().map(|c| c.rate).collect();
    doc.quantities
        .iter()
        .enumerate()
        .filter(|(i, q)| {
            q.unit == Unit::Percent
                && q.qualifier.is_none()
                && q.concept() == Some("rate.execution")
                && doc.in_prose(q)
                && !bound.contains(i)
        })
        .filter_map(|(i, _)| bind_in_place(text, doc, figs, i))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;

    fn bound(text: &str) -> Vec<(String, String, String)> {
        let doc = crate::parse::parse(text, SourceFormat::Text);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        (0..qs.len())
            .filter(|&i| qs[i].concept() == Some("rate.execution"))
            .filter_map(|ri| bind_in_place(text, &doc, &figs, ri))
            .map(|c| {
                (
                    qs[c.rate].display(),
                    qs[c.numerator].display(),
                    qs[c.denominator].display(),
                )
            })
            .collect()
    }

    fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    #[test]
    fn funds_arrived_in_full_are_the_budget() {
        assert_eq!(
            bound(
                "项目资金1,200.00万元全部到位，到位率100%；实际支出1,150.00万元，预算执行率95.83%。"
            ),
            vec![t("95.83%", "1150.00万元", "1200.00万元")]
        );
        assert_eq!(
            bound(
                "截至年底，项目资金1200.00万元已全部到位。实际支出1150.00万元，预算执行率95.83%。"
            ),
            vec![t("95.83%", "1150.00万元", "1200.00万元")]
        );
    }

    #[test]
    fn without_arrival_in_full_it_is_unbound() {
        // A 到位率 of 100% alone allows ±0.5%.
        assert!(
            bound("项目资金1200.00万元，到位率100%；实际支出1150.00万元，预算执行率95.83%。")
                .is_empty()
        );
        // Arrived in part.
        assert!(
            bound("项目资金到位1200.00万元，到位率96%；实际支出1150.00万元，预算执行率95.83%。")
                .is_empty()
        );
        // Two amounts arrived in full: which one is not known.
        assert!(
            bound(
                "中央资金800.00万元全部到位，省级资金400.00万元全部到位；实际支出1150.00万元，预算执行率95.83%。"
            )
            .is_empty()
        );
        // One source of the funds arrived in full: the budget may hold the others too.
        assert!(
            bound("中央资金800.00万元全部到位；实际支出780.00万元，预算执行率97.50%。").is_empty()
        );
        // The item states a budget of its own: not this pass's.
        assert!(
            bound(
                "项目资金1200.00万元全部到位；调整预算1180.00万元，实际支出1150.00万元，预算执行率97.46%。"
            )
            .is_empty()
        );
    }
}
