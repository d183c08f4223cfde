//! Rubrics as data: how an indicator is scored, which figure of the report feeds it, and the
//! grade bands. A rubric is a JSON file (`data/rubrics/*.json`, described by
//! `schemas/rubric.schema.json`); the built-in default is `data/rubrics/default.json`, compiled
//! in so that the binary is self-contained.
//!
//! Scoring rules ([`ScoreRule`]) map a value (a percentage or a count) to points for an
//! indicator of a given weight:
//!
//! * `bands` — tiers: `满意度≥95% → 6, 90%≤…<95% → 4 …` (points, or fractions of the weight);
//! * `linear` — `分值 × value / full_at`, capped at the weight (得分 = 分值 × 执行率);
//! * `deduction` — points off per step beyond a limit (`每超1个百分点扣0.5分`), never below 0
//!   (扣完为止);
//! * `pass_fail` — full marks (or given points) inside a range, else 0 (`≤100% 得满分`).
//!
//! Evidence specs ([`EvidenceSpec`]) name the figure that feeds an indicator by the words of its
//! label or its lexicon concept (`满意度`, `rate.execution`), or two counts whose ratio it is
//! (完成项目数 / 计划项目数). Loading validates the file against the schema first, so that a
//! mistake is reported with its place in the file.

use std::path::Path;
use std::str::FromStr;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::diagnostic::Message;
use crate::numeric::fmt_trim;

mod criteria;
mod load;
#[cfg(test)]
mod tests;

pub use criteria::{bands_from_criteria, missed_from_criteria};
use load::*;

const DEFAULT: &str = include_str!("../../../data/rubrics/default.json");
const SCHEMA: &str = include_str!("../../../schemas/rubric.schema.json");

/// A grade and the lowest total that earns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeBand {
    pub grade: String,
    /// Other words reports use for it (`优秀` for `优`).
    pub aliases: Vec<String>,
    /// Inclusive lower bound.
    pub min: Decimal,
}

/// A bound of a band or range: the value and whether it is included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    pub value: Decimal,
    pub inclusive: bool,
}

/// What a band gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BandScore {
    Points(Decimal),
    /// A fraction of the indicator's weight.
    Fraction(Decimal),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub min: Option<Bound>,
    pub max: Option<Bound>,
    pub score: BandScore,
}

impl Band {
    fn contains(&self, x: Decimal) -> bool {
        let above = self.min.is_none_or(|b| {
            if b.inclusive {
                x >= b.value
            } else {
                x > b.value
            }
        });
        let below = self.max.is_none_or(|b| {
            if b.inclusive {
                x <= b.value
            } else {
                x < b.value
            }
        });
        above && below
    }
}

/// How steps beyond a deduction limit are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepCount {
    /// Pro rata: 2.3 points over counts 2.3 steps.
    Exact,
    /// Every started step counts (2.3 → 3).
    Up,
    /// Only whole steps count (2.3 → 2).
    Down,
}

/// How a value becomes points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScoreRule {
    Bands(Vec<Band>),
    /// `weight × value / full_at`, capped at the weight when `cap`.
    Linear {
        full_at: Decimal,
        cap: bool,
    },
    /// `weight − points × steps`, steps counted beyond `limit` (above it when `over`, below it
    /// otherwise), never below 0.
    Deduction {
        limit: Decimal,
        over: bool,
        step: Decimal,
        points: Decimal,
        count: StepCount,
    },
    /// `pass` points (the weight when `None`) inside `[min, max]`, `fail` points outside.
    PassFail {
        min: Option<Bound>,
        max: Option<Bound>,
        pass: Option<Decimal>,
        fail: Decimal,
    },
}

impl ScoreRule {
    /// The points for value `x` (a percentage or a count) and an indicator of `weight`. `None`
    /// when no band covers `x`, or when the figures are too large to compute with.
    pub fn score_at(&self, weight: Decimal, x: Decimal) -> Option<Decimal> {
        let s = match self {
            ScoreRule::Bands(bands) => match bands.iter().find(|b| b.contains(x))?.score {
                BandScore::Points(p) => p,
                BandScore::Fraction(f) => weight.checked_mul(f)?,
            },
            ScoreRule::Linear { full_at, cap } => {
                let v = weight.checked_mul(x)?.checked_div(*full_at)?;
                if *cap { v.min(weight) } else { v }
            }
            ScoreRule::Deduction {
                limit,
                over,
                step,
                points,
                count,
            } => {
                let excess = if *over {
                    x.checked_sub(*limit)?
                } else {
                    limit.checked_sub(x)?
                };
                if excess <= Decimal::ZERO {
                    weight
                } else {
                    let steps = excess.checked_div(*step)?;
                    let steps = match count {
                        StepCount::Exact => steps,
                        StepCount::Up => steps.ceil(),
                        StepCount::Down => steps.floor(),
                    };
                    weight.checked_sub(points.checked_mul(steps)?)?
                }
            }
            ScoreRule::PassFail {
                min,
                max,
                pass,
                fail,
            } => {
                let band = Band {
                    min: *min,
                    max: *max,
                    score: BandScore::Points(Decimal::ZERO),
                };
                if band.contains(x) {
                    pass.unwrap_or(weight)
                } else {
                    *fail
                }
            }
        };
        Some(s.max(Decimal::ZERO))
    }

