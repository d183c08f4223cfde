//! Relations between figures, found once per document and judged by the rules.
//!
//! A rate is judged only when it is bound to its operands **by meaning** — the rate's concept
//! and the operands' labels (执行率 ↔ 支出/决算 and 预算; 整改率 ↔ 完成整改 and 共…隐患) within
//! its sentence or the one before — never by proximity alone (DOMAIN §7). A breakdown is
//! judged only when written as one (`总额X，其中A a，B b`). The same metric is compared only
//! under the same label, period, year and unit dimension, and only for labels that name a
//! specific metric (`规上商品销售额`, not `实际支出`).
//!
//! Each relation carries what a rule needs to judge it; the judgements themselves
//! ([`RatioClaim::verdict`], [`SumClaim::verdict`] …) live here too so that the rules that
//! share a relation (A001/A002/U001 on ratios; A003/U001 on sums) agree on one reading.

use rust_decimal::Decimal;

use crate::model::{BlockKind, Currency, Document, Quantity, Unit, scale_up};
use crate::numeric::{Interval, round_half_up, truncate};
use crate::parse::quantity::CueKind;

/// Every relation found in a document.
#[derive(Debug, Clone, Default)]
pub struct Relations {
    pub ratios: Vec<RatioClaim>,
    pub sums: Vec<SumClaim>,
    pub shares: Vec<ShareGroup>,
    pub growths: Vec<GrowthClaim>,
    pub restatements: Vec<Restatement>,
    pub sequences: Vec<Sequence>,
    /// The same amount written with the same digits in two units (`1587.36元` here,
    /// `1587.36万元` there): `(odd, other)`, the odd one in the document's rarer unit.
    pub unit_echoes: Vec<(usize, usize)>,
    /// The money scale most used in the document's prose (4 for 万元), with its count, and
    /// the count of each scale: used to tell which of two disagreeing units is the slip.
    pub money_scales: Vec<(u8, usize)>,
}

impl Relations {
    /// How many relations the document gives the rules to judge.
    pub fn count(&self) -> usize {
        self.ratios.len()
            + self.sums.len()
            + self.shares.len()
            + self.growths.len()
            + self.restatements.len()
            + self.sequences.len()
            + self.unit_echoes.len()
    }

    /// How often a money scale is used in the document's prose.
    pub fn scale_count(&self, scale: u8) -> usize {
        self.money_scales
            .iter()
            .find(|(s, _)| *s == scale)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    }
}

/// What kind of rate a [`RatioClaim`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatioKind {
    /// 预算执行率: spending / budget.
    Execution,
    /// 控制率: actual / budgeted.
    Control,
    /// 整改率, 办结率, 完成率: done / total (counts).
    Completion,
    /// 占比: part / whole.
    Share,
}

/// A stated rate and the figures it is the ratio of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatioClaim {
    pub kind: RatioKind,
    pub rate: usize,
    pub numerator: usize,
    pub denominator: usize,
    /// Other (numerator, denominator) readings the text allows (another budget figure in the
    /// same sentence): if any explains the rate, the rate is consistent.
    pub alternatives: Vec<(usize, usize)>,
}

/// The judgement of a ratio claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RatioVerdict {
    Consistent,
    /// Division by zero (0/0 rates are undefined, not wrong).
    Undefined,
    /// The stated rate is the truncated or mis-rounded value of the true ratio.
    Rounding {
        expected: Decimal,
        truncated: bool,
    },
    /// Only a power-of-ten change of one operand's unit explains the rate.
    UnitSlip {
        operand: usize,
        exponent: i32,
    },
    /// The rate disagrees with its operands beyond rounding.
    Mismatch {
        expected: Decimal,
        inverted: bool,
    },
}

/// The interval a written figure stands for, in base units: money figures are rounded at
/// their last digit; counts of things are exact.
pub fn interval_of(q: &Quantity) -> Interval {
    let exactish = matches!(q.unit, Unit::Count { .. }) && q.decimals == 0;
    let base = q.base_value();
    if exactish {
        Interval::exact(base)
    } else {
        let h = scale_up(q.half_ulp(), q.unit.scale());
        Interval {
            lo: base - h,
            hi: base + h,
        }
    }
}

fn pct(i: &Interval) -> Interval {
    i.scale(Decimal::ONE_HUNDRED)
}

/// Judge `num / den` against a stated percentage.
fn ratio_fits(rate: &Quantity, num: &Interval, den: &Interval) -> Option<bool> {
    let r = num.div(den)?;
    Some(pct(&r).meets(&Interval::of_written(rate.value, rate.decimals)))
}

