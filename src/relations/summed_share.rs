//! Shares of a whole the text never states: sibling shares that together make 100% say that
//! their amounts are all of the whole, so the whole is the sum of the amounts and each share
//! is judged as its amount over that sum (`安排A 26602万元，占比50.15%，安排B 26441.61万元，
//! 占比49.85%`).
//!
//! Only groups whose shares total 100% within their own rounding (and
//! [`SUMMED_WHOLE_SLACK`]) are judged: a list that may be partial gives shares of a larger
//! whole, and judging them against the sum of the listed amounts would be a guess.

use super::ratio::{beyond_operands, within_operands};
use super::*;
pub use crate::model::claims::SummedShareClaim;

/// How far (in percentage points) the stated shares of a group may total from 100% beyond
/// their own rounding and still be read as all of one whole: one share off by a couple of
/// hundredths (the slip the rule is there to report) must not hide the group, while a list
/// whose shares total 99.9% is a partial list, not a mis-stated share.
pub const SUMMED_WHOLE_SLACK: Decimal = Decimal::from_parts(2, 0, 0, false, 2);

/// Whether stated shares total 100% within their rounding and [`SUMMED_WHOLE_SLACK`].
pub(super) fn totals_hundred(doc: &Document, shares: &[usize]) -> bool {
    let q = &doc.quantities;
    let total = shares.iter().fold(Interval::exact(Decimal::ZERO), |a, &s| {
        a.add(&Interval::of_written(q[s].value, q[s].decimals))
    });
    let hundred = Interval {
        lo: Decimal::ONE_HUNDRED - SUMMED_WHOLE_SLACK,
        hi: Decimal::ONE_HUNDRED + SUMMED_WHOLE_SLACK,
    };
    total.meets(&hundred)
}

/// The claims of a group of shares and their amounts (`(share, amount)` in order), when the
/// group is at least two shares, its amounts are distinct figures of one dimension, and the
/// shares total 100%.
pub(super) fn summed_claims(doc: &Document, items: &[(usize, usize)]) -> Vec<SummedShareClaim> {
    let q = &doc.quantities;
    let Some(&(_, first)) = items.first() else {
        return Vec::new();
    };
    let parts: Vec<usize> = items.iter().map(|&(_, p)| p).collect();
    let distinct = parts
        .iter()
        .enumerate()
        .all(|(k, p)| !parts[..k].contains(p));
    let shares: Vec<usize> = items.iter().map(|&(s, _)| s).collect();
    if items.len() < 2
        || !distinct
        || parts
            .iter()
            .any(|&p| !q[p].unit.same_dimension(&q[first].unit) || q[p].value.is_sign_negative())
        || !totals_hundred(doc, &shares)
    {
        return Vec::new();
    }
    items
        .iter()
        .map(|&(rate, numerator)| SummedShareClaim {
            rate,
            numerator,
            parts: parts.clone(),
        })
        .collect()
}

impl SummedShareClaim {
    /// The whole: the sum of the parts as printed, in base units, or `None` beyond
    /// `Decimal`'s range.
    pub fn whole(&self, doc: &Document) -> Option<Decimal> {
        self.parts.iter().try_fold(Decimal::ZERO, |a, &p| {
            a.checked_add(doc.quantities[p].base_value())
        })
    }

    /// Judge the share against its amount over the sum of the parts, each part read as the
    /// interval its written digits stand for.
    pub fn verdict(&self, doc: &Document) -> RatioVerdict {
        let q = &doc.quantities;
        let (rate, num) = (&q[self.rate], &q[self.numerator]);
        let Some(whole) = self.whole(doc).filter(|w| !w.is_zero()) else {
            return RatioVerdict::Undefined;
        };
        let den = self
            .parts
            .iter()
            .fold(Interval::exact(Decimal::ZERO), |a, &p| {
                a.add(&interval_of(&q[p]))
            });
        let Some(central) = num
            .base_value()
            .checked_div(whole)
            .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
        else {
            return RatioVerdict::Undefined;
        };
        if rounds_to(central, rate.decimals, rate.value) {
            return RatioVerdict::Consistent;
        }
        match ratio::ratio_fits(rate, &interval_of(num), &den) {
            None => RatioVerdict::Consistent,
            Some(true) if doc.rounding_note.is_some() => RatioVerdict::Consistent,
            Some(true) => within_operands(rate, central),
            Some(false) => beyond_operands(rate, central, false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The summed-share claims of `text`: (share, amount, verdict is consistent).
    fn judged(text: &str) -> Vec<(String, String, RatioVerdict)> {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let r = super::super::find(text, &doc);
        let qs = &doc.quantities;
        r.summed_shares
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

    #[test]
    fn shares_totalling_100_are_of_the_sum_of_their_amounts() {
        let got = judged(
            "资金主要用于两个方面，其中，安排产业发展3000万元，占比60.00%，安排基础设施建设2000万元，占比40.00%。",
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.iter().all(|(_, _, v)| *v == RatioVerdict::Consistent));
    }

    #[test]
    fn a_share_off_by_two_hundredths_is_reported() {
        let got = judged(
            "资金主要用于两个方面，其中，安排产业发展3000.00万元，占比60.02%，安排基础设施建设2000.00万元，占比40.00%。",
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(matches!(got[0].2, RatioVerdict::Mismatch { .. }), "{got:?}");
        assert_eq!(got[1].2, RatioVerdict::Consistent);
    }

    #[test]
    fn a_truncated_share_is_a_rounding_slip() {
        // 1/3 = 33.333…%, 2/3 = 66.666…% → 66.67; 66.66 is the truncation.
        let got = judged("其中，甲类100万元，占比33.33%，乙类200万元，占比66.66%。");
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            matches!(
                got[1].2,
                RatioVerdict::Rounding {
                    truncated: true,
                    ..
                }
            ),
            "{got:?}"
        );
    }

    #[test]
    fn shares_short_of_100_are_a_partial_list_and_left_alone() {
        // 99.90% in all: a third item is missing, the whole is not the sum.
        let got = judged("其中，甲类3000万元，占比59.90%，乙类2000万元，占比40.00%。");
        assert!(got.is_empty(), "{got:?}");
        // 100.03% as written, 100.02% at the least within the shares' rounding: just inside.
        let got = judged("其中，甲类3000万元，占比60.03%，乙类2000万元，占比40.00%。");
        assert_eq!(got.len(), 2, "{got:?}");
        // 100.04% as written: outside.
        let got = judged("其中，甲类3000万元，占比60.04%，乙类2000万元，占比40.00%。");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_share_is_of_the_amount_its_subject_names_past_its_change() {
        let got = judged(
            "累计完成税收收入3000万元，增加200万元，增长7.14%，税收占财政总收入的比重为60.00%；\
             累计完成非税收入2000万元，增加100万元，增长5.26%，非税收入占财政总收入比重为40.00%。",
        );
        assert_eq!(
            got.iter()
                .map(|(s, a, _)| (s.as_str(), a.as_str()))
                .collect::<Vec<_>>(),
            [("60.00%", "3000万元"), ("40.00%", "2000万元")]
        );
        assert!(got.iter().all(|(_, _, v)| *v == RatioVerdict::Consistent));
    }

    #[test]
    fn a_stated_whole_takes_precedence() {
        // The whole is stated and bound as a breakdown: the shares are ratio claims over it,
        // not summed ones.
        let got =
            judged("支出合计5000万元，其中：甲类3000万元，占比60.00%，乙类2000万元，占比40.00%。");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn the_slack_is_two_hundredths() {
        assert_eq!(SUMMED_WHOLE_SLACK, Decimal::new(2, 2));
    }
}
