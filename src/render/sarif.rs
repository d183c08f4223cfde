//! SARIF 2.1.0 output (`--format sarif`), for code-scanning services and IDEs.
//!
//! Hand-written serde structs (as ruff does): one run, the rule catalogue as the driver's
//! rules, one result per diagnostic with its region (1-based lines, columns in Unicode code
//! points — SARIF's default `columnKind`) and the secondary labels as related locations.
//! Files that could not be read become tool execution notifications, and the invocation is
//! then marked unsuccessful.
//!
//! The log can be written whole ([`render_sarif`]) or in pieces as files are checked
//! ([`SarifStream`]: the head with the rule catalogue, each batch's results, then the
//! invocation); the pieces together are byte for byte the whole log. `results` comes before
//! `invocations`, so that the invocation, which depends on every file, can be written last.
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
use crate::outcome::{FileReport, Outcome};
use crate::rules::RULES;
use crate::source::LineIndex;

use super::json::{indent, pretty, pretty_indented_into};
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
    results: Vec<SarifResult<'a>>,
    invocations: [Invocation; 1],
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
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

/// A file that could not be read. Owns its few strings, so that a streamed log keeps only
/// these, not the files.
#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: [Location<'static>; 1],
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

fn tool(lang: Lang) -> Tool {
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
    Tool {
        driver: Driver {
            name: "jxlint",
            version: env!("CARGO_PKG_VERSION"),
            rules,
        },
    }
}

/// The notification for a file that could not be read, if `f` is one.
fn notification(f: &FileReport, lang: Lang) -> Option<Notification> {
    let e = f.error.as_ref()?;
    Some(Notification {
        level: "error",
        message: Text {
            text: super::file_error_text(e, lang),
        },
        locations: [Location {
            physical_location: Physical {
                artifact_location: Artifact {
                    uri: Cow::Owned(uri_of(&f.display_path).into_owned()),
                },
                region: None,
            },
            message: None,
        }],
    })
}

/// The results of every diagnostic of `f`, in order; labels in other files are placed with
/// the files of `outcome`.
fn file_results<'a>(f: &'a FileReport, outcome: &'a Outcome, lang: Lang) -> Vec<SarifResult<'a>> {
    let index = LineIndex::new(&f.text);
    f.diagnostics
        .iter()
        .map(|d| result(&f.display_path, &index, &f.text, d, outcome, lang))
        .collect()
}

const VERSION: &str = "2.1.0";
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The SARIF log of a run, pretty-printed with a trailing newline.
pub fn render_sarif(outcome: &Outcome, lang: Lang) -> String {
    let results = outcome
        .files
        .iter()
        .flat_map(|f| file_results(f, outcome, lang))
        .collect();
    let notifications: Vec<Notification> = outcome
        .files
        .iter()
        .filter_map(|f| notification(f, lang))
        .collect();
    let log = Log {
        version: VERSION,
        schema: SCHEMA,
        runs: [Run {
            tool: tool(lang),
            results,
            invocations: [Invocation {
                execution_successful: notifications.is_empty(),
                tool_execution_notifications: notifications,
            }],
        }],
    };
    let mut s = pretty(&log);
    s.push('\n');
    s
}

/// The SARIF log written as files are checked: [`SarifStream::head`] first, then
/// [`SarifStream::batch`] for every batch of files in order, then [`SarifStream::tail`].
/// Together they are exactly [`render_sarif`] of all the files. Between the pieces only the
/// notifications of unreadable files are kept.
pub struct SarifStream {
    lang: Lang,
    results: usize,
    notifications: Vec<Notification>,
}

impl SarifStream {
    pub fn new(lang: Lang) -> SarifStream {
        SarifStream {
            lang,
            results: 0,
            notifications: Vec::new(),
        }
    }

    /// The log up to the opening of `results`: version, schema and the tool with the rules.
    pub fn head(&self) -> String {
        let tool = indent(&pretty(&tool(self.lang)), 6, false);
        format!(
            "{{\n  \"version\": {},\n  \"$schema\": {},\n  \"runs\": [\n    {{\n      \"tool\": {tool},\n      \"results\": [",
            pretty(&VERSION),
            pretty(&SCHEMA),
        )
    }

    /// The results of the files of `batch` (labels in other files are placed with the files
    /// of the batch); the unreadable files are remembered for the invocation.
    pub fn batch(&mut self, batch: &Outcome) -> String {
        let mut out = String::new();
        for f in &batch.files {
            self.notifications.extend(notification(f, self.lang));
            for r in file_results(f, batch, self.lang) {
                out.push_str(if self.results == 0 { "\n" } else { ",\n" });
                pretty_indented_into(&mut out, &r, 8, true);
                self.results += 1;
            }
        }
        out
    }

    /// `results` closed, the invocation with its notifications, and the end of the log.
    pub fn tail(&mut self) -> String {
        let notifications = std::mem::take(&mut self.notifications);
        let invocation = indent(
            &pretty(&Invocation {
                execution_successful: notifications.is_empty(),
                tool_execution_notifications: notifications,
            }),
            8,
            true,
        );
        let close = if self.results == 0 { "]" } else { "\n      ]" };
        format!("{close},\n      \"invocations\": [\n{invocation}\n      ]\n    }}\n  ]\n}}\n")
    }
}
