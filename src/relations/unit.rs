//! Units: amounts whose unit the document itself shows to be off by a power of ten.

use super::*;

/// Figures that the document itself shows to carry the wrong unit (U001: a ratio or a sum that
/// holds only with the unit shifted, the same digits stated in the usual unit elsewhere, or
/// a rate, a closed list or an exact sum no other pass binds: `unit_proof.rs`).
pub fn unit_slips(doc: &Document, rel: &Relations) -> Vec<usize> {
    let mut out = Vec::new();
    for v in rel.ratio_verdicts(doc).iter() {
        if let &RatioVerdict::UnitSlip { operand, .. } = v {
            out.push(operand);
        }
    }
    for v in rel.sum_verdicts(doc).iter() {
        if let &SumVerdict::UnitSlip { operand, .. } = v {
            out.push(operand);
        }
    }
    out.extend(rel.unit_echoes.iter().map(|&(odd, _)| odd));
    out.extend(rel.unit_proofs.iter().map(|p| p.figure));
    out.sort_unstable();
    out.dedup();
    out
}

/// Significant digits of a written value (`1587.36` → 6, `0.50` → 2).
pub(super) fn significant_digits(v: Decimal) -> usize {
    let s = v.abs().to_string();
    s.trim_start_matches(['0', '.'])
        .chars()
        .filter(|c| c.is_ascii_digit())
        .count()
}

pub(super) fn find_unit_echoes(doc: &Document) -> Vec<(usize, usize)> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    // Candidates by digits written (value and decimals), in document order: each amount looks
    // only at figures with its own digits, not at every figure. A bucket is searched up to
    // ECHO_CANDIDATES deep, so a document repeating one amount endlessly stays linear.
    const ECHO_CANDIDATES: usize = 256;
    let mut by_digits: std::collections::HashMap<(Decimal, u32), Vec<usize>> =
        std::collections::HashMap::new();
    for (j, b) in qs.iter().enumerate() {
        if matches!(b.unit, Unit::Money { .. }) && b.qualifier.is_none() && doc.in_prose(b) {
            by_digits
                .entry((b.value.normalize(), b.decimals))
                .or_default()
                .push(j);
        }
    }
    for (i, a) in qs.iter().enumerate() {
        let Unit::Money { currency, scale } = a.unit else {
            continue;
        };
        if !doc.in_prose(a) || a.qualifier.is_some() || significant_digits(a.value) < 5 {
            continue;
        }
        // `a` is the odd one: its unit is rarer than the other's, by 10⁴ or 10⁸.
        let bucket = by_digits
            .get(&(a.value.normalize(), a.decimals))
            .map_or(&[][..], |v| v.as_slice());
        let other = bucket.iter().take(ECHO_CANDIDATES).map(|&j| (j, &qs[j])).find(|(j, b)| {
            *j != i
                && doc.in_prose(b)
                && b.qualifier.is_none()
                && b.value == a.value
                && b.decimals == a.decimals
                && matches!(b.unit, Unit::Money { currency: c, scale: s } if c == currency && (i32::from(s) - i32::from(scale)).abs() % 4 == 0 && s != scale)
                && doc.scale_count(b.unit.scale()) > doc.scale_count(scale)
                && (a.concept().is_some() && a.concept() == b.concept() || metric_key(a.label_text()).ends_with(metric_key(b.label_text())) || metric_key(b.label_text()).ends_with(metric_key(a.label_text())))
        });
        if let Some((j, _)) = other {
            out.push((i, j));
        }
    }
    out
}
