//! Exact arithmetic helpers shared by the parser, the relations and the rules: rounding at a
//! written precision, interval checks (DOMAIN §3), formatting. Everything is `Decimal`.

use rust_decimal::{Decimal, RoundingStrategy};

/// Round half-up (四舍五入) to `dp` decimal places.
pub fn round_half_up(v: Decimal, dp: u32) -> Decimal {
    v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Round half-even (banker's rounding) to `dp` places.
pub fn round_half_even(v: Decimal, dp: u32) -> Decimal {
    v.round_dp_with_strategy(dp, RoundingStrategy::MidpointNearestEven)
}

/// Truncate toward zero to `dp` places.
pub fn truncate(v: Decimal, dp: u32) -> Decimal {
    v.round_dp_with_strategy(dp, RoundingStrategy::ToZero)
}

/// Whether `stated`, written to `dp` places, is what `exact` gives at that precision: rounded
/// half-up, or half-even at an exact tie (DOMAIN §3 accepts both).
pub fn rounds_to(exact: Decimal, dp: u32, stated: Decimal) -> bool {
    round_half_up(exact, dp) == stated || round_half_even(exact, dp) == stated
}

/// The exact value of ASCII digits read as one integer, `scale` of them after the decimal
/// point (`b"123450"`, 2 → 1234.50); any byte that is no digit is skipped (a `.` or a
/// thousands `,`). `None` when the value cannot be held exactly as a [`Decimal`].
pub fn decimal_from_digits(digits: &[u8], scale: u32) -> Option<Decimal> {
    let mantissa = digits
        .iter()
        .filter(|b| b.is_ascii_digit())
        .try_fold(0i128, |m, b| {
            m.checked_mul(10)?.checked_add(i128::from(b - b'0'))
        })?;
    Decimal::try_from_i128_with_scale(mantissa, scale).ok()
}

/// Half a unit of the `dp`-th decimal place.
pub fn half_unit(dp: u32) -> Decimal {
    Decimal::new(5, dp + 1)
}

/// Format with exactly `dp` decimal places (`99.7` at 2 → `99.70`).
pub fn fmt_fixed(v: Decimal, dp: u32) -> String {
    let r = round_half_up(v, dp);
    let mut s = r.to_string();
    let cur = s.split_once('.').map(|(_, f)| f.len() as u32).unwrap_or(0);
    if cur < dp {
        if cur == 0 {
            s.push('.');
        }
        for _ in cur..dp {
            s.push('0');
        }
    }
    s
}

/// Format a value with up to `max_dp` places, trailing zeros removed.
pub fn fmt_trim(v: Decimal, max_dp: u32) -> String {
    round_half_up(v, max_dp).normalize().to_string()
}

/// An interval of possible true values `[lo, hi]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub lo: Decimal,
    pub hi: Decimal,
}

impl Interval {
    /// The values a figure written with `decimals` places may stand for (±½ unit of its last
    /// digit, boundaries included so that both half-up and half-even ties are accepted).
    pub fn of_written(v: Decimal, decimals: u32) -> Interval {
        let h = half_unit(decimals);
        Interval {
            lo: v.saturating_sub(h),
            hi: v.saturating_add(h),
        }
    }

    pub fn exact(v: Decimal) -> Interval {
        Interval { lo: v, hi: v }
    }

    pub fn meets(&self, other: &Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }

    pub fn contains(&self, v: Decimal) -> bool {
        self.lo <= v && v <= self.hi
    }

    /// `self / other` for positive intervals; `None` when the divisor may be zero or negative.
    pub fn div(&self, other: &Interval) -> Option<Interval> {
        if other.lo <= Decimal::ZERO || self.lo < Decimal::ZERO {
            return None;
        }
        Some(Interval {
            lo: self.lo.checked_div(other.hi)?,
            hi: self.hi.checked_div(other.lo)?,
        })
    }

    // Interval arithmetic saturates at `Decimal`'s range instead of panicking: bounds that far
    // out belong to absurd figures, and a saturated bound still says "far too large".

    pub fn add(&self, other: &Interval) -> Interval {
        Interval {
            lo: self.lo.saturating_add(other.lo),
            hi: self.hi.saturating_add(other.hi),
        }
    }

    pub fn sub(&self, other: &Interval) -> Interval {
        Interval {
            lo: self.lo.saturating_sub(other.hi),
            hi: self.hi.saturating_sub(other.lo),
        }
    }

    pub fn scale(&self, k: Decimal) -> Interval {
        let (a, b) = (self.lo.saturating_mul(k), self.hi.saturating_mul(k));
        Interval {
            lo: a.min(b),
            hi: a.max(b),
        }
    }
}

/// `一` … `九十九` for outline markers.
pub fn han_numeral(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n - 10) as usize] }),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

