//! Growth: a stated growth rate or change amount against this and last period's levels, and
//! a total's growth against its parts'.

use super::*;

/// The signed growth rate a figure states (`同比下降5%` → −5), as an interval in percent.
pub fn growth_interval(q: &Quantity) -> Option<Interval> {
    let sign = match q.concept() {
        Some("rate.growth") => Decimal::ONE,
        Some("rate.decline") => Decimal::NEGATIVE_ONE,
        // `下降了12.6%`: the verb with its particle.
        // `下降了12.6%`, `减少率35.22%`: the verb with its particle, or named as a rate.
        None if (q.label_text().ends_with('了') || q.label_text().ends_with('率'))
            && q.unit == Unit::Percent =>
        {
            let l = without_particle(q.label_text().trim_end_matches('率'));
            if RISE_WORDS.iter().any(|w| l.ends_with(w)) {
                Decimal::ONE
            } else if FALL_WORDS.iter().any(|w| l.ends_with(w)) {
                Decimal::NEGATIVE_ONE
            } else {
                return None;
            }
        }
        _ => return None,
    };
    Some(Interval::of_written(q.value, q.decimals).scale(sign))
}

/// Verbs of a rise and of a fall that a growth rate may follow with `了` (`增长了5%`).
pub const RISE_WORDS: &[&str] = &["增长", "上升", "提高", "增加"];
pub const FALL_WORDS: &[&str] = &["下降", "降低", "减少", "下滑"];

pub(super) fn has_prior_word(l: &str, words: &[&str]) -> bool {
    words.iter().any(|w| l.contains(w))
}

/// Verbs of change: a figure whose label ends with one is a change, not a level.
pub const CHANGE_VERBS: &[&str] = &[
    "增加", "减少", "增长", "下降", "节约", "压减", "上升", "提高", "降低", "调减", "调增", "核减",
    "核增", "增收", "减收", "增支", "减支", "节支", "下滑", "回落", "缩减",
];

/// Whether a label ends with a verb of change (`较上年增加`, `下降`, `调减`): the figure is a
/// change.
pub fn ends_with_change_verb(l: &str) -> bool {
    let l = without_particle(l);
    CHANGE_VERBS.iter().any(|w| l.ends_with(w))
}

/// A label without the aspect particle after its verb (`减少了` → `减少`).
pub fn without_particle(l: &str) -> &str {
    l.strip_suffix('了').unwrap_or(l)
}

/// Whether a label states a change or a comparison rather than a level of its own
/// (`比上年增加`, `同比下降`, `比上年`).
pub fn is_change_label(l: &str) -> bool {
    ends_with_change_verb(l) || l.contains("比上年") || l.contains("较上年") || l.contains("同比")
}

pub(super) fn comparable(doc: &Document, q: &Quantity) -> bool {
    doc.cues
        .iter()
        .any(|c| c.kind == CueKind::Comparable && c.block == q.block && c.sentence == q.sentence)
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
        if !s.verdict(doc).holds() {
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
                comparable: comparable(doc, &qs[s.total]),
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
                comparable: comparable(doc, &qs[*change]),
            });
        }
    }
    out.extend(stated_pairs(doc));
    let named = named_priors(doc, figs, &out);
    out.extend(named);
    let bound: Vec<usize> = out
        .iter()
        .filter_map(|g| match g {
            GrowthClaim::Levels { change, .. } => Some(*change),
            _ => None,
        })
        .collect();
    out.extend(change_rates(doc, figs, sums, &bound));
    let bound: std::collections::HashSet<usize> = out
        .iter()
        .filter_map(|g| match g {
            GrowthClaim::Levels { change, .. } | GrowthClaim::ChangeRate { change, .. } => {
                Some(*change)
            }
            _ => None,
        })
        .collect();
    out.extend(year_levels(doc, figs, &bound));
    out.extend(change_sums(doc, figs));
    out
}

