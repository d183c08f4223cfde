//! Finding the evidence for an indicator's score: the figures of the report bound to it by
//! meaning, and the rule they are scored by.

use super::*;

/// Words in a figure's label that make it something other than the year's measured value:
/// a target (`满意度目标值95%`), a criterion (`满意度≥95%的得6分`), last year's figure.
pub(super) const NOT_MEASURED: &[&str] = &[
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

/// What [`Cx::figures`] was asked: keywords, concepts, exclusions, unit, measured only.
type FigureQuery = (Vec<String>, Vec<String>, Vec<String>, u8, bool);

pub(super) struct Cx<'a> {
    pub(super) text: &'a str,
    pub(super) doc: &'a Document,
    pub(super) card: &'a Scorecard,
    pub(super) rubric: &'a Rubric,
    /// The prose figures that can be evidence at all (outside score tables, not approximate,
    /// for the whole year), in document order; read once per document.
    pub(super) prose: std::cell::OnceCell<Vec<&'a Quantity>>,
    /// Answers of [`Cx::figures`] by query: the rubric asks the same few again and again.
    pub(super) answers: std::cell::RefCell<std::collections::HashMap<FigureQuery, Vec<usize>>>,
    /// The target pairs of grid tables by the block of their row, for blocks with one pair.
    pub(super) pairs: std::collections::HashMap<usize, &'a TargetPair>,
}

impl<'a> Cx<'a> {
    pub(super) fn new(
        text: &'a str,
        doc: &'a Document,
        tables: &'a TableRelations,
        card: &'a Scorecard,
        rubric: &'a Rubric,
    ) -> Self {
        let mut by_block: std::collections::HashMap<usize, Vec<&'a TargetPair>> =
            Default::default();
        for p in &tables.targets {
            let row = doc.tables.get(p.table).and_then(|t| {
                (t.form == TableForm::Grid)
                    .then(|| t.rows.get(p.row))
                    .flatten()
            });
            if let Some(r) = row {
                by_block.entry(r.block).or_default().push(p);
            }
        }
        let pairs = by_block
            .into_iter()
            .filter_map(|(b, ps)| match ps.as_slice() {
                [p] => Some((b, *p)),
                _ => None,
            })
            .collect();
        Cx {
            text,
            doc,
            card,
            rubric,
            prose: std::cell::OnceCell::new(),
            answers: Default::default(),
            pairs,
        }
    }

    pub(super) fn slice(&self, span: Span) -> String {
        self.text
            .get(span.start..span.end)
            .unwrap_or("")
            .to_string()
    }

    pub(super) fn evidence_of(&self, span: Span, role: Role, label: Option<String>) -> Evidence {
        Evidence {
            span,
            role,
            text: self.slice(span),
            label,
        }
    }

    fn prose_figures(&self) -> &[&'a Quantity] {
        self.prose.get_or_init(|| {
            let tables = TableSpans::new(self.card);
            self.doc
                .quantities
                .iter()
                .filter(|q| q.cell.is_none() && !tables.contains(q.span))
                .filter(|q| q.qualifier != Some(Qualifier::Approx))
                .filter(|q| q.period.is_none_or(|p| p.is_full_year()))
                .collect()
        })
    }

