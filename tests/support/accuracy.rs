//! Accuracy of jxlint on annotated real text: shared by `examples/accuracy.rs` and
//! `tests/accuracy.rs` (included in both with `#[path]`).
//!
//! A data set is a folder of excerpts `NNN.txt`, each with `NNN.truth.json`:
//! `{"relations_checked": [{kind, quote, verdict, …}], "findings": [{kind, quote, severity, …}]}`,
//! every `quote` an exact substring of the excerpt. Each excerpt is linted with every rule
//! through the library (no subprocess), and scored as follows.
//!
//! * **Lines of a quote**: the 1-based lines from the quote's first byte to its last byte (its
//!   first occurrence in the excerpt).
//! * **Lines a diagnostic touches**: the lines of its primary span and of each of its labels.
//! * A finding is **caught** when an error or warning touches a line of its quote (the
//!   diagnostic need not be of the finding's kind). It is caught **in place** when an error or
//!   warning's primary span or a label overlaps the quote's bytes — the stricter figure.
//! * A **false alarm** is an error or warning whose primary span is on no line of any finding's
//!   quote; all of them are listed for review.
//! * An annotated relation is **judged** when an error or warning, or a relation jxlint judged
//!   (consistent or not), touches a line of its quote; **judged in place** when one of the
//!   judged relation's figures (or the diagnostic's spans) overlaps the quote's bytes.
//!
//! Info diagnostics count for neither side.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jxlint::diagnostic::{Diagnostic, Severity};
use jxlint::lint::{Options, lint_text};
use jxlint::model::{Document, SourceFormat, Span};
use serde::{Deserialize, Serialize};

/// One annotated relation or finding.
#[derive(Debug, Clone, Deserialize)]
pub struct Annotated {
    pub kind: String,
    pub quote: String,
    #[serde(default)]
    pub verdict: Option<String>,
    #[serde(default)]
    pub severity: Option<String>,
    #[serde(default)]
    pub computation: Option<String>,
    #[serde(default)]
    pub expected: Option<String>,
    #[serde(default)]
    pub stated: Option<String>,
}

/// The truth file of an excerpt.
#[derive(Debug, Clone, Deserialize)]
pub struct Truth {
    pub relations_checked: Vec<Annotated>,
    pub findings: Vec<Annotated>,
}

/// An excerpt with its truth.
#[derive(Debug, Clone)]
pub struct Case {
    /// The file stem (`007`).
    pub name: String,
    pub text: String,
    pub truth: Truth,
}

