//! Unit slips proven by arithmetic that no bound relation states: an amount written in 元 in a
//! report that writes its amounts in 万元, whose digits make an exact relation with the
//! amounts beside it only when read in 万元.
//!
//! The ratio, sum and growth passes bind operands by meaning and prove a slip only in what
//! they bind. A stated rate they leave unbound (`固定资产原值1,862.35万元，其中在用固定资产
//! 1830.09元，固定资产利用率98.27%`), a list of items closed by a total they do not read as a
//! breakdown (`…；增设水池十个3.2元；共计40.83万元`) or an exact sum of three amounts of one
//! paragraph (`年初预算3574.04万元调整为3842.88元，调增268.84万元`) still shows the slip: the
//! relation holds to the last written digit with the figure in 万元 and fails with it in 元.
//! That exactness, never the figures' nearness alone, is the proof, so each reading asks for
//! it strictly:
//!
//! * **rate** — a stated rate no pass bound ([`is_rate_of_amounts`]: 执行率, 利用率, 占比 …,
//!   not a growth rate), and the amounts before it in its sentence at its bracket depth, all in
//!   万元 but the figure; the figure in 万元 over one of them (or one of them over it) rounds
//!   to the rate at its written precision;
//! * **closed list** — a total in 万元 opened by a closing word ([`CLOSING_WORDS`]: 共计, 合计
//!   …) that no breakdown found; the amounts just before it in its sentence, at its depth, the
//!   figure among them, add up to it exactly with the figure in 万元;
//! * **identity** — two other amounts of the paragraph in 万元 with which the figure makes an
//!   exact sum (`a + b = c`, the figure any of the three), every one of the three written with
//!   at least [`IDENTITY_MIN_DIGITS`] significant digits (a coincidence of short integers
//!   proves nothing).
//!
//! The figure must not be stated per unit, qualified (约, 以上) or zero, and 元 must be the
//! rarer money unit of the report's prose; a figure a bound relation already judges (a
//! consistent rate or sum, a slip U001 reports) is left to that relation.

use super::*;

/// Words that open a total closing a list of items (`共计40.83万元`, `合计投入资金…`).
pub const CLOSING_WORDS: [&str; 6] = ["共计", "合计", "总计", "总共", "共", "累计"];

/// The fewest significant digits each amount of an identity must be written with.
pub const IDENTITY_MIN_DIGITS: usize = 5;

/// How many amounts on either side of a figure in its paragraph an identity is sought among,
/// and how many amounts before a rate or a total are read: the nearest ones. Bounds the
/// search in a paragraph of thousands of figures.
pub const PROOF_WINDOW: usize = 32;

/// Words a rate's label ends with or contains when it is a ratio of two amounts.
pub const RATE_WORDS: [&str; 4] = ["率", "占比", "比重", "比例"];

/// Words that make a rate a change between periods or a comparison, never a ratio of the
/// amounts beside it (同比增长率, 增幅, 较上年下降).
pub const GROWTH_WORDS: [&str; 9] = [
    "增长",
    "增幅",
    "增速",
    "下降",
    "降幅",
    "减少",
    "同比",
    "较上年",
    "比上年",
];

/// What shows a unit slip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlipEvidence {
    /// A stated rate of the figure and another amount of its sentence.
    Rate { rate: usize, other: usize },
    /// A total closing a list of items, the figure one of them.
    ClosedList { total: usize, parts: Vec<usize> },
    /// An exact sum `parts[0] + parts[1] = total` of three amounts of a paragraph, the figure
    /// one of the three.
    Identity { parts: [usize; 2], total: usize },
}

/// An amount whose unit a relation proves wrong by `10^exponent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitProof {
    pub figure: usize,
    pub exponent: i32,
    pub evidence: SlipEvidence,
}

/// Whether a rate's label names a ratio of two amounts (not a growth).
pub fn is_rate_of_amounts(label: &str) -> bool {
    RATE_WORDS.iter().any(|w| label.contains(w)) && !GROWTH_WORDS.iter().any(|w| label.contains(w))
}

