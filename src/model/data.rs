//! What structured report data states beyond its figures: plain data built by
//! [`crate::parse::json`] and read by the rules (J001, A008, D002) and the scoring layer.

use rust_decimal::Decimal;

use super::Span;
use super::Unit;
use super::claims::StatedClaims;
use crate::diagnostic::{Message, Severity};
use crate::formula::CmpOp;

/// A way the data breaks the schema or its own references, at the offending value (J001).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub span: Span,
    pub message: Message,
    pub help: Option<Message>,
    pub expected: Option<String>,
    pub found: Option<String>,
}

impl Violation {
    pub fn new(span: Span, zh: impl Into<String>, en: impl Into<String>) -> Violation {
        Violation {
            span,
            message: Message::new(zh, en),
            help: None,
            expected: None,
            found: None,
        }
    }
}

/// A string with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

/// An exact number with its written precision and where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Num {
    pub value: Decimal,
    pub decimals: u32,
    pub span: Span,
}

/// One row of the scorecard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorData {
    pub name: Text,
    /// 1, 2 or 3: as declared, or one more than the parent's.
    pub level: u8,
    pub weight: Option<Num>,
    pub score: Option<Num>,
    pub children: Vec<IndicatorData>,
}

/// The scorecard (评分表) as the data states it: the indicator tree, the claimed total and
/// grade, and the rubric they follow. Plain data for the scoring rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScorecardData {
    pub span: Span,
    pub rubric: Option<Text>,
    pub indicators: Vec<IndicatorData>,
    pub total: Option<Num>,
    pub grade: Option<Text>,
}

/// What a figure of the data is, for comparison with the report's text (D002).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// `budget.adjusted.total`, `metrics.hazards`, `metrics[3]`, `rates[0].numerator`.
    pub path: String,
    /// The names a text figure must read as (after [`fields::match_key`]) to be this figure.
    pub names: Vec<String>,
}

/// A user formula evaluated over the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormulaCheck {
    pub name: String,
    pub expr: String,
    pub op: CmpOp,
    pub lhs_src: String,
    pub rhs_src: String,
    pub lhs: Decimal,
    pub rhs: Decimal,
    pub tolerance: Decimal,
    pub severity: Severity,
    /// The fields used, with their figures, in order of appearance.
    pub operands: Vec<(String, usize)>,
    /// The unit money values were taken in (`万元`).
    pub money_unit: String,
}

impl FormulaCheck {
    pub fn holds(&self) -> bool {
        self.op.holds(self.lhs, self.rhs, self.tolerance)
    }
}

/// Why a user formula has no value for this data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotEvaluated {
    /// A divisor is zero: the fields it reads, with their figures (none when the divisor is
    /// a constant).
    DivisionByZero { divisor: Vec<(String, usize)> },
    /// A value, or a quotient, leaves the range of an exact decimal (about ±7.9 × 10²⁸).
    Overflow,
}

/// A user formula whose fields all have values here but that could not be evaluated: A008
/// says so (a check the user asked for was not done), and `--coverage` counts it unbound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormulaSkipped {
    pub name: String,
    pub expr: String,
    pub reason: NotEvaluated,
    /// The fields used, with their figures, in order of appearance.
    pub operands: Vec<(String, usize)>,
    /// The unit money values were taken in (`万元`).
    pub money_unit: String,
}

impl FormulaSkipped {
    /// The figure the problem is shown at: the zero divisor's first field, else the first
    /// field of the formula.
    pub fn anchor(&self) -> Option<usize> {
        match &self.reason {
            NotEvaluated::DivisionByZero { divisor } => divisor.first(),
            NotEvaluated::Overflow => None,
        }
        .or(self.operands.first())
        .map(|&(_, i)| i)
    }
}

/// Everything the data states beyond its figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportData {
    pub department: Option<Text>,
    pub year: Option<u16>,
    pub kind: Option<Text>,
    /// `report.source`: the report's text, relative to the JSON file.
    pub source: Option<Text>,
    /// The top-level `unit`: the default money unit, and the unit formulas see amounts in.
    pub unit: Option<Unit>,
    /// Schema and reference violations, sorted by position.
    pub violations: Vec<Violation>,
    /// One per quantity of the document, same index.
    pub figures: Vec<Figure>,
    pub formulas: Vec<FormulaCheck>,
    /// The formulas that apply but could not be evaluated (a zero divisor, an overflow).
    pub unevaluated: Vec<FormulaSkipped>,
    pub scorecard: Option<ScorecardData>,
    /// The relations the data states by its structure.
    pub claims: StatedClaims,
}