impl RatioClaim {
    pub fn verdict(&self, doc: &Document) -> RatioVerdict {
        let q = &doc.quantities;
        let (rate, num, den) = (&q[self.rate], &q[self.numerator], &q[self.denominator]);
        if den.value.is_zero() {
            return RatioVerdict::Undefined;
        }
        let (ni, di) = (interval_of(num), interval_of(den));
        if ratio_fits(rate, &ni, &di) != Some(false) {
            return RatioVerdict::Consistent;
        }
        for &(a, b) in &self.alternatives {
            if !q[b].value.is_zero()
                && ratio_fits(rate, &interval_of(&q[a]), &interval_of(&q[b])) == Some(true)
            {
                return RatioVerdict::Consistent;
            }
        }
        // A unit slip: the written digits fit once one operand's unit is shifted.
        if num.unit.scale() != den.unit.scale() && num.unit.is_money() {
            for e in [4i32, -4, 8, -8, 3, -3] {
                let k = pow10(e);
                if ratio_fits(rate, &ni.scale(k), &di) == Some(true) {
                    // Which operand is the odd one: the unit less used in the document.
                    let (ns, ds) = (
                        doc.relations_scale_count(num),
                        doc.relations_scale_count(den),
                    );
                    let operand = if ns < ds {
                        self.numerator
                    } else if ds < ns {
                        self.denominator
                    } else {
                        self.numerator
                    };
                    let exponent = if operand == self.numerator { e } else { -e };
                    return RatioVerdict::UnitSlip { operand, exponent };
                }
            }
        }
        // Checked: a ratio beyond `Decimal`'s range is no rate anyone stated.
        let Some(central) = num
            .base_value()
            .checked_div(den.base_value())
            .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
        else {
            return RatioVerdict::Undefined;
        };
        let expected = round_half_up(central, rate.decimals);
        // A truncated or mis-rounded value: within one unit of the last digit.
        let ulp = Decimal::new(1, rate.decimals);
        let stated = rate.value;
        if (stated - central).abs() < ulp && stated != expected {
            let truncated = truncate(central, rate.decimals) == stated;
            return RatioVerdict::Rounding {
                expected,
                truncated,
            };
        }
        // Written with more places than it was computed to (31.00% for 31.08%).
        for dp in 0..rate.decimals {
            if round_half_up(central, dp) == stated && stated != expected {
                return RatioVerdict::Rounding {
                    expected,
                    truncated: false,
                };
            }
        }
        let inverted = ratio_fits(rate, &di, &ni) == Some(true);
        RatioVerdict::Mismatch { expected, inverted }
    }
}

impl Document {
    fn relations_scale_count(&self, q: &Quantity) -> usize {
        self.relations.scale_count(q.unit.scale())
    }
}

fn pow10(e: i32) -> Decimal {
    let mut k = Decimal::ONE;
    for _ in 0..e.unsigned_abs() {
        k *= Decimal::TEN;
    }
    if e < 0 { Decimal::ONE / k } else { k }
}

/// A total and its listed parts (`X，其中A a，B b`). Nested breakdowns (`包括`) appear as
/// further sum claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumClaim {
    pub total: usize,
    pub parts: Vec<usize>,
    /// Whether the parts are explicitly a complete breakdown (nesting resolved, 基本支出 +
    /// 项目支出 …); an incomplete-looking list short of its total is not judged.
    pub nested: bool,
    /// The parts are by definition all of the total (an identity of structured data, such as
    /// 调整预算 = 基本支出 + 项目支出): a shortfall of any size is a mismatch, never a partial
    /// list.
    pub exhaustive: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SumVerdict {
    Consistent,
    /// The parts add up to more than the total, or (for a list that looks complete) miss it by
    /// a slip.
    Mismatch {
        sum: Decimal,
        exceeds: bool,
    },
    /// One part written with the wrong power of ten explains the gap.
    UnitSlip {
        operand: usize,
        exponent: i32,
    },
    /// The parts fall short by more than a slip: the list may be partial; not judged.
    Partial,
}

impl SumClaim {
    pub fn verdict(&self, doc: &Document) -> SumVerdict {
        let q = &doc.quantities;
        let total = interval_of(&q[self.total]);
        let sum = self
            .parts
            .iter()
            .fold(Interval::exact(Decimal::ZERO), |a, &p| {
                a.add(&interval_of(&q[p]))
            });
        if sum.meets(&total) {
            return SumVerdict::Consistent;
        }
        // A part in the wrong unit.
        for &p in &self.parts {
            let part = &q[p];
            if !part.unit.is_money() {
                continue;
            }
            for e in [4i32, -4, 8, -8] {
                let shifted = sum
                    .sub(&interval_of(part))
                    .add(&interval_of(part).scale(pow10(e)));
                if shifted.meets(&total)
                    && doc.relations.scale_count(part.unit.scale())
                        < doc
                            .relations
                            .scale_count(crate::model::scale_up_u8(part.unit.scale(), e))
                {
                    return SumVerdict::UnitSlip {
                        operand: p,
                        exponent: e,
                    };
                }
            }
        }
        let central_sum: Decimal = self.parts.iter().map(|&p| q[p].base_value()).sum();
        let t = q[self.total].base_value();
        if central_sum > t {
            return SumVerdict::Mismatch {
                sum: central_sum,
                exceeds: true,
            };
        }
        // Short of the total: judged only when the gap is a slip (≤ 1 % of the total), since a
        // 其中 list often names only the main parts — unless the parts are all of it.
        if self.exhaustive || (!t.is_zero() && (t - central_sum) / t <= Decimal::new(1, 2)) {
            return SumVerdict::Mismatch {
                sum: central_sum,
                exceeds: false,
            };
        }
        SumVerdict::Partial
    }
}

