//! Staff control rates (在职人员控制率, 财政供养人员控制率, 在编人数控制率): the staff on the
//! establishment over the posts approved (`核定编制142名，实有在编人员136人，在职人员控制率
//! 95.77%`). The two counts of persons are found by their names, in the rate's paragraph after
//! any earlier rate and within [`STAFF_SENTENCES_BACK`] sentences of it: exactly one count of
//! staff in post ([`IN_POST_WORDS`]) and one of posts (`编制`; of several, the one 核定 — not
//! the kinds listed under it, 行政编制, 事业编制). 编外人员控制率 is left alone: reports divide
//! it by two different wholes.

use super::*;

/// How many sentences before a staff rate its counts may stand: 2 (`核定编制44名，其中…。截至
/// 年底，实有在编人员41人，财政供养人员控制率93.18%`).
pub const STAFF_SENTENCES_BACK: usize = 2;

/// Label words of a staff control rate.
pub const STAFF_RATE_WORDS: &[&str] = &["人员控制率", "人数控制率"];

/// Words counting persons (`60名`, `57人`).
pub const PERSON_WORDS: &[&str] = &["名", "人"];

/// Label words of the count of staff in post.
pub const IN_POST_WORDS: &[&str] = &["在编", "在职人员", "在职人数", "实有人员", "实有人数"];

/// Label words that make a count no count of staff in post nor of posts (编外 staff; posts
/// vacant).
const NOT_STAFF_WORDS: &[&str] = &["编外", "空编", "超编", "聘用", "临时"];

/// Bind a staff control rate to the staff in post and the posts approved before it.
pub(super) fn bind_staff(doc: &Document, figs: &Figures, ri: usize) -> Option<RatioClaim> {
    let qs = &doc.quantities;
    let rate = &qs[ri];
    let rl = rate.label_text();
    if !STAFF_RATE_WORDS.iter().any(|w| rl.contains(w))
        || NOT_STAFF_WORDS.iter().any(|w| rl.contains(w))
    {
        return None;
    }
    let first = rate.sentence.saturating_sub(STAFF_SENTENCES_BACK);
    let mut before: Vec<usize> = Vec::new();
    for s in first..rate.sentence {
        before.extend_from_slice(figs.sentence(rate.block, s));
    }
    before.extend_from_slice(figs.sentence_before(rate.block, rate.sentence, ri));
    // The nearest figures only (a sentence of thousands of figures is no staff statement).
    let before = &before[before.len().saturating_sub(super::ratio::OPERAND_WINDOW)..];
    // After the last rate before it: an earlier rate's counts are its own.
    let start = before
        .iter()
        .rposition(|&k| qs[k].unit == Unit::Percent)
        .map_or(0, |p| p + 1);
    let counts: Vec<usize> = before[start..]
        .iter()
        .copied()
        .filter(|&k| {
            let q = &qs[k];
            let l = q.label_text();
            matches!(&q.unit, Unit::Count { word, .. } if PERSON_WORDS.contains(&word.as_str()))
                && q.qualifier.is_none()
                && doc.in_prose(q)
                && !NOT_STAFF_WORDS.iter().any(|w| l.contains(w))
                && !is_change_label(l)
        })
        .collect();
    let in_post: Vec<usize> = counts
        .iter()
        .copied()
        .filter(|&k| IN_POST_WORDS.iter().any(|w| qs[k].label_text().contains(w)))
        .collect();
    let mut posts: Vec<usize> = counts
        .iter()
        .copied()
        .filter(|&k| {
            let l = qs[k].label_text();
            l.contains("编制") && !in_post.contains(&k)
        })
        .collect();
    // `核定编制60名，其中行政编制20名、事业编制40名`: the posts approved, not their kinds.
    if posts.len() > 1 {
        posts.retain(|&k| qs[k].label_text().contains("核定"));
    }
    let ([num], [den]) = (in_post.as_slice(), posts.as_slice()) else {
        return None;
    };
    if qs[*den].value.is_zero() {
        return None;
    }
    Some(RatioClaim {
        kind: RatioKind::Control,
        rate: ri,
        numerator: *num,
        denominator: *den,
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
            .filter(|&i| qs[i].unit == Unit::Percent)
            .filter_map(|ri| bind_staff(&doc, &figs, ri))
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
    fn staff_in_post_over_posts_approved() {
        let want = vec![t("95.00%", "57人", "60名")];
        assert_eq!(
            bound("核定编制60名，年末实有在编人员57人，在职人员控制率95.00%。"),
            want
        );
        assert_eq!(
            bound("年末在编人数57人，核定编制60名，财政供养人员控制率95.00%。"),
            want
        );
        // The parts listed under 其中, and a sentence between.
        assert_eq!(
            bound(
                "单位核定编制60名，其中行政编制20名、事业编制40名。截至年底，实有在编人员57人，\
                 其中行政19人、事业38人，在编人数控制率95.00%。"
            ),
            want
        );
    }

    #[test]
    fn other_rates_or_unclear_counts_are_unbound() {
        // 编外人员控制率 is divided by two different wholes in practice.
        assert!(bound("核定编制60名，编外人员3人，编外人员控制率5.00%。").is_empty());
        // Posts of something else counted in another word.
        assert_eq!(
            bound(
                "纳入预算编制范围的学校38所。核定编制60名，实有在编人员57人，在职人员控制率95.00%。"
            )
            .len(),
            1
        );
        // Posts approved and posts of another kind: the ones approved.
        assert_eq!(
            bound("核定编制60名，上级下达编制62名，实有在编人员57人，在职人员控制率95.00%。"),
            vec![t("95.00%", "57人", "60名")]
        );
        // Two counts of posts approved: which one is not known.
        assert!(
            bound("年初核定编制60名，年末核定编制62名，实有在编人员57人，在职人员控制率95.00%。")
                .is_empty()
        );
        // The counts of an earlier rate are its own.
        assert!(
            bound("核定编制60名，实有在编人员57人，在职人员控制率95.00%；在职人员控制率95.00%。")
                .len()
                == 1
        );
        // Too far back.
        assert!(
            bound("核定编制60名。实有在编人员57人。其他情况良好。工作有序。在职人员控制率95.00%。")
                .is_empty()
        );
    }
}
