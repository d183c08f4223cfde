//! A008 formula-mismatch.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message, Severity};
use crate::model::Span;
use crate::model::data::{FormulaSkipped, NotEvaluated};
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
    /// with both sides' values; every other field it used is labelled. The severity is the
    /// formula's own (`severity = "warning"`; default error). A formula naming a field the
    /// data does not give says nothing about that report and is skipped. A formula whose
    /// fields all have values but that divides by zero, or whose value leaves the range of an
    /// exact decimal (about ±7.9 × 10²⁸), cannot be evaluated: that is said as an info at the
    /// zero divisor's field (else the first field), with every field used labelled, and
    /// `--coverage` lists it as unbound (`division_by_zero`, `overflow`).
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

impl FormulaMismatch {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"`jxlint.toml` 中声明的公式（勾稽关系）对报告数据不成立。

### 检查内容
配置中每个 `[[formula]]`，只要其字段在报告的 JSON 数据中都有值，就精确求值：两边分别计算（金额按数据声明的
`unit`，比率按百分数，计数按原数），在公式的容差（默认 0）内比较。不成立的公式报告在其第一个字段处，
给出两边的值，并标出用到的其他字段。严重程度取公式自己的 `severity`（默认 error）。公式引用了数据中没有的字段，
对该报告不作判断。字段都有值但除数为零、或数值超出精确小数的范围（约 ±7.9 × 10²⁸）的公式无法求值：
以 info 报告在为零的除数字段处（否则在第一个字段处），标出用到的每个字段，`--coverage` 将其列为未核对
（`division_by_zero`、`overflow`）。

内置的恒等关系（调整预算 = 基本支出 + 项目支出、执行率 = 决算 / 调整预算……）无需写公式：由 A001–A005 和
U001 检查。公式用来补充部门或财政部门自己的规则。

### 为什么
决算软件会核对勾稽关系（平衡关系、符号规则、表间关系），每个不成立的公式都要说明原因；
转述这些数字的报告也应通过同样的检查。

### 示例
```toml
[[formula]]
name = "支出不超预算"
expr = "spend.final <= budget.adjusted"
```
决算 8807.27、调整预算 8733.75 时：`spend.final = 8807.27, budget.adjusted = 8733.75`。

### 如何修改
改正有误的数字，或在报告中说明例外情况。

不自动修正：报告数据从不改写，且公式两边都可能有误。"#;
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
        for f in &data.unevaluated {
            out.push(not_evaluated(cx, f));
        }
    }
}

/// A formula that applies but has no value here: what stopped it, at the figures it read.
fn not_evaluated(cx: &Context<'_>, f: &FormulaSkipped) -> Diagnostic {
    let qs = &cx.doc.quantities;
    let (zh, en) = match &f.reason {
        NotEvaluated::DivisionByZero { divisor } if divisor.is_empty() => {
            ("除数为零".to_string(), "it divides by zero".to_string())
        }
        NotEvaluated::DivisionByZero { divisor } => {
            let names = divisor
                .iter()
                .map(|(p, _)| p.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            (
                format!("除数为零（用到 {names}）"),
                format!("it divides by zero (the divisor reads {names})"),
            )
        }
        NotEvaluated::Overflow => (
            "数值超出精确小数的范围（约 ±7.9 × 10²⁸）".to_string(),
            "a value leaves the range of exact decimals (about ±7.9 × 10²⁸)".to_string(),
        ),
    };
    let anchor = f.anchor();
    let span = anchor.map_or(Span::new(0, 0), |i| qs[i].span);
    let mut d = Diagnostic::new(
        &FormulaMismatch::META,
        span,
        Message::new(
            format!("公式「{}」未求值：{zh}，对本报告未作核对", f.name),
            format!(
                "formula “{}” was not evaluated: {en}; it was not checked for this report",
                f.name
            ),
        ),
    )
    .with_severity(Severity::Info);
    let mut seen = Vec::new();
    for (path, i) in &f.operands {
        if seen.contains(i) {
            continue;
        }
        seen.push(*i);
        let m = Message::new(
            format!("{path} = {}", qs[*i].display()),
            format!("{path} = {}", qs[*i].display()),
        );
        d = if Some(*i) == anchor {
            d.primary(m)
        } else {
            d.label(qs[*i].span, m)
        };
    }
    d.help(Message::new(
        format!(
            "公式 {}（金额以{}计）：核对所用数值；数值无误时，改写公式使之适用于此类数据",
            f.expr, f.money_unit
        ),
        format!(
            "formula {} (amounts in {}): check the figures it uses; if they are right, rewrite the formula so that it applies to this data",
            f.expr, f.money_unit
        ),
    ))
}