/// Percentage shares of one whole stated together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareGroup {
    pub shares: Vec<usize>,
    /// The amounts the shares are of, when stated beside them.
    pub parts: Vec<usize>,
    /// The whole, when the parts are a verified breakdown of a stated total.
    pub whole: Option<usize>,
}

/// A stated growth checked against other figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GrowthClaim {
    /// A total's growth against its parts' growths (进出口 +12% = 出口 +11% & 进口 +16.3%).
    Aggregate {
        total: usize,
        total_rate: usize,
        parts: Vec<(usize, usize)>,
        comparable: bool,
    },
    /// A growth rate or amount against the current and prior values stated with it.
    Levels {
        change: usize,
        current: usize,
        prior: usize,
        comparable: bool,
    },
}

/// Mentions of one metric (same label, period, year, dimension).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restatement {
    pub mentions: Vec<usize>,
}

/// Sibling items of one numbered list or heading level, in order (block indices).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sequence {
    pub items: Vec<usize>,
}

/// The signed growth rate a figure states (`同比下降5%` → −5), as an interval in percent.
pub fn growth_interval(q: &Quantity) -> Option<Interval> {
    let sign = match q.concept()? {
        "rate.growth" => Decimal::ONE,
        "rate.decline" => Decimal::NEGATIVE_ONE,
        _ => return None,
    };
    Some(Interval::of_written(q.value, q.decimals).scale(sign))
}

/// Find every relation of a document.
pub fn find(_text: &str, doc: &Document) -> Relations {
    let mut r = Relations {
        money_scales: money_scales(doc),
        ..Relations::default()
    };
    let d = Document {
        relations: r.clone(),
        ..doc.clone()
    };
    r.ratios = find_ratios(&d);
    r.sums = find_sums(&d);
    r.shares = find_shares(&d, &r.sums, &mut r.ratios);
    r.growths = find_growths(&d, &r.sums);
    r.restatements = find_restatements(&d);
    r.sequences = find_sequences(&d);
    r.unit_echoes = find_unit_echoes(&d);
    r
}

/// Relations of a document whose ratios, sums, shares and growth claims are stated by its
/// structure (report data): the restatements and unit echoes are found from the figures'
/// labels as in prose.
pub fn from_claims(
    doc: &Document,
    ratios: Vec<RatioClaim>,
    sums: Vec<SumClaim>,
    shares: Vec<ShareGroup>,
    growths: Vec<GrowthClaim>,
) -> Relations {
    let mut r = Relations {
        money_scales: money_scales(doc),
        ratios,
        sums,
        shares,
        growths,
        ..Relations::default()
    };
    let d = Document {
        relations: r.clone(),
        ..doc.clone()
    };
    r.restatements = find_restatements(&d);
    r.unit_echoes = find_unit_echoes(&d);
    r
}

/// Figures that the document itself shows to carry the wrong unit (U001: a ratio or a sum that
/// holds only with the unit shifted, or the same digits stated in the usual unit elsewhere).
pub fn unit_slips(doc: &Document) -> Vec<usize> {
    let mut out = Vec::new();
    for c in &doc.relations.ratios {
        if let RatioVerdict::UnitSlip { operand, .. } = c.verdict(doc) {
            out.push(operand);
        }
    }
    for s in &doc.relations.sums {
        if let SumVerdict::UnitSlip { operand, .. } = s.verdict(doc) {
            out.push(operand);
        }
    }
    out.extend(doc.relations.unit_echoes.iter().map(|&(odd, _)| odd));
    out.sort_unstable();
    out.dedup();
    out
}

/// Significant digits of a written value (`1587.36` → 6, `0.50` → 2).
fn significant_digits(v: Decimal) -> usize {
    let s = v.abs().to_string();
    s.trim_start_matches(['0', '.'])
        .chars()
        .filter(|c| c.is_ascii_digit())
        .count()
}

fn find_unit_echoes(doc: &Document) -> Vec<(usize, usize)> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    for (i, a) in qs.iter().enumerate() {
        let Unit::Money { currency, scale } = a.unit else {
            continue;
        };
        if !in_prose(doc, a) || a.qualifier.is_some() || significant_digits(a.value) < 5 {
            continue;
        }
        // `a` is the odd one: its unit is rarer than the other's, by 10⁴ or 10⁸.
        let other = qs.iter().enumerate().find(|(j, b)| {
            *j != i
                && in_prose(doc, b)
                && b.qualifier.is_none()
                && b.value == a.value
                && b.decimals == a.decimals
                && matches!(b.unit, Unit::Money { currency: c, scale: s } if c == currency && (i32::from(s) - i32::from(scale)).abs() % 4 == 0 && s != scale)
                && doc.relations.scale_count(b.unit.scale()) > doc.relations.scale_count(scale)
                && (a.concept().is_some() && a.concept() == b.concept() || metric_key(a.label_text()).ends_with(metric_key(b.label_text())) || metric_key(b.label_text()).ends_with(metric_key(a.label_text())))
        });
        if let Some((j, _)) = other {
            out.push((i, j));
        }
    }
    out
}

