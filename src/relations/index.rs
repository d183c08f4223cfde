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
    /// Indices into `doc.cues` of each block, ascending.
    cues_by_block: HashMap<usize, Vec<usize>>,
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
        }
        f
    }

    /// The cues of a block, in order.
    pub(super) fn cues<'d>(
        &self,
        doc: &'d Document,
        block: usize,
    ) -> impl Iterator<Item = &'d crate::model::Cue> + use<'d, '_> {
        self.cues_by_block
            .get(&block)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&i| &doc.cues[i])
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
    pub(super) fn paren_depth(&self, doc: &Document, block: usize, offset: usize) -> i32 {
        self.cues(doc, block)
            .filter(|c| c.offset < offset)
            .map(|c| match c.kind {
                CueKind::ParenOpen => 1,
                CueKind::ParenClose => -1,
                _ => 0,
            })
            .sum::<i32>()
            .max(0)
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
