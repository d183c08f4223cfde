//! Document numbers: one 文件号 (`财预〔2023〕12号`, `X财教[2022]45号`, `（粤财社〔2021〕88号）`)
//! cited with the amount it allocates, more than once.
//!
//! A document number is an issuer's abbreviation, a year in brackets and a number with 号;
//! the brackets 〔〕 [] （） () 【】 are one style. Each citation is bound to the one amount of
//! its clause, or — when its clause states none (`根据《…通知》（财预〔2023〕12号），下达补助资金
//! 356万元`) — of the next clause of its sentence. The amount's item is the wording of its
//! label without the generic words of an allocation ([`GENERIC_WORDS`]: 下达, 拨付, 我县 …).
//! Amounts are compared only between citations of one number whose items are the same
//! (`补助资金` and `补助资金`): a document allocating several projects gives each its own
//! item, and those are unbound (`different_items`), as are citations whose item is only
//! generic words, that state execution rather than allocation ([`EXECUTION_WORDS`]: 已支付,
//! 支出 …), or whose clause states several amounts.

use super::candidate::Unbound;
use super::*;
use crate::model::Span;

/// Opening and closing brackets a document number's year is written in.
const OPEN: [char; 5] = ['〔', '[', '（', '(', '【'];
const CLOSE: [char; 5] = ['〕', ']', '）', ')', '】'];

/// Words that may stand before an issuer's abbreviation without being part of it.
pub const LEAD_WORDS: [&str; 12] = [
    "根据", "依据", "按照", "依照", "通过", "下达", "印发", "按", "据", "经", "及", "和",
];

/// Characters an issuer's abbreviation never contains: the issuer starts after the last of
/// them (`市财政局以X财教[2022]45号` → `X财教`).
pub const ISSUER_CUTS: [char; 20] = [
    '以', '按', '据', '经', '的', '及', '和', '与', '由', '在', '将', '从', '照', '年', '月', '日',
    '即', '见', '达', '为',
];

/// The most characters an issuer's abbreviation is read with.
pub const ISSUER_MAX_CHARS: usize = 8;

/// The fewest characters an item must have to be matched by its ending (`困难群众救助补助` in
/// `省级困难群众救助补助`); shorter items match only when equal.
pub const ITEM_SUFFIX_MIN_CHARS: usize = 4;

/// Whether two citations' items are the same: equal, or one ends with the other when that one
/// is long enough to name an item.
pub fn same_item(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    short == long || (short.chars().count() >= ITEM_SUFFIX_MIN_CHARS && long.ends_with(short))
}

/// Generic words of an allocation, left out of an amount's item.
pub const GENERIC_WORDS: [&str; 23] = [
    "文件",
    "通知",
    "下达",
    "下拨",
    "拨付",
    "安排",
    "分配",
    "共计",
    "合计",
    "累计",
    "共",
    "计",
    "我县",
    "我市",
    "我区",
    "我省",
    "我局",
    "我单位",
    "本单位",
    "本级",
    "资金",
    "的",
    "号",
];

/// Words that make an amount spending or a balance rather than what the document allocates.
pub const EXECUTION_WORDS: [&str; 9] = [
    "已支付",
    "已拨付",
    "支出",
    "支付",
    "使用",
    "执行",
    "结余",
    "结转",
    "完成",
];

const CLAUSE_BREAKS: [char; 8] = ['，', ',', '；', ';', '。', '！', '？', '\n'];

/// The most citations of one number compared pairwise (the first ones bound to an amount), so
/// that a number cited endlessly stays cheap.
pub const MAX_COMPARED: usize = 64;

/// One citation of a document number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The number as written.
    pub span: Span,
    /// The amount it is bound to and the amount's item, or why none is.
    pub amount: Result<(usize, String), Unbound>,
}

/// A document number cited more than once, with every citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentNumber {
    /// Normalised: `财预〔2023〕12号`.
    pub number: String,
    pub citations: Vec<Citation>,
}

