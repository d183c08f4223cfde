//! Readings of a breakdown: a subtotal run inside the list, a list cut at its first `；`,
//! parts nested by `包括`, and which reading is judged when none adds up.

use super::*;

/// The longest run of parts read as the items of a subtotal inside a breakdown.
pub const SUBTOTAL_RUN: usize = 32;

/// Read a breakdown. A part immediately followed by parts that add up to it is their subtotal
/// (`基本支出2238.52，包括人员经费1709，公用经费529.52；项目支出7010.46`); a list may also end
/// at the first `；` (`基本支出X，其中人员经费a，公用经费b；项目支出Y…`). Any reading that adds
/// up makes the breakdown consistent; when none does, it is reported only if every reading
/// fails the same way, on the shortest reading.
pub(super) fn resolve_breakdown(
    text: &str,
    doc: &Document,
    figs: &Figures,
    total: usize,
    parts: &[usize],
) -> Vec<SumClaim> {
    let qs = &doc.quantities;
    let mut readings: Vec<Vec<usize>> = vec![parts.to_vec()];
    let mut single_item = false;
    // The parts share a block: a cue between two of them is one of that block's.
    let block = parts.first().map_or(usize::MAX, |&p| qs[p].block);
    if let Some(semi) = figs
        .cues_between(
            doc,
            block,
            qs[parts[0]].span.end,
            qs[parts[parts.len() - 1]].span.start,
        )
        .find(|c| c.kind == CueKind::Semicolon)
    {
        let prefix: Vec<usize> = parts
            .iter()
            .copied()
            .filter(|&p| qs[p].span.end <= semi.offset)
            .collect();
        match prefix.len() {
            // `患者27,640人，其中规范管理19,580人，…；患者8,912人…`: one sub-figure, then the
            // next item — a figure named like the total. Items of one figure each separated by
            // `；` (`其中：中央a；地方b`) are the breakdown itself.
            1 => {
                let next = parts
                    .iter()
                    .copied()
                    .find(|&p| qs[p].span.start > semi.offset);
                let tail = |l: &str| l.chars().rev().take(2).collect::<String>();
                let named_like_total = next.is_some_and(|n| {
                    let t = tail(qs[total].label_text());
                    t.chars().count() == 2 && tail(qs[n].label_text()) == t
                });
                let labels: Vec<&str> = parts.iter().map(|&p| qs[p].label_text()).collect();
                let first_like_total = {
                    let t = tail(qs[total].label_text());
                    t.chars().count() == 2 && tail(qs[parts[0]].label_text()) == t
                };
                // Items of one figure each, every one closed by `；` (`其中：A a，占x%；B b，
                // 占y%；C c`), are the breakdown itself: unless the next item is named like the
                // total while the first is not (a new whole with its own breakdown).
                let one_per_item = one_figure_per_item(doc, figs, parts);
                single_item = (named_like_total && !first_like_total)
                    || (!one_per_item && !labels_complete(&labels));
            }
            n if n >= 2 => readings.push(prefix),
            _ => {}
        }
    }
    for r in &readings {
        if let Some(claims) = consistent_reading(doc, total, r) {
            return claims;
        }
    }
    // Parts that exceed the total while the first of them, up to a clause break, add up to it
    // exactly (`共检查企业40家，其中合格32家；整改8家，复查6家`): the list is those parts,
    // and what follows states more about them (the 6 re-checked are of the 8 rectified).
    if let Some(claim) = exact_clause_prefix(text, doc, total, parts) {
        return vec![claim];
    }
    if other_fact_after_parts(doc, total, parts) {
        return Vec::new();
    }
    // A reading whose parts are all of the total by definition (`基本支出X，其中人员经费a，
    // 公用经费b；项目支出Y`) is the breakdown: what follows the `；` is a sibling of the total.
    if readings.len() > 1
        && let Some(r) = readings[1..].iter().find(|r| {
            let labels: Vec<&str> = r.iter().map(|&p| qs[p].label_text()).collect();
            labels_complete(&labels)
        })
    {
        return vec![SumClaim {
            total,
            parts: r.clone(),
            nested: false,
            exhaustive: false,
        }];
    }
    if single_item {
        return Vec::new();
    }
    // Explicit nesting: `A a，包括 x，y；B b` — the parts after 包括 up to the next `；` are A's.
    let last = parts[parts.len() - 1];
    let including: Vec<usize> = figs
        .cues_between(doc, block, qs[parts[0]].span.start, qs[last].span.start)
        .filter(|c| c.kind == CueKind::Including)
        .map(|c| c.offset)
        .collect();
    if !including.is_empty() {
        return nested_by_cues(doc, figs, total, parts, &including);
    }
    let verdicts: Vec<SumVerdict> = readings
        .iter()
        .map(|r| {
            SumClaim {
                total,
                parts: r.clone(),
                nested: false,
                exhaustive: false,
            }
            .verdict(doc)
        })
        .collect();
    let same_kind = verdicts
        .windows(2)
        .all(|w| std::mem::discriminant(&w[0]) == std::mem::discriminant(&w[1]));
    let exceed_agree = verdicts
        .iter()
        .all(|v| matches!(v, SumVerdict::Mismatch { exceeds: true, .. }))
        || verdicts
            .iter()
            .all(|v| matches!(v, SumVerdict::Mismatch { exceeds: false, .. }));
    if !same_kind || (matches!(verdicts[0], SumVerdict::Mismatch { .. }) && !exceed_agree) {
        return Vec::new();
    }
    let shortest = readings
        .iter()
        .min_by_key(|r| r.len())
        .cloned()
        .unwrap_or_default();
    vec![SumClaim {
        total,
        parts: shortest,
        nested: false,
        exhaustive: false,
    }]
}

