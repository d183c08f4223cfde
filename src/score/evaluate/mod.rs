//! Re-scoring a [`Scorecard`] against a [`Rubric`]: per indicator, whether its score exceeds
//! its weight and whether the report's own figures support it; per parent and per total,
//! whether the parts add up; per grade, whether it is the total's band; and the recomputed
//! total and grade.
//!
//! ## Evidence
//! An indicator's score is judged only against figures bound to it by meaning, never by
//! proximity:
//!
//! * the 项目资金 row's own amounts (全年执行数 / 全年预算数 → 执行率 → 分值 × 执行率);
//! * a project row's own 年度指标值 and 实际完成值, the pair the table model reads on that row
//!   (`crate::relations::table::TargetPair`): 正向 实际/目标, 反向 目标/实际 × 分值, or, when
//!   the row's criteria or the rubric score by whether the target is met (`未完成不得分`,
//!   `未达到的酌情扣分`), the 分值 when met and nothing (or less) when missed; a pair that
//!   cannot be compared, or a row the table model did not read with certainty, is not
//!   re-scored by it;
//! * tiers written in the row's criteria (`满意度≥95%的，得6分；…`) with the prose figures
//!   whose label names the tiers' variable (`服务对象满意度…达到90%以上`);
//! * a rubric entry whose names match the indicator, with the prose figures its evidence spec
//!   names (keywords, concepts, or two counts).
//!
//! Figures inside score tables are never evidence; approximate figures (`约`) are not either.
//! When several figures match and disagree, the indicator is not judged.
//!
//! ## Tolerance
//! A figure stands for the interval of its rounding (±½ unit of its last digit); a bound
//! (`90%以上`) for everything beyond it. The rule gives the range of scores over that interval.
//! A claimed score is supported when it is that range's value rounded (or truncated) to two
//! places, or to its own places when it has decimals — `10` is not accepted for 9.96. A bound
//! allows every tier it reaches: `90%以上` under `≥95%→6, 90–95%→4` gives the range 4–6, and a
//! claimed score is unsupported only when the whole range excludes it. Scores, totals and
//! grades are ranges; an indicator without evidence is not re-scored (and counts as claimed
//! in the total's range, which says how many such indicators there are).

use rust_decimal::Decimal;

use super::{CardKind, Cmp, Figure, Indicator, Origin, Scorecard};
use crate::diagnostic::Message;
use crate::model::table::TableForm;
use crate::model::{Document, Qualifier, Quantity, Span, Unit};
use crate::numeric::{Interval, fmt_trim, half_unit};
use crate::relations::table::{TableRelations, TargetPair};
use crate::score::rubric::{
    EvidenceSpec, EvidenceUnit, Missed, Rubric, ScoreRule, TableCriteria, ValueRange,
    missed_from_criteria,
};

mod checks;
mod evidence;
mod recompute;
#[cfg(test)]
mod tests;

use checks::*;
use evidence::*;
use recompute::*;

/// What an indicator's verdict is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The evidence gives the claimed score, or the children add up.
    Confirmed,
    /// Score above weight.
    OverWeight,
    /// The report's own figures give another score.
    Unsupported,
    /// The children's scores or weights do not add up to it.
    SumMismatch,
    /// No evidence or no rule: taken as claimed.
    Unchecked,
    /// Not read with certainty.
    Uncertain,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Confirmed => "confirmed",
            Status::OverWeight => "over_weight",
            Status::Unsupported => "unsupported",
            Status::SumMismatch => "sum_mismatch",
            Status::Unchecked => "unchecked",
            Status::Uncertain => "uncertain",
        }
    }
}

/// How the evidence bounds the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceBound {
    /// A figure written exactly (within its rounding).
    Exact,
    /// A lower bound (`以上`, `超过`): allows every tier from the guaranteed one up.
    Floor,
    /// An upper bound (`以下`, `不足`): the score can be at most this.
    Ceiling,
}

