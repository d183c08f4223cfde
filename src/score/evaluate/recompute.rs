//! Recomputed scores, totals and their ranges.

use super::*;

/// The recomputed score of every indicator (leaves from their evidence, parents from their
/// children, prose parts from their twins), stored in `evals` too.
pub(super) fn recomputed_scores(
    card: &Scorecard,
    evals: &mut [IndicatorEval],
) -> Vec<Option<Decimal>> {
    let n = card.indicators.len();
    // Recomputed scores.
    let mut recomputed: Vec<Option<Decimal>> = vec![None; n];
    // Leaves first (children come after their parents in document order, so walk backwards).
    for i in (0..n).rev() {
        let ind = &card.indicators[i];
        let children: Vec<usize> = if card.children_known(i) {
            card.children(i).collect()
        } else {
            Vec::new()
        };
        let r = if !children.is_empty() {
            children
                .iter()
                .map(|&c| recomputed[c])
                .sum::<Option<Decimal>>()
                .or_else(|| ind.score.as_ref().map(|s| s.value))
        } else if !ind.certain {
            None
        } else {
            let e = &evals[i];
            ind.score.as_ref().map(|s| {
                let mut v = s.value;
                if let Some(sup) = &e.support
                    && !sup.consistent
                {
                    v = match sup.bound {
                        EvidenceBound::Ceiling => v.min(sup.expected),
                        _ => crate::numeric::round_half_up(sup.expected, 2),
                    };
                }
                if let Some(w) = e.weight {
                    v = v.min(w);
                }
                v
            })
        };
        recomputed[i] = r;
    }
    // Prose parts follow their twins.
    for i in 0..n {
        if let (Origin::Text { .. }, Some(t)) = (card.indicators[i].origin, card.indicators[i].twin)
            && recomputed[t].is_some()
        {
            recomputed[i] = recomputed[t];
        }
    }
    for (e, r) in evals.iter_mut().zip(&recomputed) {
        e.recomputed = *r;
    }
    recomputed
}

/// The recomputed total for the claimed total `claimed`: in a table read whole, the sum of
/// its recomputed top level; otherwise the claimed total (or its stated parts) corrected by
/// every certain leaf re-scored. The changed leaves go to `adjustments`.
pub(super) fn recomputed_total(
    doc: &Document,
    card: &Scorecard,
    complete_tables: &[usize],
    recomputed: &[Option<Decimal>],
    claimed: Option<usize>,
    adjustments: &mut Vec<(usize, Decimal)>,
) -> Option<Decimal> {
    let n = card.indicators.len();
    claimed.and_then(|ci| {
        let c = &card.totals[ci];
        let scoring_table = match c.origin {
            Origin::Table { table, .. } => Some(table),
            Origin::Text { .. } => {
                let kind = prose_kinds(doc, card)[ci];
                let same: Vec<usize> = complete_tables
                    .iter()
                    .copied()
                    .filter(|&t| card.tables[t].kind == kind)
                    .collect();
                same.first().copied().filter(|_| same.len() == 1)
            }
        };
        let is_leaf = |i: usize| !card.children_known(i) || card.children(i).next().is_none();
        let leaf_delta = |i: usize| -> Option<Decimal> {
            let s = card.indicators[i].score.as_ref()?.value;
            let r = recomputed[i]?;
            (r != s).then_some(r - s)
        };
        if let Some(t) = scoring_table
            && card.tables.get(t).is_some_and(|tb| tb.whole)
        {
            let top = card.top_level(t);
            let sum = top
                .iter()
                .map(|&i| recomputed[i])
                .sum::<Option<Decimal>>()?;
            for i in 0..n {
                if card.indicators[i].origin.table() == Some(t)
                    && is_leaf(i)
                    && let Some(d) = leaf_delta(i)
                {
                    adjustments.push((i, d));
                }
            }
            return Some(sum);
        }
        // The table could not be read whole: start from the stated parts (or total) and
        // apply what the certain rows changed.
        let with_parts = card
            .totals
            .iter()
            .find(|t| !t.parts.is_empty() && t.score.value == c.score.value);
        let base = match with_parts {
            Some(t) => t
                .parts
                .iter()
                .filter_map(|&p| card.indicators[p].score.as_ref().map(|s| s.value))
                .sum(),
            None => c.score.value,
        };
        let mut total = base;
        for i in 0..n {
            let ind = &card.indicators[i];
            let in_scope = match (scoring_table, ind.origin) {
                (Some(t), Origin::Table { table, .. }) => table == t,
                (None, Origin::Table { .. }) => card.tables.len() == 1,
                _ => false,
            };
            if in_scope
                && ind.certain
                && is_leaf(i)
                && let Some(d) = leaf_delta(i)
            {
                adjustments.push((i, d));
                total += d;
            }
        }
        Some(total)
    })
}

/// The score range of every indicator: a leaf's from its evidence (rounded to two places,
/// capped at its weight), a parent's the sum of its children's when all are known.
pub(super) fn ranges(card: &Scorecard, evals: &[IndicatorEval]) -> Vec<Option<(Decimal, Decimal)>> {
    let n = evals.len();
    let mut out: Vec<Option<(Decimal, Decimal)>> = vec![None; n];
    for i in (0..n).rev() {
        let e = &evals[i];
        let children: Vec<usize> = if card.children_known(i) {
            card.children(i).collect()
        } else {
            Vec::new()
        };
        out[i] = if !children.is_empty() {
            children
                .iter()
                .try_fold((Decimal::ZERO, Decimal::ZERO), |(a, b), &c| {
                    out[c].map(|(lo, hi)| (a + lo, b + hi))
                })
        } else {
            e.support.as_ref().map(|s| {
                let cap = |v: Decimal| {
                    let v = crate::numeric::round_half_up(v, 2);
                    e.weight.map_or(v, |w| v.min(w))
                };
                (cap(s.low), cap(s.high))
            })
        };
    }
    out
}

/// The range of the recomputed total: the recomputed total moved by how far each re-scored
/// leaf's range reaches below and above its recomputed score; and how many leaves of the
/// scorecard could not be re-scored.
pub(super) fn total_range(
    card: &Scorecard,
    evals: &[IndicatorEval],
    total: Option<Decimal>,
) -> (Option<(Decimal, Decimal)>, usize) {
    let leaf = |i: usize| !card.children_known(i) || card.children(i).next().is_none();
    let mut not_rescored = 0;
    let (mut lo, mut hi) = (Decimal::ZERO, Decimal::ZERO);
    for (i, e) in evals.iter().enumerate() {
        let ind = &card.indicators[i];
        if !leaf(i) || !matches!(ind.origin, Origin::Table { .. }) || !ind.certain {
            continue;
        }
        match (e.range, e.recomputed) {
            (Some((l, h)), Some(r)) => {
                lo += (l - r).min(Decimal::ZERO);
                hi += (h - r).max(Decimal::ZERO);
            }
            _ => not_rescored += 1,
        }
    }
    (total.map(|t| (t + lo, t + hi)), not_rescored)
}