/// `2022年度…预算总计21.8万元，其中…公务接待11.8万元` … `2021年度…合计支出20.12万元，其中…
/// 公务接待12.39万元` … `公务接待较上年同期减少0.58万元，减少4.68%`: a change amount whose
/// own sentence states no level is judged against the levels of what it is a change of,
/// stated elsewhere, when the document states that subject (by a name of at least
/// [`MIN_WHOLE_NAME_CHARS`] characters) for exactly two consecutive years, one value each, and
/// every figure of that name says its year. A growth rate right after the change is judged
/// against the same levels.
fn year_levels(
    doc: &Document,
    figs: &Figures,
    bound: &std::collections::HashSet<usize>,
) -> Vec<GrowthClaim> {
    let qs = &doc.quantities;
    let level = |k: usize| {
        let q = &qs[k];
        doc.in_prose(q)
            && q.qualifier.is_none()
            && dim(&q.unit).is_some()
            && !is_change_label(q.label_text())
            && !is_per_unit(q.label_text())
            && !is_ratio_base(doc, k)
    };
    let mut by_name: std::collections::HashMap<String, Vec<usize>> =
        std::collections::HashMap::new();
    for (k, q) in qs.iter().enumerate() {
        if level(k) {
            let name = whole_key(q.label_text());
            if name.chars().count() >= MIN_WHOLE_NAME_CHARS {
                by_name.entry(name).or_default().push(k);
            }
        }
    }
    let mut out = Vec::new();
    for (c, q) in qs.iter().enumerate() {
        if !is_change_amount(q) || !doc.in_prose(q) || bound.contains(&c) {
            continue;
        }
        // Only a change with no level of its own in its item.
        if item_before(doc, figs, c).iter().any(|&k| level(k)) {
            continue;
        }
        let name = whole_key(&change_subject(q.label_text()));
        let Some(levels) = by_name.get(&name) else {
            continue;
        };
        let Some((current, prior)) = two_years(doc, levels, &q.unit) else {
            continue;
        };
        if q.year
            .is_some_and(|y| Some(y) != qs[current].year && Some(y) != qs[prior].year)
        {
            continue;
        }
        out.push(GrowthClaim::Levels {
            change: c,
            current,
            prior,
            comparable: comparable(doc, q),
        });
        if let Some(r) = Some(c + 1).filter(|&r| {
            r < qs.len()
                && qs[r].block == q.block
                && qs[r].sentence == q.sentence
                && qs[r].qualifier.is_none()
                && growth_interval(&qs[r]).is_some()
        }) {
            out.push(GrowthClaim::Levels {
                change: r,
                current,
                prior,
                comparable: comparable(doc, &qs[r]),
            });
        }
    }
    out
}

/// The (current, prior) levels among `levels` (figures of one name): every one in `unit`'s
/// dimension with a year, exactly two years one apart, one value for each.
fn two_years(doc: &Document, levels: &[usize], unit: &Unit) -> Option<(usize, usize)> {
    let qs = &doc.quantities;
    let mut years: Vec<(u16, usize)> = Vec::new();
    for &k in levels {
        if !qs[k].unit.same_dimension(unit) {
            continue;
        }
        let y = qs[k].year?;
        match years.iter().find(|(yy, _)| *yy == y) {
            Some(&(_, first)) if qs[first].base_value() != qs[k].base_value() => return None,
            Some(_) => {}
            None => years.push((y, k)),
        }
    }
    let [(ya, a), (yb, b)] = years.as_slice() else {
        return None;
    };
    match i32::from(*ya) - i32::from(*yb) {
        1 => Some((*a, *b)),
        -1 => Some((*b, *a)),
        _ => None,
    }
}

/// Labels of a level that a change brings another to (`由年初预算A调整为B`, `增至B`): B is
/// the current level, the level right before it the prior.
pub const ADJUSTED_TO: &[&str] = &[
    "调整为",
    "调整",
    "调为",
    "调整到",
    "增至",
    "减至",
    "降至",
    "增加到",
    "减少到",
    "提高到",
    "提高至",
];

/// Labels of a level that is what another is compared with (`X，较2024年的Y减少…`): the year
/// is read apart, leaving the comparison word.
pub const COMPARED_WITH: &[&str] = &[
    "较",
    "比",
    "与",
    "相比",
    "较上年",
    "比上年",
    "较上年的",
    "比上年的",
];