/// What a figure used as evidence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Figure,
    Target,
    Actual,
    Budget,
    Spent,
    Rate,
    Numerator,
    Denominator,
    Criteria,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Figure => "figure",
            Role::Target => "target",
            Role::Actual => "actual",
            Role::Budget => "budget",
            Role::Spent => "spent",
            Role::Rate => "rate",
            Role::Numerator => "numerator",
            Role::Denominator => "denominator",
            Role::Criteria => "criteria",
        }
    }

    pub fn label(self) -> Message {
        let (zh, en) = match self {
            Role::Figure => ("依据", "evidence"),
            Role::Target => ("年度指标值", "target"),
            Role::Actual => ("实际完成值", "actual"),
            Role::Budget => ("全年预算数", "budget"),
            Role::Spent => ("全年执行数", "spent"),
            Role::Rate => ("执行率", "execution rate"),
            Role::Numerator => ("完成数", "done"),
            Role::Denominator => ("计划数", "planned"),
            Role::Criteria => ("评分标准", "scoring criteria"),
        };
        Message::new(zh, en)
    }
}

/// A figure (or text) the verdict used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub span: Span,
    pub role: Role,
    /// As written in the report (`90%以上`, `889.14`).
    pub text: String,
    /// Its label, when it has one (`服务对象满意度…`).
    pub label: Option<String>,
}

/// The rule that scored an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// An entry of the rubric.
    Rubric { id: String, rule: ScoreRule },
    /// Tiers written in the table row itself.
    Table { rule: ScoreRule },
    /// The rubric's 项目资金 rule.
    Execution { rule: ScoreRule },
    /// 正向 (`实际/目标`) or 反向 (`目标/实际`) × 分值.
    Quantitative { positive: bool, cap: bool },
    /// Whether the 实际完成值 meets the 年度指标值: the 分值 when it does, and what
    /// `missed` gives when it does not (nothing, or less than the 分值).
    Target { missed: Missed, met: bool },
}

impl Basis {
    pub fn kind(&self) -> &'static str {
        match self {
            Basis::Rubric { .. } => "rubric",
            Basis::Table { .. } => "table",
            Basis::Execution { .. } => "execution",
            Basis::Quantitative { .. } => "quantitative",
            Basis::Target { .. } => "target",
        }
    }

    /// The rule in words.
    pub fn describe(&self, weight: Option<Decimal>) -> Message {
        match self {
            Basis::Rubric { rule, .. } | Basis::Table { rule } => rule.describe(weight, "%"),
            Basis::Execution { rule } => match rule {
                ScoreRule::Linear { full_at, cap: true } if *full_at == Decimal::ONE_HUNDRED => {
                    Message::new(
                        "得分 = 分值 × 执行率（全年执行数 / 全年预算数），以分值为限",
                        "score = weight × execution rate (spent / budget), capped at the weight",
                    )
                }
                other => other.describe(weight, "%"),
            },
            Basis::Quantitative { positive, cap } => {
                let (zh, en) = if *positive {
                    (
                        "正向指标：得分 = 分值 × 实际完成值 / 年度指标值",
                        "higher is better: score = weight × actual / target",
                    )
                } else {
                    (
                        "反向指标：得分 = 分值 × 年度指标值 / 实际完成值",
                        "lower is better: score = weight × target / actual",
                    )
                };
                if *cap {
                    Message::new(
                        format!("{zh}，以分值为限"),
                        format!("{en}, capped at the weight"),
                    )
                } else {
                    Message::new(zh, en)
                }
            }
            Basis::Target { missed, .. } => match missed {
                Missed::Zero => Message::new(
                    "达到年度指标值得满分，未达到不得分",
                    "full weight when the target is met, nothing when it is missed",
                ),
                Missed::Less => Message::new(
                    "达到年度指标值得满分，未达到扣分",
                    "full weight when the target is met, less when it is missed",
                ),
                Missed::Ratio => Message::new(
                    "达到年度指标值得满分，未达到按完成比例得分",
                    "full weight when the target is met, the achievement ratio when missed",
                ),
            },
        }
    }
}

