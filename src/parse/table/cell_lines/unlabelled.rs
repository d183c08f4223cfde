//! A row of figures without a name of its own right after the names of its columns: the
//! header of a small block of a data sheet (`编制数 | 实际在职人数 | 控制率` then `46 | 50 |
//! 108.70%`). The cell before the figures is then a column name, not the row's label.
//!
//! Read only when the shape leaves one reading: the `v` cells before the `v` figures are
//! distinct names that name no row (no 合计, no 年度资金总额, no 其中 part) and no total column,
//! the figures are all written (no blanks) and end there, and each figure is a percentage
//! exactly when its column's name holds a rate — with one rate column at least and two
//! others.

use crate::model::Block;
use crate::model::table::{Table, TableForm, Uncertain};

use super::header::{is_total_word, value_role, word};
use super::{Kind, Run, build_row, rate_like};
use crate::parse::table::roles::{clean, row_kind};

/// The table of the row whose `v` figures start at cell `first`, and the index past it.
pub(super) fn read(
    text: &str,
    blocks: &[Block],
    run: &Run,
    first: usize,
    v: usize,
) -> Option<(Table, usize)> {
    let c = &run.cells;
    let head = c.get(first.checked_sub(v)?..first)?;
    let values = c.get(first..first + v)?;
    if c.get(first + v).is_some_and(|t| t.kind == Kind::Value) {
        return None;
    }
    let names: Vec<String> = head
        .iter()
        .map(|t| clean(text.get(t.span.start..t.span.end).unwrap_or("")))
        .collect();
    let named = head.iter().zip(&names).all(|(t, n)| {
        t.kind == Kind::Label && row_kind(n).is_none() && !is_total_word(n) && !word(n).is_empty()
    });
    let distinct = names
        .iter()
        .enumerate()
        .all(|(i, n)| !names[..i].contains(n));
    if !named || !distinct || values.iter().any(|t| t.kind != Kind::Value) {
        return None;
    }
    let mut rates = 0;
    for (n, t) in names.iter().zip(values) {
        let percent = t.value.as_ref().is_some_and(|x| x.percent);
        if rate_like(n) != percent {
            return None;
        }
        rates += usize::from(percent);
    }
    if rates == 0 || v - rates < 2 {
        return None;
    }
    let roles: Vec<_> = names.iter().map(|n| value_role(n)).collect();
    let row = build_row(text, blocks, values, 0, &roles);
    let uncertain = if run.bounded {
        row.uncertain
    } else {
        Some(Uncertain::Open)
    };
    let span = head[0].span.cover(row.span);
    Some((
        Table {
            span,
            form: TableForm::Lines,
            columns: roles,
            rows: vec![row],
            certain: uncertain.is_none(),
            uncertain,
            names,
            column_totals: Vec::new(),
        },
        first + v,
    ))
}
