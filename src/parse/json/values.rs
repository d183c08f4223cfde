//! Values as report data writes them: exact decimals from JSON numbers and numeric strings,
//! units (元/万元/亿元 and the others metrics use), qualifiers.

use rust_decimal::Decimal;

use super::reader::Node;
use crate::model::{Currency, Qualifier, Unit};

/// Most decimal places a figure may be written with (`139.43357800` 万元 has eight).
pub const MAX_DECIMALS: u32 = 8;

/// Largest magnitude a figure may have in its base unit (元 for money): 10^18, a million
/// trillion 元. With at most [`MAX_DECIMALS`] places, every ratio, sum and change the rules
/// compute stays exact and within `Decimal`'s range.
pub fn max_magnitude() -> Decimal {
    Decimal::from(1_000_000_000_000_000_000_i64)
}

/// A numeric literal as an exact decimal with its written precision: `8733.75` → (8733.75, 2),
/// `1.5e3` → (1500, 0), `2.50e-1` → (0.250, 3). `None` when it cannot be held exactly (more
/// than 28 significant digits or decimal places, or an absurd exponent).
pub fn exact_decimal(lit: &str) -> Option<(Decimal, u32)> {
    let (mantissa, exp) = match lit.find(['e', 'E']) {
        Some(i) => (&lit[..i], lit[i + 1..].parse::<i32>().ok()?),
        None => (lit, 0),
    };
    if exp.unsigned_abs() > 60 {
        return None;
    }
    let (neg, digits_part) = match mantissa.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, mantissa),
    };
    let (int, frac) = digits_part.split_once('.').unwrap_or((digits_part, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let digits = format!("{int}{frac}");
    let point = i32::try_from(int.len()).ok()? + exp;
    let plain = if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        format!(
            "{}.{}",
            &digits[..point as usize],
            &digits[point as usize..]
        )
    };
    let decimals = plain.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    let v = Decimal::from_str_exact(&plain).ok()?;
    Some((if neg { -v } else { v }, decimals))
}

/// Whether a string is a plain decimal (`8733.75`, `-3`): what the schema accepts as a numeric
/// string.
pub(super) fn is_numeric_string(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = body.split_once('.').unwrap_or((body, "x"));
    let frac_ok = frac == "x" || (!frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()));
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && (int == "0" || !int.starts_with('0'))
        && frac_ok
}

/// A unit written in data: 元/万元/亿元, the same in 美元, `%`, `个百分点`, `倍`, `成`, or a
/// counted thing (`处`, `人次`, `万人`).
pub fn parse_unit(s: &str) -> Option<Unit> {
    let s = s.trim();
    if let Some((_, currency, scale)) = crate::model::MONEY_UNITS.iter().find(|(w, _, _)| *w == s) {
        return Some(Unit::Money {
            currency: *currency,
            scale: *scale,
        });
    }
    match s {
        "%" | "％" => return Some(Unit::Percent),
        "个百分点" | "百分点" => return Some(Unit::PercentPoint),
        "倍" => return Some(Unit::Times),
        "成" => return Some(Unit::Tenths),
        _ => {}
    }
    let word_ok = |w: &str| {
        let n = w.chars().count();
        (1..=6).contains(&n)
            && w.chars()
                .all(|c| crate::parse::norm::is_cjk(c) || c.is_ascii_alphabetic())
    };
    for (p, scale) in [("万", 4u8), ("亿", 8)] {
        if let Some(w) = s.strip_prefix(p)
            && word_ok(w)
            && !w.contains('元')
        {
            return Some(Unit::Count {
                word: w.to_string(),
                scale,
            });
        }
    }
    (word_ok(s) && !s.contains('元')).then(|| Unit::Count {
        word: s.to_string(),
        scale: 0,
    })
}

/// A declared unit: `None` when none is declared, `Some(None)` when the declaration is not a
/// money unit (J001 reports it; the amounts under it are then left alone, not reported again).
pub(super) type Declared = Option<Option<Unit>>;

pub(super) fn declared_unit(node: &Node) -> Declared {
    node.get("unit").map(money_unit)
}

fn money_unit(node: &Node) -> Option<Unit> {
    match node.as_str()? {
        "元" => Some(Unit::Money {
            currency: Currency::Cny,
            scale: 0,
        }),
        "万元" => Some(Unit::Money {
            currency: Currency::Cny,
            scale: 4,
        }),
        "亿元" => Some(Unit::Money {
            currency: Currency::Cny,
            scale: 8,
        }),
        _ => None,
    }
}

pub(super) fn qualifier(s: &str) -> Option<Qualifier> {
    Some(match s {
        "约" => Qualifier::Approx,
        "以上" => Qualifier::AtLeast,
        "以下" => Qualifier::AtMost,
        "超过" => Qualifier::MoreThan,
        "不足" => Qualifier::LessThan,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_decimals_keep_every_digit_and_the_written_precision() {
        let cases: &[(&str, &str, u32)] = &[
            ("8733.75", "8733.75", 2),
            ("99.70", "99.70", 2),
            ("0.1", "0.1", 1),
            ("12345678901234567.89", "12345678901234567.89", 2),
            ("1.5e3", "1500", 0),
            ("2.50e-1", "0.250", 3),
            ("-0.5", "-0.5", 1),
            ("1E2", "100", 0),
        ];
        for &(lit, want, dp) in cases {
            let (v, d) = exact_decimal(lit).unwrap_or_else(|| panic!("{lit}"));
            assert_eq!((v.to_string().as_str(), d), (want, dp), "{lit}");
        }
        assert_eq!(exact_decimal("1e-30"), None);
        assert_eq!(exact_decimal("1e100"), None);
        assert_eq!(exact_decimal("0.10000000000000000000000000000001"), None);
        let sum = exact_decimal("0.1").map(|x| x.0).unwrap_or_default()
            + exact_decimal("0.2").map(|x| x.0).unwrap_or_default();
        assert_eq!(Some(sum), exact_decimal("0.3").map(|x| x.0));
    }

    #[test]
    fn units_of_data() {
        assert_eq!(
            parse_unit("万元"),
            Some(Unit::Money {
                currency: Currency::Cny,
                scale: 4
            })
        );
        assert_eq!(
            parse_unit("亿美元"),
            Some(Unit::Money {
                currency: Currency::Usd,
                scale: 8
            })
        );
        assert_eq!(parse_unit("%"), Some(Unit::Percent));
        assert_eq!(
            parse_unit("处"),
            Some(Unit::Count {
                word: "处".into(),
                scale: 0
            })
        );
        assert_eq!(
            parse_unit("万人次"),
            Some(Unit::Count {
                word: "人次".into(),
                scale: 4
            })
        );
        assert_eq!(parse_unit("千万元"), None);
        assert_eq!(parse_unit("12"), None);
        assert_eq!(parse_unit(""), None);
    }

    #[test]
    fn numeric_strings() {
        for ok in ["0", "8733.75", "-3", "0.50"] {
            assert!(is_numeric_string(ok), "{ok}");
        }
        for bad in ["", "07", "1.", ".5", "1,234", "1e3", "8733.75万元", "-"] {
            assert!(!is_numeric_string(bad), "{bad}");
        }
    }
}
