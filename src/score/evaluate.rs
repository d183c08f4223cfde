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
//! * a project row's own 年度指标值 and 实际完成值 (正向 实际/目标, 反向 目标/实际);
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

use super::rubric::{EvidenceSpec, EvidenceUnit, Rubric, ScoreRule, TableCriteria, ValueRange};
use super::{CardKind, Cmp, Figure, Indicator, Origin, Scorecard};
use crate::diagnostic::Message;
use crate::model::{Document, Qualifier, Quantity, Span, Unit};
use crate::numeric::{Interval, fmt_trim, half_unit};

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
}

impl Basis {
    pub fn kind(&self) -> &'static str {
        match self {
            Basis::Rubric { .. } => "rubric",
            Basis::Table { .. } => "table",
            Basis::Execution { .. } => "execution",
            Basis::Quantitative { .. } => "quantitative",
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

/// Words in a figure's label that make it something other than the year's measured value:
/// a target (`满意度目标值95%`), a criterion (`满意度≥95%的得6分`), last year's figure.
const NOT_MEASURED: &[&str] = &[
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
    "≥",
    "≤",
    ">",
    "<",
    "＞",
    "＜",
];

struct Cx<'a> {
    text: &'a str,
    doc: &'a Document,
    card: &'a Scorecard,
    rubric: &'a Rubric,
}

impl Cx<'_> {
    fn slice(&self, span: Span) -> String {
        self.text
            .get(span.start..span.end)
            .unwrap_or("")
            .to_string()
    }

    fn evidence_of(&self, span: Span, role: Role, label: Option<String>) -> Evidence {
        Evidence {
            span,
            role,
            text: self.slice(span),
            label,
        }
    }

    /// The prose figures whose labels match, outside score tables, exact or bounds, for the
    /// whole year.
    fn figures(
        &self,
        keywords: &[String],
        concepts: &[String],
        exclude: &[String],
        unit: EvidenceUnit,
        measured_only: bool,
    ) -> Vec<&Quantity> {
        self.doc
            .quantities
            .iter()
            .filter(|q| q.cell.is_none() && !self.card.in_table(q.span))
            .filter(|q| q.qualifier != Some(Qualifier::Approx))
            .filter(|q| q.period.is_none_or(|p| p.is_full_year()))
            .filter(|q| match unit {
                EvidenceUnit::Percent => q.unit == Unit::Percent,
                EvidenceUnit::Count => matches!(q.unit, Unit::Count { .. }),
                EvidenceUnit::Any => !matches!(q.unit, Unit::Money { .. } | Unit::None),
            })
            .filter(|q| {
                let l = q.label_text();
                // Targets, criteria and last year's figures are not this year's measurement.
                if measured_only && NOT_MEASURED.iter().any(|w| l.contains(w)) {
                    return false;
                }
                let by_word = keywords.iter().any(|k| l.contains(k.as_str()));
                let by_concept = q.concept().is_some_and(|c| concepts.iter().any(|k| k == c));
                (by_word || by_concept) && !exclude.iter().any(|x| l.contains(x.as_str()))
            })
            .collect()
    }

    /// The value a figure stands for.
    fn range_of_figure(q: &Quantity) -> (ValueRange, EvidenceBound) {
        let v = q.value;
        match q.qualifier {
            Some(Qualifier::AtLeast) => (
                ValueRange {
                    lo: Some(v),
                    ..ValueRange::default()
                },
                EvidenceBound::Floor,
            ),
            Some(Qualifier::MoreThan) => (
                ValueRange {
                    lo: Some(v),
                    lo_open: true,
                    ..ValueRange::default()
                },
                EvidenceBound::Floor,
            ),
            Some(Qualifier::AtMost) => (
                ValueRange {
                    hi: Some(v),
                    ..ValueRange::default()
                },
                EvidenceBound::Ceiling,
            ),
            Some(Qualifier::LessThan) => (
                ValueRange {
                    hi: Some(v),
                    hi_open: true,
                    ..ValueRange::default()
                },
                EvidenceBound::Ceiling,
            ),
            _ => (
                range_of(Interval::of_written(v, q.decimals)),
                EvidenceBound::Exact,
            ),
        }
    }

