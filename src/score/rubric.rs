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

const DEFAULT: &str = include_str!("../../data/rubrics/default.json");
const SCHEMA: &str = include_str!("../../schemas/rubric.schema.json");

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

/// Every way `value` breaks the rubric schema (at most five), as `path: problem`.
fn schema_problems(value: &Value) -> Vec<String> {
    static V: OnceLock<Option<jsonschema::Validator>> = OnceLock::new();
    let validator = V.get_or_init(|| {
        let schema: Value = serde_json::from_str(SCHEMA).ok()?;
        jsonschema::draft202012::new(&schema).ok()
    });
    let Some(validator) = validator else {
        return Vec::new();
    };
    validator
        .iter_errors(value)
        .take(5)
        .map(|e| {
            let path = e.instance_path().to_string();
            let path = if path.is_empty() { "/".into() } else { path };
            // The message quotes the offending value; keep it short.
            let msg = e.to_string();
            let msg: String = if msg.chars().count() > 160 {
                msg.chars().take(160).chain("…".chars()).collect()
            } else {
                msg
            };
            format!("{path}: {msg}")
        })
        .collect()
}

fn dec(v: &Value, path: &str) -> Result<Decimal, String> {
    match v {
        Value::Number(n) => {
            let s = n.to_string();
            Decimal::from_str(&s)
                .or_else(|_| Decimal::from_scientific(&s))
                .map_err(|_| format!("{path}: {s} is not a decimal number jxlint can hold"))
        }
        _ => Err(format!("{path}: expected a number")),
    }
}

fn opt_dec(
    obj: &serde_json::Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<Decimal>, String> {
    obj.get(key)
        .map(|v| dec(v, &format!("{path}/{key}")))
        .transpose()
}

fn strings(obj: &serde_json::Map<String, Value>, key: &str) -> Vec<String> {
    obj.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn flag(obj: &serde_json::Map<String, Value>, key: &str, default: bool) -> bool {
    obj.get(key).and_then(Value::as_bool).unwrap_or(default)
}

fn object<'v>(v: &'v Value, path: &str) -> Result<&'v serde_json::Map<String, Value>, String> {
    v.as_object()
        .ok_or_else(|| format!("{path}: expected an object"))
}

fn bound(
    obj: &serde_json::Map<String, Value>,
    key: &str,
    inclusive_key: &str,
    default_inclusive: bool,
    path: &str,
) -> Result<Option<Bound>, String> {
    Ok(opt_dec(obj, key, path)?.map(|value| Bound {
        value,
        inclusive: flag(obj, inclusive_key, default_inclusive),
    }))
}