/// What the report's own figures say an indicator's score should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Support {
    /// The score the evidence gives: at the written value, the guaranteed score of a lower
    /// bound, or the ceiling of an upper bound.
    pub expected: Decimal,
    /// Lowest and highest score over the evidence's interval.
    pub low: Decimal,
    pub high: Decimal,
    pub bound: EvidenceBound,
    pub consistent: bool,
    /// The value the rule was applied to (percent, or the count ratio in percent).
    pub value: Decimal,
    pub evidence: Vec<Evidence>,
    pub basis: Basis,
}

/// The verdict on one indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorEval {
    pub status: Status,
    /// Stated weight, or the sum of its children's in a table read whole.
    pub weight: Option<Decimal>,
    /// Stated score, or the sum of its children's in a table read whole.
    pub claimed: Option<Decimal>,
    pub recomputed: Option<Decimal>,
    /// The scores the report's figures allow, `(lowest, highest)`: one value for an exact
    /// figure, the tiers a bound allows (`90%以上` → 4 to 6), the sum of the children's ranges
    /// for a parent; `None` when the indicator could not be re-scored (no evidence).
    pub range: Option<(Decimal, Decimal)>,
    pub support: Option<Support>,
}

/// Weights or scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Score,
    Weight,
}

impl Measure {
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Score => "score",
            Measure::Weight => "weight",
        }
    }
}

/// A parent indicator against its children (S002).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumCheck {
    /// The indicator whose stated figure is judged (a prose part when it states it).
    pub parent: usize,
    pub measure: Measure,
    pub stated: Figure,
    pub children: Vec<usize>,
    pub sum: Decimal,
    pub consistent: bool,
}

/// What a stated total was compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// The indicators listed with it or the table's top level.
    Parts(Vec<usize>),
    /// Another stated total whose parts add up to it.
    Total(usize),
}

/// A stated total against the sum of its parts (S003).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotalCheck {
    pub total: usize,
    pub measure: Measure,
    pub stated: Figure,
    pub reference: Reference,
    pub sum: Decimal,
    pub consistent: bool,
}

/// A stated grade against the band of its total (S004).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeCheck {
    pub grade: usize,
    pub total: usize,
    /// The band the total falls in.
    pub expected: String,
    /// The rubric's name for the stated word (`优` for `优秀`).
    pub stated: String,
    pub consistent: bool,
}

/// Everything re-scoring found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// Parallel to [`Scorecard::indicators`].
    pub indicators: Vec<IndicatorEval>,
    pub sums: Vec<SumCheck>,
    pub totals: Vec<TotalCheck>,
    pub grades: Vec<GradeCheck>,
    /// The total the report claims (index into [`Scorecard::totals`]).
    pub claimed: Option<usize>,
    /// When no total is stated: the sum of the claimed scores of the one table read whole.
    pub claimed_sum: Option<Decimal>,
    pub recomputed_total: Option<Decimal>,
    /// The totals the re-scored indicators allow, `(lowest, highest)`: indicators that could
    /// not be re-scored count as claimed ([`Evaluation::not_rescored`] says how many).
    pub recomputed_range: Option<(Decimal, Decimal)>,
    /// Leaf indicators that could not be re-scored.
    pub not_rescored: usize,
    pub recomputed_grade: Option<String>,
    /// The grades of the lowest and the highest recomputed total.
    pub grade_range: Option<(String, String)>,
    /// The claimed grade lies outside every grade the recomputed range allows.
    pub grade_excluded: bool,
    pub claimed_grade: Option<String>,
    /// Leaves whose recomputed score differs from the claimed one, with the difference.
    pub adjustments: Vec<(usize, Decimal)>,
    /// Tables read whole whose levels do not add up either way (most likely misread): their
    /// sums are not judged, and S006 says so.
    pub unsound: Vec<usize>,
}

