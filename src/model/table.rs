//! Tables as plain data: one model for every table a report carries, however it reached us —
//! Markdown pipes, tab- or space-aligned text, `.docx` tables (rows of tab-separated cells,
//! merged cells padded), or a table flattened into a run of figures by PDF or web extraction.
//!
//! Two levels: the layout ([`Grid`]: runs of rows as the text lays them out, their cells and
//! what each cell holds, [`CellRead`]) and the tables read from it ([`Table`]: columns with
//! roles, rows with kinds, values under known columns). The readers live in
//! `crate::parse::table`; relations (`crate::relations::table`) read the tables, the scorecard
//! (`crate::score::table`) reads the layout, and neither reads the table's text again.
//!
//! Invariants:
//!
//! * a cell's value is read from that one cell; a cell whose text holds several figures run
//!   together (`390390100%`) has no value, and its row is not [`Row::certain`];
//! * a row is certain only when each of its values stands under a known column: its cells
//!   line up with the header, or the row's shape leaves one reading;
//! * a table that could not be read whole says why ([`Table::uncertain`]); nothing is guessed;
//! * spans lie on the source text, on character boundaries.

use rust_decimal::Decimal;

use super::Span;

/// How a target or measured value is bounded (`≥95%`, `≤1500元/座`, `90%以上`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cmp {
    Eq,
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
}

impl Cmp {
    /// Whether a value meets this bound of a target (`≥95` is met by 96, `<5` by 4).
    pub fn met_by(self, target: Decimal, value: Decimal) -> bool {
        match self {
            Cmp::Eq | Cmp::AtLeast => value >= target,
            Cmp::MoreThan => value > target,
            Cmp::AtMost => value <= target,
            Cmp::LessThan => value < target,
        }
    }
}

/// A target or an actual value of a project indicator row: `≥1200座`, `97.6%`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    pub cmp: Cmp,
    pub value: Decimal,
    pub decimals: u32,
    /// The unit as written after the number (`座`, `%`, `万人`, `元/座`), possibly empty.
    pub unit: String,
    pub span: Span,
}

/// What a column holds, as its header names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnRole {
    /// The row's name (一级指标 …); `Some(level)` when the header gives a level.
    Label(Option<u8>),
    /// The name column of the 项目资金 block (项目资金, 资金情况): its rows are amounts.
    FundsLabel,
    /// 年初预算数.
    InitialBudget,
    /// 全年预算数 (调整后预算数).
    Budget,
    /// 全年执行数.
    Spent,
    /// 分值 (weight).
    Weight,
    /// 执行率.
    Rate,
    /// 得分.
    Score,
    /// 年度指标值 (target).
    Target,
    /// 实际完成值.
    Actual,
    /// 评分标准: how the row is scored.
    Criteria,
    /// 指标说明: what the indicator means.
    Description,
    /// 偏差原因分析, 备注: notes on the row.
    Note,
    /// A column the header names but no relation reads (序号, 年度总体目标 …).
    Other,
}

impl ColumnRole {
    /// Whether the column holds row names.
    pub fn is_label(self) -> bool {
        matches!(self, ColumnRole::Label(_) | ColumnRole::FundsLabel)
    }

    /// Whether the column holds free text.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            ColumnRole::Criteria | ColumnRole::Description | ColumnRole::Note
        )
    }

    /// Whether the column holds an amount of money.
    pub fn is_amount(self) -> bool {
        matches!(
            self,
            ColumnRole::InitialBudget | ColumnRole::Budget | ColumnRole::Spent
        )
    }

    /// Whether the column holds a figure (amount, weight, rate or score).
    pub fn is_figure(self) -> bool {
        self.is_amount()
            || matches!(
                self,
                ColumnRole::Weight | ColumnRole::Rate | ColumnRole::Score
            )
    }
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowKind {
    /// A header row naming columns.
    Header,
    /// The funds total (年度资金总额): its amounts are the sum of its 其中 rows.
    Total,
    /// A 其中 row (本年财政拨款, 上年结转资金, 其他资金, 中央财政资金 …): part of the total
    /// above it.
    Part,
    /// 小计: the sum of the rows since the previous subtotal.
    Subtotal,
    /// 合计 / 总计: the sum of the table's rows.
    GrandTotal,
    /// An indicator row (名称, 分值, 得分, 指标值 …).
    Indicator,
    /// Anything else (a title, a signature line).
    Other,
}

