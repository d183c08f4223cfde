//! Products: a quantity times a per-unit standard stated with the amount it comes to
//! (`补助对象144户，每户补助0.60万元，共发放86.40万元`, `种植面积1200亩，按每亩300元标准补贴，
//! 补贴资金36万元`, `对120名学生按3000元/人的标准发放`).
//!
//! The trigger is every amount stated per unit in prose: `每X`, `X均` or `…标准` before it in its
//! clause, or `/X`, `每X` right after it, where X is a counted thing ([`PER_UNIT_WORDS`]). It is
//! judged only when its sentence binds the three figures without doubt: exactly one count in
//! the standard's unit (亩 with 亩; 人 with 人, 名 or 人次), exactly one amount after both,
//! worded as a total or a payment ([`AMOUNT_WORDS`]), no other amount after them, no bound (约, 最高, 不超过, 以内 …: a cap is
//! not an equality) and no period other than the year (`每人每月`: the months are not stated).
//! Everything else is unbound, with its reason. A sentence inside a table cell is read the same
//! way, within its cell; figures on either side of a `；` are never bound together.
//!
//! The quantity and the standard are taken as exact; the amount's written decimals decide
//! (half-up), so `1290.3平方米 × 3100元 = 399.993万元` is consistent with `400万元`. An average
//! (`户均`, `人均` without 标准) is itself rounded, so it is also consistent when the amount over
//! the quantity rounds to it.

use super::candidate::Unbound;
use super::*;
pub use crate::model::claims::ProductClaim;

/// Counted things a standard is stated per (`每亩`, `元/人`, `户均`), longest first.
pub const PER_UNIT_WORDS: [&str; 33] = [
    "平方公里",
    "平方米",
    "立方米",
    "人次",
    "户次",
    "公顷",
    "公里",
    "生",
    "亩",
    "户",
    "人",
    "名",
    "个",
    "家",
    "所",
    "村",
    "套",
    "台",
    "辆",
    "头",
    "只",
    "吨",
    "株",
    "棵",
    "间",
    "座",
    "处",
    "件",
    "张",
    "床",
    "项",
    "场",
    "批",
];

/// Wording that makes an amount the total the product comes to (`共发放`, `补贴资金`, `计`).
pub const AMOUNT_WORDS: [&str; 17] = [
    "共", "计", "合计", "总额", "发放", "补贴", "补助", "资金", "兑付", "拨付", "金额", "投资",
    "支付", "奖励", "经费", "下达", "安排",
];

/// Wording that makes a standard or an amount a cap, a comparison or an estimate, not an
/// equality (`低于每公里55万元的控制标准`).
pub const BOUND_WORDS: [&str; 14] = [
    "最高",
    "最多",
    "最低",
    "上限",
    "封顶",
    "不超过",
    "不高于",
    "不低于",
    "以内",
    "以下",
    "以上",
    "左右",
    "低于",
    "高于",
];

/// Periods other than the year a standard may be stated per (`每人每月`): the amount would
/// need the number of periods, which the sentence does not state.
pub const PERIOD_WORDS: [&str; 10] = [
    "每月",
    "月均",
    "每季",
    "每周",
    "每天",
    "每日",
    "每次",
    "每期",
    "每学期",
    "/月",
];

/// Clause breaks: a standard's wording stands in its own clause.
const CLAUSE_BREAKS: [char; 10] = ['，', ',', '。', '；', ';', '：', ':', '\n', '|', '\t'];

/// How a product trigger ended: bound to its operands, or unbound with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProductCandidate {
    Bound(ProductClaim),
    Unbound { rate: usize, reason: Unbound },
}

/// The verdict on a product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProductVerdict {
    Consistent,
    /// The amount is not the product: `expected` is the product in the amount's unit, rounded
    /// to the amount's written decimals.
    Mismatch {
        expected: Decimal,
    },
    /// The product holds with the amount's unit scaled up by 10^exponent (`86.40元` for
    /// `86.40万元`: exponent 4).
    UnitSlip {
        expected: Decimal,
        exponent: i32,
    },
}

impl ProductClaim {
    /// The product in the amount's unit, unrounded.
    pub fn product(&self, doc: &Document) -> Decimal {
        let q = &doc.quantities;
        let base = q[self.quantity].base_value() * q[self.rate].base_value();
        base / pow10(i32::from(q[self.amount].unit.scale()))
    }

