//! `jxlint.toml`: which rules run, how severe their findings are, which files ignore which
//! rules, and the user's formulas (勾稽关系) over report data.
//!
//! ```toml
//! select = ["A", "U", "D"]        # rule code prefixes to run (default: all)
//! ignore = ["T002"]               # rule code prefixes not to run
//!
//! [severity]                      # per code (or prefix): error, warning or info
//! A005 = "info"
//!
//! [per-file-ignores]              # glob (relative to this file's folder) = code prefixes
//! "drafts/**" = ["T"]
//! "*.md" = ["T001"]
//!
//! [[formula]]
//! name = "调整预算 = 基本支出 + 项目支出"
//! expr = "budget.adjusted == budget.adjusted.basic + budget.adjusted.project"
//! tolerance = "0.01"              # a string, read exactly; default 0
//! severity = "error"              # error (default), warning or info
//! ```
//!
//! Each checked file is governed by the nearest `jxlint.toml` found from its own folder upward
//! ([`resolve`]), or by the one file given with `--config`. Every problem is a [`ConfigError`]
//! naming the file and the cause — a TOML syntax error with its line and column, an unknown
//! key, a code that is the prefix of no rule, a glob that does not parse, a formula that does
//! not parse (with its column), a field that no report has (with the closest known one), a
//! tolerance written as a float — and the run stops with exit status 2 before any file is
//! checked: a configuration is never half used.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobMatcher};

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::formula;
pub use crate::formula::Formula;
use crate::parse::json::fields;

pub mod resolve;

/// The file looked for in each checked file's folder and the folders above it.
pub const FILE_NAME: &str = "jxlint.toml";

/// A loaded configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Where it was read from, as shown in messages (`None` for the defaults).
    pub path: Option<PathBuf>,
    /// The folder `per-file-ignores` patterns are relative to (absolute when the file was
    /// found on disk; empty for a configuration parsed from a string).
    pub root: PathBuf,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// Severity overrides: a code or code prefix and the severity its findings take. The
    /// longest matching prefix wins.
    pub severity: Vec<(String, Severity)>,
    pub per_file_ignores: Vec<PerFileIgnore>,
    pub formulas: Vec<Formula>,
}

/// One entry of `[per-file-ignores]`: files matching `pattern` do not run `codes`.
#[derive(Debug, Clone)]
pub struct PerFileIgnore {
    pub pattern: String,
    matcher: GlobMatcher,
    /// Whether the pattern has no `/` and so is matched against the file name alone too.
    basename: bool,
    pub codes: Vec<String>,
}

impl PerFileIgnore {
    /// Whether the entry applies to `relative` (the file's path relative to the configuration's
    /// folder, `None` when the file is outside it) or, for a pattern without `/`, to its name.
    fn matches(&self, relative: Option<&Path>, name: Option<&str>) -> bool {
        relative.is_some_and(|r| self.matcher.is_match(r))
            || (self.basename && name.is_some_and(|n| self.matcher.is_match(n)))
    }
}

impl Config {
    /// The codes `[per-file-ignores]` turns off for `file` (an absolute path, or one relative to
    /// the current folder).
    pub fn ignored_for(&self, file: &Path) -> Vec<String> {
        if self.per_file_ignores.is_empty() {
            return Vec::new();
        }
        let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let absolute = resolve::normal(&absolute);
        let relative = absolute.strip_prefix(&self.root).ok();
        let name = file.file_name().and_then(|n| n.to_str());
        self.per_file_ignores
            .iter()
            .filter(|p| p.matches(relative, name))
            .flat_map(|p| p.codes.iter().cloned())
            .collect()
    }
}

/// Why a configuration could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            self.path.display().to_string().replace('\\', "/"),
            self.message
        )
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
    #[serde(default, rename = "per-file-ignores")]
    per_file_ignores: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    formula: Vec<RawFormula>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFormula {
    name: String,
    expr: String,
    tolerance: Option<toml::Value>,
    severity: Option<String>,
}

