//! D001 conflicting-duplicate.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::model::table::ColumnRole;
use crate::relations::{interval_of, same_subject};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// The same metric for the same period is stated with different values.
    ///
    /// ### What it checks
    /// Figures with the same specific label (`规上商品销售额`, `维修项下进出口总额` — a named
    /// metric, not a generic word such as 实际支出, 预算数 or 合同金额 that different subjects
    /// share), the same period (`1-12月` vs `截至11月底` are different), the same year and the
    /// same kind of unit. Every mention whose value differs from the first mention (beyond
    /// the rounding of either) is reported, with the first mention labelled. Approximate
    /// figures (约, 以上) and figures whose digits agree but whose unit differs (that is
    /// U001) are left out. Mentions that may be about different subjects are not compared:
    /// parallel items (`（一）甲镇…` / `（二）乙镇…`, `一是…；二是…`), and, for a name shorter than
    /// six characters, mentions in different paragraphs. A surveyed satisfaction rate
    /// (`服务对象满意度93.6%`, not a target such as `满意度目标95%`) is one figure of the report
    /// too, compared across paragraphs; a leading word of time (`本年度`) does not change the
    /// name.
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
    /// means a paragraph was pasted from an older draft.
    ///
    /// ### Example
    /// ```text
    /// 规上商品销售额110.9亿元，同比上升389%。……规上商品销售额87.4亿元，同比上升354.8%。
    /// ```
    ///
    /// ### How to fix
    /// Keep the correct value in every place, or make the labels say what differs (scope,
    /// period).
    ///
    /// No automatic fix: which of the statements is right is not known.
    pub ConflictingDuplicate, "D001", "conflicting-duplicate", Error
}

impl ConflictingDuplicate {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"同一指标同一期间出现了不同的数值。

### 检查内容
标签相同且具体（`规上商品销售额`、`维修项下进出口总额` 这样的具名指标，而非 实际支出、预算数、合同金额
等不同主体共用的泛称）、期间相同（`1-12月` 与 `截至11月底` 不同）、年份相同、单位类别相同的数字。
凡与第一次出现的数值不同（超出二者的舍入范围）的，都会报告，并标出第一次出现处。近似数（约、以上）和
数字相同而单位不同的情况（属于 U001）不在此列。可能说的是不同主体的提法不作比较：并列条目
（`（一）甲镇…` / `（二）乙镇…`、`一是…；二是…`），以及名称短于六个字、位于不同段落的提法。

表格中的数字在正文中再次出现时也作比较：年度资金总额 行的 全年执行数、全年预算数、年初预算数 或 执行率，
与指明本项目支出、预算或执行率的正文（`项目实际支出`、`项目全年预算`、`项目预算执行率`；不含“项目”的
`实际支出`、`全年执行数`、`执行率` 指代前文所述对象，只在同一句中紧随此类数字时才作对应）比较，限于全文只有一张此类表格且表格注明了金额单位；指标行的 实际完成值
与指明该指标的正文（`改造户用卫生厕所1263座`）比较，单位相同，不在绩效目标部分，且正文数字不等于该行的
年度指标值。金额换算为元后比较（`498.60` 万元与 `4,986,000元` 相符）；数字相同而单位不同的属于 U001。

### 为什么
同一指标两个数值，读者无从判断哪个是真的；这通常意味着某段文字是从旧稿中粘贴来的。

### 示例
```text
规上商品销售额110.9亿元，同比上升389%。……规上商品销售额87.4亿元，同比上升354.8%。
```

### 如何修改
各处统一为正确的数值，或在标签中写明差别所在（口径、期间）。

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
                if interval_of(q).meets(&interval_of(first))
                    || q.value == first.value
                    || !same_subject(cx.doc, cx.relations, g.mentions[0], m)
                {
                    continue;
                }
                let label = q.label_text();
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
