//! U003 implausible-magnitude.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::numeric::fmt_fixed;
use crate::relations::MagnitudeCandidate;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// A budget line in 元 among budget lines in 万元, too small to be meant in 元.
    ///
    /// ### What it checks
    /// An amount written in 元 and labelled as a budget line (支出, 经费, 预算, 资金, 收入, 资产
    /// …), in a paragraph that states at least two other amounts, all in 万元 and none in 元.
    /// It is reported when the median of those amounts is at least 1000 times its 元 reading
    /// and even the smallest is at least 10 times: the digits fit the paragraph in 万元 and
    /// make no sense in 元. Amounts stated per unit (人均, 每人, 标准), bounds (约, 以上) and
    /// paragraphs that mix 元 and 万元 are left alone; an amount whose slip a rate, a
    /// breakdown or a restatement proves is U001's (or A006's), not reported twice.
    ///
    /// ### Why
    /// Figures are copied between the 决算 tables (in 元) and the narrative (in 万元); when the
    /// digits come across without their unit, one line of a paragraph is off by ten
    /// thousand, even where no rate or total exposes it.
    ///
    /// ### Example
    /// ```text
    /// 本年支出1180.50万元。基本支出中，人员经费452.80万元，公用经费159.60元。
    /// ```
    /// 159.60元 is not a plausible 公用经费 beside 452.80万元 of 人员经费; 159.60万元 is.
    ///
    /// ### How to fix
    /// Write the unit the digits belong to (here probably 万元), or, if the amount really is in
    /// 元, write it in 万元 like the lines around it (`0.02万元`).
    ///
    /// No automatic fix: without a relation to prove it, the unit is a likely slip, not a
    /// certain one.
    pub ImplausibleMagnitude, "U003", "implausible-magnitude", Warning
}

impl ImplausibleMagnitude {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"以元计的预算科目金额夹在以万元计的同类金额中，数额小得不合常理。

### 检查内容
以元为单位、名称为预算科目（支出、经费、预算、资金、收入、资产 …）的金额，所在段落另有至少两项金额，
均以万元计、没有以元计的。这些金额的中位数达到该金额按元读数的 1000 倍、其中最小的一项也达到 10 倍时报告：
这些数字按万元读与段落相符，按元读则不合常理。按单位计的金额（人均、每人、标准）、界限（约、以上）以及
元和万元混用的段落不检查；由比率、分解或重复表述证明单位有误的金额归 U001（或 A006）报告，不重复报告。

### 为什么
数字在决算表（以元计）和正文（以万元计）之间来回抄写；数字抄过来而单位没改，段落中就有一项差了一万倍，
即使没有比率或合计能暴露它。

### 示例
```text
本年支出1180.50万元。基本支出中，人员经费452.80万元，公用经费159.60元。
```
与 452.80万元 的人员经费相比，159.60元 的公用经费不合常理；159.60万元 才合理。

### 如何修改
写上数字所对应的单位（此处应为万元）；如金额确实以元计，请像前后各项一样改用万元表示（`0.02万元`）。

不自动修正：没有关系可以证明，单位只是可能有误，并不确定。"#;
}

impl Rule for ImplausibleMagnitude {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let qs = &cx.doc.quantities;
        for m in &cx.relations.magnitudes {
            let MagnitudeCandidate::Judged {
                figure,
                neighbours,
                implausible: true,
            } = m
            else {
                continue;
            };
            let q = &qs[*figure];
            let wan = format!("{}万元", fmt_fixed(q.value, q.decimals));
            let mut d = Diagnostic::new(
                &Self::META,
                q.span,
                Message::new(
                    format!(
                        "{} 以元计，与段落中以万元计的同类金额相比小得不合常理，疑为 {wan}",
                        q.display()
                    ),
                    format!(
                        "{} is in 元 among budget lines in 万元 and implausibly small; probably {wan}",
                        q.display()
                    ),
                ),
            )
            .primary(Message::new(format!("疑为 {wan}"), format!("probably {wan}")));
            for &j in neighbours {
                let n = &qs[j];
                d = d.label(
                    n.span,
                    Message::new(
                        format!("同段金额：{} {}", n.label_text(), n.display()),
                        format!(
                            "amount of the paragraph: {} {}",
                            n.label_text(),
                            n.display()
                        ),
                    ),
                );
            }
            out.push(
                d.help(Message::new(
                    format!("如金额为 {wan}，改正单位；如确以元计，请改用万元表示"),
                    format!("if the amount is {wan}, correct the unit; if it is in 元, write it in 万元 like the rest"),
                ))
                .expected_found(wan.clone(), q.display()),
            );
        }
    }
}
