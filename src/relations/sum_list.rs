//! The `其中` pass: the total and the parts of each list opened by `其中` (or by a `包括` that
//! opens a bracket) — the figures before the cue that can be its whole, the parts after it to
//! the end of the sentence or the next `其中`, and lists of two shapes: parallel series (budget
//! and spending item by item, one label per series) and two years item by item.

use super::*;
use crate::model::Cue;

pub(super) fn find_sums(text: &str, doc: &Document, figs: &Figures) -> Vec<SumClaim> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    for (ci, cue) in doc.cues.iter().enumerate() {
        if cue.kind != CueKind::Of && !opens_bracket(doc, ci) {
            continue;
        }
        // The breakdown runs to the end of the sentence or the next 其中.
        let next_of = figs
            .cues_after(doc, cue.block, ci)
            .take_while(|c| c.sentence == cue.sentence)
            .find(|c| c.kind == CueKind::Of)
            .map(|c| c.offset)
            .unwrap_or(usize::MAX);
        // A 其中 inside brackets (`总投资X万元（其中建筑工程a万元）`) ends at the closing bracket.
        let depth_here = figs.paren_depth(doc, cue.block, cue.offset);
        let next_of = if depth_here > 0 {
            figs.cues_between(doc, cue.block, cue.offset, usize::MAX)
                .find(|c| c.kind == CueKind::ParenClose)
                .map_or(next_of, |c| c.offset.min(next_of))
        } else {
            next_of
        };
        let in_sentence = |i: &usize| {
            qs[*i].block == cue.block && qs[*i].sentence == cue.sentence && doc.in_prose(&qs[*i])
        };
        let sentence = figs.sentence(cue.block, cue.sentence);
        let at = sentence.partition_point(|&i| qs[i].span.start < cue.offset);
        let before = figures_before(doc, figs, cue);
        let after: Vec<usize> = sentence[at..]
            .iter()
            .copied()
            .take_while(|&i| qs[i].span.start < next_of)
            .filter(|i| in_sentence(i) && qs[*i].span.start > cue.offset)
            .collect();
        let mut dims: Vec<String> = after.iter().filter_map(|&i| dim(&qs[i].unit)).collect();
        dims.sort();
        dims.dedup();
        for d in dims {
            // Changes (`比上年增加20万元`) are not parts, nor are figures in brackets deeper than
            // the 其中 itself (annotations such as `（满分10分）`).
            let depth = figs.paren_depth(doc, cue.block, cue.offset);
            let parts: Vec<usize> = after
                .iter()
                .copied()
                .filter(|&i| dim(&qs[i].unit).as_deref() == Some(&d))
                .filter(|&i| !is_change_label(qs[i].label_text()))
                .filter(|&i| figs.paren_depth(doc, qs[i].block, qs[i].span.start) <= depth)
                .collect();
            // Budget and spending listed item by item (`A预算数x，实际支出y；B预算数z，实际支出w`)
            // are two breakdowns: each series against the total of the same series.
            // Parallel items each stating the same figures (`其中甲类：送审a，审定b；乙类：送审c，
            // 审定d`): each label's parts against the figure of that label before the cue.
            if let Some(groups) = parallel_series(doc, &before, &parts) {
                for (total, seg) in groups {
                    out.extend(resolve_breakdown(text, doc, figs, total, &seg));
                }
                continue;
            }
            // Two years item by item (`A 2024年预算a，2023年预算b；B 2024年预算c，2023年预算d`):
            // each year's parts against the total of that year.
            if let Some(years) = alternating_years(doc, &parts) {
                for y in years {
                    let seg: Vec<usize> = parts
                        .iter()
                        .copied()
                        .filter(|&p| qs[p].year == Some(y))
                        .collect();
                    let total = before.iter().rev().copied().find(|&i| {
                        dim(&qs[i].unit).as_deref() == Some(&d)
                            && qs[i].year == Some(y)
                            && !is_per_unit(qs[i].label_text())
                            && !is_change_label(qs[i].label_text())
                    });
                    if let Some(total) = total {
                        out.extend(resolve_breakdown(text, doc, figs, total, &seg));
                    }
                }
                continue;
            }
            let kinds: Vec<Option<&str>> = parts.iter().map(|&p| series(&qs[p])).collect();
            let mut distinct: Vec<&str> = kinds.iter().flatten().copied().collect();
            distinct.sort();
            distinct.dedup();
            let split = kinds.iter().all(|c| c.is_some()) && distinct.len() >= 2;
            let groups: Vec<(Option<&str>, Vec<usize>)> = if split {
                distinct
                    .iter()
                    .map(|s| {
                        (
                            Some(*s),
                            parts
                                .iter()
                                .copied()
                                .filter(|&p| series(&qs[p]) == Some(s))
                                .collect(),
                        )
                    })
                    .collect()
            } else {
                vec![(None, parts)]
            };
            for (series_kind, parts) in groups {
                // Candidate totals, nearest first; a per-unit figure (亩均, 人均, 单价) is none.
                let candidates: Vec<usize> = before
                    .iter()
                    .rev()
                    .copied()
                    .filter(|&i| {
                        dim(&qs[i].unit).as_deref() == Some(&d)
                            && (series_kind.is_none() || series(&qs[i]) == series_kind)
                            && !is_per_unit(qs[i].label_text())
                            && !is_change_label(qs[i].label_text())
                    })
                    .collect();
                // The base of a rate or last year's level is no whole while another remains.
                let candidates = rank_wholes(doc, &candidates);
                let Some(&total) = candidates.first() else {
                    continue;
                };
                // A budget line is no part of an amount spent, nor actual spending of a budget.
                let parts: Vec<usize> = parts
                    .into_iter()
                    .filter(|&p| match qs[total].concept() {
                        Some("spend") => qs[p].concept() != Some("budget"),
                        Some("budget") => !is_actual_spending(&qs[p]),
                        _ => true,
                    })
                    .collect();
                if qs[total].qualifier.is_some() || parts.iter().any(|&p| qs[p].qualifier.is_some())
                {
                    continue;
                }
                // A list that goes on over the next sentences (`其中：A a。B b；C c。`).
                if series_kind.is_none() && next_of == usize::MAX && depth_here == 0 {
                    let more = continued_parts(doc, figs, cue.block, cue.sentence, &parts, &d);
                    if let Some(claims) = continued_breakdown(doc, &candidates, &parts, &more) {
                        out.extend(claims);
                        continue;
                    }
                }
                // Parts equal to the total start another breakdown of the same whole
                // (`按资金来源…；按资金用途…`); split there — unless the parts are all of the
                // total by definition (`出国a，接待b，车辆c`) and the others are not all zero
                // (`基本支出X，项目支出0`: the total restated, nothing to judge): one list.
                let labels: Vec<&str> = parts.iter().map(|&p| qs[p].label_text()).collect();
                let one_list = labels_complete(&labels)
                    && parts.iter().any(|&p| {
                        !qs[p].value.is_zero() && qs[p].base_value() != qs[total].base_value()
                    });
                let mut segments: Vec<Vec<usize>> = vec![Vec::new()];
                for &p in &parts {
                    if !one_list && qs[p].base_value() == qs[total].base_value() {
                        segments.push(Vec::new());
                    } else if let Some(s) = segments.last_mut() {
                        s.push(p);
                    }
                }
                let segments: Vec<Vec<usize>> = segments
                    .into_iter()
                    .flat_map(|s| split_at_whole(doc, total, s))
                    .collect();
                for seg in segments.into_iter().filter(|s| s.len() >= 2) {
                    // Another figure before the breakdown may be the whole it adds up to.
                    let whole = candidates
                        .iter()
                        .copied()
                        .find(|&c| consistent_reading(doc, c, &seg).is_some())
                        .unwrap_or(total);
                    out.extend(resolve_breakdown(text, doc, figs, whole, &seg));
                }
            }
        }
    }
    out
}

