//! The scorer's view of one cell: the facts the table model read from it
//! ([`crate::model::table::CellRead`]) as the figures and names a score row is made of.

use super::*;

/// Marks a cell whose figures were separated by whitespace (`4 3.5`): two cells run together.
pub(super) const SPLIT: char = '\u{2423}';

impl Cell {
    /// The cell as one figure (a number, optionally followed by `分`).
    pub(super) fn figure(&self) -> Option<Figure> {
        self.read.number.map(|(value, decimals)| Figure {
            value,
            decimals,
            span: self.span,
        })
    }

    /// The cell as a weight or a score: a figure no greater than 100. A larger one is two
    /// cells glued by the extraction (`1515` for 15 | 15) or not a score at all.
    pub(super) fn points(&self) -> Option<Figure> {
        self.figure().filter(|f| f.value <= Decimal::ONE_HUNDRED)
    }

    /// The cell as a percentage (`97.44%`, or a bare number read as one).
    pub(super) fn percent(&self) -> Option<Figure> {
        self.read.percent.map(|(value, decimals)| Figure {
            value,
            decimals,
            span: self.span,
        })
    }
}

/// A name cell's name without its outline marker, the name's source span and the marker's
/// style.
pub(super) fn name_of(cell: &Cell) -> (String, Span, Option<MarkerStyle>) {
    match &cell.read.marker {
        Some(m) => (m.1.clone(), m.2, Some(m.0)),
        None => (cell.text.clone(), cell.span, None),
    }
}
