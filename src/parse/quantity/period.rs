//! Periods in the text: `1-12月`, `1—11月`, `截至11月底`, `全年`, `一季度`, `上半年` — read where
//! they stand (period marks) and assigned to the figures they govern.

use super::*;

/// A period expression at `i`: `1-12月`, `9至10月`, `截至11月底`, `截止2023年12月30日`,
/// `全年`, `一季度`. Returns the period and its length.
#[inline]
pub(super) fn period_at(n: &Norm, i: usize) -> Option<(Period, usize)> {
    // Every period starts with a digit or one of these characters: most characters start
    // none (decided where the scanner stands, without a call).
    let first = *n.chars.get(i)?;
    if !(first.is_ascii_digit()
        || matches!(
            first,
            '截' | '全' | '上' | '下' | '第' | '一' | '二' | '三' | '四'
        ))
    {
        return None;
    }
    period_from(n, i, first)
}

/// [`period_at`] at a character that can start a period.
fn period_from(n: &Norm, i: usize, first: char) -> Option<(Period, usize)> {
    let c = &n.chars;
    let digits_at = |k: usize| digits_at(c, k);
    // Each word below is looked for only where its first character stands (the same answers
    // as trying them all in turn: no two start alike across the branches).
    match first {
        '全' => return n.starts_with_at(i, "全年").then_some((Period::FullYear, 2)),
        // Half years: 上半年 is January to June.
        '上' => {
            return n
                .starts_with_at(i, "上半年")
                .then_some((Period::Months { from: 1, to: 6 }, 3));
        }
        '下' => {
            return n
                .starts_with_at(i, "下半年")
                .then_some((Period::Months { from: 7, to: 12 }, 3));
        }
        // `第一季度` … `第四季度`, `一季度` … `四季度`.
        '第' | '一' | '二' | '三' | '四' => {
            let at = if first == '第' { i + 1 } else { i };
            let q = match c.get(at) {
                Some('一') => 1u8,
                Some('二') => 2,
                Some('三') => 3,
                Some('四') => 4,
                _ => return None,
            };
            return n
                .starts_with_at(at + 1, "季度")
                .then_some((Period::Quarter { n: q }, at + 3 - i));
        }
        '截' => {}
        _ => return period_of_digits(n, i),
    }
    if n.starts_with_at(i, "截至") || n.starts_with_at(i, "截止") || n.starts_with_at(i, "截止到")
    {
        let mut k = i + if n.starts_with_at(i, "截止到") {
            3
        } else {
            2
        };
        // Optional year.
        let mut year = 0u16;
        if let Some((y, e)) = digits_at(k)
            && c.get(e) == Some(&'年')
            && (1990..=2100).contains(&y)
        {
            k = e + 1;
            year = y as u16;
        }
        let (m, e) = digits_at(k)?;
        if !(1..=12).contains(&m) || c.get(e) != Some(&'月') {
            return None;
        }
        let mut k = e + 1;
        if n.starts_with_at(k, "底") || n.starts_with_at(k, "末") {
            return Some((
                Period::Until {
                    year,
                    month: m as u8,
                    day: 0,
                },
                k + 1 - i,
            ));
        }
        if let Some((d, e2)) = digits_at(k)
            && c.get(e2) == Some(&'日')
            && (1..=31).contains(&d)
        {
            k = e2 + 1;
            return Some((
                Period::Until {
                    year,
                    month: m as u8,
                    day: d as u8,
                },
                k - i,
            ));
        }
        return Some((
            Period::Until {
                year,
                month: m as u8,
                day: 0,
            },
            k - i,
        ));
    }
    None
}

/// A period written in digits at `i` (`1-12月`, `1至11月`, `6月份`).
fn period_of_digits(n: &Norm, i: usize) -> Option<(Period, usize)> {
    let c = &n.chars;
    let digits_at = |k: usize| digits_at(c, k);
    // `1-12月`, `1至11月`, `1月至11月`.
    let (a, e) = digits_at(i)?;
    let mut k = e;
    if c.get(k) == Some(&'月') {
        // `6月份`: one month (a date is `6月` or `6月30日`, never `6月份`). Not after a digit
        // or 年 (`2023年6月份` stays a date too).
        if n.starts_with_at(k + 1, "份")
            && (1..=12).contains(&a)
            && !c
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_ascii_digit() || *p == '年' || *p == '-' || *p == '至')
        {
            return Some((
                Period::Months {
                    from: a as u8,
                    to: a as u8,
                },
                k + 2 - i,
            ));
        }
        k += 1;
    }
    if !matches!(c.get(k), Some('-') | Some('至') | Some('到')) {
        return None;
    }
    let (b, e2) = digits_at(k + 1)?;
    if c.get(e2) != Some(&'月') || !(1..=12).contains(&a) || !(1..=12).contains(&b) || a > b {
        return None;
    }
    let mut end = e2 + 1;
    if n.starts_with_at(end, "份") {
        end += 1;
    }
    Some((
        Period::Months {
            from: a as u8,
            to: b as u8,
        },
        end - i,
    ))
}

/// Up to four ASCII digits at `k`: their value and where they end.
fn digits_at(c: &[char], k: usize) -> Option<(u32, usize)> {
    let mut e = k;
    while e < c.len() && c[e].is_ascii_digit() && e - k < 4 {
        e += 1;
    }
    if e == k {
        return None;
    }
    let v = c[k..e]
        .iter()
        .fold(0u32, |v, d| v * 10 + d.to_digit(10).unwrap_or(0));
    Some((v, e))
}

/// Give each figure the period in force: the last period stated before it in its sentence,
/// else the period stated in the first sentence of its block.
pub(super) fn assign_periods(out: &mut Extracted) {
    for q in &mut out.quantities {
        let in_sentence = out.periods.iter().rfind(|p| {
            p.block == q.block && p.sentence == q.sentence && p.span.start < q.span.start
        });
        // A period at the head of the paragraph (`2023年1-12月…`, `经济效益。2023年1-12月…`)
        // governs the whole paragraph.
        let block_default = || {
            out.periods
                .iter()
                .filter(|p| p.block == q.block && p.span.start < q.span.start)
                .find(|p| p.at <= 12)
        };
        q.period = in_sentence.or_else(block_default).map(|p| p.period);
    }
}

/// A period written on its own (`1-12月`, `截至11月底`, `全年`, `一季度`), as structured data
/// gives it; `None` when the whole string is not one period expression.
pub fn parse_period(s: &str) -> Option<Period> {
    let n = Norm::new(s, Span::new(0, s.len()));
    let (p, len) = period_at(&n, 0)?;
    (len == n.len()).then_some(p)
}
