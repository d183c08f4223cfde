//! Label → canonical concept, from `data/lexicon.tsv` (editable without touching the code;
//! compiled in so that the binary is self-contained).

use std::sync::OnceLock;

const LEXICON: &str = include_str!("../../data/lexicon.tsv");

struct Entry {
    concept: &'static str,
    keyword: bool,
    pattern: &'static str,
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

/// The concept of a rate's label (`预算执行率` → `rate.execution`).
pub fn rate_concept(label: &str) -> Option<&'static str> {
    entries()
        .iter()
        .filter(|e| !e.keyword && e.concept.starts_with("rate."))
        .find(|e| label.ends_with(e.pattern))
        .map(|e| e.concept)
}

/// The concept of an amount's label: `budget` or `spend`, by the keyword standing rightmost.
pub fn money_concept(label: &str) -> Option<&'static str> {
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