/// Of parts whose sum exceeds the total, the longest run from the first (at least two parts,
/// short of all) that ends at a clause break (`，` or `；` before the next part) and adds up to
/// the total exactly, as a claim; none when the parts are all of the total by definition, or
/// when a part of the run is zero or as large as the total. A coincidence would need the run to match to the last digit
/// while the whole list overshoots; a run that only comes near is not taken.
pub(super) fn exact_clause_prefix(
    text: &str,
    doc: &Document,
    total: usize,
    parts: &[usize],
) -> Option<SumClaim> {
    let qs = &doc.quantities;
    if parts.len() < 3 {
        return None;
    }
    let whole = interval_of(&qs[total]);
    let all = parts
        .iter()
        .fold(Interval::exact(Decimal::ZERO), |acc, &p| {
            acc.add(&interval_of(&qs[p]))
        });
    if all.lo <= whole.hi {
        return None;
    }
    // A list complete by definition (`三公`: 出国, 接待, 车辆) is all of its parts.
    let labels: Vec<&str> = parts.iter().map(|&p| qs[p].label_text()).collect();
    if labels_complete(&labels) {
        return None;
    }
    let mut sum = Interval::exact(Decimal::ZERO);
    let mut best = None;
    for k in 0..parts.len() - 1 {
        sum = sum.add(&interval_of(&qs[parts[k]]));
        let gap = text
            .get(qs[parts[k]].span.end..qs[parts[k + 1]].span.start)
            .unwrap_or("");
        let at_break = gap.contains('，') || gap.contains('；') || gap.contains(',');
        // A zero part or one as large as the total confirms nothing (`0万元，a万元` when a
        // is the total is a slip, not a reading).
        let q = &qs[parts[k]];
        if q.value.is_zero() || interval_of(q).meets(&whole) {
            break;
        }
        if k >= 1 && at_break && sum.meets(&whole) {
            best = Some(k + 1);
        }
    }
    best.map(|n| SumClaim {
        total,
        parts: parts[..n].to_vec(),
        nested: false,
        exhaustive: false,
    })
}

/// Words of a label that state what was done with the whole or a trait of it rather than a
/// part of it (`其中财政资金3000万元，已完成投资4200万元`, `其中行政人员45人，本科以上学历98人`).
pub const OTHER_FACT_WORDS: &[&str] = &[
    "已", "完成", "整改", "以上", "以下", "平均", "累计", "新增", "覆盖", "达到", "截至", "办结",
];

