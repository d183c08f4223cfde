//! A005 change-mismatch.

use rust_decimal::Decimal;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message, Severity};
use crate::model::{Document, Unit};
use crate::numeric::{Interval, fmt_fixed, fmt_trim, rounds_to};
use crate::relations::{GrowthClaim, SLIP_SHARE, change_sign, growth_interval, interval_of};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// A stated growth or decline disagrees with the current and prior values, or a total's
    /// growth disagrees with its parts' growth.
    ///
    /// ### What it checks
    /// * `本年X万元，上年Y万元，同比增长r%` (or `增加N万元`): r must equal (X − Y) / Y and N
    ///   must equal X − Y, at the written precision. A percentage rise from 0 is flagged: it
    ///   has no percentage.
    /// * A total with its growth, broken into parts with theirs
    ///   (`进出口1121亿元，同比上升12%，其中出口905.4亿元，同比上升11%，进口215.6亿元，同比上升16.3%`):
    ///   the parts' prior values (part / (1 + rate)) give the total's implied growth
    ///   (here 11.98%), which must meet the stated one, all rates taken as intervals.
    /// * A level, its change amount and its rate with no prior level written
    ///   (`支出624310.50元，同比增加86420.30元，增长16.07%`, `完成18,640万元，同比增长10.82%，增收
    ///   1,820万元`): the prior level is the level less the change, and the rate must be the change
    ///   over it — a rate divided by this year's level instead is reported.
    /// * A change with no level in its own sentence (`公务接待费较上年减少2.25万元，下降13.68%`)
    ///   against the levels of its subject stated elsewhere, when the document states that
    ///   name for exactly two consecutive years, one value each (`2024年…公务接待费14.20万元`,
    ///   `2023年…公务接待费16.45万元`); a name stated twice in one year (a budget and what was
    ///   spent) or without a year is not judged.
    /// * A total change broken into its parts' changes (`增加5.60万元。其中：接待费减少0.52万元，
    ///   车辆运行费增加6.12万元`), each signed by its verb: parts that go beyond the total, or miss
    ///   it by a slip (1 %), are reported; a larger shortfall may be a partial list — unless
    ///   the levels are a breakdown that adds up, the total and each part with its change
    ///   (`项目支出469500元，同比增加70100元。其中：工资福利支出12000元，同比增加12000元；…`):
    ///   then the parts' changes are all of the total's and must add up to it.
    ///
    /// Growth at comparable prices (可比价) need not equal the nominal change: there the
    /// finding is only a note (info).
    ///
    /// Every figure is an interval of ± half a unit of its last digit; a change that only
    /// this rounding reaches (`上年2840万元，本年2364万元，下降16.77%`: the printed levels give
    /// 16.76%) is reported too, saying so, unless the report notes its 尾差 (as for A002 and
    /// A003).
    ///
    /// ### Why
    /// Growth rates are usually copied from statistical bulletins while the levels come from
    /// another table; when they disagree, one of them is stale.
    ///
    /// ### Example
    /// ```text
    /// 本年“三公”经费支出12.60万元，上年支出15.00万元，同比下降10%。
    /// ```
    /// (12.60 − 15.00) / 15.00 = −16%, not −10%.
    ///
    /// ### How to fix
    /// Recompute the change from the two levels, or correct the level that is wrong.
    ///
    /// No automatic fix: the change, the current or the prior value may be the wrong figure.
    pub ChangeMismatch, "A005", "change-mismatch", Warning
}

