//! Structured report data (JSON): [`reader`] keeps spans and number literals, [`schema`]
//! validates against `schemas/report.schema.json`, [`fields`] names the figures.

use crate::diagnostic::Message;
use crate::model::Span;

pub mod fields;
pub mod reader;
pub mod schema;

/// A way the data breaks the schema or its own references, at the offending value (J001).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub span: Span,
    pub message: Message,
    pub help: Option<Message>,
    pub expected: Option<String>,
    pub found: Option<String>,
}
