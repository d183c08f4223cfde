//! Structured report data against its schema (J001).
pub mod schema_violation;
