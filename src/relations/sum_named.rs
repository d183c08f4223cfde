//! Breakdowns opened by naming their whole instead of `其中`: `上半年财政收入中，税收收入a…。
//! 非税收入b…` and `收入方面，分中央和地方看，中央…收入a；地方…收入b` name the whole stated in
//! an earlier sentence or paragraph; `…总额X。分项情况是：A a；B b；C c` breaks down the level
//! the sentence before closes with.
//!
//! The words name the whole, not its parts, so a list is judged only when its parts are all of
//! a whole by definition ([`labels_complete`]: 税收 + 非税, 中央 + 地方, the three "三公"); the
//! whole named is the one figure before it whose label ends with the name ([`named_whole`]),
//! never one of two.

use super::*;

/// Words a clause before the parts ends with when it names their whole (`财政收入中`,
/// `收入方面`).
pub const WHOLE_NAMING_ENDS: &[&str] = &["方面", "中"];

/// Words a sentence opens with when it breaks down the level the sentence before closes with
/// (`分项情况是：`, `分项看`).
pub const ITEMISING_OPENERS: &[&str] = &["分项"];

/// How many paragraphs before the opener's own the whole it names may stand in.
pub const NAMED_BLOCKS_BACK: usize = 3;

/// The fewest characters of a name (without its words of time) that can name a whole.
pub const MIN_NAME: usize = 2;

/// How an opener names the whole of its list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opener {
    /// `财政收入中`, `收入方面`: the name.
    Named(String),
    /// `分项情况是`: the level the sentence before closes with.
    Itemising,
}

/// The clauses of `before` (the text of a sentence up to its first part, simplified) that open
/// a list: a clause naming a whole ([`WHOLE_NAMING_ENDS`], not `其中`) or a sentence that opens
/// with [`ITEMISING_OPENERS`]. The last clause is the first part's own and names none.
pub fn opener(before: &str) -> Option<Opener> {
    let clauses: Vec<&str> = before.split(['，', '：', '；', ',', ':', ';']).collect();
    let (_, named) = clauses.split_last()?;
    if named
        .first()
        .is_some_and(|c| ITEMISING_OPENERS.iter().any(|w| c.starts_with(w)))
    {
        return Some(Opener::Itemising);
    }
    named.iter().rev().find_map(|c| {
        let end = WHOLE_NAMING_ENDS.iter().find(|w| c.ends_with(*w))?;
        let name = c.strip_suffix(end)?;
        (!c.ends_with("其中") && name.chars().count() >= MIN_NAME)
            .then(|| Opener::Named(name.to_string()))
    })
}

/// Words of time a name may open with (`上半年财政收入中`): the name is what follows.
pub const PERIOD_PREFIXES: &[&str] = &[
    "上半年",
    "下半年",
    "全年",
    "本年",
    "今年",
    "当年",
    "本期",
    "年初",
    "年末",
];

/// Characters that count a period before [`PERIOD_UNITS`] (`前三季度`, `1-6月`).
const PERIOD_NUMERALS: &str = "0123456789一二三四五六七八九十前第-至";

/// What a counted period ends with (`一季度`, `6月份`).
const PERIOD_UNITS: &[&str] = &["季度", "月份", "月"];

/// A name without the words of time it opens with.
pub fn without_period(name: &str) -> &str {
    if let Some(rest) = PERIOD_PREFIXES.iter().find_map(|p| name.strip_prefix(p)) {
        return rest;
    }
    let counted = name
        .char_indices()
        .find(|(_, c)| !PERIOD_NUMERALS.contains(*c))
        .map_or(name.len(), |(i, _)| i);
    if counted > 0 {
        let rest = &name[counted..];
        if let Some(rest) = PERIOD_UNITS.iter().find_map(|u| rest.strip_prefix(u)) {
            return rest;
        }
    }
    name
}

/// Whether figure `i` can be the whole of a list of dimension `d`: an amount or count in prose,
/// not a change, a per-unit figure nor approximate.
fn whole_like(doc: &Document, i: usize, d: &str) -> bool {
    let q = &doc.quantities[i];
    doc.in_prose(q)
        && dim(&q.unit).as_deref() == Some(d)
        && q.qualifier.is_none()
        && !is_change_label(q.label_text())
        && !is_per_unit(q.label_text())
}

