//! Reading sources: file type by extension, byte decoding, `.docx` text extraction, and the
//! byte-offset → line/column index used by every renderer.

use std::path::Path;

use crate::lint::FileError;
use crate::model::SourceFormat;

pub mod decode;
pub mod docx;
pub mod line_index;

pub use line_index::LineIndex;

/// A file's content as UTF-8 text, with how it was decoded.
#[derive(Debug, Clone)]
pub struct Source {
    pub format: SourceFormat,
    pub encoding: &'static str,
    pub text: String,
}

/// The format a path is read as, from its extension (`None`: not a report file).
pub fn format_of(path: &Path) -> Option<SourceFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" => Some(SourceFormat::Text),
        "md" | "markdown" => Some(SourceFormat::Markdown),
        "docx" => Some(SourceFormat::Docx),
        "json" => Some(SourceFormat::Json),
        _ => None,
    }
}

/// Read and decode one file.
pub fn read(path: &Path) -> Result<Source, FileError> {
    let bytes = std::fs::read(path).map_err(|e| FileError {
        kind: "io",
        message: e.to_string(),
    })?;
    let format = format_of(path).unwrap_or(SourceFormat::Text);
    match format {
        SourceFormat::Docx => {
            let text = docx::extract_text(&bytes)?;
            Ok(Source {
                format,
                encoding: "docx",
                text,
            })
        }
        _ => {
            let (text, encoding) = decode::decode(&bytes)?;
            Ok(Source {
                format,
                encoding,
                text,
            })
        }
    }
}
