//! Breakdowns that reach past one sentence: which figure before a `其中` can be its whole (the
//! level of what the sentence is about, not the base of a rate nor last year's level), and
//! the parts of an opened `其中` that go on over short sentences each naming one more part
//! (`其中：A a。B b，同比…；C c。D d…`).

use super::*;

/// Words in a figure's label that make it a level of another period or a comparison, never
/// the whole a `其中` breaks down: `上年同期完成…`, `去年…`.
pub const NOT_WHOLE_WORDS: &[&str] = &["上年", "去年", "上期", "同期", "上一年"];

/// Whether a figure before a `其中` cannot be the whole of its breakdown: the base of a rate
/// stated right after it (`完成年初预算数60999万元的40.4%`, `占…的`), the denominator of a
/// share (`占全部支出X的`), or a level of another period ([`NOT_WHOLE_WORDS`]).
pub fn cannot_be_whole(doc: &Document, i: usize) -> bool {
    let l = doc.quantities[i].label_text();
    is_ratio_base(doc, i) || l.starts_with('占') || NOT_WHOLE_WORDS.iter().any(|w| l.contains(w))
}

/// The candidate wholes of a breakdown, best first: those that can be a whole
/// ([`cannot_be_whole`]) in their order, then the rest.
pub fn rank_wholes(doc: &Document, candidates: &[usize]) -> Vec<usize> {
    let (mut good, rest): (Vec<usize>, Vec<usize>) = candidates
        .iter()
        .copied()
        .partition(|&i| !cannot_be_whole(doc, i));
    good.extend(rest);
    good
}

/// How many sentences after the one a `其中` opens in may go on with its list.
pub const MAX_CONTINUED_SENTENCES: usize = 4;

/// How many characters at the end of two labels must agree for them to name parts of one
/// family (`公务用车购置费支出`, `公务接待费支出`: `支出`; `税收收入`, `非税收入`: `收入`).
pub const FAMILY_TAIL: usize = 2;

/// The last [`FAMILY_TAIL`] characters of a label, if it has that many.
pub fn family_tail(l: &str) -> Option<String> {
    let n = l.chars().count();
    (n >= FAMILY_TAIL).then(|| l.chars().skip(n - FAMILY_TAIL).collect())
}

/// Whether a figure can be a named part of a list: an amount of dimension `d`, named, not a
/// change, not per unit, not approximate.
pub(super) fn part_like(doc: &Document, i: usize, d: &str) -> bool {
    let q = &doc.quantities[i];
    doc.in_prose(q)
        && dim(&q.unit).as_deref() == Some(d)
        && q.qualifier.is_none()
        && !q.label_text().is_empty()
        && !is_change_label(q.label_text())
        && !is_per_unit(q.label_text())
}

/// The parts of a `其中` list that go on after its sentence ends (`其中：出国费0万元。购置费a，
/// 同比…；运行费b。接待费c，…`): each following sentence of the block, at most
/// [`MAX_CONTINUED_SENTENCES`], that opens no breakdown of its own and whose first figure is a
/// part named in the family of the list's parts ([`family_tail`]). Its figures of that family
/// are the parts; the list stops at the first sentence that is not so.
pub(super) fn continued_parts(
    doc: &Document,
    figs: &Figures,
    block: usize,
    sentence: usize,
    parts: &[usize],
    d: &str,
) -> Vec<usize> {
    let qs = &doc.quantities;
    let tails: Vec<String> = parts
        .iter()
        .filter_map(|&p| family_tail(qs[p].label_text()))
        .collect();
    if tails.is_empty() {
        return Vec::new();
    }
    let in_family = |i: usize| family_tail(qs[i].label_text()).is_some_and(|t| tails.contains(&t));
    let mut out = Vec::new();
    // Sentences are numbered through the document: one of another block has no figures here.
    for s in sentence + 1..=sentence + MAX_CONTINUED_SENTENCES {
        let figures = figs.sentence(block, s);
        let Some(&first) = figures.iter().find(|&&i| dim(&qs[i].unit).is_some()) else {
            break;
        };
        if figs.of_before(block, s, usize::MAX)
            || !part_like(doc, first, d)
            || !in_family(first)
            || figs.paren_depth(doc, block, qs[first].span.start) > 0
        {
            break;
        }
        out.extend(
            figures
                .iter()
                .copied()
                .filter(|&i| part_like(doc, i, d) && in_family(i))
                .filter(|&i| figs.paren_depth(doc, block, qs[i].span.start) == 0),
        );
    }
    out
}

