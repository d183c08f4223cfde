//! `.docx` → plain text shaped like the plain-text reports.
//!
//! A `.docx` is a zip archive; the body of the document is `word/document.xml`. What
//! [`extract_text`] guarantees:
//!
//! * Each paragraph (`<w:p>`) becomes one line: the text of its `<w:t>` runs concatenated,
//!   `<w:tab/>` as `\t`, `<w:br/>` and `<w:cr/>` as `\n`. Paragraphs are separated by a blank
//!   line; empty paragraphs (Word's spacing) are dropped.
//! * Each table (`<w:tbl>`) becomes one line per row (`<w:tr>`), cells (`<w:tc>`) separated by
//!   `\t` — the shape the parser reads as a table. A cell's paragraphs are joined with a space,
//!   and tabs or line breaks inside a cell become spaces so that a row stays one line. A cell
//!   merged across columns (`<w:gridSpan w:val="n"/>`) is followed by `n − 1` empty cells so
//!   columns stay aligned. A table nested in a cell is flattened into that cell's text.
//! * Deleted text (`<w:delText>`), field instructions (`<w:instrText>`) and the fallback copy of
//!   drawing content (`<mc:Fallback>`, which repeats text-box text) are left out.
//! * Text-box paragraphs inside a paragraph are emitted as paragraphs of their own.
//! * Errors never panic and are [`FileError`]s of kind `docx`: not a zip archive (with a hint
//!   when the bytes are an old binary `.doc` or an encrypted document), no
//!   `word/document.xml`, or malformed XML (with the byte offset in `word/document.xml`).
//! * Limits are errors of kind `limit`: `word/document.xml` larger than [`MAX_XML_BYTES`] once
//!   inflated (counted while inflating, whatever the archive's headers claim), tables and
//!   paragraphs nested deeper than [`MAX_NESTING`]. A row keeps at most [`MAX_ROW_CELLS`]
//!   cells (merged columns included); further cells are dropped.
//!
//! Not extracted: headers, footers, footnotes, comments, and automatic list numbering (a
//! heading numbered by Word's list feature loses its `一、`).

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::FileError;

const DOCUMENT_XML: &str = "word/document.xml";
/// Larger than any real document body; guards against zip bombs. Counted while inflating, not
/// taken from the archive's headers.
pub const MAX_XML_BYTES: u64 = crate::source::MAX_FILE_BYTES;
/// The deepest nesting of tables and paragraphs (text boxes, tables in cells) read.
pub const MAX_NESTING: usize = 64;
/// The most cells read in one table row, merged (`gridSpan`) columns included.
pub const MAX_ROW_CELLS: usize = 1_024;
/// Compound File Binary signature: old `.doc` files and encrypted Office documents.
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Extract the text of a `.docx` file.
pub fn extract_text(bytes: &[u8]) -> Result<String, FileError> {
    let xml = read_document_xml(bytes)?;
    text_of_document_xml(&xml)
}

fn limit(message: impl Into<String>) -> FileError {
    FileError {
        kind: "limit",
        message: message.into(),
    }
}

fn err(message: impl Into<String>) -> FileError {
    FileError {
        kind: "docx",
        message: message.into(),
    }
}

/// The `word/document.xml` part of a `.docx` archive, as text.
fn read_document_xml(bytes: &[u8]) -> Result<String, FileError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        if bytes.starts_with(OLE_MAGIC) {
            err(
                "not a .docx file: this is an old binary Word (.doc) file or an encrypted \
                 document, not a zip archive; save it as an unencrypted .docx",
            )
        } else {
            err(format!("not a .docx file: not a zip archive ({e})"))
        }
    })?;
    let file = archive.by_name(DOCUMENT_XML).map_err(|e| match e {
        zip::result::ZipError::FileNotFound => err(format!(
            "not a Word document: the archive has no {DOCUMENT_XML}"
        )),
        e => err(format!("cannot open {DOCUMENT_XML} in the archive: {e}")),
    })?;
    let mut raw = Vec::new();
    file.take(MAX_XML_BYTES + 1)
        .read_to_end(&mut raw)
        .map_err(|e| err(format!("cannot read {DOCUMENT_XML} from the archive: {e}")))?;
    if raw.len() as u64 > MAX_XML_BYTES {
        return Err(limit(format!(
            "{DOCUMENT_XML} is larger than {} MiB once uncompressed",
            MAX_XML_BYTES / (1024 * 1024)
        )));
    }
    xml_to_string(raw)
}