fn in_prose(doc: &Document, q: &Quantity) -> bool {
    q.cell.is_none()
        && !matches!(
            doc.blocks.get(q.block).map(|b| &b.kind),
            Some(BlockKind::TableRow { .. })
        )
}

fn money_scales(doc: &Document) -> Vec<(u8, usize)> {
    let mut v: Vec<(u8, usize)> = Vec::new();
    for q in doc.quantities.iter().filter(|q| in_prose(doc, q)) {
        if let Unit::Money {
            currency: Currency::Cny,
            scale,
        } = q.unit
        {
            match v.iter_mut().find(|(s, _)| *s == scale) {
                Some(e) => e.1 += 1,
                None => v.push((scale, 1)),
            }
        }
    }
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

/// Indices of the exact prose figures in sentence `s` (and optionally the one before, in the
/// same block), in order.
fn window(doc: &Document, idx: usize, include_previous: bool) -> Vec<usize> {
    let q = &doc.quantities[idx];
    (0..idx)
        .filter(|&i| {
            let o = &doc.quantities[i];
            o.block == q.block
                && (o.sentence == q.sentence || (include_previous && o.sentence + 1 == q.sentence))
                && o.qualifier.is_none()
                && in_prose(doc, o)
        })
        .collect()
}

fn find_ratios(doc: &Document) -> Vec<RatioClaim> {
    let mut out = Vec::new();
    for (ri, rate) in doc.quantities.iter().enumerate() {
        if rate.unit != Unit::Percent || rate.qualifier.is_some() || !in_prose(doc, rate) {
            continue;
        }
        let kind = match rate.concept() {
            Some("rate.execution") => RatioKind::Execution,
            Some("rate.control") => RatioKind::Control,
            Some("rate.rectification") | Some("rate.completion") => RatioKind::Completion,
            _ => continue,
        };
        // Operands come after the previous rate: `A预算X，支出Y，执行率Z%；B…`.
        let bind = |include_previous: bool| -> Option<RatioClaim> {
            let w = window(doc, ri, include_previous);
            let after_prev_rate: Vec<usize> = match w
                .iter()
                .rposition(|&i| doc.quantities[i].unit == Unit::Percent)
            {
                Some(p) => w[p + 1..].to_vec(),
                None => w,
            };
            let qs = &doc.quantities;
            match kind {
                RatioKind::Execution | RatioKind::Control => {
                    let money: Vec<usize> = after_prev_rate
                        .into_iter()
                        .filter(|&i| qs[i].unit.is_money())
                        .collect();
                    let num = *money
                        .iter()
                        .rev()
                        .find(|&&i| qs[i].concept() == Some("spend"))?;
                    let budgets: Vec<usize> = money
                        .iter()
                        .copied()
                        .filter(|&i| qs[i].concept() == Some("budget"))
                        .collect();
                    let den = *budgets.last()?;
                    if !qs[num].unit.same_dimension(&qs[den].unit) {
                        return None;
                    }
                    let alternatives = budgets
                        .iter()
                        .filter(|&&b| b != den)
                        .map(|&b| (num, b))
                        .collect();
                    Some(RatioClaim {
                        kind,
                        rate: ri,
                        numerator: num,
                        denominator: den,
                        alternatives,
                    })
                }
                _ => {
                    let counts: Vec<usize> = after_prev_rate
                        .into_iter()
                        .filter(|&i| matches!(qs[i].unit, Unit::Count { .. }))
                        .collect();
                    let num = *counts.last()?;
                    let done_words = [
                        "完成", "已", "办结", "整改", "处置", "解决", "回复", "落实", "结案",
                        "销号", "办理",
                    ];
                    if !done_words.iter().any(|w| qs[num].label_text().contains(w)) {
                        return None;
                    }
                    let den = *counts
                        .iter()
                        .rev()
                        .skip(1)
                        .find(|&&i| qs[i].unit == qs[num].unit)?;
                    if qs[num].value > qs[den].value {
                        return None;
                    }
                    Some(RatioClaim {
                        kind,
                        rate: ri,
                        numerator: num,
                        denominator: den,
                        alternatives: Vec::new(),
                    })
                }
            }
        };
        if let Some(c) = bind(false).or_else(|| bind(true)) {
            out.push(c);
        }
    }
    out
}

/// Dimension key of a figure for sums: same currency, or same counted word.
fn dim(u: &Unit) -> Option<String> {
    match u {
        Unit::Money { currency, .. } => Some(format!("money:{currency:?}")),
        Unit::Count { word, .. } => Some(format!("count:{word}")),
        _ => None,
    }
}

fn find_sums(doc: &Document) -> Vec<SumClaim> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    for (ci, cue) in doc.cues.iter().enumerate() {
        if cue.kind != CueKind::Of {
            continue;
        }
        // The breakdown runs to the end of the sentence or the next 其中.
        let next_of = doc.cues[ci + 1..]
            .iter()
            .find(|c| c.kind == CueKind::Of && c.sentence == cue.sentence && c.block == cue.block)
            .map(|c| c.offset)
            .unwrap_or(usize::MAX);
        let in_sentence = |i: &usize| {
            qs[*i].block == cue.block && qs[*i].sentence == cue.sentence && in_prose(doc, &qs[*i])
        };
        let before: Vec<usize> = (0..qs.len())
            .filter(|i| in_sentence(i) && qs[*i].span.end <= cue.offset)
            .collect();
        let before = if before.iter().any(|&i| dim(&qs[i].unit).is_some()) {
            before
        } else {
            // `总额X。按来源，其中：…`: the total closes the previous sentence.
            (0..qs.len())
                .filter(|&i| {
                    qs[i].block == cue.block
                        && qs[i].sentence + 1 == cue.sentence
                        && in_prose(doc, &qs[i])
                })
                .collect()
        };
        let after: Vec<usize> = (0..qs.len())
            .filter(|i| {
                in_sentence(i) && qs[*i].span.start > cue.offset && qs[*i].span.start < next_of
            })
            .collect();
        let mut dims: Vec<String> = after.iter().filter_map(|&i| dim(&qs[i].unit)).collect();
        dims.sort();
        dims.dedup();
        for d in dims {
            let parts: Vec<usize> = after
                .iter()
                .copied()
                .filter(|&i| dim(&qs[i].unit).as_deref() == Some(&d))
                .collect();
            // Budget and spending listed item by item (`A预算数x，实际支出y；B预算数z，实际支出w`)
            // are two breakdowns: each series against the total of the same series.
            let series: Vec<Option<&str>> = parts.iter().map(|&p| qs[p].concept()).collect();
            let split = series.iter().all(|c| c.is_some())
                && series.contains(&Some("budget"))
                && series.contains(&Some("spend"));
            let groups: Vec<(Option<&str>, Vec<usize>)> = if split {
                ["budget", "spend"]
                    .iter()
                    .map(|s| {
                        (
                            Some(*s),
                            parts
                                .iter()
                                .copied()
                                .filter(|&p| qs[p].concept() == Some(s))
                                .collect(),
                        )
                    })
                    .collect()
            } else {
                vec![(None, parts)]
            };
            for (series, parts) in groups {
                let Some(&total) = before.iter().rev().find(|&&i| {
                    dim(&qs[i].unit).as_deref() == Some(&d)
                        && (series.is_none() || qs[i].concept() == series)
                }) else {
                    continue;
                };
                if qs[total].qualifier.is_some() || parts.iter().any(|&p| qs[p].qualifier.is_some())
                {
                    continue;
                }
                // Parts equal to the total start another breakdown of the same whole
                // (`按资金来源…；按资金用途…`); split there.
                let mut segments: Vec<Vec<usize>> = vec![Vec::new()];
                for &p in &parts {
                    if qs[p].base_value() == qs[total].base_value() {
                        segments.push(Vec::new());
                    } else if let Some(s) = segments.last_mut() {
                        s.push(p);
                    }
                }
                for seg in segments.into_iter().filter(|s| s.len() >= 2) {
                    out.extend(resolve_breakdown(doc, total, &seg));
                }
            }
        }
    }
    out
}