/// The figures that may be the total of the list a cue opens: those of its sentence before it
/// (at most [`TOTAL_WINDOW`]), or, when none of them is an amount or a count, the last ones of
/// the nearest of the [`TOTAL_SENTENCES_BACK`] sentences before that has one (`总额X。按来源，
/// 其中：…`), none of them a part of another breakdown or a change.
pub(super) fn figures_before(doc: &Document, figs: &Figures, cue: &Cue) -> Vec<usize> {
    let qs = &doc.quantities;
    let sentence = figs.sentence(cue.block, cue.sentence);
    let at = sentence.partition_point(|&i| qs[i].span.start < cue.offset);
    let before: Vec<usize> = sentence[at.saturating_sub(TOTAL_WINDOW)..at]
        .iter()
        .filter(|&&i| {
            let q = &qs[i];
            q.block == cue.block
                && q.sentence == cue.sentence
                && doc.in_prose(q)
                && q.span.end <= cue.offset
        })
        .copied()
        .collect();
    if before.iter().any(|&i| dim(&qs[i].unit).is_some()) {
        return before;
    }
    let inside_breakdown = |i: usize| figs.of_before(qs[i].block, qs[i].sentence, qs[i].span.start);
    (1..=TOTAL_SENTENCES_BACK)
        .filter_map(|back| cue.sentence.checked_sub(back))
        .map(|sentence| {
            let s = figs.sentence(cue.block, sentence);
            s[s.len().saturating_sub(TOTAL_WINDOW)..]
                .iter()
                .copied()
                .filter(|&i| {
                    doc.in_prose(&qs[i])
                        && !inside_breakdown(i)
                        && !is_change_label(qs[i].label_text())
                })
                .collect::<Vec<usize>>()
        })
        .find(|v| v.iter().any(|&i| dim(&qs[i].unit).is_some()))
        .unwrap_or_default()
}

