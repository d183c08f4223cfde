//! The figures of a document by block and by sentence, built once per document so that the
//! relation passes look only at a figure's neighbours, never at every figure.

use crate::model::Document;
use crate::parse::quantity::CueKind;

/// Indices into `doc.quantities`, ascending, of each block and of each sentence of a block.
/// Everything is kept by block number in vectors (blocks are numbered from 0), so that a
/// question about a block is an index, not a hash. Where a block's entries start, and
/// sentence numbers and offsets, are kept in 32 bits (a file is at most 64 MB): the index
/// of a large document has an entry for every block.
#[derive(Debug, Default)]
pub(super) struct Figures {
    /// The figures of every block, block after block: block `b`'s are
    /// `figs[block_at[b]..block_at[b + 1]]`.
    figs: Vec<usize>,
    block_at: Vec<u32>,
    /// The figures of every sentence that has any, by block and then sentence: sentence
    /// entries `(sentence, from, to)` into `sentence_figs`, block `b`'s being
    /// `sentences[sentence_at[b]..sentence_at[b + 1]]`.
    sentence_figs: Vec<usize>,
    sentences: Vec<(u32, u32, u32)>,
    sentence_at: Vec<u32>,
    /// Indices into `doc.cues` of each block, ascending (in text order within a block):
    /// block `b`'s are `cues[cue_at[b]..cue_at[b + 1]]`.
    cues: Vec<usize>,
    cue_at: Vec<u32>,
    /// The bracket depth after each cue of `cues` (same index), counted within its block,
    /// before clamping at zero.
    depths: Vec<i32>,
    /// The offset of the first `其中` of each sentence that has one, by (block, sentence),
    /// sorted.
    first_of: Vec<((u32, u32), u32)>,
}

/// A position, block or sentence number in the 32 bits the index keeps it in.
fn narrow(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

/// Items grouped by block, in their order within each block: the items (`item`, in the order
/// given) and where each block's begin (`at`, one entry more than the blocks). A counting sort.
fn by_block(blocks: impl Iterator<Item = usize> + Clone) -> (Vec<usize>, Vec<u32>) {
    let n = blocks.clone().map(|b| b + 1).max().unwrap_or(0);
    let mut at = vec![0usize; n + 1];
    for b in blocks.clone() {
        at[b + 1] += 1;
    }
    for b in 0..n {
        at[b + 1] += at[b];
    }
    let mut next = at.clone();
    let mut items = vec![0usize; at[n]];
    for (i, b) in blocks.enumerate() {
        items[next[b]] = i;
        next[b] += 1;
    }
    drop(next);
    (items, at.into_iter().map(narrow).collect())
}

impl Figures {
    pub(super) fn new(doc: &Document) -> Self {
        let mut f = Figures::default();
        let qs = &doc.quantities;
        (f.figs, f.block_at) = by_block(qs.iter().map(|q| q.block));
        // The sentences of each block, in order of sentence number, each with its figures
        // ascending.
        f.sentence_figs.reserve_exact(qs.len());
        f.sentence_at.reserve_exact(f.block_at.len());
        f.sentence_at.push(0);
        let mut keyed: Vec<(usize, usize)> = Vec::new();
        for b in 0..f.block_at.len().saturating_sub(1) {
            let figs = &f.figs[f.block_at[b] as usize..f.block_at[b + 1] as usize];
            keyed.clear();
            keyed.extend(figs.iter().map(|&i| (qs[i].sentence, i)));
            // Mostly in order already: a stable sort of sorted runs is one pass.
            keyed.sort();
            let mut k = 0;
            while k < keyed.len() {
                let sentence = keyed[k].0;
                let from = f.sentence_figs.len();
                while k < keyed.len() && keyed[k].0 == sentence {
                    f.sentence_figs.push(keyed[k].1);
                    k += 1;
                }
                f.sentences.push((
                    narrow(sentence),
                    narrow(from),
                    narrow(f.sentence_figs.len()),
                ));
            }
            f.sentence_at.push(narrow(f.sentences.len()));
        }
        f.sentences.shrink_to_fit();
        (f.cues, f.cue_at) = by_block(doc.cues.iter().map(|c| c.block));
        f.depths.reserve_exact(f.cues.len());
        for b in 0..f.cue_at.len().saturating_sub(1) {
            let mut depth = 0;
            for &i in &f.cues[f.cue_at[b] as usize..f.cue_at[b + 1] as usize] {
                let c = &doc.cues[i];
                depth += match c.kind {
                    CueKind::ParenOpen => 1,
                    CueKind::ParenClose => -1,
                    _ => 0,
                };
                f.depths.push(depth);
                if c.kind == CueKind::Of {
                    f.first_of
                        .push(((narrow(c.block), narrow(c.sentence)), narrow(c.offset)));
                }
            }
        }
        // The first of each sentence: a stable sort keeps them in the order met.
        f.first_of.sort_by_key(|&(k, _)| k);
        f.first_of.dedup_by_key(|&mut (k, _)| k);
        f
    }

    /// The cue indices of a block.
    fn block_cues(&self, block: usize) -> &[usize] {
        match (self.cue_at.get(block), self.cue_at.get(block + 1)) {
            (Some(&a), Some(&b)) => &self.cues[a as usize..b as usize],
            _ => &[],
        }
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
            .binary_search_by_key(&(narrow(block), narrow(sentence)), |&(k, _)| k)
            .is_ok_and(|k| (self.first_of[k].1 as usize) < offset)
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
            Some(last) => self.depths[self.cue_at[block] as usize + last].max(0),
            None => 0,
        }
    }

    /// The figures of a block, in order.
    pub(super) fn block(&self, block: usize) -> &[usize] {
        match (self.block_at.get(block), self.block_at.get(block + 1)) {
            (Some(&a), Some(&b)) => &self.figs[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The figures of one sentence of a block, in order.
    pub(super) fn sentence(&self, block: usize, sentence: usize) -> &[usize] {
        let (Some(&a), Some(&b)) = (self.sentence_at.get(block), self.sentence_at.get(block + 1))
        else {
            return &[];
        };
        let ss = &self.sentences[a as usize..b as usize];
        match ss.binary_search_by_key(&sentence, |&(s, _, _)| s as usize) {
            Ok(k) => &self.sentence_figs[ss[k].1 as usize..ss[k].2 as usize],
            Err(_) => &[],
        }
    }

    /// The figures of one sentence of a block before figure `end`, in order.
    pub(super) fn sentence_before(&self, block: usize, sentence: usize, end: usize) -> &[usize] {
        let s = self.sentence(block, sentence);
        &s[..s.partition_point(|&i| i < end)]
    }
}