/// A `其中` list read on over the sentences after it ([`continued_parts`]), against the
/// candidate wholes: the claims when the longer list adds up to one of them, or when it is
/// complete by definition while the list of the `其中` sentence alone is not (then it is
/// judged against the best whole). `None` leaves the list as its sentence gives it.
pub(super) fn continued_breakdown(
    doc: &Document,
    wholes: &[usize],
    parts: &[usize],
    more: &[usize],
) -> Option<Vec<SumClaim>> {
    if more.is_empty() {
        return None;
    }
    let qs = &doc.quantities;
    // A list that adds up in its own sentence is all there.
    if wholes
        .iter()
        .any(|&w| consistent_reading(doc, w, parts).is_some())
    {
        return None;
    }
    let mut all = parts.to_vec();
    all.extend_from_slice(more);
    if let Some(claims) = wholes
        .iter()
        .find_map(|&w| consistent_reading(doc, w, &all))
    {
        return Some(claims);
    }
    let labels = |v: &[usize]| -> Vec<&str> { v.iter().map(|&p| qs[p].label_text()).collect() };
    if labels_complete(&labels(&all)) && !labels_complete(&labels(parts)) {
        return Some(vec![SumClaim {
            total: *wholes.first()?,
            parts: all,
            nested: false,
            exhaustive: false,
        }]);
    }
    None
}

/// Words right before a figure that make it a total (`资金共220万元`, `合计：`).
pub const TOTAL_BEFORE_WORDS: &[&str] = &["共计", "合计", "总计", "总共", "共"];

/// Words that open a sentence listing the parts of the total the sentence before closes
/// (`…共220万元。用于A a，B b，C c。`), with whether the list reads as all of the total:
/// `用于`, `分别用于`, `具体为` name where all of it goes; `包括` may name only some.
/// (`主要用于` is not among them: it names the main uses only.)
pub const PARTS_OPENERS: &[(&str, bool)] = &[
    ("分别用于", true),
    ("用于", true),
    ("具体为", true),
    ("具体包括", false),
    ("包括", false),
];

/// Words in a list of uses that make it examples or an estimate, never the whole:
/// `用于A a、B b等`, `约`, `部分`.
pub const PARTIAL_LIST_WORDS: &[&str] = &["等", "主要", "约", "左右", "部分", "如"];

/// Characters skipped between a total word and its figure, or before a sentence's opener.
const FILLER: &[char] = &[' ', '\u{3000}', '为', '：', ':', '，', ','];

/// Whether the figure is written as a total: [`TOTAL_BEFORE_WORDS`] right before it.
pub fn written_as_total(text: &str, q: &Quantity) -> bool {
    let before = text.get(..q.span.start).unwrap_or_default();
    let before = before.trim_end_matches(FILLER);
    TOTAL_BEFORE_WORDS.iter().any(|w| before.ends_with(w))
}

/// The opener of a sentence ([`PARTS_OPENERS`]) and whether its list reads as complete.
pub fn parts_opener(sentence: &str) -> Option<(&'static str, bool)> {
    let s = sentence.trim_start_matches(FILLER);
    PARTS_OPENERS
        .iter()
        .find(|(w, _)| s.starts_with(w))
        .copied()
}

