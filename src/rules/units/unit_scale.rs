//! U001 unit-scale.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::model::{Document, Quantity, Unit, scale_up_u8};
use crate::relations::{RatioVerdict, SumVerdict};
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
    pub UnitScale, "U001", "unit-scale", Error
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

fn report(
    doc: &Document,
    operand: usize,
    exponent: i32,
    why: (String, String),
    others: &[(usize, Message)],
    out: &mut Vec<Diagnostic>,
) {
    let q = &doc.quantities[operand];
    let unit = shifted_unit(q, exponent);
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
        .expected_found(expected.clone(), q.display()),
    );
}

impl Rule for UnitScale {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let qs = &doc.quantities;
        for c in &cx.relations.ratios {
            if let RatioVerdict::UnitSlip { operand, exponent } = c.verdict(doc) {
                let other = if operand == c.numerator {
                    c.denominator
                } else {
                    c.numerator
                };
                let rate = &qs[c.rate];
                report(
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
                    out,
                );
            }
        }
        for s in &cx.relations.sums {
            if let SumVerdict::UnitSlip { operand, exponent } = s.verdict(doc) {
                report(
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
                    out,
                );
            }
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
                out,
            );
        }
    }
}