/// Two levels stated as a pair with the change between them: `由年初预算A调整为B，调增C` and
/// `X，较2024年的Y减少C，下降r%`, each figure right after the other in one sentence. The
/// change amount and a growth rate right after it are each judged against the pair.
fn stated_pairs(doc: &Document) -> Vec<GrowthClaim> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    let level = |k: usize| {
        qs[k].qualifier.is_none()
            && doc.in_prose(&qs[k])
            && dim(&qs[k].unit).is_some()
            && !ends_with_change_verb(qs[k].label_text())
    };
    for b in 1..qs.len() {
        let a = b - 1;
        let same = |k: usize| qs[k].block == qs[b].block && qs[k].sentence == qs[b].sentence;
        if !same(a) || !level(a) || !level(b) || !qs[a].unit.same_dimension(&qs[b].unit) {
            continue;
        }
        let lb = qs[b].label_text().trim_end_matches('的');
        let (current, prior) = if ADJUSTED_TO.iter().any(|w| lb.ends_with(w)) {
            (b, a)
        } else if COMPARED_WITH.contains(&lb) {
            (a, b)
        } else if let Some(pair) = consecutive_years(doc, a, b) {
            pair
        } else {
            continue;
        };
        let Some(c) = Some(b + 1).filter(|&c| {
            c < qs.len()
                && same(c)
                && is_change_amount(&qs[c])
                && qs[c].unit.same_dimension(&qs[b].unit)
        }) else {
            continue;
        };
        out.push(GrowthClaim::Levels {
            change: c,
            current,
            prior,
            comparable: comparable(doc, &qs[c]),
        });
        if let Some(r) = Some(c + 1).filter(|&r| {
            r < qs.len()
                && same(r)
                && qs[r].qualifier.is_none()
                && growth_interval(&qs[r]).is_some()
        }) {
            out.push(GrowthClaim::Levels {
                change: r,
                current,
                prior,
                comparable: comparable(doc, &qs[r]),
            });
        }
    }
    out
}

/// How many sentences of its paragraph before a compared level the level it is compared
/// with may stand in: 2.
pub const NAMED_PRIOR_SENTENCES_BACK: usize = 2;

/// `2015年“三公”经费合计31.23万元，其中…。较2014年度“三公”经费合计16.08万元增加15.15万元`: a
/// level that opens its sentence named as what another is compared with (its label is a
/// comparison word and a name of at least [`MIN_WHOLE_NAME_CHARS`] characters), followed by a
/// change amount, is the prior of the one level of that name ([`whole_key`]) in the sentences
/// of its paragraph just before ([`NAMED_PRIOR_SENTENCES_BACK`]), of another year when both
/// say theirs. The change, and a growth rate right after it, are judged against the pair.
fn named_priors(doc: &Document, figs: &Figures, found: &[GrowthClaim]) -> Vec<GrowthClaim> {
    let qs = &doc.quantities;
    let bound: std::collections::HashSet<usize> = found
        .iter()
        .filter_map(|g| match g {
            GrowthClaim::Levels { change, .. } => Some(*change),
            _ => None,
        })
        .collect();
    let level = |k: usize| {
        qs[k].qualifier.is_none()
            && doc.in_prose(&qs[k])
            && dim(&qs[k].unit).is_some()
            && !is_change_label(qs[k].label_text())
            && !is_per_unit(qs[k].label_text())
    };
    let mut out = Vec::new();
    for (p, q) in qs.iter().enumerate() {
        let c = p + 1;
        let same =
            |k: usize| k < qs.len() && qs[k].block == q.block && qs[k].sentence == q.sentence;
        if !same(c)
            || !is_change_amount(&qs[c])
            || bound.contains(&c)
            || !qs[c].unit.same_dimension(&q.unit)
            || !doc.in_prose(q)
            || q.qualifier.is_some()
            || dim(&q.unit).is_none()
            || ends_with_change_verb(q.label_text())
            || figs
                .sentence_before(q.block, q.sentence, p)
                .iter()
                .any(|&k| level(k))
        {
            continue;
        }
        let Some(name) = ["较", "比", "与"]
            .iter()
            .find_map(|w| q.label_text().strip_prefix(w))
            .map(|n| whole_key(n.trim_end_matches('的')))
        else {
            continue;
        };
        if name.chars().count() < MIN_WHOLE_NAME_CHARS {
            continue;
        }
        let currents: Vec<usize> = (q.sentence.saturating_sub(NAMED_PRIOR_SENTENCES_BACK)
            ..q.sentence)
            .flat_map(|s| figs.sentence(q.block, s).iter().copied())
            .filter(|&k| {
                level(k)
                    && qs[k].unit.same_dimension(&q.unit)
                    && whole_key(qs[k].label_text()) == name
            })
            .collect();
        let [current] = currents.as_slice() else {
            continue;
        };
        if let (Some(a), Some(b)) = (qs[*current].year, q.year)
            && a <= b
        {
            continue;
        }
        out.push(GrowthClaim::Levels {
            change: c,
            current: *current,
            prior: p,
            comparable: comparable(doc, &qs[c]),
        });
        let r = c + 1;
        if same(r) && qs[r].qualifier.is_none() && growth_interval(&qs[r]).is_some() {
            out.push(GrowthClaim::Levels {
                change: r,
                current: *current,
                prior: p,
                comparable: comparable(doc, &qs[r]),
            });
        }
    }
    out
}

