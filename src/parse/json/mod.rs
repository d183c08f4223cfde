//! Structured report data: a JSON file following `schemas/report.schema.json`, read into the
//! same [`Document`] the text parser builds, so that the arithmetic, unit and duplicate rules
//! judge data exactly as they judge prose.
//!
//! The pipeline, one direction:
//!
//! 1. [`reader`] parses the text into a tree that keeps every value's byte span and every
//!    number's literal digits; malformed JSON is one [`ReadError`] (the caller makes it the
//!    file's `parse` error, exit status 2).
//! 2. [`schema`] validates the tree; every violation is kept, at the offending value, for J001.
//! 3. The builder (`build.rs`) turns each amount, rate and count into a [`Quantity`] — value
//!    exact ([`values`]: JSON numbers and numeric strings into `Decimal`, never through
//!    `f64`), unit declared or inherited, span on the value in the JSON file, label the
//!    field's Chinese name, concept from [`fields`] — and states the built-in identities
//!    (调整预算 = 基本支出 + 项目支出, 基本支出 = 人员经费 + 公用经费, 三公 = 出国 + 接待 + 车辆,
//!    执行率 = 决算 / 调整预算, shares …) as
//!    [`SumClaim`](crate::relations::SumClaim)s and
//!    [`RatioClaim`](crate::relations::RatioClaim)s built from the structure, never from text
//!    heuristics. Values that break the schema are left out (J001 reports them); everything
//!    else is still checked.
//! 4. The user's formulas are evaluated over the same figures ([`FormulaCheck`], judged by
//!    A008).
//!
//! Text-only rules find nothing here: there are no numbering sequences or foreign tokens, and
//! a partial period is declared per figure rather than hidden in prose, so the document is not
//! marked as a full-year report.

use rust_decimal::Decimal;

use crate::formula::{EvalError, Formula};

use crate::model::{Currency, Document, Quantity, Span, Unit};

mod build;
pub mod fields;
pub mod reader;
pub mod schema;
pub mod values;

pub use reader::ReadError;
use reader::{Kind, Node};
pub use values::{exact_decimal, parse_unit};

pub use crate::model::data::{
    Figure, FormulaCheck, FormulaSkipped, IndicatorData, NotEvaluated, Num, ReportData,
    ScorecardData, Text, Violation,
};

/// Parse report data into a document. `Err` only when the text is not JSON at all.
pub fn parse(text: &str, formulas: &[Formula]) -> Result<Document, ReadError> {
    let root = reader::read(text)?;
    let mut violations = match schema::report_schema() {
        Ok(s) => schema::validate(s, &root),
        Err(e) => vec![Violation::new(
            Span::new(0, 0),
            format!("无法加载报告数据模式：{e}"),
            format!("cannot load the report schema: {e}"),
        )],
    };
    duplicate_keys(&root, &mut violations);
    let mut b = build::Builder::default();
    b.build(&root);
    // The tree is read: free it before the document is assembled.
    drop(root);
    violations.append(&mut b.violations);
    let (mut doc, paths) = b.finish();
    violations.sort_by(|a, b| (a.span, &a.message.en).cmp(&(b.span, &b.message.en)));
    violations.dedup();
    let (checks, unevaluated) = evaluate(&doc, &paths, formulas);
    if let Some(data) = doc.data.as_mut() {
        data.violations = violations;
        data.formulas = checks;
        data.unevaluated = unevaluated;
    }
    Ok(doc)
}

/// A key given twice in one object: the value given last is the one used.
fn duplicate_keys(node: &Node, out: &mut Vec<Violation>) {
    match &node.kind {
        Kind::Object(members) => {
            for (i, m) in members.iter().enumerate() {
                if members[..i].iter().any(|p| p.key == m.key) {
                    out.push(Violation::new(
                        m.key_span,
                        format!("字段 {} 重复出现：以最后一次的值为准", m.key),
                        format!(
                            "field `{}` is given twice in one object: the last value is used",
                            m.key
                        ),
                    ));
                }
                duplicate_keys(&m.value, out);
            }
        }
        Kind::Array(items) => items.iter().for_each(|n| duplicate_keys(n, out)),
        _ => {}
    }
}
/// The value of a figure for formulas: money in `money_unit`'s scale, rates in percent,
/// counts as counted.
fn formula_value(q: &Quantity, money_scale: u8) -> Decimal {
    let mut v = q.base_value();
    if q.unit.is_money() {
        for _ in 0..money_scale {
            v /= Decimal::TEN;
        }
    }
    v
}

