//! Lists of the income and of the expenditure of one total of both: `财政拨款收支总预算520万元。
//! 收入包括：…。支出包括：教育支出300万元、卫生健康支出150万元、住房保障支出70万元。` A budget's
//! income and expenditure balance, and a total named for both (`收支总预算`, `收支总计`) is the
//! whole of each list that opens its sentence with [`JOINT_LIST_OPENERS`].
//!
//! The whole is the last amount of the nearest earlier sentence of the paragraph with figures
//! (passing over the other list), and only when its label names income and expenditure
//! together ([`JOINT_SUBJECTS`], not their balance: [`NOT_JOINT_WORDS`]).

use super::joint_change::{JOINT_SUBJECTS, NOT_JOINT_WORDS};
use super::sum_named::sentence_of;
use super::*;

/// What a sentence opens with when it lists the income or the expenditure of a joint total.
pub const JOINT_LIST_OPENERS: &[&str] = &[
    "收入包括",
    "支出包括",
    "收入主要包括",
    "支出主要包括",
    "其中收入包括",
    "其中支出包括",
];

/// How many sentences before a list the joint total may stand in: 3 (the total, the other
/// list, and a sentence of its own between them).
pub const JOINT_SENTENCES_BACK: usize = 3;

/// The opener of the sentence of figure `first` (the simplified text before it), if it opens
/// an income or expenditure list.
fn opens_list(text: &str, doc: &Document, first: usize) -> bool {
    let q = &doc.quantities[first];
    let Some(span) = sentence_of(doc, q) else {
        return false;
    };
    let before = plain(text, span.start, q.span.start);
    if opens_with_opener(&before) {
        return true;
    }
    // The first sentence of a paragraph after a line that ends with the opener (`收入包括：`).
    let block = &doc.blocks[q.block];
    if block
        .sentences
        .first()
        .is_none_or(|s| s.start != span.start)
    {
        return false;
    }
    let Some(prev) = q
        .block
        .checked_sub(1)
        .and_then(|b| doc.blocks[b].sentences.last())
    else {
        return false;
    };
    let tail = plain(text, prev.start, prev.end);
    let tail = tail.trim_end();
    opens_with_opener(tail) && (tail.ends_with('：') || tail.ends_with(':'))
}

fn opens_with_opener(s: &str) -> bool {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    JOINT_LIST_OPENERS.iter().any(|w| s.starts_with(w))
}

/// Whether a figure is named as income and expenditure together.
fn names_joint(q: &Quantity) -> bool {
    let l = q.label_text();
    JOINT_SUBJECTS.iter().any(|w| l.contains(w)) && !NOT_JOINT_WORDS.iter().any(|w| l.contains(w))
}

/// The income and expenditure lists of a joint total, each as a breakdown of it.
pub(super) fn find_joint_lists(text: &str, doc: &Document, figs: &Figures) -> Vec<SumClaim> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    for (bi, block) in doc.blocks.iter().enumerate() {
        if block.kind != BlockKind::Paragraph {
            continue;
        }
        let mut last_sentence = None;
        for &first in figs.block(bi) {
            let q = &qs[first];
            if last_sentence == Some(q.sentence) {
                continue;
            }
            last_sentence = Some(q.sentence);
            let Some(d) = dim(&q.unit) else { continue };
            if !opens_list(text, doc, first) {
                continue;
            }
            let parts: Vec<usize> = figs
                .sentence(bi, q.sentence)
                .iter()
                .copied()
                .filter(|&i| {
                    part_like(doc, i, &d) && figs.paren_depth(doc, bi, qs[i].span.start) == 0
                })
                .collect();
            if parts.len() < 2 {
                continue;
            }
            // The nearest earlier sentence with figures that is no list of its own, in this
            // paragraph or the one before (a line ending with `收入包括：` is broken off).
            let mut sentences: Vec<(usize, usize)> = Vec::new();
            for k in (0..first).rev() {
                let key = (qs[k].block, qs[k].sentence);
                if key.0 + 1 < bi || !doc.in_prose(&qs[k]) {
                    break;
                }
                if sentences.last() != Some(&key) {
                    if sentences.len() == JOINT_SENTENCES_BACK {
                        break;
                    }
                    sentences.push(key);
                }
            }
            let whole = sentences
                .iter()
                .map(|&(b, s)| figs.sentence(b, s))
                .find(|s| !s.is_empty() && !opens_list(text, doc, s[0]))
                .and_then(|s| s.last().copied())
                .filter(|&w| {
                    let wq = &qs[w];
                    doc.in_prose(wq)
                        && dim(&wq.unit).as_deref() == Some(d.as_str())
                        && wq.qualifier.is_none()
                        && !is_change_label(wq.label_text())
                        && names_joint(wq)
                });
            if let Some(total) = whole {
                out.push(SumClaim {
                    total,
                    parts,
                    nested: false,
                    exhaustive: false,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The joint lists of `text`: (total, parts, verdict).
    fn lists(text: &str) -> Vec<(String, Vec<String>, SumVerdict)> {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        find_joint_lists(text, &doc, &figs)
            .into_iter()
            .map(|s| {
                let parts = s.parts.iter().map(|&p| qs[p].value.to_string()).collect();
                (qs[s.total].value.to_string(), parts, s.verdict(&doc))
            })
            .collect()
    }

    #[test]
    fn each_list_breaks_down_the_joint_total() {
        let text = "2024年财政拨款收支总预算520.00万元。收入包括：一般公共预算拨款500.00万元、\
                    政府性基金预算拨款20.00万元。支出包括：教育支出300.00万元、\
                    卫生健康支出150.00万元、住房保障支出70.00万元。";
        let found = lists(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "520.00");
        assert_eq!(found[0].1, ["500.00", "20.00"]);
        assert_eq!(found[1].1, ["300.00", "150.00", "70.00"]);
        assert!(found.iter().all(|f| f.2 == SumVerdict::Consistent));
        // Lines broken after `收入包括：`.
        let broken = "2024年财政拨款收支总预算520.00万元。收入包括：\n一般公共预算拨款520.00万元。\
                      支出包括：教育支出300.00万元、卫生健康支出150.00万元、住房保障支出70.00万元。\n";
        let found = lists(broken);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "520.00");
        let found = lists(&text.replace("70.00万元", "71.00万元"));
        assert!(matches!(found[1].2, SumVerdict::Mismatch { .. }));
    }

    #[test]
    fn only_a_total_of_both_is_the_whole() {
        // A total of income alone.
        let text = "2024年财政拨款收入总预算520.00万元。支出包括：教育支出300.00万元、\
                    卫生健康支出150.00万元。";
        assert!(lists(text).is_empty());
        // The balance of the two.
        let text =
            "2024年收支结余20.00万元。支出包括：教育支出300.00万元、卫生健康支出150.00万元。";
        assert!(lists(text).is_empty());
        // A list that does not open its sentence.
        let text = "2024年财政拨款收支总预算520.00万元。本年支出包括：教育支出300.00万元、\
                    卫生健康支出220.00万元。";
        assert!(lists(text).is_empty());
        assert_eq!(JOINT_SENTENCES_BACK, 3);
    }
}
