//! Reading one cell: a number (`98`, `9.74`, `1,234.50`, `91.20%`, `3359.62万`), a target or
//! measured value (`≥1200座`, `90%以上`, `大于94%`), or nothing.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::roles::clean;
use crate::model::Span;
use crate::model::table::{CellValue, Cmp, Measure};
use crate::parse::qualifier;

/// `98`, `9.74`, `1,234.50` (the whole text); `None` for anything else.
pub fn parse_number(t: &str) -> Option<(Decimal, u32)> {
    if t.is_empty() || t.len() > 32 {
        return None;
    }
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    let int_digits: String = int.chars().filter(|c| *c != ',').collect();
    // No score, weight or amount in a table runs to 16 digits: such a cell is not one.
    if int_digits.is_empty()
        || int_digits.len() > 15
        || !int_digits.chars().all(|c| c.is_ascii_digit())
        || int.starts_with(',')
        || int.ends_with(',')
    {
        return None;
    }
    let decimals = match frac {
        Some(f) if !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()) => f.len() as u32,
        Some(_) => return None,
        None => 0,
    };
    if decimals > 10 {
        return None;
    }
    let s = match frac {
        Some(f) => format!("{int_digits}.{f}"),
        None => int_digits,
    };
    Decimal::from_str(&s).ok().map(|v| (v, decimals))
}

/// Units a table cell may carry after its number without ceasing to be one figure.
const CELL_UNITS: &[&str] = &["万元", "万", "元", "分"];

/// Cells that say "nothing here": empty, dashes, slashes.
pub fn is_blank(t: &str) -> bool {
    clean(t)
        .chars()
        .all(|c| matches!(c, '-' | '—' | '－' | '/' | '\\' | '–' | '―' | '、' | '*'))
}

/// The number a cell holds, when the whole cell is one figure. `span` is the cell's span in
/// the source; the value's span is the cell's (a cell is one figure).
pub fn value(text: &str, span: Span) -> Option<CellValue> {
    if text.trim().contains(char::is_whitespace) {
        return None;
    }
    let t = clean(text);
    let (t, percent) = match t.strip_suffix('%') {
        Some(r) => (r.to_string(), true),
        None => (t, false),
    };
    let mut body = t.as_str();
    if !percent {
        for u in CELL_UNITS {
            if let Some(r) = body.strip_suffix(u) {
                body = r;
                break;
            }
        }
    }
    let (value, decimals) = parse_number(body)?;
    Some(CellValue {
        value,
        decimals,
        percent,
        span,
    })
}

/// Whether a cell's number can only be several figures run together: a rate beyond 1000 %,
/// or a weight or score beyond 100 (`390390100%`, `1313`).
pub fn run_together(v: &CellValue, points: bool) -> bool {
    let limit = if points {
        Decimal::ONE_HUNDRED
    } else {
        Decimal::ONE_THOUSAND
    };
    (v.percent || points) && v.value > limit
}

/// A target or actual value: `≥1200座`, `97.6%`, `≤1500元/座`, `90%以上`, `大于94%`. Anything
/// that is not one figure with a short unit (`2023年12月底前`, `稳步提高`) is `None`.
pub fn measure(text: &str, span: Span) -> Option<Measure> {
    let t = clean(text);
    let (before, rest) = qualifier::strip_before(&t);
    let end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let (num, unit) = rest.split_at(end);
    let (value, decimals) = parse_number(num)?;
    let (after, unit) = qualifier::strip_after(unit);
    if unit.chars().count() > 6 || unit.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(Measure {
        cmp: before.or(after).unwrap_or(Cmp::Eq),
        value,
        decimals,
        unit: unit.to_string(),
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn cells_with_units_and_percent() {
        let v = value("3359.62万", Span::default()).unwrap();
        assert_eq!((v.value, v.decimals, v.percent), (d("3359.62"), 2, false));
        let r = value("91.20%", Span::default()).unwrap();
        assert_eq!((r.value, r.decimals, r.percent), (d("91.20"), 2, true));
        assert!(value("稳步提高", Span::default()).is_none());
        // Two figures in one cell (`4 3.5`) are not one value.
        assert!(value("4 3.5", Span::default()).is_none());
    }

    #[test]
    fn run_together_cells_are_seen() {
        let v = value("390390100%", Span::default()).unwrap();
        assert!(run_together(&v, false));
        let w = value("1313", Span::default()).unwrap();
        assert!(run_together(&w, true));
        assert!(!run_together(
            &value("99.5%", Span::default()).unwrap(),
            false
        ));
    }

    #[test]
    fn measures_use_the_one_vocabulary() {
        let m = measure("大于94%", Span::default()).unwrap();
        assert_eq!(
            (m.cmp, m.value, m.unit.as_str()),
            (Cmp::MoreThan, d("94"), "%")
        );
        let m = measure("90%以上", Span::default()).unwrap();
        assert_eq!((m.cmp, m.value), (Cmp::AtLeast, d("90")));
        let m = measure("≤1500元/座", Span::default()).unwrap();
        assert_eq!((m.cmp, m.unit.as_str()), (Cmp::AtMost, "元/座"));
        assert!(measure("2023年12月底前", Span::default()).is_none());
    }
}
