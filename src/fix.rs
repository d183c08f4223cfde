//! Applying fixes: `jxlint check --fix` and `--diff`.
//!
//! A rule attaches a [`Fix`](crate::diagnostic::Fix) to a finding when it can write the
//! correct text; only `safe` fixes — those whose correct value is certain — are applied. Each
//! rule's documentation says whether it has one. Fixes are applied to plain text and Markdown
//! read as UTF-8 only: their spans are the file's own bytes (after a byte order mark, which is
//! kept). Word documents, report data and files in other encodings are never rewritten.
//!
//! A file is fixed to a fixed point: the safe fixes are applied (a fix whose edits overlap an
//! earlier one waits for the next pass), the text is checked again, and the new safe fixes
//! applied, at most [`MAX_PASSES`] times. Everything else in the file stays byte for byte.
//!
//! Writes are atomic — a temporary file in the same folder, renamed over the original — and
//! a file whose bytes changed since it was read is left alone with an error.

use std::io::Write as _;
use std::path::Path;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::lint::{FileReport, Options, Outcome};
use crate::model::SourceFormat;

/// The most passes of fix-and-recheck over one file.
pub const MAX_PASSES: usize = 8;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether a checked file may be rewritten: plain text or Markdown, decoded from UTF-8.
pub fn rewritable(report: &FileReport) -> bool {
    report.error.is_none()
        && report.encoding == Some("utf-8")
        && matches!(report.format, SourceFormat::Text | SourceFormat::Markdown)
}

