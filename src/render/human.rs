//! Human output: miette's graphical report for each diagnostic.
//!
//! [`Report`] wraps one of our [`Diagnostic`]s with the file's text and implements
//! [`miette::Diagnostic`] once: the primary span is underlined and carries the primary label
//! (or the message), every secondary label is drawn where it points, `help` is the footer,
//! and the code reads `A002 ratio-rounding`. Severities map to miette's error, warning and
//! advice. miette measures the display width of CJK text itself, so underlines line up under
//! Chinese figures.
//!
//! miette counts the column in its `[path:line:col]` header in bytes; [`CharColumns`] makes
//! it count characters, like the concise and JSON output.
//!
//! A label in another file (D002: the report's text beside its data) cannot share the
//! snippet of the diagnostic's own file: it is drawn as a related note below it, with its own
//! snippet of that file.
//!
//! The output is deterministic for a given width and theme: tests render with
//! [`GraphicalTheme::unicode_nocolor`] at a fixed width, and the snapshots are byte-stable.

use std::fmt;
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    NamedSource, SourceCode, SourceSpan, SpanContents,
};

use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::model::Span;
use crate::outcome::{FileReport, Outcome};
use crate::source::LineIndex;
use crate::source::docx::Place;

use super::{
    blank_controls, clamp_span, file_error_line, file_summary, line_col, strip_controls,
    total_summary,
};

/// How the human output looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HumanOptions {
    /// ANSI colours (for a terminal); monochrome otherwise.
    pub color: bool,
    /// Width the report is wrapped to, in terminal columns.
    pub width: usize,
    /// Print the per-file and total summary lines.
    pub summary: bool,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            color: false,
            width: 100,
            summary: true,
        }
    }
}

/// Render every file: its diagnostics, then (when it had findings) its summary line; files
/// that could not be read as one `error:` line; and the total summary at the end.
pub fn render_human(outcome: &Outcome, lang: Lang, options: &HumanOptions) -> String {
    let mut out = render_human_files(outcome, lang, options);
    if options.summary {
        out.push_str(&total_summary(outcome, lang));
        out.push('\n');
    }
    out
}

/// [`render_human`] without the total summary: one batch of a streamed run.
pub fn render_human_files(outcome: &Outcome, lang: Lang, options: &HumanOptions) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .without_syntax_highlighting();
    let mut out = String::new();
    for file in &outcome.files {
        if let Some(line) = file_error_line(file, lang) {
            out.push_str(&strip_controls(&line));
            out.push_str("\n\n");
        }
        if file.diagnostics.is_empty() {
            continue;
        }
        render_file(&mut out, &handler, file, outcome, lang);
        if options.summary {
            out.push_str(&strip_controls(&file_summary(file, lang)));
            out.push_str("\n\n");
        }
    }
    out
}

fn render_file(
    out: &mut String,
    handler: &GraphicalReportHandler,
    file: &FileReport,
    outcome: &Outcome,
    lang: Lang,
) {
    // Control characters of the report are blanked (same byte length, so spans still fit) and
    // stripped from messages and names: nothing from a file reaches the terminal raw.
    let text: Arc<str> = Arc::from(blank_controls(&file.text).as_ref());
    let name = strip_controls(&file.display_path);
    let index = LineIndex::new(&file.text);
    for diag in &file.diagnostics {
        let mut report = Report::new(diag, lang, &name, &text, &index);
        for l in &diag.labels {
            let Some(path) = &l.file else { continue };
            let other = outcome
                .files
                .iter()
                .find(|f| &f.display_path == path)
                .map_or("", |f| f.text.as_str());
            report.related.push(Related::new(
                l,
                lang,
                &strip_controls(path),
                &Arc::from(blank_controls(other).as_ref()),
                &LineIndex::new(other),
            ));
        }
        let mut buf = String::new();
        match handler.render_report(&mut buf, &report) {
            Ok(()) => out.push_str(&buf),
            // miette could not lay the snippet out: say the same thing on one line.
            Err(fmt::Error) => {
                let (line, col) = line_col(&index, &file.text, diag.span.start);
                out.push_str(&format!(
                    "{}:{line}:{col}: {} {} [{}] {}\n",
                    name,
                    diag.code,
                    diag.name,
                    diag.severity.as_str(),
                    strip_controls(diag.message.get(lang))
                ));
            }
        }
        if let Some(place) = Place::find(&file.places, diag.span.start) {
            out.push_str(&match lang {
                Lang::Zh => format!("  Word 文档中的位置：{}\n", place.describe(true)),
                Lang::En => format!("  in the Word document: {}\n", place.describe(false)),
            });
        }
        out.push('\n');
    }
}

