//! What the subject of a figure is read from, indexed once per document (see `subject.rs`
//! and `restatement.rs`): where the text's semicolons, blank lines, colons, clause stops and
//! stated years stand, and for each figure its run of figures, its bracket depth and the
//! figure its bracket annotates. Every question a figure's subject asks of the text around
//! it is a binary search by offset, never a scan of its sentence, so that one paragraph of
//! many thousand figures costs O(n log n), not O(n²).

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use super::SumClaim;
use super::index::Figures;
use super::subject::{STAGE_WORDS, Stage, plan_in, stage_in, topic_words, words_start};
use crate::model::{Document, Quantity, Span};

/// No figure.
const NONE: u32 = u32::MAX;

/// A byte offset into the text or a figure's index, as kept in the index: a file is at most
/// `source::MAX_FILE_BYTES` (64 MB) and holds at most `MAX_FIGURES` figures, so both fit in 32
/// bits, and the index of a large document takes half the memory it would in `usize`.
fn at(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(NONE)
}

/// Clauses longer than this (bytes) are searched for stage words in the index of their
/// occurrences rather than read.
const LONG_CLAUSE_BYTES: usize = 256;

/// Characters that end the clause before a figure's words.
const CLAUSE_STOPS: [char; 8] = ['，', ',', '。', '；', ';', '：', ':', '\n'];

/// Positions in one document's text and figures, built once (see the module documentation).
pub(super) struct SubjectIndex<'a> {
    text: &'a str,
    /// Start and end of each `；` / `;`.
    semicolons: Vec<(u32, u32)>,
    /// Start of each `\n\n` (overlapping runs included).
    blanks: Vec<u32>,
    /// Start of each `：` / `:`.
    colons: Vec<u32>,
    /// Start and end of each character of [`CLAUSE_STOPS`].
    stops: Vec<(u32, u32)>,
    /// Each `年` written after four ASCII digits, with the year they state.
    years: Vec<(u32, u16)>,
    /// Where each word of [`STAGE_WORDS`] occurs, built when a long clause first asks.
    stage_words: OnceCell<Vec<Vec<usize>>>,
    /// Per block: whether its sentences stand in order without overlapping.
    ordered_sentences: Vec<bool>,
    /// Whether within every block the figures' starts never decrease.
    ordered_figures: bool,
    /// The first figure of each figure's run of figures in its block.
    block_start: Vec<u32>,
    /// The first figure of each figure's run of figures in its block and sentence.
    sentence_start: Vec<u32>,
    /// The bracket depth at each figure.
    depth: Vec<i32>,
    /// The nearest earlier figure of the same run of its sentence at a smaller bracket depth.
    shallower: Vec<u32>,
    /// The total of the first breakdown each part belongs to.
    total_of: Vec<(usize, usize)>,
    /// The nearest figure at or before each that is an amount with a label.
    prev_labelled_amount: Vec<u32>,
    /// The first figure at or after each whose label names a thing (see
    /// [`SubjectIndex::first_named`]), found on demand.
    next_named: RefCell<Vec<u32>>,
    /// `topic_words` of the text between two offsets, the last few asked (the figures of one
    /// item ask alike, one after another).
    topics: RefCell<Vec<Topic>>,
    /// The empty topic, shared.
    empty: Rc<str>,
    /// The plan a sentence's opening up to its first colon announces, by (start, colon).
    intros: RefCell<HashMap<(usize, usize), Option<Stage>>>,
    /// Whether a metric name is a generic label, by name (a document states few names many
    /// times).
    generic: RefCell<HashMap<String, bool>>,
}

/// The topic words of the text between two offsets.
type Topic = ((usize, usize), Rc<str>);

/// How many of the topics last read are remembered.
const RECENT_TOPICS: usize = 8;

/// Not yet known (in [`SubjectIndex::next_named`]).
const UNKNOWN: u32 = u32::MAX - 1;

