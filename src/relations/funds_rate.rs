//! Rates of funds paid, allocated, received or cut out of a whole stated beside them (支付率,
//! 拨付率, 到位率, 分配率, 核减率): `直达资金总量75.20亿元，支出45.76亿元，支付率为60.8%`,
//! `资金合计33.88亿元，已分配33.80亿元，未分配0.08亿元，分配率99.8%`. The numerator is the
//! amount whose label names what the rate measures (支付, 分配 …); the whole is the nearest
//! amount before it in the same sentence that names no such act. A whole with no amount done
//! beside it (`资金总额75.20亿元，分配率99.5%`) is left unbound. A rate of assets in use is
//! read the same way (`固定资产原值1200万元，其中在用固定资产1150万元，固定资产利用率95.83%`:
//! the assets in use over the assets held).

use super::*;

/// Funds rates, the words that name their numerator (what was done with the funds) and the
/// words the whole must carry (empty: any amount that names no act). 核减率 is the amount cut
/// in an audit over the amount submitted (送审), never over the amount approved (审定).
/// 利用率 is the fixed assets in use (在用) over the fixed assets held, named by their 原值 or
/// 总额 (never 资产总额, which holds current assets too).
pub const FUNDS_RATES: &[(&str, &[&str], &[&str])] = &[
    ("支付率", &["支付", "支出", "拨付"], &[]),
    ("拨付率", &["拨付", "支付"], &[]),
    ("到位率", &["到位", "到账"], &[]),
    ("分配率", &["分配"], &[]),
    ("核减率", &["核减"], &["送审"]),
    (
        "利用率",
        &["在用"],
        &["固定资产原值", "固定资产总额", "固定资产总值"],
    ),
];

/// Words that mark an amount as what was *not* done or is left (未分配, 尚未支付, 结余):
/// never the numerator nor the whole.
pub const NOT_DONE_WORDS: &[&str] = &["未", "剩余", "结余", "结转"];

/// The act words and whole words of a funds rate's label, if it is one.
pub fn funds_rate_acts(label: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
    FUNDS_RATES
        .iter()
        .find(|(name, _, _)| label.contains(name))
        .map(|(_, acts, wholes)| (*acts, *wholes))
}

/// Bind a funds rate to the amount done and the whole in its own sentence.
pub(super) fn bind_funds(doc: &Document, figs: &Figures, ri: usize) -> Option<RatioClaim> {
    let qs = &doc.quantities;
    let (acts, wholes) = funds_rate_acts(qs[ri].label_text())?;
    let names = |i: usize, words: &[&str]| words.iter().any(|w| qs[i].label_text().contains(w));
    let money: Vec<usize> = after_last_rate(doc, window(doc, figs, ri, false))
        .into_iter()
        .filter(|&i| {
            qs[i].unit.is_money() && (!is_change_label(qs[i].label_text()) || names(i, acts))
        })
        .collect();
    // What is left (未分配 …) may stand between the amount done and the rate.
    let pos = money.iter().rposition(|&i| !names(i, NOT_DONE_WORDS))?;
    let num = money[pos];
    if !names(num, acts) {
        return None;
    }
    let den = money[..pos].iter().rev().copied().find(|&i| {
        !names(i, acts) && !names(i, NOT_DONE_WORDS) && (wholes.is_empty() || names(i, wholes))
    })?;
    let (n, d) = (&qs[num], &qs[den]);
    if !n.unit.same_dimension(&d.unit) || d.value.is_zero() || n.base_value() > d.base_value() {
        return None;
    }
    Some(RatioClaim {
        kind: RatioKind::Execution,
        rate: ri,
        numerator: num,
        denominator: den,
        alternatives: Vec::new(),
    })
}