    /// Values where the rule changes form.
    fn breakpoints(&self) -> Vec<Decimal> {
        let mut out = Vec::new();
        match self {
            ScoreRule::Bands(bands) => {
                for b in bands {
                    out.extend(b.min.map(|m| m.value));
                    out.extend(b.max.map(|m| m.value));
                }
            }
            ScoreRule::Linear { full_at, .. } => out.push(*full_at),
            ScoreRule::Deduction { limit, .. } => out.push(*limit),
            ScoreRule::PassFail { min, max, .. } => {
                out.extend(min.map(|m| m.value));
                out.extend(max.map(|m| m.value));
            }
        }
        out
    }

    /// The lowest and highest points over a range of values (the range a rounded figure or a
    /// bound stands for). `None` when part of the range has no score.
    pub fn range(&self, weight: Decimal, range: &ValueRange) -> Option<(Decimal, Decimal)> {
        let eps = Decimal::new(1, 9);
        let lo = range.lo.unwrap_or(Decimal::ZERO);
        let top = self
            .breakpoints()
            .into_iter()
            .chain(std::iter::once(lo))
            .max()
            .unwrap_or(lo);
        let hi = match range.hi {
            Some(h) => h,
            None => top.checked_add(Decimal::from(1000))?,
        };
        let (lo, hi) = (
            if range.lo_open {
                lo.checked_add(eps)?
            } else {
                lo
            },
            if range.hi_open {
                hi.checked_sub(eps)?
            } else {
                hi
            },
        );
        if lo > hi {
            return None;
        }
        let mut xs = vec![lo, hi];
        for b in self.breakpoints() {
            for x in [b.checked_sub(eps), Some(b), b.checked_add(eps)]
                .into_iter()
                .flatten()
            {
                if lo <= x && x <= hi {
                    xs.push(x);
                }
            }
        }
        let mut min: Option<Decimal> = None;
        let mut max: Option<Decimal> = None;
        for x in xs {
            let s = self.score_at(weight, x)?;
            min = Some(min.map_or(s, |m| m.min(s)));
            max = Some(max.map_or(s, |m| m.max(s)));
        }
        Some((min?, max?))
    }

