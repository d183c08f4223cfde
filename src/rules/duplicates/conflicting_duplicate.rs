//! D001 conflicting-duplicate.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::relations::{interval_of, same_subject};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// The same metric for the same period is stated with different values.
    ///
    /// ### What it checks
    /// Figures with the same specific label (`规上商品销售额`, `维修项下进出口总额` — a named
    /// metric, not a generic word such as 实际支出, 预算数 or 合同金额 that different subjects
    /// share), the same period (`1-12月` vs `截至11月底` are different), the same year and the
    /// same kind of unit. Every mention whose value differs from the first mention (beyond
    /// the rounding of either) is reported, with the first mention labelled. Approximate
    /// figures (约, 以上) and figures whose digits agree but whose unit differs (that is
    /// U001) are left out. Mentions that may be about different subjects are not compared:
    /// parallel items (`（一）甲镇…` / `（二）乙镇…`, `一是…；二是…`), and, for a name shorter than
    /// six characters, mentions in different paragraphs.
    ///
    /// ### Why
    /// Two values for one metric leave the reader unable to tell which is true; it usually
    /// means a paragraph was pasted from an older draft.
    ///
    /// ### Example
    /// ```text
    /// 规上商品销售额110.9亿元，同比上升389%。……规上商品销售额87.4亿元，同比上升354.8%。
    /// ```
    ///
    /// ### How to fix
    /// Keep the correct value in every place, or make the labels say what differs (scope,
    /// period).
    pub ConflictingDuplicate, "D001", "conflicting-duplicate", Error
}

impl Rule for ConflictingDuplicate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let qs = &cx.doc.quantities;
        for g in &cx.relations.restatements {
            let first = &qs[g.mentions[0]];
            for &m in &g.mentions[1..] {
                let q = &qs[m];
                if interval_of(q).meets(&interval_of(first))
                    || q.value == first.value
                    || !same_subject(cx.doc, cx.relations, g.mentions[0], m)
                {
                    continue;
                }
                let label = q.label_text();
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        q.span,
                        Message::new(
                            format!("同一指标「{label}」前后数值不一致：此处 {}，前文 {}", q.display(), first.display()),
                            format!("the same metric “{label}” is stated with two values: {} here, {} before", q.display(), first.display()),
                        ),
                    )
                    .primary(Message::new(format!("此处为 {}", q.display()), format!("stated as {} here", q.display())))
                    .label(first.span, Message::new(format!("前文为 {}", first.display()), format!("first stated as {}", first.display())))
                    .help(Message::new("核对该指标的正确数值并统一各处表述", "check which value is right and use it everywhere"))
                    .expected_found(first.display(), q.display()),
                );
            }
        }
    }
}
