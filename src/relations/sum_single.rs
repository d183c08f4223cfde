//! A `其中` that names one part only (`受益人口3.2万人，其中脱贫人口1.15万人`): no sum can be
//! judged, but a part of a whole is never larger than the whole. A part beyond its total
//! (`支出决算820万元，其中基本支出912万元`) is a breakdown whose parts exceed their total; a part
//! within it says nothing, and is left as it was (a `其中` with no breakdown judged).

use super::*;

/// Find the one-part breakdowns whose part exceeds its total, for totals no other breakdown
/// has bound.
pub(super) fn single_part_excess(
    doc: &Document,
    figs: &Figures,
    sums: &[SumClaim],
) -> Vec<SumClaim> {
    let qs = &doc.quantities;
    let bound: std::collections::HashSet<usize> = sums.iter().map(|s| s.total).collect();
    let in_parts: std::collections::HashSet<usize> =
        sums.iter().flat_map(|s| s.parts.iter().copied()).collect();
    let mut out = Vec::new();
    for cue in doc.cues.iter().filter(|c| c.kind == CueKind::Of) {
        let sentence = figs.sentence(cue.block, cue.sentence);
        let at = sentence.partition_point(|&k| qs[k].span.start < cue.offset);
        let (Some(&total), Some(&part)) =
            (at.checked_sub(1).map(|i| &sentence[i]), sentence.get(at))
        else {
            continue;
        };
        let Some(d) = dim(&qs[total].unit) else {
            continue;
        };
        if bound.contains(&total)
            || in_parts.contains(&total)
            || !plain(doc, total, &d)
            || !plain(doc, part, &d)
        {
            continue;
        }
        // The total stands alone in its item: not the last of a list (`A a、B b、C c；其中…`
        // is of the whole list), and no `；` between it and the cue.
        let item = figs.item_start(doc, total);
        if sentence[..at - 1]
            .iter()
            .any(|&k| qs[k].span.start >= item && dim(&qs[k].unit).as_deref() == Some(d.as_str()))
            || figs
                .cues_between(doc, cue.block, qs[total].span.start, cue.offset)
                .any(|c| c.kind == CueKind::Semicolon)
        {
            continue;
        }
        // One part only: any other figure of the measure after the cue may be a second part
        // the other passes chose not to read.
        if sentence[at + 1..]
            .iter()
            .any(|&k| dim(&qs[k].unit).as_deref() == Some(d.as_str()))
        {
            continue;
        }
        // The part annotates its total from inside no deeper bracket than the cue's.
        if figs.paren_depth(doc, cue.block, qs[part].span.start)
            != figs.paren_depth(doc, cue.block, cue.offset)
        {
            continue;
        }
        let claim = SumClaim {
            total,
            parts: vec![part],
            nested: false,
            exhaustive: false,
        };
        if matches!(
            claim.verdict(doc),
            SumVerdict::Mismatch { exceeds: true, .. }
        ) {
            out.push(claim);
        }
    }
    out
}

/// Whether figure `i` is an exact prose amount or count of dimension `d`: not a change, a
/// per-unit figure, a bound nor a figure of a table.
fn plain(doc: &Document, i: usize, d: &str) -> bool {
    let q = &doc.quantities[i];
    let l = q.label_text();
    doc.in_prose(q)
        && dim(&q.unit).as_deref() == Some(d)
        && q.qualifier.is_none()
        && !is_change_label(l)
        && !is_per_unit(l)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;

    fn found(text: &str) -> Vec<(String, String)> {
        let doc = crate::parse::parse(text, SourceFormat::Text);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        single_part_excess(&doc, &figs, &[])
            .iter()
            .map(|c| (qs[c.total].display(), qs[c.parts[0]].display()))
            .collect()
    }

    #[test]
    fn a_part_beyond_its_total() {
        assert_eq!(
            found("带动增收，受益人口3.2万人，其中脱贫人口3.35万人。"),
            [("3.2万人".to_string(), "3.35万人".to_string())]
        );
        // Units are compared in base units: 3.2亿元 is 32000万元.
        assert_eq!(found("资金总额3.2亿元，其中中央资金33000万元。").len(), 1);
        assert!(found("资金总额3.2亿元，其中中央资金31000万元。").is_empty());
    }

    #[test]
    fn a_part_within_its_total_or_unsure_readings_are_not_found() {
        // Within the total, or equal to it.
        assert!(found("受益人口3.2万人，其中脱贫人口1.15万人。").is_empty());
        assert!(found("受益人口3.2万人，其中脱贫人口3.2万人。").is_empty());
        // Another measure.
        assert!(found("培训1200人，其中培训1300人次。").is_empty());
        // A change, a per-unit figure, a bound.
        assert!(found("支出100万元，其中基本支出增加120万元。").is_empty());
        assert!(found("补助100万元，其中人均补助120万元。").is_empty());
        assert!(found("支出100万元，其中基本支出超过120万元。").is_empty());
        // Two parts: the breakdown passes read them.
        assert!(found("支出100万元，其中基本支出120万元，项目支出30万元。").is_empty());
        // The last of a list, or an item closed by `；`: the 其中 is of more than the figure.
        assert!(
            found("总投资中，中央资金1.12亿元、地方债券0.95亿元、配套资金0.35亿元；其中由本单位支付12486万元。")
                .is_empty()
        );
        assert!(found("配套资金0.35亿元；其中由本单位支付12486万元。").is_empty());
        // A part in a bracket of its own.
        assert!(found("支出100万元，其中（上年结转120万元）。").is_empty());
    }
}