/// Read a breakdown. A part immediately followed by parts that add up to it is their subtotal
/// (`基本支出2238.52，包括人员经费1709，公用经费529.52；项目支出7010.46`); a list may also end
/// at the first `；` (`基本支出X，其中人员经费a，公用经费b；项目支出Y…`). Any reading that adds
/// up makes the breakdown consistent; when none does, it is reported only if every reading
/// fails the same way, on the shortest reading.
fn resolve_breakdown(doc: &Document, total: usize, parts: &[usize]) -> Vec<SumClaim> {
    let qs = &doc.quantities;
    let mut readings: Vec<Vec<usize>> = vec![parts.to_vec()];
    if let Some(semi) = doc.cues.iter().find(|c| {
        c.kind == CueKind::Semicolon
            && c.offset > qs[parts[0]].span.end
            && c.offset < qs[parts[parts.len() - 1]].span.start
    }) {
        let prefix: Vec<usize> = parts
            .iter()
            .copied()
            .filter(|&p| qs[p].span.end <= semi.offset)
            .collect();
        if prefix.len() >= 2 {
            readings.push(prefix);
        }
    }
    for r in &readings {
        if let Some(claims) = consistent_reading(doc, total, r) {
            return claims;
        }
    }
    // Explicit nesting: `A a，包括 x，y；B b` — the parts after 包括 up to the next `；` are A's.
    let last = parts[parts.len() - 1];
    let including: Vec<usize> = doc
        .cues
        .iter()
        .filter(|c| {
            c.kind == CueKind::Including
                && c.offset > qs[parts[0]].span.start
                && c.offset < qs[last].span.start
        })
        .map(|c| c.offset)
        .collect();
    if !including.is_empty() {
        return nested_by_cues(doc, total, parts, &including);
    }
    let verdicts: Vec<SumVerdict> = readings
        .iter()
        .map(|r| {
            SumClaim {
                total,
                parts: r.clone(),
                nested: false,
                exhaustive: false,
            }
            .verdict(doc)
        })
        .collect();
    let same_kind = verdicts
        .windows(2)
        .all(|w| std::mem::discriminant(&w[0]) == std::mem::discriminant(&w[1]));
    let exceed_agree = verdicts
        .iter()
        .all(|v| matches!(v, SumVerdict::Mismatch { exceeds: true, .. }))
        || verdicts
            .iter()
            .all(|v| matches!(v, SumVerdict::Mismatch { exceeds: false, .. }));
    if !same_kind || (matches!(verdicts[0], SumVerdict::Mismatch { .. }) && !exceed_agree) {
        return Vec::new();
    }
    let shortest = readings
        .iter()
        .min_by_key(|r| r.len())
        .cloned()
        .unwrap_or_default();
    vec![SumClaim {
        total,
        parts: shortest,
        nested: false,
        exhaustive: false,
    }]
}

