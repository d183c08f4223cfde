//! Completion rates of a plan (`计划培训1200人次，实际培训1260人次，完成率105%`, `年度目标任务
//! 300户，完成280户，完成率93.33%`, `全年资助参保12560人，计划资助12000人，完成率104.67%`):
//! what was done over what was planned, in either order, over 100% when the plan was exceeded.
//!
//! The two figures are found by their names among the figures of one measure before the rate,
//! after any earlier rate, in its sentence (or, when it states none, the sentence before): one
//! planned ([`PLAN_WORDS`]) and one done. When those figures are not exactly one planned and one
//! other, the rate is left to the other bindings (a third figure may be the done one, or a part
//! of it), never guessed.

use super::*;

/// Label words of the planned figure of a completion rate.
pub const PLAN_WORDS: &[&str] = &["计划", "目标", "任务", "预计", "预期", "应完成", "下达"];

/// Label words of a figure that is neither what was done nor what was planned: what is left
/// or undone, a figure of the year before.
pub const UNDONE_OR_PAST_WORDS: &[&str] = &["未", "剩余", "尚", "待", "上年", "去年", "同期"];

/// Bind a completion rate to what was done and what was planned before it.
pub(super) fn bind_plan_actual(doc: &Document, figs: &Figures, ri: usize) -> Option<RatioClaim> {
    let qs = &doc.quantities;
    let rate = &qs[ri];
    if rate.concept() != Some("rate.completion") {
        return None;
    }
    let usable = |k: usize| {
        let q = &qs[k];
        let l = q.label_text();
        measure_of(&q.unit).is_some()
            && !is_change_label(l)
            && !is_per_unit(l)
            && !UNDONE_OR_PAST_WORDS.iter().any(|w| l.contains(w))
    };
    let after_rate = |w: Vec<usize>| -> Vec<usize> {
        let start = w
            .iter()
            .rposition(|&k| qs[k].unit == Unit::Percent)
            .map_or(0, |p| p + 1);
        w[start..].to_vec()
    };
    let own = super::ratio::window(doc, figs, ri, false);
    let earlier_rate = own.iter().any(|&k| qs[k].unit == Unit::Percent);
    let own = after_rate(own);
    // The sentence before only when this one states no figure of a measure and no other rate.
    let w = if earlier_rate || own.iter().any(|&k| measure_of(&qs[k].unit).is_some()) {
        own
    } else {
        after_rate(super::ratio::window(doc, figs, ri, true))
    };
    // Every figure of a measure counts: an unusable one of the same measure makes the
    // reading unsure.
    let last = *w
        .iter()
        .rev()
        .find(|&&k| measure_of(&qs[k].unit).is_some())?;
    let measure = measure_of(&qs[last].unit);
    let same: Vec<usize> = w
        .iter()
        .copied()
        .filter(|&k| measure_of(&qs[k].unit) == measure)
        .collect();
    let [a, b] = same.as_slice() else {
        return None;
    };
    if !usable(*a) || !usable(*b) {
        return None;
    }
    let planned = |k: usize| PLAN_WORDS.iter().any(|w| qs[k].label_text().contains(w));
    let (done, plan) = match (planned(*a), planned(*b)) {
        (true, false) => (*b, *a),
        (false, true) => (*a, *b),
        _ => return None,
    };
    if qs[plan].value.is_zero() {
        return None;
    }
    Some(RatioClaim {
        kind: RatioKind::Completion,
        rate: ri,
        numerator: done,
        denominator: plan,
        alternatives: Vec::new(),
    })
}

/// What a figure measures, for pairing a plan with what was done: a counted word or a currency.
fn measure_of(u: &Unit) -> Option<String> {
    match u {
        Unit::Count { word, .. } if word != "分" => Some(format!("count:{word}")),
        Unit::Money { currency, .. } => Some(format!("money:{currency:?}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;

    fn bound(text: &str) -> Vec<(String, String, String)> {
        let doc = crate::parse::parse(text, SourceFormat::Text);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        (0..qs.len())
            .filter(|&i| qs[i].unit == Unit::Percent)
            .filter_map(|ri| bind_plan_actual(&doc, &figs, ri))
            .map(|c| {
                (
                    qs[c.rate].display(),
                    qs[c.numerator].display(),
                    qs[c.denominator].display(),
                )
            })
            .collect()
    }

    fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    #[test]
    fn done_over_planned_in_either_order() {
        assert_eq!(
            bound("计划培训1200人次，实际培训1260人次，完成率105%。"),
            [t("105%", "1260人次", "1200人次")]
        );
        assert_eq!(
            bound("全年资助参保12560人，计划资助12000人，完成率104.67%。"),
            [t("104.67%", "12560人", "12000人")]
        );
        assert_eq!(
            bound("年度目标任务300户，完成280户，完成率93.33%。"),
            [t("93.33%", "280户", "300户")]
        );
        // Amounts as well, and the figures in the sentence before.
        assert_eq!(
            bound("计划投资500万元，实际完成投资480万元。投资完成率96%。"),
            [t("96%", "480万元", "500万元")]
        );
    }

    #[test]
    fn unsure_pairs_are_left_alone() {
        // A third figure of the measure: which one was done is not known.
        assert!(bound("计划改造300户，已完成280户，其中农村200户，完成率93.33%。").is_empty());
        // Two planned figures, or none.
        assert!(bound("计划改造300户，目标任务280户，完成率93.33%。").is_empty());
        assert!(bound("改造300户，完成280户，完成率93.33%。").is_empty());
        // What is left undone, the year before, a change.
        assert!(bound("计划改造300户，尚未完成20户，完成率93.33%。").is_empty());
        assert!(bound("计划改造300户，上年完成280户，完成率93.33%。").is_empty());
        assert!(bound("计划改造300户，比上年增加20户，完成率93.33%。").is_empty());
        // Other rates, and measures that differ.
        assert!(bound("计划改造300户，完成280户，改造率93.33%。").is_empty());
        assert!(bound("计划改造300户，完成280个，完成率93.33%。").is_empty());
        // An earlier rate's figures are its own.
        assert!(
            bound("计划改造300户，完成280户，完成率93.33%；资金到位率100%，完成率98%。")
                .iter()
                .all(|(r, ..)| r == "93.33%")
        );
    }
}
