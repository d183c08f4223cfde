//! JSON output (`jxlint check --format json`): the stable contract other tools read.
//!
//! The wire format is written by the plain serde structs below, whose field order is the
//! order in the output; `schemas/output.schema.json` describes the same document and a test
//! validates real output against it. Pretty-printed, with a trailing newline.
//!
//! ```json
//! {
//!   "tool": {"name": "jxlint", "version": "0.1.0"},
//!   "files": [
//!     {
//!       "path": "corpus/report.txt",          // as given on the command line, `/`-separated
//!       "format": "text",                     // text | markdown | docx | json
//!       "encoding": "utf-8",                  // null when the file could not be read
//!       "error": null,                        // or {"kind": "io|decode|docx|parse|unsupported|limit", "message": "…"}
//!       "diagnostics": [
//!         {
//!           "code": "A002",
//!           "name": "ratio-rounding",
//!           "severity": "warning",            // error | warning | info
//!           "message": "…",                   // in the --lang language
//!           "help": "…",                      // or null
//!           "span": {"start": 10234, "end": 10240},
//!           "line": 185, "column": 41,
//!           "labels": [{"span": {"start": 10101, "end": 10107}, "line": 185, "column": 12, "message": "…"}],
//!                                             // a label in another file (the report's text, for
//!                                             // D002) also has "path": "corpus/report.txt"
//!           "expected": "99.67%",             // or null
//!           "found": "99.66%",                // or null
//!           "fix": {"applicability": "safe",  // only when the rule can write the correction
//!                   "edits": [{"span": {"start": 10234, "end": 10239}, "replacement": "99.67"}]},
//!           "docx": {"paragraph": 12}         // .docx only: {"table": 1, "row": 3, "cell": 2} in a table
//!         }
//!       ],
//!       "score": null,                        // or the re-scored scorecard (below)
//!       "stats": {"figures": 312, "relations": 45, "errors": 0, "warnings": 1, "infos": 0}
//!     }
//!   ],
//!   "summary": {"files": 1, "errors": 0, "warnings": 1, "infos": 0}
//! }
//! ```
//!
//! * `span.start`/`span.end` are byte offsets into the file's text decoded to UTF-8 (the
//!   original bytes for UTF-8 files), on character boundaries; `line` and `column` are
//!   1-based, the column counted in characters, both of `span.start`.
//! * A label whose span is in another file than its diagnostic carries that file's `path`;
//!   its span, line and column are in that file.
//! * `fix` is present only for a finding of a plain-text or Markdown file whose rule can write
//!   the correction: `applicability` `safe` (applied by `--fix`) or `unsafe` (never applied),
//!   and the `edits`, each a byte span of the file's text and its replacement.
//! * `docx` (only for `.docx` files) is where the finding is in the Word document: the
//!   paragraph of the body (every paragraph outside tables counted from 1, empty ones too),
//!   or the table, row and cell.
//! * Messages, help and label messages are in the language chosen with `--lang`; codes,
//!   names, severities, `expected` and `found` are never translated.
//! * `score` is `null` when the file states no score; otherwise the [`ScoreReport`]
//!   (documented in `score/report.rs`): the rubric, the claimed and recomputed totals and
//!   grades, every indicator with its weight, claimed and recomputed score, status
//!   (`confirmed`, `unsupported`, `over_weight`, `sum_mismatch`, `unchecked`, `uncertain`),
//!   the rule applied and the evidence (text, line, column, span), the stated totals and
//!   grades with their checks, the score tables with the rows that could not be read, and the
//!   adjustments that lead from the claimed to the recomputed total. Decimals are strings.
//! * Fields are only ever added, never renamed or removed; consumers should ignore fields
//!   they do not know.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Lang};
use crate::model::Span;
use crate::outcome::{FileReport, Outcome, Stats};
use crate::relations::candidate::{CandidateKind, KindCount};
use crate::score::ScoreReport;
use crate::source::LineIndex;
use crate::source::docx::Place;

use super::{clamp_span, line_col};

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    format: &'static str,
    encoding: Option<&'static str>,
    error: Option<FileError<'a>>,
    diagnostics: Vec<Diag<'a>>,
    score: Option<ScoreReport>,
    stats: FileStats,
    /// With `--coverage`: the candidates left unbound, with their reasons.
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage: Option<Vec<Unbound<'a>>>,
}

