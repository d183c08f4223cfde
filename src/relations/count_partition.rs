//! Counts split into parts that must add up to them, by two kinds of wording:
//!
//! - a **partition**: `N个X中，a个X…高于…；b个X…低于…` — the parts are the two sides of one
//!   test (an antonym pair or a word and its negation), or the last part is `其余`/`剩余` —
//!   so together they are the whole set;
//! - **records**: `N宗，金额A，核减B，其中甲a宗，金额A1，核减B1，乙b宗，金额A2，核减B2` — the
//!   total count opens a record of labelled figures and each part repeats the record field by
//!   field; when every summable field of the parts adds up to the total's, the parts are the
//!   whole breakdown and their counts must add up too.
//!
//! Both are [`CountSum`]s judged by A007. A count whose parts may overlap (two tests that are
//! not each other's opposite) or whose record fields do not add up is not read: the parts may
//! be a partial list.

use super::*;

/// Pairs of words that split a set into two sides. `true` when the pair leaves nothing
/// between its sides (a word and its negation); `false` for comparisons, which leave the
/// values equal to the threshold out (`高于` / `低于` the average).
const OPPOSITES: &[(&str, &str, bool)] = &[
    ("高于", "低于", false),
    ("以上", "以下", false),
    ("超过", "未超过", true),
    ("超过", "不超过", true),
    ("达到", "未达到", true),
    ("达到", "未达", true),
    ("完成", "未完成", true),
    ("合格", "不合格", true),
    ("达标", "未达标", true),
    ("满意", "不满意", true),
    ("通过", "未通过", true),
    ("符合", "不符合", true),
];

/// Words that open a last part holding everything the others do not (`其余78个`).
const REST: &[&str] = &["其余", "剩余", "剩下"];

/// The longest noun read between a total count and its `中` (`130个课题中`).
const MAX_NOUN_CHARS: usize = 8;

/// How many characters at the end of a set's noun its parts must repeat (`受助企业` → `企业`).
const NOUN_HEAD_CHARS: usize = 2;

/// Clause delimiters, in both widths.
fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '：' | ':' | '。' | '！' | '？' | '\n'
    )
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The whole number a count figure states, when it is one.
fn count_value(q: &Quantity) -> Option<u32> {
    if !matches!(q.unit, Unit::Count { .. }) || q.decimals != 0 || q.cell.is_some() {
        return None;
    }
    u32::try_from(q.value.trunc().mantissa()).ok()
}

/// The text of the clause a figure stands in, before the figure.
fn clause_before<'t>(text: &'t str, q: &Quantity) -> &'t str {
    let before = text.get(..q.span.start).unwrap_or("");
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| is_clause_end(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    before[start..].trim()
}

/// The text of the clause a figure stands in, after the figure.
fn clause_after<'t>(text: &'t str, q: &Quantity) -> &'t str {
    let after = text.get(q.span.end..).unwrap_or("");
    let end = after
        .char_indices()
        .find(|&(_, c)| is_clause_end(c))
        .map_or(after.len(), |(i, _)| i);
    &after[..end]
}

/// `130个课题中，`: the noun the count is of (`课题`, possibly empty) when the count is followed
/// by 中 and the end of its clause.
fn set_noun<'t>(text: &'t str, q: &Quantity) -> Option<&'t str> {
    let after = text.get(q.span.end..)?;
    let mut chars = after.char_indices();
    for _ in 0..=MAX_NOUN_CHARS {
        let (i, c) = chars.next()?;
        if c == '中' {
            let next = after[i + c.len_utf8()..].chars().next()?;
            return matches!(next, '，' | ',' | '：' | ':').then_some(&after[..i]);
        }
        if !is_han(c) {
            return None;
        }
    }
    None
}

/// Every count split into parts that must add up to it (see the module documentation).
pub fn find_count_partitions(text: &str, doc: &Document, sums: &[SumClaim]) -> Vec<CountSum> {
    let qs = &doc.quantities;
    // Totals the breakdown pass judges: left to it, unless it had to leave their list as
    // possibly partial.
    let summed: std::collections::HashSet<usize> = sums
        .iter()
        .filter(|s| !matches!(s.verdict(doc), SumVerdict::Partial))
        .map(|s| s.total)
        .collect();
    let mut out = Vec::new();
    for (t, q) in qs.iter().enumerate() {
        if summed.contains(&t) || count_value(q).is_none() {
            continue;
        }
        let sentence: Vec<usize> = (t + 1..qs.len())
            .take_while(|&k| qs[k].block == q.block && qs[k].sentence == q.sentence)
            .collect();
        let found = match set_noun(text, q) {
            Some(noun) => partition(text, doc, t, noun, &sentence),
            None => records(text, doc, t, &sentence),
        };
        out.extend(found);
    }
    out
}

