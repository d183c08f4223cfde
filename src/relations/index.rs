//! The figures of a document by block and by sentence, built once per document so that the
//! relation passes look only at a figure's neighbours, never at every figure.

use crate::model::Document;
use crate::parse::quantity::CueKind;

/// Indices into `doc.quantities`, ascending, of each block and of each sentence of a block.
/// Everything is kept by block number in vectors (blocks are numbered from 0), so that a
/// question about a block is an index, not a hash.
#[derive(Debug, Default)]
pub(super) struct Figures {
    by_block: Vec<Vec<usize>>,
    /// Per block, the figures of each of its sentences that has any, by sentence number.
    by_sentence: Vec<Vec<(usize, Vec<usize>)>>,
    /// Indices into `doc.cues` of each block, ascending (in text order within a block).
    cues_by_block: Vec<Vec<usize>>,
    /// For each block, the bracket depth after each of its cues (same index as
    /// `cues_by_block`), before clamping at zero.
    depth_by_block: Vec<Vec<i32>>,
    /// Per block, the offset of the first `其中` of each sentence that has one, by sentence.
    first_of: Vec<Vec<(usize, usize)>>,
}

/// The entry of `v` for block `b`, grown to hold it.
fn slot<T: Default>(v: &mut Vec<T>, b: usize) -> &mut T {
    if v.len() <= b {
        v.resize_with(b + 1, T::default);
    }
    &mut v[b]
}

/// The entry for `key` of a list sorted by key, made when missing.
fn entry<T: Default>(v: &mut Vec<(usize, T)>, key: usize) -> &mut T {
    // Keys mostly come in order: the last entry first.
    let k = match v.last() {
        Some(&(last, _)) if last == key => v.len() - 1,
        Some(&(last, _)) if last < key => {
            v.push((key, T::default()));
            v.len() - 1
        }
        None => {
            v.push((key, T::default()));
            0
        }
        Some(_) => match v.binary_search_by_key(&key, |(k, _)| *k) {
            Ok(k) => k,
            Err(k) => {
                v.insert(k, (key, T::default()));
                k
            }
        },
    };
    &mut v[k].1
}

/// The entry for `key` of a list sorted by key.
fn get<T>(v: &[(usize, T)], key: usize) -> Option<&T> {
    v.binary_search_by_key(&key, |(k, _)| *k)
        .ok()
        .map(|k| &v[k].1)
}

impl Figures {
    pub(super) fn new(doc: &Document) -> Self {
        let mut f = Figures::default();
        for (i, q) in doc.quantities.iter().enumerate() {
            slot(&mut f.by_block, q.block).push(i);
            entry(slot(&mut f.by_sentence, q.block), q.sentence).push(i);
        }
        for (i, c) in doc.cues.iter().enumerate() {
            slot(&mut f.cues_by_block, c.block).push(i);
            let depths = slot(&mut f.depth_by_block, c.block);
            let before = depths.last().copied().unwrap_or(0);
            depths.push(
                before
                    + match c.kind {
                        CueKind::ParenOpen => 1,
                        CueKind::ParenClose => -1,
                        _ => 0,
                    },
            );
            if c.kind == CueKind::Of {
                let firsts = slot(&mut f.first_of, c.block);
                if get(firsts, c.sentence).is_none() {
                    *entry(firsts, c.sentence) = c.offset;
                }
            }
        }
        f
    }

    /// The cue indices of a block.
    fn block_cues(&self, block: usize) -> &[usize] {
        self.cues_by_block.get(block).map_or(&[], Vec::as_slice)
    }

    /// How many of the block's cues stand before `offset`.
    fn cues_before(&self, doc: &Document, block: usize, offset: usize) -> usize {
        self.block_cues(block)
            .partition_point(|&i| doc.cues[i].offset < offset)
    }

    /// The indices into `doc.cues` of a block's cues strictly between two offsets.
    fn cue_range(&self, doc: &Document, block: usize, from: usize, to: usize) -> &[usize] {
        let all = self.block_cues(block);
        let lo = self.cues_before(doc, block, from.saturating_add(1));
        let hi = self.cues_before(doc, block, to).max(lo);
        &all[lo..hi]
    }

    /// The cues of a block strictly between two offsets, in order.
    pub(super) fn cues_between<'d>(
        &self,
        doc: &'d Document,
        block: usize,
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = &'d crate::model::Cue> + use<'d, '_> {
        self.cue_range(doc, block, from, to)
            .iter()
            .map(|&i| &doc.cues[i])
    }

    /// Where the item of figure `fig` starts in its sentence: the offset of the last `；`
    /// before it that follows the sentence's first figure (`A完成x，…；B完成z`: B's item starts
    /// at the `；`), or 0 when none sets it apart.
    pub(super) fn item_start(&self, doc: &Document, fig: usize) -> usize {
        let qs = &doc.quantities;
        let q = &qs[fig];
        self.sentence_before(q.block, q.sentence, fig)
            .first()
            .and_then(|&k| {
                self.cues_between_rev(doc, q.block, qs[k].span.start, q.span.start)
                    .find(|c| c.kind == crate::parse::quantity::CueKind::Semicolon)
                    .map(|c| c.offset)
            })
            .unwrap_or(0)
    }

    /// The cues of a block strictly between two offsets, last first: a search for the last
    /// cue of a kind stops at it instead of reading every cue from `from` on.
    pub(super) fn cues_between_rev<'d>(
        &self,
        doc: &'d Document,
        block: usize,
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = &'d crate::model::Cue> + use<'d, '_> {
        self.cue_range(doc, block, from, to)
            .iter()
            .rev()
            .map(|&i| &doc.cues[i])
    }

    /// Whether a `其中` of the same sentence stands before `offset` (the figure there is a
    /// part of a breakdown).
    pub(super) fn of_before(&self, block: usize, sentence: usize, offset: usize) -> bool {
        self.first_of
            .get(block)
            .and_then(|firsts| get(firsts, sentence))
            .is_some_and(|&o| o < offset)
    }

    /// The cues of a block after cue `ci` (an index into `doc.cues`), in order.
    pub(super) fn cues_after<'d>(
        &self,
        doc: &'d Document,
        block: usize,
        ci: usize,
    ) -> impl Iterator<Item = &'d crate::model::Cue> + use<'d, '_> {
        let all = self.block_cues(block);
        all[all.partition_point(|&i| i <= ci)..]
            .iter()
            .map(|&i| &doc.cues[i])
    }

    /// As [`super::paren_depth`], looking only at the block's own cues.
    /// A binary search in the block's running depths, not a scan of its cues.
    pub(super) fn paren_depth(&self, doc: &Document, block: usize, offset: usize) -> i32 {
        let k = self.cues_before(doc, block, offset);
        match k.checked_sub(1) {
            Some(last) => self.depth_by_block.get(block).map_or(0, |d| d[last].max(0)),
            None => 0,
        }
    }

    /// The figures of a block, in order.
    pub(super) fn block(&self, block: usize) -> &[usize] {
        self.by_block.get(block).map_or(&[], Vec::as_slice)
    }

    /// The figures of one sentence of a block, in order.
    pub(super) fn sentence(&self, block: usize, sentence: usize) -> &[usize] {
        self.by_sentence
            .get(block)
            .and_then(|ss| get(ss, sentence))
            .map_or(&[], Vec::as_slice)
    }

    /// The figures of one sentence of a block before figure `end`, in order.
    pub(super) fn sentence_before(&self, block: usize, sentence: usize, end: usize) -> &[usize] {
        let s = self.sentence(block, sentence);
        &s[..s.partition_point(|&i| i < end)]
    }
}
