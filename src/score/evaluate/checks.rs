//! The checks of a scorecard: each indicator's first verdict, parents against children
//! (S002), totals against their parts (S003), grades against their totals (S004).

use super::*;

/// Per indicator: its weight, claimed score, evidence and first status.
pub(super) fn indicator_evals(cx: &Cx<'_>) -> Vec<IndicatorEval> {
    let card = cx.card;
    let n = card.indicators.len();
    (0..n)
        .map(|i| {
            let ind = &card.indicators[i];
            let weight = derived(card, i, Measure::Weight, 0)
                .or_else(|| ind.twin.and_then(|t| derived(card, t, Measure::Weight, 0)));
            let claimed = derived(card, i, Measure::Score, 0);
            let support = cx.support(ind);
            let over = match (&ind.score, weight) {
                (Some(s), Some(w)) => ind.certain && s.value > w,
                _ => false,
            };
            let status = if !ind.certain {
                Status::Uncertain
            } else if over {
                Status::OverWeight
            } else {
                match &support {
                    Some(s) if !s.consistent => Status::Unsupported,
                    Some(_) => Status::Confirmed,
                    None => Status::Unchecked,
                }
            };
            IndicatorEval {
                status,
                weight,
                claimed,
                recomputed: None,
                range: None,
                support,
            }
        })
        .collect()
}

/// S002: parents against their children, and prose parts against their table twin's children.
pub(super) fn sum_checks(card: &Scorecard) -> Vec<SumCheck> {
    let n = card.indicators.len();
    let mut sums = Vec::new();
    for p in 0..n {
        if !card.children_known(p) {
            continue;
        }
        let children: Vec<usize> = card.children(p).collect();
        if children.is_empty() {
            continue;
        }
        let ind = &card.indicators[p];
        for m in [Measure::Weight, Measure::Score] {
            let stated = match m {
                Measure::Score => ind.score.clone(),
                Measure::Weight => ind.weight.clone(),
            };
            let Some(stated) = stated else { continue };
            let Some(sum) = children
                .iter()
                .map(|&c| derived(card, c, m, 0))
                .sum::<Option<Decimal>>()
            else {
                continue;
            };
            let consistent = match m {
                Measure::Weight => sum == stated.value,
                Measure::Score => sum_fits(
                    &stated,
                    sum,
                    children.len(),
                    decimals_of(card, &children, m),
                ),
            };
            sums.push(SumCheck {
                parent: p,
                measure: m,
                stated,
                children: children.clone(),
                sum,
                consistent,
            });
        }
    }
    // Prose parts against their table twin's children.
    for p in 0..n {
        let ind = &card.indicators[p];
        let (Origin::Text { .. }, Some(t), Some(stated)) = (ind.origin, ind.twin, &ind.score)
        else {
            continue;
        };
        if card.indicators[t].score.is_some() {
            continue;
        }
        let children: Vec<usize> = card.children(t).collect();
        if children.is_empty() {
            continue;
        }
        let Some(sum) = children
            .iter()
            .map(|&c| derived(card, c, Measure::Score, 0))
            .sum::<Option<Decimal>>()
        else {
            continue;
        };
        let consistent = sum_fits(
            stated,
            sum,
            children.len(),
            decimals_of(card, &children, Measure::Score),
        );
        sums.push(SumCheck {
            parent: p,
            measure: Measure::Score,
            stated: stated.clone(),
            children,
            sum,
            consistent,
        });
    }
    sums
}

/// A parent whose children do not add up is a sum mismatch; one whose children do is confirmed.
pub(super) fn mark_sums(sums: &[SumCheck], evals: &mut [IndicatorEval]) {
    for s in sums {
        if !s.consistent && evals[s.parent].status != Status::OverWeight {
            evals[s.parent].status = Status::SumMismatch;
        } else if s.consistent && evals[s.parent].status == Status::Unchecked {
            evals[s.parent].status = Status::Confirmed;
        }
    }
}