/// The whole a name points to: the one figure before `first` (in its paragraph or at most
/// [`NAMED_BLOCKS_BACK`] paragraphs back, not in its sentence) whose label ends with the name
/// without its words of time ([`without_period`]); a part of another breakdown only when its
/// label is the name itself (`基本支出中，…` names the part `基本支出`). `None` unless exactly
/// one figure is so named.
fn named_whole(doc: &Document, figs: &Figures, first: usize, name: &str, d: &str) -> Option<usize> {
    let qs = &doc.quantities;
    let f = &qs[first];
    let name = without_period(name);
    if name.chars().count() < MIN_NAME {
        return None;
    }
    let mut found = Vec::new();
    for b in f.block.saturating_sub(NAMED_BLOCKS_BACK)..=f.block {
        for &i in figs.block(b) {
            let q = &qs[i];
            if b == f.block && q.span.start >= f.span.start {
                break;
            }
            let l = q.label_text();
            let fits = l == name
                || (l.ends_with(name) && !figs.of_before(q.block, q.sentence, q.span.start));
            if q.sentence != f.sentence && fits && whole_like(doc, i, d) {
                found.push(i);
            }
        }
    }
    match found.as_slice() {
        [w] => Some(*w),
        _ => None,
    }
}

/// The span of the sentence a figure stands in (a binary search in its block's sentences).
pub(super) fn sentence_of(doc: &Document, q: &Quantity) -> Option<crate::model::Span> {
    let sentences = &doc.blocks.get(q.block)?.sentences;
    let k = sentences.partition_point(|s| s.end <= q.span.start);
    sentences
        .get(k)
        .filter(|s| s.start <= q.span.start)
        .copied()
}

