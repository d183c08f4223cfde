//! Parsing decoded text into a [`Document`] (stub).
use crate::model::{Document, SourceFormat};

pub fn parse(_text: &str, _format: SourceFormat) -> Document {
    Document::default()
}
