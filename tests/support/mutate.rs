//! Mutation testing on consistent text: inject one defect at a time and see whether jxlint
//! notices. Used by `examples/mutate.rs` (included with `#[path]`, beside `accuracy.rs`).
//!
//! Sites are found by oracles that share nothing with jxlint's binding code:
//!
//! * **annotated text** (`NNN.txt` + `NNN.truth.json`): the `consistent` relations and their
//!   `computation` (`a + b = X; stated Y`, `a / b × 100 = … → r; stated R`): the figures are
//!   located in the relation's quote by value;
//! * **clean reports**: simple patterns checked by exact arithmetic — `X万元，其中A a万元、B b万元`
//!   whose parts add up to X exactly; a rate (`执行率P%`, `利用率P%` …) after exactly two amounts
//!   of its sentence whose ratio rounds to P; `N个，即/分别是 A、B、C` naming N items; numbered
//!   headings and list items in sequence.
//!
//! Kinds of defect: a figure restated later with another value (a new paragraph at the end,
//! the figure's clause with one digit changed, a change with its level: `mutate_restated.rs`);
//! a total or a part changed by one digit (the digit whose change exceeds the 尾差 the parts'
//! rounding allows); a rate perturbed (beyond what the rounding of its operands allows); a
//! rate truncated (where truncation differs from rounding and the operands' rounding cannot
//! explain it); an operand's 万元 written 元; a list marker removed; a stated count or product
//! result changed by one digit.
//!
//! A mutation is **caught** when an error or warning appears that the unmutated text did not
//! have (counted by code and line) and it touches — by its primary span or a label — the line of
//! the mutated figure.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::str::FromStr;

use jxlint::diagnostic::Diagnostic;
use jxlint::lint::{Options, lint_text};
use jxlint::model::{SourceFormat, Span};
use regex::Regex;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::accuracy::{Case, counts, lines_of, locate, spans_of};

#[path = "mutate_restated.rs"]
mod restated;
use restated::restate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Restated,
    TotalDigit,
    PartDigit,
    RatePerturbed,
    RateTruncated,
    Unit,
    Marker,
    Count,
    Product,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Restated,
        Kind::TotalDigit,
        Kind::PartDigit,
        Kind::RatePerturbed,
        Kind::RateTruncated,
        Kind::Unit,
        Kind::Marker,
        Kind::Count,
        Kind::Product,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Restated => "restated",
            Kind::TotalDigit => "total_digit",
            Kind::PartDigit => "part_digit",
            Kind::RatePerturbed => "rate_perturbed",
            Kind::RateTruncated => "rate_truncated",
            Kind::Unit => "unit_wan_to_yuan",
            Kind::Marker => "marker_removed",
            Kind::Count => "count",
            Kind::Product => "product",
        }
    }
}

/// One injected defect.
#[derive(Debug, Clone)]
pub struct Mutation {
    pub source: String,
    pub kind: Kind,
    pub text: String,
    /// 1-based line of the mutated figure in the mutated text.
    pub line: usize,
    /// Another line where the defect shows (for a removed list marker: the next item's).
    pub also: Option<usize>,
    pub what: String,
}

/// A figure written in a text: its span, its digits as written and its value.
#[derive(Debug, Clone)]
pub struct Num {
    pub span: Span,
    pub written: String,
    pub value: Decimal,
}

/// Decimal places written.
fn dp(written: &str) -> u32 {
    written.split_once('.').map_or(0, |(_, f)| f.len() as u32)
}

/// Half a unit of the last written digit.
fn half_ulp(written: &str) -> Decimal {
    Decimal::new(5, dp(written) + 1)
}

fn parse_dec(s: &str) -> Option<Decimal> {
    Decimal::from_str(&s.replace(',', "")).ok()
}

/// Every number written in `text` (ASCII digits, thousands commas, one decimal point).
pub fn numbers(text: &str) -> Vec<Num> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.')) {
            i += 1;
            continue;
        }
        let start = i;
        let mut seen_dot = false;
        while i < b.len() {
            let c = b[i];
            let thousands = c == b','
                && !seen_dot
                && b.get(i + 1..i + 4)
                    .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
                && !b.get(i + 4).is_some_and(u8::is_ascii_digit);
            if c.is_ascii_digit() || thousands {
                i += 1;
            } else if c == b'.' && !seen_dot && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                seen_dot = true;
                i += 1;
            } else {
                break;
            }
        }
        let written = &text[start..i];
        if let Some(value) = parse_dec(written) {
            out.push(Num {
                span: Span::new(start, i),
                written: written.to_string(),
                value,
            });
        }
    }
    out
}