/// Read every `NNN.txt` with its `NNN.truth.json` of a folder, sorted by name.
pub fn load(dir: &Path) -> Result<Vec<Case>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut cases = Vec::new();
    for p in paths {
        let stem = p
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let truth_path = p.with_file_name(format!("{stem}.truth.json"));
        if !truth_path.exists() {
            continue;
        }
        let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let raw = std::fs::read_to_string(&truth_path)
            .map_err(|e| format!("{}: {e}", truth_path.display()))?;
        let truth: Truth =
            serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", truth_path.display()))?;
        cases.push(Case {
            name: stem,
            text,
            truth,
        });
    }
    if cases.is_empty() {
        return Err(format!("{}: no NNN.txt with NNN.truth.json", dir.display()));
    }
    Ok(cases)
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Inclusive line range of a byte span (an empty span is on its start's line).
pub fn lines_of(text: &str, span: Span) -> (usize, usize) {
    let last = if span.end > span.start {
        span.end - 1
    } else {
        span.start
    };
    (line_of(text, span.start), line_of(text, last))
}

fn lines_meet(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

fn bytes_meet(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// The byte span of a quote's first occurrence.
pub fn locate(text: &str, quote: &str) -> Option<Span> {
    text.find(quote)
        .map(|start| Span::new(start, start + quote.len()))
}

/// Whether a diagnostic counts (error or warning).
pub fn counts(d: &Diagnostic) -> bool {
    matches!(d.severity, Severity::Error | Severity::Warning)
}

/// Every span a diagnostic points at: primary first, then labels in this file.
pub fn spans_of(d: &Diagnostic) -> Vec<Span> {
    let mut v = vec![d.span];
    v.extend(d.labels.iter().filter(|l| l.file.is_none()).map(|l| l.span));
    v
}

/// The figures of every relation jxlint judged in a document (consistent or not): ratios
/// (except 0/0) and shares of a whole stated nowhere, sums (except lists judged partial),
/// share groups, growth claims, restatements, unit echoes, counts against their lists,
/// products, magnitudes judged against their paragraph, document numbers compared across
/// citations and the relations read in tables.
pub fn judged_relations(text: &str, doc: &Document) -> Vec<Vec<Span>> {
    use jxlint::relations::{GrowthClaim, RatioVerdict, SumVerdict};
    let q = &doc.quantities;
    let sp = |i: usize| q[i].span;
    let r = &jxlint::relations::find(text, doc);
    let mut out = Vec::new();
    for c in &r.ratios {
        if !matches!(c.verdict(doc), RatioVerdict::Undefined) {
            out.push(vec![sp(c.rate), sp(c.numerator), sp(c.denominator)]);
        }
    }
    for c in &r.calcs {
        let mut v = vec![sp(c.rate)];
        v.extend(c.expr);
        v.extend(c.operands.iter().map(|&o| sp(o)));
        out.push(v);
    }
    for c in &r.summed_shares {
        if !matches!(c.verdict(doc), RatioVerdict::Undefined) {
            let mut v = vec![sp(c.rate), sp(c.numerator)];
            v.extend(c.parts.iter().map(|&p| sp(p)));
            out.push(v);
        }
    }
    for c in &r.sums {
        if !matches!(c.verdict(doc), SumVerdict::Partial) {
            let mut v = vec![sp(c.total)];
            v.extend(c.parts.iter().map(|&p| sp(p)));
            out.push(v);
        }
    }
    for g in &r.shares {
        let mut v: Vec<Span> = g.shares.iter().map(|&i| sp(i)).collect();
        v.extend(g.parts.iter().map(|&i| sp(i)));
        out.push(v);
    }
    for g in &r.growths {
        match g {
            GrowthClaim::Aggregate {
                total,
                total_rate,
                parts,
                ..
            } => {
                let mut v = vec![sp(*total), sp(*total_rate)];
                for &(a, b) in parts {
                    v.push(sp(a));
                    v.push(sp(b));
                }
                out.push(v);
            }
            GrowthClaim::Levels {
                change,
                current,
                prior,
                ..
            } => out.push(vec![sp(*change), sp(*current), sp(*prior)]),
            GrowthClaim::ChangeRate {
                current,
                change,
                rate,
                ..
            } => out.push(vec![sp(*current), sp(*change), sp(*rate)]),
            GrowthClaim::ChangeSum { total, parts, .. } => {
                let mut v = vec![sp(*total)];
                v.extend(parts.iter().map(|&p| sp(p)));
                out.push(v);
            }
        }
    }
    for m in &r.restatements {
        out.push(m.mentions.iter().map(|&i| sp(i)).collect());
    }
    for &(a, b) in &r.unit_echoes {
        out.push(vec![sp(a), sp(b)]);
    }
    for c in &r.counts {
        let mut v = vec![c.count];
        v.extend(c.items.iter().copied());
        out.push(v);
    }
    for c in &r.count_sums {
        let mut v = vec![c.total.0];
        v.extend(c.parts.iter().map(|p| p.0));
        out.push(v);
    }
    for c in r.bound_products() {
        out.push(vec![sp(c.quantity), sp(c.rate), sp(c.amount)]);
    }
    for m in &r.magnitudes {
        if let jxlint::relations::MagnitudeCandidate::Judged {
            figure, neighbours, ..
        } = m
        {
            let mut v = vec![sp(*figure)];
            v.extend(neighbours.iter().map(|&j| sp(j)));
            out.push(v);
        }
    }
    for d in &r.documents {
        if !matches!(
            d.verdict(doc),
            jxlint::relations::DocumentVerdict::Unbound(_)
        ) {
            let mut v: Vec<Span> = d.citations.iter().map(|c| c.span).collect();
            v.extend(
                d.citations
                    .iter()
                    .filter_map(|c| c.amount.as_ref().ok().map(|(a, _)| sp(*a))),
            );
            out.push(v);
        }
    }
    let t = &r.tables;
    for x in &t.rates {
        out.push(vec![x.rate.span, x.spent.span, x.budget.span]);
    }
    for x in &t.sums {
        let mut v = vec![x.total.span];
        v.extend(x.parts.iter().map(|(_, c)| c.span));
        out.push(v);
    }
    for x in &t.targets {
        out.push(vec![x.target.span, x.actual.span]);
    }
    for x in &t.growths {
        out.push(vec![x.stated.span, x.current.span, x.prior.span]);
    }
    for x in &r.table_prose.restatements {
        out.push(vec![sp(x.prose), x.cell]);
    }
    out
}

/// A diagnostic as listed in a report.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub file: String,
    pub line: usize,
    pub code: &'static str,
    pub severity: &'static str,
    pub message: String,
}

/// Counts for one kind of finding or relation.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Tally {
    pub total: usize,
    pub caught: usize,
    pub in_place: usize,
}

/// The accuracy of one run over a data set.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub excerpts: usize,
    /// Findings caught, all kinds.
    pub findings: Tally,
    pub findings_by_kind: BTreeMap<String, Tally>,
    /// Findings not caught, for review.
    pub missed: Vec<Listed>,
    /// Errors and warnings on lines that carry no finding.
    pub false_alarms: Vec<Listed>,
    /// Annotated relations judged (`caught` = judged on the quote's lines, `in_place` = a
    /// judged figure inside the quote).
    pub relations: Tally,
    pub relations_by_kind: BTreeMap<String, Tally>,
    /// Quotes that are not substrings of their excerpt (a broken annotation).
    pub unlocated: Vec<String>,
}

impl Report {
    /// Findings caught as a fraction in per-mille (integer arithmetic, no floats).
    pub fn recall_permille(&self) -> usize {
        (self.findings.caught * 1000)
            .checked_div(self.findings.total)
            .unwrap_or(1000)
    }
}