    pub fn verdict(&self, doc: &Document) -> ProductVerdict {
        let q = &doc.quantities;
        let amount = &q[self.amount];
        let product = self.product(doc);
        let expected = round_half_up(product, amount.decimals);
        if expected == amount.value {
            return ProductVerdict::Consistent;
        }
        if self.average {
            let rate = &q[self.rate];
            let qty = q[self.quantity].base_value();
            if !qty.is_zero() {
                let per = amount.base_value() / qty / pow10(i32::from(rate.unit.scale()));
                if round_half_up(per, rate.decimals) == rate.value {
                    return ProductVerdict::Consistent;
                }
            }
        }
        for e in [4i32, -4, 8, -8] {
            let shifted = round_half_up(product * pow10(-e), amount.decimals);
            if shifted == amount.value && !shifted.is_zero() {
                return ProductVerdict::UnitSlip {
                    expected: shifted,
                    exponent: e,
                };
            }
        }
        ProductVerdict::Mismatch { expected }
    }
}

fn starts_with_any<'a>(s: &str, words: &[&'a str]) -> Option<&'a str> {
    words.iter().copied().find(|w| s.starts_with(w))
}

/// The longest stretch, in bytes, read on either side of a figure for its clause: wording that
/// binds a figure stands next to it, and a long block is not rescanned for every figure.
pub const CLAUSE_REACH: usize = 240;

/// The text of a figure's clause before its number (back to the last clause break of its
/// block, at most [`CLAUSE_REACH`] bytes).
pub(super) fn clause_before<'t>(text: &'t str, doc: &Document, q: &Quantity) -> &'t str {
    let upto = q.number_span.start.min(text.len());
    let mut from = doc
        .blocks
        .get(q.block)
        .map_or(0, |b| b.span.start)
        .max(upto.saturating_sub(CLAUSE_REACH));
    while from < upto && !text.is_char_boundary(from) {
        from += 1;
    }
    let Some(s) = text.get(from..upto) else {
        return "";
    };
    match s.rfind(CLAUSE_BREAKS) {
        Some(i) => &s[i + s[i..].chars().next().map_or(1, char::len_utf8)..],
        None => s,
    }
}

/// The text of a figure's clause after it (to the next clause break of its block, at most
/// [`CLAUSE_REACH`] bytes).
pub(super) fn clause_after<'t>(text: &'t str, doc: &Document, q: &Quantity) -> &'t str {
    let from = q.span.end.min(text.len());
    let mut to = doc
        .blocks
        .get(q.block)
        .map_or(text.len(), |b| b.span.end)
        .min(from + CLAUSE_REACH)
        .min(text.len());
    while to > from && !text.is_char_boundary(to) {
        to -= 1;
    }
    let Some(s) = text.get(from..to) else {
        return "";
    };
    match s.find(CLAUSE_BREAKS) {
        Some(i) => &s[..i],
        None => s,
    }
}

/// [`per_unit_of`] for every figure of a document (money figures only; `None` otherwise),
/// read once for the passes that need it.
pub fn per_units(text: &str, doc: &Document) -> Vec<Option<(&'static str, bool)>> {
    doc.quantities
        .iter()
        .map(|q| {
            if q.unit.is_money() {
                per_unit_of(text, doc, q)
            } else {
                None
            }
        })
        .collect()
}

