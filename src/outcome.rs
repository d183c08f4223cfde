//! What checking produced, as plain data: per file its [`FileReport`] (diagnostics, figures and
//! relations counted, the re-scored scorecard, or why the file could not be read), and the
//! [`Outcome`] of a run. Built by [`crate::lint`], read by [`crate::render`] and the exit-status
//! policy of the command line.

use std::path::PathBuf;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::SourceFormat;
use crate::relations::candidate::{Candidate, CandidateKind, KindCount, tally};
use crate::score::Scoring;
use crate::source::FileError;

/// How much of a file was verified.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Figures (numbers with their units) extracted.
    pub figures: usize,
    /// Relations judged by the rules (ratios, sums, share groups, changes, restatements,
    /// numbering sequences) and scoring checks (scores against evidence, parents against
    /// children, totals against parts, grades against bands).
    pub relations: usize,
    /// Candidates left unbound (no operands, a partial list, a zero base …): places a relation
    /// could be checked but was not.
    pub unbound: usize,
    /// Candidates by kind, in [`CandidateKind::ALL`] order: judged, ambiguous, unbound.
    pub candidates: [KindCount; CandidateKind::ALL.len()],
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Stats {
    pub fn add(&mut self, other: &Stats) {
        self.figures += other.figures;
        self.relations += other.relations;
        self.unbound += other.unbound;
        for (a, b) in self.candidates.iter_mut().zip(&other.candidates) {
            a.judged += b.judged;
            a.ambiguous += b.ambiguous;
            a.unbound += b.unbound;
        }
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }

    /// Count a document's candidates: by kind, the unbound ones, and as relations checked the
    /// judged ones that an enabled rule (`enabled(code)`) judges.
    pub fn record(&mut self, cands: &[Candidate], enabled: impl Fn(&str) -> bool) {
        for (k, c) in tally(cands) {
            if let Some(i) = CandidateKind::ALL.iter().position(|&x| x == k) {
                self.candidates[i] = c;
            }
        }
        for c in cands {
            if !c.outcome.is_judged() {
                self.unbound += 1;
            } else if c.kind.rules().iter().any(|r| enabled(r)) {
                self.relations += 1;
            }
        }
    }

    pub fn count(&mut self, diags: &[Diagnostic]) {
        for d in diags {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

/// Everything jxlint has to say about one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: PathBuf,
    /// The path as given on the command line (joined with the walked part), `/`-separated.
    pub display_path: String,
    pub format: SourceFormat,
    /// Encoding the bytes were decoded from (`utf-8`, `gb18030`, `utf-16le` …).
    pub encoding: Option<&'static str>,
    /// The decoded text diagnostics point into (empty when the file could not be read).
    pub text: String,
    pub error: Option<FileError>,
    /// Sorted by position, then code.
    pub diagnostics: Vec<Diagnostic>,
    pub stats: Stats,
    /// The scorecard re-scored against the rubric, when the report has one.
    pub score: Option<Scoring>,
    /// The candidates left unbound, with their reasons (`--coverage`).
    pub unbound: Vec<Candidate>,
    /// For a `.docx`, where each part of the extracted text is in the Word document
    /// (paragraph, table cell), sorted by position; empty for other formats.
    pub places: Vec<crate::source::docx::Place>,
}

impl FileReport {
    /// Count the findings by severity again (after some were removed).
    pub fn recount(&mut self) {
        self.stats.errors = 0;
        self.stats.warnings = 0;
        self.stats.infos = 0;
        let diags = std::mem::take(&mut self.diagnostics);
        self.stats.count(&diags);
        self.diagnostics = diags;
    }

    /// The report for a file that could not be read (or a path that could not be walked):
    /// no text, no diagnostics, the format guessed from the extension.
    pub fn unreadable(path: PathBuf, display_path: String, error: FileError) -> FileReport {
        FileReport {
            format: crate::source::format_of(&path).unwrap_or(SourceFormat::Text),
            path,
            display_path,
            encoding: None,
            text: String::new(),
            error: Some(error),
            diagnostics: Vec::new(),
            stats: Stats::default(),
            score: None,
            unbound: Vec::new(),
            places: Vec::new(),
        }
    }
}

/// The result of one run over many files.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub files: Vec<FileReport>,
}

impl Outcome {
    pub fn totals(&self) -> Stats {
        let mut s = Stats::default();
        for f in &self.files {
            s.add(&f.stats);
        }
        s
    }

    pub fn has_errors(&self) -> bool {
        self.files.iter().any(|f| f.error.is_some())
    }

    /// Whether any finding is at or above `fail_on`.
    pub fn has_findings(&self, fail_on: Severity) -> bool {
        self.files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .any(|d| d.severity >= fail_on)
    }

    /// 0 clean, 1 findings at or above `fail_on`, 2 a file could not be read.
    pub fn exit_code(&self, fail_on: Severity) -> i32 {
        if self.has_errors() {
            2
        } else if self
            .files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .any(|d| d.severity >= fail_on)
        {
            1
        } else {
            0
        }
    }
}