/// S003: every stated total against its parts (or another stated total).
pub(super) fn total_checks(
    doc: &Document,
    card: &Scorecard,
    whole_tables: &[usize],
    complete_tables: &[usize],
) -> Vec<TotalCheck> {
    let kinds = prose_kinds(doc, card);
    let table_sum = |t: usize, m: Measure| -> Option<(Vec<usize>, Decimal)> {
        let top = card.top_level(t);
        if top.is_empty() {
            return None;
        }
        let sum = top
            .iter()
            .map(|&i| derived(card, i, m, 0))
            .sum::<Option<Decimal>>()?;
        Some((top, sum))
    };
    let mut totals = Vec::new();
    for (ti, total) in card.totals.iter().enumerate() {
        match total.origin {
            Origin::Table { table, .. } if card.tables.get(table).is_some_and(|t| t.whole) => {
                // The parts: the table's top level — with the table just before it when the
                // extraction split one scorecard in two (a 项目资金 block above an indicator
                // table, no total of its own) and only both together make the stated weight.
                let own = card.top_level(table);
                let weight_of = |parts: &[usize]| {
                    parts
                        .iter()
                        .map(|&i| derived(card, i, Measure::Weight, 0))
                        .sum::<Option<Decimal>>()
                };
                let before = table.checked_sub(1).filter(|&p| {
                    card.tables[p].kind == card.tables[table].kind
                        && !card.totals.iter().any(|t| t.origin.table() == Some(p))
                });
                let top = match (&total.weight, before) {
                    (Some(w), Some(p)) if weight_of(&own) != Some(w.value) => {
                        if !card.tables[p].whole {
                            // The first part could not be read whole: nothing to add up.
                            continue;
                        }
                        let mut both = card.top_level(p);
                        both.extend(own.iter().copied());
                        if weight_of(&both) == Some(w.value) {
                            both
                        } else {
                            own
                        }
                    }
                    _ => own,
                };
                let score_sum = top
                    .iter()
                    .map(|&i| derived(card, i, Measure::Score, 0))
                    .sum::<Option<Decimal>>();
                // `合计 | | 100` with the scores adding to 96.31: a lone figure equal to the
                // total weight is more likely the weight in the wrong column than a score.
                let weight_for_score =
                    total.weight.is_none() && weight_of(&top) == Some(total.score.value);
                if let (false, Some(sum), false) = (top.is_empty(), score_sum, weight_for_score) {
                    let dp = decimals_of(card, &top, Measure::Score);
                    totals.push(TotalCheck {
                        total: ti,
                        measure: Measure::Score,
                        stated: total.score.clone(),
                        consistent: sum_fits(&total.score, sum, top.len(), dp),
                        reference: Reference::Parts(top.clone()),
                        sum,
                    });
                }
                if let (Some(w), false, Some(sum)) =
                    (&total.weight, top.is_empty(), weight_of(&top))
                {
                    totals.push(TotalCheck {
                        total: ti,
                        measure: Measure::Weight,
                        stated: w.clone(),
                        consistent: sum == w.value,
                        reference: Reference::Parts(top),
                        sum,
                    });
                }
            }
            _ if !total.parts.is_empty() => {
                let sum: Decimal = total
                    .parts
                    .iter()
                    .filter_map(|&p| card.indicators[p].score.as_ref().map(|s| s.value))
                    .sum();
                let names: Vec<&str> = total
                    .parts
                    .iter()
                    .map(|&p| card.indicators[p].name.as_str())
                    .collect();
                let matches_table = whole_tables.iter().any(|&t| {
                    let mut top: Vec<&str> = card
                        .top_level(t)
                        .iter()
                        .map(|&i| card.indicators[i].name.as_str())
                        .collect();
                    let mut names = names.clone();
                    top.sort_unstable();
                    names.sort_unstable();
                    top == names
                });
                let judged = sum > total.score.value || total.parts.len() >= 3 || matches_table;
                if judged {
                    let dp = decimals_of(card, &total.parts, Measure::Score);
                    totals.push(TotalCheck {
                        total: ti,
                        measure: Measure::Score,
                        stated: total.score.clone(),
                        consistent: sum_fits(&total.score, sum, total.parts.len(), dp),
                        reference: Reference::Parts(total.parts.clone()),
                        sum,
                    });
                }
            }
            _ => {
                // Against the one table read whole of the same kind, else against another
                // total whose parts add up to it.
                let kind = match total.origin {
                    Origin::Table { table, .. } => {
                        card.tables.get(table).map(|t| t.kind).unwrap_or(card.kind)
                    }
                    Origin::Text { .. } => kinds[ti],
                };
                let same_kind: Vec<usize> = complete_tables
                    .iter()
                    .copied()
                    .filter(|&t| card.tables[t].kind == kind)
                    .collect();
                // A total restated beside the table's own total row is judged there.
                let restated = |t: usize| {
                    card.totals.iter().enumerate().any(|(oi, o)| {
                        oi != ti
                            && o.origin.table() == Some(t)
                            && o.score.value == total.score.value
                    })
                };
                if let [t] = same_kind.as_slice()
                    && restated(*t)
                {
                    continue;
                }
                if let [t] = same_kind.as_slice()
                    && let Some((top, sum)) = table_sum(*t, Measure::Score)
                {
                    let dp = decimals_of(card, &top, Measure::Score);
                    totals.push(TotalCheck {
                        total: ti,
                        measure: Measure::Score,
                        stated: total.score.clone(),
                        consistent: sum_fits(&total.score, sum, top.len(), dp),
                        reference: Reference::Parts(top),
                        sum,
                    });
                    continue;
                }
                let other = card.totals.iter().enumerate().find(|(oi, o)| {
                    *oi != ti
                        && kinds[*oi] == kind
                        && o.parts.len() >= 3
                        && o.parts
                            .iter()
                            .filter_map(|&p| card.indicators[p].score.as_ref().map(|s| s.value))
                            .sum::<Decimal>()
                            == o.score.value
                });
                if let Some((oi, o)) = other {
                    totals.push(TotalCheck {
                        total: ti,
                        measure: Measure::Score,
                        stated: total.score.clone(),
                        consistent: o.score.value == total.score.value,
                        reference: Reference::Total(oi),
                        sum: o.score.value,
                    });
                }
            }
        }
    }
    totals
}

