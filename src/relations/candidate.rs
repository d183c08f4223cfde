//! Candidates: every place a relation could be checked, with what became of it.
//!
//! Each pass has triggers — a stated rate, a `其中`/`包括` breakdown, a growth rate or change
//! amount, a repeated label, a numbered list, one amount in two units. Every trigger yields one
//! [`Candidate`] with an [`Outcome`]: judged (consistent or not, by the relation's own verdict
//! where it has one), or unbound with the [`Unbound`] reason. Nothing is dropped silently, so a
//! reviewer can see what was not verified (`jxlint check --coverage`) and the per-file stats
//! count candidates judged and unbound by kind.
//!
//! Candidates are derived from the relations the passes found; they change no verdict.

use serde::Serialize;

use crate::model::{Document, Span, Unit};

use super::{
    GrowthClaim, RatioVerdict, Relations, RestatementUnsettled, SumVerdict, growth_interval,
    is_change_label,
};
use crate::parse::quantity::CueKind;

pub use super::unbound::Unbound;

/// What a candidate would check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CandidateKind {
    Ratio,
    Sum,
    Share,
    Growth,
    Restatement,
    Sequence,
    Unit,
    /// A stated count against its closed list, or against its start and changes.
    Count,
    /// A relation inside a table: a row's 执行率, a column's total, a target against its
    /// actual value (and the claims those rows contradict).
    Table,
    /// A quantity times a per-unit standard against the amount stated with them.
    Product,
    /// An amount in 元 among amounts of its kind in 万元.
    Magnitude,
    /// One document number (文件号) cited with amounts for the same allocation.
    DocumentNumber,
    /// A user formula (`jxlint.toml`) over report data.
    Formula,
}

impl CandidateKind {
    pub const ALL: [CandidateKind; 13] = [
        CandidateKind::Ratio,
        CandidateKind::Sum,
        CandidateKind::Share,
        CandidateKind::Growth,
        CandidateKind::Restatement,
        CandidateKind::Sequence,
        CandidateKind::Unit,
        CandidateKind::Count,
        CandidateKind::Table,
        CandidateKind::Product,
        CandidateKind::Magnitude,
        CandidateKind::DocumentNumber,
        CandidateKind::Formula,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CandidateKind::Ratio => "ratio",
            CandidateKind::Sum => "sum",
            CandidateKind::Share => "share",
            CandidateKind::Growth => "growth",
            CandidateKind::Restatement => "restatement",
            CandidateKind::Sequence => "sequence",
            CandidateKind::Unit => "unit",
            CandidateKind::Count => "count",
            CandidateKind::Table => "table",
            CandidateKind::Product => "product",
            CandidateKind::Magnitude => "magnitude",
            CandidateKind::DocumentNumber => "document_number",
            CandidateKind::Formula => "formula",
        }
    }

    /// The rules that judge a candidate of this kind: a judged candidate counts as checked
    /// only when one of them is enabled.
    pub fn rules(self) -> &'static [&'static str] {
        match self {
            CandidateKind::Ratio => &["A001", "A002", "U001"],
            CandidateKind::Sum => &["A003", "U001"],
            CandidateKind::Share => &["A004"],
            CandidateKind::Growth => &["A005"],
            CandidateKind::Restatement => &["D001"],
            CandidateKind::Sequence => &["T001"],
            CandidateKind::Unit => &["U001"],
            CandidateKind::Count => &["A007"],
            CandidateKind::Table => &["A001", "A002", "A003", "S007"],
            CandidateKind::Product => &["A006"],
            CandidateKind::Magnitude => &["U003"],
            CandidateKind::DocumentNumber => &["D003"],
            CandidateKind::Formula => &["A008"],
        }
    }
}

/// What became of a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome", content = "reason")]
pub enum Outcome {
    /// Judged and consistent.
    Consistent,
    /// Judged and inconsistent (a rule reports it).
    Inconsistent,
    /// Judged by its rule, which holds the verdict (share groups, growth claims,
    /// restatements, sequences).
    Judged,
    /// Several readings of the text; judged consistent when any reading is.
    Ambiguous,
    Unbound(Unbound),
}

impl Outcome {
    pub fn is_judged(self) -> bool {
        !matches!(self, Outcome::Unbound(_))
    }
}

/// One trigger and its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub kind: CandidateKind,
    /// The trigger: the rate, the total or cue, the first mention.
    pub span: Span,
    pub outcome: Outcome,
}