/// The largest configuration file read (1 MiB); only regular files are read at all.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Read and check a configuration file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    load_as(path, path)
}

/// Read `path`, naming it `shown` in errors.
fn load_as(path: &Path, shown: &Path) -> Result<Config, ConfigError> {
    let shown = PathBuf::from(shown);
    let bytes = crate::source::read_capped(path, MAX_CONFIG_BYTES).map_err(|e| ConfigError {
        path: shown.clone(),
        message: format!("cannot read the configuration: {}", e.message),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| ConfigError {
        path: shown.clone(),
        message: "the configuration is not UTF-8 text".into(),
    })?;
    let mut config = parse(&text, &shown)?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    config.root = resolve::normal(&std::path::absolute(folder).unwrap_or_default());
    Ok(config)
}

/// Check that every entry of a list of codes (`select`, `ignore`, …) is the prefix of a rule
/// code; `which` names the list in the error.
fn codes(values: Vec<String>, which: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for v in values {
        let v = v.trim().to_string();
        if v.is_empty() {
            continue;
        }
        if !crate::rules::is_code_prefix(&v) {
            return Err(format!(
                "{which}: `{v}` is not the prefix of any rule code (run `jxlint rules` to see every code)"
            ));
        }
        out.push(v);
    }
    Ok(out)
}

/// The glob of a `[per-file-ignores]` key: `/` separates folders, `*` stays within one,
/// `**` crosses any number.
fn glob(pattern: &str) -> Result<GlobMatcher, String> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map(|g: Glob| g.compile_matcher())
        .map_err(|e| {
            format!(
                "per-file-ignores: the pattern \"{pattern}\" is not a glob: {}",
                e.kind()
            )
        })
}

