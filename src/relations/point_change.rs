//! Changes in percentage points: `供水率由86.2%提高到91.5%，提高5.3个百分点` and `合格率98.6%，
//! 比上年的97.1%提高1.5个百分点` — the change against the two rates it is the difference of.
//!
//! A change in points is bound only when the two rates stand right before it in its sentence
//! and the wording says which is which: the first opens with 由/从 and the second closes with
//! a verb of arriving (`提高到`, `降至`, `上升为`), or the second is named as last year's
//! (`比上年的`, `较去年同期`). Anything else (one rate, three rates, a figure between) is left
//! unbound.

use super::*;

/// Words the label of the earlier rate ends with when it is where the change starts (`由`).
pub const FROM_WORDS: &[&str] = &["由", "从"];

/// Words the label of the later rate ends with when it is where the change arrives.
pub const TO_WORDS: &[&str] = &["到", "至", "为"];

/// Words naming the rate a change is compared with as last period's.
pub const PRIOR_RATE_WORDS: &[&str] = &["上年", "去年", "上一年", "同期", "上年度"];

/// Whether a figure states a change in percentage points (`提高5.3个百分点`, `下降了0.8个百分点`).
pub fn is_point_change(q: &Quantity) -> bool {
    q.unit == Unit::PercentPoint && q.qualifier.is_none() && ends_with_change_verb(q.label_text())
}

/// Every change in points bound to its current and prior rate, as [`GrowthClaim::Levels`].
pub(super) fn find_point_changes(doc: &Document) -> Vec<GrowthClaim> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    for (c, q) in qs.iter().enumerate() {
        if !is_point_change(q) || !doc.in_prose(q) || c < 2 {
            continue;
        }
        let (a, b) = (c - 2, c - 1);
        let rate = |k: usize| {
            let r = &qs[k];
            r.unit == Unit::Percent
                && r.qualifier.is_none()
                && r.block == q.block
                && r.sentence == q.sentence
                && doc.in_prose(r)
        };
        if !rate(a) || !rate(b) {
            continue;
        }
        // A rate with no words of its own right before them (`80%、86.2%提高到91.5%`): a list
        // of rates, which two the change is between is not known.
        if a.checked_sub(1)
            .is_some_and(|k| rate(k) && qs[k].label_text().is_empty())
        {
            continue;
        }
        let (la, lb) = (qs[a].label_text(), qs[b].label_text());
        let (prior, current) = if FROM_WORDS.iter().any(|w| la.ends_with(w))
            && TO_WORDS.iter().any(|w| lb.ends_with(w))
        {
            (a, b)
        } else if PRIOR_RATE_WORDS.iter().any(|w| lb.contains(w))
            && !PRIOR_RATE_WORDS.iter().any(|w| la.contains(w))
            && !FROM_WORDS.iter().any(|w| la.ends_with(w))
        {
            (b, a)
        } else {
            continue;
        };
        out.push(GrowthClaim::Levels {
            change: c,
            current,
            prior,
            comparable: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (change, current, prior) of each change in points bound in `text`.
    fn bound(text: &str) -> Vec<(String, String, String)> {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let qs = &doc.quantities;
        find_point_changes(&doc)
            .iter()
            .filter_map(|g| match g {
                GrowthClaim::Levels {
                    change,
                    current,
                    prior,
                    ..
                } => Some((
                    qs[*change].display(),
                    qs[*current].display(),
                    qs[*prior].display(),
                )),
                _ => None,
            })
            .collect()
    }

    fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    #[test]
    fn from_one_rate_to_another() {
        assert_eq!(
            bound("农村集中供水率由86.2%提高到91.5%，提高5.3个百分点。"),
            vec![t("5.3个百分点", "91.5%", "86.2%")]
        );
        assert_eq!(
            bound("贫困发生率从3.4%降至1.2%，下降了2.2个百分点。"),
            vec![t("2.2个百分点", "1.2%", "3.4%")]
        );
    }

    #[test]
    fn a_rate_against_last_years() {
        assert_eq!(
            bound("抽检合格率98.6%，比上年的97.1%提高1.5个百分点。"),
            vec![t("1.5个百分点", "98.6%", "97.1%")]
        );
    }

    #[test]
    fn wording_that_does_not_say_which_is_which_is_left_alone() {
        // Two rates of two things.
        assert!(bound("城镇化率62.1%，农村覆盖率45.3%，提高1.2个百分点。").is_empty());
        // One rate only.
        assert!(bound("群众满意度96%，较上年提高1.5个百分点。").is_empty());
        // A figure between the rates and the change.
        assert!(bound("覆盖率由86.2%提高到91.5%，新增3处，提高5.3个百分点。").is_empty());
        // Not a change.
        assert!(bound("覆盖率由86.2%提高到91.5%，高出全省2.1个百分点。").is_empty());
    }
}
