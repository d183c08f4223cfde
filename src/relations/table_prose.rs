//! Figures restated between a table and the prose: a cell of the one table model
//! ([`crate::model::table`]) that a sentence states again for the same item and period.
//!
//! Two kinds of cell are bound, each only to prose whose label names the same specific item:
//!
//! * the amounts and the rate of the funds total row (年度资金总额 in the 项目资金 block),
//!   to prose that names the project: 全年执行数 ↔ `项目实际支出`, `项目执行数`; 全年预算数 or
//!   年初预算数 ↔ `项目全年预算`, `项目年初预算数`, `项目预算`; 执行率 ↔ `项目预算执行率`
//!   ([`SPENT_LABELS`], [`BUDGET_LABELS`], [`RATE_LABELS`]). A label without 项目
//!   (`实际支出`, `全年执行数`, `预算执行率`) binds only right after such a figure in the same
//!   sentence, whose project it carries on ([`CARRIED_SPENT_LABELS`],
//!   [`CARRIED_BUDGET_LABELS`], [`CARRIED_RATE_LABELS`]). Only when the
//!   document has one such table (one project), the table's money unit is known (its header's
//!   `（万元）`, a `单位：万元` line above it, or the cell's own `万元`), and the sentence
//!   lists no 其中 parts before the figure (a part's spending is not the project's);
//! * the 实际完成值 of an indicator row ↔ a prose figure whose label is the row's indicator
//!   name (`受益群众人数`), not a target (`目标`, `计划` …), in the same unit, when no other row
//!   of the document's tables has that name.
//!
//! Amounts are compared in 元 over the rounding interval of each: `500万元` in the table and
//! `5000000元` in the prose agree. The same digits in two units (`500` 万元 against `500元`)
//! are a unit slip, U001's, and are not judged here. Approximate figures and bounds (`约`,
//! `以上`), figures of another year or of part of the year, and figures in tables are never
//! bound. What is not bound for one of these reasons, where the labels did name the same
//! item, is kept with the reason ([`Unbound`]).

use rust_decimal::Decimal;

use crate::model::table::{CellValue, ColumnRole, RowKind, Table};
use crate::model::{BlockKind, Currency, Document, Quantity, Span, Unit};
use crate::numeric::Interval;
use crate::parse::quantity::CueKind;

use super::candidate::Unbound;
use super::{RESTATED_RATE_ENDS, strip_time_words};

/// Prose labels (a leading year such as `2023年度` removed) that name the project's spending:
/// the 全年执行数 of the funds total row. Only labels that name the project: written alone,
/// `实际支出` or `全年执行数` speak of whatever the sentence named before (`市级资金…，执行数…`,
/// `部门全年预算数…，全年执行数…`).
pub const SPENT_LABELS: &[&str] = &[
    "项目执行数",
    "项目全年执行数",
    "项目资金执行数",
    "项目实际执行数",
    "项目实际支出",
    "项目全年实际支出",
    "项目资金实际支出",
    "项目资金支出",
];

/// Prose labels that name the project's budget for the year: 全年预算数 (or 年初预算数 when
/// the label says 年初; either when it says neither). Not `项目总预算`: a project's total over
/// all its years.
pub const BUDGET_LABELS: &[&str] = &[
    "项目全年预算数",
    "项目年初预算数",
    "项目调整后预算数",
    "项目预算",
    "项目预算数",
    "项目预算资金",
    "项目资金预算",
];

/// Prose labels that name the project's 执行率.
pub const RATE_LABELS: &[&str] = &[
    "项目执行率",
    "项目预算执行率",
    "项目资金执行率",
    "项目资金预算执行率",
    "项目全年预算执行率",
];

/// Labels that do not name the project (`实际支出`, `全年预算数`, `执行率`): they bind to the
/// funds row only right after a figure of the same sentence that did (`项目全年预算912.46万元，
/// 实际支出889.14万元，预算执行率97.44%`), whose subject they carry on.
pub const CARRIED_SPENT_LABELS: &[&str] = &[
    "实际支出",
    "执行数",
    "实际执行数",
    "实际执行",
    "支出",
    "全年执行数",
    "全年实际执行数",
    "全年实际支出",
];
pub const CARRIED_BUDGET_LABELS: &[&str] = &["全年预算数", "年初预算数", "调整后预算数", "预算数"];
pub const CARRIED_RATE_LABELS: &[&str] = &["预算执行率", "执行率", "资金执行率", "全年预算执行率"];

