//! `.docx` text extraction (stub).
use crate::lint::FileError;

pub fn extract_text(_bytes: &[u8]) -> Result<String, FileError> {
    Err(FileError {
        kind: "unsupported",
        message: "docx not yet supported".into(),
    })
}