impl ChangeMismatch {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"所述增减（同比增长 X%、增加 N 万元）与本期和上期数值不符，或总量增幅与各分项增幅不符。

### 检查内容
* `本年X万元，上年Y万元，同比增长r%`（或 `增加N万元`）：r 须等于 (X − Y) / Y，N 须等于 X − Y，
  按所写精度比较。从 0 开始的百分比增长会被报告：它没有百分比可言。
* 总量及其增幅，分解为各分项及其增幅
  （`进出口1121亿元，同比上升12%，其中出口905.4亿元，同比上升11%，进口215.6亿元，同比上升16.3%`）：
  由各分项上期值（分项 / (1 + 增幅)）推算出总量增幅（此处为 11.98%），须与所写增幅相符，所有增幅按区间计。

* 本句没有水平值的变动（`公务接待费较上年减少2.25万元，下降13.68%`），与文中别处所写该项目的水平值核对：
  须该名称恰好写了相邻两个年度、每年一个数值（`2024年…公务接待费14.20万元`、`2023年…公务接待费16.45万元`）；
  同一年度写了两个数（预算数与支出数）或未写年度的，不作判断。
* 总变动分解为各分项变动（`增加5.60万元。其中：接待费减少0.52万元，车辆运行费增加6.12万元`），各按其动词定正负：
  分项之和超过总变动、或差额仅为笔误（1%）的，报告；差额更大的可能只列了部分分项——除非各水平值本身是加总相符的分解、
  总数和每个分项都写明了变动（`项目支出469500元，同比增加70100元。其中：工资福利支出12000元，同比增加12000元；…`）：
  这时各分项变动就是总变动的全部，须加总相符。

按可比价计算的增幅不必等于名义变化：这时只给出提示（info）。

每个数字按末位 ±½ 个单位取区间；只有在这一舍入范围内才能得到的变动（`上年2840万元，本年2364万元，下降16.77%`：
按所列数字应为 16.76%）同样报告，并说明这一点；报告注明了尾差的除外（与 A002、A003 相同）。

### 为什么
增幅常从统计公报抄来，而绝对数来自另一张表；两者不符时，其中一个已经过时。

### 示例
```text
本年“三公”经费支出12.60万元，上年支出15.00万元，同比下降10%。
```
(12.60 − 15.00) / 15.00 = −16%，不是 −10%。

### 如何修改
按两期数值重新计算增减，或改正有误的那一期数值。

不自动修正：有误的可能是增减、本期值或上期值。"#;
}

fn pct_text(v: Decimal, dp: u32) -> String {
    format!("{}%", fmt_fixed(v, dp))
}

impl Rule for ChangeMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for g in &cx.relations.growths {
            match g {
                GrowthClaim::Aggregate {
                    total,
                    total_rate,
                    parts,
                    comparable,
                } => aggregate(doc, *total, *total_rate, parts, *comparable, out),
                GrowthClaim::Levels {
                    change,
                    current,
                    prior,
                    comparable,
                } => levels(doc, *change, *current, *prior, *comparable, out),
                GrowthClaim::ChangeRate {
                    current,
                    change,
                    rate,
                    comparable,
                } => change_rate(doc, *current, *change, *rate, *comparable, out),
                GrowthClaim::ChangeSum {
                    total,
                    parts,
                    complete,
                } => change_sum(doc, *total, parts, *complete, out),
            }
        }
        for g in &cx.relations.tables.growths {
            table_growth(g, out);
        }
    }
}