/// Words that make a prose figure something other than the year's measured value: a
/// target, a plan, last year's figure.
pub const NOT_MEASURED: &[&str] = &[
    "目标",
    "指标值",
    "标准",
    "要求",
    "计划",
    "预期",
    "预计",
    "上年",
    "去年",
    "同比",
];

/// A cell of a table stated again in the prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRestatement {
    /// Index into [`Document::tables`], and of the row in it.
    pub table: usize,
    pub row: usize,
    /// The column the cell stands under (全年执行数, 全年预算数, 年初预算数, 执行率,
    /// 实际完成值).
    pub role: ColumnRole,
    /// The row's label (`年度资金总额`, `受益群众人数`).
    pub label: String,
    /// The cell's figure alone, and as written with its unit (`480.00万元`, `96.5%`).
    pub cell: Span,
    pub cell_text: String,
    /// The prose figure (index into [`Document::quantities`]).
    pub prose: usize,
    /// The two agree (within the rounding of either).
    pub consistent: bool,
}

/// Everything the pass found: the restatements judged, and the candidates left unbound.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableProse {
    pub restatements: Vec<TableRestatement>,
    /// Prose figures whose label named a table's item but that could not be bound, with why.
    pub unbound: Vec<(Span, Unbound)>,
}

/// A label without a leading year (`2023年度项目实际支出` → `项目实际支出`) or `该`/`本`.
fn without_year(label: &str) -> &str {
    let digits = label.bytes().take_while(u8::is_ascii_digit).count();
    let mut l = label;
    if digits == 4 {
        l = &l[4..];
        l = l
            .strip_prefix("年度")
            .or_else(|| l.strip_prefix('年'))
            .unwrap_or(l);
    }
    l.strip_prefix('该')
        .or_else(|| l.strip_prefix("本"))
        .filter(|r| r.starts_with("项目"))
        .unwrap_or(l)
}

/// What a prose label names of the funds total row; `carried` when it follows a figure of
/// the same sentence bound to the row, so that a label without 项目 speaks of it too.
fn funds_roles(label: &str, percent: bool, carried: bool) -> Vec<ColumnRole> {
    let bare = without_year(label);
    let named = |own: &[&str], carried_list: &[&str]| {
        own.contains(&bare) || (carried && carried_list.contains(&bare))
    };
    if percent {
        return if named(RATE_LABELS, CARRIED_RATE_LABELS) {
            vec![ColumnRole::Rate]
        } else {
            Vec::new()
        };
    }
    if named(SPENT_LABELS, CARRIED_SPENT_LABELS) {
        return vec![ColumnRole::Spent];
    }
    if !named(BUDGET_LABELS, CARRIED_BUDGET_LABELS) {
        return Vec::new();
    }
    if bare.contains("年初") {
        vec![ColumnRole::InitialBudget]
    } else if bare.contains("全年") || bare.contains("调整后") {
        vec![ColumnRole::Budget]
    } else {
        vec![ColumnRole::Budget, ColumnRole::InitialBudget]
    }
}

/// The money scale a table states for its amounts (4 for `（万元）`, 0 for `（元）`): in its
/// header, or on the line just above it (`单位：万元`).
fn table_scale(text: &str, doc: &Document, t: &Table) -> Option<u8> {
    let first_row = t.rows.first().map(|r| r.span.start).unwrap_or(t.span.end);
    let header = text.get(t.span.start..first_row).unwrap_or("");
    if let Some(s) = scale_in(header) {
        return Some(s);
    }
    // The block just before the table, when it is a short line naming the unit.
    let above = doc
        .blocks
        .iter()
        .rev()
        .find(|b| b.span.end <= t.span.start)
        .filter(|b| !matches!(b.kind, BlockKind::TableRow { .. }))
        .and_then(|b| text.get(b.span.start..b.span.end))
        .filter(|l| l.chars().count() <= 40 && l.contains("单位"))?;
    scale_in(above)
}

/// `（万元）`, `(元)`, `单位：万元` in a piece of text (folded: the parentheses and colon
/// full-width): the one scale it names.
fn scale_in(s: &str) -> Option<u8> {
    let s = crate::parse::table::roles::clean(s);
    let mut found: Option<u8> = None;
    for (pat, scale) in [
        ("（亿元）", 8u8),
        ("（万元）", 4),
        ("（元）", 0),
        ("单位：亿元", 8),
        ("单位：万元", 4),
        ("单位：元", 0),
    ] {
        if s.contains(pat) {
            match found {
                Some(f) if f != scale => return None,
                _ => found = Some(scale),
            }
        }
    }
    found
}

