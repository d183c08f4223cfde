//! SARIF 2.1.0 output (`--format sarif`), for code-scanning services and IDEs.
//!
//! Hand-written serde structs (as ruff does): one run, the rule catalogue as the driver's
//! rules, one result per diagnostic with its region (1-based lines, columns in Unicode code
//! points — SARIF's default `columnKind`) and the secondary labels as related locations.
//! Files that could not be read become tool execution notifications, and the invocation is
//! then marked unsuccessful.
//!
//! The log is valid against the official SARIF 2.1.0 schema whatever the file names
//! (`tests/sarif.rs` checks it against `tests/data/sarif-schema-2.1.0.json`): every
//! `artifactLocation.uri` is the display path percent-encoded as an RFC 3986 relative
//! reference ([`uri_of`]). The driver has no `informationUri`: the schema wants an absolute
//! URI there, and jxlint names no published home page.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::model::Span;
use crate::outcome::Outcome;
use crate::rules::RULES;
use crate::source::LineIndex;

use super::{clamp_span, line_col};

#[derive(Serialize)]
struct Log<'a> {
    version: &'static str,
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
struct Run<'a> {
    tool: Tool,
    invocations: [Invocation<'a>; 1],
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: Text,
    locations: [Location<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    level: &'static str,
    message: Text,
    locations: [Location<'a>; 1],
    related_locations: Vec<Location<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: Physical<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical<'a> {
    artifact_location: Artifact<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct Artifact<'a> {
    uri: Cow<'a, str>,
}

/// Bytes of a path that cannot stand as they are in a URI path: everything but the
/// unreserved characters (`A-Z a-z 0-9 - . _ ~`), `/`, and the sub-delimiters and `@` that
/// RFC 3986 allows in a path segment. `:` is encoded too, so that a relative path whose first
/// segment has one (`C:/…`, `a:b.txt`) cannot be read as a scheme. Non-ASCII characters are
/// encoded as their UTF-8 bytes.
const PATH_ESCAPE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b':');

/// A display path (`/`-separated) as a URI reference: `报告 #1.txt` → `%E6%8A%A5%E5%91%8A%20%231.txt`.
pub fn uri_of(path: &str) -> Cow<'_, str> {
    let path = path.replace('\\', "/");
    // `//host/…` would be read as an authority: keep a path that starts with two slashes a path.
    let path = match path.strip_prefix("//") {
        Some(rest) => format!("/{}", rest.trim_start_matches('/')),
        None => path,
    };
    Cow::Owned(utf8_percent_encode(&path, PATH_ESCAPE).to_string())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn region(index: &LineIndex, text: &str, span: Span) -> Region {
    let span = clamp_span(text, span);
    let (start_line, start_column) = line_col(index, text, span.start);
    let (end_line, end_column) = line_col(index, text, span.end);
    Region {
        start_line,
        start_column,
        end_line,
        end_column,
    }
}

fn result<'a>(
    uri: &'a str,
    index: &LineIndex,
    text: &str,
    d: &'a Diagnostic,
    outcome: &'a Outcome,
    lang: Lang,
) -> SarifResult<'a> {
    let mut message = d.message.get(lang).to_string();
    if let Some(h) = &d.help {
        message.push_str(" — ");
        message.push_str(h.get(lang));
    }
    let at = |span: Span, msg: Option<String>| Location {
        physical_location: Physical {
            artifact_location: Artifact { uri: uri_of(uri) },
            region: Some(region(index, text, span)),
        },
        message: msg.map(|text| Text { text }),
    };
    // A label in another file (the report's text beside its data) is located in that file.
    let elsewhere = |path: &'a str, span: Span, msg: String| {
        let other = outcome.files.iter().find(|f| f.display_path == path);
        let other_text = other.map_or("", |f| f.text.as_str());
        Location {
            physical_location: Physical {
                artifact_location: Artifact {
                    uri: uri_of(other.map_or(path, |f| f.display_path.as_str())),
                },
                region: Some(region(&LineIndex::new(other_text), other_text, span)),
            },
            message: Some(Text { text: msg }),
        }
    };
    SarifResult {
        rule_id: d.code,
        level: level(d.severity),
        message: Text { text: message },
        locations: [at(d.span, None)],
        related_locations: d
            .labels
            .iter()
            .map(|l| {
                let msg = l.message.get(lang).to_string();
                match &l.file {
                    Some(path) => elsewhere(path, l.span, msg),
                    None => at(l.span, Some(msg)),
                }
            })
            .collect(),
    }
}

/// The SARIF log of a run, pretty-printed with a trailing newline.
pub fn render_sarif(outcome: &Outcome, lang: Lang) -> String {
    let rules = RULES
        .iter()
        .map(|r| {
            let m = r.meta();
            Rule {
                id: m.code,
                name: m.name,
                short_description: Text {
                    text: m.summary(lang),
                },
                full_description: Text { text: m.docs(lang) },
                default_configuration: Configuration {
                    level: level(m.severity),
                },
            }
        })
        .collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for f in &outcome.files {
        if let Some(e) = &f.error {
            notifications.push(Notification {
                level: "error",
                message: Text {
                    text: super::file_error_text(e, lang),
                },
                locations: [Location {
                    physical_location: Physical {
                        artifact_location: Artifact {
                            uri: uri_of(&f.display_path),
                        },
                        region: None,
                    },
                    message: None,
                }],
            });
        }
        let index = LineIndex::new(&f.text);
        results.extend(
            f.diagnostics
                .iter()
                .map(|d| result(&f.display_path, &index, &f.text, d, outcome, lang)),
        );
    }
    let log = Log {
        version: "2.1.0",
        schema: "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "jxlint",
                    version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            invocations: [Invocation {
                execution_successful: notifications.is_empty(),
                tool_execution_notifications: notifications,
            }],
            results,
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}
