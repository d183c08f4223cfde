//! A change stated of income and expenditure together (`收入总计860.40万元，支出总计860.40万元。
//! 收支较上年减少120.60万元，下降12.3%`; `收、支总计各减少…`): one change of both, which is
//! one change only when the two levels are equal — as a 决算's 收入总计 and 支出总计 are. It is
//! judged against that level (the prior is the level less the change) when the change's item,
//! or else the nearest earlier sentence of its paragraph that states figures, states exactly
//! two levels, one of income and one of expenditure, of one value. Levels that differ (each
//! with its own change) or a third level leave it unbound.

use super::change_rate::item_before;
use super::*;

/// What a change's clause names when it is of income and expenditure together.
pub const JOINT_SUBJECTS: &[&str] = &["收支", "收、支", "收入、支出", "收入和支出"];

/// Words that make `收支` a level of its own (the balance of the two), not both of them.
pub const NOT_JOINT_WORDS: &[&str] = &["结余", "差额", "缺口", "平衡", "结转", "相抵", "赤字"];

/// The most bytes before a figure looked at for the start of its clause: a clause is the
/// words just before it (as a label is), never megabytes without a stop.
pub const CLAUSE_BYTES: usize = 240;

/// Where the clause of a figure starts in `text`: after the last stop or comma before it (an
/// enumeration comma `、` does not end a clause), at most [`CLAUSE_BYTES`] back.
fn clause_start(text: &str, at: usize) -> usize {
    const STOPS: &[char] = &['，', ',', '。', '；', ';', '：', ':', '\n'];
    let mut from = at.saturating_sub(CLAUSE_BYTES);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..at];
    before.rfind(STOPS).map_or(from, |i| {
        from + i + before[i..].chars().next().map_or(1, char::len_utf8)
    })
}

/// Whether the clause before a figure names income and expenditure together.
pub(super) fn names_both(text: &str, at: usize) -> bool {
    let Some(clause) = text.get(clause_start(text, at)..at) else {
        return false;
    };
    let clause: String = clause.chars().filter(|c| !c.is_whitespace()).collect();
    JOINT_SUBJECTS.iter().any(|w| clause.contains(w))
        && !NOT_JOINT_WORDS.iter().any(|w| clause.contains(w))
}

/// Changes of income and expenditure together, with a growth rate beside them, judged against
/// the one level both stand at. Changes in `growths` are left alone.
pub(super) fn find_joint_changes(
    text: &str,
    doc: &Document,
    figs: &Figures,
    growths: &[GrowthClaim],
) -> Vec<GrowthClaim> {
    let qs = &doc.quantities;
    let bound: std::collections::HashSet<usize> = growths
        .iter()
        .flat_map(|g| match g {
            GrowthClaim::Levels { change, .. } => vec![*change],
            GrowthClaim::ChangeRate { change, rate, .. } => vec![*change, *rate],
            _ => Vec::new(),
        })
        .collect();
    let mut out = Vec::new();
    for (c, q) in qs.iter().enumerate() {
        if !is_change_amount(q) || !doc.in_prose(q) || bound.contains(&c) {
            continue;
        }
        let same_sentence = |k: usize| qs[k].block == q.block && qs[k].sentence == q.sentence;
        let Some(rate) = [c + 1, c.wrapping_sub(1)].into_iter().find(|&k| {
            k < qs.len()
                && same_sentence(k)
                && qs[k].unit == Unit::Percent
                && qs[k].qualifier.is_none()
                && growth_interval(&qs[k]).is_some()
        }) else {
            continue;
        };
        if bound.contains(&rate) {
            continue;
        }
        if !names_both(text, q.span.start) {
            continue;
        }
        let Some(current) = joint_level(doc, figs, c, c.min(rate)) else {
            continue;
        };
        out.push(GrowthClaim::ChangeRate {
            current,
            change: c,
            rate,
            comparable: comparable(doc, q),
        });
    }
    out
}