/// Check a configuration's text (`path` names it in errors).
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let fail = |message: String| ConfigError {
        path: path.to_path_buf(),
        message,
    };
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let at = e
            .span()
            .map(|s| {
                let (l, c) = crate::source::LineIndex::new(text).line_col(text, s.start);
                format!("line {l}, column {c}: ")
            })
            .unwrap_or_default();
        fail(format!("{at}{}", e.message().trim_end_matches('\n')))
    })?;
    let mut formulas = Vec::new();
    for (i, f) in raw.formula.into_iter().enumerate() {
        let which = if f.name.trim().is_empty() {
            format!("formula #{}", i + 1)
        } else {
            format!("formula `{}`", f.name)
        };
        let comparison = formula::parse(&f.expr).map_err(|e| {
            fail(format!(
                "{which}: the expression does not parse at column {}: {}\n  {}\n  {}^",
                e.column,
                e.message,
                f.expr,
                " ".repeat(e.column.saturating_sub(1))
            ))
        })?;
        let paths = comparison.paths();
        if paths.is_empty() {
            return Err(fail(format!(
                "{which}: the expression names no field, so it says nothing about a report"
            )));
        }
        for (p, column) in paths {
            if !fields::is_known_path(p) {
                let hint = fields::suggest(p)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(fail(format!(
                    "{which}: unknown field `{p}` at column {column}{hint}; fields are the paths of schemas/report.schema.json (budget.adjusted.total …) or metrics.<id> / rates.<id>"
                )));
            }
        }
        let tolerance = match f.tolerance {
            None => Decimal::ZERO,
            Some(toml::Value::String(s)) => Decimal::from_str_exact(s.trim())
                .ok()
                .filter(|t| *t >= Decimal::ZERO)
                .ok_or_else(|| {
                    fail(format!(
                        "{which}: tolerance \"{s}\" is not a non-negative number"
                    ))
                })?,
            Some(toml::Value::Integer(n)) if n >= 0 => Decimal::from(n),
            Some(toml::Value::Float(_)) => {
                return Err(fail(format!(
                    "{which}: write the tolerance as a string (tolerance = \"0.01\") so that it is read exactly, not as a binary float"
                )));
            }
            Some(other) => {
                return Err(fail(format!(
                    "{which}: tolerance must be a non-negative number in a string (\"0.01\"), found {other}"
                )));
            }
        };
        let severity = match f.severity.as_deref() {
            None => Severity::Error,
            Some(s) => Severity::parse(s).ok_or_else(|| {
                fail(format!(
                    "{which}: severity must be error, warning or info, found \"{s}\""
                ))
            })?,
        };
        formulas.push(Formula {
            name: if f.name.trim().is_empty() {
                f.expr.clone()
            } else {
                f.name
            },
            expr: f.expr,
            comparison,
            tolerance,
            severity,
        });
    }
    let select = codes(raw.select, "select").map_err(fail)?;
    let ignore = codes(raw.ignore, "ignore").map_err(fail)?;
    let mut severity = Vec::new();
    for (code, level) in raw.severity {
        let code = codes(vec![code], "severity").map_err(fail)?;
        let level = Severity::parse(level.trim()).ok_or_else(|| {
            fail(format!(
                "severity: `{}` must be error, warning or info, found \"{level}\"",
                code.join("")
            ))
        })?;
        severity.extend(code.into_iter().map(|c| (c, level)));
    }
    let mut per_file_ignores = Vec::new();
    for (pattern, list) in raw.per_file_ignores {
        let matcher = glob(&pattern).map_err(fail)?;
        let codes = codes(list, &format!("per-file-ignores \"{pattern}\"")).map_err(fail)?;
        per_file_ignores.push(PerFileIgnore {
            basename: !pattern.contains('/'),
            pattern,
            matcher,
            codes,
        });
    }
    Ok(Config {
        path: Some(path.to_path_buf()),
        root: PathBuf::new(),
        select,
        ignore,
        severity,
        per_file_ignores,
        formulas,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        match parse(text, Path::new("jxlint.toml")) {
            Ok(c) => panic!("should fail: {c:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_full_configuration_loads() {
        let c = parse(
            r#"
select = ["A", "D"]
ignore = ["T002"]

[[formula]]
name = "调整预算 = 基本支出 + 项目支出"
expr = "budget.adjusted == budget.adjusted.basic + budget.adjusted.project"
tolerance = "0.01"

[[formula]]
name = "在编不超编"
expr = "staff.in_post <= staff.authorized"
severity = "warning"
tolerance = 0
"#,
            Path::new("jxlint.toml"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.select, ["A", "D"]);
        assert_eq!(c.formulas.len(), 2);
        assert_eq!(c.formulas[0].tolerance, Decimal::new(1, 2));
        assert_eq!(c.formulas[1].severity, Severity::Warning);
    }

    #[test]
    fn errors_name_the_file_and_the_cause() {
        let e = err("[[formula]]\nname = \"x\"\nexpr = \"budget.ajusted == 1 + spend.final\"\n");
        assert!(e.starts_with("jxlint.toml: formula `x`: unknown field `budget.ajusted` at column 1 (did you mean `budget.adjusted`?)"), "{e}");
        let e = err("[[formula]]\nname = \"x\"\nexpr = \"budget.adjusted == + \"\n");
        assert!(e.contains("does not parse at column 20"), "{e}");
        let e = err(
            "[[formula]]\nname = \"x\"\nexpr = \"spend.final <= budget.adjusted\"\ntolerance = 0.01\n",
        );
        assert!(e.contains("as a string"), "{e}");
        let e = err("selcet = [\"A\"]\n");
        assert!(
            e.contains("line 1, column 1") && e.contains("selcet"),
            "{e}"
        );
        let e = err("select = [\n");
        assert!(e.starts_with("jxlint.toml: line"), "{e}");
        let e = err("[[formula]]\nname = \"x\"\nexpr = \"1 == 1\"\n");
        assert!(e.contains("names no field"), "{e}");
    }
}
