//! Totals stated after their parts: `A a；B b；C c；共计X` and `一批…a（其中建筑b），二批…c（其中
//! 建筑d），合计总投资X（其中建筑Y）`. A clause that opens with a total word ([`TAIL_TOTAL_WORDS`])
//! closes the run of clauses before it in its sentence, each holding one amount of the total's
//! kind; the total word says the run is all of it, so a shortfall of any size is judged.
//!
//! The run reaches back to the start of the sentence, or to a `：` or a `其中` that opens it; a
//! first figure equal to the total is the total stated first (`总投资X，甲a，乙b，合计X`), not a
//! part. When the whole run does not add up but a shorter run ending at the total does, that
//! one is the breakdown (the run reached too far). When none does, the run is judged only when
//! the sentence before ends with no amount of the kind (the list may have begun there).
//!
//! Parts that each carry a bracketed `其中` figure of one label, as the total does, give a
//! second breakdown: the bracketed figures against the total's.

use super::*;

/// Words a clause opens with when its figure is the total of the clauses before it.
pub const TAIL_TOTAL_WORDS: &[&str] = &["合计", "共计", "总计", "总共", "累计共"];

/// Characters that separate the clauses of a run.
const CLAUSE_ENDS: &[char] = &['，', '；', ',', ';'];

/// Characters that open a run (`分三批：…`).
const RUN_OPENERS: &[char] = &['：', ':'];

/// Characters passed over at the start of a clause.
const FILLER: &[char] = &[' ', '\u{3000}'];

/// The offset of the last character of `set` in `text[from..to]` at bracket depth 0.
fn last_at_depth0(
    text: &str,
    doc: &Document,
    figs: &Figures,
    block: usize,
    from: usize,
    to: usize,
    set: &[char],
) -> Option<usize> {
    let s = text.get(from..to)?;
    s.char_indices()
        .rev()
        .map(|(i, c)| (from + i, c))
        .find(|&(at, c)| set.contains(&c) && figs.paren_depth(doc, block, at) == 0)
        .map(|(at, _)| at)
}

/// Whether some character of `set` stands in `text[from..to]` at bracket depth 0.
fn any_at_depth0(
    text: &str,
    doc: &Document,
    figs: &Figures,
    block: usize,
    from: usize,
    to: usize,
    set: &[char],
) -> bool {
    last_at_depth0(text, doc, figs, block, from, to, set).is_some()
}

/// The one figure of dimension `d` in the bracket right after figure `i` that a `其中` opens
/// (`3374.3万元（其中建筑工程3292万元）`), if there is exactly one.
fn bracketed_of(doc: &Document, figs: &Figures, i: usize, d: &str) -> Option<usize> {
    let qs = &doc.quantities;
    let q = &qs[i];
    let mut cues = figs.cues_between(doc, q.block, q.span.end.saturating_sub(1), usize::MAX);
    let open = cues.next()?;
    let of = cues.next()?;
    if open.kind != CueKind::ParenOpen
        || open.offset < q.span.end
        || open.offset - q.span.end > BRACKET_AFTER_TOTAL_GAP
        || of.kind != CueKind::Of
        || of.offset - open.offset > BRACKET_CUE_GAP
    {
        return None;
    }
    let close = cues.find(|c| matches!(c.kind, CueKind::ParenClose | CueKind::ParenOpen))?;
    if close.kind != CueKind::ParenClose {
        return None;
    }
    let inside: Vec<usize> = figs
        .block(q.block)
        .iter()
        .copied()
        .filter(|&k| {
            qs[k].span.start > of.offset
                && qs[k].span.end <= close.offset
                && dim(&qs[k].unit).as_deref() == Some(d)
        })
        .collect();
    match inside.as_slice() {
        [k] if qs[*k].qualifier.is_none() && !qs[*k].label_text().is_empty() => Some(*k),
        _ => None,
    }
}

/// The claims of a run of parts and the total after them, as the module says.
fn judge_run(doc: &Document, total: usize, parts: &[usize], open_start: bool) -> Vec<SumClaim> {
    if let Some(claims) = (0..parts.len().saturating_sub(1))
        .find_map(|from| consistent_reading(doc, total, &parts[from..]))
    {
        return claims;
    }
    if !open_start {
        return Vec::new();
    }
    vec![SumClaim {
        total,
        parts: parts.to_vec(),
        nested: false,
        exhaustive: true,
    }]
}