/// A number read from one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellValue {
    pub value: Decimal,
    /// Digits written after the decimal point.
    pub decimals: u32,
    /// Written with `%`.
    pub percent: bool,
    /// The number alone.
    pub span: Span,
}

impl CellValue {
    /// The number as written (`91.20%`, `456`).
    pub fn display(&self) -> String {
        format!(
            "{}{}",
            crate::numeric::fmt_fixed(self.value, self.decimals),
            if self.percent { "%" } else { "" }
        )
    }
}

/// One cell of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The cell's text, trimmed (empty for an empty cell).
    pub span: Span,
    /// How many header columns the cell covers (a merged `.docx` cell, a label spanning
    /// the two first columns of a header).
    pub colspan: u16,
    /// The header column the cell stands under, when the row lines up.
    pub column: Option<usize>,
    /// The cell's number, when the whole cell is one.
    pub value: Option<CellValue>,
    /// The cell's target or measured value (`≥95%`, `1200座`), for 指标值 / 实际完成值 cells.
    pub measure: Option<Measure>,
}

/// Why a row or a table could not be read with certainty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Uncertain {
    /// The row's cells do not line up with the header's columns.
    Misaligned { cells: usize, columns: usize },
    /// A cell holds several figures run together, and nothing tells where they split.
    RunTogether,
    /// No header names the columns, and the row's shape does not either.
    NoHeader,
    /// Cells one per line with nothing marking where the table ends: rows after the last one
    /// read may belong to it.
    Open,
    /// Fewer values than the table has value columns, in order, in a table that drops empty
    /// cells: which columns the values stand under is not known. The other rows are read.
    Short { values: usize, columns: usize },
}

/// One row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub span: Span,
    pub kind: RowKind,
    /// The row's name (`年度资金总额`, `本年财政拨款`, `服务对象满意度`), whitespace and a
    /// leading `其中：` removed.
    pub label: String,
    pub label_span: Option<Span>,
    pub cells: Vec<Cell>,
    /// Whether every value stands under a known column.
    pub certain: bool,
    pub uncertain: Option<Uncertain>,
    /// The document block the row was read from.
    pub block: usize,
}

impl Row {
    /// The value under the first column of this role (certain rows only).
    pub fn value(&self, table: &Table, role: ColumnRole) -> Option<&CellValue> {
        self.cell(table, role).and_then(|c| c.value.as_ref())
    }

    /// The cell under the first column of this role (certain rows only).
    pub fn cell(&self, table: &Table, role: ColumnRole) -> Option<&Cell> {
        if !self.certain {
            return None;
        }
        let col = table.column(role)?;
        self.cells.iter().find(|c| c.column == Some(col))
    }
}

/// How the table reached the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableForm {
    /// Cells in columns: Markdown pipes, tabs (`.docx` tables too), aligned spaces.
    Grid,
    /// A run of labels and figures in one line or paragraph (PDF or web extraction).
    Flattened,
    /// One cell per line (PDF or web extraction): the header's cells, then each row's label
    /// and values, each on a line of its own (separated by `|` lines, ended by ` |`, or
    /// bare).
    Lines,
}

/// A column the header makes the total of others: a 合计 / 小计 column over the columns of
/// its group (`合计 | 因公出国 | 公务接待 | 公务用车` or a group `公务用车购置及运行维护费` over
/// `小计 | 购置 | 运行`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnTotal {
    pub total: usize,
    pub parts: Vec<usize>,
    /// The parts are `其中` columns (`补助合计 | 其中：甲类 | 其中：乙类`): they may name only
    /// the main parts of the total, so only a sum above it, or short of it by a slip, is off.
    pub open: bool,
}