/// Read `A a，包括 x，y；B b` as written. Judged only when at least one level adds up, so that
/// the reading is confirmed by the figures themselves.
fn nested_by_cues(
    doc: &Document,
    total: usize,
    parts: &[usize],
    including: &[usize],
) -> Vec<SumClaim> {
    let qs = &doc.quantities;
    let mut top: Vec<usize> = Vec::new();
    let mut groups: Vec<SumClaim> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let p = parts[i];
        let opens = including.iter().find(|&&o| {
            o > qs[p].span.end && parts.get(i + 1).is_some_and(|&n| o < qs[n].span.start)
        });
        top.push(p);
        if let Some(&o) = opens {
            let close = doc
                .cues
                .iter()
                .find(|c| c.kind == CueKind::Semicolon && c.offset > o)
                .map(|c| c.offset)
                .unwrap_or(usize::MAX);
            let kids: Vec<usize> = parts[i + 1..]
                .iter()
                .copied()
                .take_while(|&k| qs[k].span.start < close)
                .collect();
            i += 1 + kids.len();
            if kids.len() >= 2 {
                groups.push(SumClaim {
                    total: p,
                    parts: kids,
                    nested: true,
                    exhaustive: false,
                });
            }
        } else {
            i += 1;
        }
    }
    let mut claims = Vec::new();
    if top.len() >= 2 {
        claims.push(SumClaim {
            total,
            parts: top,
            nested: true,
            exhaustive: false,
        });
    }
    claims.extend(groups);
    let any_ok = claims
        .iter()
        .any(|c| c.verdict(doc) == SumVerdict::Consistent);
    if any_ok && claims.len() >= 2 {
        claims
    } else {
        Vec::new()
    }
}

/// The claims of a reading of a breakdown, if it adds up (flat, or with one subtotal run).
fn consistent_reading(doc: &Document, total: usize, parts: &[usize]) -> Option<Vec<SumClaim>> {
    let qs = &doc.quantities;
    let iv = |i: usize| interval_of(&qs[i]);
    let sum_of = |s: &[usize]| {
        s.iter()
            .fold(Interval::exact(Decimal::ZERO), |a, &p| a.add(&iv(p)))
    };
    if sum_of(parts).meets(&iv(total)) {
        return Some(vec![SumClaim {
            total,
            parts: parts.to_vec(),
            nested: false,
            exhaustive: false,
        }]);
    }
    for h in 0..parts.len() {
        for end in h + 3..=parts.len() {
            let kids = &parts[h + 1..end];
            if sum_of(kids).meets(&iv(parts[h])) {
                let mut top: Vec<usize> = parts[..=h].to_vec();
                top.extend_from_slice(&parts[end..]);
                if top.len() >= 2 && sum_of(&top).meets(&iv(total)) {
                    return Some(vec![
                        SumClaim {
                            total,
                            parts: top,
                            nested: true,
                            exhaustive: false,
                        },
                        SumClaim {
                            total: parts[h],
                            parts: kids.to_vec(),
                            nested: true,
                            exhaustive: false,
                        },
                    ]);
                }
            }
        }
    }
    None
}

