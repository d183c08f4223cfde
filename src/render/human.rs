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

use super::{clamp_span, file_error_line, file_summary, line_col, total_summary};

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
            out.push_str(&line);
            out.push_str("\n\n");
            continue;
        }
        if file.diagnostics.is_empty() {
            continue;
        }
        render_file(&mut out, &handler, file, outcome, lang);
        if options.summary {
            out.push_str(&file_summary(file, lang));
            out.push_str("\n\n");
        }
    }
    if options.summary {
        out.push_str(&total_summary(outcome, lang));
        out.push('\n');
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
    let text: Arc<str> = Arc::from(file.text.as_str());
    let index = LineIndex::new(&file.text);
    for diag in &file.diagnostics {
        let mut report = Report::new(diag, lang, &file.display_path, &text);
        for l in &diag.labels {
            let Some(path) = &l.file else { continue };
            let other = outcome
                .files
                .iter()
                .find(|f| &f.display_path == path)
                .map_or("", |f| f.text.as_str());
            report
                .related
                .push(Related::new(l, lang, path, &Arc::from(other)));
        }
        let mut buf = String::new();
        match handler.render_report(&mut buf, &report) {
            Ok(()) => out.push_str(&buf),
            // miette could not lay the snippet out: say the same thing on one line.
            Err(fmt::Error) => {
                let (line, col) = line_col(&index, &file.text, diag.span.start);
                out.push_str(&format!(
                    "{}:{line}:{col}: {} {} [{}] {}\n",
                    file.display_path,
                    diag.code,
                    diag.name,
                    diag.severity.as_str(),
                    diag.message.get(lang)
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
    ) -> Related {
        let s = clamp_span(text, label.span);
        // A long line of the other file is shown as an excerpt around the span, as in the
        // finding's own file.
        let excerpt = super::excerpt::excerpt(text, &[s]);
        let at = excerpt.as_ref().map_or(s, |e| e.map(s));
        let message = label.message.get(lang).to_string();
        Related {
            header: match lang {
                Lang::Zh => "另见",
                Lang::En => "see also",
            },
            label: LabeledSpan::new_primary_with_span(
                Some(message.clone()),
                SourceSpan::from((at.start, at.len())),
            ),
            message,
            source: match excerpt {
                Some(excerpt) => Source::Excerpt(NamedSource::new(
                    name,
                    super::excerpt::ExcerptSource { excerpt },
                )),
                None => Source::Whole(NamedSource::new(name, CharColumns(Arc::clone(text)))),
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
    pub fn new(diag: &'a Diagnostic, lang: Lang, name: &str, text: &Arc<str>) -> Report<'a> {
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
        let excerpt = super::excerpt::excerpt(text, &all);
        let span = |s: Span| {
            let s = clamp_span(text, s);
            let s = excerpt.as_ref().map_or(s, |e| e.map(s));
            SourceSpan::from((s.start, s.len()))
        };
        let primary = diag
            .primary_label
            .as_ref()
            .unwrap_or(&diag.message)
            .get(lang);
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(primary.to_string()),
            span(diag.span),
        )];
        labels.extend(diag.labels.iter().filter(|l| l.file.is_none()).map(|l| {
            LabeledSpan::new_with_span(Some(l.message.get(lang).to_string()), span(l.span))
        }));
        Report {
            diag,
            lang,
            code: format!("{} {}", diag.code, diag.name),
            source: match excerpt {
                Some(excerpt) => Source::Excerpt(NamedSource::new(
                    name,
                    super::excerpt::ExcerptSource { excerpt },
                )),
                None => Source::Whole(NamedSource::new(name, CharColumns(Arc::clone(text)))),
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
        f.write_str(self.diag.message.get(self.lang))
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
        let help = self.diag.help.as_ref()?;
        Some(Box::new(help.get(self.lang)))
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

/// A file's text whose span contents report the column in characters, not bytes.
#[derive(Debug, Clone)]
pub struct CharColumns(pub Arc<str>);

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text: &'a str = &self.0;
        let inner = text.read_span(span, context_lines_before, context_lines_after)?;
        // miette's column is that of the span's start, counted from the last line break.
        let offset = clamp_span(text, Span::new(span.offset(), span.offset())).start;
        let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let column = text[line_start..offset].chars().count();
        Ok(Box::new(MietteSpanContents::new(
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}
