//! Scorecards: the report's 评分表 and its stated totals and grades, read from the document's
//! table model and prose ([`table`]), re-scored against a rubric ([`rubric`], [`evaluate`](mod@evaluate)) and summarised for
//! `jxlint score` and the JSON output ([`report`]).
//!
//! A [`Scorecard`] is plain data inside the [`Document`](crate::model::Document): the
//! indicators (一级/二级/三级 with 分值 and 得分) read from table rows, the totals and grades
//! stated in tables and prose (`综合评分 98.0`, `自评得分95分，其中部门决策19分…`,
//! `等级为“优”`), and the tables that could not be read whole, with the rows that defeated
//! the reader.
//!
//! Invariants the rules rely on:
//!
//! * an indicator marked [`Indicator::certain`] was read from one row whose cells leave no
//!   doubt which figure is the weight and which the score; rows that could not be read so are
//!   recorded as [`Unreadable`] and never yield an indicator;
//! * parents and children are linked only inside tables read whole ([`ScoreTable::whole`]):
//!   a table that lost rows or columns in extraction never gives a sum to judge;
//! * every span lies on the source text, on character boundaries.
//!
//! No floating point: weights, scores and figures are [`Decimal`].

use rust_decimal::Decimal;

use crate::model::Span;

pub mod data;
pub mod evaluate;
pub mod report;
pub mod rubric;
pub mod table;

pub use evaluate::{Evaluation, evaluate};
pub use report::{ScoreReport, Scoring, render_table};
pub use rubric::{Rubric, RubricError};

/// A number as written in the report, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub value: Decimal,
    /// Digits written after the decimal point.
    pub decimals: u32,
    pub span: Span,
}

impl Figure {
    /// The number as written (`98.0`, `9.74`).
    pub fn display(&self) -> String {
        crate::numeric::fmt_fixed(self.value, self.decimals)
    }
}

/// What a scorecard scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardKind {
    /// 部门（单位）整体支出绩效: indicators scored against a rubric, evidence in the prose.
    Department,
    /// 项目支出绩效自评表: a 项目资金 block and indicator rows with 年度指标值 / 实际完成值.
    Project,
}

impl CardKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CardKind::Department => "department",
            CardKind::Project => "project",
        }
    }
}

pub use crate::model::table::{Cmp, Measure};

/// The 项目资金 row of a project table (年度资金总额): the amounts its 执行率 and 得分 come from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Funds {
    /// 年初预算数.
    pub initial: Option<Figure>,
    /// 全年预算数.
    pub budget: Option<Figure>,
    /// 全年执行数.
    pub spent: Option<Figure>,
    /// 执行率 as stated (percent).
    pub rate: Option<Figure>,
}

/// Where an indicator or a total was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A row of a score table: the table's index in [`Scorecard::tables`] and the row's block.
    Table { table: usize, block: usize },
    /// A sentence of the prose, in the given block.
    Text { block: usize },
}

impl Origin {
    pub fn table(self) -> Option<usize> {
        match self {
            Origin::Table { table, .. } => Some(table),
            Origin::Text { .. } => None,
        }
    }
}

/// One indicator of a scorecard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    /// The name as written, whitespace removed (`公众或服务对象满意度`).
    pub name: String,
    pub name_span: Span,
    /// The names written before it in its row (its ancestors as the row states them), for
    /// display when the table's hierarchy could not be read.
    pub path: Vec<String>,
    /// 1 for 一级指标 …; for rows read without a usable header, the depth of the row's path.
    pub level: u8,
    /// Parent indicator (only inside tables read whole, or a prose part's table twin).
    pub parent: Option<usize>,
    /// 分值.
    pub weight: Option<Figure>,
    /// 得分 (自评得分).
    pub score: Option<Figure>,
    pub origin: Origin,
    /// Read from one unambiguous row (see the module docs).
    pub certain: bool,
    /// Cells of the row holding its scoring criteria (参考评分标准, 评分标准) or explanation.
    pub criteria: Vec<Span>,
    /// 年度指标值 and 实际完成值 of a project indicator row, when they are figures.
    pub target: Option<Measure>,
    pub actual: Option<Measure>,
    /// The amounts of the 项目资金 row, for the budget execution indicator.
    pub funds: Option<Funds>,
    /// For an indicator stated in the prose (`其中部门决策19分`), the table indicator of the
    /// same name; and the other way round.
    pub twin: Option<usize>,
}