/// Tables read whole whose levels disagree both ways: their sums and totals are dropped and
/// their parents' sum mismatches undone.
pub(super) fn drop_unsound(
    card: &Scorecard,
    whole_tables: &[usize],
    sums: &mut Vec<SumCheck>,
    totals: &mut Vec<TotalCheck>,
    evals: &mut [IndicatorEval],
) -> Vec<usize> {
    // A table whose levels disagree both ways — a parent's weight is not its children's, and
    // the first level does not make the total weight — was most likely misread (a name in the
    // wrong column makes a child a parent): none of its sums is judged.
    let mut unsound = Vec::new();
    for &t in whole_tables {
        let top = card.top_level(t);
        let top_weight = top
            .iter()
            .map(|&i| derived(card, i, Measure::Weight, 0))
            .sum::<Option<Decimal>>();
        let stated = card
            .totals
            .iter()
            .filter(|x| x.origin.table() == Some(t))
            .find_map(|x| x.weight.as_ref().map(|w| w.value))
            .unwrap_or(Decimal::ONE_HUNDRED);
        let in_table = |i: usize| card.indicators.get(i).and_then(|x| x.origin.table()) == Some(t);
        let parent_off = sums
            .iter()
            .any(|c| c.measure == Measure::Weight && !c.consistent && in_table(c.parent));
        if parent_off && top_weight.is_some_and(|w| w != stated) {
            unsound.push(t);
        }
    }
    if !unsound.is_empty() {
        let in_unsound = |i: usize| {
            card.indicators
                .get(i)
                .and_then(|x| x.origin.table())
                .is_some_and(|t| unsound.contains(&t))
        };
        sums.retain(|c| !in_unsound(c.parent) && !c.children.iter().any(|&k| in_unsound(k)));
        totals.retain(|c| {
            let own = card.totals.get(c.total).and_then(|x| x.origin.table());
            let parts = match &c.reference {
                Reference::Parts(p) => p.iter().any(|&k| in_unsound(k)),
                Reference::Total(_) => false,
            };
            !own.is_some_and(|t| unsound.contains(&t)) && !parts
        });
        for (i, e) in evals.iter_mut().enumerate() {
            if in_unsound(i) && e.status == Status::SumMismatch {
                e.status = Status::Unchecked;
            }
        }
    }
    unsound
}

/// S004: every stated grade against the band of its total.
pub(super) fn grade_checks(card: &Scorecard, rubric: &Rubric) -> Vec<GradeCheck> {
    // S004: grades.
    // A grade stated apart from any total goes with the report's one total: every total in
    // the prose or in a table read whole states the same value.
    let trusted: Vec<usize> = (0..card.totals.len())
        .filter(|&t| match card.totals[t].origin {
            Origin::Text { .. } => true,
            Origin::Table { table, .. } => card.tables.get(table).is_some_and(|t| t.whole),
        })
        .collect();
    let agreed_total = trusted.first().copied().filter(|&f| {
        trusted
            .iter()
            .all(|&t| card.totals[t].score.value == card.totals[f].score.value)
    });
    let mut grades = Vec::new();
    for (gi, g) in card.grades.iter().enumerate() {
        let Some(named) = rubric.grade_named(&g.word) else {
            continue;
        };
        let Some(ti) = g.total.or(agreed_total) else {
            continue;
        };
        let Some(total) = card.totals.get(ti) else {
            continue;
        };
        let Some(band) = rubric.grade_of(total.score.value) else {
            continue;
        };
        grades.push(GradeCheck {
            grade: gi,
            total: ti,
            expected: band.grade.clone(),
            stated: named.grade.clone(),
            consistent: band.grade == named.grade,
        });
    }
    grades
}
