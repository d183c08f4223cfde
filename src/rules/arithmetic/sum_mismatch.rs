//! A003 sum-mismatch.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message, Severity};
use crate::model::{Quantity, Unit};
use crate::numeric::{fmt_fixed, fmt_trim};
use crate::relations::SumVerdict;
use crate::rules::arithmetic::operand_label;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// A total differs from the sum of the parts listed under it (其中 …).
    ///
    /// ### What it checks
    /// Breakdowns written as one — `总额X万元，其中A a万元，B b万元` — with parts in the same
    /// dimension (amounts of one currency, or counts of one kind), after unit normalisation
    /// (`39.2696万元，其中财政资金39万元，自筹2696元` adds up). Nested breakdowns
    /// (`基本支出…，包括人员经费…，公用经费…；项目支出…`) are resolved level by level, and a
    /// part equal to the total starts another breakdown of the same whole (按来源…；按用途…).
    /// Each figure counts as an interval of ±½ unit of its last digit, so a 尾差 of up to
    /// n × ½ unit is no error (but see below). Reported: parts that add up to more than the total, and a list
    /// that misses its total by a slip (at most 1 % of it). A list well short of its total is
    /// read as naming only the main parts, and is not judged — unless the parts are all of the
    /// total by definition: “三公”经费 = 因公出国（境） + 公务接待 + 公务用车, 基本支出 + 项目支出,
    /// 人员经费 + 公用经费, 中央 + 地方; then any shortfall is reported. A shortfall where the
    /// sum and the total differ in exactly one digit and share at least three non-zero digits
    /// (4043.91 against 4143.91) is more likely a slip than a part left out: a warning. A 尾差
    /// within the parts' rounding (390.55 + 190.89 = 581.44 against a total of 581.45; 12 + 1356
    /// + 995 = 2363 against 2364) is no error, but the printed figures disagree: a warning, so
    /// the author either corrects a figure or states the 尾差. Parts may be separated by
    /// `；` or stand in brackets after the total (the bracket ends the list); items that repeat
    /// the same labels (`其中甲类送审a，审定b，乙类送审c，审定d`) are one breakdown per label, and
    /// two breakdowns of one whole in a row (按功能分类…按经济分类…) are told apart. Scores in 分 (`得分94分，其中部门
    /// 决策19分…`) are left to the scorecard rules (S003). A `其中` naming one part only
    /// (`受益人口3.2万人，其中脱贫人口3.35万人`) gives no sum, but a part larger than its total
    /// is reported.
    ///
    /// ### Why
    /// Totals and breakdowns are copied between the narrative and the 决算 tables by hand; a
    /// changed part or a stale total is the most common inconsistency reviewers find.
    ///
    /// ### Example
    /// ```text
    /// 支出决算2263.00万元，其中基本支出1015.00万元，项目支出1238.00万元。
    /// ```
    /// 1015.00 + 1238.00 = 2253.00, not 2263.00.
    ///
    /// In tables, a 年度资金总额 row is checked against its 其中 rows and a 合计 or 小计 row
    /// against the rows it sums, amount column by amount column (年初预算数, 全年预算数,
    /// 全年执行数; never rates, weights or scores, and never a budget with what was spent).
    /// A table's breakdown is the whole of its total, so a shortfall counts too. Rows the
    /// table reader could not read with certainty give no sum.
    ///
    /// ```text
    /// 年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 120 118.5 118.5
    /// ```
    /// The total row was left at 0 while its part is filled.
    ///
    /// ### How to fix
    /// Correct the total or the part that is wrong; if the list is intentionally partial, say
    /// so (`主要包括`).
    ///
    /// No automatic fix: the total or any of its parts may be the wrong figure.
    pub SumMismatch, "A003", "sum-mismatch", Error
}

