//! A001 ratio-mismatch.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::numeric::fmt_fixed;
use crate::relations::{RatioKind, RatioVerdict};
use crate::rules::arithmetic::{operand_label, ratio_text, summed_share_labels, summed_whole_text};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// A stated rate (执行率, 控制率, 整改率, 占比 …) differs from the ratio of its own operands.
    ///
    /// ### What it checks
    /// Every rate that the text binds to its operands by meaning — 执行率 with the 支出/决算
    /// and 预算 figures of its sentence, 整改率 with `共…N处` and `完成整改M处`, 占比 with the
    /// part and the whole it is a share of, 支付率 / 拨付率 / 到位率 / 分配率 with the amount
    /// paid, allocated or received and the whole before it (`资金总量6.40亿元，支出3.52亿元，
    /// 支付率55.0%`; an amount left, 未分配…, is neither — but a whole and the amount left of
    /// the rate's own act alone, `资金45.66亿元，未分配0.32亿元，分配率99.3%`, give the rate as
    /// (whole − left) / whole), 核减率 with the amount cut over the
    /// amount submitted (送审) — is recomputed exactly and compared at the
    /// rate's own written precision (±½ unit of its last digit; operands rounded at theirs).
    /// A lone `占比` right after an amount is of that amount over the total just before it
    /// (`资金总规模8642.50万元，纳入方案资金7120.36万元，占比82.39%`).
    /// Shares of one named whole stated item by item (`（一）A类科目a元，占支出总预算x%` …) whose
    /// run totals 100% are of the sum of their amounts, when the document states that sum.
    /// When it states the sum nowhere, shares of one whole that total 100% (within their
    /// rounding and 0.02 points) — item by item, or together in one sentence (`安排A
    /// 4820.50万元，占比58.46%，安排B 3425.10万元，占比41.54%`; `税收占财政总收入的比重` with
    /// the amount its subject names, past a change and its growth rate) — are judged against
    /// the sum of their amounts: shares that make 100% say their amounts are all of the whole.
    /// A 支出进度 and a 结余率 of one subject stated apart that total 100% are shares of the
    /// sum of their amounts. An execution rate is also bound to the whole the text states:
    /// funds that the amount spent and the amount left add up to exactly, funds said to have
    /// arrived in full (`项目资金全部到位`, the whole project's, not one source's), a whole named
    /// as written (`占本年支出合计的x%`), a named whole that other shares of its run pin to a
    /// figure; 在职人员控制率 is the staff in post over the posts approved (核定编制), and
    /// 固定资产利用率 the assets in use over the fixed assets held, and a 完成率 stated with a
    /// plan what was done over what was planned, in either order and past 100%
    /// (`计划培训1200人次，实际培训1260人次，完成率105%`).
    /// Where the text allows another reading (a second budget figure in the sentence), the
    /// rate is accepted if any reading explains it.
    /// A percentage written as the result of a calculation written out before it
    /// (`变动率=(63.46-32)÷32=98.31%`, `=235.6万元/250万元×100%=94.24%`) is what that
    /// calculation gives exactly, at its written precision (a truncation is A002's).
    ///
    /// ### Why
    /// A rate that does not follow from the figures beside it is either a calculation error
    /// or a figure copied from another version of the report; reviewers deduct for both.
    ///
    /// ### Example
    /// ```text
    /// 调整预算为500.00万元，实际支出468.00万元，预算执行率95.20%。
    /// ```
    /// 468.00 / 500.00 = 93.60%, not 95.20%.
    ///
    /// Table rows are judged the same way: the 执行率 of a 项目资金 row must be its 全年执行数
    /// over its 全年预算数. When the stated rate is instead the 全年执行数 over the 年初预算数,
    /// the diagnostic says so.
    ///
    /// ```text
    /// | 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
    /// | 年度资金总额     | 500        | 480        | 456        | 10   | 91.20% | 9.12 |
    /// ```
    /// 456 / 480 = 95.00%; 91.20% is 456 / 500, the 年初预算数.
    ///
    /// ### How to fix
    /// Recompute the rate from the operands (the diagnostic's help gives the value), or correct
    /// the operand that is wrong.
    ///
    /// No automatic fix: the rate, its numerator or its denominator may be the wrong figure.
    pub RatioMismatch, "A001", "ratio-mismatch", Error
}

