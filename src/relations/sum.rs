//! Sums: a total and its listed parts (`X，其中A a，B b`, `包括`), nesting resolved, and the
//! verdict (consistent, mismatch, unit slip, or a partial list left unjudged).

use super::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_sets_need_every_group() {
        assert!(labels_complete(&[
            "因公出国（境）费",
            "公务接待费",
            "公务用车运行费"
        ]));
        assert!(labels_complete(&[
            "出国",
            "接待",
            "公务用车购置费",
            "公务用车运行费"
        ]));
        // 出国 left out: an open list, not complete by definition.
        assert!(!labels_complete(&["公务接待费", "公务用车运行费"]));
        assert!(labels_complete(&["基本支出", "项目支出"]));
        // A part that names no group makes the list no definition.
        assert!(!labels_complete(&["基本支出", "项目支出", "其他支出"]));
        assert!(labels_complete(&["中央资金", "地方资金"]));
    }

    #[test]
    fn one_changed_digit_needs_shared_digits() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert!(one_digit_apart(d("4143.91"), d("4043.91")));
        assert!(one_digit_apart(d("1236.5"), d("1226.5")));
        // 236 against 226 shares only two non-zero digits.
        assert!(!one_digit_apart(d("236"), d("226")));
        // Round figures share no non-zero digit: a partial list, not a slip.
        assert!(!one_digit_apart(d("500"), d("400")));
        assert!(!one_digit_apart(d("1100"), d("1000")));
        // Two digits apart.
        assert!(!one_digit_apart(d("4143.91"), d("4043.81")));
        assert!(!one_digit_apart(d("4143.91"), d("4143.91")));
        assert_eq!(MIN_SHARED_DIGITS, 3);
    }

    #[test]
    fn slip_share_is_one_percent() {
        assert_eq!(SLIP_SHARE, Decimal::new(1, 2));
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SumVerdict {
    Consistent,
    /// The parts add up to more than the total, or (for a list that looks complete) miss it by
    /// a slip.
    Mismatch {
        sum: Decimal,
        exceeds: bool,
    },
    /// One part written with the wrong power of ten explains the gap.
    UnitSlip {
        operand: usize,
        exponent: i32,
    },
    /// An open list falls short of its total by more than a slip, but the sum and the total
    /// differ in exactly one digit (`4143.91` written for `4043.91`): more likely a slip than a
    /// part left out; reported as a warning.
    DigitSlip {
        sum: Decimal,
    },
    /// The parts fall short by more than a slip: the list may be partial; not judged.
    Partial,
    /// A 尾差: the parts' printed values add up to another value than the total at its
    /// precision, by no more than their rounding allows (`390.55 + 190.89 = 581.44`, total
    /// written 581.45). Not an error (DOMAIN §3), but the printed figures disagree: a warning.
    Rounding {
        sum: Decimal,
    },
}

impl SumVerdict {
    /// Whether the total holds within rounding: consistent, or off by a 尾差 only.
    pub fn holds(&self) -> bool {
        matches!(self, SumVerdict::Consistent | SumVerdict::Rounding { .. })
    }
}

impl SumClaim {
    pub fn verdict(&self, doc: &Document) -> SumVerdict {
        let q = &doc.quantities;
        let total = interval_of(&q[self.total]);
        let sum = self
            .parts
            .iter()
            .fold(Interval::exact(Decimal::ZERO), |a, &p| {
                a.add(&part_interval(&q[p]))
            });
        if sum.meets(&total) {
            let total = &q[self.total];
            let central: Decimal = self.parts.iter().map(|&p| q[p].base_value()).sum();
            let written = central / pow10(i32::from(total.unit.scale()));
            if rounds_to(written, total.decimals, total.value) || doc.rounding_note.is_some() {
                return SumVerdict::Consistent;
            }
            return SumVerdict::Rounding { sum: central };
        }
        // A part in the wrong unit.
        for &p in &self.parts {
            let part = &q[p];
            if !part.unit.is_money() {
                continue;
            }
            for e in [4i32, -4, 8, -8] {
                let shifted = sum
                    .sub(&interval_of(part))
                    .add(&interval_of(part).scale(pow10(e)));
                if shifted.meets(&total)
                    && doc.scale_count(part.unit.scale())
                        < doc.scale_count(crate::model::scale_up_u8(part.unit.scale(), e))
                {
                    return SumVerdict::UnitSlip {
                        operand: p,
                        exponent: e,
                    };
                }
            }
        }
        let central_sum: Decimal = self.parts.iter().map(|&p| q[p].base_value()).sum();
        let t = q[self.total].base_value();
        if central_sum > t {
            return SumVerdict::Mismatch {
                sum: central_sum,
                exceeds: true,
            };
        }
        // Short of the total: judged only when the gap is a slip (≤ 1 % of the total), since a
        // 其中 list often names only the main parts — unless the parts are all of it, by the
        // data's structure or by definition (基本支出 + 项目支出, 出国 + 接待 + 车辆).
        if self.exhaustive
            || complete_by_definition(doc, self)
            || (!t.is_zero() && (t - central_sum) / t <= SLIP_SHARE)
        {
            return SumVerdict::Mismatch {
                sum: central_sum,
                exceeds: false,
            };
        }
        if one_digit_apart(t, central_sum) {
            return SumVerdict::DigitSlip { sum: central_sum };
        }
        SumVerdict::Partial
    }
}

/// A part's value as an interval: a part written as a bare `0` (`上缴上级支出0万元`) is nothing
/// at all, not anything under half a unit; every other figure is ± half its last digit.
pub fn part_interval(q: &Quantity) -> Interval {
    if q.value.is_zero() && q.decimals == 0 {
        Interval::exact(Decimal::ZERO)
    } else {
        interval_of(q)
    }
}

/// The fewest non-zero digits a total and the sum of its parts must share, in place, for a
/// difference in one other digit to be read as a slip rather than a partial list: 3 (`500`
/// against `400` shares none and says nothing; `4143.91` against `4043.91` shares five).
pub const MIN_SHARED_DIGITS: usize = 3;

/// Whether two non-negative amounts, aligned at the decimal point, differ in exactly one digit
/// and agree on at least [`MIN_SHARED_DIGITS`] non-zero digits.
pub fn one_digit_apart(a: Decimal, b: Decimal) -> bool {
    if a.is_sign_negative() || b.is_sign_negative() || a == b {
        return false;
    }
    let scale = a.scale().max(b.scale());
    let digits = |x: Decimal| -> Option<Vec<u8>> {
        let mut x = x;
        x.rescale(scale);
        let m = x.mantissa();
        (m >= 0).then(|| m.to_string().bytes().rev().map(|c| c - b'0').collect())
    };
    let (Some(da), Some(db)) = (digits(a), digits(b)) else {
        return false;
    };
    let n = da.len().max(db.len());
    let at = |d: &[u8], i: usize| d.get(i).copied().unwrap_or(0);
    let differ = (0..n).filter(|&i| at(&da, i) != at(&db, i)).count();
    let shared = (0..n)
        .filter(|&i| at(&da, i) == at(&db, i) && at(&da, i) != 0)
        .count();
    differ == 1 && shared >= MIN_SHARED_DIGITS
}

/// The largest shortfall of a list of parts against its total, as a share of the total, that
/// is read as a slip (an error) rather than a partial list: 1 %.
pub const SLIP_SHARE: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

/// Breakdowns that are complete by definition: each is a list of groups of words; a list of
/// parts is complete when every part's label names one group and every group is named.
/// "三公"经费 = 因公出国（境） + 公务接待 + 公务用车购置及运行; a budget or spending total =
/// 基本支出 + 项目支出; 基本支出 = 人员经费 + 公用经费; funds = 中央 + 地方.
pub const COMPLETE_SETS: &[&[&[&str]]] = &[
    &[&["出国", "出境"], &["接待"], &["车"]],
    &[&["基本支出"], &["项目支出"]],
    &[&["人员经费", "人员支出"], &["公用经费", "公用支出"]],
    &[&["中央"], &["地方"]],
];

/// Whether a sum's parts are, by their labels, all of its total ([`COMPLETE_SETS`]).
pub fn complete_by_definition(doc: &Document, c: &SumClaim) -> bool {
    let qs = &doc.quantities;
    let labels: Vec<&str> = c.parts.iter().map(|&p| qs[p].label_text()).collect();
    labels_complete(&labels)
}

/// [`complete_by_definition`] on the parts' labels.
pub fn labels_complete(labels: &[&str]) -> bool {
    let group_of =
        |set: &[&[&str]], l: &str| set.iter().position(|g| g.iter().any(|w| l.contains(w)));
    COMPLETE_SETS.iter().any(|set| {
        let groups: Vec<Option<usize>> = labels.iter().map(|l| group_of(set, l)).collect();
        groups.iter().all(Option::is_some) && (0..set.len()).all(|g| groups.contains(&Some(g)))
    })
}

/// Which series of a breakdown a figure belongs to when a list interleaves two: budget and
/// spending amounts (`A预算数x，实际支出y；B…`), weights and scores (`得分9.82分（分值10分）`).
pub(super) fn series(q: &Quantity) -> Option<&'static str> {
    match &q.unit {
        Unit::Money { .. } => q.concept(),
        Unit::Count { word, .. } if word == "分" => {
            let l = q.label_text();
            Some(
                if ["分值", "满分", "权重", "标准分"]
                    .iter()
                    .any(|w| l.ends_with(w))
                {
                    "weight"
                } else {
                    "score"
                },
            )
        }
        _ => None,
    }
}

