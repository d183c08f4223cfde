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

pub use crate::model::claims::{
    GrowthClaim, RatioClaim, RatioKind, Restatement, Sequence, ShareGroup, StatedClaims, SumClaim,
};
use crate::model::{BlockKind, Document, Quantity, Unit, scale_up};
use crate::numeric::{Interval, round_half_up, truncate};
use crate::parse::quantity::CueKind;

pub mod table;

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
    /// Relations inside tables (rates per row, totals per column, targets).
    pub tables: table::TableRelations,
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
            + self.tables.count()
    }
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
                        doc.scale_count(num.unit.scale()),
                        doc.scale_count(den.unit.scale()),
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

fn pow10(e: i32) -> Decimal {
    let mut k = Decimal::ONE;
    for _ in 0..e.unsigned_abs() {
        k *= Decimal::TEN;
    }
    if e < 0 { Decimal::ONE / k } else { k }
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
                    && doc.scale_count(part.unit.scale())
                        < doc.scale_count(crate::model::scale_up_u8(part.unit.scale(), e))
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

/// The signed growth rate a figure states (`同比下降5%` → −5), as an interval in percent.
pub fn growth_interval(q: &Quantity) -> Option<Interval> {
    let sign = match q.concept()? {
        "rate.growth" => Decimal::ONE,
        "rate.decline" => Decimal::NEGATIVE_ONE,
        _ => return None,
    };
    Some(Interval::of_written(q.value, q.decimals).scale(sign))
}

/// Find every relation of a document: in prose by the passes below; for structured report
/// data, the relations its structure states ([`StatedClaims`]) plus the restatements and unit
/// echoes found from the figures' labels as in prose.
pub fn find(doc: &Document) -> Relations {
    if let Some(data) = &doc.data {
        return from_claims(doc, &data.claims);
    }
    let mut r = Relations::default();
    r.ratios = find_ratios(doc);
    r.sums = find_sums(doc);
    r.shares = find_shares(doc, &r.sums, &mut r.ratios);
    r.growths = find_growths(doc, &r.sums);
    r.sequences = find_sequences(doc);
    r.restatements = find_restatements(doc);
    r.unit_echoes = find_unit_echoes(doc);
    r.tables = table::find(doc);
    r
}

/// Relations of a document whose ratios, sums, shares and growth claims are stated by its
/// structure. A total's growth is checked against its parts' only when the parts add up.
fn from_claims(doc: &Document, claims: &StatedClaims) -> Relations {
    let growths = claims
        .growths
        .iter()
        .filter(|g| match g {
            GrowthClaim::Aggregate { total, .. } => claims
                .sums
                .iter()
                .find(|s| s.total == *total)
                .is_some_and(|s| s.verdict(doc) == SumVerdict::Consistent),
            GrowthClaim::Levels { .. } => true,
        })
        .cloned()
        .collect();
    Relations {
        ratios: claims.ratios.clone(),
        sums: claims.sums.clone(),
        shares: claims.shares.clone(),
        growths,
        restatements: find_restatements(doc),
        unit_echoes: find_unit_echoes(doc),
        ..Relations::default()
    }
}

/// Figures that the document itself shows to carry the wrong unit (U001: a ratio or a sum that
/// holds only with the unit shifted, or the same digits stated in the usual unit elsewhere).
pub fn unit_slips(doc: &Document, rel: &Relations) -> Vec<usize> {
    let mut out = Vec::new();
    for c in &rel.ratios {
        if let RatioVerdict::UnitSlip { operand, .. } = c.verdict(doc) {
            out.push(operand);
        }
    }
    for s in &rel.sums {
        if let SumVerdict::UnitSlip { operand, .. } = s.verdict(doc) {
            out.push(operand);
        }
    }
    out.extend(rel.unit_echoes.iter().map(|&(odd, _)| odd));
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
    // Candidates by digits written (value and decimals), in document order: each amount looks
    // only at figures with its own digits, not at every figure. A bucket is searched up to
    // ECHO_CANDIDATES deep, so a document repeating one amount endlessly stays linear.
    const ECHO_CANDIDATES: usize = 256;
    let mut by_digits: std::collections::HashMap<(Decimal, u32), Vec<usize>> =
        std::collections::HashMap::new();
    for (j, b) in qs.iter().enumerate() {
        if matches!(b.unit, Unit::Money { .. }) && b.qualifier.is_none() && doc.in_prose(b) {
            by_digits
                .entry((b.value.normalize(), b.decimals))
                .or_default()
                .push(j);
        }
    }
    for (i, a) in qs.iter().enumerate() {
        let Unit::Money { currency, scale } = a.unit else {
            continue;
        };
        if !doc.in_prose(a) || a.qualifier.is_some() || significant_digits(a.value) < 5 {
            continue;
        }
        // `a` is the odd one: its unit is rarer than the other's, by 10⁴ or 10⁸.
        let bucket = by_digits
            .get(&(a.value.normalize(), a.decimals))
            .map_or(&[][..], |v| v.as_slice());
        let other = bucket.iter().take(ECHO_CANDIDATES).map(|&j| (j, &qs[j])).find(|(j, b)| {
            *j != i
                && doc.in_prose(b)
                && b.qualifier.is_none()
                && b.value == a.value
                && b.decimals == a.decimals
                && matches!(b.unit, Unit::Money { currency: c, scale: s } if c == currency && (i32::from(s) - i32::from(scale)).abs() % 4 == 0 && s != scale)
                && doc.scale_count(b.unit.scale()) > doc.scale_count(scale)
                && (a.concept().is_some() && a.concept() == b.concept() || metric_key(a.label_text()).ends_with(metric_key(b.label_text())) || metric_key(b.label_text()).ends_with(metric_key(a.label_text())))
        });
        if let Some((j, _)) = other {
            out.push((i, j));
        }
    }
    out
}

/// Indices of the exact prose figures before `idx` in its own sentence, or (`previous`) in
/// the sentence just before it in the same block, in order. Operands are never mixed across
/// the two: a budget in one sentence and a spending figure in the next may belong to different
/// lines of the budget.
fn window(doc: &Document, idx: usize, previous: bool) -> Vec<usize> {
    let q = &doc.quantities[idx];
    (0..idx)
        .filter(|&i| {
            let o = &doc.quantities[i];
            o.block == q.block
                && if previous {
                    o.sentence + 1 == q.sentence
                } else {
                    o.sentence == q.sentence
                }
                && o.qualifier.is_none()
                && doc.in_prose(o)
        })
        .collect()
}

fn find_ratios(doc: &Document) -> Vec<RatioClaim> {
    let mut out = Vec::new();
    for (ri, rate) in doc.quantities.iter().enumerate() {
        if rate.unit != Unit::Percent || rate.qualifier.is_some() || !doc.in_prose(rate) {
            continue;
        }
        let claim = match rate.concept() {
            Some("rate.execution") => bind_money(doc, ri, RatioKind::Execution),
            Some("rate.control") => bind_money(doc, ri, RatioKind::Control),
            Some("rate.rectification") | Some("rate.completion") | Some("rate.satisfaction") => {
                bind_counts(doc, ri)
            }
            _ => None,
        };
        out.extend(claim);
    }
    out
}

/// Figures of `w` after the last rate among them: `A预算X，支出Y，执行率Z%；B预算…` gives B's
/// operands only to B's rate.
fn after_last_rate(doc: &Document, w: Vec<usize>) -> Vec<usize> {
    match w
        .iter()
        .rposition(|&i| doc.quantities[i].unit == Unit::Percent)
    {
        Some(p) => w[p + 1..].to_vec(),
        None => w,
    }
}

/// Bind an execution or control rate to actual spending and a budget. The operands come from
/// the rate's own sentence; the sentence before supplies both when the own sentence has
/// neither, or the one missing when it states nothing of the role the own sentence already
/// has (`调整预算X。实际支出Y，执行率Z%`), so that two budget lines are never mixed.
fn bind_money(doc: &Document, ri: usize, kind: RatioKind) -> Option<RatioClaim> {
    let qs = &doc.quantities;
    let roles = |w: Vec<usize>| -> (Vec<usize>, Vec<usize>) {
        let money: Vec<usize> = w.into_iter().filter(|&i| qs[i].unit.is_money()).collect();
        let spends = money
            .iter()
            .copied()
            .filter(|&i| is_actual_spending(&qs[i]))
            .collect();
        let budgets = money
            .iter()
            .copied()
            .filter(|&i| qs[i].concept() == Some("budget"))
            .collect();
        (spends, budgets)
    };
    let (mut spends, mut budgets) = roles(after_last_rate(doc, window(doc, ri, false)));
    let (prev_spends, prev_budgets) = roles(window(doc, ri, true));
    // A sub-item (`其中财政拨款支出X，执行率Y`) has its own budget, which the sentence before
    // may state under another name: only a whole takes its missing operand from there.
    let sub_item = |w: &[usize]| {
        w.iter().any(|&i| {
            doc.cues.iter().any(|c| {
                c.kind == CueKind::Of
                    && c.block == qs[i].block
                    && c.sentence == qs[i].sentence
                    && c.offset < qs[i].span.start
            })
        })
    };
    let own_sub = sub_item(&spends) || sub_item(&budgets);
    match (spends.is_empty(), budgets.is_empty()) {
        _ if own_sub && (spends.is_empty() || budgets.is_empty()) => return None,
        (true, true) => (spends, budgets) = (prev_spends, prev_budgets),
        (false, true) if prev_spends.is_empty() && prev_budgets.len() == 1 => {
            budgets = prev_budgets
        }
        (true, false) if prev_budgets.is_empty() && prev_spends.len() == 1 => spends = prev_spends,
        _ => {}
    }
    let num = *spends.last()?;
    let den = *budgets.last()?;
    if !qs[num].unit.same_dimension(&qs[den].unit) {
        return None;
    }
    // Every other spending/budget pair is another reading.
    let alternatives = spends
        .iter()
        .flat_map(|&s| budgets.iter().map(move |&b| (s, b)))
        .filter(|&pair| pair != (num, den))
        .collect();
    Some(RatioClaim {
        kind,
        rate: ri,
        numerator: num,
        denominator: den,
        alternatives,
    })
}

/// Bind a completion rate (整改率, 办结率, 满意率 …) to two counts of one kind in its sentence:
/// the numerator just before the rate names what the rate names (整改率 ↔ 完成整改, 满意率 ↔
/// 表示满意的), the whole before it reads as one (`共…`, `登记/排查/受理/收回…`, or the same
/// things), and the numerator does not exceed the whole.
fn bind_counts(doc: &Document, ri: usize) -> Option<RatioClaim> {
    let qs = &doc.quantities;
    let own = window(doc, ri, false);
    let w = if own
        .iter()
        .any(|&i| matches!(qs[i].unit, Unit::Count { .. }))
    {
        own
    } else {
        window(doc, ri, true)
    };
    let counts: Vec<usize> = w
        .into_iter()
        .filter(|&i| matches!(qs[i].unit, Unit::Count { .. }))
        .collect();
    // The numerator stands after any earlier rate of the sentence; the whole may stand before.
    let num = *counts.last()?;
    if qs[ri].span.start < qs[num].span.start {
        return None;
    }
    if (num + 1..ri).any(|k| qs[k].unit == Unit::Percent && qs[k].block == qs[ri].block) {
        return None;
    }
    let satisfaction = qs[ri].concept() == Some("rate.satisfaction");
    let done_words: &[&str] = if satisfaction {
        &["满意"]
    } else {
        &[
            "完成", "已", "办结", "整改", "处置", "解决", "回复", "落实", "结案", "销号", "办理",
        ]
    };
    let nl = qs[num].label_text();
    if !done_words.iter().any(|w| nl.contains(w)) {
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
    let mut total_words = vec![
        "共",
        "总",
        "累计",
        "登记",
        "排查",
        "发现",
        "受理",
        "收到",
        "接到",
        "涉及",
        "计划",
        "应",
        "全部",
        "检查出",
    ];
    if satisfaction {
        // 发放问卷420份，收回有效问卷400份，其中表示满意的376份
        total_words.extend(["收回", "回收", "有效", "调查", "参与"]);
    }
    let dl = qs[den].label_text();
    let shared_object = dl.chars().collect::<Vec<_>>().windows(2).any(|w| {
        let pair: String = w.iter().collect();
        !done_words.iter().any(|d| d.contains(&pair)) && nl.contains(&pair)
    });
    if !total_words.iter().any(|w| dl.contains(w)) && !shared_object {
        return None;
    }
    // The rate names what the numerator did (整改率 ↔ 完成整改).
    let stem: String = {
        let l = qs[ri]
            .label_text()
            .trim_end_matches('率')
            .trim_end_matches('度');
        let cs: Vec<char> = l.chars().collect();
        cs[cs.len().saturating_sub(2)..].iter().collect()
    };
    if stem.chars().count() == 2 && !nl.contains(&stem) && stem != "完成" {
        return None;
    }
    Some(RatioClaim {
        kind: RatioKind::Completion,
        rate: ri,
        numerator: num,
        denominator: den,
        alternatives: Vec::new(),
    })
}

/// Whether a money figure is an amount actually spent (支出决算, 实际支出, 执行数, 已拨付 …),
/// not a budget line named after a kind of spending (基本支出, 项目支出 are budget parts).
pub fn is_actual_spending(q: &Quantity) -> bool {
    if q.concept() != Some("spend") {
        return false;
    }
    let l = q.label_text();
    const ACTUAL: &[&str] = &[
        "实际", "决算", "执行", "支付", "拨付", "使用", "完成", "累计", "已",
    ];
    const KINDS: &[&str] = &[
        "基本支出",
        "项目支出",
        "人员支出",
        "公用支出",
        "资本性支出",
        "经常性支出",
    ];
    ACTUAL.iter().any(|w| l.contains(w))
        || (l.ends_with("支出") && !KINDS.iter().any(|k| l.ends_with(k)))
}

/// Which series of a breakdown a figure belongs to when a list interleaves two: budget and
/// spending amounts (`A预算数x，实际支出y；B…`), weights and scores (`得分9.82分（分值10分）`).
fn series(q: &Quantity) -> Option<&'static str> {
    match &q.unit {
        Unit::Money { .. } => q.concept(),
        Unit::Count { word, .. } if word == "分" => {
            let l = q.label_text();
            Some(
                if ["分值", "满分", "权重", "标准分"]
                    .iter()
                    .any(|w| l.ends_with(w))
                {
                    "weight"
                } else {
                    "score"
                },
            )
        }
        _ => None,
    }
}

fn has_prior_word(l: &str, words: &[&str]) -> bool {
    words.iter().any(|w| l.contains(w))
}

/// How deep in brackets a position of a block is: figures in brackets annotate the figure
/// before them (`9.87分（满分10分）`, `（含上年结转42.83万元）`).
pub fn paren_depth(doc: &Document, block: usize, offset: usize) -> i32 {
    doc.cues
        .iter()
        .filter(|c| c.block == block && c.offset < offset)
        .map(|c| match c.kind {
            CueKind::ParenOpen => 1,
            CueKind::ParenClose => -1,
            _ => 0,
        })
        .sum::<i32>()
        .max(0)
}

/// Whether a label names a figure per unit (亩均投入, 人均, 每人每年补助, 单价): never a total.
pub fn is_per_unit(l: &str) -> bool {
    ["均", "每", "单价", "标准"].iter().any(|w| l.contains(w))
}

/// Whether a label ends with a verb of change (`较上年增加`, `下降`): the figure is a change.
pub fn ends_with_change_verb(l: &str) -> bool {
    [
        "增加", "减少", "增长", "下降", "节约", "压减", "上升", "提高", "降低",
    ]
    .iter()
    .any(|w| l.ends_with(w))
}

/// Whether a label states a change or a comparison rather than a level of its own
/// (`比上年增加`, `同比下降`, `比上年`).
pub fn is_change_label(l: &str) -> bool {
    ends_with_change_verb(l) || l.contains("比上年") || l.contains("较上年") || l.contains("同比")
}

/// Dimension key of a figure for sums: same currency, or same counted word. Points (`分`) are
/// scores: a total score and its parts are the scorecard's (S003), not a breakdown here.
fn dim(u: &Unit) -> Option<String> {
    match u {
        Unit::Money { currency, .. } => Some(format!("money:{currency:?}")),
        Unit::Count { word, .. } if word == "分" => None,
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
            qs[*i].block == cue.block && qs[*i].sentence == cue.sentence && doc.in_prose(&qs[*i])
        };
        let before: Vec<usize> = (0..qs.len())
            .filter(|i| in_sentence(i) && qs[*i].span.end <= cue.offset)
            .collect();
        let before = if before.iter().any(|&i| dim(&qs[i].unit).is_some()) {
            before
        } else {
            // `总额X。按来源，其中：…`: the total closes an earlier sentence (at most two back),
            // and is not itself a part of another breakdown.
            let inside_breakdown = |i: usize| {
                doc.cues.iter().any(|c| {
                    c.kind == CueKind::Of
                        && c.block == qs[i].block
                        && c.sentence == qs[i].sentence
                        && c.offset < qs[i].span.start
                })
            };
            (1..=2)
                .filter_map(|back| cue.sentence.checked_sub(back))
                .map(|sentence| {
                    (0..qs.len())
                        .filter(|&i| {
                            qs[i].block == cue.block
                                && qs[i].sentence == sentence
                                && doc.in_prose(&qs[i])
                                && !inside_breakdown(i)
                        })
                        .collect::<Vec<usize>>()
                })
                .find(|v| v.iter().any(|&i| dim(&qs[i].unit).is_some()))
                .unwrap_or_default()
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
            // Changes (`比上年增加20万元`) are not parts, nor are figures in brackets deeper than
            // the 其中 itself (annotations such as `（满分10分）`).
            let depth = paren_depth(doc, cue.block, cue.offset);
            let parts: Vec<usize> = after
                .iter()
                .copied()
                .filter(|&i| dim(&qs[i].unit).as_deref() == Some(&d))
                .filter(|&i| !is_change_label(qs[i].label_text()))
                .filter(|&i| paren_depth(doc, qs[i].block, qs[i].span.start) <= depth)
                .collect();
            // Budget and spending listed item by item (`A预算数x，实际支出y；B预算数z，实际支出w`)
            // are two breakdowns: each series against the total of the same series.
            let kinds: Vec<Option<&str>> = parts.iter().map(|&p| series(&qs[p])).collect();
            let mut distinct: Vec<&str> = kinds.iter().flatten().copied().collect();
            distinct.sort();
            distinct.dedup();
            let split = kinds.iter().all(|c| c.is_some()) && distinct.len() >= 2;
            let groups: Vec<(Option<&str>, Vec<usize>)> = if split {
                distinct
                    .iter()
                    .map(|s| {
                        (
                            Some(*s),
                            parts
                                .iter()
                                .copied()
                                .filter(|&p| series(&qs[p]) == Some(s))
                                .collect(),
                        )
                    })
                    .collect()
            } else {
                vec![(None, parts)]
            };
            for (series_kind, parts) in groups {
                // Candidate totals, nearest first; a per-unit figure (亩均, 人均, 单价) is none.
                let candidates: Vec<usize> = before
                    .iter()
                    .rev()
                    .copied()
                    .filter(|&i| {
                        dim(&qs[i].unit).as_deref() == Some(&d)
                            && (series_kind.is_none() || series(&qs[i]) == series_kind)
                            && !is_per_unit(qs[i].label_text())
                    })
                    .collect();
                let Some(&total) = candidates.first() else {
                    continue;
                };
                // A budget line is no part of an amount spent, nor actual spending of a budget.
                let parts: Vec<usize> = parts
                    .into_iter()
                    .filter(|&p| match qs[total].concept() {
                        Some("spend") => qs[p].concept() != Some("budget"),
                        Some("budget") => !is_actual_spending(&qs[p]),
                        _ => true,
                    })
                    .collect();
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
                    // Another figure before the breakdown may be the whole it adds up to.
                    let whole = candidates
                        .iter()
                        .copied()
                        .find(|&c| consistent_reading(doc, c, &seg).is_some())
                        .unwrap_or(total);
                    out.extend(resolve_breakdown(doc, whole, &seg));
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
    let mut single_item = false;
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
        match prefix.len() {
            // `患者27,640人，其中规范管理19,580人，…；患者8,912人…`: one sub-figure, then the
            // next item.
            1 => single_item = true,
            n if n >= 2 => readings.push(prefix),
            _ => {}
        }
    }
    for r in &readings {
        if let Some(claims) = consistent_reading(doc, total, r) {
            return claims;
        }
    }
    if single_item {
        return Vec::new();
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
            || !doc.in_prose(q)
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
        .filter(|q| doc.in_prose(q))
        .map(|q| (q.block, q.sentence))
        .collect();
    sentences.dedup();
    for (b, s) in sentences {
        let idx: Vec<usize> = (0..qs.len())
            .filter(|&i| qs[i].block == b && qs[i].sentence == s && qs[i].qualifier.is_none())
            .collect();
        let level = |i: usize| dim(&qs[i].unit).is_some();
        let is_change = |i: usize| {
            growth_interval(&qs[i]).is_some()
                || (level(i) && ends_with_change_verb(qs[i].label_text()))
        };
        let changes: Vec<usize> = idx.iter().copied().filter(|&i| is_change(i)).collect();
        let priors: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| {
                level(i) && !is_change(i) && has_prior_word(qs[i].label_text(), &prior_words)
            })
            .collect();
        let ([change], [prior]) = (changes.as_slice(), priors.as_slice()) else {
            continue;
        };
        // The prior's own name without 上年 (`上年实际支出` → `实际支出`); empty for
        // `比上年31.52万元`, which compares with the figure just before it.
        let mut prior_name = qs[*prior].label_text().to_string();
        for w in prior_words
            .iter()
            .chain(["比", "较", "同比", "与", "相比"].iter())
        {
            prior_name = prior_name.replace(w, "");
        }
        let same_dim = |i: usize| qs[i].unit.same_dimension(&qs[*prior].unit);
        let currents: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| level(i) && !is_change(i) && i != *prior && same_dim(i))
            .filter(|&i| {
                if prior_name.chars().count() >= 2 {
                    current_words.iter().any(|w| qs[i].label_text().contains(w))
                        || qs[i].label_text().ends_with(&prior_name)
                } else {
                    // `X，比上年Y下降r%`: the level right before the prior.
                    i + 1 == *prior || (i < *prior && (i + 1..*prior).all(|k| !level(k)))
                }
            })
            .collect();
        if let [current] = currents.as_slice() {
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

/// Whether two mentions of one metric name can be about the same subject. Parallel items —
/// `（一）甲镇。…农业总产值5.2亿元` / `（二）乙镇。…农业总产值3.8亿元` (sibling items below the top
/// level), or `一是…；二是…` in one paragraph — are about different subjects, and a short name
/// (under six characters, such as 农业总产值) is compared only inside one paragraph, where its
/// subject cannot have changed unseen.
pub fn same_subject(doc: &Document, rel: &Relations, a: usize, b: usize) -> bool {
    let qs = &doc.quantities;
    let (qa, qb) = (&qs[a], &qs[b]);
    let (lo, hi) = if qa.span.start <= qb.span.start {
        (qa, qb)
    } else {
        (qb, qa)
    };
    if lo.block == hi.block {
        return !doc.cues.iter().any(|c| {
            c.kind == CueKind::Enumeration
                && c.block == lo.block
                && c.offset > lo.span.start
                && c.offset < hi.span.start
        });
    }
    if metric_key(lo.label_text()).chars().count() < 6 {
        return false;
    }
    // The nearest numbered block at or before each mention; the top level (一、二、) divides
    // the report into parts, not into parallel subjects.
    let item = |block: usize| {
        (0..=block)
            .rev()
            .find(|&k| doc.blocks[k].marker.is_some())
            .filter(|&k| doc.blocks[k].marker.is_some_and(|m| m.style.level() > 1))
    };
    match (item(lo.block), item(hi.block)) {
        (Some(x), Some(y)) if x != y => !rel
            .sequences
            .iter()
            .any(|s| s.items.contains(&x) && s.items.contains(&y)),
        _ => true,
    }
}

fn find_restatements(doc: &Document) -> Vec<Restatement> {
    let qs = &doc.quantities;
    let mut groups: Vec<(String, Restatement)> = Vec::new();
    for (i, q) in qs.iter().enumerate() {
        if !doc.in_prose(q)
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
