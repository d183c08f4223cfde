//! The rule catalogue.
//!
//! Each rule lives in its own file, named after it, and is declared with [`declare_rule!`]:
//! the doc comment written above the declaration *is* the rule's documentation, printed by
//! `jxlint explain CODE`. [`RULES`] lists every rule sorted by code (a test keeps it so).
//!
//! Rules read the [`Context`]: the [`Document`](crate::model::Document) (its quantities), the
//! [`Relations`] found once by `crate::relations`, and the re-scored scorecard — and push [`Diagnostic`]s. They never read files, never
//! print, and never depend on each other's output.

use crate::diagnostic::Diagnostic;
pub use crate::diagnostic::RuleMeta;
use crate::model::Document;
use crate::relations::{RatioVerdict, Relations, SumVerdict};
use crate::score::{Rubric, Scoring};

pub mod arithmetic;
pub mod duplicates;
pub mod schema;
pub mod scoring;
pub mod suppression;
pub mod text;
pub mod units;

/// What a rule sees.
pub struct Context<'a> {
    pub text: &'a str,
    pub doc: &'a Document,
    /// The relations between the document's figures, found once for all rules.
    pub relations: &'a Relations,
    /// The other source of the same report, when a report's data and its text are checked
    /// together (D002): the context's document is the data, the counterpart its text.
    pub counterpart: Option<Counterpart<'a>>,
    /// The rubric scorecards are re-scored against.
    pub rubric: &'a Rubric,
    /// The document's scorecard re-scored against [`Context::rubric`], computed once for all
    /// the scoring rules.
    pub scoring: Option<&'a Scoring>,
}

impl Context<'_> {
    /// The verdict of each of `relations.ratios`, in order, judged once for all the rules
    /// that read them (A001, A002, U001).
    pub fn ratio_verdicts(&self) -> std::borrow::Cow<'_, [RatioVerdict]> {
        self.relations.ratio_verdicts(self.doc)
    }

    /// The verdict of each of `relations.sums`, in order (A003, U001).
    pub fn sum_verdicts(&self) -> std::borrow::Cow<'_, [SumVerdict]> {
        self.relations.sum_verdicts(self.doc)
    }
}

/// The report's text beside its data.
#[derive(Clone, Copy)]
pub struct Counterpart<'a> {
    /// Display path of the text file.
    pub path: &'a str,
    pub text: &'a str,
    pub doc: &'a Document,
    pub relations: &'a Relations,
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
    &arithmetic::product_mismatch::ProductMismatch,
    &arithmetic::count_mismatch::CountMismatch,
    &arithmetic::formula_mismatch::FormulaMismatch,
    &duplicates::conflicting_duplicate::ConflictingDuplicate,
    &duplicates::cross_source_mismatch::CrossSourceMismatch,
    &duplicates::source_document_conflict::SourceDocumentConflict,
    &schema::schema_violation::SchemaViolation,
    &scoring::score_over_weight::ScoreOverWeight,
    &scoring::subtotal_mismatch::SubtotalMismatch,
    &scoring::total_mismatch::TotalMismatch,
    &scoring::grade_mismatch::GradeMismatch,
    &scoring::score_unsupported::ScoreUnsupported,
    &scoring::table_incomplete::TableIncomplete,
    &scoring::claim_contradicted::ClaimContradicted,
    &text::numbering_gap::NumberingGap,
    &text::foreign_token::ForeignToken,
    &text::partial_period::PartialPeriod,
    &units::unit_scale::UnitScale,
    &units::implausible_magnitude::ImplausibleMagnitude,
    &suppression::unused_suppression::UnusedSuppression,
];

/// Find a rule by code (`A001`) or name (`ratio-mismatch`), case-insensitively.
pub fn find(key: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| {
        r.meta().code.eq_ignore_ascii_case(key) || r.meta().name.eq_ignore_ascii_case(key)
    })
}

/// Whether `prefix` is the beginning of at least one rule code (case-insensitively): what
/// `--select`, `--ignore` and the configuration accept.
pub fn is_code_prefix(prefix: &str) -> bool {
    RULES.iter().any(|r| {
        r.meta()
            .code
            .to_ascii_uppercase()
            .starts_with(&prefix.to_ascii_uppercase())
    })
}

/// The English documentation without the one leading space rustdoc leaves on each `///`
/// line.
pub fn docs_text(meta: &RuleMeta) -> String {
    meta.docs(crate::diagnostic::Lang::En)
}