/// `text` with the safe fixes of `diags` applied, and how many were applied. A fix is applied
/// whole or not at all; one that overlaps a fix already taken is left for a later pass.
pub fn apply_safe(text: &str, diags: &[Diagnostic]) -> (String, usize) {
    let mut fixes: Vec<&[Edit]> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability == Applicability::Safe && !f.edits.is_empty())
        .map(|f| f.edits.as_slice())
        .collect();
    fixes.sort_by_key(|e| (e[0].span.start, e[0].span.end));
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for edits in fixes {
        let fits = edits.iter().all(|e| {
            e.span.start <= e.span.end
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
                && e.span.end <= text.len()
                && taken
                    .iter()
                    .all(|t| e.span.end <= t.span.start || e.span.start >= t.span.end)
        });
        // The same edit from two findings (two rules agreeing) is applied once.
        let duplicate = edits.iter().all(|e| taken.contains(&e));
        if duplicate {
            continue;
        }
        if fits {
            taken.extend(edits);
            applied += 1;
        }
    }
    taken.sort_by_key(|e| e.span.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in taken {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Fix a text to a fixed point: `first` are its findings as reported; each later pass checks
/// the text again with `options`, keeping the findings `keep` lets through (a baseline's new
/// ones). Returns the fixed text and the number of fixes applied.
pub fn fix_text(
    text: &str,
    format: SourceFormat,
    options: &Options,
    first: &[Diagnostic],
    keep: &dyn Fn(&str, Vec<Diagnostic>) -> Vec<Diagnostic>,
) -> (String, usize) {
    let (mut current, mut total) = apply_safe(text, first);
    if total == 0 {
        return (current, 0);
    }
    for _ in 1..MAX_PASSES {
        let (_, diags) = crate::lint::lint_text(&current, format, options);
        let diags = keep(&current, diags);
        let (next, n) = apply_safe(&current, &diags);
        if n == 0 || next == current {
            break;
        }
        current = next;
        total += n;
    }
    (current, total)
}

/// Which findings of a file's text are reported (a baseline keeps only the new ones).
pub type Keep<'a> = dyn Fn(&Path, &str, Vec<Diagnostic>) -> Vec<Diagnostic> + 'a;

/// What fixing a run did (or, for `--diff`, would do).
#[derive(Debug, Default)]
pub struct Run {
    /// The unified diffs, for `--diff` (empty when writing).
    pub diff: String,
    /// Fixes applied (or that would be) and the files they are in.
    pub fixes: usize,
    pub files: usize,
    /// Text files with fixes left alone for their encoding: display path and encoding.
    pub not_utf8: Vec<(String, &'static str)>,
    /// Files that could not be written: display path and cause.
    pub failed: Vec<(String, String)>,
}

/// Fix every rewritable file of a checked run to a fixed point (see [`fix_text`]) and write
/// it, or with `diff_only` collect the diffs instead. `options_for` gives each file's options,
/// `keep` the findings that are reported. A file named twice is fixed once.
pub fn run(
    outcome: &Outcome,
    diff_only: bool,
    options_for: &dyn Fn(&Path) -> Arc<Options>,
    keep: &Keep<'_>,
) -> Run {
    let mut out = Run::default();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    for f in &outcome.files {
        if !seen.insert(std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone())) {
            continue;
        }
        if !rewritable(f) {
            // Fixes are kept only for plain text and Markdown: one with fixes here was read
            // from another encoding.
            if f.diagnostics.iter().any(|d| d.fix.is_some()) {
                out.not_utf8
                    .push((f.display_path.clone(), f.encoding.unwrap_or("?")));
            }
            continue;
        }
        let options = options_for(&f.path);
        let (fixed, n) = fix_text(&f.text, f.format, &options, &f.diagnostics, &|t, d| {
            keep(&f.path, t, d)
        });
        if fixed == f.text {
            continue;
        }
        if diff_only {
            out.diff
                .push_str(&unified_diff(&f.display_path, &f.text, &fixed));
        } else if let Err(e) = write(&f.path, &f.text, &fixed) {
            out.failed.push((f.display_path.clone(), e));
            continue;
        }
        out.fixes += n;
        out.files += 1;
    }
    out
}

/// A unified diff of a file's fix, both headers naming `display`.
pub fn unified_diff(display: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(display, display)
        .to_string()
}

/// Replace the file at `path`, read as `original` (its UTF-8 text after any byte order mark),
/// with `fixed`: written to a temporary file in the same folder and renamed over it, with
/// the same permissions and byte order mark (through a symbolic link, the file it points at). Refused when the file's bytes are no longer
/// `original`'s.
pub fn write(path: &Path, original: &str, fixed: &str) -> Result<(), String> {
    let io = |e: std::io::Error| crate::source::io_message(&e);
    // A symbolic link is followed: the report it points at is replaced, not the link.
    let target = std::fs::canonicalize(path).map_err(io)?;
    let path = target.as_path();
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let bom = unchanged(path, original)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".jxlint-fix-")
        .tempfile_in(folder)
        .map_err(io)?;
    if bom {
        tmp.write_all(UTF8_BOM).map_err(io)?;
    }
    tmp.write_all(fixed.as_bytes()).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    let permissions = std::fs::metadata(path).map_err(io)?.permissions();
    std::fs::set_permissions(tmp.path(), permissions).map_err(io)?;
    // Compared once more just before the rename: an editor saving meanwhile wins.
    unchanged(path, original)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Whether the file still holds `original` (returning whether it starts with a byte order
/// mark); an error when it changed since it was read.
fn unchanged(path: &Path, original: &str) -> Result<bool, String> {
    let bytes = std::fs::read(path).map_err(|e| crate::source::io_message(&e))?;
    if bytes == original.as_bytes() {
        Ok(false)
    } else if bytes.strip_prefix(UTF8_BOM) == Some(original.as_bytes()) {
        Ok(true)
    } else {
        Err("the file changed since it was read; not fixed".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Message};
    use crate::model::Span;
    use crate::rules::arithmetic::ratio_rounding::RatioRounding;

    fn with_fix(start: usize, end: usize, to: &str, applicability: Applicability) -> Diagnostic {
        Diagnostic::new(
            &RatioRounding::META,
            Span::new(start, end),
            Message::new("", ""),
        )
        .fix(Some(Fix::replace(applicability, Span::new(start, end), to)))
    }

    #[test]
    fn safe_fixes_apply_and_unsafe_ones_do_not() {
        let text = "率99.66%，率12%";
        let a = with_fix(3, 8, "99.67", Applicability::Safe);
        let b = with_fix(15, 17, "13", Applicability::Unsafe);
        assert_eq!(
            apply_safe(text, &[b, a]),
            ("率99.67%，率12%".to_string(), 1)
        );
    }

    #[test]
    fn overlapping_fixes_wait_and_duplicates_apply_once() {
        let text = "abcdef";
        let a = with_fix(1, 3, "X", Applicability::Safe);
        let b = with_fix(2, 4, "Y", Applicability::Safe);
        assert_eq!(apply_safe(text, &[a.clone(), b]), ("aXdef".to_string(), 1));
        assert_eq!(apply_safe(text, &[a.clone(), a]), ("aXdef".to_string(), 1));
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_stays_a_link_to_the_fixed_file() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let real = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        std::fs::write(&real, "率99.66%").unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(&real, &link).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(write(&link, "率99.66%", "率99.67%"), Ok(()));
        let meta = std::fs::symlink_metadata(&link).unwrap_or_else(|e| panic!("{e}"));
        assert!(meta.file_type().is_symlink());
        assert_eq!(
            std::fs::read_to_string(&real).unwrap_or_default(),
            "率99.67%"
        );
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_written() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("r.txt");
        std::fs::write(&path, "\u{feff}率99.66%").unwrap_or_else(|e| panic!("{e}"));
        assert!(write(&path, "率99.60%", "率99.67%").is_err());
        assert_eq!(write(&path, "率99.66%", "率99.67%"), Ok(()));
        let bytes = std::fs::read(&path).unwrap_or_default();
        assert_eq!(bytes, "\u{feff}率99.67%".as_bytes());
    }
}