/// XML bytes → text: UTF-8 (BOM optional) or UTF-16 with a BOM.
fn xml_to_string(raw: Vec<u8>) -> Result<String, FileError> {
    if raw.starts_with(b"\xFF\xFE") || raw.starts_with(b"\xFE\xFF") {
        let encoding = if raw.starts_with(b"\xFF\xFE") {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let body = raw.get(2..).unwrap_or_default();
        return encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .map(|s| s.into_owned())
            .ok_or_else(|| err(format!("{DOCUMENT_XML} is not valid UTF-16")));
    }
    let mut raw = raw;
    if raw.starts_with(b"\xEF\xBB\xBF") {
        raw.drain(..3);
    }
    String::from_utf8(raw).map_err(|e| {
        err(format!(
            "{DOCUMENT_XML} is not valid UTF-8 (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// What the extractor is inside of.
#[derive(Debug)]
enum Frame {
    /// A paragraph being collected.
    Paragraph(String),
    /// A table: finished rows, the row being built (cells) and the cell being built
    /// (its paragraphs, and how many grid columns it spans).
    Table {
        rows: Vec<String>,
        /// The row so far, cells joined by `\t`, and how many cells it has.
        row: String,
        cells: usize,
        cell: Vec<String>,
        span: usize,
    },
}

#[derive(Debug, Default)]
struct Extractor {
    /// Finished top-level blocks (a paragraph, or a whole table as rows joined by `\n`).
    blocks: Vec<String>,
    stack: Vec<Frame>,
    /// Depth of `<w:t>` elements we are inside (text is taken only there).
    in_text: usize,
    /// Depth of `<w:r>` runs (`<w:tab/>` counts only inside a run, not in tab-stop settings).
    in_run: usize,
    /// Depth of skipped subtrees (`mc:Fallback`).
    skipping: usize,
    /// Set when the document nests deeper than [`MAX_NESTING`].
    too_deep: bool,
}

impl Extractor {
    fn start(&mut self, e: &BytesStart<'_>) {
        let name = e.name();
        let name = name.as_ref();
        if self.skipping > 0 {
            if name == "mc:Fallback" {
                self.skipping += 1;
            }
            return;
        }
        match name {
            "mc:Fallback" => self.skipping = 1,
            "w:p" | "w:tbl" if self.stack.len() >= MAX_NESTING => self.too_deep = true,
            "w:p" => self.stack.push(Frame::Paragraph(String::new())),
            "w:tbl" => self.stack.push(Frame::Table {
                rows: Vec::new(),
                row: String::new(),
                cells: 0,
                cell: Vec::new(),
                span: 1,
            }),
            "w:tr" => {
                if let Some(Frame::Table { row, cells, .. }) = self.stack.last_mut() {
                    row.clear();
                    *cells = 0;
                }
            }
            "w:tc" => {
                if let Some(Frame::Table { cell, span, .. }) = self.stack.last_mut() {
                    cell.clear();
                    *span = 1;
                }
            }
            "w:r" => self.in_run += 1,
            "w:t" => self.in_text += 1,
            _ => self.empty(e),
        }
    }

    /// A self-closing element (also called for the start of elements with no special end).
    fn empty(&mut self, e: &BytesStart<'_>) {
        if self.skipping > 0 {
            return;
        }
        let name = e.name();
        match name.as_ref() {
            "w:tab" if self.in_run > 0 => self.push_text("\t"),
            "w:br" | "w:cr" if self.in_run > 0 => self.push_text("\n"),
            "w:noBreakHyphen" if self.in_run > 0 => self.push_text("-"),
            "w:gridSpan" => {
                let n = e
                    .try_get_attribute("w:val")
                    .ok()
                    .flatten()
                    .and_then(|a| a.value.trim().parse::<usize>().ok())
                    .unwrap_or(1);
                if let Some(Frame::Table { span, .. }) = self.stack.last_mut() {
                    // A real table has at most 63 columns; cap absurd values.
                    *span = n.clamp(1, 64);
                }
            }
            // `<w:p/>`: an empty paragraph, dropped. Empty `<w:r/>`, `<w:t/>`: nothing.
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.skipping > 0 {
            if name == "mc:Fallback" {
                self.skipping -= 1;
            }
            return;
        }
        match name {
            "w:p" => {
                if matches!(self.stack.last(), Some(Frame::Paragraph(_)))
                    && let Some(Frame::Paragraph(text)) = self.stack.pop()
                {
                    self.finish_block(text);
                }
            }
            "w:tc" => {
                if let Some(Frame::Table {
                    row,
                    cells,
                    cell,
                    span,
                    ..
                }) = self.stack.last_mut()
                {
                    let text = cell_text(cell);
                    cell.clear();
                    // Cells past MAX_ROW_CELLS are dropped: no real table is that wide, and a
                    // hostile gridSpan must not multiply the output.
                    for k in 0..*span {
                        if *cells >= MAX_ROW_CELLS {
                            break;
                        }
                        if *cells > 0 {
                            row.push('\t');
                        }
                        if k == 0 {
                            row.push_str(&text);
                        }
                        *cells += 1;
                    }
                    *span = 1;
                }
            }
            "w:tr" => {
                if let Some(Frame::Table {
                    rows, row, cells, ..
                }) = self.stack.last_mut()
                {
                    rows.push(std::mem::take(row));
                    *cells = 0;
                }
            }
            "w:tbl" => {
                if matches!(self.stack.last(), Some(Frame::Table { .. }))
                    && let Some(Frame::Table { rows, .. }) = self.stack.pop()
                {
                    self.finish_block(rows.join("\n"));
                }
            }
            "w:r" => self.in_run = self.in_run.saturating_sub(1),
            "w:t" => self.in_text = self.in_text.saturating_sub(1),
            _ => {}
        }
    }

    /// Text inside `<w:t>`.
    fn text(&mut self, s: &str) {
        if self.skipping == 0 && self.in_text > 0 {
            self.push_text(s);
        }
    }

    fn push_text(&mut self, s: &str) {
        if let Some(Frame::Paragraph(p)) = self.stack.last_mut() {
            p.push_str(s);
        }
    }

    /// A finished paragraph or table goes to the enclosing cell (where [`cell_text`] puts it on
    /// one line), or becomes a top-level block. A paragraph inside a paragraph (a text box)
    /// becomes a block of its own.
    fn finish_block(&mut self, text: String) {
        if text.trim().is_empty() {
            return;
        }
        for frame in self.stack.iter_mut().rev() {
            if let Frame::Table { cell, .. } = frame {
                cell.push(text);
                return;
            }
        }
        self.blocks.push(text);
    }

    fn finish(self) -> String {
        let mut out = self.blocks.join("\n\n");
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }
}

/// A cell's paragraphs joined with a space, on one line.
fn cell_text(paragraphs: &[String]) -> String {
    let joined = paragraphs
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    joined.replace(['\t', '\n', '\r'], " ")
}

/// The text of a `word/document.xml` part.
pub fn text_of_document_xml(xml: &str) -> Result<String, FileError> {
    let mut reader = Reader::from_str(xml);
    let mut x = Extractor::default();
    loop {
        let event = reader.read_event().map_err(|e| {
            err(format!(
                "malformed XML in {DOCUMENT_XML} at byte {}: {e}",
                reader.error_position()
            ))
        })?;
        match event {
            Event::Start(e) => x.start(&e),
            Event::Empty(e) => x.empty(&e),
            Event::End(e) => x.end(e.name().as_ref()),
            Event::Text(t) => x.text(&t.xml10_content()),
            Event::CData(t) => x.text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&r).map(String::from),
                    Err(_) => None,
                };
                match resolved {
                    Some(s) => x.text(&s),
                    None => {
                        return Err(err(format!(
                            "malformed XML in {DOCUMENT_XML} at byte {}: unknown entity &{};",
                            reader.buffer_position(),
                            &*r
                        )));
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if x.too_deep {
            return Err(limit(format!(
                "{DOCUMENT_XML} nests tables and paragraphs more than {MAX_NESTING} deep"
            )));
        }
    }
    Ok(x.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn paragraphs_tabs_breaks() {
        let xml = doc(concat!(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>"#,
            r#"<w:r><w:t>一、</w:t></w:r><w:r><w:t xml:space="preserve">部门 </w:t></w:r>"#,
            r#"<w:r><w:t>概况</w:t><w:tab/><w:t>A</w:t><w:br/><w:t>B&amp;C&#x4E00;</w:t></w:r></w:p>"#,
            r#"<w:p/><w:p><w:r><w:t></w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:delText>删</w:delText><w:instrText>PAGE</w:instrText><w:t>末</w:t></w:r></w:p>"#,
        ));
        assert_eq!(
            text_of_document_xml(&xml).ok(),
            Some("一、部门 概况\tA\nB&C一\n\n末\n".into())
        );
    }

    #[test]
    fn table_rows_cells_and_spans() {
        let xml = doc(concat!(
            r#"<w:p><w:r><w:t>前</w:t></w:r></w:p><w:tbl><w:tblGrid/>"#,
            r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc>"#,
            r#"<w:tc><w:p><w:r><w:t>分值</w:t></w:r></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:p><w:r><w:t>产出</w:t></w:r></w:p><w:p><w:r><w:t>数量</w:t></w:r></w:p></w:tc>"#,
            r#"<w:tc><w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r></w:p></w:tc>"#,
            r#"<w:tc><w:p/></w:tc></w:tr></w:tbl>"#,
            r#"<w:p><w:r><w:t>后</w:t></w:r></w:p>"#,
        ));
        assert_eq!(
            text_of_document_xml(&xml).ok(),
            Some("前\n\n指标\t\t分值\n产出 数量\ta b\t\n\n后\n".into())
        );
    }

    #[test]
    fn fallback_text_is_not_doubled() {
        let xml = doc(concat!(
            r#"<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice>"#,
            r#"<w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Choice>"#,
            r#"<mc:Fallback><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent>"#,
            r#"</mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
        ));
        assert_eq!(text_of_document_xml(&xml).ok(), Some("框\n\n正文\n".into()));
    }

    #[test]
    fn errors_are_docx_errors() {
        let e = extract_text(b"plain text").err();
        assert_eq!(e.as_ref().map(|e| e.kind), Some("docx"));
        let e = extract_text(OLE_MAGIC)
            .err()
            .map(|e| e.message)
            .unwrap_or_default();
        assert!(e.contains(".doc"), "{e}");
        let e = text_of_document_xml(&doc("<w:p><w:r></w:p>")).err();
        let msg = e.as_ref().map(|e| e.message.as_str()).unwrap_or_default();
        assert!(
            msg.starts_with("malformed XML in word/document.xml at byte"),
            "{msg}"
        );
        let e = text_of_document_xml(&doc("<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>")).err();
        assert_eq!(e.map(|e| e.kind), Some("docx"));
    }
}