/// A single Chinese digit `一`…`九` (`两` for 2); `None` for anything else, `〇`/`零` too.
/// Matched without encoding the character: counts ask it of every character of a paragraph.
pub fn han_digit(c: char) -> Option<u32> {
    Some(match c {
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Parse `一` … `九十九` (and `〇`/`零`, `两`); `None` for anything else.
pub fn parse_han_numeral(s: &str) -> Option<u32> {
    fn digit(c: char) -> Option<u32> {
        match c {
            '〇' | '零' => Some(0),
            c => han_digit(c),
        }
    }
    // At most three characters are read (no allocation: counts call this for every
    // character of a paragraph).
    let mut cs = ['\0'; 3];
    let mut n = 0;
    for c in s.chars() {
        if n == cs.len() {
            return None;
        }
        cs[n] = c;
        n += 1;
    }
    match &cs[..n] {
        ['十'] => Some(10),
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn digits_make_an_exact_decimal() {
        assert_eq!(decimal_from_digits(b"123450", 2), Some(d("1234.50")));
        assert_eq!(decimal_from_digits(b"1,234.50", 2), Some(d("1234.50")));
        assert_eq!(decimal_from_digits(b"0", 0), Some(Decimal::ZERO));
        // The scale is kept as written.
        assert_eq!(decimal_from_digits(b"9740", 2).map(|v| v.scale()), Some(2));
        // 29 nines fit no Decimal; 40 digits overflow even the mantissa.
        assert_eq!(decimal_from_digits(&[b'9'; 29], 0), None);
        assert_eq!(decimal_from_digits(&[b'9'; 40], 0), None);
    }

    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rounding_modes_differ_at_ties() {
        assert_eq!(round_half_up(d("0.125"), 2), d("0.13"));
        assert_eq!(round_half_even(d("0.125"), 2), d("0.12"));
        assert_eq!(truncate(d("99.6674"), 2), d("99.66"));
    }

    #[test]
    fn fixed_formatting_pads() {
        assert_eq!(fmt_fixed(d("99.7"), 2), "99.70");
        assert_eq!(fmt_fixed(d("12"), 1), "12.0");
        assert_eq!(fmt_fixed(d("99.6674"), 0), "100");
    }

    #[test]
    fn intervals_meet_at_boundaries() {
        let stated = Interval::of_written(d("99.70"), 2);
        assert!(stated.contains(d("99.695")));
        assert!(!stated.contains(d("99.7051")));
    }

    #[test]
    fn interval_arithmetic_saturates() {
        let huge = Interval::exact(Decimal::MAX);
        assert_eq!(huge.scale(Decimal::ONE_HUNDRED).hi, Decimal::MAX);
        assert_eq!(huge.add(&huge).hi, Decimal::MAX);
        assert_eq!(
            huge.scale(Decimal::NEGATIVE_ONE).sub(&huge).lo,
            Decimal::MIN
        );
    }

    #[test]
    fn han_numerals_round_trip() {
        for n in 1..100 {
            assert_eq!(parse_han_numeral(&han_numeral(n)), Some(n));
        }
        // Runs of more than three characters, or that are not a numeral, are not read.
        for s in ["", "三四", "二十三四", "十十", "一百", "二十三十"] {
            assert_eq!(parse_han_numeral(s), None, "{s}");
        }
        assert_eq!(parse_han_numeral("零"), Some(0));
    }
}
