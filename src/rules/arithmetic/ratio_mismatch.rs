//! A001 ratio-mismatch.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::numeric::fmt_fixed;
use crate::relations::{RatioKind, RatioVerdict};
use crate::rules::arithmetic::{operand_label, ratio_text};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// A stated rate (执行率, 控制率, 整改率, 占比 …) differs from the ratio of its own operands.
    ///
    /// ### What it checks
    /// Every rate that the text binds to its operands by meaning — 执行率 with the 支出/决算
    /// and 预算 figures of its sentence, 整改率 with `共…N处` and `完成整改M处`, 占比 with the
    /// part and the whole it is a share of — is recomputed exactly and compared at the
    /// rate's own written precision (±½ unit of its last digit; operands rounded at theirs).
    /// Where the text allows another reading (a second budget figure in the sentence), the
    /// rate is accepted if any reading explains it.
    ///
    /// ### Why
    /// A rate that does not follow from the figures beside it is either a calculation error
    /// or a figure copied from another version of the report; reviewers deduct for both.
    ///
    /// ### Example
    /// ```text
    /// 调整预算为500.00万元，实际支出468.00万元，预算执行率95.20%。
    /// ```
    /// 468.00 / 500.00 = 93.60%, not 95.20%.
    ///
    /// ### How to fix
    /// Recompute the rate from the operands (the diagnostic's help gives the value), or correct
    /// the operand that is wrong.
    pub RatioMismatch, "A001", "ratio-mismatch", Error
}

impl Rule for RatioMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let q = &doc.quantities;
        for c in &cx.relations.ratios {
            let RatioVerdict::Mismatch { expected, inverted } = c.verdict(doc) else {
                continue;
            };
            let (rate, num, den) = (&q[c.rate], &q[c.numerator], &q[c.denominator]);
            let exp = format!("{}%", fmt_fixed(expected, rate.decimals));
            let exact = ratio_text(doc, c, rate.decimals + 2);
            let what = match c.kind {
                RatioKind::Share => ("占比", "share"),
                _ => ("比率", "rate"),
            };
            let mut message = Message::new(
                format!(
                    "{}{}{} 与其运算数不符：{} / {} = {}%",
                    what.0,
                    if rate.label_text().is_empty() {
                        String::new()
                    } else {
                        format!("「{}」", rate.label_text())
                    },
                    rate.display(),
                    num.display(),
                    den.display(),
                    exact
                ),
                format!(
                    "{} {} does not follow from its operands: {} / {} = {}%",
                    what.1,
                    rate.display(),
                    num.display(),
                    den.display(),
                    exact
                ),
            );
            if inverted {
                message
                    .zh
                    .push_str("（所写比率与倒数相符，疑为分子分母颠倒）");
                message.en.push_str(" (the stated rate matches the inverse ratio: numerator and denominator look swapped)");
            }
            out.push(
                Diagnostic::new(&Self::META, rate.span, message)
                    .primary(Message::new(
                        format!("应为 {exp}"),
                        format!("expected {exp}"),
                    ))
                    .label(num.span, operand_label(num, "分子", "numerator"))
                    .label(den.span, operand_label(den, "分母", "denominator"))
                    .help(Message::new(
                        format!(
                            "按 {} / {} 计算，应为 {exp}；或核对运算数",
                            num.display(),
                            den.display()
                        ),
                        format!(
                            "computed from {} / {} it is {exp}; or check the operands",
                            num.display(),
                            den.display()
                        ),
                    ))
                    .expected_found(exp.clone(), rate.display()),
            );
        }
    }
}
