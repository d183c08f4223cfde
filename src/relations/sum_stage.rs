//! Staged breakdowns: a total stated at two stages (`收入由年初预算X调整为Y`) and a `其中` list
//! whose parts are stated at the same two stages (`非税收入由年初预算a调整为b`) or once for both
//! (`税收收入年初预算c不变`). Each stage is a breakdown of its own: the parts' first stage
//! against the total's first, their second against its second — never a part of one stage
//! against the total of the other.
//!
//! The reading is judged only when the figures confirm it: one stage adds up, or the parts'
//! changes (`b − a`) add up to the total's (`Y − X`). A list whose parts mix the two stages
//! with a total of one (`收入Y，其中：非税收入由a调整为b`) is no breakdown, and is dropped from
//! the other passes' sums.

use super::*;
use crate::model::{Cue, Span};
use crate::parse::norm::Norm;

/// Words between the two figures of a stage pair (`由X调整为Y`), compared on the simplified
/// text: the first figure is the earlier stage, the second the later.
pub const STAGE_PAIR_WORDS: &[&str] = &[
    "调整为",
    "调整至",
    "调整到",
    "调增为",
    "调增至",
    "调减为",
    "调减至",
    "变更为",
    "变更至",
];

/// Words in the label of the first figure of a pair that open it (`由年初预算X`, `从X`).
pub const STAGE_FROM_WORDS: &[char] = &['由', '从'];

/// Words right after a figure that state it for both stages (`年初预算c万元不变`).
pub const UNCHANGED_WORDS: &[&str] = &["不变", "保持不变", "未变", "未调整", "无变化", "没有变化"];

/// The most items of a staged list read (each one or two figures): a longer run is no list
/// a reader takes in, and a sentence of thousands of figures is not read to its end per cue.
pub const MAX_STAGED_ITEMS: usize = 32;

/// Characters passed over after a figure before [`UNCHANGED_WORDS`].
const FILLER: &[char] = &['，', ',', ' ', '\u{3000}', '、'];

/// The simplified, folded text of `text[from..to]`, `to` taken back to a character boundary.
pub fn plain(text: &str, from: usize, to: usize) -> String {
    let mut to = to.min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    if from >= to {
        return String::new();
    }
    Norm::new(text, Span::new(from, to))
        .chars
        .into_iter()
        .collect()
}

/// Whether figures `a` and `b` (in that order) are the two stages of one amount: `a`'s label
/// opens with [`STAGE_FROM_WORDS`] and only [`STAGE_PAIR_WORDS`] stand between them.
pub fn stage_pair(text: &str, doc: &Document, a: usize, b: usize) -> bool {
    let qs = &doc.quantities;
    let (x, y) = (&qs[a], &qs[b]);
    x.block == y.block
        && x.sentence == y.sentence
        && x.span.end <= y.span.start
        && x.unit.same_dimension(&y.unit)
        && x.label_text().contains(STAGE_FROM_WORDS)
        && STAGE_PAIR_WORDS.contains(&plain(text, x.span.end, y.span.start).as_str())
}

/// Whether a figure is stated for both stages: [`UNCHANGED_WORDS`] right after it.
pub fn unchanged(text: &str, doc: &Document, i: usize) -> bool {
    let q = &doc.quantities[i];
    let end = doc.blocks.get(q.block).map_or(q.span.end, |b| b.span.end);
    let after = plain(text, q.span.end, end.min(q.span.end + 24));
    let after = after.trim_start_matches(FILLER);
    UNCHANGED_WORDS.iter().any(|w| after.starts_with(w))
}

/// The parts of a staged list: for each item, its first and second stage (the same figure
/// for an item stated unchanged).
type StagedParts = Vec<(usize, usize)>;

/// The items of the `其中` list at `cue`, in its sentence after it, while each is a stage pair
/// or a figure stated unchanged (changes passed over): `None` unless at least two items, one of
/// them a pair.
fn staged_parts(text: &str, doc: &Document, figs: &Figures, cue: &Cue) -> Option<StagedParts> {
    let qs = &doc.quantities;
    let sentence = figs.sentence(cue.block, cue.sentence);
    let depth = figs.paren_depth(doc, cue.block, cue.offset);
    let at = sentence.partition_point(|&i| qs[i].span.start <= cue.offset);
    let after: Vec<usize> = sentence[at..]
        .iter()
        .copied()
        .filter(|&i| dim(&qs[i].unit).is_some())
        .filter(|&i| !is_change_label(qs[i].label_text()))
        .filter(|&i| figs.paren_depth(doc, cue.block, qs[i].span.start) == depth)
        .take(2 * MAX_STAGED_ITEMS)
        .collect();
    let mut items = Vec::new();
    let mut k = 0;
    while k < after.len() {
        let i = after[k];
        if qs[i].qualifier.is_some() {
            break;
        }
        if let Some(&j) = after.get(k + 1)
            && stage_pair(text, doc, i, j)
        {
            items.push((i, j));
            k += 2;
        } else if unchanged(text, doc, i) {
            items.push((i, i));
            k += 1;
        } else {
            break;
        }
    }
    (items.len() >= 2 && items.iter().any(|(a, b)| a != b)).then_some(items)
}

/// Whether the parts' changes add up to the total's: `Σ(b − a)` meets `Y − X`.
fn changes_agree(doc: &Document, total: (usize, usize), items: &StagedParts) -> bool {
    let qs = &doc.quantities;
    let iv = |i: usize| interval_of(&qs[i]);
    let parts = items
        .iter()
        .filter(|(a, b)| a != b)
        .fold(Interval::exact(Decimal::ZERO), |s, &(a, b)| {
            s.add(&iv(b).sub(&iv(a)))
        });
    parts.meets(&iv(total.1).sub(&iv(total.0)))
}