/// The two years of a list whose parts alternate between them, item by item, at least two
/// items each: `None` for any other list.
pub(super) fn alternating_years(doc: &Document, parts: &[usize]) -> Option<[u16; 2]> {
    let qs = &doc.quantities;
    if parts.len() < 4 || !parts.len().is_multiple_of(2) {
        return None;
    }
    let years: Vec<u16> = parts.iter().map(|&p| qs[p].year).collect::<Option<_>>()?;
    let (a, b) = (years[0], years[1]);
    (a != b
        && years
            .iter()
            .enumerate()
            .all(|(i, &y)| y == if i % 2 == 0 { a } else { b }))
    .then_some([a, b])
}

/// Two breakdowns of one whole written one after the other (`按功能分类：a，b，c；按经济分类：
/// d，e`): when the parts together exceed the total and both a leading run of them and the
/// rest add up to it, the run and the rest are separate breakdowns.
pub(super) fn split_at_whole(doc: &Document, total: usize, seg: Vec<usize>) -> Vec<Vec<usize>> {
    let qs = &doc.quantities;
    let t = interval_of(&qs[total]);
    let all: Decimal = seg.iter().map(|&p| qs[p].base_value()).sum();
    if seg.len() < 4 || all <= qs[total].base_value() {
        return vec![seg];
    }
    let mut acc = Interval::exact(Decimal::ZERO);
    for k in 0..seg.len() {
        acc = acc.add(&interval_of(&qs[seg[k]]));
        if k >= 1 && k + 2 < seg.len() + 1 && acc.meets(&t) {
            let (a, b) = seg.split_at(k + 1);
            let rest = b.iter().fold(Interval::exact(Decimal::ZERO), |x, &p| {
                x.add(&interval_of(&qs[p]))
            });
            // Only when the rest is a whole breakdown too: otherwise the list runs on into
            // other figures (`…；另有结转a，合计b`), and it is read as it stands.
            if b.len() >= 2 && rest.meets(&t) {
                return vec![a.to_vec(), b.to_vec()];
            }
        }
    }
    vec![seg]
}

/// How many sentences back the total of a `其中` list that opens its own sentence may stand
/// (`支出X。与上年相比增加Y。其中：…`: changes are skipped, the level is the total).
pub const TOTAL_SENTENCES_BACK: usize = 3;

/// How many figures before a `其中` (in its sentence, or in each sentence back) may be its
/// total: the nearest ones. Bounds the search in a sentence of thousands of figures.
pub const TOTAL_WINDOW: usize = 32;