/// One diagnostic, in one language, with the text it points into.
pub struct Report<'a> {
    diag: &'a Diagnostic,
    lang: Lang,
    /// The message and help in `lang`, without control characters.
    message: String,
    help: Option<String>,
    code: String,
    source: Source,
    labels: Vec<LabeledSpan>,
    /// Labels in other files, each drawn with its own file's snippet.
    pub related: Vec<Related>,
}

/// A label in another file, drawn below the diagnostic it belongs to.
pub struct Related {
    /// `see also` / `另见`: the header miette prints after `Advice:`.
    header: &'static str,
    message: String,
    source: Source,
    label: LabeledSpan,
}

impl Related {
    /// `name` is the other file's display path, `text` its decoded text.
    pub fn new(
        label: &crate::diagnostic::Label,
        lang: Lang,
        name: &str,
        text: &Arc<str>,
        index: &LineIndex,
    ) -> Related {
        let s = clamp_span(text, label.span);
        // A long line of the other file is shown as an excerpt around the span, as in the
        // finding's own file.
        let excerpt = super::excerpt::excerpt_in(text, index, &[s]);
        let window = CharColumns::around(text, index, &[s]);
        let at = match &excerpt {
            Some(e) => {
                let at = e.map(s);
                SourceSpan::from((at.start, at.len()))
            }
            None => window.shift(s),
        };
        let message = strip_controls(label.message.get(lang)).into_owned();
        Related {
            header: match lang {
                Lang::Zh => "另见",
                Lang::En => "see also",
            },
            label: LabeledSpan::new_primary_with_span(Some(message.clone()), at),
            message,
            source: match excerpt {
                Some(excerpt) => Source::Excerpt(NamedSource::new(
                    name,
                    super::excerpt::ExcerptSource { excerpt },
                )),
                None => Source::Whole(NamedSource::new(name, window)),
            },
        }
    }
}

impl fmt::Debug for Related {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Related")
            .field("message", &self.message)
            .finish()
    }
}

impl fmt::Display for Related {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Related {}

impl miette::Diagnostic for Related {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.header))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(match &self.source {
            Source::Whole(s) => s,
            Source::Excerpt(s) => s,
        })
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.label.clone())))
    }
}

