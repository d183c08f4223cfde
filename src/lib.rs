//! jxlint — a linter for Chinese government budget performance evaluation reports.
//!
//! Data flow, one direction (ARCHITECTURE.md at the repository root tells it in full):
//!
//! ```text
//! paths ─walk─▶ files ─source─▶ UTF-8 text ─parse─▶ Document (blocks, tables, figures)
//! Document ─relations─▶ Relations (ratios, sums, shares, growth, restatements, …)
//! Document + Relations ─score─▶ Scorecard, re-scored against a rubric
//! Document + Relations + Scoring ─rules─▶ Vec<Diagnostic> ─render─▶ human | concise | json | …
//! ```
//!
//! Layers, lowest first; a module imports only from its own layer or the layers below it:
//!
//! 0. foundation — [`numeric`] (exact intervals), [`formula`] (the user formula language),
//!    [`diagnostic`] (plain diagnostic data and rule metadata), [`model`] (the document model,
//!    claims and report data as plain data);
//! 1. [`source`] — bytes to UTF-8 text (UTF-8, UTF-16, GB18030; `.docx` with Word's automatic
//!    numbering, and where each part of its text is in the document);
//! 2. [`parse`] — text to a [`model::Document`] (structure, figures, report data from JSON);
//! 3. [`relations`] — the relations between a document's figures, found once and judged;
//! 4. [`score`] — the 评分表 read into a scorecard and re-scored against a rubric;
//! 5. [`rules`] — the catalogue, one rule per file, reading document, relations and scoring;
//!    [`outcome`] — what checking produced per file and per run, as plain data;
//! 6. [`render`] — diagnostics to output, pure functions;
//! 7. application — [`config`] (`jxlint.toml`, found per file), [`walk`] (paths to files),
//!    [`lint`] (the per-file pipeline, files in parallel), [`suppress`] (inline suppression
//!    comments, applied to the rules' findings), [`baseline`] (recorded findings),
//!    [`fix`] (`--fix` / `--diff`), [`cli`] (arguments, printing, exit status) with
//!    [`cli_zh`] (its help in Chinese).
//!
//! No floating point: every figure is a [`rust_decimal::Decimal`].

#![deny(clippy::float_arithmetic)]

pub mod baseline;
pub mod cli;
pub mod cli_zh;
pub mod config;
pub mod diagnostic;
pub mod fix;
pub mod formula;
pub mod lint;
pub mod model;
pub mod numeric;
pub mod outcome;
pub mod parse;
pub mod relations;
pub mod render;
pub mod rules;
pub mod score;
pub mod source;
pub mod suppress;
pub mod walk;
