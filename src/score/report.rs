//! The re-scored scorecard as data for output: the `score` object of the JSON output
//! ([`ScoreReport`], plain serde structs whose field order is the wire order) and the table
//! `jxlint score` prints ([`render_table`]).
//!
//! ```json
//! "score": {
//!   "rubric": "default",
//!   "kind": "department",                      // department | project
//!   "complete": false,                         // every score table was read whole
//!   "claimed": {"total": "98.0", "grade": "优", "low": null, "high": null, …},
//!   "recomputed": {"total": "98", "grade": "优", "low": "96", "high": "98",
//!                  "grade_low": "优", "grade_high": "优", "not_rescored": 11},
//!   "indicators": [
//!     {"name": "公众或服务对象满意度", "path": [], "level": 1, "parent": null, "source": "table",
//!      "line": 296, "column": 3, "weight": "6", "claimed": "6", "recomputed": "6",
//!      "low": "4", "high": "6",
//!      "status": "confirmed", "certain": true,
//!      "rule": {"kind": "table", "id": null, "text": "≥95%得6分；…"},
//!      "expected": "4", "bound": "floor",
//!      "evidence": [{"role": "figure", "text": "90%以上", "label": "服务对象满意度根据项目自评结果",
//!                    "span": {"start": 1, "end": 2}, "line": 251, "column": 30}]}
//!   ],
//!   "totals": [{"value": "98.0", "weight": null, "source": "table", "line": 298, "column": 6,
//!               "sum": "98", "consistent": true}],
//!   "grades": [{"word": "优", "grade": "优", "expected": "优", "consistent": true, "line": 299, "column": 6}],
//!   "tables": [{"line": 273, "rows": 24, "whole": false, "kind": "department",
//!               "unreadable": [{"line": 277, "reason": "no_score"}], "shaped": [276, 280]}],
//!   "adjustments": []
//! }
//! ```
//!
//! Decimals are strings (exact, as jxlint computed them; recomputed values to two places).

use serde::Serialize;

use super::evaluate::{Evaluation, EvidenceBound, show};
use super::{Origin, Scorecard, Unreadable};
use crate::diagnostic::Lang;
use crate::model::Span;
use crate::source::LineIndex;

