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