/// Whether a claimed score is a value in `[lo, hi]` as written: exactly, rounded or truncated
/// to two places, or to its own places when it has decimals.
pub fn fits(c: &Figure, lo: Decimal, hi: Decimal) -> bool {
    let v = c.value;
    if lo <= v && v <= hi {
        return true;
    }
    let mut places = vec![2u32];
    if c.decimals >= 1 && c.decimals != 2 {
        places.push(c.decimals);
    }
    places.into_iter().any(|d| {
        let h = half_unit(d);
        let u = Decimal::new(1, d);
        (lo <= v + h && v - h <= hi) || (lo < v + u && v <= hi)
    })
}

/// Whether `sum` (of `n` parts) matches a stated figure, allowing the 尾差 of rounded parts.
fn sum_fits(stated: &Figure, sum: Decimal, n: usize, part_decimals: u32) -> bool {
    let dp = part_decimals.max(stated.decimals);
    let mut tol = if dp == 0 {
        Decimal::ZERO
    } else {
        half_unit(dp) * Decimal::from(n as u64)
    };
    if stated.decimals >= 1 && stated.decimals < part_decimals {
        tol += half_unit(stated.decimals);
    }
    (sum - stated.value).abs() <= tol
}

fn range_of(iv: Interval) -> ValueRange {
    ValueRange {
        lo: Some(iv.lo),
        lo_open: false,
        hi: Some(iv.hi),
        hi_open: false,
    }
}

/// Apply a rule over the evidence's range and judge the claim.
fn judge(
    rule: &ScoreRule,
    weight: Decimal,
    claimed: &Figure,
    range: &ValueRange,
    bound: EvidenceBound,
    at: Decimal,
) -> Option<(Decimal, Decimal, Decimal, bool)> {
    let (low, high) = rule.range(weight, range)?;
    Some(match bound {
        EvidenceBound::Exact => {
            let expected = rule.score_at(weight, at)?;
            (expected, low, high, fits(claimed, low, high))
        }
        // A lower bound allows every score from its guaranteed tier up: the claim is
        // unsupported only when the whole range excludes it.
        EvidenceBound::Floor => (low, low, high, fits(claimed, low, high)),
        EvidenceBound::Ceiling => (
            high,
            low,
            high,
            claimed.value <= high || fits(claimed, high, high),
        ),
    })
}

impl Evaluation {
    /// How many checks re-scoring made: indicators judged against evidence, parents against
    /// children, totals against parts, grades against bands.
    pub fn checks(&self) -> usize {
        self.indicators
            .iter()
            .filter(|i| i.support.is_some())
            .count()
            + self.sums.len()
            + self.totals.len()
            + self.grades.len()
    }
}