#[derive(Serialize)]
struct Unbound<'a> {
    kind: &'static str,
    reason: &'static str,
    message: &'static str,
    text: &'a str,
    span: JsonSpan,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct FileError<'a> {
    kind: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct Diag<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    span: JsonSpan,
    line: usize,
    column: usize,
    labels: Vec<JsonLabel<'a>>,
    expected: Option<&'a str>,
    found: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    docx: Option<Place>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: crate::diagnostic::Applicability,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    span: JsonSpan,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonSpan {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    /// Only for a label in another file.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    span: JsonSpan,
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct FileStats {
    figures: usize,
    relations: usize,
    unbound: usize,
    candidates: std::collections::BTreeMap<&'static str, KindCount>,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

/// The whole run as the JSON document described in the module docs.
pub fn render_json(outcome: &Outcome, lang: Lang) -> String {
    render_json_with(outcome, lang, false)
}

/// [`render_json`], with each file's unbound candidates (`coverage`) when asked for.
pub fn render_json_with(outcome: &Outcome, lang: Lang, coverage: bool) -> String {
    let mut json = json_head();
    for (k, f) in outcome.files.iter().enumerate() {
        json.push_str(&json_file_with(f, k == 0, outcome, lang, coverage));
    }
    json.push_str(&json_tail(outcome.files.len(), &outcome.totals()));
    json
}

/// The JSON document in pieces, for output streamed batch by batch: [`json_head`], then
/// [`json_file`] for every file in order, then [`json_tail`]. Together they are exactly
/// [`render_json`]'s pretty-printed document.
pub fn json_head() -> String {
    let tool = pretty(&Tool {
        name: env!("CARGO_PKG_NAME"),
        version: env!("CARGO_PKG_VERSION"),
    });
    format!(
        "{{\n  \"tool\": {},\n  \"files\": [",
        indent(&tool, 2, false)
    )
}

/// One element of `files` (`first`: no comma before it); labels in other files are placed
/// with the files of `outcome`.
pub fn json_file(f: &FileReport, first: bool, outcome: &Outcome, lang: Lang) -> String {
    json_file_with(f, first, outcome, lang, false)
}

/// [`json_file`], with the file's unbound candidates when `coverage` is set.
pub fn json_file_with(
    f: &FileReport,
    first: bool,
    outcome: &Outcome,
    lang: Lang,
    coverage: bool,
) -> String {
    let mut out = String::from(if first { "\n" } else { ",\n" });
    pretty_indented_into(&mut out, &file(f, outcome, lang, coverage), 4, true);
    out
}

/// The end of the document: `files` closed (`files` elements were written) and the summary.
pub fn json_tail(files: usize, totals: &Stats) -> String {
    let summary = pretty(&Summary {
        files,
        errors: totals.errors,
        warnings: totals.warnings,
        infos: totals.infos,
    });
    let close = if files == 0 { "]" } else { "\n  ]" };
    format!(
        "{close},\n  \"summary\": {}\n}}\n",
        indent(&summary, 2, false)
    )
}

pub(super) fn pretty<T: Serialize>(value: &T) -> String {
    // The structs of this module and of `sarif` hold only strings, integers, booleans, options
    // and vectors:
    // serialising them cannot fail, whatever the input was.
    serde_json::to_string_pretty(value)
        .expect("serialising plain structs of strings and integers cannot fail")
}

/// [`pretty`] of `value` [`indent`]ed by `n` spaces, appended to `out` as it is written (no
/// second pass over the text).
pub(super) fn pretty_indented_into<T: Serialize>(
    out: &mut String,
    value: &T,
    n: usize,
    first: bool,
) {
    let mut buf = std::mem::take(out).into_bytes();
    if first {
        buf.resize(buf.len() + n, b' ');
    }
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, Padded::new(n));
    // As in `pretty`: plain structs of strings and integers serialise whatever the input was.
    value
        .serialize(&mut ser)
        .expect("serialising plain structs of strings and integers cannot fail");
    // serde_json writes whole UTF-8 strings and ASCII structure.
    *out = String::from_utf8(buf).expect("serde_json writes UTF-8");
}

/// serde_json's pretty formatter (two spaces a level) with `pad` more spaces after every line
/// break: what [`indent`] makes of [`pretty`]'s text, written in one pass.
struct Padded {
    level: usize,
    has_value: bool,
    pad: usize,
}

impl Padded {
    fn new(pad: usize) -> Padded {
        Padded {
            level: 0,
            has_value: false,
            pad,
        }
    }

    /// A line break and the indentation of the current level.
    fn newline<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        const SPACES: &[u8; 64] = &[b' '; 64];
        w.write_all(b"\n")?;
        let mut n = self.pad + 2 * self.level;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Padded {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Every line of `s` but the first (or every line, with `first`) indented by `n` spaces;
/// JSON strings never hold a raw line break, so this only moves structure.
pub(super) fn indent(s: &str, n: usize, first: bool) -> String {
    let pad = " ".repeat(n);
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for (k, line) in s.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        if k > 0 || first {
            out.push_str(&pad);
        }
        out.push_str(line);
    }
    out
}

fn file<'a>(f: &'a FileReport, outcome: &'a Outcome, lang: Lang, coverage: bool) -> File<'a> {
    let index = LineIndex::new(&f.text);
    let others = Others::new(outcome);
    File {
        path: &f.display_path,
        format: f.format.as_str(),
        encoding: f.encoding,
        error: f.error.as_ref().map(|e| FileError {
            kind: e.kind,
            message: &e.message,
        }),
        diagnostics: f
            .diagnostics
            .iter()
            .map(|d| {
                let mut out = diag(d, &f.text, &index, &others, lang);
                out.docx = Place::find(&f.places, d.span.start);
                out
            })
            .collect(),
        score: f
            .score
            .as_ref()
            .map(|s| ScoreReport::build_with(&f.text, &index, s, lang)),
        stats: stats(&f.stats),
        coverage: coverage.then(|| {
            f.unbound
                .iter()
                .filter_map(|c| {
                    let crate::relations::candidate::Outcome::Unbound(r) = c.outcome else {
                        return None;
                    };
                    let (line, column) = line_col(&index, &f.text, c.span.start);
                    let sp = clamp_span(&f.text, c.span);
                    let (zh, en) = r.describe();
                    Some(Unbound {
                        kind: c.kind.as_str(),
                        reason: r.as_str(),
                        message: match lang {
                            Lang::Zh => zh,
                            Lang::En => en,
                        },
                        text: f.text.get(sp.start..sp.end).unwrap_or(""),
                        span: span(&f.text, c.span),
                        line,
                        column,
                    })
                })
                .collect()
        }),
    }
}

/// The other files of the run, for labels that point into them.
struct Others<'a> {
    outcome: &'a Outcome,
    indexes: std::cell::RefCell<Vec<(usize, LineIndex)>>,
}

impl<'a> Others<'a> {
    fn new(outcome: &'a Outcome) -> Others<'a> {
        Others {
            outcome,
            indexes: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// The span, line and column of `s` in the file shown as `path` (an empty text when the
    /// file is not part of the run, so that positions clamp to 1:1).
    fn place(&self, path: &str, s: Span) -> (JsonSpan, usize, usize) {
        let Some(k) = self
            .outcome
            .files
            .iter()
            .position(|f| f.display_path == path)
        else {
            return (span("", s), 1, 1);
        };
        let text = &self.outcome.files[k].text;
        let mut indexes = self.indexes.borrow_mut();
        if !indexes.iter().any(|(i, _)| *i == k) {
            indexes.push((k, LineIndex::new(text)));
        }
        let (line, column) = indexes
            .iter()
            .find(|(i, _)| *i == k)
            .map_or((1, 1), |(_, index)| line_col(index, text, s.start));
        (span(text, s), line, column)
    }
}

fn diag<'a>(
    d: &'a Diagnostic,
    text: &str,
    index: &LineIndex,
    others: &Others<'_>,
    lang: Lang,
) -> Diag<'a> {
    let (line, column) = line_col(index, text, d.span.start);
    Diag {
        code: d.code,
        name: d.name,
        severity: d.severity.as_str(),
        message: d.message.get(lang),
        help: d.help.as_ref().map(|h| h.get(lang)),
        span: span(text, d.span),
        line,
        column,
        labels: d
            .labels
            .iter()
            .map(|l| match &l.file {
                Some(path) => {
                    let (span, line, column) = others.place(path, l.span);
                    JsonLabel {
                        path: Some(path),
                        span,
                        line,
                        column,
                        message: l.message.get(lang),
                    }
                }
                None => {
                    let (line, column) = line_col(index, text, l.span.start);
                    JsonLabel {
                        path: None,
                        span: span(text, l.span),
                        line,
                        column,
                        message: l.message.get(lang),
                    }
                }
            })
            .collect(),
        expected: d.expected.as_deref(),
        found: d.found.as_deref(),
        fix: d.fix.as_ref().map(|f| JsonFix {
            applicability: f.applicability,
            edits: f
                .edits
                .iter()
                .map(|e| JsonEdit {
                    span: span(text, e.span),
                    replacement: &e.replacement,
                })
                .collect(),
        }),
        docx: None,
    }
}

/// Spans as the text can be sliced with them (a rule's span past the end is clamped).
fn span(text: &str, s: Span) -> JsonSpan {
    let s = clamp_span(text, s);
    JsonSpan {
        start: s.start,
        end: s.end,
    }
}

fn stats(s: &Stats) -> FileStats {
    FileStats {
        figures: s.figures,
        relations: s.relations,
        unbound: s.unbound,
        candidates: CandidateKind::ALL
            .iter()
            .zip(&s.candidates)
            .filter(|(_, c)| **c != KindCount::default())
            .map(|(k, c)| (k.as_str(), *c))
            .collect(),
        errors: s.errors,
        warnings: s.warnings,
        infos: s.infos,
    }
}