/// Parts that repeat the same labels item by item (`送审金额`, `审定金额`, `核减` for each of
/// two kinds of project): grouped by label, each group with the figure of the same label before
/// the cue as its total. `None` unless every part's label repeats, at least two labels do, and
/// each has its total.
pub(super) fn parallel_series(
    doc: &Document,
    before: &[usize],
    parts: &[usize],
) -> Option<Vec<(usize, Vec<usize>)>> {
    let qs = &doc.quantities;
    let key = |i: usize| metric_key(qs[i].label_text()).to_string();
    let mut labels: Vec<String> = parts.iter().map(|&p| key(p)).collect();
    if labels.iter().any(|l| l.chars().count() < 2) {
        return None;
    }
    labels.sort();
    labels.dedup();
    if labels.len() < 2
        || labels
            .iter()
            .any(|l| parts.iter().filter(|&&p| key(p) == *l).count() < 2)
    {
        return None;
    }
    labels
        .iter()
        .map(|l| {
            let total = before.iter().rev().copied().find(|&b| key(b) == *l)?;
            let seg: Vec<usize> = parts.iter().copied().filter(|&p| key(p) == *l).collect();
            Some((total, seg))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each breakdown the `其中` pass finds in `text` with its verdict: total, parts, verdict.
    fn breakdowns(text: &str) -> Vec<(String, Vec<String>, SumVerdict)> {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        find_sums(text, &doc, &figs)
            .into_iter()
            .map(|s| {
                let parts = s.parts.iter().map(|&p| qs[p].value.to_string()).collect();
                (qs[s.total].value.to_string(), parts, s.verdict(&doc))
            })
            .collect()
    }

    #[test]
    fn a_part_equal_to_the_total_splits_only_a_list_not_complete_by_definition() {
        // 出国, 接待, 车辆: all of "三公"; a part written as much as the total is a slip.
        let found = breakdowns(
            "三公经费预算32.6万元，其中：因公出国（境）费0万元，公务接待32.6万元，公务用车运行费14万元。",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(matches!(
            found[0].2,
            SumVerdict::Mismatch { exceeds: true, .. }
        ));
        // The same whole broken down twice (by source, by use): two lists, each judged alone.
        let found =
            breakdowns("资金共80万元，其中：中央资金80万元；设备购置50万元，安装调试30万元。");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].2, SumVerdict::Consistent);
    }

    #[test]
    fn parts_that_overshoot_are_read_up_to_the_clause_where_they_add_up_exactly() {
        // 9 of the 12 told to correct were checked again: the list is 48 + 12.
        let found = breakdowns("本年共抽查门店60家，其中达标门店48家；限期改正12家，复查合格9家。");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, vec!["48", "12"]);
        assert_eq!(found[0].2, SumVerdict::Consistent);
        // A run that only comes near is not taken: the whole list is judged.
        let found = breakdowns("本年共抽查门店60家，其中达标门店48家；限期改正11家，复查合格9家。");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(matches!(
            found[0].2,
            SumVerdict::Mismatch { exceeds: true, .. }
        ));
        // Two parts that overshoot have no shorter run to read.
        let found = breakdowns("本年共抽查门店60家，其中达标门店48家，待改正门店13家。");
        assert!(matches!(
            found[0].2,
            SumVerdict::Mismatch { exceeds: true, .. }
        ));
    }

    #[test]
    fn another_fact_about_the_whole_after_its_parts_is_no_part() {
        for text in [
            "项目总投资4800万元，其中财政资金2600万元，已完成投资4100万元。",
            "部门共有在职人员96人，其中行政人员38人，本科以上学历81人。",
            "共排查隐患860处，其中重大隐患12处，已整改851处。",
        ] {
            let found = breakdowns(text);
            assert!(
                found
                    .iter()
                    .all(|f| !matches!(f.2, SumVerdict::Mismatch { exceeds: true, .. })),
                "{text}: {found:?}"
            );
        }
        // Parts named alike that overshoot are judged.
        let found = breakdowns("共建设站点20个，其中新建站点8个，维修站点15个。");
        assert!(matches!(
            found[0].2,
            SumVerdict::Mismatch { exceeds: true, .. }
        ));
        // A first part holding the word: the later one is of its kind.
        let found = breakdowns("共排查隐患860处，其中已整改隐患851处，已销号隐患12处。");
        assert!(matches!(
            found[0].2,
            SumVerdict::Mismatch { exceeds: true, .. }
        ));
    }
}