/// A change between two years a table states (`2023年比2022年增减%`) against the two years'
/// cells. Only a change beyond the cells' rounding is reported: a table's change is computed
/// from figures more precise than those it prints.
fn table_growth(g: &crate::relations::table::TableGrowth, out: &mut Vec<Diagnostic>) {
    if g.consistent {
        return;
    }
    let unit = if g.stated.percent { "%" } else { "" };
    let exp = format!("{}{unit}", fmt_fixed(g.expected, g.stated.decimals));
    let stated = g.stated.display();
    let (cur, prior) = (g.current.display(), g.prior.display());
    let along = if g.along.is_empty() {
        String::new()
    } else {
        format!("「{}」", g.along)
    };
    let d = Diagnostic::new(
        &ChangeMismatch::META,
        g.stated.span,
        Message::new(
            format!(
                "表中{along}「{}」写作 {stated}，与「{}」{cur} 和「{}」{prior} 不符：应为 {exp}",
                g.label, g.current_label, g.prior_label
            ),
            format!(
                "the table's change {along}「{}」 is written {stated}, but 「{}」 {cur} and 「{}」 \
                 {prior} give {exp}",
                g.label, g.current_label, g.prior_label
            ),
        ),
    )
    .primary(Message::new(
        format!("应为 {exp}"),
        format!("expected {exp}"),
    ))
    .label(
        g.current.span,
        Message::new(
            format!("「{}」{cur}", g.current_label),
            format!("「{}」 {cur}", g.current_label),
        ),
    )
    .label(
        g.prior.span,
        Message::new(
            format!("「{}」{prior}", g.prior_label),
            format!("「{}」 {prior}", g.prior_label),
        ),
    );
    out.push(
        d.help(Message::new(
            format!("按两年数值重新计算增减，或核对有误的一年：应为 {exp}"),
            format!("recompute the change from the two years, or check the wrong year: {exp}"),
        ))
        .expected_found(exp.clone(), stated),
    );
}

fn severity(comparable: bool) -> Severity {
    if comparable {
        Severity::Info
    } else {
        ChangeMismatch::META.severity
    }
}

/// How a stated change fits the figures it is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// The printed figures give the stated value (or the report notes its 尾差).
    Holds,
    /// Only the figures' own rounding reaches the stated value: the printed figures give
    /// another (DOMAIN §3; as A002 and A003 do, a warning).
    WithinRounding,
    /// Beyond rounding.
    Beyond,
}

impl Fit {
    fn of(doc: &Document, meets: bool, point: bool) -> Fit {
        if !meets {
            Fit::Beyond
        } else if point || doc.rounding_note.is_some() {
            Fit::Holds
        } else {
            Fit::WithinRounding
        }
    }

    /// What the message adds when only rounding reaches the stated value.
    fn note(self) -> (&'static str, &'static str) {
        if self == Fit::WithinRounding {
            (
                "（所写数值仅在所列数字的舍入范围内可得）",
                " (the stated value is reachable only within the figures' rounding)",
            )
        } else {
            ("", "")
        }
    }
}

