//! A `其中：` that closes its paragraph, its list in the paragraphs after it, one part each:
//! `基本支出X元，同比减少…。其中：⏎工资福利支出a元，占…。⏎商品和服务支出b元，占…。`, or with a
//! heading above each part (`其中：⏎一、出国费⏎…支出0万元。⏎二、接待费⏎…支出c万元。`); and a
//! paragraph that closes with `…如下：` (`收入具体情况如下。⏎1.财政拨款收入a…⏎2.…`), whose whole
//! is a figure of the last sentence before it that has one.
//!
//! How far the list reaches is not written. It is read on while each paragraph opens with an
//! amount named in the family of the first part ([`family_tail`]) and is numbered as the first
//! part's paragraph is (a numbered paragraph after unnumbered parts is the next item of an
//! outer list); headings without figures between them are passed over. Every reach of at least
//! two parts is a reading, and a reading is judged only when the figures confirm it
//! ([`confirmed_run`]): one adds up, or, the longest first, one is within a slip of the total.

use super::*;

/// The most paragraphs after a `其中：` read for its parts, headings included.
pub const MAX_LIST_PARAGRAPHS: usize = 12;

/// What may follow `其中` when it closes its paragraph.
const CUE_TAIL: &[char] = &['：', ':', '，', ',', ' ', '\u{3000}'];

/// Whether the `其中` at `offset` closes its block: nothing but [`CUE_TAIL`] after it.
fn closes_block(text: &str, doc: &Document, block: usize, offset: usize) -> bool {
    let Some(b) = doc.blocks.get(block) else {
        return false;
    };
    text.get(offset..b.span.end)
        .and_then(|s| s.strip_prefix("其中"))
        .is_some_and(|rest| rest.chars().all(|c| CUE_TAIL.contains(&c)))
}

/// The parts of a `其中：` that closes block `cue_block`, one per paragraph after it: the
/// first amount of each (dimension `d` taken from the first), read on as the module says.
fn paragraph_parts(doc: &Document, figs: &Figures, cue_block: usize) -> Vec<usize> {
    let qs = &doc.quantities;
    let mut parts: Vec<usize> = Vec::new();
    let mut family: Option<(String, String, bool)> = None;
    for b in cue_block + 1..=cue_block + MAX_LIST_PARAGRAPHS {
        let Some(block) = doc.blocks.get(b) else {
            break;
        };
        let first = figs
            .block(b)
            .iter()
            .copied()
            .find(|&i| dim(&qs[i].unit).is_some());
        match (&block.kind, first) {
            (BlockKind::Heading, None) => continue,
            (BlockKind::Paragraph, Some(i)) => {
                let q = &qs[i];
                let numbered = block.marker.is_some();
                let (Some(d), Some(tail)) = (dim(&q.unit), family_tail(q.label_text())) else {
                    break;
                };
                let fits = match &family {
                    None => true,
                    Some((fd, ft, fnum)) => *fd == d && *ft == tail && *fnum == numbered,
                };
                if !fits
                    || !part_like(doc, i, &d)
                    || figs.paren_depth(doc, b, q.span.start) > 0
                    || figs.of_before(b, q.sentence, q.span.start)
                {
                    break;
                }
                family.get_or_insert((d, tail, numbered));
                parts.push(i);
            }
            _ => break,
        }
    }
    parts
}

/// Words a sentence that closes its paragraph ends with when the paragraphs after list what
/// it names (`收入具体情况如下：`, `分项如下。`).
pub const AS_FOLLOWS_WORDS: &[&str] = &["如下"];

/// What may close a sentence after [`AS_FOLLOWS_WORDS`].
const AS_FOLLOWS_TAIL: &[char] = &['：', ':', '。', ' ', '\u{3000}'];

