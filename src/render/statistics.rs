//! `jxlint check --statistics`: how many findings each rule gave, instead of the findings
//! themselves (as ruff's `--statistics`).
//!
//! Text: one line per rule that fired, most findings first (then by code) — count, code, name,
//! severity and the rule's summary in the chosen language — and a total line. JSON: an array of
//! `{"code", "name", "severity", "count"}` in the same order. Files that could not be read are
//! listed after the counts in text and left out of the JSON counts (the exit status still
//! says so).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostic::Lang;
use crate::outcome::Outcome;
use crate::rules;

#[derive(Serialize)]
struct Row {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    count: usize,
}

/// Counts per rule code, most first.
fn rows(outcome: &Outcome) -> Vec<Row> {
    let mut counts: BTreeMap<&'static str, (&'static str, &'static str, usize)> = BTreeMap::new();
    for d in outcome.files.iter().flat_map(|f| &f.diagnostics) {
        counts
            .entry(d.code)
            .or_insert((d.name, d.severity.as_str(), 0))
            .2 += 1;
    }
    let mut rows: Vec<Row> = counts
        .into_iter()
        .map(|(code, (name, severity, count))| Row {
            code,
            name,
            severity,
            count,
        })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    rows
}

/// The statistics of a run as text (`json` false) or as a JSON array.
pub fn render_statistics(outcome: &Outcome, lang: Lang, json: bool) -> String {
    let rows = rows(outcome);
    if json {
        let mut s = serde_json::to_string_pretty(&rows).unwrap_or_default();
        s.push('\n');
        return s;
    }
    let count_w = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(1);
    let name_w = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in &rows {
        let summary = rules::find(r.code)
            .map(|rule| rule.meta().summary(lang))
            .unwrap_or_default();
        out.push_str(&format!(
            "{:>count_w$}  {}  {:<name_w$}  {:<7}  {summary}\n",
            r.count, r.code, r.name, r.severity
        ));
    }
    for f in &outcome.files {
        if let Some(line) = super::file_error_line(f, lang) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.push_str(&super::total_summary(outcome, lang));
    out.push('\n');
    out
}