/// A scoring rule from its JSON object (`{"kind": "bands", …}`).
pub(crate) fn rule_from(v: &Value, path: &str) -> Result<ScoreRule, String> {
    let obj = object(v, path)?;
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
    match kind {
        "bands" => {
            let bands = obj
                .get("bands")
                .and_then(Value::as_array)
                .ok_or_else(|| format!("{path}/bands: expected an array"))?;
            let mut out = Vec::new();
            for (i, b) in bands.iter().enumerate() {
                let bp = format!("{path}/bands/{i}");
                let bo = object(b, &bp)?;
                let score = match (opt_dec(bo, "points", &bp)?, opt_dec(bo, "fraction", &bp)?) {
                    (Some(p), None) => BandScore::Points(p),
                    (None, Some(f)) => BandScore::Fraction(f),
                    _ => return Err(format!("{bp}: give exactly one of `points` and `fraction`")),
                };
                let min = bound(bo, "min", "min_inclusive", true, &bp)?;
                let max = bound(bo, "max", "max_inclusive", false, &bp)?;
                if let (Some(lo), Some(hi)) = (min, max)
                    && lo.value > hi.value
                {
                    return Err(format!("{bp}: `min` is above `max`"));
                }
                out.push(Band { min, max, score });
            }
            if out.is_empty() {
                return Err(format!("{path}/bands: no band"));
            }
            Ok(ScoreRule::Bands(out))
        }
        "linear" => {
            let full_at = opt_dec(obj, "full_at", path)?.unwrap_or(Decimal::ONE_HUNDRED);
            if full_at <= Decimal::ZERO {
                return Err(format!("{path}/full_at: must be above 0"));
            }
            Ok(ScoreRule::Linear {
                full_at,
                cap: flag(obj, "cap", true),
            })
        }
        "deduction" => {
            let limit = opt_dec(obj, "limit", path)?
                .ok_or_else(|| format!("{path}: `limit` is required"))?;
            let points = opt_dec(obj, "points", path)?
                .ok_or_else(|| format!("{path}: `points` is required"))?;
            let step = opt_dec(obj, "step", path)?.unwrap_or(Decimal::ONE);
            if step <= Decimal::ZERO {
                return Err(format!("{path}/step: must be above 0"));
            }
            let over = match obj.get("direction").and_then(Value::as_str) {
                None | Some("over") => true,
                Some("under") => false,
                Some(other) => {
                    return Err(format!("{path}/direction: `{other}` is not over or under"));
                }
            };
            let count = match obj.get("count").and_then(Value::as_str) {
                None | Some("exact") => StepCount::Exact,
                Some("up") => StepCount::Up,
                Some("down") => StepCount::Down,
                Some(other) => {
                    return Err(format!("{path}/count: `{other}` is not exact, up or down"));
                }
            };
            Ok(ScoreRule::Deduction {
                limit,
                over,
                step,
                points,
                count,
            })
        }
        "pass_fail" => {
            let min = bound(obj, "min", "min_inclusive", true, path)?;
            let max = bound(obj, "max", "max_inclusive", true, path)?;
            if min.is_none() && max.is_none() {
                return Err(format!("{path}: give `min`, `max` or both"));
            }
            Ok(ScoreRule::PassFail {
                min,
                max,
                pass: opt_dec(obj, "pass", path)?,
                fail: opt_dec(obj, "fail", path)?.unwrap_or(Decimal::ZERO),
            })
        }
        other => Err(format!(
            "{path}/kind: `{other}` is not bands, linear, deduction or pass_fail"
        )),
    }
}

fn evidence_from(v: &Value, path: &str) -> Result<EvidenceSpec, String> {
    let obj = object(v, path)?;
    if obj.contains_key("numerator") || obj.contains_key("denominator") {
        let numerator = strings(obj, "numerator");
        let denominator = strings(obj, "denominator");
        if numerator.is_empty() || denominator.is_empty() {
            return Err(format!(
                "{path}: a count ratio needs `numerator` and `denominator` words"
            ));
        }
        return Ok(EvidenceSpec::CountRatio {
            numerator,
            denominator,
        });
    }
    let keywords = strings(obj, "keywords");
    let concepts = strings(obj, "concepts");
    if keywords.is_empty() && concepts.is_empty() {
        return Err(format!("{path}: give `keywords` or `concepts`"));
    }
    let unit = match obj.get("unit").and_then(Value::as_str) {
        None | Some("percent") => EvidenceUnit::Percent,
        Some("count") => EvidenceUnit::Count,
        Some("any") => EvidenceUnit::Any,
        Some(other) => {
            return Err(format!(
                "{path}/unit: `{other}` is not percent, count or any"
            ));
        }
    };
    Ok(EvidenceSpec::Figure {
        keywords,
        concepts,
        exclude: strings(obj, "exclude"),
        unit,
    })
}

