//! J001 schema-violation.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// Structured report data violates its JSON Schema (`schemas/report.schema.json`).
    ///
    /// ### What it checks
    /// Report data in JSON is validated against `schemas/report.schema.json`; every violation
    /// is reported once, at the offending value's line and column, with what the schema expects
    /// there in words: a string where a number belongs, a missing required field, a unit other
    /// than 元/万元/亿元, an unknown field (with the closest allowed one), a negative amount.
    /// Also reported here: a key given twice in one object, an amount with no unit (neither its
    /// own nor one declared above it), a number that cannot be held exactly (more than 28
    /// digits) or is beyond what is checked (more than 8 decimal places, or above 10^18 元 or
    /// units), a metric unit or period jxlint cannot read, and a rate operand, metric part or
    /// id that refers to nothing in the file.
    ///
    /// Values that break the schema are left out of the other checks; everything else in the
    /// file is still checked. A file that is not JSON at all is not a J001 finding: it cannot
    /// be read, and is reported as a parse error (exit status 2).
    ///
    /// ### Why
    /// Data that does not follow the schema cannot be checked reliably: a figure given as text
    /// (`"8733.75万元"`) or in an unknown unit is a figure jxlint would otherwise have to guess
    /// at — and never does.
    ///
    /// ### Example
    /// ```json
    /// {"report": {"department": "某中心", "year": 2023, "kind": "部门整体"},
    ///  "unit": "千元",
    ///  "staff": {"in_post": "34"}}
    /// ```
    /// `unit` must be 元, 万元 or 亿元; `staff.in_post` must be an integer, not a string.
    ///
    /// ### How to fix
    /// Change the value as the message says; the schema's `description` of each field says
    /// what it holds.
    ///
    /// No automatic fix: report data is never rewritten.
    pub SchemaViolation, "J001", "schema-violation", Error
}

impl SchemaViolation {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"结构化报告数据不符合其 JSON Schema（`schemas/report.schema.json`）。

### 检查内容
JSON 报告数据按 `schemas/report.schema.json` 校验；每处违反只报告一次，位于出错值的行列处，并用文字说明
该处应为何值：应为数字却是字符串、缺少必填字段、单位不是 元/万元/亿元、未知字段（附最接近的合法字段）、
金额为负。同样在此报告：同一对象中重复的键、没有单位的金额（既无自身单位，上级也未声明）、无法精确表示
（超过 28 位）或超出检查范围（超过 8 位小数，或大于 10^18 元或单位）的数字、无法识别的指标单位或期间，
以及指向文件中不存在对象的比率运算数、指标分项或 id。

违反 Schema 的值不参与其他检查；文件中的其余内容照常检查。根本不是 JSON 的文件不算 J001：
它无法读取，作为解析错误报告（退出状态 2）。

### 为什么
不符合 Schema 的数据无法可靠地检查：写成文本的数字（`"8733.75万元"`）或未知单位的数字，
jxlint 只能去猜——而它从不猜。

### 示例
```json
{"report": {"department": "某中心", "year": 2023, "kind": "部门整体"},
 "unit": "千元",
 "staff": {"in_post": "34"}}
```
`unit` 必须是 元、万元 或 亿元；`staff.in_post` 必须是整数，而不是字符串。

### 如何修改
按提示修改该值；Schema 中每个字段的 `description` 说明了它的含义。

不自动修正：报告数据从不改写。"#;
}

impl Rule for SchemaViolation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(data) = &cx.doc.data else { return };
        for v in &data.violations {
            let mut d = Diagnostic::new(&Self::META, v.span, v.message.clone()).help(
                v.help.clone().unwrap_or_else(|| {
                    Message::new(
                        "按 schemas/report.schema.json 修改此处的数据",
                        "change the value to follow schemas/report.schema.json",
                    )
                }),
            );
            if let (Some(e), Some(f)) = (&v.expected, &v.found) {
                d = d.expected_found(e.clone(), f.clone());
            }
            out.push(d);
        }
    }
}
