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

/// A cell's text folded (full-width to ASCII) with whitespace removed.
pub(crate) fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(fold)
        .collect()
}

pub(crate) use crate::parse::table::cell::parse_number;

/// A cell that is a plain number, optionally followed by `分`.
fn cell_number(text: &str, span: Span) -> Option<Figure> {
    let t = clean(text);
    let t = t.strip_suffix('分').unwrap_or(&t);
    parse_number(t).map(|(value, decimals)| Figure {
        value,
        decimals,
        span,
    })
}

/// A cell that can be a weight or a score: a plain number no greater than 100. A larger one
/// is two cells glued by the extraction (`1515` for 15 | 15) or not a score at all.
fn cell_points(text: &str, span: Span) -> Option<Figure> {
    cell_number(text, span).filter(|f| f.value <= Decimal::ONE_HUNDRED)
}

/// A cell that is a percentage (`97.44%`) or a plain number read as one.
fn cell_percent(text: &str, span: Span) -> Option<Figure> {
    let t = clean(text);
    let t = t.strip_suffix('%').unwrap_or(&t);
    parse_number(t).map(|(value, decimals)| Figure {
        value,
        decimals,
        span,
    })
}

/// Cells that say "nothing here": empty, dashes, slashes.
fn is_blank(t: &str) -> bool {
    t.chars()
        .all(|c| matches!(c, '-' | '—' | '－' | '/' | '\\' | '–' | '―' | '、' | '*'))
}

/// Marks a cell whose figures were separated by whitespace.
const SPLIT: char = '\u{2423}';

/// Whether a cell holds figures separated by whitespace (`4 3.5`, `10 9.5`).
fn split_figures(raw: &str) -> bool {
    let c: Vec<char> = raw.trim().chars().collect();
    (1..c.len()).any(|i| {
        c[i].is_whitespace()
            && c[..i]
                .last()
                .is_some_and(|p| p.is_ascii_digit() || *p == '.')
            && c[i + 1..]
                .iter()
                .find(|x| !x.is_whitespace())
                .is_some_and(|n| n.is_ascii_digit() || *n == '.')
    })
}

/// Extraction debris: HTML paragraphs, TeX formulas.
fn has_markup(t: &str) -> bool {
    t.contains("<p>") || t.contains("</p>") || t.contains("$\\") || t.contains("\\leq")
}

/// A target or actual value: `≥1200座`, `97.6%`, `≤1500元/座`, `90%以上`, read with the one
/// qualifier vocabulary ([`crate::parse::qualifier`]).
pub(crate) fn parse_measure(text: &str, span: Span) -> Option<Measure> {
    crate::parse::table::cell::measure(text, span)
}

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An indicator name column, with its level when the header says it (一级指标 → 1).
    Name(Option<u8>),
    Weight,
    Score,
    Target,
    Actual,
    Criteria,
    Description,
    Note,
    FundsLabel,
    BudgetInitial,
    BudgetYear,
    Spent,
    Rate,
    /// A known column of a non-scoring section (年度总体目标, 预期目标, 序号).
    Other,
}

impl Role {
    /// Which role wins when header rows are merged: a levelled name over a bare one, any
    /// specific column over a spanning title.
    fn rank(self) -> u8 {
        match self {
            Role::Name(Some(_)) => 3,
            Role::Name(None) => 1,
            Role::Other => 0,
            _ => 2,
        }
    }
}

