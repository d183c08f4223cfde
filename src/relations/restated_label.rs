//! What a restated figure's own words name: its label as a metric name (`restatement.rs`
//! groups figures by it) and the year it is about. The label is read from its last line — a
//! title run into the paragraph below is no part of it, a line a page wrapped is — with the
//! words the normalised label drops put back where they name another figure (a total word,
//! the `调整为` of an adjusted value, the `达` of `下达`), and without words of time and area
//! that do not change the metric.

use super::subject::{TIME_WORDS, stage_in, words_start};
use super::subject_index::SubjectIndex;
use crate::model::{Document, Quantity};
use crate::parse::norm::{is_cjk, simplified};

/// The label as a metric name: area words that do not change the metric in a report about
/// one area (`全区电子商务交易额` = `电子商务交易额`) are dropped; scope words (规上, 限上) stay.
pub fn metric_key(label: &str) -> &str {
    const AREA: &[&str] = &[
        "全区", "全市", "全县", "全省", "全镇", "全乡", "本区", "本市", "本县", "辖区", "区内",
        "市内", "县内", "沿线",
    ];
    let mut l = label;
    for a in AREA {
        if let Some(rest) = l.strip_prefix(a)
            && rest.chars().count() >= 3
        {
            l = rest;
        }
    }
    l
}

/// The label without a leading word of time ([`TIME_WORDS`]), when a name of three
/// characters or more remains.
pub fn strip_time_words(label: &str) -> &str {
    for w in TIME_WORDS {
        if let Some(rest) = label.strip_prefix(w)
            && rest.chars().count() >= 3
        {
            return rest;
        }
    }
    label
}

/// Words for a total that the normalised label drops at its end (`收入合计` → `收入`) but
/// that name a different figure than the bare word (收入 may be one of several incomes).
pub const TOTAL_WORDS: &[&str] = &["合计", "总计", "共计", "小计"];

/// The figure's label as a metric name: the normalised label, from its last line only (a
/// title run into the paragraph below it is not part of the name), with a total word its
/// source ends with or opens with put back (`合计批复投资` is the total, not one of the
/// `批复投资` it sums), without the `由` of an adjustment (`收入由年初预算`), and without a
/// leading word of time.
pub(super) fn label_of(text: &str, q: &Quantity) -> String {
    let mut l = super::adjusted::without_from(q.label_text());
    if let Some(fl) = &q.label
        && let Some(src) = text.get(fl.span.start.min(q.number_span.start)..q.number_span.start)
    {
        let from = fl.span.start.min(q.number_span.start);
        if let Some(k) = src.rfind('\n')
            && !wraps_word(text, from + k)
        {
            let last: String = {
                let mut out = String::new();
                let mut prev_digit = false;
                for c in src[k..].chars() {
                    let digit = c.is_ascii_digit();
                    if is_cjk(c) && !(prev_digit && matches!(c, '年' | '月' | '日')) {
                        out.push(c);
                    }
                    prev_digit = digit;
                }
                out
            };
            if !last.is_empty()
                && let Some(cut) = l.rfind(last.as_str())
                && cut > 0
            {
                l = l[cut..].to_string();
            }
        }
        if ["调整为", "調整為", "调整至"]
            .iter()
            .any(|w| src.trim_end().ends_with(w))
            && stage_in(&l).is_none()
        {
            l.push_str("调整后");
        }
        let src = src.trim_end_matches(['为', '是', ' ', '：', ':']);
        // The `达` of `下达` (issued) is no trailing `达到`: the normalised label drops it.
        if src.ends_with("下达") && l.ends_with('下') {
            l.push('达');
        }
        if let Some(w) = TOTAL_WORDS
            .iter()
            .find(|w| src.ends_with(*w) && !l.ends_with(*w))
        {
            if l.ends_with('总') && w.starts_with('总') {
                l.pop();
            }
            l.push_str(w);
        }
    }
    let kept = strip_time_words(&l).len();
    if kept < l.len() {
        l.drain(..l.len() - kept);
    }
    // A label of one character is no name to put a total word before (`共计下达` is read `下`).
    if let Some(w) = leading_total(text, q)
        && !l.starts_with(w)
        && l.chars().count() >= 2
    {
        l.insert_str(0, w);
    }
    l
}

/// The shortest line (characters) read as a line of a paragraph that a page wrapped.
pub const MIN_WRAPPED_LINE: usize = 15;

