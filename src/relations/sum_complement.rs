//! Complements: parts that say by their words that together they are all of the total.
//!
//! * A done and a not-done part right after an amount (`合计33.88亿元，已分配33.80亿元，未分配
//!   0.08亿元`): the same action with `已` and with `未`/`尚未` ([`complement_pair`]) splits the
//!   amount in two, and nothing is left over.
//! * A list whose last part is the rest of its total (`X万元，其中A a万元，其余b万元`,
//!   `剩余资金`): a list found by another pass, made complete.
//!
//! Either way a shortfall of any size is judged, not only a slip.

use super::*;

/// Words a part opens with when it is the done side of a complement.
pub const DONE_SIDE_WORDS: &[&str] = &["已"];

/// Words a part opens with when it is the not-done side of a complement.
pub const UNDONE_SIDE_WORDS: &[&str] = &["尚未", "未"];

/// Words a part opens with when it is the rest of its total.
pub const REST_PART_WORDS: &[&str] = &["其余", "剩余", "余下", "剩下"];

/// What a label says is done, or not done: the action after the word (`已分配` → `分配`).
fn action<'a>(label: &'a str, words: &[&str]) -> Option<&'a str> {
    words
        .iter()
        .find_map(|w| label.strip_prefix(w))
        .filter(|rest| !rest.is_empty())
}

/// Whether two labels are the done and not-done sides of one action, in either order.
pub fn complement_pair(a: &str, b: &str) -> bool {
    let side = |x: &str, y: &str| {
        action(x, DONE_SIDE_WORDS).is_some_and(|d| action(y, UNDONE_SIDE_WORDS) == Some(d))
    };
    side(a, b) || side(b, a)
}

/// Whether a label names the rest of a total.
pub fn names_rest(label: &str) -> bool {
    REST_PART_WORDS.iter().any(|w| label.starts_with(w))
}

/// Complements: new breakdowns of an amount and the done and not-done parts right after it
/// (a breakdown of the same figures found by another pass is made complete instead), and the
/// lists of `sums` whose last part is the rest of the total made complete.
pub(super) fn complement_sums(doc: &Document, figs: &Figures, sums: &mut Vec<SumClaim>) {
    let qs = &doc.quantities;
    for c in sums.iter_mut() {
        if !c.nested
            && c.parts
                .last()
                .is_some_and(|&p| names_rest(qs[p].label_text()))
        {
            c.exhaustive = true;
        }
    }
    for (ti, t) in qs.iter().enumerate() {
        let Some(d) = dim(&t.unit) else { continue };
        if !doc.in_prose(t)
            || t.qualifier.is_some()
            || is_change_label(t.label_text())
            || is_per_unit(t.label_text())
        {
            continue;
        }
        let depth = figs.paren_depth(doc, t.block, t.span.start);
        let sentence = figs.sentence(t.block, t.sentence);
        let at = sentence.partition_point(|&i| qs[i].span.start <= t.span.start);
        let next: Vec<usize> = sentence[at..]
            .iter()
            .copied()
            .filter(|&i| dim(&qs[i].unit).is_some())
            .take(2)
            .collect();
        let [a, b] = next[..] else { continue };
        if ![a, b].iter().all(|&i| {
            dim(&qs[i].unit).as_deref() == Some(d.as_str())
                && qs[i].qualifier.is_none()
                && figs.paren_depth(doc, t.block, qs[i].span.start) == depth
        }) || !complement_pair(qs[a].label_text(), qs[b].label_text())
        {
            continue;
        }
        match sums.iter_mut().find(|c| c.total == ti && c.parts == [a, b]) {
            Some(c) => c.exhaustive = true,
            None => sums.push(SumClaim {
                total: ti,
                parts: vec![a, b],
                nested: false,
                exhaustive: true,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The breakdowns of `text` after the `其中` pass and this one: (total, parts, verdict).
    fn complements(text: &str) -> Vec<(String, Vec<String>, SumVerdict)> {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        let mut sums = find_sums(text, &doc, &figs);
        complement_sums(&doc, &figs, &mut sums);
        sums.into_iter()
            .map(|s| {
                let parts = s.parts.iter().map(|&p| qs[p].value.to_string()).collect();
                (qs[s.total].value.to_string(), parts, s.verdict(&doc))
            })
            .collect()
    }

    #[test]
    fn done_and_not_done_are_all_of_the_amount() {
        let text = "全县衔接资金合计12.56亿元，已拨付12.40亿元，未拨付0.16亿元，拨付率98.7%。";
        let found = complements(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, ["12.40", "0.16"]);
        assert_eq!(found[0].2, SumVerdict::Consistent);
        // Short by more than a slip: still judged, nothing is left over.
        let found = complements(&text.replace("0.16亿元", "0.06亿元"));
        assert!(matches!(
            found[0].2,
            SumVerdict::Mismatch { exceeds: false, .. }
        ));
        let found = complements(&text.replace("未拨付", "尚未拨付"));
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn sides_of_other_actions_or_a_single_side_are_no_complement() {
        assert!(complement_pair("已分配", "未分配"));
        assert!(complement_pair("尚未支付", "已支付"));
        assert!(!complement_pair("已分配", "未支付"));
        assert!(!complement_pair("已分配", "分配"));
        assert!(!complement_pair("已", "未"));
        let text = "全县衔接资金12.56亿元，未分配0.16亿元，分配率98.7%。";
        assert!(complements(text).is_empty());
        let text = "全县衔接资金12.56亿元，已分配8.40亿元，未支付0.16亿元。";
        assert!(complements(text).is_empty());
    }

    #[test]
    fn a_list_closed_by_the_rest_is_complete() {
        let text = "项目资金500万元，其中设备购置320万元，其余资金150万元用于安装调试。";
        let found = complements(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(matches!(
            found[0].2,
            SumVerdict::Mismatch { exceeds: false, .. }
        ));
        // Without the rest, the same shortfall is a partial list.
        let open = text.replace("其余资金", "安装资金");
        assert_eq!(complements(&open)[0].2, SumVerdict::Partial);
        assert!(names_rest("剩余资金"));
        assert!(!names_rest("资金剩余"));
    }
}
