//! The unit a bare number shares with the bracketed breakdown it heads or closes, when the
//! measure word is left off (`开工198007（其中，城镇棚户区197825套，国有工矿棚户区182）`).

use super::{Norm, Quantity, Scanned, Unit, number_at, unit_at};

/// The most characters of a bracketed breakdown read for the unit its total leaves off: 120.
pub const BREAKDOWN_UNIT_CHARS: usize = 120;

/// Whether the view at `at` opens a bracketed breakdown: `（其中`.
fn opens_breakdown(n: &Norm, at: usize) -> bool {
    n.chars.get(at) == Some(&'（') && n.starts_with_at(at + 1, "其中")
}

/// The unit a bare number in prose shares with the breakdown it heads or closes, when the
/// measure word is left off (`开工198007（其中，城镇棚户区197825套，国有工矿棚户区182）`):
///
/// * a number right before `（其中` takes the unit of the first figure with one in the
///   bracket (money or a count, never a rate);
/// * a number right before the `）` of a bracket opened with `（其中` takes the unit of the
///   figure before it in that bracket, its sibling.
///
/// `Unit::None` otherwise: a bare number stays no figure.
pub(super) fn shared_breakdown_unit(
    n: &Norm,
    j: usize,
    open_at: Option<usize>,
    last: Option<&Quantity>,
    block: usize,
) -> Unit {
    let c = &n.chars;
    let shareable = |u: &Unit| matches!(u, Unit::Money { .. } | Unit::Count { .. });
    if opens_breakdown(n, j) {
        let mut k = j + 3;
        while k < c.len().min(j + BREAKDOWN_UNIT_CHARS) && c[k] != '）' && c[k] != '（' {
            if c[k].is_ascii_digit()
                && !c[k - 1].is_ascii_digit()
                && c[k - 1] != '.'
                && let Scanned::Number(_, _, end) = number_at(n, k)
            {
                let (u, _) = unit_at(n, end);
                if shareable(&u) {
                    return u;
                }
                k = end;
                continue;
            }
            k += 1;
        }
        return Unit::None;
    }
    if c.get(j) == Some(&'）')
        && let (Some(open), Some(prev)) = (open_at, last)
        && opens_breakdown(n, open)
        && prev.block == block
        && prev.cell.is_none()
        && prev.span.start > n.span(open, open + 1).start
        && shareable(&prev.unit)
    {
        return prev.unit.clone();
    }
    Unit::None
}