    /// Judge an indicator with a rule and the prose evidence a spec names.
    fn by_spec(
        &self,
        ind: &Indicator,
        rule: &ScoreRule,
        spec: &EvidenceSpec,
        basis: Basis,
    ) -> Option<Support> {
        let claimed = ind.score.as_ref()?;
        // Points written in the rule need no weight; anything else scales with it.
        let points_only = matches!(rule, ScoreRule::Bands(bands)
            if bands.iter().all(|b| matches!(b.score, super::rubric::BandScore::Points(_))));
        let weight = match (&ind.weight, points_only) {
            (Some(w), _) => w.value,
            (None, true) => claimed.value,
            (None, false) => return None,
        };
        match spec {
            EvidenceSpec::Figure {
                keywords,
                concepts,
                exclude,
                unit,
            } => {
                let figs = self.figures(keywords, concepts, exclude, *unit, true);
                let first = figs.first()?;
                // Several figures: they must say the same.
                if figs
                    .iter()
                    .any(|q| q.value != first.value || q.qualifier != first.qualifier)
                {
                    return None;
                }
                let (range, bound) = Self::range_of_figure(first);
                let (expected, low, high, consistent) =
                    judge(rule, weight, claimed, &range, bound, first.value)?;
                let evidence = figs
                    .iter()
                    .map(|q| {
                        let end = self.qualified_end(q);
                        self.evidence_of(
                            Span::new(q.span.start, end),
                            Role::Figure,
                            q.label.as_ref().map(|l| l.text.clone()),
                        )
                    })
                    .collect();
                Some(Support {
                    expected,
                    low,
                    high,
                    bound,
                    consistent,
                    value: first.value,
                    evidence,
                    basis,
                })
            }
            EvidenceSpec::CountRatio {
                numerator,
                denominator,
            } => {
                // `计划完成项目12个` names the plan, not the done: the denominator's words keep a
                // figure out of the numerator.
                let nums = self.figures(numerator, &[], denominator, EvidenceUnit::Count, false);
                let dens = self.figures(denominator, &[], &[], EvidenceUnit::Count, false);
                let ([n], [d]) = (nums.as_slice(), dens.as_slice()) else {
                    return None;
                };
                if n.block != d.block
                    || n.unit != d.unit
                    || d.value.is_zero()
                    || n.qualifier.is_some()
                    || d.qualifier.is_some()
                {
                    return None;
                }
                let value = n
                    .value
                    .checked_div(d.value)?
                    .checked_mul(Decimal::ONE_HUNDRED)?;
                let range = range_of(Interval::exact(value));
                let (expected, low, high, consistent) =
                    judge(rule, weight, claimed, &range, EvidenceBound::Exact, value)?;
                Some(Support {
                    expected,
                    low,
                    high,
                    bound: EvidenceBound::Exact,
                    consistent,
                    value,
                    evidence: vec![
                        self.evidence_of(n.span, Role::Numerator, Some(n.label_text().into())),
                        self.evidence_of(d.span, Role::Denominator, Some(d.label_text().into())),
                    ],
                    basis,
                })
            }
        }
    }

    /// The end of a figure including a bound written after it (`90%以上`).
    fn qualified_end(&self, q: &Quantity) -> usize {
        let rest = self.text.get(q.span.end..).unwrap_or("");
        for w in ["以上", "以下", "以内"] {
            if rest.starts_with(w) {
                return q.span.end + w.len();
            }
        }
        q.span.end
    }

    /// Tiers written in the row's own criteria.
    fn by_criteria(&self, ind: &Indicator) -> Option<Support> {
        let weight = ind.weight.as_ref()?.value;
        for &c in &ind.criteria {
            let Some((var, bands)) = super::rubric::bands_from_criteria(&self.slice(c)) else {
                continue;
            };
            let max = bands
                .iter()
                .filter_map(|b| match b.score {
                    super::rubric::BandScore::Points(p) => Some(p),
                    super::rubric::BandScore::Fraction(_) => None,
                })
                .max()
                .unwrap_or_default();
            if max > weight {
                continue;
            }
            let rule = ScoreRule::Bands(bands);
            let spec = EvidenceSpec::Figure {
                keywords: vec![var],
                concepts: Vec::new(),
                exclude: Vec::new(),
                unit: EvidenceUnit::Percent,
            };
            let mut s = self.by_spec(ind, &rule, &spec, Basis::Table { rule: rule.clone() })?;
            // Point at the tier that gives the supported score, not the whole cell.
            let item = self.criteria_item(c, s.expected).unwrap_or(c);
            s.evidence
                .push(self.evidence_of(item, Role::Criteria, None));
            return Some(s);
        }
        None
    }

    /// The item of a criteria cell that awards `points` (`2.90%≤满意度<95%的，得4分`).
    fn criteria_item(&self, cell: Span, points: Decimal) -> Option<Span> {
        let src = self.text.get(cell.start..cell.end)?;
        let want = format!("得{}分", fmt_trim(points, 4));
        let mut start = 0;
        for (i, ch) in src.char_indices().chain(std::iter::once((src.len(), '；'))) {
            if matches!(ch, '；' | ';' | '。') {
                let item = &src[start..i];
                if super::table::clean(item).contains(&want) {
                    let span = Span::new(cell.start + start, cell.start + i);
                    let span = crate::parse::structure::trim_span(self.text, span);
                    return (!span.is_empty()).then_some(span);
                }
                start = i + ch.len_utf8().min(src.len() - i);
            }
        }
        None
    }

    fn by_rubric(&self, ind: &Indicator) -> Option<Support> {
        let weight = ind.weight.as_ref().map(|w| w.value);
        self.rubric
            .indicators
            .iter()
            .filter(|r| r.matches(&ind.name, self.card.kind, weight))
            .find_map(|r| {
                self.by_spec(
                    ind,
                    &r.rule,
                    &r.evidence,
                    Basis::Rubric {
                        id: r.id.clone(),
                        rule: r.rule.clone(),
                    },
                )
            })
    }

