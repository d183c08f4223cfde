//! Baselines: the findings a repository already has, recorded so that only new ones fail.
//!
//! `jxlint check PATHS --baseline FILE --write-baseline` records every finding of the run in
//! `FILE`; `jxlint check PATHS --baseline FILE` then reports only the findings that are not in
//! it. A baseline suits every format, including those without comments (Word, report data).
//!
//! A finding is recorded by its fingerprint, never by its line: the rule code, the file's path
//! relative to the baseline file's folder (`/`-separated), the text of its primary span and a
//! short context (up to [`CONTEXT`] characters either side on the same line), both with
//! whitespace runs collapsed to one space. A finding keeps its fingerprint when lines are added
//! or removed above it, and loses it when its figure or the words around it change. The
//! baseline is a multiset: two identical findings need two entries (`count: 2`), so a third
//! copy of a known error is still new.
//!
//! The file is JSON, sorted by path, code, text and context so that it diffs well:
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {"path": "reports/2023.txt", "code": "A002", "text": "99.66%",
//!      "context": "完成整改899处，整改率99.66%。", "count": 1}
//!   ]
//! }
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::resolve::normal;
use crate::diagnostic::Diagnostic;
use crate::lint::Outcome;

/// Characters of context recorded on each side of a finding's primary span.
pub const CONTEXT: usize = 12;

/// The current file format version.
pub const VERSION: u32 = 1;

/// What identifies a finding across edits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Fingerprint {
    pub path: String,
    pub code: String,
    pub text: String,
    pub context: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    code: String,
    text: String,
    context: String,
    count: usize,
}

impl Entry {
    fn key(self) -> (Fingerprint, usize) {
        (
            Fingerprint {
                path: self.path,
                code: self.code,
                text: self.text,
                context: self.context,
            },
            self.count,
        )
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// A recorded set of findings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    /// Where paths are relative to: the baseline file's folder (absolute, normalised).
    base: PathBuf,
    counts: BTreeMap<Fingerprint, usize>,
}

/// Whitespace runs as one space, trimmed.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The folder of the baseline file at `path`, absolute and normalised.
fn folder_of(path: &Path) -> PathBuf {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    normal(&std::path::absolute(parent).unwrap_or_else(|_| parent.to_path_buf()))
}

impl Baseline {
    /// An empty baseline for a file at `path`.
    pub fn new(path: &Path) -> Baseline {
        Baseline {
            base: folder_of(path),
            counts: BTreeMap::new(),
        }
    }

    /// The path a file is recorded under: relative to the baseline's folder (with `..` to
    /// climb out of it), `/`-separated; absolute when the two share no root (another drive).
    fn key_path(&self, file: &Path) -> String {
        let absolute = normal(&std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()));
        let (a, b): (Vec<_>, Vec<_>) = (
            absolute.components().collect(),
            self.base.components().collect(),
        );
        let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let shown = if common == 0 {
            absolute
        } else {
            let mut p = PathBuf::new();
            for _ in common..b.len() {
                p.push("..");
            }
            for c in &a[common..] {
                p.push(c.as_os_str());
            }
            p
        };
        shown.to_string_lossy().replace('\\', "/")
    }

    /// The fingerprint of a finding of the file at `path` whose text is `text`.
    pub fn fingerprint(&self, path: &Path, text: &str, d: &Diagnostic) -> Fingerprint {
        let start = d.span.start.min(text.len());
        let end = d.span.end.clamp(start, text.len());
        let (start, end) = if text.is_char_boundary(start) && text.is_char_boundary(end) {
            (start, end)
        } else {
            (end, end)
        };
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let before: String = {
            let mut v: Vec<char> = text[line_start..start]
                .chars()
                .rev()
                .take(CONTEXT)
                .collect();
            v.reverse();
            v.into_iter().collect()
        };
        let after: String = text[end..line_end].chars().take(CONTEXT).collect();
        let span = &text[start..end];
        Fingerprint {
            path: self.key_path(path),
            code: d.code.to_string(),
            text: squeeze(span),
            context: squeeze(&format!("{before}{span}{after}")),
        }
    }

    /// Record every finding of a run.
    pub fn record(&mut self, outcome: &Outcome) {
        for f in &outcome.files {
            for d in &f.diagnostics {
                *self
                    .counts
                    .entry(self.fingerprint(&f.path, &f.text, d))
                    .or_default() += 1;
            }
        }
    }

