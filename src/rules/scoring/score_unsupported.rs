//! S005 score-unsupported.

use rust_decimal::Decimal;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::numeric::fmt_fixed;
use crate::rules::{Context, Rule, RuleMeta};
use crate::score::evaluate::{Basis, EvidenceBound, Role, Status, Support, show};
use crate::score::{Indicator, Measure};

declare_rule! {
    /// An indicator's score is not what its rubric gives for the figures the report itself
    /// states.
    ///
    /// ### What it checks
    /// Indicators read with certainty whose score can be recomputed from the report's own
    /// figures, bound to them by meaning:
    ///
    /// * the 项目资金 row: 得分 = 分值 × 执行率, 执行率 = 全年执行数 / 全年预算数, capped at 分值;
    /// * a project indicator row with figures in 年度指标值 and 实际完成值, as the table model
    ///   reads the pair on that row: 分值 × 实际/目标 (正向, `≥`) or 分值 × 目标/实际 (反向,
    ///   `≤`), capped at 分值; or, when the row's criteria (or the rubric's `quantitative.missed`)
    ///   score by whether the target is met, the 分值 when it is, and nothing (`未完成不得分`) or
    ///   less than the 分值 (`未达到的酌情扣分`) when it is missed. A pair that cannot be
    ///   compared (other units, a money target without `≤`/`≥`) or a row not read with
    ///   certainty is not re-scored;
    /// * tiers written in the row's own criteria (`1.满意度≥95%的，得6分；2.90%≤满意度<95%的，
    ///   得4分…`) or in the rubric (`data/rubrics/*.json`), applied to the prose figure whose
    ///   label names the indicator (`服务对象满意度…达到90%以上`).
    ///
    /// Figures count as the interval of their rounding; the claimed score is accepted when it
    /// is the recomputed score rounded or truncated to two places (or to its own places). A
    /// bound (`90%以上`) supports only the score it guarantees. No evidence, or figures that
    /// disagree with each other: no finding.
    ///
    /// ### Why
    /// A report's self-assigned score is the figure reviewers distrust most: full marks for an
    /// indicator whose own figures fall short of its target, an execution score that is not
    /// 分值 × 执行率, a top tier the stated satisfaction does not reach.
    ///
    /// ### Example
    /// ```text
    /// 服务对象满意度根据项目自评结果达到90%以上。
    /// …	公众或服务对象满意度	6	…	1.满意度≥95%的，得6分；2.90%≤满意度<95%的，得4分；…	6
    /// ```
    /// `90%以上` guarantees the 90–95% tier, 4 points; 6 needs 95%.
    ///
    /// ### How to fix
    /// Score the indicator at what its figures give, or state the figure that supports the
    /// claimed score.
    ///
    /// No automatic fix: scores are the assessor's to set; the evidence only bounds them.
    pub ScoreUnsupported, "S005", "score-unsupported", Warning
}

impl ScoreUnsupported {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"指标得分与评分规则按报告自身所列数字给出的得分不符。

### 检查内容
确定读取、且能按报告自身数字（按语义对应）重新计算得分的指标：

* 项目资金 行：得分 = 分值 × 执行率，执行率 = 全年执行数 / 全年预算数，以分值为上限；
* 年度指标值 和 实际完成值 中写有数字的项目指标行（按表格模型读出的该行指标值与实际值）：
  分值 × 实际/目标（正向，`≥`）或 分值 × 目标/实际（反向，`≤`），以分值为上限；
  该行评分标准（或评分规则的 `quantitative.missed`）按是否达到目标计分时，达到得满分，
  未达到不得分（`未完成不得分`）或低于满分（`未达到的酌情扣分`）。无法比较的指标值与实际值
  （单位不同、未写 `≤`/`≥` 的金额目标）或未能确定读取的行不重新评分；
* 写在该行评分标准中的档次（`1.满意度≥95%的，得6分；2.90%≤满意度<95%的，得4分…`）
  或评分规则（`data/rubrics/*.json`）中的档次，应用于标签指明该指标的正文数字（`服务对象满意度…达到90%以上`）。

数字按其舍入区间计；自评得分等于重算得分四舍五入或截取到两位（或其自身位数）时视为相符。
界限值（`90%以上`）只支持它所保证的得分。没有依据，或依据的数字彼此矛盾：不报告。

### 为什么
自评得分是评审最不信任的数字：自身数字未达目标的指标给了满分，资金执行得分不等于 分值 × 执行率，
所写满意度达不到最高档却给了最高档。

### 示例
```text
服务对象满意度根据项目自评结果达到90%以上。
…	公众或服务对象满意度	6	…	1.满意度≥95%的，得6分；2.90%≤满意度<95%的，得4分；…	6
```
`90%以上` 只能保证 90%–95% 这一档，即 4 分；6 分需要 95%。

### 如何修改
按数字应得的分数评分，或写出能支持自评得分的数字。

不自动修正：得分由评价人确定；依据只限定其范围。"#;
}

