//! jxlint — a linter for Chinese government budget performance evaluation reports.
//!
//! Data flow, one direction:
//!
//! ```text
//! paths ─walk─▶ files ─source─▶ UTF-8 text ─parse─▶ Document (blocks, quantities, relations,
//!                                                            scorecard)
//! Document ─score─▶ re-scored scorecard (rubric) ─┐
//! Document ─rules─▶ Vec<Diagnostic> ──────────────┴─render─▶ human | concise | json | score
//! ```
//!
//! * [`walk`] expands command-line paths into sorted report files.
//! * [`source`] decodes bytes (UTF-8, UTF-16, GB18030) and extracts `.docx` text.
//! * [`parse`] builds the [`model::Document`]: blocks, figures with exact values and units,
//!   labels, periods; [`relations`] then finds, once, the ratios, sums, share groups, growth
//!   claims and restatements that rules judge. Report data in JSON ([`parse::json`]) becomes
//!   the same kind of document, its identities stated by its structure.
//! * [`config`] reads `jxlint.toml` (rule selection, [`formula`]s over report data).
//!   claims and restatements that rules judge.
//! * [`score`] reads the report's 评分表, stated totals and grades into a scorecard (at parse
//!   time) and re-scores it against a rubric (data, `data/rubrics/*.json`); the scoring rules
//!   read the result.
//! * [`rules`] holds the catalogue, one rule per file; [`lint`] runs them per file in
//!   parallel; [`render`] turns diagnostics into output. Nothing below [`cli`] prints.
//!
//! No floating point: every figure is a [`rust_decimal::Decimal`].

#![deny(clippy::float_arithmetic)]

pub mod cli;
pub mod cli_zh;
pub mod config;
pub mod diagnostic;
pub mod formula;
pub mod lint;
pub mod model;
pub mod numeric;
pub mod parse;
pub mod relations;
pub mod render;
pub mod rules;
pub mod score;
pub mod source;
pub mod walk;
