//! Units.
pub mod unit_scale;
