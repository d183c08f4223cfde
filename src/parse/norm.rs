//! A normalised character view of a block of text, mapped back to source byte offsets.
//!
//! Reports come with full-width digits (`９８．５％`), PDF artefacts (line breaks inside a
//! sentence, spaces inside figures: `1121 亿元`, `85.06 %`) and mixed ASCII/full-width
//! punctuation. The scanners work on this view instead: full-width forms folded to ASCII
//! (NFKC for the characters that matter), ASCII punctuation folded to its Chinese form
//! (`(` → `（`, `;` → `；`, `:` → `：`), dashes unified, and whitespace dropped except a single
//! space between two ASCII letters or digits (so `390 390` stays two numbers). Every character
//! keeps the byte range it came from, so spans always land on the source text.

use crate::model::Span;

#[derive(Debug, Clone, Default)]
pub struct Norm {
    pub chars: Vec<char>,
    /// Source byte range of each character.
    pub spans: Vec<(usize, usize)>,
}

impl Norm {
    /// Normalise `text[span]`.
    pub fn new(text: &str, span: Span) -> Norm {
        let mut out = Norm::default();
        let Some(slice) = text.get(span.start..span.end) else {
            return out;
        };
        let mut pending_space = false;
        for (i, c) in slice.char_indices() {
            let start = span.start + i;
            let end = start + c.len_utf8();
            if c.is_whitespace() || c == '\u{3000}' {
                pending_space = true;
                continue;
            }
            let f = fold(c);
            if pending_space
                && let Some(&prev) = out.chars.last()
                && prev.is_ascii_alphanumeric()
                && f.is_ascii_alphanumeric()
            {
                // Keep the space so that two numbers (or words) stay apart; its span is
                // the character before, so a span never points at whitespace alone.
                let prev_end = out.spans.last().map(|s| s.1).unwrap_or(start);
                out.chars.push(' ');
                out.spans.push((prev_end, prev_end));
            }
            pending_space = false;
            out.chars.push(f);
            out.spans.push((start, end));
        }
        out
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Source span of characters `[from, to)`.
    pub fn span(&self, from: usize, to: usize) -> Span {
        if from >= to || to > self.spans.len() {
            let p = self.spans.get(from).map(|s| s.0).unwrap_or(0);
            return Span::new(p, p);
        }
        Span::new(self.spans[from].0, self.spans[to - 1].1)
    }

    /// The normalised text of characters `[from, to)`.
    pub fn text(&self, from: usize, to: usize) -> String {
        self.chars[from.min(self.len())..to.min(self.len())]
            .iter()
            .collect()
    }

    /// Whether the characters at `at` spell `s`.
    pub fn starts_with_at(&self, at: usize, s: &str) -> bool {
        (at..)
            .zip(s.chars())
            .all(|(i, c)| self.chars.get(i) == Some(&c))
    }

    /// Whether the characters ending just before `at` spell `s`.
    pub fn ends_with_at(&self, at: usize, s: &str) -> bool {
        let n = s.chars().count();
        at >= n && self.starts_with_at(at - n, s)
    }
}

/// Fold one character: full-width ASCII to ASCII, ASCII punctuation to the Chinese forms the
/// parser keys on, every dash to `-`.
pub fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => {
            let a = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            match a {
                // Keep the Chinese punctuation forms the sentence splitter uses.
                '(' => '（',
                ')' => '）',
                ',' => '，',
                ';' => '；',
                ':' => '：',
                '!' => '！',
                '?' => '？',
                '~' => '-',
                other => other,
            }
        }
        '(' => '（',
        ')' => '）',
        ';' => '；',
        ':' => '：',
        '!' => '！',
        '?' => '？',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '~' | '\u{FE63}' => '-',
        // Traditional forms of the scale words (texts transcoded on mirror sites): 萬元, 億元.
        '萬' => '万',
        '億' => '亿',
        '\u{3002}' => '。',
        '\u{FF61}' => '。',
        _ => c,
    }
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}