impl SumMismatch {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"合计数与其下列出的分项（其中……）之和不符。

### 检查内容
写在一起的分解——`总额X万元，其中A a万元，B b万元`——分项量纲相同（同一币种的金额，或同一类计数），
先统一单位再相加（`39.2696万元，其中财政资金39万元，自筹2696元` 是相符的）。嵌套的分解
（`基本支出…，包括人员经费…，公用经费…；项目支出…`）逐层核对；与合计相等的分项开始对同一总额的另一种分解
（按来源…；按用途…）。每个数字按末位 ±½ 个单位取区间，n 个分项 n × ½ 单位以内的尾差不算错误（但见下文）。报告：分项之和
大于合计，以及与合计相差很小（不超过合计的 1%）的笔误。在分项舍入范围内的尾差（390.55 + 190.89 = 581.44，合计写作 581.45；12 + 1356 + 995 = 2363，合计写作 2364）不算错误，
但所列数字并不相符，报告为警告：改正有误的数字，或注明尾差。分项之和明显小于合计的，视为只列主要部分，不作判断；但若分项之和与合计只差一位数字（如 4043.91 与
4143.91，且至少有 3 位非零数字相同），更可能是笔误，报告为警告。
以“分”计的得分（`得分94分，其中部门决策19分…`）交由评分规则（S003）处理。“其中”只列一个分项的
（`受益人口3.2万人，其中脱贫人口3.35万人`）无从求和，但分项大于合计的予以报告。

表格中，年度资金总额行与其下的“其中”各行、合计或小计行与其所合计的各行，按金额列（年初预算数、
全年预算数、全年执行数）逐列核对；执行率、分值、得分不相加，预算数也不与执行数相加。表中的分项即
总额的全部，因此少于总额同样报告。表格读取不能确定的行不参与核对。

### 为什么
合计与分项在正文和决算表之间靠手工誊抄；改了分项或合计未更新，是评审最常发现的不一致。

### 示例
```text
支出决算2263.00万元，其中基本支出1015.00万元，项目支出1238.00万元。
```
1015.00 + 1238.00 = 2253.00，不是 2263.00。

### 如何修改
改正有误的合计或分项；如有意只列部分分项，请写明（`主要包括`）。

不自动修正：有误的可能是合计或任何一个分项。"#;
}

fn unit_text(q: &Quantity, base: rust_decimal::Decimal) -> String {
    // The sum in the total's unit.
    let mut v = base;
    for _ in 0..q.unit.scale() {
        v /= rust_decimal::Decimal::TEN;
    }
    let unit = match &q.unit {
        Unit::None => String::new(),
        u => u.display(),
    };
    format!("{}{unit}", fmt_trim(v, q.decimals.max(2) + 2))
}

impl Rule for SumMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        table_sums(cx, out);
        let doc = cx.doc;
        let q = &doc.quantities;
        for (c, verdict) in cx.relations.sums.iter().zip(cx.sum_verdicts().iter()) {
            let (sum, exceeds, digit_slip, tail) = match *verdict {
                SumVerdict::Mismatch { sum, exceeds } => (sum, exceeds, false, false),
                SumVerdict::DigitSlip { sum } => (sum, false, true, false),
                SumVerdict::Rounding { sum } => (sum, false, false, true),
                _ => continue,
            };
            let total = &q[c.total];
            let parts: Vec<String> = c.parts.iter().map(|&p| q[p].display()).collect();
            let sum_text = unit_text(total, sum);
            let (zh, en) = if tail {
                (
                    "各分项之和与合计数有尾差（在分项舍入范围内）",
                    "the parts miss the total by a rounding difference (within the parts' rounding)",
                )
            } else if digit_slip {
                (
                    "各分项之和与合计数只差一位数字",
                    "the parts' sum and the total differ in one digit",
                )
            } else if exceeds {
                (
                    "各分项之和超过合计数",
                    "the parts add up to more than the total",
                )
            } else {
                (
                    "各分项之和与合计数不符",
                    "the parts do not add up to the total",
                )
            };
            // One part named after 其中 (`受益人口3.2万人，其中脱贫人口3.35万人`): no sum.
            let message = if c.parts.len() == 1 && exceeds {
                Message::new(
                    format!(
                        "其中所列分项大于合计数：分项 {}，合计写作 {}",
                        parts[0],
                        total.display()
                    ),
                    format!(
                        "a part is larger than its total: part {}, total written {}",
                        parts[0],
                        total.display()
                    ),
                )
            } else {
                Message::new(
                    format!(
                        "{zh}：{} = {sum_text}，合计写作 {}",
                        parts.join(" + "),
                        total.display()
                    ),
                    format!(
                        "{en}: {} = {sum_text}, total written {}",
                        parts.join(" + "),
                        total.display()
                    ),
                )
            };
            let mut d = Diagnostic::new(&Self::META, total.span, message).primary(Message::new(
                format!("分项合计 {sum_text}"),
                format!("parts sum to {sum_text}"),
            ));
            for &p in &c.parts {
                d = d.label(q[p].span, operand_label(&q[p], "分项", "part"));
            }
            if digit_slip || tail {
                d = d.with_severity(Severity::Warning);
            }
            let help = if tail {
                Message::new(
                    format!(
                        "核对合计数或分项：分项之和为 {sum_text}；若差异来自四舍五入，请注明尾差"
                    ),
                    format!(
                        "check the total or the parts: the parts sum to {sum_text}; if the difference comes from rounding, note the 尾差"
                    ),
                )
            } else {
                Message::new(
                    format!("核对合计数或分项：分项之和为 {sum_text}"),
                    format!("check the total or the parts: the parts sum to {sum_text}"),
                )
            };
            out.push(
                d.help(help)
                    .expected_found(sum_text.clone(), total.display()),
            );
        }
    }
}

