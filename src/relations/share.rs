//! Shares: percentages of one whole stated together (占比 …), with the amounts they are of.

use super::*;

pub(super) fn find_shares(
    doc: &Document,
    sums: &[SumClaim],
    ratios: &mut Vec<RatioClaim>,
) -> Vec<ShareGroup> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, q) in qs.iter().enumerate() {
        if seen.contains(&(q.block, q.sentence))
            || q.concept() != Some("rate.share")
            || q.unit != Unit::Percent
            || !doc.in_prose(q)
        {
            continue;
        }
        seen.insert((q.block, q.sentence));
        let shares: Vec<usize> = (i..qs.len())
            .filter(|&k| {
                qs[k].block == q.block
                    && qs[k].sentence == q.sentence
                    && qs[k].unit == Unit::Percent
                    && qs[k].concept() == Some("rate.share")
                    && qs[k].qualifier.is_none()
            })
            .collect();
        if shares.len() < 2 {
            continue;
        }
        // Each share's amount: the figure just before it in the same sentence.
        let parts: Vec<usize> = shares
            .iter()
            .filter_map(|&s| {
                (0..s)
                    .rev()
                    .find(|&k| {
                        qs[k].block == q.block
                            && qs[k].sentence == q.sentence
                            && qs[k].unit != Unit::Percent
                    })
                    .filter(|&k| {
                        // Only the amount immediately before the share (no other share between).
                        !(k + 1..s).any(|m| qs[m].unit == Unit::Percent)
                    })
            })
            .collect();
        let whole = if parts.len() == shares.len() {
            sums.iter()
                .find(|c| {
                    c.parts.len() == parts.len()
                        && c.parts.iter().all(|p| parts.contains(p))
                        && c.verdict(doc) == SumVerdict::Consistent
                })
                .map(|c| c.total)
        } else {
            None
        };
        if let Some(w) = whole {
            for (&s, &p) in shares.iter().zip(&parts) {
                ratios.push(RatioClaim {
                    kind: RatioKind::Share,
                    rate: s,
                    numerator: p,
                    denominator: w,
                    alternatives: Vec::new(),
                });
            }
        }
        out.push(ShareGroup {
            shares,
            parts,
            whole,
        });
    }
    out
}