/// A target or actual as a plain figure: `95%`, `80万元`.
fn plain(m: &Measure) -> String {
    format!("{}{}", fmt_fixed(m.value, m.decimals), m.unit)
}

/// `889.14 / 912.46 = 97.44%，10 × 97.44% = 9.74` and the like.
fn working(s: &Support, ind: &Indicator, weight: Decimal) -> Option<(String, String)> {
    let fig = |r: Role| {
        s.evidence
            .iter()
            .find(|e| e.role == r)
            .map(|e| e.text.clone())
    };
    let pct = fmt_fixed(s.value, 2);
    let w = show(weight);
    let score = show(s.expected);
    match &s.basis {
        Basis::Execution { .. } => {
            let ratio = match (fig(Role::Spent), fig(Role::Budget)) {
                (Some(a), Some(b)) => format!("{a} / {b} = {pct}%"),
                _ => format!("{pct}%"),
            };
            Some((
                format!("执行率 {ratio}，{w} × {pct}% = {score}"),
                format!("execution rate {ratio}, {w} × {pct}% = {score}"),
            ))
        }
        Basis::Quantitative { positive, .. } => {
            let (t, a) = (plain(ind.target.as_ref()?), plain(ind.actual.as_ref()?));
            let (num, den) = if *positive { (&a, &t) } else { (&t, &a) };
            Some((
                format!("{w} × {num} / {den} = {w} × {pct}% = {score}"),
                format!("{w} × {num} / {den} = {w} × {pct}% = {score}"),
            ))
        }
        Basis::Target { met, .. } => {
            let (t, a) = (target_text(s)?, actual_text(s)?);
            Some(if *met {
                (
                    format!("实际完成值 {a} 达到年度指标值 {t}"),
                    format!("the actual {a} meets the target {t}"),
                )
            } else {
                (
                    format!("实际完成值 {a} 未达到年度指标值 {t}"),
                    format!("the actual {a} misses the target {t}"),
                )
            })
        }
        Basis::Rubric { .. } | Basis::Table { .. } => None,
    }
}

/// The target and the actual as the row writes them.
fn target_text(s: &Support) -> Option<String> {
    s.evidence
        .iter()
        .find(|e| e.role == Role::Target)
        .map(|e| e.text.clone())
}

fn actual_text(s: &Support) -> Option<String> {
    s.evidence
        .iter()
        .find(|e| e.role == Role::Actual)
        .map(|e| e.text.clone())
}