/// A breakdown that takes the other side of a split for a part of the first side
/// (`61个项目高于…，其中37个…；25个项目低于…` read as 61 = 37 + 25) is dropped: the two sides
/// of one set are siblings.
pub fn drop_split_sums(doc: &Document, sums: &mut Vec<SumClaim>, partitions: &[CountSum]) {
    let qs = &doc.quantities;
    let at = |s: crate::model::Span| qs.iter().position(|q| q.span == s);
    let sides: Vec<(usize, usize)> = partitions
        .iter()
        .filter(|c| matches!(c.kind, CountSumKind::Partition { .. }))
        .filter_map(|c| {
            let [(a, ..), (b, ..)] = c.parts[..] else {
                return None;
            };
            Some((at(a)?, at(b)?))
        })
        .collect();
    sums.retain(|s| {
        !sides.iter().any(|&(a, b)| {
            (s.total == a && s.parts.contains(&b)) || (s.total == b && s.parts.contains(&a))
        })
    });
}

/// `N个X中，a个X…；b个X…`: two parts on the two sides of one test, or a last part that is the
/// rest.
fn partition(
    text: &str,
    doc: &Document,
    t: usize,
    noun: &str,
    sentence: &[usize],
) -> Option<CountSum> {
    let qs = &doc.quantities;
    let total = &qs[t];
    let mut parts = Vec::new();
    for &k in sentence {
        let p = &qs[k];
        if !p.unit.same_dimension(&total.unit) || p.unit.scale() != total.unit.scale() {
            continue;
        }
        count_value(p)?;
        let prefix = clause_before(text, p);
        let rest = REST.contains(&prefix);
        // A sub-count (`其中50个`) or a count in other wording is not a part.
        if !(prefix.is_empty() || rest) {
            continue;
        }
        // The part counts the same things: the set's noun, or its head (`受助企业` → `企业`).
        let after = text.get(p.span.end..).unwrap_or("");
        let head: String = {
            let n = noun.chars().count();
            noun.chars()
                .skip(n.saturating_sub(NOUN_HEAD_CHARS))
                .collect()
        };
        if !after.starts_with(&head) {
            continue;
        }
        parts.push((k, rest));
    }
    let [(a, _), (b, b_rest)] = parts[..] else {
        return None;
    };
    let exact = if b_rest {
        true
    } else {
        let (ca, cb) = (clause_after(text, &qs[a]), clause_after(text, &qs[b]));
        // The longer negated word first, so that `未超过` is not read as `超过`.
        let side = |c: &str, w: &str, neg: &str| c.contains(w) && !c.contains(neg);
        OPPOSITES
            .iter()
            .find(|(w, neg, _)| {
                (side(ca, w, neg) && cb.contains(neg)) || (side(cb, w, neg) && ca.contains(neg))
            })?
            .2
    };
    let span_value = |k: usize| (qs[k].span, count_value(&qs[k]).unwrap_or(0), true);
    Some(CountSum {
        total: (total.span, count_value(total)?),
        parts: vec![span_value(a), span_value(b)],
        kind: CountSumKind::Partition { exact },
    })
}

