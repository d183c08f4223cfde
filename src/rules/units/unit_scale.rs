//! U001 unit-scale.

use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Message};
use crate::model::{Document, Quantity, Unit, scale_up_u8};
use crate::relations::{RatioVerdict, SlipEvidence, SumVerdict, UnitProof};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// An amount's unit is off by a power of ten from its context (元 vs 万元 vs 亿元).
    ///
    /// ### What it checks
    /// * A rate whose operands are in different units and which fits only if one operand's
    ///   unit is shifted by 10⁴ or 10⁸ (`预算8733.75万元，支出决算8707.27元，执行率99.70%`:
    ///   99.70% fits 8707.27 **万元**, while 8707.27 元 would give 0.00997%).
    /// * A breakdown that adds up only if one part's unit is shifted.
    /// * The same metric restated with the same digits but another unit.
    /// * An amount in 元, in a report written in 万元, that makes an exact relation with the
    ///   amounts beside it only when read in 万元, where no other reading binds them: a rate
    ///   stated after it in its sentence (`原值2,415.80万元，其中在用2376.12元，使用率98.36%`),
    ///   a list of items closed by 共计 / 合计 that adds up to its total, or an exact sum of
    ///   three amounts of its paragraph, each written with at least five significant digits
    ///   (`由年初预算2648.37万元调整为2913.52元，调增265.15万元`).
    ///
    /// The odd unit is the one the document uses less often for amounts.
    ///
    /// ### Why
    /// Amounts are written in 万元 in the narrative and in 元 in the 决算 tables; a figure
    /// copied across with its digits but not its unit is wrong by a factor of ten thousand.
    ///
    /// ### Example
    /// ```text
    /// 调整后预算为8733.75万元，支出决算为8707.27元，预算执行率99.70%。
    /// ```
    ///
    /// ### How to fix
    /// Write the unit the figure's digits belong to (here 万元).
    ///
    /// Safe fix (`--fix`) only for a slip proven by a rate, when the figure's unit is the
    /// rarer of the two in the report: the unit word (`元`) is replaced by the one the rate
    /// holds with (`万元`), in plain text and Markdown. With both units as common, and for a
    /// slip shown by a breakdown, a closed list, an exact sum or a rate no other reading binds,
    /// the fix is unsafe (shown, not applied: the other figures may be the wrong ones); a
    /// restatement in another unit gets none.
    pub UnitScale, "U001", "unit-scale", Error
}

impl UnitScale {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"金额的单位与上下文相差十的整数次幂（元、万元、亿元之误）。

### 检查内容
* 运算数单位不同、只有把某个运算数的单位移动 10⁴ 或 10⁸ 才成立的比率
  （`预算8733.75万元，支出决算8707.27元，执行率99.70%`：99.70% 对应的是 8707.27 **万元**，
  而 8707.27 元 只能得出 0.00997%）。
* 只有把某个分项的单位移位才能加总一致的分解。
* 同一指标以相同数字、不同单位再次出现。
* 以万元为主的报告中以元计的金额，在没有其他关系可以对应时，只有按万元读才能与旁边的金额构成精确关系：
  同句其后写明的比率（`原值2,415.80万元，其中在用2376.12元，使用率98.36%`）、以共计 / 合计收尾且加总
  等于合计的各项，或同段三项金额精确的加总（三项均至少有五位有效数字，
  `由年初预算2648.37万元调整为2913.52元，调增265.15万元`）。

单位有误的，取文档中金额较少使用的那个单位。

### 为什么
正文中金额以万元计，决算表中以元计；数字抄过去而单位没改，就差了一万倍。

### 示例
```text
调整后预算为8733.75万元，支出决算为8707.27元，预算执行率99.70%。
```

### 如何修改
写上数字所对应的单位（此处为 万元）。

安全修正（`--fix`）只用于由比率证明的单位笔误：在纯文本和 Markdown 中，把单位词（`元`）替换为使比率成立的单位
（`万元`）。由分解、共计收尾的各项、精确加总或其他关系未对应的比率显示的笔误给出非安全修正（只显示、不应用：有误的可能是其他数字）；以另一单位再次出现的不给修正。"#;
}