/// Lint one excerpt with every rule and score it into `report`.
pub fn score_case(case: &Case, report: &mut Report) {
    let (doc, diags) = lint_text(&case.text, SourceFormat::Text, &Options::default());
    score_with(case, &doc, &diags, report);
}

/// Score one excerpt whose document and diagnostics are given.
pub fn score_with(case: &Case, doc: &Document, diags: &[Diagnostic], report: &mut Report) {
    let text = &case.text;
    let counted: Vec<&Diagnostic> = diags.iter().filter(|d| counts(d)).collect();
    report.excerpts += 1;

    let mut finding_lines = Vec::new();
    for f in &case.truth.findings {
        let Some(q) = locate(text, &f.quote) else {
            report.unlocated.push(format!("{}: {}", case.name, f.quote));
            continue;
        };
        let ql = lines_of(text, q);
        finding_lines.push(ql);
        let caught = counted.iter().any(|d| {
            spans_of(d)
                .iter()
                .any(|&s| lines_meet(lines_of(text, s), ql))
        });
        let in_place = counted
            .iter()
            .any(|d| spans_of(d).iter().any(|&s| bytes_meet(s, q)));
        let t = report.findings_by_kind.entry(f.kind.clone()).or_default();
        for t in [t, &mut report.findings] {
            t.total += 1;
            t.caught += usize::from(caught);
            t.in_place += usize::from(in_place);
        }
        if !caught {
            report.missed.push(Listed {
                file: case.name.clone(),
                line: ql.0,
                code: "",
                severity: "",
                message: format!(
                    "{} {}: {}",
                    f.kind,
                    f.severity.as_deref().unwrap_or(""),
                    f.quote
                ),
            });
        }
    }

    for d in &counted {
        let dl = lines_of(text, d.span);
        if !finding_lines.iter().any(|&fl| lines_meet(dl, fl)) {
            report.false_alarms.push(Listed {
                file: case.name.clone(),
                line: dl.0,
                code: d.code,
                severity: d.severity.as_str(),
                message: d.message.zh.clone(),
            });
        }
    }

    let mut judged: Vec<Vec<Span>> = judged_relations(text, doc);
    judged.extend(counted.iter().map(|d| spans_of(d)));
    for r in &case.truth.relations_checked {
        let Some(q) = locate(text, &r.quote) else {
            report.unlocated.push(format!("{}: {}", case.name, r.quote));
            continue;
        };
        let ql = lines_of(text, q);
        let on_lines = judged
            .iter()
            .any(|v| v.iter().any(|&s| lines_meet(lines_of(text, s), ql)));
        let in_place = judged.iter().any(|v| v.iter().any(|&s| bytes_meet(s, q)));
        let t = report.relations_by_kind.entry(r.kind.clone()).or_default();
        for t in [t, &mut report.relations] {
            t.total += 1;
            t.caught += usize::from(on_lines);
            t.in_place += usize::from(in_place);
        }
    }
}

/// Lint and score every excerpt.
pub fn evaluate(cases: &[Case]) -> Report {
    let mut report = Report::default();
    for c in cases {
        score_case(c, &mut report);
    }
    report
}

/// The report as text.
pub fn render(report: &Report) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let pc = |a: usize, b: usize| {
        (a * 1000)
            .checked_div(b)
            .map_or("—".to_string(), |x| format!("{}.{}%", x / 10, x % 10))
    };
    let _ = writeln!(
        s,
        "{} excerpts: findings caught {} of {} ({}), in place {}; false alarms {}; relations judged {} of {} (in place {})",
        report.excerpts,
        report.findings.caught,
        report.findings.total,
        pc(report.findings.caught, report.findings.total),
        report.findings.in_place,
        report.false_alarms.len(),
        report.relations.caught,
        report.relations.total,
        report.relations.in_place,
    );
    let _ = writeln!(s, "\nfindings by kind      caught  in place  total");
    for (k, t) in &report.findings_by_kind {
        let _ = writeln!(
            s,
            "  {k:<18} {:>7} {:>9} {:>6}",
            t.caught, t.in_place, t.total
        );
    }
    let _ = writeln!(s, "\nrelations by kind     judged  in place  total");
    for (k, t) in &report.relations_by_kind {
        let _ = writeln!(
            s,
            "  {k:<18} {:>7} {:>9} {:>6}",
            t.caught, t.in_place, t.total
        );
    }
    let _ = writeln!(
        s,
        "\nfalse-alarm candidates (errors/warnings on lines with no finding):"
    );
    for l in &report.false_alarms {
        let _ = writeln!(
            s,
            "  {}:{} {} [{}] {}",
            l.file, l.line, l.code, l.severity, l.message
        );
    }
    let _ = writeln!(s, "\nfindings missed:");
    for l in &report.missed {
        let _ = writeln!(s, "  {}:{} {}", l.file, l.line, l.message);
    }
    if !report.unlocated.is_empty() {
        let _ = writeln!(s, "\nquotes not found in their excerpt:");
        for u in &report.unlocated {
            let _ = writeln!(s, "  {u}");
        }
    }
    s
}
