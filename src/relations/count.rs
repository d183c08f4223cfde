//! Counts and the closed lists they count: `下属单位3个，即A、B、C`,
//! `共设4个科室，分别是…、…、…`, `包括A、B、C三项`.
//!
//! A list is read only when it is closed: no 等, 主要, 如, 其中 or other partial wording, items
//! separated by 、 (or, when no 、 is used, by ， and ； between short items), a last item
//! possibly joined by 和/及. The count may be written in digits or in Chinese numerals
//! (`三项`, `十五家`).

use super::*;
use crate::model::Span;
pub use crate::model::claims::{CountClaim, CountSum, CountSumKind};
use crate::numeric::han_digit;
use crate::numeric::parse_han_numeral;

/// Measure words a counted list is stated in.
const CLASSIFIERS: [&str; 13] = [
    "个", "家", "项", "类", "所", "处", "名", "条", "座", "支", "种", "方面", "大类",
];

/// Words that introduce the list after its count (`3个，即…`).
const CUES_AFTER: [&str; 7] = ["分别是", "分别为", "包括", "包含", "即", "：", ":"];

/// Words that introduce a list whose count follows it (`包括A、B、C三项`).
const CUES_BEFORE: [&str; 5] = ["分别是", "分别为", "包括", "包含", "即"];

/// Wording that makes a list partial or open.
const PARTIAL: [&str; 10] = [
    "等", "主要", "如", "其中", "之一", "部分", "其他", "其它", "若干", "以上",
];

/// Joining words inside an item: the item may be one name or two items.
const JOINS: [&str; 4] = ["以及", "和", "及", "与"];

/// Every stated count with its closed list, in the prose of a document.
pub fn find_counts(text: &str, doc: &Document) -> Vec<CountClaim> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        if !matches!(b.kind, BlockKind::Paragraph) {
            continue;
        }
        let Some(s) = text.get(b.span.start..b.span.end) else {
            continue;
        };
        let chars: Vec<(usize, char)> = s
            .char_indices()
            .map(|(i, c)| (b.span.start + i, c))
            .collect();
        find_in_block(&chars, &mut out);
    }
    out
}