fn is_cny(q: &Quantity, scale: u8) -> bool {
    q.unit
        == Unit::Money {
            currency: crate::model::Currency::Cny,
            scale,
        }
}

/// The shift from 元 to 万元.
const EXPONENT: i32 = 4;

/// Every unit slip proven by a rate, a closed list or an identity, one per figure.
pub(super) fn find_unit_proofs(
    text: &str,
    doc: &Document,
    figs: &Figures,
    per_unit: &[Option<(&'static str, bool)>],
    r: &Relations,
) -> Vec<UnitProof> {
    let qs = &doc.quantities;
    // 元 must be the rarer unit: in a report written in 元 a figure in 元 is no slip.
    if doc.scale_count(0) >= doc.scale_count(4) {
        return Vec::new();
    }
    let usable = |i: usize| {
        let q = &qs[i];
        q.unit.is_money()
            && doc.in_prose(q)
            && q.qualifier.is_none()
            && per_unit[i].is_none()
            && !is_per_unit(q.label_text())
    };
    // Figures a bound relation already reads: as the operand of a rate or a part or total of a
    // breakdown that holds, or as a slip they prove.
    let mut judged = std::collections::HashSet::new();
    for (c, v) in r.ratios.iter().zip(r.ratio_verdicts(doc).iter()) {
        if matches!(v, RatioVerdict::Consistent | RatioVerdict::UnitSlip { .. }) {
            judged.extend([c.numerator, c.denominator]);
        }
    }
    for (s, v) in r.sums.iter().zip(r.sum_verdicts(doc).iter()) {
        if v.holds() || matches!(v, SumVerdict::UnitSlip { .. }) {
            judged.insert(s.total);
            judged.extend(s.parts.iter().copied());
        }
    }
    judged.extend(r.unit_echoes.iter().map(|&(odd, _)| odd));
    let suspect =
        |i: usize| is_cny(&qs[i], 0) && usable(i) && !qs[i].value.is_zero() && !judged.contains(&i);
    let mut out: Vec<UnitProof> = Vec::new();
    let push = |out: &mut Vec<UnitProof>, figure: usize, evidence: SlipEvidence| {
        if !out.iter().any(|p| p.figure == figure) {
            out.push(UnitProof {
                figure,
                exponent: EXPONENT,
                evidence,
            });
        }
    };
    // Rates some pass already binds.
    let mut bound_rates: std::collections::HashSet<usize> =
        r.ratios.iter().map(|c| c.rate).collect();
    for g in &r.shares {
        bound_rates.extend(g.shares.iter().copied());
    }
    bound_rates.extend(r.summed_shares.iter().map(|c| c.rate));
    for g in &r.growths {
        match g {
            GrowthClaim::Levels { change, .. } => {
                bound_rates.insert(*change);
            }
            GrowthClaim::ChangeRate { rate, .. } => {
                bound_rates.insert(*rate);
            }
            GrowthClaim::Aggregate {
                total_rate, parts, ..
            } => {
                bound_rates.insert(*total_rate);
                bound_rates.extend(parts.iter().map(|p| p.1));
            }
            GrowthClaim::ChangeSum { .. } => {}
        }
    }
    for (ri, q) in qs.iter().enumerate() {
        if q.unit != Unit::Percent
            || !doc.in_prose(q)
            || q.qualifier.is_some()
            || bound_rates.contains(&ri)
            || !is_rate_of_amounts(q.label_text())
        {
            continue;
        }
        if let Some((figure, other)) = rate_proof(doc, figs, &usable, &suspect, ri) {
            push(&mut out, figure, SlipEvidence::Rate { rate: ri, other });
        }
    }
    let totals: std::collections::HashSet<usize> = r.sums.iter().map(|s| s.total).collect();
    for (ti, q) in qs.iter().enumerate() {
        if !is_cny(q, 4) || !usable(ti) || totals.contains(&ti) || !opens_total(text, q) {
            continue;
        }
        if let Some((figure, parts)) = closed_list_proof(doc, figs, &usable, &suspect, ti) {
            push(
                &mut out,
                figure,
                SlipEvidence::ClosedList { total: ti, parts },
            );
        }
    }
    for (i, q) in qs.iter().enumerate() {
        if !suspect(i) || significant_digits(q.value) < IDENTITY_MIN_DIGITS {
            continue;
        }
        if let Some((parts, total)) = identity_proof(doc, figs, &usable, i) {
            push(&mut out, i, SlipEvidence::Identity { parts, total });
        }
    }
    out.sort_by_key(|p| p.figure);
    out
}

/// The figure's value read in 万元, in 元.
fn shifted(q: &Quantity) -> Decimal {
    q.base_value() * pow10(EXPONENT)
}

/// A figure in 元 and an amount in 万元 before rate `ri` in its sentence whose ratio rounds
/// to it only with the figure in 万元: `(figure, other)`. Exactly one figure in 元 may stand
/// there, and no amount in another unit.
fn rate_proof(
    doc: &Document,
    figs: &Figures,
    usable: &dyn Fn(usize) -> bool,
    suspect: &dyn Fn(usize) -> bool,
    ri: usize,
) -> Option<(usize, usize)> {
    let qs = &doc.quantities;
    let rate = &qs[ri];
    let depth = figs.paren_depth(doc, rate.block, rate.span.start);
    let before = figs.sentence_before(rate.block, rate.sentence, ri);
    let amounts: Vec<usize> = before[before.len().saturating_sub(PROOF_WINDOW)..]
        .iter()
        .copied()
        .filter(|&i| qs[i].unit.is_money() && !qs[i].value.is_zero())
        .filter(|&i| figs.paren_depth(doc, rate.block, qs[i].span.start) == depth)
        .collect();
    let yuan: Vec<usize> = amounts
        .iter()
        .copied()
        .filter(|&i| is_cny(&qs[i], 0))
        .collect();
    let [s] = yuan[..] else { return None };
    if !suspect(s)
        || amounts
            .iter()
            .any(|&i| !usable(i) || !(i == s || is_cny(&qs[i], 4)))
    {
        return None;
    }
    let fits = |a: Decimal, b: Decimal| {
        !b.is_zero()
            && (a / b)
                .checked_mul(Decimal::ONE_HUNDRED)
                .is_some_and(|c| rounds_to(c, rate.decimals, rate.value))
    };
    let (yuan_value, wan_value) = (qs[s].base_value(), shifted(&qs[s]));
    amounts.iter().copied().filter(|&o| o != s).find_map(|o| {
        let other = qs[o].base_value();
        let with_slip = fits(wan_value, other) || fits(other, wan_value);
        let as_written = fits(yuan_value, other) || fits(other, yuan_value);
        (with_slip && !as_written).then_some((s, o))
    })
}

/// Whether the clause of a total opens with a closing word (`共计40.83万元`, `；合计投入…`).
fn opens_total(text: &str, q: &Quantity) -> bool {
    const STOPS: &[char] = &['，', ',', '；', ';', '。', '：', ':', '\n', '、', '（', '('];
    let before = &text[..q.span.start];
    let start = before.rfind(STOPS).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let clause = before[start..].trim_start_matches([' ', '\u{3000}', '\t']);
    CLOSING_WORDS.iter().any(|w| clause.starts_with(w))
}

/// The amounts just before total `ti` in its sentence, at its bracket depth, that add up to it
/// exactly only with one of them, in 元, read in 万元: `(figure, parts)`. The shortest run
/// ending at the total that holds is taken.
fn closed_list_proof(
    doc: &Document,
    figs: &Figures,
    usable: &dyn Fn(usize) -> bool,
    suspect: &dyn Fn(usize) -> bool,
    ti: usize,
) -> Option<(usize, Vec<usize>)> {
    let qs = &doc.quantities;
    let total = &qs[ti];
    let depth = figs.paren_depth(doc, total.block, total.span.start);
    let before: Vec<usize> = figs
        .sentence_before(total.block, total.sentence, ti)
        .iter()
        .copied()
        .filter(|&i| figs.paren_depth(doc, total.block, qs[i].span.start) == depth)
        .collect();
    // The run of amounts ending at the total: it stops at any other figure (a rate, a count)
    // and at an amount that cannot be an item.
    let mut run: Vec<usize> = Vec::new();
    for &i in before.iter().rev().take(PROOF_WINDOW) {
        let q = &qs[i];
        if !q.unit.is_money() || !usable(i) || !(is_cny(q, 0) || is_cny(q, 4)) {
            break;
        }
        run.push(i);
    }
    run.reverse();
    if total.value <= Decimal::ZERO {
        return None;
    }
    let holds = |sum: Decimal| rounds_to(sum / pow10(4), total.decimals, total.value);
    // The runs ending at the total, shortest first, summed as they grow.
    let (mut written, mut read) = (Decimal::ZERO, Decimal::ZERO);
    let mut yuan: Option<usize> = None;
    for (k, &i) in run.iter().rev().enumerate() {
        let q = &qs[i];
        written += q.base_value();
        if is_cny(q, 0) {
            if yuan.is_some() {
                // A second amount in 元: the list mixes its units on purpose.
                return None;
            }
            yuan = Some(i);
            read += shifted(q);
        } else {
            read += q.base_value();
        }
        if let Some(s) = yuan
            && k >= 1
            && suspect(s)
            && holds(read)
            && !holds(written)
        {
            return Some((s, run[run.len() - 1 - k..].to_vec()));
        }
    }
    None
}

/// Two amounts in 万元 of figure `i`'s paragraph with which it makes an exact sum in 万元:
/// `([a, b], c)` with `a + b = c`.
fn identity_proof(
    doc: &Document,
    figs: &Figures,
    usable: &dyn Fn(usize) -> bool,
    i: usize,
) -> Option<([usize; 2], usize)> {
    let qs = &doc.quantities;
    let s = shifted(&qs[i]);
    let block = figs.block(qs[i].block);
    let at = block.partition_point(|&j| j < i);
    let near = &block[at.saturating_sub(PROOF_WINDOW)..(at + PROOF_WINDOW + 1).min(block.len())];
    let others: Vec<(usize, Decimal)> = near
        .iter()
        .copied()
        .filter(|&j| j != i && is_cny(&qs[j], 4) && usable(j) && !qs[j].value.is_zero())
        .filter(|&j| significant_digits(qs[j].value) >= IDENTITY_MIN_DIGITS)
        .map(|j| (j, qs[j].base_value()))
        .collect();
    for (x, &(a, va)) in others.iter().enumerate() {
        for &(b, vb) in &others[x + 1..] {
            // The figure as the total of the two, or as one part with the other.
            if va + vb == s {
                return Some(([a, b], i));
            }
            if s + va == vb {
                return Some(([i, a], b));
            }
            if s + vb == va {
                return Some(([i, b], a));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The figures proven wrong, as written, with the kind of proof.
    fn proven(text: &str) -> Vec<(String, &'static str)> {
        let d = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let r = find(text, &d);
        r.unit_proofs
            .iter()
            .map(|p| {
                let kind = match p.evidence {
                    SlipEvidence::Rate { .. } => "rate",
                    SlipEvidence::ClosedList { .. } => "list",
                    SlipEvidence::Identity { .. } => "identity",
                };
                (d.quantities[p.figure].display(), kind)
            })
            .collect()
    }

    /// Enough amounts in 万元 elsewhere for 万元 to be the report's usual unit.
    const USUAL: &str = "\n\n全年收入合计530.00万元，支出合计512.60万元，结余17.40万元。\n";

    #[test]
    fn rate_left_unbound_proves_the_slip() {
        let t = format!(
            "年末房屋资产原值2,415.80万元，其中在用房屋2376.12元，房屋使用率98.36%。{USUAL}"
        );
        assert_eq!(proven(&t), [("2376.12元".to_string(), "rate")]);
        // The rate of equal amounts: 100%.
        let t = format!(
            "专项补助资金6.50万元，截至年底已使用6.50元，结余0万元，资金使用率100%。{USUAL}"
        );
        assert_eq!(proven(&t), [("6.50元".to_string(), "rate")]);
    }

    #[test]
    fn rate_not_proving() {
        // The rate does not fit the shifted figure either.
        let t = format!(
            "年末房屋资产原值2,415.80万元，其中在用房屋2376.12元，房屋使用率91.36%。{USUAL}"
        );
        assert!(proven(&t).is_empty());
        // A growth rate is no ratio of the amounts beside it.
        let t = format!("上年支出2,415.80万元，本年2376.12元，同比增长率98.36%。{USUAL}");
        assert!(proven(&t).is_empty());
        // A per-unit amount is never the suspect.
        let t = format!("资金总额30.00万元，人均补助30.00元，发放率100%。{USUAL}");
        assert!(proven(&t).is_empty());
        // Two amounts in 元: the sentence mixes its units on purpose.
        let t =
            format!("原值2,415.80万元，在用房屋2376.12元，闲置39.68元，房屋使用率98.36%。{USUAL}");
        assert!(proven(&t).is_empty());
        // In a report written in 元, an amount in 元 is no slip.
        let t = "年末房屋资产原值2,415.80万元，其中在用房屋2376.12元，房屋使用率98.36%。\n\n收入530元，支出512元，结余18元。";
        assert!(proven(t).is_empty());
    }

    #[test]
    fn closed_list_proves_the_slip() {
        // Proven once: by the tail-total breakdown (its verdict a unit slip) when that pass
        // reads the list, else here.
        let t = format!(
            "项目建设内容：修缮仓库9.16万元；购置烘干机一台21.4万元；硬化场地十处4.25元；共计34.81万元。{USUAL}"
        );
        let d = crate::parse::parse(&t, crate::model::SourceFormat::Text);
        let r = find(&t, &d);
        let by_sum = r
            .sums
            .iter()
            .any(|s| matches!(s.verdict(&d), SumVerdict::UnitSlip { .. }));
        let by_list = proven(&t) == [("4.25元".to_string(), "list")];
        assert!(by_sum ^ by_list, "by_sum {by_sum}, by_list {by_list}");
    }

    #[test]
    fn closed_list_not_proving() {
        // Adds up as written (the small item is in 元 indeed).
        let t = format!(
            "修缮仓库9.16万元；购置烘干机一台21.4万元；购买灭火器两具360元；共计30.596万元。{USUAL}"
        );
        assert!(proven(&t).is_empty());
        // Adds up with the shift only within rounding: no proof.
        let t = format!("修缮仓库9万元；购置烘干机21万元；硬化场地4元；共计35万元。{USUAL}");
        assert!(proven(&t).is_empty());
        // No closing word: the last amount is no total.
        let t = format!(
            "修缮仓库9.16万元；购置烘干机一台21.4万元；硬化场地十处4.25元；结余34.81万元。{USUAL}"
        );
        assert!(proven(&t).is_empty());
    }

    #[test]
    fn identity_proves_the_slip() {
        let t = format!("其他收入由年初预算2648.37万元调整为2913.52元，调增265.15万元。{USUAL}");
        assert_eq!(proven(&t), [("2913.52元".to_string(), "identity")]);
    }

    #[test]
    fn identity_needs_digits() {
        // 71 = 111 − 40: short integers coincide too easily.
        let t = format!("下达资金111万元，调减40万元，实际下达71元。{USUAL}");
        assert!(proven(&t).iter().all(|p| p.1 != "identity"));
        // Four significant digits in one of the three (42.98) are not enough; five are.
        assert_eq!(IDENTITY_MIN_DIGITS, 5);
        let t = format!("其他收入由年初预算248.37万元调整为291.35元，调增42.98万元。{USUAL}");
        assert!(proven(&t).is_empty());
        // A sum that is off by a cent proves nothing.
        let t = format!("其他收入由年初预算2648.37万元调整为2913.53元，调增265.15万元。{USUAL}");
        assert!(proven(&t).is_empty());
    }

    #[test]
    fn word_lists() {
        assert!(is_rate_of_amounts("固定资产利用率"));
        assert!(is_rate_of_amounts("占比"));
        assert!(!is_rate_of_amounts("同比增长率"));
        assert!(!is_rate_of_amounts("增幅"));
        assert!(CLOSING_WORDS.contains(&"共计"));
    }
}
