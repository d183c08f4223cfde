//! Shares of a total the document names as such (`占本年支出合计的31.45%`, with `本年支出合计
//! 4021.94万元` stated in another section): the whole is the figure whose own words end with
//! the same name, read from the text as written. Labels drop a trailing 合计 or 总计, so `本年
//! 支出合计` would read as `支出`, a name too short to look up; the written name keeps what
//! makes it one total of the document (本年支出合计 is not 支出总计).
//!
//! Bound only when the name ends with [`TOTAL_ENDINGS`] and has at least
//! [`MIN_TOTAL_NAME_CHARS`] characters before it, every figure so named states one value (of
//! the share's year, when both say one) and that value is no smaller than the share's amount.

use super::share::share_of;
use super::*;

/// Endings of the name of a total.
pub const TOTAL_ENDINGS: &[&str] = &["合计", "总计"];

/// The fewest characters the name of a total must have before its ending: 4 (`本年支出合计`,
/// `本年收入合计`; never `支出合计`, which a document may use for any list of spending).
pub const MIN_TOTAL_NAME_CHARS: usize = 4;

/// Characters a written label is read without.
fn left_out(c: char) -> bool {
    c.is_whitespace() || matches!(c, '“' | '”' | '"' | '《' | '》')
}

/// A label's words as written, without quotes, spaces and a leading year (`2020年本年支出合计`
/// → `本年支出合计`).
fn written_label(text: &str, q: &Quantity) -> Option<String> {
    let l = q.label.as_ref()?;
    let raw = text.get(l.span.start..l.span.end)?;
    let s: String = raw.chars().filter(|&c| !left_out(c)).collect();
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit());
    let s = s
        .strip_prefix("年度")
        .or_else(|| s.strip_prefix('年'))
        .unwrap_or(s);
    Some(s.to_string())
}

/// Whether a unit has a dimension for sums (`sum::dim`: money, or a count other than points),
/// without writing it.
fn summable(u: &Unit) -> bool {
    match u {
        Unit::Money { .. } => true,
        Unit::Count { word, .. } => word != "分",
        _ => false,
    }
}

/// Whether a figure's written label ([`written_label`]) can end with a
/// [`TOTAL_ENDINGS`] word: its last two characters as written, read from the source without
/// building the label (trimming its start never reaches them).
fn ends_as_total(text: &str, q: &Quantity) -> bool {
    let Some(raw) = q
        .label
        .as_ref()
        .and_then(|l| text.get(l.span.start..l.span.end))
    else {
        return false;
    };
    let mut back = raw.chars().rev().filter(|&c| !left_out(c));
    let (last, before) = (back.next(), back.next());
    TOTAL_ENDINGS.iter().any(|e| {
        let mut w = e.chars();
        (w.next(), w.next(), w.next()) == (before, last, None)
    })
}

/// The name of the total a share's written label says it is of (`占本年支出合计的` →
/// `本年支出合计`), when it is one.
pub fn total_named(written: &str) -> Option<&str> {
    let whole = share_of(written)?;
    let base = TOTAL_ENDINGS.iter().find_map(|e| whole.strip_suffix(e))?;
    (base.chars().count() >= MIN_TOTAL_NAME_CHARS).then_some(whole)
}

