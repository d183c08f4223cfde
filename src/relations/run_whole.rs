//! A named whole that a run of its shares has pinned to a figure: when shares of one named
//! whole (`占支出总预算x%`) are bound to one figure — a run of them that totals 100% is of the
//! sum of its amounts, which the document states — another share naming the same whole in the
//! same section (`项目支出预算48100元，占支出总预算的4.43%`, before the run) is of that figure
//! too. The run says what the name means in this section; a share elsewhere says nothing of
//! its whole.
//!
//! Bound only when at least [`MIN_PINNING_SHARES`] shares pin the name to one value and at
//! least one of them agrees with it exactly, no numbered heading stands between the share and
//! the nearest of them, and the share's amount is no larger than the whole.

use super::share::{share_of, whole_key};
use super::*;

/// The fewest shares of one named whole, bound to one figure, that pin the name to it: 2 (a
/// run; a single share may be bound by a reading the others do not share).
pub const MIN_PINNING_SHARES: usize = 2;

/// A name pinned to a figure by the shares bound to it (in document order).
struct Pinned {
    whole: usize,
    rates: Vec<usize>,
}

/// The names of wholes that bound shares pin to one figure.
fn pinned_names(
    doc: &Document,
    ratios: &[RatioClaim],
) -> std::collections::HashMap<String, Pinned> {
    let qs = &doc.quantities;
    let mut by_key: std::collections::HashMap<String, Vec<&RatioClaim>> =
        std::collections::HashMap::new();
    for c in ratios.iter().filter(|c| c.kind == RatioKind::Share) {
        let Some(name) = share_of(qs[c.rate].label_text()) else {
            continue;
        };
        by_key.entry(whole_key(name)).or_default().push(c);
    }
    by_key
        .into_iter()
        .filter_map(|(key, claims)| {
            let whole = claims.first()?.denominator;
            let one_value = claims
                .iter()
                .all(|c| qs[c.denominator].base_value() == qs[whole].base_value());
            let agrees = claims
                .iter()
                .any(|c| c.verdict(doc) == RatioVerdict::Consistent);
            let mut rates: Vec<usize> = claims.iter().map(|c| c.rate).collect();
            rates.sort_unstable();
            (claims.len() >= MIN_PINNING_SHARES && one_value && agrees)
                .then_some((key, Pinned { whole, rates }))
        })
        .collect()
}

/// How many numbered headings stand before each block (and, last, in all): whether one stands
/// between two blocks is then a subtraction.
fn headings_before(doc: &Document) -> Vec<usize> {
    let mut out = Vec::with_capacity(doc.blocks.len() + 1);
    let mut n = 0;
    for b in &doc.blocks {
        out.push(n);
        n += usize::from(b.kind == BlockKind::Heading && b.marker.is_some());
    }
    out.push(n);
    out
}

/// Whether a numbered heading stands between two blocks (`before`: [`headings_before`]).
fn heading_between(before: &[usize], a: usize, b: usize) -> bool {
    let (lo, hi) = (a.min(b), a.max(b));
    let at = |k: usize| before.get(k).copied().unwrap_or(0);
    // The headings of blocks lo + 1 .. hi: those before hi less those before lo + 1.
    hi > lo + 1 && at(hi) > at(lo + 1)
}