impl RatioMismatch {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"所写比率（执行率、控制率、整改率、占比……）与其运算数之比不符。

### 检查内容
正文按语义把比率与其运算数对应起来——执行率对应同一句中的支出/决算数与预算数，整改率对应
`共…N处` 与 `完成整改M处`，占比对应分项与总额，支付率、拨付率、到位率、分配率对应已支付、已分配或已到位的金额
与其前面的总额（`资金总量6.40亿元，支出3.52亿元，支付率55.0%`；未分配等剩余金额两者都不是——但只写了总额和该行为的剩余金额时，
`资金45.66亿元，未分配0.32亿元，分配率99.3%`，比率为（总额 − 剩余）/ 总额），核减率对应核减金额与送审金额——再用精确十进制重新计算，按比率自身的书写精度
比较（允许末位 ±½ 个单位，运算数按其自身精度取区间）。正文允许另一种读法时（同句中还有一个预算数），
只要有一种读法能解释该比率即视为相符。写在算式之后的结果（`变动率=(63.46-32)÷32=98.31%`、
`=235.6万元/250万元×100%=94.24%`）须等于按所写算式精确计算、按结果书写精度舍入的值（截尾由 A002 报告）。紧跟在金额之后、未写总额的“占比”，是该金额与其前面紧邻的总额（总规模、总额、合计……）之比。逐项写出“占同一总额X%”（`（一）A类科目a元，占支出总预算x%` ……）且
合计为 100% 的一组占比，其总额是各项金额之和，文中写出这一和数时据此核对。文中没有写出这一和数时，
同一总额的各项占比（逐项写出，或在一句中并列写出：`安排A 4820.50万元，占比58.46%，安排B 3425.10万元，占比41.54%`；
`税收占财政总收入的比重` 对应其主语所指的金额，跳过其间的增减额和增长率）合计为 100%（允许各自的舍入误差及 0.02 个百分点）时，
按各项金额之和核对每项占比：合计 100% 说明这些金额就是总额的全部。同一主体分开写出的支出进度与
结余率合计为 100% 时，是两项金额之和的占比。执行率也按正文写明的总额核对：已支出与结余恰好相加
而得的资金、写明全部到位的资金（整个项目的，而非其中一个来源的）、按原文名称写出的总额
（`占本年支出合计的x%`）、同组其他占比确定为某一数字的总额；在职人员控制率为在职人数与核定编制数之比，
固定资产利用率为在用资产与固定资产之比，与计划数一并写出的完成率为实际完成数与计划数之比（先后不拘，
可超过 100%：`计划培训1200人次，实际培训1260人次，完成率105%`）。

表格各行同样核对：项目资金行的执行率应为全年执行数 / 全年预算数；所写执行率实为全年执行数 / 年初预算数时，
诊断会指明分母用错。

### 为什么
比率与旁边的数字推不出来，要么是算错了，要么是从另一版报告抄来的；评审对两者都会扣分。

### 示例
```text
调整预算为500.00万元，实际支出468.00万元，预算执行率95.20%。
```
468.00 / 500.00 = 93.60%，不是 95.20%。

### 如何修改
按运算数重新计算比率（诊断的帮助信息给出正确值），或改正有误的运算数。

不自动修正：有误的可能是比率、分子或分母。"#;
}

impl Rule for RatioMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (c, expected) in
            crate::rules::arithmetic::written_calc_findings(cx.doc, cx.relations, false)
        {
            out.push(crate::rules::arithmetic::written_calc_diagnostic(
                &Self::META,
                cx.doc,
                c,
                expected,
            ));
        }
        table_rates(cx, out);
        summed_shares(cx, out);
        let doc = cx.doc;
        let q = &doc.quantities;
        for (c, verdict) in cx.relations.ratios.iter().zip(cx.ratio_verdicts().iter()) {
            let &RatioVerdict::Mismatch { expected, inverted } = verdict else {
                continue;
            };
            let (rate, num, den) = (&q[c.rate], &q[c.numerator], &q[c.denominator]);
            let exp = format!("{}%", fmt_fixed(expected, rate.decimals));
            let exact = ratio_text(doc, c, rate.decimals + 2);
            let what = match c.kind {
                RatioKind::Share => ("占比", "share"),
                _ => ("比率", "rate"),
            };
            let (rd, nd, dd) = (rate.display(), num.display(), den.display());
            let mut message = Message::new(
                format!(
                    "{}{}{} 与其运算数不符：{} / {} = {}%",
                    what.0,
                    if rate.label_text().is_empty() {
                        String::new()
                    } else {
                        format!("「{}」", rate.label_text())
                    },
                    rd,
                    nd,
                    dd,
                    exact
                ),
                format!(
                    "{} {} does not follow from its operands: {} / {} = {}%",
                    what.1, rd, nd, dd, exact
                ),
            );
            if inverted {
                message
                    .zh
                    .push_str("（所写比率与倒数相符，疑为分子分母颠倒）");
                message.en.push_str(" (the stated rate matches the inverse ratio: numerator and denominator look swapped)");
            }
            out.push(
                Diagnostic::new(&Self::META, rate.span, message)
                    .primary(Message::new(
                        format!("应为 {exp}"),
                        format!("expected {exp}"),
                    ))
                    .label(num.span, operand_label(num, "分子", "numerator"))
                    .label(den.span, operand_label(den, "分母", "denominator"))
                    .help(Message::new(
                        format!("按 {} / {} 计算，应为 {exp}；或核对运算数", nd, dd),
                        format!(
                            "computed from {} / {} it is {exp}; or check the operands",
                            nd, dd
                        ),
                    ))
                    .expected_found(exp.clone(), rd),
            );
        }
    }
}

