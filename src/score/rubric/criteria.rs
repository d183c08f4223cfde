//! Tiers written in a score table's own criteria (`1.满意度≥95%的，得6分；2.90%≤满意度<95%的，
//! 得4分；…`) read into bands.

use super::*;

/// Bands written in a table row's criteria: `1.满意度≥95%的，得6分； 2.90%≤满意度<95%的，得4分；
/// 3.80%≤满意度<90%的，得2分； 4.满意度<80%的，得1分。` → the variable (`满意度`) and its bands.
/// `None` unless at least two items read and all name the same variable.
pub fn bands_from_criteria(text: &str) -> Option<(String, Vec<Band>)> {
    let t = crate::parse::table::roles::clean(text);
    let mut var: Option<String> = None;
    let mut bands = Vec::new();
    for item in t.split(['；', '。', ';']) {
        let Some(de) = item.rfind('得') else {
            continue;
        };
        let after = &item[de + '得'.len_utf8()..];
        let Some(fen) = after.find('分') else {
            continue;
        };
        let Some((points, _)) = crate::parse::table::cell::parse_number(&after[..fen]) else {
            continue;
        };
        if !after[fen + '分'.len_utf8()..].is_empty() {
            continue;
        }
        // The condition: after the item's number marker (`2.`), before `的，得`.
        let cond = item[..de].trim_end_matches([',', '，', '的']);
        let (name, min, max) = [leading_marker_rest(cond), last_marker_rest(cond), cond]
            .into_iter()
            .find_map(condition)?;
        match &var {
            None => var = Some(name),
            Some(v) if *v == name => {}
            Some(_) => return None,
        }
        bands.push(Band {
            min,
            max,
            score: BandScore::Points(points),
        });
    }
    let var = var?;
    (bands.len() >= 2).then_some((var, bands))
}

/// The text after a list marker at the start (`2.90%≤满意度` → `90%≤满意度`).
pub(super) fn leading_marker_rest(s: &str) -> &str {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) && s.as_bytes().get(digits) == Some(&b'.') {
        &s[digits + 1..]
    } else {
        s
    }
}

/// The text after the last list marker `N.` (a digit, a dot, no digit after it).
pub(super) fn last_marker_rest(s: &str) -> &str {
    let b = s.as_bytes();
    let mut cut = 0;
    for i in 0..b.len() {
        if b[i] == b'.'
            && i > 0
            && b[i - 1].is_ascii_digit()
            && !b.get(i + 1).is_some_and(|c| c.is_ascii_digit())
        {
            // The marker's digits start after a non-digit.
            cut = i + 1;
        }
    }
    &s[cut..]
}