impl<'a> SubjectIndex<'a> {
    pub(super) fn new(
        text: &'a str,
        doc: &Document,
        figs: &Figures,
        sums: &[SumClaim],
    ) -> SubjectIndex<'a> {
        let bytes = text.as_bytes();
        let mut ix = SubjectIndex {
            text,
            semicolons: Vec::new(),
            blanks: Vec::new(),
            colons: Vec::new(),
            stops: Vec::new(),
            years: Vec::new(),
            stage_words: OnceCell::new(),
            ordered_sentences: doc
                .blocks
                .iter()
                .map(|b| {
                    b.sentences
                        .windows(2)
                        .all(|w| w[0].end.max(w[0].start + 1) <= w[1].start)
                })
                .collect(),
            ordered_figures: true,
            block_start: Vec::with_capacity(doc.quantities.len()),
            sentence_start: Vec::with_capacity(doc.quantities.len()),
            depth: Vec::with_capacity(doc.quantities.len()),
            shallower: vec![NONE; doc.quantities.len()],
            total_of: Vec::new(),
            prev_labelled_amount: Vec::with_capacity(doc.quantities.len()),
            next_named: RefCell::new(vec![UNKNOWN; doc.quantities.len()]),
            topics: RefCell::new(Vec::with_capacity(RECENT_TOPICS)),
            empty: Rc::from(""),
            intros: RefCell::new(HashMap::new()),
            generic: RefCell::new(HashMap::new()),
        };
        // Character by character, by its first byte: every character looked for is ASCII or
        // starts with a byte (0xEF, 0xE3, 0xE5) that in UTF-8 only ever starts a character.
        let mut k = 0;
        while k < bytes.len() {
            let c = match bytes[k] {
                b';' => ';',
                b':' => ':',
                b',' => ',',
                b'\n' => '\n',
                0xEF if bytes.get(k + 1) == Some(&0xBC) => match bytes.get(k + 2) {
                    Some(0x9B) => '；',
                    Some(0x9A) => '：',
                    Some(0x8C) => '，',
                    _ => '\0',
                },
                0xE3 if bytes.get(k + 1..k + 3) == Some(&[0x80, 0x82]) => '。',
                0xE5 if bytes.get(k + 1..k + 3) == Some(&[0xB9, 0xB4]) => '年',
                _ => '\0',
            };
            if c == '\0' {
                // On to the next character (`k` stays on character boundaries).
                k += match bytes[k] {
                    0..=0x7F => 1,
                    0xF0.. => 4,
                    0xE0.. => 3,
                    _ => 2,
                };
                continue;
            }
            let end = k + c.len_utf8();
            match c {
                '；' | ';' => ix.semicolons.push((at(k), at(end))),
                '：' | ':' => ix.colons.push(at(k)),
                '\n' if bytes.get(k + 1) == Some(&b'\n') => ix.blanks.push(at(k)),
                '年' if k >= 4 && bytes[k - 4..k].iter().all(u8::is_ascii_digit) => {
                    if let Some(y) = text.get(k - 4..k).and_then(|y| y.parse().ok()) {
                        ix.years.push((at(k), y));
                    }
                }
                _ => {}
            }
            if CLAUSE_STOPS.contains(&c) {
                ix.stops.push((at(k), at(end)));
            }
            k = end;
        }
        // They grew by doubling: give back the spare half.
        ix.semicolons.shrink_to_fit();
        ix.blanks.shrink_to_fit();
        ix.colons.shrink_to_fit();
        ix.stops.shrink_to_fit();
        ix.years.shrink_to_fit();
        let qs = &doc.quantities;
        for (i, q) in qs.iter().enumerate() {
            let prev = i.checked_sub(1).map(|p| &qs[p]);
            let same_block = prev.is_some_and(|p| p.block == q.block);
            if same_block && prev.is_some_and(|p| p.span.start > q.span.start) {
                ix.ordered_figures = false;
            }
            ix.block_start.push(if same_block {
                ix.block_start[i - 1]
            } else {
                at(i)
            });
            ix.sentence_start.push(
                if same_block && prev.is_some_and(|p| p.sentence == q.sentence) {
                    ix.sentence_start[i - 1]
                } else {
                    at(i)
                },
            );
            ix.depth.push(figs.paren_depth(doc, q.block, q.span.start));
            let labelled_amount = !q.unit.is_percent() && !q.label_text().is_empty();
            ix.prev_labelled_amount.push(if labelled_amount {
                at(i)
            } else {
                prev.map_or(NONE, |_| ix.prev_labelled_amount[i - 1])
            });
        }
        // The nearest shallower figure of each sentence run: a stack of figures of strictly
        // increasing depth.
        let mut stack: Vec<usize> = Vec::new();
        for i in 0..qs.len() {
            if ix.sentence_start[i] as usize == i {
                stack.clear();
            }
            while stack.last().is_some_and(|&k| ix.depth[k] >= ix.depth[i]) {
                stack.pop();
            }
            ix.shallower[i] = stack.last().map_or(NONE, |&k| at(k));
            stack.push(i);
        }
        // (part, total) sorted by part, the first breakdown of each part kept.
        ix.total_of = sums
            .iter()
            .flat_map(|s| s.parts.iter().map(|&p| (p, s.total)))
            .collect();
        ix.total_of.sort_by_key(|&(p, _)| p);
        ix.total_of.dedup_by_key(|&mut (p, _)| p);
        ix
    }

    /// The sentence span of a figure within its block (as `subject::sentence_span`).
    pub(super) fn sentence_span(&self, doc: &Document, q: &Quantity) -> Option<Span> {
        let ordered = *self.ordered_sentences.get(q.block)?;
        if !ordered {
            return super::subject::sentence_span(doc, q);
        }
        let ss = &doc.blocks.get(q.block)?.sentences;
        let at = q.span.start;
        let k = ss.partition_point(|s| s.start <= at).checked_sub(1)?;
        let s = ss[k];
        (at < s.end.max(s.start + 1)).then_some(s)
    }

    /// The last entry of `v` (sorted by `key`) whose key is below `before`.
    fn last_before<T: Copy>(v: &[T], before: usize, key: impl Fn(&T) -> usize) -> Option<T> {
        let n = v.partition_point(|x| key(x) < before);
        n.checked_sub(1).map(|k| v[k])
    }

    /// Where the last blank line (`\n\n`) wholly within `from..to` starts.
    fn last_blank(&self, from: usize, to: usize) -> Option<usize> {
        let p = Self::last_before(&self.blanks, to.checked_sub(1)?, |&p| p as usize)? as usize;
        (p >= from).then_some(p)
    }

    /// Where the item a figure stands in begins: its sentence, or the part of it after the
    /// last `；` or blank line before the figure (`一是…；二是公务接待费，预算数…`).
    pub(super) fn item_start(&self, doc: &Document, q: &Quantity) -> Option<usize> {
        let s = self.sentence_span(doc, q)?;
        let upto = words_start(q).clamp(s.start, s.end);
        self.text.get(s.start..upto)?;
        let semi = Self::last_before(&self.semicolons, upto, |&(k, _)| k as usize)
            .filter(|&(k, _)| k as usize >= s.start)
            .map_or(s.start, |(_, end)| end as usize);
        // A blank line ends a sentence that the text left open (`…较上年` ⏎⏎ `综上，…`);
        // only one after the last `；` can move the start.
        Some(self.last_blank(semi, upto).map_or(semi, |k| k + 2))
    }

    /// The year a figure's sentence states after its last blank line, when it has one:
    /// `Some(year stated there, if any)`; `None` when no blank line stands in its sentence
    /// before the figure.
    pub(super) fn year_after_blank(&self, doc: &Document, q: &Quantity) -> Option<Option<u16>> {
        let s = self.sentence_span(doc, q)?;
        let upto = words_start(q).clamp(s.start, s.end);
        self.text.get(s.start..upto)?;
        let blank = self.last_blank(s.start, upto)?;
        // The last `NNNN年` with its digits after the blank line.
        Some(
            Self::last_before(&self.years, upto, |&(k, _)| k as usize)
                .filter(|&(k, _)| k as usize >= blank + 4)
                .map(|(_, y)| y),
        )
    }

    /// The plan announced by the words of a figure's sentence before its first colon, when a
    /// colon stands before the figure (`绩效目标为：…；棚户区改造开工600套`).
    pub(super) fn intro_plan(&self, doc: &Document, q: &Quantity) -> Option<Stage> {
        let s = self.sentence_span(doc, q)?;
        let upto = words_start(q).clamp(s.start, s.end);
        self.text.get(s.start..upto)?;
        let c = self.colons[self.colons.partition_point(|&c| (c as usize) < s.start)..]
            .first()
            .map(|&c| c as usize)
            .filter(|&c| c < upto)?;
        *self
            .intros
            .borrow_mut()
            .entry((s.start, c))
            .or_insert_with(|| plan_in(self.text.get(s.start..c).unwrap_or("")))
    }

    /// The stage named by the words of the clause before a figure's words
    /// (`全年实际完成中央、省市农机购置补贴资金`).
    pub(super) fn clause_stage(&self, q: &Quantity) -> Option<Stage> {
        let start = words_start(q);
        self.text.get(..start)?;
        let from = Self::last_before(&self.stops, start, |&(k, _)| k as usize)
            .map_or(0, |(_, end)| end as usize);
        if start - from <= LONG_CLAUSE_BYTES {
            return stage_in(&self.text[from..start]);
        }
        let at = self.stage_words.get_or_init(|| {
            STAGE_WORDS
                .iter()
                .map(|(w, _)| self.text.match_indices(w).map(|(k, _)| k).collect())
                .collect()
        });
        STAGE_WORDS
            .iter()
            .zip(at)
            .find(|((w, _), at)| {
                at.get(at.partition_point(|&k| k < from))
                    .is_some_and(|&k| k + w.len() <= start)
            })
            .map(|((_, st), _)| *st)
    }

    /// The smallest `a` (not below `lo`) such that every figure of `a..end` starts at or
    /// after `from`.
    fn run_from(&self, doc: &Document, lo: usize, end: usize, from: usize) -> usize {
        let qs = &doc.quantities;
        if self.ordered_figures {
            lo + qs[lo..end].partition_point(|q| q.span.start < from)
        } else {
            let mut a = end;
            while a > lo && qs[a - 1].span.start >= from {
                a -= 1;
            }
            a
        }
    }

    /// The first figure of figure `i`'s block, at or before it, that starts at or after
    /// `from`; `i` itself when none does.
    pub(super) fn first_in_block_from(&self, doc: &Document, i: usize, from: usize) -> usize {
        let a = self.run_from(doc, self.block_start[i] as usize, i + 1, from);
        if a <= i { a } else { i }
    }

    /// The figures of figure `i`'s sentence before it that start at or after `from`:
    /// `a..i`.
    pub(super) fn item_before(&self, doc: &Document, i: usize, from: usize) -> usize {
        self.run_from(doc, self.sentence_start[i] as usize, i, from)
    }

    /// The last figure of `a..i` that is an amount with a label.
    pub(super) fn last_labelled_amount(&self, a: usize, i: usize) -> Option<usize> {
        let k = *self.prev_labelled_amount.get(i.checked_sub(1)?)?;
        (k != NONE && k as usize >= a).then_some(k as usize)
    }

    /// The first figure of `a..i` for which `named` holds (a property of the figure alone,
    /// remembered once asked).
    pub(super) fn first_named(
        &self,
        a: usize,
        i: usize,
        named: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        let mut next = self.next_named.borrow_mut();
        let n = next.len();
        let mut k = a;
        let found = loop {
            if k >= n {
                break NONE;
            }
            if next[k] != UNKNOWN {
                break next[k];
            }
            if named(k) {
                break at(k);
            }
            k += 1;
        };
        // Every figure passed on the way has the same answer; so has the one found.
        for x in &mut next[a.min(n)..(k + 1).min(n)] {
            *x = found;
        }
        ((found as usize) < i).then_some(found as usize)
    }

    /// The figure figure `i` is annotated within (its bracket's figure): the nearest earlier
    /// figure of its sentence at a smaller bracket depth, when `i` stands in brackets.
    pub(super) fn bracket_parent(&self, i: usize) -> Option<usize> {
        if self.depth[i] <= 0 {
            return None;
        }
        Some(self.shallower[i])
            .filter(|&k| k != NONE)
            .map(|k| k as usize)
    }

    /// The total of the first breakdown figure `i` is a part of.
    pub(super) fn breakdown_total(&self, i: usize) -> Option<usize> {
        self.total_of
            .binary_search_by_key(&i, |&(p, _)| p)
            .ok()
            .map(|k| self.total_of[k].1)
    }

    /// Whether a metric name is a generic label (`subject::is_generic_label`), remembered.
    pub(super) fn is_generic(&self, metric: &str) -> bool {
        if let Some(&g) = self.generic.borrow().get(metric) {
            return g;
        }
        let g = super::subject::is_generic_label(metric);
        self.generic.borrow_mut().insert(metric.to_string(), g);
        g
    }

    /// No topic (the empty one, shared rather than made anew).
    pub(super) fn no_topic(&self) -> Rc<str> {
        self.empty.clone()
    }

    /// `topic_words` of the text `from..to` after its last blank line, remembered: the
    /// figures of one item read their opening once.
    pub(super) fn topic_between(&self, from: usize, to: usize) -> Rc<str> {
        if let Some((_, t)) = self.topics.borrow().iter().find(|(k, _)| *k == (from, to)) {
            return t.clone();
        }
        let words = self.text.get(from..to).unwrap_or("");
        let k = words
            .as_bytes()
            .windows(2)
            .rposition(|w| w == b"\n\n")
            .map_or(0, |k| k + 2);
        let t: Rc<str> = alias_at_end(&words[k..])
            .unwrap_or_else(|| topic_words(&words[k..]))
            .into();
        let mut topics = self.topics.borrow_mut();
        if topics.len() == RECENT_TOPICS {
            topics.remove(0);
        }
        topics.push(((from, to), t.clone()));
        t
    }
}