/// Every candidate of a document, in text order.
pub fn candidates(doc: &Document, r: &Relations) -> Vec<Candidate> {
    let mut out = Vec::new();
    ratio_candidates(doc, r, &mut out);
    sum_candidates(doc, r, &mut out);
    growth_candidates(doc, r, &mut out);
    share_candidates(doc, r, &mut out);
    restatement_candidates(doc, r, &mut out);
    for x in &r.table_prose.restatements {
        out.push(Candidate {
            kind: CandidateKind::Restatement,
            span: doc.quantities[x.prose].span,
            outcome: if x.consistent {
                Outcome::Consistent
            } else {
                Outcome::Inconsistent
            },
        });
    }
    for &(span, why) in &r.table_prose.unbound {
        out.push(Candidate {
            kind: CandidateKind::Restatement,
            span,
            outcome: Outcome::Unbound(why),
        });
    }
    for s in &r.sequences {
        if let Some(m) = s.items.first().and_then(|&b| doc.blocks[b].marker) {
            out.push(Candidate {
                kind: CandidateKind::Sequence,
                span: m.span,
                outcome: Outcome::Judged,
            });
        }
    }
    for odd in r
        .unit_echoes
        .iter()
        .map(|&(odd, _)| odd)
        .chain(r.unit_proofs.iter().map(|p| p.figure))
    {
        out.push(Candidate {
            kind: CandidateKind::Unit,
            span: doc.quantities[odd].span,
            outcome: Outcome::Inconsistent,
        });
    }
    for c in &r.counts {
        let consistent = (c.min..=c.max).contains(&(c.value as usize));
        out.push(Candidate {
            kind: CandidateKind::Count,
            span: c.count,
            outcome: if consistent {
                Outcome::Consistent
            } else {
                Outcome::Inconsistent
            },
        });
    }
    for c in &r.count_sums {
        out.push(Candidate {
            kind: CandidateKind::Count,
            span: c.total.0,
            outcome: if c.sum() == i64::from(c.total.1) {
                Outcome::Consistent
            } else {
                Outcome::Inconsistent
            },
        });
    }
    product_candidates(doc, r, &mut out);
    for d in &r.documents {
        out.push(Candidate {
            kind: CandidateKind::DocumentNumber,
            span: d.citations[0].span,
            outcome: match d.verdict(doc) {
                super::DocumentVerdict::Consistent => Outcome::Consistent,
                super::DocumentVerdict::Conflict { .. } => Outcome::Inconsistent,
                super::DocumentVerdict::Unbound(reason) => Outcome::Unbound(reason),
            },
        });
    }
    for m in &r.magnitudes {
        out.push(Candidate {
            kind: CandidateKind::Magnitude,
            span: doc.quantities[m.figure()].span,
            outcome: match m {
                super::MagnitudeCandidate::Judged {
                    implausible: true, ..
                } => Outcome::Inconsistent,
                super::MagnitudeCandidate::Judged { .. } => Outcome::Consistent,
                super::MagnitudeCandidate::Unbound { reason, .. } => Outcome::Unbound(*reason),
            },
        });
    }
    let t = &r.tables;
    let spans = t
        .rates
        .iter()
        .map(|x| x.rate.span)
        .chain(t.sums.iter().map(|x| x.total.span))
        .chain(t.targets.iter().map(|x| x.actual.span))
        .chain(t.claims.iter().map(|x| x.span))
        .chain(t.growths.iter().map(|x| x.stated.span));
    for span in spans {
        out.push(Candidate {
            kind: CandidateKind::Table,
            span,
            outcome: Outcome::Judged,
        });
    }
    formula_candidates(doc, &mut out);
    out.sort_by_key(|c| (c.span.start, c.kind));
    out
}

/// The user's formulas over report data: judged, or unbound when they could not be evaluated.
fn formula_candidates(doc: &Document, out: &mut Vec<Candidate>) {
    use crate::model::data::NotEvaluated;
    let Some(data) = &doc.data else { return };
    let span = |i: Option<usize>| i.map_or(Span::new(0, 0), |i| doc.quantities[i].span);
    for f in &data.formulas {
        out.push(Candidate {
            kind: CandidateKind::Formula,
            span: span(f.operands.first().map(|&(_, i)| i)),
            outcome: if f.holds() {
                Outcome::Consistent
            } else {
                Outcome::Inconsistent
            },
        });
    }
    for f in &data.unevaluated {
        out.push(Candidate {
            kind: CandidateKind::Formula,
            span: span(f.anchor()),
            outcome: Outcome::Unbound(match f.reason {
                NotEvaluated::DivisionByZero { .. } => Unbound::DivisionByZero,
                NotEvaluated::Overflow => Unbound::Overflow,
            }),
        });
    }
}

