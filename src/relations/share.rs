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
            complete: false,
        });
    }
    out.extend(complete_shares(doc, &seen_shares(&out)));
    out
}

fn seen_shares(groups: &[ShareGroup]) -> Vec<usize> {
    groups
        .iter()
        .flat_map(|g| g.shares.iter().copied())
        .collect()
}

/// Whether a percentage's label names the whole it is a share of (`占一般公共预算支出的`).
fn share_of(label: &str) -> Option<&str> {
    let whole = label.strip_prefix('占')?.trim_end_matches('的');
    (whole.chars().count() >= 2).then_some(whole)
}

/// Shares of one named whole stated in different sentences (`基本支出X元，占一般公共预算支出的
/// a%` … `项目支出Y元，占一般公共预算支出的b%`), each right after its amount, whose amounts
/// are by definition all of the whole ([`labels_complete`]): they must total 100%.
fn complete_shares(doc: &Document, taken: &[usize]) -> Vec<ShareGroup> {
    let qs = &doc.quantities;
    let mut by_whole: Vec<(&str, Vec<(usize, usize)>)> = Vec::new();
    for (s, q) in qs.iter().enumerate() {
        if q.unit != Unit::Percent
            || q.qualifier.is_some()
            || !doc.in_prose(q)
            || taken.contains(&s)
        {
            continue;
        }
        let Some(whole) = share_of(q.label_text()) else {
            continue;
        };
        // The amount right before the share, in its sentence.
        let Some(p) = s.checked_sub(1).filter(|&k| {
            qs[k].block == q.block && qs[k].sentence == q.sentence && qs[k].unit.is_money()
        }) else {
            continue;
        };
        match by_whole.iter_mut().find(|(w, _)| *w == whole) {
            Some((_, v)) => v.push((s, p)),
            None => by_whole.push((whole, vec![(s, p)])),
        }
    }
    by_whole
        .into_iter()
        .filter(|(_, v)| v.len() >= 2)
        .filter(|(_, v)| {
            let labels: Vec<&str> = v.iter().map(|&(_, p)| qs[p].label_text()).collect();
            labels_complete(&labels)
        })
        .map(|(_, v)| ShareGroup {
            shares: v.iter().map(|&(s, _)| s).collect(),
            parts: v.iter().map(|&(_, p)| p).collect(),
            whole: None,
            complete: true,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_labels_name_their_whole() {
        assert_eq!(share_of("占一般公共预算支出的"), Some("一般公共预算支出"));
        assert_eq!(share_of("占支出总预算"), Some("支出总预算"));
        assert_eq!(share_of("占"), None);
        assert_eq!(share_of("执行率"), None);
    }
}