fn aggregate(
    doc: &Document,
    total: usize,
    total_rate: usize,
    parts: &[(usize, usize)],
    comparable: bool,
    out: &mut Vec<Diagnostic>,
) {
    let q = &doc.quantities;
    let hundred = Decimal::ONE_HUNDRED;
    // Prior value of each part: current / (1 + g/100), as an interval.
    let mut prior = Interval::exact(Decimal::ZERO);
    let mut prior_central = Decimal::ZERO;
    for &(p, r) in parts {
        let (Some(g), cur) = (growth_interval(&q[r]), interval_of(&q[p])) else {
            return;
        };
        let lo_factor = Decimal::ONE + g.lo / hundred;
        let hi_factor = Decimal::ONE + g.hi / hundred;
        if lo_factor <= Decimal::ZERO {
            return;
        }
        let (Some(a), Some(b)) = (cur.lo.checked_div(hi_factor), cur.hi.checked_div(lo_factor))
        else {
            return;
        };
        prior = prior.add(&Interval { lo: a, hi: b });
        let gc = growth_interval(&q[r])
            .map(|i| (i.lo + i.hi) / Decimal::TWO)
            .unwrap_or_default();
        // Checked: a part stated with an absurd growth must not overflow the sum.
        let Some(part_prior) = q[p]
            .base_value()
            .checked_div(Decimal::ONE + gc / hundred)
            .and_then(|x| prior_central.checked_add(x))
        else {
            return;
        };
        prior_central = part_prior;
    }
    let Some(stated) = growth_interval(&q[total_rate]) else {
        return;
    };
    let cur = interval_of(&q[total]);
    let Some(ratio) = cur.div(&prior) else { return };
    let implied = Interval {
        lo: (ratio.lo - Decimal::ONE) * hundred,
        hi: (ratio.hi - Decimal::ONE) * hundred,
    };
    if implied.meets(&stated) || prior_central.is_zero() {
        return;
    }
    let Some(central) = q[total]
        .base_value()
        .checked_div(prior_central)
        .and_then(|r| (r - Decimal::ONE).checked_mul(hundred))
    else {
        return;
    };
    let dp = q[total_rate].decimals;
    let exp = pct_text(central.abs(), dp.max(1));
    let mut d = Diagnostic::new(
        &ChangeMismatch::META,
        q[total_rate].span,
        Message::new(
            format!(
                "总量增幅 {} 与各分项增幅不符：由分项推算总量增幅约为 {}",
                q[total_rate].display(),
                pct_text(central, 2)
            ),
            format!(
                "the total's growth {} disagrees with its parts' growth: they imply {}",
                q[total_rate].display(),
                pct_text(central, 2)
            ),
        ),
    )
    .with_severity(severity(comparable))
    .primary(Message::new(
        format!("分项推算为 {exp}"),
        format!("parts imply {exp}"),
    ))
    .label(
        q[total].span,
        Message::new(
            format!("总量 {}", q[total].display()),
            format!("total {}", q[total].display()),
        ),
    );
    for &(p, r) in parts {
        d = d.label(
            q[p].span,
            Message::new(
                format!("分项 {}，增幅 {}", q[p].display(), q[r].display()),
                format!("part {}, growth {}", q[p].display(), q[r].display()),
            ),
        );
    }
    out.push(
        d.help(Message::new(
            format!(
                "核对总量或分项的增幅；分项推算的总量增幅为 {}",
                pct_text(central, 2)
            ),
            format!(
                "check the growth of the total or of the parts; the parts imply {}",
                pct_text(central, 2)
            ),
        ))
        .expected_found(exp, q[total_rate].display()),
    );
}

