//! Diagnostics are plain data: what a rule found, where, and what would be right.
//!
//! Rules build [`Diagnostic`]s; renderers (see `render/`) turn them into text, JSON or
//! anything else. Every human-readable string is a [`Message`] carrying both the Chinese and
//! the English text so that the language is chosen at render time, never by a rule.

use serde::Serialize;

use crate::model::Span;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Output language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The language from the usual locale variables (`LC_ALL`, `LC_MESSAGES`, `LANG`):
    /// Chinese when the locale is `zh*`, English otherwise; Chinese when no locale is set,
    /// since the reports (and their readers) are Chinese.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                let v = v.trim();
                if v.is_empty() {
                    continue;
                }
                if v == "C" || v == "POSIX" || v.starts_with("C.") {
                    return Lang::Zh;
                }
                return if v.to_ascii_lowercase().starts_with("zh") {
                    Lang::Zh
                } else {
                    Lang::En
                };
            }
        }
        Lang::Zh
    }
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

impl Message {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Message {
        Message {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A secondary place the judgement used ("预算数 stated here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: Message,
    /// The display path of the file the span is in, when it is not the diagnostic's own file
    /// (the report's text beside its data, for D002); `None` for the same file.
    pub file: Option<String>,
}

/// Whether a fix may be applied without a person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The correct text is certain: `jxlint check --fix` applies it.
    Safe,
    /// A likely correction that may change what the report means: shown, never applied.
    Unsafe,
}

/// One replacement in a file's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The bytes replaced (`start == end` inserts).
    pub span: Span,
    pub replacement: String,
}

/// A machine-applicable correction: edits in the diagnostic's own file, which never overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    /// Sorted by position.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// One replacement of `span` by `replacement`.
    pub fn replace(
        applicability: Applicability,
        span: Span,
        replacement: impl Into<String>,
    ) -> Fix {
        Fix {
            applicability,
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }
}

/// One finding of one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: Message,
    /// The figure (or text) that is wrong.
    pub span: Span,
    /// Message attached to the primary span in graphical output.
    pub primary_label: Option<Message>,
    /// Every other figure the judgement used.
    pub labels: Vec<Label>,
    /// What to do, with the corrected value when one is known.
    pub help: Option<Message>,
    /// Machine-readable expected value (e.g. `99.67%`).
    pub expected: Option<String>,
    /// Machine-readable value found (e.g. `99.66%`).
    pub found: Option<String>,
    /// The correction, when a rule can write it (kept only for plain text and Markdown).
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(meta: &RuleMeta, span: Span, message: Message) -> Diagnostic {
        Diagnostic {
            code: meta.code,
            name: meta.name,
            severity: meta.severity,
            message,
            span,
            primary_label: None,
            labels: Vec::new(),
            help: None,
            expected: None,
            found: None,
            fix: None,
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn primary(mut self, message: Message) -> Self {
        self.primary_label = Some(message);
        self
    }

    pub fn label(mut self, span: Span, message: Message) -> Self {
        self.labels.push(Label {
            span,
            message,
            file: None,
        });
        self
    }

    /// A label in another file (`file` is its display path).
    pub fn label_in(mut self, file: &str, span: Span, message: Message) -> Self {
        self.labels.push(Label {
            span,
            message,
            file: Some(file.to_string()),
        });
        self
    }

    pub fn help(mut self, message: Message) -> Self {
        self.help = Some(message);
        self
    }

    pub fn fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }

    pub fn expected_found(mut self, expected: impl Into<String>, found: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self.found = Some(found.into());
        self
    }
}
/// What `jxlint rules` and `jxlint explain` print about a rule.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// The doc comment of the declaration, Markdown (English).
    pub docs: &'static str,
    /// The same documentation in Chinese: the rule type's `DOCS_ZH`, written in the rule's
    /// own file next to the doc comment.
    pub docs_zh: &'static str,
}

impl RuleMeta {
    /// The documentation in `lang`, Markdown (without the leading space rustdoc leaves on
    /// each `///` line).
    pub fn docs(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self
                .docs
                .lines()
                .map(|l| l.strip_prefix(' ').unwrap_or(l))
                .collect::<Vec<_>>()
                .join("\n")
                .trim()
                .to_string(),
            Lang::Zh => self.docs_zh.trim().to_string(),
        }
    }

    /// The one-line summary in `lang`: the whole first paragraph of the docs, its lines
    /// joined (with a space between Latin words, with nothing between Chinese characters).
    pub fn summary(&self, lang: Lang) -> String {
        let docs = match lang {
            Lang::En => self.docs,
            Lang::Zh => self.docs_zh,
        };
        let mut out = String::new();
        for line in docs
            .lines()
            .map(str::trim)
            .skip_while(|l| l.is_empty())
            .take_while(|l| !l.is_empty())
        {
            let cjk_join = out.chars().next_back().is_some_and(is_cjk)
                && line.chars().next().is_some_and(is_cjk);
            if !out.is_empty() && !cjk_join {
                out.push(' ');
            }
            out.push_str(line);
        }
        out
    }
}

/// Chinese characters and full-width punctuation: no space is put between two of them when a
/// paragraph's lines are joined.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}