fn build(value: &Value, origin: &str) -> Result<Rubric, String> {
    let root = object(value, "")?;
    let name = root
        .get("name")
        .and_then(Value::as_str)
        .ok_or("/name: required")?
        .to_string();
    let title = root
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or(&name)
        .to_string();
    let mut grades = Vec::new();
    if let Some(gs) = root.get("grades").and_then(Value::as_array) {
        for (i, g) in gs.iter().enumerate() {
            let p = format!("/grades/{i}");
            let o = object(g, &p)?;
            let grade = o
                .get("grade")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("{p}/grade: required"))?
                .to_string();
            let min = opt_dec(o, "min", &p)?.ok_or_else(|| format!("{p}/min: required"))?;
            grades.push(GradeBand {
                grade,
                aliases: strings(o, "aliases"),
                min,
            });
        }
    } else {
        grades = Rubric::minimal().grades;
    }
    grades.sort_by_key(|g| std::cmp::Reverse(g.min));
    if grades.windows(2).any(|w| w[0].min == w[1].min) {
        return Err("/grades: two grades start at the same total".into());
    }
    let execution = match root.get("execution") {
        Some(v) => rule_from(v, "/execution")?,
        None => ScoreRule::Linear {
            full_at: Decimal::ONE_HUNDRED,
            cap: true,
        },
    };
    let quantitative_cap = root
        .get("quantitative")
        .and_then(Value::as_object)
        .map(|o| flag(o, "cap", true))
        .unwrap_or(true);
    let mut project_weights = Vec::new();
    if let Some(w) = root.get("project_weights").and_then(Value::as_object) {
        for (k, v) in w {
            project_weights.push((k.clone(), dec(v, &format!("/project_weights/{k}"))?));
        }
    }
    let table_criteria = match root.get("table_criteria").and_then(Value::as_str) {
        None | Some("prefer") => TableCriteria::Prefer,
        Some("fallback") => TableCriteria::Fallback,
        Some("ignore") => TableCriteria::Ignore,
        Some(other) => {
            return Err(format!(
                "/table_criteria: `{other}` is not prefer, fallback or ignore"
            ));
        }
    };
    let mut indicators = Vec::new();
    if let Some(list) = root.get("indicators").and_then(Value::as_array) {
        for (i, v) in list.iter().enumerate() {
            let p = format!("/indicators/{i}");
            let o = object(v, &p)?;
            let id = o
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let names = strings(o, "names");
            if names.is_empty() {
                return Err(format!("{p}/names: give at least one name"));
            }
            let scope = match o.get("scope").and_then(Value::as_str) {
                None | Some("department") => Scope::Department,
                Some("project") => Scope::Project,
                Some("any") => Scope::Any,
                Some(other) => {
                    return Err(format!(
                        "{p}/scope: `{other}` is not department, project or any"
                    ));
                }
            };
            let rule = rule_from(
                o.get("rule").ok_or_else(|| format!("{p}/rule: required"))?,
                &format!("{p}/rule"),
            )?;
            let evidence = evidence_from(
                o.get("evidence")
                    .ok_or_else(|| format!("{p}/evidence: required"))?,
                &format!("{p}/evidence"),
            )?;
            indicators.push(IndicatorRule {
                id,
                names,
                exclude: strings(o, "exclude"),
                scope,
                weight: opt_dec(o, "weight", &p)?,
                rule,
                evidence,
            });
        }
    }
    Ok(Rubric {
        name,
        title,
        origin: origin.to_string(),
        grades,
        execution,
        quantitative_cap,
        project_weights,
        indicators,
        table_criteria,
    })
}

/// Bands written in a table row's criteria: `1.满意度≥95%的，得6分； 2.90%≤满意度<95%的，得4分；
/// 3.80%≤满意度<90%的，得2分； 4.满意度<80%的，得1分。` → the variable (`满意度`) and its bands.
/// `None` unless at least two items read and all name the same variable.
pub fn bands_from_criteria(text: &str) -> Option<(String, Vec<Band>)> {
    let t = super::table::clean(text);
    let mut var: Option<String> = None;
    let mut bands = Vec::new();
    for item in t.split(['；', '。', ';']) {
        let Some(de) = item.rfind('得') else {
            continue;
        };
        let after = &item[de + '得'.len_utf8()..];
        let Some(fen) = after.find('分') else {
            continue;
        };
        let Some((points, _)) = super::table::parse_number(&after[..fen]) else {
            continue;
        };
        if !after[fen + '分'.len_utf8()..].is_empty() {
            continue;
        }
        // The condition: after the item's number marker (`2.`), before `的，得`.
        let cond = item[..de].trim_end_matches([',', '，', '的']);
        let (name, min, max) = [leading_marker_rest(cond), last_marker_rest(cond), cond]
            .into_iter()
            .find_map(condition)?;
        match &var {
            None => var = Some(name),
            Some(v) if *v == name => {}
            Some(_) => return None,
        }
        bands.push(Band {
            min,
            max,
            score: BandScore::Points(points),
        });
    }
    let var = var?;
    (bands.len() >= 2).then_some((var, bands))
}