/// Bind the shares of a pinned name that no pass bound. Rates the relations found so far bind
/// or group are left alone.
pub(super) fn pinned_whole_shares(doc: &Document, r: &Relations) -> Vec<RatioClaim> {
    let qs = &doc.quantities;
    let pinned = pinned_names(doc, &r.ratios);
    if pinned.is_empty() {
        return Vec::new();
    }
    let taken: std::collections::HashSet<usize> = r
        .ratios
        .iter()
        .map(|c| c.rate)
        .chain(r.summed_shares.iter().map(|c| c.rate))
        .chain(r.shares.iter().flat_map(|g| g.shares.iter().copied()))
        .collect();
    let before = headings_before(doc);
    let mut out = Vec::new();
    for (s, q) in qs.iter().enumerate() {
        if q.unit != Unit::Percent
            || q.qualifier.is_some()
            || !doc.in_prose(q)
            || taken.contains(&s)
            || q.label_text().contains("分别")
        {
            continue;
        }
        let Some(name) = share_of(q.label_text()) else {
            continue;
        };
        let key = whole_key(name);
        let Some(pin) = pinned.get(&key) else {
            continue;
        };
        let w = &qs[pin.whole];
        let Some(p) = s.checked_sub(1).filter(|&k| {
            qs[k].block == q.block
                && qs[k].sentence == q.sentence
                && qs[k].unit.same_dimension(&w.unit)
                && qs[k].qualifier.is_none()
                && !is_change_label(qs[k].label_text())
        }) else {
            continue;
        };
        // The pinning shares are in document order: the nearest is next to where this one
        // would stand.
        let at = pin.rates.partition_point(|&k| k < s);
        let Some(&nearest) = [at.checked_sub(1), Some(at)]
            .into_iter()
            .flatten()
            .filter_map(|i| pin.rates.get(i))
            .min_by_key(|&&k| qs[k].span.start.abs_diff(q.span.start))
        else {
            continue;
        };
        let same_year = q.year.is_none() || w.year.is_none() || q.year == w.year;
        if heading_between(&before, q.block, qs[nearest].block)
            || !same_year
            || qs[p].base_value() > w.base_value()
        {
            continue;
        }
        out.push(RatioClaim {
            kind: RatioKind::Share,
            rate: s,
            numerator: p,
            denominator: pin.whole,
            alternatives: Vec::new(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUN: &str = "甲类科目600元，占支出总预算60.00%。乙类科目300元，占支出总预算30.00%。\
                       丙类科目100元，占支出总预算10.00%。\n支出总预算1000元。\n";

    #[test]
    fn a_share_of_a_whole_a_run_pins() {
        let text = format!("项目支出预算250元，占支出总预算的25.00%。\n{RUN}");
        let doc = crate::parse::parse(&text, crate::model::SourceFormat::Text);
        let r = super::super::find(&text, &doc);
        let qs = &doc.quantities;
        let c = r
            .ratios
            .iter()
            .find(|c| qs[c.rate].display() == "25.00%")
            .expect("bound");
        assert_eq!(qs[c.numerator].display(), "250元");
        assert_eq!(qs[c.denominator].display(), "1000元");
    }

    fn unbound(text: &str) -> bool {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let r = super::super::find(text, &doc);
        let qs = &doc.quantities;
        !r.ratios.iter().any(|c| qs[c.rate].display() == "25.00%")
    }

    #[test]
    fn no_pin_or_another_section_leaves_it_unbound() {
        // No run: the name is pinned to nothing.
        assert!(unbound(
            "项目支出预算250元，占支出总预算的25.00%。\n支出总预算1000元。\n"
        ));
        // A numbered heading between: another section may mean another whole.
        assert!(unbound(&format!(
            "项目支出预算250元，占支出总预算的25.00%。\n三、其他情况\n{RUN}"
        )));
        // An amount larger than the whole.
        assert!(unbound(&format!(
            "项目支出预算2500元，占支出总预算的25.00%。\n{RUN}"
        )));
    }

    #[test]
    fn headings_between_blocks_are_counted_once() {
        let text = "一、甲\n正文一。\n二、乙\n正文二。\n正文三。\n";
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let before = headings_before(&doc);
        assert_eq!(before.len(), doc.blocks.len() + 1);
        let para: Vec<usize> = (0..doc.blocks.len())
            .filter(|&b| doc.blocks[b].kind == BlockKind::Paragraph)
            .collect();
        let [one, two, three] = para.as_slice() else {
            panic!("{:?}", doc.blocks);
        };
        assert!(heading_between(&before, *one, *two));
        assert!(heading_between(&before, *two, *one));
        assert!(!heading_between(&before, *two, *three));
        assert!(!heading_between(&before, *two, *two));
    }

    #[test]
    fn a_run_that_agrees_nowhere_pins_nothing() {
        // 66.00% + 34.00% make 100%, but neither is 600 / 900 or 300 / 900.
        let run = "甲类科目600元，占支出总预算66.00%。乙类科目300元，占支出总预算34.00%。\n\
                   支出总预算900元。\n";
        assert!(unbound(&format!(
            "项目支出预算225元，占支出总预算的25.00%。\n{run}"
        )));
        assert_eq!(MIN_PINNING_SHARES, 2);
    }
}