fn levels(
    doc: &Document,
    change: usize,
    current: usize,
    prior: usize,
    comparable: bool,
    out: &mut Vec<Diagnostic>,
) {
    let q = &doc.quantities;
    let (c, p, ch) = (&q[current], &q[prior], &q[change]);
    let (ci, pi) = (interval_of(c), interval_of(p));
    let diff = ci.sub(&pi);
    let hundred = Decimal::ONE_HUNDRED;
    let points =
        ch.unit == Unit::PercentPoint && c.unit == Unit::Percent && p.unit == Unit::Percent;
    let (fit, expected, found) = if let Some(g) = growth_interval(ch).filter(|_| !points) {
        if p.value.is_zero() {
            // A rise from zero has no percentage.
            let d = Diagnostic::new(
                &ChangeMismatch::META,
                ch.span,
                Message::new(
                    format!("上年数为0，增幅 {} 无意义", ch.display()),
                    format!(
                        "the prior value is 0, so the change {} has no percentage",
                        ch.display()
                    ),
                ),
            )
            .with_severity(severity(comparable))
            .label(
                p.span,
                Message::new(
                    format!("上年 {}", p.display()),
                    format!("prior {}", p.display()),
                ),
            )
            .help(Message::new(
                "改为写明增加额",
                "state the absolute increase instead",
            ));
            out.push(d);
            return;
        }
        let Some(rel) = diff.div(&pi).or_else(|| {
            // Negative differences: divide the magnitudes.
            let neg = Interval {
                lo: -diff.hi,
                hi: -diff.lo,
            };
            neg.div(&pi).map(|r| Interval {
                lo: -r.hi,
                hi: -r.lo,
            })
        }) else {
            return;
        };
        let implied = rel.scale(hundred);
        let central = (c.base_value() - p.base_value()) / p.base_value() * hundred;
        let word = if central < Decimal::ZERO {
            "下降"
        } else {
            "增长"
        };
        (
            Fit::of(
                doc,
                implied.meets(&g),
                rounds_to(central.abs(), ch.decimals, ch.value.abs()),
            ),
            format!("{word}{}", pct_text(central.abs(), ch.decimals)),
            ch.display(),
        )
    } else if ch.unit.same_dimension(&c.unit) || points {
        let sign = change_sign(ch.label_text());
        let stated = interval_of(ch).scale(sign);
        let central = c.base_value() - p.base_value();
        let mut v = central.abs();
        for _ in 0..ch.unit.scale() {
            v /= Decimal::TEN;
        }
        (
            Fit::of(
                doc,
                diff.meets(&stated),
                rounds_to(v, ch.decimals, ch.value.abs()),
            ),
            format!("{}{}", fmt_trim(v, ch.decimals.max(2)), ch.unit.display()),
            ch.display(),
        )
    } else {
        return;
    };
    if fit == Fit::Holds {
        return;
    }
    let (within_zh, within_en) = fit.note();
    out.push(
        Diagnostic::new(
            &ChangeMismatch::META,
            ch.span,
            Message::new(
                format!(
                    "变动 {found} 与本期 {} 、上期 {} 不符：应为{expected}{within_zh}",
                    c.display(),
                    p.display()
                ),
                format!(
                    "change {found} disagrees with current {} and prior {}: expected {expected}{within_en}",
                    c.display(),
                    p.display()
                ),
            ),
        )
        .with_severity(severity(comparable))
        .primary(Message::new(
            format!("应为{expected}"),
            format!("expected {expected}"),
        ))
        .label(
            c.span,
            Message::new(
                format!("本期 {}", c.display()),
                format!("current {}", c.display()),
            ),
        )
        .label(
            p.span,
            Message::new(
                format!("上期 {}", p.display()),
                format!("prior {}", p.display()),
            ),
        )
        .help(Message::new(
            format!("按本期与上期重新计算：{expected}"),
            format!("recompute from the two levels: {expected}"),
        ))
        .expected_found(expected, found),
    );
}

/// A growth rate against its change amount and the current level: the prior level is the
/// current one less the change (signed by its verb).
fn change_rate(
    doc: &Document,
    current: usize,
    change: usize,
    rate: usize,
    comparable: bool,
    out: &mut Vec<Diagnostic>,
) {
    let q = &doc.quantities;
    let (c, ch, r) = (&q[current], &q[change], &q[rate]);
    let Some(stated) = growth_interval(r) else {
        return;
    };
    let sign = change_sign(ch.label_text());
    let delta = interval_of(ch).scale(sign);
    let prior = interval_of(c).sub(&delta);
    let prior_central = c.base_value() - ch.base_value() * sign;
    if prior_central <= Decimal::ZERO || prior.lo <= Decimal::ZERO {
        return;
    }
    let Some(implied) = delta.div(&prior).or_else(|| {
        let neg = Interval {
            lo: -delta.hi,
            hi: -delta.lo,
        };
        neg.div(&prior).map(|x| Interval {
            lo: -x.hi,
            hi: -x.lo,
        })
    }) else {
        return;
    };
    let hundred = Decimal::ONE_HUNDRED;
    let central = ch.base_value() * sign / prior_central * hundred;
    let fit = Fit::of(
        doc,
        implied.scale(hundred).meets(&stated),
        rounds_to(central.abs(), r.decimals, r.value.abs()),
    );
    if fit == Fit::Holds {
        return;
    }
    let (within_zh, within_en) = fit.note();
    let word = if central < Decimal::ZERO {
        "下降"
    } else {
        "增长"
    };
    let expected = format!("{word}{}", pct_text(central.abs(), r.decimals));
    let prior_text = {
        let mut v = prior_central;
        for _ in 0..c.unit.scale() {
            v /= Decimal::TEN;
        }
        format!("{}{}", fmt_trim(v, c.decimals.max(2)), c.unit.display())
    };
    // A fall adds back to the current level what a rise takes off.
    let (op, op_en) = if sign < Decimal::ZERO {
        ("+", "plus")
    } else {
        ("−", "less")
    };
    out.push(
        Diagnostic::new(
            &ChangeMismatch::META,
            r.span,
            Message::new(
                format!(
                    "增幅 {} 与变动额 {} 不符：上期为 {} {op} {} = {prior_text}，应为{expected}{within_zh}",
                    r.display(),
                    ch.display(),
                    c.display(),
                    ch.display()
                ),
                format!(
                    "growth {} disagrees with the change {}: the prior level is {} {op_en} {} = {prior_text}, so {expected}{within_en}",
                    r.display(),
                    ch.display(),
                    c.display(),
                    ch.display()
                ),
            ),
        )
        .with_severity(severity(comparable))
        .primary(Message::new(
            format!("应为{expected}"),
            format!("expected {expected}"),
        ))
        .label(
            c.span,
            Message::new(
                format!("本期 {}", c.display()),
                format!("current {}", c.display()),
            ),
        )
        .label(
            ch.span,
            Message::new(
                format!("变动额 {}", ch.display()),
                format!("change {}", ch.display()),
            ),
        )
        .help(Message::new(
            format!("按变动额与上期数重新计算：{expected}"),
            format!("recompute from the change and the prior level: {expected}"),
        ))
        .expected_found(expected, r.display()),
    );
}