fn find_shares(doc: &Document, sums: &[SumClaim], ratios: &mut Vec<RatioClaim>) -> Vec<ShareGroup> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, q) in qs.iter().enumerate() {
        if seen.contains(&(q.block, q.sentence))
            || q.concept() != Some("rate.share")
            || q.unit != Unit::Percent
            || !in_prose(doc, q)
        {
            continue;
        }
        seen.insert((q.block, q.sentence));
        let shares: Vec<usize> = (i..qs.len())
            .filter(|&k| {
                qs[k].block == q.block
                    && qs[k].sentence == q.sentence
                    && qs[k].unit == Unit::Percent
                    && qs[k].concept() == Some("rate.share")
                    && qs[k].qualifier.is_none()
            })
            .collect();
        if shares.len() < 2 {
            continue;
        }
        // Each share's amount: the figure just before it in the same sentence.
        let parts: Vec<usize> = shares
            .iter()
            .filter_map(|&s| {
                (0..s)
                    .rev()
                    .find(|&k| {
                        qs[k].block == q.block
                            && qs[k].sentence == q.sentence
                            && qs[k].unit != Unit::Percent
                    })
                    .filter(|&k| {
                        // Only the amount immediately before the share (no other share between).
                        !(k + 1..s).any(|m| qs[m].unit == Unit::Percent)
                    })
            })
            .collect();
        let whole = if parts.len() == shares.len() {
            sums.iter()
                .find(|c| {
                    c.parts.len() == parts.len()
                        && c.parts.iter().all(|p| parts.contains(p))
                        && c.verdict(doc) == SumVerdict::Consistent
                })
                .map(|c| c.total)
        } else {
            None
        };
        if let Some(w) = whole {
            for (&s, &p) in shares.iter().zip(&parts) {
                ratios.push(RatioClaim {
                    kind: RatioKind::Share,
                    rate: s,
                    numerator: p,
                    denominator: w,
                    alternatives: Vec::new(),
                });
            }
        }
        out.push(ShareGroup {
            shares,
            parts,
            whole,
        });
    }
    out
}

fn comparable(doc: &Document, q: &Quantity) -> bool {
    doc.cues
        .iter()
        .any(|c| c.kind == CueKind::Comparable && c.block == q.block && c.sentence == q.sentence)
}

/// The growth rate stated right after a figure in its sentence (`1121亿元，同比上升12%`).
fn growth_of(doc: &Document, i: usize) -> Option<usize> {
    let qs = &doc.quantities;
    let next = i + 1;
    let g = qs.get(next)?;
    (g.block == qs[i].block
        && g.sentence == qs[i].sentence
        && g.unit == Unit::Percent
        && g.qualifier.is_none()
        && growth_interval(g).is_some())
    .then_some(next)
}

fn find_growths(doc: &Document, sums: &[SumClaim]) -> Vec<GrowthClaim> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    for s in sums {
        if s.verdict(doc) != SumVerdict::Consistent {
            continue;
        }
        let Some(tr) = growth_of(doc, s.total) else {
            continue;
        };
        let parts: Option<Vec<(usize, usize)>> = s
            .parts
            .iter()
            .map(|&p| growth_of(doc, p).map(|g| (p, g)))
            .collect();
        if let Some(parts) = parts {
            out.push(GrowthClaim::Aggregate {
                total: s.total,
                total_rate: tr,
                parts,
                comparable: comparable(doc, &qs[s.total]),
            });
        }
    }
    // Current and prior levels stated with a change in one sentence.
    let prior_words = ["上年同期", "上年", "去年", "上一年", "上年度", "前一年"];
    let current_words = ["本年", "今年", "当年", "本年度", "本期"];
    let mut sentences: Vec<(usize, usize)> = qs
        .iter()
        .filter(|q| in_prose(doc, q))
        .map(|q| (q.block, q.sentence))
        .collect();
    sentences.dedup();
    for (b, s) in sentences {
        let idx: Vec<usize> = (0..qs.len())
            .filter(|&i| qs[i].block == b && qs[i].sentence == s && qs[i].qualifier.is_none())
            .collect();
        let is_change = |i: usize| {
            let l = qs[i].label_text();
            growth_interval(&qs[i]).is_some()
                || (qs[i].unit.is_money()
                    && ["增加", "减少", "增长", "下降", "节约", "压减"]
                        .iter()
                        .any(|w| l.ends_with(w)))
        };
        let changes: Vec<usize> = idx.iter().copied().filter(|&i| is_change(i)).collect();
        let priors: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| {
                qs[i].unit.is_money()
                    && !is_change(i)
                    && prior_words.iter().any(|w| qs[i].label_text().contains(w))
            })
            .collect();
        // The current level: named 本年/今年…, or named like the prior one without 上年.
        let prior_name = priors.first().map(|&p| {
            let mut l = qs[p].label_text().to_string();
            for w in prior_words {
                l = l.replace(w, "");
            }
            l
        });
        let currents: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| qs[i].unit.is_money() && !is_change(i) && !priors.contains(&i))
            .filter(|&i| {
                current_words.iter().any(|w| qs[i].label_text().contains(w))
                    || prior_name
                        .as_deref()
                        .is_some_and(|n| n.chars().count() >= 2 && qs[i].label_text().ends_with(n))
            })
            .collect();
        if let ([change], [prior], [current]) =
            (changes.as_slice(), priors.as_slice(), currents.as_slice())
            && qs[*prior].unit.same_dimension(&qs[*current].unit)
        {
            out.push(GrowthClaim::Levels {
                change: *change,
                current: *current,
                prior: *prior,
                comparable: comparable(doc, &qs[*change]),
            });
        }
    }
    out
}

