//! Label → canonical concept, from `data/lexicon.tsv` (editable without touching the code;
//! compiled in so that the binary is self-contained).

use std::sync::OnceLock;

const LEXICON: &str = include_str!("../../data/lexicon.tsv");

struct Entry {
    concept: &'static str,
    keyword: bool,
    pattern: &'static str,
}

/// The lexicon split by use, read once.
struct Lexicon {
    /// Rate suffixes in file order, each with its last character.
    rates: Vec<(char, &'static Entry)>,
    /// Money keywords in file order, each with its last character.
    keywords: Vec<(char, &'static Entry)>,
}

fn entries() -> &'static [Entry] {
    static E: OnceLock<Vec<Entry>> = OnceLock::new();
    E.get_or_init(|| {
        LEXICON
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut it = l.split('\t');
                let concept = it.next()?.trim();
                let kind = it.next()?.trim();
                let pattern = it.next()?.trim();
                Some(Entry {
                    concept,
                    keyword: kind == "keyword",
                    pattern,
                })
            })
            .collect()
    })
}

fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| Lexicon {
        rates: entries()
            .iter()
            .filter(|e| !e.keyword && e.concept.starts_with("rate."))
            .filter_map(|e| Some((e.pattern.chars().next_back()?, e)))
            .collect(),
        keywords: entries()
            .iter()
            .filter(|e| e.keyword)
            .filter_map(|e| Some((e.pattern.chars().next_back()?, e)))
            .collect(),
    })
}

/// The concept of a rate's label (`预算执行率` → `rate.execution`).
pub fn rate_concept(label: &str) -> Option<&'static str> {
    let last = label.chars().next_back()?;
    lexicon()
        .rates
        .iter()
        .find(|(l, e)| *l == last && label.ends_with(e.pattern))
        .map(|(_, e)| e.concept)
}

/// The concept of an amount's label: `budget` or `spend`, by the keyword standing rightmost
/// (the one whose last occurrence ends last; of two ending at the same place, the first in
/// the lexicon).
pub fn money_concept(label: &str) -> Option<&'static str> {
    // Read from the end: the first place where a keyword ends is the rightmost end, and the
    // keywords are tried there in lexicon order.
    let keywords = &lexicon().keywords;
    let mut end = label.len();
    for c in label.chars().rev() {
        let head = &label[..end];
        if let Some((_, e)) = keywords
            .iter()
            .find(|(last, e)| *last == c && head.ends_with(e.pattern))
        {
            return Some(e.concept);
        }
        end -= c.len_utf8();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_lookups_equal_the_plain_ones() {
        let plain_rate = |label: &str| {
            entries()
                .iter()
                .filter(|e| !e.keyword && e.concept.starts_with("rate."))
                .find(|e| label.ends_with(e.pattern))
                .map(|e| e.concept)
        };
        let plain_money = |label: &str| {
            let mut best: Option<(usize, &'static str)> = None;
            for e in entries().iter().filter(|e| e.keyword) {
                if let Some(pos) = label.rfind(e.pattern) {
                    let end = pos + e.pattern.len();
                    if best.is_none_or(|(b, _)| end > b) {
                        best = Some((end, e.concept));
                    }
                }
            }
            best.map(|(_, c)| c)
        };
        // Every pattern alone, after another, and with words around it.
        let patterns: Vec<&str> = entries().iter().map(|e| e.pattern).collect();
        let mut labels = vec![String::new(), "资产".to_string(), "a".to_string()];
        for a in &patterns {
            labels.push((*a).to_string());
            labels.push(format!("项目{a}"));
            labels.push(format!("{a}金额"));
            for b in patterns.iter().step_by(3) {
                labels.push(format!("{a}{b}"));
                labels.push(format!("{a}的{b}数"));
            }
        }
        for l in &labels {
            assert_eq!(rate_concept(l), plain_rate(l), "{l}");
            assert_eq!(money_concept(l), plain_money(l), "{l}");
        }
    }

    #[test]
    fn rates_by_suffix() {
        assert_eq!(rate_concept("预算执行率"), Some("rate.execution"));
        assert_eq!(rate_concept("综合整改率"), Some("rate.rectification"));
        assert_eq!(rate_concept("同比上升"), Some("rate.growth"));
        assert_eq!(rate_concept("同比下降"), Some("rate.decline"));
        assert_eq!(rate_concept("规上商品销售额"), None);
    }

    #[test]
    fn money_by_rightmost_keyword() {
        assert_eq!(
            money_concept("调整后的部门整体支出财政拨款预算"),
            Some("budget")
        );
        assert_eq!(money_concept("支出决算"), Some("spend"));
        assert_eq!(money_concept("预算资金总金额"), Some("budget"));
        assert_eq!(money_concept("年末实际支出"), Some("spend"));
        assert_eq!(money_concept("资产账面数"), None);
    }
}