/// Replace one digit of a written figure so that the value moves by more than `tol`: the
/// lowest such digit, raised by one (lowered when it is 9). `None` when no digit can.
pub fn change_digit(written: &str, tol: Decimal) -> Option<String> {
    let places: Vec<usize> = written
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| i)
        .collect();
    let d = dp(written) as i64;
    // Digit k from the right (0 = last) has place value 10^(k − dp).
    for (k, &pos) in places.iter().rev().enumerate() {
        let exp = k as i64 - d;
        let place = if exp >= 0 {
            Decimal::from(10i64.pow(exp as u32))
        } else {
            Decimal::new(1, (-exp) as u32)
        };
        if place <= tol {
            continue;
        }
        let c = written.as_bytes()[pos] - b'0';
        let n = if c == 9 { 8 } else { c + 1 };
        // Never turn a lone leading digit into 0.
        if n == 0 && pos == places[0] {
            continue;
        }
        let mut s = written.to_string();
        s.replace_range(pos..pos + 1, &n.to_string());
        return Some(s);
    }
    None
}

fn replace(text: &str, span: Span, with: &str) -> String {
    let mut s = text.to_string();
    s.replace_range(span.start..span.end, with);
    s
}

fn fmt_dp(v: Decimal, places: u32) -> String {
    let v = v.round_dp_with_strategy(places, RoundingStrategy::ToZero);
    format!("{v:.prec$}", prec = places as usize)
}

/// The first number of `nums` with this value.
fn find_value(nums: &[Num], v: Decimal) -> Option<&Num> {
    nums.iter().find(|n| n.value == v)
}