/// The scale a cell's own text states (`3359.62万`, `480万元`), when it does.
fn cell_scale(text: &str, span: Span) -> Option<u8> {
    let t = crate::parse::table::roles::clean(text.get(span.start..span.end).unwrap_or(""));
    if t.ends_with("亿元") || t.ends_with('亿') {
        Some(8)
    } else if t.ends_with("万元") || t.ends_with('万') {
        Some(4)
    } else if t.ends_with('元') {
        Some(0)
    } else {
        None
    }
}

/// A value's interval in its base unit (元 for money).
fn base_interval(value: Decimal, decimals: u32, scale: u8) -> Interval {
    let k = super::pow10(i32::from(scale));
    Interval::of_written(value, decimals).scale(k)
}

/// Whether a figure is prose: outside table rows, and outside the span of every table (a
/// table flattened into a paragraph holds its figures in prose blocks).
fn prose(doc: &Document, q: &Quantity) -> bool {
    doc.in_prose(q)
        && !doc
            .tables
            .iter()
            .any(|t| t.span.start <= q.span.start && q.span.end <= t.span.end)
}

/// Why a prose figure cannot restate the year's value: a bound or approximation, a target or
/// last year's figure, another period or year, or a part listed after 其中 in its sentence.
fn not_measured(doc: &Document, q: &Quantity) -> Option<Unbound> {
    let label = q.label_text();
    if q.qualifier.is_some() {
        return Some(Unbound::Approximate);
    }
    if NOT_MEASURED.iter().any(|w| label.contains(w)) {
        return Some(Unbound::Target);
    }
    let part_of_year = q.period.is_some_and(|p| !p.is_full_year());
    let other_year = matches!((q.year, doc.report_year), (Some(y), Some(r)) if y != r);
    if part_of_year || other_year {
        return Some(Unbound::OtherPeriod);
    }
    if doc
        .cues
        .iter()
        .any(|c| c.kind == CueKind::Of && c.sentence == q.sentence && c.offset < q.span.start)
    {
        return Some(Unbound::NoBreakdown);
    }
    None
}

/// Words of a heading about what was done with the goals (`绩效目标完成情况`).
pub const DONE_WORDS: &[&str] = &["完成", "实现", "达成", "落实", "执行"];

/// Whether a figure stands in a section about goals: the nearest heading above it names
/// them (`（三）项目绩效目标`) and not what became of them (`绩效目标完成情况`), so its
/// figures are targets, not what was done.
fn under_goal_heading(text: &str, doc: &Document, q: &Quantity) -> bool {
    doc.blocks[..=q.block.min(doc.blocks.len().saturating_sub(1))]
        .iter()
        .rev()
        .find(|b| b.kind == BlockKind::Heading)
        .and_then(|b| text.get(b.span.start..b.span.end))
        .is_some_and(|h| h.contains("目标") && !DONE_WORDS.iter().any(|w| h.contains(w)))
}

/// The funds total rows of a document's tables: (table, row) of certain 年度资金总额 rows
/// with an amount column.
fn funds_rows(doc: &Document) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (ti, t) in doc.tables.iter().enumerate() {
        if !t.columns.iter().any(|c| c.is_amount()) {
            continue;
        }
        for (ri, r) in t.rows.iter().enumerate() {
            if r.kind == RowKind::Total {
                out.push((ti, ri));
            }
        }
    }
    out
}

/// The cell as written with its unit, for messages (`480.00万元`, `95.00%`).
fn shown(v: &CellValue, scale: Option<u8>) -> String {
    let unit = match (v.percent, scale) {
        (true, _) => "",
        (false, Some(8)) => "亿元",
        (false, Some(4)) => "万元",
        (false, Some(0)) => "元",
        _ => "",
    };
    format!("{}{unit}", v.display())
}

