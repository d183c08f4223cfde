//! Per-file pipeline: read → decode → parse → relations → rules, files in parallel with rayon,
//! results in the order of the sorted input list.
//!
//! Text, Markdown and Word files go through the narrative parser; JSON files through the
//! report-data pipeline ([`crate::parse::json`]), which yields the same kind of document plus
//! its schema violations and formula results. After every file is checked, each report's data
//! is paired with its text — the same file name with another extension in the same folder, or
//! the file its `report.source` names — and D002 compares them ([`cross_check`]).
//!
//! Each file may have its own [`Options`] (those of its nearest `jxlint.toml`, see
//! [`crate::config::resolve`]): [`lint_inputs_each`] and [`lint_files_each`] take them per file.
//! After the rules ran, a file's findings are finished the same way everywhere: inline
//! suppressions applied ([`crate::suppress`]), severities overridden, and fixes kept only for
//! plain text and Markdown.
//!
//! A file that cannot be read, decoded or (for JSON) parsed becomes a [`FileReport`] with a
//! [`FileError`]; the other files are still checked. Nothing here prints.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use std::sync::Arc;

use crate::config::Formula;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Document, SourceFormat};
use crate::relations::Relations;
use crate::relations::candidate::candidates;
use crate::rules::{Context, Counterpart, RULES, Rule};
use crate::score::{Rubric, Scorecard, Scoring};
use crate::source::LineIndex;
use crate::walk::Input;

pub use crate::outcome::{FileReport, Outcome, Stats};
pub use crate::source::FileError;

/// Which rules run and what fails the run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Codes or code prefixes to run (`A`, `A001`); empty = all.
    pub select: Vec<String>,
    /// Codes or prefixes not to run.
    pub ignore: Vec<String>,
    /// Severity overrides (`[severity]` of `jxlint.toml`): a code or prefix and the severity
    /// its findings take; the longest matching prefix wins.
    pub severity: Vec<(String, Severity)>,
    /// Findings at or above this severity make the exit code 1.
    pub fail_on: Severity,
    /// The user's formulas over report data (`jxlint.toml`), judged by A008.
    pub formulas: Vec<Formula>,
    /// The rubric scorecards are re-scored against; `None` for the built-in default.
    pub rubric: Option<Arc<Rubric>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            select: Vec::new(),
            ignore: Vec::new(),
            severity: Vec::new(),
            fail_on: Severity::Warning,
            formulas: Vec::new(),
            rubric: None,
        }
    }
}

impl Options {
    /// The rubric in force.
    pub fn rubric(&self) -> &Rubric {
        match &self.rubric {
            Some(r) => r,
            None => Rubric::builtin(),
        }
    }

    pub fn enabled(&self, code: &str) -> bool {
        let hit = |pats: &[String]| {
            pats.iter().any(|p| {
                code.to_ascii_uppercase()
                    .starts_with(&p.to_ascii_uppercase())
            })
        };
        (self.select.is_empty() || hit(&self.select)) && !hit(&self.ignore)
    }

    /// The severity a finding of `code` takes: the most specific override, else `default`.
    pub fn severity_of(&self, code: &str, default: Severity) -> Severity {
        self.severity
            .iter()
            .filter(|(p, _)| {
                code.to_ascii_uppercase()
                    .starts_with(&p.to_ascii_uppercase())
            })
            .max_by_key(|(p, _)| p.len())
            .map_or(default, |&(_, s)| s)
    }
}

/// What happens to a file's findings after the rules ran: inline suppressions are applied
/// (and the unused ones reported as X001), severities are overridden, and fixes are kept only
/// where they can be applied — plain text and Markdown, whose spans are the file's own text.
fn finish(
    text: &str,
    format: SourceFormat,
    diags: Vec<Diagnostic>,
    options: &Options,
) -> Vec<Diagnostic> {
    let mut diags = crate::suppress::apply(text, format, diags, &|code| options.enabled(code));
    let fixable = matches!(format, SourceFormat::Text | SourceFormat::Markdown);
    for d in &mut diags {
        d.severity = options.severity_of(d.code, d.severity);
        if !fixable {
            d.fix = None;
        }
    }
    sort_diagnostics(&mut diags);
    diags
}

