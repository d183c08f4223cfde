//! The command line: `jxlint check`, `jxlint score`, `jxlint rules`, `jxlint explain`,
//! `jxlint completions`, `jxlint man`.
//!
//! The help is in the language of `--lang` (or the locale): the command line is built from
//! the clap definition below and, for Chinese, translated by [`crate::cli_zh`] before the
//! arguments are parsed. Completions and the man page are generated from the same definition
//! (`clap_complete`, `clap_mangen`).
//!
//! This is the only module that prints. It parses the arguments (clap), walks the paths,
//! lints the files (in parallel, see [`lint`]), hands the [`Outcome`] to a renderer and
//! writes the result through a locked stdout. [`Exit`] is the one place exit statuses are
//! decided:
//!
//! * 0 — no finding at or above `--fail-on` (default `warning`);
//! * 1 — findings at or above `--fail-on`;
//! * 2 — a usage error (bad arguments, unknown rule code, a configuration or a rubric file
//!   that cannot be used) or a file that could not be read.
//!
//! A closed stdout (`jxlint check | head`) ends the output quietly; the exit status is still
//! that of the findings, so `jxlint check corpus | head -1` fails when the corpus does.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::baseline::Baseline;
use crate::config::ConfigError;
use crate::config::resolve::{Resolver, Selection, Settings};
use crate::diagnostic::{Lang, Severity};
use crate::fix;
use crate::lint::{self, FileError, Options, Outcome};
use crate::render::{self, HumanOptions, catalogue};
use crate::rules::{self, RULES};
use crate::score::Rubric;
use crate::walk::{self, Input};

mod check;

/// jxlint checks the figures of budget performance evaluation reports (绩效评价报告):
/// ratios, sums, shares, growth, units, restatements and numbering.
#[derive(Debug, Parser)]
#[command(name = "jxlint", version, propagate_version = true)]
pub struct Cli {
    /// Language of messages [default: from LC_ALL / LC_MESSAGES / LANG; Chinese if unset]
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,

    /// When to use colours: auto (when standard output is a terminal and NO_COLOR is not
    /// set), always, never
    #[arg(long, value_enum, global = true, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check reports (.txt, .md, .docx, .json) in files and folders
    Check(CheckArgs),
    /// Re-score the reports' 评分表: weight, claimed and recomputed score, evidence, totals
    Score(ScoreArgs),
    /// List every rule: code, name, default severity, summary
    Rules {
        /// Output format
        #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
        format: RulesFormat,
    },
    /// Print the documentation of a rule
    Explain {
        /// Rule code (`A001`) or name (`ratio-mismatch`)
        code: String,
    },
    /// Print a shell completion script (to standard output)
    Completions {
        /// Shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff, to standard output)
    Man,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to check; `-` reads a report from standard input
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// File name of the report read from standard input (`-`): the path shown, and its
    /// extension gives the format [default: read as plain text]
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,

    /// Write the output to FILE instead of standard output
    #[arg(long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// Print how many findings each rule gave instead of the findings
    #[arg(long)]
    pub statistics: bool,

    /// Run only rules whose code starts with one of these (comma-separated: `A,U001`)
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Vec<String>,

    /// Do not run rules whose code starts with one of these (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,

    /// Lowest severity that makes the exit status 1
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,

    /// Do not print the summary lines (human and concise formats)
    #[arg(long)]
    pub no_summary: bool,

    /// Also list the places a relation could be checked but was not (unbound candidates,
    /// with the reason)
    #[arg(long)]
    pub coverage: bool,

    /// Configuration file for every file [default: for each file, the nearest jxlint.toml
    /// in its folder or a folder above]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Report only the findings not recorded in this baseline file (with --write-baseline:
    /// record the current findings in it)
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record every current finding in the --baseline file (replacing it) and exit
    #[arg(long, requires = "baseline")]
    pub write_baseline: bool,

    /// Apply the safe fixes to .txt and .md files (UTF-8 only), then report what remains
    #[arg(long, conflicts_with_all = ["diff", "write_baseline"])]
    pub fix: bool,

    /// Print the safe fixes as a unified diff without writing; exit 1 if there are any
    #[arg(long, conflicts_with = "write_baseline")]
    pub diff: bool,

    /// Rubric to re-score score tables against (JSON, see schemas/rubric.schema.json)
    /// [default: the built-in profile]
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Files and folders to re-score
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = ScoreFormat::Human)]
    pub format: ScoreFormat,

    /// Rubric to re-score against (JSON, see schemas/rubric.schema.json)
    /// [default: the built-in profile]
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,

    /// Lowest severity of a scoring finding that makes the exit status 1
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    /// The indicator table with totals and grade, then the scoring findings
    Human,
    /// The JSON document of `check --format json` with the scoring rules only
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// 中文
    Zh,
    /// English
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Graphical reports with the figures underlined in the text
    Human,
    /// One line per finding: path:line:col: CODE [severity] message
    Concise,
    /// The stable JSON document (schemas/output.schema.json)
    Json,
    /// SARIF 2.1.0, for code-scanning services
    Sarif,
    /// GitHub Actions annotations (::error file=…,line=…::message)
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colours when standard output is a terminal and NO_COLOR is not set
    Auto,
    /// Always colours
    Always,
    /// Never colours
    Never,
}