/// `满意度≥95%`, `90%≤满意度<95%`, `90%>固定资产利用率≥75%`, `满意度<80%`.
pub(super) fn condition(s: &str) -> Option<(String, Option<Bound>, Option<Bound>)> {
    #[derive(Debug)]
    enum Tok {
        Num(Decimal),
        Op(&'static str),
        Word(String),
    }
    let mut toks = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(op) = ["≥", ">=", "≤", "<=", ">", "<"]
            .into_iter()
            .find(|op| rest.starts_with(op))
        {
            let norm = match op {
                ">=" => "≥",
                "<=" => "≤",
                o => o,
            };
            toks.push(Tok::Op(norm));
            rest = &rest[op.len()..];
            continue;
        }
        let digits = rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        if digits > 0 {
            let (n, _) = crate::parse::table::cell::parse_number(&rest[..digits])?;
            toks.push(Tok::Num(n));
            rest = rest[digits..].strip_prefix('%').unwrap_or(&rest[digits..]);
            continue;
        }
        let word_end = rest
            .char_indices()
            .find(|(_, c)| c.is_ascii_digit() || matches!(c, '≥' | '≤' | '>' | '<'))
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        toks.push(Tok::Word(rest[..word_end].to_string()));
        rest = &rest[word_end..];
    }
    let lower = |op: &str, v: Decimal| -> Option<Bound> {
        match op {
            "≥" => Some(Bound {
                value: v,
                inclusive: true,
            }),
            ">" => Some(Bound {
                value: v,
                inclusive: false,
            }),
            _ => None,
        }
    };
    let upper = |op: &str, v: Decimal| -> Option<Bound> {
        match op {
            "≤" => Some(Bound {
                value: v,
                inclusive: true,
            }),
            "<" => Some(Bound {
                value: v,
                inclusive: false,
            }),
            _ => None,
        }
    };
    // `a op x` read as `x op' a`.
    let flip = |op: &'static str| match op {
        "≥" => "≤",
        "≤" => "≥",
        ">" => "<",
        _ => ">",
    };
    match toks.as_slice() {
        [Tok::Word(w), Tok::Op(op), Tok::Num(v)] => {
            let (lo, hi) = (lower(op, *v), upper(op, *v));
            Some((w.clone(), lo, hi))
        }
        [
            Tok::Num(a),
            Tok::Op(op1),
            Tok::Word(w),
            Tok::Op(op2),
            Tok::Num(b),
        ] => {
            let f = flip(op1);
            let (lo1, hi1) = (lower(f, *a), upper(f, *a));
            let (lo2, hi2) = (lower(op2, *b), upper(op2, *b));
            let lo = lo1.or(lo2);
            let hi = hi1.or(hi2);
            (lo.is_some() && hi.is_some()).then(|| (w.clone(), lo, hi))
        }
        [Tok::Num(a), Tok::Op(op), Tok::Word(w)] => {
            let f = flip(op);
            Some((w.clone(), lower(f, *a), upper(f, *a)))
        }
        _ => None,
    }
}

/// Words of a row's criteria that score a missed target by the achievement ratio
/// (`按实际完成比例得分`, `实际完成值与年度指标值之比`, `完成率×分值`).
pub const RATIO_WORDS: &[&str] = &[
    "比例",
    "之比",
    "完成率×",
    "×完成率",
    "/年度指标值",
    "/目标值",
];

/// Words that name a missed target (`未完成`, `未达到目标`, `否则`).
pub const MISSED_WORDS: &[&str] = &[
    "未完成",
    "未达到",
    "未达标",
    "不达标",
    "没有完成",
    "没有达到",
    "达不到",
    "否则",
];

/// Words that give a missed target nothing (`不得分`, `得0分`).
pub const ZERO_WORDS: &[&str] = &["不得分", "得0分", "计0分", "记0分"];

/// Words that take points off a missed target by an amount not written (`酌情扣分`).
pub const LESS_WORDS: &[&str] = &["扣", "酌情", "减分"];

/// How a row's own criteria score a missed target: `未完成不得分` → [`Missed::Zero`],
/// `按完成比例得分` → [`Missed::Ratio`], `未达到的酌情扣分` → [`Missed::Less`]; `None` when they
/// say nothing of it (tiers, a deduction per step, prose).
pub fn missed_from_criteria(text: &str) -> Option<Missed> {
    let t = crate::parse::table::roles::clean(text);
    if RATIO_WORDS.iter().any(|w| t.contains(w)) {
        return Some(Missed::Ratio);
    }
    // The item that speaks of a miss decides.
    let item = t
        .split(['；', '。', ';', '，', ','])
        .scan(false, |seen, item| {
            *seen |= MISSED_WORDS.iter().any(|w| item.contains(w));
            Some((*seen, item))
        })
        .filter(|(seen, _)| *seen)
        .map(|(_, item)| item)
        .take(2)
        .collect::<String>();
    if item.is_empty() {
        return None;
    }
    if ZERO_WORDS.iter().any(|w| item.contains(w)) {
        Some(Missed::Zero)
    } else if LESS_WORDS.iter().any(|w| item.contains(w)) {
        Some(Missed::Less)
    } else {
        None
    }
}
