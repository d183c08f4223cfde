//! Reading a scorecard from a parsed document: score tables from the table model's runs of
//! rows ([`crate::model::table::Grid`], laid out once by `crate::parse::table::grid`), totals
//! and grades from table rows and from the prose. Nothing here reads a table's text: which
//! lines are rows, their cells, which rows are headers and the columns they name, and what each
//! cell holds (a number, a percentage, a blank, a name with its outline marker, a target) are
//! the model's ([`crate::model::table::CellRead`]); the words that label totals, grades and
//! signatures are the vocabulary of `crate::parse::table::roles`. This module decides what the
//! rows mean as a scorecard: which figure is a weight and which a score, the indicators'
//! hierarchy, the rows that cannot be read with certainty.
//!
//! ## Tables
//! A run of rows may hold several tables in a row (the 项目资金 block, then the indicator
//! table). Inside a run, header rows start sections; consecutive header rows merge
//! (`一级指标 | 二级指标` over `名称 | 参考分值 | 名称 | 参考分值`). A header with a name
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
    CardKind, Figure, Funds, Indicator, Origin, ScoreTable, Scorecard, StatedGrade, StatedTotal,
    Unreadable,
};
use crate::model::table::{CellRead, Grid, GridCell};
use crate::model::{BlockKind, Document, MarkerStyle, Span, Unit};
use crate::parse::norm::{Norm, is_cjk};
use crate::parse::quantity::{Cue, CueKind};

mod cells;
mod column;
mod header;
mod prose;
mod rows;
#[cfg(test)]
mod tests;

use cells::*;
use column::*;
use header::*;

pub use crate::parse::table::roles::{GRADE_LABELS, GRADE_WORDS, TOTAL_LABELS, TRAILER_LABELS};

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
#[derive(Clone)]
struct Cell {
    span: Span,
    /// The folded text, marked with [`SPLIT`] when it holds figures run together.
    text: String,
    read: CellRead,
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
    // The runs of table rows the parser laid out (`crate::parse::table::grid::runs`).
    for g in &doc.grids {
        r.run(g);
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