impl ColorArg {
    /// Whether to colour output going to a terminal (`to_terminal`) or elsewhere.
    pub fn enabled(self, to_terminal: bool) -> bool {
        match self {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl From<FailOn> for Severity {
    fn from(f: FailOn) -> Severity {
        match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// How a run ends. The only place exit statuses are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: nothing at or above the failing severity.
    Clean,
    /// 1: findings at or above the failing severity.
    Findings,
    /// 2: a usage error, or a file that could not be read.
    Trouble,
}

impl Exit {
    pub fn status(self) -> u8 {
        match self {
            Exit::Clean => 0,
            Exit::Findings => 1,
            Exit::Trouble => 2,
        }
    }

    /// Unreadable files win over findings: a partial check must not pass as a clean one.
    pub fn of_outcome(outcome: &Outcome, fail_on: Severity) -> Exit {
        if outcome.has_errors() {
            Exit::Trouble
        } else if outcome.has_findings(fail_on) {
            Exit::Findings
        } else {
            Exit::Clean
        }
    }
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    ExitCode::from(run(std::env::args_os()).status())
}

/// Parse `args` (the program name first) and run the command.
pub fn run<I, T>(args: I) -> Exit
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // The language is needed before parsing: it is the language of `--help`.
    let lang = lang_of_args(&args).unwrap_or_else(Lang::from_env);
    let parsed = command(lang)
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are "errors" clap prints to stdout.
            let _ = e.print();
            return if e.use_stderr() {
                Exit::Trouble
            } else {
                Exit::Clean
            };
        }
    };
    let color = cli.color;
    match cli.command {
        Command::Check(args) => check::check(&args, lang, color),
        Command::Score(args) => score(&args, lang),
        Command::Rules { format } => {
            let text = match format {
                RulesFormat::Human => catalogue::render_rules_table(lang),
                RulesFormat::Json => catalogue::render_rules_json(lang),
            };
            print(&text, Exit::Clean)
        }
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut command(lang), "jxlint", &mut out);
            print(&String::from_utf8_lossy(&out), Exit::Clean)
        }
        Command::Man => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(command(lang)).render(&mut out) {
                Ok(()) => print(&String::from_utf8_lossy(&out), Exit::Clean),
                Err(e) => {
                    eprint(&format!("error: cannot render the man page: {e}"));
                    Exit::Trouble
                }
            }
        }
        Command::Explain { code } => match rules::find(code.trim()) {
            Some(rule) => {
                let color = color.enabled(io::stdout().is_terminal());
                print(
                    &catalogue::render_explain(rule.meta(), lang, color),
                    Exit::Clean,
                )
            }
            None => {
                eprint(&match lang {
                    Lang::Zh => format!(
                        "错误：没有代码为 `{code}` 的规则；运行 `jxlint rules` 查看全部规则代码"
                    ),
                    Lang::En => format!(
                        "error: no rule has the code `{code}`; run `jxlint rules` to see every code"
                    ),
                });
                Exit::Trouble
            }
        },
    }
}

/// The clap command in `lang` (see [`crate::cli_zh`]).
pub fn command(lang: Lang) -> clap::Command {
    crate::cli_zh::localize(Cli::command(), lang)
}