/// Staged breakdowns, added to `sums`; the other passes' sums that mix the stages of a pair
/// among their parts are dropped first.
pub(super) fn staged_sums(text: &str, doc: &Document, figs: &Figures, sums: &mut Vec<SumClaim>) {
    let qs = &doc.quantities;
    sums.retain(|c| {
        !c.parts
            .windows(2)
            .any(|w| stage_pair(text, doc, w[0], w[1]))
    });
    for cue in doc.cues.iter().filter(|c| c.kind == CueKind::Of) {
        let Some(items) = staged_parts(text, doc, figs, cue) else {
            continue;
        };
        let d = dim(&qs[items[0].0].unit);
        let before = figures_before(doc, figs, cue);
        let Some(total) = before
            .windows(2)
            .rev()
            .map(|w| (w[0], w[1]))
            .find(|&(x, y)| dim(&qs[x].unit) == d && stage_pair(text, doc, x, y))
        else {
            continue;
        };
        if qs[total.0].qualifier.is_some() || qs[total.1].qualifier.is_some() {
            continue;
        }
        let first: Vec<usize> = items.iter().map(|p| p.0).collect();
        let second: Vec<usize> = items.iter().map(|p| p.1).collect();
        let confirmed = consistent_reading(doc, total.0, &first).is_some()
            || consistent_reading(doc, total.1, &second).is_some()
            || changes_agree(doc, total, &items);
        if !confirmed {
            continue;
        }
        for (t, parts) in [(total.0, first), (total.1, second)] {
            sums.push(SumClaim {
                total: t,
                parts,
                nested: false,
                exhaustive: false,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The staged breakdowns of `text`: (total, parts, verdict).
    fn staged(text: &str) -> Vec<(String, Vec<String>, SumVerdict)> {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        let mut sums = Vec::new();
        staged_sums(text, &doc, &figs, &mut sums);
        sums.into_iter()
            .map(|s| {
                let parts = s.parts.iter().map(|&p| qs[p].value.to_string()).collect();
                (qs[s.total].value.to_string(), parts, s.verdict(&doc))
            })
            .collect()
    }

    const TEXT: &str = "政府性基金收入由年初预算5620.40万元调整为5890.15万元，调增269.75万元。\
                        其中：土地出让收入年初预算4100.00万元不变；城市配套费收入由年初预算\
                        1520.40万元调整为1790.15万元，主要是项目提前开工。";

    #[test]
    fn each_stage_is_judged_against_the_same_stage_of_the_total() {
        let found = staged(TEXT);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "5620.40");
        assert_eq!(found[0].1, ["4100.00", "1520.40"]);
        assert_eq!(found[1].0, "5890.15");
        assert_eq!(found[1].1, ["4100.00", "1790.15"]);
        assert!(found.iter().all(|f| f.2 == SumVerdict::Consistent));
    }

    #[test]
    fn a_slip_in_one_stage_is_confirmed_by_the_other() {
        let found = staged(&TEXT.replace("5890.15", "5891.15"));
        assert_eq!(found[0].2, SumVerdict::Consistent);
        assert!(matches!(found[1].2, SumVerdict::Mismatch { .. }));
        // The unchanged part is wrong at both stages: the changes still agree.
        let found = staged(&TEXT.replace("4100.00", "4110.00"));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found
                .iter()
                .all(|f| matches!(f.2, SumVerdict::Mismatch { .. }))
        );
    }

    #[test]
    fn unconfirmed_or_unstaged_lists_are_no_staged_breakdowns() {
        // Neither stage adds up and the changes disagree: not read.
        let off = TEXT
            .replace("4100.00", "4000.00")
            .replace("1790.15", "1700.15");
        assert!(staged(&off).is_empty());
        // A part stated at one stage only ends the list.
        let one = TEXT.replace("万元不变", "万元");
        assert!(staged(&one).is_empty());
        // A total of one stage: no staged breakdown.
        let total = "政府性基金收入5890.15万元。其中：土地出让收入4100.00万元不变；城市配套费\
                     收入由年初预算1520.40万元调整为1790.15万元。";
        assert!(staged(total).is_empty());
    }

    #[test]
    fn sums_that_mix_the_stages_of_a_pair_are_dropped() {
        let text = "政府性基金收入5890.15万元，其中：城市配套费收入由年初预算1520.40万元调整为\
                    1790.15万元，土地出让收入4100.00万元。";
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let figs = Figures::new(&doc);
        let mut sums = find_sums(text, &doc, &figs);
        staged_sums(text, &doc, &figs, &mut sums);
        assert!(
            sums.iter()
                .all(|c| c.verdict(&doc).holds() || c.verdict(&doc) == SumVerdict::Partial),
            "{sums:?}"
        );
        assert!(sums.is_empty(), "{sums:?}");
    }

    #[test]
    fn pair_and_unchanged_words() {
        assert!(STAGE_PAIR_WORDS.contains(&"调整为"));
        assert!(UNCHANGED_WORDS.contains(&"不变"));
        assert_eq!(MAX_STAGED_ITEMS, 32);
        assert_eq!(plain("調整為", 0, "調整為".len()), "调整为");
        // A byte offset inside a character is taken back to its start.
        assert_eq!(plain("不變；", 0, 5), "不");
    }
}