/// Shares of a whole stated nowhere against the sum of their group's amounts.
fn summed_shares(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let q = &doc.quantities;
    for c in &cx.relations.summed_shares {
        let RatioVerdict::Mismatch { expected, .. } = c.verdict(doc) else {
            continue;
        };
        let (rate, num) = (&q[c.rate], &q[c.numerator]);
        let exp = format!("{}%", fmt_fixed(expected, rate.decimals));
        let (whole, exact) = summed_whole_text(doc, c, rate.decimals + 2);
        let label = if rate.label_text().is_empty() || rate.label_text().starts_with("占比") {
            String::new()
        } else {
            format!("「{}」", rate.label_text())
        };
        let mut d = Diagnostic::new(
            &RatioMismatch::META,
            rate.span,
            Message::new(
                format!(
                    "占比{label}{} 与其金额不符：各项占比合计 100%，总额即各项之和 {whole}；{} / 总额 = {exact}%",
                    rate.display(),
                    num.display()
                ),
                format!(
                    "share {} does not follow from its amount: the shares total 100%, so the whole is the sum of the parts {whole}; {} / whole = {exact}%",
                    rate.display(),
                    num.display()
                ),
            ),
        )
        .primary(Message::new(
            format!("应为 {exp}"),
            format!("expected {exp}"),
        ))
        ;
        d = summed_share_labels(d, doc, c);
        out.push(
            d.help(Message::new(
                format!("按各项金额计算应为 {exp}；或核对各项金额"),
                format!("computed from the parts it is {exp}; or check the amounts"),
            ))
            .expected_found(exp.clone(), rate.display()),
        );
    }
}

/// The 执行率 of table rows against their own amounts.
fn table_rates(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for r in &cx.relations.tables.rates {
        let RatioVerdict::Mismatch { expected, .. } = r.verdict else {
            continue;
        };
        let exp = format!("{}%", fmt_fixed(expected, r.rate.decimals));
        let (rate, spent, budget) = (r.rate.display(), r.spent.display(), r.budget.display());
        // The columns' names: a 项目资金 block's, or those the table gives.
        let (rn, nn, dn, what) = match &r.names {
            Some(n) => (
                n.rate.as_str(),
                n.numerator.as_str(),
                n.denominator.as_str(),
                ("数字", "figures"),
            ),
            None => ("执行率", "全年执行数", "全年预算数", ("金额", "amounts")),
        };
        let row = if r.label.is_empty() {
            String::new()
        } else {
            format!("「{}」", r.label)
        };
        let mut message = Message::new(
            format!(
                "表中{row}{rn} {rate} 与本行{}不符：{nn} {spent} / {dn} {budget} = {exp}",
                what.0
            ),
            format!(
                "the rate {rate} of table row {row} does not follow from its {}: \
                 {nn} {spent} / {dn} {budget} = {exp}",
                what.1
            ),
        );
        if r.initial_explains
            && let Some(i) = &r.initial
        {
            let i = i.display();
            message
                .zh
                .push_str(&format!("（{rate} 是 {spent} / 年初预算数 {i}，分母用错）"));
            message.en.push_str(&format!(
                " ({rate} is {spent} / {i}, the 年初预算数: the wrong base)"
            ));
        }
        let mut d = Diagnostic::new(&RatioMismatch::META, r.rate.span, message)
            .primary(Message::new(
                format!("应为 {exp}"),
                format!("expected {exp}"),
            ))
            .label(
                r.spent.span,
                Message::new(format!("分子：{nn}"), format!("numerator: {nn}")),
            )
            .label(
                r.budget.span,
                Message::new(format!("分母：{dn}"), format!("denominator: {dn}")),
            );
        if r.initial_explains
            && let Some(i) = &r.initial
        {
            d = d.label(
                i.span,
                Message::new(
                    "所写比率的分母：年初预算数",
                    "the stated rate's base: 年初预算数",
                ),
            );
        }
        out.push(
            d.help(Message::new(
                format!("按 {spent} / {budget} 计算，{rn}应为 {exp}"),
                format!("computed from {spent} / {budget} the rate is {exp}"),
            ))
            .expected_found(exp.clone(), rate),
        );
    }
}
