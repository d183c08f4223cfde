//! The heading context of every block (see [`Outline`]): the entities named by the numbered
//! headings and items a block stands under, and the innermost stage a heading names. The
//! restatement pass reads a figure's entity and stage from it when its own sentence names none.

use super::subject::*;
use std::rc::Rc;

use crate::model::Document;

/// The heading context of every block: the entities named by the numbered headings and items
/// it stands under, and the innermost stage a heading names.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Per block (consecutive blocks under the same headings share one).
    pub entity: Vec<Rc<str>>,
    pub stage: Vec<Option<Stage>>,
    /// The opening words of each numbered block that has any (`（2）公务接待费。预算数…` →
    /// `公务接待费`), with where they end, by block number (ascending): most blocks have
    /// none, and a large document has many blocks.
    head: Vec<(usize, Box<str>, usize)>,
    /// Items numbered inside a paragraph (`…。2、退役军人事务专项资金项目：预算20万元…`): for
    /// each block that has any (ascending), where each begins, the entity it names and its
    /// head as a topic, and whether they stand in order of where they begin (so that the one
    /// in force is found by binary search).
    inline: Vec<(usize, bool, InlineItems)>,
}

/// The items numbered inside one paragraph: where each begins, its entity and its topic.
type InlineItems = Vec<(usize, Option<String>, String)>;

impl Outline {
    /// The item numbered inside block `b` in force at `offset`: its entity and topic.
    pub fn inline_at(&self, b: usize, offset: usize) -> Option<&(usize, Option<String>, String)> {
        let k = self.inline.binary_search_by_key(&b, |(x, _, _)| *x).ok()?;
        let (_, ordered, items) = &self.inline[k];
        if *ordered {
            let n = items.partition_point(|(at, _, _)| *at <= offset);
            return n.checked_sub(1).map(|k| &items[k]);
        }
        items.iter().rev().find(|(at, _, _)| *at <= offset)
    }

    /// The opening words of numbered block `b` (see [`Outline::head`]) when `offset` stands
    /// after them.
    pub fn head_at(&self, b: usize, offset: usize) -> Option<&str> {
        let k = self.head.binary_search_by_key(&b, |(x, _, _)| *x).ok()?;
        let (_, head, end) = &self.head[k];
        (offset >= *end).then_some(&**head)
    }
}

/// Items numbered at the start of a sentence inside a block (not the block's own marker), or
/// opened by an enumeration word (`二是公务接待费。2023年预算数…`).
fn inline_items(text: &str, doc: &Document, b: usize) -> Vec<(usize, Option<String>, String)> {
    let blk = &doc.blocks[b];
    let mut out = Vec::new();
    // Every sentence, and every part of one after a `；` (`;`, or EF BC 9B).
    let segments = blk.sentences.iter().flat_map(|sent| {
        let s = text.get(sent.start..sent.end).unwrap_or("");
        let bytes = s.as_bytes();
        let mut from = 0;
        std::iter::from_fn(move || {
            if from >= bytes.len() {
                return None;
            }
            // The next `;` or last byte of a `；`.
            let mut k = from;
            let end = loop {
                match bytes[k..].iter().position(|&b| b == b';' || b == 0x9B) {
                    None => break bytes.len(),
                    Some(p) if bytes[k + p] == b';' => break k + p + 1,
                    Some(p) if k + p >= from + 2 && bytes[k + p - 2..k + p] == [0xEF, 0xBC] => {
                        break k + p + 1;
                    }
                    Some(p) => k += p + 1,
                }
            };
            let part = (sent.start + from, &s[from..end]);
            from = end;
            Some(part)
        })
    });
    for (k, (start, s)) in segments.enumerate() {
        if k == 0 && blk.marker.is_some() {
            continue;
        }
        let t = s.trim_start();
        let lead = s.len() - t.len();
        let len = match crate::parse::structure::marker_at(t) {
            // `2.5万元` is a number, not item 2.
            Some((crate::model::MarkerStyle::ArabicDot, _, len))
                if t[len..].starts_with(|c: char| c.is_ascii_digit()) =>
            {
                continue;
            }
            Some((_, _, len)) => len,
            None if strip_enumeration(t).len() < t.len() => t.len() - strip_enumeration(t).len(),
            None => continue,
        };
        let body = &t[len..];
        let end = body
            .find(|c: char| {
                matches!(c, '。' | '：' | ':' | '，' | ',' | '；' | ';') || c.is_ascii_digit()
            })
            .unwrap_or(body.len());
        let head = &body[..end];
        let (entity, topic) = entity_and_topic(head);
        out.push((start + lead, entity, topic));
    }
    out
}

/// The opening words of a numbered block up to its first stop, and where they end
/// (`（二）乙镇。该镇…` → `乙镇`).
fn head_of(text: &str, doc: &Document, b: usize) -> (String, usize) {
    let blk = &doc.blocks[b];
    let from = blk.marker.map_or(blk.span.start, |m| m.span.end);
    let s = text.get(from..blk.span.end).unwrap_or("");
    let end = s
        .find(['。', '：', ':', '，', ',', '；', '\n'])
        .unwrap_or(s.len());
    (s[..end].to_string(), from + end)
}

impl Outline {
    pub fn new(text: &str, doc: &Document) -> Outline {
        // (level, entity, stage) of the numbered blocks in force.
        let mut stack: Vec<(u8, Option<String>, Option<Stage>)> = Vec::new();
        // The entities of the stack joined, as of its last change.
        let mut entities: Rc<str> = Rc::from("");
        let n = doc.blocks.len();
        let mut o = Outline {
            entity: Vec::with_capacity(n),
            stage: Vec::with_capacity(n),
            head: Vec::new(),
            inline: Vec::new(),
        };
        for (b, blk) in doc.blocks.iter().enumerate() {
            if let Some(m) = blk.marker {
                let level = m.style.level();
                while stack.last().is_some_and(|(l, _, _)| *l >= level) {
                    stack.pop();
                }
                let (head, end) = head_of(text, doc, b);
                let (entity, topic) = entity_and_topic(&head);
                stack.push((level, entity, heading_stage(&head)));
                if !topic.is_empty() {
                    o.head.push((b, topic.into_boxed_str(), end));
                }
                let ent: Vec<&str> = stack.iter().filter_map(|(_, e, _)| e.as_deref()).collect();
                let joined = ent.join("/");
                if *entities != *joined {
                    entities = joined.into();
                }
            }
            o.entity.push(entities.clone());
            o.stage.push(stack.iter().rev().find_map(|(_, _, s)| *s));
            let inline = if text.is_empty() {
                Vec::new()
            } else {
                inline_items(text, doc, b)
            };
            if !inline.is_empty() {
                let ordered = inline.windows(2).all(|w| w[0].0 < w[1].0);
                o.inline.push((b, ordered, inline));
            }
        }
        o.head.shrink_to_fit();
        o.inline.shrink_to_fit();
        o
    }
}