/// How a document number's citations were judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentVerdict {
    /// Citations of one item, all with the same amount.
    Consistent,
    /// Two citations of one item with different amounts (indices into `citations`).
    Conflict {
        first: usize,
        second: usize,
    },
    Unbound(Unbound),
}

impl DocumentNumber {
    pub fn verdict(&self, doc: &Document) -> DocumentVerdict {
        let bound: Vec<(usize, usize, &str)> = self
            .citations
            .iter()
            .enumerate()
            .filter_map(|(k, c)| {
                c.amount
                    .as_ref()
                    .ok()
                    .map(|(a, item)| (k, *a, item.as_str()))
            })
            .take(MAX_COMPARED)
            .collect();
        let mut compared = false;
        for (x, &(k1, a1, item1)) in bound.iter().enumerate() {
            for &(k2, a2, item2) in &bound[x + 1..] {
                if !same_item(item1, item2) || a1 == a2 {
                    continue;
                }
                compared = true;
                let (p, q) = (&doc.quantities[a1], &doc.quantities[a2]);
                if !interval_of(p).meets(&interval_of(q)) {
                    return DocumentVerdict::Conflict {
                        first: k1,
                        second: k2,
                    };
                }
            }
        }
        if compared {
            return DocumentVerdict::Consistent;
        }
        let reason = if bound.len() >= 2 {
            Unbound::DifferentItems
        } else if self
            .citations
            .iter()
            .any(|c| c.amount == Err(Unbound::SeveralReadings))
        {
            Unbound::SeveralReadings
        } else if self
            .citations
            .iter()
            .any(|c| c.amount == Err(Unbound::DifferentItems))
        {
            Unbound::DifferentItems
        } else {
            Unbound::NoAmount
        };
        DocumentVerdict::Unbound(reason)
    }
}

/// Every document number in a text: its span and normalised form.
pub fn document_numbers(text: &str) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    for (at, open) in text.match_indices(|c: char| OPEN.contains(&c)) {
        let Some(b) = open
            .chars()
            .next()
            .and_then(|c| OPEN.iter().position(|&o| o == c))
        else {
            continue;
        };
        // The year: four digits, then the matching bracket, then the number and 号.
        let rest = &text[at + open.len()..];
        let year = rest.get(..4).unwrap_or("");
        if year.len() != 4 || !year.bytes().all(|d| d.is_ascii_digit()) {
            continue;
        }
        let Some(after) = rest[4..].strip_prefix(CLOSE[b]) else {
            continue;
        };
        let n: &str = &after[..after.bytes().take_while(u8::is_ascii_digit).count().min(5)];
        if n.is_empty() || !after[n.len()..].starts_with('号') {
            continue;
        }
        let end = text.len() - after.len() + n.len() + '号'.len_utf8();
        // The issuer: Chinese characters or Latin letters before the bracket.
        let issuer_len: usize = text[..at]
            .chars()
            .rev()
            .take(ISSUER_MAX_CHARS)
            .take_while(|&p| {
                let han = ('\u{4e00}'..='\u{9fff}').contains(&p);
                (han || p.is_ascii_alphabetic()) && !ISSUER_CUTS.contains(&p)
            })
            .map(char::len_utf8)
            .sum();
        let mut issuer: &str = &text[at - issuer_len..at];
        while let Some(w) = LEAD_WORDS.iter().find(|w| issuer.starts_with(**w)) {
            issuer = &issuer[w.len()..];
        }
        if issuer.is_empty() {
            continue;
        }
        let number = n.trim_start_matches('0');
        out.push((
            Span::new(at - issuer.len(), end),
            format!("{issuer}〔{year}〕{number}号"),
        ));
    }
    out
}

/// The item an amount is the allocation of: its own label (after any earlier figure of its
/// clause) without generic words; `None` when it states execution.
fn item_of(text: &str, doc: &Document, q: &Quantity) -> Option<String> {
    let c = clause_before(text, doc, q);
    let c = match c.rfind(|ch: char| ch.is_ascii_digit() || ch == '）' || ch == ')') {
        Some(i) => &c[i + c[i..].chars().next().map_or(1, char::len_utf8)..],
        None => c,
    };
    if EXECUTION_WORDS.iter().any(|w| c.contains(w)) {
        return None;
    }
    let mut s: String = c
        .chars()
        .filter(|ch| ('\u{4e00}'..='\u{9fff}').contains(ch))
        .collect();
    for w in GENERIC_WORDS {
        s = s.replace(w, "");
    }
    Some(s)
}