/// A parsed document and what the layers above parsing compute from it, once: the relations
/// between its figures (`crate::relations`) and its scorecard (`crate::score`).
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub doc: Document,
    pub relations: Relations,
    pub scorecard: Option<Scorecard>,
}

impl Analysis {
    /// Find the relations and read the scorecard of a parsed document.
    /// The scorecard is the last reader of the table layout ([`Document::grids`]): it is read
    /// first, and the layout is freed before the relation passes run.
    pub fn new(text: &str, mut doc: Document) -> Analysis {
        let scorecard = crate::score::read(text, &doc);
        doc.grids = Vec::new();
        let relations = crate::relations::find(text, &doc);
        Analysis {
            doc,
            relations,
            scorecard,
        }
    }

    /// Re-score the scorecard against `rubric` (`None` when the document has none).
    pub fn score(&self, text: &str, rubric: &Rubric) -> Option<Scoring> {
        let card = self.scorecard.as_ref()?;
        Some(crate::score::score(
            text,
            &self.doc,
            &self.relations.tables,
            card,
            rubric,
        ))
    }

    /// The report's text beside its data, for the cross-source check (D002).
    pub fn counterpart<'a>(&'a self, path: &'a str, text: &'a str) -> Counterpart<'a> {
        Counterpart {
            path,
            text,
            doc: &self.doc,
            relations: &self.relations,
        }
    }
}

/// Run every enabled rule over an analysed document; diagnostics sorted by position then code.
pub fn run_rules(text: &str, analysis: &Analysis, options: &Options) -> Vec<Diagnostic> {
    let rubric = options.rubric();
    let scoring = analysis.score(text, rubric);
    run_scored(
        text,
        analysis,
        rubric,
        scoring.as_ref(),
        None,
        enabled_rules(options),
    )
}

fn enabled_rules(options: &Options) -> impl Iterator<Item = &'static dyn Rule> + '_ {
    RULES
        .iter()
        .copied()
        .filter(|r| options.enabled(r.meta().code))
}

/// Run the given rules (used by per-rule tests to run one rule alone), re-scoring the
/// document's scorecard against `rubric`.
pub fn run_rule_set<'r>(
    text: &str,
    analysis: &Analysis,
    rubric: &Rubric,
    rules: impl Iterator<Item = &'r dyn Rule>,
) -> Vec<Diagnostic> {
    run_rule_set_with(text, analysis, rubric, None, rules)
}

/// Run the given rules with the report's other source (its text, for its data).
pub fn run_rule_set_with<'r>(
    text: &str,
    analysis: &Analysis,
    rubric: &Rubric,
    counterpart: Option<Counterpart<'_>>,
    rules: impl Iterator<Item = &'r dyn Rule>,
) -> Vec<Diagnostic> {
    let scoring = analysis.score(text, rubric);
    run_scored(text, analysis, rubric, scoring.as_ref(), counterpart, rules)
}

fn run_scored<'r>(
    text: &str,
    analysis: &Analysis,
    rubric: &Rubric,
    scoring: Option<&Scoring>,
    counterpart: Option<Counterpart<'_>>,
    rules: impl Iterator<Item = &'r dyn Rule>,
) -> Vec<Diagnostic> {
    let cx = Context {
        text,
        doc: &analysis.doc,
        relations: &analysis.relations,
        counterpart,
        rubric,
        scoring,
    };
    let mut out = Vec::new();
    for rule in rules {
        rule.check(&cx, &mut out);
    }
    sort_diagnostics(&mut out);
    out
}

/// By position, then code; exact duplicates dropped.
fn sort_diagnostics(out: &mut Vec<Diagnostic>) {
    out.sort_by(|a, b| (a.span.start, a.code, a.span.end).cmp(&(b.span.start, b.code, b.span.end)));
    out.dedup();
}

/// Parse a text already in memory into a document: report data for [`SourceFormat::Json`],
/// prose otherwise. JSON that is not JSON is a [`FileError`] of kind `parse`, with the line
/// and column of the problem.
pub fn parse_source(
    text: &str,
    format: SourceFormat,
    options: &Options,
) -> Result<Document, FileError> {
    match format {
        SourceFormat::Json => crate::parse::json::parse(text, &options.formulas).map_err(|e| {
            let (line, col) = LineIndex::new(text).line_col(text, e.offset);
            FileError {
                kind: "parse",
                message: format!("line {line}, column {col}: {}", e.message),
            }
        }),
        // Suppression comments are blanked out first, so that no figure, word or numbered
        // line is read from them; positions do not move.
        _ => Ok(crate::parse::parse(
            &crate::suppress::mask(text, format),
            format,
        )),
    }
}