    /// How many findings are recorded.
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The file's JSON text.
    pub fn to_json(&self) -> String {
        let file = File {
            version: VERSION,
            findings: self
                .counts
                .iter()
                .map(|(k, &count)| Entry {
                    path: k.path.clone(),
                    code: k.code.clone(),
                    text: k.text.clone(),
                    context: k.context.clone(),
                    count,
                })
                .collect(),
        };
        let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Write the baseline to `path` (its folder created if need be); the error is the cause.
    pub fn write(&self, path: &Path) -> Result<(), String> {
        let io = |e: std::io::Error| crate::source::io_message(&e);
        if let Some(p) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(p).map_err(io)?;
        }
        std::fs::write(path, self.to_json()).map_err(io)
    }

    /// Read a baseline file; the error names the cause (the caller names the file).
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let bytes = std::fs::read(path).map_err(|e| {
            let cause = crate::source::io_message(&e);
            if e.kind() == std::io::ErrorKind::NotFound {
                format!("{cause}; record one first with --write-baseline")
            } else {
                cause
            }
        })?;
        let text = String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())?;
        Baseline::parse(&text, path)
    }

    /// A baseline from its JSON text, for a file at `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Baseline, String> {
        let file: File =
            serde_json::from_str(text).map_err(|e| format!("not a jxlint baseline: {e}"))?;
        if file.version != VERSION {
            return Err(format!(
                "baseline version {} is not supported (this jxlint writes version {VERSION})",
                file.version
            ));
        }
        let mut out = Baseline::new(path);
        for e in file.findings {
            let (key, count) = e.key();
            *out.counts.entry(key).or_default() += count;
        }
        Ok(out)
    }

    /// The findings of one file that the baseline does not hold (each entry matches as many
    /// findings as its count).
    pub fn new_findings(&self, path: &Path, text: &str, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut left: BTreeMap<Fingerprint, usize> = BTreeMap::new();
        let mut out = Vec::new();
        for d in diags {
            let key = self.fingerprint(path, text, &d);
            let n = left
                .entry(key.clone())
                .or_insert_with(|| self.counts.get(&key).copied().unwrap_or(0));
            if *n > 0 {
                *n -= 1;
            } else {
                out.push(d);
            }
        }
        out
    }

    /// Drop from a run every finding the baseline holds.
    pub fn filter(&self, outcome: &mut Outcome) {
        for f in &mut outcome.files {
            let diags = std::mem::take(&mut f.diagnostics);
            f.diagnostics = self.new_findings(&f.path, &f.text, diags);
            f.recount();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Message;
    use crate::model::Span;
    use crate::rules::arithmetic::ratio_rounding::RatioRounding;

    fn finding(text: &str, needle: &str, nth: usize) -> Diagnostic {
        let start = text.match_indices(needle).nth(nth).map_or(0, |m| m.0);
        Diagnostic::new(
            &RatioRounding::META,
            Span::new(start, start + needle.len()),
            Message::new("", ""),
        )
    }

    #[test]
    fn a_fingerprint_survives_moved_lines_but_not_changed_words() {
        let b = Baseline::new(Path::new("/r/baseline.json"));
        let t1 = "整改率99.66%。\n";
        let t2 = "新增一行\n\n整改率99.66%。\n";
        let f1 = b.fingerprint(Path::new("/r/a.txt"), t1, &finding(t1, "99.66%", 0));
        let f2 = b.fingerprint(Path::new("/r/a.txt"), t2, &finding(t2, "99.66%", 0));
        assert_eq!(f1, f2);
        assert_eq!(f1.path, "a.txt");
        assert_eq!(f1.context, "整改率99.66%。");
        let t3 = "执行率99.66%。\n";
        let f3 = b.fingerprint(Path::new("/r/a.txt"), t3, &finding(t3, "99.66%", 0));
        assert_ne!(f1, f3);
    }

    #[test]
    fn identical_findings_are_counted() {
        let text = "整改率99.66%。\n整改率99.66%。\n整改率99.66%。\n";
        let path = Path::new("/r/a.txt");
        let mut b = Baseline::new(Path::new("/r/baseline.json"));
        for n in 0..2 {
            *b.counts
                .entry(b.fingerprint(path, text, &finding(text, "99.66%", n)))
                .or_default() += 1;
        }
        let all: Vec<Diagnostic> = (0..3).map(|n| finding(text, "99.66%", n)).collect();
        assert_eq!(b.new_findings(path, text, all).len(), 1);
        let round = Baseline::parse(&b.to_json(), Path::new("/r/baseline.json"));
        assert_eq!(round.ok(), Some(b));
    }
}
