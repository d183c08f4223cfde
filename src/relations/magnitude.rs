//! Magnitudes: an amount in 元 among amounts in 万元, whose 元 reading is implausible for
//! what it is (`基本支出612.40万元，其中人员经费452.80万元，公用经费159.60元`).
//!
//! No relation proves the slip (U001 takes those: a rate, a breakdown or an echo in the other
//! unit), so the pass asks for strong context. The trigger is every amount in 元 in prose
//! labelled as a budget line ([`BUDGET_WORDS`]: 支出, 经费, 预算, 资金 …), not stated per unit
//! and not a bound. It is judged only when its paragraph states at least [`MIN_NEIGHBOURS`]
//! other non-zero amounts, all in 万元 (none in 元, 千元 or 亿元) and none per unit; it is
//! implausible when their median is at least [`IMPLAUSIBLE_RATIO`] times its 元 reading and
//! even the smallest is at least [`IMPLAUSIBLE_RATIO_SMALLEST`] times (so its 万元 reading is
//! at most ten times the median: it fits the paragraph). Otherwise it is consistent, or
//! unbound for want of context.

use super::candidate::Unbound;
use super::*;

/// Words that make a figure's label a budget line (an item of a department's or project's
/// accounts or assets), never a price or a per-unit standard; traditional forms too.
/// Verbs of funds moving (下达, 拨付, 到位) name amounts of funds too.
pub const BUDGET_WORDS: [&str; 33] = [
    "支出", "经费", "费", "预算", "决算", "资金", "收入", "拨款", "结转", "结余", "投资", "补助",
    "成本", "资产", "經費", "費", "預算", "決算", "資金", "撥款", "結轉", "結餘", "投資", "補助",
    "資產", "支付", "下达", "下拨", "拨付", "到位", "下達", "下撥", "撥付",
];

/// Budget lines in 万元 a paragraph must state besides the figure for it to be judged.
pub const MIN_NEIGHBOURS: usize = 2;

/// How many times larger than the figure's 元 reading the median neighbouring budget line
/// must be for the 元 reading to be implausible ...
pub const IMPLAUSIBLE_RATIO: i64 = 1000;

/// ... and how many times larger the smallest one must be.
pub const IMPLAUSIBLE_RATIO_SMALLEST: i64 = 10;

/// How a magnitude trigger ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MagnitudeCandidate {
    /// Judged against its neighbours (the other amounts of its paragraph, all in 万元).
    Judged {
        figure: usize,
        neighbours: Vec<usize>,
        implausible: bool,
    },
    Unbound {
        figure: usize,
        reason: Unbound,
    },
}

impl MagnitudeCandidate {
    pub fn figure(&self) -> usize {
        match self {
            MagnitudeCandidate::Judged { figure, .. }
            | MagnitudeCandidate::Unbound { figure, .. } => *figure,
        }
    }
}

/// Whether a figure's label names a budget line: as normalised, or as written (the
/// normalised label loses a trailing 达, so `实际下达71万元` reads `实际下`).
fn is_budget_line(text: &str, q: &Quantity) -> bool {
    let l = q.label_text();
    let raw = q
        .label
        .as_ref()
        .and_then(|x| text.get(x.span.start..x.span.end))
        .unwrap_or("");
    [l, raw]
        .iter()
        .any(|l| BUDGET_WORDS.iter().any(|w| l.contains(w)))
        && !is_per_unit(l)
}

fn is_yuan(q: &Quantity) -> bool {
    matches!(
        q.unit,
        Unit::Money {
            currency: crate::model::Currency::Cny,
            scale: 0
        }
    )
}

fn is_wan(q: &Quantity) -> bool {
    matches!(
        q.unit,
        Unit::Money {
            currency: crate::model::Currency::Cny,
            scale: 4
        }
    )
}

/// The breakdown a figure is a part of when its total and its other parts are all in 万元:
/// `(total and other parts, whether the parts fit in the total with the figure in 万元)`.
fn breakdown_of(doc: &Document, sums: &[SumClaim], i: usize) -> Option<(Vec<usize>, bool)> {
    let qs = &doc.quantities;
    let s = sums.iter().find(|s| {
        s.parts.contains(&i)
            && is_wan(&qs[s.total])
            && s.parts.iter().all(|&p| p == i || is_wan(&qs[p]))
    })?;
    let q = &qs[i];
    let read: Decimal = s
        .parts
        .iter()
        .map(|&p| {
            if p == i {
                scale_up(q.value, 4)
            } else {
                qs[p].base_value()
            }
        })
        .sum();
    let fits = interval_of(&qs[s.total]).hi >= read;
    let mut around = vec![s.total];
    around.extend(s.parts.iter().copied().filter(|&p| p != i));
    Some((around, fits))
}

