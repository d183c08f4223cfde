//! The one vocabulary of qualifiers: the words and signs that make a figure a bound or an
//! approximation (`≥95%`, `90%以上`, `大于94%`, `约3.66亿元`), for prose figures and table
//! cells alike.
//!
//! Each entry says where the word stands (before or after the figure), what it means, and
//! where it is read: some words bound a figure only in a target cell (`达到95%` as a 年度指标值
//! is "at least 95%"; in prose `满意度达到95%` states the measured value), and the words of
//! approximation (`约`, `左右`) make a prose figure inexact but are no comparator of a target.
//! DOMAIN §3: 以上/以下/以内 include the boundary; 超过/不满 exclude it.

use crate::model::Qualifier;
use crate::model::table::Cmp;

/// Where a qualifier stands relative to its figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Before,
    After,
}

/// Where a qualifier is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Prose figures and table cells.
    Both,
    /// Prose figures only (words of approximation).
    Prose,
    /// Target and actual cells only.
    Cell,
}

/// One qualifier word.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    pub text: &'static str,
    pub place: Place,
    pub means: Qualifier,
    pub scope: Scope,
}

const fn w(text: &'static str, place: Place, means: Qualifier, scope: Scope) -> Word {
    Word {
        text,
        place,
        means,
        scope,
    }
}

use Place::{After, Before};
use Qualifier::{Approx, AtLeast, AtMost, LessThan, MoreThan};
use Scope::{Both, Cell, Prose};

/// Every qualifier, longest first within each place (the first match wins).
pub const WORDS: &[Word] = &[
    w("大于等于", Before, AtLeast, Both),
    w("小于等于", Before, AtMost, Both),
    w("不少于", Before, AtLeast, Both),
    w("不低于", Before, AtLeast, Both),
    w("不小于", Before, AtLeast, Both),
    w("不超过", Before, AtMost, Both),
    w("不高于", Before, AtMost, Both),
    w("不大于", Before, AtMost, Both),
    w("不多于", Before, AtMost, Both),
    w("大约", Before, Approx, Prose),
    w("接近", Before, Approx, Prose),
    w("高达", Before, Approx, Prose),
    w("超过", Before, MoreThan, Both),
    w("多于", Before, MoreThan, Both),
    w("大于", Before, MoreThan, Both),
    w("高于", Before, MoreThan, Both),
    w("不足", Before, LessThan, Both),
    w("不到", Before, LessThan, Both),
    w("不满", Before, LessThan, Both),
    w("少于", Before, LessThan, Both),
    w("小于", Before, LessThan, Both),
    w("低于", Before, LessThan, Both),
    w("至少", Before, AtLeast, Both),
    w("达到", Before, AtLeast, Cell),
    w(">=", Before, AtLeast, Both),
    w("<=", Before, AtMost, Both),
    w("≥", Before, AtLeast, Both),
    w("≧", Before, AtLeast, Both),
    w("≤", Before, AtMost, Both),
    w("≦", Before, AtMost, Both),
    w(">", Before, MoreThan, Both),
    w("<", Before, LessThan, Both),
    w("约", Before, Approx, Prose),
    w("近", Before, Approx, Prose),
    w("超", Before, MoreThan, Prose),
    w("逾", Before, MoreThan, Prose),
    w("过", Before, MoreThan, Prose),
    w("及以上", After, AtLeast, Both),
    w("及以下", After, AtMost, Both),
    w("以上", After, AtLeast, Both),
    w("以下", After, AtMost, Both),
    w("以内", After, AtMost, Both),
    w("之内", After, AtMost, Prose),
    w("左右", After, Approx, Prose),
];

/// Whether a word is read at a place in a scope.
fn read_at(q: &Word, place: Place, prose: bool) -> bool {
    q.place == place
        && match q.scope {
            Both => true,
            Prose => prose,
            Cell => !prose,
        }
}

/// The words read at a place in a scope, longest first.
pub fn words(place: Place, prose: bool) -> impl Iterator<Item = &'static Word> {
    WORDS.iter().filter(move |q| read_at(q, place, prose))
}

/// The last character of each of [`WORDS`], read at compile time.
const LAST_CHARS: [char; WORDS.len()] = {
    let mut out = ['\0'; WORDS.len()];
    let mut k = 0;
    while k < WORDS.len() {
        out[k] = crate::parse::norm::last_chars::<1>(&[WORDS[k].text])[0];
        k += 1;
    }
    out
};

/// [`words`] with the last character of each, so that a scanner passes over the words that
/// cannot end where it looks without comparing them.
pub fn words_with_last(place: Place, prose: bool) -> impl Iterator<Item = (&'static Word, char)> {
    WORDS
        .iter()
        .zip(LAST_CHARS)
        .filter(move |(q, _)| read_at(q, place, prose))
}

/// A qualifier as a comparator of a target (`None` for an approximation).
pub fn cmp_of(q: Qualifier) -> Option<Cmp> {
    match q {
        AtLeast => Some(Cmp::AtLeast),
        MoreThan => Some(Cmp::MoreThan),
        AtMost => Some(Cmp::AtMost),
        LessThan => Some(Cmp::LessThan),
        Approx => None,
    }
}

/// The qualifier written at the start of a cell's text, and the text after it.
pub fn strip_before(text: &str) -> (Option<Cmp>, &str) {
    for q in words(Place::Before, false) {
        if let Some(rest) = text.strip_prefix(q.text) {
            return (cmp_of(q.means), rest);
        }
    }
    (None, text)
}

/// The qualifier written at the end of a cell's text, and the text before it.
pub fn strip_after(text: &str) -> (Option<Cmp>, &str) {
    for q in words(Place::After, false) {
        if let Some(rest) = text.strip_suffix(q.text) {
            return (cmp_of(q.means), rest);
        }
    }
    (None, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_words_come_first_within_a_place() {
        for place in [Before, After] {
            let list: Vec<&Word> = WORDS.iter().filter(|q| q.place == place).collect();
            for (i, a) in list.iter().enumerate() {
                for b in &list[i + 1..] {
                    // A later word that contains an earlier one at its edge would never match.
                    assert!(
                        !(b.text.ends_with(a.text) || b.text.starts_with(a.text)),
                        "{} must come before {}",
                        b.text,
                        a.text
                    );
                }
            }
        }
    }

    #[test]
    fn last_characters_are_the_words_own() {
        for (q, last) in words_with_last(Before, true).chain(words_with_last(After, false)) {
            assert_eq!(q.text.chars().next_back(), Some(last), "{}", q.text);
        }
        assert!(
            words(Before, true)
                .map(|q| q.text)
                .eq(words_with_last(Before, true).map(|(q, _)| q.text))
        );
    }

    #[test]
    fn more_than_is_a_bound_in_prose_and_in_cells() {
        assert!(words(Before, true).any(|q| q.text == "大于" && q.means == MoreThan));
        assert_eq!(strip_before("大于94%"), (Some(Cmp::MoreThan), "94%"));
        assert_eq!(strip_after("90%以上"), (Some(Cmp::AtLeast), "90%"));
    }

    #[test]
    fn reaching_bounds_a_target_but_not_a_prose_figure() {
        assert!(!words(Before, true).any(|q| q.text == "达到"));
        assert_eq!(strip_before("达到95%"), (Some(Cmp::AtLeast), "95%"));
    }
}