/// Lint a text already in memory (the library entry point used by tests). JSON that cannot
/// be parsed gives an empty document and no findings; [`parse_source`] says why.
pub fn lint_text(
    text: &str,
    format: SourceFormat,
    options: &Options,
) -> (Document, Vec<Diagnostic>) {
    let (doc, _, diags) = lint_text_scored(text, format, options);
    (doc, diags)
}

/// [`lint_text`], also returning the re-scored scorecard. JSON that cannot be parsed gives
/// an empty document.
pub fn lint_text_scored(
    text: &str,
    format: SourceFormat,
    options: &Options,
) -> (Document, Option<Scoring>, Vec<Diagnostic>) {
    let doc = parse_source(text, format, options).unwrap_or_default();
    let analysis = Analysis::new(text, doc);
    let (scoring, diags) = check_document(text, format, &analysis, options);
    (analysis.doc, scoring, diags)
}

/// Re-score and run the enabled rules over an analysed document, then [`finish`] the findings.
fn check_document(
    text: &str,
    format: SourceFormat,
    analysis: &Analysis,
    options: &Options,
) -> (Option<Scoring>, Vec<Diagnostic>) {
    let rubric = options.rubric();
    let scoring = analysis.score(text, rubric);
    let diags = run_scored(
        text,
        analysis,
        rubric,
        scoring.as_ref(),
        None,
        enabled_rules(options),
    );
    (scoring, finish(text, format, diags, options))
}

/// Read, decode, parse and check one file (alone: no cross-source check).
pub fn lint_file(path: &Path, display_path: String, options: &Options) -> FileReport {
    check_file(path, display_path, options).0
}

/// [`lint_file`], keeping the document for the cross-source checks.
fn check_file(
    path: &Path,
    display_path: String,
    options: &Options,
) -> (FileReport, Option<Analysis>) {
    let format = crate::source::format_of(path).unwrap_or(SourceFormat::Text);
    let mut report = FileReport {
        path: path.to_path_buf(),
        display_path,
        format,
        encoding: None,
        text: String::new(),
        error: None,
        diagnostics: Vec::new(),
        stats: Stats::default(),
        score: None,
        unbound: Vec::new(),
        places: Vec::new(),
    };
    let mut kept = None;
    match crate::source::read(path) {
        Ok(src) => kept = check_source(&mut report, src, options),
        Err(e) => report.error = Some(e),
    }
    (report, kept)
}

/// Parse and check a decoded source into `report`; the analysis, when it could be parsed.
fn check_source(
    report: &mut FileReport,
    src: crate::source::Source,
    options: &Options,
) -> Option<Analysis> {
    report.format = src.format;
    report.encoding = Some(src.encoding);
    report.places = src.places;
    let mut kept = None;
    match parse_source(&src.text, src.format, options) {
        Ok(doc) => {
            let analysis = Analysis::new(&src.text, doc);
            let (scoring, diags) = check_document(&src.text, src.format, &analysis, options);
            report.stats.figures = analysis.doc.quantities.len();
            let cands = candidates(&analysis.doc, &analysis.relations);
            report.stats.record(&cands, |code| options.enabled(code));
            report.stats.relations += scoring.as_ref().map_or(0, |s| s.eval.checks());
            report.unbound = cands
                .into_iter()
                .filter(|c| !c.outcome.is_judged())
                .collect();
            report.score = scoring;
            report.stats.count(&diags);
            report.diagnostics = diags;
            report.error = limit_error(&src.text, &analysis.doc);
            kept = Some(analysis);
        }
        Err(e) => report.error = Some(e),
    }
    report.text = src.text;
    kept
}