/// `2024年预算9万元，2023年预算13.5万元`: two levels of one name (the second's label ends the
/// first's) stated for two consecutive years, as (current, prior).
fn consecutive_years(doc: &Document, a: usize, b: usize) -> Option<(usize, usize)> {
    let qs = &doc.quantities;
    let (ya, yb) = (qs[a].year?, qs[b].year?);
    let (la, lb) = (qs[a].label_text(), qs[b].label_text());
    if lb.chars().count() < 2 || !la.ends_with(lb) {
        return None;
    }
    match i32::from(ya) - i32::from(yb) {
        1 => Some((a, b)),
        -1 => Some((b, a)),
        _ => None,
    }
}

/// Whether a figure is a change amount: a level in money or counts whose label ends with a
/// verb of change (`同比增加`, `增收`).
pub(super) fn is_change_amount(q: &Quantity) -> bool {
    dim(&q.unit).is_some() && q.qualifier.is_none() && ends_with_change_verb(q.label_text())
}

/// The sign a change amount's verb gives it: −1 for 减少, 下降, 节约, 压减, 调减, 核减, 减收.
pub fn change_sign(label: &str) -> Decimal {
    const DOWN: &[&str] = &[
        "减少", "下降", "节约", "压减", "降低", "调减", "核减", "减收", "减支", "节支", "下滑",
        "回落", "缩减", "追减",
    ];
    if DOWN.iter().any(|w| without_particle(label).ends_with(w)) {
        Decimal::NEGATIVE_ONE
    } else {
        Decimal::ONE
    }
}

/// Whether a figure is the base of a rate stated right after it (`完成年初预算数60999万元的
/// 40.4%`): a denominator, not a level of the item.
pub fn is_ratio_base(doc: &Document, k: usize) -> bool {
    let qs = &doc.quantities;
    qs.get(k + 1).is_some_and(|r| {
        r.unit == Unit::Percent
            && r.block == qs[k].block
            && r.sentence == qs[k].sentence
            && r.label_text() == "的"
    })
}

/// The most amounts after a 其中 read in one sentence as the parts of a change: 32 (as for the
/// subtotal runs of sums).
pub const MAX_CHANGE_PARTS: usize = 32;

