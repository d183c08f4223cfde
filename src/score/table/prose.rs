//! Totals with their 其中 parts, and grades, stated in the prose.

use super::*;

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
            if let Some(of) = of {
                let mut j = k;
                while let Some(p) = q.get(j) {
                    if p.block != t.block || p.span.start >= sentence.end {
                        break;
                    }
                    j += 1;
                    if p.span.start < of.offset {
                        continue;
                    }
                    if !is_points(&p.unit) || p.qualifier.is_some() {
                        break;
                    }
                    let Some(name) = part_name(p.label_text()) else {
                        break;
                    };
                    let name_span = p.label.as_ref().map(|l| l.span).unwrap_or(p.span);
                    let mut ind =
                        Indicator::new(name, name_span, 1, Origin::Text { block: t.block });
                    ind.score = Some(Figure {
                        value: p.value,
                        decimals: p.decimals,
                        span: p.span,
                    });
                    self.card.indicators.push(ind);
                    parts.push(self.card.indicators.len() - 1);
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
