//! A004 share-sum.

use rust_decimal::Decimal;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::numeric::{Interval, fmt_trim};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// Percentage shares of one whole do not add up to 100%.
    ///
    /// ### What it checks
    /// Shares stated together in one sentence (`基本支出…（占比25.14%）；项目支出…（占比74.86%）`)
    /// whose amounts form a complete, consistent breakdown of a stated total: their sum must
    /// be 100% within the rounding of the shares (n × ½ unit of the last digit). Each share is
    /// also checked against part / whole by A001. Shares of one named whole in different
    /// sentences (`基本支出X元，占一般公共预算支出的a%` … `项目支出Y元，占一般公共预算支出的b%`)
    /// are checked too when their amounts are all of the whole by definition (基本支出 + 项目支出,
    /// 人员经费 + 公用经费 …), even when the whole itself is not stated.
    ///
    /// ### Why
    /// Shares of a complete breakdown that do not add up to 100% mean one of them was
    /// computed from an old figure — or "plugged" to force the total.
    ///
    /// ### Example
    /// ```text
    /// 支出800.00万元，其中基本支出200.00万元（占比25.00%），项目支出600.00万元（占比70.00%）。
    /// ```
    /// 25.00% + 70.00% = 95.00%.
    ///
    /// ### How to fix
    /// Recompute each share from its amount and the total.
    ///
    /// No automatic fix: any of the shares may be the wrong one.
    pub ShareSum, "A004", "share-sum", Error
}

impl ShareSum {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"同一总额的各项百分比占比之和不为100%。

### 检查内容
同一句中并列给出的占比（`基本支出…（占比25.14%）；项目支出…（占比74.86%）`），且其金额构成某一合计的
完整、自洽的分解时，占比之和须在各占比的舍入范围内（n × 末位 ½ 个单位）等于 100%。每个占比还由 A001
按“分项 / 总额”单独核对。

### 为什么
完整分解的占比加起来不是 100%，说明其中某项是用旧数字算的，或是为凑合计而“倒挤”出来的。

### 示例
```text
支出800.00万元，其中基本支出200.00万元（占比25.00%），项目支出600.00万元（占比70.00%）。
```
25.00% + 70.00% = 95.00%。

### 如何修改
按各分项金额和总额重新计算每个占比。

不自动修正：任何一个占比都可能是错的那个。"#;
}

impl Rule for ShareSum {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let q = &doc.quantities;
        for g in &cx.relations.shares {
            if g.whole.is_none() && !g.complete {
                continue;
            }
            let sum = g
                .shares
                .iter()
                .fold(Interval::exact(Decimal::ZERO), |a, &s| {
                    a.add(&Interval::of_written(q[s].value, q[s].decimals))
                });
            if sum.contains(Decimal::ONE_HUNDRED) {
                continue;
            }
            let central: Decimal = g.shares.iter().map(|&s| q[s].value).sum();
            let list: Vec<String> = g.shares.iter().map(|&s| q[s].display()).collect();
            let sum_text = format!("{}%", fmt_trim(central, 4));
            let Some(&last) = g.shares.last() else {
                continue;
            };
            let mut d = Diagnostic::new(
                &Self::META,
                q[last].span,
                Message::new(
                    format!(
                        "同一总额的各项占比之和不为100%：{} = {sum_text}",
                        list.join(" + ")
                    ),
                    format!(
                        "shares of one whole do not add up to 100%: {} = {sum_text}",
                        list.join(" + ")
                    ),
                ),
            )
            .primary(Message::new(
                format!("合计 {sum_text}"),
                format!("sum {sum_text}"),
            ));
            if let Some(whole) = g.whole {
                d = d.label(
                    q[whole].span,
                    Message::new(
                        format!("总额 {}", q[whole].display()),
                        format!("whole {}", q[whole].display()),
                    ),
                );
            }
            for &s in g.shares.iter().filter(|&&s| s != last) {
                d = d.label(
                    q[s].span,
                    Message::new(
                        format!("占比 {}", q[s].display()),
                        format!("share {}", q[s].display()),
                    ),
                );
            }
            out.push(
                d.help(Message::new(
                    "按各分项金额 / 总额重新计算占比",
                    "recompute each share as part / whole",
                ))
                .expected_found("100%", sum_text),
            );
        }
    }
}
