//! Word lists matched against short texts (labels, headings, sentence openings) many times
//! per document: which words occur, which are removed, which lead. Every word is indexed by
//! its first character once per run, so that a word whose first character is not in the text
//! (or does not open it) is skipped without comparing it, and no searcher is built or string
//! allocated for a word that does not occur. The answers are those of `str::contains`,
//! `str::replace` and `str::strip_prefix` applied word after word.

use std::borrow::Cow;

/// A word list with the first character of each word.
pub struct WordIndex {
    words: &'static [&'static str],
    /// (first character, index of the word), sorted.
    by_first: Vec<(char, usize)>,
    /// One bit (of 64, by code point) per first character: a character whose bit is clear
    /// starts no word.
    first_bits: u64,
    /// Every character of every word, sorted.
    chars: Vec<char>,
}

impl WordIndex {
    pub fn new(words: &'static [&'static str]) -> WordIndex {
        // An empty word has no first character: it never changes a text.
        let mut by_first: Vec<(char, usize)> = words
            .iter()
            .enumerate()
            .filter_map(|(k, w)| Some((w.chars().next()?, k)))
            .collect();
        by_first.sort_unstable();
        let first_bits = by_first
            .iter()
            .fold(0u64, |b, &(c, _)| b | 1 << (c as u32 % 64));
        let mut chars: Vec<char> = words.iter().flat_map(|w| w.chars()).collect();
        chars.sort_unstable();
        chars.dedup();
        WordIndex {
            words,
            by_first,
            first_bits,
            chars,
        }
    }

    /// Whether a character is part of any word of the list: a character that is not is never
    /// removed by [`remove_words`].
    pub fn has_char(&self, c: char) -> bool {
        self.chars.binary_search(&c).is_ok()
    }

    /// Which words of the list occur in `hay`, as `str::contains` of each: bit `k` for word
    /// `k`, in one pass over `hay` (for lists of at most 64 words).
    pub fn occurring(&self, hay: &str) -> u64 {
        assert!(self.words.len() <= 64, "a word mask holds 64 words");
        // An empty word occurs in every text.
        let mut mask = self
            .words
            .iter()
            .enumerate()
            .filter(|(_, w)| w.is_empty())
            .fold(0u64, |m, (k, _)| m | 1 << k);
        for (at, c) in hay.char_indices() {
            if self.first_bits & (1 << (c as u32 % 64)) == 0 {
                continue;
            }
            for k in self.starting_with(c) {
                if hay[at..].starts_with(self.words[k]) {
                    mask |= 1 << k;
                }
            }
        }
        mask
    }

    /// The indices of the words that begin with `c`, in list order.
    fn starting_with(&self, c: char) -> impl Iterator<Item = usize> + '_ {
        let from = self.by_first.partition_point(|&(f, _)| f < c);
        self.by_first[from..]
            .iter()
            .take_while(move |&&(f, _)| f == c)
            .map(|&(_, k)| k)
    }
}

/// The index of a word list, built on first use and kept for the run.
macro_rules! word_index {
    ($words:expr) => {{
        static INDEX: std::sync::OnceLock<$crate::relations::wordlist::WordIndex> =
            std::sync::OnceLock::new();
        INDEX.get_or_init(|| $crate::relations::wordlist::WordIndex::new($words))
    }};
}
pub(crate) use word_index;

/// Whether `needle` occurs in `hay`, as `str::contains`: a plain scan, for the short labels
/// and headings the word lists are looked for in (no searcher is built for each word).
pub fn occurs(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    match n {
        [] => true,
        [first, .., last] => h
            .windows(n.len())
            .any(|w| w[0] == *first && w[n.len() - 1] == *last && w == n),
        [only] => h.contains(only),
    }
}

/// `s` with every occurrence of each word of the list removed, word after word, as
/// `str::replace` does; it stops once `done` holds of what is left (for a condition that
/// removing further words cannot undo).
pub fn remove_words(s: &str, ix: &WordIndex, done: impl Fn(&str) -> bool) -> String {
    let mut rest = Cow::Borrowed(s);
    if done(&rest) {
        return rest.into_owned();
    }
    // What is left only loses characters: only a word beginning with a character of `s` can
    // ever occur in it. (A mask of the words for lists of at most 128, else a vector.)
    let mut mask = 0u128;
    let mut many = vec![
        false;
        if ix.words.len() > 128 {
            ix.words.len()
        } else {
            0
        }
    ];
    for c in s.chars() {
        if ix.first_bits & (1 << (c as u32 % 64)) == 0 {
            continue;
        }
        for k in ix.starting_with(c) {
            match many.get_mut(k) {
                Some(m) => *m = true,
                None => mask |= 1 << k,
            }
        }
    }
    let candidate = |k: usize| {
        many.get(k)
            .copied()
            .unwrap_or(k < 128 && mask & (1 << k) != 0)
    };
    // Removals go back and forth between two buffers.
    let mut spare = String::new();
    for (k, w) in ix.words.iter().enumerate() {
        if candidate(k) && occurs(&rest, w) {
            remove_all_into(&rest, w, &mut spare);
            let removed = std::mem::take(&mut spare);
            if let Cow::Owned(old) = std::mem::replace(&mut rest, Cow::Owned(removed)) {
                spare = old;
            }
            if done(&rest) {
                break;
            }
        }
    }
    rest.into_owned()
}

