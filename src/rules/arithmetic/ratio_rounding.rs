//! A002 ratio-rounding.

use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Message};
use crate::numeric::fmt_fixed;
use crate::relations::RatioVerdict;
use crate::rules::arithmetic::{operand_label, ratio_text, summed_share_labels, summed_whole_text};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// A stated rate is the truncated or mis-rounded value of its true ratio.
    ///
    /// ### What it checks
    /// For every rate bound to its operands (see A001), whether the stated value is off from
    /// the true ratio by less than one unit of its last digit but is not the 四舍五入 value at
    /// its own precision: a truncation (99.667% written 99.66%), a rounding in the wrong
    /// direction, or a value printed with more places than it was computed to (31.00% for
    /// 31.08%). Ties (…5 exactly) accept both half-up and half-even. The result of a
    /// calculation written out before it (`完成率=2÷3=66.66%`) is judged the same way against
    /// that calculation.
    ///
    /// Shares of a whole stated nowhere whose group totals 100% are judged against the sum of
    /// their amounts (see A001), with no automatic fix: shares are often adjusted so that
    /// they total 100%, and the help asks to say so.
    ///
    /// The ratio is computed from the operands as printed. When the stated value is reachable
    /// only within the operands' own rounding (`增长16.77%` beside levels 2840 and 2364万元,
    /// which give 16.76%), it may have been computed from unrounded figures: still a warning,
    /// since a reader recomputing the printed figures gets another value, but with no
    /// automatic fix.
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
    ///
    /// Safe fix (`--fix`), unless the value is reachable within the operands' rounding: the
    /// number is replaced by the rounded value, in plain text and
    /// Markdown, when it is written in ASCII digits as the rule read it (`99.66` → `99.67`);
    /// the unit and everything around it stay as written.
    pub RatioRounding, "A002", "ratio-rounding", Warning
}

impl RatioRounding {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"所写比率是真实比值截尾或错误舍入的结果。

### 检查内容
对每个已与运算数对应的比率（见 A001），所写数值与真实比值相差不到末位一个单位、但又不是按自身精度
四舍五入的结果：截尾（99.667% 写成 99.66%）、舍入方向错误，或写出的位数多于实际计算的位数
（31.08% 写成 31.00%）。恰好逢五时，四舍五入和四舍六入五成双都接受。写在算式之后的结果
（`完成率=2÷3=66.66%`）同样按该算式核对。

文中未写出总额、但各项合计为 100% 的一组占比，按各项金额之和核对（见 A001），不自动修正：占比常为使合计
等于 100% 而调整尾差，帮助信息请作者注明。

比值按所列运算数计算。所写数值只有在运算数自身的舍入范围内才能得到时（上年 2840 万元、本年 2364 万元，
写作下降16.77%，按所列数字应为 16.76%），它可能是按未舍入的数字算出的：仍报告为警告，因为读者按所列
数字复算得到的是另一个值，但不自动修正。

### 为什么
公开数字按所写精度四舍五入。截尾误差虽小，却说明数字并非按报告所说的方法计算，
且常与决算表中的同一比率不一致。

### 示例
```text
共登记隐患902处，完成整改899处，综合整改率为99.66%。
```
899 / 902 = 99.6674%，四舍五入应为 99.67%。

### 如何修改
改为诊断给出的四舍五入值。

安全修正（`--fix`，所写数值在运算数舍入范围内可得时除外）：在纯文本和 Markdown 中，数字按规则读到的 ASCII 数字写法时（`99.66` → `99.67`），
把它替换为四舍五入值；单位和前后文字保持原样。"#;
}