fn unique_value(nums: &[Num], v: Decimal) -> Option<&Num> {
    let mut it = nums.iter().filter(|n| n.value == v);
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// Where a money unit follows a figure (`万元`, `萬元`, with optional spaces).
fn wan_after(text: &str, n: &Num) -> Option<Span> {
    let rest = &text[n.span.end..];
    let trimmed = rest.trim_start_matches([' ', '\u{3000}']);
    let off = n.span.end + (rest.len() - trimmed.len());
    for w in ["万元", "萬元", "萬(wàn)元"] {
        if trimmed.starts_with(w) {
            return Some(Span::new(off, off + w.len()));
        }
    }
    None
}

fn digit(source: &str, text: &str, n: &Num, tol: Decimal, kind: Kind) -> Option<Mutation> {
    let changed = change_digit(&n.written, tol)?;
    Some(Mutation {
        source: source.into(),
        kind,
        line: lines_of(text, n.span).0,
        also: None,
        what: format!("{} → {changed}", n.written),
        text: replace(text, n.span, &changed),
    })
}

fn unit_slip(source: &str, text: &str, n: &Num) -> Option<Mutation> {
    let unit = wan_after(text, n)?;
    Some(Mutation {
        source: source.into(),
        kind: Kind::Unit,
        line: lines_of(text, n.span).0,
        also: None,
        what: format!(
            "{}{} → {}元",
            n.written,
            &text[unit.start..unit.end],
            n.written
        ),
        text: replace(text, unit, "元"),
    })
}

/// The interval of a ratio `num / den × 100` over the ±½-unit intervals of its written operands.
fn ratio_range(num: (Decimal, Decimal), den: (Decimal, Decimal)) -> Option<(Decimal, Decimal)> {
    let (nl, nh) = (num.0 - num.1, num.0 + num.1);
    let (dl, dh) = (den.0 - den.1, den.0 + den.1);
    if dl <= Decimal::ZERO {
        return None;
    }
    let h = Decimal::ONE_HUNDRED;
    Some((nl.max(Decimal::ZERO) * h / dh, nh * h / dl))
}

/// A rate moved off its true value by more than its operands' rounding allows.
fn perturb(source: &str, text: &str, rate: &Num, range: (Decimal, Decimal)) -> Option<Mutation> {
    let p = dp(&rate.written);
    let ulp = Decimal::new(1, p);
    let mut v = rate.value;
    let mut step = 0;
    while v >= range.0 - ulp && v <= range.1 + ulp {
        v += ulp;
        step += 1;
        if step > 10_000 {
            return None;
        }
    }
    // Keep the change small and in the figure's own precision.
    let s = fmt_dp(v, p);
    Some(Mutation {
        source: source.into(),
        kind: Kind::RatePerturbed,
        line: lines_of(text, rate.span).0,
        also: None,
        what: format!("{} → {s}", rate.written),
        text: replace(text, rate.span, &s),
    })
}

/// A rate written as the truncation of its true value, when that differs from the rounded
/// value and the operands' rounding cannot reach it.
fn truncated(
    source: &str,
    text: &str,
    rate: &Num,
    central: Decimal,
    range: (Decimal, Decimal),
) -> Option<Mutation> {
    let p = dp(&rate.written);
    let t = central.round_dp_with_strategy(p, RoundingStrategy::ToZero);
    let r = central.round_dp_with_strategy(p, RoundingStrategy::MidpointAwayFromZero);
    if t == r {
        return None;
    }
    let half = Decimal::new(5, p + 1);
    // Reachable from the operands' intervals: not a detectable slip.
    if t + half >= range.0 && t - half <= range.1 {
        return None;
    }
    let s = fmt_dp(t, p);
    Some(Mutation {
        source: source.into(),
        kind: Kind::RateTruncated,
        line: lines_of(text, rate.span).0,
        also: None,
        what: format!("{} → {s} (true {central:.4})", rate.written),
        text: replace(text, rate.span, &s),
    })
}

/// Numbers of an arithmetic expression (`|10 − 7.73|`, `0 + 11.8`), as written.
fn expr_numbers(s: &str) -> Vec<String> {
    numbers(s).into_iter().map(|n| n.written).collect()
}

/// Mutations of one annotated excerpt, from its consistent relations.
pub fn annotated_sites(case: &Case) -> Vec<Mutation> {
    let text = &case.text;
    let src = &case.name;
    let mut out = Vec::new();
    for r in &case.truth.relations_checked {
        if r.verdict.as_deref() != Some("consistent") {
            continue;
        }
        let Some(q) = locate(text, &r.quote) else {
            continue;
        };
        let comp = r.computation.clone().unwrap_or_default();
        let nums: Vec<Num> = numbers(&r.quote)
            .into_iter()
            .map(|mut n| {
                n.span = Span::new(n.span.start + q.start, n.span.end + q.start);
                n
            })
            .collect();
        let stated = comp
            .rsplit_once("stated ")
            .and_then(|(_, s)| numbers(s).into_iter().next());
        match r.kind.as_str() {
            "sum" => {
                let Some(stated) = stated else { continue };
                let Some((lhs, _)) = comp.split_once('=') else {
                    continue;
                };
                if lhs.contains(['−', '-', '×', '/']) {
                    continue;
                }
                let parts = expr_numbers(lhs);
                if parts.len() < 2 {
                    continue;
                }
                let coarsest = parts
                    .iter()
                    .chain(std::iter::once(&stated.written))
                    .map(|w| half_ulp(w))
                    .max()
                    .unwrap_or(Decimal::ZERO);
                let tol = coarsest * Decimal::from(parts.len() as i64 + 1);
                if let Some(t) = unique_value(&nums, stated.value) {
                    out.extend(digit(src, text, t, tol, Kind::TotalDigit));
                    out.extend(restate(src, text, t));
                }
                let part = parts
                    .iter()
                    .filter_map(|w| parse_dec(w))
                    .filter(|v| !v.is_zero() && *v != stated.value)
                    .find_map(|v| unique_value(&nums, v));
                if let Some(p) = part {
                    out.extend(digit(src, text, p, tol, Kind::PartDigit));
                    out.extend(unit_slip(src, text, p));
                }
            }
            "ratio" | "growth" => {
                let Some(stated) = stated else { continue };
                let Some((lhs, _)) = comp.split_once('=') else {
                    continue;
                };
                let Some((n_s, rest)) = lhs.split_once(" / ") else {
                    continue;
                };
                let den_w = expr_numbers(rest);
                let num_w = expr_numbers(n_s);
                let (Some(den), false) = (den_w.first(), num_w.is_empty()) else {
                    continue;
                };
                let Some(dv) = parse_dec(den) else { continue };
                // The numerator: a figure, or |c − p| of two.
                let (nv, nh) = match num_w.as_slice() {
                    [a] => (parse_dec(a), half_ulp(a)),
                    [a, b] => (
                        parse_dec(a).zip(parse_dec(b)).map(|(a, b)| (a - b).abs()),
                        half_ulp(a) + half_ulp(b),
                    ),
                    _ => continue,
                };
                let Some(nv) = nv else { continue };
                if dv.is_zero() {
                    continue;
                }
                let central = nv * Decimal::ONE_HUNDRED / dv;
                let Some(range) = ratio_range((nv, nh), (dv, half_ulp(den))) else {
                    continue;
                };
                let rate = nums
                    .iter()
                    .filter(|n| n.value == stated.value)
                    .find(|n| text[n.span.end..].trim_start().starts_with('%'))
                    .or_else(|| find_value(&nums, stated.value).filter(|_| r.kind == "ratio"));
                let Some(rate) = rate else { continue };
                out.extend(perturb(src, text, rate, range));
                out.extend(truncated(src, text, rate, central, range));
                if r.kind == "ratio" {
                    let operand = [den.as_str()]
                        .into_iter()
                        .chain(num_w.iter().map(String::as_str))
                        .filter_map(parse_dec)
                        .filter(|v| *v != stated.value)
                        .find_map(|v| {
                            unique_value(&nums, v).filter(|n| wan_after(text, n).is_some())
                        });
                    if let Some(o) = operand {
                        out.extend(unit_slip(src, text, o));
                    }
                }
            }
            "count" | "product" => {
                let Some(stated) = stated else { continue };
                if let Some(n) = unique_value(&nums, stated.value) {
                    let kind = if r.kind == "count" {
                        Kind::Count
                    } else {
                        Kind::Product
                    };
                    out.extend(digit(
                        src,
                        text,
                        n,
                        half_ulp(&n.written) * Decimal::TWO,
                        kind,
                    ));
                }
            }
            "duplicate" => {
                if let Some(n) = nums.iter().find(|n| wan_after(text, n).is_some()) {
                    out.extend(restate(src, text, n));
                }
            }
            _ => {}
        }
    }
    out.extend(marker_sites(src, text));
    dedup(out)
}

/// One mutation per (kind, mutated text).
fn dedup(mut v: Vec<Mutation>) -> Vec<Mutation> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|m| seen.insert((m.kind, m.text.clone())));
    v
}