fn find_in_block(cs: &[(usize, char)], out: &mut Vec<CountClaim>) {
    let end_of = |i: usize| {
        cs.get(i)
            .map_or(cs.last().map_or(0, |c| c.0 + c.1.len_utf8()), |c| c.0)
    };
    let mut i = 0;
    while i < cs.len() {
        // Only a digit, 十 or a Chinese digit can start a count.
        let c = cs[i].1;
        if !(c.is_ascii_digit() || c == '十' || han_digit(c).is_some()) {
            i += 1;
            continue;
        }
        let Some((value, num_end)) = numeral_at(cs, i) else {
            i += 1;
            continue;
        };
        let Some(cls_end) = classifier_at(cs, num_end) else {
            i += 1;
            continue;
        };
        let count = Span::new(cs[i].0, end_of(cls_end));
        if (2..=60).contains(&value) {
            if let Some((items, min, max, loose)) = list_after(cs, cls_end) {
                out.push(CountClaim {
                    count,
                    value,
                    items,
                    min,
                    max,
                    loose,
                });
                i = cls_end;
                continue;
            }
            if let Some((items, min, max, loose)) = list_before(cs, i, cls_end) {
                out.push(CountClaim {
                    count,
                    value,
                    items,
                    min,
                    max,
                    loose,
                });
            }
        }
        i = cls_end;
    }
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

fn is_numeral_char(c: char) -> bool {
    c.is_ascii_digit() || c == '十' || c == '.' || c == '第' || han_digit(c).is_some()
}

/// A whole number at `i` (`15`, `三`, `十五`, `二十三`): its value and where it ends.
fn numeral_at(cs: &[(usize, char)], i: usize) -> Option<(u32, usize)> {
    if i > 0 && is_numeral_char(cs[i - 1].1) {
        return None;
    }
    let c = cs[i].1;
    if c.is_ascii_digit() {
        let mut j = i;
        let mut v: u32 = 0;
        while j < cs.len() && cs[j].1.is_ascii_digit() && j - i < 3 {
            v = v * 10 + cs[j].1.to_digit(10)?;
            j += 1;
        }
        if j < cs.len() && (cs[j].1.is_ascii_digit() || cs[j].1 == '.') {
            return None;
        }
        return Some((v, j));
    }
    // 一..九十九 (d, 十, 十d, d十, d十d): the whole run of Chinese digits and 十, read by
    // `numeric::parse_han_numeral`; a run it cannot read (三四, 二十三四) is not a count.
    let mut j = i;
    while j < cs.len() && (cs[j].1 == '十' || han_digit(cs[j].1).is_some()) {
        j += 1;
    }
    if j == i || cs.get(j).is_some_and(|c| is_numeral_char(c.1)) {
        return None;
    }
    let run: String = cs[i..j].iter().map(|c| c.1).collect();
    parse_han_numeral(&run).map(|v| (v, j))
}

fn starts_with(cs: &[(usize, char)], i: usize, w: &str) -> bool {
    (i..)
        .zip(w.chars())
        .all(|(k, c)| cs.get(k).map(|x| x.1) == Some(c))
}

fn classifier_at(cs: &[(usize, char)], i: usize) -> Option<usize> {
    CLASSIFIERS
        .iter()
        .filter(|w| starts_with(cs, i, w))
        .map(|w| i + w.chars().count())
        .max()
}

fn text_of(cs: &[(usize, char)]) -> String {
    cs.iter().map(|c| c.1).collect()
}

/// `3个科室，即A、B、C`: the list after the count.
fn list_after(cs: &[(usize, char)], from: usize) -> Option<(Vec<Span>, usize, usize, bool)> {
    // A short noun (科室, 事业单位) may stand between the count and its cue; anything longer
    // (`3个村的道路建设，包括…`) may be what the list is about rather than what it counts.
    let mut j = from;
    while j < cs.len() && is_han(cs[j].1) && j - from <= 4 {
        if CUES_AFTER.iter().any(|w| starts_with(cs, j, w)) {
            break;
        }
        j += 1;
    }
    let noun = text_of(&cs[from..j]);
    if j - from > 4 || noun.contains('的') || PARTIAL.iter().any(|w| noun.contains(w)) {
        return None;
    }
    if matches!(cs.get(j).map(|c| c.1), Some('，' | ',')) {
        j += 1;
    }
    let cue = CUES_AFTER.iter().find(|w| starts_with(cs, j, w))?;
    j += cue.chars().count();
    if matches!(cs.get(j).map(|c| c.1), Some('：' | ':')) {
        j += 1;
    }
    let items = split_list(cs, j, None)?;
    judge_items(cs, items)
}

/// `包括A、B、C三项`: the list before a count attached to its last item.
fn list_before(
    cs: &[(usize, char)],
    count: usize,
    cls_end: usize,
) -> Option<(Vec<Span>, usize, usize, bool)> {
    if count == 0 || !is_han(cs[count - 1].1) {
        return None;
    }
    // A short tail (内容, 工作) and then the clause ends.
    let mut t = cls_end;
    while t < cs.len() && is_han(cs[t].1) && t - cls_end <= 4 {
        t += 1;
    }
    if t < cs.len() && !matches!(cs[t].1, '，' | '。' | '；' | ',' | ';') {
        return None;
    }
    if PARTIAL.iter().any(|w| text_of(&cs[cls_end..t]).contains(w)) {
        return None;
    }
    // The cue: the last one in the clause before the count.
    let mut k = count;
    let start = loop {
        if k == 0 {
            return None;
        }
        k -= 1;
        if matches!(cs[k].1, '，' | '。' | '；' | '！' | '？' | ',' | ';') {
            return None;
        }
        if let Some(w) = CUES_BEFORE.iter().find(|w| starts_with(cs, k, w)) {
            break k + w.chars().count();
        }
    };
    let start = if matches!(cs.get(start).map(|c| c.1), Some('：' | ':')) {
        start + 1
    } else {
        start
    };
    if !cs[start..count].iter().any(|c| c.1 == '、') {
        return None;
    }
    let items = split_list(cs, start, Some(count))?;
    // A numeral in the last item (`乙县两县三个乡镇`) may count something else.
    let &(a, b) = items.0.last()?;
    if cs[a..b]
        .iter()
        .any(|c| c.1 == '十' || han_digit(c.1).is_some())
    {
        return None;
    }
    judge_items(cs, items)
}

/// The items of a list from `from` (to `to`, or to where the list ends): separated by 、 and
/// ending at the clause's end, or — when no 、 comes before the first ， — separated by ， and
/// ； and ending at the sentence's end (a loose list: `true`). Brackets are skipped. `None`
/// when the list is not one.
fn split_list(
    cs: &[(usize, char)],
    from: usize,
    to: Option<usize>,
) -> Option<(Vec<(usize, usize)>, bool)> {
    let end = to.unwrap_or(cs.len());
    let first = |set: &[char]| {
        cs[from..end]
            .iter()
            .position(|c| set.contains(&c.1))
            .map(|p| from + p)
    };
    let dun = first(&['、']);
    let comma = first(&['，', '；', ',', ';']);
    let by_dun = match (dun, comma) {
        (Some(d), Some(c)) => d < c,
        (Some(_), None) => true,
        _ => false,
    };
    let (seps, stops): (&[char], &[char]) = if by_dun {
        (&['、'], &['，', '；', '。', ',', ';', '！', '？', '：'])
    } else {
        (&['，', '；', ',', ';'], &['。', '！', '？', '：'])
    };
    let mut items = Vec::new();
    let mut depth = 0i32;
    let mut start = from;
    let mut j = from;
    while j < end {
        let c = cs[j].1;
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            _ if depth > 0 => {}
            _ if seps.contains(&c) => {
                items.push((start, j));
                start = j + 1;
            }
            _ if stops.contains(&c) => break,
            _ => {}
        }
        j += 1;
    }
    if depth != 0 {
        return None;
    }
    // The list must end its sentence when separated by commas.
    if !by_dun && j < cs.len() && cs[j].1 == '：' {
        return None;
    }
    items.push((start, j));
    if items.len() < 2 {
        return None;
    }
    let short = if by_dun { 20 } else { 10 };
    for &(a, b) in &items {
        let item: Vec<char> = cs[a..b]
            .iter()
            .map(|c| c.1)
            .scan(0i32, |d, c| {
                let keep = *d == 0 && !matches!(c, '（' | '(' | '）' | ')');
                match c {
                    '（' | '(' => *d += 1,
                    '）' | ')' => *d -= 1,
                    _ => {}
                }
                Some((keep, c))
            })
            .filter(|(k, _)| *k)
            .map(|(_, c)| c)
            .collect();
        let t: String = item.iter().collect();
        // An item holding a count of its own (`乙县两县`) is a nested count.
        let nested =
            (a..b).any(|k| numeral_at(cs, k).is_some_and(|(_, e)| classifier_at(cs, e).is_some()));
        if item.is_empty()
            || nested
            || item.len() > short
            || !item.iter().all(|&c| is_han(c) || "“”《》*＊·".contains(c))
            || PARTIAL.iter().any(|w| t.contains(w))
            || (!by_dun
                && ["的", "负责", "承担", "是", "为", "了", "在"]
                    .iter()
                    .any(|w| t.contains(w)))
        {
            return None;
        }
    }
    Some((items, !by_dun))
}

