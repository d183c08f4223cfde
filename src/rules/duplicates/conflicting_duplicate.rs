//! D001 conflicting-duplicate.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::model::table::ColumnRole;
use crate::relations::restated_differs;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// The same metric of the same subject is stated with different values.
    ///
    /// ### What it checks
    /// Every amount, count and surveyed satisfaction rate in the text is given a subject: its
    /// label as a metric name (words of time, area and discourse such as 本年度, 全区, 综上
    /// dropped), its year and period (`1-12月` and `截至11月底` differ; 上年 is part of the
    /// name), its stage (年初预算, 调整预算, 预算, 决算/实际, 计划/目标 — stated by its own words,
    /// or presumed from what it is stated under or from its heading), what it is stated under
    /// (the total of its `其中` breakdown, the item or figure that opens its sentence, which a
    /// generic label such as 实际支出 or 预算数 needs to say what it is about) and the named
    /// town, project or fund of the headings and numbered items above it (`（二）乙镇`,
    /// `2、退役军人事务专项资金项目：`). Two mentions are compared only when all of these agree;
    /// parts of one breakdown are never compared with each other. A mention whose subject
    /// could be either of two (a 基本支出 with nothing saying whether it is the budget's or the
    /// spending's) is left unsettled and listed by `--coverage`, not compared. A mention is
    /// reported when its value differs from the first mention's after both are rounded to the
    /// coarser precision either is written in (`12.46万元` and `12.5万元` agree; `1.2亿元` and
    /// `12000万元` agree). Approximate figures (约, 以上) and targets (`目标值`, `不低于`) are
    /// not restatements; a change (`比上年减少`) is one only as the change of the level it
    /// follows right after a comma (`“三公”经费支出合计26.40万元，比上年减少3.15万元`),
    /// compared with the same change of that level in the same words, and a comparison base
    /// so placed (`较2023年的912万元`) is that level for the year it names. The same digits in
    /// another unit are U001's.
    ///
    /// A table cell stated again in the prose is compared too: the 全年执行数, 全年预算数,
    /// 年初预算数 or 执行率 of the 年度资金总额 row against a sentence naming the project's
    /// spending, budget or rate (`项目实际支出`, `项目全年预算`, `项目预算执行率`; a label
    /// without 项目 such as `实际支出`, `全年执行数` or `执行率` only right after such a figure
    /// in the same sentence, since it speaks of whatever came before it), in a document with one
    /// such table whose money unit is stated; and the 实际完成值 of an indicator row against
    /// a sentence naming that indicator (`改造户用卫生厕所1263座`), in the same unit, outside a
    /// section of goals and unless the sentence states the row's target. Amounts are compared
    /// in 元 (`498.60` 万元 and `4,986,000元` agree); the same digits in two units are U001's.
    ///
    /// ### Why
    /// Two values for one metric leave the reader unable to tell which is true; it usually
    /// means a paragraph was pasted from an older draft or a figure was retyped.
    ///
    /// ### Example
    /// ```text
    /// 1.“三公”经费。2023年“三公”经费预算18.40万元，实际支出15.27万元。
    /// ……
    /// 综上，2023年“三公”经费预算18.60万元，各项支出均控制在预算以内。
    /// ```
    ///
    /// ### How to fix
    /// Keep the correct value in every place, or make the labels say what differs (scope,
    /// period, stage, which town or project).
    ///
    /// No automatic fix: which of the statements is right is not known.
    pub ConflictingDuplicate, "D001", "conflicting-duplicate", Error
}

