//! Sums: a total and its listed parts, and their verdict (consistent, mismatch, unit slip, a
//! digit slip, a 尾差, or a partial list left unjudged); the words that make a list complete by
//! definition and the dimensions and series parts are grouped by. The lists are found by the
//! `其中` pass (`sum_list.rs`) and read by `sum_reading.rs`.

use super::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_sets_need_every_group() {
        assert!(labels_complete(&[
            "因公出国（境）费",
            "公务接待费",
            "公务用车运行费"
        ]));
        assert!(labels_complete(&[
            "出国",
            "接待",
            "公务用车购置费",
            "公务用车运行费"
        ]));
        // `购置及运行维护费` after `公务用车保有量N辆，`: the cars' item without the word.
        assert!(labels_complete(&[
            "因公出国（境）费",
            "购置及运行维护费",
            "公务接待费"
        ]));
        // 出国 left out: an open list, not complete by definition.
        assert!(!labels_complete(&["公务接待费", "公务用车运行费"]));
        assert!(labels_complete(&["基本支出", "项目支出"]));
        // A part that names no group makes the list no definition.
        assert!(!labels_complete(&["基本支出", "项目支出", "其他支出"]));
        assert!(labels_complete(&["中央资金", "地方资金"]));
        assert!(labels_complete(&["税收收入", "非税收入"]));
        // Two non-tax parts are not the revenue's two groups.
        assert!(!labels_complete(&["非税收入", "非税收入"]));
    }

    #[test]
    fn one_changed_digit_needs_shared_digits() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert!(one_digit_apart(d("4143.91"), d("4043.91")));
        assert!(one_digit_apart(d("1236.5"), d("1226.5")));
        // 236 against 226 shares only two non-zero digits.
        assert!(!one_digit_apart(d("236"), d("226")));
        // Round figures share no non-zero digit: a partial list, not a slip.
        assert!(!one_digit_apart(d("500"), d("400")));
        assert!(!one_digit_apart(d("1100"), d("1000")));
        // Two digits apart.
        assert!(!one_digit_apart(d("4143.91"), d("4043.81")));
        assert!(!one_digit_apart(d("4143.91"), d("4143.91")));
        assert_eq!(MIN_SHARED_DIGITS, 3);
    }

    #[test]
    fn slip_share_is_one_percent() {
        assert_eq!(SLIP_SHARE, Decimal::new(1, 2));
    }
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
    /// An open list falls short of its total by more than a slip, but the sum and the total
    /// differ in exactly one digit (`4143.91` written for `4043.91`): more likely a slip than a
    /// part left out; reported as a warning.
    DigitSlip {
        sum: Decimal,
    },
    /// The parts fall short by more than a slip: the list may be partial; not judged.
    Partial,
    /// A 尾差: the parts' printed values add up to another value than the total at its
    /// precision, by no more than their rounding allows (`390.55 + 190.89 = 581.44`, total
    /// written 581.45). Not an error (DOMAIN §3), but the printed figures disagree: a warning.
    Rounding {
        sum: Decimal,
    },
}

impl SumVerdict {
    /// Whether the total holds within rounding: consistent, or off by a 尾差 only.
    pub fn holds(&self) -> bool {
        matches!(self, SumVerdict::Consistent | SumVerdict::Rounding { .. })
    }
}