/// The items as spans, with the least and the most items the list can be read as.
fn judge_items(
    cs: &[(usize, char)],
    (items, loose): (Vec<(usize, usize)>, bool),
) -> Option<(Vec<Span>, usize, usize, bool)> {
    let n = items.len();
    let joined = items
        .iter()
        .filter(|&&(a, b)| {
            let t = text_of(&cs[a..b]);
            JOINS.iter().any(|w| t.contains(w))
        })
        .count();
    let spans = items
        .iter()
        .map(|&(a, b)| Span::new(cs[a].0, cs[b - 1].0 + cs[b - 1].1.len_utf8()))
        .collect();
    Some((spans, n, n + joined, loose))
}

/// Words that make a count the starting one of a sum (`年初8个`).
const STARTS: [&str; 3] = ["年初", "原有", "上年末"];

/// Verbs right before a count that add to or take from the start (`增加8个`).
const CHANGES: [(&str, bool); 8] = [
    ("增加", true),
    ("新增", true),
    ("新建", true),
    ("增设", true),
    ("减少", false),
    ("撤销", false),
    ("撤并", false),
    ("注销", false),
];

/// Words right before a count that make it the total (`共15个`).
const TOTALS: [&str; 5] = ["共计", "合计", "总计", "共有", "共"];