/// Whether parts that exceed their total (and are not all of it by definition) are a shorter
/// list followed by another fact about the total: a later part's label holds an
/// [`OTHER_FACT_WORDS`] word that neither the total's nor the first part's holds, and the parts
/// before it do not exceed the total. Which figures are parts is then not known.
pub(super) fn other_fact_after_parts(doc: &Document, total: usize, parts: &[usize]) -> bool {
    let qs = &doc.quantities;
    if parts.len() < 2 {
        return false;
    }
    let whole = interval_of(&qs[total]);
    let sum_of = |ps: &[usize]| {
        ps.iter().fold(Interval::exact(Decimal::ZERO), |acc, &p| {
            acc.add(&interval_of(&qs[p]))
        })
    };
    if sum_of(parts).lo <= whole.hi {
        return false;
    }
    let labels: Vec<&str> = parts.iter().map(|&p| qs[p].label_text()).collect();
    if labels_complete(&labels) {
        return false;
    }
    let has = |l: &str, w: &str| l.contains(w);
    let (tl, fl) = (qs[total].label_text(), labels[0]);
    let cut = (1..parts.len()).find(|&k| {
        OTHER_FACT_WORDS
            .iter()
            .any(|w| has(labels[k], w) && !has(tl, w) && !has(fl, w))
    });
    cut.is_some_and(|k| sum_of(&parts[..k]).lo <= whole.hi)
}

/// Whether every `；`-separated item of a breakdown holds exactly one of its parts, and there
/// are at least two items: `其中：A a，占x%；B b，占y%`.
pub(super) fn one_figure_per_item(doc: &Document, figs: &Figures, parts: &[usize]) -> bool {
    let qs = &doc.quantities;
    let (Some(&first), Some(&last)) = (parts.first(), parts.last()) else {
        return false;
    };
    let semis: Vec<usize> = figs
        .cues_between(
            doc,
            qs[first].block,
            qs[first].span.end,
            qs[last].span.start,
        )
        .filter(|c| c.kind == CueKind::Semicolon)
        .map(|c| c.offset)
        .collect();
    if semis.len() + 1 != parts.len() {
        return false;
    }
    let q = &qs[last];
    // The last item opens a breakdown of its own (`…；78个课题…，其中54个…`): a new whole.
    let sentence_end = doc
        .blocks
        .get(q.block)
        .and_then(|b| {
            b.sentences
                .iter()
                .find(|s| s.start <= q.span.start && q.span.start < s.end)
        })
        .map_or(usize::MAX, |s| s.end);
    if figs
        .cues_between(doc, q.block, q.span.end, sentence_end)
        .any(|c| c.kind == CueKind::Of)
    {
        return false;
    }
    // A sentence cut inside brackets deeper than the list (`其中：A a（…运行维护费400万元。）
    // 公务接待费…`) may go on after its end: the list is not known to be all there. A list
    // inside those brackets ends at their close.
    if sentence_end != usize::MAX
        && figs.paren_depth(doc, q.block, sentence_end)
            > figs.paren_depth(doc, q.block, q.span.start)
    {
        return false;
    }
    parts
        .windows(2)
        .zip(&semis)
        .all(|(w, &s)| qs[w[0]].span.end <= s && qs[w[1]].span.start > s)
}

/// Read `A a，包括 x，y；B b` as written. Judged only when at least one level adds up, so that
/// the reading is confirmed by the figures themselves.
pub(super) fn nested_by_cues(
    doc: &Document,
    figs: &Figures,
    total: usize,
    parts: &[usize],
    including: &[usize],
) -> Vec<SumClaim> {
    let qs = &doc.quantities;
    let mut top: Vec<usize> = Vec::new();
    let mut groups: Vec<SumClaim> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let p = parts[i];
        let opens = including.iter().find(|&&o| {
            o > qs[p].span.end && parts.get(i + 1).is_some_and(|&n| o < qs[n].span.start)
        });
        top.push(p);
        if let Some(&o) = opens {
            // The parts share a block: a `；` after it closes nothing among them.
            let close = figs
                .cues_between(doc, qs[p].block, o, usize::MAX)
                .find(|c| c.kind == CueKind::Semicolon)
                .map(|c| c.offset)
                .unwrap_or(usize::MAX);
            let kids: Vec<usize> = parts[i + 1..]
                .iter()
                .copied()
                .take_while(|&k| qs[k].span.start < close)
                .collect();
            i += 1 + kids.len();
            if kids.len() >= 2 {
                groups.push(SumClaim {
                    total: p,
                    parts: kids,
                    nested: true,
                    exhaustive: false,
                });
            }
        } else {
            i += 1;
        }
    }
    let mut claims = Vec::new();
    if top.len() >= 2 {
        claims.push(SumClaim {
            total,
            parts: top,
            nested: true,
            exhaustive: false,
        });
    }
    claims.extend(groups);
    let any_ok = claims
        .iter()
        .any(|c| c.verdict(doc) == SumVerdict::Consistent);
    if any_ok && claims.len() >= 2 {
        claims
    } else {
        Vec::new()
    }
}