/// Numbered headings and list items (`一、` `（一）` `1、` `1.` `（1）`) at the start of a line,
/// in sequence: the marker of an item that has a predecessor and a successor is removed.
pub fn marker_sites(source: &str, text: &str) -> Vec<Mutation> {
    let Ok(re) = Regex::new(
        r"(?m)^[ \t\u{3000}]*(([一二三四五六七八九十]+)、|[（(]([一二三四五六七八九十]+)[）)]|(\d{1,2})[、．]|[（(](\d{1,2})[）)])",
    ) else {
        return Vec::new();
    };
    let cn = |s: &str| -> Option<u32> {
        let d = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
        let cs: Vec<char> = s.chars().collect();
        match cs.as_slice() {
            ['十'] => Some(10),
            [a] => d(*a),
            ['十', b] => Some(10 + d(*b)?),
            [a, '十'] => Some(d(*a)? * 10),
            [a, '十', b] => Some(d(*a)? * 10 + d(*b)?),
            _ => None,
        }
    };
    // (style, number, span of the marker)
    let mut items: Vec<(u8, u32, Span)> = Vec::new();
    for c in re.captures_iter(text) {
        let Some(m) = c.get(1) else { continue };
        let (style, n) = if let Some(x) = c.get(2) {
            (0, cn(x.as_str()))
        } else if let Some(x) = c.get(3) {
            (1, cn(x.as_str()))
        } else if let Some(x) = c.get(4) {
            (2, x.as_str().parse().ok())
        } else if let Some(x) = c.get(5) {
            (3, x.as_str().parse().ok())
        } else {
            continue;
        };
        if let Some(n) = n {
            items.push((style, n, Span::new(m.start(), m.end())));
        }
    }
    let mut out = Vec::new();
    for (i, &(style, n, span)) in items.iter().enumerate() {
        let prev = items[..i].iter().rev().find(|x| x.0 == style);
        let next = items[i + 1..].iter().find(|x| x.0 == style);
        if prev.is_some_and(|p| p.1 + 1 == n)
            && let Some(next) = next.filter(|x| x.1 == n + 1)
        {
            out.push(Mutation {
                source: source.into(),
                kind: Kind::Marker,
                line: lines_of(text, span).0,
                also: Some(lines_of(text, next.2).0),
                what: format!("marker {} removed", &text[span.start..span.end]),
                text: replace(text, span, ""),
            });
        }
    }
    out
}

const AMOUNT: &str = r"(\d[\d,]*(?:\.\d+)?)\s*万元";