impl ConflictingDuplicate {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"同一主体的同一指标出现了不同的数值。

### 检查内容
正文中的每个金额、数量和满意度调查结果都确定其主体：作为指标名称的标签（去掉 本年度、全区、综上 等
时间、区域和承接用语），年份和期间（`1-12月` 与 `截至11月底` 不同；“上年”属于名称的一部分），阶段
（年初预算、调整预算、预算、决算/实际、计划/目标——由数字自身的文字写明，或按其所属的总数、所在标题
推定），所属对象（`其中` 分项所属的总数、句首的事项或数字；实际支出、预算数 这类泛称须靠它说明指什么），
以及上级标题和编号事项所指的具名乡镇、项目或资金（`（二）乙镇`、`2、退役军人事务专项资金项目：`）。
只有这些都一致的两处才比较；同一分项列表中的各项互不比较。主体可能属于两者之一的提法（例如看不出是
预算还是支出的“基本支出”）不作比较，记为未能确定，由 `--coverage` 列出。数值按二者中较粗的精度舍入后
仍与第一次出现处不同的，予以报告（`12.46万元` 与 `12.5万元` 一致；`1.2亿元` 与 `12000万元` 一致）。
近似数（约、以上）和目标值（`目标值`、`不低于`）不属于重复表述；增减额（`比上年减少`）只有在逗号后紧随
其所变动的数字时（`“三公”经费支出合计26.40万元，比上年减少3.15万元`）才作为该数字的增减额，与同一数字
措辞相同的增减额比较；如此紧随的比较基数（`较2023年的912万元`）即为该数字在所写年份的数值。数字相同而
单位不同的情况属于 U001。

表格中的数字在正文中再次出现时也作比较：年度资金总额 行的 全年执行数、全年预算数、年初预算数 或 执行率，
与指明本项目支出、预算或执行率的正文（`项目实际支出`、`项目全年预算`、`项目预算执行率`；不含“项目”的
`实际支出`、`全年执行数`、`执行率` 指代前文所述对象，只在同一句中紧随此类数字时才作对应）比较，限于全文只有一张此类表格且表格注明了金额单位；指标行的 实际完成值
与指明该指标的正文（`改造户用卫生厕所1263座`）比较，单位相同，不在绩效目标部分，且正文数字不等于该行的
年度指标值。金额换算为元后比较（`498.60` 万元与 `4,986,000元` 相符）；数字相同而单位不同的属于 U001。

### 为什么
同一指标两个数值，读者无从判断哪个是真的；这通常意味着某段文字是从旧稿中粘贴来的，或数字被重新录入时写错。

### 示例
```text
1.“三公”经费。2023年“三公”经费预算18.40万元，实际支出15.27万元。
……
综上，2023年“三公”经费预算18.60万元，各项支出均控制在预算以内。
```

### 如何修改
各处统一为正确的数值，或在标签中写明差别所在（口径、期间、阶段、哪个乡镇或项目）。

不自动修正：不知道哪一处的说法是对的。"#;
}

impl Rule for ConflictingDuplicate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let qs = &cx.doc.quantities;
        for g in &cx.relations.restatements {
            let first = &qs[g.mentions[0]];
            for &m in &g.mentions[1..] {
                let q = &qs[m];
                if !restated_differs(q, first) || q.value == first.value {
                    continue;
                }
                let label = g.name_of(m, q.label_text());
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        q.span,
                        Message::new(
                            format!("同一指标「{label}」前后数值不一致：此处 {}，前文 {}", q.display(), first.display()),
                            format!("the same metric “{label}” is stated with two values: {} here, {} before", q.display(), first.display()),
                        ),
                    )
                    .primary(Message::new(format!("此处为 {}", q.display()), format!("stated as {} here", q.display())))
                    .label(first.span, Message::new(format!("前文为 {}", first.display()), format!("first stated as {}", first.display())))
                    .help(Message::new("核对该指标的正确数值并统一各处表述", "check which value is right and use it everywhere"))
                    .expected_found(first.display(), q.display()),
                );
            }
        }
        // A table cell the prose states again (`crate::relations::table_prose`).
        for x in &cx.relations.table_prose.restatements {
            if x.consistent {
                continue;
            }
            let q = &qs[x.prose];
            let column = column_name(x.role);
            let (label, cell) = (&x.label, &x.cell_text);
            out.push(
                Diagnostic::new(
                    &Self::META,
                    q.span,
                    Message::new(
                        format!(
                            "正文所述 {} 与表格「{label}」{} {cell} 不一致",
                            q.display(),
                            column.0
                        ),
                        format!(
                            "the prose states {} where the table gives {cell} for “{label}” ({})",
                            q.display(),
                            column.1
                        ),
                    ),
                )
                .primary(Message::new(
                    format!("正文为 {}", q.display()),
                    format!("stated as {} here", q.display()),
                ))
                .label(
                    x.cell,
                    Message::new(
                        format!("表格「{label}」{} 为 {cell}", column.0),
                        format!("the table's {} of “{label}” is {cell}", column.1),
                    ),
                )
                .help(Message::new(
                    "核对表格与正文，统一为正确的数值",
                    "check the table against the prose and use the right value in both",
                ))
                .expected_found(cell.clone(), q.display()),
            );
        }
    }
}

/// A column's name in both languages, for messages.
fn column_name(role: ColumnRole) -> (&'static str, &'static str) {
    match role {
        ColumnRole::Spent => ("全年执行数", "spent"),
        ColumnRole::Budget => ("全年预算数", "budget"),
        ColumnRole::InitialBudget => ("年初预算数", "initial budget"),
        ColumnRole::Rate => ("执行率", "execution rate"),
        ColumnRole::Actual => ("实际完成值", "actual value"),
        _ => ("", "value"),
    }
}
