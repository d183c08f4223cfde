//! D003 source-document-conflict.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::relations::DocumentVerdict;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// One document number (文件号) is cited with two different amounts for the same item.
    ///
    /// ### What it checks
    /// A document number — an issuer's abbreviation, the year in brackets and a number with
    /// 号: `财预〔2023〕12号`, `X财教[2022]45号`, `（粤财社〔2021〕88号）`; the bracket styles
    /// 〔〕 [] （） 【】 are the same number — cited more than once, each time with the amount it
    /// allocates: the one amount of the citation's clause, or of the next clause when the
    /// number stands alone in its own (`根据《…的通知》（财预〔2023〕12号），下达补助资金356万元`).
    /// Two citations are compared only when their amounts are for the same item: the amount's
    /// label, without the generic words of an allocation (下达, 拨付, 我县, 资金 …), is the
    /// same. A document that allocates several projects gives each its own item, and those
    /// are never compared; nor are amounts described as spent or carried over (已支付, 支出,
    /// 结转), or clauses with several amounts. `jxlint check --coverage` lists the numbers not
    /// judged with the reason. Two mentions that D001 already compares as one metric are left
    /// to it.
    ///
    /// ### Why
    /// The document that allocated a fund is the source of its amount; a report that cites it
    /// with two amounts for the same fund has mis-copied one of them, and the reviewer must go
    /// back to the document to find which.
    ///
    /// ### Example
    /// ```text
    /// 根据《关于下达2023年农村道路养护补助资金的通知》（湘财建〔2023〕41号），下达我县农村道路养护补助资金356万元。
    /// ……
    /// 湘财建〔2023〕41号下达农村道路养护补助资金365万元，已全部拨付到乡镇。
    /// ```
    ///
    /// ### How to fix
    /// Check the amount in the cited document and correct the citation that differs; if the
    /// two amounts are for different items, name the items.
    ///
    /// No automatic fix: only the cited document says which amount is right.
    pub SourceDocumentConflict, "D003", "source-document-conflict", Error
}

impl SourceDocumentConflict {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"同一文件号在引用同一项目时写了两个不同的金额。

### 检查内容
文件号——发文机关简称、括号内的年份和带“号”的序号：`财预〔2023〕12号`、`X财教[2022]45号`、
`（粤财社〔2021〕88号）`；〔〕 [] （） 【】 各种括号视为同一文号——被多次引用、每次都写明其下达的金额时：
取引用所在分句中唯一的金额，文号单独成句时取下一分句的金额
（`根据《…的通知》（财预〔2023〕12号），下达补助资金356万元`）。只有金额对应同一项目时才比较：去掉
下达、拨付、我县、资金等通用词后金额的名称相同。一份文件下达多个项目时各项目名称不同，不作比较；
写明已支付、支出、结转的金额以及分句中有多个金额的，也不比较。`jxlint check --coverage` 列出未核对的
文号及原因。D001 已作为同一指标比较的两处，由 D001 报告。

### 为什么
下达资金的文件是金额的出处；报告引用同一文件、同一项资金却写了两个金额，必有一处抄错，评审只能回到
原文件去核对。

### 示例
```text
根据《关于下达2023年农村道路养护补助资金的通知》（湘财建〔2023〕41号），下达我县农村道路养护补助资金356万元。
……
湘财建〔2023〕41号下达农村道路养护补助资金365万元，已全部拨付到乡镇。
```

### 如何修改
按所引文件核对金额，改正不一致的一处；如两个金额对应不同项目，请写明项目名称。

不自动修正：只有所引文件能说明哪个金额正确。"#;
}

impl Rule for SourceDocumentConflict {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let qs = &cx.doc.quantities;
        for g in &cx.relations.documents {
            let DocumentVerdict::Conflict { first, second } = g.verdict(cx.doc) else {
                continue;
            };
            let (Ok((a1, _)), Ok((a2, _))) =
                (&g.citations[first].amount, &g.citations[second].amount)
            else {
                continue;
            };
            // A restatement of one metric: D001 judges it.
            if cx
                .relations
                .restatements
                .iter()
                .any(|r| r.mentions.contains(a1) && r.mentions.contains(a2))
            {
                continue;
            }
            let (p, q) = (&qs[*a1], &qs[*a2]);
            let n = &g.number;
            out.push(
                Diagnostic::new(
                    &Self::META,
                    q.span,
                    Message::new(
                        format!("同一文件号 {n} 对同一项目写了两个金额：此处 {}，前文 {}", q.display(), p.display()),
                        format!("document {n} is cited with two amounts for the same item: {} here, {} before", q.display(), p.display()),
                    ),
                )
                .primary(Message::new(format!("此处为 {}", q.display()), format!("{} here", q.display())))
                .label(g.citations[second].span, Message::new("此处引用的文件号", "the document cited here"))
                .label(g.citations[first].span, Message::new("前文引用的文件号", "the document cited before"))
                .label(p.span, Message::new(format!("前文为 {}", p.display()), format!("{} before", p.display())))
                .help(Message::new(
                    format!("按 {n} 核对金额并统一两处表述"),
                    format!("check the amount in {n} and use it in both places"),
                ))
                .expected_found(p.display(), q.display()),
            );
        }
    }
}
