//! Reading sources: file type by extension, byte decoding, `.docx` text extraction, and the
//! byte-offset → line/column index used by every renderer.
//!
//! What this layer guarantees to everything downstream:
//!
//! * [`read`] turns a path into a [`Source`]: UTF-8 text plus the format it is read as and the
//!   encoding it was decoded from. The text is what diagnostics point into (byte offsets) and
//!   what is shown to people; it is the file's content as decoded, with only a leading byte
//!   order mark removed ([`decode`]), or the text of a `.docx` body ([`docx`]).
//! * Every failure is a [`FileError`], never a panic: kind `io` (with the operating system's
//!   cause, see [`io_message`]), `decode`, `docx`, or `limit` (a file larger than
//!   [`MAX_FILE_BYTES`], see [`read_capped`]).
//! * [`format_of`] decides the format from the extension alone (`.txt`, `.md`/`.markdown`,
//!   `.docx`, `.json`, case-insensitive); a file with another extension named explicitly is
//!   read as text.

use std::path::Path;

use serde::Serialize;

use crate::model::SourceFormat;

pub mod decode;
pub mod docx;
pub mod line_index;
pub mod numbering;

pub use line_index::LineIndex;

/// Why a file could not be checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileError {
    /// `io`, `decode`, `docx` (not a readable Word document), `parse` (report data that is not
    /// JSON), `unsupported`, `limit` (past one of jxlint's limits: the file is not read, or —
    /// for figures too long to hold exactly or too many — read and checked without them).
    pub kind: &'static str,
    pub message: String,
}

/// A file's content as UTF-8 text, with how it was decoded.
#[derive(Debug, Clone)]
pub struct Source {
    pub format: SourceFormat,
    /// `utf-8`, `utf-16le`, `utf-16be`, `gb18030` … or `docx` for text extracted from a
    /// `.docx` archive.
    pub encoding: &'static str,
    pub text: String,
    /// For a `.docx`, the paragraph or table cell each part of the text comes from, sorted by
    /// position; empty for other formats.
    pub places: Vec<docx::Place>,
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

/// The largest file read (64 MiB): a larger one is an error of kind `limit`, not read at all.
/// Also the cap on a `.docx` body once inflated.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Read and decode one file.
pub fn read(path: &Path) -> Result<Source, FileError> {
    let bytes = read_capped(path, MAX_FILE_BYTES)?;
    from_bytes(path, &bytes)
}

/// The bytes of a regular file of at most `max` bytes. Anything else is an error at once,
/// before a byte is read: a FIFO (which would block), a device such as `/dev/zero` (which
/// never ends), a folder (kind `io`), or a file larger than `max` (kind `limit`). The size is
/// checked again while reading, so a file that grows meanwhile cannot slip past the cap.
pub fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, FileError> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| io_error(&e))?;
    if meta.is_dir() {
        return Err(FileError {
            kind: "io",
            message: "is a directory".into(),
        });
    }
    if !meta.is_file() {
        return Err(FileError {
            kind: "io",
            message: "not a regular file (a pipe, socket or device is not read)".into(),
        });
    }
    let too_large = || FileError {
        kind: "limit",
        message: format!(
            "larger than {} MiB, the most jxlint reads from one file",
            max / (1024 * 1024)
        ),
    };
    if meta.len() > max {
        return Err(too_large());
    }
    let file = std::fs::File::open(path).map_err(|e| io_error(&e))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&e))?;
    if bytes.len() as u64 > max {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Decode bytes already in memory as if read from `path` (only its extension is used).
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Source, FileError> {
    let format = format_of(path).unwrap_or(SourceFormat::Text);
    match format {
        SourceFormat::Docx => {
            let (text, places) = docx::extract(bytes)?;
            Ok(Source {
                format,
                encoding: "docx",
                text,
                places,
            })
        }
        _ => {
            let (text, encoding) = decode::decode(bytes)?;
            Ok(Source {
                format,
                encoding,
                text,
                places: Vec::new(),
            })
        }
    }
}

/// An I/O error as a [`FileError`] of kind `io`.
pub fn io_error(e: &std::io::Error) -> FileError {
    FileError {
        kind: "io",
        message: io_message(e),
    }
}

/// The cause of an I/O error in plain words: `no such file or directory`, `permission denied`,
/// `is a directory`, otherwise the operating system's own message.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no such file or directory".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}
