//! A002 ratio-rounding.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::numeric::fmt_fixed;
use crate::relations::RatioVerdict;
use crate::rules::arithmetic::{operand_label, ratio_text};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// A stated rate is the truncated or mis-rounded value of its true ratio.
    ///
    /// ### What it checks
    /// For every rate bound to its operands (see A001), whether the stated value is off from
    /// the true ratio by less than one unit of its last digit but is not the 四舍五入 value at
    /// its own precision: a truncation (99.667% written 99.66%), a rounding in the wrong
    /// direction, or a value printed with more places than it was computed to (31.00% for
    /// 31.08%). Ties (…5 exactly) accept both half-up and half-even.
    ///
    /// ### Why
    /// Published figures are rounded half-up at the precision written. A truncated value is
    /// small, but it shows the figure was not computed the way the report says, and it often
    /// differs from the same rate in the 决算 tables.
    ///
    /// ### Example
    /// ```text
    /// 共登记隐患902处，完成整改899处，综合整改率为99.66%。
    /// ```
    /// 899 / 902 = 99.6674%, which rounds to 99.67%.
    ///
    /// ### How to fix
    /// Write the half-up rounded value the diagnostic gives.
    pub RatioRounding, "A002", "ratio-rounding", Warning
}

impl Rule for RatioRounding {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let q = &doc.quantities;
        for c in &cx.relations.ratios {
            let RatioVerdict::Rounding {
                expected,
                truncated,
            } = c.verdict(doc)
            else {
                continue;
            };
            let (rate, num, den) = (&q[c.rate], &q[c.numerator], &q[c.denominator]);
            let exp = format!("{}%", fmt_fixed(expected, rate.decimals));
            let exact = ratio_text(doc, c, rate.decimals + 2);
            let (why_zh, why_en) = if truncated {
                ("所写数值为截尾结果", "the stated value is truncated")
            } else {
                (
                    "所写数值未按四舍五入取值",
                    "the stated value is not rounded half-up",
                )
            };
            out.push(
                Diagnostic::new(
                    &Self::META,
                    rate.span,
                    Message::new(
                        format!(
                            "比率 {} 应为 {exp}：{} / {} = {exact}%，{why_zh}",
                            rate.display(),
                            num.display(),
                            den.display()
                        ),
                        format!(
                            "rate {} should be {exp}: {} / {} = {exact}%, {why_en}",
                            rate.display(),
                            num.display(),
                            den.display()
                        ),
                    ),
                )
                .primary(Message::new(
                    format!("四舍五入应为 {exp}"),
                    format!("rounds to {exp}"),
                ))
                .label(num.span, operand_label(num, "分子", "numerator"))
                .label(den.span, operand_label(den, "分母", "denominator"))
                .help(Message::new(format!("改为 {exp}"), format!("write {exp}")))
                .expected_found(exp.clone(), rate.display()),
            );
        }
    }
}
