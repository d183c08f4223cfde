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
//! * Automatic numbering (Word's list feature, on the paragraph or through its style) is
//!   rendered in front of the paragraph as Word shows it (`一、` `（一）` `1.` …), from
//!   `word/numbering.xml` ([`super::numbering`]), so that a heading keeps its `一、`.
//! * [`extract`] also returns the [`Place`] of each paragraph and table cell in the text: the
//!   paragraph number, or table, row and cell, a Word user can find.
//!
//! Not extracted: headers, footers, footnotes and comments.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use serde::Serialize;

use super::FileError;
use super::numbering::{Numbering, Styles};

const DOCUMENT_XML: &str = "word/document.xml";
const NUMBERING_XML: &str = "word/numbering.xml";
const STYLES_XML: &str = "word/styles.xml";
/// Larger than any real document body; guards against zip bombs. Counted while inflating, not
/// taken from the archive's headers.
pub const MAX_XML_BYTES: u64 = crate::source::MAX_FILE_BYTES;
/// The deepest nesting of tables and paragraphs (text boxes, tables in cells) read.
pub const MAX_NESTING: usize = 64;
/// The most cells read in one table row, merged (`gridSpan`) columns included.
pub const MAX_ROW_CELLS: usize = 1_024;
/// The most table cells read in one document, merged columns included.
pub const MAX_CELLS: usize = 1_000_000;
/// Compound File Binary signature: old `.doc` files and encrypted Office documents.
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Extract the text of a `.docx` file.
pub fn extract_text(bytes: &[u8]) -> Result<String, FileError> {
    extract(bytes).map(|(text, _)| text)
}