/// Whether block `b` closes with a sentence that ends with [`AS_FOLLOWS_WORDS`], and where
/// that sentence starts.
fn closes_as_follows(text: &str, doc: &Document, b: usize) -> Option<usize> {
    let block = doc.blocks.get(b)?;
    let last = block.sentences.last()?;
    let s = text
        .get(last.start..last.end)?
        .trim_end_matches(AS_FOLLOWS_TAIL);
    AS_FOLLOWS_WORDS
        .iter()
        .any(|w| s.ends_with(w))
        .then_some(last.start)
}

/// Whether figure `i` can be the whole of a list of kind `d` read over paragraphs: an amount
/// of that kind in prose, not approximate, per unit, nor a change.
fn whole_fits(doc: &Document, i: usize, d: &str) -> bool {
    let q = &doc.quantities[i];
    dim(&q.unit).as_deref() == Some(d)
        && doc.in_prose(q)
        && q.qualifier.is_none()
        && !is_per_unit(q.label_text())
        && !is_change_label(q.label_text())
}

/// The candidate wholes of a list opened by the closing sentence at `offset` of block `b`
/// (`…如下：`), nearest first: the figures that fit ([`whole_fits`]) of the last sentence
/// before it in the block that has any, or else of the last such sentence of the paragraph
/// before — a part of that sentence's own breakdown too (`总收入X，其中本年收入Y。收入具体
/// 情况如下：` may list either).
fn wholes_before_sentence(
    doc: &Document,
    figs: &Figures,
    b: usize,
    offset: usize,
    d: &str,
) -> Vec<usize> {
    let qs = &doc.quantities;
    let last_sentence = |block: usize, before: usize| -> Vec<usize> {
        let figures = figs.block(block);
        let at = figures.partition_point(|&i| qs[i].span.start < before);
        let Some(&last) = figures[..at].iter().rev().find(|&&i| whole_fits(doc, i, d)) else {
            return Vec::new();
        };
        figures[..at]
            .iter()
            .rev()
            .copied()
            .take_while(|&i| qs[i].sentence == qs[last].sentence)
            .filter(|&i| whole_fits(doc, i, d))
            .collect()
    };
    let mut found = last_sentence(b, offset);
    if found.is_empty()
        && let Some(prev) = b.checked_sub(1)
        && matches!(doc.blocks[prev].kind, BlockKind::Paragraph)
    {
        found = last_sentence(prev, usize::MAX);
    }
    rank_wholes(doc, &found)
}

