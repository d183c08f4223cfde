//! Adjustment wording: a budget stated with the value it was adjusted from and the value it
//! was adjusted to (`专项收入由年初预算820万元调整为905万元`, `项目年初预算300万元，全年预算
//! 调整为356万元`). The second figure has no label of its own (`调整为`), yet it is the
//! *adjusted budget* of what the first names; the restatement pass names it so
//! (`专项收入调整后预算`), and reads the first as a sibling stage of the same amount, not as
//! what the second is about.
//!
//! The same pass knows the other wordings of an adjustment: a label that states one
//! (`调减预算`, `追加资金`) is a change, not an amount that can be restated, and the ways an
//! adjusted budget is named (`调整预算`, `调整预算数`, `调整后预算数`) are one name.

use super::subject::{Stage, stage_in};
use crate::model::{Document, Quantity};
use crate::parse::norm::{Norm, is_cjk, simplified};

/// Words that introduce the adjusted value right before its number (`调整为905万元`).
pub const ADJUSTED_TO_WORDS: &[&str] = &[
    "调整为",
    "调整至",
    "调整到",
    "调增为",
    "调增至",
    "调增到",
    "调减为",
    "调减至",
    "调减到",
];

/// Words that may stand between the value adjusted from and the verb of
/// [`ADJUSTED_TO_WORDS`] without naming anything else (`，全年预算调整为`, `，年中调整为`).
pub const BRIDGE_WORDS: &[&str] = &[
    "全年", "年度", "本年", "当年", "年中", "预算", "总额", "资金", "经", "后", "数", "为",
];

/// How the label of the value adjusted from ends: the stage it is stated for
/// (`…由年初预算`, `项目年初预算`), longest first.
pub const ORIGIN_ENDS: &[&str] = &["年初预算数", "年初预算", "年初数", "预算数", "预算", "年初"];

/// Verbs that state an adjustment as a change: a label holding one (not followed by a word of
/// result, [`RESULT_WORDS`]) is the amount of the change (`调减预算1134万元`,
/// `追加资金50万元`), never a level.
pub const ADJUSTMENT_VERBS: &[&str] = &["调增", "调减", "追加", "追减", "核增", "核减"];

/// Words after an adjustment verb that make the label a level (`调增后预算`, `追加至`).
pub const RESULT_WORDS: &[char] = &['后', '至', '为', '到'];

/// The names of an adjusted budget, longest first: each is read as [`ADJUSTED_NAME`].
pub const ADJUSTED_ENDS: &[&str] = &[
    "调整后预算数",
    "调整后的预算",
    "调整后预算",
    "调整预算数",
    "调整预算",
    "预算调整后",
];

/// The one name of an adjusted budget.
pub const ADJUSTED_NAME: &str = "调整后预算";

/// Whether a label states an adjustment as a change (see [`ADJUSTMENT_VERBS`]).
pub fn is_adjustment_change(label: &str) -> bool {
    // In one pass over the label: a verb at a character, followed by a character that is no
    // result word (no verb overlaps itself, so these are the verbs' occurrences).
    const FIRST: [char; ADJUSTMENT_VERBS.len()] = crate::parse::norm::first_chars(ADJUSTMENT_VERBS);
    label.char_indices().any(|(k, c)| {
        FIRST.contains(&c)
            && ADJUSTMENT_VERBS.iter().any(|v| {
                label[k..].starts_with(v)
                    && label[k + v.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| !RESULT_WORDS.contains(&c))
            })
    })
}

/// A metric name with the name of an adjusted budget it ends with written one way
/// (`基本支出调整预算数` → `基本支出调整后预算`).
pub fn canonical_adjusted(metric: &str) -> String {
    for e in ADJUSTED_ENDS {
        if let Some(head) = metric.strip_suffix(e) {
            return format!("{head}{ADJUSTED_NAME}");
        }
    }
    metric.to_string()
}

/// The label of a value adjusted from without the `由` of the wording
/// (`专项收入由年初预算` → `专项收入年初预算`, `预算资金由` → `预算资金`), so that it reads as
/// the stage it names.
pub fn without_from(label: &str) -> String {
    match label.rfind('由') {
        Some(k) if k > 0 && k + '由'.len_utf8() == label.len() => label[..k].to_string(),
        Some(k) if ORIGIN_ENDS.contains(&&label[k + '由'.len_utf8()..]) => {
            format!("{}{}", &label[..k], &label[k + '由'.len_utf8()..])
        }
        _ => label.to_string(),
    }
}

/// What the value adjusted from is a stage of: its label without the stage it names
/// (`专项收入由年初预算` → `专项收入`; `项目年初预算` → `项目`).
fn origin_thing(label: &str) -> &str {
    let l = match label.rfind('由') {
        Some(k) if ORIGIN_ENDS.contains(&&label[k + '由'.len_utf8()..]) => &label[..k],
        _ => label,
    };
    ORIGIN_ENDS
        .iter()
        .find_map(|e| l.strip_suffix(e))
        .unwrap_or(l)
}

/// The name of the adjusted value of a budget whose value adjusted from is labelled `origin`
/// (`专项收入由年初预算` → `专项收入调整后预算`).
pub fn adjusted_name(origin: &str) -> String {
    format!("{}{ADJUSTED_NAME}", origin_thing(origin))
}

/// The Chinese characters of `text[from..to]` in their simplified form, without the pinyin
/// a mirror site put after them.
fn words_between(text: &str, from: usize, to: usize) -> String {
    if from >= to {
        return String::new();
    }
    Norm::new(text, crate::model::Span::new(from, to))
        .chars
        .into_iter()
        .map(simplified)
        .filter(|c| is_cjk(*c))
        .collect()
}

