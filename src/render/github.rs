//! GitHub Actions workflow commands (`--format github`): one `::error`, `::warning` or
//! `::notice` line per finding, so findings appear as annotations on the changed report.

use crate::diagnostic::{Lang, Severity};
use crate::outcome::Outcome;
use crate::source::LineIndex;

use super::{clamp_span, line_col};

/// Escape a command's message.
fn data(s: &str) -> String {
    super::strip_controls(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command per diagnostic; unreadable files as `::error file=…::`.
pub fn render_github(outcome: &Outcome, lang: Lang) -> String {
    let mut out = String::new();
    for f in &outcome.files {
        let file = property(&f.display_path);
        if let Some(e) = &f.error {
            out.push_str(&format!(
                "::error file={file}::{}\n",
                data(&super::file_error_text(e, lang))
            ));
        }
        let index = LineIndex::new(&f.text);
        for d in &f.diagnostics {
            let span = clamp_span(&f.text, d.span);
            let (line, col) = line_col(&index, &f.text, span.start);
            let (end_line, end_col) = line_col(&index, &f.text, span.end);
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = d.message.get(lang).to_string();
            if let Some(h) = &d.help {
                message.push_str(" — ");
                message.push_str(h.get(lang));
            }
            out.push_str(&format!(
                "::{command} file={file},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}\n",
                property(&format!("{} {}", d.code, d.name)),
                data(&message)
            ));
        }
    }
    out
}
