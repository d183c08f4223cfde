//! A level, one adjustment of it and the level it comes to, in that order in one sentence:
//! `年初预算120万元，年中追加30万元，调整后预算150万元`, `下达资金111万元，其中A 100万元，B 11万元，
//! 调减40万元，全年实际下达71万元`. The adjustment is the change between the two levels: the
//! first is the prior, the last the current.
//!
//! What says the last level is the first one adjusted is its words, never its position alone:
//! it is named the adjusted amount ([`RESULT_WORDS`]: `调整后`), or the amount actually given by
//! the same act the first one names ([`ACT_VERBS`]: `实际下达` after `下达`). The adjustment
//! is named by a verb of adjustment ([`ADJUSTMENT_VERBS`]) and stands right before the last
//! level; the first level is the first of the sentence, and only the parts of its own
//! breakdown stand between it and the adjustment.

use super::*;

/// Verbs of an adjustment of an amount, the last words of its label.
pub const ADJUSTMENT_VERBS: &[&str] = &["追加", "追减", "调增", "调减", "核增", "核减"];

/// Words that name a level as the adjusted amount.
pub const RESULT_WORDS: &[&str] = &["调整后"];

/// Words that name a level as what was actually given, with an act of [`ACT_VERBS`].
pub const ACTUAL_WORDS: &[&str] = &["实际", "最终"];

/// Acts of giving funds that a first level and an actual one may both name.
pub const ACT_VERBS: &[&str] = &["下达", "拨付", "安排", "批复", "分配", "到位"];

fn ends_with_adjustment(label: &str) -> bool {
    let l = without_particle(label);
    ADJUSTMENT_VERBS.iter().any(|w| l.ends_with(w))
}

/// The raw words of a figure's label as written (trimmed words included: `实际下达`, where the
/// label keeps `实际下`).
fn raw_label<'t>(text: &'t str, q: &Quantity) -> &'t str {
    q.label
        .as_ref()
        .and_then(|l| text.get(l.span.start..q.number_span.start.max(l.span.start)))
        .unwrap_or("")
}

/// Whether `last` names the amount `first` comes to: [`RESULT_WORDS`], or [`ACTUAL_WORDS`] with
/// an act of [`ACT_VERBS`] that `first` names too.
fn names_result(text: &str, first: &Quantity, last: &Quantity) -> bool {
    let l = raw_label(text, last);
    if RESULT_WORDS.iter().any(|w| l.contains(w)) {
        return true;
    }
    let f = raw_label(text, first);
    ACTUAL_WORDS.iter().any(|w| l.contains(w))
        && ACT_VERBS.iter().any(|v| l.contains(v) && f.contains(v))
}

/// Each adjustment with its first and last level, as a change between them.
pub(super) fn find_change_chains(
    text: &str,
    doc: &Document,
    figs: &Figures,
    sums: &[SumClaim],
    growths: &[GrowthClaim],
) -> Vec<GrowthClaim> {
    let qs = &doc.quantities;
    let bound: std::collections::HashSet<usize> = growths
        .iter()
        .filter_map(|g| match g {
            GrowthClaim::Levels { change, .. } | GrowthClaim::ChangeRate { change, .. } => {
                Some(*change)
            }
            _ => None,
        })
        .collect();
    let level = |k: usize| {
        qs[k].qualifier.is_none()
            && doc.in_prose(&qs[k])
            && dim(&qs[k].unit).is_some()
            && !is_change_label(qs[k].label_text())
            && !ends_with_adjustment(qs[k].label_text())
            && !is_per_unit(qs[k].label_text())
    };
    let mut out = Vec::new();
    for (c, q) in qs.iter().enumerate() {
        if !ends_with_adjustment(q.label_text())
            || q.qualifier.is_some()
            || !doc.in_prose(q)
            || dim(&q.unit).is_none()
            || bound.contains(&c)
        {
            continue;
        }
        let last = c + 1;
        if last >= qs.len()
            || qs[last].block != q.block
            || qs[last].sentence != q.sentence
            || !level(last)
            || !qs[last].unit.same_dimension(&q.unit)
        {
            continue;
        }
        let before = figs.sentence_before(q.block, q.sentence, c);
        let Some(&first) = before.first() else {
            continue;
        };
        if !level(first) || !qs[first].unit.same_dimension(&q.unit) {
            continue;
        }
        // Only the parts of the first level's own breakdown stand between it and the
        // adjustment.
        let between = &before[1..];
        if !between.is_empty()
            && !sums
                .iter()
                .any(|s| s.total == first && between.iter().all(|k| s.parts.contains(k)))
        {
            continue;
        }
        if !names_result(text, &qs[first], &qs[last]) {
            continue;
        }
        out.push(GrowthClaim::Levels {
            change: c,
            current: last,
            prior: first,
            comparable: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;

    /// The (change, current, prior) figures of each chain in `text`.
    fn chains(text: &str) -> Vec<(String, String, String)> {
        let doc = crate::parse::parse(text, SourceFormat::Text);
        let figs = Figures::new(&doc);
        let sums = find_sums(text, &doc, &figs);
        let qs = &doc.quantities;
        find_change_chains(text, &doc, &figs, &sums, &[])
            .into_iter()
            .filter_map(|g| match g {
                GrowthClaim::Levels {
                    change,
                    current,
                    prior,
                    ..
                } => Some((
                    qs[change].display(),
                    qs[current].display(),
                    qs[prior].display(),
                )),
                _ => None,
            })
            .collect()
    }

    fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    #[test]
    fn an_adjustment_between_a_level_and_the_adjusted_level() {
        assert_eq!(
            chains("该项目年初预算120万元，年中追加30万元，调整后预算150万元。"),
            vec![t("30万元", "150万元", "120万元")]
        );
        assert_eq!(
            chains(
                "上级下达专项资金95万元，其中甲项目60万元，乙项目35万元，调减15万元，\
                 全年实际下达80万元，已全部拨付。"
            ),
            vec![t("15万元", "80万元", "95万元")]
        );
    }

    #[test]
    fn the_last_level_must_be_named_the_adjusted_or_actual_amount_of_the_same_act() {
        // What was spent is no adjusted budget.
        assert!(chains("该项目年初预算120万元，年中追加30万元，实际支出148万元。").is_empty());
        // Actually paid is another act than allocated.
        assert!(chains("上级下达资金95万元，调减15万元，实际拨付78万元。").is_empty());
        // Other figures between the first level and the adjustment.
        assert!(
            chains("年初预算120万元，已支出100万元，追加30万元，调整后预算150万元。").is_empty()
        );
        // A change that is not an adjustment.
        assert!(chains("年初预算120万元，较上年增加30万元，调整后预算150万元。").is_empty());
    }
}
