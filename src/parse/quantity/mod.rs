//! The quantity extractor: every figure with its exact value, unit, qualifier, period, year and
//! label, plus the foreign tokens of the prose.
//!
//! Works on the normalised view of each block (see [`super::norm`]). What is *not* a figure is
//! as important as what is: years (`2023年`), dates (`12月30日`), periods (`1-12月`, which
//! become period marks), ordinals (`第57位`), document numbers (`〔2016〕13号`), codes glued to
//! Latin letters (`H986`) and bare numbers in prose (phone numbers, product codes) are skipped
//! — except a number that heads or closes a bracketed breakdown whose other figures say the
//! unit left off (`开工198007（其中，城镇棚户区197825套，国有工矿棚户区182）`).
//! A token that cannot be split unambiguously (`390390100%`) is not guessed at.

use rust_decimal::Decimal;

use super::norm::{Norm, first_chars, is_cjk, last_chars};
use super::structure::is_han_digit;
use super::{lexicon, qualifier};
use crate::model::{
    Block, BlockKind, Currency, FigureLabel, ForeignToken, Period, Qualifier, Quantity, Span, Unit,
};
pub use crate::model::{Cue, CueKind, PeriodMark};

mod period;
mod shared_unit;
mod unit;
pub use period::parse_period;
use period::{assign_periods, period_at};
pub use shared_unit::BREAKDOWN_UNIT_CHARS;
use shared_unit::shared_breakdown_unit;
use unit::unit_at;

/// Characters after a number that make it a date, time, edition, floor, road or class
/// (`2023年`, `12月`, `9号路`), not a figure. `第57位`, `第3名` are ranks; `80名`, `3栋` counts.
const DATE_SUFFIXES: &[char] = &[
    '年', '月', '日', '号', '时', '点', '届', '级', '季', '周', '岁', '版', '楼', '层', '路', '类',
    '星',
];

/// What the extractor finds.
#[derive(Debug, Default)]
pub struct Extracted {
    pub quantities: Vec<Quantity>,
    pub foreign: Vec<ForeignToken>,
    pub periods: Vec<PeriodMark>,
    pub cues: Vec<Cue>,
    /// Figures with more than [`MAX_SIGNIFICANT_DIGITS`] significant digits: not read.
    pub overlong: Vec<Span>,
}

/// The longest parenthetical inside a label that does not end it: `因公出国（境）费`,
/// `公车购置及运行（维护）费`.
pub const SHORT_GLOSS_CHARS: usize = 4;

/// Whether the bracket at `i` opens or closes a short gloss of Chinese characters inside a
/// word (`出国（境）费`): the label runs through it.
fn in_short_gloss(c: &[char], i: usize) -> bool {
    let inner = |from: usize, to: usize| {
        to > from
            && to - from <= SHORT_GLOSS_CHARS
            && (c[from..to].iter().all(|&x| crate::parse::norm::is_cjk(x))
                // A pinyin gloss left by transcoding: `直達（dá）資金`.
                || c[from..to].iter().all(|&x| x.is_alphabetic() && !crate::parse::norm::is_cjk(x)))
    };
    let word = |k: Option<&char>| k.is_some_and(|&x| crate::parse::norm::is_cjk(x));
    match c.get(i) {
        Some('（') => (i + 1..c.len().min(i + 2 + SHORT_GLOSS_CHARS))
            .find(|&k| c[k] == '）')
            .is_some_and(|k| inner(i + 1, k) && word(c.get(k + 1)) && i > 0 && word(c.get(i - 1))),
        Some('）') => (i.saturating_sub(SHORT_GLOSS_CHARS + 1)..i)
            .rev()
            .find(|&k| c[k] == '（')
            .is_some_and(|k| inner(k + 1, i) && word(c.get(i + 1)) && k > 0 && word(c.get(k - 1))),
        _ => false,
    }
}