/// Totals after their parts, as the module says.
pub(super) fn find_tail_sums(text: &str, doc: &Document, figs: &Figures) -> Vec<SumClaim> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    for (ti, t) in qs.iter().enumerate() {
        let Some(d) = dim(&t.unit) else { continue };
        let b = t.block;
        if !doc.in_prose(t)
            || t.qualifier.is_some()
            || is_change_label(t.label_text())
            || is_per_unit(t.label_text())
            || figs.paren_depth(doc, b, t.span.start) > 0
        {
            continue;
        }
        let Some(sentence) = sentence_of(doc, t) else {
            continue;
        };
        // The total's clause opens with a total word.
        let Some(clause) = last_at_depth0(
            text,
            doc,
            figs,
            b,
            sentence.start,
            t.span.start,
            CLAUSE_ENDS,
        ) else {
            continue;
        };
        let words = plain(text, clause, t.span.start);
        let words = words
            .trim_start_matches(CLAUSE_ENDS)
            .trim_start_matches(FILLER);
        if !TAIL_TOTAL_WORDS.iter().any(|w| words.starts_with(w)) {
            continue;
        }
        // Where the run starts: the sentence, or a `：` or `其中` at depth 0 that opens it.
        let opener = last_at_depth0(text, doc, figs, b, sentence.start, clause, RUN_OPENERS);
        let of = figs
            .cues_between(doc, b, sentence.start, clause)
            .filter(|c| c.kind == CueKind::Of && figs.paren_depth(doc, b, c.offset) == 0)
            .map(|c| c.offset)
            .last();
        let start = [Some(sentence.start), opener, of]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(sentence.start);
        let mut run: Vec<usize> = figs
            .sentence(b, t.sentence)
            .iter()
            .copied()
            .filter(|&i| {
                let q = &qs[i];
                q.span.start > start
                    && q.span.end <= clause
                    && dim(&q.unit).as_deref() == Some(d.as_str())
                    && figs.paren_depth(doc, b, q.span.start) == 0
                    && !is_change_label(q.label_text())
            })
            .collect();
        if run
            .first()
            .is_some_and(|&i| qs[i].base_value() == t.base_value())
        {
            run.remove(0);
        }
        let one_per_clause = run.windows(2).all(|w| {
            any_at_depth0(
                text,
                doc,
                figs,
                b,
                qs[w[0]].span.end,
                qs[w[1]].span.start,
                CLAUSE_ENDS,
            )
        });
        if run.len() < 2
            || !one_per_clause
            || !run.iter().all(|&i| part_like(doc, i, &d))
            || run.iter().any(|&i| qs[i].base_value() == t.base_value())
        {
            continue;
        }
        // The list may have begun in the sentence before: an amount of the kind closing it.
        let open_start = start > sentence.start
            || t.sentence == 0
            || figs
                .sentence(b, t.sentence - 1)
                .iter()
                .rev()
                .find(|&&i| dim(&qs[i].unit).is_some())
                .is_none_or(|&i| dim(&qs[i].unit) != Some(d.clone()));
        let claims = judge_run(doc, ti, &run, open_start);
        // The bracketed `其中` figures of one label, as the total's.
        if let Some(claim) = claims.first().filter(|c| c.total == ti && c.parts == run)
            && let Some(sub_total) = bracketed_of(doc, figs, ti, &d)
        {
            let subs: Option<Vec<usize>> = run
                .iter()
                .map(|&p| bracketed_of(doc, figs, p, &d))
                .collect();
            let key = |i: usize| metric_key(qs[i].label_text()).to_string();
            if let Some(subs) = subs
                && subs.iter().all(|&s| key(s) == key(sub_total))
            {
                out.extend(judge_run(
                    doc,
                    sub_total,
                    &subs,
                    claim.exhaustive || open_start,
                ));
            }
        }
        out.extend(claims);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tail totals of `text`: (total, parts, verdict).
    fn tails(text: &str) -> Vec<(String, Vec<String>, SumVerdict)> {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        find_tail_sums(text, &doc, &figs)
            .into_iter()
            .map(|s| {
                let parts = s.parts.iter().map(|&p| qs[p].value.to_string()).collect();
                (qs[s.total].value.to_string(), parts, s.verdict(&doc))
            })
            .collect()
    }

    const ITEMS: &str = "项目已完成。修建蓄水池两座9.50万元；铺设管网21.06万元；\
                         购置水泵四台4.24万元；共计34.80万元，已全部验收。";

    #[test]
    fn a_total_word_closes_the_clauses_before_it() {
        let found = tails(ITEMS);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "34.80");
        assert_eq!(found[0].1, ["9.50", "21.06", "4.24"]);
        assert_eq!(found[0].2, SumVerdict::Consistent);
        // The total word says the run is all of it: a shortfall is judged.
        let found = tails(&ITEMS.replace("34.80", "35.80"));
        assert!(matches!(
            found[0].2,
            SumVerdict::Mismatch { exceeds: false, .. }
        ));
        let found = tails(&ITEMS.replace("4.24", "5.24"));
        assert!(matches!(
            found[0].2,
            SumVerdict::Mismatch { exceeds: true, .. }
        ));
    }

    #[test]
    fn bracketed_parts_of_one_label_are_a_second_breakdown() {
        let text = "工程分两期实施，一期概算投资820.5万元（其中设备购置310万元），二期概算投资\
                    410.25万元（其中设备购置150.6万元），合计概算投资1230.75万元（其中设备购置\
                    460.6万元）。";
        let found = tails(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|f| f.2 == SumVerdict::Consistent));
        assert!(
            found
                .iter()
                .any(|f| f.0 == "460.6" && f.1 == ["310", "150.6"])
        );
        let found = tails(&text.replace("460.6万元）", "470.6万元）"));
        assert!(
            found
                .iter()
                .any(|f| f.0 == "470.6" && matches!(f.2, SumVerdict::Mismatch { .. }))
        );
    }

    #[test]
    fn a_run_that_reaches_too_far_or_began_before_is_not_judged() {
        // The total stated first, then its parts: the first figure is no part.
        let text = "总投资600万元，甲标段350万元，乙标段250万元，合计600万元。";
        let found = tails(text);
        assert_eq!(found[0].1, ["350", "250"]);
        // A shorter run ending at the total adds up: the figure before is something else.
        let text = "到位资金80万元，甲标段350万元，乙标段250万元，合计600万元。";
        let found = tails(text);
        assert_eq!(found[0].1, ["350", "250"]);
        assert_eq!(found[0].2, SumVerdict::Consistent);
        // The sentence before ends with an amount: the list may have begun there.
        let text = "甲标段100万元。乙标段350万元，丙标段250万元，合计700万元。";
        assert!(tails(text).is_empty(), "{:?}", tails(text));
        // Two amounts in one clause, or no total word: none.
        let text = "甲标段350万元已付250万元，合计700万元。";
        assert!(tails(text).is_empty());
        let text = "甲标段350万元，乙标段250万元，到位700万元。";
        assert!(tails(text).is_empty());
        assert!(TAIL_TOTAL_WORDS.contains(&"合计"));
    }
}