/// Label endings that make a percentage a stated rate even when the lexicon has no concept
/// for it (`支付率`, `分配率`, `利用率`).
pub const RATE_ENDINGS: &[&str] = &["率", "占比", "比重", "比例"];

/// Whether a percentage states a rate (not a growth rate, which the growth pass takes): by
/// its concept, by its label's ending ([`RATE_ENDINGS`]), or as a share of a named whole
/// (`占支出总预算78.33%`).
pub fn is_rate_trigger(q: &crate::model::Quantity) -> bool {
    if q.unit != Unit::Percent || growth_interval(q).is_some() {
        return false;
    }
    match q.concept() {
        Some(c) if c.starts_with("rate.") => true,
        _ => {
            let l = q.label_text();
            RATE_ENDINGS.iter().any(|e| l.ends_with(e)) || super::share::share_of(l).is_some()
        }
    }
}

fn ratio_candidates(doc: &Document, r: &Relations, out: &mut Vec<Candidate>) {
    let shared: std::collections::HashSet<usize> = r
        .shares
        .iter()
        .flat_map(|g| g.shares.iter().copied())
        .collect();
    let in_share = |i: usize| shared.contains(&i);
    // The first claim of each rate.
    let mut claims: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (n, c) in r.ratios.iter().enumerate() {
        claims.entry(c.rate).or_insert(n);
    }
    let verdicts = r.ratio_verdicts(doc);
    let summed: std::collections::HashMap<usize, &super::SummedShareClaim> =
        r.summed_shares.iter().map(|c| (c.rate, c)).collect();
    let calcs: std::collections::HashMap<usize, &super::WrittenCalc> =
        r.calcs.iter().map(|c| (c.rate, c)).collect();
    for (i, q) in doc.quantities.iter().enumerate() {
        let calc = calcs.get(&i).filter(|_| !claims.contains_key(&i));
        if !is_rate_trigger(q) && calc.is_none() {
            continue;
        }
        // A result of a calculation written out before it, judged against it.
        if let Some(c) = calc.filter(|_| !summed.contains_key(&i)) {
            out.push(Candidate {
                kind: CandidateKind::Ratio,
                span: q.span,
                outcome: match c.verdict(doc) {
                    super::CalcVerdict::Consistent => Outcome::Consistent,
                    _ => Outcome::Inconsistent,
                },
            });
            continue;
        }
        // A share of a whole stated nowhere, judged against the sum of its group's amounts.
        if let Some(c) = summed.get(&i) {
            out.push(Candidate {
                kind: CandidateKind::Ratio,
                span: q.span,
                outcome: match c.verdict(doc) {
                    RatioVerdict::Consistent => Outcome::Consistent,
                    RatioVerdict::Undefined => Outcome::Unbound(Unbound::ZeroBase),
                    _ => Outcome::Inconsistent,
                },
            });
            continue;
        }
        if in_share(i) {
            continue;
        }
        let claim = claims.get(&i).map(|&n| (&r.ratios[n], &verdicts[n]));
        let outcome = match claim {
            Some((c, v)) => match v {
                RatioVerdict::Consistent if !c.alternatives.is_empty() => Outcome::Ambiguous,
                RatioVerdict::Consistent => Outcome::Consistent,
                RatioVerdict::Undefined => Outcome::Unbound(Unbound::ZeroBase),
                _ => Outcome::Inconsistent,
            },
            None if !doc.in_prose(q) => Outcome::Unbound(Unbound::InTable),
            None if q.qualifier.is_some() => Outcome::Unbound(Unbound::Approximate),
            None => Outcome::Unbound(Unbound::NoOperands),
        };
        out.push(Candidate {
            kind: CandidateKind::Ratio,
            span: q.span,
            outcome,
        });
    }
}

/// How many breakdowns back from a `其中` cue its own is looked for.
const CUE_CLAIMS: usize = 16;

