//! Changes and comparison bases restated with their level. A change stated right after the
//! level it is a change of (`“三公”经费支出合计35万元，比上年减少2.28万元`) is one figure of
//! that level's subject, compared as written (`比上年减少`, `较2020年度决算数减少`: another
//! wording or another base is another figure); a base stated right after it
//! (`预算总额为1969万元，较2024年的2190万元`) is the level of the year it names. A change
//! whose sentence stands on its own (`同口径比2018年减少830万元。`) or follows a level of
//! another year than an earlier figure of its sentence (`2016年…33万元，2015年…57.55万元，与上年
//! 对比减少24.55万元`: the change of the first from the second) is no change of the level
//! before it, and is not read.

use super::growth::ends_with_change_verb;
use super::subject::{dim_key, words_start};
use crate::model::{Document, Unit};
use crate::parse::norm::{is_cjk, simplified};

/// What a figure stated right after a level is of that level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfLevel {
    /// A change, with its comparison as written (simplified, without spaces):
    /// `比上年减少`, `较2020年度决算数减少`.
    Change(String),
    /// The level of an earlier year (`较2024年的`).
    Base(u16),
}

/// Words a change or a base opens with: a comparison.
pub const COMPARISON_WORDS: &[&str] = &["比", "较", "与", "同比", "同口径", "对比"];

/// The level figure `c` is stated right after in its sentence, and what `c` is of it: a
/// figure of the level's dimension (an amount or a count, not a rate), separated from the
/// level by a comma only, whose words open with a comparison ([`COMPARISON_WORDS`]) and end
/// with a verb of change, or name nothing but an earlier year (`较2024年的`).
pub fn of_level(text: &str, doc: &Document, c: usize) -> Option<(usize, OfLevel)> {
    let qs = &doc.quantities;
    let l = c.checked_sub(1)?;
    let (lq, cq) = (&qs[l], &qs[c]);
    if lq.block != cq.block
        || lq.sentence != cq.sentence
        || !doc.in_prose(lq)
        || !doc.in_prose(cq)
        || cq.qualifier.is_some()
        || lq.qualifier.is_some()
        || matches!(cq.unit, Unit::Percent)
        || dim_key(&cq.unit).is_none()
        || dim_key(&cq.unit) != dim_key(&lq.unit)
    {
        return None;
    }
    let start = words_start(cq).max(lq.span.end);
    let between = text
        .get(lq.span.end..start)?
        .trim_matches([' ', '\u{3000}']);
    if !matches!(between, "，" | ",") {
        return None;
    }
    let raw = text.get(start..cq.number_span.start)?;
    // A comparison word starts with the first character of the words: most figures' words
    // open with another, and are not read further.
    let first = raw.chars().find(|c| !c.is_whitespace()).map(simplified);
    if !COMPARISON_WORDS.iter().any(|w| w.chars().next() == first) {
        return None;
    }
    let words: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(simplified)
        .collect();
    if !COMPARISON_WORDS.iter().any(|w| words.starts_with(w)) {
        return None;
    }
    // A level of another year than an earlier figure of its sentence is the base the change
    // is taken from.
    if qs[..l]
        .iter()
        .rev()
        .take_while(|q| q.sentence == lq.sentence)
        .any(|q| q.year.is_some() && q.year != lq.year && dim_key(&q.unit) == dim_key(&lq.unit))
    {
        return None;
    }
    if ends_with_change_verb(&words) {
        return Some((l, OfLevel::Change(words)));
    }
    base_year(&words).map(|y| (l, OfLevel::Base(y)))
}

/// The year a comparison base names and nothing else (`较2024年的`, `比2022年度`).
fn base_year(words: &str) -> Option<u16> {
    let rest = COMPARISON_WORDS
        .iter()
        .find_map(|w| words.strip_prefix(w))?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let tail = rest[4..].trim_start_matches('年');
    let tail = tail.strip_prefix('度').unwrap_or(tail);
    let tail = tail.strip_suffix('的').unwrap_or(tail);
    (rest[4..].starts_with('年') && !tail.chars().any(is_cjk))
        .then(|| digits.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;

    fn read(t: &str) -> Vec<Option<(usize, OfLevel)>> {
        let d = crate::parse::parse(t, SourceFormat::Text);
        (0..d.quantities.len())
            .map(|c| of_level(t, &d, c))
            .collect()
    }

    #[test]
    fn a_change_right_after_its_level_is_of_it() {
        let r = read("2022年“三公”经费支出合计35万元，比上年减少2.28万元，下降6.1%。");
        assert_eq!(r[1], Some((0, OfLevel::Change("比上年减少".into()))));
        // A rate of change is not read.
        assert_eq!(r[2], None);
        let r = read("本年收入390.55万元，较2020年度决算数减少175.26万元。");
        assert_eq!(
            r[1],
            Some((0, OfLevel::Change("较2020年度决算数减少".into())))
        );
    }

    #[test]
    fn a_base_right_after_its_level_is_the_level_of_its_year() {
        let r = read("2025年“三公”经费预算总额为1969万元，较2024年的2190万元减少221万元。");
        assert_eq!(r[1], Some((0, OfLevel::Base(2024))));
        // The change follows the base, not a level.
        assert_eq!(r[2], None);
    }

    #[test]
    fn changes_on_their_own_or_after_a_base_are_not_read() {
        // A sentence of its own.
        let r = read("“三公”经费预算为3328万元。同口径比2018年减少830万元。");
        assert_eq!(r[1], None);
        // Two years' levels, then their difference.
        let r = read(
            "2016年经费预算拨入33万元，2015年经费预算拨入57.55万元，与上年对比减少24.55万元。",
        );
        assert_eq!(r[2], None);
        // No comparison: a second level.
        let r = read("基本支出120万元，项目支出减少部分30万元。");
        assert_eq!(r[1], None);
        // More than a comma between.
        let r = read("支出合计35万元，主要用于办公，比上年减少2.28万元。");
        assert_eq!(r[1], None);
    }

    #[test]
    fn base_years_name_nothing_else() {
        assert_eq!(base_year("较2024年的"), Some(2024));
        assert_eq!(base_year("比2022年度"), Some(2022));
        assert_eq!(base_year("较2024年预算"), None);
        assert_eq!(base_year("较上年"), None);
    }
}