/// Breakdowns whose `其中：` (or `…如下：`) closes its paragraph and whose parts open the
/// paragraphs after.
pub(super) fn find_paragraph_lists(text: &str, doc: &Document, figs: &Figures) -> Vec<SumClaim> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    let mut judge = |b: usize, wholes: &dyn Fn(&str) -> Vec<usize>| {
        let parts = paragraph_parts(doc, figs, b);
        let Some(d) = parts.first().and_then(|&p| dim(&qs[p].unit)) else {
            return;
        };
        let wholes = wholes(&d);
        // Every reach, the longest first.
        let runs: Vec<Vec<usize>> = (2..=parts.len())
            .rev()
            .map(|n| parts[..n].to_vec())
            .collect();
        if let Some(claims) = confirmed_run(doc, &wholes, &runs) {
            out.extend(claims);
        }
    };
    for cue in doc.cues.iter().filter(|c| {
        c.kind == CueKind::Of
            && matches!(
                doc.blocks.get(c.block).map(|b| &b.kind),
                Some(BlockKind::Paragraph)
            )
            && figs.paren_depth(doc, c.block, c.offset) == 0
            && closes_block(text, doc, c.block, c.offset)
    }) {
        judge(cue.block, &|d: &str| {
            let candidates: Vec<usize> = figures_before(doc, figs, cue)
                .into_iter()
                .rev()
                .filter(|&i| whole_fits(doc, i, d))
                .collect();
            rank_wholes(doc, &candidates)
        });
    }
    for b in 0..doc.blocks.len() {
        if matches!(doc.blocks[b].kind, BlockKind::Paragraph)
            && let Some(at) = closes_as_follows(text, doc, b)
        {
            judge(b, &|d: &str| wholes_before_sentence(doc, figs, b, at, d));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each breakdown found in `text`: total, parts, verdict.
    fn lists(text: &str) -> Vec<(String, Vec<String>, SumVerdict)> {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        find_paragraph_lists(text, &doc, &figs)
            .into_iter()
            .map(|s| {
                let parts = s.parts.iter().map(|&p| qs[p].value.to_string()).collect();
                (qs[s.total].value.to_string(), parts, s.verdict(&doc))
            })
            .collect()
    }

    const LIST: &str = "2. 公用支出 5280 元，占本年支出的 12.5%，同比减少 310 元。其中：\n\
                        办公费支出 2130 元，占公用支出 40.3%，同比增加 90 元。\n\
                        差旅费支出 1950 元，占公用支出 36.9%。\n\
                        维修费支出 1200 元，占公用支出 22.7%。\n\
                        3. 项目支出 8000 元。\n";

    #[test]
    fn parts_in_the_paragraphs_after_a_closing_cue() {
        let found = lists(LIST);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "5280");
        assert_eq!(found[0].1, ["2130", "1950", "1200"]);
        assert_eq!(found[0].2, SumVerdict::Consistent);
        // A slip in one part: the longest reach within a slip of the total is judged.
        let slip = LIST.replace("1950", "1960");
        let found = lists(&slip);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(matches!(
            found[0].2,
            SumVerdict::Mismatch { exceeds: true, .. }
        ));
    }

    #[test]
    fn headings_between_the_parts_are_passed_over() {
        let text = "全年三公经费支出总额为640万元，较预算减少12%。其中：\n\
                    一、因公出国（境）费\n\
                    全年因公出国（境）经费支出0万元。\n\
                    二、公务用车购置及运行费\n\
                    全年公务用车购置及运行费支出455万元。\n\
                    三、公务接待费\n\
                    全年公务接待费支出185万元，较预算下降30%。\n";
        let found = lists(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, ["0", "455", "185"]);
        assert_eq!(found[0].2, SumVerdict::Consistent);
    }

    #[test]
    fn a_paragraph_that_closes_with_as_follows_opens_a_list() {
        let text = "（一）本年收入合计812.40万元，其中财政拨款收入760.15万元，较上年减少12.30万元。\n\
                    各项收入情况如下：\n\
                    1.一般公共预算拨款收入702.05万元，为本级财政拨付的资金。\n\
                    2.政府性基金拨款收入58.10万元，较上年持平。\n\
                    3.上年结转52.25万元，为以前年度未完成的资金。\n";
        let found = lists(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "760.15");
        assert_eq!(found[0].1, ["702.05", "58.10"]);
        assert_eq!(found[0].2, SumVerdict::Consistent);
        // A slip in the total the list confirms.
        let found = lists(&text.replace("760.15", "760.25"));
        assert!(
            matches!(found[0].2, SumVerdict::Mismatch { .. }),
            "{found:?}"
        );
        // Words after `如下` in the sentence, or a list far from every figure before: none.
        assert!(lists(&text.replace("如下：", "如下表所示，另有说明。")).is_empty());
        assert!(lists(&text.replace("760.15", "960.15")).is_empty());
    }

    #[test]
    fn reaches_the_figures_do_not_confirm_are_left_alone() {
        // Far from the total whichever way it is read: the list is of another whole.
        let far = LIST.replace("5280", "9900");
        assert!(lists(&far).is_empty());
        // A cue with words after it opens no list of paragraphs.
        let words = LIST.replace("其中：\n", "其中大部分为日常开支。\n");
        assert!(lists(&words).is_empty());
        // Parts of another family, or a single part: none.
        let family = "公用支出 5280 元。其中：\n办公费支出 2130 元。\n差旅人次 3150 元。\n";
        assert!(lists(family).is_empty());
        assert_eq!(MAX_LIST_PARAGRAPHS, 12);
        assert_eq!(AS_FOLLOWS_WORDS, ["如下"]);
    }
}