    /// The prose figures whose labels match, outside score tables, exact or bounds, for the
    /// whole year.
    pub(super) fn figures(
        &self,
        keywords: &[String],
        concepts: &[String],
        exclude: &[String],
        unit: EvidenceUnit,
        measured_only: bool,
    ) -> Vec<&'a Quantity> {
        let prose = self.prose_figures();
        let unit_key = match unit {
            EvidenceUnit::Percent => 0,
            EvidenceUnit::Count => 1,
            EvidenceUnit::Any => 2,
        };
        let key = (
            keywords.to_vec(),
            concepts.to_vec(),
            exclude.to_vec(),
            unit_key,
            measured_only,
        );
        if let Some(found) = self.answers.borrow().get(&key) {
            return found.iter().map(|&i| prose[i]).collect();
        }
        let found: Vec<usize> = prose
            .iter()
            .enumerate()
            .filter(|(_, q)| match unit {
                EvidenceUnit::Percent => q.unit == Unit::Percent,
                EvidenceUnit::Count => matches!(q.unit, Unit::Count { .. }),
                EvidenceUnit::Any => !matches!(q.unit, Unit::Money { .. } | Unit::None),
            })
            .filter(|(_, q)| {
                let l = q.label_text();
                // Targets, criteria and last year's figures are not this year's measurement.
                if measured_only && NOT_MEASURED.iter().any(|w| l.contains(w)) {
                    return false;
                }
                let by_word = keywords.iter().any(|k| l.contains(k.as_str()));
                let by_concept = q.concept().is_some_and(|c| concepts.iter().any(|k| k == c));
                (by_word || by_concept) && !exclude.iter().any(|x| l.contains(x.as_str()))
            })
            .map(|(i, _)| i)
            .collect();
        let figs = found.iter().map(|&i| prose[i]).collect();
        self.answers.borrow_mut().insert(key, found);
        figs
    }

    /// The value a figure stands for.
    pub(super) fn range_of_figure(q: &Quantity) -> (ValueRange, EvidenceBound) {
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
    pub(super) fn by_spec(
        &self,
        ind: &Indicator,
        rule: &ScoreRule,
        spec: &EvidenceSpec,
        basis: Basis,
    ) -> Option<Support> {
        let claimed = ind.score.as_ref()?;
        // Points written in the rule need no weight; anything else scales with it.
        let points_only = matches!(rule, ScoreRule::Bands(bands)
            if bands.iter().all(|b| matches!(b.score, crate::score::rubric::BandScore::Points(_))));
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
                            q.label.as_ref().map(|l| String::from(&*l.text)),
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
    pub(super) fn qualified_end(&self, q: &Quantity) -> usize {
        let rest = self.text.get(q.span.end..).unwrap_or("");
        for w in ["以上", "以下", "以内"] {
            if rest.starts_with(w) {
                return q.span.end + w.len();
            }
        }
        q.span.end
    }

    /// Tiers written in the row's own criteria.
    pub(super) fn by_criteria(&self, ind: &Indicator) -> Option<Support> {
        let weight = ind.weight.as_ref()?.value;
        for &c in &ind.criteria {
            let Some((var, bands)) = crate::score::rubric::bands_from_criteria(&self.slice(c))
            else {
                continue;
            };
            let max = bands
                .iter()
                .filter_map(|b| match b.score {
                    crate::score::rubric::BandScore::Points(p) => Some(p),
                    crate::score::rubric::BandScore::Fraction(_) => None,
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
    pub(super) fn criteria_item(&self, cell: Span, points: Decimal) -> Option<Span> {
        let src = self.text.get(cell.start..cell.end)?;
        let want = format!("得{}分", fmt_trim(points, 4));
        let mut start = 0;
        for (i, ch) in src.char_indices().chain(std::iter::once((src.len(), '；'))) {
            if matches!(ch, '；' | ';' | '。') {
                let item = &src[start..i];
                if crate::parse::table::roles::clean(item).contains(&want) {
                    let span = Span::new(cell.start + start, cell.start + i);
                    let span = crate::parse::structure::trim_span(self.text, span);
                    return (!span.is_empty()).then_some(span);
                }
                start = i + ch.len_utf8().min(src.len() - i);
            }
        }
        None
    }

    pub(super) fn by_rubric(&self, ind: &Indicator) -> Option<Support> {
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
    pub(super) fn by_funds(&self, ind: &Indicator) -> Option<Support> {
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

    /// The 年度指标值 / 实际完成值 pair of an indicator's row, from the document's table model
    /// (`crate::relations::table`): the one pair read with certainty on the row's block.
    pub(super) fn pair_of(&self, ind: &Indicator) -> Option<&'a TargetPair> {
        let Origin::Table { block, .. } = ind.origin else {
            return None;
        };
        self.pairs.get(&block).copied()
    }

    /// How the row's own criteria, or else the rubric, score a missed target.
    fn missed_rule(&self, ind: &Indicator) -> Missed {
        ind.criteria
            .iter()
            .find_map(|&c| missed_from_criteria(&self.slice(c)))
            .unwrap_or(self.rubric.quantitative_missed)
    }

    /// A project row: 实际完成值 against 年度指标值, from the row's pair in the table model. A
    /// pair that cannot be compared (other units, an actual that is itself a bound, a money
    /// target whose direction is not written) re-scores nothing.
    pub(super) fn by_measures(&self, ind: &Indicator) -> Option<Support> {
        let pair = self.pair_of(ind)?;
        let met = pair.met?;
        let (t, a) = (&pair.target, &pair.actual);
        // A target of nothing (`0起`) has no ratio, and written bare no direction either.
        if t.value <= Decimal::ZERO {
            return None;
        }
        let claimed = ind.score.as_ref()?;
        let weight = ind.weight.as_ref()?.value;
        let positive = !matches!(t.cmp, Cmp::AtMost | Cmp::LessThan);
        let evidence = vec![
            self.evidence_of(t.span, Role::Target, None),
            self.evidence_of(a.span, Role::Actual, None),
        ];
        let missed = self.missed_rule(ind);
        if missed != Missed::Ratio {
            // Met: the 分值; missed: nothing, or less than the 分值.
            let hundredth = Decimal::new(1, 2);
            let (low, high, bound) = match (met, missed) {
                (true, _) => (weight, weight, EvidenceBound::Exact),
                (false, Missed::Zero) => (Decimal::ZERO, Decimal::ZERO, EvidenceBound::Exact),
                (false, Missed::Less) if weight >= hundredth => {
                    (Decimal::ZERO, weight - hundredth, EvidenceBound::Ceiling)
                }
                _ => return None,
            };
            let consistent = match bound {
                EvidenceBound::Ceiling => claimed.value < weight,
                _ => fits(claimed, low, high),
            };
            return Some(Support {
                expected: high,
                low,
                high,
                bound,
                consistent,
                value: a.value,
                evidence,
                basis: Basis::Target { missed, met },
            });
        }
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
            evidence,
            basis: Basis::Quantitative { positive, cap },
        })
    }

    pub(super) fn support(&self, ind: &Indicator) -> Option<Support> {
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
pub(super) fn derived(card: &Scorecard, i: usize, m: Measure, depth: usize) -> Option<Decimal> {
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

pub(super) fn decimals_of(card: &Scorecard, parts: &[usize], m: Measure) -> u32 {
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

/// The spans of a scorecard's tables, for asking whether a span lies inside one in
/// logarithmic time: sorted by start, with the furthest end reached so far.
pub(super) struct TableSpans {
    starts: Vec<usize>,
    furthest_end: Vec<usize>,
}

impl TableSpans {
    pub(super) fn new(card: &Scorecard) -> Self {
        let mut spans: Vec<Span> = card.tables.iter().map(|t| t.span).collect();
        spans.sort_unstable();
        let mut furthest = 0;
        let furthest_end = spans
            .iter()
            .map(|s| {
                furthest = furthest.max(s.end);
                furthest
            })
            .collect();
        TableSpans {
            starts: spans.iter().map(|s| s.start).collect(),
            furthest_end,
        }
    }

    /// Whether some table's span holds `span` (as [`Scorecard::in_table`]).
    pub(super) fn contains(&self, span: Span) -> bool {
        // The tables starting at or before `span` hold it when one of them reaches its end.
        let n = self.starts.partition_point(|&s| s <= span.start);
        n > 0 && self.furthest_end[n - 1] >= span.end
    }
}

/// The kind of card each total's stated score speaks of, read from its prose label
/// (`项目综合得分` is a project's), in the order of `card.totals`. One pass over the figures.
pub(super) fn prose_kinds(doc: &Document, card: &Scorecard) -> Vec<CardKind> {
    let mut project: std::collections::HashMap<Span, Option<bool>> =
        card.totals.iter().map(|t| (t.score.span, None)).collect();
    let mut left = project.len();
    for q in &doc.quantities {
        if left == 0 {
            break;
        }
        // The first figure at a span decides, as a search from the start would.
        if let Some(slot @ None) = project.get_mut(&q.span) {
            *slot = Some(q.label_text().contains("项目"));
            left -= 1;
        }
    }
    card.totals
        .iter()
        .map(|t| {
            if project.get(&t.score.span).copied().flatten() == Some(true) {
                CardKind::Project
            } else {
                CardKind::Department
            }
        })
        .collect()
}