/// The claims of a reading of a breakdown, if it adds up (flat, or with one subtotal run).
pub(super) fn consistent_reading(
    doc: &Document,
    total: usize,
    parts: &[usize],
) -> Option<Vec<SumClaim>> {
    let qs = &doc.quantities;
    let iv = |i: usize| interval_of(&qs[i]);
    // Prefix sums of the parts' intervals: the sum of any run is two subtractions.
    let mut prefix = Vec::with_capacity(parts.len() + 1);
    prefix.push(Interval::exact(Decimal::ZERO));
    for &p in parts {
        let last = prefix[prefix.len() - 1];
        prefix.push(last.add(&iv(p)));
    }
    let run = |from: usize, to: usize| Interval {
        lo: prefix[to].lo.saturating_sub(prefix[from].lo),
        hi: prefix[to].hi.saturating_sub(prefix[from].hi),
    };
    let whole = iv(total);
    if run(0, parts.len()).meets(&whole) {
        return Some(vec![SumClaim {
            total,
            parts: parts.to_vec(),
            nested: false,
            exhaustive: false,
        }]);
    }
    let n = parts.len();
    for h in 0..n {
        let sub = iv(parts[h]);
        for end in h + 3..=n.min(h + 1 + SUBTOTAL_RUN) {
            let kids = &parts[h + 1..end];
            if run(h + 1, end).meets(&sub) {
                let mut top: Vec<usize> = parts[..=h].to_vec();
                top.extend_from_slice(&parts[end..]);
                let top_sum = run(0, h + 1).add(&run(end, n));
                if top.len() >= 2 && top_sum.meets(&whole) {
                    return Some(vec![
                        SumClaim {
                            total,
                            parts: top,
                            nested: true,
                            exhaustive: false,
                        },
                        SumClaim {
                            total: parts[h],
                            parts: kids.to_vec(),
                            nested: true,
                            exhaustive: false,
                        },
                    ]);
                }
            }
        }
    }
    None
}

/// Of the runs a list may be read as when its wording leaves its reach open (given likeliest
/// first), the claims to judge: the first run (of at least two parts) that adds up to one of
/// the candidate wholes; else, against the first whole only, the first run whose sum is within
/// a slip ([`SLIP_SHARE`]) of it either way — a slip in a list that otherwise matches; else
/// none, so that a list read far too long or too short is never judged.
pub(super) fn confirmed_run(
    doc: &Document,
    wholes: &[usize],
    runs: &[Vec<usize>],
) -> Option<Vec<SumClaim>> {
    let qs = &doc.quantities;
    let runs: Vec<&Vec<usize>> = runs.iter().filter(|r| r.len() >= 2).collect();
    if let Some(claims) = runs
        .iter()
        .find_map(|r| wholes.iter().find_map(|&w| consistent_reading(doc, w, r)))
    {
        return Some(claims);
    }
    let &whole = wholes.first()?;
    let t = qs[whole].base_value();
    if t.is_zero() {
        return None;
    }
    let near = runs.iter().find(|r| {
        let s: Decimal = r.iter().map(|&p| qs[p].base_value()).sum();
        ((s - t) / t).abs() <= SLIP_SHARE
    })?;
    Some(vec![SumClaim {
        total: whole,
        parts: near.to_vec(),
        nested: false,
        exhaustive: false,
    }])
}