/// Whether a figure's 元 reading `yuan` is implausible among amounts in 万元 (`wan`, in 元,
/// sorted): [`IMPLAUSIBLE_RATIO`] below their median, [`IMPLAUSIBLE_RATIO_SMALLEST`] below
/// the smallest.
fn implausible_among(yuan: Decimal, wan: &[Decimal]) -> bool {
    let (Some(&smallest), Some(&median)) = (wan.first(), wan.get(wan.len() / 2)) else {
        return false;
    };
    median >= yuan * Decimal::from(IMPLAUSIBLE_RATIO)
        && smallest >= yuan * Decimal::from(IMPLAUSIBLE_RATIO_SMALLEST)
}

/// Every budget line in 元 of a document's prose, judged against its paragraph or unbound.
/// A part of a breakdown whose total and other parts are in 万元 is judged against them too:
/// implausible when it is so beside them and would fit in the total in 万元 (its total, not
/// the paragraph's small lines, says what size it has).
/// Figures in `proven` (unit slips a relation proves, reported by U001 or A006) are left out.
pub(super) fn find_magnitudes(
    text: &str,
    doc: &Document,
    figs: &Figures,
    per_unit: &[Option<(&'static str, bool)>],
    sums: &[SumClaim],
    proven: &[usize],
) -> Vec<MagnitudeCandidate> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    // The amounts of each block, read once per block: the figures, how many are not in 万元,
    // and the values of those in 万元, sorted.
    struct Block {
        amounts: Vec<usize>,
        not_wan: usize,
        wan: Vec<Decimal>,
    }
    let mut blocks: std::collections::HashMap<usize, Block> = std::collections::HashMap::new();
    let proven: std::collections::HashSet<usize> = proven.iter().copied().collect();
    for (i, q) in qs.iter().enumerate() {
        if !is_yuan(q) || !doc.in_prose(q) || !is_budget_line(text, q) || proven.contains(&i) {
            continue;
        }
        if per_unit[i].is_some() {
            continue;
        }
        if q.qualifier.is_some() {
            out.push(MagnitudeCandidate::Unbound {
                figure: i,
                reason: Unbound::Approximate,
            });
            continue;
        }
        let b = blocks.entry(q.block).or_insert_with(|| {
            let amounts: Vec<usize> = figs
                .block(q.block)
                .iter()
                .copied()
                .filter(|&j| qs[j].unit.is_money() && !qs[j].value.is_zero())
                .filter(|&j| per_unit[j].is_none() && !is_per_unit(qs[j].label_text()))
                .collect();
            let mut wan: Vec<Decimal> = amounts
                .iter()
                .filter(|&&j| is_wan(&qs[j]))
                .map(|&j| qs[j].base_value())
                .collect();
            wan.sort();
            Block {
                not_wan: amounts.len() - wan.len(),
                amounts,
                wan,
            }
        });
        // The figure itself is one of the block's amounts not in 万元 (unless it is zero).
        let mixed = b.not_wan > usize::from(!q.value.is_zero());
        if mixed || b.wan.len() < MIN_NEIGHBOURS || q.value.is_zero() {
            out.push(MagnitudeCandidate::Unbound {
                figure: i,
                reason: Unbound::NoContext,
            });
            continue;
        }
        let mut others: Vec<usize> = b.amounts.iter().copied().filter(|&j| j != i).collect();
        let yuan = q.base_value();
        let mut implausible = implausible_among(yuan, &b.wan);
        if !implausible && let Some((around, true)) = breakdown_of(doc, sums, i) {
            let mut wan: Vec<Decimal> = around.iter().map(|&j| qs[j].base_value()).collect();
            wan.sort();
            if implausible_among(yuan, &wan) {
                implausible = true;
                others = around;
            }
        }
        out.push(MagnitudeCandidate::Judged {
            figure: i,
            neighbours: others,
            implausible,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(text: &str) -> Vec<(String, Result<bool, Unbound>)> {
        let d = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let f = Figures::new(&d);
        let sums = find_sums(text, &d, &f);
        find_magnitudes(text, &d, &f, &per_units(text, &d), &sums, &[])
            .into_iter()
            .map(|c| {
                let shown = d.quantities[c.figure()].display();
                match c {
                    MagnitudeCandidate::Judged { implausible, .. } => (shown, Ok(implausible)),
                    MagnitudeCandidate::Unbound { reason, .. } => (shown, Err(reason)),
                }
            })
            .collect()
    }

    #[test]
    fn budget_line_in_yuan_among_wan_is_implausible() {
        let v = judged(
            "2023年支出决算1180.50万元，其中基本支出612.40万元，项目支出548.10万元；基本支出中人员经费452.80万元，公用经费159.60元。",
        );
        assert_eq!(v, [("159.60元".to_string(), Ok(true))]);
    }

    #[test]
    fn plausible_small_amounts_and_thin_context() {
        // 3000元 beside 0.26万元: the 元 reading is plausible.
        assert_eq!(
            judged(
                "三公经费合计12.30万元，其中公务用车运行费12.00万元，公务接待费0.26万元，会议费3000元。"
            ),
            [("3000元".to_string(), Ok(false))]
        );
        // One neighbour only.
        assert_eq!(
            judged("项目预算120万元，公用经费159.60元。"),
            [("159.60元".to_string(), Err(Unbound::NoContext))]
        );
        // The paragraph states other amounts in 元: its unit is mixed on purpose.
        assert_eq!(
            judged("基本支出612.40万元，项目支出548.10万元，差旅费1520元，培训费860元。")
                .iter()
                .map(|x| x.1)
                .collect::<Vec<_>>(),
            [Err(Unbound::NoContext), Err(Unbound::NoContext)]
        );
        // Per-unit amounts and prices are no budget lines.
        assert!(judged("基本支出612.40万元，项目支出548.10万元，人均经费850元。").is_empty());
        // Any amount of the paragraph is a neighbour, a change as well as a budget line; one
        // in 千元 makes the paragraph's units mixed.
        assert_eq!(
            judged("预算由1200.00万元调整为1350.00万元，调增150.00万元，支出资金13.20元。"),
            [("13.20元".to_string(), Ok(true))]
        );
        assert_eq!(
            judged("预算由1200.00万元调整为1350.00万元，调增150千元，支出资金13.20元。"),
            [("13.20元".to_string(), Err(Unbound::NoContext))]
        );
    }

    #[test]
    fn part_of_a_breakdown_is_judged_against_its_total() {
        // Beside the paragraph's small lines (median 26万元) 280元 is not implausible; beside
        // its total of 318万元 and its sibling it is, and 280万元 fits in the total.
        let t = "下达补助资金318万元，其中中央资金280元，省级资金26万元（市级配套9万元，县级配套17万元）。";
        assert_eq!(judged(t), [("280元".to_string(), Ok(true))]);
        // 380万元 would not fit in 318万元: the breakdown does not speak for 万元.
        let t = "下达补助资金318万元，其中中央资金380元，省级资金26万元（市级配套9万元，县级配套17万元）。";
        assert_eq!(judged(t), [("380元".to_string(), Ok(false))]);
    }

    #[test]
    fn funds_verbs_name_budget_lines() {
        // `实际下达` is read as `实际下` once normalised: the words as written count too.
        let t = "困难群众补助资金下达120万元，其中城市低保资金85万元，农村低保资金35万元，调减20万元，全年实际下达100元。";
        assert_eq!(judged(t), [("100元".to_string(), Ok(true))]);
        // Per unit it is no budget line.
        let t = "困难群众补助资金下达120万元，其中城市低保资金85万元，农村低保资金35万元，每户下达100元。";
        assert!(judged(t).is_empty());
        assert!(BUDGET_WORDS.contains(&"下达") && BUDGET_WORDS.contains(&"撥付"));
    }

    #[test]
    fn thresholds() {
        assert_eq!(MIN_NEIGHBOURS, 2);
        // Median 2.60万元 = 26000元 vs 26.00元: exactly 1000 times — implausible at the
        // boundary; the smallest, 0.03万元, is more than 10 times.
        let at = |y: &str| {
            let t = format!("接待费0.03万元，运行费2.60万元，培训费30.00万元，会议费{y}元。");
            judged(&t)[0].1
        };
        assert_eq!(at("26.00"), Ok(true));
        assert_eq!(at("26.01"), Ok(false));
        // The smallest amount decides too: 0.02万元 is less than 10 times 26元.
        let t = "接待费0.02万元，运行费2.60万元，培训费30.00万元，会议费26.00元。";
        assert_eq!(judged(t)[0].1, Ok(false));
        assert_eq!((IMPLAUSIBLE_RATIO, IMPLAUSIBLE_RATIO_SMALLEST), (1000, 10));
        assert!(BUDGET_WORDS.contains(&"经费"));
    }
}
