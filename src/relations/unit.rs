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
    // The digits written are the mantissa's (`0.50` is 50 at scale 2): all of them but its
    // leading zeros, which it has none of.
    let m = v.mantissa().unsigned_abs();
    if m == 0 { 0 } else { m.ilog10() as usize + 1 }
}

pub(super) fn find_unit_echoes(doc: &Document) -> Vec<(usize, usize)> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    // Candidates by digits written (value and decimals), in document order: each amount looks
    // only at figures with its own digits, not at every figure. A bucket is searched up to
    // ECHO_CANDIDATES deep, so a document repeating one amount endlessly stays linear.
    const ECHO_CANDIDATES: usize = 256;
    // The amounts sorted by digits written (the value, normalised, and the decimals), in
    // document order within each: a bucket is a run of equal digits.
    let digits = |q: &Quantity| {
        let v = q.value.normalize();
        (v.mantissa(), v.scale(), q.decimals)
    };
    let mut by_digits: Vec<((i128, u32, u32), usize)> = qs
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            matches!(b.unit, Unit::Money { .. }) && b.qualifier.is_none() && doc.in_prose(b)
        })
        .map(|(j, b)| (digits(b), j))
        .collect();
    by_digits.sort_unstable();
    let bucket_of = |a: &Quantity| -> &[((i128, u32, u32), usize)] {
        let key = digits(a);
        let from = by_digits.partition_point(|(k, _)| *k < key);
        let to = from + by_digits[from..].partition_point(|(k, _)| *k == key);
        &by_digits[from..to]
    };
    for (i, a) in qs.iter().enumerate() {
        let Unit::Money { currency, scale } = a.unit else {
            continue;
        };
        if !doc.in_prose(a) || a.qualifier.is_some() || significant_digits(a.value) < 5 {
            continue;
        }
        // `a` is the odd one: its unit is rarer than the other's, by 10⁴ or 10⁸.
        let bucket = bucket_of(a);
        let other = bucket.iter().take(ECHO_CANDIDATES).map(|&(_, j)| (j, &qs[j])).find(|(j, b)| {
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