/// Words that open the name a bracket gives what stands before it (`（以下简称“三公”经费）`).
pub const ALIAS_WORDS: &[&str] = &["以下简称", "以下统称", "简称", "统称", "下称"];

/// Words that open a note in brackets, not a name (`（含参照公务员法管理的事业单位）`).
pub const NOTE_WORDS: &[&str] = &[
    "含", "包括", "包含", "其中", "不含", "注", "单位", "见", "详见", "备注",
];

/// The name a bracket closing a sentence's opening gives the list before it
/// (`因公出国（境）经费、公务接待费、公车运行费（“三公”经费）决算总额…`): what the figure
/// is about, whatever the words before it. Not a note, a date or a document number (a
/// bracket with digits).
fn alias_at_end(words: &str) -> Option<String> {
    let w = words.trim_end();
    let close = w.chars().next_back().filter(|c| matches!(c, ')' | '）'))?;
    let open = if close == ')' { '(' } else { '（' };
    let body = &w[..w.len() - close.len_utf8()];
    let inner = &body[body.rfind(open)? + open.len_utf8()..];
    if inner.contains(|c: char| c.is_ascii_digit() || c == '(' || c == '（')
        || NOTE_WORDS.iter().any(|n| inner.starts_with(n))
    {
        return None;
    }
    let inner = ALIAS_WORDS
        .iter()
        .find_map(|a| inner.strip_prefix(a))
        .unwrap_or(inner);
    let t = topic_words(inner);
    (!t.is_empty()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;
    use crate::relations::subject;

    #[test]
    fn a_bracket_closing_an_opening_names_what_it_is_about() {
        assert_eq!(
            alias_at_end("因公出国（境）经费、公务接待费（以下简称“三公”经费）").as_deref(),
            Some("三公经费")
        );
        assert_eq!(
            alias_at_end("公车运行费(“三公”经费)").as_deref(),
            Some("三公经费")
        );
        // Notes, dates and document numbers are no names.
        assert_eq!(
            alias_at_end("行政单位（含参照公务员法管理的事业单位）"),
            None
        );
        assert_eq!(alias_at_end("下达资金（皖财农〔2020〕1351号）"), None);
        assert_eq!(alias_at_end("本单位（2023年）"), None);
        // A bracket inside the opening does not end it.
        assert_eq!(alias_at_end("因公出国（境）经费"), None);
    }

    /// Where a figure's item begins, by scanning its sentence.
    fn item_start_scan(text: &str, doc: &Document, q: &Quantity) -> Option<usize> {
        let s = subject::sentence_span(doc, q)?;
        let upto = words_start(q).clamp(s.start, s.end);
        let before = text.get(s.start..upto)?;
        let semi = before.rfind(['；', ';']).map_or(s.start, |k| {
            s.start + k + before[k..].chars().next().map_or(1, char::len_utf8)
        });
        let rest = text.get(semi..upto).unwrap_or_default();
        Some(rest.rfind("\n\n").map_or(semi, |k| semi + k + 2))
    }

    /// The clause before a figure's words, by scanning back from them.
    fn clause_scan<'t>(text: &'t str, q: &Quantity) -> &'t str {
        let before = text.get(..words_start(q)).unwrap_or("");
        let from = before.rfind(CLAUSE_STOPS).map_or(0, |k| {
            k + before[k..].chars().next().map_or(1, char::len_utf8)
        });
        &before[from..]
    }

    /// The sentence's words before the figure.
    fn before_scan<'t>(text: &'t str, doc: &Document, q: &Quantity) -> &'t str {
        subject::sentence_span(doc, q)
            .and_then(|s| text.get(s.start..words_start(q).clamp(s.start, s.end)))
            .unwrap_or("")
    }

    /// The last `NNNN年` of a text.
    fn year_scan(s: &str) -> Option<u16> {
        let b = s.as_bytes();
        s.match_indices('年')
            .rfind(|(k, _)| *k >= 4 && b[k - 4..*k].iter().all(u8::is_ascii_digit))
            .and_then(|(k, _)| s[k - 4..k].parse().ok())
    }

    const TEXTS: &[&str] = &[
        "2023年度部门整体支出绩效自评报告\n\n一、基本情况\n本单位年初预算1200.00万元（其中基本支出800.00万元，项目支出400.00万元），调整后预算1300.00万元；实际支出1250.00万元，预算执行率96.15%。绩效目标为：新建道路12公里；完成投资800万元。\n\n（一）乙镇。2022年\n\n2023年预算数3.50万元，实际支出3.20万元；二是公务接待费，预算数2.00万元，实际支出1.80万元（较上年减少0.20万元（同比下降10.00%））。\n一是因公出国（境）费，预算0万元；二是公务用车运行维护费，预算5.00万元，执行率100.00%，满意度98.00%。",
        "支出100.00万元，其中基本支出60.00万元、项目支出40.00万元；支出90.00万元，其中基本支出50.00万元、项目支出40.00万元；完成率99.00%，完成率98.00%，",
        "",
        "2024年预算：\n\n收入50万元;支出40万元:结余10万元",
    ];

    #[test]
    fn the_index_answers_as_scanning_the_text_would() {
        for text in TEXTS {
            let doc = crate::parse::parse(text, SourceFormat::Text);
            let sums = crate::relations::find(text, &doc).sums;
            let figs = Figures::new(&doc);
            let ix = SubjectIndex::new(text, &doc, &figs, &sums);
            let qs = &doc.quantities;
            for (i, q) in qs.iter().enumerate() {
                assert_eq!(ix.sentence_span(&doc, q), subject::sentence_span(&doc, q));
                let from = item_start_scan(text, &doc, q);
                assert_eq!(ix.item_start(&doc, q), from, "{}", q.display());
                assert_eq!(ix.clause_stage(q), stage_in(clause_scan(text, q)));
                let before = before_scan(text, &doc, q);
                assert_eq!(
                    ix.year_after_blank(&doc, q),
                    before.rfind("\n\n").map(|k| year_scan(&before[k..]))
                );
                let intro = before
                    .split_once(['：', ':'])
                    .map_or("", |(intro, _)| intro);
                assert_eq!(ix.intro_plan(&doc, q), plan_in(intro));
                // The item's figures before this one, and the first figure of its block
                // from the item's start.
                let from = from.unwrap_or(q.span.start);
                let item: Vec<usize> = (0..i)
                    .rev()
                    .take_while(|&k| {
                        qs[k].block == q.block
                            && qs[k].sentence == q.sentence
                            && qs[k].span.start >= from
                    })
                    .collect();
                assert_eq!(
                    ix.item_before(&doc, i, from),
                    item.last().copied().unwrap_or(i)
                );
                let first = (0..=i)
                    .rev()
                    .take_while(|&k| qs[k].block == q.block && qs[k].span.start >= from)
                    .last()
                    .unwrap_or(i);
                assert_eq!(ix.first_in_block_from(&doc, i, from), first);
                let amount = |k: usize| !qs[k].unit.is_percent() && !qs[k].label_text().is_empty();
                let a = ix.item_before(&doc, i, from);
                assert_eq!(
                    ix.last_labelled_amount(a, i),
                    item.iter().copied().find(|&k| amount(k))
                );
                let long = |k: usize| qs[k].label_text().chars().count() > 3;
                assert_eq!(
                    ix.first_named(a, i, long),
                    item.iter().rev().copied().find(|&k| long(k))
                );
                // The figure it is stated under.
                let depth = crate::relations::paren_depth(&doc, q.block, q.span.start);
                let bracket = (depth > 0)
                    .then(|| {
                        (0..i)
                            .rev()
                            .take_while(|&k| qs[k].block == q.block && qs[k].sentence == q.sentence)
                            .find(|&k| {
                                crate::relations::paren_depth(&doc, q.block, qs[k].span.start)
                                    < depth
                            })
                    })
                    .flatten();
                assert_eq!(ix.bracket_parent(i), bracket, "{}", q.display());
                assert_eq!(
                    ix.breakdown_total(i),
                    sums.iter().find(|s| s.parts.contains(&i)).map(|s| s.total)
                );
            }
        }
    }

    #[test]
    fn every_clause_stop_is_indexed_as_a_character_scan_finds_it() {
        let mut text = String::from("２０２３年，2023年预算");
        for c in CLAUSE_STOPS {
            text.push(c);
            text.push_str("预算年");
        }
        text.push_str("﹔；\n\n。");
        let doc = crate::parse::parse(&text, SourceFormat::Text);
        let ix = SubjectIndex::new(&text, &doc, &Figures::new(&doc), &[]);
        let scan: Vec<(u32, u32)> = text
            .char_indices()
            .filter(|(_, c)| CLAUSE_STOPS.contains(c))
            .map(|(k, c)| (at(k), at(k + c.len_utf8())))
            .collect();
        assert_eq!(ix.stops, scan);
        assert_eq!(ix.years.len(), 1);
    }

    #[test]
    fn long_clauses_are_read_for_stage_words_as_short_ones() {
        // Clauses from short to twice LONG_CLAUSE_BYTES before the figure (its label is
        // part of them), with a stage word at their start or none.
        let mut lengths = Vec::new();
        for stage in ["年初", "执行", ""] {
            for pad in 0..2 * LONG_CLAUSE_BYTES {
                let text = format!("说明，{stage}{}资金12万元。", "x".repeat(pad));
                let doc = crate::parse::parse(&text, SourceFormat::Text);
                let figs = Figures::new(&doc);
                let ix = SubjectIndex::new(&text, &doc, &figs, &[]);
                let q = &doc.quantities[0];
                let clause = clause_scan(&text, q);
                lengths.push(clause.len());
                assert_eq!(ix.clause_stage(q), stage_in(clause), "{text}");
            }
        }
        assert!(lengths.contains(&LONG_CLAUSE_BYTES), "{lengths:?}");
        assert!(lengths.contains(&(LONG_CLAUSE_BYTES + 1)));
    }
}