/// Evaluate the user's formulas that apply to this data (every field they name has a value).
/// Money is taken in the data's top-level `unit` (元 when none is declared). A formula that
/// applies but divides by zero or overflows is returned apart, with the reason: it is
/// reported (A008) and counted unbound, never dropped.
fn evaluate(
    doc: &Document,
    paths: &build::Paths,
    formulas: &[Formula],
) -> (Vec<FormulaCheck>, Vec<FormulaSkipped>) {
    let money = doc
        .data
        .as_ref()
        .and_then(|d| d.unit.clone())
        .unwrap_or(Unit::Money {
            currency: Currency::Cny,
            scale: 0,
        });
    let lookup =
        |p: &str| -> Option<usize> { paths.get(p).or_else(|| paths.get(&format!("{p}.total"))) };
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for f in formulas {
        let paths = f.comparison.paths();
        let operands: Option<Vec<(String, usize)>> = paths
            .iter()
            .map(|(p, _)| lookup(p).map(|i| (p.to_string(), i)))
            .collect();
        let Some(operands) = operands else { continue };
        let value_of =
            |p: &str| lookup(p).map(|i| formula_value(&doc.quantities[i], money.scale()));
        let sides = f
            .comparison
            .lhs
            .eval(&value_of)
            .and_then(|l| Ok((l, f.comparison.rhs.eval(&value_of)?)));
        let (lhs, rhs) = match sides {
            Ok(sides) => sides,
            Err(e) => {
                let reason = match e {
                    EvalError::DivisionByZero { divisor } => NotEvaluated::DivisionByZero {
                        divisor: divisor
                            .into_iter()
                            .filter_map(|p| lookup(&p).map(|i| (p, i)))
                            .collect(),
                    },
                    EvalError::Overflow => NotEvaluated::Overflow,
                    // Every field has a value and `parse` refuses bad calls: nothing else
                    // can fail, and a formula that does says nothing about this data.
                    EvalError::Missing(_) | EvalError::BadArguments => continue,
                };
                skipped.push(FormulaSkipped {
                    name: f.name.clone(),
                    expr: f.expr.clone(),
                    reason,
                    operands,
                    money_unit: money.display(),
                });
                continue;
            }
        };
        out.push(FormulaCheck {
            name: f.name.clone(),
            expr: f.expr.clone(),
            op: f.comparison.op,
            lhs_src: f.comparison.lhs_src.clone(),
            rhs_src: f.comparison.rhs_src.clone(),
            lhs,
            rhs,
            tolerance: f.tolerance,
            severity: f.severity,
            operands,
            money_unit: money.display(),
        });
    }
    (out, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A metric's value, growth and prior value are found by `metrics.<id>`, `.growth` and
    /// `.prior` (the first metric of a repeated id), as operands of a rate; anything else
    /// under a metric is not a figure.
    #[test]
    fn metric_paths_name_the_metric_its_growth_and_its_prior_value() {
        let text = r#"{"report": {"department": "某局", "year": 2023}, "unit": "万元",
 "metrics": [{"id": "a", "name": "第一项产出数量", "value": 120, "unit": "万元", "prior": 100, "growth": 20},
             {"id": "a", "name": "重复的指标名称", "value": 7, "unit": "万元"},
             {"id": "b", "name": "第二项产出数量", "value": 40, "unit": "万元", "growth": 25}],
 "rates": [{"name": "比值一", "value": 120, "numerator": "metrics.a", "denominator": "metrics.a.prior"},
           {"name": "比值二", "value": 80, "numerator": "metrics.b.growth", "denominator": "metrics.b.growth"},
           {"name": "比值三", "value": 1, "numerator": "metrics.a.value", "denominator": "metrics.b"}]}"#;
        let doc = match parse(text, &[]) {
            Ok(d) => d,
            Err(e) => panic!("{e:?}"),
        };
        let data = doc.data.as_deref().unwrap_or_else(|| panic!("report data"));
        let value_of = |i: usize| doc.quantities[i].value.to_string();
        let ratios: Vec<(String, String)> = data
            .claims
            .ratios
            .iter()
            .map(|r| (value_of(r.numerator), value_of(r.denominator)))
            .collect();
        assert_eq!(
            ratios,
            [
                ("120".to_string(), "100".to_string()),
                ("25".to_string(), "25".to_string())
            ]
        );
        let at = text.find("\"metrics.a.value\"").unwrap_or_default();
        assert!(
            data.violations
                .iter()
                .any(|v| v.span.start == at && v.message.en.contains("is not a figure")),
            "{:?}",
            data.violations
        );
        assert!(
            data.violations
                .iter()
                .any(|v| v.message.en.contains("metric id `a` is used twice"))
        );
    }
}
