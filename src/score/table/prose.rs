//! Totals with their 其中 parts, and grades, stated in the prose.

use super::*;
use crate::model::Quantity;

impl Reader<'_> {
    /// Totals with their 其中 parts, and grades, stated in the prose.
    pub(super) fn prose(&mut self, doc: &Document) {
        let is_points = |u: &Unit| matches!(u, Unit::Count { word, scale: 0 } if word == "分");
        let in_table_row = |b: usize| {
            doc.blocks
                .get(b)
                .is_some_and(|b| matches!(b.kind, BlockKind::TableRow { .. }))
        };
        let q = &doc.quantities;
        let mut k = 0;
        while k < q.len() {
            let t = &q[k];
            k += 1;
            if !is_points(&t.unit)
                || t.cell.is_some()
                || in_table_row(t.block)
                || t.qualifier.is_some()
                || !is_total_label(t.label_text())
            {
                continue;
            }
            let Some(sentence) = sentence_of(doc, t.block, t.span.start) else {
                continue;
            };
            // A figure listed after 其中 is a part, never the total.
            if doc.cues.iter().any(|c| {
                c.kind == CueKind::Of
                    && c.block == t.block
                    && sentence.start <= c.offset
                    && c.offset < t.span.start
            }) {
                continue;
            }
            let s_text = self.text.get(sentence.start..sentence.end).unwrap_or("");
            if !["自评", "评价", "打分", "综合", "考核", "评分", "绩效"]
                .iter()
                .any(|w| s_text.contains(w))
            {
                continue;
            }
            // One total per sentence: skip it when an earlier one was taken.
            if self.card.totals.iter().any(|tot| {
                matches!(tot.origin, Origin::Text { .. })
                    && sentence.start <= tot.score.span.start
                    && tot.score.span.start < sentence.end
            }) {
                continue;
            }
            let mut parts = Vec::new();
            let of = doc.cues.iter().find(|c| {
                c.kind == CueKind::Of
                    && c.block == t.block
                    && c.offset > t.span.start
                    && c.offset < sentence.end
            });
            // `自评得分96分，评价等级为“优”。其中：项目决策18分，…`: the parts open the next
            // sentence.
            let (of, parts_end) = match of {
                Some(of) => (Some(of), sentence.end),
                None => match next_sentence_of(self.text, doc, t.block, sentence) {
                    Some((of, next)) => (Some(of), next.end),
                    None => (None, sentence.end),
                },
            };
            if let Some(of) = of {
                let mut j = k;
                let mut listed: Vec<Indicator> = Vec::new();
                let mut whole = true;
                while let Some(p) = q.get(j) {
                    if p.block != t.block || p.span.start >= parts_end {
                        break;
                    }
                    j += 1;
                    if p.span.start < of.offset {
                        continue;
                    }
                    // Another kind of figure ends the list (`…，预算执行率98%`).
                    if !is_points(&p.unit) {
                        break;
                    }
                    if p.qualifier.is_some() || !list_part(&mut listed, p, t.block) {
                        whole = false;
                        break;
                    }
                }
                // A list read only in part (a deduction, a weight without its indicator, an
                // indicator without its score) gives no parts: its sum would not be the total's.
                if whole && listed.iter().all(|i| i.score.is_some()) {
                    for ind in listed {
                        self.card.indicators.push(ind);
                        parts.push(self.card.indicators.len() - 1);
                    }
                }
                k = j.max(k);
            }
            self.card.totals.push(StatedTotal {
                score: Figure {
                    value: t.value,
                    decimals: t.decimals,
                    span: t.span,
                },
                weight: None,
                origin: Origin::Text { block: t.block },
                parts,
            });
        }
        // Grades.
        for (bi, block) in doc.blocks.iter().enumerate() {
            if matches!(block.kind, BlockKind::TableRow { .. }) {
                continue;
            }
            for s in &block.sentences {
                let sentence = self.text.get(s.start..s.end).unwrap_or("");
                for (word, span) in grades_in(self.text, *s) {
                    let total = self.card.totals.iter().position(|t| {
                        t.origin == Origin::Text { block: bi }
                            && s.start <= t.score.span.start
                            && t.score.span.end <= s.end
                    });
                    // `道路技术状况等级为优` grades something else: a grade counts when its
                    // sentence states the total or speaks of the evaluation.
                    let about_score = total.is_some()
                        || ["自评", "绩效", "评价", "评分", "评定", "考核"]
                            .iter()
                            .any(|w| sentence.contains(w));
                    if about_score {
                        self.card.grades.push(StatedGrade { word, span, total });
                    }
                }
            }
        }
    }
}

/// Label words of an indicator's weight in a prose list (`决策指标分值20分`, `（满分20分）`).
const WEIGHT_WORDS: &[&str] = &["分值", "满分", "权重"];

/// What a figure of a prose list is labelled when it is the score of the part named before it
/// (`决策指标20分，得分19分`, `预算编制10分得9.5分`, `满分20分，实得18分`), once the weight
/// words are removed.
const BARE_SCORE_WORDS: &[&str] = &[
    "",
    "得",
    "得分",
    "实得",
    "实得分",
    "实际得分",
    "自评得分",
    "评价得分",
    "评分",
    "自评",
];