/// `--lang xx` / `--lang=xx` among the arguments, before they are parsed.
fn lang_of_args(args: &[OsString]) -> Option<Lang> {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    let mut found = None;
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = if a == "--lang" {
            it.next().map(|v| v.into_owned())
        } else {
            a.strip_prefix("--lang=").map(str::to_string)
        };
        match value.as_deref() {
            Some("zh") => found = Some(Lang::Zh),
            Some("en") => found = Some(Lang::En),
            _ => {}
        }
    }
    found
}

/// Write the output to `--output-file`; a file that cannot be written is an error (status 2).
fn write_file(path: &Path, text: &str, exit: Exit, lang: Lang) -> Exit {
    match std::fs::write(path, text) {
        Ok(()) => exit,
        Err(e) => {
            let cause = crate::source::io_message(&e);
            eprint(&match lang {
                Lang::Zh => format!("错误：无法写入输出文件 {}：{cause}", path.display()),
                Lang::En => format!(
                    "error: cannot write the output file {}: {cause}",
                    path.display()
                ),
            });
            Exit::Trouble
        }
    }
}

fn score(args: &ScoreArgs, lang: Lang) -> Exit {
    let rubric = match load_rubric(args.rubric.as_deref(), lang) {
        Ok(r) => r,
        Err(exit) => return exit,
    };
    let options = Options {
        select: vec!["S".to_string()],
        fail_on: args.fail_on.into(),
        rubric,
        ..Options::default()
    };
    let outcome = lint::lint_inputs(&inputs(&args.paths), &options);
    let text = match args.format {
        ScoreFormat::Human => render::render_score(&outcome, lang),
        ScoreFormat::Json => render::render_json(&outcome, lang),
    };
    print(&text, Exit::of_outcome(&outcome, options.fail_on))
}

/// Load `--rubric FILE`; a file that cannot be read or is not a valid rubric is a usage error.
fn load_rubric(path: Option<&Path>, lang: Lang) -> Result<Option<Arc<Rubric>>, Exit> {
    let Some(path) = path else { return Ok(None) };
    match Rubric::from_path(path) {
        Ok(r) => Ok(Some(Arc::new(r))),
        Err(e) => {
            eprint(&match lang {
                Lang::Zh => format!("错误：评分规则文件 {}：{}", e.origin, e.message),
                Lang::En => format!("error: rubric {}: {}", e.origin, e.message),
            });
            Err(Exit::Trouble)
        }
    }
}

/// The files to check, in command-line order. A path that does not exist (or cannot be
/// inspected) is reported as an unreadable input, not skipped.
fn inputs(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for path in paths {
        match std::fs::symlink_metadata(path) {
            Ok(_) => out.extend(walk::collect(std::slice::from_ref(path))),
            Err(e) => out.push(Input::Error {
                path: path.clone(),
                display: path.to_string_lossy().replace('\\', "/"),
                error: FileError {
                    kind: "io",
                    message: crate::source::io_message(&e),
                },
            }),
        }
    }
    out
}

/// `--select`/`--ignore` entries: trimmed, empty ones dropped, each the prefix of a known
/// rule code (so a typo is an error rather than a silently empty selection).
fn code_patterns(values: &[String], flag: &str, lang: Lang) -> Result<Vec<String>, Exit> {
    let mut out = Vec::new();
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        let known = RULES.iter().any(|r| {
            r.meta()
                .code
                .to_ascii_uppercase()
                .starts_with(&v.to_ascii_uppercase())
        });
        if !known {
            eprint(&match lang {
                Lang::Zh => format!(
                    "错误：{flag} 中的 `{v}` 不是任何规则代码的前缀；运行 `jxlint rules` 查看全部规则代码"
                ),
                Lang::En => format!(
                    "error: `{v}` in {flag} is not the prefix of any rule code; run `jxlint rules` to see every code"
                ),
            });
            return Err(Exit::Trouble);
        }
        out.push(v.to_string());
    }
    Ok(out)
}

/// Write to stdout; a closed pipe ends the run quietly with success.
fn print(text: &str, exit: Exit) -> Exit {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => exit,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => exit,
        Err(e) => {
            eprint(&format!("error: cannot write output: {e}"));
            Exit::Trouble
        }
    }
}

/// A line on stderr; nothing to do if stderr itself is gone.
fn eprint(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}