/// Dimension key of a figure for sums: same currency, or same counted word. Points (`分`) are
/// scores: a total score and its parts are the scorecard's (S003), not a breakdown here.
pub(super) fn dim(u: &Unit) -> Option<String> {
    match u {
        Unit::Money { currency, .. } => Some(format!("money:{currency:?}")),
        Unit::Count { word, .. } if word == "分" => None,
        Unit::Count { word, .. } => Some(format!("count:{word}")),
        _ => None,
    }
}

pub(super) fn find_sums(doc: &Document, figs: &Figures) -> Vec<SumClaim> {
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
        // The figures of the sentence before the cue, at most `TOTAL_WINDOW` of them.
        let sentence = figs.sentence(cue.block, cue.sentence);
        let at = sentence.partition_point(|&i| qs[i].span.start < cue.offset);
        let before: Vec<usize> = sentence[at.saturating_sub(TOTAL_WINDOW)..at]
            .iter()
            .filter(|i| in_sentence(i) && qs[**i].span.end <= cue.offset)
            .copied()
            .collect();
        let before = if before.iter().any(|&i| dim(&qs[i].unit).is_some()) {
            before
        } else {
            // `总额X。按来源，其中：…`: the total closes an earlier sentence (at most two back),
            // and is not itself a part of another breakdown.
            let inside_breakdown =
                |i: usize| figs.of_before(qs[i].block, qs[i].sentence, qs[i].span.start);
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
        };
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
                    out.extend(resolve_breakdown(doc, figs, total, &seg));
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
                        out.extend(resolve_breakdown(doc, figs, total, &seg));
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
                // (`按资金来源…；按资金用途…`); split there.
                let mut segments: Vec<Vec<usize>> = vec![Vec::new()];
                for &p in &parts {
                    if qs[p].base_value() == qs[total].base_value() {
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
                    out.extend(resolve_breakdown(doc, figs, whole, &seg));
                }
            }
        }
    }
    out
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

/// The longest run of parts read as the items of a subtotal inside a breakdown.
pub const SUBTOTAL_RUN: usize = 32;

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

/// Read a breakdown. A part immediately followed by parts that add up to it is their subtotal
/// (`基本支出2238.52，包括人员经费1709，公用经费529.52；项目支出7010.46`); a list may also end
/// at the first `；` (`基本支出X，其中人员经费a，公用经费b；项目支出Y…`). Any reading that adds
/// up makes the breakdown consistent; when none does, it is reported only if every reading
/// fails the same way, on the shortest reading.
pub(super) fn resolve_breakdown(
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
    // A sentence cut inside brackets (`（…运行维护费400万元。）公务接待费…`) may go on after
    // its end: the list is not known to be all there.
    if sentence_end != usize::MAX && figs.paren_depth(doc, q.block, sentence_end) > 0 {
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
