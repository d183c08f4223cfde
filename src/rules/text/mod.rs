//! Text.
pub mod foreign_token;
pub mod numbering_gap;
pub mod partial_period;
