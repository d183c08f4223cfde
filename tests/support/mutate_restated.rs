//! The restatement oracle of the mutation harness (`mutate.rs`): a figure's clause restated at
//! the end of the text with one digit changed, as a reader would write it again — the clause
//! cut at its separators, not inside brackets (a pinyin reading, a note) nor between the words
//! of one name joined by `、`, a line a page wrapped joined, and a change or a comparison base
//! restated with the level it is of.

use super::{Kind, Mutation, Num, change_digit, numbers, wan_after};
use jxlint::model::Span;
use regex::Regex;
use rust_decimal::Decimal;

/// Whether a stretch of text states a figure: a number not followed by 年, 月 or 日 (a date).
fn states_figure(s: &str) -> bool {
    numbers(s)
        .iter()
        .any(|n| !s[n.span.end..].trim_start().starts_with(['年', '月', '日']))
}

/// Whether the line break at byte `at` wraps a sentence (text copied from a page): the line
/// it ends is a line of a paragraph (15 characters or more, with a comma), and ends inside a
/// word — a Chinese character on both sides.
fn wrapped(text: &str, at: usize) -> bool {
    let cjk = |c: Option<char>| c.is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let line = &text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
    cjk(line.chars().next_back())
        && cjk(text[at + 1..].chars().next())
        && line.trim().chars().count() >= 15
        && line.contains(['，', ','])
}

/// Where the clause closed by the figure at `end` begins: after the last separator before it.
/// What stands in brackets closed before the figure is part of the clause (a pinyin reading
/// `經(jīng)費`, a note `(含参照公务员法管理的事业单位)`), and a `、` separates only items that
/// state a figure each (`A 10万元、B 20万元`), not the words of one name (`中央、省市补贴资金`).
fn clause_start(text: &str, end: usize) -> usize {
    const SEPS: &[char] = &['，', ',', '。', '；', ';', '：', ':', '\n', '（', '(', '、'];
    let mut seps: Vec<(usize, char)> = Vec::new();
    let mut depth = 0usize;
    for (i, c) in text[..end].char_indices().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' if depth > 0 => depth -= 1,
            '\n' if wrapped(text, i) => {}
            _ if depth == 0 && SEPS.contains(&c) => seps.push((i, c)),
            _ => {}
        }
    }
    // `seps` runs from the figure backwards.
    for (k, &(i, c)) in seps.iter().enumerate() {
        if c == '、' {
            let from = seps.get(k + 1).map_or(0, |&(j, d)| j + d.len_utf8());
            if !states_figure(&text[from..i]) {
                continue;
            }
        }
        return i + c.len_utf8();
    }
    0
}

/// The clause a figure closes: back to the last separator, forward to the end of its unit.
fn clause_of(text: &str, n: &Num, unit: Span) -> Option<String> {
    let before = &text[..n.span.start];
    let start = clause_start(text, n.span.start);
    let label: String = text[start..n.span.start]
        .trim()
        .chars()
        .filter(|&c| c != '\n')
        .collect();
    let label = label.strip_prefix("其中").unwrap_or(&label);
    if label
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count()
        < 2
    {
        return None;
    }
    let mut s = label.to_string();
    // The year the clause is about, when the clause does not say.
    if !s.contains('年') {
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let re = Regex::new(r"(\d{4})年度?").ok()?;
        if let Some(m) = re.find_iter(&text[line_start..start]).last() {
            s = format!("{}{s}", m.as_str());
        }
    }
    Some(format!("{s}{{}}{}", &text[unit.start..unit.end]))
}

/// Words that open a change or a comparison base (`比上年减少`, `较2024年的`): the clause
/// says what it is only with the level before it.
const COMPARISONS: &[&str] = &[
    "比",
    "较",
    "與",
    "与",
    "同比",
    "同口徑",
    "同口径",
    "对比",
    "對比",
];

/// For a figure whose clause opens with a comparison right after an amount in 万元 and a comma
/// (`支出合计35万元，比上年减少2.28万元`), that amount's clause with it and the comma: what
/// the change or base is of.
fn level_before(text: &str, n: &Num) -> Option<String> {
    let start = clause_start(text, n.span.start);
    let words = text[start..n.span.start].trim();
    if !COMPARISONS.iter().any(|w| words.starts_with(w)) {
        return None;
    }
    let comma = text[..start].char_indices().next_back()?;
    if !matches!(comma.1, '，' | ',') {
        return None;
    }
    let level = numbers(&text[..comma.0]).pop()?;
    let unit = wan_after(text, &level)?;
    if unit.end != comma.0 {
        return None;
    }
    let clause = clause_of(text, &level, unit)?;
    Some(format!(
        "{}{}",
        clause.replace("{}", &level.written),
        comma.1
    ))
}

/// A later restatement of a figure with one digit changed, as a new paragraph at the end; a
/// change or a comparison base with the level it is of.
pub(super) fn restate(source: &str, text: &str, n: &Num) -> Option<Mutation> {
    let unit = wan_after(text, n)?;
    let clause = match level_before(text, n) {
        Some(level) => {
            let start = clause_start(text, n.span.start);
            let words: String = text[start..n.span.start]
                .trim()
                .chars()
                .filter(|&c| c != '\n')
                .collect();
            format!("{level}{words}{{}}{}", &text[unit.start..unit.end])
        }
        None => clause_of(text, n, unit)?,
    };
    let changed = change_digit(&n.written, Decimal::ZERO)?;
    let mut t = text.trim_end().to_string();
    let sentence = format!("综上，{}。", clause.replace("{}", &changed));
    t.push_str("\n\n");
    t.push_str(&sentence);
    t.push('\n');
    let line = t.trim_end().matches('\n').count() + 1;
    Some(Mutation {
        source: source.into(),
        kind: Kind::Restated,
        line,
        also: None,
        what: format!("{} restated as {changed}: {sentence}", n.written),
        text: t,
    })
}
