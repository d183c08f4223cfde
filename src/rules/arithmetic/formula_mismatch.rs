//! A008 formula-mismatch.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::numeric::fmt_trim;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// A formula (勾稽关系) declared in `jxlint.toml` does not hold for the report's data.
    ///
    /// ### What it checks
    /// Each `[[formula]]` of the configuration whose fields all have values in a report's JSON
    /// data is evaluated exactly: both sides are computed (amounts in the data's declared
    /// `unit`, rates in percent, counts as counted) and compared within the formula's
    /// tolerance (default 0). A formula that fails is reported at the first field it names,
    /// with both sides' values; every other field it used is labelled. A formula naming a field
    /// the data does not give, or dividing by zero, says nothing about that report and is
    /// skipped. The severity is the formula's own (`severity = "warning"`; default error).
    ///
    /// The built-in identities (调整预算 = 基本支出 + 项目支出, 执行率 = 决算 / 调整预算, …)
    /// need no formula: A001–A005 and U001 check them. Formulas add the department's or the
    /// finance bureau's own rules.
    ///
    /// ### Why
    /// 决算 software checks its 勾稽关系 (balance identities, sign rules, cross-table links) and
    /// asks for an explanation of every failed formula; a report restating those figures
    /// should pass the same checks.
    ///
    /// ### Example
    /// ```toml
    /// [[formula]]
    /// name = "支出不超预算"
    /// expr = "spend.final <= budget.adjusted"
    /// ```
    /// With 决算 8807.27 and 调整预算 8733.75: `spend.final = 8807.27, budget.adjusted =
    /// 8733.75`.
    ///
    /// ### How to fix
    /// Correct the figure that is wrong, or explain the exception in the report.
    ///
    /// No automatic fix: report data is never rewritten, and either side may be wrong.
    pub FormulaMismatch, "A008", "formula-mismatch", Error
}

/// A value as computed, its written places kept (99.70), at most six of them.
fn show(v: rust_decimal::Decimal) -> String {
    if v.scale() > 6 {
        fmt_trim(v, 6)
    } else {
        v.to_string()
    }
}

impl Rule for FormulaMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(data) = &cx.doc.data else { return };
        let qs = &cx.doc.quantities;
        for f in data.formulas.iter().filter(|f| !f.holds()) {
            let Some(&(ref first_path, anchor)) = f.operands.first() else {
                continue;
            };
            let (l, r) = (show(f.lhs), show(f.rhs));
            let diff = show((f.lhs - f.rhs).abs());
            let (tol_zh, tol_en) = if f.tolerance.is_zero() {
                (String::new(), String::new())
            } else {
                let t = show(f.tolerance);
                (format!("，容差 {t}"), format!(", tolerance {t}"))
            };
            let op = f.op.as_str();
            let mut d = Diagnostic::new(
                &Self::META,
                qs[anchor].span,
                Message::new(
                    format!(
                        "公式「{}」不成立：{} = {l}，{} = {r}，不满足 {op}（相差 {diff}{tol_zh}）",
                        f.name, f.lhs_src, f.rhs_src
                    ),
                    format!(
                        "formula “{}” does not hold: {} = {l}, {} = {r}, not {op} (off by {diff}{tol_en})",
                        f.name, f.lhs_src, f.rhs_src
                    ),
                ),
            )
            .with_severity(f.severity)
            .primary(Message::new(
                format!("{first_path} = {}", qs[anchor].display()),
                format!("{first_path} = {}", qs[anchor].display()),
            ));
            let mut seen = vec![anchor];
            for (path, i) in &f.operands {
                if seen.contains(i) {
                    continue;
                }
                seen.push(*i);
                d = d.label(
                    qs[*i].span,
                    Message::new(
                        format!("{path} = {}", qs[*i].display()),
                        format!("{path} = {}", qs[*i].display()),
                    ),
                );
            }
            out.push(
                d.help(Message::new(
                    format!(
                        "公式 {}（金额以{}计）：核对相关数值，或在报告中说明例外",
                        f.expr, f.money_unit
                    ),
                    format!(
                        "formula {} (amounts in {}): check the figures, or explain the exception in the report",
                        f.expr, f.money_unit
                    ),
                ))
                .expected_found(format!("{} {op} {r}", f.lhs_src), l),
            );
        }
    }
}