fn funds(text: &str, doc: &Document, out: &mut TableProse) {
    let rows = funds_rows(doc);
    // The last prose figure bound to the funds row: a bare label right after it in the same
    // sentence speaks of the same project.
    let mut last_bound: Option<usize> = None;
    for (qi, q) in doc.quantities.iter().enumerate() {
        let percent = q.unit == Unit::Percent;
        let money = matches!(
            q.unit,
            Unit::Money {
                currency: Currency::Cny,
                ..
            }
        );
        if !(percent || money) {
            continue;
        }
        let carried = qi
            .checked_sub(1)
            .filter(|&p| last_bound == Some(p) && doc.quantities[p].sentence == q.sentence)
            .is_some();
        let roles = funds_roles(q.label_text(), percent, carried);
        if roles.is_empty() || !prose(doc, q) {
            continue;
        }
        if rows.is_empty() {
            continue;
        }
        if let Some(why) = not_measured(doc, q) {
            out.unbound.push((q.span, why));
            continue;
        }
        // Several funds tables: several projects, and the prose may speak of any of them.
        let &[(ti, ri)] = rows.as_slice() else {
            out.unbound.push((q.span, Unbound::SeveralTables));
            continue;
        };
        let t = &doc.tables[ti];
        let r = &t.rows[ri];
        let cells: Vec<(ColumnRole, &CellValue)> = roles
            .iter()
            .filter_map(|&role| r.value(t, role).map(|v| (role, v)))
            .collect();
        if cells.is_empty() {
            continue;
        }
        let scale_of =
            |v: &CellValue| cell_scale(text, v.span).or_else(|| table_scale(text, doc, t));
        let prose_iv = super::interval_of(q);
        let mut judged: Vec<(ColumnRole, &CellValue, bool, Option<u8>)> = Vec::new();
        let mut unknown_unit = false;
        for (role, v) in cells {
            if percent {
                if !v.percent && v.value <= Decimal::ONE {
                    continue;
                }
                let iv = Interval::of_written(v.value, v.decimals);
                judged.push((role, v, iv.meets(&prose_iv), None));
                continue;
            }
            let Some(scale) = scale_of(v) else {
                unknown_unit = true;
                continue;
            };
            if v.percent {
                continue;
            }
            let iv = base_interval(v.value, v.decimals, scale);
            let same_digits = v.value == q.value && scale != q.unit.scale();
            if same_digits {
                // The same digits in two units: a unit slip (U001), not a second value.
                continue;
            }
            judged.push((role, v, iv.meets(&prose_iv), Some(scale)));
        }
        if judged.is_empty() {
            if unknown_unit {
                out.unbound.push((q.span, Unbound::UnitUnknown));
            }
            continue;
        }
        // A label that may name either budget agrees when either cell does.
        let consistent = judged.iter().any(|j| j.2);
        let Some(&(role, v, _, scale)) = judged.iter().find(|j| j.2 == consistent) else {
            continue;
        };
        out.restatements.push(TableRestatement {
            table: ti,
            row: ri,
            role,
            label: r.label.clone(),
            cell: v.span,
            cell_text: shown(v, scale),
            prose: qi,
            consistent,
        });
        last_bound = Some(qi);
    }
}

/// A row label or prose label as an indicator name: cleaned, `（…）` and leading marks
/// (`★`) removed.
fn indicator_name(label: &str) -> String {
    let t = crate::parse::table::roles::strip_parens(&crate::parse::table::roles::clean(label));
    t.trim_start_matches(['★', '☆', '*', '▲']).to_string()
}

/// A measure's unit split into its scale and its word (`万人` → 4, `人`).
fn unit_parts(unit: &str) -> (u8, &str) {
    if let Some(w) = unit.strip_prefix('亿') {
        (8, w)
    } else if let Some(w) = unit.strip_prefix('万')
        && !w.is_empty()
    {
        (4, w)
    } else {
        (0, unit)
    }
}

