//! Reading a scorecard from a parsed document: score tables from the document's table rows
//! (tab-separated lines, Markdown pipes, space-aligned text tables), totals and grades from
//! table rows and from the prose.
//!
//! ## Tables
//! Consecutive table rows form a run. Inside a run, a row whose every cell is a known column
//! name (一级指标, 分值, 得分, 年度指标值, 项目资金 …) is a header; consecutive header rows
//! merge (`一级指标 | 二级指标` over `名称 | 参考分值 | 名称 | 参考分值`). A header with a name
//! column and a 得分 column starts an indicator section, one with 全年执行数 and 执行率 a 项目资金
//! section; other headers (年度总体目标 …) start sections whose rows are not scores.
//!
//! Each row of a scoring section is first read by column: it must line up with the header
//! (its cell count, numbers where 分值 and 得分 stand, names where names stand). A row that
//! does not is then read by its own shape — names each followed by a weight, free text, one
//! final score (`公众或服务对象满意度 | 6 | 反映… | 1.满意度≥95%的，得6分；… | 6`) — and, when that
//! shape leaves no doubt, gives a certain indicator without a place in the hierarchy. Any row
//! read by shape, or not at all, makes the table not whole: its sums are never judged.
//!
//! ## Prose
//! A figure in 分 whose label names a total (`自评得分`, `综合得分`, `打分得出结果` …) in a sentence
//! about the evaluation is a stated total; the 分 figures after a following `其中` are its parts
//! (`其中部门决策得分20分，…`). `等级为“优”`, `自评等级：优` are stated grades.

use rust_decimal::Decimal;

use super::{
    CardKind, Figure, Funds, Indicator, Measure, Origin, ScoreTable, Scorecard, StatedGrade,
    StatedTotal, Unreadable,
};
use crate::model::{BlockKind, Document, MarkerStyle, Span, Unit};
use crate::parse::norm::{Norm, fold, is_cjk};
use crate::parse::quantity::CueKind;

mod cells;
mod column;
mod header;
mod prose;
mod rows;
#[cfg(test)]
mod tests;

use cells::*;
pub(crate) use cells::{clean, parse_measure, parse_number};
use column::*;
pub use header::is_score_header;
use header::*;

/// Grade words, longest first (`优秀` before `优`).
pub const GRADE_WORDS: &[&str] = &[
    "不合格",
    "优秀",
    "良好",
    "中等",
    "合格",
    "较差",
    "优",
    "良",
    "中",
    "差",
];

/// First cells of rows that state a total.
const TOTAL_LABELS: &[&str] = &[
    "合计",
    "总计",
    "总分",
    "综合评分",
    "综合得分",
    "总得分",
    "得分合计",
    "合计得分",
    "评价总分",
    "自评总分",
    "自评得分",
    "评价得分",
];

/// Cells that label a grade in a table row (`评分等级 | 优`).
const GRADE_LABELS: &[&str] = &[
    "评分等级",
    "自评等级",
    "评价等级",
    "绩效等级",
    "评定等级",
    "等级",
    "评价结果",
    "自评结果",
];