/// Every count stated as a start, its changes and their total in one sentence, in explicit
/// wording: `年初8个，年中增加8个，共15个`. Every count of the sentence must take part, in
/// one measure word.
pub fn find_count_sums(text: &str, doc: &Document) -> Vec<CountSum> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        if !matches!(b.kind, BlockKind::Paragraph) {
            continue;
        }
        let Some(s) = text.get(b.span.start..b.span.end) else {
            continue;
        };
        let cs: Vec<(usize, char)> = s
            .char_indices()
            .map(|(i, c)| (b.span.start + i, c))
            .collect();
        for sentence in cs.split(|c| matches!(c.1, '。' | '！' | '？' | '；' | ';')) {
            if let Some(c) = count_sum(sentence) {
                out.push(c);
            }
        }
    }
    out
}

fn count_sum(cs: &[(usize, char)]) -> Option<CountSum> {
    // Every count of the sentence: (start, end, value, measure word).
    let mut counts = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if let Some((v, ne)) = numeral_at(cs, i)
            && let Some(ce) = classifier_at(cs, ne)
        {
            counts.push((i, ce, v, text_of(&cs[ne..ce])));
            i = ce;
            continue;
        }
        if cs[i].1.is_ascii_digit() {
            // A figure of another kind (money, a rate, a year) in the sentence.
            return None;
        }
        i += 1;
    }
    if counts.len() < 3 || counts.iter().any(|c| c.3 != counts[0].3) {
        return None;
    }
    let before = |i: usize, n: usize| text_of(&cs[i.saturating_sub(n)..i]);
    let span = |a: usize, b: usize| Span::new(cs[a].0, cs[b - 1].0 + cs[b - 1].1.len_utf8());
    // The start: its clause names it.
    let (s0, e0, v0, _) = counts[0];
    let clause_start = cs[..s0]
        .iter()
        .rposition(|c| matches!(c.1, '，' | ','))
        .map_or(0, |p| p + 1);
    let clause = text_of(&cs[clause_start..s0]);
    if !STARTS.iter().any(|w| clause.contains(w)) {
        return None;
    }
    let mut parts = vec![(span(s0, e0), v0, true)];
    let last = counts.len() - 1;
    for &(s, e, v, _) in &counts[1..last] {
        let b = before(s, 2);
        let b = if b.ends_with('了') {
            before(s - 1, 2)
        } else {
            b
        };
        let &(_, add) = CHANGES.iter().find(|(w, _)| b == *w)?;
        parts.push((span(s, e), v, add));
    }
    let (s, e, v, _) = counts[last];
    if !TOTALS.iter().any(|w| before(s, 2).ends_with(w)) {
        return None;
    }
    Some(CountSum {
        total: (span(s, e), v),
        parts,
        kind: CountSumKind::Changes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(text: &str) -> Vec<(u32, usize, usize)> {
        let d = crate::parse::parse(text, crate::model::SourceFormat::Text);
        find_counts(text, &d)
            .iter()
            .map(|c| (c.value, c.min, c.max))
            .collect()
    }

    #[test]
    fn chinese_digits_are_read_as_the_numeral_reader_reads_them() {
        for c in ('\u{0}'..='\u{ffff}').chain(['\u{10000}', '\u{10ffff}']) {
            let one = parse_han_numeral(c.encode_utf8(&mut [0; 4])).filter(|d| (1..=9).contains(d));
            assert_eq!(han_digit(c), one, "{c:?}");
        }
    }

    #[test]
    fn numerals_in_digits_and_chinese() {
        let at = |t: &str| {
            let cs: Vec<(usize, char)> = t.char_indices().collect();
            numeral_at(&cs, 0)
        };
        assert_eq!(at("15个"), Some((15, 2)));
        assert_eq!(at("十五家"), Some((15, 2)));
        assert_eq!(at("二十三项"), Some((23, 3)));
        assert_eq!(at("两个"), Some((2, 1)));
        assert_eq!(
            at("三四个"),
            None,
            "a range of two numerals is not one count"
        );
        assert_eq!(at("二十三四个"), None);
        assert_eq!(at("1.5个"), None, "not a whole number");
        assert_eq!(
            at("第三个").map(|x| x.0),
            None,
            "an ordinal starts with 第, not a numeral"
        );
    }

    #[test]
    fn reads_counts_and_their_closed_lists() {
        assert_eq!(counts("下属单位3个，即甲中心、乙站、丙所。"), [(3, 3, 3)]);
        assert_eq!(
            counts("一、基本情况\n下属单位 2个，即**林场、县种苗站。"),
            [(2, 2, 2)]
        );
        assert_eq!(
            counts("共设四个科室，分别是：办公室，财务股，项目股，监督股。"),
            [(4, 4, 4)]
        );
        assert_eq!(counts("工作内容包括培训、宣传、督查三项。"), [(3, 3, 3)]);
        assert_eq!(counts("下设十五家单位，即甲、乙。"), [(15, 2, 2)]);
        assert_eq!(
            counts("下设3个股室，即办公室、财务股和业务股，负责日常工作。"),
            [(3, 2, 3)]
        );
    }

    fn sums(text: &str) -> Vec<(u32, i64)> {
        let d = crate::parse::parse(text, crate::model::SourceFormat::Text);
        find_count_sums(text, &d)
            .iter()
            .map(|c| (c.total.1, c.sum()))
            .collect()
    }

    #[test]
    fn reads_counts_stated_as_sums_in_explicit_wording() {
        assert_eq!(sums("帮扶企业年初8个，年中新增8个，共15个。"), [(15, 16)]);
        assert_eq!(
            sums("服务站点年初十二个，增加了三个，撤销两个，年末共计十三个。"),
            [(13, 13)]
        );
        // Not every count takes part, other measure words, or no start named.
        assert!(sums("年初8个，新增8个，其中5个已验收，共15个。").is_empty());
        assert!(sums("年初8个，新增8家，共15个。").is_empty());
        assert!(sums("一季度8个，新增8个，共15个。").is_empty());
        assert!(sums("年初8个，新增8个，投资120万元，共16个。").is_empty());
    }

    #[test]
    fn open_or_partial_lists_are_not_read() {
        assert!(counts("下属单位3个，即甲中心、乙站等。").is_empty());
        assert!(counts("主要包括培训、宣传等三项。").is_empty());
        assert!(counts("共有5个，如甲、乙。").is_empty());
        assert!(counts("共有3个，其中甲、乙。").is_empty());
        assert!(counts("第三个，即甲、乙。").is_empty());
        assert!(counts("完成2个村的道路建设，包括硬化、拓宽、排水。").is_empty());
        assert!(counts("覆盖范围包括甲县、乙县两县三个乡镇。").is_empty());
        assert_eq!(counts("内设2个科室:甲科、乙科、丙科。"), [(2, 3, 3)]);
    }
}
