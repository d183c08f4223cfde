//! Sentences of the narrative that say every target was met (`各项指标均已完成`,
//! `年度绩效目标已按计划完成`): the claims a missed target in a table contradicts (S007). The
//! sentence must name every target as its subject (`各项指标`, `绩效目标`).

use crate::model::{Block, BlockKind, Span};

/// Words saying every target was met.
pub const ALL_MET: &[&str] = &[
    "均已完成",
    "全部完成",
    "已按计划完成",
    "均已达到",
    "全部达到",
    "均达到",
    "均已实现",
    "全部实现",
    "全面完成",
    "均完成",
];

/// Subjects that make a claim about every target (`各项指标`, `年度绩效目标`): a claim about
/// one group (`数量指标…均达到年度指标值`) or one task (`改造于10月前全部完成`) is no claim
/// about the table.
const ALL_SUBJECTS: &[&str] = &[
    "各项指标",
    "各项绩效指标",
    "所有指标",
    "所有绩效指标",
    "全部指标",
    "全部绩效指标",
    "各项绩效目标",
    "年度绩效目标",
    "绩效目标",
    "各项目标",
    "年度目标",
    "预期目标",
    "总体目标",
];

/// Words before a claim that deny it (`未全部完成`, `尚未全部完成`).
const DENIALS: &[&str] = &["未", "没有", "尚未", "未能", "不能", "无法", "不"];

/// Every claim in the document's prose (table rows are not prose).
pub fn all_met(text: &str, blocks: &[Block]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    // The words the document holds at all, in the order of the list: most reports hold one
    // or none, and the others are not looked for block by block.
    let present: Vec<&str> = ALL_MET
        .iter()
        .copied()
        .filter(|w| text.contains(w))
        .collect();
    if present.is_empty() {
        return out;
    }
    for b in blocks {
        if matches!(b.kind, BlockKind::TableRow { .. }) {
            continue;
        }
        let s = &text[b.span.start..b.span.end];
        for w in &present {
            let mut from = 0;
            while let Some(i) = s[from..].find(w) {
                let at = from + i;
                from = at + w.len();
                if DENIALS.iter().any(|d| s[..at].ends_with(d)) {
                    continue;
                }
                let span = Span::new(b.span.start + at, b.span.start + at + w.len());
                let sentence = b
                    .sentences
                    .iter()
                    .find(|x| x.start <= span.start && span.end <= x.end)
                    .copied()
                    .unwrap_or(b.span);
                let subject = &text[sentence.start..span.start];
                if !ALL_SUBJECTS.iter().any(|x| subject.contains(x)) {
                    continue;
                }
                if !out.iter().any(|c| c.start < span.end && span.start < c.end) {
                    out.push(span);
                }
            }
        }
    }
    out.sort_by_key(|s| s.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;

    fn claims(text: &str) -> Vec<&str> {
        let blocks = crate::parse::structure::blocks(text, SourceFormat::Text);
        all_met(text, &blocks)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn claims_and_denials() {
        assert_eq!(claims("项目各项绩效指标均已完成。"), vec!["均已完成"]);
        assert_eq!(claims("年度绩效目标已按计划完成。"), vec!["已按计划完成"]);
        // About one group of indicators, or one task: not about the table.
        assert!(claims("新建供水工程4处，改造管网41.6公里，均达到年度指标值。").is_empty());
        assert!(claims("改造于10月26日前全部完成。").is_empty());
        assert!(claims("部分指标未全部完成。").is_empty());
        assert!(claims("指标尚未全部达到预期。").is_empty());
    }
}
