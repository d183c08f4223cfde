//! A003 sum-mismatch.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::model::{Quantity, Unit};
use crate::numeric::fmt_trim;
use crate::relations::SumVerdict;
use crate::rules::arithmetic::operand_label;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// A total differs from the sum of the parts listed under it (其中 …).
    ///
    /// ### What it checks
    /// Breakdowns written as one — `总额X万元，其中A a万元，B b万元` — with parts in the same
    /// dimension (amounts of one currency, or counts of one kind), after unit normalisation
    /// (`39.2696万元，其中财政资金39万元，自筹2696元` adds up). Nested breakdowns
    /// (`基本支出…，包括人员经费…，公用经费…；项目支出…`) are resolved level by level, and a
    /// part equal to the total starts another breakdown of the same whole (按来源…；按用途…).
    /// Each figure counts as an interval of ±½ unit of its last digit, so a 尾差 of up to
    /// n × ½ unit is accepted. Reported: parts that add up to more than the total, and a list
    /// that misses its total by a slip (at most 1 % of it). A list well short of its total is
    /// read as naming only the main parts, and is not judged. Scores in 分 (`得分94分，其中部门
    /// 决策19分…`) are left to the scorecard rules (S003).
    ///
    /// ### Why
    /// Totals and breakdowns are copied between the narrative and the 决算 tables by hand; a
    /// changed part or a stale total is the most common inconsistency reviewers find.
    ///
    /// ### Example
    /// ```text
    /// 支出决算2263.00万元，其中基本支出1015.00万元，项目支出1238.00万元。
    /// ```
    /// 1015.00 + 1238.00 = 2253.00, not 2263.00.
    ///
    /// ### How to fix
    /// Correct the total or the part that is wrong; if the list is intentionally partial, say
    /// so (`主要包括`).
    pub SumMismatch, "A003", "sum-mismatch", Error
}

fn unit_text(q: &Quantity, base: rust_decimal::Decimal) -> String {
    // The sum in the total's unit.
    let mut v = base;
    for _ in 0..q.unit.scale() {
        v /= rust_decimal::Decimal::TEN;
    }
    let unit = match &q.unit {
        Unit::None => String::new(),
        u => u.display(),
    };
    format!("{}{unit}", fmt_trim(v, q.decimals.max(2) + 2))
}

impl Rule for SumMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let q = &doc.quantities;
        for c in &cx.relations.sums {
            let SumVerdict::Mismatch { sum, exceeds } = c.verdict(doc) else {
                continue;
            };
            let total = &q[c.total];
            let parts: Vec<String> = c.parts.iter().map(|&p| q[p].display()).collect();
            let sum_text = unit_text(total, sum);
            let (zh, en) = if exceeds {
                (
                    "各分项之和超过合计数",
                    "the parts add up to more than the total",
                )
            } else {
                (
                    "各分项之和与合计数不符",
                    "the parts do not add up to the total",
                )
            };
            let mut d = Diagnostic::new(
                &Self::META,
                total.span,
                Message::new(
                    format!(
                        "{zh}：{} = {sum_text}，合计写作 {}",
                        parts.join(" + "),
                        total.display()
                    ),
                    format!(
                        "{en}: {} = {sum_text}, total written {}",
                        parts.join(" + "),
                        total.display()
                    ),
                ),
            )
            .primary(Message::new(
                format!("分项合计 {sum_text}"),
                format!("parts sum to {sum_text}"),
            ));
            for &p in &c.parts {
                d = d.label(q[p].span, operand_label(&q[p], "分项", "part"));
            }
            out.push(
                d.help(Message::new(
                    format!("核对合计数或分项：分项之和为 {sum_text}"),
                    format!("check the total or the parts: the parts sum to {sum_text}"),
                ))
                .expected_found(sum_text.clone(), total.display()),
            );
        }
    }
}
