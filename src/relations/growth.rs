//! Growth: a stated growth rate or change amount against this and last period's levels, and
//! a total's growth against its parts'.

use super::*;

/// The signed growth rate a figure states (`同比下降5%` → −5), as an interval in percent.
pub fn growth_interval(q: &Quantity) -> Option<Interval> {
    let sign = match q.concept()? {
        "rate.growth" => Decimal::ONE,
        "rate.decline" => Decimal::NEGATIVE_ONE,
        _ => return None,
    };
    Some(Interval::of_written(q.value, q.decimals).scale(sign))
}

pub(super) fn has_prior_word(l: &str, words: &[&str]) -> bool {
    words.iter().any(|w| l.contains(w))
}

/// Verbs of change: a figure whose label ends with one is a change, not a level.
pub const CHANGE_VERBS: &[&str] = &[
    "增加", "减少", "增长", "下降", "节约", "压减", "上升", "提高", "降低", "调减", "调增", "核减",
    "核增", "增收", "减收",
];

/// Whether a label ends with a verb of change (`较上年增加`, `下降`, `调减`): the figure is a
/// change.
pub fn ends_with_change_verb(l: &str) -> bool {
    CHANGE_VERBS.iter().any(|w| l.ends_with(w))
}

/// Whether a label states a change or a comparison rather than a level of its own
/// (`比上年增加`, `同比下降`, `比上年`).
pub fn is_change_label(l: &str) -> bool {
    ends_with_change_verb(l) || l.contains("比上年") || l.contains("较上年") || l.contains("同比")
}

/// Whether the figure's sentence says the figures are comparable (可比口径).
pub(super) fn comparable(figs: &Figures, q: &Quantity) -> bool {
    figs.comparable(q.block, q.sentence)
}

/// The growth rate stated right after a figure in its sentence (`1121亿元，同比上升12%`).
pub(super) fn growth_of(doc: &Document, i: usize) -> Option<usize> {
    let qs = &doc.quantities;
    let next = i + 1;
    let g = qs.get(next)?;
    (g.block == qs[i].block
        && g.sentence == qs[i].sentence
        && g.unit == Unit::Percent
        && g.qualifier.is_none()
        && growth_interval(g).is_some())
    .then_some(next)
}

pub(super) fn find_growths(doc: &Document, figs: &Figures, sums: &[SumClaim]) -> Vec<GrowthClaim> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    for s in sums {
        if s.verdict(doc) != SumVerdict::Consistent {
            continue;
        }
        let Some(tr) = growth_of(doc, s.total) else {
            continue;
        };
        let parts: Option<Vec<(usize, usize)>> = s
            .parts
            .iter()
            .map(|&p| growth_of(doc, p).map(|g| (p, g)))
            .collect();
        if let Some(parts) = parts {
            out.push(GrowthClaim::Aggregate {
                total: s.total,
                total_rate: tr,
                parts,
                comparable: comparable(figs, &qs[s.total]),
            });
        }
    }
    // Current and prior levels stated with a change in one sentence.
    let prior_words = ["上年同期", "上年", "去年", "上一年", "上年度", "前一年"];
    let current_words = ["本年", "今年", "当年", "本年度", "本期"];
    let mut sentences: Vec<(usize, usize)> = qs
        .iter()
        .filter(|q| doc.in_prose(q))
        .map(|q| (q.block, q.sentence))
        .collect();
    sentences.dedup();
    for (b, s) in sentences {
        let idx: Vec<usize> = figs
            .sentence(b, s)
            .iter()
            .copied()
            .filter(|&i| qs[i].qualifier.is_none())
            .collect();
        let level = |i: usize| dim(&qs[i].unit).is_some();
        let is_change = |i: usize| {
            growth_interval(&qs[i]).is_some()
                || (level(i) && ends_with_change_verb(qs[i].label_text()))
        };
        let changes: Vec<usize> = idx.iter().copied().filter(|&i| is_change(i)).collect();
        let priors: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| {
                level(i) && !is_change(i) && has_prior_word(qs[i].label_text(), &prior_words)
            })
            .collect();
        let ([change], [prior]) = (changes.as_slice(), priors.as_slice()) else {
            continue;
        };
        // The prior's own name without 上年 (`上年实际支出` → `实际支出`); empty for
        // `比上年31.52万元`, which compares with the figure just before it.
        let mut prior_name = qs[*prior].label_text().to_string();
        for w in prior_words
            .iter()
            .chain(["比", "较", "同比", "与", "相比"].iter())
        {
            prior_name = prior_name.replace(w, "");
        }
        let same_dim = |i: usize| qs[i].unit.same_dimension(&qs[*prior].unit);
        let currents: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| level(i) && !is_change(i) && i != *prior && same_dim(i))
            .filter(|&i| {
                if prior_name.chars().count() >= 2 {
                    current_words.iter().any(|w| qs[i].label_text().contains(w))
                        || qs[i].label_text().ends_with(&prior_name)
                } else {
                    // `X，比上年Y下降r%`: the level right before the prior.
                    i + 1 == *prior || (i < *prior && (i + 1..*prior).all(|k| !level(k)))
                }
            })
            .collect();
        if let [current] = currents.as_slice() {
            out.push(GrowthClaim::Levels {
                change: *change,
                current: *current,
                prior: *prior,
                comparable: comparable(figs, &qs[*change]),
            });
        }
    }
    let bound: Vec<usize> = out
        .iter()
        .filter_map(|g| match g {
            GrowthClaim::Levels { change, .. } => Some(*change),
            _ => None,
        })
        .collect();
    out.extend(change_rates(doc, figs, &bound));
    out.extend(change_sums(doc, figs));
    out
}