/// The clause spans of a block's text around `at`: (start of its clause, end of its clause).
fn clause_around(text: &str, block: Span, at: usize, end: usize) -> (usize, usize) {
    let b = &text[block.start..block.end.min(text.len())];
    let rel = at.saturating_sub(block.start).min(b.len());
    let relend = end.saturating_sub(block.start).min(b.len());
    let start = b[..rel]
        .rfind(CLAUSE_BREAKS)
        .map_or(0, |i| i + b[i..].chars().next().map_or(1, char::len_utf8));
    let stop = b[relend..]
        .find(CLAUSE_BREAKS)
        .map_or(b.len(), |i| relend + i);
    (block.start + start, block.start + stop)
}

/// Every document number cited more than once in the prose of a document, with the amount
/// each citation is bound to.
pub(super) fn find_document_numbers(
    text: &str,
    doc: &Document,
    figs: &Figures,
) -> Vec<DocumentNumber> {
    let qs = &doc.quantities;
    let found = document_numbers(text);
    let mut groups: Vec<DocumentNumber> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (span, number) in &found {
        // Blocks are in text order: the last one starting at or before the number.
        let Some(bi) = doc
            .blocks
            .partition_point(|b| b.span.start <= span.start)
            .checked_sub(1)
            .filter(|&b| span.end <= doc.blocks[b].span.end)
        else {
            continue;
        };
        let block = &doc.blocks[bi];
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading) {
            continue;
        }
        let sentence_end = block
            .sentences
            .iter()
            .find(|s| s.start <= span.start && span.end <= s.end)
            .map_or(block.span.end, |s| s.end);
        let (c0, c1) = clause_around(text, block.span, span.start, span.end);
        let amounts_in = |a: usize, b: usize| -> Vec<usize> {
            figs.block(bi)
                .iter()
                .copied()
                .filter(|&j| {
                    let q = &qs[j];
                    q.unit.is_money() && q.span.start >= a && q.span.end <= b
                })
                .collect()
        };
        let mut amounts = amounts_in(c0, c1);
        if amounts.is_empty() && c1 < sentence_end {
            // The next clause of the sentence, when it cites no other document.
            let next = c1 + text[c1..].chars().next().map_or(1, char::len_utf8);
            let (n0, n1) = clause_around(text, block.span, next, next);
            // Numbers are in text order: any starting inside the next clause.
            let k = found.partition_point(|(s, _)| s.start < n0);
            let other = found.get(k).is_some_and(|(s, _)| s.end <= n1);
            if !other && n1 <= sentence_end {
                amounts = amounts_in(n0, n1);
            }
        }
        let amount = match amounts.as_slice() {
            [] => Err(Unbound::NoAmount),
            [a] if qs[*a].qualifier.is_some() => Err(Unbound::Approximate),
            [a] => match item_of(text, doc, &qs[*a]) {
                Some(item) => Ok((*a, item)),
                None => Err(Unbound::DifferentItems),
            },
            _ => Err(Unbound::SeveralReadings),
        };
        let citation = Citation {
            span: *span,
            amount,
        };
        match index.get(number.as_str()) {
            Some(&g) => groups[g].citations.push(citation),
            None => {
                index.insert(number.as_str(), groups.len());
                groups.push(DocumentNumber {
                    number: number.clone(),
                    citations: vec![citation],
                });
            }
        }
    }
    groups.retain(|g| g.citations.len() >= 2);
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdicts(text: &str) -> Vec<DocumentVerdict> {
        let d = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let f = Figures::new(&d);
        find_document_numbers(text, &d, &f)
            .iter()
            .map(|g| g.verdict(&d))
            .collect()
    }

    #[test]
    fn numbers_in_every_bracket_style_are_one() {
        let n: Vec<String> = document_numbers(
            "根据财预〔2023〕12号文件，按财预[2023]12号，（财预（2023）12号），粤财社【2021】088号。",
        )
        .into_iter()
        .map(|x| x.1)
        .collect();
        assert_eq!(
            n,
            [
                "财预〔2023〕12号",
                "财预〔2023〕12号",
                "财预〔2023〕12号",
                "粤财社〔2021〕88号"
            ]
        );
        // No issuer, no year, no 号: not a document number.
        assert!(document_numbers("（2023）12号，财预〔23〕12号，财预〔2023〕12").is_empty());
    }

    #[test]
    fn one_item_cited_with_two_amounts_conflicts() {
        let t = "根据《关于下达2023年农村道路养护补助资金的通知》（湘财建〔2023〕41号），下达我县农村道路养护补助资金356万元。\n\n二、资金使用情况\n湘财建〔2023〕41号下达农村道路养护补助资金365万元，已全部拨付到乡镇。";
        assert_eq!(
            verdicts(t),
            [DocumentVerdict::Conflict {
                first: 0,
                second: 1
            }]
        );
        let same = t.replace("365万元", "356.00万元");
        assert_eq!(verdicts(&same), [DocumentVerdict::Consistent]);
    }

    #[test]
    fn different_items_of_one_document_are_unbound() {
        let t = "市财农[2022]18号下达高标准农田建设资金120万元。市财农[2022]18号下达水利设施维修资金45万元。";
        assert_eq!(
            verdicts(t),
            [DocumentVerdict::Unbound(Unbound::DifferentItems)]
        );
        // Spending under the document is not its allocation.
        let t = "市财农[2022]18号下达水利设施维修资金45万元。市财农[2022]18号资金已支付38.6万元。";
        assert_eq!(
            verdicts(t),
            [DocumentVerdict::Unbound(Unbound::DifferentItems)]
        );
        // Several amounts in the clause.
        let t =
            "市财农[2022]18号下达资金45万元，其中中央资金30万元。市财农[2022]18号下达资金45万元。";
        assert!(
            verdicts(t)
                .iter()
                .all(|v| !matches!(v, DocumentVerdict::Conflict { .. }))
        );
    }

    #[test]
    fn issuer_and_item_boundaries() {
        let n: Vec<String> = document_numbers(
            "市财政局以X财教[2022]45号文件下达，学前教育资金按X财教〔2022〕45号文件执行。",
        )
        .into_iter()
        .map(|x| x.1)
        .collect();
        assert_eq!(n, ["X财教〔2022〕45号", "X财教〔2022〕45号"]);
        assert!(same_item("省级困难群众救助补助", "困难群众救助补助"));
        assert!(same_item("教育", "教育"));
        // Too short to be matched by its ending: 补助 may be any subsidy.
        assert!(!same_item("教育补助", "补助"));
        assert!(!same_item("", ""));
        assert!(!same_item("中央", "省级"));
        assert_eq!(ITEM_SUFFIX_MIN_CHARS, 4);
    }

    #[test]
    fn damaged_numbers_are_skipped_without_panic() {
        for t in [
            "财〔",
            "财〔2023",
            "财〔2023〕",
            "财〔2023〕号",
            "财〔二〇二三〕5号",
            "财〔20é3〕5号",
            "〔2023〕5号",
            "财〔2023）5号",
            "财〔2023〕123456号",
        ] {
            let n = document_numbers(t);
            assert!(n.len() <= 1, "{t}: {n:?}");
            if t.ends_with("123456号") {
                assert!(n.is_empty());
            }
        }
        // Many numbers in one text stay linear and are all read.
        let t = "财预〔2023〕12号，".repeat(2000);
        assert_eq!(document_numbers(&t).len(), 2000);
    }

    #[test]
    fn word_lists() {
        assert!(GENERIC_WORDS.contains(&"下达") && EXECUTION_WORDS.contains(&"支出"));
        assert!(LEAD_WORDS.contains(&"根据"));
    }
}