/// First cells of rows that are signatures and notes, not scores.
const TRAILER_LABELS: &[&str] = &[
    "填表人",
    "填报人",
    "审核人",
    "联系人",
    "联系电话",
    "填报日期",
    "填表日期",
    "单位负责人",
    "财务负责人",
    "项目负责人",
    "附注",
    "注：",
    "备注",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SectionKind {
    Indicators,
    Funds,
    Other,
}

/// A header turned into column positions.
#[derive(Debug, Clone)]
struct Layout {
    kind: SectionKind,
    width: usize,
    roles: Vec<Option<Role>>,
    /// Name columns with their levels, left to right.
    names: Vec<(usize, u8)>,
    /// Weight column of each level when weights are paired with names (`名称 | 参考分值`).
    paired: Vec<(u8, usize)>,
    /// The leaf weight column otherwise.
    weight: Option<usize>,
    score: Option<usize>,
    target: Option<usize>,
    actual: Option<usize>,
    criteria: Vec<usize>,
    funds_label: Option<usize>,
    initial: Option<usize>,
    budget: Option<usize>,
    spent: Option<usize>,
    rate: Option<usize>,
}

impl Layout {
    fn new(roles: Vec<Option<Role>>) -> Layout {
        let find = |want: Role| roles.iter().position(|r| *r == Some(want));
        let mut names = Vec::new();
        let mut level = 0u8;
        for (i, r) in roles.iter().enumerate() {
            if let Some(Role::Name(l)) = r {
                level = l.unwrap_or(level + 1).max(level + 1);
                names.push((i, level));
            }
        }
        let weights: Vec<usize> = roles
            .iter()
            .enumerate()
            .filter(|(_, r)| **r == Some(Role::Weight))
            .map(|(i, _)| i)
            .collect();
        let mut paired = Vec::new();
        let all_paired = !weights.is_empty()
            && weights.len() > 1
            && weights.iter().all(|&w| {
                w > 0
                    && names.iter().any(|&(c, l)| {
                        if c + 1 == w {
                            paired.push((l, w));
                            true
                        } else {
                            false
                        }
                    })
            });
        let weight = if all_paired {
            None
        } else {
            paired.clear();
            weights.last().copied()
        };
        let scores = roles.iter().filter(|r| **r == Some(Role::Score)).count();
        let score = if scores == 1 { find(Role::Score) } else { None };
        let criteria = roles
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, Some(Role::Criteria) | Some(Role::Description)))
            .map(|(i, _)| i)
            .collect();
        let spent = find(Role::Spent);
        let rate = find(Role::Rate);
        let funds_label = find(Role::FundsLabel);
        let kind = if (funds_label.is_some() || spent.is_some()) && score.is_some() {
            SectionKind::Funds
        } else if !names.is_empty() && score.is_some() {
            SectionKind::Indicators
        } else {
            SectionKind::Other
        };
        Layout {
            kind,
            width: roles.len(),
            names,
            paired,
            weight,
            score,
            target: find(Role::Target),
            actual: find(Role::Actual),
            criteria,
            funds_label,
            initial: find(Role::BudgetInitial),
            budget: find(Role::BudgetYear),
            spent,
            rate,
            roles,
        }
    }

    /// The weight column of a row's leaf at `level`.
    fn weight_col(&self, level: u8) -> Option<usize> {
        if self.paired.is_empty() {
            self.weight
        } else {
            self.ancestor_weight_col(level)
        }
    }

    /// The weight column of an ancestor at `level`: only paired layouts have one.
    fn ancestor_weight_col(&self, level: u8) -> Option<usize> {
        self.paired
            .iter()
            .find(|(l, _)| *l == level)
            .map(|(_, c)| *c)
    }

    /// Whether a column may be missing from a short row (trailing notes and explanations).
    fn optional(&self, col: usize) -> bool {
        matches!(
            self.roles.get(col).copied().flatten(),
            None | Some(Role::Note)
                | Some(Role::Criteria)
                | Some(Role::Description)
                | Some(Role::Other)
        )
    }

    fn is_project(&self) -> bool {
        self.kind == SectionKind::Funds || self.target.is_some() || self.actual.is_some()
    }
}

/// A cell of a row: its trimmed source span and cleaned text.
struct Cell {
    span: Span,
    text: String,
}

/// How a cell looks when the row is read by its shape.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Num(Figure),
    Name(usize),
    Text(usize),
}

/// The scorecard reader's state across one document.
struct Reader<'a> {
    text: &'a str,
    card: Scorecard,
    /// Lost rows of a run that made no table, for the table of the next run, and where that
    /// run ended.
    carry: Vec<(Span, Unreadable)>,
    carry_end: Option<usize>,
    /// The last block of the last table read.
    last_table_end: Option<usize>,
}

/// Reading state inside one table run.
struct TableState {
    layout: Option<Layout>,
    header_open: bool,
    /// The first row of the header being read, and how many header rows came before the
    /// table started.
    header_start: Option<Span>,
    header_rows: usize,
    /// The node of each level at the current row (index = level − 1).
    current: Vec<Option<usize>>,
    first_span: Option<Span>,
    last_span: Option<Span>,
    rows: usize,
    project: bool,
    unreadable: Vec<(Span, Unreadable)>,
    /// Rows lost to the table whether or not it has started yet (headers merged with data,
    /// headers broken in two).
    pending: Vec<(Span, Unreadable)>,
    shaped: Vec<Span>,
    /// Rows of figures before any header of the run.
    orphans: Vec<Span>,
    /// The run's first and last blocks.
    first_block: usize,
    last_block: usize,
    /// Index into `created` of the current row's first indicator, and of the row before's.
    row_start: usize,
    prev_row_start: usize,
    /// A total read from the current row, and from the row before.
    row_total: Option<usize>,
    prev_total: Option<usize>,
    created: Vec<usize>,
    totals: Vec<usize>,
    grades: Vec<usize>,
    scored: bool,
    /// Outline marker styles met in a single name column, in order of first use: their
    /// position is their level (`一、` 1, `（一）` 2, `1.` 3).
    marker_levels: Vec<MarkerStyle>,
}

impl TableState {
    fn new() -> TableState {
        TableState {
            layout: None,
            header_open: false,
            header_start: None,
            header_rows: 0,
            current: Vec::new(),
            first_span: None,
            last_span: None,
            rows: 0,
            project: false,
            unreadable: Vec::new(),
            pending: Vec::new(),
            shaped: Vec::new(),
            orphans: Vec::new(),
            first_block: 0,
            last_block: 0,
            row_start: 0,
            prev_row_start: 0,
            row_total: None,
            prev_total: None,
            created: Vec::new(),
            totals: Vec::new(),
            grades: Vec::new(),
            scored: false,
            marker_levels: Vec::new(),
        }
    }
}