/// What a money figure is stated per, and whether it is an average (`户均`, `人均` without
/// 标准), read from its clause: `每亩300元`, `人均标准200元`, `3000元/人`, `3100元每平方米`.
pub fn per_unit_of(text: &str, doc: &Document, q: &Quantity) -> Option<(&'static str, bool)> {
    let before = clause_before(text, doc, q);
    let after = clause_after(text, doc, q);
    let after = after.trim_start();
    for lead in ["/", "／", "每"] {
        if let Some(rest) = after.strip_prefix(lead)
            && let Some(w) = starts_with_any(rest, &PER_UNIT_WORDS)
        {
            return Some((w, false));
        }
    }
    // The last 每X or X均 of the clause before the number (none without a 每 or a 均).
    if !before.contains(['每', '均']) {
        return None;
    }
    let mut found: Option<(usize, &'static str, bool)> = None;
    for (i, _) in before.char_indices() {
        let rest = &before[i..];
        if let Some(rest) = rest.strip_prefix('每') {
            if let Some(w) = starts_with_any(rest, &PER_UNIT_WORDS) {
                found = Some((i, w, false));
            }
        } else if let Some(w) = starts_with_any(rest, &PER_UNIT_WORDS)
            && rest[w.len()..].starts_with('均')
        {
            found = Some((i, w, true));
        }
    }
    let (at, w, avg) = found?;
    // `按每户2万元标准拨付补助资金796万元`: the 每户 belongs to the figure before.
    if before[at..].chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let average = (avg && !before.contains("标准")) || before.contains("平均");
    Some((w, average))
}

/// Whether a label is an average alone (`人均`, `户均为`, `平均每人`): it names nothing of its
/// own, so it is of the amount just before it.
fn is_bare_average(label: &str, per: &str) -> bool {
    let l = label
        .trim()
        .trim_end_matches(['为', '达', '约', '是', '：', ':'])
        .trim_end_matches("达到");
    l == format!("{per}均") || l == format!("平均每{per}") || l == format!("每{per}平均")
}

/// The words of a figure's own label: its clause before it, after any earlier figure of the
/// clause (`按每户2万元标准拨付补助资金796万元` → `万元标准拨付补助资金`).
fn own_label<'t>(text: &'t str, doc: &Document, q: &Quantity) -> &'t str {
    let c = clause_before(text, doc, q);
    match c.rfind(|ch: char| ch.is_ascii_digit()) {
        Some(i) => &c[i + 1..],
        None => c,
    }
}

/// Whether a count's word is what a standard is stated per (`人` covers 名 and 人次 too).
pub fn unit_matches(per: &str, word: &str) -> bool {
    let word = word.strip_prefix('万').unwrap_or(word);
    per == word
        || matches!(
            (per, word),
            ("人" | "生", "人" | "名" | "人次") | ("户", "户次")
        )
}