fn sum_candidates(doc: &Document, r: &Relations, out: &mut Vec<Candidate>) {
    let qs = &doc.quantities;
    // The breakdowns by their total's block, in order.
    let verdicts = r.sum_verdicts(doc);
    let mut by_block: std::collections::HashMap<usize, Vec<(&super::SumClaim, &SumVerdict)>> =
        std::collections::HashMap::new();
    for (s, v) in r.sums.iter().zip(verdicts.iter()) {
        by_block.entry(qs[s.total].block).or_default().push((s, v));
    }
    for claims in by_block.values_mut() {
        claims.sort_by_key(|(s, _)| qs[s.total].span.start);
    }
    // The breakdowns a cue opened; the others (a bracket of parts after its total, with no
    // word) are candidates of their own, below.
    let mut seen = std::collections::HashSet::new();
    for cue in doc
        .cues
        .iter()
        .filter(|c| matches!(c.kind, CueKind::Of | CueKind::Including))
        .filter(|c| !opens_score_parts(doc, c))
    {
        // The breakdown this cue opens: its total stands before the cue in the same block,
        // its first part after it.
        // Nearest total first, among the last `CUE_CLAIMS` breakdowns whose total stands
        // before the cue (a breakdown that spans more of them is none a reader would see).
        let claims = by_block.get(&cue.block).map_or(&[][..], Vec::as_slice);
        let at = claims.partition_point(|(s, _)| qs[s.total].span.start < cue.offset);
        let claim = claims[..at]
            .iter()
            .rev()
            .take(CUE_CLAIMS)
            .copied()
            .find(|(s, _)| {
                let t = &qs[s.total];
                t.span.end <= cue.offset
                    && s.parts
                        .first()
                        .is_some_and(|&p| qs[p].span.start > cue.offset)
            });
        if let Some((s, _)) = claim {
            seen.insert((s.total, s.parts.first().copied()));
        }
        let (span, outcome) = match claim {
            Some((s, v)) => (qs[s.total].span, sum_outcome(v)),
            None => {
                let at = cue.offset;
                let in_table = doc
                    .blocks
                    .get(cue.block)
                    .is_some_and(|b| matches!(b.kind, crate::model::BlockKind::TableRow { .. }));
                // The parts of a summed share group right after the cue, in its sentence.
                let summed = r.summed_shares.iter().any(|c| {
                    c.parts.first().is_some_and(|&p| {
                        let q = &qs[p];
                        q.block == cue.block && q.span.start > at && q.sentence == cue.sentence
                    })
                });
                (
                    Span::new(at, at),
                    Outcome::Unbound(if in_table {
                        Unbound::InTable
                    } else if summed {
                        Unbound::WholeNotStated
                    } else {
                        Unbound::NoBreakdown
                    }),
                )
            }
        };
        out.push(Candidate {
            kind: CandidateKind::Sum,
            span,
            outcome,
        });
    }
    for (c, v) in r.sums.iter().zip(verdicts.iter()) {
        if seen.insert((c.total, c.parts.first().copied())) {
            out.push(Candidate {
                kind: CandidateKind::Sum,
                span: qs[c.total].span,
                outcome: sum_outcome(v),
            });
        }
    }
}

/// Whether the first figure after a breakdown cue is a score in points (`自评得分96分，其中：
/// 项目决策18分，…`): such a breakdown is the scorecard's (S003), not a relation here.
fn opens_score_parts(doc: &Document, cue: &crate::model::Cue) -> bool {
    let qs = &doc.quantities;
    let at = qs.partition_point(|q| (q.block, q.span.start) < (cue.block, cue.offset));
    qs.get(at).is_some_and(|q| {
        q.block == cue.block && matches!(&q.unit, Unit::Count { word, .. } if word == "分")
    })
}

/// A judged breakdown's outcome: consistent, inconsistent, or a partial list not judged.
fn sum_outcome(v: &SumVerdict) -> Outcome {
    match v {
        SumVerdict::Consistent => Outcome::Consistent,
        SumVerdict::Partial => Outcome::Unbound(Unbound::PartialList),
        _ => Outcome::Inconsistent,
    }
}