/// Read one figure in points of a prose list of a total's parts into `listed`: a part with its
/// score (`部门决策19分`), its weight (`决策指标分值20分`, `（满分20分）` after the score), or
/// its score after its weight (`决策指标 20分，得分 19分`: the first figure was the weight).
/// False when the figure fits none of these (a deduction, `扣2分`; a second weight).
fn list_part(listed: &mut Vec<Indicator>, p: &Quantity, block: usize) -> bool {
    let label = p.label_text();
    let is_weight = WEIGHT_WORDS.iter().any(|w| label.contains(w));
    let mut name = label.to_string();
    for w in WEIGHT_WORDS {
        name = name.replace(w, "");
    }
    let name = name.trim_end_matches(['为', '是', '：', ':']).to_string();
    let figure = Figure {
        value: p.value,
        decimals: p.decimals,
        span: p.span,
    };
    let bare = BARE_SCORE_WORDS.contains(&name.as_str());
    match part_name(&name).filter(|_| !bare) {
        Some(name) => {
            if listed.last().is_some_and(|l| l.score.is_none()) {
                return false;
            }
            let name_span = p.label.as_ref().map(|l| l.span).unwrap_or(p.span);
            let mut ind = Indicator::new(name, name_span, 1, Origin::Text { block });
            if is_weight {
                ind.weight = Some(figure);
            } else {
                ind.score = Some(figure);
            }
            listed.push(ind);
            true
        }
        // A bare 得分 or 满分 belongs to the part before it.
        None if bare => {
            let Some(last) = listed.last_mut() else {
                return false;
            };
            match (is_weight, last.weight.is_some(), last.score.is_some()) {
                (true, false, true) => last.weight = Some(figure),
                (false, true, false) => last.score = Some(figure),
                // `决策指标 20分，得分 19分`: the figure read as the score was the weight.
                (false, false, true) => {
                    last.weight = last.score.take();
                    last.score = Some(figure);
                }
                _ => return false,
            }
            true
        }
        None => false,
    }
}

/// The sentence after `sentence` in its block when it opens with 其中 (`…等级为“优”。其中：
/// 项目决策18分，…`), with that cue.
fn next_sentence_of<'d>(
    text: &str,
    doc: &'d Document,
    block: usize,
    sentence: Span,
) -> Option<(&'d Cue, Span)> {
    let next = *doc
        .blocks
        .get(block)?
        .sentences
        .iter()
        .find(|s| s.start >= sentence.end)?;
    let of = doc.cues.iter().find(|c| {
        c.kind == CueKind::Of && c.block == block && next.start <= c.offset && c.offset < next.end
    })?;
    let before = text.get(next.start..of.offset)?;
    before
        .chars()
        .all(|c| c.is_whitespace() || "。；，".contains(c))
        .then_some((of, next))
}

/// The sentence of a block that holds `offset`.
pub(super) fn sentence_of(doc: &Document, block: usize, offset: usize) -> Option<Span> {
    doc.blocks
        .get(block)?
        .sentences
        .iter()
        .find(|s| s.start <= offset && offset < s.end)
        .copied()
}

/// Grade statements in a sentence: `等级为“优”`, `自评等级：优`, `评定为“优秀”等级`.
pub(super) fn grades_in(text: &str, sentence: Span) -> Vec<(String, Span)> {
    // Every grade statement names 等级 or 等次: a sentence without a 等 (as normalised) has
    // none, and is not normalised.
    let raw = text.get(sentence.start..sentence.end).unwrap_or("");
    if !raw.chars().any(|c| crate::parse::norm::fold(c) == '等') {
        return Vec::new();
    }
    let n = Norm::new(text, sentence);
    let c = &n.chars;
    let mut out = Vec::new();
    let is_quote = |ch: char| matches!(ch, '“' | '”' | '"' | '「' | '」' | '『' | '』' | '‘' | '’');
    let grade_at = |i: usize| -> Option<(&'static str, usize)> {
        let g = GRADE_WORDS.iter().find(|g| n.starts_with_at(i, g))?;
        let len = g.chars().count();
        let mut e = i + len;
        let quoted = e < c.len() && is_quote(c[e]);
        if quoted {
            e += 1;
        }
        // The word must end there: not the start of a longer word (`中等偏上`, `良性`).
        let next = c.get(e).copied();
        let ends = next.is_none_or(|x| !is_cjk(x))
            || n.starts_with_at(e, "等级")
            || n.starts_with_at(e, "等次")
            || n.starts_with_at(e, "级")
            || (quoted && next.is_some_and(|x| x != '的'));
        ends.then_some((*g, len))
    };
    let mut i = 0;
    while i < c.len() {
        let key = if n.starts_with_at(i, "等级") || n.starts_with_at(i, "等次") {
            Some(2)
        } else {
            None
        };
        let Some(klen) = key else {
            i += 1;
            continue;
        };
        let mut j = i + klen;
        while j < c.len() && matches!(c[j], '为' | '是' | '：' | '评' | '定') {
            j += 1;
        }
        while j < c.len() && is_quote(c[j]) {
            j += 1;
        }
        if let Some((g, len)) = grade_at(j) {
            out.push((g.to_string(), n.span(j, j + len)));
            i = j + len;
            continue;
        }
        i += klen;
    }
    // `评定为“优秀”等级`, `评为优等次`.
    let mut i = 0;
    while i < c.len() {
        if c[i] == '为' {
            let mut j = i + 1;
            while j < c.len() && is_quote(c[j]) {
                j += 1;
            }
            if let Some((g, len)) = grade_at(j) {
                let mut e = j + len;
                while e < c.len() && is_quote(c[e]) {
                    e += 1;
                }
                if (n.starts_with_at(e, "等级") || n.starts_with_at(e, "等次"))
                    && !out.iter().any(|(_, s)| *s == n.span(j, j + len))
                {
                    out.push((g.to_string(), n.span(j, j + len)));
                }
            }
        }
        i += 1;
    }
    out.sort_by_key(|(_, s)| s.start);
    out
}