/// Mutations of a clean report, from patterns checked by exact arithmetic.
pub fn pattern_sites(source: &str, text: &str) -> Vec<Mutation> {
    let mut out = Vec::new();
    let nums_in = |a: usize, b: usize| -> Vec<Num> {
        numbers(&text[a..b])
            .into_iter()
            .map(|mut n| {
                n.span = Span::new(n.span.start + a, n.span.end + a);
                n
            })
            .collect()
    };
    // Sentences (and clauses up to ；) with their offsets.
    let mut sentences = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '\n') {
            sentences.push((start, i));
            start = i + c.len_utf8();
        }
    }
    sentences.push((start, text.len()));

    let Ok(amount) = Regex::new(AMOUNT) else {
        return out;
    };
    // X万元，其中A a万元、B b万元 …: parts that add up to X exactly.
    if let Ok(head) = Regex::new(&format!(r"{AMOUNT}[，,]其中[：:]?")) {
        for m in head.captures_iter(text) {
            let (Some(all), Some(t)) = (m.get(0), m.get(1)) else {
                continue;
            };
            let Some(total) = nums_in(t.start(), t.end()).into_iter().next() else {
                continue;
            };
            // Parts: amounts separated by ，、 with a short label each, up to 。；.
            let mut parts = Vec::new();
            let mut pos = all.end();
            loop {
                let rest = &text[pos..];
                let Some(a) = amount.captures(rest) else {
                    break;
                };
                let (Some(whole), Some(v)) = (a.get(0), a.get(1)) else {
                    break;
                };
                let gap = &rest[..whole.start()];
                if gap.contains(['。', '；', ';', '\n', '，', ',', '、'])
                    || gap.chars().count() > 24
                {
                    break;
                }
                if let Some(n) = nums_in(pos + v.start(), pos + v.end()).into_iter().next() {
                    parts.push(n);
                }
                pos += whole.end();
                if !text[pos..].starts_with(['，', '、', ',']) {
                    break;
                }
                pos += text[pos..].chars().next().map_or(1, char::len_utf8);
            }
            let sum: Decimal = parts.iter().map(|p| p.value).sum();
            if parts.len() < 2 || sum != total.value {
                continue;
            }
            let coarsest = parts
                .iter()
                .chain(std::iter::once(&total))
                .map(|n| half_ulp(&n.written))
                .max()
                .unwrap_or(Decimal::ZERO);
            let tol = coarsest * Decimal::from(parts.len() as i64 + 1);
            out.extend(digit(source, text, &total, tol, Kind::TotalDigit));
            out.extend(restate(source, text, &total));
            if let Some(p) = parts.iter().find(|p| !p.value.is_zero()) {
                out.extend(digit(source, text, p, tol, Kind::PartDigit));
                out.extend(unit_slip(source, text, p));
            }
        }
    }
    // A rate after exactly two amounts of its sentence whose ratio rounds to it.
    if let Ok(rate_re) = Regex::new(
        r"(执行率|利用率|完成率|控制率|支付率|到位率)[为是达到了]*\s*(\d+(?:\.\d+)?)\s*%",
    ) {
        for &(a, b) in &sentences {
            let s = &text[a..b];
            for c in rate_re.captures_iter(s) {
                let (Some(whole), Some(r)) = (c.get(0), c.get(2)) else {
                    continue;
                };
                let Some(rate) = nums_in(a + r.start(), a + r.end()).into_iter().next() else {
                    continue;
                };
                let amounts: Vec<Num> = amount
                    .captures_iter(&s[..whole.start()])
                    .filter_map(|m| m.get(1))
                    .filter_map(|v| nums_in(a + v.start(), a + v.end()).into_iter().next())
                    .collect();
                let [x, y] = amounts.as_slice() else { continue };
                let p = dp(&rate.written);
                for (num, den) in [(y, x), (x, y)] {
                    if den.value.is_zero() {
                        continue;
                    }
                    let central = num.value * Decimal::ONE_HUNDRED / den.value;
                    if central.round_dp_with_strategy(p, RoundingStrategy::MidpointAwayFromZero)
                        != rate.value
                    {
                        continue;
                    }
                    let Some(range) = ratio_range(
                        (num.value, half_ulp(&num.written)),
                        (den.value, half_ulp(&den.written)),
                    ) else {
                        break;
                    };
                    out.extend(perturb(source, text, &rate, range));
                    out.extend(truncated(source, text, &rate, central, range));
                    out.extend(unit_slip(source, text, num));
                    out.extend(restate(source, text, den));
                    break;
                }
            }
        }
    }
    // N个，即/分别是/包括 A、B、C (no 等): the count names its items.
    if let Ok(count_re) = Regex::new(
        r"(\d+)\s*(个|项|家|所|条|座|名)[^。；，]{0,12}?[，,：:]?(?:分别是|分别为|即|包括)[：:]?([^。；\n]+)",
    ) {
        for c in count_re.captures_iter(text) {
            let (Some(n), Some(list)) = (c.get(1), c.get(3)) else {
                continue;
            };
            let items = list.as_str();
            if items.contains('等') {
                continue;
            }
            let k = items.split('、').count();
            if k < 2 || n.as_str().parse::<usize>().ok() != Some(k) {
                continue;
            }
            if let Some(num) = nums_in(n.start(), n.end()).into_iter().next() {
                out.extend(digit(source, text, &num, Decimal::ZERO, Kind::Count));
            }
        }
    }
    out.extend(marker_sites(source, text));
    dedup(out)
}