/// `N宗，金额A，核减B，其中甲a宗，金额A1，核减B1，乙b宗，金额A2，核减B2`: the parts repeat
/// the total's record and every summable field adds up.
fn records(text: &str, doc: &Document, t: usize, sentence: &[usize]) -> Option<CountSum> {
    let qs = &doc.quantities;
    let total = &qs[t];
    let same_unit = |k: usize| {
        qs[k].unit.same_dimension(&total.unit) && qs[k].unit.scale() == total.unit.scale()
    };
    // The record: the figures after the total up to the next count of its unit, which must be
    // the first part, right after 其中.
    let first = sentence.iter().position(|&k| same_unit(k))?;
    let fields = &sentence[..first];
    if fields.is_empty() {
        return None;
    }
    let between =
        text.get(qs[fields[fields.len() - 1]].span.end..qs[sentence[first]].span.start)?;
    if !between.contains("其中") {
        return None;
    }
    let key = |k: usize| metric_key(qs[k].label_text());
    if fields.iter().any(|&f| key(f).chars().count() < 2) {
        return None;
    }
    // Each part: its count, then the total's fields in order.
    let width = fields.len() + 1;
    let rest = &sentence[first..];
    let mut parts = Vec::new();
    for rec in rest.chunks(width) {
        if rec.len() < width || !same_unit(rec[0]) {
            break;
        }
        if rec[1..]
            .iter()
            .zip(fields)
            .any(|(&p, &f)| key(p) != key(f) || !qs[p].unit.same_dimension(&qs[f].unit))
        {
            break;
        }
        parts.push(rec);
    }
    if parts.len() < 2 || parts.iter().any(|r| count_value(&qs[r[0]]).is_none()) {
        return None;
    }
    // Every summable field adds up: the parts are the whole breakdown.
    let mut summable = 0;
    for (j, &f) in fields.iter().enumerate() {
        if qs[f].unit.is_percent() || is_per_unit(qs[f].label_text()) {
            continue;
        }
        let sum = parts.iter().fold(Interval::exact(Decimal::ZERO), |acc, r| {
            acc.add(&interval_of(&qs[r[j + 1]]))
        });
        if !sum.meets(&interval_of(&qs[f])) {
            return None;
        }
        summable += 1;
    }
    if summable == 0 {
        return None;
    }
    Some(CountSum {
        total: (total.span, count_value(total)?),
        parts: parts
            .iter()
            .map(|r| (qs[r[0]].span, count_value(&qs[r[0]]).unwrap_or(0), true))
            .collect(),
        kind: CountSumKind::Records,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(u32, Vec<u32>, CountSumKind)> {
        let d = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let r = crate::relations::find(text, &d);
        find_count_partitions(text, &d, &r.sums)
            .into_iter()
            .map(|c| (c.total.1, c.parts.iter().map(|p| p.1).collect(), c.kind))
            .collect()
    }

    #[test]
    fn two_sides_of_one_test_partition_the_set() {
        let got = found(
            "全局96个项目中，58个项目得分高于全局平均分，其中40个项目超过90分；38个项目低于全局平均分。",
        );
        assert_eq!(
            got,
            [(96, vec![58, 38], CountSumKind::Partition { exact: false })]
        );
        let got = found("抽查的45家预算单位中，37家单位达标，8家单位未达标。");
        assert_eq!(
            got,
            [(45, vec![37, 8], CountSumKind::Partition { exact: true })]
        );
        let got = found("120户中，95户已完成改造，其余25户正在施工。");
        assert_eq!(
            got,
            [(120, vec![95, 25], CountSumKind::Partition { exact: true })]
        );
    }

    #[test]
    fn parts_that_may_overlap_or_lack_a_side_are_not_read() {
        // Two tests that are not each other's opposite: the sets may overlap.
        assert!(found("全局96个项目中，58个项目得分高于平均分，40个项目按期完工。").is_empty());
        // One part only.
        assert!(found("全局96个项目中，58个项目得分高于平均分。").is_empty());
        // No 中: not a set split into parts.
        assert!(found("全局96个项目，58个项目得分高于平均分，38个项目低于平均分。").is_empty());
        // Three parts: not read as a two-sided test.
        assert!(
            found("96个项目中，50个项目高于平均分，6个项目等于平均分，40个项目低于平均分。")
                .is_empty()
        );
    }

    #[test]
    fn the_other_side_of_a_split_is_no_part_of_the_first() {
        let text = "全局96个项目中，58个项目得分高于全局平均分，其中40个项目超过90分；38个项目低于全局平均分。";
        let d = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let r = crate::relations::find(text, &d);
        let value = |i: usize| d.quantities[i].value;
        assert!(
            !r.sums.iter().any(|s| value(s.total) == Decimal::from(58)),
            "{:?}",
            r.sums
        );
        assert_eq!(r.count_sums.len(), 1);
    }

    #[test]
    fn records_whose_fields_add_up_make_their_counts_a_whole() {
        // The breakdown pass reads 140 + 62 as a list that may be partial; the amounts show it
        // is whole.
        let got = found(
            "全年共审核232宗，申报金额8.40亿元，核减0.62亿元，核减率7.38%，其中工程类140宗，申报金额5.10亿元，核减0.40亿元，核减率7.84%，服务类62宗，申报金额3.30亿元，核减0.22亿元，核减率6.67%。",
        );
        assert_eq!(got, [(232, vec![140, 62], CountSumKind::Records)]);
        // A count the breakdown pass judges is left to it.
        assert!(
            found(
                "全年共审核232宗，申报金额8.40亿元，核减0.62亿元，其中工程类140宗，申报金额5.10亿元，核减0.40亿元，服务类92宗，申报金额3.30亿元，核减0.22亿元。"
            )
            .is_empty()
        );
    }

    #[test]
    fn records_whose_fields_do_not_add_up_may_be_partial() {
        // 5.10 + 2.30 ≠ 8.40: a third kind of project is left out, so its count is too.
        assert!(
            found(
                "全年共审核232宗，申报金额8.40亿元，核减0.62亿元，其中工程类140宗，申报金额5.10亿元，核减0.40亿元，服务类62宗，申报金额2.30亿元，核减0.12亿元。"
            )
            .is_empty()
        );
        // Parts with other fields than the total's.
        assert!(
            found(
                "全年共审核232宗，申报金额8.40亿元，其中工程类140宗，投资5.10亿元，服务类92宗，投资3.30亿元。"
            )
            .is_empty()
        );
    }
}