/// One table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub span: Span,
    pub form: TableForm,
    /// The role of each header column (after merging header rows and spanning cells).
    pub columns: Vec<ColumnRole>,
    /// Rows after the header, in order.
    pub rows: Vec<Row>,
    /// Every row was read with certainty.
    pub certain: bool,
    /// Why not, for the first row that was not.
    pub uncertain: Option<Uncertain>,
    /// The header's words over each column (cleaned), when the reader keeps them (empty
    /// otherwise).
    pub names: Vec<String>,
    /// Totals the header states across columns.
    pub column_totals: Vec<ColumnTotal>,
}

impl Table {
    /// The index of the first column with this role.
    pub fn column(&self, role: ColumnRole) -> Option<usize> {
        self.columns.iter().position(|r| *r == role)
    }

    pub fn has(&self, role: ColumnRole) -> bool {
        self.column(role).is_some()
    }
}

/// One cell of a [`GridLine`] as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
    /// The cell's text in the source, trimmed (empty for an empty cell).
    pub span: Span,
    /// The text folded (full-width to ASCII), whitespace removed.
    pub text: Box<str>,
    /// Figures separated by whitespace inside the cell (`4 3.5`): two cells run together, not
    /// one number.
    pub split: bool,
    /// The column the cell names when it is a header word (`分值`, `一级指标`).
    pub role: Option<ColumnRole>,
    /// What the cell says, read once.
    pub read: CellRead,
}

/// What one grid cell says, read once by the parser for every reader of the grid (the
/// scorecard reads score tables by these facts and never the cell's text).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CellRead {
    /// The cell is one number, optionally followed by `分` (`9.5`, `10分`, `1,234.50`): its
    /// value and written decimals. `None` for figures run together (`4 3.5`).
    pub number: Option<(Decimal, u32)>,
    /// The cell is one number, optionally followed by `%` (`97.44%`, `97.44`).
    pub percent: Option<(Decimal, u32)>,
    /// Empty, or only dashes and slashes (`—`, `/`): nothing stated.
    pub blank: bool,
    /// The cell reads as an indicator name: short, not a figure, no sentence punctuation, no
    /// scoring words (`扣1分`, `得满分`).
    pub name: bool,
    /// Extraction debris: HTML paragraphs, TeX formulas.
    pub markup: bool,
    /// A target or measured value (`≥1200座`, `90%以上`). Boxed, as the marker: few cells
    /// have one, and every cell of every grid of a document is kept until it is scored.
    pub measure: Option<Box<Measure>>,
    /// An outline marker at the start of the cell (`一、投入`, `（一）目标设定`): its style and
    /// the name after it (folded, whitespace removed) with the name's span.
    pub marker: Option<Box<(super::MarkerStyle, String, Span)>>,
}

/// One line of a [`Grid`]: a table row with its cells, or a short line between two rows (a
/// table's title, or a cell the extraction broke off its row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridLine {
    /// The document block of the line.
    pub block: usize,
    pub span: Span,
    /// Whether the line is a table row (its cells are then the row's, empty ones included).
    pub row: bool,
    pub cells: Vec<GridCell>,
    /// The roles of the cells when every non-empty cell names a column and at least two do:
    /// a header row.
    pub header: Option<Vec<Option<ColumnRole>>>,
    /// A line between rows that has words (two Chinese characters or more): a title, not a
    /// figure broken off its cell (`—`, `9.72`).
    pub worded: bool,
}

/// A run of consecutive table rows as the text lays them out — several tables may follow
/// each other in one run (the 项目资金 block, then the indicator table), and rows may come
/// before any header (the rest of a table broken off by the extraction) — with the short lines
/// that stand between rows. The layout the [`Table`]s are read from, and the one the
/// scorecard reads its score tables from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grid {
    pub lines: Vec<GridLine>,
}