fn is_boundary(c: char) -> bool {
    matches!(
        c,
        '，' | '；'
            | '。'
            | '：'
            | '、'
            | '（'
            | '）'
            | '！'
            | '？'
            | '\u{FF5B}'
            | '\u{FF5D}'
            | '【'
            | '】'
    )
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

/// The most significant digits a figure may have: every figure is held exactly as a
/// [`Decimal`] (28–29 significant digits), so a longer number is reported as unreadable,
/// never cut to the digits that fit.
pub const MAX_SIGNIFICANT_DIGITS: usize = 28;

/// The most figures read from one document; the rest are reported, not checked. Bounds the
/// memory and time a single hostile file can take.
pub const MAX_FIGURES: usize = 1_000_000;

/// The most characters before a figure read as its label.
pub const MAX_LABEL_CHARS: usize = 200;

/// What [`number_at`] finds at a digit.
enum Scanned {
    /// Value, decimals written, end index.
    Number(Decimal, u32, usize),
    /// A number with more than [`MAX_SIGNIFICANT_DIGITS`] significant digits, ending at the index.
    TooLong(usize),
    /// Digits that are not a figure (too many decimals), ending at the index.
    NotAFigure(usize),
}

/// The digits of a number as read, with at most one `.`: at most
/// [`MAX_SIGNIFICANT_DIGITS`] + 4 integer digits are kept (a longer one is too long however it
/// ends) and at most 10 decimals, so that reading a figure allocates nothing.
struct Digits {
    buf: [u8; MAX_SIGNIFICANT_DIGITS + 16],
    len: usize,
}

impl Digits {
    fn push(&mut self, c: char) {
        if let (Some(slot), Ok(b)) = (self.buf.get_mut(self.len), u8::try_from(c)) {
            *slot = b;
            self.len += 1;
        }
    }

    fn extend(&mut self, cs: &[char]) {
        for &c in cs {
            self.push(c);
        }
    }

    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// Parse a number at `i`: digits, `,` or space thousands groups, decimals. Each digit is read
/// once: the caller continues after the end index whatever the result.
fn number_at(n: &Norm, i: usize) -> Scanned {
    let c = &n.chars;
    let mut j = i;
    let mut digits = Digits {
        buf: [0; MAX_SIGNIFICANT_DIGITS + 16],
        len: 0,
    };
    while j < c.len() && c[j].is_ascii_digit() {
        j += 1;
    }
    let run = j - i;
    if run <= MAX_SIGNIFICANT_DIGITS + 1 {
        digits.extend(&c[i..j]);
    }
    // Thousands groups: `,ddd` (only after a first group of 1–3 digits).
    if run <= 3 {
        loop {
            let sep = c.get(j).copied();
            if (sep == Some(',') || sep == Some(' '))
                && (1..=3).all(|k| c.get(j + k).is_some_and(|d| d.is_ascii_digit()))
                && !c.get(j + 4).is_some_and(|d| d.is_ascii_digit())
            {
                if sep == Some(' ') {
                    // `54 440.73万元`, `12 486件`: a space group only when decimals, another
                    // group or a unit follow, never between two plain numbers (`390 390`).
                    let after = c.get(j + 4).copied();
                    let grouped_on = after == Some(' ')
                        && (5..=7).all(|k| c.get(j + k).is_some_and(|d| d.is_ascii_digit()));
                    if !(after == Some('.') || grouped_on || unit_at(n, j + 4).0 != Unit::None) {
                        break;
                    }
                }
                if digits.len <= MAX_SIGNIFICANT_DIGITS + 1 {
                    digits.extend(&c[j + 1..j + 4]);
                }
                j += 4;
            } else {
                break;
            }
        }
    }
    let int_digits = digits.len;
    let mut decimals = 0u32;
    if c.get(j) == Some(&'.') && c.get(j + 1).is_some_and(|d| d.is_ascii_digit()) {
        j += 1;
        let from = j;
        while j < c.len() && c[j].is_ascii_digit() {
            j += 1;
        }
        decimals = u32::try_from(j - from).unwrap_or(u32::MAX);
        if decimals <= 10 {
            digits.push('.');
            digits.extend(&c[from..j]);
        }
    }
    if decimals > 10 {
        return Scanned::NotAFigure(j);
    }
    // Significant digits: the integer part without its leading zeros, then the decimals.
    let leading_zeros = digits.bytes().iter().take_while(|&&b| b == b'0').count();
    let significant = int_digits.saturating_sub(leading_zeros) + decimals as usize;
    if run > MAX_SIGNIFICANT_DIGITS + 1 || significant > MAX_SIGNIFICANT_DIGITS {
        return Scanned::TooLong(j);
    }
    // At most MAX_SIGNIFICANT_DIGITS significant digits: the mantissa fits a Decimal.
    match crate::numeric::decimal_from_digits(digits.bytes(), decimals) {
        Some(v) => Scanned::Number(v, decimals, j),
        None => Scanned::TooLong(j),
    }
}

/// Characters left out of a label: quotes, title marks, spaces, asterisks.
fn is_label_noise(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '"' | '\'' | '‘' | '’' | '《' | '》' | '「' | '」' | ' ' | '*'
    )
}

/// Normalise a label for comparison: no quotes, no leading 其中/共/我中心…, no trailing 为/达….
pub fn normalize_label(raw: &str) -> String {
    let s: String = raw.chars().filter(|&c| !is_label_noise(c)).collect();
    trim_label(&s).to_string()
}

/// A label without its leading and trailing words (quotes already removed).
fn trim_label(s: &str) -> &str {
    const LEAD: &[&str] = &[
        "其中",
        "包括",
        "含",
        "共计",
        "合计",
        "总计",
        "共",
        "我中心",
        "我单位",
        "我局",
        "我委",
        "我办",
        "我部门",
        "本单位",
        "本部门",
        "我院",
        "我校",
        "全年",
        "当年度",
        "实现",
        "分别为",
        "分别",
        "年度",
        "度",
        "为",
        "是",
        "及",
        "和",
        "与",
        "的",
    ];
    const TRAIL: &[&str] = &[
        "调整为",
        "增至",
        "减至",
        "达到",
        "已达",
        "共计",
        "合计",
        "为",
        "是",
        "达",
        "计",
        "共",
        "约",
        "仅",
        "有",
        "的",
    ];
    const LEAD_FIRST: [char; LEAD.len()] = first_chars(LEAD);
    const TRAIL_LAST: [char; TRAIL.len()] = last_chars(TRAIL);
    let (mut from, mut to) = (0, s.len());
    loop {
        let before = to - from;
        // A word is compared only when its first (last) character is the label's: most
        // words are passed over without comparing strings.
        let mut first = s[from..to].chars().next();
        for (p, &f) in LEAD.iter().zip(&LEAD_FIRST) {
            if Some(f) == first
                && let Some(rest) = s[from..to].strip_prefix(p)
                && !rest.is_empty()
            {
                from = to - rest.len();
                first = rest.chars().next();
            }
        }
        let mut last = s[from..to].chars().next_back();
        for (p, &l) in TRAIL.iter().zip(&TRAIL_LAST) {
            if Some(l) == last
                && let Some(rest) = s[from..to].strip_suffix(p)
                && !rest.is_empty()
            {
                to = from + rest.len();
                last = rest.chars().next_back();
            }
        }
        if to - from == before {
            break;
        }
    }
    &s[from..to]
}

/// Extract the figures, period marks and foreign tokens of every block.
pub fn extract(text: &str, blocks: &[Block]) -> Extracted {
    let mut out = Extracted::default();
    let mut sentence_base = 0usize;
    // One normalised view, refilled block after block and cell after cell.
    let mut n = Norm::default();
    for (bi, block) in blocks.iter().enumerate() {
        // Past the limit nothing more is checked (`parse::parse` reports where checking
        // stopped): the blocks after it are not read, so that a huge report does not hold
        // figures it will drop.
        if out.quantities.len() > MAX_FIGURES {
            break;
        }
        match &block.kind {
            BlockKind::TableRow { cells } => {
                for (ci, cell) in cells.iter().enumerate() {
                    n.refill(text, *cell);
                    scan(text, &n, bi, Some((bi, ci)), sentence_base + ci, &mut out);
                }
                sentence_base += cells.len().max(1);
            }
            _ => {
                n.refill(text, block.span);
                let count = n.chars.iter().filter(|c| is_sentence_end(**c)).count() + 1;
                scan(text, &n, bi, None, sentence_base, &mut out);
                sentence_base += count;
            }
        }
    }
    assign_periods(&mut out);
    out
}

fn scan(
    text: &str,
    n: &Norm,
    block: usize,
    cell: Option<(usize, usize)>,
    sentence_base: usize,
    out: &mut Extracted,
) {
    let c = &n.chars;
    // Pinyin a mirror site put after characters: left out of the view, reported as foreign.
    if cell.is_none() {
        for &(a, b) in &n.ruby {
            out.foreign.push(ForeignToken {
                span: Span::new(a, b),
                text: text.get(a..b).unwrap_or_default().to_string(),
            });
        }
    }
    let mut sentence = sentence_base;
    // Characters that belong to period/year/date expressions: left out of labels.
    let mut consumed = vec![false; c.len()];
    // Start of the current label region (after a boundary or the previous figure).
    let mut label_from = 0usize;
    let mut years: Vec<(usize, u16)> = Vec::new();
    let mut year_sentence: Vec<usize> = Vec::new();
    // The label being read, reused from figure to figure.
    let mut scratch = String::new();
    // Where the bracket the scan is in opened (in the view), if it is in one.
    let mut open_at: Option<usize> = None;
    let mut i = 0usize;
    while i < c.len() {
        let ch = c[i];
        // A comma is a clause boundary unless it separates thousands.
        let is_thousands_comma = ch == ','
            && i > 0
            && c[i - 1].is_ascii_digit()
            && (1..=3).all(|k| c.get(i + k).is_some_and(|d| d.is_ascii_digit()));
        if ch == '（' {
            open_at = Some(i);
        } else if ch == '）' {
            open_at = None;
        }
        if ch == '（' || ch == '）' {
            let kind = if ch == '（' {
                CueKind::ParenOpen
            } else {
                CueKind::ParenClose
            };
            out.cues.push(Cue {
                kind,
                offset: n.span(i, i + 1).start,
                sentence,
                block,
            });
        }
        if ch == '；' {
            out.cues.push(Cue {
                kind: CueKind::Semicolon,
                offset: n.span(i, i + 1).start,
                sentence,
                block,
            });
        }
        if (is_boundary(ch) && !in_short_gloss(&n.chars, i)) || (ch == ',' && !is_thousands_comma) {
            if is_sentence_end(ch) {
                sentence += 1;
            }
            label_from = i + 1;
            i += 1;
            continue;
        }
        // `基本支出612.40万元中，人员经费…`: the amount just read is broken down as after 其中.
        // (Counts so written, `120户中，95户…，其余25户…`, are sides of one set: the count
        // passes read them.)
        if ch == '中'
            && c.get(i + 1)
                .is_some_and(|&p| matches!(p, '，' | '：' | ',' | ':'))
            && out.quantities.last().is_some_and(|q| {
                q.block == block && q.span.end == n.span(i, i + 1).start && q.unit.is_money()
            })
        {
            out.cues.push(Cue {
                kind: CueKind::Of,
                offset: n.span(i, i + 1).start,
                sentence,
                block,
            });
        }
        if let Some((kind, len)) = cue_at(n, i) {
            out.cues.push(Cue {
                kind,
                offset: n.span(i, i + len).start,
                sentence,
                block,
            });
        }
        if let Some((period, len)) = period_at(n, i) {
            out.periods.push(PeriodMark {
                period,
                span: n.span(i, i + len),
                sentence,
                at: i,
                block,
            });
            for k in consumed.iter_mut().skip(i).take(len) {
                *k = true;
            }
            i += len;
            continue;
        }
        // Garbled text.
        if ch == '\u{FFFD}' || (ch == '锟' && n.starts_with_at(i, "锟斤拷")) {
            let len = if ch == '\u{FFFD}' {
                c[i..].iter().take_while(|&&x| x == '\u{FFFD}').count()
            } else {
                3
            };
            out.foreign.push(ForeignToken {
                span: n.span(i, i + len),
                text: n.text(i, i + len),
            });
            i += len;
            continue;
        }
        if ch.is_ascii_alphabetic() {
            let start = i;
            while i < c.len() && (c[i].is_ascii_alphabetic() || is_pinyin_mark(c[i])) {
                i += 1;
            }
            let word = n.text(start, i);
            let prev = start.checked_sub(1).map(|k| c[k]);
            let next = c[i..].iter().copied().find(|&x| x != ' ');
            let lower = word
                .chars()
                .all(|x| x.is_ascii_lowercase() || is_pinyin_mark(x));
            // Chinese on both sides, or Chinese on one side and a figure on the other
            // (`14个乡镇 and 126个行政村`).
            let cjk_or_digit = |c: Option<char>| c.is_some_and(|c| is_cjk(c) || c.is_ascii_digit());
            let cjk_around = (prev.is_some_and(is_cjk) || next.is_some_and(is_cjk))
                && cjk_or_digit(prev)
                && cjk_or_digit(next);
            let pinyin =
                word.chars().any(is_pinyin_mark) && prev == Some('（') && next == Some('）');
            if cell.is_none() && ((lower && word.chars().count() >= 2 && cjk_around) || pinyin) {
                out.foreign.push(ForeignToken {
                    span: n.span(start, i),
                    text: word,
                });
            }
            // Digits glued to letters (H986, 5G) are codes, not figures.
            while i < c.len() && c[i].is_ascii_alphanumeric() {
                i += 1;
            }
            continue;
        }
        if !ch.is_ascii_digit() {
            i += 1;
            continue;
        }
        let (value, decimals, end) = match number_at(n, i) {
            Scanned::Number(v, d, end) => (v, d, end),
            Scanned::NotAFigure(end) => {
                i = end;
                continue;
            }
            Scanned::TooLong(end) => {
                if cell.is_some() || unit_at(n, end).0 != Unit::None {
                    out.overlong.push(n.span(i, end));
                }
                i = end;
                continue;
            }
        };
        let start = i;
        i = end;
        let prev = start.checked_sub(1).map(|k| c[k]);
        let next = c.get(end).copied();
        // Codes and ordinals.
        if prev.is_some_and(|p| {
            p.is_ascii_alphabetic()
                || p == '第'
                || p == '〔'
                || p == '['
                || p == '.'
                || p == '-'
                || p == '/'
                || p == '#'
        }) || next.is_some_and(|x| {
            x.is_ascii_alphabetic() || x == '〕' || x == ']' || x == '/' || x == '-' || x == '.'
        }) {
            while i < c.len() && (c[i].is_ascii_alphanumeric() || matches!(c[i], '.' | '-' | '/')) {
                i += 1;
            }
            continue;
        }
        // Years, dates, times, document numbers.
        if let Some(x) = next
            && (DATE_SUFFIXES.contains(&x) || matches!(x, '位' | '名' | '栋'))
        {
            let rank_like = matches!(x, '位' | '名') && prev == Some('第');
            if x == '年' && decimals == 0 && (1990..=2100).contains(&value.trunc().mantissa()) {
                years.push((start, value.trunc().mantissa() as u16));
                year_sentence.push(sentence);
                let mut e = end + 1;
                if n.starts_with_at(e, "度") {
                    e += 1;
                }
                for k in consumed.iter_mut().take(e).skip(start) {
                    *k = true;
                }
                i = e;
                continue;
            }
            if DATE_SUFFIXES.contains(&x) || rank_like {
                for k in consumed.iter_mut().take(end + 1).skip(start) {
                    *k = true;
                }
                i = end + 1;
                continue;
            }
        }
        // Ranges `80-90%` are bounds, not figures.
        // Post-number 余/多: `100余家`, `3000多人`.
        let mut j = end;
        let mut qualifier = None;
        if matches!(c.get(j), Some('余') | Some('多'))
            && !n.starts_with_at(j, "多种")
            && !n.starts_with_at(j, "多项")
        {
            let (u, _) = unit_at(n, j + 1);
            if u != Unit::None {
                qualifier = Some(Qualifier::MoreThan);
                j += 1;
            }
        }
        let (mut unit, ulen) = unit_at(n, j);
        let unit_end = j + ulen;
        if unit == Unit::None && cell.is_none() && qualifier.is_none() {
            // The measure word left off a breakdown's total or its last part.
            unit = shared_breakdown_unit(n, j, open_at, out.quantities.last(), block);
        }
        if unit == Unit::None && cell.is_none() {
            continue;
        }
        // Qualifiers before and after.
        let mut qstart = start;
        for &(qw, last) in prose_qualifiers_before() {
            let (w, q) = (qw.text, &qw.means);
            if prev == Some(last)
                && n.ends_with_at(start, w)
                && start - w.chars().count() >= label_from
            {
                // `超` in 超任务 is not adjacent; `过百` is a Chinese numeral — both excluded by
                // adjacency to the digits.
                qualifier = qualifier.or(Some(*q));
                qstart = start - w.chars().count();
                break;
            }
        }
        let mut lit_end = unit_end;
        let after = c.get(unit_end).copied();
        for &(qw, first) in prose_qualifiers_after() {
            let (w, q) = (qw.text, &qw.means);
            if Some(first) == after && n.starts_with_at(unit_end, w) {
                qualifier = qualifier.or(Some(*q));
                lit_end = unit_end + w.chars().count();
                break;
            }
        }
        let _ = lit_end;
        // The label: from the clause start (or the previous figure) to the qualifier.
        // At most MAX_LABEL_CHARS before the figure: a label is the words just before it, and
        // a clause of megabytes without punctuation must not make one figure cost megabytes.
        let from = label_from
            .min(qstart)
            .max(qstart.saturating_sub(MAX_LABEL_CHARS));
        scratch.clear();
        scratch.extend(
            (from..qstart)
                .filter(|&k| !consumed[k])
                .map(|k| c[k])
                .filter(|&x| !is_label_noise(x)),
        );
        let label_text = trim_label(&scratch).to_string();
        let label = if label_text.is_empty() {
            None
        } else {
            let concept = match unit {
                Unit::Percent | Unit::PercentPoint => lexicon::rate_concept(&label_text),
                Unit::Money { .. } => lexicon::money_concept(&label_text),
                _ => {
                    lexicon::rate_concept(&label_text).filter(|c| c.starts_with("rate.completion"))
                }
            };
            // Span of the label text in the source (first to last non-consumed character).
            let first = (from..qstart).find(|&k| !consumed[k]);
            let last = (from..qstart).rfind(|&k| !consumed[k]);
            let span = match (first, last) {
                (Some(a), Some(b)) => n.span(a, b + 1),
                _ => n.span(from, qstart),
            };
            Some(FigureLabel {
                text: label_text.into_boxed_str(),
                span,
                concept,
            })
        };
        // The year stated last before the figure in its sentence.
        // Years are pushed in reading order and sentences only grow: the last year is the
        // only candidate (constant time, however many years the block states).
        let year = years
            .last()
            .zip(year_sentence.last())
            .filter(|((at, _), s)| **s == sentence && *at < start)
            .map(|((_, y), _)| *y);
        out.quantities.push(Quantity {
            span: n.span(start, unit_end),
            number_span: n.span(start, end),
            value,
            decimals,
            unit,
            qualifier,
            period: None,
            year,
            label,
            block,
            sentence,
            // A block index and a column: far below 2^32 in a file of at most 64 MB.
            cell: cell.map(|(row, col)| (row as u32, col as u32)),
        });
        i = unit_end;
        label_from = unit_end;
    }
}

/// The qualifier words read before a figure in prose, with the last character of each, in
/// the order `qualifier::words_with_last` gives them (chosen once per run).
fn prose_qualifiers_before() -> &'static [(&'static qualifier::Word, char)] {
    static WORDS: std::sync::OnceLock<Vec<(&'static qualifier::Word, char)>> =
        std::sync::OnceLock::new();
    WORDS.get_or_init(|| qualifier::words_with_last(qualifier::Place::Before, true).collect())
}

/// The qualifier words read after a figure's unit in prose, with the first character of each,
/// in the order `qualifier::words` gives them (an empty word, which every text starts with,
/// is kept out: there is none).
fn prose_qualifiers_after() -> &'static [(&'static qualifier::Word, char)] {
    static WORDS: std::sync::OnceLock<Vec<(&'static qualifier::Word, char)>> =
        std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        qualifier::words(qualifier::Place::After, true)
            .filter_map(|w| Some((w, w.text.chars().next()?)))
            .collect()
    })
}