/// Check a report already in memory (standard input): `name` gives the format (by its
/// extension; text when it has none) and `display_path` the path shown.
pub fn lint_bytes(
    name: &Path,
    display_path: String,
    bytes: &[u8],
    options: &Options,
) -> FileReport {
    let mut report = FileReport {
        path: name.to_path_buf(),
        display_path,
        format: crate::source::format_of(name).unwrap_or(SourceFormat::Text),
        encoding: None,
        text: String::new(),
        error: None,
        diagnostics: Vec::new(),
        stats: Stats::default(),
        score: None,
        unbound: Vec::new(),
        places: Vec::new(),
    };
    match crate::source::from_bytes(name, bytes) {
        Ok(src) => {
            check_source(&mut report, src, options);
        }
        Err(e) => report.error = Some(e),
    }
    report
}

/// What the parser left unread because of a limit, as a per-file error of kind `limit`
/// (`None` when everything was read).
fn limit_error(text: &str, doc: &Document) -> Option<FileError> {
    use crate::model::Unread;
    if doc.unread.is_empty() {
        return None;
    }
    let index = LineIndex::new(text);
    let at = |span: crate::model::Span| {
        let (line, col) = index.line_col(text, span.start);
        format!("line {line}, column {col}")
    };
    let overlong: Vec<_> = doc
        .unread
        .iter()
        .filter_map(|u| match u {
            Unread::OverlongNumber(s) => Some(*s),
            Unread::TooManyFigures(_) => None,
        })
        .collect();
    let mut parts = Vec::new();
    if let Some(&s) = overlong.first() {
        let more = match overlong.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        parts.push(format!(
            "a figure at {} has more than {} significant digits and cannot be held exactly; \
             it is not checked{more}",
            at(s),
            crate::parse::quantity::MAX_SIGNIFICANT_DIGITS
        ));
    }
    if let Some(Unread::TooManyFigures(s)) = doc
        .unread
        .iter()
        .find(|u| matches!(u, Unread::TooManyFigures(_)))
    {
        parts.push(format!(
            "more than {} figures: those from {} on are not checked",
            crate::parse::quantity::MAX_FIGURES,
            at(*s)
        ));
    }
    Some(FileError {
        kind: "limit",
        message: parts.join("; "),
    })
}

/// Lint many files in parallel, then compare each report's data with its text; the output
/// order is the input order.
pub fn lint_files(files: &[(PathBuf, String)], options: &Options) -> Vec<FileReport> {
    let options = Arc::new(options.clone());
    let files: Vec<(PathBuf, String, Arc<Options>)> = files
        .iter()
        .map(|(p, shown)| (p.clone(), shown.clone(), Arc::clone(&options)))
        .collect();
    lint_files_each(&files)
}

/// [`lint_files`], each file with its own options (those of its `jxlint.toml`).
pub fn lint_files_each(files: &[(PathBuf, String, Arc<Options>)]) -> Vec<FileReport> {
    let mut checked: Vec<(FileReport, Option<Analysis>)> = files
        .par_iter()
        .map(|(p, shown, options)| check_file(p, shown.clone(), options))
        .collect();
    let options: Vec<&Options> = files.iter().map(|f| &*f.2).collect();
    cross_check_each(&mut checked, &options);
    checked.into_iter().map(|(r, _)| r).collect()
}

/// The folder a file is in (`.` for a bare file name).
fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A path with `.` components dropped and `..` applied to the component before it, so that
/// `a/./b/../c.txt` and `a/c.txt` are the same key (for paths that do not exist).
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else {
                    out.push(c);
                }
            }
            c => out.push(c),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// A path as a lookup key: canonical when it exists (one system call per file, never per
/// pair), else lexically normalised.
fn path_key(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| normalize(path))
}

/// The key a report's text and data share when no `report.source` names the text: the
/// folder and the file name without its extension.
fn stem_key(path: &Path) -> (PathBuf, std::ffi::OsString) {
    (
        path_key(folder(path)),
        path.file_stem().unwrap_or_default().to_os_string(),
    )
}

/// The file a report's data names as its text (`report.source`, relative to the data's
/// folder), normalised; `None` when it names none.
fn source_path(json: &FileReport, analysis: &Analysis) -> Option<PathBuf> {
    let source = analysis.doc.data.as_ref()?.source.as_ref()?;
    Some(path_key(&folder(&json.path).join(&source.value)))
}