/// Remove `（…）` parts: `项目资金（万元）` → `项目资金`.
fn strip_parens(t: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in t.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn header_role(cell: &str) -> Option<Role> {
    let t = strip_parens(&clean(cell));
    let role = match t.as_str() {
        "一级指标" => Role::Name(Some(1)),
        "二级指标" => Role::Name(Some(2)),
        "三级指标" => Role::Name(Some(3)),
        "四级指标" => Role::Name(Some(4)),
        "评价指标" | "指标" | "指标名称" | "考核指标" | "绩效指标" | "名称" | "指标内容"
        | "评价内容" => Role::Name(None),
        "分值" | "权重" | "参考分值" | "标准分值" | "指标分值" | "满分" | "标准分" | "权重分值"
        | "分值权重" | "指标权重" => Role::Weight,
        "得分" | "自评得分" | "评价得分" | "分数" | "评分" | "实际得分" | "考核得分" | "自评分"
        | "自评分数" | "评分结果" | "得分情况" => Role::Score,
        "年度指标值" | "指标值" | "目标值" | "年度目标值" | "预期指标值" | "计划指标值"
        | "年度目标" => Role::Target,
        "实际完成值"
        | "完成值"
        | "实际值"
        | "全年实际值"
        | "全年实际完成值"
        | "实际完成指标值"
        | "实际完成" => Role::Actual,
        "评分标准" | "参考评分标准" | "评分细则" | "评分办法" | "计分方法" | "评分规则"
        | "评分要点" => Role::Criteria,
        "指标说明" | "指标解释" | "指标内涵" | "说明" | "评价要点" => {
            Role::Description
        }
        "偏差原因分析及改进措施"
        | "偏差原因分析"
        | "偏差原因"
        | "备注"
        | "扣分原因"
        | "扣分说明"
        | "原因分析"
        | "未完成原因分析"
        | "偏差原因分析及改进措施说明" => Role::Note,
        "项目资金" | "资金情况" => Role::FundsLabel,
        "年初预算数" | "年初预算" => Role::BudgetInitial,
        "全年预算数" | "全年预算" | "调整后预算数" => Role::BudgetYear,
        "全年执行数" | "全年执行" | "实际执行数" => Role::Spent,
        "执行率" | "预算执行率" => Role::Rate,
        "年度总体目标" | "总体目标" | "预期目标" | "实际完成情况" | "序号" => {
            Role::Other
        }
        _ => return None,
    };
    Some(role)
}

/// The roles of a row's cells when it is a header: at least two named cells, every non-empty
/// cell a known column name.
fn header_roles(cells: &[String]) -> Option<Vec<Option<Role>>> {
    let mut named = 0;
    let mut roles = Vec::with_capacity(cells.len());
    for c in cells {
        if c.is_empty() {
            roles.push(None);
            continue;
        }
        let r = header_role(c)?;
        named += 1;
        roles.push(Some(r));
    }
    (named >= 2).then_some(roles)
}

/// Whether the cells of a line name the columns of a score table (`一级指标 分值 得分`): the
/// parser uses it to read space-aligned text tables.
pub fn is_score_header(cells: &[&str]) -> bool {
    let cleaned: Vec<String> = cells.iter().map(|c| clean(c)).collect();
    header_roles(&cleaned).is_some_and(|roles| Layout::new(roles).kind != SectionKind::Other)
}

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

/// An outline marker at the start of a cell (`一、投入`, `（一）目标设定`, `1.绩效目标合理性`):
/// its style and the byte length of the marker in `t`.
fn cell_marker(t: &str) -> Option<(MarkerStyle, usize)> {
    crate::parse::structure::marker_at(t).map(|(style, _, len)| (style, len))
}

/// Whether a cleaned cell reads as an indicator name (after its outline marker, if any): short,
/// not a number, no sentence punctuation, no scoring wording (`扣1分`, `得满分`).
fn is_name(t: &str) -> bool {
    let t = match cell_marker(t) {
        Some((_, len)) => &t[len..],
        None => t,
    };
    let n = t.chars().count();
    let points = t
        .char_indices()
        .any(|(i, c)| c == '分' && t[..i].ends_with(|d: char| d.is_ascii_digit()));
    // Glued figures (`资金管理109.5`, `.88`) are not names.
    let glued = t.ends_with(|c: char| c.is_ascii_digit())
        || t.starts_with(|c: char| matches!(c, '.' | '%' | SPLIT))
        || t.char_indices().any(|(i, c)| {
            c == '.'
                && t[..i].ends_with(|d: char| d.is_ascii_digit())
                && t[i + 1..].starts_with(|d: char| d.is_ascii_digit())
        });
    n > 0
        && n <= 30
        && !glued
        && parse_number(t).is_none()
        && !t.contains(['。', '；', '，', '<', '>', '$', '=', '%', '×', '≥', '≤'])
        && !t.contains("扣")
        && !t.contains("满分")
        && !t.contains("得分")
        && !points
}

/// A name cell's name without its outline marker, the name's source span and the marker's
/// style.
fn name_of(text: &str, cell: &Cell) -> (String, Span, Option<MarkerStyle>) {
    let src = text.get(cell.span.start..cell.span.end).unwrap_or("");
    match crate::parse::structure::marker_at(src) {
        Some((style, _, len)) => {
            let rest = crate::parse::structure::trim_span(
                text,
                Span::new(cell.span.start + len, cell.span.end),
            );
            let name = clean(text.get(rest.start..rest.end).unwrap_or(""));
            if name.is_empty() {
                (cell.text.clone(), cell.span, None)
            } else {
                (name, rest, Some(style))
            }
        }
        None => (cell.text.clone(), cell.span, None),
    }
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

impl<'a> Reader<'a> {
    fn cells(&self, spans: &[Span]) -> Vec<Cell> {
        spans
            .iter()
            .map(|s| {
                let raw = self.text.get(s.start..s.end).unwrap_or("");
                let mut text = clean(raw);
                // `4 3.5` is two figures run together, not 43.5: mark the cell so that it
                // reads as no figure and no name.
                if split_figures(raw) {
                    text.insert(0, SPLIT);
                }
                Cell { span: *s, text }
            })
            .collect()
    }

    fn push(&mut self, ind: Indicator, st: &mut TableState) -> usize {
        self.card.indicators.push(ind);
        let i = self.card.indicators.len() - 1;
        st.created.push(i);
        i
    }

    /// Read one run of consecutive table rows.
    fn run(&mut self, doc: &Document, blocks: &[usize]) {
        let mut st = TableState::new();
        st.first_block = blocks.first().copied().unwrap_or(0);
        st.last_block = blocks.last().copied().unwrap_or(0);
        let mut table_index = self.card.tables.len();
        for &bi in blocks {
            let Some(block) = doc.blocks.get(bi) else {
                continue;
            };
            let BlockKind::TableRow { cells } = &block.kind else {
                // A line between rows: the title of a table that starts here, or a cell
                // broken off its row.
                let next_is_header = blocks
                    .iter()
                    .skip_while(|&&b| b != bi)
                    .nth(1)
                    .and_then(|&b| doc.blocks.get(b))
                    .and_then(|b| match &b.kind {
                        BlockKind::TableRow { cells } => Some(self.cells(cells)),
                        _ => None,
                    })
                    .is_some_and(|cells| {
                        let texts: Vec<String> = cells.iter().map(|c| c.text.clone()).collect();
                        header_roles(&texts).is_some()
                    });
                // A title has words; `—` or `9.72` on a line of its own is a broken cell.
                let line = self
                    .text
                    .get(block.span.start..block.span.end)
                    .unwrap_or("");
                let worded = line.chars().filter(|c| is_cjk(*c)).count() >= 2;
                if next_is_header && worded {
                    let mut next = TableState::new();
                    next.first_block = bi;
                    next.last_block = st.last_block;
                    self.finish(std::mem::replace(&mut st, next));
                    table_index = self.card.tables.len();
                } else if st.first_span.is_some() {
                    st.rows += 1;
                    st.last_span = Some(block.span);
                    st.unreadable.push((block.span, Unreadable::Fragment));
                    // The piece most likely belongs to the row above it: that row's figures
                    // are not certain any more.
                    st.prev_row_start = st.row_start;
                    st.row_start = st.created.len();
                    st.prev_total = st.row_total.take();
                    self.piece(&mut st);
                }
                continue;
            };
            let cells = self.cells(cells);
            if cells.iter().all(|c| c.text.is_empty()) {
                continue;
            }
            // Where this row's indicators start, and the row before's (for a broken cell).
            st.prev_row_start = st.row_start;
            st.row_start = st.created.len();
            st.prev_total = st.row_total.take();
            let texts: Vec<String> = cells.iter().map(|c| c.text.clone()).collect();
            if let Some(roles) = header_roles(&texts) {
                let roles = match (&st.layout, st.header_open) {
                    (Some(l), true) => {
                        let (roles, guessed) = merge_roles(&l.roles, &roles);
                        if guessed {
                            st.pending.push((
                                block.span,
                                Unreadable::Misaligned {
                                    cells: cells.len(),
                                    header: l.width,
                                },
                            ));
                        }
                        roles
                    }
                    _ => roles,
                };
                if !st.header_open {
                    st.header_start = Some(block.span);
                }
                let layout = Layout::new(roles);
                if layout.kind != SectionKind::Other && st.first_span.is_none() {
                    st.first_span = st.header_start.or(Some(block.span));
                    // Header rows before this one belong to the table too.
                    st.rows += st.header_rows;
                }
                st.project |= layout.is_project();
                st.layout = Some(layout);
                st.current.clear();
                if st.first_span.is_some() {
                    st.rows += 1;
                    st.last_span = Some(block.span);
                } else {
                    st.header_rows = if st.header_open {
                        st.header_rows + 1
                    } else {
                        1
                    };
                }
                st.header_open = true;
                continue;
            }
            st.header_open = false;
            if garbled_header(&texts) {
                // A header merged with data: whatever it held is lost to the table.
                st.pending.push((
                    block.span,
                    Unreadable::Misaligned {
                        cells: cells.len(),
                        header: st.layout.as_ref().map(|l| l.width).unwrap_or(0),
                    },
                ));
                continue;
            }
            let Some(layout) = st.layout.clone() else {
                // Score rows with no header above them: the rest of a table the extraction
                // broke off (see `finish`).
                if numeric_cells(&cells) >= 2 {
                    st.orphans.push(block.span);
                }
                continue;
            };
            if st.first_span.is_none() {
                // Figures under a header that was not read as a scoring one (its 得分 column
                // broken off onto a line of its own): rows lost to the table that follows.
                if numeric_cells(&cells) >= 2 {
                    st.pending.push((
                        block.span,
                        Unreadable::Misaligned {
                            cells: cells.len(),
                            header: layout.width,
                        },
                    ));
                }
                continue;
            }
            let first = cells
                .iter()
                .find(|c| !c.text.is_empty())
                .map(|c| c.text.as_str())
                .unwrap_or("");
            if TRAILER_LABELS.iter().any(|t| first.starts_with(t)) {
                continue;
            }
            // `.88 | | 结转结余率 | 4 | 4`: the row starts with the end of the row above.
            if first.starts_with(['.', '%', '，', '。', '；', '、', '）']) {
                st.rows += 1;
                st.last_span = Some(block.span);
                let span = cells.iter().find(|c| !c.text.is_empty()).map(|c| c.span);
                st.unreadable
                    .push((span.unwrap_or(block.span), Unreadable::Fragment));
                self.piece(&mut st);
                continue;
            }
            st.rows += 1;
            st.last_span = Some(block.span);
            if self.grade_row(&cells, &mut st) {
                continue;
            }
            if TOTAL_LABELS.contains(&strip_parens(first).as_str()) {
                self.total_row(&cells, &layout, table_index, bi, &mut st);
                continue;
            }
            match layout.kind {
                SectionKind::Other => {
                    st.rows -= 1;
                    // Figures in a section that holds none: score rows under a header that
                    // was not read as theirs.
                    if numeric_cells(&cells) >= 2 {
                        let span = cells.first().map(|c| c.span).unwrap_or_default();
                        st.unreadable.push((
                            span,
                            Unreadable::Misaligned {
                                cells: cells.len(),
                                header: layout.width,
                            },
                        ));
                    }
                }
                SectionKind::Funds => self.funds_row(&cells, &layout, table_index, bi, &mut st),
                SectionKind::Indicators => {
                    let fits = self.column_row(&cells, &layout, table_index, bi, false, &mut st)
                        || realigned(&cells, layout.width).is_some_and(|cells| {
                            self.column_row(&cells, &layout, table_index, bi, true, &mut st)
                        });
                    if !fits {
                        self.shape_row(&cells, table_index, bi, &mut st);
                    }
                }
            }
        }
        self.finish(st);
    }

    /// `评分等级 | 优`.
    fn grade_row(&mut self, cells: &[Cell], st: &mut TableState) -> bool {
        let filled: Vec<&Cell> = cells.iter().filter(|c| !c.text.is_empty()).collect();
        // `评分等级 | 优` starts its row; a grade label further along is a row merged with
        // another, read as a whole elsewhere.
        for (k, c) in filled.iter().enumerate().take(1) {
            let label = c.text.trim_end_matches(['：', ':']);
            if !GRADE_LABELS.contains(&label) {
                continue;
            }
            let Some(next) = filled.get(k + 1) else {
                continue;
            };
            let word = next.text.trim_matches(['“', '”', '"', '「', '」']);
            if let Some(g) = GRADE_WORDS.iter().find(|g| **g == word) {
                let start = self
                    .text
                    .get(next.span.start..next.span.end)
                    .and_then(|s| s.find(g))
                    .map(|o| next.span.start + o)
                    .unwrap_or(next.span.start);
                self.card.grades.push(StatedGrade {
                    word: (*g).to_string(),
                    span: Span::new(start, start + g.len()),
                    total: None,
                });
                st.grades.push(self.card.grades.len() - 1);
                return true;
            }
        }
        false
    }

    /// `合计 | 100 | 95`, `综合评分 | 98.0`, `总分 | | | 100 | 99.65`. The figures in order
    /// (one: the score; two: the weight, then the score) must agree with the columns they stand
    /// in; a row shifted by the extraction is still read, but the table is not whole.
    fn total_row(
        &mut self,
        cells: &[Cell],
        layout: &Layout,
        table: usize,
        block: usize,
        st: &mut TableState,
    ) {
        let span = cells.first().map(|c| c.span).unwrap_or_default();
        let filled: Vec<&Cell> = cells
            .iter()
            .skip(1)
            .filter(|c| !c.text.is_empty() && !is_blank(&c.text))
            .collect();
        // A total may be written wrong (`合计 105`), but never runs to four digits: that is a
        // weight and a score glued together (`10095`).
        let numbers: Vec<Figure> = filled
            .iter()
            .filter_map(|c| cell_number(&c.text, c.span))
            .filter(|f| f.value < Decimal::ONE_THOUSAND)
            .collect();
        let (weight, score) = match (numbers.as_slice(), filled.len() == numbers.len()) {
            ([s], true) => (None, s.clone()),
            ([w, s], true) => (Some(w.clone()), s.clone()),
            _ => {
                st.unreadable.push((span, Unreadable::Ambiguous));
                return;
            }
        };
        let at = |c: Option<usize>| {
            c.and_then(|c| cells.get(c))
                .and_then(|c| cell_number(&c.text, c.span))
        };
        let leaf_weight = layout
            .weight
            .or_else(|| layout.paired.last().map(|(_, c)| *c));
        let by_column = (at(leaf_weight), at(layout.score));
        // A row read in order rather than by position: fewer cells than the header and none
        // of them empty (a label and its value, or a space-aligned row whose empty cells
        // vanished).
        let short = cells.len() < layout.width && cells.iter().all(|c| !c.text.is_empty());
        // `综合评分 98.0` names a score; `合计 100` may be the total weight alone.
        let label = cells
            .first()
            .map(|c| strip_parens(&c.text))
            .unwrap_or_default();
        let names_score = !matches!(label.as_str(), "合计" | "总计");
        let in_score_column = by_column.1.as_ref().map(|f| f.span) == Some(score.span);
        if weight.is_none()
            && !in_score_column
            && (by_column.0.as_ref().map(|f| f.span) == Some(score.span) || (short && !names_score))
        {
            // `合计 | 100 |`: the total weight alone, no total score.
            return;
        }
        let agrees = match &weight {
            // `综合评分 | 98.0`: a label and its value leave no doubt.
            None => (short && names_score) || in_score_column,
            // The total weight may stand under any 分值 column (the first level's, in a
            // table with a 分值 column per level); a short row (empty cells lost, as in a
            // space-aligned table) is read in order.
            Some(w) => {
                short
                    || by_column.1.as_ref().map(|f| f.span) == Some(score.span)
                        && cells.iter().enumerate().any(|(i, c)| {
                            c.span == w.span
                                && layout.roles.get(i).copied().flatten() == Some(Role::Weight)
                        })
            }
        };
        if !agrees {
            // Not where the header puts a total: read in order it may be right, but it is not
            // certain enough to judge anything by.
            st.unreadable.push((
                span,
                Unreadable::Misaligned {
                    cells: cells.len(),
                    header: layout.width,
                },
            ));
            return;
        }
        self.card.totals.push(StatedTotal {
            score,
            weight,
            origin: Origin::Table { table, block },
            parts: Vec::new(),
        });
        st.totals.push(self.card.totals.len() - 1);
        st.row_total = Some(self.card.totals.len() - 1);
        st.scored = true;
    }

    /// `年度资金总额 | 850.00 | 912.46 | 889.14 | 10 | 97.44% | 9.74`.
    fn funds_row(
        &mut self,
        cells: &[Cell],
        layout: &Layout,
        table: usize,
        block: usize,
        st: &mut TableState,
    ) {
        let get = |c: Option<usize>| c.and_then(|c| cells.get(c));
        let empty =
            |c: Option<usize>| get(c).is_none_or(|c| c.text.is_empty() || is_blank(&c.text));
        let weight_col = layout.weight;
        let aligned = cells.len() == layout.width
            || (cells.len() > layout.width
                && cells[layout.width..].iter().all(|c| c.text.is_empty()));
        let label = cells
            .iter()
            .find(|c| !c.text.is_empty())
            .map(|c| c.text.as_str())
            .unwrap_or("");
        let main_row = label.contains("资金总额");
        if (aligned && !main_row && empty(weight_col) && empty(layout.score))
            || (!main_row && numeric_cells(cells) == 0)
        {
            // 其中：本年财政拨款 …: amounts without a score of their own; 年度总体目标 …: no
            // amounts at all.
            return;
        }
        let weight = get(weight_col).and_then(|c| cell_points(&c.text, c.span));
        let score = get(layout.score).and_then(|c| cell_points(&c.text, c.span));
        let label_col = layout.funds_label.unwrap_or(0);
        let (Some(weight), Some(score), true) = (weight, score, aligned) else {
            let span = cells.first().map(|c| c.span).unwrap_or_default();
            st.unreadable.push((
                span,
                Unreadable::Misaligned {
                    cells: cells.len(),
                    header: layout.width,
                },
            ));
            return;
        };
        let amount = |c: Option<usize>| get(c).and_then(|c| cell_number(&c.text, c.span));
        // Every amount in its place, and a weight that is one: a row shifted or glued by the
        // extraction (`896.3410` for 896.34 | 10) fails here.
        // A figure in a column the header does not name: the row or the header shifted.
        let stray = cells.iter().enumerate().any(|(i, c)| {
            layout.roles.get(i).copied().flatten().is_none()
                && cell_number(&c.text, c.span).is_some()
        });
        let amounts_present = !stray
            && [layout.budget, layout.spent]
                .into_iter()
                .all(|c| c.is_none() || amount(c).is_some())
            && get(layout.initial).is_none_or(|c| {
                c.text.is_empty() || is_blank(&c.text) || amount(layout.initial).is_some()
            });
        if !amounts_present
            || weight.value > Decimal::ONE_HUNDRED
            || score.value > weight.value + Decimal::ONE
        {
            let span = cells.first().map(|c| c.span).unwrap_or_default();
            st.unreadable.push((
                span,
                Unreadable::Misaligned {
                    cells: cells.len(),
                    header: layout.width,
                },
            ));
            return;
        }
        let funds = Funds {
            initial: amount(layout.initial),
            budget: amount(layout.budget),
            spent: amount(layout.spent),
            rate: get(layout.rate).and_then(|c| cell_percent(&c.text, c.span)),
        };
        let label = cells.get(label_col);
        let name_span = label.map(|c| c.span).unwrap_or(score.span);
        let mut ind = Indicator::new(
            "预算执行率".to_string(),
            name_span,
            1,
            Origin::Table { table, block },
        );
        if let Some(l) = label
            && !l.text.is_empty()
        {
            ind.path = vec![l.text.clone()];
        }
        ind.weight = Some(weight);
        ind.score = Some(score);
        ind.funds = Some(funds);
        self.push(ind, st);
        st.current.clear();
        st.scored = true;
    }

    /// Read a row by the header's columns. `false` when it does not line up (and then it has
    /// changed nothing).
    fn column_row(
        &mut self,
        cells: &[Cell],
        layout: &Layout,
        table: usize,
        block: usize,
        realigned: bool,
        st: &mut TableState,
    ) -> bool {
        // Alignment: no extra filled cells, no essential column missing.
        if cells.len() > layout.width && cells[layout.width..].iter().any(|c| !c.text.is_empty()) {
            return false;
        }
        if cells.len() < layout.width && !(cells.len()..layout.width).all(|c| layout.optional(c)) {
            return false;
        }
        if cells.iter().any(|c| has_markup(&c.text)) {
            return false;
        }
        // A bare number in a column of words (说明, 评分标准, 偏差原因) was pushed there from
        // the weight or score column.
        let wordy = |c: usize| {
            matches!(
                layout.roles.get(c).copied().flatten(),
                Some(Role::Note) | Some(Role::Criteria) | Some(Role::Description)
            )
        };
        // …or in a column the header does not name at all.
        let unnamed = |c: usize| layout.roles.get(c).copied().flatten().is_none();
        if cells
            .iter()
            .enumerate()
            .any(|(i, c)| (wordy(i) || unnamed(i)) && cell_number(&c.text, c.span).is_some())
        {
            return false;
        }
        let text_at = |c: usize| cells.get(c).map(|c| c.text.as_str()).unwrap_or("");
        // In a table with a 分值 column per level, a weight stands beside its level's name.
        for &(level, wc) in &layout.paired {
            let w = text_at(wc);
            if w.is_empty() || is_blank(w) {
                continue;
            }
            let named = layout
                .names
                .iter()
                .find(|(_, l)| *l == level)
                .is_some_and(|&(nc, _)| {
                    let n = text_at(nc);
                    !n.is_empty() && !is_blank(n)
                });
            if !named || cell_points(w, Span::default()).is_none() {
                return false;
            }
        }
        // Names where names stand. In a single name column, outline markers give the level
        // (`一、投入` over `（一）目标设定` over `1.绩效目标合理性`).
        let single = layout.names.len() == 1;
        let mut names: Vec<(u8, usize, String, Span)> = Vec::new();
        let mut new_style = None;
        for &(col, level) in &layout.names {
            let t = text_at(col);
            if t.is_empty() || is_blank(t) {
                continue;
            }
            if !is_name(t) {
                return false;
            }
            let Some(cell) = cells.get(col) else {
                return false;
            };
            let (name, span, marker) = name_of(self.text, cell);
            let level = match (single, marker) {
                (true, Some(style)) => match st.marker_levels.iter().position(|m| *m == style) {
                    Some(p) => p as u8 + 1,
                    None => {
                        new_style = Some(style);
                        st.marker_levels.len() as u8 + 1
                    }
                },
                // A row without a marker among rows with them has no certain level.
                (true, None) if !st.marker_levels.is_empty() => return false,
                _ => level,
            };
            names.push((level, col, name, span));
        }
        // Numbers (or nothing) where weights and scores stand.
        let number_or_blank = |c: Option<usize>| -> Result<Option<Figure>, ()> {
            let Some(c) = c else { return Ok(None) };
            let Some(cell) = cells.get(c) else {
                return Ok(None);
            };
            if cell.text.is_empty() || is_blank(&cell.text) {
                return Ok(None);
            }
            cell_points(&cell.text, cell.span).map(Some).ok_or(())
        };
        let Ok(score) = number_or_blank(layout.score) else {
            return false;
        };
        let Some(&(leaf_level, ..)) = names.last() else {
            // No name: a row of figures only, or one that starts mid-figure or mid-sentence
            // (`.5 | 汛期停工…`), is the rest of the row above; notes alone are let be.
            let any_number = cells.iter().any(|c| cell_number(&c.text, c.span).is_some());
            let continues = cells.iter().any(|c| {
                c.text.starts_with(|ch: char| {
                    ch.is_ascii_digit()
                        || matches!(ch, '.' | '%' | '，' | '。' | '；' | '、' | '）')
                })
            });
            return !any_number && !continues && !realigned;
        };
        // A row moved by a tab is taken only when that puts its name in the last name column
        // (a leaf under the rows above), never when it would make it a group of its own; in a
        // project table (年度指标值, 实际完成值) every row of figures names its 三级指标.
        let deepest = layout.names.iter().map(|n| n.1).max();
        let must_be_deepest = realigned
            || (layout.is_project()
                && cells.iter().any(|c| cell_number(&c.text, c.span).is_some()));
        if must_be_deepest && layout.names.len() > 1 && Some(leaf_level) != deepest {
            return false;
        }
        let Ok(weight) = number_or_blank(layout.weight_col(leaf_level)) else {
            return false;
        };
        // A score with its weight column empty: the weight moved or glued into the score
        // (`结转结余率 | | 44` for 4 | 4).
        if score.is_some() && weight.is_none() && layout.weight_col(leaf_level).is_some() {
            return false;
        }
        // Ancestor weights in a paired layout.
        let mut ancestor_weights = Vec::new();
        for &(level, ..) in &names[..names.len() - 1] {
            let Ok(w) = number_or_blank(layout.ancestor_weight_col(level)) else {
                return false;
            };
            ancestor_weights.push(w);
        }
        // Target and actual: figures when they are.
        let measure = |c: Option<usize>| {
            c.and_then(|c| cells.get(c))
                .and_then(|c| parse_measure(&c.text, c.span))
        };
        let target = measure(layout.target);
        let actual = measure(layout.actual);

        // The row's last name repeating a group that already has indicators under it, with
        // figures of its own: a row whose own name was lost or pushed into another column.
        if let Some((level, _, name, _)) = names.last() {
            let group = st
                .current
                .get(*level as usize - 1)
                .copied()
                .flatten()
                .filter(|&i| self.card.indicators.get(i).is_some_and(|g| g.name == *name));
            let has_children =
                group.is_some_and(|g| self.card.indicators.iter().any(|c| c.parent == Some(g)));
            if has_children && (weight.is_some() || score.is_some()) {
                return false;
            }
        }
        // The row is read: a marker style met for the first time takes the next level.
        if let Some(style) = new_style {
            st.marker_levels.push(style);
        }
        // Place the row in the hierarchy.
        let max_level = names
            .iter()
            .map(|n| n.0)
            .chain(layout.names.last().map(|(_, l)| *l))
            .max()
            .unwrap_or(1) as usize;
        if st.current.len() < max_level {
            st.current.resize(max_level, None);
        }
        for (k, (level, _col, name, name_span)) in names.iter().enumerate() {
            let level = *level;
            let lvl = level as usize;
            // The nearest node above this level.
            let parent = (1..lvl)
                .rev()
                .find_map(|l| st.current.get(l - 1).copied().flatten());
            let is_leaf = k == names.len() - 1;
            let reuse = st.current.get(lvl - 1).copied().flatten().filter(|&i| {
                let ind = &self.card.indicators[i];
                ind.name == *name && ind.parent == parent && (!is_leaf || ind.score.is_none())
            });
            let node = match reuse {
                Some(i) => i,
                None => {
                    let mut ind = Indicator::new(
                        name.clone(),
                        *name_span,
                        level,
                        Origin::Table { table, block },
                    );
                    ind.parent = parent;
                    self.push(ind, st)
                }
            };
            if !is_leaf && let Some(Some(w)) = ancestor_weights.get(k) {
                let ind = &mut self.card.indicators[node];
                match &ind.weight {
                    Some(old) if old.value != w.value => {
                        // The same group stated with two weights: the table is not what it
                        // seems; read the row by its shape instead.
                        st.unreadable.push((w.span, Unreadable::Conflict));
                    }
                    Some(_) => {}
                    None => ind.weight = Some(w.clone()),
                }
            }
            let changed = st.current.get(lvl - 1).copied().flatten() != Some(node);
            if let Some(slot) = st.current.get_mut(lvl - 1) {
                *slot = Some(node);
            }
            if changed {
                for slot in st.current.iter_mut().skip(lvl) {
                    *slot = None;
                }
            }
            if is_leaf {
                let ind = &mut self.card.indicators[node];
                if weight.is_some() {
                    ind.weight = weight.clone();
                }
                if score.is_some() {
                    ind.score = score.clone();
                    st.scored = true;
                }
                ind.target = target.clone();
                ind.actual = actual.clone();
                ind.criteria = layout
                    .criteria
                    .iter()
                    .filter_map(|&c| cells.get(c))
                    .filter(|c| !c.text.is_empty())
                    .map(|c| c.span)
                    .collect();
            }
        }
        true
    }

    /// Read a row that does not line up with its header by its own shape:
    /// `(名称+ 分值)+ 说明* 得分`.
    fn shape_row(&mut self, cells: &[Cell], table: usize, block: usize, st: &mut TableState) {
        let row_span = cells
            .iter()
            .find(|c| !c.text.is_empty())
            .map(|c| c.span)
            .unwrap_or_default();
        if cells.iter().any(|c| has_markup(&c.text)) {
            st.unreadable.push((row_span, Unreadable::Markup));
            return;
        }
        let tokens: Vec<Token> = cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.text.is_empty() && !is_blank(&c.text))
            .map(|(i, c)| match cell_number(&c.text, c.span) {
                Some(f) if f.value <= Decimal::ONE_HUNDRED => Token::Num(f),
                // A number too large for a score: glued cells, not to be guessed at.
                Some(_) => Token::Text(i),
                None if is_name(&c.text) => Token::Name(i),
                None => Token::Text(i),
            })
            .collect();
        // Figures run into words (`23.6合计100`): another row merged into this one.
        let glued = tokens.iter().any(|t| match t {
            Token::Text(i) => cells.get(*i).is_some_and(|c| {
                let t = c.text.as_str();
                TOTAL_LABELS.iter().any(|l| {
                    t.match_indices(l)
                        .any(|(k, _)| t[..k].ends_with(|ch: char| ch.is_ascii_digit()))
                }) || t.ends_with(|ch: char| ch.is_ascii_digit())
                    || t.split(|ch: char| !(ch.is_ascii_digit() || ch == '.'))
                        .next()
                        .is_some_and(|lead| lead.contains('.') && lead.len() > 2)
            }),
            _ => false,
        });
        if glued {
            st.unreadable.push((row_span, Unreadable::Ambiguous));
            self.piece(st);
            return;
        }
        if !tokens.iter().any(|t| matches!(t, Token::Num(_))) {
            let width = st.layout.as_ref().map(|l| l.width).unwrap_or(0);
            // Words only: a broken piece of text, or a name whose figures went to another
            // line (`| | 公众或` — a row shorter than its header).
            if tokens.iter().any(|t| matches!(t, Token::Text(_))) || cells.len() < width {
                st.unreadable.push((row_span, Unreadable::Fragment));
                self.piece(st);
            }
            return;
        }
        // Groups of names, each closed by a weight.
        let mut k = 0;
        let mut groups: Vec<(Vec<usize>, Figure)> = Vec::new();
        loop {
            let start = k;
            while let Some(Token::Name(i)) = tokens.get(k) {
                let _ = i;
                k += 1;
            }
            if k == start {
                break;
            }
            match tokens.get(k) {
                Some(Token::Num(f)) => {
                    let names = tokens[start..k]
                        .iter()
                        .filter_map(|t| match t {
                            Token::Name(i) => Some(*i),
                            _ => None,
                        })
                        .collect();
                    groups.push((names, f.clone()));
                    k += 1;
                }
                _ => {
                    k = start;
                    break;
                }
            }
        }
        let texts: Vec<usize> = tokens[k..]
            .iter()
            .take_while(|t| matches!(t, Token::Text(_)))
            .filter_map(|t| match t {
                Token::Text(i) => Some(*i),
                _ => None,
            })
            .collect();
        let after = k + texts.len();
        let reason = match (groups.is_empty(), &tokens[after..]) {
            (true, _) => {
                // No name before its figures: a piece of the row above.
                self.piece(st);
                Some(Unreadable::Ambiguous)
            }
            (false, []) => Some(Unreadable::NoScore),
            (false, [Token::Num(_)]) => None,
            (false, _) => Some(Unreadable::Ambiguous),
        };
        if let Some(reason) = reason {
            st.unreadable.push((row_span, reason));
            return;
        }
        let (Some(Token::Num(score)), Some((names, weight))) = (tokens.last(), groups.last())
        else {
            st.unreadable.push((row_span, Unreadable::Ambiguous));
            return;
        };
        let Some(&leaf_col) = names.last() else {
            st.unreadable.push((row_span, Unreadable::Ambiguous));
            return;
        };
        let path: Vec<String> = groups
            .iter()
            .flat_map(|(n, _)| n.iter())
            .filter(|&&c| c != leaf_col)
            .filter_map(|&c| cells.get(c).map(|c| c.text.clone()))
            .collect();
        let Some(leaf) = cells.get(leaf_col) else {
            return;
        };
        let (name, name_span, _) = name_of(self.text, leaf);
        let level = (path.len() + 1).min(4) as u8;
        let mut ind = Indicator::new(name, name_span, level, Origin::Table { table, block });
        ind.path = path;
        ind.weight = Some(weight.clone());
        ind.score = Some(score.clone());
        ind.criteria = texts
            .iter()
            .filter_map(|&i| cells.get(i))
            .map(|c| c.span)
            .collect();
        self.push(ind, st);
        st.current.clear();
        st.scored = true;
        // A row read by its shape has no certain place in the table: the table is not whole.
        st.shaped.push(row_span);
    }

    fn finish(&mut self, mut st: TableState) {
        // Two runs a line or two apart may be one table broken by the extraction.
        let near = |end: Option<usize>| end.is_some_and(|e| st.first_block.saturating_sub(e) <= 5);
        if !st.orphans.is_empty() {
            // Rows of figures before the run's first header: the end of the table just before,
            // or the start of this one with its header lost — neither is whole.
            if near(self.last_table_end) {
                self.broken_off(&st.orphans);
            }
            // Here or, when this run has no table, in the next one.
            st.pending
                .extend(st.orphans.iter().map(|s| (*s, Unreadable::Fragment)));
        }
        // Rows lost before a table that starts in the next run (a header merged with its
        // data, then the table broken off by a line of prose) still count against it.
        let carried = std::mem::take(&mut self.carry);
        let carried = if near(self.carry_end) {
            carried
        } else {
            Vec::new()
        };
        let (Some(first), Some(last)) = (st.first_span, st.last_span) else {
            self.carry = st.pending;
            self.carry_end = Some(st.last_block);
            return;
        };
        st.pending.extend(carried);
        if !st.scored {
            // A header without a single score: a template, not a scorecard. Drop whatever the
            // run created; rows it could not read are lost to the next table.
            self.drop_created(&st);
            self.carry.extend(st.unreadable);
            self.carry.extend(st.pending);
            self.carry_end = Some(st.last_block);
            return;
        }
        self.last_table_end = Some(st.last_block);
        let mut unreadable = st.unreadable;
        unreadable.extend(st.pending);
        // A group of figures standing where its siblings have indicators under them
        // (`部门管理资产与制度管理 | | 4 | 3.5` among 部门决策, 部门绩效): names glued or moved.
        for &i in &st.created {
            let ind = &self.card.indicators[i];
            let has_values = ind.weight.is_some() || ind.score.is_some();
            let childless = !self.card.indicators.iter().any(|c| c.parent == Some(i));
            let sibling_groups = st.created.iter().any(|&j| {
                j != i
                    && self.card.indicators[j].parent == ind.parent
                    && self.card.indicators[j].level == ind.level
                    && self.card.indicators.iter().any(|c| c.parent == Some(j))
            });
            if has_values && childless && sibling_groups && ind.funds.is_none() {
                unreadable.push((
                    ind.name_span,
                    Unreadable::Misaligned {
                        cells: 0,
                        header: 0,
                    },
                ));
            }
        }
        // Leaves with a weight and no score.
        for &i in &st.created {
            let is_parent = self.card.indicators.iter().any(|c| c.parent == Some(i));
            let ind = &mut self.card.indicators[i];
            // A leaf with a weight and no score, or with neither (its figures lost).
            let leaf_table_row = matches!(ind.origin, Origin::Table { .. }) && ind.funds.is_none();
            if !is_parent && ind.score.is_none() && leaf_table_row {
                ind.certain = false;
                unreadable.push((ind.name_span, Unreadable::NoScore));
            }
        }
        unreadable.sort_by_key(|(s, _)| s.start);
        unreadable.dedup_by_key(|(s, _)| s.start);
        let whole = unreadable.is_empty() && st.shaped.is_empty();
        if !whole {
            // Without the whole table the hierarchy is unknown: no parent links.
            for &i in &st.created {
                self.card.indicators[i].parent = None;
            }
        }
        // Grades in a table go with its total.
        let total = st.totals.last().copied();
        for g in st.grades {
            if let Some(grade) = self.card.grades.get_mut(g) {
                grade.total = total;
            }
        }
        self.card.tables.push(ScoreTable {
            span: first.cover(last),
            rows: st.rows,
            whole,
            unreadable,
            shaped: st.shaped,
            kind: if st.project {
                CardKind::Project
            } else {
                CardKind::Department
            },
        });
    }

    /// The current row is a piece of the row above (a cell broken off by the extraction): the
    /// figures read from that row are not certain any more, and a total read from it is
    /// dropped.
    fn piece(&mut self, st: &mut TableState) {
        let (from, to) = (st.prev_row_start, st.row_start.min(st.created.len()));
        for &i in st.created.get(from..to).unwrap_or(&[]) {
            if let Some(ind) = self.card.indicators.get_mut(i) {
                ind.certain = false;
            }
        }
        if let Some(t) = st.prev_total.take()
            && t + 1 == self.card.totals.len()
        {
            self.card.totals.pop();
            st.totals.retain(|&x| x != t);
        }
    }

    /// Rows of figures that start a run without a header are the rest of the table before
    /// them: that table was not read whole.
    fn broken_off(&mut self, rows: &[Span]) {
        let Some(t) = self.card.tables.len().checked_sub(1) else {
            return;
        };
        if let Some(table) = self.card.tables.get_mut(t) {
            table.whole = false;
            table
                .unreadable
                .extend(rows.iter().map(|s| (*s, Unreadable::Fragment)));
        }
        for ind in &mut self.card.indicators {
            if ind.origin.table() == Some(t) {
                ind.parent = None;
            }
        }
    }

    fn drop_created(&mut self, st: &TableState) {
        let mut created = st.created.clone();
        created.sort_unstable();
        for &i in created.iter().rev() {
            if i + 1 == self.card.indicators.len() {
                self.card.indicators.pop();
            }
        }
        for &t in st.totals.iter().rev() {
            if t + 1 == self.card.totals.len() {
                self.card.totals.pop();
            }
        }
    }
}

/// A row whose leading empty cells are one too few or too many (a tab lost or doubled in
/// extraction), moved so that it has the header's width: `None` when it cannot be.
fn realigned(cells: &[Cell], width: usize) -> Option<Vec<Cell>> {
    let leading = cells.iter().take_while(|c| c.text.is_empty()).count();
    if leading == 0 || leading == cells.len() || cells.len().abs_diff(width) != 1 {
        return None;
    }
    let at = cells
        .first()
        .map(|c| Span::new(c.span.start, c.span.start))?;
    let empty = || Cell {
        span: at,
        text: String::new(),
    };
    let mut out: Vec<Cell> = Vec::with_capacity(width);
    if cells.len() < width {
        out.extend((0..width - cells.len()).map(|_| empty()));
        out.extend(cells.iter().map(|c| Cell {
            span: c.span,
            text: c.text.clone(),
        }));
    } else {
        let drop = cells.len() - width;
        if drop > leading {
            return None;
        }
        out.extend(cells[drop..].iter().map(|c| Cell {
            span: c.span,
            text: c.text.clone(),
        }));
    }
    Some(out)
}

/// Merge a header row into the one above it, column by column (`一级指标` over `名称`). When
/// the rows contradict each other (`名称` over `分值`) they are not one header in two rows but
/// one row broken in two: its parts are joined instead, and the second value is `true` — a
/// guess, so the table will not count as whole.
fn merge_roles(old: &[Option<Role>], new: &[Option<Role>]) -> (Vec<Option<Role>>, bool) {
    let refines = |a: Role, b: Role| {
        a == b
            || matches!(a, Role::Name(_) | Role::Other) && matches!(b, Role::Name(_) | Role::Other)
            || a == Role::Name(None)
            || b == Role::Name(None)
            || a == Role::Other
            || b == Role::Other
    };
    let n = old.len().max(new.len());
    let conflict = (0..n).any(|i| {
        matches!(
            (old.get(i).copied().flatten(), new.get(i).copied().flatten()),
            (Some(a), Some(b)) if !refines(a, b)
        )
    });
    if conflict {
        let mut joined = old.to_vec();
        joined.extend_from_slice(new);
        return (joined, true);
    }
    let merged = (0..n)
        .map(|i| {
            let a = old.get(i).copied().flatten();
            let b = new.get(i).copied().flatten();
            match (a, b) {
                (Some(a), Some(b)) => Some(if b.rank() > a.rank() { b } else { a }),
                (a, b) => a.or(b),
            }
        })
        .collect();
    (merged, false)
}

/// A row that names several columns among data cells: a header merged with a row of
/// figures by the extraction (`…分值 | 执行率 | 得分 | 年度资金总额 | 850.00 | …`).
fn garbled_header(cells: &[String]) -> bool {
    let roles: Vec<Role> = cells.iter().filter_map(|c| header_role(c)).collect();
    let scoring = roles.iter().any(|r| {
        matches!(
            r,
            Role::Weight
                | Role::Score
                | Role::Spent
                | Role::Rate
                | Role::BudgetYear
                | Role::BudgetInitial
                | Role::Name(Some(_))
        )
    });
    let other = cells
        .iter()
        .filter(|c| !c.is_empty() && header_role(c).is_none())
        .count();
    roles.len() >= 2 && scoring && other > 0
}

/// Plain numbers among a row's cells.
fn numeric_cells(cells: &[Cell]) -> usize {
    cells
        .iter()
        .filter(|c| cell_number(&c.text, c.span).is_some())
        .count()
}

/// Labels of stated totals in the prose.
fn is_total_label(label: &str) -> bool {
    const HAS: &[&str] = &[
        "自评得分",
        "综合得分",
        "总得分",
        "评价得分",
        "绩效得分",
        "总分",
        "综合评分",
        "打分",
        "自评分",
        "评分结果",
        "评价结果",
        "考核得分",
    ];
    const NOT: &[&str] = &[
        "满意度",
        "执行率",
        "扣",
        "满分",
        "分值",
        "得分率",
        "单项",
        "加分",
    ];
    if NOT.iter().any(|w| label.contains(w)) {
        return false;
    }
    if label.contains("指标") && !label.contains("指标体系") {
        return false;
    }
    // `得分96.5分` after `对照打分，`; `整体支出绩效得分90.5分` — but not `部门绩效得分58.5分`,
    // the score of the 部门绩效 indicator.
    HAS.iter().any(|w| label.contains(w))
        || label == "得分"
        || (label.ends_with("得分") && (label.contains("整体") || label.contains("支出绩效")))
}

/// The name of a prose part: `部门决策得分` → `部门决策`.
fn part_name(label: &str) -> Option<String> {
    let name = label
        .trim_end_matches("得分")
        .trim_end_matches("指标")
        .trim_start_matches("其中");
    let bad = ["扣", "满分", "加分", "分值", "得分率"];
    (!name.is_empty() && name.chars().count() <= 20 && !bad.iter().any(|b| name.contains(b)))
        .then(|| name.to_string())
}

impl Reader<'_> {
    /// Totals with their 其中 parts, and grades, stated in the prose.
    fn prose(&mut self, doc: &Document) {
        let is_points = |u: &Unit| matches!(u, Unit::Count { word, scale: 0 } if word == "分");
        let in_table_row = |b: usize| {
            doc.blocks
                .get(b)
                .is_some_and(|b| matches!(b.kind, BlockKind::TableRow { .. }))
        };
        let q = &doc.quantities;
        let mut k = 0;
        while k < q.len() {
            let t = &q[k];
            k += 1;
            if !is_points(&t.unit)
                || t.cell.is_some()
                || in_table_row(t.block)
                || t.qualifier.is_some()
                || !is_total_label(t.label_text())
            {
                continue;
            }
            let Some(sentence) = sentence_of(doc, t.block, t.span.start) else {
                continue;
            };
            // A figure listed after 其中 is a part, never the total.
            if doc.cues.iter().any(|c| {
                c.kind == CueKind::Of
                    && c.block == t.block
                    && sentence.start <= c.offset
                    && c.offset < t.span.start
            }) {
                continue;
            }
            let s_text = self.text.get(sentence.start..sentence.end).unwrap_or("");
            if !["自评", "评价", "打分", "综合", "考核", "评分", "绩效"]
                .iter()
                .any(|w| s_text.contains(w))
            {
                continue;
            }
            // One total per sentence: skip it when an earlier one was taken.
            if self.card.totals.iter().any(|tot| {
                matches!(tot.origin, Origin::Text { .. })
                    && sentence.start <= tot.score.span.start
                    && tot.score.span.start < sentence.end
            }) {
                continue;
            }
            let mut parts = Vec::new();
            let of = doc.cues.iter().find(|c| {
                c.kind == CueKind::Of
                    && c.block == t.block
                    && c.offset > t.span.start
                    && c.offset < sentence.end
            });
            if let Some(of) = of {
                let mut j = k;
                while let Some(p) = q.get(j) {
                    if p.block != t.block || p.span.start >= sentence.end {
                        break;
                    }
                    j += 1;
                    if p.span.start < of.offset {
                        continue;
                    }
                    if !is_points(&p.unit) || p.qualifier.is_some() {
                        break;
                    }
                    let Some(name) = part_name(p.label_text()) else {
                        break;
                    };
                    let name_span = p.label.as_ref().map(|l| l.span).unwrap_or(p.span);
                    let mut ind =
                        Indicator::new(name, name_span, 1, Origin::Text { block: t.block });
                    ind.score = Some(Figure {
                        value: p.value,
                        decimals: p.decimals,
                        span: p.span,
                    });
                    self.card.indicators.push(ind);
                    parts.push(self.card.indicators.len() - 1);
                }
                k = j.max(k);
            }
            self.card.totals.push(StatedTotal {
                score: Figure {
                    value: t.value,
                    decimals: t.decimals,
                    span: t.span,
                },
                weight: None,
                origin: Origin::Text { block: t.block },
                parts,
            });
        }
        // Grades.
        for (bi, block) in doc.blocks.iter().enumerate() {
            if matches!(block.kind, BlockKind::TableRow { .. }) {
                continue;
            }
            for s in &block.sentences {
                let sentence = self.text.get(s.start..s.end).unwrap_or("");
                for (word, span) in grades_in(self.text, *s) {
                    let total = self.card.totals.iter().position(|t| {
                        t.origin == Origin::Text { block: bi }
                            && s.start <= t.score.span.start
                            && t.score.span.end <= s.end
                    });
                    // `道路技术状况等级为优` grades something else: a grade counts when its
                    // sentence states the total or speaks of the evaluation.
                    let about_score = total.is_some()
                        || ["自评", "绩效", "评价", "评分", "评定", "考核"]
                            .iter()
                            .any(|w| sentence.contains(w));
                    if about_score {
                        self.card.grades.push(StatedGrade { word, span, total });
                    }
                }
            }
        }
    }
}