impl<'a> Report<'a> {
    /// `name` is the path shown in the snippet header; `text` the file's decoded text.
    pub fn new(
        diag: &'a Diagnostic,
        lang: Lang,
        name: &str,
        text: &Arc<str>,
        index: &LineIndex,
    ) -> Report<'a> {
        // Long lines (whole paragraphs from PDF or Word) are shown as excerpts around the spans.
        let all: Vec<Span> = std::iter::once(diag.span)
            .chain(
                diag.labels
                    .iter()
                    .filter(|l| l.file.is_none())
                    .map(|l| l.span),
            )
            .map(|s| clamp_span(text, s))
            .collect();
        let excerpt = super::excerpt::excerpt_in(text, index, &all);
        let window = CharColumns::around(text, index, &all);
        let span = |s: Span| {
            let s = clamp_span(text, s);
            match &excerpt {
                Some(e) => {
                    let s = e.map(s);
                    SourceSpan::from((s.start, s.len()))
                }
                None => window.shift(s),
            }
        };
        let primary = diag
            .primary_label
            .as_ref()
            .unwrap_or(&diag.message)
            .get(lang);
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(strip_controls(primary).into_owned()),
            span(diag.span),
        )];
        labels.extend(diag.labels.iter().filter(|l| l.file.is_none()).map(|l| {
            LabeledSpan::new_with_span(
                Some(strip_controls(l.message.get(lang)).into_owned()),
                span(l.span),
            )
        }));
        Report {
            diag,
            lang,
            message: strip_controls(diag.message.get(lang)).into_owned(),
            help: diag
                .help
                .as_ref()
                .map(|h| strip_controls(h.get(lang)).into_owned()),
            code: format!("{} {}", diag.code, diag.name),
            source: match excerpt {
                Some(excerpt) => Source::Excerpt(NamedSource::new(
                    name,
                    super::excerpt::ExcerptSource { excerpt },
                )),
                None => Source::Whole(NamedSource::new(name, window)),
            },
            labels,
            related: Vec::new(),
        }
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report")
            .field("diag", self.diag)
            .field("lang", &self.lang)
            .finish()
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = self.help.as_ref()?;
        Some(Box::new(help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(match &self.source {
            Source::Whole(s) => s,
            Source::Excerpt(s) => s,
        })
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}

/// The text a report is drawn on: the whole file, or an excerpt of its long lines.
enum Source {
    Whole(NamedSource<CharColumns>),
    Excerpt(NamedSource<super::excerpt::ExcerptSource>),
}

/// The lines of a file's text a diagnostic is drawn on (those of its spans, and one more on
/// each side for context), whose span contents report the file's line numbers and the column
/// in characters, not bytes. Spans given to miette are relative to the window, so drawing a
/// finding costs the lines it shows, not the whole file.
#[derive(Debug, Clone)]
pub struct CharColumns {
    text: Arc<str>,
    /// Byte range of the window in `text`.
    start: usize,
    end: usize,
    /// 0-based number of the window's first line in the file.
    first_line: usize,
}

impl CharColumns {
    /// The window of `text` around `spans` (on character boundaries).
    fn around(text: &Arc<str>, index: &LineIndex, spans: &[Span]) -> CharColumns {
        let first = spans
            .iter()
            .map(|s| index.line_of(s.start))
            .min()
            .unwrap_or(0);
        let last = spans
            .iter()
            .map(|s| index.line_of(s.end))
            .max()
            .unwrap_or(0);
        let from = first.saturating_sub(1);
        let to = last + 1;
        let start = index.line_range(text, from + 1).map_or(0, |r| r.start);
        // Up to the start of the line after the window (its line break included).
        let end = index
            .line_range(text, to + 2)
            .map_or(text.len(), |r| r.start)
            .max(start);
        CharColumns {
            text: Arc::clone(text),
            start,
            end,
            first_line: from,
        }
    }

    /// A span of the file as a span of the window.
    fn shift(&self, s: Span) -> SourceSpan {
        let a = s.start.clamp(self.start, self.end) - self.start;
        let b = s.end.clamp(self.start, self.end) - self.start;
        SourceSpan::from((a, b.saturating_sub(a)))
    }
}

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text: &'a str = self.text.get(self.start..self.end).unwrap_or_default();
        let inner = text.read_span(span, context_lines_before, context_lines_after)?;
        // miette's column is that of the span's start, counted from the last line break.
        let offset = clamp_span(text, Span::new(span.offset(), span.offset())).start;
        let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let column = text[line_start..offset].chars().count();
        Ok(Box::new(MietteSpanContents::new(
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            // miette's "line count" is the number of line breaks from the start of the source
            // (it compares it with line numbers to merge snippets): count those before the
            // window too, as if the whole text had been read.
            inner.line_count() + self.first_line,
        )))
    }
}
