//! The figures of a document by block and by sentence, built once per document so that the
//! relation passes look only at a figure's neighbours, never at every figure.

use std::collections::HashMap;

use crate::model::Document;
use crate::parse::quantity::CueKind;

/// Indices into `doc.quantities`, ascending, of each block and of each sentence of a block.
#[derive(Debug, Default)]
pub(super) struct Figures {
    by_block: HashMap<usize, Vec<usize>>,
    by_sentence: HashMap<(usize, usize), Vec<usize>>,
    /// Indices into `doc.cues` of each block, ascending (in text order within a block).
    cues_by_block: HashMap<usize, Vec<usize>>,
    /// For each block, the bracket depth after each of its cues (same index as
    /// `cues_by_block`), before clamping at zero.
    depth_by_block: HashMap<usize, Vec<i32>>,
    /// The offset of the first `其中` of each sentence of a block.
    first_of: HashMap<(usize, usize), usize>,
}

impl Figures {
    pub(super) fn new(doc: &Document) -> Self {
        let mut f = Figures::default();
        for (i, q) in doc.quantities.iter().enumerate() {
            f.by_block.entry(q.block).or_default().push(i);
            f.by_sentence
                .entry((q.block, q.sentence))
                .or_default()
                .push(i);
        }
        for (i, c) in doc.cues.iter().enumerate() {
            f.cues_by_block.entry(c.block).or_default().push(i);
            let depths = f.depth_by_block.entry(c.block).or_default();
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
                f.first_of.entry((c.block, c.sentence)).or_insert(c.offset);
            }
        }
        f
    }

    /// How many of the block's cues stand before `offset`.
    fn cues_before(&self, doc: &Document, block: usize, offset: usize) -> usize {
        self.cues_by_block.get(&block).map_or(0, |all| {
            all.partition_point(|&i| doc.cues[i].offset < offset)
        })
    }

    /// The indices into `doc.cues` of a block's cues strictly between two offsets.
    fn cue_range(&self, doc: &Document, block: usize, from: usize, to: usize) -> &[usize] {
        let all = self
            .cues_by_block
            .get(&block)
            .map_or(&[][..], Vec::as_slice);
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
            .get(&(block, sentence))
            .is_some_and(|&o| o < offset)
    }

    /// The cues of a block after cue `ci` (an index into `doc.cues`), in order.
    pub(super) fn cues_after<'d>(
        &self,
        doc: &'d Document,
        block: usize,
        ci: usize,
    ) -> impl Iterator<Item = &'d crate::model::Cue> + use<'d, '_> {
        let all = self
            .cues_by_block
            .get(&block)
            .map_or(&[][..], Vec::as_slice);
        all[all.partition_point(|&i| i <= ci)..]
            .iter()
            .map(|&i| &doc.cues[i])
    }

    /// As [`super::paren_depth`], looking only at the block's own cues.
    /// A binary search in the block's running depths, not a scan of its cues.
    pub(super) fn paren_depth(&self, doc: &Document, block: usize, offset: usize) -> i32 {
        let k = self.cues_before(doc, block, offset);
        match k.checked_sub(1) {
            Some(last) => self
                .depth_by_block
                .get(&block)
                .map_or(0, |d| d[last].max(0)),
            None => 0,
        }
    }

    /// The figures of a block, in order.
    pub(super) fn block(&self, block: usize) -> &[usize] {
        self.by_block.get(&block).map_or(&[], Vec::as_slice)
    }

    /// The figures of one sentence of a block, in order.
    pub(super) fn sentence(&self, block: usize, sentence: usize) -> &[usize] {
        self.by_sentence
            .get(&(block, sentence))
            .map_or(&[], Vec::as_slice)
    }

    /// The figures of one sentence of a block before figure `end`, in order.
    pub(super) fn sentence_before(&self, block: usize, sentence: usize, end: usize) -> &[usize] {
        let s = self.sentence(block, sentence);
        &s[..s.partition_point(|&i| i < end)]
    }
}