/// Lists opened by naming their whole (or by itemising the level before), judged when their
/// parts are all of a whole by definition.
pub(super) fn find_named_sums(text: &str, doc: &Document, figs: &Figures) -> Vec<SumClaim> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    for (bi, block) in doc.blocks.iter().enumerate() {
        if block.kind != BlockKind::Paragraph {
            continue;
        }
        // Figures stand in reading order: the first of each sentence is where its number
        // changes.
        let mut last_sentence = None;
        for &first in figs.block(bi) {
            let q = &qs[first];
            if last_sentence == Some(q.sentence) {
                continue;
            }
            last_sentence = Some(q.sentence);
            let Some(d) = dim(&q.unit) else { continue };
            let Some(span) = sentence_of(doc, q) else {
                continue;
            };
            if !part_like(doc, first, &d)
                || figs.of_before(bi, q.sentence, q.span.start)
                || figs.paren_depth(doc, bi, q.span.start) > 0
            {
                continue;
            }
            let Some(how) = opener(&plain(text, span.start, q.span.start)) else {
                continue;
            };
            // The parts: the sentence's amounts of the list's kind at its depth, up to a
            // `其中` of its own, then the sentences after that go on with them.
            let mut parts: Vec<usize> = figs
                .sentence(bi, q.sentence)
                .iter()
                .copied()
                .filter(|&i| {
                    qs[i].span.start >= q.span.start
                        && part_like(doc, i, &d)
                        && figs.paren_depth(doc, bi, qs[i].span.start) == 0
                        && !figs.of_before(bi, q.sentence, qs[i].span.start)
                })
                .collect();
            parts.extend(continued_parts(doc, figs, bi, q.sentence, &parts, &d));
            let labels: Vec<&str> = parts.iter().map(|&p| qs[p].label_text()).collect();
            if parts.len() < 2 || !labels_complete(&labels) {
                continue;
            }
            let whole = match how {
                Opener::Named(name) => named_whole(doc, figs, first, &name, &d),
                Opener::Itemising => q.sentence.checked_sub(1).and_then(|s| {
                    figs.sentence(bi, s)
                        .iter()
                        .rev()
                        .copied()
                        .find(|&i| {
                            dim(&qs[i].unit).is_some() && !is_change_label(qs[i].label_text())
                        })
                        .filter(|&i| {
                            whole_like(doc, i, &d)
                                && !figs.of_before(bi, qs[i].sentence, qs[i].span.start)
                        })
                }),
            };
            if let Some(total) = whole {
                out.push(SumClaim {
                    total,
                    parts,
                    nested: false,
                    exhaustive: false,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The named breakdowns of `text`: (total, parts, verdict).
    fn named(text: &str) -> Vec<(String, Vec<String>, SumVerdict)> {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        find_named_sums(text, &doc, &figs)
            .into_iter()
            .map(|s| {
                let parts = s.parts.iter().map(|&p| qs[p].value.to_string()).collect();
                (qs[s.total].value.to_string(), parts, s.verdict(&doc))
            })
            .collect()
    }

    #[test]
    fn openers_name_a_whole_or_itemise() {
        assert_eq!(
            opener("前三季度，全市税务收入中，税收收入"),
            Some(Opener::Named("全市税务收入".into()))
        );
        assert_eq!(
            opener("支出方面，分级次看，本级一般公共预算支出"),
            Some(Opener::Named("支出".into()))
        );
        assert_eq!(opener("分项情况为：出国费"), Some(Opener::Itemising));
        // `其中`, a name too short, or no clause before the part's own: none.
        assert_eq!(opener("其中，税收收入"), None);
        assert_eq!(opener("年中，税收收入"), None);
        assert_eq!(opener("税收收入"), None);
    }

    #[test]
    fn a_list_opened_by_naming_its_whole() {
        let text = "前三季度，全区一般公共预算收入8421万元，同比增长3.2%。\n\
                    从结构看，一般公共预算收入中，税收收入6105万元，同比增长1.5%。\
                    非税收入2316万元，同比增加120万元。\n";
        let found = named(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "8421");
        assert_eq!(found[0].1, ["6105", "2316"]);
        assert_eq!(found[0].2, SumVerdict::Consistent);
        // Complete by definition: any shortfall is judged.
        let found = named(&text.replace("8421", "8521"));
        assert!(matches!(found[0].2, SumVerdict::Mismatch { .. }));
        // The parts' side of the name in another paragraph: 中央 + 地方.
        let text = "本月，全区一般公共预算支出5210万元，同比增长2%。\n\
                    支出方面，分级次看，区本级一般公共预算支出1880万元；镇街一般公共预算支出3330万元。\n";
        let found = named(text);
        assert!(found.is_empty(), "not complete by definition: {found:?}");
        let text = "本月，全区一般公共预算支出5210万元，同比增长2%。\n\
                    支出方面，分中央和地方看，中央本级支出1880万元；地方一般公共预算支出3330万元。\n";
        assert_eq!(named(text)[0].0, "5210");
    }

    #[test]
    fn itemising_breaks_down_the_level_before() {
        let text = "全县三公经费支出总额820万元，比上年下降2.1%。分项情况是：因公出国（境）费\
                    支出60万元；公务接待费支出210万元；公务用车购置及运行费支出550万元，其中：\
                    购置费支出150万元，运行费支出400万元。";
        let found = named(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, ["60", "210", "550"]);
        assert_eq!(found[0].2, SumVerdict::Consistent);
    }

    #[test]
    fn a_name_is_read_without_its_words_of_time() {
        assert_eq!(without_period("上半年财政收入"), "财政收入");
        assert_eq!(without_period("前三季度税收收入"), "税收收入");
        assert_eq!(without_period("1-6月支出"), "支出");
        assert_eq!(without_period("一季度收入"), "收入");
        // No words of time: the name as written.
        assert_eq!(without_period("基本支出"), "基本支出");
        assert_eq!(without_period("十大工程支出"), "十大工程支出");
    }

    #[test]
    fn a_part_of_another_list_is_the_whole_only_when_named_exactly() {
        let text = "全年实际支出1500万元。其中基本支出600万元；项目支出900万元。\n\
                    基本支出中，人员经费480万元，公用经费120万元。\n";
        let found = named(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "600");
        assert_eq!(found[0].2, SumVerdict::Consistent);
        // No figure is named so: another amount of spending is no whole of it.
        let text = "全年实际支出1500万元。\n基本支出中，人员经费480万元，公用经费120万元。\n";
        assert!(named(text).is_empty(), "{:?}", named(text));
    }

    #[test]
    fn two_wholes_of_the_name_or_an_open_list_are_not_judged() {
        // Two figures named alike before: which one is meant is not known.
        let text = "甲县财政收入500万元。乙县财政收入700万元。\
                    县级财政收入中，税收收入400万元，非税收入100万元。";
        assert!(named(text).is_empty());
        // Parts that are not all of the whole by definition.
        let text = "全区一般公共预算收入8421万元。一般公共预算收入中，税收收入6105万元，\
                    土地收入1316万元。";
        assert!(named(text).is_empty());
        assert_eq!(NAMED_BLOCKS_BACK, 3);
        assert_eq!(MIN_NAME, 2);
    }
}