/// The one level of income and expenditure a joint change is of: from the change's item, or
/// when its sentence states nothing before it, from the nearest earlier sentence of its
/// paragraph that states figures (and no rate).
fn joint_level(doc: &Document, figs: &Figures, c: usize, first: usize) -> Option<usize> {
    let qs = &doc.quantities;
    let q = &qs[c];
    let is_level = |k: usize| {
        doc.in_prose(&qs[k])
            && qs[k].qualifier.is_none()
            && dim(&qs[k].unit).is_some()
            && qs[k].unit.same_dimension(&q.unit)
            && !is_change_label(qs[k].label_text())
            && !is_per_unit(qs[k].label_text())
            && !is_ratio_base(doc, k)
    };
    let own = item_before(doc, figs, first);
    let candidates: Vec<usize> = if !own.is_empty() {
        own
    } else if figs.sentence_before(q.block, q.sentence, first).is_empty() {
        let prev = (0..q.sentence)
            .rev()
            .take(LEVEL_SENTENCES_BACK)
            .map(|s| figs.sentence(q.block, s))
            .find(|s| !s.is_empty())?;
        if prev.iter().any(|&k| qs[k].unit == Unit::Percent) {
            return None;
        }
        prev.to_vec()
    } else {
        return None;
    };
    let levels: Vec<usize> = candidates.into_iter().filter(|&k| is_level(k)).collect();
    let [a, b] = levels.as_slice() else {
        return None;
    };
    let (la, lb) = (qs[*a].label_text(), qs[*b].label_text());
    let income_first = la.contains("收入") && lb.contains("支出") && !la.contains("支出");
    let income_second = lb.contains("收入") && la.contains("支出") && !lb.contains("支出");
    if !(income_first || income_second)
        || qs[*a].base_value() != qs[*b].base_value()
        || names_prior_level(la)
        || names_prior_level(lb)
        || qs[*a].year != qs[*b].year
    {
        return None;
    }
    Some(if income_first { *a } else { *b })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The joint changes bound in `text`: (level, change, rate, the change is consistent).
    fn bound(text: &str) -> Vec<(String, String, String)> {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        find_joint_changes(text, &doc, &figs, &[])
            .iter()
            .filter_map(|g| match g {
                GrowthClaim::ChangeRate {
                    current,
                    change,
                    rate,
                    ..
                } => Some((
                    qs[*current].display(),
                    qs[*change].display(),
                    qs[*rate].display(),
                )),
                _ => None,
            })
            .collect()
    }

    fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    #[test]
    fn one_change_of_equal_income_and_expenditure() {
        let want = vec![t("860.40万元", "120.60万元", "12.3%")];
        assert_eq!(
            bound(
                "2023年度收入总计860.40万元，支出总计860.40万元。收支较上年决算数减少120.60万元、下降12.3%。"
            ),
            want
        );
        assert_eq!(
            bound(
                "2023年度收入总计860.40万元、支出总计860.40万元。与上年相比，收、支总计各减少120.60万元，下降12.3%。"
            ),
            want
        );
        // In one sentence: the levels of the change's item.
        assert_eq!(
            bound(
                "2023年度收入总计860.40万元，支出总计860.40万元，与上年相比，收、支总计各减少120.60万元，下降12.3%。"
            ),
            want
        );
    }

    #[test]
    fn the_clause_is_read_at_most_clause_bytes_back() {
        assert_eq!(CLAUSE_BYTES, 240);
        let near = format!("，收支{}减少", "甲".repeat(70));
        let at = near.len();
        assert!(names_both(&near, at));
        // 收支 just past the window (each 甲 is 3 bytes): not read.
        let far = format!("，收支{}减少", "甲".repeat(80));
        assert!(!names_both(&far, far.len()));
        assert!(clause_start(&far, far.len()) >= far.len() - CLAUSE_BYTES);
    }

    #[test]
    fn unequal_levels_or_no_joint_subject_are_unbound() {
        // Two levels, two values: the change cannot be of both.
        assert!(
            bound(
                "2023年度收入总计860.40万元，支出总计850.40万元。收支较上年减少120.60万元、下降12.3%。"
            )
            .is_empty()
        );
        // A change of income alone is not this pass's.
        assert!(
            bound(
                "2023年度收入总计860.40万元，支出总计860.40万元。收入较上年减少120.60万元、下降12.3%。"
            )
            .is_empty()
        );
        // The balance of the two is a level of its own.
        assert!(
            bound(
                "2023年度收入总计860.40万元，支出总计860.40万元。收支结余较上年减少120.60万元、下降12.3%。"
            )
            .is_empty()
        );
        // A third level in the sentence before.
        assert!(
            bound(
                "2023年度收入总计860.40万元，支出总计860.40万元，结余0.00万元。收支较上年减少120.60万元、下降12.3%。"
            )
            .is_empty()
        );
    }
}
