//! A list proven a breakdown by its changes: `一、…累计完成总收入67949万元，比上年同期增加6517万元
//! …。三、分征收部门完成情况为：国税局完成13040万元，减少201万元…；地税局完成24307万元，增加2635
//! 万元…；财政局完成30602万元，增加4083万元…`. Nothing in the words says which total the list
//! breaks down; its changes say it: they add up exactly to the change of one total stated
//! before it (−201 + 2635 + 4083 = 6517). Changes that are all of a total's change make the
//! levels all of its level, so the levels are judged as a complete breakdown of it.
//!
//! The list is a sentence whose every level states one change (bound to it by the growth
//! passes) — at least two, none left without its change. The total is the one level before
//! it (in its paragraph or at most [`CHANGES_BLOCKS_BACK`] paragraphs back), not in the list,
//! whose change against the same base equals the list's changes' sum exactly, written with at
//! least [`MIN_CHANGE_DIGITS`] significant digits: a coincidence of short figures proves
//! nothing.

use super::change_parts::{bound_changes, change_base};
use super::*;

/// How many paragraphs before the list the total may stand in: 3.
pub const CHANGES_BLOCKS_BACK: usize = 3;

/// The fewest significant digits the total's change must be written with: 3.
pub const MIN_CHANGE_DIGITS: usize = 3;

fn significant_digits(q: &Quantity) -> usize {
    let m = q.value.abs().mantissa().to_string();
    m.trim_start_matches('0').trim_end_matches('0').len()
}

/// The breakdowns of a total that lists' changes prove (see the module documentation).
pub(super) fn find_sums_by_changes(
    doc: &Document,
    figs: &Figures,
    sums: &[SumClaim],
    growths: &[GrowthClaim],
) -> Vec<SumClaim> {
    let qs = &doc.quantities;
    let bound = bound_changes(doc, growths);
    let change_of = |k: usize| match bound.get(&k).map(Vec::as_slice) {
        Some([c]) => Some(*c),
        _ => None,
    };
    let level = |k: usize| {
        let q = &qs[k];
        doc.in_prose(q)
            && q.qualifier.is_none()
            && dim(&q.unit).is_some()
            && !is_change_label(q.label_text())
            && !is_per_unit(q.label_text())
            && !is_ratio_base(doc, k)
    };
    let signed = |c: usize| qs[c].base_value() * change_sign(qs[c].label_text());
    let mut out = Vec::new();
    let mut seen_sentence = None;
    for q in qs {
        if seen_sentence == Some((q.block, q.sentence)) {
            continue;
        }
        seen_sentence = Some((q.block, q.sentence));
        let levels: Vec<usize> = figs
            .sentence(q.block, q.sentence)
            .iter()
            .copied()
            .filter(|&k| level(k))
            .collect();
        let Some(&head) = levels.first() else {
            continue;
        };
        if levels.len() < 2
            || levels
                .iter()
                .any(|&k| !qs[k].unit.same_dimension(&qs[head].unit))
        {
            continue;
        }
        let Some(changes) = levels
            .iter()
            .map(|&k| change_of(k))
            .collect::<Option<Vec<usize>>>()
        else {
            continue;
        };
        let sum: Decimal = changes.iter().map(|&c| signed(c)).sum();
        let bases: Vec<_> = changes
            .iter()
            .map(|&c| change_base(qs[c].label_text()))
            .collect();
        let from_block = q.block.saturating_sub(CHANGES_BLOCKS_BACK);
        let mut totals = Vec::new();
        for b in from_block..=q.block {
            for &t in figs.block(b) {
                if qs[t].span.start >= qs[head].span.start {
                    break;
                }
                let Some(tc) = change_of(t) else { continue };
                let base = change_base(qs[tc].label_text());
                if level(t)
                    && !levels.contains(&t)
                    && qs[t].unit.same_dimension(&qs[head].unit)
                    && signed(tc) == sum
                    && significant_digits(&qs[tc]) >= MIN_CHANGE_DIGITS
                    && bases
                        .iter()
                        .all(|b| b.is_none() || base.is_none() || *b == base)
                {
                    totals.push(t);
                }
            }
        }
        let [total] = totals.as_slice() else {
            continue;
        };
        if sums.iter().any(|s| s.total == *total && s.parts == levels) {
            continue;
        }
        out.push(SumClaim {
            total: *total,
            parts: levels,
            nested: false,
            exhaustive: true,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;

    /// The breakdowns proven by changes in `text`: (total, parts, verdict holds).
    fn proven(text: &str) -> Vec<(String, Vec<String>, bool)> {
        let doc = crate::parse::parse(text, SourceFormat::Text);
        let r = find(text, &doc);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        find_sums_by_changes(&doc, &figs, &[], &r.growths)
            .into_iter()
            .map(|s| {
                (
                    qs[s.total].display(),
                    s.parts.iter().map(|&p| qs[p].display()).collect(),
                    s.verdict(&doc).holds(),
                )
            })
            .collect()
    }

    const REPORT: &str = "一、全年完成一般公共预算收入52340万元，比上年增加4186万元，增长8.69%。\n\
                          二、分部门看：税务部门完成31210万元，增加2507万元，增长8.74%；\
                          财政部门完成21130万元，增加1679万元，增长8.63%。\n";

    #[test]
    fn changes_that_add_up_to_a_total_s_change_make_a_breakdown_of_it() {
        assert_eq!(
            proven(REPORT),
            vec![(
                "52340万元".to_string(),
                vec!["31210万元".to_string(), "21130万元".to_string()],
                true
            )]
        );
        // A part's level off by a slip: the changes still prove the list, the levels miss.
        let slip = REPORT.replace("31210万元", "31220万元");
        assert!(!proven(&slip)[0].2);
    }

    #[test]
    fn no_proof_from_changes_that_miss_or_a_level_without_its_change() {
        // The changes add up to another value.
        assert!(proven(&REPORT.replace("增加1679万元", "增加1680万元")).is_empty());
        // A level of the list states no change.
        let open = "一、全年完成一般公共预算收入52340万元，比上年增加4186万元，增长8.69%。\n\
                    二、分部门看：税务部门完成31210万元，增加4186万元，增长15.49%；\
                    财政部门完成21130万元。\n";
        assert!(proven(open).is_empty());
        // A total change of too few digits.
        let short = "一、全年完成收入520万元，比上年增加42万元，增长8.78%。\n\
                     二、分部门看：税务部门完成310万元，增加25万元，增长8.77%；\
                     财政部门完成210万元，增加17万元，增长8.81%。\n";
        assert!(proven(short).is_empty());
        assert_eq!((CHANGES_BLOCKS_BACK, MIN_CHANGE_DIGITS), (3, 3));
    }
}
