//! Byte offset → 1-based line and 1-based character column.
//!
//! What [`LineIndex`] guarantees:
//!
//! * Lines end at `\n`; a `\r\n` pair is one line break (the `\r` belongs to no column).
//!   A lone `\r` never reaches here from a file: the decoder turns it into `\n`
//!   ([`crate::source::decode`]), so classic Mac and mixed line endings give the lines an
//!   editor shows. In text given directly it is no line break, and never counted as a column.
//! * Columns count characters (Unicode scalar values), not bytes: in `预算执行率99.70%` the `9`
//!   is column 6.
//! * Any offset is accepted: offsets past the end clamp to the end of the text, and an offset
//!   inside a multi-byte character is taken as the start of that character. Nothing panics,
//!   even when the text passed to [`LineIndex::line_col`] is not the one the index was built
//!   from.
//!
//! Lookups are a binary search over line starts, then a character count within one line —
//! from the nearest checkpoint (one every [`STRIDE`] bytes) when the line is long, so that a
//! position on a line of megabytes costs no more than one on a short line.

use std::ops::Range;

/// Bytes between two column checkpoints.
pub const STRIDE: usize = 4096;

/// Line starts of a text, for offset → (line, column) lookups.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the first character of each line; `starts[0] == 0`.
    starts: Vec<usize>,
    /// Length of the text indexed (checkpoints apply to it alone).
    len: usize,
    /// For every multiple of [`STRIDE`]: the character boundary at or before it and the number
    /// of characters other than `\r` before that boundary.
    marks: Vec<(usize, usize)>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut marks = Vec::with_capacity(text.len() / STRIDE + 1);
        if text.len() > STRIDE {
            let (mut at, mut counted) = (0usize, 0usize);
            for k in 0..=text.len() / STRIDE {
                let b = floor_char_boundary(text, k * STRIDE);
                counted += counted_chars(text.get(at..b).unwrap_or_default());
                at = b;
                marks.push((b, counted));
            }
        }
        LineIndex {
            starts,
            len: text.len(),
            marks,
        }
    }

    /// Characters other than `\r` in `text[a..b]` (both on character boundaries, `a <= b`),
    /// from the checkpoints when the range is long and `text` is the indexed one.
    fn chars_between(&self, text: &str, a: usize, b: usize) -> usize {
        if b - a <= 2 * STRIDE || text.len() != self.len || self.marks.is_empty() {
            return counted_chars(text.get(a..b).unwrap_or_default());
        }
        let before = |x: usize| {
            let (m, c) = self.marks.get(x / STRIDE).copied().unwrap_or((0, 0));
            c + counted_chars(text.get(m..x).unwrap_or_default())
        };
        before(b) - before(a)
    }

    /// Number of lines (a text ending with a line break has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 1-based line and 1-based column counted in characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self
            .starts
            .get(line)
            .copied()
            .map_or(0, |s| floor_char_boundary(text, s))
            .min(offset);
        let col = self.chars_between(text, start, offset);
        (line + 1, col + 1)
    }

    /// Byte range of a 1-based line's content, without its line break (`\n` or `\r\n`);
    /// `None` for line 0 or a line past the end.
    pub fn line_range(&self, text: &str, line: usize) -> Option<Range<usize>> {
        let i = line.checked_sub(1)?;
        let start = floor_char_boundary(text, *self.starts.get(i)?);
        let mut end = match self.starts.get(i + 1) {
            Some(&next) => floor_char_boundary(text, next.saturating_sub(1)),
            None => text.len(),
        };
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(start..end.max(start))
    }

    /// 0-based index of the line containing `offset` (binary search).
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

/// Characters of `s` other than `\r`.
fn counted_chars(s: &str) -> usize {
    s.chars().filter(|&c| c != '\r').count()
}

/// The largest character boundary `<= offset` (and `<= text.len()`).
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lf_and_crlf() {
        let text = "一、概况\r\n预算执行率99.70%\r\n\r\n末";
        let ix = LineIndex::new(text);
        assert_eq!(ix.line_count(), 4);
        assert_eq!(ix.line_col(text, 0), (1, 1));
        let nine = text.find("99").unwrap_or(0);
        assert_eq!(ix.line_col(text, nine), (2, 6));
        // The `\r` of a CRLF is at the end of its line; the `\n` too.
        let cr = text.find('\r').unwrap_or(0);
        assert_eq!(ix.line_col(text, cr), (1, 5));
        assert_eq!(ix.line_col(text, cr + 1), (1, 5));
        assert_eq!(ix.line_col(text, text.len()), (4, 2));
        assert_eq!(
            ix.line_range(text, 2).map(|r| &text[r]),
            Some("预算执行率99.70%")
        );
        assert_eq!(ix.line_range(text, 3).map(|r| &text[r]), Some(""));
        assert_eq!(ix.line_range(text, 4).map(|r| &text[r]), Some("末"));
        assert_eq!(ix.line_range(text, 5), None);
        assert_eq!(ix.line_range(text, 0), None);
    }

    #[test]
    fn inside_a_character_and_past_the_end() {
        let text = "预算";
        let ix = LineIndex::new(text);
        assert_eq!(ix.line_col(text, 1), (1, 1));
        assert_eq!(ix.line_col(text, 4), (1, 2));
        assert_eq!(ix.line_col(text, 999), (1, 3));
    }

    #[test]
    fn wrong_text_does_not_panic() {
        let ix = LineIndex::new("aaaa\nbbbb\ncccc");
        assert_eq!(ix.line_col("预", 2), (1, 1));
        assert_eq!(ix.line_col("", 7), (1, 1));
        assert_eq!(ix.line_range("预", 3), Some(3..3));
    }

    #[test]
    fn columns_on_a_very_long_line_match_a_plain_count() {
        let text = format!("首行\r\n{}", "预算a\r9".repeat(20_000));
        let ix = LineIndex::new(&text);
        for offset in [
            0,
            6,
            7,
            8,
            9,
            5000,
            40_001,
            123_457,
            text.len() - 1,
            text.len(),
        ] {
            let offset = floor_char_boundary(&text, offset);
            let (line, start) = if offset >= 8 { (2, 8) } else { (1, 0) };
            let want = text[start..offset].chars().filter(|&c| c != '\r').count();
            assert_eq!(ix.line_col(&text, offset), (line, want + 1), "{offset}");
        }
    }
}
