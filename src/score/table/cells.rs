//! Reading one cell of a score table: numbers, points, percentages, blanks, names and
//! their outline markers.

use super::*;

/// A cell's text folded (full-width to ASCII) with whitespace removed.
pub(crate) fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(fold)
        .collect()
}

pub(crate) use crate::parse::table::cell::parse_number;

/// A cell that is a plain number, optionally followed by `分`.
pub(super) fn cell_number(text: &str, span: Span) -> Option<Figure> {
    let t = clean(text);
    let t = t.strip_suffix('分').unwrap_or(&t);
    parse_number(t).map(|(value, decimals)| Figure {
        value,
        decimals,
        span,
    })
}

/// A cell that can be a weight or a score: a plain number no greater than 100. A larger one
/// is two cells glued by the extraction (`1515` for 15 | 15) or not a score at all.
pub(super) fn cell_points(text: &str, span: Span) -> Option<Figure> {
    cell_number(text, span).filter(|f| f.value <= Decimal::ONE_HUNDRED)
}

/// A cell that is a percentage (`97.44%`) or a plain number read as one.
pub(super) fn cell_percent(text: &str, span: Span) -> Option<Figure> {
    let t = clean(text);
    let t = t.strip_suffix('%').unwrap_or(&t);
    parse_number(t).map(|(value, decimals)| Figure {
        value,
        decimals,
        span,
    })
}

/// Cells that say "nothing here": empty, dashes, slashes.
pub(super) fn is_blank(t: &str) -> bool {
    t.chars()
        .all(|c| matches!(c, '-' | '—' | '－' | '/' | '\\' | '–' | '―' | '、' | '*'))
}

/// Marks a cell whose figures were separated by whitespace.
pub(super) const SPLIT: char = '\u{2423}';

/// Whether a cell holds figures separated by whitespace (`4 3.5`, `10 9.5`).
pub(super) fn split_figures(raw: &str) -> bool {
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

/// Extraction debris: HTML paragraphs, TeX formulas.
pub(super) fn has_markup(t: &str) -> bool {
    t.contains("<p>") || t.contains("</p>") || t.contains("$\\") || t.contains("\\leq")
}

/// A target or actual value: `≥1200座`, `97.6%`, `≤1500元/座`, `90%以上`, read with the one
/// qualifier vocabulary ([`crate::parse::qualifier`]).
pub(crate) fn parse_measure(text: &str, span: Span) -> Option<Measure> {
    crate::parse::table::cell::measure(text, span)
}

/// An outline marker at the start of a cell (`一、投入`, `（一）目标设定`, `1.绩效目标合理性`):
/// its style and the byte length of the marker in `t`.
pub(super) fn cell_marker(t: &str) -> Option<(MarkerStyle, usize)> {
    crate::parse::structure::marker_at(t).map(|(style, _, len)| (style, len))
}

/// Whether a cleaned cell reads as an indicator name (after its outline marker, if any): short,
/// not a number, no sentence punctuation, no scoring wording (`扣1分`, `得满分`).
pub(super) fn is_name(t: &str) -> bool {
    let t = match cell_marker(t) {
        Some((_, len)) => &t[len..],
        None => t,
    };
    let n = t.chars().count();
    let points = t
        .char_indices()
        .any(|(i, c)| c == '分' && t[..i].ends_with(|d: char| d.is_ascii_digit()));
    // Glued figures (`资金管理109.5`, `.88`) are not names.
    let glued = t.ends_with(|c: char| c.is_ascii_digit())
        || t.starts_with(|c: char| matches!(c, '.' | '%' | SPLIT))
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

/// A name cell's name without its outline marker, the name's source span and the marker's
/// style.
pub(super) fn name_of(text: &str, cell: &Cell) -> (String, Span, Option<MarkerStyle>) {
    let src = text.get(cell.span.start..cell.span.end).unwrap_or("");
    match crate::parse::structure::marker_at(src) {
        Some((style, _, len)) => {
            let rest = crate::parse::structure::trim_span(
                text,
                Span::new(cell.span.start + len, cell.span.end),
            );
            let name = clean(text.get(rest.start..rest.end).unwrap_or(""));
            if name.is_empty() {
                (cell.text.clone(), cell.span, None)
            } else {
                (name, rest, Some(style))
            }
        }
        None => (cell.text.clone(), cell.span, None),
    }
}
