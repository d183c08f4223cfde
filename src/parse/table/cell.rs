//! Reading one cell: a number (`98`, `9.74`, `1,234.50`, `91.20%`, `3359.62万`), a target or
//! measured value (`≥1200座`, `90%以上`, `大于94%`), or nothing.

use rust_decimal::Decimal;

use super::roles::clean;
use crate::model::Span;
use crate::model::table::{CellRead, CellValue, Cmp, Measure};
use crate::parse::norm::fold;
use crate::parse::qualifier;

/// `98`, `9.74`, `1,234.50` (the whole text); `None` for anything else. Read without
/// allocating: the digits make the mantissa, the decimals its scale.
pub fn parse_number(t: &str) -> Option<(Decimal, u32)> {
    if t.is_empty() || t.len() > 32 {
        return None;
    }
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    if int.starts_with(',') || int.ends_with(',') {
        return None;
    }
    if !int.bytes().all(|b| b == b',' || b.is_ascii_digit()) {
        return None;
    }
    let int_digits = int.bytes().filter(u8::is_ascii_digit).count();
    // No score, weight or amount in a table runs to 16 digits: such a cell is not one.
    if int_digits == 0 || int_digits > 15 {
        return None;
    }
    let decimals = match frac {
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => f.len() as u32,
        Some(_) => return None,
        None => 0,
    };
    if decimals > 10 {
        return None;
    }
    // The digits of `t`, past its `,` and `.`, are the mantissa.
    crate::numeric::decimal_from_digits(t.as_bytes(), decimals).map(|v| (v, decimals))
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
    // A number starts with a digit once cleaned: most cells of words are passed over
    // without cleaning them.
    if !text
        .chars()
        .find(|c| !c.is_whitespace() && *c != '\u{3000}')
        .is_some_and(|c| fold(c).is_ascii_digit())
    {
        return None;
    }
    let t = clean(text);
    let (mut body, percent) = match t.strip_suffix('%') {
        Some(r) => (r, true),
        None => (t.as_str(), false),
    };
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

/// Whether a cell holds figures separated by whitespace (`4 3.5`, `10 9.5`): two cells run
/// together by the extraction, not one number.
pub fn split_figures(raw: &str) -> bool {
    // A run of whitespace with a digit or `.` right before it and right after it.
    let mut prev: Option<char> = None;
    let mut gap_after_figure = false;
    let mut in_gap = false;
    for c in raw.trim().chars() {
        if c.is_whitespace() {
            if !in_gap {
                in_gap = true;
                gap_after_figure = prev.is_some_and(|p| p.is_ascii_digit() || p == '.');
            }
            continue;
        }
        if in_gap && gap_after_figure && (c.is_ascii_digit() || c == '.') {
            return true;
        }
        in_gap = false;
        prev = Some(c);
    }
    false
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
    measure_cleaned(&clean(text), span)
}

/// [`measure`] of a cell's text already cleaned ([`clean`] gives the same text again).
fn measure_cleaned(t: &str, span: Span) -> Option<Measure> {
    // A measure is a figure: a cell without a digit holds none.
    if !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let (before, rest) = qualifier::strip_before(t);
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

/// A cleaned cell that is one number optionally followed by `分`.
fn points(t: &str) -> Option<(Decimal, u32)> {
    parse_number(t.strip_suffix('分').unwrap_or(t))
}

/// Cells that say "nothing here" (text already cleaned): empty, dashes, slashes.
fn blank(t: &str) -> bool {
    t.chars()
        .all(|c| matches!(c, '-' | '—' | '－' | '/' | '\\' | '–' | '―' | '、' | '*'))
}

/// Extraction debris: HTML paragraphs, TeX formulas.
pub fn has_markup(t: &str) -> bool {
    t.contains("<p>") || t.contains("</p>") || t.contains("$\\") || t.contains("\\leq")
}

/// Placeholders of a target a template leaves in an indicator's name (`受益人数≥**人`).
pub const TARGET_PLACEHOLDERS: &[&str] = &["≥**", "≤**", ">=**", "<=**", ">**", "<**", "**"];

/// Whether a cleaned cell reads as an indicator name (after its outline marker, if any): short,
/// not a number, no sentence punctuation, no scoring wording (`扣1分`, `得满分`), no figures
/// glued to it (`资金管理109.5`, `.88`). Notes in brackets (`产出指标（50分）`,
/// `低保人数（按月平均）（≥**人）`) and a template's placeholders of the target
/// ([`TARGET_PLACEHOLDERS`]) are no part of the name.
pub fn is_name(t: &str) -> bool {
    let t = match crate::parse::structure::marker_at(t) {
        Some((_, _, len)) => &t[len..],
        None => t,
    };
    let bare = super::roles::strip_parens(t);
    let bare = TARGET_PLACEHOLDERS
        .iter()
        .fold(bare, |s, p| s.replace(p, ""));
    if bare.is_empty() {
        return false;
    }
    let t = bare.as_str();
    let n = t.chars().count();
    let points = t
        .char_indices()
        .any(|(i, c)| c == '分' && t[..i].ends_with(|d: char| d.is_ascii_digit()));
    let glued = t.ends_with(|c: char| c.is_ascii_digit())
        || t.starts_with(['.', '%'])
        || t.char_indices().any(|(i, c)| {
            c == '.'
                && t[..i].ends_with(|d: char| d.is_ascii_digit())
                && t[i + 1..].starts_with(|d: char| d.is_ascii_digit())
        });
    n > 0
        && n <= 30
        && !glued
        && parse_number(t).is_none()
        && !t.contains(['。', '；', '，', '<', '>', '$', '=', '%', '×', '≥', '≤'])
        && !t.contains("扣")
        && !t.contains("满分")
        && !t.contains("得分")
        && !points
}

/// An outline marker at the start of a cell and the name after it, when there is one.
fn marker(text: &str, span: Span) -> Option<(crate::model::MarkerStyle, String, Span)> {
    let src = text.get(span.start..span.end).unwrap_or("");
    let (style, _, len) = crate::parse::structure::marker_at(src)?;
    let rest = crate::parse::structure::trim_span(text, Span::new(span.start + len, span.end));
    let name = clean(text.get(rest.start..rest.end).unwrap_or(""));
    (!name.is_empty()).then_some((style, name, rest))
}

/// Read one grid cell once: `clean` is its text folded, `split` whether it holds figures
/// separated by whitespace (then it is no figure and no name).
pub fn read(text: &str, span: Span, clean: &str, split: bool) -> CellRead {
    if split {
        return CellRead {
            markup: has_markup(clean),
            ..CellRead::default()
        };
    }
    CellRead {
        number: points(clean),
        percent: parse_number(clean.strip_suffix('%').unwrap_or(clean)),
        blank: blank(clean),
        name: is_name(clean),
        markup: has_markup(clean),
        measure: measure_cleaned(clean, span).map(Box::new),
        marker: marker(text, span).map(Box::new),
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use proptest::prelude::*;

    use super::*;

    /// The readings as first written (allocating), which the faster ones must equal.
    mod reference {
        use super::*;

        pub fn parse_number(t: &str) -> Option<(Decimal, u32)> {
            if t.is_empty() || t.len() > 32 {
                return None;
            }
            let (int, frac) = match t.split_once('.') {
                Some((i, f)) => (i, Some(f)),
                None => (t, None),
            };
            let int_digits: String = int.chars().filter(|c| *c != ',').collect();
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

        pub fn value(text: &str) -> Option<(Decimal, u32, bool)> {
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
            Some((value, decimals, percent))
        }

        pub fn split_figures(raw: &str) -> bool {
            let c: Vec<char> = raw.trim().chars().collect();
            (1..c.len()).any(|i| {
                c[i].is_whitespace()
                    && c[..i]
                        .last()
                        .is_some_and(|p| p.is_ascii_digit() || *p == '.')
                    && c[i + 1..]
                        .iter()
                        .find(|x| !x.is_whitespace())
                        .is_some_and(|n| n.is_ascii_digit() || *n == '.')
            })
        }
    }

    /// Pieces of cells, so that random cells reach every branch.
    const PIECES: &[&str] = &[
        "0",
        "00",
        "7",
        "12",
        "999",
        ",",
        ".",
        "．",
        "９",
        "%",
        "％",
        "万",
        "元",
        "分",
        " ",
        "　",
        "\t",
        "-",
        "—",
        "优",
        "≥",
        "以上",
        "1234567890123456",
    ];

    fn cell_text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..8).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn readings_equal_the_reference(t in cell_text()) {
            let mine = parse_number(&t);
            let theirs = reference::parse_number(&t);
            // Equal values with the same written scale.
            prop_assert_eq!(mine.map(|(v, d)| (v.to_string(), d)), theirs.map(|(v, d)| (v.to_string(), d)));
            prop_assert_eq!(split_figures(&t), reference::split_figures(&t));
            let v = value(&t, Span::default()).map(|v| (v.value.to_string(), v.decimals, v.percent));
            let r = reference::value(&t).map(|(v, d, p)| (v.to_string(), d, p));
            prop_assert_eq!(v, r);
            let cleaned = clean(&t);
            prop_assert_eq!(clean(&cleaned), cleaned.clone());
            prop_assert_eq!(measure_cleaned(&cleaned, Span::default()), measure(&t, Span::default()));
        }
    }

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

    #[test]
    fn numbers_and_measures() {
        assert_eq!(parse_number("98.0"), Some((Decimal::new(980, 1), 1)));
        assert_eq!(parse_number("1,234.50").map(|x| x.1), Some(2));
        assert_eq!(parse_number("1.2.3"), None);
        assert_eq!(parse_number("优"), None);
        let m = measure("≥2.6万人", Span::default());
        assert_eq!(
            m.map(|m| (m.cmp, m.value, m.unit)),
            Some((Cmp::AtLeast, Decimal::new(26, 1), "万人".to_string()))
        );
        let m = measure("≤1500元/座", Span::default());
        assert_eq!(
            m.map(|m| (m.cmp, m.unit)),
            Some((Cmp::AtMost, "元/座".into()))
        );
        let m = measure("90%以上", Span::default());
        assert_eq!(m.map(|m| m.cmp), Some(Cmp::AtLeast));
        assert!(measure("2023年12月底前", Span::default()).is_none());
        assert!(measure("稳步提高", Span::default()).is_none());
    }

    #[test]
    fn names_may_start_with_digits_but_criteria_are_not_names() {
        assert!(is_name("65岁及以上老年人健康管理率"));
        assert!(is_name("2型糖尿病患者规范管理率"));
        assert!(is_name("1.绩效目标合理性"));
        assert!(!is_name("发现一项不符合扣1分"));
        assert!(!is_name("按要求编报得满分"));
        assert!(!is_name("1.满意度≥95%的，得6分"));
        // Notes in brackets and a template's placeholders of the target are no part of it.
        assert!(is_name("产出指标(50分)"));
        assert!(is_name("低保发放人数(按月平均)(≥**人)"));
        assert!(is_name("受益贫困人口数≥**人"));
        assert!(!is_name("≥95%"));
        assert!(!is_name("(≥**人)"));
        assert!(!is_name("产出指标50分"));
    }
}
