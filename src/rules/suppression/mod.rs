//! Suppression: jxlint's own comments in a report (see [`crate::suppress`]).
pub mod unused_suppression;