/// The sentence of a block that holds `offset`.
fn sentence_of(doc: &Document, block: usize, offset: usize) -> Option<Span> {
    doc.blocks
        .get(block)?
        .sentences
        .iter()
        .find(|s| s.start <= offset && offset < s.end)
        .copied()
}

/// Grade statements in a sentence: `等级为“优”`, `自评等级：优`, `评定为“优秀”等级`.
fn grades_in(text: &str, sentence: Span) -> Vec<(String, Span)> {
    let n = Norm::new(text, sentence);
    let c = &n.chars;
    let mut out = Vec::new();
    let is_quote = |ch: char| matches!(ch, '“' | '”' | '"' | '「' | '」' | '『' | '』' | '‘' | '’');
    let grade_at = |i: usize| -> Option<(&'static str, usize)> {
        let g = GRADE_WORDS.iter().find(|g| n.starts_with_at(i, g))?;
        let len = g.chars().count();
        let mut e = i + len;
        let quoted = e < c.len() && is_quote(c[e]);
        if quoted {
            e += 1;
        }
        // The word must end there: not the start of a longer word (`中等偏上`, `良性`).
        let next = c.get(e).copied();
        let ends = next.is_none_or(|x| !is_cjk(x))
            || n.starts_with_at(e, "等级")
            || n.starts_with_at(e, "等次")
            || n.starts_with_at(e, "级")
            || (quoted && next.is_some_and(|x| x != '的'));
        ends.then_some((*g, len))
    };
    let mut i = 0;
    while i < c.len() {
        let key = if n.starts_with_at(i, "等级") || n.starts_with_at(i, "等次") {
            Some(2)
        } else {
            None
        };
        let Some(klen) = key else {
            i += 1;
            continue;
        };
        let mut j = i + klen;
        while j < c.len() && matches!(c[j], '为' | '是' | '：' | '评' | '定') {
            j += 1;
        }
        while j < c.len() && is_quote(c[j]) {
            j += 1;
        }
        if let Some((g, len)) = grade_at(j) {
            out.push((g.to_string(), n.span(j, j + len)));
            i = j + len;
            continue;
        }
        i += klen;
    }
    // `评定为“优秀”等级`, `评为优等次`.
    let mut i = 0;
    while i < c.len() {
        if c[i] == '为' {
            let mut j = i + 1;
            while j < c.len() && is_quote(c[j]) {
                j += 1;
            }
            if let Some((g, len)) = grade_at(j) {
                let mut e = j + len;
                while e < c.len() && is_quote(c[e]) {
                    e += 1;
                }
                if (n.starts_with_at(e, "等级") || n.starts_with_at(e, "等次"))
                    && !out.iter().any(|(_, s)| *s == n.span(j, j + len))
                {
                    out.push((g.to_string(), n.span(j, j + len)));
                }
            }
        }
        i += 1;
    }
    out.sort_by_key(|(_, s)| s.start);
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;
    use crate::score::Cmp;

    fn card(text: &str) -> Scorecard {
        let doc = crate::parse::parse(text, SourceFormat::Text);
        match super::super::read(text, &doc) {
            Some(c) => c,
            None => panic!("no scorecard in:\n{text}"),
        }
    }

    fn names(c: &Scorecard) -> Vec<(String, u8, Option<String>, Option<String>)> {
        c.indicators
            .iter()
            .map(|i| {
                (
                    i.name.clone(),
                    i.level,
                    i.weight.as_ref().map(Figure::display),
                    i.score.as_ref().map(Figure::display),
                )
            })
            .collect()
    }

    #[test]
    fn numbers_and_measures() {
        assert_eq!(parse_number("98.0"), Some((Decimal::new(980, 1), 1)));
        assert_eq!(parse_number("1,234.50").map(|x| x.1), Some(2));
        assert_eq!(parse_number("1.2.3"), None);
        assert_eq!(parse_number("优"), None);
        let m = parse_measure("≥2.6万人", Span::default());
        assert_eq!(
            m.map(|m| (m.cmp, m.value, m.unit)),
            Some((Cmp::AtLeast, Decimal::new(26, 1), "万人".to_string()))
        );
        let m = parse_measure("≤1500元/座", Span::default());
        assert_eq!(
            m.map(|m| (m.cmp, m.unit)),
            Some((Cmp::AtMost, "元/座".into()))
        );
        let m = parse_measure("90%以上", Span::default());
        assert_eq!(m.map(|m| m.cmp), Some(Cmp::AtLeast));
        assert!(parse_measure("2023年12月底前", Span::default()).is_none());
        assert!(parse_measure("稳步提高", Span::default()).is_none());
    }

    #[test]
    fn tab_table_with_repeated_parents_is_whole() {
        let c = card(
            "一级指标\t二级指标\t分值\t得分\n投入\t目标设置\t10\t10\n投入\t预算编制\t10\t9\n过程\t资金管理\t80\t76\n合计\t\t100\t95\n",
        );
        assert_eq!(c.tables.len(), 1);
        assert!(c.tables[0].whole, "{:?}", c.tables[0].unreadable);
        let n = names(&c);
        assert_eq!(n[0], ("投入".into(), 1, None, None));
        assert_eq!(
            n[1],
            ("目标设置".into(), 2, Some("10".into()), Some("10".into()))
        );
        assert_eq!(c.indicators[2].parent, Some(0));
        assert_eq!(c.indicators[4].parent, Some(3));
        assert_eq!(c.totals.len(), 1);
        assert_eq!(c.totals[0].score.display(), "95");
        assert_eq!(
            c.totals[0].weight.as_ref().map(Figure::display),
            Some("100".into())
        );
        assert_eq!(c.top_level(0), vec![0, 3]);
    }

    #[test]
    fn markdown_table_with_parent_rows() {
        let text = "| 一级指标 | 二级指标 | 分值 | 得分 |\n| --- | --- | --- | --- |\n| 投入 |  | 20 | 19 |\n|  | 目标设定 | 8 | 8 |\n|  | 预算编制 | 12 | 11 |\n| 合计 |  | 20 | 19 |\n";
        let doc = crate::parse::parse(text, SourceFormat::Markdown);
        let c = super::super::read(text, &doc).unwrap_or_else(|| panic!("no card"));
        assert!(c.tables[0].whole, "{:?}", c.tables[0].unreadable);
        assert_eq!(
            names(&c)[0],
            ("投入".into(), 1, Some("20".into()), Some("19".into()))
        );
        assert_eq!(c.indicators[1].parent, Some(0));
        assert_eq!(c.indicators[2].parent, Some(0));
    }

    #[test]
    fn project_table_reads_funds_and_measures() {
        let c = card(
            "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
年度资金总额\t850.00\t912.46\t889.14\t10\t97.44%\t9.74\n\
其中：本年财政拨款\t850.00\t850.00\t835.98\t—\t98.35%\t—\n\
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n\
产出指标\t数量指标\t改造农村户用卫生厕所\t≥1200座\t1236座\t15\t15\t\n\
效益指标\t生态效益指标\t覆盖比例\t≥95%\t94.12%\t10\t9.91\t选址未定\n\
总分\t\t\t\t\t100\t99.65\n",
        );
        assert_eq!(c.kind, CardKind::Project);
        assert!(c.tables[0].whole, "{:?}", c.tables[0].unreadable);
        let funds = c.indicators[0].funds.clone().unwrap_or_default();
        assert_eq!(funds.spent.map(|f| f.display()), Some("889.14".into()));
        assert_eq!(funds.rate.map(|f| f.display()), Some("97.44".into()));
        let leaf = &c.indicators[3];
        assert_eq!(leaf.name, "改造农村户用卫生厕所");
        assert_eq!(leaf.target.as_ref().map(|m| m.cmp), Some(Cmp::AtLeast));
        assert_eq!(
            leaf.actual.as_ref().map(|m| m.value),
            Some(Decimal::from(1236))
        );
        assert_eq!(c.totals[0].score.display(), "99.65");
    }

    #[test]
    fn garbled_rows_are_read_by_shape_and_make_the_table_not_whole() {
        let c = card(
            "评价指标\t\t\t\t指标说明\t参考评分标准\t分数\t\t\n\
一级指标\t\t二级指标\t\t\t\t\t三级指标\t\n\
名称\t参考分值\t名称\t参考分值\t\t\t\t名称\t参考分值\n\
部门决策\t20\t预算编制\t10\t预算编制合理性\t5\t1.部门预算编制合理（1分）；2.分配合理（1分）。\t5\t\n\
\t\t\t\t预算编制规范性\t5\t\t\t\n\
部门绩效\t60\t经济性\t6\t公用经费控制率\t6\t说明。\t<p>人数</p>\t1\t<p>比率</p>\t1\n\
\t\t公众或服务对象满意度\t6\t反映满意度。\t1.满意度≥95%的，得6分； 2.90%≤满意度<95%的，得4分。\t6\n\
综合评分\t98.0\n评分等级\t优\n",
        );
        let t = &c.tables[0];
        assert!(!t.whole);
        let certain: Vec<_> = c
            .indicators
            .iter()
            .filter(|i| i.certain)
            .map(|i| (i.name.clone(), i.weight.as_ref().map(Figure::display)))
            .collect();
        assert!(
            certain.contains(&("公众或服务对象满意度".into(), Some("6".into()))),
            "{certain:?}"
        );
        assert!(
            certain.contains(&("预算编制合理性".into(), Some("5".into()))),
            "{certain:?}"
        );
        assert!(!certain.iter().any(|(n, _)| n == "公用经费控制率"));
        assert!(c.indicators.iter().all(|i| i.parent.is_none()));
        assert!(t.unreadable.iter().any(|(_, r)| *r == Unreadable::Markup));
        assert!(t.unreadable.iter().any(|(_, r)| *r == Unreadable::NoScore));
        assert_eq!(c.totals[0].score.display(), "98.0");
        assert_eq!(c.grades[0].word, "优");
        assert_eq!(c.grades[0].total, Some(0));
    }

    #[test]
    fn prose_total_with_parts_and_grade() {
        let c = card(
            "按照部门整体支出绩效评价指标体系对照打分得出结果为 98 分，其中部门决策得分 20 分，部门管理得分 19.5 分，部门绩效得分 58.5 分，自评等级为“优”。\n",
        );
        assert_eq!(c.totals.len(), 1);
        assert_eq!(c.totals[0].score.display(), "98");
        let parts: Vec<_> = c.totals[0]
            .parts
            .iter()
            .map(|&p| c.indicators[p].name.clone())
            .collect();
        assert_eq!(parts, ["部门决策", "部门管理", "部门绩效"]);
        assert_eq!(c.grades.len(), 1);
        assert_eq!(c.grades[0].word, "优");
        assert_eq!(c.grades[0].total, Some(0));
    }

    #[test]
    fn grade_words_in_prose() {
        let g = |s: &str| {
            grades_in(s, Span::new(0, s.len()))
                .into_iter()
                .map(|(w, _)| w)
                .collect::<Vec<_>>()
        };
        assert_eq!(g("自评等级：优"), ["优"]);
        assert_eq!(g("评价等级为良好。"), ["良好"]);
        assert_eq!(g("综合评定为“优秀”等级。"), ["优秀"]);
        assert!(g("等级保护测评工作").is_empty());
        assert!(g("资金等级中心").is_empty());
        let text = "全区农村公路技术状况等级为优。经自评，本项目综合得分88分。\n";
        let doc = crate::parse::parse(text, SourceFormat::Text);
        assert!(super::super::read(text, &doc).is_some_and(|c| c.grades.is_empty()));
    }

    #[test]
    fn indicator_scores_in_prose_are_not_totals() {
        let text = "满意度指标得分9.96分，扣0.04分。经自评，项目综合得分99.42分。\n";
        let c = card(text);
        assert_eq!(c.totals.len(), 1);
        assert_eq!(c.totals[0].score.display(), "99.42");
        let text = "对照评价指标体系打分，得分 96.5 分，其中部门决策得分 19 分，部门管理得分 19 分，部门绩效得分 58.5 分，评价等级为“优”。\n";
        let c = card(text);
        assert_eq!(c.totals.len(), 1);
        assert_eq!(c.totals[0].score.display(), "96.5");
        assert_eq!(c.totals[0].parts.len(), 3);
        assert_eq!(c.grades[0].total, Some(0));
    }

    #[test]
    fn space_aligned_text_tables() {
        let text = "七、自评结论\n一级指标    分值    得分\n投入        20      19\n过程        20      19.5\n合计        40      38.5\n经自评，本单位整体支出绩效得分 38.5 分。\n";
        let c = card(text);
        assert_eq!(c.tables.len(), 1);
        assert!(c.tables[0].whole, "{:?}", c.tables[0].unreadable);
        assert_eq!(
            names(&c)[1],
            ("过程".into(), 1, Some("20".into()), Some("19.5".into()))
        );
        assert_eq!(c.totals.len(), 2);
        assert!(is_score_header(&["一级指标", "分值", "得分"]));
        assert!(!is_score_header(&["项目", "预算数", "决算数"]));
    }

    #[test]
    fn outline_markers_give_levels_in_one_name_column() {
        let c = card(
            "指标\t分值\t得分\t扣分说明\n一、投入\t20\t19.00\n（一）目标设定\t8\t7.00\n1.绩效目标合理性\t4\t4.00\n2.绩效指标明确性\t4\t3.00\t部分指标未量化\n（二）预算配置\t12\t12.00\n3.在职人员控制率\t12\t12.00\n二、过程\t80\t76\n（三）预算执行\t80\t76\n4.预算完成率\t80\t76\n合计\t100\t95\n",
        );
        assert!(c.tables[0].whole, "{:?}", c.tables[0].unreadable);
        let n: Vec<(String, u8)> = c
            .indicators
            .iter()
            .map(|i| (i.name.clone(), i.level))
            .collect();
        assert_eq!(n[0], ("投入".into(), 1));
        assert_eq!(n[1], ("目标设定".into(), 2));
        assert_eq!(n[2], ("绩效目标合理性".into(), 3));
        assert_eq!(c.indicators[2].parent, Some(1));
        assert_eq!(c.indicators[4].parent, Some(0));
        assert_eq!(c.indicators[5].parent, Some(4));
        assert_eq!(c.top_level(0), vec![0, 6]);
    }

    #[test]
    fn a_row_shifted_by_one_tab_is_realigned() {
        let c = card(
            "一级指标\t分值\t二级指标\t分值\t三级指标\t分值\t评分标准\t得分\n\
部门决策\t20\t预算编制\t10\t预算编制合理性\t5\t得满分\t5\n\
\t\t\t预算编制规范性\t5\t发现一项不符合扣1分\t5\n\
\t\t绩效目标\t10\t绩效目标完整性\t10\t按要求编报得满分\t9\n\
合计\t20\t\t\t\t\t\t19\n",
        );
        assert!(c.tables[0].whole, "{:?}", c.tables[0].unreadable);
        let leaf = c.indicators.iter().find(|i| i.name == "预算编制规范性");
        assert_eq!(leaf.map(|l| l.level), Some(3));
        assert_eq!(
            leaf.and_then(|l| l.parent)
                .map(|p| c.indicators[p].name.as_str()),
            Some("预算编制")
        );
    }

    #[test]
    fn names_may_start_with_digits_but_criteria_are_not_names() {
        assert!(is_name("65岁及以上老年人健康管理率"));
        assert!(is_name("2型糖尿病患者规范管理率"));
        assert!(is_name("1.绩效目标合理性"));
        assert!(!is_name("发现一项不符合扣1分"));
        assert!(!is_name("按要求编报得满分"));
        assert!(!is_name("1.满意度≥95%的，得6分"));
    }

    #[test]
    fn tables_without_scores_are_not_scorecards() {
        let text = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\n产出指标\t数量指标\t供餐学校\t100%\t100%\n";
        let doc = crate::parse::parse(text, SourceFormat::Text);
        assert!(super::super::read(text, &doc).is_none());
        let text = "一级指标\t分值\t得分\n投入\t20\t\n过程\t80\t\n";
        let doc = crate::parse::parse(text, SourceFormat::Text);
        assert!(super::super::read(text, &doc).is_none());
    }
}