impl Rule for RatioRounding {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (c, expected) in
            crate::rules::arithmetic::written_calc_findings(cx.doc, cx.relations, true)
        {
            out.push(crate::rules::arithmetic::written_calc_diagnostic(
                &Self::META,
                cx.doc,
                c,
                expected,
            ));
        }
        summed_shares(cx, out);
        let doc = cx.doc;
        let q = &doc.quantities;
        for (c, verdict) in cx.relations.ratios.iter().zip(cx.ratio_verdicts().iter()) {
            let &RatioVerdict::Rounding {
                expected,
                truncated,
                within_operands,
            } = verdict
            else {
                continue;
            };
            let (rate, num, den) = (&q[c.rate], &q[c.numerator], &q[c.denominator]);
            let digits = fmt_fixed(expected, rate.decimals);
            let exp = format!("{digits}%");
            // Certain: the rule proved the value; only the digits are rewritten, and only
            // when they are written exactly as read.
            let written = cx.text.get(rate.number_span.start..rate.number_span.end);
            let fix = (!within_operands
                && written == Some(fmt_fixed(rate.value, rate.decimals).as_str()))
            .then(|| Fix::replace(Applicability::Safe, rate.number_span, digits));
            let exact = ratio_text(doc, c, rate.decimals + 2);
            let (rd, nd, dd) = (rate.display(), num.display(), den.display());
            let (why_zh, why_en) = if within_operands && truncated {
                (
                    "所写数值为截尾结果，仅在运算数舍入范围内可得",
                    "the stated value is truncated, reachable only within the operands' rounding",
                )
            } else if within_operands {
                (
                    "所写数值仅在运算数舍入范围内可得",
                    "the stated value is reachable only within the operands' rounding",
                )
            } else if truncated {
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
                        format!("比率 {rd} 应为 {exp}：{nd} / {dd} = {exact}%，{why_zh}"),
                        format!("rate {rd} should be {exp}: {nd} / {dd} = {exact}%, {why_en}"),
                    ),
                )
                .primary(Message::new(
                    format!("四舍五入应为 {exp}"),
                    format!("rounds to {exp}"),
                ))
                .label(num.span, operand_label(num, "分子", "numerator"))
                .label(den.span, operand_label(den, "分母", "denominator"))
                .help(if within_operands {
                    Message::new(
                        format!("改为 {exp}；若按未舍入的数字计算，请注明尾差"),
                        format!(
                            "write {exp}; if it was computed from unrounded figures, note the rounding difference"
                        ),
                    )
                } else {
                    Message::new(format!("改为 {exp}"), format!("write {exp}"))
                })
                .expected_found(exp.clone(), rd)
                .fix(fix),
            );
        }
    }
}

/// Shares of a whole stated nowhere, rounded otherwise than half-up from the sum of their
/// group's amounts. No automatic fix: shares are often adjusted so that they total 100%
/// (a 尾差), and rewriting one would break that total.
fn summed_shares(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let q = &doc.quantities;
    for c in &cx.relations.summed_shares {
        let RatioVerdict::Rounding {
            expected,
            truncated,
            ..
        } = c.verdict(doc)
        else {
            continue;
        };
        let (rate, num) = (&q[c.rate], &q[c.numerator]);
        let exp = format!("{}%", fmt_fixed(expected, rate.decimals));
        let (whole, exact) = summed_whole_text(doc, c, rate.decimals + 2);
        let (why_zh, why_en) = if truncated {
            ("所写数值为截尾结果", "the stated value is truncated")
        } else {
            (
                "所写数值未按四舍五入取值",
                "the stated value is not rounded half-up",
            )
        };
        let mut d = Diagnostic::new(
            &RatioRounding::META,
            rate.span,
            Message::new(
                format!(
                    "占比 {} 应为 {exp}：各项占比合计 100%，总额即各项之和 {whole}；{} / 总额 = {exact}%，{why_zh}",
                    rate.display(),
                    num.display()
                ),
                format!(
                    "share {} should be {exp}: the shares total 100%, so the whole is the sum of the parts {whole}; {} / whole = {exact}%, {why_en}",
                    rate.display(),
                    num.display()
                ),
            ),
        )
        .primary(Message::new(
            format!("四舍五入应为 {exp}"),
            format!("rounds to {exp}"),
        ))
        ;
        d = summed_share_labels(d, doc, c);
        out.push(
            d.help(Message::new(
                format!("改为 {exp}；若为使合计等于 100% 而调整尾差，请注明"),
                format!("write {exp}; if it was adjusted so that the shares total 100%, say so"),
            ))
            .expected_found(exp.clone(), rate.display()),
        );
    }
}
