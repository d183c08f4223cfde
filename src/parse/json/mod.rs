//! Structured report data (JSON).

pub mod reader;
