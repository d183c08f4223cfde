//! The rule catalogue.
//!
//! Each rule lives in its own file, named after it, and is declared with [`declare_rule!`]:
//! the doc comment written above the declaration *is* the rule's documentation, printed by
//! `jxlint explain CODE`. [`RULES`] lists every rule sorted by code (a test keeps it so).
//!
//! Rules read the [`Document`](crate::model::Document) — its quantities and the relations
//! found once in `relations.rs` — and push [`Diagnostic`]s. They never read files, never
//! print, and never depend on each other's output.

use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::model::Document;
use crate::score::{Rubric, Scoring};

pub mod arithmetic;
pub mod duplicates;
pub mod schema;
pub mod scoring;
pub mod text;
pub mod units;

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
    /// The documentation in `lang`, Markdown, without rustdoc's leading spaces.
    pub fn docs(&self, lang: Lang) -> String {
        match lang {
            Lang::En => docs_text(self),
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

/// What a rule sees.
pub struct Context<'a> {
    pub text: &'a str,
    pub doc: &'a Document,
    /// The other source of the same report, when a report's data and its text are checked
    /// together (D002): the context's document is the data, the counterpart its text.
    pub counterpart: Option<Counterpart<'a>>,
    /// The rubric scorecards are re-scored against.
    pub rubric: &'a Rubric,
    /// The document's scorecard re-scored against [`Context::rubric`], computed once for all
    /// the scoring rules.
    pub scoring: Option<&'a Scoring>,
}

/// The report's text beside its data.
#[derive(Clone, Copy)]
pub struct Counterpart<'a> {
    /// Display path of the text file.
    pub path: &'a str,
    pub text: &'a str,
    pub doc: &'a Document,
}

/// A check over one document.
pub trait Rule: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>);
}

/// Declare a rule: its doc comment, type, code, name and default severity. The rule type
/// also defines `DOCS_ZH`, its documentation in Chinese (same sections, first paragraph the
/// summary), in an `impl` block of the same file.
///
/// ```ignore
/// declare_rule! {
///     /// One-line summary.
///     ///
///     /// ### What it checks …
///     pub RatioMismatch, "A001", "ratio-mismatch", Error
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    ($(#[doc = $doc:expr])+ $vis:vis $ty:ident, $code:literal, $name:literal, $sev:ident) => {
        $(#[doc = $doc])+
        $vis struct $ty;

        impl $ty {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: $code,
                name: $name,
                severity: $crate::diagnostic::Severity::$sev,
                docs: concat!($($doc, "\n"),+),
                docs_zh: Self::DOCS_ZH,
            };
        }
    };
}

/// Every rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &arithmetic::ratio_mismatch::RatioMismatch,
    &arithmetic::ratio_rounding::RatioRounding,
    &arithmetic::sum_mismatch::SumMismatch,
    &arithmetic::share_sum::ShareSum,
    &arithmetic::change_mismatch::ChangeMismatch,
    &arithmetic::formula_mismatch::FormulaMismatch,
    &duplicates::conflicting_duplicate::ConflictingDuplicate,
    &duplicates::cross_source_mismatch::CrossSourceMismatch,
    &schema::schema_violation::SchemaViolation,
    &scoring::score_over_weight::ScoreOverWeight,
    &scoring::subtotal_mismatch::SubtotalMismatch,
    &scoring::total_mismatch::TotalMismatch,
    &scoring::grade_mismatch::GradeMismatch,
    &scoring::score_unsupported::ScoreUnsupported,
    &scoring::table_incomplete::TableIncomplete,
    &text::numbering_gap::NumberingGap,
    &text::foreign_token::ForeignToken,
    &text::partial_period::PartialPeriod,
    &units::unit_scale::UnitScale,
];

/// Find a rule by code (`A001`) or name (`ratio-mismatch`), case-insensitively.
pub fn find(key: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| {
        r.meta().code.eq_ignore_ascii_case(key) || r.meta().name.eq_ignore_ascii_case(key)
    })
}

/// Strip the one leading space rustdoc leaves on each `///` line.
pub fn docs_text(meta: &RuleMeta) -> String {
    meta.docs
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}