/// Every per-unit amount in the prose of a document, bound to its quantity and amount or
/// unbound with the reason.
pub(super) fn find_products(
    text: &str,
    doc: &Document,
    figs: &Figures,
    per_unit: &[Option<(&'static str, bool)>],
) -> Vec<ProductCandidate> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    for (i, q) in qs.iter().enumerate() {
        if !q.unit.is_money() {
            continue;
        }
        let Some((per, average)) = per_unit[i] else {
            continue;
        };
        let unbound = |reason| ProductCandidate::Unbound { rate: i, reason };
        // A sentence inside a table cell (`目标1：…每平方米3100元，投资400万元`) is read as
        // prose, within its cell; a figure of a row whose cells are not known is not.
        if !doc.in_prose(q) && q.cell.is_none() {
            out.push(unbound(Unbound::InTable));
            continue;
        }
        // The figures of its sentence in its cell, with no ；between them and it.
        let together = |j: usize| {
            let r = &qs[j];
            let (a, b) = (r.span.start.min(q.span.start), r.span.end.max(q.span.end));
            r.cell == q.cell && !text.get(a..b).is_some_and(|t| t.contains(['；', ';']))
        };
        let sentence: Vec<usize> = figs
            .sentence(q.block, q.sentence)
            .iter()
            .copied()
            .filter(|&j| together(j))
            .collect();
        let clause = format!(
            "{}{}",
            clause_before(text, doc, q),
            clause_after(text, doc, q)
        );
        if PERIOD_WORDS.iter().any(|w| clause.contains(w)) {
            out.push(unbound(Unbound::PerPeriod));
            continue;
        }
        let counts: Vec<usize> = sentence
            .iter()
            .copied()
            .filter(|&j| matches!(&qs[j].unit, Unit::Count { word, .. } if unit_matches(per, word)))
            .collect();
        // The amount comes after the standard and the count it multiplies (an amount
        // before them may total something else: `…；共计40.83万元，…每户可分得700元`).
        let last = counts
            .iter()
            .map(|&j| qs[j].span.end)
            .max()
            .unwrap_or(0)
            .max(q.span.end);
        let amounts: Vec<usize> = sentence
            .iter()
            .copied()
            .filter(|&j| j != i && qs[j].unit.same_dimension(&q.unit))
            .filter(|&j| qs[j].span.start >= last)
            .filter(|&j| per_unit[j].is_none())
            .collect();
        let mut worded: Vec<usize> = amounts
            .iter()
            .copied()
            .filter(|&j| {
                let c = own_label(text, doc, &qs[j]);
                AMOUNT_WORDS.iter().any(|w| c.contains(w))
            })
            .collect();
        // `培训经费支出182.36万元，人均210.82元`: a bare average right after an amount is that
        // amount over the sentence's count.
        let mut amounts = amounts;
        if average
            && amounts.is_empty()
            && let Some(prev) = i.checked_sub(1)
            && sentence.contains(&prev)
            && qs[prev].unit.same_dimension(&q.unit)
            && per_unit[prev].is_none()
            && qs[prev].qualifier.is_none()
            && !is_change_label(qs[prev].label_text())
            && is_bare_average(own_label(text, doc, q), per)
        {
            amounts = vec![prev];
            worded = vec![prev];
        }
        let standards = sentence
            .iter()
            .filter(|&&j| qs[j].unit.is_money() && per_unit[j].is_some_and(|(p, _)| p == per))
            .count();
        let reason = match (counts.as_slice(), amounts.as_slice(), worded.as_slice()) {
            _ if standards > 1 => Some(Unbound::SeveralReadings),
            ([], _, _) => Some(Unbound::NoQuantity),
            (_, [], _) | (_, _, []) => Some(Unbound::NoAmount),
            ([_, _, ..], _, _) | (_, [_, _, ..], _) => Some(Unbound::SeveralReadings),
            _ => None,
        };
        if let Some(reason) = reason {
            out.push(unbound(reason));
            continue;
        }
        let (quantity, amount) = (counts[0], amounts[0]);
        let bounded = |j: usize| {
            let c = clause_before(text, doc, &qs[j]);
            let a = clause_after(text, doc, &qs[j]);
            qs[j].qualifier.is_some() || BOUND_WORDS.iter().any(|w| c.contains(w) || a.contains(w))
        };
        if bounded(i) || bounded(quantity) || bounded(amount) {
            out.push(unbound(Unbound::Approximate));
            continue;
        }
        out.push(ProductCandidate::Bound(ProductClaim {
            quantity,
            rate: i,
            amount,
            average,
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Document, Vec<ProductCandidate>) {
        let d = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let f = Figures::new(&d);
        let p = find_products(text, &d, &f, &per_units(text, &d));
        (d, p)
    }

    fn verdicts(text: &str) -> Vec<Result<ProductVerdict, Unbound>> {
        let (d, p) = run(text);
        p.iter()
            .map(|c| match c {
                ProductCandidate::Bound(c) => Ok(c.verdict(&d)),
                ProductCandidate::Unbound { reason, .. } => Err(*reason),
            })
            .collect()
    }

    #[test]
    fn standards_in_several_wordings_are_bound() {
        for t in [
            "补助对象144户，每户补助0.60万元，共发放86.40万元。",
            "种植面积1200亩，按每亩300元标准补贴，补贴资金36万元。",
            "培训500人次，人均标准200元，计10万元。",
            "对120名学生按3000元/人的标准发放补助，共计36万元。",
            "改造危房35户，每户补助1.5万元，共兑付补助资金52.5万元。",
        ] {
            assert_eq!(verdicts(t), [Ok(ProductVerdict::Consistent)], "{t}");
        }
    }

    #[test]
    fn amount_rounded_at_its_decimals() {
        // 1290.3 × 3100 = 3999930元 = 399.993万元 → 400.
        assert_eq!(
            verdicts("建设冷库1290.3平方米，按3100元/平方米计，投资400万元。"),
            [Ok(ProductVerdict::Consistent)]
        );
        assert_eq!(
            verdicts("建设冷库1290.3平方米，按3100元/平方米计，投资400.00万元。"),
            [Ok(ProductVerdict::Mismatch {
                expected: Decimal::new(39999, 2)
            })]
        );
        // A sentence in a table cell; the items after ；are other targets.
        assert_eq!(
            verdicts(
                "| 产出 | 目标1：建设冷库1290.3平方米，冷库仓储3100元每平方米，投资400万元；目标2：购置设备550万元。 | 100% |"
            ),
            [Ok(ProductVerdict::Consistent)]
        );
        // The standard and the amount in one clause.
        assert_eq!(
            verdicts("完成危房改造398户，按每户2万元标准拨付补助资金796.00万元。"),
            [Ok(ProductVerdict::Consistent)]
        );
    }

    #[test]
    fn mismatch_and_unit_slip() {
        assert_eq!(
            verdicts("补助对象144户，每户补助0.60万元，共发放84.60万元。"),
            [Ok(ProductVerdict::Mismatch {
                expected: Decimal::new(8640, 2)
            })]
        );
        assert_eq!(
            verdicts("聘用管护员144名，每人每年补助0.60万元，共计86.40元。"),
            [Ok(ProductVerdict::UnitSlip {
                expected: Decimal::new(8640, 2),
                exponent: 4
            })]
        );
    }

    #[test]
    fn average_is_consistent_when_it_is_the_rounded_quotient() {
        // 100 / 3 = 33.33…万元 per 户: the average is rounded, the product 99.99 is not 100.
        assert_eq!(
            verdicts("受益农户3户，户均增收33.33万元，合计增收资金100万元。"),
            [Ok(ProductVerdict::Consistent)]
        );
    }

    #[test]
    fn a_bare_average_after_an_amount_is_that_amount_over_the_count() {
        assert_eq!(
            verdicts("参训教师8650人次，培训经费支出182.36万元，人均210.82元。"),
            [Ok(ProductVerdict::Consistent)]
        );
        assert!(matches!(
            verdicts("参训教师8650人次，培训经费支出182.36万元，人均230.82元。")[..],
            [Ok(ProductVerdict::Mismatch { .. })]
        ));
        // An average of something else, named: not of the amount before it.
        assert_eq!(
            verdicts("全县户籍人口12.5万人，财政支出38.6亿元，人均可支配收入2.8万元。"),
            [Err(Unbound::NoAmount)]
        );
    }

    #[test]
    fn caps_estimates_and_other_periods_are_unbound() {
        let cases = [
            (
                "补助对象144户，每户最高补助0.60万元，共发放86.40万元。",
                Unbound::Approximate,
            ),
            (
                "补助对象约144户，每户补助0.60万元，共发放86.40万元。",
                Unbound::Approximate,
            ),
            (
                "补助对象144户，每户补助0.60万元，发放资金不超过86.40万元。",
                Unbound::Approximate,
            ),
            (
                "老人1250人，每人每月发放津贴100元，共发放150万元。",
                Unbound::PerPeriod,
            ),
            ("种植面积1200亩，每亩补贴300元。", Unbound::NoAmount),
            // The amount before the standard totals a list, not the product.
            (
                "购置设备18.8万元；共计40.83万元，带动14户分红，每户可分得700元。",
                Unbound::NoAmount,
            ),
            ("按每亩300元标准补贴，补贴资金36万元。", Unbound::NoQuantity),
            // A standard per 亩 and a count of 户: not the same thing.
            (
                "受益农户120户，按每亩300元标准补贴，补贴资金36万元。",
                Unbound::NoQuantity,
            ),
            // Two amounts: which one is the product is not certain.
            (
                "补助对象144户，每户补助0.60万元，共发放86.40万元，下达资金90万元。",
                Unbound::SeveralReadings,
            ),
            (
                "受益120户、80户，每户补助0.5万元，共发放100万元。",
                Unbound::SeveralReadings,
            ),
            // Two standards per 公里: the actual average and a cap.
            (
                "建设里程86.4公里，完成投资4406.40万元，平均每公里51.00万元，低于每公里55万元的控制标准。",
                Unbound::SeveralReadings,
            ),
        ];
        for (t, why) in cases {
            let v = verdicts(t);
            assert!(
                !v.is_empty() && v.iter().all(|x| *x == Err(why)),
                "{t}: {v:?}"
            );
        }
    }

    #[test]
    fn word_lists_boundaries() {
        assert!(unit_matches("人", "人次"));
        assert!(unit_matches("人", "名"));
        assert!(!unit_matches("亩", "户"));
        assert!(!unit_matches("人次", "人"));
        assert!(PER_UNIT_WORDS.contains(&"亩") && AMOUNT_WORDS.contains(&"共"));
        assert!(BOUND_WORDS.contains(&"最高") && PERIOD_WORDS.contains(&"每月"));
        // Longest first: 平方米 before 米-less words, 人次 before 人.
        let pos = |w: &str| PER_UNIT_WORDS.iter().position(|x| *x == w);
        assert!(pos("人次") < pos("人"));
        // A figure without per-unit wording is no trigger.
        assert!(run("补助对象144户，发放资金86.40万元。").1.is_empty());
    }
}
