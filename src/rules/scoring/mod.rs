//! Scoring rules: the report's 评分表 re-scored against its rubric — scores above weights
//! (S001), parents and totals that are not the sum of their parts (S002, S003), grades outside
//! the total's band (S004), scores the report's own figures do not support (S005), and tables
//! that could not be read whole (S006), and claims that every target was met which a table
//! row contradicts (S007).
//!
//! The rules read the evaluation computed once per document (`Context::scoring`); they never
//! look at the text again.

pub mod claim_contradicted;
pub mod grade_mismatch;
pub mod score_over_weight;
pub mod score_unsupported;
pub mod subtotal_mismatch;
pub mod table_incomplete;
pub mod total_mismatch;

use crate::diagnostic::Message;
use crate::score::evaluate::Measure;
use crate::score::{Figure, Indicator, Scorecard};

/// `得分` / `分值`, `score` / `weight`.
pub(crate) fn measure_words(m: Measure) -> (&'static str, &'static str) {
    match m {
        Measure::Score => ("得分", "score"),
        Measure::Weight => ("分值", "weight"),
    }
}

/// The figure of an indicator for a measure.
pub(crate) fn figure_of(ind: &Indicator, m: Measure) -> Option<&Figure> {
    match m {
        Measure::Score => ind.score.as_ref(),
        Measure::Weight => ind.weight.as_ref(),
    }
}

/// A label for a part of a sum: `部门决策 20`.
pub(crate) fn part_label(card: &Scorecard, i: usize, m: Measure, value: &str) -> Message {
    let name = card
        .indicators
        .get(i)
        .map(|ind| ind.name.as_str())
        .unwrap_or("");
    let (zh, en) = measure_words(m);
    Message::new(
        format!("{name}{zh} {value}"),
        format!("{name}: {en} {value}"),
    )
}
