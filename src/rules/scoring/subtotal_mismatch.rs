//! S002 subtotal-mismatch.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::rules::scoring::{figure_of, measure_words, part_label};
use crate::rules::{Context, Rule, RuleMeta};
use crate::score::evaluate::{Measure, show};

declare_rule! {
    /// Child indicators' scores or weights do not add up to their parent's.
    ///
    /// ### What it checks
    /// In a 评分表 read whole, every indicator that states its own 分值 or 得分 and has
    /// indicators under it (一级 over 二级, 二级 over 三级): the children's weights must add up
    /// to the parent's weight exactly, and their scores to the parent's score (a 尾差 of ½ unit
    /// of the last written digit per child is accepted). A level-one score stated in the prose
    /// (`其中部门管理18.5分`) is compared with the table's indicators under 部门管理. Tables that
    /// lost rows or columns in extraction are never judged (see S006).
    ///
    /// ### Why
    /// 分值计算散总不一致 is one of the deductions reviewers make most: a parent's score copied
    /// from an earlier draft, or a child changed without its parent.
    ///
    /// ### Example
    /// ```text
    /// 一级指标	二级指标	分值	得分
    /// 投入		20	19
    /// 	目标设定	8	8
    /// 	预算编制	12	10
    /// ```
    /// 8 + 10 = 18, not 19.
    ///
    /// ### How to fix
    /// Correct the parent's figure or the child that is wrong so that the levels agree.
    ///
    /// No automatic fix: the parent or any child may be wrong.
    pub SubtotalMismatch, "S002", "subtotal-mismatch", Error
}

impl SubtotalMismatch {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"下级指标的得分或分值之和与上级指标不符。

### 检查内容
在完整读取的评分表中，每个写有自身分值或得分且有下级指标的指标（一级之下的二级、二级之下的三级）：
下级分值之和须等于上级分值，下级得分之和须等于上级得分（每个下级允许末位 ½ 个单位的尾差）。正文中写的
一级指标得分（`其中部门管理18.5分`）与表中 部门管理 下的指标比较。抽取时丢失行或列的表不作判断（见 S006）。

### 为什么
“分值计算散总不一致”是评审最常见的扣分项之一：上级得分抄自旧稿，或改了下级而没改上级。

### 示例
```text
一级指标	二级指标	分值	得分
投入		20	19
	目标设定	8	8
	预算编制	12	10
```
8 + 10 = 18，不是 19。

### 如何修改
改正上级数字或有误的下级数字，使各级相符。

不自动修正：有误的可能是上级或任何一个下级。"#;
}

impl Rule for SubtotalMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(scoring) = cx.scoring else { return };
        let card = &scoring.card;
        for s in scoring.eval.sums.iter().filter(|s| !s.consistent) {
            let Some(parent) = card.indicators.get(s.parent) else {
                continue;
            };
            let (zh, en) = measure_words(s.measure);
            let (name, stated, sum) = (&parent.name, s.stated.display(), show(s.sum));
            let mut d = Diagnostic::new(
                &Self::META,
                s.stated.span,
                Message::new(
                    format!("“{name}”的{zh} {stated} 与其下级指标{zh}合计 {sum} 不符"),
                    format!(
                        "the {en}s of the indicators under {name} add up to {sum}, not {stated}"
                    ),
                ),
            )
            .primary(Message::new(
                format!("下级合计 {sum}"),
                format!("children sum to {sum}"),
            ));
            for &c in &s.children {
                let Some(child) = card.indicators.get(c) else {
                    continue;
                };
                let (span, value) = match figure_of(child, s.measure) {
                    Some(f) => (f.span, f.display()),
                    None => {
                        let v = scoring
                            .eval
                            .indicators
                            .get(c)
                            .and_then(|e| match s.measure {
                                Measure::Score => e.claimed,
                                Measure::Weight => e.weight,
                            })
                            .map(show)
                            .unwrap_or_default();
                        (child.name_span, v)
                    }
                };
                d = d.label(span, part_label(card, c, s.measure, &value));
            }
            out.push(
                d.help(Message::new(
                    format!("核对“{name}”的{zh}或其下级指标：下级合计为 {sum}"),
                    format!("check the {en} of {name} or of its children: they add up to {sum}"),
                ))
                .expected_found(sum, stated),
            );
        }
    }
}
