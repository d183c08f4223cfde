//! The rule catalogue as text: the table `jxlint rules` prints and the page
//! `jxlint explain CODE` prints. Both read [`RULES`], so they can never disagree with it.

use serde::Serialize;

use crate::rules::{RULES, RuleMeta, docs_text};

/// Every rule's metadata, sorted by code.
fn sorted() -> Vec<&'static RuleMeta> {
    let mut metas: Vec<&'static RuleMeta> = RULES.iter().map(|r| r.meta()).collect();
    metas.sort_by_key(|m| m.code);
    metas
}

/// `CODE  name  severity  summary`, one rule a line, columns aligned.
pub fn render_rules_table() -> String {
    let metas = sorted();
    let name_width = metas
        .iter()
        .map(|m| m.name.len())
        .max()
        .unwrap_or(0)
        .max("name".len());
    let mut out = format!(
        "{:<5}  {:<name_width$}  {:<8}  summary\n",
        "code", "name", "severity"
    );
    for m in metas {
        out.push_str(&format!(
            "{:<5}  {:<name_width$}  {:<8}  {}\n",
            m.code,
            m.name,
            m.severity.as_str(),
            m.summary()
        ));
    }
    out
}

#[derive(Serialize)]
struct RuleRow {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    summary: &'static str,
}

#[derive(Serialize)]
struct RulesOutput {
    rules: Vec<RuleRow>,
}

/// `{"rules": [{"code", "name", "severity", "summary"}, …]}`, sorted by code.
pub fn render_rules_json() -> String {
    let rules = sorted()
        .into_iter()
        .map(|m| RuleRow {
            code: m.code,
            name: m.name,
            severity: m.severity.as_str(),
            summary: m.summary(),
        })
        .collect();
    // Static strings only: serialising cannot fail.
    let mut json = serde_json::to_string_pretty(&RulesOutput { rules })
        .expect("serialising plain structs of strings cannot fail");
    json.push('\n');
    json
}

/// A rule's documentation under a `CODE name (severity)` header line.
pub fn render_explain(meta: &RuleMeta) -> String {
    format!(
        "{} {} ({})\n\n{}\n",
        meta.code,
        meta.name,
        meta.severity.as_str(),
        docs_text(meta)
    )
}