    /// The rule in a few words: `≥95%→6分；90%–95%→4分`, `分值×执行率`.
    pub fn describe(&self, weight: Option<Decimal>, unit: &str) -> Message {
        let n = |d: Decimal| fmt_trim(d, 4);
        match self {
            ScoreRule::Bands(bands) => {
                let parts: Vec<(String, String)> = bands
                    .iter()
                    .map(|b| {
                        let cond = match (b.min, b.max) {
                            (Some(lo), Some(hi)) => format!(
                                "{}{unit}{}{}{}{unit}",
                                n(lo.value),
                                if lo.inclusive { "≤x" } else { "<x" },
                                if hi.inclusive { "≤" } else { "<" },
                                n(hi.value)
                            ),
                            (Some(lo), None) => format!(
                                "{}{}{unit}",
                                if lo.inclusive { "≥" } else { ">" },
                                n(lo.value)
                            ),
                            (None, Some(hi)) => format!(
                                "{}{}{unit}",
                                if hi.inclusive { "≤" } else { "<" },
                                n(hi.value)
                            ),
                            (None, None) => "*".to_string(),
                        };
                        let pts = match (b.score, weight) {
                            (BandScore::Points(p), _) => n(p),
                            (BandScore::Fraction(f), Some(w)) => n(w * f),
                            (BandScore::Fraction(f), None) => format!("{}×", n(f)),
                        };
                        (format!("{cond}得{pts}分"), format!("{cond} → {pts}"))
                    })
                    .collect();
                Message::new(
                    parts
                        .iter()
                        .map(|p| p.0.clone())
                        .collect::<Vec<_>>()
                        .join("；"),
                    parts
                        .iter()
                        .map(|p| p.1.clone())
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            }
            ScoreRule::Linear { full_at, cap } => {
                let capped = if *cap { "，以分值为限" } else { "" };
                let capped_en = if *cap { ", capped at the weight" } else { "" };
                Message::new(
                    format!("得分 = 分值 × 数值 / {}{unit}{capped}", n(*full_at)),
                    format!("score = weight × value / {}{unit}{capped_en}", n(*full_at)),
                )
            }
            ScoreRule::Deduction {
                limit,
                over,
                step,
                points,
                ..
            } => {
                let (zh, en) = if *over {
                    ("超过", "above")
                } else {
                    ("低于", "below")
                };
                Message::new(
                    format!(
                        "{zh}{}{unit}的部分每{}{unit}扣{}分，扣完为止",
                        n(*limit),
                        n(*step),
                        n(*points)
                    ),
                    format!(
                        "{} points off per {}{unit} {en} {}{unit}, down to 0",
                        n(*points),
                        n(*step),
                        n(*limit)
                    ),
                )
            }
            ScoreRule::PassFail {
                min,
                max,
                pass,
                fail,
            } => {
                let mut cond = Vec::new();
                if let Some(b) = min {
                    cond.push(format!(
                        "{}{}{unit}",
                        if b.inclusive { "≥" } else { ">" },
                        n(b.value)
                    ));
                }
                if let Some(b) = max {
                    cond.push(format!(
                        "{}{}{unit}",
                        if b.inclusive { "≤" } else { "<" },
                        n(b.value)
                    ));
                }
                let cond = cond.join(" ");
                let pass_zh = pass.map(|p| format!("{}分", n(p))).unwrap_or("满分".into());
                let pass_en = pass.map(n).unwrap_or("full marks".into());
                Message::new(
                    format!("{cond}得{pass_zh}，否则得{}分", n(*fail)),
                    format!("{cond} → {pass_en}, otherwise {}", n(*fail)),
                )
            }
        }
    }
}

/// The values a figure stands for: `[v − ½ulp, v + ½ulp]` when written exactly, `[v, ∞)` for
/// `v以上`, `[0, v)` for `不足v`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ValueRange {
    pub lo: Option<Decimal>,
    pub lo_open: bool,
    pub hi: Option<Decimal>,
    pub hi_open: bool,
}

/// Which indicators a rubric entry applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Department,
    Project,
    Any,
}

/// What unit the evidence figure must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceUnit {
    Percent,
    Count,
    Any,
}

/// Which figure of the report feeds an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceSpec {
    /// One figure whose label contains a keyword (or has one of the concepts) and none of the
    /// excluded words.
    Figure {
        keywords: Vec<String>,
        concepts: Vec<String>,
        exclude: Vec<String>,
        unit: EvidenceUnit,
    },
    /// Two counts, `numerator / denominator × 100`.
    CountRatio {
        numerator: Vec<String>,
        denominator: Vec<String>,
    },
}

/// How one indicator is scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorRule {
    pub id: String,
    /// The indicator's name contains one of these.
    pub names: Vec<String>,
    /// …and none of these.
    pub exclude: Vec<String>,
    pub scope: Scope,
    /// Applies only to indicators of this weight (points in bands are written for it).
    pub weight: Option<Decimal>,
    pub rule: ScoreRule,
    pub evidence: EvidenceSpec,
}

impl IndicatorRule {
    pub fn matches(&self, name: &str, kind: super::CardKind, weight: Option<Decimal>) -> bool {
        let scope = matches!(
            (self.scope, kind),
            (Scope::Any, _)
                | (Scope::Department, super::CardKind::Department)
                | (Scope::Project, super::CardKind::Project)
        );
        let weight_ok = match self.weight {
            Some(w) => weight == Some(w),
            None => true,
        };
        scope
            && weight_ok
            && self.names.iter().any(|n| name.contains(n.as_str()))
            && !self.exclude.iter().any(|n| name.contains(n.as_str()))
    }
}

/// What a project indicator row scores when its 实际完成值 misses its 年度指标值 (a row that meets
/// its target scores its 分值 under each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missed {
    /// 分值 × 实际/目标 (正向) or 分值 × 目标/实际 (反向): the achievement ratio.
    Ratio,
    /// Nothing (`未完成不得分`).
    Zero,
    /// Less than the 分值, by an amount the assessor sets (`未达到目标的酌情扣分`).
    Less,
}

impl Missed {
    pub fn as_str(self) -> &'static str {
        match self {
            Missed::Ratio => "ratio",
            Missed::Zero => "zero",
            Missed::Less => "less",
        }
    }
}

/// Whether the scoring criteria written in a table row (`1.满意度≥95%的，得6分；…`) are used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableCriteria {
    /// Before the rubric's own indicator rules.
    Prefer,
    /// Only for indicators the rubric has no rule for.
    Fallback,
    Ignore,
}