/// `市本级直达资金45.66亿元，未分配0.32亿元，分配率99.3%`: a funds rate whose item states the
/// whole and the amount *not* done of that act (`未` with the rate's own act word) and no
/// amount done is the whole less the amount left over the whole. Funds rates bound to their
/// operands (`bound`) are left alone.
pub(super) fn remainder_funds_rates(
    doc: &Document,
    figs: &Figures,
    bound: &std::collections::HashSet<usize>,
) -> Vec<WrittenCalc> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    for (ri, r) in qs.iter().enumerate() {
        if r.unit != Unit::Percent
            || r.qualifier.is_some()
            || !doc.in_prose(r)
            || bound.contains(&ri)
        {
            continue;
        }
        let Some((acts, wholes)) = funds_rate_acts(r.label_text()) else {
            continue;
        };
        let names = |i: usize, words: &[&str]| words.iter().any(|w| qs[i].label_text().contains(w));
        let money: Vec<usize> = after_last_rate(doc, window(doc, figs, ri, false))
            .into_iter()
            .filter(|&i| qs[i].unit.is_money() && !is_change_label(qs[i].label_text()))
            .collect();
        let [whole, left] = money.as_slice() else {
            continue;
        };
        let (w, l) = (&qs[*whole], &qs[*left]);
        let left_of_act = l.label_text().contains('未') && names(*left, acts);
        if !left_of_act
            || names(*whole, acts)
            || names(*whole, NOT_DONE_WORDS)
            || (!wholes.is_empty() && !names(*whole, wholes))
            || !w.unit.same_dimension(&l.unit)
            || w.value.is_zero()
            || l.base_value() > w.base_value()
        {
            continue;
        }
        let hundred = Decimal::ONE_HUNDRED;
        let (wi, li) = (interval_of(w), interval_of(l));
        let Some(value) = (w.base_value() - l.base_value())
            .checked_div(w.base_value())
            .and_then(|v| v.checked_mul(hundred))
        else {
            continue;
        };
        let Some(range) = wi.sub(&li).div(&wi) else {
            continue;
        };
        let slack = (value - range.lo * hundred).max(range.hi * hundred - value);
        out.push(WrittenCalc {
            rate: ri,
            expr: None,
            formula: format!("({} − {}) / {}", w.display(), l.display(), w.display()),
            operands: vec![*whole, *left],
            value,
            slack,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;

    fn bound(text: &str) -> Vec<(String, String, String)> {
        let doc = crate::parse::parse(text, SourceFormat::Text);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        (0..qs.len())
            .filter_map(|ri| bind_funds(&doc, &figs, ri))
            .map(|c| {
                (
                    qs[c.rate].display(),
                    qs[c.numerator].display(),
                    qs[c.denominator].display(),
                )
            })
            .collect()
    }

    fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    #[test]
    fn paid_over_the_whole() {
        assert_eq!(
            bound("截至8月底，直达资金总量75.20亿元，支出45.76亿元，支付率为60.8%。"),
            vec![t("60.8%", "45.76亿元", "75.20亿元")]
        );
        assert_eq!(
            bound("专项资金共下达1200万元，已拨付1080万元，拨付率90%。"),
            vec![t("90%", "1080万元", "1200万元")]
        );
    }

    fn remainder(text: &str) -> Vec<(String, String, CalcVerdict)> {
        let doc = crate::parse::parse(text, SourceFormat::Text);
        let figs = Figures::new(&doc);
        remainder_funds_rates(&doc, &figs, &std::collections::HashSet::new())
            .into_iter()
            .map(|c| {
                (
                    doc.quantities[c.rate].display(),
                    c.formula.clone(),
                    c.verdict(&doc),
                )
            })
            .collect()
    }

    #[test]
    fn a_whole_and_the_amount_not_done_give_the_rate() {
        let got = remainder("市本级资金45.66亿元，未分配0.32亿元，分配率99.3%。");
        assert_eq!(
            got,
            vec![(
                "99.3%".into(),
                "(45.66亿元 − 0.32亿元) / 45.66亿元".into(),
                CalcVerdict::Consistent
            )]
        );
        let got = remainder("市本级资金45.66亿元，未分配0.32亿元，分配率99.6%。");
        assert!(matches!(got[0].2, CalcVerdict::Mismatch { .. }));
        // The amount left of another act, or an amount done beside it: not this reading.
        assert!(remainder("市本级资金45.66亿元，未支付0.32亿元，分配率99.3%。").is_empty());
        assert!(
            remainder("资金45.66亿元，已分配45.34亿元，未分配0.32亿元，分配率99.3%。").is_empty()
        );
    }

    #[test]
    fn what_is_left_stands_between() {
        assert_eq!(
            bound("县区资金合计33.88亿元，已分配33.80亿元，未分配0.08亿元，分配率99.8%。"),
            vec![t("99.8%", "33.80亿元", "33.88亿元")]
        );
    }

    #[test]
    fn no_amount_done_is_unbound() {
        // The whole alone, or only what is left: no numerator.
        assert!(bound("资金总额75.20亿元，分配率99.5%。").is_empty());
        assert!(bound("资金45.66亿元，未分配0.32亿元，分配率99.3%。").is_empty());
        // An amount done larger than the whole before it is no whole.
        assert!(bound("其中地方资金13.78亿元，已分配20.00亿元，分配率99.5%。").is_empty());
        // Not a funds rate.
        assert!(bound("预算100万元，支出90万元，执行率90%。").is_empty());
    }

    #[test]
    fn a_cut_is_of_the_amount_submitted() {
        assert_eq!(
            bound("审定18宗，送审金额35.43亿元，审定金额32.66亿元，核减2.77亿元，核减率7.82%。"),
            vec![t("7.82%", "2.77亿元", "35.43亿元")]
        );
        // No amount submitted: not the approved amount instead.
        assert!(bound("审定金额32.66亿元，核减2.77亿元，核减率7.82%。").is_empty());
    }

    #[test]
    fn assets_in_use_over_assets_held() {
        assert_eq!(
            bound(
                "年末固定资产原值1200.00万元，其中在用固定资产1150.00万元，固定资产利用率95.83%。"
            ),
            vec![t("95.83%", "1150.00万元", "1200.00万元")]
        );
        assert_eq!(
            bound("年末固定资产总额640.50万元，在用固定资产600.25万元，固定资产利用率93.72%。"),
            vec![t("93.72%", "600.25万元", "640.50万元")]
        );
        // The whole must be named as the fixed assets held: not a figure of another kind
        // before, nor all assets (资产总额 holds current assets too).
        assert!(
            bound("年末资产净值900.00万元，在用固定资产600.25万元，固定资产利用率93.72%。")
                .is_empty()
        );
        assert!(
            bound("年末资产总额900.00万元，在用固定资产600.25万元，固定资产利用率93.72%。")
                .is_empty()
        );
        // No amount in use: no numerator.
        assert!(bound("年末固定资产原值1200.00万元，固定资产利用率95.83%。").is_empty());
    }

    #[test]
    fn every_rate_names_its_acts() {
        for (name, acts, wholes) in FUNDS_RATES {
            assert!(name.ends_with('率') && !acts.is_empty());
            assert_eq!(
                funds_rate_acts(&format!("资金{name}")),
                Some((*acts, *wholes))
            );
        }
        assert_eq!(funds_rate_acts("执行率"), None);
    }
}