/// A total closing one sentence and its parts listed in the next (`动物防疫补助资金共220万元。
/// 用于购买疫苗219.09万元，扑杀补助0.72万元，无害化处理0.19万元。`): the total is written as
/// one ([`written_as_total`]) and is the last amount of its sentence; the next sentence of the
/// block opens with [`PARTS_OPENERS`], has no word of [`PARTIAL_LIST_WORDS`], no breakdown of
/// its own, and at least two named parts. A list of uses that reads as complete is judged on
/// any shortfall; one opened by `包括` only on a slip.
pub(super) fn find_use_sums(
    text: &str,
    doc: &Document,
    figs: &Figures,
    known: &[SumClaim],
) -> Vec<SumClaim> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    for (ti, t) in qs.iter().enumerate() {
        let Some(d) = dim(&t.unit) else { continue };
        if !doc.in_prose(t)
            || t.qualifier.is_some()
            || is_change_label(t.label_text())
            || is_per_unit(t.label_text())
            || !written_as_total(text, t)
            || known.iter().any(|c| c.total == ti)
        {
            continue;
        }
        let own = figs.sentence(t.block, t.sentence);
        if own.last() != Some(&ti) || figs.paren_depth(doc, t.block, t.span.start) > 0 {
            continue;
        }
        let next = figs.sentence(t.block, t.sentence + 1);
        let Some(&first) = next.first() else { continue };
        let Some(span) = doc.blocks.get(t.block).and_then(|b| {
            b.sentences
                .iter()
                .find(|s| s.start <= qs[first].span.start && qs[first].span.start < s.end)
        }) else {
            continue;
        };
        let sentence = text.get(span.start..span.end).unwrap_or_default();
        let Some((_, complete)) = parts_opener(sentence) else {
            continue;
        };
        if PARTIAL_LIST_WORDS.iter().any(|w| sentence.contains(w))
            || figs
                .cues_between(doc, t.block, qs[first].span.start, span.end)
                .any(|c| matches!(c.kind, CueKind::Of | CueKind::Including))
        {
            continue;
        }
        let parts: Vec<usize> = next
            .iter()
            .copied()
            .filter(|&i| {
                part_like(doc, i, &d) && figs.paren_depth(doc, t.block, qs[i].span.start) == 0
            })
            .collect();
        if parts.len() < 2 || parts.iter().any(|&p| qs[p].base_value() == t.base_value()) {
            continue;
        }
        match consistent_reading(doc, ti, &parts) {
            Some(claims) => out.extend(claims),
            None => out.push(SumClaim {
                total: ti,
                parts,
                nested: false,
                exhaustive: complete,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each breakdown the `其中` pass finds in `text`: total and parts.
    fn breakdowns(text: &str) -> Vec<(String, Vec<String>)> {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        find_sums(text, &doc, &figs)
            .into_iter()
            .map(|s| {
                let parts = s.parts.iter().map(|&p| qs[p].value.to_string()).collect();
                (qs[s.total].value.to_string(), parts)
            })
            .collect()
    }

    fn one(total: &str, parts: &[&str]) -> (String, Vec<String>) {
        (total.into(), parts.iter().map(|p| p.to_string()).collect())
    }

    #[test]
    fn the_base_of_a_rate_is_no_whole_while_the_level_remains() {
        // The parts miss the level by a slip: judged against it, not the budget.
        let text = "收入完成3658万元，完成年初预算数8120万元的45.0%，比上年增收215万元。\
                    其中：税收收入2470万元；非税收入1198万元。";
        assert_eq!(breakdowns(text), vec![one("3658", &["2470", "1198"])]);
        // Last year's level is none either.
        let text = "本年支出900万元，上年同期支出850万元。其中：人员经费500万元；公用经费300万元。";
        assert_eq!(breakdowns(text), vec![one("900", &["500", "300"])]);
        // When the base is the only figure, it is still the candidate.
        let text = "完成预算数8120万元的45.0%。其中：税收收入2470万元；非税收入1198万元。";
        assert_eq!(breakdowns(text), vec![one("8120", &["2470", "1198"])]);
    }

    #[test]
    fn a_list_goes_on_over_sentences_of_one_family() {
        let text = "三公经费支出86.42万元。其中：因公出国（境）费支出0万元。\
                    公务用车购置费支出30万元；公务用车运行维护费支出38.26万元。\
                    公务接待费支出17.16万元，比上年减少2.8万元。";
        assert_eq!(
            breakdowns(text),
            vec![one("86.42", &["0", "30", "38.26", "17.16"])]
        );
    }

    #[test]
    fn a_list_stops_at_another_family_or_a_new_breakdown() {
        // The next sentence names a figure of another kind: the list is its sentence alone,
        // and a single part is no breakdown.
        let text = "三公经费支出86.42万元。其中：因公出国（境）费支出0万元。\
                    车辆购置数量2万元；公务接待费支出17.16万元。";
        assert!(breakdowns(text).iter().all(|(_, p)| p.len() < 3));
        // A sentence that opens its own 其中 is a new whole, not one more part.
        let text = "项目支出500万元。其中：设备购置支出300万元。\
                    培训支出200万元，其中：师资支出120万元，场地支出80万元。";
        assert!(
            !breakdowns(text)
                .iter()
                .any(|(t, p)| t == "500" && p.contains(&"200".to_string()))
        );
    }

    #[test]
    fn a_longer_list_is_kept_only_when_it_adds_up_or_is_complete() {
        // 设备 and 培训 are no complete set, and do not add up: not read on.
        let text = "项目支出500万元。其中：设备购置支出300万元。培训支出150万元。";
        assert!(breakdowns(text).is_empty());
        // They add up: read on.
        let text = "项目支出500万元。其中：设备购置支出300万元。培训支出200万元。";
        assert_eq!(breakdowns(text), vec![one("500", &["300", "200"])]);
    }

    #[test]
    fn a_total_and_its_uses_in_the_next_sentence() {
        let text = "资金共350万元。用于甲补贴210.5万元，乙补贴96.3万元，丙补贴33.2万元。";
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let figs = Figures::new(&doc);
        let found = find_use_sums(text, &doc, &figs, &[]);
        assert_eq!(found.len(), 1);
        // `用于` reads as all of it: a shortfall of any size is judged.
        assert!(found[0].exhaustive);
        assert!(matches!(
            found[0].verdict(&doc),
            SumVerdict::Mismatch { exceeds: false, .. }
        ));
        // `包括` may name only some: an open list.
        let text = "资金共350万元。包括甲补贴210.5万元，乙补贴96.3万元。";
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let found = find_use_sums(text, &doc, &Figures::new(&doc), &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].verdict(&doc), SumVerdict::Partial);
        // Not written as a total, the main uses only, examples, or a single part: none.
        for text in [
            "资金350万元。用于甲补贴210.5万元，乙补贴96.3万元。",
            "资金共350万元。主要用于甲补贴210.5万元，乙补贴96.3万元。",
            "资金共350万元。用于甲补贴210.5万元，乙补贴96.3万元等。",
            "资金共350万元。用于甲补贴210.5万元。",
            "资金共350万元，到位300万元。用于甲补贴210.5万元，乙补贴96.3万元。",
        ] {
            let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
            assert!(
                find_use_sums(text, &doc, &Figures::new(&doc), &[]).is_empty(),
                "{text}"
            );
        }
    }

    #[test]
    fn total_words_and_openers() {
        assert_eq!(TOTAL_BEFORE_WORDS.len(), 5);
        assert_eq!(parts_opener("用于甲"), Some(("用于", true)));
        assert_eq!(parts_opener("分别用于甲"), Some(("分别用于", true)));
        assert_eq!(parts_opener("具体为甲"), Some(("具体为", true)));
        assert_eq!(parts_opener("包括甲"), Some(("包括", false)));
        assert_eq!(parts_opener("主要用于甲"), None);
        assert!(PARTIAL_LIST_WORDS.contains(&"等"));
        assert!(PARTIAL_LIST_WORDS.contains(&"主要"));
    }

    #[test]
    fn word_lists_and_bounds() {
        assert!(NOT_WHOLE_WORDS.contains(&"上年"));
        assert_eq!(MAX_CONTINUED_SENTENCES, 4);
        assert_eq!(FAMILY_TAIL, 2);
        assert_eq!(family_tail("公务接待费支出").as_deref(), Some("支出"));
        assert_eq!(family_tail("收入").as_deref(), Some("收入"));
        // One character is too short to name a family.
        assert_eq!(family_tail("费"), None);
    }
}