/// D002: every report's data against its text, when both were checked. The text of a report
/// is the file its data's `report.source` names, or else the text files with its name in its
/// folder. Pairing is by hash lookup: linear in the number of files.
pub fn cross_check(files: &mut [(FileReport, Option<Analysis>)], options: &Options) {
    let options = vec![options; files.len()];
    cross_check_each(files, &options);
}

/// [`cross_check`] with each file's own options (`options[i]` for `files[i]`): a data file's
/// options decide whether D002 runs on it and how severe its findings are.
fn cross_check_each(files: &mut [(FileReport, Option<Analysis>)], options: &[&Options]) {
    use std::collections::HashMap;
    let Some(rule) = RULES.iter().copied().find(|r| r.meta().code == "D002") else {
        return;
    };
    let mut by_path: HashMap<PathBuf, Vec<usize>> = HashMap::new();
    let mut by_stem: HashMap<(PathBuf, std::ffi::OsString), Vec<usize>> = HashMap::new();
    for (j, (r, d)) in files.iter().enumerate() {
        if d.is_some() && r.format != SourceFormat::Json {
            by_path.entry(path_key(&r.path)).or_default().push(j);
            by_stem.entry(stem_key(&r.path)).or_default().push(j);
        }
    }
    let mut found: Vec<(usize, Vec<Diagnostic>)> = Vec::new();
    for i in 0..files.len() {
        let Some(&options) = options.get(i) else {
            continue;
        };
        let (json, Some(json_doc)) = (&files[i].0, &files[i].1) else {
            continue;
        };
        if json.format != SourceFormat::Json || !options.enabled(rule.meta().code) {
            continue;
        }
        let partners = match source_path(json, json_doc) {
            Some(p) => by_path.get(&p),
            None => by_stem.get(&stem_key(&json.path)),
        };
        for &j in partners.map_or(&[][..], |v| v.as_slice()) {
            let text = &files[j];
            let Some(text_doc) = &text.1 else { continue };
            let counterpart = text_doc.counterpart(&text.0.display_path, &text.0.text);
            let diags = run_rule_set_with(
                &json.text,
                json_doc,
                options.rubric(),
                Some(counterpart),
                std::iter::once(rule),
            );
            let diags = finish(&json.text, SourceFormat::Json, diags, options);
            if !diags.is_empty() {
                found.push((i, diags));
            }
        }
    }
    for (i, diags) in found {
        let report = &mut files[i].0;
        report.stats.count(&diags);
        report.diagnostics.extend(diags);
        sort_diagnostics(&mut report.diagnostics);
    }
}

/// Lint walked inputs: files are checked in parallel, paths that could not be walked become
/// unreadable [`FileReport`]s; the output order is the input order. Keeps every report: for
/// many files prefer [`lint_streaming`].
pub fn lint_inputs(inputs: &[Input], options: &Options) -> Outcome {
    let options = Arc::new(options.clone());
    lint_inputs_each(inputs, &|_| Arc::clone(&options))
}

/// [`lint_inputs`], each file with the options `options_for` gives for its path.
pub fn lint_inputs_each(inputs: &[Input], options_for: &dyn Fn(&Path) -> Arc<Options>) -> Outcome {
    let mut files = Vec::with_capacity(inputs.len());
    lint_streaming_each(inputs, options_for, |batch| files.extend(batch));
    Outcome { files }
}

/// How many files are checked at once (per worker thread) by [`lint_streaming`].
pub const BATCH_PER_THREAD: usize = 8;

/// Lint walked inputs in batches, handing each batch of reports to `emit` in input order as
/// soon as it is done; the caller renders and drops them, so memory depends on the batch,
/// not on the number of files.
///
/// A batch is a run of consecutive inputs, files checked in parallel (rayon). It never splits
/// the files of one folder that share a name (`x.txt`, `x.json`), so that D002 pairs a
/// report's data with its text inside one batch; a data file whose `report.source` names a
/// file further on pulls the batch up to that file. One that names a file of an earlier batch
/// (already emitted and dropped) has that file read and parsed again for the comparison;
/// its findings are made, but labels pointing into that file are rendered without its text.
pub fn lint_streaming(inputs: &[Input], options: &Options, emit: impl FnMut(Vec<FileReport>)) {
    let options = Arc::new(options.clone());
    lint_streaming_each(inputs, &|_| Arc::clone(&options), emit);
}