impl SumClaim {
    pub fn verdict(&self, doc: &Document) -> SumVerdict {
        let q = &doc.quantities;
        let total = interval_of(&q[self.total]);
        let sum = self
            .parts
            .iter()
            .fold(Interval::exact(Decimal::ZERO), |a, &p| {
                a.add(&part_interval(&q[p]))
            });
        if sum.meets(&total) {
            let total = &q[self.total];
            let central: Decimal = self.parts.iter().map(|&p| q[p].base_value()).sum();
            let written = central / pow10(i32::from(total.unit.scale()));
            if rounds_to(written, total.decimals, total.value) || doc.rounding_note.is_some() {
                return SumVerdict::Consistent;
            }
            return SumVerdict::Rounding { sum: central };
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
        // 其中 list often names only the main parts — unless the parts are all of it, by the
        // data's structure or by definition (基本支出 + 项目支出, 出国 + 接待 + 车辆).
        if self.exhaustive
            || complete_by_definition(doc, self)
            || (!t.is_zero() && (t - central_sum) / t <= SLIP_SHARE)
        {
            return SumVerdict::Mismatch {
                sum: central_sum,
                exceeds: false,
            };
        }
        if one_digit_apart(t, central_sum) {
            return SumVerdict::DigitSlip { sum: central_sum };
        }
        SumVerdict::Partial
    }
}

/// A part's value as an interval: a part written as a bare `0` (`上缴上级支出0万元`) is nothing
/// at all, not anything under half a unit; every other figure is ± half its last digit.
pub fn part_interval(q: &Quantity) -> Interval {
    if q.value.is_zero() && q.decimals == 0 {
        Interval::exact(Decimal::ZERO)
    } else {
        interval_of(q)
    }
}

/// The fewest non-zero digits a total and the sum of its parts must share, in place, for a
/// difference in one other digit to be read as a slip rather than a partial list: 3 (`500`
/// against `400` shares none and says nothing; `4143.91` against `4043.91` shares five).
pub const MIN_SHARED_DIGITS: usize = 3;

/// Whether two non-negative amounts, aligned at the decimal point, differ in exactly one digit
/// and agree on at least [`MIN_SHARED_DIGITS`] non-zero digits.
pub fn one_digit_apart(a: Decimal, b: Decimal) -> bool {
    if a.is_sign_negative() || b.is_sign_negative() || a == b {
        return false;
    }
    let scale = a.scale().max(b.scale());
    let digits = |x: Decimal| -> Option<Vec<u8>> {
        let mut x = x;
        x.rescale(scale);
        let m = x.mantissa();
        (m >= 0).then(|| m.to_string().bytes().rev().map(|c| c - b'0').collect())
    };
    let (Some(da), Some(db)) = (digits(a), digits(b)) else {
        return false;
    };
    let n = da.len().max(db.len());
    let at = |d: &[u8], i: usize| d.get(i).copied().unwrap_or(0);
    let differ = (0..n).filter(|&i| at(&da, i) != at(&db, i)).count();
    let shared = (0..n)
        .filter(|&i| at(&da, i) == at(&db, i) && at(&da, i) != 0)
        .count();
    differ == 1 && shared >= MIN_SHARED_DIGITS
}

/// The largest shortfall of a list of parts against its total, as a share of the total, that
/// is read as a slip (an error) rather than a partial list: 1 %.
pub const SLIP_SHARE: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

/// Breakdowns that are complete by definition: each is a list of groups of words; a list of
/// parts is complete when every part's label names one group and every group is named.
/// "三公"经费 = 因公出国（境） + 公务接待 + 公务用车购置及运行 (`购置及运行维护费` alone names the
/// cars' item too); a budget or spending total =
/// 基本支出 + 项目支出; 基本支出 = 人员经费 + 公用经费; funds = 中央 + 地方; revenue = 税收 +
/// 非税 (`非税` first: `非税收入` holds `税收` too).
pub const COMPLETE_SETS: &[&[&[&str]]] = &[
    &[&["出国", "出境"], &["接待"], &["车", "购置及运行"]],
    &[&["基本支出"], &["项目支出"]],
    &[&["人员经费", "人员支出"], &["公用经费", "公用支出"]],
    &[&["中央"], &["地方"]],
    &[&["非税"], &["税收"]],
];

/// Whether a sum's parts are, by their labels, all of its total ([`COMPLETE_SETS`]).
pub fn complete_by_definition(doc: &Document, c: &SumClaim) -> bool {
    let qs = &doc.quantities;
    let labels: Vec<&str> = c.parts.iter().map(|&p| qs[p].label_text()).collect();
    labels_complete(&labels)
}

/// [`complete_by_definition`] on the parts' labels.
pub fn labels_complete(labels: &[&str]) -> bool {
    let group_of =
        |set: &[&[&str]], l: &str| set.iter().position(|g| g.iter().any(|w| l.contains(w)));
    COMPLETE_SETS.iter().any(|set| {
        let groups: Vec<Option<usize>> = labels.iter().map(|l| group_of(set, l)).collect();
        groups.iter().all(Option::is_some) && (0..set.len()).all(|g| groups.contains(&Some(g)))
    })
}

/// Which series of a breakdown a figure belongs to when a list interleaves two: budget and
/// spending amounts (`A预算数x，实际支出y；B…`), weights and scores (`得分9.82分（分值10分）`).
pub(super) fn series(q: &Quantity) -> Option<&'static str> {
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

/// Dimension key of a figure for sums: same currency, or same counted word. Points (`分`) are
/// scores: a total score and its parts are the scorecard's (S003), not a breakdown here.
pub(super) fn dim(u: &Unit) -> Option<String> {
    match u {
        Unit::Money { currency, .. } => Some(format!("money:{currency:?}")),
        Unit::Count { word, .. } if word == "分" => None,
        Unit::Count { word, .. } => Some(format!("count:{word}")),
        _ => None,
    }
}
