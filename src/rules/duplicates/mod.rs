//! Duplicates.
pub mod conflicting_duplicate;
