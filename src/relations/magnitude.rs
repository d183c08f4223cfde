//! Magnitudes: an amount in 元 among amounts of its kind in 万元, whose 元 reading is
//! implausible for what it is (`基本支出612.40万元，其中人员经费452.80万元，公用经费159.60元`).
//!
//! No relation proves the slip (U001 takes those: a rate, a breakdown or an echo in the other
//! unit), so the pass asks for strong context. The trigger is every amount in 元 in prose
//! labelled as a budget line ([`BUDGET_WORDS`]: 支出, 经费, 预算, 资金 …), not stated per unit
//! and not a bound. It is judged only when its paragraph states at least [`MIN_NEIGHBOURS`]
//! other non-zero budget lines, all in 万元 and none in 元; it is implausible when their median
//! is at least [`IMPLAUSIBLE_RATIO`] times its 元 reading and even the smallest is at least
//! [`IMPLAUSIBLE_RATIO_SMALLEST`] times, while its 万元 reading is no larger than the largest. Otherwise it is consistent, or unbound for
//! want of context.

use super::candidate::Unbound;
use super::*;

/// Words that make a figure's label a budget line (an item of a department's or project's
/// accounts), never a price or a per-unit standard.
pub const BUDGET_WORDS: [&str; 13] = [
    "支出", "经费", "费", "预算", "决算", "资金", "收入", "拨款", "结转", "结余", "投资", "补助",
    "成本",
];

/// Budget lines in 万元 a paragraph must state besides the figure for it to be judged.
pub const MIN_NEIGHBOURS: usize = 2;

/// How many times larger than the figure's 元 reading the median neighbouring budget line
/// must be for the 元 reading to be implausible ...
pub const IMPLAUSIBLE_RATIO: i64 = 1000;

/// ... and how many times larger the smallest one must be.
pub const IMPLAUSIBLE_RATIO_SMALLEST: i64 = 100;

/// How a magnitude trigger ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MagnitudeCandidate {
    /// Judged against its neighbours (budget lines in 万元 of the same paragraph).
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

fn is_budget_line(q: &Quantity) -> bool {
    let l = q.label_text();
    BUDGET_WORDS.iter().any(|w| l.contains(w)) && !is_per_unit(l)
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

/// Every budget line in 元 of a document's prose, judged against its paragraph or unbound.
/// Figures in `proven` (unit slips a relation proves, reported by U001 or A006) are left out.
pub(super) fn find_magnitudes(
    doc: &Document,
    figs: &Figures,
    per_unit: &[Option<(&'static str, bool)>],
    proven: &[usize],
) -> Vec<MagnitudeCandidate> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    // The budget lines of each block, read once per block.
    let mut lines_of: std::collections::HashMap<usize, Vec<usize>> =
        std::collections::HashMap::new();
    for (i, q) in qs.iter().enumerate() {
        if !is_yuan(q) || !doc.in_prose(q) || !is_budget_line(q) || proven.contains(&i) {
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
        let lines = lines_of.entry(q.block).or_insert_with(|| {
            figs.block(q.block)
                .iter()
                .copied()
                .filter(|&j| qs[j].unit.is_money() && !qs[j].value.is_zero())
                .filter(|&j| is_budget_line(&qs[j]) && per_unit[j].is_none())
                .collect()
        });
        let others: Vec<usize> = lines.iter().copied().filter(|&j| j != i).collect();
        let mixed = others.iter().any(|&j| !is_wan(&qs[j]));
        if mixed || others.len() < MIN_NEIGHBOURS || q.value.is_zero() {
            out.push(MagnitudeCandidate::Unbound {
                figure: i,
                reason: Unbound::NoContext,
            });
            continue;
        }
        let mut values: Vec<Decimal> = others.iter().map(|&j| qs[j].base_value()).collect();
        values.sort();
        let (smallest, median, largest) = (
            values[0],
            values[values.len() / 2],
            values[values.len() - 1],
        );
        let yuan = q.base_value();
        let implausible = median >= yuan * Decimal::from(IMPLAUSIBLE_RATIO)
            && smallest >= yuan * Decimal::from(IMPLAUSIBLE_RATIO_SMALLEST)
            && scale_up(q.value, 4) <= largest;
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
        find_magnitudes(&d, &f, &per_units(text, &d), &[])
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
        // A 万元 reading larger than every neighbour does not fit either.
        assert_eq!(
            judged("基本支出6.40万元，项目支出5.10万元，专项资金8.00元。"),
            [("8.00元".to_string(), Ok(false))]
        );
    }

    #[test]
    fn thresholds() {
        assert_eq!(MIN_NEIGHBOURS, 2);
        // Median 2.60万元 = 26000元 vs 26.00元: exactly 1000 times — implausible at the
        // boundary; the smallest, 0.26万元, is 100 times.
        let at = |y: &str| {
            let t = format!("接待费0.26万元，运行费2.60万元，培训费30.00万元，会议费{y}元。");
            judged(&t)[0].1
        };
        assert_eq!(at("26.00"), Ok(true));
        assert_eq!(at("26.01"), Ok(false));
        // The smallest line decides too: 0.26万元 is less than 100 times 27元.
        let t = "接待费0.26万元，运行费3.00万元，培训费30.00万元，会议费27.00元。";
        assert_eq!(judged(t)[0].1, Ok(false));
        assert!(BUDGET_WORDS.contains(&"经费"));
    }
}