/// `s` without the occurrences of `w` (not empty), found left to right without overlapping:
/// `s.replace(w, "")`, with no searcher built for a short text.
#[cfg(test)]
fn remove_all(s: &str, w: &str) -> String {
    let mut out = String::new();
    remove_all_into(s, w, &mut out);
    out
}

/// [`remove_all`] written into `out` (cleared first), reusing its memory.
fn remove_all_into(s: &str, w: &str, out: &mut String) {
    out.clear();
    if w.is_empty() {
        out.push_str(s);
        return;
    }
    // The pieces between the occurrences, found left to right without overlapping, as
    // `str::replace` finds them.
    let mut from = 0;
    let (h, n) = (s.as_bytes(), w.as_bytes());
    let mut i = 0;
    while i + n.len() <= h.len() {
        if h[i] == n[0] && h[i..].starts_with(n) {
            out.push_str(&s[from..i]);
            i += n.len();
            from = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&s[from..]);
}

/// Strip every leading word of the list from `s`, repeatedly, while a name of at least
/// `keep` characters remains.
pub fn strip_leading<'a>(mut s: &'a str, ix: &WordIndex, keep: usize) -> &'a str {
    loop {
        let before = s.len();
        // One pass over the words in list order; only the words that begin with what `s`
        // begins with at that point can strip it.
        let mut k = 0;
        while let Some(c) = s.chars().next() {
            let Some(j) = ix.starting_with(c).find(|&j| j >= k) else {
                break;
            };
            if let Some(rest) = s.strip_prefix(ix.words[j])
                && rest.chars().count() >= keep
            {
                s = rest;
            }
            k = j + 1;
        }
        if s.len() == before {
            return s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_and_removed_as_contains_and_replace_do() {
        for (h, n) in [
            ("实际支出", "支出"),
            ("实际支出", "出支"),
            ("支", "支出"),
            ("", "支"),
            ("支", ""),
            ("a预算", "a"),
            ("预算b", "b"),
        ] {
            assert_eq!(occurs(h, n), h.contains(n), "{h} {n}");
        }
        static WORDS: &[&str] = &["预算", "实际", "", "支出"];
        let ix = WordIndex::new(WORDS);
        // Word after word: removing 实际 joins 预 and 算, and 预算 was removed before.
        assert_eq!(remove_words("预实际算", &ix, |_| false), "预算");
        for s in ["预实际算", "实际支出", "预算预算数", "收入", ""] {
            let replaced = WORDS
                .iter()
                .filter(|w| !w.is_empty())
                .fold(s.to_string(), |r, w| r.replace(w, ""));
            assert_eq!(remove_words(s, &ix, |_| false), replaced, "{s}");
        }
        for (s, w) in [
            ("预预算算", "预算"),
            ("aaa", "aa"),
            ("实际实际", "实际"),
            ("预算", ""),
        ] {
            assert_eq!(remove_all(s, w), s.replace(w, ""), "{s} {w}");
        }
        // Stopping early once the condition holds.
        assert_eq!(remove_words("实际支出", &ix, |r| r.len() < 9), "支出");
    }

    #[test]
    fn the_words_occurring_are_those_contains_finds() {
        static WORDS: &[&str] = &["预算", "实际", "", "支出", "a", "预"];
        let ix = WordIndex::new(WORDS);
        for h in ["实际支出", "预实际算", "预算a", "", "收入", "支"] {
            let expected = WORDS
                .iter()
                .enumerate()
                .filter(|(_, w)| h.contains(*w))
                .fold(0u64, |m, (k, _)| m | 1 << k);
            assert_eq!(ix.occurring(h), expected, "{h}");
        }
    }

    #[test]
    fn leading_words_are_stripped_in_list_order_while_enough_remains() {
        static WORDS: &[&str] = &["综上", "", "我局", "全年"];
        let ix = WordIndex::new(WORDS);
        assert_eq!(strip_leading("综上我局全年支出", &ix, 2), "支出");
        assert_eq!(strip_leading("我局综上支出", &ix, 2), "支出");
        // Not past the name it must leave.
        assert_eq!(strip_leading("综上全年支出", &ix, 3), "全年支出");
        assert_eq!(strip_leading("支出", &ix, 0), "支出");
        assert_eq!(strip_leading("", &ix, 0), "");
        // Every string of the words strips as the plain pass over the list does.
        let plain = |mut s: &'static str, keep: usize| loop {
            let before = s.len();
            for w in WORDS {
                if let Some(rest) = s.strip_prefix(w)
                    && rest.chars().count() >= keep
                {
                    s = rest;
                }
            }
            if s.len() == before {
                break s;
            }
        };
        for s in [
            "全年我局综上支出",
            "我局我局全年",
            "综上综上",
            "全年",
            "x综上",
        ] {
            for keep in 0..4 {
                assert_eq!(strip_leading(s, &ix, keep), plain(s, keep), "{s} {keep}");
            }
        }
    }
}