/// Words that structure figures: `其中` opens a breakdown, `包括`/`含` a nested one, `可比`
/// marks comparable-price growth.
fn cue_at(n: &Norm, i: usize) -> Option<(CueKind, usize)> {
    // Every cue starts with one of these characters: most characters are no cue.
    if !n.chars.get(i).is_some_and(|&c| {
        matches!(
            c,
            '其' | '包'
                | '含'
                | '可'
                | '一'
                | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
        )
    }) {
        return None;
    }
    if n.starts_with_at(i, "其中") {
        return Some((CueKind::Of, 2));
    }
    if n.starts_with_at(i, "包括") || n.starts_with_at(i, "包含") {
        return Some((CueKind::Including, 2));
    }
    if n.starts_with_at(i, "含") && !n.ends_with_at(i, "包") {
        return Some((CueKind::Including, 1));
    }
    if n.starts_with_at(i, "可比") {
        return Some((CueKind::Comparable, 2));
    }
    // `一是…；二是…`: parallel items, usually about different subjects.
    if n.starts_with_at(i + 1, "是")
        && n.chars.get(i).is_some_and(|c| is_han_digit(*c))
        && i.checked_sub(1)
            .is_none_or(|p| is_boundary(n.chars[p]) || n.chars[p] == '。')
    {
        return Some((CueKind::Enumeration, 2));
    }
    None
}

fn is_pinyin_mark(c: char) -> bool {
    matches!(
        c,
        'ā' | 'á'
            | 'ǎ'
            | 'à'
            | 'ē'
            | 'é'
            | 'ě'
            | 'è'
            | 'ī'
            | 'í'
            | 'ǐ'
            | 'ì'
            | 'ō'
            | 'ó'
            | 'ǒ'
            | 'ò'
            | 'ū'
            | 'ú'
            | 'ǔ'
            | 'ù'
            | 'ǖ'
            | 'ǘ'
            | 'ǚ'
            | 'ǜ'
            | 'ü'
    )
}

#[cfg(test)]
mod tests;
