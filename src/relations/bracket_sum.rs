//! Breakdowns in brackets: `A 4070万元（包括：B 2648万元、C 1422万元）` and, with no word at
//! all, `土地治理项目959万元（中央资金620万元、省级资金306万元、市级配套33万元）` — the parts
//! stand in a bracket right after their total.
//!
//! A bracket opened by `包括`/`包含`/`含` is read by the `其中` pass ([`opens_bracket`]); a
//! bracket with no cue word is read here. Either way the breakdown is an open list (a
//! shortfall is judged only as a slip), unless its parts are complete by definition.

use super::*;

/// The most bytes between a bracket and a `包括` that opens its content (`（包括`, `(包括`,
/// `（ 含`).
pub const BRACKET_CUE_GAP: usize = 4;

/// The most bytes between a total and the bracket of its parts (`959 万元 (`: a space).
pub const BRACKET_AFTER_TOTAL_GAP: usize = 2;

/// The most cues looked at for a bracket's close: a bracket that holds more is no breakdown a
/// reader would take in at a glance, and bounds the search in a hostile document.
pub const MAX_BRACKET_CUES: usize = 64;

/// Words inside a bracket that make its list an example or an estimate, never the whole:
/// `（如设备费20万元、材料费10万元等）`, `（主要为…）`, `（约…）`.
pub const PARTIAL_BRACKET_WORDS: &[&str] = &["等", "如", "主要", "约", "左右", "部分"];

/// Whether cue `ci` is a `包括`/`包含`/`含` that opens a bracket (`公务用车购置及运行维护费4070
/// 万元（包括：运行维护费2648万元、购置1422万元）`): a breakdown of the figure before the
/// bracket, read as a `其中` is. Elsewhere `包括` nests parts inside another breakdown.
pub fn opens_bracket(doc: &Document, ci: usize) -> bool {
    let cue = &doc.cues[ci];
    cue.kind == CueKind::Including
        && ci.checked_sub(1).is_some_and(|p| {
            let open = &doc.cues[p];
            open.kind == CueKind::ParenOpen
                && open.block == cue.block
                && cue.offset > open.offset
                && cue.offset - open.offset <= BRACKET_CUE_GAP
        })
}