/// [`lint_streaming`], each file with the options `options_for` gives for its path.
pub fn lint_streaming_each(
    inputs: &[Input],
    options_for: &dyn Fn(&Path) -> Arc<Options>,
    mut emit: impl FnMut(Vec<FileReport>),
) {
    use std::collections::HashMap;
    let key = |i: &Input| match i {
        Input::File { path, .. } => Some(stem_key(path)),
        Input::Error { .. } => None,
    };
    let keys: Vec<_> = inputs.iter().map(key).collect();
    let mut last: HashMap<&(PathBuf, std::ffi::OsString), usize> = HashMap::new();
    let mut index_of: HashMap<PathBuf, usize> = HashMap::new();
    for (k, (input, key)) in inputs.iter().zip(&keys).enumerate() {
        if let Some(key) = key {
            last.insert(key, k);
            index_of.entry(path_key(input.path())).or_insert(k);
        }
    }
    let batch = rayon::current_num_threads().max(1) * BATCH_PER_THREAD;
    // The options of each file are found here; the files are checked in the pool.
    let jobs_for = |at: &[usize]| -> Vec<(&Input, Arc<Options>)> {
        at.iter()
            .filter_map(|&k| inputs.get(k))
            .map(|i| (i, options_for(i.path())))
            .collect()
    };
    let run = |jobs: Vec<(&Input, Arc<Options>)>| -> Vec<Checked> {
        jobs.into_par_iter()
            .map(|(i, options)| {
                let (r, a) = check_input(i, &options);
                (r, a, options)
            })
            .collect()
    };
    let check = |at: &[usize]| run(jobs_for(at));
    // The batch before, checked and paired, waiting to be emitted: it is emitted while the
    // next batch is checked, so that rendering and writing do not leave the pool idle.
    let mut pending: Option<Vec<FileReport>> = None;
    let mut start = 0;
    while start < inputs.len() {
        let mut end = (start + batch).min(inputs.len());
        let mut k = start;
        while k < end {
            if let Some(key) = &keys[k] {
                end = end.max(last.get(key).map_or(0, |&l| l + 1));
            }
            k += 1;
        }
        let jobs = jobs_for(&(start..end).collect::<Vec<_>>());
        let mut checked = Vec::new();
        rayon::in_place_scope(|scope| {
            scope.spawn(|_| checked = run(jobs));
            if let Some(done) = pending.take() {
                emit(done);
            }
        });
        // Data naming its text further on: check up to that file in the same batch.
        loop {
            let need = checked
                .iter()
                .filter_map(|(r, d, _)| source_path(r, d.as_ref()?))
                .filter_map(|p| index_of.get(&p).copied())
                .filter(|&k| k >= end)
                .max();
            let Some(need) = need else { break };
            checked.extend(check(&(end..=need).collect::<Vec<_>>()));
            end = need + 1;
        }
        // Data naming the text of an earlier batch: read that text again, for the comparison.
        let mut earlier: Vec<usize> = checked
            .iter()
            .filter_map(|(r, d, _)| source_path(r, d.as_ref()?))
            .filter_map(|p| index_of.get(&p).copied())
            .filter(|&k| k < start)
            .collect();
        earlier.sort_unstable();
        earlier.dedup();
        let own = checked.len();
        checked.extend(check(&earlier));
        let (mut pairs, options): (Vec<_>, Vec<_>) =
            checked.into_iter().map(|(r, a, o)| ((r, a), o)).unzip();
        let refs: Vec<&Options> = options.iter().map(|o| &**o).collect();
        cross_check_each(&mut pairs, &refs);
        pairs.truncate(own);
        pending = Some(pairs.into_iter().map(|(r, _)| r).collect());
        start = end;
    }
    if let Some(done) = pending {
        emit(done);
    }
}

/// A file checked: its report, its analysis (to pair report data with its text) and its
/// options.
type Checked = (FileReport, Option<Analysis>, Arc<Options>);

fn check_input(input: &Input, options: &Options) -> (FileReport, Option<Analysis>) {
    match input {
        Input::File { path, display } => check_file(path, display.clone(), options),
        Input::Error {
            path,
            display,
            error,
        } => (
            FileReport::unreadable(path.clone(), display.clone(), error.clone()),
            None,
        ),
    }
}
