//! S001 score-over-weight.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::rules::{Context, Rule, RuleMeta};
use crate::score::evaluate::{Status, show};

declare_rule! {
    /// An indicator's score is above its weight (得分 > 分值).
    ///
    /// ### What it checks
    /// Every indicator of the 评分表 read with certainty, and every total row that states both,
    /// compared score against weight. The weight is the one written in the indicator's row,
    /// or — in a table read whole — the sum of its children's weights; a score stated in the
    /// prose (`其中部门决策21分`) is compared with the weight of the table's indicator of the
    /// same name.
    ///
    /// ### Why
    /// 得分 ≤ 分值 is the first rule of every rubric: a score above its weight is a 计分错误 that
    /// inflates the total, and reviewers deduct for it.
    ///
    /// ### Example
    /// ```text
    /// 一级指标	二级指标	分值	得分
    /// 产出	产出数量	15	16
    /// ```
    /// 16 points for an indicator worth 15.
    ///
    /// ### How to fix
    /// Score the indicator at most its weight; if the weight is what is wrong, correct the
    /// weights so that they still add up to their parent's.
    ///
    /// No automatic fix: the score or the weight may be wrong, and scores are the assessor's to set.
    pub ScoreOverWeight, "S001", "score-over-weight", Error
}

impl ScoreOverWeight {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"指标得分高于其分值（得分 > 分值）。

### 检查内容
评分表中每个确定读取的指标，以及同时写有分值和得分的合计行，比较得分与分值。分值取指标所在行写明的分值，
或——在完整读取的表中——其下级指标分值之和；正文中写的得分（`其中部门决策21分`）与表中同名指标的分值比较。

### 为什么
得分 ≤ 分值 是每套评分标准的第一条：得分超过分值是计分错误，会抬高总分，评审会为此扣分。

### 示例
```text
一级指标	二级指标	分值	得分
产出	产出数量	15	16
```
分值 15 的指标得了 16 分。

### 如何修改
得分不超过分值；如果错的是分值，改正分值并使其仍与上级分值相加一致。

不自动修正：有误的可能是得分或分值，且得分由评价人确定。"#;
}

impl Rule for ScoreOverWeight {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(scoring) = cx.scoring else { return };
        let card = &scoring.card;
        for (i, ind) in card.indicators.iter().enumerate() {
            let Some(e) = scoring.eval.indicators.get(i) else {
                continue;
            };
            let (Status::OverWeight, Some(score), Some(weight)) = (e.status, &ind.score, e.weight)
            else {
                continue;
            };
            let w = show(weight);
            let s = score.display();
            let name = &ind.name;
            let mut d = Diagnostic::new(
                &Self::META,
                score.span,
                Message::new(
                    format!("“{name}”得分 {s} 超过其分值 {w}"),
                    format!("{name} is scored {s}, above its weight {w}"),
                ),
            )
            .primary(Message::new(format!("得分 {s}"), format!("score {s}")));
            let weight_span = ind.weight.as_ref().map(|f| f.span).or_else(|| {
                ind.twin
                    .and_then(|t| card.indicators.get(t))
                    .and_then(|t| t.weight.as_ref().map(|f| f.span))
            });
            match weight_span {
                Some(span) => {
                    d = d.label(
                        span,
                        Message::new(format!("分值 {w}"), format!("weight {w}")),
                    );
                }
                None => {
                    let name_span = ind
                        .twin
                        .and_then(|t| card.indicators.get(t))
                        .map(|t| t.name_span)
                        .unwrap_or(ind.name_span);
                    d = d.label(
                        name_span,
                        Message::new(
                            format!("分值 {w}（下级指标分值合计）"),
                            format!("weight {w} (the sum of its children's)"),
                        ),
                    );
                }
            }
            out.push(
                d.help(Message::new(
                    format!("得分不能超过分值：“{name}”最多得 {w} 分"),
                    format!("a score cannot exceed its weight: {name} gets {w} at most"),
                ))
                .expected_found(format!("≤{w}"), s),
            );
        }
        for t in &card.totals {
            let Some(w) = &t.weight else { continue };
            if t.score.value <= w.value {
                continue;
            }
            let (s, wt) = (t.score.display(), w.display());
            out.push(
                Diagnostic::new(
                    &Self::META,
                    t.score.span,
                    Message::new(
                        format!("总分 {s} 超过总分值 {wt}"),
                        format!("the total score {s} is above the total weight {wt}"),
                    ),
                )
                .primary(Message::new(format!("总分 {s}"), format!("total {s}")))
                .label(
                    w.span,
                    Message::new(format!("总分值 {wt}"), format!("total weight {wt}")),
                )
                .help(Message::new(
                    format!("总分不能超过 {wt}：核对各项得分"),
                    format!("a total cannot exceed {wt}: check the indicators' scores"),
                ))
                .expected_found(format!("≤{wt}"), s),
            );
        }
    }
}