fn growth_candidates(doc: &Document, r: &Relations, out: &mut Vec<Candidate>) {
    // The figures some growth claim judges.
    let mut judged = std::collections::HashSet::new();
    for g in &r.growths {
        match g {
            GrowthClaim::Levels { change, .. } => {
                judged.insert(*change);
            }
            GrowthClaim::ChangeRate { change, rate, .. } => {
                judged.extend([*change, *rate]);
            }
            GrowthClaim::ChangeSum { total, parts, .. } => {
                judged.insert(*total);
                judged.extend(parts.iter().copied());
            }
            GrowthClaim::Aggregate {
                total_rate, parts, ..
            } => {
                judged.insert(*total_rate);
                judged.extend(parts.iter().map(|&(_, rate)| rate));
            }
        }
    }
    let bound = |i: usize| judged.contains(&i);
    for (i, q) in doc.quantities.iter().enumerate() {
        let rate = q.unit == Unit::Percent && growth_interval(q).is_some();
        let change =
            (q.unit.is_money() && is_change_label(q.label_text())) || super::is_point_change(q);
        if !rate && !change {
            continue;
        }
        let outcome = if bound(i) {
            Outcome::Judged
        } else if !doc.in_prose(q) {
            Outcome::Unbound(Unbound::InTable)
        } else if q.qualifier.is_some() {
            Outcome::Unbound(Unbound::Approximate)
        } else {
            Outcome::Unbound(Unbound::NoLevels)
        };
        out.push(Candidate {
            kind: CandidateKind::Growth,
            span: q.span,
            outcome,
        });
    }
}

fn product_candidates(doc: &Document, r: &Relations, out: &mut Vec<Candidate>) {
    for p in &r.products {
        let (rate, outcome) = match p {
            super::ProductCandidate::Bound(c) => (
                c.rate,
                if c.verdict(doc) == super::ProductVerdict::Consistent {
                    Outcome::Consistent
                } else {
                    Outcome::Inconsistent
                },
            ),
            super::ProductCandidate::Unbound { rate, reason } => (*rate, Outcome::Unbound(*reason)),
        };
        out.push(Candidate {
            kind: CandidateKind::Product,
            span: doc.quantities[rate].span,
            outcome,
        });
    }
}

fn share_candidates(doc: &Document, r: &Relations, out: &mut Vec<Candidate>) {
    for g in &r.shares {
        if let Some(&first) = g.shares.first() {
            out.push(Candidate {
                kind: CandidateKind::Share,
                span: doc.quantities[first].span,
                outcome: Outcome::Judged,
            });
        }
    }
}

fn restatement_candidates(doc: &Document, r: &Relations, out: &mut Vec<Candidate>) {
    for g in &r.restatements {
        if let Some(&first) = g.mentions.first() {
            out.push(Candidate {
                kind: CandidateKind::Restatement,
                span: doc.quantities[first].span,
                outcome: Outcome::Judged,
            });
        }
    }
    // Figures of a repeated metric whose subject could not be settled.
    for &(i, why) in &r.restatement_unsettled {
        out.push(Candidate {
            kind: CandidateKind::Restatement,
            span: doc.quantities[i].span,
            outcome: match why {
                RestatementUnsettled::Ambiguous => Outcome::Ambiguous,
                RestatementUnsettled::Unbound(u) => Outcome::Unbound(u),
            },
        });
    }
}

/// Candidates counted by kind: judged, ambiguous, unbound.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindCount {
    pub judged: usize,
    pub ambiguous: usize,
    pub unbound: usize,
}

