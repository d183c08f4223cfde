//! Changes of a breakdown: a total and its parts that add up (`项目支出469500元，同比增加70100
//! 元，增长17.55%。其中：工资福利支出12000元，同比增加12000元；商品和服务支出426000元，同比增加
//! 36600元…`), each level stated with its change amount. The parts being all of the total, their
//! changes are all of its change: they must add up to it, and a shortfall of any size is a
//! mismatch, never a partial list.
//!
//! A level's change is the change amount bound to it as its current level by the growth passes
//! (`X，同比增加Y，增长r%`, a change and the two levels it lies between), or else the one change
//! amount of its own item (after it in its sentence, before the next level). A breakdown is read
//! only when its sum holds, the total and every part have exactly one change, and every change
//! is against the same kind of base (last year, the budget, the plan).

use super::*;

/// What a change is measured against, read from the comparison words of its label: the
/// budget (`较年初预算增加`), the plan (`比计划减少`), or another period (`同比`, `较上年`,
/// `较2020年度决算数`). `None` when the label names no comparison (`增加`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeBase {
    Budget,
    Plan,
    Period,
}

/// Words that open what a change is compared with (`较…`, `比…`, `与…相比`, `同比`).
pub const COMPARISON_OPENERS: &[&str] = &["同比", "较", "比", "与"];

/// Words of the comparison that make the base a budget, and a plan.
pub const BUDGET_BASE_WORDS: &[&str] = &["年初", "预算"];
pub const PLAN_BASE_WORDS: &[&str] = &["计划", "目标"];

/// The base a change amount's label compares it with: the words from its first comparison
/// opener on ([`COMPARISON_OPENERS`]; `与年初预算相比` keeps its base before `相比`).
pub fn change_base(label: &str) -> Option<ChangeBase> {
    let at = COMPARISON_OPENERS
        .iter()
        .filter_map(|w| label.find(w))
        .min()?;
    let words = &label[at..];
    if BUDGET_BASE_WORDS.iter().any(|w| words.contains(w)) {
        Some(ChangeBase::Budget)
    } else if PLAN_BASE_WORDS.iter().any(|w| words.contains(w)) {
        Some(ChangeBase::Plan)
    } else {
        Some(ChangeBase::Period)
    }
}

/// The most figures after a level read for the change of its item: 8 (a level, its share,
/// its change and its rate, with room for a count or two).
pub const ITEM_FIGURES: usize = 8;

/// The change amount of a level's own item: after it in its sentence, past rates and shares,
/// before the next level; `None` unless exactly one.
fn own_change(doc: &Document, figs: &Figures, level: usize) -> Option<usize> {
    let qs = &doc.quantities;
    let q = &qs[level];
    let sentence = figs.sentence(q.block, q.sentence);
    let from = sentence.partition_point(|&k| k <= level);
    let mut found = None;
    for &k in sentence[from..].iter().take(ITEM_FIGURES) {
        let f = &qs[k];
        if f.unit == Unit::Percent || f.unit == Unit::PercentPoint {
            continue;
        }
        if !is_change_amount(f) || !f.unit.same_dimension(&q.unit) {
            break;
        }
        if found.is_some() {
            return None;
        }
        found = Some(k);
    }
    found
}

/// For each level, the change amounts the growth passes bind to it as its current level.
pub(super) fn bound_changes(
    doc: &Document,
    growths: &[GrowthClaim],
) -> std::collections::HashMap<usize, Vec<usize>> {
    let qs = &doc.quantities;
    let mut by_level: std::collections::HashMap<usize, Vec<usize>> =
        std::collections::HashMap::new();
    for g in growths {
        let (current, change) = match g {
            GrowthClaim::Levels {
                change, current, ..
            }
            | GrowthClaim::ChangeRate {
                current, change, ..
            } => (*current, *change),
            _ => continue,
        };
        if !is_change_amount(&qs[change]) {
            continue;
        }
        let v = by_level.entry(current).or_default();
        if !v.contains(&change) {
            v.push(change);
        }
    }
    by_level
}