fn actuals(text: &str, doc: &Document, out: &mut TableProse) {
    // Indicator rows with a certain 实际完成值 that is one exact figure, by name; a name in
    // two rows is nobody's.
    let mut by_name: std::collections::HashMap<String, Vec<(usize, usize)>> = Default::default();
    for (ti, t) in doc.tables.iter().enumerate() {
        for (ri, r) in t.rows.iter().enumerate() {
            let actual = r
                .cell(t, ColumnRole::Actual)
                .and_then(|c| c.measure.as_ref());
            if r.kind != RowKind::Indicator || actual.is_none() {
                continue;
            }
            let name = indicator_name(&r.label);
            if name.chars().count() >= 4 {
                by_name.entry(name).or_default().push((ti, ri));
            }
        }
    }
    if by_name.is_empty() {
        return;
    }
    for (qi, q) in doc.quantities.iter().enumerate() {
        if !prose(doc, q) || matches!(q.unit, Unit::Money { .. } | Unit::None) {
            continue;
        }
        let name = indicator_name(strip_time_words(q.label_text()));
        let Some(rows) = by_name.get(&name) else {
            continue;
        };
        if let Some(why) = not_measured(doc, q) {
            out.unbound.push((q.span, why));
            continue;
        }
        if under_goal_heading(text, doc, q) {
            out.unbound.push((q.span, Unbound::Target));
            continue;
        }
        let &[(ti, ri)] = rows.as_slice() else {
            out.unbound.push((q.span, Unbound::SeveralTables));
            continue;
        };
        let t = &doc.tables[ti];
        let r = &t.rows[ri];
        let Some(cell) = r.cell(t, ColumnRole::Actual) else {
            continue;
        };
        let Some(m) = cell.measure.as_ref() else {
            continue;
        };
        if m.cmp != crate::model::table::Cmp::Eq {
            continue;
        }
        // Same unit: the same word at some scale (`4.6万人` and `46000人`).
        let (m_scale, m_word) = unit_parts(&m.unit);
        let (q_scale, q_word) = match &q.unit {
            Unit::Percent => (0, "%".to_string()),
            Unit::Count { word, scale } => (*scale, word.clone()),
            _ => continue,
        };
        if m_word != q_word || m_word.is_empty() {
            continue;
        }
        if m.value == q.value && m_scale != q_scale {
            // The same digits in two units: a unit slip, not a second value.
            continue;
        }
        let iv = base_interval(m.value, m.decimals, m_scale);
        let prose_iv = base_interval(q.value, q.decimals, q_scale);
        // The row's target written again (`占比达到40%` for `≥40%`): the prose may state the
        // goal, not what was done.
        let target = r
            .cell(t, ColumnRole::Target)
            .and_then(|c| c.measure.as_ref());
        if !iv.meets(&prose_iv)
            && target.is_some_and(|tm| {
                let (ts, tw) = unit_parts(&tm.unit);
                tw == m_word && base_interval(tm.value, tm.decimals, ts).meets(&prose_iv)
            })
        {
            out.unbound.push((q.span, Unbound::Target));
            continue;
        }
        let consistent = iv.meets(&prose_iv)
            || (RESTATED_RATE_ENDS.iter().any(|e| name.ends_with(e)) && m.value == q.value);
        let written = m.span;
        out.restatements.push(TableRestatement {
            table: ti,
            row: ri,
            role: ColumnRole::Actual,
            label: r.label.clone(),
            cell: written,
            cell_text: format!(
                "{}{}",
                crate::numeric::fmt_fixed(m.value, m.decimals),
                m.unit
            ),
            prose: qi,
            consistent,
        });
    }
}