fn shifted_unit(q: &Quantity, exponent: i32) -> String {
    match &q.unit {
        Unit::Money { currency, scale } => Unit::Money {
            currency: *currency,
            scale: scale_up_u8(*scale, exponent),
        }
        .display(),
        u => u.display(),
    }
}

/// The edit replacing the unit word of `q` (`元` after its number) by `unit`, when the text
/// writes the unit as read.
fn unit_fix(
    text: &str,
    q: &Quantity,
    unit: &str,
    applicability: Option<Applicability>,
) -> Option<Fix> {
    let applicability = applicability?;
    let tail = text.get(q.number_span.end..q.span.end)?;
    let word = tail.trim_start();
    let at = q.number_span.end + (tail.len() - word.len());
    (word == q.unit.display() && !word.is_empty())
        .then(|| Fix::replace(applicability, crate::model::Span::new(at, q.span.end), unit))
}

#[expect(clippy::too_many_arguments)]
fn report(
    text: &str,
    doc: &Document,
    operand: usize,
    exponent: i32,
    why: (String, String),
    others: &[(usize, Message)],
    fix: Option<Applicability>,
    out: &mut Vec<Diagnostic>,
) {
    let q = &doc.quantities[operand];
    let unit = shifted_unit(q, exponent);
    let fix = unit_fix(text, q, &unit, fix);
    let expected = format!("{}{unit}", crate::numeric::fmt_fixed(q.value, q.decimals));
    let mut d = Diagnostic::new(
        &UnitScale::META,
        q.span,
        Message::new(
            format!("金额 {} 的单位疑有误，应为 {unit}：{}", q.display(), why.0),
            format!(
                "the unit of {} looks wrong, expected {unit}: {}",
                q.display(),
                why.1
            ),
        ),
    )
    .primary(Message::new(
        format!("应为 {expected}"),
        format!("expected {expected}"),
    ));
    for (i, m) in others {
        d = d.label(doc.quantities[*i].span, m.clone());
    }
    out.push(
        d.help(Message::new(
            format!("改为 {expected}"),
            format!("write {expected}"),
        ))
        .expected_found(expected.clone(), q.display())
        .fix(fix),
    );
}

/// Why a slip that no bound relation proves shows, and the figures that show it.
fn proof_reading(doc: &Document, p: &UnitProof) -> ((String, String), Vec<(usize, Message)>) {
    let qs = &doc.quantities;
    let unit = shifted_unit(&qs[p.figure], p.exponent);
    match &p.evidence {
        SlipEvidence::Rate { rate, other } => {
            let r = qs[*rate].display();
            (
                (
                    format!("按所写单位，比率 {r} 不能成立"),
                    format!("with the unit as written the rate {r} cannot hold"),
                ),
                vec![
                    (
                        *other,
                        Message::new(
                            format!("另一运算数为 {}", qs[*other].display()),
                            format!("the other operand is {}", qs[*other].display()),
                        ),
                    ),
                    (
                        *rate,
                        Message::new(
                            format!("比率 {r} 只在单位为 {unit} 时成立"),
                            format!("rate {r} holds only in {unit}"),
                        ),
                    ),
                ],
            )
        }
        SlipEvidence::ClosedList { total, .. } => {
            let t = qs[*total].display();
            (
                (
                    format!("按所写单位，各项之和与合计 {t} 不符"),
                    format!("with the unit as written the items do not add up to {t}"),
                ),
                vec![(
                    *total,
                    Message::new(
                        format!("合计 {t}，各项只在该项单位为 {unit} 时相符"),
                        format!("total {t}: the items add up only with this one in {unit}"),
                    ),
                )],
            )
        }
        SlipEvidence::Identity { parts, total } => {
            let shown = |i: usize| {
                if i == p.figure {
                    format!(
                        "{}{unit}",
                        crate::numeric::fmt_fixed(qs[i].value, qs[i].decimals)
                    )
                } else {
                    qs[i].display()
                }
            };
            let sum = format!(
                "{} + {} = {}",
                shown(parts[0]),
                shown(parts[1]),
                shown(*total)
            );
            let others = [parts[0], parts[1], *total]
                .into_iter()
                .filter(|&i| i != p.figure)
                .map(|i| {
                    (
                        i,
                        Message::new(
                            format!("{sum} 只在单位为 {unit} 时成立"),
                            format!("{sum} holds only in {unit}"),
                        ),
                    )
                })
                .collect();
            (
                (
                    format!("只有按 {unit} 计，{sum} 才成立"),
                    format!("{sum} holds only with the amount in {unit}"),
                ),
                others,
            )
        }
    }
}

