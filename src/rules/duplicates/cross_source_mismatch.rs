//! D002 cross-source-mismatch.

use std::collections::HashMap;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::model::Document;
use crate::model::{Period, Quantity, Unit};
use crate::parse::json::ReportData;
use crate::parse::json::fields::{self, match_key};
use crate::relations::{Relations, interval_of, unit_slips};
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::LineIndex;

declare_rule! {
    /// A figure of a report's data disagrees with the same figure in the report's text.
    ///
    /// ### What it checks
    /// When a report's JSON data and its text are checked together — `report.txt` (or `.md`,
    /// `.docx`) beside `report.json` in the same folder, or the text named by the data's
    /// `report.source` — every figure present in both must agree. A text figure is the same
    /// figure as a data field when its label reads exactly like one of the field's names (the
    /// aliases of `data/fields.tsv`, a metric's `name` and `aliases`, a rate's `name`), after
    /// dropping `的`, the reporting unit naming itself (我中心 …) and a trailing 数 or 金额 — or,
    /// for a part of a breakdown, when the text lists it by the part's name under a figure that
    /// is the field's total (`年初预算9248.98万元，其中基本支出2238.52万元`: that 基本支出 is
    /// `budget.initial.basic`); when both have the same kind of unit (persons counted as 人,
    /// 名 or 位 alike); and when period and year agree. Values are compared
    /// after unit normalisation: equal, or — written to different precisions or in different
    /// units — one the rounding of the other (8707.27万元 agrees with 87072700元). A data
    /// figure is reported only when the text states it and no statement agrees; the text
    /// figures are labelled. Figures that their own document already shows in the wrong unit
    /// are left to U001, and approximate figures are not compared.
    ///
    /// The finding is reported in the data file, at the data's value; the labels point into
    /// the text file.
    ///
    /// ### Why
    /// Data and prose are filled in separately from the same drafts; when they disagree, a
    /// reader of either is misled, and a reviewer cannot tell which was submitted in error.
    ///
    /// ### Example
    /// `report.json` holds `"spend": {"final": {"total": 8707.72}}` while `report.txt` says
    /// `支出决算金额为8707.27万元`.
    ///
    /// ### How to fix
    /// Find which source is right and correct the other.
    ///
    /// No automatic fix: the data or the text may be the wrong one.
    pub CrossSourceMismatch, "D002", "cross-source-mismatch", Error
}

impl CrossSourceMismatch {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"报告数据中的数字与报告正文中的同一数字不符。

### 检查内容
报告的 JSON 数据与其正文一起检查时——同一文件夹中与 `report.json` 同名的 `report.txt`（或 `.md`、
`.docx`），或数据中 `report.source` 指明的正文——两边都有的数字必须一致。正文数字的标签在去掉 `的`、
单位自称（我中心……）和末尾的 数 或 金额 后，与字段的某个名称（`data/fields.tsv` 中的别名、指标的 `name`
和 `aliases`、比率的 `name`）完全一致，即视为同一数字；分解中的分项，若正文在该字段合计数之下以分项名称列出
（`年初预算9248.98万元，其中基本支出2238.52万元`：这个基本支出即 `budget.initial.basic`），也视为同一数字；
此外单位类别须相同（人、名、位都算人数），期间和年份须一致。数值统一单位后比较：相等，或——精度或单位
不同时——一个是另一个的舍入（8707.27万元 与 87072700元 相符）。只有正文写到该数字且没有一处相符时才报告，
并标出正文中的数字。本文档已显示单位错误的数字交给 U001，近似数不作比较。

问题报告在数据文件中的数值处，标签指向正文文件。

### 为什么
数据和正文分别根据同一份草稿填写；两者不符时，读任何一方都会被误导，评审也无法判断提交的是哪一个错误。

### 示例
`report.json` 中为 `"spend": {"final": {"total": 8707.72}}`，而 `report.txt` 写的是
`支出决算金额为8707.27万元`。

### 如何修改
查明哪一方正确，改正另一方。

不自动修正：有误的可能是数据，也可能是正文。"#;
}

/// A period as compared: the whole year whether stated or not.
fn period_key(p: Option<Period>) -> Option<Period> {
    p.filter(|p| !p.is_full_year())
}

/// The same kind of figure: the same unit dimension, persons counted as 人, 名 or 位 alike.
fn comparable(a: &Unit, b: &Unit) -> bool {
    const PERSONS: &[&str] = &["人", "名", "位"];
    match (a, b) {
        (Unit::Count { word: x, scale: _ }, Unit::Count { word: y, scale: _ }) => {
            x == y || (PERSONS.contains(&x.as_str()) && PERSONS.contains(&y.as_str()))
        }
        _ => a.same_dimension(b),
    }
}

/// Two statements of one figure agree when they are equal, or — written to different
/// precisions or in different units — when one could be the other rounded (8707.27万元 and
/// 87072700元; 8707.3 and 8707.27). Written alike, they must be equal: 99.66% and 99.67% are two
/// different figures even though their rounding intervals touch.
fn agrees(a: &Quantity, b: &Quantity) -> bool {
    if a.base_value() == b.base_value() {
        return true;
    }
    let alike = a.decimals == b.decimals && a.unit.scale() == b.unit.scale();
    !alike && interval_of(a).meets(&interval_of(b))
}

