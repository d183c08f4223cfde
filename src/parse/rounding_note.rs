//! A report's own statement that its figures are rounded, so that totals and the sums of their
//! parts (or rates and the printed figures they come from) may differ by a 尾差:
//! `因四舍五入原因，部分合计数与各分项之和存在尾差`. Statistical bulletins and 决算 reports
//! often carry such a note; where one is stated, a difference within the figures' rounding is
//! what the report announced, not a finding.

use crate::model::Span;

/// Words that say the figures are rounded (one must be in the note).
pub const ROUNDING_WORDS: &[&str] = &["四舍五入", "尾差", "尾数差", "舍入"];

/// Words that say what the rounding makes differ (one must be in the note, in the same
/// sentence as a [`ROUNDING_WORDS`] entry): totals against their parts, or figures that do not
/// agree.
pub const DIFFERENCE_WORDS: &[&str] = &[
    "尾差", "合计", "总计", "总数", "分项", "之和", "不等", "不符", "差异", "出入", "误差",
];

/// The longest sentence read as a note, in characters: a note is a short remark, not a
/// paragraph that happens to mention rounding.
pub const MAX_NOTE_CHARS: usize = 120;

/// The span of the first sentence of `text` that notes rounding differences, if any.
pub fn find(text: &str) -> Option<Span> {
    // A note holds a rounding word, and no rounding word spans a sentence break: a text
    // without one has no note, and is not split into sentences.
    if !ROUNDING_WORDS.iter().any(|w| text.contains(w)) {
        return None;
    }
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '\n' | '；' | ';') {
            if let Some(s) = note_in(text, start, i) {
                return Some(s);
            }
            start = i + c.len_utf8();
        }
    }
    note_in(text, start, text.len())
}

fn note_in(text: &str, start: usize, end: usize) -> Option<Span> {
    let s = &text[start..end];
    if s.chars().nth(MAX_NOTE_CHARS).is_some() {
        return None;
    }
    if !ROUNDING_WORDS.iter().any(|w| s.contains(w)) {
        return None;
    }
    // 尾差 names both the rounding and the difference; otherwise a second word must say what
    // differs, so that `四舍五入保留两位小数` alone is no note.
    let differs = s.contains("尾差")
        || DIFFERENCE_WORDS
            .iter()
            .filter(|w| **w != "尾差")
            .any(|w| s.contains(w));
    differs.then(|| Span::new(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noted(text: &str) -> bool {
        find(text).is_some()
    }

    #[test]
    fn notes_of_rounding_differences() {
        assert!(noted("注：因四舍五入原因，部分合计数与分项之和存在尾差。"));
        assert!(noted("本表数据存在尾差。"));
        assert!(noted(
            "部分数据因四舍五入的原因，存在总计与分项合计不等的情况。"
        ));
        assert!(noted("表中各项数据经舍入处理，与合计可能略有出入"));
    }

    #[test]
    fn rounding_alone_or_far_apart_is_no_note() {
        // How figures are written, not that totals differ.
        assert!(!noted("执行率按四舍五入保留两位小数。"));
        // The two words in different sentences.
        assert!(!noted("金额四舍五入。合计支出120万元。"));
        // A long sentence that mentions rounding in passing.
        let long = format!("合计{}四舍五入", "支出".repeat(MAX_NOTE_CHARS));
        assert!(!noted(&long));
        assert!(noted(&format!(
            "合计{}四舍五入",
            "支".repeat(MAX_NOTE_CHARS - 6)
        )));
    }

    #[test]
    fn the_span_is_the_sentence() {
        let text = "支出120万元。因四舍五入存在尾差。";
        let s = find(text).unwrap();
        assert_eq!(&text[s.start..s.end], "因四舍五入存在尾差");
    }
}