/// What tells two findings apart for a reader: the rule, the line and the severity (a warning
/// turned into an error on the same line is something new).
type Key = (&'static str, usize, &'static str);

/// Error and warning counts by (code, line, severity).
fn keyed(text: &str, diags: &[Diagnostic]) -> BTreeMap<Key, usize> {
    let mut m = BTreeMap::new();
    for d in diags.iter().filter(|d| counts(d)) {
        *m.entry((d.code, lines_of(text, d.span).0, d.severity.as_str()))
            .or_insert(0) += 1;
    }
    m
}

/// Whether jxlint notices a mutation of `base`.
pub fn caught(base: &str, base_diags: &[Diagnostic], m: &Mutation) -> bool {
    let before = keyed(base, base_diags);
    let (_, after) = lint_text(&m.text, SourceFormat::Text, &Options::default());
    let mut seen: BTreeMap<Key, usize> = BTreeMap::new();
    for d in after.iter().filter(|d| counts(d)) {
        let key = (d.code, lines_of(&m.text, d.span).0, d.severity.as_str());
        let n = seen.entry(key).or_insert(0);
        *n += 1;
        if *n <= before.get(&key).copied().unwrap_or(0) {
            continue;
        }
        if spans_of(d).iter().any(|&s| {
            let (a, b) = lines_of(&m.text, s);
            [Some(m.line), m.also]
                .into_iter()
                .flatten()
                .any(|l| a <= l && l <= b)
        }) {
            return true;
        }
    }
    false
}

/// Recall per kind.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Recall {
    pub by_kind: BTreeMap<String, (usize, usize)>,
    pub missed: Vec<String>,
}

/// Run every mutation of every (name, text) source.
pub fn run(sources: &[(String, String, Vec<Mutation>)]) -> Recall {
    let mut r = Recall::default();
    for k in Kind::ALL {
        r.by_kind.insert(k.name().to_string(), (0, 0));
    }
    for (_, text, muts) in sources {
        let (_, base) = lint_text(text, SourceFormat::Text, &Options::default());
        for m in muts {
            let hit = caught(text, &base, m);
            let e = r.by_kind.entry(m.kind.name().to_string()).or_default();
            e.1 += 1;
            e.0 += usize::from(hit);
            if !hit {
                // The mutated text of each miss, for reading it with `jxlint check` or
                // `examples/subjects`.
                if let Ok(dir) = std::env::var("MUTATE_DUMP") {
                    let name = format!(
                        "{dir}/{}-{}-{}-{}.txt",
                        m.source.trim_end_matches(".txt"),
                        m.line,
                        m.kind.name(),
                        r.missed.len()
                    );
                    let _ = std::fs::write(name, &m.text);
                }
                r.missed.push(format!(
                    "{}:{} {} {}",
                    m.source,
                    m.line,
                    m.kind.name(),
                    m.what
                ));
            }
        }
    }
    r
}

/// A recall table.
pub fn render(title: &str, r: &Recall) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(s, "{title}\n  kind                caught  sites  recall");
    let (mut c, mut t) = (0, 0);
    for (k, &(hit, n)) in &r.by_kind {
        c += hit;
        t += n;
        let pct = (hit * 1000)
            .checked_div(n)
            .map_or("—".to_string(), |x| format!("{}.{}%", x / 10, x % 10));
        let _ = writeln!(s, "  {k:<18} {hit:>7} {n:>6}  {pct:>6}");
    }
    let _ = writeln!(s, "  {:<18} {c:>7} {t:>6}", "all");
    s
}