/// Text figures identified by the breakdowns they stand in: a part of a text breakdown whose
/// total is a data field's total, called by the name of one of that field's parts, is that part
/// (and so on down nested breakdowns). Pairs `(text figure, data figure)`.
fn parts_by_structure(
    data_rel: &Relations,
    data: &ReportData,
    (text_doc, text_rel): (&Document, &Relations),
    by_name: &HashMap<String, Vec<usize>>,
) -> Vec<(usize, usize)> {
    let mut known: Vec<(usize, usize)> = Vec::new();
    for (j, fig) in data.figures.iter().enumerate() {
        if fields::get(&fig.path).is_none() {
            continue;
        }
        for n in &fig.names {
            for &t in by_name.get(n).into_iter().flatten() {
                known.push((t, j));
            }
        }
    }
    let mut found = Vec::new();
    loop {
        let mut added = false;
        for ts in &text_rel.sums {
            let totals: Vec<usize> = known
                .iter()
                .chain(found.iter())
                .filter(|(t, _)| *t == ts.total)
                .map(|(_, j)| *j)
                .collect();
            for jt in totals {
                for ds in data_rel.sums.iter().filter(|s| s.total == jt) {
                    for &tp in &ts.parts {
                        let name = match_key(text_doc.quantities[tp].label_text());
                        let part = ds.parts.iter().copied().find(|&dp| {
                            data.figures
                                .get(dp)
                                .and_then(|f| fields::get(&f.path))
                                .is_some_and(|f| f.parts.iter().any(|p| match_key(p) == name))
                        });
                        if let Some(dp) = part
                            && !found.contains(&(tp, dp))
                        {
                            found.push((tp, dp));
                            added = true;
                        }
                    }
                }
            }
        }
        if !added {
            return found;
        }
    }
}

impl Rule for CrossSourceMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (Some(other), Some(data)) = (&cx.counterpart, &cx.doc.data) else {
            return;
        };
        let text_doc = other.doc;
        let text_slips = unit_slips(text_doc, other.relations);
        let data_slips = unit_slips(cx.doc, cx.relations);
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, t) in text_doc.quantities.iter().enumerate() {
            if t.qualifier.is_some() || text_slips.contains(&i) || t.label_text().is_empty() {
                continue;
            }
            by_name
                .entry(match_key(t.label_text()))
                .or_default()
                .push(i);
        }
        let by_structure =
            parts_by_structure(cx.relations, data, (text_doc, other.relations), &by_name);
        let index = LineIndex::new(other.text);
        for (i, q) in cx.doc.quantities.iter().enumerate() {
            let Some(fig) = data.figures.get(i) else {
                continue;
            };
            if q.qualifier.is_some() || data_slips.contains(&i) {
                continue;
            }
            let mut same: Vec<usize> = fig
                .names
                .iter()
                .filter_map(|n| by_name.get(n))
                .flatten()
                .copied()
                .chain(
                    by_structure
                        .iter()
                        .filter(|(_, j)| *j == i)
                        .map(|(t, _)| *t),
                )
                .filter(|&t| !text_slips.contains(&t) && text_doc.quantities[t].qualifier.is_none())
                .filter(|&t| {
                    let tq = &text_doc.quantities[t];
                    comparable(&tq.unit, &q.unit)
                        && period_key(tq.period) == period_key(q.period)
                        && match (tq.year.or(text_doc.report_year), q.year) {
                            (Some(a), Some(b)) => a == b,
                            _ => true,
                        }
                })
                .collect();
            same.sort_unstable();
            same.dedup();
            if same.is_empty() || same.iter().any(|&t| agrees(q, &text_doc.quantities[t])) {
                continue;
            }
            let first = &text_doc.quantities[same[0]];
            let (line, _) = index.line_col(other.text, first.span.start);
            let label = q.label_text();
            let mut d = Diagnostic::new(
                &Self::META,
                q.span,
                Message::new(
                    format!(
                        "数据与正文不一致：{label} 在数据中为 {}，正文（{}:{line}）写作 {}",
                        q.display(),
                        other.path,
                        first.display()
                    ),
                    format!(
                        "the data and the text disagree: {label} is {} in the data, {} in the text ({}:{line})",
                        q.display(),
                        first.display(),
                        other.path
                    ),
                ),
            )
            .primary(Message::new(
                format!("数据：{}（{}）", q.display(), fig.path),
                format!("data: {} ({})", q.display(), fig.path),
            ));
            for &t in &same {
                let tq = &text_doc.quantities[t];
                d = d.label_in(
                    other.path,
                    tq.span,
                    Message::new(
                        format!("正文：{} {}", tq.label_text(), tq.display()),
                        format!("text: {} {}", tq.label_text(), tq.display()),
                    ),
                );
            }
            out.push(
                d.help(Message::new(
                    "核对哪一处正确，使数据与正文一致",
                    "check which is right and make the data and the text agree",
                ))
                .expected_found(first.display(), q.display()),
            );
        }
    }
}
