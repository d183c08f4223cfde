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