impl Rule for ScoreUnsupported {
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
            let (Status::Unsupported, Some(s), Some(score)) = (e.status, &e.support, &ind.score)
            else {
                continue;
            };
            let weight = e.weight.unwrap_or(score.value);
            let name = &ind.name;
            let claimed = score.display();
            let expected = show(s.expected);
            let rule = s.basis.describe(e.weight);
            let figures: Vec<&str> = s
                .evidence
                .iter()
                .filter(|ev| ev.role == Role::Figure)
                .map(|ev| ev.text.as_str())
                .collect();
            let figs = figures.join("、");
            let message = match (s.bound, working(s, ind, weight)) {
                (_, Some((zh, en))) if matches!(s.basis, Basis::Target { .. }) => {
                    let (gives_zh, gives_en) = match s.bound {
                        EvidenceBound::Ceiling => (
                            format!("不应得满分 {}", show(weight)),
                            format!("it cannot take the full {}", show(weight)),
                        ),
                        _ => (
                            format!("应得 {expected} 分"),
                            format!("it gives {expected}"),
                        ),
                    };
                    Message::new(
                        format!(
                            "“{name}”自评得分 {claimed}，但{zh}，按评分标准（{}）{gives_zh}",
                            rule.zh
                        ),
                        format!(
                            "{name} is scored {claimed}, but {en}, and by its rule ({}) {gives_en}",
                            rule.en
                        ),
                    )
                }
                (EvidenceBound::Floor, _) => Message::new(
                    format!(
                        "“{name}”自评得分 {claimed}，但报告所述 {figs} 只能确定得 {expected} 分（{}）",
                        rule.zh
                    ),
                    format!(
                        "{name} is scored {claimed}, but the report's own {figs} supports only {expected} ({})",
                        rule.en
                    ),
                ),
                (EvidenceBound::Ceiling, _) => Message::new(
                    format!(
                        "“{name}”自评得分 {claimed}，但报告所述 {figs} 至多得 {expected} 分（{}）",
                        rule.zh
                    ),
                    format!(
                        "{name} is scored {claimed}, but the report's own {figs} gives {expected} at most ({})",
                        rule.en
                    ),
                ),
                (EvidenceBound::Exact, Some((zh, en))) => Message::new(
                    format!("“{name}”自评得分 {claimed}，按本表数据应得 {expected} 分：{zh}"),
                    format!(
                        "{name} is scored {claimed}, but its own figures give {expected}: {en}"
                    ),
                ),
                (EvidenceBound::Exact, None) => Message::new(
                    format!(
                        "“{name}”自评得分 {claimed}，按报告所述 {figs} 应得 {expected} 分（{}）",
                        rule.zh
                    ),
                    format!(
                        "{name} is scored {claimed}, but the report's own {figs} gives {expected} ({})",
                        rule.en
                    ),
                ),
            };
            let primary = match (&s.basis, s.bound) {
                (Basis::Target { .. }, EvidenceBound::Ceiling) => Message::new(
                    "未达到目标，不应得满分",
                    "target missed: not the full weight",
                ),
                _ => Message::new(
                    format!("依据只支持 {expected} 分"),
                    format!("the evidence gives {expected}"),
                ),
            };
            let mut d = Diagnostic::new(&Self::META, score.span, message).primary(primary);
            for ev in &s.evidence {
                let role = ev.role.label();
                let msg = match (&ev.label, ev.role) {
                    (Some(l), Role::Figure) if !l.is_empty() => Message::new(
                        format!("{}：{l} {}", role.zh, ev.text),
                        format!("{}: {l} {}", role.en, ev.text),
                    ),
                    (_, Role::Criteria) => role.clone(),
                    _ => Message::new(
                        format!("{} {}", role.zh, ev.text),
                        format!("{} {}", role.en, ev.text),
                    ),
                };
                d = d.label(ev.span, msg);
            }
            if let Some(w) = &ind.weight {
                let v = w.display();
                d = d.label(
                    w.span,
                    Message::new(format!("分值 {v}"), format!("weight {v}")),
                );
            }
            let help = match s.bound {
                EvidenceBound::Ceiling if matches!(s.basis, Basis::Target { .. }) => Message::new(
                    format!("改为低于 {} 分的得分，或写明目标已达到的依据", show(weight)),
                    format!(
                        "score it below {}, or state what shows the target was met",
                        show(weight)
                    ),
                ),
                EvidenceBound::Floor => Message::new(
                    format!("改为 {expected} 分，或写明支持 {claimed} 分的数据"),
                    format!("score it {expected}, or state the figure that supports {claimed}"),
                ),
                _ => Message::new(
                    format!("改为 {expected} 分"),
                    format!("score it {expected}"),
                ),
            };
            out.push(d.help(help).expected_found(expected, claimed));
        }
    }
}