/// Table totals (年度资金总额 against its 其中 rows, 合计 and 小计 rows), column by column.
fn table_sums(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for c in &cx.relations.tables.sums {
        let SumVerdict::Mismatch { sum, exceeds } = c.verdict else {
            continue;
        };
        let dp = c
            .parts
            .iter()
            .map(|(_, p)| p.decimals)
            .chain([c.total.decimals])
            .max()
            .unwrap_or(0);
        let sum_text = fmt_fixed(sum, dp);
        let total = c.total.display();
        let named = crate::rules::arithmetic::column_name(c.role);
        let column = if named.is_empty() && !c.column.is_empty() {
            format!("「{}」", c.column)
        } else {
            named.to_string()
        };
        let parts: Vec<String> = c.parts.iter().map(|(_, p)| p.display()).collect();
        let parts = if parts.is_empty() {
            "0".to_string()
        } else {
            parts.join(" + ")
        };
        let (zh, en) = if exceeds {
            (
                "表中各分项之和超过合计",
                "the table's parts add up to more than their total",
            )
        } else {
            (
                "表中各分项之和与合计不符",
                "the table's parts do not add up to their total",
            )
        };
        let mut d = Diagnostic::new(
            &SumMismatch::META,
            c.total.span,
            Message::new(
                format!(
                    "{zh}：「{}」{column} 写作 {total}，分项 {parts} = {sum_text}",
                    c.label
                ),
                format!(
                    "{en}: 「{}」 {column} is written {total}, its parts {parts} = {sum_text}",
                    c.label
                ),
            ),
        )
        .primary(Message::new(
            format!("分项合计 {sum_text}"),
            format!("parts sum to {sum_text}"),
        ));
        for (label, p) in &c.parts {
            d = d.label(
                p.span,
                Message::new(format!("分项「{label}」"), format!("part 「{label}」")),
            );
        }
        if c.across {
            let (zh, en) = (
                format!("「{}」行「{}」", c.label, c.column),
                format!("row 「{}」, column 「{}」", c.label, c.column),
            );
            d.message = Message::new(
                format!(
                    "表中同一行各分项之和与合计不符：{zh} 写作 {total}，各列 {parts} = {sum_text}"
                ),
                format!(
                    "the table's columns do not add up to their total: {en} is written {total}, \
                     its columns {parts} = {sum_text}"
                ),
            );
        }
        out.push(
            d.help(Message::new(
                format!("核对「{}」行或其分项：分项之和为 {sum_text}", c.label),
                format!(
                    "check row 「{}」 or its parts: the parts sum to {sum_text}",
                    c.label
                ),
            ))
            .expected_found(sum_text.clone(), total),
        );
    }
}