/// Read the scorecard of a document: score tables, stated totals and grades. `None` when the
/// report states no score at all.
pub fn read(text: &str, doc: &Document) -> Option<Scorecard> {
    let mut r = Reader {
        text,
        carry: Vec::new(),
        carry_end: None,
        last_table_end: None,
        card: Scorecard {
            kind: CardKind::Department,
            tables: Vec::new(),
            indicators: Vec::new(),
            totals: Vec::new(),
            grades: Vec::new(),
        },
    };
    // Runs of consecutive table rows. A short line between two rows belongs to the run: a
    // cell broken onto a line of its own by the extraction (or a title, when a header follows).
    let is_row = |b: usize| {
        doc.blocks
            .get(b)
            .is_some_and(|b| matches!(b.kind, BlockKind::TableRow { .. }))
    };
    let mut run: Vec<usize> = Vec::new();
    for (bi, b) in doc.blocks.iter().enumerate() {
        // Between two rows, or right after the last one when it plainly continues a cell
        // (`0` of a score broken as `1⏎0`, `.9` of `94⏎.9`).
        let inside = !run.is_empty()
            && ((broken_cell(text, b) && is_row(bi + 1)) || continues_cell(text, b));
        if is_row(bi) || inside {
            run.push(bi);
        } else if !run.is_empty() {
            r.run(doc, &std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        r.run(doc, &run);
    }
    r.prose(doc);
    in_document_order(&mut r.card);
    link_twins(&mut r.card);
    let card = r.card;
    if card.tables.is_empty() && card.totals.is_empty() && card.grades.is_empty() {
        return None;
    }
    let project_table = card.tables.iter().any(|t| t.kind == CardKind::Project);
    let project_text = card.tables.is_empty()
        && card.totals.iter().any(|t| {
            doc.quantities
                .iter()
                .find(|q| q.span == t.score.span)
                .is_some_and(|q| q.label_text().contains("项目"))
        });
    let kind = if project_table || project_text {
        CardKind::Project
    } else {
        CardKind::Department
    };
    Some(Scorecard { kind, ..card })
}

/// Sort the indicators by position (parents stay before their children: they stand in an
/// earlier row or an earlier cell of the same row), renumbering every reference.
fn in_document_order(card: &mut Scorecard) {
    let mut order: Vec<usize> = (0..card.indicators.len()).collect();
    order.sort_by_key(|&i| card.indicators[i].name_span.start);
    let mut new_index = vec![0usize; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let remap = |i: Option<usize>| i.and_then(|i| new_index.get(i).copied());
    let mut sorted: Vec<Indicator> = order
        .iter()
        .filter_map(|&i| card.indicators.get(i).cloned())
        .collect();
    for ind in &mut sorted {
        ind.parent = remap(ind.parent);
        ind.twin = remap(ind.twin);
    }
    card.indicators = sorted;
    for t in &mut card.totals {
        for p in &mut t.parts {
            *p = new_index.get(*p).copied().unwrap_or(*p);
        }
    }
}

/// A line that may be a table cell broken onto a line of its own (`12.管理制度健全性` above
/// `3 | 3.00`): short, one line, no sentence in it.
fn broken_cell(text: &str, b: &crate::model::Block) -> bool {
    let t = text.get(b.span.start..b.span.end).unwrap_or("");
    !t.contains('\n') && t.chars().count() <= 40 && !t.contains(['。', '；', '！', '？'])
}

/// A line that can only be the end of a row: it starts with a digit, a decimal point, `%` or
/// closing punctuation, or it still holds the pipes of a Markdown row.
fn continues_cell(text: &str, b: &crate::model::Block) -> bool {
    let block = text.get(b.span.start..b.span.end).unwrap_or("");
    // The first line only: prose may have been joined onto the piece.
    let t = block.lines().next().unwrap_or("").trim();
    if t.starts_with(['.', '%', '，', '。', '；', '、', '）', '分'])
        || t.contains(" | ")
        || t.contains("||")
    {
        return true;
    }
    // A bare figure (`0`, `8.5`), not a date (`2024年…`) nor a list item (`1.存在问题`).
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let rest = &t[digits..];
    digits > 0
        && (rest.is_empty()
            || rest.starts_with(|c: char| c.is_whitespace() || matches!(c, '%' | '|'))
            || (rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit())))
}

/// Link each prose part to the one top-level indicator of the same name in a table read whole.
fn link_twins(card: &mut Scorecard) {
    let n = card.indicators.len();
    for p in 0..n {
        if !matches!(card.indicators[p].origin, Origin::Text { .. }) {
            continue;
        }
        let name = card.indicators[p].name.clone();
        let candidates: Vec<usize> = (0..n)
            .filter(|&t| {
                let ind = &card.indicators[t];
                ind.name == name
                    && ind.parent.is_none()
                    && ind.certain
                    && ind
                        .origin
                        .table()
                        .is_some_and(|tb| card.tables.get(tb).is_some_and(|t| t.whole))
            })
            .collect();
        if let [t] = candidates.as_slice() {
            let t = *t;
            card.indicators[p].twin = Some(t);
            if card.indicators[t].twin.is_none() {
                card.indicators[t].twin = Some(p);
            }
        }
    }
}
