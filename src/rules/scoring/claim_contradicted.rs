//! S007 claim-contradicted.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::model::table::{Cmp, Measure};
use crate::numeric::fmt_fixed;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// The narrative says every target was met, but a row of the indicator table misses its
    /// target.
    ///
    /// ### What it checks
    /// Sentences of the prose that claim all targets were met (`各项指标均已完成`,
    /// `全部完成`, `已按计划完成`, `均已达到` — not when denied: `未全部完成`) against the
    /// 年度指标值 / 实际完成值 pairs of the report's tables. A pair is compared only when both
    /// are figures in the same unit and the actual is a value, not a bound: `≥1200座` is
    /// missed by `1100座`, `≤5天` by `6天`, `95%` by `93%`. A bare money target (`1500元/座`)
    /// may be a ceiling or a floor and is not compared.
    ///
    /// ### Why
    /// A claim that the table itself contradicts is an unsupported statement (DOMAIN §4):
    /// reviewers deduct for it, and it hides the 偏差原因 the table should explain.
    ///
    /// ### Example
    /// ```text
    /// 项目各项绩效指标均已完成。
    /// | 三级指标 | 年度指标值 | 实际完成值 |
    /// | 新建公厕数量 | ≥20座 | 18座 |
    /// ```
    /// 18座 does not meet ≥20座.
    ///
    /// ### How to fix
    /// Say which targets were missed and why, or correct the table.
    ///
    /// No automatic fix: whether the claim or the table is wrong is for the author to say.
    pub ClaimContradicted, "S007", "claim-contradicted", Warning
}

impl ClaimContradicted {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"正文称各项目标均已完成，但指标表中有一行未达到其目标。

### 检查内容
正文中声称全部目标已完成的句子（`各项指标均已完成`、`全部完成`、`已按计划完成`、`均已达到`；
`未全部完成` 等否定说法除外），与报告表格中的 年度指标值 / 实际完成值 对照。只有两者都是同一单位的
数字、且实际值是一个确定值而非界限时才比较：`≥1200座` 对 `1100座` 未达到，`≤5天` 对 `6天` 未达到，
`95%` 对 `93%` 未达到。单纯的金额目标（`1500元/座`）可能是上限也可能是下限，不比较。

### 为什么
被报告自身表格推翻的说法是没有依据的结论：评审会因此扣分，而且它掩盖了表中本应说明的偏差原因。

### 示例
```text
项目各项绩效指标均已完成。
| 三级指标 | 年度指标值 | 实际完成值 |
| 新建公厕数量 | ≥20座 | 18座 |
```
18座 未达到 ≥20座。

### 如何修改
写明哪些目标未完成及其原因，或更正表格。

不自动修正：说法错还是表格错，须由作者判断。"#;
}

fn show(m: &Measure) -> String {
    let cmp = match m.cmp {
        Cmp::Eq => "",
        Cmp::AtLeast => "≥",
        Cmp::MoreThan => ">",
        Cmp::AtMost => "≤",
        Cmp::LessThan => "<",
    };
    format!("{cmp}{}{}", fmt_fixed(m.value, m.decimals), m.unit)
}

impl Rule for ClaimContradicted {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let targets = &cx.relations.tables.targets;
        for c in &cx.relations.tables.claims {
            let missed: Vec<_> = c.missed.iter().filter_map(|&k| targets.get(k)).collect();
            let Some(first) = missed.first() else {
                continue;
            };
            let claim = &cx.text[c.span.start..c.span.end];
            let (t, a) = (show(&first.target), show(&first.actual));
            let more = missed.len() - 1;
            let (more_zh, more_en) = if more > 0 {
                (
                    format!("等 {} 项", missed.len()),
                    format!(" and {more} more"),
                )
            } else {
                (String::new(), String::new())
            };
            let mut d = Diagnostic::new(
                &Self::META,
                c.span,
                Message::new(
                    format!(
                        "文中称「{claim}」，但表中「{}」实际完成值 {a} 未达到年度指标值 {t}{more_zh}",
                        first.label
                    ),
                    format!(
                        "the text says 「{claim}」, but 「{}」 in the table reached {a} against a \
                         target of {t}{more_en}",
                        first.label
                    ),
                ),
            )
            .primary(Message::new("称全部完成", "claims every target met"));
            for p in &missed {
                d = d.label(
                    p.actual.span,
                    Message::new(
                        format!(
                            "「{}」实际 {}，指标 {}",
                            p.label,
                            show(&p.actual),
                            show(&p.target)
                        ),
                        format!(
                            "「{}」: actual {} against {}",
                            p.label,
                            show(&p.actual),
                            show(&p.target)
                        ),
                    ),
                );
            }
            out.push(d.help(Message::new(
                "写明未完成的指标及偏差原因，或核对表中数值",
                "name the missed targets and why they were missed, or check the table",
            )));
        }
    }
}