/// The figure a figure is the adjusted value of (`…由年初预算820万元调整为905万元`: the
/// 820万元 for the 905万元): the figure right before it in its sentence, an amount in the same
/// unit whose label states it as a budget (年初 or 预算), with nothing between them but an
/// adjustment verb ([`ADJUSTED_TO_WORDS`]) and words of [`BRIDGE_WORDS`].
pub fn adjusted_from(text: &str, doc: &Document, i: usize) -> Option<usize> {
    let qs = &doc.quantities;
    let b = &qs[i];
    let a = i.checked_sub(1)?;
    let q: &Quantity = &qs[a];
    if q.block != b.block
        || q.sentence != b.sentence
        || !q.unit.is_money()
        || q.unit != b.unit
        || q.span.end > b.number_span.start
    {
        return None;
    }
    let between = words_between(text, q.span.end, b.number_span.start);
    let verb = ADJUSTED_TO_WORDS.iter().find(|w| between.ends_with(*w))?;
    let mut rest = &between[..between.len() - verb.len()];
    'strip: while !rest.is_empty() {
        for w in BRIDGE_WORDS {
            if let Some(r) = rest.strip_prefix(w) {
                rest = r;
                continue 'strip;
            }
        }
        return None;
    }
    let origin = without_from(q.label_text());
    matches!(stage_in(&origin), Some(Stage::Initial | Stage::Budget)).then_some(a)
}

/// Every figure stated as the adjusted value of the one before it, with that figure: (the
/// adjusted value, the value adjusted from), in document order.
pub fn adjustments(text: &str, doc: &Document) -> Vec<(usize, usize)> {
    if text.is_empty() {
        return Vec::new();
    }
    (1..doc.quantities.len())
        .filter_map(|i| adjusted_from(text, doc, i).map(|a| (i, a)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;

    fn doc(text: &str) -> Document {
        crate::parse::parse(text, SourceFormat::Text)
    }

    fn values(d: &Document, pairs: &[(usize, usize)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|&(b, a)| {
                (
                    d.quantities[b].value.to_string(),
                    d.quantities[a].value.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn adjustment_wording_names_the_adjusted_value() {
        let t = "专项收入由年初预算820.50万元调整为905.25万元，调增84.75万元。";
        let d = doc(t);
        let pairs = adjustments(t, &d);
        assert_eq!(values(&d, &pairs), vec![("905.25".into(), "820.50".into())]);
        let t = "项目年初预算300万元，全年预算调整为356万元，其中省级资金200万元。";
        let d = doc(t);
        assert_eq!(
            values(&d, &adjustments(t, &d)),
            vec![("356".into(), "300".into())]
        );
    }

    #[test]
    fn other_wording_is_no_adjustment() {
        // Not a budget adjusted from; a figure of another unit; other words between.
        for t in [
            "培训人数由320人调整为350人。",
            "实际支出由280万元调整为300万元。",
            "年初预算300万元，其中培训费调整为56万元。",
            "年初预算300万元，实际支出256万元。",
        ] {
            let d = doc(t);
            assert!(adjustments(t, &d).is_empty(), "{t}");
        }
    }

    #[test]
    fn adjusted_names_are_one_name() {
        assert_eq!(adjusted_name("专项收入由年初预算"), "专项收入调整后预算");
        assert_eq!(adjusted_name("项目年初预算"), "项目调整后预算");
        assert_eq!(adjusted_name("年初预算"), "调整后预算");
        assert_eq!(without_from("专项收入由年初预算"), "专项收入年初预算");
        assert_eq!(without_from("由财政拨付"), "由财政拨付");
        assert_eq!(without_from("预算资金由"), "预算资金");
        assert_eq!(
            canonical_adjusted("基本支出调整预算数"),
            "基本支出调整后预算"
        );
        assert_eq!(canonical_adjusted("调整预算"), "调整后预算");
        assert_eq!(canonical_adjusted("预算调整后"), "调整后预算");
        assert_eq!(canonical_adjusted("年初预算"), "年初预算");
    }

    #[test]
    fn adjustment_verbs_state_changes() {
        assert!(is_adjustment_change("调减预算"));
        assert!(is_adjustment_change("追加专项资金"));
        assert!(is_adjustment_change("因政策调整调增国有资本收入"));
        assert!(!is_adjustment_change("调增后预算"));
        assert!(!is_adjustment_change("追加至"));
        assert!(!is_adjustment_change("调整后预算"));
        assert!(!is_adjustment_change("调入资金"));
        // Read as every occurrence of each verb: no verb overlaps itself.
        for v in ADJUSTMENT_VERBS {
            let n = v.chars().count();
            assert!((1..n).all(|k| !v.ends_with(&v[..v.char_indices().nth(k).unwrap().0])));
        }
        // The verbs' occurrences as `match_indices` gives them.
        let plain = |label: &str| {
            ADJUSTMENT_VERBS.iter().any(|v| {
                label.match_indices(v).any(|(k, _)| {
                    label[k + v.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| !RESULT_WORDS.contains(&c))
                })
            })
        };
        for l in [
            "调减预算",
            "调增后调增至",
            "调增至调减",
            "核减",
            "核减后",
            "x追加y",
            "",
        ] {
            assert_eq!(is_adjustment_change(l), plain(l), "{l}");
        }
    }
}
