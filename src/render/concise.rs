//! Concise output: one line per finding, easy to grep and to jump to from an editor.
//!
//! ```text
//! corpus/report.txt:185:41: A002 [warning] 预算执行率写作 99.66%，应为 99.67%
//! corpus/broken.txt: error: decode: invalid utf-8 sequence of 1 bytes from index 3
//! ```
//!
//! Lines and columns are 1-based; columns count characters. The code and the severity are
//! never translated, the message is in the requested language. A finding that points into
//! another file as well (D002: the report's text beside its data) ends with
//! `[see path:line:col]` for each such place. A summary line ends the output unless it is
//! turned off.

use crate::diagnostic::Lang;
use crate::outcome::Outcome;
use crate::source::LineIndex;

use super::{line_col, total_summary};

/// Render every diagnostic and every unreadable file on its own line, in file order.
pub fn render_concise(outcome: &Outcome, lang: Lang, summary: bool) -> String {
    let mut out = String::new();
    for file in &outcome.files {
        if let Some(e) = &file.error {
            // `error:` stays as it is: tools read this format.
            out.push_str(&format!(
                "{}: error: {}\n",
                one_line(&file.display_path),
                one_line(&super::file_error_text(e, lang))
            ));
        }
        if file.diagnostics.is_empty() {
            continue;
        }
        let index = LineIndex::new(&file.text);
        for d in &file.diagnostics {
            let (line, col) = line_col(&index, &file.text, d.span.start);
            let mut elsewhere = String::new();
            for l in &d.labels {
                let Some(path) = &l.file else { continue };
                let (ol, oc) = outcome
                    .files
                    .iter()
                    .find(|f| &f.display_path == path)
                    .map_or((1, 1), |f| {
                        line_col(&LineIndex::new(&f.text), &f.text, l.span.start)
                    });
                elsewhere.push_str(&format!(" [see {}:{ol}:{oc}]", one_line(path)));
            }
            if let Some(place) = crate::source::docx::Place::find(&file.places, d.span.start) {
                elsewhere.push_str(&format!(" [{}]", place.describe(lang == Lang::Zh)));
            }
            out.push_str(&format!(
                "{}:{line}:{col}: {} [{}] {}{elsewhere}\n",
                one_line(&file.display_path),
                d.code,
                d.severity.as_str(),
                one_line(d.message.get(lang))
            ));
        }
    }
    if summary {
        out.push_str(&total_summary(outcome, lang));
        out.push('\n');
    }
    out
}

/// A message on one line, whatever it contains.
fn one_line(s: &str) -> String {
    super::strip_controls(s)
        .split(['\r', '\n'])
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
