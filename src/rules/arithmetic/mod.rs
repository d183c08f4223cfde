//! Arithmetic rules: ratios (A001, A002), sums (A003), shares (A004), changes (A005), products (A006), counts (A007),
//! the user's formulas over report data (A008).

pub mod change_mismatch;
pub mod count_mismatch;
pub mod formula_mismatch;
pub mod product_mismatch;
pub mod ratio_mismatch;
pub mod ratio_rounding;
pub mod share_sum;
pub mod sum_mismatch;

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, Message};
use crate::model::{Document, Quantity};
use crate::numeric::{fmt_fixed, fmt_trim};
use crate::relations::{RatioClaim, Relations, SummedShareClaim, WrittenCalc};
use crate::rules::RuleMeta;

/// The written calculations whose result a rule reports (`rounding`: the truncations A002
/// reports, else the mismatches of A001), with the value expected. A rate another relation
/// binds is left to it.
pub(crate) fn written_calc_findings<'r>(
    doc: &Document,
    r: &'r Relations,
    rounding: bool,
) -> Vec<(&'r WrittenCalc, Decimal)> {
    use crate::relations::CalcVerdict;
    r.calcs
        .iter()
        .filter(|c| {
            !r.ratios.iter().any(|x| x.rate == c.rate)
                && !r.summed_shares.iter().any(|x| x.rate == c.rate)
        })
        .filter_map(|c| match (c.verdict(doc), rounding) {
            (CalcVerdict::Mismatch { expected }, false)
            | (CalcVerdict::Rounding { expected }, true) => Some((c, expected)),
            _ => None,
        })
        .collect()
}

/// A written calculation's result that is not what the calculation gives.
pub(crate) fn written_calc_diagnostic(
    meta: &'static RuleMeta,
    doc: &Document,
    c: &WrittenCalc,
    expected: Decimal,
) -> Diagnostic {
    let text_of_expr = &c.formula;
    let rate = &doc.quantities[c.rate];
    let exp = format!("{}%", fmt_fixed(expected, rate.decimals));
    let exact = fmt_trim(c.value, rate.decimals + 2);
    let mut d = Diagnostic::new(
        meta,
        rate.span,
        Message::new(
            format!(
                "所写结果 {} 与其算式不符：{text_of_expr} = {exact}%",
                rate.display()
            ),
            format!(
                "the written result {} does not follow from its calculation: {text_of_expr} = {exact}%",
                rate.display()
            ),
        ),
    )
    .primary(Message::new(
        format!("应为 {exp}"),
        format!("expected {exp}"),
    ));
    if let Some(expr) = c.expr {
        d = d.label(expr, Message::new("所写算式", "the calculation written"));
    }
    for &o in &c.operands {
        let q = &doc.quantities[o];
        d = d.label(q.span, operand_label(q, "运算数", "operand"));
    }
    d.help(Message::new(
        format!("按所写算式计算，应为 {exp}；或核对算式中的数字"),
        format!("the calculation gives {exp}; or check its figures"),
    ))
    .expected_found(exp, rate.display())
}

/// `num / den × 100` to `dp` places, trailing zeros trimmed (`99.6674`).
pub(crate) fn ratio_text(doc: &Document, c: &RatioClaim, dp: u32) -> String {
    let q = &doc.quantities;
    let v = q[c.numerator]
        .base_value()
        .checked_div(q[c.denominator].base_value())
        .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED));
    v.map_or_else(|| "∞".to_string(), |v| fmt_trim(v, dp))
}

/// The label message for an operand: `支出决算 8707.27元` / `operand 8707.27元`.
pub(crate) fn operand_label(q: &Quantity, zh_role: &str, en_role: &str) -> Message {
    let l = q.label_text();
    let v = q.display();
    if l.is_empty() {
        Message::new(format!("{zh_role} {v}"), format!("{en_role} {v}"))
    } else {
        Message::new(format!("{zh_role}：{l} {v}"), format!("{en_role}: {l} {v}"))
    }
}

/// The Chinese name of a table column (`全年预算数`), for messages.
pub(crate) fn column_name(role: crate::model::table::ColumnRole) -> &'static str {
    use crate::model::table::ColumnRole::*;
    match role {
        InitialBudget => "年初预算数",
        Budget => "全年预算数",
        Spent => "全年执行数",
        Weight => "分值",
        Rate => "执行率",
        Score => "得分",
        Target => "年度指标值",
        Actual => "实际完成值",
        Label(_) | FundsLabel | Criteria | Description | Note | Other => "",
    }
}

/// The whole of a summed share as the sum of its parts (`26602万元 + 26441.61万元 =
/// 53043.61万元`), in the unit of the share's amount; and its amount over that whole in
/// percent to `dp` places, trailing zeros trimmed.
/// The figures a summed share is computed from, labelled on its diagnostic: its amount as the
/// numerator, the other amounts as parts of the whole.
pub(crate) fn summed_share_labels(
    d: crate::diagnostic::Diagnostic,
    doc: &Document,
    c: &SummedShareClaim,
) -> crate::diagnostic::Diagnostic {
    let q = &doc.quantities;
    let num = &q[c.numerator];
    let d = d.label(num.span, operand_label(num, "分子", "numerator"));
    c.parts
        .iter()
        .filter(|&&p| p != c.numerator)
        .fold(d, |d, &p| {
            d.label(
                q[p].span,
                operand_label(&q[p], "总额的一项", "part of the whole"),
            )
        })
}

pub(crate) fn summed_whole_text(doc: &Document, c: &SummedShareClaim, dp: u32) -> (String, String) {
    let q = &doc.quantities;
    let num = &q[c.numerator];
    let parts: Vec<String> = c.parts.iter().map(|&p| q[p].display()).collect();
    let whole = c.whole(doc);
    let in_unit = whole.and_then(|w| {
        let scale = crate::model::scale_up(Decimal::ONE, num.unit.scale());
        w.checked_div(scale)
    });
    // As many places as the parts written in the amount's unit have.
    let places = c
        .parts
        .iter()
        .filter(|&&p| q[p].unit == num.unit)
        .map(|&p| q[p].decimals)
        .max()
        .unwrap_or(num.decimals);
    let total = in_unit.map_or_else(
        || "∞".to_string(),
        |w| {
            let digits = if w.round_dp(places) == w {
                crate::numeric::fmt_fixed(w, places)
            } else {
                fmt_trim(w, places + 4)
            };
            format!("{digits}{}", num.unit.display())
        },
    );
    let ratio = whole
        .filter(|w| !w.is_zero())
        .and_then(|w| num.base_value().checked_div(w))
        .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
        .map_or_else(|| "∞".to_string(), |v| fmt_trim(v, dp));
    (format!("{} = {total}", parts.join(" + ")), ratio)
}