/// What lint keeps of a file's scorecard: the card, its evaluation and the rubric's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scoring {
    pub card: Scorecard,
    pub eval: Evaluation,
    pub rubric: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ScoreReport {
    pub rubric: String,
    pub kind: &'static str,
    pub complete: bool,
    pub claimed: Summary,
    pub recomputed: Summary,
    pub indicators: Vec<IndicatorReport>,
    pub totals: Vec<TotalReport>,
    pub grades: Vec<GradeReport>,
    pub tables: Vec<TableReport>,
    pub adjustments: Vec<Adjustment>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Summary {
    /// Claimed: the stated total, or the sum of the claimed scores when none is stated.
    pub total: Option<String>,
    pub grade: Option<String>,
    /// Recomputed only: the lowest and highest total the report's figures allow, and their
    /// grades (`null` in the claimed summary).
    pub low: Option<String>,
    pub high: Option<String>,
    pub grade_low: Option<String>,
    pub grade_high: Option<String>,
    /// Recomputed only: leaf indicators that could not be re-scored (counted as claimed).
    pub not_rescored: Option<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct JsonSpan {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct IndicatorReport {
    pub name: String,
    pub path: Vec<String>,
    pub level: u8,
    /// Index of the parent in `indicators`.
    pub parent: Option<usize>,
    pub source: &'static str,
    pub line: usize,
    pub column: usize,
    pub weight: Option<String>,
    pub claimed: Option<String>,
    /// `null` when the indicator could not be re-scored.
    pub recomputed: Option<String>,
    /// The lowest and highest score the report's figures allow (`null` when not re-scored).
    pub low: Option<String>,
    pub high: Option<String>,
    pub status: &'static str,
    pub certain: bool,
    pub rule: Option<RuleReport>,
    /// The score the evidence gives (a guaranteed score for a lower bound, a ceiling for an
    /// upper bound).
    pub expected: Option<String>,
    pub bound: Option<&'static str>,
    pub evidence: Vec<EvidenceReport>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RuleReport {
    pub kind: &'static str,
    pub id: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct EvidenceReport {
    pub role: &'static str,
    pub text: String,
    pub label: Option<String>,
    pub span: JsonSpan,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TotalReport {
    pub value: String,
    pub weight: Option<String>,
    pub source: &'static str,
    pub line: usize,
    pub column: usize,
    /// What the parts add up to, when they could be added.
    pub sum: Option<String>,
    pub consistent: Option<bool>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct GradeReport {
    pub word: String,
    /// The rubric's name for it (`优` for `优秀`), when the rubric knows it.
    pub grade: Option<String>,
    /// The band of its total.
    pub expected: Option<String>,
    pub consistent: Option<bool>,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TableReport {
    pub line: usize,
    pub rows: usize,
    pub whole: bool,
    pub kind: &'static str,
    pub unreadable: Vec<UnreadableRow>,
    /// Lines of rows read by their own shape, outside the table's hierarchy.
    pub shaped: Vec<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct UnreadableRow {
    pub line: usize,
    pub reason: &'static str,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Adjustment {
    pub indicator: usize,
    pub name: String,
    pub delta: String,
}

/// The reason code of an unreadable row.
pub fn reason_code(r: Unreadable) -> &'static str {
    match r {
        Unreadable::Misaligned { .. } => "misaligned",
        Unreadable::Fragment => "fragment",
        Unreadable::Markup => "markup",
        Unreadable::NoScore => "no_score",
        Unreadable::Ambiguous => "ambiguous",
        Unreadable::Conflict => "conflict",
    }
}

fn bound_code(b: EvidenceBound) -> &'static str {
    match b {
        EvidenceBound::Exact => "exact",
        EvidenceBound::Floor => "floor",
        EvidenceBound::Ceiling => "ceiling",
    }
}

impl ScoreReport {
    /// Build the report of a file's scoring; messages in `lang`.
    pub fn build(text: &str, scoring: &Scoring, lang: Lang) -> ScoreReport {
        ScoreReport::build_with(text, &LineIndex::new(text), scoring, lang)
    }

    /// [`ScoreReport::build`] with the text's line index already built.
    pub fn build_with(text: &str, index: &LineIndex, scoring: &Scoring, lang: Lang) -> ScoreReport {
        let pos = |span: Span| {
            let s = crate::model::clamp_span(text, span);
            index.line_col(text, s.start)
        };
        let card = &scoring.card;
        let eval = &scoring.eval;
        let indicators = card
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| {
                let e = eval.indicators.get(i);
                let (line, column) = pos(ind.name_span);
                let support = e.and_then(|e| e.support.as_ref());
                IndicatorReport {
                    name: ind.name.clone(),
                    path: ind.path.clone(),
                    level: ind.level,
                    parent: ind.parent,
                    source: match ind.origin {
                        Origin::Table { .. } => "table",
                        Origin::Text { .. } => "text",
                    },
                    line,
                    column,
                    weight: e.and_then(|e| e.weight).map(show),
                    claimed: ind
                        .score
                        .as_ref()
                        .map(|s| s.display())
                        .or_else(|| e.and_then(|e| e.claimed).map(show)),
                    recomputed: e
                        .filter(|e| {
                            !(e.status == super::evaluate::Status::Unchecked && e.range.is_none())
                        })
                        .and_then(|e| e.recomputed)
                        .map(show),
                    low: e.and_then(|e| e.range).map(|r| show(r.0)),
                    high: e.and_then(|e| e.range).map(|r| show(r.1)),
                    status: e.map(|e| e.status.as_str()).unwrap_or("unchecked"),
                    certain: ind.certain,
                    rule: support.map(|s| RuleReport {
                        kind: s.basis.kind(),
                        id: match &s.basis {
                            super::evaluate::Basis::Rubric { id, .. } => Some(id.clone()),
                            _ => None,
                        },
                        text: s
                            .basis
                            .describe(e.and_then(|e| e.weight))
                            .get(lang)
                            .to_string(),
                    }),
                    expected: support.map(|s| show(s.expected)),
                    bound: support.map(|s| bound_code(s.bound)),
                    evidence: support
                        .map(|s| {
                            s.evidence
                                .iter()
                                .map(|ev| {
                                    let sp = crate::model::clamp_span(text, ev.span);
                                    let (line, column) = pos(sp);
                                    EvidenceReport {
                                        role: ev.role.as_str(),
                                        text: ev.text.clone(),
                                        label: ev.label.clone(),
                                        span: JsonSpan {
                                            start: sp.start,
                                            end: sp.end,
                                        },
                                        line,
                                        column,
                                    }
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            })
            .collect();
        let totals = card
            .totals
            .iter()
            .enumerate()
            .map(|(ti, t)| {
                let (line, column) = pos(t.score.span);
                let check = eval
                    .totals
                    .iter()
                    .find(|c| c.total == ti && c.measure == super::evaluate::Measure::Score);
                TotalReport {
                    value: t.score.display(),
                    weight: t.weight.as_ref().map(|w| w.display()),
                    source: match t.origin {
                        Origin::Table { .. } => "table",
                        Origin::Text { .. } => "text",
                    },
                    line,
                    column,
                    sum: check.map(|c| show(c.sum)),
                    consistent: check.map(|c| c.consistent),
                }
            })
            .collect();
        let grades = card
            .grades
            .iter()
            .enumerate()
            .map(|(gi, g)| {
                let (line, column) = pos(g.span);
                let check = eval.grades.iter().find(|c| c.grade == gi);
                GradeReport {
                    word: g.word.clone(),
                    grade: check.map(|c| c.stated.clone()),
                    expected: check.map(|c| c.expected.clone()),
                    consistent: check.map(|c| c.consistent),
                    line,
                    column,
                }
            })
            .collect();
        let tables = card
            .tables
            .iter()
            .enumerate()
            .map(|(ti, t)| TableReport {
                line: pos(t.span).0,
                rows: t.rows,
                // A table read row by row but whose levels do not add up either way was most
                // likely misread: not whole either.
                whole: t.whole && !eval.unsound.contains(&ti),
                kind: t.kind.as_str(),
                unreadable: t
                    .unreadable
                    .iter()
                    .map(|(s, r)| UnreadableRow {
                        line: pos(*s).0,
                        reason: reason_code(*r),
                    })
                    .collect(),
                shaped: t.shaped.iter().map(|s| pos(*s).0).collect(),
            })
            .collect();
        let claimed_total = eval
            .claimed
            .and_then(|c| card.totals.get(c))
            .map(|t| t.score.display())
            .or_else(|| eval.claimed_sum.map(show));
        ScoreReport {
            rubric: scoring.rubric.clone(),
            kind: card.kind.as_str(),
            complete: card.tables.iter().all(|t| t.whole) && eval.unsound.is_empty(),
            claimed: Summary {
                total: claimed_total,
                grade: eval.claimed_grade.clone(),
                low: None,
                high: None,
                grade_low: None,
                grade_high: None,
                not_rescored: None,
            },
            recomputed: Summary {
                total: eval.recomputed_total.map(show),
                grade: eval.recomputed_grade.clone(),
                low: eval.recomputed_range.map(|r| show(r.0)),
                high: eval.recomputed_range.map(|r| show(r.1)),
                grade_low: eval.grade_range.as_ref().map(|g| g.0.clone()),
                grade_high: eval.grade_range.as_ref().map(|g| g.1.clone()),
                not_rescored: Some(eval.not_rescored),
            },
            indicators,
            totals,
            grades,
            tables,
            adjustments: eval
                .adjustments
                .iter()
                .map(|(i, d)| Adjustment {
                    indicator: *i,
                    name: card
                        .indicators
                        .get(*i)
                        .map(|ind| ind.name.clone())
                        .unwrap_or_default(),
                    delta: show(*d),
                })
                .collect(),
        }
    }
}

/// Columns a string takes in a terminal: CJK and full-width characters count two.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            if (0x1100..=0x115F).contains(&u)
                || (0x2E80..=0xA4CF).contains(&u)
                || (0xAC00..=0xD7A3).contains(&u)
                || (0xF900..=0xFAFF).contains(&u)
                || (0xFE30..=0xFE4F).contains(&u)
                || (0xFF00..=0xFF60).contains(&u)
                || (0xFFE0..=0xFFE6).contains(&u)
                || (0x20000..=0x3FFFD).contains(&u)
            {
                2
            } else {
                1
            }
        })
        .sum()
}

fn pad_right(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

fn pad_left(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(width(s))))
}

/// Depth of an indicator in the report's hierarchy (0 for the top level).
fn depth(r: &ScoreReport, i: usize) -> usize {
    let mut d = 0;
    let mut cur = r.indicators.get(i).and_then(|x| x.parent);
    while let Some(p) = cur {
        d += 1;
        if d > 8 {
            break;
        }
        cur = r.indicators.get(p).and_then(|x| x.parent);
    }
    d
}

/// The 依据 cell of an indicator row.
fn evidence_cell(ind: &IndicatorReport, lang: Lang) -> String {
    let figures: Vec<String> = ind
        .evidence
        .iter()
        .filter(|e| e.role != "criteria")
        .map(|e| {
            let label = match (e.role, &e.label) {
                ("figure", Some(l)) if !l.is_empty() => format!("{l} "),
                ("figure", _) => String::new(),
                (role, _) => format!("{} ", role_word(role, lang)),
            };
            match lang {
                Lang::Zh => format!("{label}{}（{}:{}）", e.text, e.line, e.column),
                Lang::En => format!("{label}{} ({}:{})", e.text, e.line, e.column),
            }
        })
        .collect();
    let sep = match lang {
        Lang::Zh => "，",
        Lang::En => ", ",
    };
    let rule = ind.rule.as_ref().map(|r| r.text.as_str()).unwrap_or("");
    match (ind.status, lang) {
        ("uncertain", Lang::Zh) => "未能确定读取".into(),
        ("uncertain", Lang::En) => "not read with certainty".into(),
        ("over_weight", Lang::Zh) => {
            format!("得分超过分值 {}", ind.weight.as_deref().unwrap_or(""))
        }
        ("over_weight", Lang::En) => {
            format!("score above weight {}", ind.weight.as_deref().unwrap_or(""))
        }
        ("sum_mismatch", Lang::Zh) => "下级指标合计不符".into(),
        ("sum_mismatch", Lang::En) => "children do not add up".into(),
        _ if figures.is_empty() => "—".into(),
        (status, _) => {
            let verdict = match (status, ind.bound, lang) {
                ("unsupported", Some("floor"), Lang::Zh) => {
                    format!("只能确定得 {} 分", ind.expected.as_deref().unwrap_or(""))
                }
                ("unsupported", Some("floor"), Lang::En) => {
                    format!("supports only {}", ind.expected.as_deref().unwrap_or(""))
                }
                ("unsupported", Some("ceiling"), Lang::Zh) => {
                    format!("至多得 {} 分", ind.expected.as_deref().unwrap_or(""))
                }
                ("unsupported", Some("ceiling"), Lang::En) => {
                    format!("gives {} at most", ind.expected.as_deref().unwrap_or(""))
                }
                ("unsupported", _, Lang::Zh) => {
                    format!("应得 {} 分", ind.expected.as_deref().unwrap_or(""))
                }
                ("unsupported", _, Lang::En) => {
                    format!("gives {}", ind.expected.as_deref().unwrap_or(""))
                }
                (_, _, Lang::Zh) => "相符".into(),
                (_, _, Lang::En) => "agrees".into(),
            };
            let rule = if rule.is_empty() || status != "unsupported" {
                String::new()
            } else {
                match lang {
                    Lang::Zh => format!("（{rule}）"),
                    Lang::En => format!(" ({rule})"),
                }
            };
            format!("{}{sep}{verdict}{rule}", figures.join(sep))
        }
    }
}

fn role_word(role: &str, lang: Lang) -> &'static str {
    match (role, lang) {
        ("target", Lang::Zh) => "目标",
        ("target", Lang::En) => "target",
        ("actual", Lang::Zh) => "实际",
        ("actual", Lang::En) => "actual",
        ("budget", Lang::Zh) => "预算",
        ("budget", Lang::En) => "budget",
        ("spent", Lang::Zh) => "执行",
        ("spent", Lang::En) => "spent",
        ("rate", Lang::Zh) => "执行率",
        ("rate", Lang::En) => "rate",
        ("numerator", Lang::Zh) => "完成",
        ("numerator", Lang::En) => "done",
        ("denominator", Lang::Zh) => "计划",
        ("denominator", Lang::En) => "planned",
        (_, Lang::Zh) => "依据",
        (_, Lang::En) => "evidence",
    }
}

/// The recomputed score as `jxlint score` shows it: a value, a range (`4–6`), or "not
/// re-scored".
fn recomputed_cell(ind: &IndicatorReport, lang: Lang) -> String {
    match (&ind.low, &ind.high, &ind.recomputed) {
        (Some(lo), Some(hi), _) if lo != hi => format!("{lo}–{hi}"),
        (_, _, Some(v)) => v.clone(),
        (_, _, None) if ind.status == "unchecked" => match lang {
            Lang::Zh => "未复核".to_string(),
            Lang::En => "not re-scored".to_string(),
        },
        _ => "—".to_string(),
    }
}

/// The table `jxlint score` prints for one file: indicator | weight | claimed | recomputed |
/// evidence, then the totals, the grade and what limited the re-scoring.
pub fn render_table(r: &ScoreReport, lang: Lang) -> String {
    let head: [&str; 5] = match lang {
        Lang::Zh => ["指标", "分值", "自评得分", "复核得分", "依据"],
        Lang::En => ["indicator", "weight", "claimed", "recomputed", "evidence"],
    };
    let dash = "—".to_string();
    let rows: Vec<[String; 5]> = r
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let indent = "  ".repeat(depth(r, i));
            let name = if ind.source == "text" {
                match lang {
                    Lang::Zh => format!("{indent}{}（文字）", ind.name),
                    Lang::En => format!("{indent}{} (text)", ind.name),
                }
            } else {
                format!("{indent}{}", ind.name)
            };
            [
                name,
                ind.weight.clone().unwrap_or_else(|| dash.clone()),
                ind.claimed.clone().unwrap_or_else(|| dash.clone()),
                recomputed_cell(ind, lang),
                evidence_cell(ind, lang),
            ]
        })
        .collect();
    let mut w = [0usize; 4];
    for row in std::iter::once(&head.map(str::to_string)).chain(rows.iter()) {
        for k in 0..4 {
            w[k] = w[k].max(width(&row[k]));
        }
    }
    let line = |row: &[String; 5]| {
        format!(
            "{}  {}  {}  {}  {}",
            pad_right(&row[0], w[0]),
            pad_left(&row[1], w[1]),
            pad_left(&row[2], w[2]),
            pad_left(&row[3], w[3]),
            row[4]
        )
        .trim_end()
        .to_string()
    };
    let mut out = String::new();
    let rubric = match lang {
        Lang::Zh => format!("评分规则：{}", r.rubric),
        Lang::En => format!("rubric: {}", r.rubric),
    };
    out.push_str(&rubric);
    out.push('\n');
    if !rows.is_empty() {
        out.push_str(&line(&head.map(str::to_string)));
        out.push('\n');
        for row in &rows {
            out.push_str(&line(row));
            out.push('\n');
        }
    }
    let na = || dash.clone();
    let claimed_total = r.claimed.total.clone().unwrap_or_else(na);
    let recomputed_total = match (&r.recomputed.low, &r.recomputed.high) {
        (Some(lo), Some(hi)) if lo != hi => format!("{lo}–{hi}"),
        _ => r.recomputed.total.clone().unwrap_or_else(na),
    };
    let unscored = match (r.recomputed.not_rescored, lang) {
        (Some(k), Lang::Zh) if k > 0 && r.recomputed.total.is_some() => {
            format!("；{k} 项未复核，按自评计")
        }
        (Some(k), Lang::En) if k > 0 && r.recomputed.total.is_some() => {
            format!("; {k} not re-scored, counted as claimed")
        }
        _ => String::new(),
    };
    let recomputed_grade = match (&r.recomputed.grade_low, &r.recomputed.grade_high) {
        (Some(lo), Some(hi)) if lo != hi => format!("{lo}–{hi}"),
        _ => r.recomputed.grade.clone().unwrap_or_else(na),
    };
    let adj: Vec<String> = r
        .adjustments
        .iter()
        .map(|a| {
            let d = if a.delta.starts_with('-') {
                a.delta.clone()
            } else {
                format!("+{}", a.delta)
            };
            format!("{} {d}", a.name)
        })
        .collect();
    let adj = if adj.is_empty() {
        String::new()
    } else {
        match lang {
            Lang::Zh => format!("（{}）", adj.join("，")),
            Lang::En => format!(" ({})", adj.join(", ")),
        }
    };
    match lang {
        Lang::Zh => {
            out.push_str(&format!(
                "总分：自评 {claimed_total}，复核 {recomputed_total}{adj}{unscored}\n"
            ));
            out.push_str(&format!(
                "等级：自评 {}，复核 {recomputed_grade}\n",
                r.claimed.grade.clone().unwrap_or_else(na),
            ));
        }
        Lang::En => {
            out.push_str(&format!(
                "total: claimed {claimed_total}, recomputed {recomputed_total}{adj}{unscored}\n"
            ));
            out.push_str(&format!(
                "grade: claimed {}, recomputed {recomputed_grade}\n",
                r.claimed.grade.clone().unwrap_or_else(na),
            ));
        }
    }
    for t in &r.totals {
        if t.consistent == Some(false) {
            let sum = t.sum.clone().unwrap_or_default();
            out.push_str(&match lang {
                Lang::Zh => format!("  第{}行的总分 {} 与各项合计 {sum} 不符\n", t.line, t.value),
                Lang::En => format!(
                    "  the total {} on line {} differs from the sum of its parts, {sum}\n",
                    t.value, t.line
                ),
            });
        }
    }
    for t in r.tables.iter().filter(|t| !t.whole) {
        out.push_str(&match lang {
            Lang::Zh => format!(
                "第{}行起的评分表未能完整读取：{} 行无法读取，{} 行只能按行读取；只复核能确定的行，不核对合计\n",
                t.line,
                t.unreadable.len(),
                t.shaped.len()
            ),
            Lang::En => format!(
                "the score table from line {} could not be read whole: {} rows unreadable, {} read row by row; only rows read with certainty are re-scored, sums are not checked\n",
                t.line,
                t.unreadable.len(),
                t.shaped.len()
            ),
        });
    }
    out
}