impl Rule for UnitScale {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let qs = &doc.quantities;
        for (c, verdict) in cx.relations.ratios.iter().zip(cx.ratio_verdicts().iter()) {
            if let &RatioVerdict::UnitSlip { operand, exponent } = verdict {
                let other = if operand == c.numerator {
                    c.denominator
                } else {
                    c.numerator
                };
                let rate = &qs[c.rate];
                // Certain only when the figure's unit is the rarer one in the report: with
                // both units as common, either operand could be the slip.
                let certain = doc.scale_count(qs[operand].unit.scale())
                    < doc.scale_count(qs[other].unit.scale());
                report(
                    cx.text,
                    doc,
                    operand,
                    exponent,
                    (
                        format!("按所写单位，比率 {} 不能成立", rate.display()),
                        format!(
                            "with the unit as written the rate {} cannot hold",
                            rate.display()
                        ),
                    ),
                    &[
                        (
                            other,
                            Message::new(
                                format!("另一运算数为 {}", qs[other].display()),
                                format!("the other operand is {}", qs[other].display()),
                            ),
                        ),
                        (
                            c.rate,
                            Message::new(
                                format!(
                                    "比率 {} 只在单位为 {} 时成立",
                                    rate.display(),
                                    shifted_unit(&qs[operand], exponent)
                                ),
                                format!(
                                    "rate {} holds only in {}",
                                    rate.display(),
                                    shifted_unit(&qs[operand], exponent)
                                ),
                            ),
                        ),
                    ],
                    Some(if certain {
                        Applicability::Safe
                    } else {
                        Applicability::Unsafe
                    }),
                    out,
                );
            }
        }
        for (s, verdict) in cx.relations.sums.iter().zip(cx.sum_verdicts().iter()) {
            if let &SumVerdict::UnitSlip { operand, exponent } = verdict {
                report(
                    cx.text,
                    doc,
                    operand,
                    exponent,
                    (
                        format!("按所写单位，分项之和与合计 {} 不符", qs[s.total].display()),
                        format!(
                            "with the unit as written the parts do not add up to {}",
                            qs[s.total].display()
                        ),
                    ),
                    &[(
                        s.total,
                        Message::new(
                            format!("合计 {}", qs[s.total].display()),
                            format!("total {}", qs[s.total].display()),
                        ),
                    )],
                    Some(Applicability::Unsafe),
                    out,
                );
            }
        }
        for p in &cx.relations.unit_proofs {
            let (why, others) = proof_reading(doc, p);
            report(
                cx.text,
                doc,
                p.figure,
                p.exponent,
                why,
                &others,
                Some(Applicability::Unsafe),
                out,
            );
        }
        // The same amount written with the same digits in another unit (once per figure: a
        // figure already shown wrong by a ratio or a sum is not reported again).
        let reported: Vec<crate::model::Span> = out
            .iter()
            .filter(|d| d.code == Self::META.code)
            .map(|d| d.span)
            .collect();
        for &(odd, other) in &cx.relations.unit_echoes {
            if reported.contains(&qs[odd].span) {
                continue;
            }
            let exponent = i32::from(qs[other].unit.scale()) - i32::from(qs[odd].unit.scale());
            report(
                cx.text,
                doc,
                odd,
                exponent,
                (
                    format!("同一金额另处写作 {}", qs[other].display()),
                    format!(
                        "the same amount is stated as {} elsewhere",
                        qs[other].display()
                    ),
                ),
                &[(
                    other,
                    Message::new(
                        format!("另处写作 {}", qs[other].display()),
                        format!("stated as {} here", qs[other].display()),
                    ),
                )],
                None,
                out,
            );
        }
    }
}