/// Whether the line break at byte `at` wraps a sentence (text copied from a page:
/// `…，其中本年收\n入390.55万元`), not a title run into its paragraph: the line it ends is a line
/// of a paragraph ([`MIN_WRAPPED_LINE`] characters or more, with a comma), and a Chinese
/// character stands on both sides of it.
fn wraps_word(text: &str, at: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..at), text.get(at + 1..)) else {
        return false;
    };
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let cjk = |c: Option<char>| c.is_some_and(is_cjk);
    cjk(line.chars().next_back())
        && cjk(after.chars().next())
        && line.contains(['，', ','])
        && line.trim().chars().count() >= MIN_WRAPPED_LINE
}

/// The total word ([`TOTAL_WORDS`]) right before a figure's label or opening its source
/// (`，合计批复投资6222万元`), which the normalised label drops.
fn leading_total(text: &str, q: &Quantity) -> Option<&'static str> {
    let fl = q.label.as_ref()?;
    let start = fl.span.start.min(q.number_span.start);
    let before = text.get(..start)?.trim_end_matches([' ', '\u{3000}']);
    let src = text.get(start..q.number_span.start)?;
    // The last two characters before and the first two of the source, simplified: a total
    // word (two characters) ends the one or opens the other.
    let mut back = before.chars().rev().map(simplified);
    let (b1, b0) = (back.next(), back.next());
    let mut front = src.chars().map(simplified);
    let (s0, s1) = (front.next(), front.next());
    TOTAL_WORDS.iter().copied().find(|w| {
        let mut wc = w.chars();
        let (w0, w1, w2) = (wc.next(), wc.next(), wc.next());
        w2.is_none() && ((b0, b1) == (w0, w1) || (s0, s1) == (w0, w1))
    })
}

/// The year a figure is about: the one its sentence states — after the last blank line
/// before it, so that a date line above a new paragraph is not read as its year — else the
/// report's.
pub(super) fn year_of(text: &str, ix: &SubjectIndex, doc: &Document, q: &Quantity) -> Option<u16> {
    match ix.year_after_blank(doc, q) {
        None => q.year.or(doc.report_year),
        Some(after) => {
            let label = text.get(words_start(q)..q.span.start).unwrap_or("");
            after.or_else(|| stated_year(label)).or(doc.report_year)
        }
    }
}

/// The last `NNNN年` written in a text.
fn stated_year(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    let mut found = None;
    for (k, _) in s.match_indices('年') {
        if k >= 4 && b[k - 4..k].iter().all(u8::is_ascii_digit) {
            found = s[k - 4..k].parse().ok();
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_keep_a_leading_total_and_lose_the_from_of_an_adjustment() {
        let label = |t: &str, n: usize| {
            let d = crate::parse::parse(t, crate::model::SourceFormat::Text);
            label_of(t, &d.quantities[n])
        };
        let t = "一期工程批复投资820万元，二期工程批复投资460万元，合计批复投资1280万元。";
        assert_eq!(label(t, 2), "合计批复投资");
        assert_eq!(label(t, 0), "一期工程批复投资");
        let t = "专项收入由年初预算820万元调整为905万元。";
        assert_eq!(label(t, 0), "专项收入年初预算");
    }

    #[test]
    fn a_line_a_page_wrapped_is_part_of_the_label_a_title_is_not() {
        let label = |t: &str, n: usize| {
            let d = crate::parse::parse(t, crate::model::SourceFormat::Text);
            label_of(t, &d.quantities[n])
        };
        let t = "（一）本单位2023年度总收入812.36万元,其中本年收\n入640.20万元。";
        assert_eq!(label(t, 1), "本年收入");
        // A line without a comma, or too short, is a title.
        let t = "一、部门收支总体情况\n本年收入640.20万元。";
        assert_eq!(label(t, 0), "本年收入");
        assert!(wraps_word("总收入812.36万元,其中本年收\n入", 37));
        assert!(!wraps_word("收入情况,其中\n本年", 19));
        assert!(!wraps_word(
            "二、本单位部门收支总体情况及预算执行结果\n本年",
            60
        ));
    }

    #[test]
    fn time_words_leave_a_name() {
        assert_eq!(strip_time_words("本年度服务对象满意度"), "服务对象满意度");
        assert_eq!(strip_time_words("全年支出"), "全年支出");
        assert_eq!(strip_time_words("规上工业增加值"), "规上工业增加值");
    }
}