/// Re-score a scorecard.
pub fn evaluate(
    text: &str,
    doc: &Document,
    tables: &TableRelations,
    card: &Scorecard,
    rubric: &Rubric,
) -> Evaluation {
    let cx = Cx::new(text, doc, tables, card, rubric);

    let mut evals = indicator_evals(&cx);
    let mut sums = sum_checks(card);
    mark_sums(&sums, &mut evals);

    let whole_tables: Vec<usize> = (0..card.tables.len())
        .filter(|&t| card.tables[t].whole)
        .collect();
    // A table a total stated elsewhere can be compared with: read whole, and complete — its
    // top-level weights make 100 (a table of the 项目资金 row alone, or of one part, is not
    // the scorecard).
    let complete_tables: Vec<usize> = whole_tables
        .iter()
        .copied()
        .filter(|&t| {
            let top = card.top_level(t);
            !top.is_empty()
                && top
                    .iter()
                    .map(|&i| derived(card, i, Measure::Weight, 0))
                    .sum::<Option<Decimal>>()
                    == Some(Decimal::ONE_HUNDRED)
        })
        .collect();
    let mut totals = total_checks(doc, card, &whole_tables, &complete_tables);
    let unsound = drop_unsound(card, &whole_tables, &mut sums, &mut totals, &mut evals);
    let grades = grade_checks(card, rubric);
    let recomputed = recomputed_scores(card, &mut evals);

    let ranges = ranges(card, &evals);
    for (e, r) in evals.iter_mut().zip(&ranges) {
        e.range = *r;
    }

    // The claimed total: a table's total row first, else the prose's.
    let claimed = card
        .totals
        .iter()
        .position(|t| matches!(t.origin, Origin::Table { .. }))
        .or_else(|| (!card.totals.is_empty()).then_some(0));
    let mut adjustments = Vec::new();
    let recomputed_total = recomputed_total(
        doc,
        card,
        &complete_tables,
        &recomputed,
        claimed,
        &mut adjustments,
    );
    // No total stated: the sum of the one table read whole, claimed and recomputed.
    let mut claimed_sum = None;
    let mut recomputed_total = recomputed_total;
    if claimed.is_none()
        && let [t] = whole_tables.as_slice()
    {
        let top = card.top_level(*t);
        claimed_sum = top
            .iter()
            .map(|&i| derived(card, i, Measure::Score, 0))
            .sum::<Option<Decimal>>();
        recomputed_total = top.iter().map(|&i| recomputed[i]).sum::<Option<Decimal>>();
        if claimed_sum.is_some() {
            for (i, (ind, r)) in card.indicators.iter().zip(&recomputed).enumerate() {
                let leaf = !card.children_known(i) || card.children(i).next().is_none();
                if ind.origin.table() == Some(*t)
                    && leaf
                    && let (Some(s), Some(r)) = (&ind.score, r)
                    && *r != s.value
                {
                    adjustments.push((i, *r - s.value));
                }
            }
        }
    }
    // A grade only for a whole scorecard: a stated total, or a table worth 100.
    let graded = claimed.is_some()
        || whole_tables.first().is_some_and(|&t| {
            card.top_level(t)
                .iter()
                .map(|&i| derived(card, i, Measure::Weight, 0))
                .sum::<Option<Decimal>>()
                == Some(Decimal::ONE_HUNDRED)
        });
    let recomputed_grade = recomputed_total
        .filter(|_| graded)
        .and_then(|t| rubric.grade_of(t))
        .map(|g| g.grade.clone());
    let claimed_grade = card
        .grades
        .iter()
        .find_map(|g| rubric.grade_named(&g.word).map(|b| b.grade.clone()))
        .or_else(|| card.grades.first().map(|g| g.word.clone()));
    let (recomputed_range, not_rescored) = total_range(card, &evals, recomputed_total);
    let grade_range = recomputed_range.filter(|_| graded).and_then(|(lo, hi)| {
        Some((
            rubric.grade_of(lo)?.grade.clone(),
            rubric.grade_of(hi)?.grade.clone(),
        ))
    });
    // Bands are ordered from the top down: the claimed grade is allowed when its band lies
    // between the grades of the lowest and the highest total.
    let grade_excluded = match (&grade_range, &claimed_grade) {
        (Some((lo, hi)), Some(c)) => {
            let pos = |g: &str| rubric.grades.iter().position(|b| b.grade == g);
            match (pos(lo), pos(hi), pos(c)) {
                (Some(l), Some(h), Some(k)) => k < h || k > l,
                _ => false,
            }
        }
        _ => false,
    };

    Evaluation {
        indicators: evals,
        sums,
        totals,
        grades,
        claimed,
        claimed_sum,
        recomputed_total,
        recomputed_range,
        not_rescored,
        recomputed_grade,
        grade_range,
        grade_excluded,
        claimed_grade,
        adjustments,
        unsound,
    }
}

/// `9.744` → `9.74`, `4` → `4`.
pub fn show(v: Decimal) -> String {
    fmt_trim(v, 2)
}