    /// The 项目资金 row: 得分 from 全年执行数 / 全年预算数.
    fn by_funds(&self, ind: &Indicator) -> Option<Support> {
        let funds = ind.funds.as_ref()?;
        let claimed = ind.score.as_ref()?;
        let weight = ind.weight.as_ref()?.value;
        let rule = &self.rubric.execution;
        let written = |f: &Figure| Interval::of_written(f.value, f.decimals);
        let ratio = |num: &Figure, den: &Figure| -> Option<Interval> {
            if den.value.is_zero() {
                return None;
            }
            Some(written(num).div(&written(den))?.scale(Decimal::ONE_HUNDRED))
        };
        let mut candidates: Vec<Interval> = Vec::new();
        let mut evidence = Vec::new();
        let value;
        match (&funds.spent, &funds.budget) {
            (Some(s), Some(b)) if !b.value.is_zero() => {
                candidates.push(ratio(s, b)?);
                value = s
                    .value
                    .checked_div(b.value)?
                    .checked_mul(Decimal::ONE_HUNDRED)?;
                evidence.push(self.evidence_of(s.span, Role::Spent, None));
                evidence.push(self.evidence_of(b.span, Role::Budget, None));
                // A rate stated against 年初预算数 is the wrong base (A001 says so): the score
                // is judged on 全年执行数 / 全年预算数 alone, never "agrees" by that reading.
            }
            _ => {
                let r = funds.rate.as_ref()?;
                candidates.push(written(r));
                value = r.value;
            }
        }
        if let Some(r) = &funds.rate {
            evidence.push(self.evidence_of(r.span, Role::Rate, None));
        }
        let mut result: Option<(Decimal, Decimal, Decimal, bool)> = None;
        for (k, iv) in candidates.iter().enumerate() {
            let j = judge(
                rule,
                weight,
                claimed,
                &range_of(*iv),
                EvidenceBound::Exact,
                value,
            )?;
            if k == 0 {
                result = Some(j);
            } else if j.3 {
                result = result.map(|r| (r.0, r.1, r.2, true));
            }
        }
        let (expected, low, high, consistent) = result?;
        Some(Support {
            expected,
            low,
            high,
            bound: EvidenceBound::Exact,
            consistent,
            value,
            evidence,
            basis: Basis::Execution { rule: rule.clone() },
        })
    }

    /// A project row: 实际完成值 against 年度指标值.
    fn by_measures(&self, ind: &Indicator) -> Option<Support> {
        let (t, a) = (ind.target.as_ref()?, ind.actual.as_ref()?);
        let claimed = ind.score.as_ref()?;
        let weight = ind.weight.as_ref()?.value;
        if t.unit != a.unit || a.cmp != Cmp::Eq || t.value <= Decimal::ZERO {
            return None;
        }
        let positive = !matches!(t.cmp, Cmp::AtMost | Cmp::LessThan);
        let actual = Interval::of_written(a.value, a.decimals);
        let target = Interval::exact(t.value);
        let hundred = Decimal::ONE_HUNDRED;
        let (ratio, value) = if positive {
            (
                actual.div(&target)?.scale(hundred),
                a.value.checked_div(t.value)?.checked_mul(hundred)?,
            )
        } else if a.value.is_zero() {
            // Nothing spent or happened against a ceiling: the target is met.
            (Interval::exact(hundred), hundred)
        } else {
            (
                target
                    .div(&Interval {
                        lo: actual.lo.max(Decimal::new(1, 12)),
                        hi: actual.hi,
                    })?
                    .scale(hundred),
                t.value.checked_div(a.value)?.checked_mul(hundred)?,
            )
        };
        let cap = self.rubric.quantitative_cap;
        let rule = ScoreRule::Linear {
            full_at: hundred,
            cap,
        };
        let (expected, low, high, consistent) = judge(
            &rule,
            weight,
            claimed,
            &range_of(ratio),
            EvidenceBound::Exact,
            value,
        )?;
        Some(Support {
            expected,
            low,
            high,
            bound: EvidenceBound::Exact,
            consistent,
            value,
            evidence: vec![
                self.evidence_of(t.span, Role::Target, None),
                self.evidence_of(a.span, Role::Actual, None),
            ],
            basis: Basis::Quantitative { positive, cap },
        })
    }

    fn support(&self, ind: &Indicator) -> Option<Support> {
        if !ind.certain || ind.score.is_none() {
            return None;
        }
        if ind.funds.is_some() {
            return self.by_funds(ind);
        }
        if let Some(s) = self.by_measures(ind) {
            return Some(s);
        }
        match self.rubric.table_criteria {
            TableCriteria::Prefer => self.by_criteria(ind).or_else(|| self.by_rubric(ind)),
            TableCriteria::Fallback => self.by_rubric(ind).or_else(|| self.by_criteria(ind)),
            TableCriteria::Ignore => self.by_rubric(ind),
        }
    }
}

/// Stated weight, or the sum of the children's in a table read whole.
fn derived(card: &Scorecard, i: usize, m: Measure, depth: usize) -> Option<Decimal> {
    let ind = card.indicators.get(i)?;
    let stated = match m {
        Measure::Score => ind.score.as_ref(),
        Measure::Weight => ind.weight.as_ref(),
    };
    if let Some(f) = stated {
        return Some(f.value);
    }
    if depth > 8 || !card.children_known(i) {
        return None;
    }
    let children: Vec<usize> = card.children(i).collect();
    if children.is_empty() {
        return None;
    }
    children
        .iter()
        .map(|&c| derived(card, c, m, depth + 1))
        .sum::<Option<Decimal>>()
}

fn decimals_of(card: &Scorecard, parts: &[usize], m: Measure) -> u32 {
    parts
        .iter()
        .filter_map(|&p| card.indicators.get(p))
        .filter_map(|ind| match m {
            Measure::Score => ind.score.as_ref(),
            Measure::Weight => ind.weight.as_ref(),
        })
        .map(|f| f.decimals)
        .max()
        .unwrap_or(0)
}

