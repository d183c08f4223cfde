//! The rule catalogue as text: the table `jxlint rules` prints and the page
//! `jxlint explain CODE` prints, in the chosen language. Both read [`RULES`], so they can never
//! disagree with it.

use serde::Serialize;

use crate::diagnostic::Lang;
use crate::rules::{RULES, RuleMeta};

use super::markdown;

/// Every rule's metadata, sorted by code.
fn sorted() -> Vec<&'static RuleMeta> {
    let mut metas: Vec<&'static RuleMeta> = RULES.iter().map(|r| r.meta()).collect();
    metas.sort_by_key(|m| m.code);
    metas
}

/// `s` padded with spaces to `width` terminal columns (Chinese characters take two).
fn pad(s: &str, width: usize) -> String {
    let w = markdown::display_width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// `CODE  name  severity  summary`, one rule a line, columns aligned; the header and the
/// summaries in `lang`.
pub fn render_rules_table(lang: Lang) -> String {
    let metas = sorted();
    let head: [&str; 4] = match lang {
        Lang::Zh => ["代码", "名称", "级别", "摘要"],
        Lang::En => ["code", "name", "severity", "summary"],
    };
    let code_w = metas
        .iter()
        .map(|m| m.code.len())
        .chain([markdown::display_width(head[0])])
        .max()
        .unwrap_or(0);
    let name_w = metas
        .iter()
        .map(|m| m.name.len())
        .chain([markdown::display_width(head[1])])
        .max()
        .unwrap_or(0);
    let sev_w = ["warning".len(), markdown::display_width(head[2])]
        .into_iter()
        .max()
        .unwrap_or(0);
    let mut out = format!(
        "{}  {}  {}  {}\n",
        pad(head[0], code_w),
        pad(head[1], name_w),
        pad(head[2], sev_w),
        head[3]
    );
    for m in metas {
        out.push_str(&format!(
            "{}  {}  {}  {}\n",
            pad(m.code, code_w),
            pad(m.name, name_w),
            pad(m.severity.as_str(), sev_w),
            m.summary(lang)
        ));
    }
    out
}

#[derive(Serialize)]
struct RuleRow {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    summary: String,
}

#[derive(Serialize)]
struct RulesOutput {
    rules: Vec<RuleRow>,
}

/// `{"rules": [{"code", "name", "severity", "summary"}, …]}`, sorted by code; the summary in
/// `lang`.
pub fn render_rules_json(lang: Lang) -> String {
    let rules = sorted()
        .into_iter()
        .map(|m| RuleRow {
            code: m.code,
            name: m.name,
            severity: m.severity.as_str(),
            summary: m.summary(lang),
        })
        .collect();
    let mut json = serde_json::to_string_pretty(&RulesOutput { rules }).unwrap_or_default();
    json.push('\n');
    json
}

/// A rule's documentation in `lang` under a `CODE name (severity)` header line, its Markdown
/// rendered for a terminal ([`markdown::render`]): styled when `color`, plain otherwise.
pub fn render_explain(meta: &RuleMeta, lang: Lang, color: bool) -> String {
    let header = format!("{} {} ({})", meta.code, meta.name, meta.severity.as_str());
    let header = if color {
        format!("\x1b[1m{header}\x1b[0m")
    } else {
        header
    };
    format!("{header}\n\n{}", markdown::render(&meta.docs(lang), color))
}