/// Whether a figure is a change amount: a level in money or counts whose label ends with a
/// verb of change (`同比增加`, `增收`).
fn is_change_amount(q: &Quantity) -> bool {
    dim(&q.unit).is_some() && q.qualifier.is_none() && ends_with_change_verb(q.label_text())
}

/// The sign a change amount's verb gives it: −1 for 减少, 下降, 节约, 压减, 调减, 核减, 减收.
pub fn change_sign(label: &str) -> Decimal {
    const DOWN: &[&str] = &[
        "减少", "下降", "节约", "压减", "降低", "调减", "核减", "减收",
    ];
    if DOWN.iter().any(|w| label.ends_with(w)) {
        Decimal::NEGATIVE_ONE
    } else {
        Decimal::ONE
    }
}

/// `X万元，（占…%，）同比增加Y万元，增长r%`: a change amount with its growth rate right before
/// or after it and exactly one level of its kind before it in the sentence, with no prior level
/// stated — the prior is X less Y.
fn change_rates(doc: &Document, figs: &Figures, bound: &[usize]) -> Vec<GrowthClaim> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    for (c, q) in qs.iter().enumerate() {
        if !is_change_amount(q) || !doc.in_prose(q) || bound.contains(&c) {
            continue;
        }
        let same_sentence = |k: usize| qs[k].block == q.block && qs[k].sentence == q.sentence;
        let is_rate = |k: usize| {
            same_sentence(k)
                && qs[k].unit == Unit::Percent
                && qs[k].qualifier.is_none()
                && growth_interval(&qs[k]).is_some()
        };
        let rate = [c + 1, c.wrapping_sub(1)]
            .into_iter()
            .find(|&k| k < qs.len() && is_rate(k));
        let Some(rate) = rate else { continue };
        let first = c.min(rate);
        // A level named as last year's is the prior, not the current one.
        let prior_words = ["上年", "去年", "上一年", "前一年"];
        // Nearest first, stopping at the second level or the first prior: only a sentence
        // with exactly one level, not last year's, binds.
        let mut levels: Vec<usize> = Vec::new();
        let mut prior = false;
        for &k in figs
            .sentence_before(q.block, q.sentence, first)
            .iter()
            .rev()
        {
            let level = doc.in_prose(&qs[k])
                && qs[k].qualifier.is_none()
                && dim(&qs[k].unit).is_some()
                && qs[k].unit.same_dimension(&q.unit)
                && !is_change_label(qs[k].label_text())
                && !is_per_unit(qs[k].label_text());
            if !level {
                continue;
            }
            if has_prior_word(qs[k].label_text(), &prior_words) {
                prior = true;
                break;
            }
            levels.push(k);
            if levels.len() > 1 {
                break;
            }
        }
        if prior {
            continue;
        }
        let [current] = levels.as_slice() else {
            continue;
        };
        out.push(GrowthClaim::ChangeRate {
            current: *current,
            change: c,
            rate,
            comparable: comparable(figs, q),
        });
    }
    out
}

/// `增加15.15万元。其中：甲减少0.26万元，乙增加14.79万元`: a change amount, a 其中 after it, and
/// change amounts of its kind after the cue — in the cue's sentence and in the following
/// sentences of the paragraph that open with a change amount.
fn change_sums(doc: &Document, figs: &Figures) -> Vec<GrowthClaim> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    for cue in doc.cues.iter().filter(|c| c.kind == CueKind::Of) {
        // The total: the last figure before the cue in its block, within the cue's sentence or
        // the one before, and a change amount.
        // Figures are in text order: start from the last one before the cue, and stop two
        // sentences back.
        let block = figs.block(cue.block);
        let at = block.partition_point(|&k| qs[k].span.start < cue.offset);
        let Some(total) = block[..at]
            .iter()
            .rev()
            .copied()
            .take_while(|&k| qs[k].sentence + 1 >= cue.sentence)
            .find(|&k| qs[k].span.end <= cue.offset && qs[k].unit != Unit::Percent)
        else {
            continue;
        };
        if !is_change_amount(&qs[total]) || !doc.in_prose(&qs[total]) {
            continue;
        }
        let mut parts = Vec::new();
        let mut sentence = cue.sentence;
        loop {
            let all = figs.sentence(cue.block, sentence);
            let from = all.partition_point(|&k| qs[k].span.start <= cue.offset);
            let money: Vec<usize> = all[from..]
                .iter()
                .copied()
                .filter(|&k| qs[k].unit.same_dimension(&qs[total].unit))
                .collect();
            let Some(&first) = money.first() else { break };
            if sentence != cue.sentence && !is_change_amount(&qs[first]) {
                break;
            }
            parts.extend(money.into_iter().filter(|&k| is_change_amount(&qs[k])));
            sentence += 1;
        }
        if parts.len() >= 2 {
            out.push(GrowthClaim::ChangeSum { total, parts });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_verbs_end_the_label() {
        assert!(ends_with_change_verb("较上年增加"));
        assert!(ends_with_change_verb("调减"));
        assert!(ends_with_change_verb("同比增收"));
        // A verb inside the label is no change: 增加值 is a level.
        assert!(!ends_with_change_verb("工业增加值"));
        assert!(!ends_with_change_verb("核减率"));
    }
}