/// The text after a list marker at the start (`2.90%≤满意度` → `90%≤满意度`).
fn leading_marker_rest(s: &str) -> &str {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) && s.as_bytes().get(digits) == Some(&b'.') {
        &s[digits + 1..]
    } else {
        s
    }
}

/// The text after the last list marker `N.` (a digit, a dot, no digit after it).
fn last_marker_rest(s: &str) -> &str {
    let b = s.as_bytes();
    let mut cut = 0;
    for i in 0..b.len() {
        if b[i] == b'.'
            && i > 0
            && b[i - 1].is_ascii_digit()
            && !b.get(i + 1).is_some_and(|c| c.is_ascii_digit())
        {
            // The marker's digits start after a non-digit.
            cut = i + 1;
        }
    }
    &s[cut..]
}

/// `满意度≥95%`, `90%≤满意度<95%`, `90%>固定资产利用率≥75%`, `满意度<80%`.
fn condition(s: &str) -> Option<(String, Option<Bound>, Option<Bound>)> {
    #[derive(Debug)]
    enum Tok {
        Num(Decimal),
        Op(&'static str),
        Word(String),
    }
    let mut toks = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(op) = ["≥", ">=", "≤", "<=", ">", "<"]
            .into_iter()
            .find(|op| rest.starts_with(op))
        {
            let norm = match op {
                ">=" => "≥",
                "<=" => "≤",
                o => o,
            };
            toks.push(Tok::Op(norm));
            rest = &rest[op.len()..];
            continue;
        }
        let digits = rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        if digits > 0 {
            let (n, _) = super::table::parse_number(&rest[..digits])?;
            toks.push(Tok::Num(n));
            rest = rest[digits..].strip_prefix('%').unwrap_or(&rest[digits..]);
            continue;
        }
        let word_end = rest
            .char_indices()
            .find(|(_, c)| c.is_ascii_digit() || matches!(c, '≥' | '≤' | '>' | '<'))
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        toks.push(Tok::Word(rest[..word_end].to_string()));
        rest = &rest[word_end..];
    }
    let lower = |op: &str, v: Decimal| -> Option<Bound> {
        match op {
            "≥" => Some(Bound {
                value: v,
                inclusive: true,
            }),
            ">" => Some(Bound {
                value: v,
                inclusive: false,
            }),
            _ => None,
        }
    };
    let upper = |op: &str, v: Decimal| -> Option<Bound> {
        match op {
            "≤" => Some(Bound {
                value: v,
                inclusive: true,
            }),
            "<" => Some(Bound {
                value: v,
                inclusive: false,
            }),
            _ => None,
        }
    };
    // `a op x` read as `x op' a`.
    let flip = |op: &'static str| match op {
        "≥" => "≤",
        "≤" => "≥",
        ">" => "<",
        _ => ">",
    };
    match toks.as_slice() {
        [Tok::Word(w), Tok::Op(op), Tok::Num(v)] => {
            let (lo, hi) = (lower(op, *v), upper(op, *v));
            Some((w.clone(), lo, hi))
        }
        [
            Tok::Num(a),
            Tok::Op(op1),
            Tok::Word(w),
            Tok::Op(op2),
            Tok::Num(b),
        ] => {
            let f = flip(op1);
            let (lo1, hi1) = (lower(f, *a), upper(f, *a));
            let (lo2, hi2) = (lower(op2, *b), upper(op2, *b));
            let lo = lo1.or(lo2);
            let hi = hi1.or(hi2);
            (lo.is_some() && hi.is_some()).then(|| (w.clone(), lo, hi))
        }
        [Tok::Num(a), Tok::Op(op), Tok::Word(w)] => {
            let f = flip(op);
            Some((w.clone(), lower(f, *a), upper(f, *a)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    fn exact(v: &str) -> ValueRange {
        ValueRange {
            lo: Some(d(v)),
            hi: Some(d(v)),
            ..ValueRange::default()
        }
    }

    fn satisfaction() -> ScoreRule {
        let b = |min: Option<i64>, max: Option<i64>, p: i64| Band {
            min: min.map(|v| Bound {
                value: Decimal::from(v),
                inclusive: true,
            }),
            max: max.map(|v| Bound {
                value: Decimal::from(v),
                inclusive: false,
            }),
            score: BandScore::Points(Decimal::from(p)),
        };
        ScoreRule::Bands(vec![
            b(Some(95), None, 6),
            b(Some(90), Some(95), 4),
            b(Some(80), Some(90), 2),
            b(None, Some(80), 1),
        ])
    }

    #[test]
    fn bands_at_their_boundaries() {
        let r = satisfaction();
        let w = Decimal::from(6);
        assert_eq!(r.score_at(w, d("95")), Some(d("6")));
        assert_eq!(r.score_at(w, d("94.99")), Some(d("4")));
        assert_eq!(r.score_at(w, d("90")), Some(d("4")));
        assert_eq!(r.score_at(w, d("89.9")), Some(d("2")));
        assert_eq!(r.score_at(w, d("80")), Some(d("2")));
        assert_eq!(r.score_at(w, d("79")), Some(d("1")));
        // `90%以上`: anything from 90 up gives 4 or 6; the guaranteed tier is 4.
        let at_least_90 = ValueRange {
            lo: Some(d("90")),
            ..ValueRange::default()
        };
        assert_eq!(r.range(w, &at_least_90), Some((d("4"), d("6"))));
        // `95.0%` may be 94.95: both tiers possible.
        let written = ValueRange {
            lo: Some(d("94.95")),
            hi: Some(d("95.05")),
            ..ValueRange::default()
        };
        assert_eq!(r.range(w, &written), Some((d("4"), d("6"))));
        // `不足80%`.
        let below = ValueRange {
            hi: Some(d("80")),
            hi_open: true,
            ..ValueRange::default()
        };
        assert_eq!(r.range(w, &below), Some((d("1"), d("1"))));
    }

    #[test]
    fn fraction_bands_scale_with_the_weight() {
        let r = ScoreRule::Bands(vec![Band {
            min: Some(Bound {
                value: d("90"),
                inclusive: true,
            }),
            max: None,
            score: BandScore::Fraction(d("0.5")),
        }]);
        assert_eq!(r.score_at(d("10"), d("95")), Some(d("5")));
        assert_eq!(r.score_at(d("10"), d("85")), None);
    }

    #[test]
    fn linear_is_capped_at_the_weight() {
        let r = ScoreRule::Linear {
            full_at: Decimal::ONE_HUNDRED,
            cap: true,
        };
        assert_eq!(r.score_at(d("10"), d("97.44")), Some(d("9.744")));
        assert_eq!(r.score_at(d("10"), d("104")), Some(d("10")));
        let uncapped = ScoreRule::Linear {
            full_at: Decimal::ONE_HUNDRED,
            cap: false,
        };
        assert_eq!(uncapped.score_at(d("10"), d("104")), Some(d("10.4")));
        let r20 = r.range(d("20"), &exact("96.5"));
        assert_eq!(r20, Some((d("19.3"), d("19.3"))));
    }

    #[test]
    fn deductions_stop_at_zero() {
        let r = ScoreRule::Deduction {
            limit: Decimal::ONE_HUNDRED,
            over: true,
            step: Decimal::ONE,
            points: d("0.5"),
            count: StepCount::Exact,
        };
        assert_eq!(r.score_at(d("3"), d("100")), Some(d("3")));
        assert_eq!(r.score_at(d("3"), d("102")), Some(d("2")));
        assert_eq!(r.score_at(d("3"), d("150")), Some(d("0")));
        let up = ScoreRule::Deduction {
            limit: Decimal::ONE_HUNDRED,
            over: true,
            step: Decimal::ONE,
            points: d("0.5"),
            count: StepCount::Up,
        };
        assert_eq!(up.score_at(d("3"), d("101.2")), Some(d("2")));
        let under = ScoreRule::Deduction {
            limit: d("95"),
            over: false,
            step: Decimal::ONE,
            points: Decimal::ONE,
            count: StepCount::Down,
        };
        assert_eq!(under.score_at(d("5"), d("92.5")), Some(d("3")));
    }

    #[test]
    fn pass_fail_threshold() {
        let r = ScoreRule::PassFail {
            min: None,
            max: Some(Bound {
                value: Decimal::ONE_HUNDRED,
                inclusive: true,
            }),
            pass: None,
            fail: Decimal::ZERO,
        };
        assert_eq!(r.score_at(d("1"), d("100")), Some(d("1")));
        assert_eq!(r.score_at(d("1"), d("100.01")), Some(d("0")));
        assert_eq!(r.range(d("1"), &exact("100")), Some((d("1"), d("1"))));
    }

    #[test]
    fn criteria_text_gives_bands() {
        let (var, bands) = bands_from_criteria(
            "社会公众或服务对象是指……进行分档计分。 1.满意度≥95%的，得6分； 2.90%≤满意度<95%的，得4分； 3.80%≤满意度<90%的，得2分； 4.满意度<80%的，得1分。",
        )
        .unwrap_or_default();
        assert_eq!(var, "满意度");
        assert_eq!(ScoreRule::Bands(bands.clone()), satisfaction());
        let (var, bands) = bands_from_criteria(
            "固定资产利用率=(实际在用固定资产总额/所有固定资产总额)×100% 1.固定资产利用率≥90%的,得1分; 2.90%>固定资产利用率≥75%的,得0.7分; 3.75%>固定资产利用率≥60%的,得0.4分; 4.固定资产利用率<60%的,得0分。",
        )
        .unwrap_or_default();
        assert_eq!(var, "固定资产利用率");
        let r = ScoreRule::Bands(bands);
        assert_eq!(r.score_at(Decimal::ONE, d("80")), Some(d("0.7")));
        assert_eq!(r.score_at(Decimal::ONE, d("90")), Some(d("1")));
        assert!(bands_from_criteria("1.部门预算编制合理（1分）；2.分配合理（1分）。").is_none());
    }

    #[test]
    fn huge_figures_give_no_score_rather_than_a_panic() {
        let big = Decimal::MAX;
        let linear = ScoreRule::Linear {
            full_at: Decimal::ONE_HUNDRED,
            cap: true,
        };
        assert_eq!(linear.score_at(big, big), None);
        let ded = ScoreRule::Deduction {
            limit: Decimal::MIN,
            over: true,
            step: Decimal::new(1, 10),
            points: big,
            count: StepCount::Exact,
        };
        assert_eq!(ded.score_at(d("5"), big), None);
        let open = ValueRange {
            lo: Some(big),
            lo_open: true,
            ..ValueRange::default()
        };
        assert_eq!(satisfaction().range(d("6"), &open), None);
    }

    #[test]
    fn the_builtin_rubric_loads() {
        let r = Rubric::from_json(DEFAULT, "built-in");
        assert!(r.is_ok(), "{r:?}");
        let r = Rubric::builtin();
        assert_eq!(r.name, "default");
        assert_eq!(r.grade_of(d("89.5")).map(|g| g.grade.as_str()), Some("良"));
        assert_eq!(r.grade_of(d("90")).map(|g| g.grade.as_str()), Some("优"));
        assert_eq!(r.grade_named("优秀").map(|g| g.grade.as_str()), Some("优"));
    }

    #[test]
    fn bad_rubrics_are_clear_errors() {
        let e = Rubric::from_json("{", "x.json")
            .err()
            .map(|e| e.to_string());
        assert!(
            e.as_deref()
                .is_some_and(|e| e.starts_with("x.json: not valid JSON")),
            "{e:?}"
        );
        let e = Rubric::from_json(r#"{"name": "x", "grades": [{"grade": "优"}]}"#, "x.json")
            .err()
            .map(|e| e.to_string());
        assert!(
            e.as_deref().is_some_and(|e| e.contains("/grades/0")),
            "{e:?}"
        );
        let e = Rubric::from_json(
            r#"{"name": "x", "indicators": [{"names": ["满意度"], "evidence": {"keywords": ["满意度"]}, "rule": {"kind": "bands", "bands": [{"min": 95, "points": 6, "fraction": 1}]}}]}"#,
            "x.json",
        )
        .err()
        .map(|e| e.to_string());
        assert!(
            e.as_deref()
                .is_some_and(|e| e.contains("/indicators/0/rule/bands/0")),
            "{e:?}"
        );
    }
}
