//! Relations between figures, found once per document and judged by the rules (stub).

/// Every relation found in a document.
#[derive(Debug, Clone, Default)]
pub struct Relations {}

impl Relations {
    pub fn count(&self) -> usize {
        0
    }
}