/// A scoring profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rubric {
    pub name: String,
    pub title: String,
    /// Where it was loaded from (`built-in` or the file path).
    pub origin: String,
    /// Highest band first.
    pub grades: Vec<GradeBand>,
    /// The 项目资金 row of project tables: 得分 from 执行率.
    pub execution: ScoreRule,
    /// Project indicator rows: 正向 `实际/目标`, 反向 `目标/实际`, × 分值, capped when `cap`.
    pub quantitative_cap: bool,
    /// What a project indicator row that misses its target scores, unless its own criteria
    /// say (`未完成不得分`).
    pub quantitative_missed: Missed,
    /// The usual weights of a project table's parts (预算执行率 10, 产出 50 …), for display.
    pub project_weights: Vec<(String, Decimal)>,
    pub indicators: Vec<IndicatorRule>,
    pub table_criteria: TableCriteria,
}

/// A rubric file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricError {
    pub origin: String,
    pub message: String,
}

impl std::fmt::Display for RubricError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

impl std::error::Error for RubricError {}

/// The largest rubric file read (4 MiB).
pub const MAX_RUBRIC_BYTES: u64 = 4 * 1024 * 1024;

impl Rubric {
    /// The built-in default profile (`data/rubrics/default.json`).
    pub fn builtin() -> &'static Rubric {
        static R: OnceLock<Rubric> = OnceLock::new();
        R.get_or_init(|| {
            // The file is part of the source tree and tested; should it ever be broken, fall
            // back to grade bands alone rather than fail every run.
            Rubric::from_json(DEFAULT, "built-in").unwrap_or_else(|_| Rubric::minimal())
        })
    }

    /// Grades only: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差.
    fn minimal() -> Rubric {
        let band = |g: &str, min: i64| GradeBand {
            grade: g.to_string(),
            aliases: Vec::new(),
            min: Decimal::from(min),
        };
        Rubric {
            name: "minimal".into(),
            title: "grades only".into(),
            origin: "built-in".into(),
            grades: vec![
                band("优", 90),
                band("良", 80),
                band("中", 60),
                band("差", 0),
            ],
            execution: ScoreRule::Linear {
                full_at: Decimal::ONE_HUNDRED,
                cap: true,
            },
            quantitative_cap: true,
            quantitative_missed: Missed::Ratio,
            project_weights: Vec::new(),
            indicators: Vec::new(),
            table_criteria: TableCriteria::Prefer,
        }
    }

    /// Load a rubric file (a regular file of at most [`MAX_RUBRIC_BYTES`]).
    pub fn from_path(path: &Path) -> Result<Rubric, RubricError> {
        let origin = path.display().to_string();
        // Regular files only, size-capped: a FIFO or a device is refused at once.
        let bytes =
            crate::source::read_capped(path, MAX_RUBRIC_BYTES).map_err(|e| RubricError {
                origin: origin.clone(),
                message: format!("cannot read the file: {}", e.message),
            })?;
        let text = String::from_utf8(bytes).map_err(|e| RubricError {
            origin: origin.clone(),
            message: format!(
                "not UTF-8 text (bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        })?;
        Rubric::from_json(&text, &origin)
    }

    /// Parse and validate a rubric from its JSON text.
    pub fn from_json(text: &str, origin: &str) -> Result<Rubric, RubricError> {
        let err = |message: String| RubricError {
            origin: origin.to_string(),
            message,
        };
        let value: Value = serde_json::from_str(text).map_err(|e| {
            err(format!(
                "not valid JSON at line {}, column {}: {e}",
                e.line(),
                e.column()
            ))
        })?;
        let problems = schema_problems(&value);
        if !problems.is_empty() {
            return Err(err(format!(
                "does not follow schemas/rubric.schema.json: {}",
                problems.join("; ")
            )));
        }
        build(&value, origin).map_err(err)
    }

    /// The band a total falls in.
    pub fn grade_of(&self, total: Decimal) -> Option<&GradeBand> {
        self.grades.iter().find(|g| total >= g.min)
    }

    /// The grade a word of the report names (`优秀` → `优`), if the rubric knows it.
    pub fn grade_named(&self, word: &str) -> Option<&GradeBand> {
        self.grades
            .iter()
            .find(|g| g.grade == word || g.aliases.iter().any(|a| a == word))
    }

    /// The band above `band` (for "lower bound … upper bound" messages).
    pub fn grade_above(&self, band: &GradeBand) -> Option<&GradeBand> {
        let i = self.grades.iter().position(|g| g == band)?;
        i.checked_sub(1).and_then(|k| self.grades.get(k))
    }
}