/// Bind shares of a named total to the figure the document names so. Rates the relations
/// found so far bind or group are left alone.
pub(super) fn named_total_shares(text: &str, doc: &Document, r: &Relations) -> Vec<RatioClaim> {
    let qs = &doc.quantities;
    let taken: std::collections::HashSet<usize> = r
        .ratios
        .iter()
        .map(|c| c.rate)
        .chain(r.summed_shares.iter().map(|c| c.rate))
        .chain(r.shares.iter().flat_map(|g| g.shares.iter().copied()))
        .collect();
    // The figures whose written name ends as a total's (few in a report), read once.
    let totals: Vec<(usize, String)> = qs
        .iter()
        .enumerate()
        .filter(|(_, w)| {
            doc.in_prose(w)
                && w.qualifier.is_none()
                && summable(&w.unit)
                && ends_as_total(text, w)
                && !is_change_label(w.label_text())
        })
        .filter_map(|(k, w)| {
            let l = written_label(text, w)?;
            TOTAL_ENDINGS
                .iter()
                .any(|e| l.ends_with(e))
                .then_some((k, l))
        })
        .collect();
    // The figures of each name, found once per name.
    let mut of_name: std::collections::HashMap<String, Vec<usize>> =
        std::collections::HashMap::new();
    let mut out = Vec::new();
    for (s, q) in qs.iter().enumerate() {
        if q.unit != Unit::Percent
            || q.qualifier.is_some()
            || !doc.in_prose(q)
            || taken.contains(&s)
        {
            continue;
        }
        let Some(written) = written_label(text, q) else {
            continue;
        };
        let Some(name) = total_named(&written) else {
            continue;
        };
        let Some(p) = s.checked_sub(1).filter(|&k| {
            qs[k].block == q.block
                && qs[k].sentence == q.sentence
                && summable(&qs[k].unit)
                && qs[k].qualifier.is_none()
                && !is_change_label(qs[k].label_text())
        }) else {
            continue;
        };
        let all = of_name.entry(name.to_string()).or_insert_with(|| {
            totals
                .iter()
                .filter(|(_, l)| l.ends_with(name))
                .map(|&(k, _)| k)
                .collect()
        });
        let named: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&k| k != p && qs[k].unit.same_dimension(&qs[p].unit))
            .collect();
        let Some(&whole) = named.first() else {
            continue;
        };
        let w = &qs[whole];
        let one_value = named.iter().all(|&k| qs[k].base_value() == w.base_value());
        let same_year = q.year.is_none() || w.year.is_none() || q.year == w.year;
        if !one_value || !same_year || w.base_value() < qs[p].base_value() || w.value.is_zero() {
            continue;
        }
        out.push(RatioClaim {
            kind: RatioKind::Share,
            rate: s,
            numerator: p,
            denominator: whole,
            alternatives: Vec::new(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bound(text: &str) -> Vec<(String, String, String)> {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let qs = &doc.quantities;
        named_total_shares(text, &doc, &Relations::default())
            .iter()
            .map(|c| {
                (
                    qs[c.rate].display(),
                    qs[c.numerator].display(),
                    qs[c.denominator].display(),
                )
            })
            .collect()
    }

    #[test]
    fn a_share_of_a_named_total_stated_elsewhere() {
        let text = "一、支出情况\n2023年本年支出合计2500.00万元，其中基本支出1500.00万元。\n\
                    二、财政拨款支出\n2023年财政拨款支出1000.00万元，占本年支出合计的40.00%。\n";
        assert_eq!(
            bound(text),
            vec![(
                "40.00%".to_string(),
                "1000.00万元".to_string(),
                "2500.00万元".to_string()
            )]
        );
    }

    #[test]
    fn short_names_two_values_or_a_smaller_total_are_unbound() {
        // `支出合计` is too short a name.
        let text = "支出合计2500.00万元。财政拨款支出1000.00万元，占支出合计的40.00%。";
        assert!(bound(text).is_empty());
        // Two values for one name.
        let text = "本年支出合计2500.00万元。本年支出合计2600.00万元。\
                    财政拨款支出1000.00万元，占本年支出合计的40.00%。";
        assert!(bound(text).is_empty());
        // A total smaller than the part is no total of it.
        let text = "本年支出合计900.00万元。财政拨款支出1000.00万元，占本年支出合计的40.00%。";
        assert!(bound(text).is_empty());
        // Another name: 支出总计 is not 本年支出合计.
        let text = "本年支出总计2500.00万元。财政拨款支出1000.00万元，占本年支出合计的40.00%。";
        assert!(bound(text).is_empty());
        // Another year.
        let text = "2022年本年支出合计2500.00万元。\
                    2023年财政拨款支出1000.00万元，占本年支出合计的40.00%。";
        assert!(bound(text).is_empty());
    }

    #[test]
    fn total_names() {
        assert_eq!(total_named("占本年支出合计的"), Some("本年支出合计"));
        assert_eq!(total_named("占本年收入总计"), Some("本年收入总计"));
        assert_eq!(total_named("占支出合计的"), None);
        assert_eq!(total_named("占一般公共预算支出的"), None);
        assert_eq!(MIN_TOTAL_NAME_CHARS, 4);
    }
}
