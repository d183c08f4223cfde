//! The command line: `jxlint check`, `jxlint score`, `jxlint rules`, `jxlint explain`.
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

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::Config;
use crate::diagnostic::{Lang, Severity};
use crate::lint::{self, FileError, Options, Outcome};
use crate::render::{self, HumanOptions, catalogue};
use crate::rules::{self, RULES};
use crate::score::Rubric;
use crate::walk::{self, Input};

/// jxlint checks the figures of budget performance evaluation reports (绩效评价报告):
/// ratios, sums, shares, growth, units, restatements and numbering.
#[derive(Debug, Parser)]
#[command(name = "jxlint", version, propagate_version = true)]
pub struct Cli {
    /// Language of messages [default: from LC_ALL / LC_MESSAGES / LANG; Chinese if unset]
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,

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
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to check
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

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

    /// Configuration file [default: jxlint.toml in the current folder, when there is one]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

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
    let cli = match Cli::try_parse_from(args) {
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
    let lang = match cli.lang {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    match cli.command {
        Command::Check(args) => check(&args, lang),
        Command::Score(args) => score(&args, lang),
        Command::Rules { format } => {
            let text = match format {
                RulesFormat::Human => catalogue::render_rules_table(),
                RulesFormat::Json => catalogue::render_rules_json(),
            };
            print(&text, Exit::Clean)
        }
        Command::Explain { code } => match rules::find(code.trim()) {
            Some(rule) => print(&catalogue::render_explain(rule.meta()), Exit::Clean),
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

fn check(args: &CheckArgs, lang: Lang) -> Exit {
    let config = match load_config(args.config.as_deref(), lang) {
        Ok(c) => c,
        Err(exit) => return exit,
    };
    // `--select` replaces the configuration's selection; `--ignore` adds to its exclusions.
    let config_flag = |key: &str| {
        let file = config
            .path
            .as_deref()
            .unwrap_or(Path::new(crate::config::FILE_NAME));
        format!("`{key}` of {}", file.display())
    };
    let select = if args.select.is_empty() {
        code_patterns(&config.select, &config_flag("select"), lang)
    } else {
        code_patterns(&args.select, "--select", lang)
    };
    let select = match select {
        Ok(p) => p,
        Err(exit) => return exit,
    };
    let mut ignore = match code_patterns(&config.ignore, &config_flag("ignore"), lang) {
        Ok(p) => p,
        Err(exit) => return exit,
    };
    match code_patterns(&args.ignore, "--ignore", lang) {
        Ok(p) => ignore.extend(p),
        Err(exit) => return exit,
    }
    let rubric = match load_rubric(args.rubric.as_deref(), lang) {
        Ok(r) => r,
        Err(exit) => return exit,
    };
    let options = Options {
        select,
        ignore,
        fail_on: args.fail_on.into(),
        formulas: config.formulas,
        rubric,
    };
    stream_check(&inputs(&args.paths), &options, args, lang)
}

/// Lint and print batch by batch (see [`lint::lint_streaming`]): each file's findings are
/// written as soon as it and the files before it are checked, and dropped then, so memory
/// does not grow with the number of files. SARIF, one document whose results and
/// notifications are separate arrays, is rendered once at the end.
fn stream_check(inputs: &[Input], options: &Options, args: &CheckArgs, lang: Lang) -> Exit {
    let stdout = io::stdout();
    let human = HumanOptions {
        color: stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        width: std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|&w| w >= 40)
            .unwrap_or(100),
        summary: !args.no_summary,
    };
    let progress = Progress::new(inputs.len(), args.format);
    let mut writer = Writer::default();
    let mut totals = render::RunTotals::default();
    let (mut trouble, mut findings) = (false, false);
    let mut kept = Vec::new(); // SARIF only
    if args.format == Format::Json {
        writer.write(&render::json::json_head(), &progress);
    }
    lint::lint_streaming(inputs, options, |files| {
        let batch = Outcome { files };
        progress.advance(batch.files.len());
        trouble |= batch.has_errors();
        findings |= batch.has_findings(options.fail_on);
        let text = match args.format {
            Format::Human => render::render_human_files(&batch, lang, &human),
            Format::Concise => render::render_concise(&batch, lang, false),
            Format::Github => render::render_github(&batch, lang),
            Format::Json => batch
                .files
                .iter()
                .enumerate()
                .map(|(k, f)| render::json::json_file(f, totals.files + k == 0, &batch, lang))
                .collect(),
            Format::Sarif => {
                kept.extend(batch.files);
                return;
            }
        };
        totals.add(&batch);
        writer.write(&text, &progress);
    });
    progress.finish();
    let tail = match args.format {
        Format::Human | Format::Concise if !args.no_summary => {
            format!("{}\n", render::total_summary_of(&totals, lang))
        }
        Format::Json => render::json::json_tail(totals.files, &totals.stats),
        Format::Sarif => render::render_sarif(&Outcome { files: kept }, lang),
        _ => String::new(),
    };
    writer.write(&tail, &progress);
    let exit = if trouble {
        Exit::Trouble
    } else if findings {
        Exit::Findings
    } else {
        Exit::Clean
    };
    writer.finish(exit)
}

/// Stdout for streamed output. A closed pipe stops the writing, not the run: the exit status
/// still reflects every file's findings.
#[derive(Default)]
struct Writer {
    closed: bool,
    failed: bool,
}

impl Writer {
    fn write(&mut self, text: &str, progress: &Progress) {
        if self.closed || self.failed || text.is_empty() {
            return;
        }
        let result = progress.suspend(|| {
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes()).and_then(|()| out.flush())
        });
        match result {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => self.closed = true,
            Err(e) => {
                eprint(&format!("error: cannot write output: {e}"));
                self.failed = true;
            }
        }
    }

    fn finish(self, exit: Exit) -> Exit {
        if self.failed { Exit::Trouble } else { exit }
    }
}

/// A progress bar on stderr (files done / total) for long human or concise runs in a
/// terminal; nothing for machine formats, for a few files, or when stderr is not a terminal.
struct Progress(Option<indicatif::ProgressBar>);

/// Fewer files than this show no progress bar.
const PROGRESS_MIN_FILES: usize = 20;

impl Progress {
    fn new(files: usize, format: Format) -> Progress {
        let wanted = matches!(format, Format::Human | Format::Concise)
            && files >= PROGRESS_MIN_FILES
            && io::stderr().is_terminal();
        if !wanted {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(files as u64),
            indicatif::ProgressDrawTarget::stderr(),
        );
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} files {elapsed_precise}")
        {
            bar.set_style(style);
        }
        Progress(Some(bar))
    }

    fn advance(&self, n: usize) {
        if let Some(bar) = &self.0 {
            bar.inc(n as u64);
        }
    }

    fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// `--config FILE`, else `jxlint.toml` in the current folder, else the defaults; a
/// configuration that cannot be used is a usage error.
fn load_config(explicit: Option<&Path>, lang: Lang) -> Result<Config, Exit> {
    let cwd = std::env::current_dir().unwrap_or_default();
    crate::config::discover(explicit, &cwd).map_err(|e| {
        eprint(&match lang {
            Lang::Zh => format!("错误：配置文件无法使用：{e}"),
            Lang::En => format!("error: the configuration cannot be used: {e}"),
        });
        Exit::Trouble
    })
}

fn score(args: &ScoreArgs, lang: Lang) -> Exit {
    let rubric = match load_rubric(args.rubric.as_deref(), lang) {
        Ok(r) => r,
        Err(exit) => return exit,
    };
    let options = Options {
        select: vec!["S".to_string()],
        ignore: Vec::new(),
        fail_on: args.fail_on.into(),
        formulas: Vec::new(),
        rubric,
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
                    message: e.to_string(),
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

/// Write to stdout; a closed pipe ends the output quietly, the exit status unchanged.
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