/// Whether a label names a specific metric (`规上商品销售额`), not a generic budget word
/// (`实际支出`, `合同总金额`) or an activity (`发现并督促整改隐患`).
pub fn is_specific_metric(label: &str) -> bool {
    const METRIC_ENDS: &[&str] = &[
        "额", "值", "产值", "收入", "总量", "人数", "户数", "数量", "面积", "投资", "利润", "税收",
        "产量", "规模", "资产", "总数", "人口",
    ];
    const GENERIC: &[&str] = &[
        "调整后",
        "调整",
        "年初",
        "年中",
        "年末",
        "预算",
        "决算",
        "实际",
        "支出",
        "收入",
        "金额",
        "合同",
        "总额",
        "总",
        "额",
        "资金",
        "安排",
        "执行",
        "完成",
        "控制",
        "当年度",
        "当年",
        "本年",
        "上年",
        "累计",
        "共计",
        "合计",
        "小计",
        "项目",
        "经费",
        "涉及",
        "规模",
        "其他",
        "数",
        "财政拨款",
        "财政",
        "拨款",
        "部门",
        "整体",
        "单位",
        "本级",
        "值",
        "总值",
        "资产",
        "账面",
        "数量",
        "人数",
    ];
    if !METRIC_ENDS.iter().any(|e| label.ends_with(e)) {
        return false;
    }
    let mut rest = label.to_string();
    for g in GENERIC {
        rest = rest.replace(g, "");
    }
    rest.chars()
        .filter(|c| crate::parse::norm::is_cjk(*c))
        .count()
        >= 3
}

/// The label as a metric name: area words that do not change the metric in a report about
/// one area (`全区电子商务交易额` = `电子商务交易额`) are dropped; scope words (规上, 限上) stay.
pub fn metric_key(label: &str) -> &str {
    const AREA: &[&str] = &[
        "全区", "全市", "全县", "全省", "全镇", "全乡", "本区", "本市", "本县", "辖区", "区内",
        "市内", "县内", "沿线",
    ];
    let mut l = label;
    for a in AREA {
        if let Some(rest) = l.strip_prefix(a)
            && rest.chars().count() >= 3
        {
            l = rest;
        }
    }
    l
}

fn find_restatements(doc: &Document) -> Vec<Restatement> {
    let qs = &doc.quantities;
    let mut groups: Vec<(String, Restatement)> = Vec::new();
    for (i, q) in qs.iter().enumerate() {
        if !in_prose(doc, q)
            || q.qualifier.is_some()
            || q.unit.is_percent()
            || q.unit == Unit::PercentPoint
        {
            continue;
        }
        let Some(d) = dim(&q.unit) else { continue };
        let label = q.label_text();
        if !is_specific_metric(label) {
            continue;
        }
        let year = q.year.or(doc.report_year);
        // In a full-year report an unstated period, 全年, 1-12月 and 截至12月底 are one period.
        let period = match q.period {
            Some(p) if p.is_full_year() => None,
            p => p,
        };
        let key = format!("{}|{period:?}|{year:?}|{d}", metric_key(label));
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, g)) => g.mentions.push(i),
            None => groups.push((key, Restatement { mentions: vec![i] })),
        }
    }
    groups
        .into_iter()
        .map(|(_, g)| g)
        .filter(|g| g.mentions.len() >= 2)
        .collect()
}

fn find_sequences(doc: &Document) -> Vec<Sequence> {
    // Open sequences by level; a marker closes every deeper level.
    let mut open: Vec<(u8, Vec<usize>)> = Vec::new();
    let mut out = Vec::new();
    for (bi, b) in doc.blocks.iter().enumerate() {
        let Some(m) = b.marker else { continue };
        if matches!(b.kind, BlockKind::TableRow { .. }) {
            continue;
        }
        let level = m.style.level();
        while let Some((l, items)) = open.last() {
            if *l > level {
                if items.len() >= 2 {
                    out.push(Sequence {
                        items: items.clone(),
                    });
                }
                open.pop();
            } else {
                break;
            }
        }
        match open.last_mut() {
            Some((l, items)) if *l == level && m.number != 1 => items.push(bi),
            Some((l, items)) if *l == level => {
                if items.len() >= 2 {
                    out.push(Sequence {
                        items: items.clone(),
                    });
                }
                *items = vec![bi];
            }
            _ => open.push((level, vec![bi])),
        }
    }
    for (_, items) in open {
        if items.len() >= 2 {
            out.push(Sequence { items });
        }
    }
    out.sort_by_key(|s| s.items[0]);
    out
}