impl Indicator {
    pub(crate) fn new(name: String, name_span: Span, level: u8, origin: Origin) -> Indicator {
        Indicator {
            name,
            name_span,
            path: Vec::new(),
            level,
            parent: None,
            weight: None,
            score: None,
            origin,
            certain: true,
            criteria: Vec::new(),
            target: None,
            actual: None,
            funds: None,
            twin: None,
        }
    }
}

/// Why a table row could not be read with certainty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// The row's cells do not line up with the header's columns.
    Misaligned { cells: usize, header: usize },
    /// A piece of text with no indicator name (a cell continued from the row before).
    Fragment,
    /// Markup or formula text (`<p>`, `$\leq$`) left by the extraction, with several rows'
    /// figures merged into one.
    Markup,
    /// An indicator with a weight but no score.
    NoScore,
    /// Figures whose roles cannot be told apart (which is the weight, which the score).
    Ambiguous,
    /// A group stated again with another weight (`部门管理 20` … `部门管理 8`).
    Conflict,
}

/// A score table: consecutive table rows under a header naming 分值 and 得分 columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreTable {
    /// From the first header row to the last row.
    pub span: Span,
    /// Rows (blocks) in the table, headers included.
    pub rows: usize,
    /// Every row was read with certainty and lined up with the header: the hierarchy is known
    /// and sums may be judged.
    pub whole: bool,
    /// Rows that could not be read, with why: they give no indicator.
    pub unreadable: Vec<(Span, Unreadable)>,
    /// Rows that did not line up with the header but were read by their own shape: each gives
    /// a certain indicator, without a place in the hierarchy.
    pub shaped: Vec<Span>,
    pub kind: CardKind,
}

/// A total stated in a table row (`合计 100 95`, `综合评分 98.0`) or in the prose
/// (`自评得分95分，其中…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedTotal {
    pub score: Figure,
    /// The total weight (`合计 100 …`), when the row states it.
    pub weight: Option<Figure>,
    pub origin: Origin,
    /// The prose parts listed with it (`其中部门决策19分，…`), indices into
    /// [`Scorecard::indicators`].
    pub parts: Vec<usize>,
}

/// A grade stated in the report (`等级为“优”`, `评分等级 优`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedGrade {
    /// The grade word as written (`优`, `优秀`).
    pub word: String,
    pub span: Span,
    /// The total stated with it (same sentence or same table), index into
    /// [`Scorecard::totals`].
    pub total: Option<usize>,
}

/// Everything a report states about its score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scorecard {
    pub kind: CardKind,
    pub tables: Vec<ScoreTable>,
    /// In document order; parents before their children.
    pub indicators: Vec<Indicator>,
    pub totals: Vec<StatedTotal>,
    pub grades: Vec<StatedGrade>,
}

impl Scorecard {
    /// The children of an indicator.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.indicators
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.parent == Some(i))
            .map(|(k, _)| k)
    }

    /// Whether an indicator's children are all known: it sits in a table read whole.
    pub fn children_known(&self, i: usize) -> bool {
        match self.indicators.get(i).map(|ind| ind.origin) {
            Some(Origin::Table { table, .. }) => self.tables.get(table).is_some_and(|t| t.whole),
            _ => false,
        }
    }

    /// The top-level indicators of a table read whole (none when it was not).
    pub fn top_level(&self, table: usize) -> Vec<usize> {
        if !self.tables.get(table).is_some_and(|t| t.whole) {
            return Vec::new();
        }
        self.indicators
            .iter()
            .enumerate()
            .filter(|(_, ind)| ind.parent.is_none() && ind.origin.table() == Some(table))
            .map(|(k, _)| k)
            .collect()
    }

    /// Whether the span lies inside one of the score tables.
    pub fn in_table(&self, span: Span) -> bool {
        self.tables
            .iter()
            .any(|t| t.span.start <= span.start && span.end <= t.span.end)
    }
}

/// Read the scorecard of a parsed document: the one its data states (report data), or its
/// 评分表 read from the text (see [`table`]).
pub fn read(text: &str, doc: &crate::model::Document) -> Option<Scorecard> {
    match &doc.data {
        Some(d) => {
            let kind = d.kind.as_ref().map(|k| k.value.as_str());
            d.scorecard.as_ref().map(|s| data::from_data(s, kind))
        }
        None => table::read(text, doc),
    }
}

/// Re-score a scorecard of a parsed document against a rubric.
pub fn score(
    text: &str,
    doc: &crate::model::Document,
    tables: &crate::relations::table::TableRelations,
    card: &Scorecard,
    rubric: &Rubric,
) -> Scoring {
    Scoring {
        eval: evaluate(text, doc, tables, card, rubric),
        card: card.clone(),
        rubric: rubric.name.clone(),
    }
}