/// Per-kind counts of candidates, in [`CandidateKind::ALL`] order, kinds with none left out.
pub fn tally(cands: &[Candidate]) -> Vec<(CandidateKind, KindCount)> {
    CandidateKind::ALL
        .iter()
        .filter_map(|&k| {
            let mut c = KindCount::default();
            for x in cands.iter().filter(|x| x.kind == k) {
                match x.outcome {
                    Outcome::Ambiguous => c.ambiguous += 1,
                    Outcome::Unbound(_) => c.unbound += 1,
                    _ => c.judged += 1,
                }
            }
            (c != KindCount::default()).then_some((k, c))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        crate::parse::parse(text, crate::model::SourceFormat::Text)
    }

    fn of(text: &str) -> Vec<Candidate> {
        let d = doc(text);
        candidates(&d, &crate::relations::find(text, &d))
    }

    #[test]
    fn counts_found_with_the_text_are_candidates() {
        let text = "下属单位3个，即甲站、乙所。扶持合作社年初8个，年中新增7个，共15个。";
        let d = doc(text);
        let c = candidates(&d, &crate::relations::find(text, &d));
        let counts: Vec<Outcome> = c
            .iter()
            .filter(|c| c.kind == CandidateKind::Count)
            .map(|c| c.outcome)
            .collect();
        assert_eq!(counts, [Outcome::Inconsistent, Outcome::Consistent]);
    }

    #[test]
    fn bound_rate_is_judged_and_unbound_rate_has_its_reason() {
        let c = of("调整预算100万元，实际支出90万元，预算执行率90%。另外支付率65%。");
        let ratios: Vec<_> = c
            .iter()
            .filter(|c| c.kind == CandidateKind::Ratio)
            .collect();
        assert_eq!(ratios.len(), 2, "{c:?}");
        assert_eq!(ratios[0].outcome, Outcome::Consistent);
        assert_eq!(ratios[1].outcome, Outcome::Unbound(Unbound::NoOperands));
    }

    #[test]
    fn score_parts_are_the_scorecards_not_a_sum_candidate() {
        let sums = |text: &str| -> Vec<Outcome> {
            of(text)
                .iter()
                .filter(|c| c.kind == CandidateKind::Sum)
                .map(|c| c.outcome)
                .collect()
        };
        assert!(sums("经自评，项目得分95分。其中：项目决策19分，项目产出76分。").is_empty());
        // A breakdown of amounts is still a candidate, unbound when nothing binds it.
        assert_eq!(
            sums("经自评，项目得分95分。其中：项目决策19万元。"),
            [Outcome::Unbound(Unbound::NoBreakdown)]
        );
    }

    #[test]
    fn zero_over_zero_is_unbound_not_wrong() {
        let c = of("预算数0万元，实际支出0万元，执行率0%。");
        let r: Vec<_> = c
            .iter()
            .filter(|c| c.kind == CandidateKind::Ratio)
            .collect();
        assert!(
            r.iter().all(|c| c.outcome != Outcome::Inconsistent),
            "{r:?}"
        );
    }

    #[test]
    fn every_breakdown_cue_is_a_candidate() {
        let c = of("总额30万元，其中甲10万元，乙20万元。另有其中一项说明。");
        let sums: Vec<_> = c.iter().filter(|c| c.kind == CandidateKind::Sum).collect();
        assert_eq!(sums.len(), 2, "{c:?}");
        assert_eq!(sums[0].outcome, Outcome::Consistent);
        assert_eq!(sums[1].outcome, Outcome::Unbound(Unbound::NoBreakdown));
    }

    #[test]
    fn a_breakdown_no_cue_opens_is_a_candidate_once() {
        // The bracket after 960 has no cue word; the 其中 list is its own candidate.
        let c = of(
            "共计1500万元，其中甲项目960万元（中央资金620万元、省级资金340万元），\
                    乙项目540万元。另有丙项目80万元（中央资金50万元、省级资金40万元）。",
        );
        let sums: Vec<_> = c.iter().filter(|c| c.kind == CandidateKind::Sum).collect();
        assert_eq!(sums.len(), 3, "{sums:?}");
        assert_eq!(
            sums.iter()
                .filter(|c| c.outcome == Outcome::Consistent)
                .count(),
            2,
            "{sums:?}"
        );
        assert_eq!(
            sums.iter()
                .filter(|c| c.outcome == Outcome::Inconsistent)
                .count(),
            1,
            "{sums:?}"
        );
    }

    #[test]
    fn growth_without_levels_is_unbound() {
        let c = of("项目支出同比增长5.2%。");
        assert!(
            c.iter().any(|c| c.kind == CandidateKind::Growth
                && c.outcome == Outcome::Unbound(Unbound::NoLevels))
        );
    }

    #[test]
    fn rate_endings_boundaries() {
        assert!(RATE_ENDINGS.contains(&"率"));
        let d = doc("支付率61.2%，增长8%，占比20%。");
        let t: Vec<bool> = d.quantities.iter().map(is_rate_trigger).collect();
        assert_eq!(t, vec![true, false, true], "{:?}", d.quantities);
    }

    #[test]
    fn tally_counts_by_kind() {
        let c = of("调整预算100万元，实际支出90万元，预算执行率90%。另外支付率65%。");
        let t = tally(&c);
        let ratio = t
            .iter()
            .find(|(k, _)| *k == CandidateKind::Ratio)
            .map(|x| x.1);
        assert_eq!(
            ratio,
            Some(KindCount {
                judged: 1,
                ambiguous: 0,
                unbound: 1
            })
        );
    }
}