/// `A a（B b、C c）`: a bracket right after an amount in prose, with no cue word, holding at
/// least two amounts of the total's kind at its own depth besides the changes stated of them
/// (`比上年增加0万元`), each with a name, none of them an approximation, a per-unit figure or
/// the total restated, and no word of [`PARTIAL_BRACKET_WORDS`].
pub(super) fn find_bracket_sums(text: &str, doc: &Document, figs: &Figures) -> Vec<SumClaim> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    for (ci, open) in doc.cues.iter().enumerate() {
        if open.kind != CueKind::ParenOpen {
            continue;
        }
        // The bracket's first cue is a word that opens it: the 其中 pass reads it.
        if doc.cues.get(ci + 1).is_some_and(|c| {
            c.block == open.block
                && (c.kind == CueKind::Of
                    || (c.kind == CueKind::Including && opens_bracket(doc, ci + 1)))
        }) {
            continue;
        }
        let block = figs.block(open.block);
        let at = block.partition_point(|&i| qs[i].span.start < open.offset);
        let Some(total) = at.checked_sub(1).map(|k| block[k]) else {
            continue;
        };
        let t = &qs[total];
        if t.span.end > open.offset
            || open.offset - t.span.end > BRACKET_AFTER_TOTAL_GAP
            || !doc.in_prose(t)
            || t.qualifier.is_some()
            || dim(&t.unit).is_none()
            || is_per_unit(t.label_text())
            || is_change_label(t.label_text())
        {
            continue;
        }
        // The matching close, at most MAX_BRACKET_CUES cues on.
        let mut depth = 0i32;
        let close = doc.cues[ci..]
            .iter()
            .take(MAX_BRACKET_CUES)
            .take_while(|c| c.block == open.block)
            .find(|c| {
                match c.kind {
                    CueKind::ParenOpen => depth += 1,
                    CueKind::ParenClose => depth -= 1,
                    _ => {}
                }
                depth == 0
            });
        let Some(close) = close else {
            continue;
        };
        let inside = text.get(open.offset..close.offset).unwrap_or_default();
        if PARTIAL_BRACKET_WORDS.iter().any(|w| inside.contains(w)) {
            continue;
        }
        let own_depth = figs.paren_depth(doc, open.block, open.offset) + 1;
        let figures: Vec<usize> = block[at..]
            .iter()
            .copied()
            .take_while(|&i| qs[i].span.start < close.offset)
            .filter(|&i| figs.paren_depth(doc, open.block, qs[i].span.start) == own_depth)
            .collect();
        // A change stated of a part (`B 60万元，比上年增加5万元`) annotates it: no part.
        let parts: Vec<usize> = figures
            .iter()
            .copied()
            .filter(|&i| qs[i].unit.same_dimension(&t.unit))
            .filter(|&i| !is_change_label(qs[i].label_text()))
            .collect();
        let well_formed = parts.iter().all(|&p| {
            let q = &qs[p];
            q.qualifier.is_none()
                && !q.label_text().is_empty()
                && !is_per_unit(q.label_text())
                && q.base_value() != t.base_value()
        });
        if parts.len() < 2 || !well_formed {
            continue;
        }
        // A bracket may close late and hold a sibling of its total (`省级16万元（合作社6万元，
        // 农机具10万元，市级10万元）`): when all its parts do not add up, a shorter run of its
        // first parts that does is the breakdown.
        let reading = consistent_reading(doc, total, &parts).or_else(|| {
            (2..parts.len())
                .rev()
                .find_map(|n| consistent_reading(doc, total, &parts[..n]))
        });
        match reading {
            Some(claims) => out.extend(claims),
            None => out.extend(resolve_breakdown(text, doc, figs, total, &parts)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each breakdown found in `text` by the `其中` pass and this one: total and parts.
    fn breakdowns(text: &str) -> Vec<(String, Vec<String>)> {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        let mut sums = find_sums(text, &doc, &figs);
        sums.extend(find_bracket_sums(text, &doc, &figs));
        sums.into_iter()
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
    fn a_bracket_opened_by_including_breaks_down_the_figure_before_it() {
        let text = "三公经费预算120万元，其中：公务接待费20万元，公务用车购置及运行维护费100万元\
                    （包括：公务用车运行维护费70万元、公务用车购置30万元）。";
        let found = breakdowns(text);
        assert!(found.contains(&one("100", &["70", "30"])), "{found:?}");
        // The outer list keeps only its own parts.
        assert!(found.contains(&one("120", &["20", "100"])), "{found:?}");
        assert_eq!(found.len(), 2, "{found:?}");
        // `(含`, an ASCII bracket.
        let ascii = "项目资金100万元(含设备购置70万元、安装调试30万元)。";
        assert_eq!(breakdowns(ascii), [one("100", &["70", "30"])]);
        assert_eq!(BRACKET_CUE_GAP, 4);
    }

    #[test]
    fn a_bracket_of_named_amounts_right_after_an_amount_is_its_breakdown() {
        let text = "下达资金共计1500万元。其中，甲项目960 万元(中央资金620万元、省级资金307万元、\
                    市级配套33万元)，乙项目540万元(中央资金350万元、省级资金190万元)。";
        let found = breakdowns(text);
        assert!(
            found.contains(&one("960", &["620", "307", "33"])),
            "{found:?}"
        );
        assert!(found.contains(&one("540", &["350", "190"])), "{found:?}");
        assert!(found.contains(&one("1500", &["960", "540"])), "{found:?}");
        // The bracket holds a sibling of its total after the parts that add up to it.
        let late = "省级资金16万元（合作社资金6万元，农机具资金10万元，市级资金10万元）。";
        assert_eq!(breakdowns(late), [one("16", &["6", "10"])]);
        // A change stated of each part annotates it: the parts are the levels.
        let changes =
            "车辆经费80万元（购置费30万元，比上年增加0万元；运维费50万元，比上年减少6万元。）";
        assert_eq!(breakdowns(changes), [one("80", &["30", "50"])]);
        // When every part adds up, every part is of the total, a zero one too.
        let whole = "项目资金100万元（甲资金50万元、乙资金50万元、丙资金0万元）。";
        assert_eq!(breakdowns(whole), [one("100", &["50", "50", "0"])]);
        assert_eq!(BRACKET_AFTER_TOTAL_GAP, 2);
    }

    #[test]
    fn brackets_that_are_no_breakdown_are_left_alone() {
        for text in [
            // Examples, an estimate.
            "项目资金100万元（如设备购置70万元、安装调试20万元等）。",
            "项目资金100万元（主要为设备购置70万元、安装调试20万元）。",
            // One amount: an annotation.
            "项目资金100万元（上年结转30万元）。",
            // The total restated in another unit, a change, a per-unit standard.
            "项目资金1亿元（10000万元、按两年拨付5000万元）。",
            "项目资金100万元（比上年增加20万元、下降10万元）。",
            "补助资金100万元（每户2万元、每人0.5万元）。",
            // Not right after the amount.
            "项目资金100万元，分两批（第一批70万元、第二批30万元）。",
            // A cue word inside, not at the bracket's start.
            "项目资金100万元（主要内容包括设备购置70万元、安装调试30万元）。",
        ] {
            assert!(
                breakdowns(text).is_empty(),
                "{text}: {:?}",
                breakdowns(text)
            );
        }
        assert!(PARTIAL_BRACKET_WORDS.contains(&"等"));
        assert_eq!(MAX_BRACKET_CUES, 64);
    }
}