/// Every cell of the document's tables that its prose states again.
pub fn find(text: &str, doc: &Document) -> TableProse {
    let mut out = TableProse::default();
    if doc.tables.is_empty() {
        return out;
    }
    funds(text, doc, &mut out);
    actuals(text, doc, &mut out);
    out.restatements
        .sort_by_key(|r| doc.quantities[r.prose].span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;

    #[test]
    fn only_labels_that_name_the_project_bind_the_funds_row() {
        assert_eq!(
            funds_roles("项目实际支出", false, false),
            vec![ColumnRole::Spent]
        );
        assert_eq!(
            funds_roles("2023年度项目实际支出", false, false),
            vec![ColumnRole::Spent]
        );
        // A label without 项目 speaks of whatever the sentence named before it.
        assert!(funds_roles("全年执行数", false, false).is_empty());
        assert!(funds_roles("实际支出", false, false).is_empty());
        assert!(funds_roles("执行率", true, false).is_empty());
        assert_eq!(
            funds_roles("全年执行数", false, true),
            vec![ColumnRole::Spent]
        );
        assert_eq!(
            funds_roles("年初预算数", false, true),
            vec![ColumnRole::InitialBudget]
        );
        assert!(funds_roles("市级配套资金实际支出", false, true).is_empty());
        // A project's total over its years is not the year's budget.
        assert!(funds_roles("项目总预算", false, false).is_empty());
        assert_eq!(
            funds_roles("项目预算", false, false),
            vec![ColumnRole::Budget, ColumnRole::InitialBudget]
        );
        assert_eq!(
            funds_roles("项目预算执行率", true, false),
            vec![ColumnRole::Rate]
        );
    }

    #[test]
    fn the_table_unit_is_read_from_its_header_or_the_line_above() {
        assert_eq!(scale_in("项目资金（万元）\t年初预算数"), Some(4));
        assert_eq!(scale_in("项目资金(元)"), Some(0));
        assert_eq!(scale_in("单位：亿元"), Some(8));
        assert_eq!(scale_in("项目资金\t年初预算数"), None);
        // Two units: none.
        assert_eq!(scale_in("（万元）（元）"), None);
        assert_eq!(cell_scale("3359.62万", Span::new(0, 10)), Some(4));
    }

    #[test]
    fn indicator_names_drop_marks_and_notes() {
        assert_eq!(indicator_name("★★受益人数（人）"), "受益人数");
        assert_eq!(unit_parts("万人"), (4, "人"));
        assert_eq!(unit_parts("万"), (0, "万"));
    }

    fn find_in(text: &str) -> (Document, TableProse) {
        let doc = crate::parse::parse(text, SourceFormat::Text);
        let r = find(text, &doc);
        (doc, r)
    }

    const TABLE: &str = "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
                         年度资金总额\t300.00\t300.00\t270.00\t10\t90.00%\t9\n";

    #[test]
    fn spending_in_another_unit_agrees_and_another_value_does_not() {
        let text = format!("项目实际支出2,700,000元。\n\n{TABLE}");
        let (_, r) = find_in(&text);
        assert_eq!(r.restatements.len(), 1);
        assert!(r.restatements[0].consistent);
        assert_eq!(r.restatements[0].role, ColumnRole::Spent);
        let text = format!("项目实际支出275.00万元。\n\n{TABLE}");
        let (_, r) = find_in(&text);
        assert!(!r.restatements[0].consistent);
        assert_eq!(r.restatements[0].cell_text, "270.00万元");
        // The same digits in 元: a unit slip, not a second value.
        let text = format!("项目实际支出270.00元。\n\n{TABLE}");
        assert!(find_in(&text).1.restatements.is_empty());
    }

    #[test]
    fn a_bare_label_carries_on_the_project_named_just_before_it() {
        let text =
            format!("项目全年预算300.00万元，实际支出275.00万元，预算执行率91.67%。\n\n{TABLE}");
        let (_, r) = find_in(&text);
        let roles: Vec<(ColumnRole, bool)> = r
            .restatements
            .iter()
            .map(|x| (x.role, x.consistent))
            .collect();
        assert_eq!(
            roles,
            vec![
                (ColumnRole::Budget, true),
                (ColumnRole::Spent, false),
                (ColumnRole::Rate, false)
            ]
        );
        // After a part's figure, or in the next sentence, a bare label names nothing.
        let text =
            format!("市级配套资金支出100.00万元，执行率73.13%。实际支出275.00万元。\n\n{TABLE}");
        assert!(find_in(&text).1.restatements.is_empty());
        let text = format!("项目全年预算300.00万元。实际支出275.00万元。\n\n{TABLE}");
        assert_eq!(find_in(&text).1.restatements.len(), 1);
    }

    #[test]
    fn a_table_without_a_unit_binds_nothing() {
        let table = TABLE.replace("（万元）", "");
        let text = format!("项目实际支出275.00万元。\n\n{table}");
        let (_, r) = find_in(&text);
        assert!(r.restatements.is_empty());
        assert_eq!(r.unbound.len(), 1);
        assert_eq!(r.unbound[0].1, Unbound::UnitUnknown);
    }

    #[test]
    fn goals_are_not_what_was_done() {
        let rows = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n\
                    产出指标\t数量指标\t新建村级卫生室\t≥36个\t33个\t10\t9.17\n";
        for (heading, bound) in [
            ("（三）项目绩效目标", false),
            ("（三）绩效目标完成情况", true),
        ] {
            let text = format!("{heading}\n新建村级卫生室33个。\n\n{rows}");
            let (_, r) = find_in(&text);
            assert_eq!(r.restatements.len(), usize::from(bound), "{heading}");
        }
        // Equal to the row's target: the prose may state the goal.
        let text = format!("新建村级卫生室36个。\n\n{rows}");
        let (_, r) = find_in(&text);
        assert!(r.restatements.is_empty());
        assert_eq!(r.unbound[0].1, Unbound::Target);
    }
}