/// A total's change against the sum of its parts' changes, each signed by its verb. A shortfall
/// beyond a slip may be a partial list and is left alone; parts that go beyond the total, or
/// miss it by a slip, are reported.
fn change_sum(
    doc: &Document,
    total: usize,
    parts: &[usize],
    complete: bool,
    out: &mut Vec<Diagnostic>,
) {
    let q = &doc.quantities;
    let t = &q[total];
    let signed = |i: usize| interval_of(&q[i]).scale(change_sign(q[i].label_text()));
    let sum = parts
        .iter()
        .fold(Interval::exact(Decimal::ZERO), |a, &p| a.add(&signed(p)));
    let ti = signed(total);
    if sum.meets(&ti) {
        return;
    }
    let central: Decimal = parts
        .iter()
        .map(|&p| q[p].base_value() * change_sign(q[p].label_text()))
        .sum();
    let tc = t.base_value() * change_sign(t.label_text());
    if tc.is_zero() {
        return;
    }
    let beyond = if tc > Decimal::ZERO {
        central > tc
    } else {
        central < tc
    };
    if !complete && !beyond && ((tc - central) / tc).abs() > SLIP_SHARE {
        return;
    }
    let mut v = central;
    for _ in 0..t.unit.scale() {
        v /= Decimal::TEN;
    }
    let sum_text = format!("{}{}", fmt_trim(v, t.decimals.max(2)), t.unit.display());
    let mut d = Diagnostic::new(
        &ChangeMismatch::META,
        t.span,
        Message::new(
            format!("总变动 {} 与各分项变动之和 {sum_text} 不符", t.display()),
            format!(
                "the total change {} disagrees with the sum of the parts' changes {sum_text}",
                t.display()
            ),
        ),
    )
    .primary(Message::new(
        format!("分项变动合计 {sum_text}"),
        format!("parts' changes sum to {sum_text}"),
    ));
    for &p in parts {
        d = d.label(
            q[p].span,
            Message::new(
                format!("分项变动 {}", q[p].display()),
                format!("part's change {}", q[p].display()),
            ),
        );
    }
    out.push(
        d.help(Message::new(
            format!("核对总变动或分项变动：分项变动合计 {sum_text}"),
            format!("check the total change or the parts: they sum to {sum_text}"),
        ))
        .expected_found(sum_text.clone(), t.display()),
    );
}
