//! Arithmetic rules: ratios (A001, A002), sums (A003), shares (A004), changes (A005), products (A006), counts (A007),
//! the user's formulas over report data (A008).

pub mod change_mismatch;
pub mod count_mismatch;
pub mod formula_mismatch;
pub mod product_mismatch;
pub mod ratio_mismatch;
pub mod ratio_rounding;
pub mod share_sum;
pub mod sum_mismatch;

use rust_decimal::Decimal;

use crate::diagnostic::Message;
use crate::model::{Document, Quantity};
use crate::numeric::fmt_trim;
use crate::relations::RatioClaim;

/// `num / den × 100` to `dp` places, trailing zeros trimmed (`99.6674`).
pub(crate) fn ratio_text(doc: &Document, c: &RatioClaim, dp: u32) -> String {
    let q = &doc.quantities;
    let v = q[c.numerator]
        .base_value()
        .checked_div(q[c.denominator].base_value())
        .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED));
    v.map_or_else(|| "∞".to_string(), |v| fmt_trim(v, dp))
}

/// The label message for an operand: `支出决算 8707.27元` / `operand 8707.27元`.
pub(crate) fn operand_label(q: &Quantity, zh_role: &str, en_role: &str) -> Message {
    let l = q.label_text();
    if l.is_empty() {
        Message::new(
            format!("{zh_role} {}", q.display()),
            format!("{en_role} {}", q.display()),
        )
    } else {
        Message::new(
            format!("{zh_role}：{l} {}", q.display()),
            format!("{en_role}: {l} {}", q.display()),
        )
    }
}

/// The Chinese name of a table column (`全年预算数`), for messages.
pub(crate) fn column_name(role: crate::model::table::ColumnRole) -> &'static str {
    use crate::model::table::ColumnRole::*;
    match role {
        InitialBudget => "年初预算数",
        Budget => "全年预算数",
        Spent => "全年执行数",
        Weight => "分值",
        Rate => "执行率",
        Score => "得分",
        Target => "年度指标值",
        Actual => "实际完成值",
        Label(_) | FundsLabel | Criteria | Description | Note | Other => "",
    }
}