/// The kind of card a prose total speaks of (`项目综合得分` is a project's).
fn prose_kind(doc: &Document, span: Span) -> CardKind {
    let project = doc
        .quantities
        .iter()
        .find(|q| q.span == span)
        .is_some_and(|q| q.label_text().contains("项目"));
    if project {
        CardKind::Project
    } else {
        CardKind::Department
    }
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
pub fn evaluate(text: &str, doc: &Document, card: &Scorecard, rubric: &Rubric) -> Evaluation {
    let cx = Cx {
        text,
        doc,
        card,
        rubric,
    };
    let n = card.indicators.len();

    // Per indicator: support and weight.
    let mut evals: Vec<IndicatorEval> = (0..n)
        .map(|i| {
            let ind = &card.indicators[i];
            let weight = derived(card, i, Measure::Weight, 0)
                .or_else(|| ind.twin.and_then(|t| derived(card, t, Measure::Weight, 0)));
            let claimed = derived(card, i, Measure::Score, 0);
            let support = cx.support(ind);
            let over = match (&ind.score, weight) {
                (Some(s), Some(w)) => ind.certain && s.value > w,
                _ => false,
            };
            let status = if !ind.certain {
                Status::Uncertain
            } else if over {
                Status::OverWeight
            } else {
                match &support {
                    Some(s) if !s.consistent => Status::Unsupported,
                    Some(_) => Status::Confirmed,
                    None => Status::Unchecked,
                }
            };
            IndicatorEval {
                status,
                weight,
                claimed,
                recomputed: None,
                range: None,
                support,
            }
        })
        .collect();

    // S002: parents against their children.
    let mut sums = Vec::new();
    for p in 0..n {
        if !card.children_known(p) {
            continue;
        }
        let children: Vec<usize> = card.children(p).collect();
        if children.is_empty() {
            continue;
        }
        let ind = &card.indicators[p];
        for m in [Measure::Weight, Measure::Score] {
            let stated = match m {
                Measure::Score => ind.score.clone(),
                Measure::Weight => ind.weight.clone(),
            };
            let Some(stated) = stated else { continue };
            let Some(sum) = children
                .iter()
                .map(|&c| derived(card, c, m, 0))
                .sum::<Option<Decimal>>()
            else {
                continue;
            };
            let consistent = match m {
                Measure::Weight => sum == stated.value,
                Measure::Score => sum_fits(
                    &stated,
                    sum,
                    children.len(),
                    decimals_of(card, &children, m),
                ),
            };
            sums.push(SumCheck {
                parent: p,
                measure: m,
                stated,
                children: children.clone(),
                sum,
                consistent,
            });
        }
    }
    // Prose parts against their table twin's children.
    for p in 0..n {
        let ind = &card.indicators[p];
        let (Origin::Text { .. }, Some(t), Some(stated)) = (ind.origin, ind.twin, &ind.score)
        else {
            continue;
        };
        if card.indicators[t].score.is_some() {
            continue;
        }
        let children: Vec<usize> = card.children(t).collect();
        if children.is_empty() {
            continue;
        }
        let Some(sum) = children
            .iter()
            .map(|&c| derived(card, c, Measure::Score, 0))
            .sum::<Option<Decimal>>()
        else {
            continue;
        };
        let consistent = sum_fits(
            stated,
            sum,
            children.len(),
            decimals_of(card, &children, Measure::Score),
        );
        sums.push(SumCheck {
            parent: p,
            measure: Measure::Score,
            stated: stated.clone(),
            children,
            sum,
            consistent,
        });
    }
    for s in &sums {
        if !s.consistent && evals[s.parent].status != Status::OverWeight {
            evals[s.parent].status = Status::SumMismatch;
        } else if s.consistent && evals[s.parent].status == Status::Unchecked {
            evals[s.parent].status = Status::Confirmed;
        }
    }

    // S003: totals.
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
    let table_sum = |t: usize, m: Measure| -> Option<(Vec<usize>, Decimal)> {
        let top = card.top_level(t);
        if top.is_empty() {
            return None;
        }
        let sum = top
            .iter()
            .map(|&i| derived(card, i, m, 0))
            .sum::<Option<Decimal>>()?;
        Some((top, sum))
    };
    let mut totals = Vec::new();
    for (ti, total) in card.totals.iter().enumerate() {
        match total.origin {
            Origin::Table { table, .. } if card.tables.get(table).is_some_and(|t| t.whole) => {
                // The parts: the table's top level — with the table just before it when the
                // extraction split one scorecard in two (a 项目资金 block above an indicator
                // table, no total of its own) and only both together make the stated weight.
                let own = card.top_level(table);
                let weight_of = |parts: &[usize]| {
                    parts
                        .iter()
                        .map(|&i| derived(card, i, Measure::Weight, 0))
                        .sum::<Option<Decimal>>()
                };
                let before = table.checked_sub(1).filter(|&p| {
                    card.tables[p].kind == card.tables[table].kind
                        && !card.totals.iter().any(|t| t.origin.table() == Some(p))
                });
                let top = match (&total.weight, before) {
                    (Some(w), Some(p)) if weight_of(&own) != Some(w.value) => {
                        if !card.tables[p].whole {
                            // The first part could not be read whole: nothing to add up.
                            continue;
                        }
                        let mut both = card.top_level(p);
                        both.extend(own.iter().copied());
                        if weight_of(&both) == Some(w.value) {
                            both
                        } else {
                            own
                        }
                    }
                    _ => own,
                };
                let score_sum = top
                    .iter()
                    .map(|&i| derived(card, i, Measure::Score, 0))
                    .sum::<Option<Decimal>>();
                // `合计 | | 100` with the scores adding to 96.31: a lone figure equal to the
                // total weight is more likely the weight in the wrong column than a score.
                let weight_for_score =
                    total.weight.is_none() && weight_of(&top) == Some(total.score.value);
                if let (false, Some(sum), false) = (top.is_empty(), score_sum, weight_for_score) {
                    let dp = decimals_of(card, &top, Measure::Score);
                    totals.push(TotalCheck {
                        total: ti,
                        measure: Measure::Score,
                        stated: total.score.clone(),
                        consistent: sum_fits(&total.score, sum, top.len(), dp),
                        reference: Reference::Parts(top.clone()),
                        sum,
                    });
                }
                if let (Some(w), false, Some(sum)) =
                    (&total.weight, top.is_empty(), weight_of(&top))
                {
                    totals.push(TotalCheck {
                        total: ti,
                        measure: Measure::Weight,
                        stated: w.clone(),
                        consistent: sum == w.value,
                        reference: Reference::Parts(top),
                        sum,
                    });
                }
            }
            _ if !total.parts.is_empty() => {
                let sum: Decimal = total
                    .parts
                    .iter()
                    .filter_map(|&p| card.indicators[p].score.as_ref().map(|s| s.value))
                    .sum();
                let names: Vec<&str> = total
                    .parts
                    .iter()
                    .map(|&p| card.indicators[p].name.as_str())
                    .collect();
                let matches_table = whole_tables.iter().any(|&t| {
                    let mut top: Vec<&str> = card
                        .top_level(t)
                        .iter()
                        .map(|&i| card.indicators[i].name.as_str())
                        .collect();
                    let mut names = names.clone();
                    top.sort_unstable();
                    names.sort_unstable();
                    top == names
                });
                let judged = sum > total.score.value || total.parts.len() >= 3 || matches_table;
                if judged {
                    let dp = decimals_of(card, &total.parts, Measure::Score);
                    totals.push(TotalCheck {
                        total: ti,
                        measure: Measure::Score,
                        stated: total.score.clone(),
                        consistent: sum_fits(&total.score, sum, total.parts.len(), dp),
                        reference: Reference::Parts(total.parts.clone()),
                        sum,
                    });
                }
            }
            _ => {
                // Against the one table read whole of the same kind, else against another
                // total whose parts add up to it.
                let kind = match total.origin {
                    Origin::Table { table, .. } => {
                        card.tables.get(table).map(|t| t.kind).unwrap_or(card.kind)
                    }
                    Origin::Text { .. } => prose_kind(doc, total.score.span),
                };
                let same_kind: Vec<usize> = complete_tables
                    .iter()
                    .copied()
                    .filter(|&t| card.tables[t].kind == kind)
                    .collect();
                // A total restated beside the table's own total row is judged there.
                let restated = |t: usize| {
                    card.totals.iter().enumerate().any(|(oi, o)| {
                        oi != ti
                            && o.origin.table() == Some(t)
                            && o.score.value == total.score.value
                    })
                };
                if let [t] = same_kind.as_slice()
                    && restated(*t)
                {
                    continue;
                }
                if let [t] = same_kind.as_slice()
                    && let Some((top, sum)) = table_sum(*t, Measure::Score)
                {
                    let dp = decimals_of(card, &top, Measure::Score);
                    totals.push(TotalCheck {
                        total: ti,
                        measure: Measure::Score,
                        stated: total.score.clone(),
                        consistent: sum_fits(&total.score, sum, top.len(), dp),
                        reference: Reference::Parts(top),
                        sum,
                    });
                    continue;
                }
                let other = card.totals.iter().enumerate().find(|(oi, o)| {
                    *oi != ti
                        && prose_kind(doc, o.score.span) == kind
                        && o.parts.len() >= 3
                        && o.parts
                            .iter()
                            .filter_map(|&p| card.indicators[p].score.as_ref().map(|s| s.value))
                            .sum::<Decimal>()
                            == o.score.value
                });
                if let Some((oi, o)) = other {
                    totals.push(TotalCheck {
                        total: ti,
                        measure: Measure::Score,
                        stated: total.score.clone(),
                        consistent: o.score.value == total.score.value,
                        reference: Reference::Total(oi),
                        sum: o.score.value,
                    });
                }
            }
        }
    }

    // A table whose levels disagree both ways — a parent's weight is not its children's, and
    // the first level does not make the total weight — was most likely misread (a name in the
    // wrong column makes a child a parent): none of its sums is judged.
    let mut unsound = Vec::new();
    for &t in &whole_tables {
        let top = card.top_level(t);
        let top_weight = top
            .iter()
            .map(|&i| derived(card, i, Measure::Weight, 0))
            .sum::<Option<Decimal>>();
        let stated = card
            .totals
            .iter()
            .filter(|x| x.origin.table() == Some(t))
            .find_map(|x| x.weight.as_ref().map(|w| w.value))
            .unwrap_or(Decimal::ONE_HUNDRED);
        let in_table = |i: usize| card.indicators.get(i).and_then(|x| x.origin.table()) == Some(t);
        let parent_off = sums
            .iter()
            .any(|c| c.measure == Measure::Weight && !c.consistent && in_table(c.parent));
        if parent_off && top_weight.is_some_and(|w| w != stated) {
            unsound.push(t);
        }
    }
    if !unsound.is_empty() {
        let in_unsound = |i: usize| {
            card.indicators
                .get(i)
                .and_then(|x| x.origin.table())
                .is_some_and(|t| unsound.contains(&t))
        };
        sums.retain(|c| !in_unsound(c.parent) && !c.children.iter().any(|&k| in_unsound(k)));
        totals.retain(|c| {
            let own = card.totals.get(c.total).and_then(|x| x.origin.table());
            let parts = match &c.reference {
                Reference::Parts(p) => p.iter().any(|&k| in_unsound(k)),
                Reference::Total(_) => false,
            };
            !own.is_some_and(|t| unsound.contains(&t)) && !parts
        });
        for (i, e) in evals.iter_mut().enumerate() {
            if in_unsound(i) && e.status == Status::SumMismatch {
                e.status = Status::Unchecked;
            }
        }
    }

    // S004: grades.
    // A grade stated apart from any total goes with the report's one total: every total in
    // the prose or in a table read whole states the same value.
    let trusted: Vec<usize> = (0..card.totals.len())
        .filter(|&t| match card.totals[t].origin {
            Origin::Text { .. } => true,
            Origin::Table { table, .. } => card.tables.get(table).is_some_and(|t| t.whole),
        })
        .collect();
    let agreed_total = trusted.first().copied().filter(|&f| {
        trusted
            .iter()
            .all(|&t| card.totals[t].score.value == card.totals[f].score.value)
    });
    let mut grades = Vec::new();
    for (gi, g) in card.grades.iter().enumerate() {
        let Some(named) = rubric.grade_named(&g.word) else {
            continue;
        };
        let Some(ti) = g.total.or(agreed_total) else {
            continue;
        };
        let Some(total) = card.totals.get(ti) else {
            continue;
        };
        let Some(band) = rubric.grade_of(total.score.value) else {
            continue;
        };
        grades.push(GradeCheck {
            grade: gi,
            total: ti,
            expected: band.grade.clone(),
            stated: named.grade.clone(),
            consistent: band.grade == named.grade,
        });
    }

    // Recomputed scores.
    let mut recomputed: Vec<Option<Decimal>> = vec![None; n];
    // Leaves first (children come after their parents in document order, so walk backwards).
    for i in (0..n).rev() {
        let ind = &card.indicators[i];
        let children: Vec<usize> = if card.children_known(i) {
            card.children(i).collect()
        } else {
            Vec::new()
        };
        let r = if !children.is_empty() {
            children
                .iter()
                .map(|&c| recomputed[c])
                .sum::<Option<Decimal>>()
                .or_else(|| ind.score.as_ref().map(|s| s.value))
        } else if !ind.certain {
            None
        } else {
            let e = &evals[i];
            ind.score.as_ref().map(|s| {
                let mut v = s.value;
                if let Some(sup) = &e.support
                    && !sup.consistent
                {
                    v = match sup.bound {
                        EvidenceBound::Ceiling => v.min(sup.expected),
                        _ => crate::numeric::round_half_up(sup.expected, 2),
                    };
                }
                if let Some(w) = e.weight {
                    v = v.min(w);
                }
                v
            })
        };
        recomputed[i] = r;
    }
    // Prose parts follow their twins.
    for i in 0..n {
        if let (Origin::Text { .. }, Some(t)) = (card.indicators[i].origin, card.indicators[i].twin)
            && recomputed[t].is_some()
        {
            recomputed[i] = recomputed[t];
        }
    }
    for (e, r) in evals.iter_mut().zip(&recomputed) {
        e.recomputed = *r;
    }
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
    let recomputed_total = claimed.and_then(|ci| {
        let c = &card.totals[ci];
        let scoring_table = match c.origin {
            Origin::Table { table, .. } => Some(table),
            Origin::Text { .. } => {
                let kind = prose_kind(doc, c.score.span);
                let same: Vec<usize> = complete_tables
                    .iter()
                    .copied()
                    .filter(|&t| card.tables[t].kind == kind)
                    .collect();
                same.first().copied().filter(|_| same.len() == 1)
            }
        };
        let is_leaf = |i: usize| !card.children_known(i) || card.children(i).next().is_none();
        let leaf_delta = |i: usize| -> Option<Decimal> {
            let s = card.indicators[i].score.as_ref()?.value;
            let r = recomputed[i]?;
            (r != s).then_some(r - s)
        };
        if let Some(t) = scoring_table
            && card.tables.get(t).is_some_and(|tb| tb.whole)
        {
            let top = card.top_level(t);
            let sum = top
                .iter()
                .map(|&i| recomputed[i])
                .sum::<Option<Decimal>>()?;
            for i in 0..n {
                if card.indicators[i].origin.table() == Some(t)
                    && is_leaf(i)
                    && let Some(d) = leaf_delta(i)
                {
                    adjustments.push((i, d));
                }
            }
            return Some(sum);
        }
        // The table could not be read whole: start from the stated parts (or total) and
        // apply what the certain rows changed.
        let with_parts = card
            .totals
            .iter()
            .find(|t| !t.parts.is_empty() && t.score.value == c.score.value);
        let base = match with_parts {
            Some(t) => t
                .parts
                .iter()
                .filter_map(|&p| card.indicators[p].score.as_ref().map(|s| s.value))
                .sum(),
            None => c.score.value,
        };
        let mut total = base;
        for i in 0..n {
            let ind = &card.indicators[i];
            let in_scope = match (scoring_table, ind.origin) {
                (Some(t), Origin::Table { table, .. }) => table == t,
                (None, Origin::Table { .. }) => card.tables.len() == 1,
                _ => false,
            };
            if in_scope
                && ind.certain
                && is_leaf(i)
                && let Some(d) = leaf_delta(i)
            {
                adjustments.push((i, d));
                total += d;
            }
        }
        Some(total)
    });
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

/// The score range of every indicator: a leaf's from its evidence (rounded to two places,
/// capped at its weight), a parent's the sum of its children's when all are known.
fn ranges(card: &Scorecard, evals: &[IndicatorEval]) -> Vec<Option<(Decimal, Decimal)>> {
    let n = evals.len();
    let mut out: Vec<Option<(Decimal, Decimal)>> = vec![None; n];
    for i in (0..n).rev() {
        let e = &evals[i];
        let children: Vec<usize> = if card.children_known(i) {
            card.children(i).collect()
        } else {
            Vec::new()
        };
        out[i] = if !children.is_empty() {
            children
                .iter()
                .try_fold((Decimal::ZERO, Decimal::ZERO), |(a, b), &c| {
                    out[c].map(|(lo, hi)| (a + lo, b + hi))
                })
        } else {
            e.support.as_ref().map(|s| {
                let cap = |v: Decimal| {
                    let v = crate::numeric::round_half_up(v, 2);
                    e.weight.map_or(v, |w| v.min(w))
                };
                (cap(s.low), cap(s.high))
            })
        };
    }
    out
}

/// The range of the recomputed total: the recomputed total moved by how far each re-scored
/// leaf's range reaches below and above its recomputed score; and how many leaves of the
/// scorecard could not be re-scored.
fn total_range(
    card: &Scorecard,
    evals: &[IndicatorEval],
    total: Option<Decimal>,
) -> (Option<(Decimal, Decimal)>, usize) {
    let leaf = |i: usize| !card.children_known(i) || card.children(i).next().is_none();
    let mut not_rescored = 0;
    let (mut lo, mut hi) = (Decimal::ZERO, Decimal::ZERO);
    for (i, e) in evals.iter().enumerate() {
        let ind = &card.indicators[i];
        if !leaf(i) || !matches!(ind.origin, Origin::Table { .. }) || !ind.certain {
            continue;
        }
        match (e.range, e.recomputed) {
            (Some((l, h)), Some(r)) => {
                lo += (l - r).min(Decimal::ZERO);
                hi += (h - r).max(Decimal::ZERO);
            }
            _ => not_rescored += 1,
        }
    }
    (total.map(|t| (t + lo, t + hi)), not_rescored)
}

/// `9.744` → `9.74`, `4` → `4`.
pub fn show(v: Decimal) -> String {
    fmt_trim(v, 2)
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;
    use crate::model::SourceFormat;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    fn fig(s: &str) -> Figure {
        let decimals = s.split_once('.').map(|(_, f)| f.len() as u32).unwrap_or(0);
        Figure {
            value: d(s),
            decimals,
            span: Span::default(),
        }
    }

    fn run(text: &str) -> (Scorecard, Evaluation) {
        let doc = crate::parse::parse(text, SourceFormat::Text);
        let Some(card) = crate::score::read(text, &doc) else {
            panic!("no scorecard in:\n{text}");
        };
        let e = evaluate(text, &doc, &card, Rubric::builtin());
        (card, e)
    }

    #[test]
    fn claims_fit_at_two_places_or_their_own() {
        assert!(fits(&fig("9.74"), d("9.7435"), d("9.7445")));
        assert!(fits(&fig("4.8"), d("4.8247"), d("4.8247")));
        assert!(fits(&fig("4.82"), d("4.8247"), d("4.8247")));
        // Truncation is accepted.
        assert!(fits(&fig("9.95"), d("9.9579"), d("9.9579")));
        // Full marks are not a rounding of 9.96.
        assert!(!fits(&fig("10"), d("9.9579"), d("9.9579")));
        assert!(fits(&fig("10"), d("9.996"), d("9.996")));
        assert!(!fits(&fig("6"), d("4"), d("4")));
    }

    #[test]
    fn execution_score_is_weight_times_rate() {
        let head = "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n";
        let (_, e) = run(&format!(
            "{head}年度资金总额\t850.00\t912.46\t889.14\t10\t97.44%\t9.74\n"
        ));
        let s = e.indicators[0].support.clone();
        assert_eq!(s.as_ref().map(|s| s.consistent), Some(true), "{s:?}");
        let (_, e) = run(&format!(
            "{head}年度资金总额\t850.00\t912.46\t889.14\t10\t97.44%\t10\n"
        ));
        let s = e.indicators[0].support.clone();
        assert_eq!(
            s.as_ref().map(|s| (s.consistent, show(s.expected))),
            Some((false, "9.74".into()))
        );
        assert_eq!(e.indicators[0].status, Status::Unsupported);
        // Capped at the weight: 105% gives 10, not 10.5.
        let (_, e) = run(&format!(
            "{head}年度资金总额\t100.00\t100.00\t105.00\t10\t105.00%\t10\n"
        ));
        assert_eq!(e.indicators[0].status, Status::Confirmed);
    }

    #[test]
    fn quantitative_rows_positive_and_negative() {
        let head = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n";
        let (_, e) = run(&format!(
            "{head}产出指标\t时效指标\t完工及时率\t≥95%\t91.67%\t5\t4.82\n\
产出指标\t成本指标\t项目总成本\t≤486.24万元\t468.57万元\t5\t5\n\
满意度指标\t满意度\t群众满意度\t≥95%\t91.2%\t10\t10\n\
产出指标\t成本指标\t单位成本\t≤1500元\t1800元\t5\t5\n"
        ));
        let st: Vec<Status> = e.indicators.iter().map(|i| i.status).collect();
        assert!(st.contains(&Status::Unsupported));
        let sup: Vec<(String, bool)> = e
            .indicators
            .iter()
            .filter_map(|i| i.support.as_ref())
            .map(|s| (show(s.expected), s.consistent))
            .collect();
        assert_eq!(
            sup,
            vec![
                ("4.82".into(), true),
                ("5".into(), true),
                ("9.6".into(), false),
                ("4.17".into(), false)
            ]
        );
    }

    #[test]
    fn sums_and_totals_in_a_whole_table() {
        let (card, e) = run(
            "一级指标\t二级指标\t分值\t得分\n投入\t\t20\t19\n\t目标设定\t8\t8\n\t预算编制\t12\t10\n过程\t\t80\t76\n\t资金管理\t80\t76\n合计\t\t100\t96\n",
        );
        assert!(card.tables[0].whole);
        let bad: Vec<_> = e.sums.iter().filter(|s| !s.consistent).collect();
        assert_eq!(bad.len(), 1, "{:?}", e.sums);
        assert_eq!(card.indicators[bad[0].parent].name, "投入");
        assert_eq!(bad[0].sum, d("18"));
        // The total row matches the stated parents (19 + 76 = 95? no: 96 ≠ 95).
        let t: Vec<_> = e.totals.iter().map(|t| (t.measure, t.consistent)).collect();
        assert_eq!(t, vec![(Measure::Score, false), (Measure::Weight, true)]);
        assert_eq!(e.recomputed_total, Some(d("94")));
    }

    #[test]
    fn grades_follow_the_bands() {
        let (_, e) = run("经自评，本部门2023年度整体支出绩效自评得分89.5分，自评等级为“优”。\n");
        assert_eq!(e.grades.len(), 1);
        assert!(!e.grades[0].consistent);
        assert_eq!(e.grades[0].expected, "良");
        let (_, e) = run("经自评，本部门2023年度整体支出绩效自评得分90分，自评等级为“优秀”。\n");
        assert!(e.grades[0].consistent);
    }

    #[test]
    fn targets_criteria_and_last_year_are_not_evidence() {
        let (card, e) = run(
            "服务对象满意度目标值为95%，实际满意度为92.5%。\n评分标准为满意度≥95%的得6分。上年满意度为96%。\n\
一级指标\t二级指标\t分值\t得分\n部门绩效\t公众或服务对象满意度\t6\t6\n",
        );
        let i = card
            .indicators
            .iter()
            .position(|i| i.name == "公众或服务对象满意度")
            .unwrap_or(usize::MAX);
        let s = e.indicators.get(i).and_then(|e| e.support.clone());
        assert_eq!(
            s.as_ref().map(|s| (show(s.expected), s.evidence.len())),
            Some(("4".into(), 1)),
            "{s:?}"
        );
    }

    #[test]
    fn count_ratio_evidence() {
        let table = "一级指标\t二级指标\t分值\t得分\n部门绩效\t项目完成率\t6\t{score}\n";
        let prose = "全年计划完成项目12个，实际完成项目11个。\n";
        let (card, e) = run(&format!("{prose}{}", table.replace("{score}", "6")));
        let i = card
            .indicators
            .iter()
            .position(|i| i.name == "项目完成率")
            .unwrap_or(usize::MAX);
        let s = e.indicators.get(i).and_then(|e| e.support.clone());
        assert_eq!(
            s.as_ref()
                .map(|s| (show(s.expected), s.consistent, s.evidence.len())),
            Some(("5.5".into(), false, 2)),
            "{s:?}"
        );
        let (_, e) = run(&format!("{prose}{}", table.replace("{score}", "5.5")));
        assert_eq!(
            e.indicators.get(i).map(|e| e.status),
            Some(Status::Confirmed)
        );
    }

    #[test]
    fn satisfaction_floor_allows_every_tier_above_it() {
        let (card, e) = run("服务对象满意度根据项目自评结果达到90%以上。\n\
一级指标\t二级指标\t分值\t得分\t参考评分标准\n\
部门绩效\t公众或服务对象满意度\t6\t6\t1.满意度≥95%的，得6分； 2.90%≤满意度<95%的，得4分； 3.80%≤满意度<90%的，得2分； 4.满意度<80%的，得1分。\n");
        let i = card
            .indicators
            .iter()
            .position(|i| i.name == "公众或服务对象满意度")
            .unwrap_or(usize::MAX);
        let s = e.indicators.get(i).and_then(|e| e.support.clone());
        assert_eq!(
            s.as_ref()
                .map(|s| (s.bound, show(s.expected), s.consistent, s.basis.kind())),
            Some((EvidenceBound::Floor, "4".into(), true, "table"))
        );
        // `90%以上` allows the 4- and the 6-point tiers: the claimed 6 is in that range.
        assert_eq!(
            e.indicators.get(i).and_then(|e| e.range),
            Some((Decimal::from(4), Decimal::from(6)))
        );
    }
}
