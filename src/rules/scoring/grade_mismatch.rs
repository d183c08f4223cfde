//! S004 grade-mismatch.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::numeric::fmt_trim;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// The stated grade (优/良/中/差) does not match the band of the stated total.
    ///
    /// ### What it checks
    /// Every grade the report states (`自评等级为“优”`, `评分等级 优`, `等级：良好`) against the
    /// rubric's band of the total stated with it (same sentence or same table; otherwise the
    /// report's one total). Bands are the rubric's — by default 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差
    /// below, lower bounds inclusive — so 89.5 is 良 and 90 is 优.
    ///
    /// ### Why
    /// 评分与等级不符 is a classic reviewer deduction: a total rounded up in the head (89.5 → 90)
    /// or a grade kept from a draft.
    ///
    /// ### Example
    /// ```text
    /// 经自评，本部门2023年度整体支出绩效得分89.5分，等级为“优”。
    /// ```
    /// 89.5 is in the 良 band (80 ≤ 89.5 < 90).
    ///
    /// The same check is made against the *recomputed* total: when the scores the report's
    /// own figures allow give a total range whose grades all differ from the stated grade
    /// (a 自评表 claiming 优 whose re-scored total is 85–88), the stated grade is reported too.
    /// A range that still reaches the stated grade's band is not.
    ///
    /// ### How to fix
    /// State the grade of the total's band, or correct the total.
    ///
    /// No automatic fix: the grade or the total may be wrong.
    pub GradeMismatch, "S004", "grade-mismatch", Error
}

impl GradeMismatch {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"所写等级（优/良/中/差）与所写总分所在的等级区间不符。

### 检查内容
报告写出的每个等级（`自评等级为“优”`、`评分等级 优`、`等级：良好`）与同时写出的总分（同一句或同一张表；
否则取报告唯一的总分）按评分规则的区间核对。区间取评分规则的设定——默认 优 ≥ 90、良 ≥ 80、中 ≥ 60、
其下为差，下限包含在内——因此 89.5 为良，90 为优。

同样按复核总分核对：按报告自身数据复核后，总分区间内的所有等级都与所写等级不同时（自评表写“优”，
复核总分为 76–79），也报告所写等级；区间仍能达到所写等级的不报告。

### 为什么
评分与等级不符是评审的经典扣分项：心算时把总分进了位（89.5 → 90），或等级沿用了草稿。

### 示例
```text
经自评，本部门2023年度整体支出绩效得分89.5分，等级为“优”。
```
89.5 位于“良”的区间（80 ≤ 89.5 < 90）。

### 如何修改
写出总分所在区间的等级，或改正总分。

不自动修正：有误的可能是等级，也可能是总分。"#;
}

impl Rule for GradeMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(scoring) = cx.scoring else { return };
        let card = &scoring.card;
        for g in scoring.eval.grades.iter().filter(|g| !g.consistent) {
            let (Some(grade), Some(total)) = (card.grades.get(g.grade), card.totals.get(g.total))
            else {
                continue;
            };
            let t = total.score.display();
            let word = &grade.word;
            let expected = &g.expected;
            let band = cx.rubric.grades.iter().find(|b| b.grade == *expected);
            let range = band
                .map(|b| {
                    let lo = fmt_trim(b.min, 2);
                    match cx.rubric.grade_above(b) {
                        Some(up) => format!("{lo} ≤ x < {}", fmt_trim(up.min, 2)),
                        None => format!("x ≥ {lo}"),
                    }
                })
                .unwrap_or_default();
            out.push(
                Diagnostic::new(
                    &Self::META,
                    grade.span,
                    Message::new(
                        format!("等级“{word}”与总分 {t} 不符：{t} 分属“{expected}”（{range}）"),
                        format!(
                            "the grade {word} does not match the total {t}: {t} is in the {expected} band ({range})"
                        ),
                    ),
                )
                .primary(Message::new(
                    format!("应为“{expected}”"),
                    format!("should be {expected}"),
                ))
                .label(
                    total.score.span,
                    Message::new(format!("总分 {t}"), format!("total {t}")),
                )
                .help(Message::new(
                    format!("将等级改为“{expected}”，或核对总分"),
                    format!("state the grade {expected}, or check the total"),
                ))
                .expected_found(expected.clone(), word.clone()),
            );
        }
        rescored_grade(cx, out);
    }
}

/// The stated grade against the grades of the recomputed total's range.
fn rescored_grade(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(scoring) = cx.scoring else { return };
    let eval = &scoring.eval;
    let (Some(grade), Some((lo, hi)), Some((glo, ghi)), true) = (
        scoring.card.grades.first(),
        eval.recomputed_range,
        eval.grade_range.as_ref(),
        eval.grade_excluded,
    ) else {
        return;
    };
    // Already reported against its stated total.
    if eval.grades.iter().any(|g| !g.consistent) {
        return;
    }
    let word = &grade.word;
    let (range, grades) = if lo == hi {
        (fmt_trim(lo, 2), glo.clone())
    } else {
        (
            format!("{}–{}", fmt_trim(lo, 2), fmt_trim(hi, 2)),
            if glo == ghi {
                glo.clone()
            } else {
                format!("{glo}–{ghi}")
            },
        )
    };
    out.push(
        Diagnostic::new(
            &GradeMismatch::META,
            grade.span,
            Message::new(
                format!("等级“{word}”与复核总分不符：按报告自身数据复核，总分为 {range}，等级为“{grades}”"),
                format!(
                    "the grade {word} does not match the re-scored total: the report's own figures give {range}, graded {grades}"
                ),
            ),
        )
        .primary(Message::new(
            format!("复核等级“{grades}”"),
            format!("re-scored grade {grades}"),
        ))
        .help(Message::new(
            "核对被复核改变的指标得分（见 S005），或修改等级",
            "check the indicator scores the re-scoring changed (see S005), or change the grade",
        ))
        .expected_found(grades.clone(), word.clone()),
    );
}
