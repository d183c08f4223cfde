//! S003 total-mismatch.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::rules::scoring::{figure_of, part_label};
use crate::rules::{Context, Rule, RuleMeta};
use crate::score::evaluate::{Measure, Reference, show};

declare_rule! {
    /// The stated total score differs from the sum of the indicator scores.
    ///
    /// ### What it checks
    /// Every total the report states — a 合计/总分/综合评分 row, or `自评得分95分` in the prose —
    /// against what it sums: the top-level indicators of a 评分表 read whole, or the parts listed
    /// with it (`得分94分，其中部门决策19分，部门管理18.5分，部门绩效56.5分`). A total row that
    /// states the total weight is checked the same way (the weights add up to it, usually
    /// 100). A total stated apart from any parts is compared with the one score table of the
    /// same kind, or with another statement of the total whose parts add up. A 尾差 of ½ unit of
    /// the last written digit per part is accepted; tables that could not be read whole are
    /// not summed.
    ///
    /// ### Why
    /// The total decides the grade and is the figure quoted everywhere else; a total that is
    /// not the sum of its indicators means one of them — or the total — was changed alone.
    ///
    /// ### Example
    /// ```text
    /// | 一级指标 | 分值 | 得分 |
    /// | 投入 | 20 | 19 |
    /// | 过程 | 20 | 19.5 |
    /// | 产出 | 30 | 28.5 |
    /// | 效益 | 30 | 28.5 |
    /// | 合计 | 100 | 96 |
    /// ```
    /// 19 + 19.5 + 28.5 + 28.5 = 95.5, not 96.
    ///
    /// ### How to fix
    /// Correct the total, or the indicator score that is wrong, and the grade if the band
    /// changes.
    ///
    /// No automatic fix: the total or any indicator may be wrong.
    pub TotalMismatch, "S003", "total-mismatch", Error
}

impl TotalMismatch {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"所写总分与各指标得分之和不符。

### 检查内容
报告写出的每个总分——合计/总分/综合评分 行，或正文中的 `自评得分95分`——与它所汇总的内容比较：完整读取的
评分表中的一级指标，或与它一起列出的分项（`得分94分，其中部门决策19分，部门管理18.5分，部门绩效56.5分`）。
写有总分值的合计行同样核对（各分值之和，通常为 100）。单独写出、没有分项的总分，与同类的唯一一张评分表
比较，或与另一处分项相加一致的总分比较。每个分项允许末位 ½ 个单位的尾差；未能完整读取的表不求和。

### 为什么
总分决定等级，也是各处引用的数字；总分不等于各指标之和，说明某个指标——或总分——被单独改动过。

### 示例
```text
| 一级指标 | 分值 | 得分 |
| 投入 | 20 | 19 |
| 过程 | 20 | 19.5 |
| 产出 | 30 | 28.5 |
| 效益 | 30 | 28.5 |
| 合计 | 100 | 96 |
```
19 + 19.5 + 28.5 + 28.5 = 95.5，不是 96。

### 如何修改
改正总分或有误的指标得分；等级区间变化时一并改正等级。

不自动修正：有误的可能是总分或任何一个指标。"#;
}

impl Rule for TotalMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(scoring) = cx.scoring else { return };
        let card = &scoring.card;
        for t in scoring.eval.totals.iter().filter(|t| !t.consistent) {
            let (stated, sum) = (t.stated.display(), show(t.sum));
            let (msg, help) = match (&t.reference, t.measure) {
                (Reference::Total(_), _) => (
                    Message::new(
                        format!("总分 {stated} 与报告另处所述、与各项合计相符的总分 {sum} 不符"),
                        format!(
                            "the total {stated} differs from the total {sum} stated elsewhere, which its parts add up to"
                        ),
                    ),
                    Message::new(
                        format!("统一全文的总分：各项合计为 {sum}"),
                        format!("state one total throughout: the parts add up to {sum}"),
                    ),
                ),
                (Reference::Parts(_), Measure::Weight) => (
                    Message::new(
                        format!("总分值 {stated} 与各项分值之和 {sum} 不符"),
                        format!(
                            "the total weight {stated} differs from the sum of the weights, {sum}"
                        ),
                    ),
                    Message::new(
                        format!("核对各项分值：合计为 {sum}"),
                        format!("check the weights: they add up to {sum}"),
                    ),
                ),
                (Reference::Parts(_), Measure::Score) => (
                    Message::new(
                        format!("总分 {stated} 与各项得分合计 {sum} 不符"),
                        format!("the total {stated} differs from the sum of the scores, {sum}"),
                    ),
                    Message::new(
                        format!("核对总分或各项得分：各项合计为 {sum}"),
                        format!("check the total or the scores: they add up to {sum}"),
                    ),
                ),
            };
            let mut d = Diagnostic::new(&Self::META, t.stated.span, msg).primary(Message::new(
                format!("合计应为 {sum}"),
                format!("parts add up to {sum}"),
            ));
            match &t.reference {
                Reference::Parts(parts) => {
                    for &p in parts {
                        let Some(ind) = card.indicators.get(p) else {
                            continue;
                        };
                        let (span, value) = match figure_of(ind, t.measure) {
                            Some(f) => (f.span, f.display()),
                            None => {
                                let v = scoring
                                    .eval
                                    .indicators
                                    .get(p)
                                    .and_then(|e| match t.measure {
                                        Measure::Score => e.claimed,
                                        Measure::Weight => e.weight,
                                    })
                                    .map(show)
                                    .unwrap_or_default();
                                (ind.name_span, v)
                            }
                        };
                        d = d.label(span, part_label(card, p, t.measure, &value));
                    }
                }
                Reference::Total(o) => {
                    if let Some(other) = card.totals.get(*o) {
                        let v = other.score.display();
                        d = d.label(
                            other.score.span,
                            Message::new(format!("总分 {v}"), format!("total {v}")),
                        );
                    }
                }
            }
            out.push(d.help(help).expected_found(sum, stated));
        }
    }
}
