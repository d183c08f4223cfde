//! T003 partial-period.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::model::Period;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// A part-year figure (截至11月底, 1-11月) inside a full-year report.
    ///
    /// ### What it checks
    /// In a report that covers a whole year (its title names a 年度), figures governed by a
    /// period that stops before December: `截至11月底`, `截止10月31日`, `1-11月`. One note per
    /// sentence, at the first such figure, with the period labelled. Quarterly figures and
    /// month ranges that do not start in January (`9至10月` activities) are not reported.
    ///
    /// ### Why
    /// A year-end report quoting an eleven-month figure was drafted before the year closed;
    /// the reader should know the figure is not the year's.
    ///
    /// ### Example
    /// ```text
    /// 截至 11 月底，保税冷链业务进出口总额 5.36 亿元。
    /// ```
    ///
    /// ### How to fix
    /// Replace it with the full-year figure, or say why the full year is not available.
    ///
    /// No automatic fix: the full-year figure is not in the report.
    pub PartialPeriod, "T003", "partial-period", Info
}

impl PartialPeriod {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"全年报告中出现非全年数字（截至11月底、1-11月）。

### 检查内容
在覆盖全年的报告（标题写明某一年度）中，受截止于 12 月之前的期间限定的数字：`截至11月底`、`截止10月31日`、
`1-11月`。每句只在第一个这样的数字处提示一次，并标出期间。季度数字和不从 1 月开始的月份区间
（`9至10月` 的活动）不报告。

### 为什么
年终报告引用十一个月的数字，说明它在年度结束前就已起草；读者应当知道这不是全年数字。

### 示例
```text
截至 11 月底，保税冷链业务进出口总额 5.36 亿元。
```

### 如何修改
换成全年数字，或说明为何无法提供全年数字。

不自动修正：报告中没有全年数字。"#;
}

/// Whether a period stops before December of the report's year (a date in another year, such
/// as `截至2024年3月底` in a 2023 report, is the time of writing, not a part of the year).
fn partial(p: &Period, report_year: Option<u16>) -> bool {
    match *p {
        Period::Until { year, month, .. } => {
            month < 12 && (year == 0 || report_year.is_none_or(|r| r == year))
        }
        Period::Months { from, to } => from == 1 && to < 12,
        _ => false,
    }
}

fn describe(p: &Period) -> (String, String) {
    match *p {
        Period::Until { month, day: 0, .. } => (
            format!("截至{month}月底"),
            format!("up to the end of month {month}"),
        ),
        Period::Until { month, day, .. } => (
            format!("截至{month}月{day}日"),
            format!("up to {month}/{day}"),
        ),
        Period::Months { from, to } => (format!("{from}-{to}月"), format!("months {from}–{to}")),
        _ => (String::new(), String::new()),
    }
}

impl Rule for PartialPeriod {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        if !doc.full_year_report {
            return;
        }
        let mut seen = std::collections::HashSet::new();
        for q in &doc.quantities {
            let Some(p) = q.period.filter(|p| partial(p, doc.report_year)) else {
                continue;
            };
            if !seen.insert((q.block, q.sentence)) {
                continue;
            }
            let (zh, en) = describe(&p);
            let mut d = Diagnostic::new(
                &Self::META,
                q.span,
                Message::new(
                    format!("全年度报告中出现非全年口径数据：{} 为{zh}数", q.display()),
                    format!(
                        "part-year figure in a full-year report: {} is for {en}",
                        q.display()
                    ),
                ),
            )
            .primary(Message::new(format!("{zh}口径"), format!("{en} only")));
            if let Some((_, span)) = doc
                .periods
                .iter()
                .rfind(|(pp, s)| *pp == p && s.start < q.span.start)
            {
                d = d.label(*span, Message::new("期间在此说明", "period stated here"));
            }
            out.push(d.help(Message::new(
                "改用全年数据，或说明未采用全年数据的原因",
                "use the full-year figure, or say why it is not available",
            )));
        }
    }
}
