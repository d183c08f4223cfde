//! An execution rate whose item states the funds, the amount spent of them and the amount
//! left, and no budget (`补助资金50.00万元，已使用46.00万元，结余4.00万元，执行率92%`): the
//! funds are the whole the rate is of. What says so is the arithmetic the text states — the
//! amount spent and the amount left add up to the funds exactly — never the position of the
//! funds alone. Funds that the two do not add up to, or two figures they add up to, leave the
//! rate unbound.

use super::ratio::{after_last_rate, is_spent_or_executed, window};
use super::*;

/// Words of an amount left of the funds after what was spent (`结余0万元`, `剩余3.2万元`,
/// `未使用`).
pub const REMAINDER_WORDS: &[&str] = &["结余", "剩余", "未使用", "未支出", "尚未", "结转"];

/// Bind an execution rate to the amount spent and the funds it and the amount left after it
/// add up to, in the rate's own item (after any earlier rate of its sentence).
pub(super) fn bind_by_remainder(doc: &Document, figs: &Figures, ri: usize) -> Option<RatioClaim> {
    let qs = &doc.quantities;
    let item: Vec<usize> = after_last_rate(doc, window(doc, figs, ri, false))
        .into_iter()
        .filter(|&i| qs[i].unit.is_money() && !is_change_label(qs[i].label_text()))
        .collect();
    let names = |i: usize, words: &[&str]| words.iter().any(|w| qs[i].label_text().contains(w));
    // The amount spent: the last one of the item, with only the amount left after it.
    let pos = item.iter().rposition(|&i| is_spent_or_executed(&qs[i]))?;
    let spent = item[pos];
    let [left] = item[pos + 1..] else {
        return None;
    };
    if !names(left, REMAINDER_WORDS) {
        return None;
    }
    let (s, l) = (&qs[spent], &qs[left]);
    if !s.unit.same_dimension(&l.unit) {
        return None;
    }
    let sum = s.base_value().checked_add(l.base_value())?;
    let wholes: Vec<usize> = item[..pos]
        .iter()
        .copied()
        .filter(|&i| {
            qs[i].unit.same_dimension(&s.unit)
                && qs[i].base_value() == sum
                && !is_spent_or_executed(&qs[i])
                && !names(i, REMAINDER_WORDS)
        })
        .collect();
    let [whole] = wholes.as_slice() else {
        return None;
    };
    if qs[*whole].value.is_zero() {
        return None;
    }
    Some(RatioClaim {
        kind: RatioKind::Execution,
        rate: ri,
        numerator: spent,
        denominator: *whole,
        alternatives: Vec::new(),
    })
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
            .filter_map(|ri| bind_by_remainder(&doc, &figs, ri))
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
    fn funds_the_spent_and_the_left_add_up_to() {
        assert_eq!(
            bound("县级补助资金50.00万元，截至年底已使用46.00万元，结余4.00万元，资金执行率92%。"),
            vec![t("92%", "46.00万元", "50.00万元")]
        );
        assert_eq!(
            bound("下达专项经费8.00万元，资金已使用8.00万元，结余0万元，资金执行率100%。"),
            vec![t("100%", "8.00万元", "8.00万元")]
        );
    }

    #[test]
    fn no_remainder_or_no_sum_leaves_it_unbound() {
        // No amount left stated: the funds are not proven the whole.
        assert!(bound("县级补助资金50.00万元，已使用46.00万元，资金执行率92%。").is_empty());
        // The amounts do not add up to the funds.
        assert!(
            bound("县级补助资金50.00万元，已使用46.00万元，结余3.00万元，资金执行率92%。")
                .is_empty()
        );
        // Two figures they add up to: which one is not known.
        assert!(
            bound(
                "补助资金50.00万元，配套资金50.00万元，已使用46.00万元，结余4.00万元，执行率92%。"
            )
            .is_empty()
        );
        // Something else after the amount left.
        assert!(
            bound("补助资金50.00万元，已使用46.00万元，结余4.00万元，利息0.20万元，执行率92%。")
                .is_empty()
        );
    }
}