/// `增加15.15万元。其中：甲减少0.26万元，乙增加14.79万元`: a change amount, a 其中 after it, and
/// change amounts of its kind after the cue — in the cue's sentence and in the following
/// sentences of the paragraph that open with a change amount.
fn change_sums(doc: &Document, figs: &Figures) -> Vec<GrowthClaim> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    for cue in doc.cues.iter().filter(|c| c.kind == CueKind::Of) {
        // The total: the last figure before the cue in its block, within the cue's sentence or
        // the one before, and a change amount.
        // Figures stand in reading order: the ones before the cue are found by binary search,
        // and the walk back stops at the sentence before the cue's.
        let block = figs.block(cue.block);
        let at = block.partition_point(|&k| qs[k].span.end <= cue.offset);
        let Some(total) = block[..at]
            .iter()
            .rev()
            .copied()
            .take_while(|&k| qs[k].sentence + 1 >= cue.sentence)
            .find(|&k| qs[k].unit != Unit::Percent)
        else {
            continue;
        };
        if !is_change_amount(&qs[total]) || !doc.in_prose(&qs[total]) {
            continue;
        }
        let mut parts = Vec::new();
        let mut sentence = cue.sentence;
        loop {
            let figures = figs.sentence(cue.block, sentence);
            let from = figures.partition_point(|&k| qs[k].span.start <= cue.offset);
            // At most MAX_CHANGE_PARTS amounts: a longer run is no list of one total's parts,
            // and a sentence of thousands of 其中 is not rescanned for each.
            let money: Vec<usize> = figures[from..]
                .iter()
                .copied()
                .filter(|&k| qs[k].unit.same_dimension(&qs[total].unit))
                .take(MAX_CHANGE_PARTS + 1)
                .collect();
            if money.len() > MAX_CHANGE_PARTS {
                parts.clear();
                break;
            }
            let Some(&first) = money.first() else { break };
            if sentence != cue.sentence && !is_change_amount(&qs[first]) {
                break;
            }
            parts.extend(money.into_iter().filter(|&k| is_change_amount(&qs[k])));
            sentence += 1;
        }
        if parts.len() >= 2 {
            // Parts that are all of the total by definition (出国 + 接待 + 车辆, 税收 + 非税):
            // their changes are all of its change.
            let labels: Vec<&str> = parts.iter().map(|&k| qs[k].label_text()).collect();
            out.push(GrowthClaim::ChangeSum {
                total,
                parts,
                complete: labels_complete(&labels),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (change, current, prior) figures `year_levels` binds in `text`.
    fn year_bound(text: &str) -> Vec<(String, String, String)> {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        year_levels(&doc, &figs, &std::collections::HashSet::new())
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

    fn change_sum_parts(text: &str) -> Vec<usize> {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let figs = Figures::new(&doc);
        change_sums(&doc, &figs)
            .into_iter()
            .filter_map(|g| match g {
                GrowthClaim::ChangeSum { parts, .. } => Some(parts.len()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn changes_of_parts_complete_by_definition_are_a_complete_change_sum() {
        let complete = |text: &str| {
            let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
            let figs = Figures::new(&doc);
            change_sums(&doc, &figs)
                .into_iter()
                .map(|g| matches!(g, GrowthClaim::ChangeSum { complete: true, .. }))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            complete(
                "“三公”经费比上年减少30万元。其中：因公出国（境）费减少5万元，公务接待费减少10万元，\
                 公务用车购置费减少5万元，公务用车运行费减少8万元。"
            ),
            vec![true]
        );
        // No change of the trips abroad: the list may leave it out.
        assert_eq!(
            complete(
                "“三公”经费比上年减少30万元。其中：公务接待费减少10万元，公务用车运行费减少8万元。"
            ),
            vec![false]
        );
    }

    #[test]
    fn change_sum_parts_are_bounded() {
        let list = |n: usize| {
            let mut t = String::from("支出较上年增加100万元，其中");
            for _ in 0..n {
                t.push_str("某项增加1万元，");
            }
            t.push('。');
            t
        };
        assert_eq!(change_sum_parts(&list(3)), vec![3]);
        assert_eq!(
            change_sum_parts(&list(MAX_CHANGE_PARTS)),
            vec![MAX_CHANGE_PARTS]
        );
        assert!(change_sum_parts(&list(MAX_CHANGE_PARTS + 1)).is_empty());
    }

    #[test]
    fn a_change_takes_its_levels_from_two_years() {
        let text = "2024年公务接待费14.20万元。2023年公务接待费16.45万元。\
                    公务接待费较上年减少2.25万元，下降13.68%。";
        let got = year_bound(text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            got[0],
            ("2.25万元".into(), "14.20万元".into(), "16.45万元".into())
        );
        assert_eq!(got[1].0, "13.68%");
    }

    #[test]
    fn levels_by_year_need_one_value_per_year_and_two_consecutive_years() {
        // Two values for 2023 (a budget and what was spent): not judged.
        let two_values = "2024年公务接待费14.20万元。2023年公务接待费16.45万元。\
                          2023年公务接待费预算18.00万元。公务接待费较上年减少2.25万元。";
        assert!(year_bound(two_values).is_empty());
        // Years two apart.
        let gap = "2024年公务接待费14.20万元。2022年公务接待费16.45万元。\
                   公务接待费较上年减少2.25万元。";
        assert!(year_bound(gap).is_empty());
        // A figure of that name with no year.
        let no_year = "2024年公务接待费14.20万元。2023年公务接待费16.45万元。\
                       公务接待费15.00万元。公务接待费较上年减少2.25万元。";
        assert!(year_bound(no_year).is_empty());
        // A name shorter than MIN_WHOLE_NAME_CHARS.
        let short = "2024年支出14.20万元。2023年支出16.45万元。支出较上年减少2.25万元。";
        assert!(year_bound(short).is_empty());
    }

    /// The (change, current, prior) figures `named_priors` binds in `text`.
    fn named_bound(text: &str) -> Vec<(String, String, String)> {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        named_priors(&doc, &figs, &[])
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

    #[test]
    fn a_level_compared_with_by_name_is_the_prior_of_the_level_so_named() {
        let text = "2023年“三公”经费支出合计12.50万元，其中：公务接待费2.50万元，\
                    公务用车运行维护费10.00万元。较2022年“三公”经费支出合计14.00万元减少1.50万元，\
                    下降10.71%。";
        let got = named_bound(text);
        assert_eq!(
            got,
            vec![
                ("1.50万元".into(), "12.50万元".into(), "14.00万元".into()),
                ("10.71%".into(), "12.50万元".into(), "14.00万元".into()),
            ]
        );
    }

    #[test]
    fn a_compared_level_needs_one_level_of_its_name_before_it() {
        // Another name.
        let other =
            "2023年公务接待费支出2.50万元。较2022年“三公”经费支出合计14.00万元减少1.50万元。";
        assert!(named_bound(other).is_empty());
        // Two levels of the name.
        let two = "2023年“三公”经费支出合计12.50万元，“三公”经费支出合计预算13.00万元。\
                   较2022年“三公”经费支出合计14.00万元减少1.50万元。";
        assert!(named_bound(two).is_empty());
        // The same year: no prior.
        let same_year = "2023年“三公”经费支出合计12.50万元。\
                         较2023年“三公”经费支出合计14.00万元减少1.50万元。";
        assert!(named_bound(same_year).is_empty());
        // A short name (`支出`).
        let short = "2023年支出12.50万元。较2022年支出14.00万元减少1.50万元。";
        assert!(named_bound(short).is_empty());
        // A level before it in its sentence: the pair is that sentence's own.
        let own = "2023年“三公”经费支出合计12.50万元。本年支出13.00万元，\
                   较2022年“三公”经费支出合计14.00万元减少1.50万元。";
        assert!(named_bound(own).is_empty());
        assert_eq!(NAMED_PRIOR_SENTENCES_BACK, 2);
    }

    #[test]
    fn change_verbs_end_the_label() {
        assert!(ends_with_change_verb("较上年增加"));
        assert!(ends_with_change_verb("调减"));
        assert!(ends_with_change_verb("同比增收"));
        assert!(ends_with_change_verb("支出减少了"));
        assert_eq!(change_sign("支出减少了"), Decimal::NEGATIVE_ONE);
        // Spending changes: 比上年减支 is a fall, 增支 a rise.
        assert!(ends_with_change_verb("比上年减支"));
        assert_eq!(change_sign("比上年减支"), Decimal::NEGATIVE_ONE);
        assert_eq!(change_sign("同比增支"), Decimal::ONE);
        assert_eq!(change_sign("较上年回落"), Decimal::NEGATIVE_ONE);
        // A verb inside the label is no change: 增加值 is a level.
        assert!(!ends_with_change_verb("工业增加值"));
        assert!(!ends_with_change_verb("核减率"));
    }
}