/// Breakdowns whose total and parts each state their change, as complete change sums. A
/// change sum of the same total change and parts already found is marked complete instead.
pub(super) fn level_change_sums(
    doc: &Document,
    figs: &Figures,
    sums: &[SumClaim],
    growths: &mut Vec<GrowthClaim>,
) {
    let qs = &doc.quantities;
    let bound = bound_changes(doc, growths);
    let change_of = |level: usize| -> Option<usize> {
        match bound.get(&level).map(Vec::as_slice) {
            Some([c]) => Some(*c),
            Some(_) => None,
            None => own_change(doc, figs, level),
        }
    };
    let mut found: Vec<(usize, Vec<usize>)> = Vec::new();
    for s in sums {
        if s.parts.len() < 2 || !doc.in_prose(&qs[s.total]) || !s.verdict(doc).holds() {
            continue;
        }
        let Some(total) = change_of(s.total) else {
            continue;
        };
        let Some(parts) = s
            .parts
            .iter()
            .map(|&p| change_of(p))
            .collect::<Option<Vec<usize>>>()
        else {
            continue;
        };
        let base = change_base(qs[total].label_text());
        let mut seen = std::collections::HashSet::new();
        let fits = parts.iter().all(|&p| {
            p != total
                && seen.insert(p)
                && qs[p].unit.same_dimension(&qs[total].unit)
                && match (base, change_base(qs[p].label_text())) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                }
        });
        if fits && !found.iter().any(|(t, _)| *t == total) {
            found.push((total, parts));
        }
    }
    for (total, parts) in found {
        let mut sorted = parts.clone();
        sorted.sort_unstable();
        let same = growths.iter_mut().find_map(|g| match g {
            GrowthClaim::ChangeSum {
                total: t,
                parts: p,
                complete,
            } if *t == total => {
                let mut q = p.clone();
                q.sort_unstable();
                Some((q == sorted, complete))
            }
            _ => None,
        });
        match same {
            Some((true, complete)) => *complete = true,
            // Another reading of the total's change: left as it is.
            Some((false, _)) => {}
            None => growths.push(GrowthClaim::ChangeSum {
                total,
                parts,
                complete: true,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;

    /// The complete change sums found in `text`: (total change, its parts' changes).
    fn change_sums(text: &str) -> Vec<(String, Vec<String>)> {
        let doc = crate::parse::parse(text, SourceFormat::Text);
        let r = find(text, &doc);
        let qs = &doc.quantities;
        r.growths
            .iter()
            .filter_map(|g| match g {
                GrowthClaim::ChangeSum {
                    total,
                    parts,
                    complete: true,
                } => Some((
                    qs[*total].display(),
                    parts.iter().map(|&p| qs[p].display()).collect(),
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_breakdown_with_a_change_per_item_is_a_complete_change_sum() {
        let text = "项目支出500000元，占支出总额的20.00%，同比增加80000元，增长19.05%。其中：\n\
                    工资福利支出200000元，占项目支出40.00%，同比增加30000元，增长17.65%。\n\
                    商品和服务支出250000元，占项目支出50.00%，同比增加60000元，增长31.58%。\n\
                    资本性支出50000元，占项目支出10.00%，同比减少10000元，下降16.67%。\n";
        assert_eq!(
            change_sums(text),
            vec![(
                "80000元".to_string(),
                vec![
                    "30000元".to_string(),
                    "60000元".to_string(),
                    "10000元".to_string()
                ]
            )]
        );
    }

    #[test]
    fn a_part_without_its_change_or_a_breakdown_that_does_not_add_up_is_not_read() {
        // The third part states no change.
        let missing = "项目支出500000元，同比增加80000元，增长19.05%。其中：\n\
                       工资福利支出200000元，同比增加30000元，增长17.65%。\n\
                       商品和服务支出250000元，同比增加60000元，增长31.58%。\n\
                       资本性支出50000元，与上年持平。\n";
        assert!(change_sums(missing).is_empty());
        // The levels leave 40000元 unlisted: the changes need not be all of the total's.
        let partial = "项目支出540000元，同比增加80000元，增长17.39%。其中：\n\
                       工资福利支出200000元，同比增加30000元，增长17.65%。\n\
                       商品和服务支出250000元，同比增加60000元，增长31.58%。\n\
                       资本性支出50000元，同比减少10000元，下降16.67%。\n";
        assert!(change_sums(partial).is_empty());
    }

    #[test]
    fn changes_against_another_base_are_not_summed() {
        let text = "项目支出500000元，较年初预算增加80000元。其中：\n\
                    工资福利支出200000元，同比增加30000元。\n\
                    商品和服务支出300000元，同比增加50000元。\n";
        assert!(change_sums(text).is_empty());
    }

    #[test]
    fn bases_of_changes() {
        assert_eq!(change_base("同比增加"), Some(ChangeBase::Period));
        assert_eq!(
            change_base("较2020年度决算数减少"),
            Some(ChangeBase::Period)
        );
        assert_eq!(change_base("较年初预算增加"), Some(ChangeBase::Budget));
        assert_eq!(change_base("比计划减少"), Some(ChangeBase::Plan));
        assert_eq!(change_base("与年初预算相比增加"), Some(ChangeBase::Budget));
        assert_eq!(change_base("增加"), None);
        assert_eq!(ITEM_FIGURES, 8);
    }
}