/// Extract the text of a `.docx` file, its automatic numbering rendered in, with the places
/// of its parts in the document.
pub fn extract(bytes: &[u8]) -> Result<(String, Vec<Place>), FileError> {
    let (xml, numbering, styles) = read_parts(bytes)?;
    extract_parts(&xml, numbering.as_deref(), styles.as_deref())
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

/// The `word/document.xml` part of a `.docx` archive as text, with `word/numbering.xml` and
/// `word/styles.xml` when the archive has them and they can be read (they are optional: a
/// document without them is read without automatic numbering).
fn read_parts(bytes: &[u8]) -> Result<(String, Option<String>, Option<String>), FileError> {
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
    let optional = |archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str| {
        let file = archive.by_name(name).ok()?;
        let mut raw = Vec::new();
        file.take(MAX_XML_BYTES + 1).read_to_end(&mut raw).ok()?;
        if raw.len() as u64 > MAX_XML_BYTES {
            return None;
        }
        xml_to_string(raw).ok()
    };
    let numbering = optional(&mut archive, NUMBERING_XML);
    let styles = optional(&mut archive, STYLES_XML);
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
    Ok((xml_to_string(raw)?, numbering, styles))
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

/// Where a part of the extracted text is in the Word document, so that a Word user can find
/// it: the paragraph of the body (1-based, every paragraph outside tables counted, empty ones
/// too, as Word's paragraph marks show them), or the table (1-based, top-level tables counted)
/// with its row and cell (1-based, cells counted as Word shows them in the row). A text-box
/// paragraph has the number of the paragraph it is anchored in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Place {
    /// Byte range of the extracted text this place covers.
    #[serde(skip)]
    pub start: usize,
    #[serde(skip)]
    pub end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<usize>,
}

impl Place {
    /// The place of byte `offset` of the extracted text, if any part covers it.
    pub fn find(places: &[Place], offset: usize) -> Option<Place> {
        let i = places.partition_point(|p| p.end <= offset);
        places.get(i).filter(|p| p.start <= offset).copied()
    }

    /// `第 3 段` / `表 1 第 2 行第 4 格`; `paragraph 3` / `table 1, row 2, cell 4`.
    pub fn describe(&self, zh: bool) -> String {
        match (self.paragraph, self.table, self.row, self.cell) {
            (_, Some(t), Some(r), Some(c)) if zh => format!("表 {t} 第 {r} 行第 {c} 格"),
            (_, Some(t), Some(r), Some(c)) => format!("table {t}, row {r}, cell {c}"),
            (Some(p), ..) if zh => format!("第 {p} 段"),
            (Some(p), ..) => format!("paragraph {p}"),
            _ => String::new(),
        }
    }
}

/// A place relative to its block, before blocks are joined.
#[derive(Debug, Clone, Copy)]
enum Where {
    Paragraph(usize),
    Cell {
        table: usize,
        row: usize,
        cell: usize,
    },
}

/// A finished block of text with the places of its parts (offsets within the block).
#[derive(Debug)]
struct Block {
    text: String,
    places: Vec<(usize, usize, Where)>,
}

/// What the extractor is inside of.
#[derive(Debug)]
enum Frame {
    /// A paragraph being collected: its text, its number in the body (`None` inside a table),
    /// and its numbering properties (`w:numId`, `w:ilvl`, `w:pStyle`).
    Paragraph {
        text: String,
        number: Option<usize>,
        num_id: Option<String>,
        ilvl: Option<usize>,
        style: Option<String>,
    },
    /// A table: finished rows (cells with their index in the row, `None` for the columns a
    /// merged cell spans), the row being built, the cell being built (its paragraphs, and how
    /// many grid columns it spans), and the table's number (`None` for a nested table).
    Table {
        rows: Vec<Vec<(String, Option<usize>)>>,
        row: Vec<(String, Option<usize>)>,
        cell: Vec<String>,
        span: usize,
        cells: usize,
        number: Option<usize>,
    },
}

#[derive(Debug, Default)]
struct Extractor {
    /// Finished top-level blocks (a paragraph, or a whole table as rows joined by `\n`).
    blocks: Vec<Block>,
    stack: Vec<Frame>,
    /// Depth of `<w:t>` elements we are inside (text is taken only there).
    in_text: usize,
    /// Depth of `<w:r>` runs (`<w:tab/>` counts only inside a run, not in tab-stop settings).
    in_run: usize,
    /// Depth of skipped subtrees (`mc:Fallback`).
    skipping: usize,
    /// Depth of paragraph properties (`w:pPr`), and of recorded former properties inside them
    /// (`w:pPrChange`, whose numbering is no longer in force).
    in_ppr: usize,
    in_ppr_change: usize,
    /// Body paragraphs and top-level tables met so far.
    paragraphs: usize,
    tables: usize,
    numbering: Numbering,
    styles: Styles,
    /// Table cells read so far, merged columns included.
    cells_total: usize,
    /// Why reading stops: the document passes [`MAX_NESTING`] or [`MAX_CELLS`].
    over_limit: Option<String>,
}

impl Extractor {
    fn in_table(&self) -> bool {
        self.stack.iter().any(|f| matches!(f, Frame::Table { .. }))
    }

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
            "w:p" | "w:tbl" if self.stack.len() >= MAX_NESTING => {
                self.over_limit = Some(format!(
                    "{DOCUMENT_XML} nests tables and paragraphs more than {MAX_NESTING} deep"
                ));
            }
            "w:p" => {
                let enclosing = self.stack.iter().rev().find_map(|f| match f {
                    Frame::Paragraph { number, .. } => Some(*number),
                    Frame::Table { .. } => None,
                });
                let number = match enclosing {
                    Some(n) => n,
                    None if self.in_table() => None,
                    None => {
                        self.paragraphs += 1;
                        Some(self.paragraphs)
                    }
                };
                self.stack.push(Frame::Paragraph {
                    text: String::new(),
                    number,
                    num_id: None,
                    ilvl: None,
                    style: None,
                });
            }
            "w:tbl" => {
                let number = if self.in_table() {
                    None
                } else {
                    self.tables += 1;
                    Some(self.tables)
                };
                self.stack.push(Frame::Table {
                    rows: Vec::new(),
                    row: Vec::new(),
                    cell: Vec::new(),
                    span: 1,
                    cells: 0,
                    number,
                });
            }
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
            "w:pPr" => self.in_ppr += 1,
            "w:pPrChange" => self.in_ppr_change += 1,
            _ => self.empty(e),
        }
    }

    /// A self-closing element (also called for the start of elements with no special end).
    fn empty(&mut self, e: &BytesStart<'_>) {
        if self.skipping > 0 {
            return;
        }
        let name = e.name();
        let val = || {
            e.try_get_attribute("w:val").ok().flatten().and_then(|a| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.trim().to_string())
            })
        };
        match name.as_ref() {
            "w:tab" if self.in_run > 0 => self.push_text("\t"),
            "w:br" | "w:cr" if self.in_run > 0 => self.push_text("\n"),
            "w:noBreakHyphen" if self.in_run > 0 => self.push_text("-"),
            "w:gridSpan" => {
                let n = val().and_then(|v| v.parse::<usize>().ok()).unwrap_or(1);
                if let Some(Frame::Table { span, .. }) = self.stack.last_mut() {
                    // A real table has at most 63 columns; cap absurd values.
                    *span = n.clamp(1, 64);
                }
            }
            "w:numId" | "w:ilvl" | "w:pStyle" if self.in_ppr > 0 && self.in_ppr_change == 0 => {
                let v = val();
                if let Some(Frame::Paragraph {
                    num_id,
                    ilvl,
                    style,
                    ..
                }) = self.stack.last_mut()
                {
                    match name.as_ref() {
                        "w:numId" => *num_id = v,
                        "w:ilvl" => *ilvl = v.and_then(|v| v.parse().ok()),
                        _ => *style = v,
                    }
                }
            }
            // `<w:p/>`: an empty paragraph, counted and dropped. Empty `<w:r/>`, `<w:t/>`:
            // nothing.
            "w:p"
                if !self.in_table()
                    && !self
                        .stack
                        .iter()
                        .any(|f| matches!(f, Frame::Paragraph { .. })) =>
            {
                self.paragraphs += 1;
            }
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
                if matches!(self.stack.last(), Some(Frame::Paragraph { .. }))
                    && let Some(Frame::Paragraph {
                        text,
                        number,
                        num_id,
                        ilvl,
                        style,
                    }) = self.stack.pop()
                {
                    let marker = self.marker(num_id, ilvl, style.as_deref());
                    let text = match marker {
                        Some(m) if !text.trim().is_empty() => format!("{m}{}", text.trim_start()),
                        _ => text,
                    };
                    self.finish_block(text, number.map(Where::Paragraph));
                }
            }
            "w:tc" => {
                if let Some(Frame::Table {
                    row,
                    cell,
                    span,
                    cells,
                    ..
                }) = self.stack.last_mut()
                {
                    *cells += 1;
                    let text = cell_text(cell);
                    cell.clear();
                    // Cells past MAX_ROW_CELLS are dropped: no real table is that wide, and a
                    // hostile gridSpan must not multiply the output.
                    let before = row.len();
                    if row.len() < MAX_ROW_CELLS {
                        row.push((text, Some(*cells)));
                    }
                    for _ in 1..*span {
                        if row.len() >= MAX_ROW_CELLS {
                            break;
                        }
                        row.push((String::new(), None));
                    }
                    *span = 1;
                    let added = row.len() - before;
                    self.cells_total += added;
                    if self.cells_total > MAX_CELLS {
                        self.over_limit = Some(format!(
                            "{DOCUMENT_XML} has more than {MAX_CELLS} table cells"
                        ));
                    }
                }
            }
            "w:tr" => {
                if let Some(Frame::Table { rows, row, .. }) = self.stack.last_mut() {
                    rows.push(std::mem::take(row));
                }
            }
            "w:tbl" => {
                if matches!(self.stack.last(), Some(Frame::Table { .. }))
                    && let Some(Frame::Table { rows, number, .. }) = self.stack.pop()
                {
                    self.finish_table(rows, number);
                }
            }
            "w:r" => self.in_run = self.in_run.saturating_sub(1),
            "w:t" => self.in_text = self.in_text.saturating_sub(1),
            "w:pPr" => self.in_ppr = self.in_ppr.saturating_sub(1),
            "w:pPrChange" => self.in_ppr_change = self.in_ppr_change.saturating_sub(1),
            _ => {}
        }
    }

    /// The automatic number Word shows before a paragraph: its own numbering properties, or
    /// its style's (a level given on the paragraph applies to its style's list).
    fn marker(
        &mut self,
        num_id: Option<String>,
        ilvl: Option<usize>,
        style: Option<&str>,
    ) -> Option<String> {
        let (id, level) = match num_id {
            Some(id) => (id, ilvl.unwrap_or(0)),
            None => {
                let (id, style_level) = self.styles.numbering(style?)?;
                (id, ilvl.unwrap_or(style_level))
            }
        };
        if id == "0" {
            return None;
        }
        self.numbering.next(&id, level)
    }

    /// Text inside `<w:t>`.
    fn text(&mut self, s: &str) {
        if self.skipping == 0 && self.in_text > 0 {
            self.push_text(s);
        }
    }

    fn push_text(&mut self, s: &str) {
        if let Some(Frame::Paragraph { text, .. }) = self.stack.last_mut() {
            text.push_str(s);
        }
    }

    /// A finished paragraph or table goes to the enclosing cell (where [`cell_text`] puts it on
    /// one line), or becomes a top-level block. A paragraph inside a paragraph (a text box)
    /// becomes a block of its own.
    fn finish_block(&mut self, text: String, place: Option<Where>) {
        if text.trim().is_empty() {
            return;
        }
        for frame in self.stack.iter_mut().rev() {
            if let Frame::Table { cell, .. } = frame {
                cell.push(text);
                return;
            }
        }
        let places = place.map(|w| (0, text.len(), w)).into_iter().collect();
        self.blocks.push(Block { text, places });
    }

    /// A finished table: rows on lines, cells separated by tabs, each cell's place recorded.
    fn finish_table(&mut self, rows: Vec<Vec<(String, Option<usize>)>>, number: Option<usize>) {
        let Some(table) = number else {
            let text = rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|(c, _)| c.as_str())
                        .collect::<Vec<_>>()
                        .join("\t")
                })
                .collect::<Vec<_>>()
                .join("\n");
            self.finish_block(text, None);
            return;
        };
        let mut text = String::new();
        let mut places = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            if r > 0 {
                text.push('\n');
            }
            for (c, (cell, index)) in row.iter().enumerate() {
                if c > 0 {
                    text.push('\t');
                }
                if let Some(cell_no) = index {
                    places.push((
                        text.len(),
                        text.len() + cell.len(),
                        Where::Cell {
                            table,
                            row: r + 1,
                            cell: *cell_no,
                        },
                    ));
                }
                text.push_str(cell);
            }
        }
        if !text.trim().is_empty() {
            self.blocks.push(Block { text, places });
        }
    }

    fn finish(self) -> (String, Vec<Place>) {
        let mut out = String::new();
        let mut places = Vec::new();
        for (i, b) in self.blocks.into_iter().enumerate() {
            if i > 0 {
                out.push_str("\n\n");
            }
            let base = out.len();
            for (start, end, w) in b.places {
                let (paragraph, table, row, cell) = match w {
                    Where::Paragraph(p) => (Some(p), None, None, None),
                    Where::Cell { table, row, cell } => (None, Some(table), Some(row), Some(cell)),
                };
                places.push(Place {
                    start: base + start,
                    end: base + end,
                    paragraph,
                    table,
                    row,
                    cell,
                });
            }
            out.push_str(&b.text);
        }
        if !out.is_empty() {
            out.push('\n');
        }
        // Text-box blocks come before the paragraph they sit in; keep places sorted.
        places.sort_by_key(|p| p.start);
        (out, places)
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

/// The text of a `word/document.xml` part (no numbering definitions).
pub fn text_of_document_xml(xml: &str) -> Result<String, FileError> {
    extract_parts(xml, None, None).map(|(text, _)| text)
}

/// The text of `word/document.xml` with the automatic numbering of `numbering.xml` (and of the
/// paragraph styles of `styles.xml`) rendered in, and the places of its parts.
pub fn extract_parts(
    xml: &str,
    numbering: Option<&str>,
    styles: Option<&str>,
) -> Result<(String, Vec<Place>), FileError> {
    let mut reader = Reader::from_str(xml);
    let mut x = Extractor {
        numbering: numbering.map(Numbering::parse).unwrap_or_default(),
        styles: styles.map(Styles::parse).unwrap_or_default(),
        ..Extractor::default()
    };
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
        if let Some(why) = x.over_limit.take() {
            return Err(limit(why));
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
