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
        Command::Check(args) => check(&args, lang, color),
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

fn check(args: &CheckArgs, lang: Lang, color: ColorArg) -> Exit {
    let (select, ignore) = match (
        code_patterns(&args.select, "--select", lang),
        code_patterns(&args.ignore, "--ignore", lang),
    ) {
        (Ok(s), Ok(i)) => (s, i),
        (Err(exit), _) | (_, Err(exit)) => return exit,
    };
    let resolver = match Resolver::new(args.config.as_deref()) {
        Ok(r) => r,
        Err(e) => return config_error(&e, lang),
    };
    let rubric = match load_rubric(args.rubric.as_deref(), lang) {
        Ok(r) => r,
        Err(exit) => return exit,
    };
    let base = Options {
        fail_on: args.fail_on.into(),
        rubric,
        ..Options::default()
    };
    let mut settings = match Settings::new(resolver, Selection { select, ignore }, base) {
        Ok(s) => s,
        Err(e) => {
            eprint(&match lang {
                Lang::Zh => format!("错误：{e}"),
                Lang::En => format!("error: {e}"),
            });
            return Exit::Trouble;
        }
    };
    // `-` is the report on standard input: read once, checked under `--stdin-filename`, and
    // placed in the output where it was named.
    let mut stdin_at = Vec::new();
    let mut inputs = Vec::new();
    for p in &args.paths {
        if p.as_os_str() == "-" {
            stdin_at.push(inputs.len());
        } else {
            inputs.extend(self::inputs(std::slice::from_ref(p)));
        }
    }
    if args.fix && !stdin_at.is_empty() {
        // Standard input has no file to rewrite (and `--stdin-filename` only names it).
        eprint(&match lang {
            Lang::Zh => "错误：--fix 不能修改标准输入；请用 --diff 查看修正".to_string(),
            Lang::En => "error: --fix cannot rewrite standard input; use --diff to see the fixes"
                .to_string(),
        });
        return Exit::Trouble;
    }
    let stdin_name = args.stdin_filename.as_deref().unwrap_or(Path::new("-"));
    let stdin = if stdin_at.is_empty() {
        None
    } else {
        let mut bytes = Vec::new();
        if let Err(e) = io::Read::read_to_end(&mut io::stdin().lock(), &mut bytes) {
            eprint(&match lang {
                Lang::Zh => format!("错误：无法读取标准输入：{e}"),
                Lang::En => format!("error: cannot read standard input: {e}"),
            });
            return Exit::Trouble;
        }
        // Configuration is found from the named file's folder, as for a file on disk.
        let options = match settings
            .options_for(&std::env::current_dir().unwrap_or_default().join(stdin_name))
        {
            Ok(o) => o,
            Err(e) => return config_error(&e, lang),
        };
        Some((bytes, options))
    };
    let with_stdin = |mut outcome: Outcome| {
        if let Some((bytes, options)) = &stdin {
            let display = stdin_name.to_string_lossy().replace('\\', "/");
            let report = lint::lint_bytes(stdin_name, display, bytes, options);
            // Files and inputs correspond one to one: input indices are file indices.
            for (shift, at) in stdin_at.iter().enumerate() {
                outcome.files.insert(at + shift, report.clone());
            }
        }
        outcome
    };
    let per_file = match settings.for_inputs(&inputs) {
        Ok(p) => p,
        Err(e) => return config_error(&e, lang),
    };
    let options_for = |p: &Path| per_file.get(p);
    // The common case is streamed: findings printed file by file as they are checked, memory
    // independent of the number of files. Standard input, fixes, baselines being written,
    // statistics and an output file take the whole run at once.
    let streamable = stdin.is_none()
        && !args.write_baseline
        && !args.fix
        && !args.diff
        && !args.statistics
        && args.output_file.is_none();
    if streamable {
        let baseline = match &args.baseline {
            Some(path) => match Baseline::load(path) {
                Ok(b) => Some(b),
                Err(e) => {
                    eprint(&match lang {
                        Lang::Zh => format!("错误：基线文件 {}：{e}", path.display()),
                        Lang::En => format!("error: baseline {}: {e}", path.display()),
                    });
                    return Exit::Trouble;
                }
            },
            None => None,
        };
        return stream_check(&inputs, &options_for, baseline.as_ref(), args, lang, color);
    }
    let mut outcome = with_stdin(lint::lint_inputs_each(&inputs, &options_for));
    let baseline = match (&args.baseline, args.write_baseline) {
        (Some(path), true) => return write_baseline(path, &outcome, lang),
        (Some(path), false) => match Baseline::load(path) {
            Ok(b) => Some(b),
            Err(e) => {
                eprint(&match lang {
                    Lang::Zh => format!("错误：基线文件 {}：{e}", path.display()),
                    Lang::En => format!("error: baseline {}: {e}", path.display()),
                });
                return Exit::Trouble;
            }
        },
        (None, _) => None,
    };
    if let Some(b) = &baseline {
        baseline_gone(b.filter(&mut outcome), lang);
    }
    if args.fix || args.diff {
        let keep = |path: &Path, text: &str, diags| match &baseline {
            Some(b) => b.new_findings(path, text, diags),
            None => diags,
        };
        // `--diff` shows standard input fixed too; `--fix` was refused above when it was
        // given, so nothing read from standard input is ever written.
        let on_disk = Outcome {
            files: outcome.files.clone(),
        };
        let (diff, trouble) = apply_fixes(&on_disk, args.diff, &options_for, &keep, lang);
        if args.diff {
            let exit = if trouble || outcome.has_errors() {
                Exit::Trouble
            } else if diff.is_empty() {
                Exit::Clean
            } else {
                Exit::Findings
            };
            return match &args.output_file {
                Some(path) => write_file(path, &diff, exit, lang),
                None => print(&diff, exit),
            };
        }
        // What remains after the fixes, as the files now are.
        outcome = with_stdin(lint::lint_inputs_each(&inputs, &options_for));
        if let Some(b) = &baseline {
            b.filter(&mut outcome);
        }
        if trouble {
            let _ = render_outcome(args, &outcome, lang, color);
            return Exit::Trouble;
        }
    }
    render_outcome(args, &outcome, lang, color)
}

/// Say how many recorded findings of the baseline were not found (fixed since, or changed past
/// recognition).
fn baseline_gone(gone: usize, lang: Lang) {
    if gone > 0 {
        eprint(&match lang {
            Lang::Zh => {
                format!("注意：基线中有 {gone} 个问题已不再出现；用 --write-baseline 重新记录")
            }
            Lang::En => format!(
                "note: {gone} findings of the baseline are gone; --write-baseline records the current ones"
            ),
        });
    }
}

/// Lint and print batch by batch (see [`lint::lint_streaming`]): each file's findings are
/// written as soon as it and the files before it are checked, and dropped then, so memory
/// does not grow with the number of files. SARIF, one document whose results and
/// notifications are separate arrays, is rendered once at the end.
fn stream_check(
    inputs: &[Input],
    options_for: &dyn Fn(&Path) -> Arc<Options>,
    baseline: Option<&Baseline>,
    args: &CheckArgs,
    lang: Lang,
    color: ColorArg,
) -> Exit {
    let fail_on: Severity = args.fail_on.into();
    let human = HumanOptions {
        color: color.enabled(io::stdout().is_terminal()),
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
    let mut gone = 0;
    let mut kept = Vec::new(); // SARIF only
    if args.format == Format::Json {
        writer.write(&render::json::json_head(), &progress);
    }
    lint::lint_streaming_each(inputs, options_for, |files| {
        let mut batch = Outcome { files };
        if let Some(b) = baseline {
            gone += b.filter(&mut batch);
        }
        progress.advance(batch.files.len());
        trouble |= batch.has_errors();
        findings |= batch.has_findings(fail_on);
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
    baseline_gone(gone, lang);
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

/// Apply (or, for `--diff`, show) the safe fixes and say what was done on stderr. Returns
/// the diff text and whether a file could not be written.
fn apply_fixes(
    outcome: &Outcome,
    diff_only: bool,
    options_for: &dyn Fn(&Path) -> Arc<Options>,
    keep: &fix::Keep<'_>,
    lang: Lang,
) -> (String, bool) {
    let run = fix::run(outcome, diff_only, options_for, keep);
    for (path, encoding) in &run.not_utf8 {
        eprint(&match lang {
            Lang::Zh => format!("注意：{path} 为 {encoding} 编码，只修正 UTF-8 文件，未作改动"),
            Lang::En => format!(
                "note: {path} is {encoding}; only UTF-8 files are fixed, it is left as it is"
            ),
        });
    }
    for (path, e) in &run.failed {
        eprint(&match lang {
            Lang::Zh => format!("错误：{path}：{e}"),
            Lang::En => format!("error: {path}: {e}"),
        });
    }
    let (fixes, files) = (run.fixes, run.files);
    eprint(&match (lang, diff_only) {
        (Lang::Zh, true) => format!("可自动修正 {fixes} 处（{files} 个文件）"),
        (Lang::En, true) => format!(
            "{fixes} fixes would be applied in {files} {}",
            plural(files)
        ),
        (Lang::Zh, false) => format!("已修正 {fixes} 处（{files} 个文件）"),
        (Lang::En, false) => format!("fixed {fixes} findings in {files} {}", plural(files)),
    });
    (run.diff, !run.failed.is_empty())
}

fn plural(files: usize) -> &'static str {
    if files == 1 { "file" } else { "files" }
}

/// `--write-baseline`: record every finding of the run; status 2 if a file could not be read
/// (its findings could not be recorded), 0 otherwise.
fn write_baseline(path: &Path, outcome: &Outcome, lang: Lang) -> Exit {
    let mut b = Baseline::new(path);
    b.record(outcome);
    let written = b.write(path);
    if let Err(e) = written {
        eprint(&match lang {
            Lang::Zh => format!("错误：无法写入基线文件 {}：{e}", path.display()),
            Lang::En => format!("error: cannot write the baseline {}: {e}", path.display()),
        });
        return Exit::Trouble;
    }
    eprint(&match lang {
        Lang::Zh => format!("已将 {} 个问题记入基线 {}", b.len(), path.display()),
        Lang::En => format!(
            "recorded {} findings in the baseline {}",
            b.len(),
            path.display()
        ),
    });
    if outcome.has_errors() {
        Exit::Trouble
    } else {
        Exit::Clean
    }
}

fn config_error(e: &ConfigError, lang: Lang) -> Exit {
    eprint(&match lang {
        Lang::Zh => format!("错误：配置文件无法使用：{e}"),
        Lang::En => format!("error: the configuration cannot be used: {e}"),
    });
    Exit::Trouble
}

fn render_outcome(args: &CheckArgs, outcome: &Outcome, lang: Lang, color: ColorArg) -> Exit {
    let text = match args.format {
        _ if args.statistics => {
            render::render_statistics(outcome, lang, args.format == Format::Json)
        }
        Format::Human => {
            let to_terminal = args.output_file.is_none() && io::stdout().is_terminal();
            let color = color.enabled(to_terminal);
            let width = std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.trim().parse::<usize>().ok())
                .filter(|&w| w >= 40)
                .unwrap_or(100);
            render::render_human(
                outcome,
                lang,
                &HumanOptions {
                    color,
                    width,
                    summary: !args.no_summary,
                },
            )
        }
        Format::Concise => render::render_concise(outcome, lang, !args.no_summary),
        Format::Json => render::render_json(outcome, lang),
        Format::Sarif => render::render_sarif(outcome, lang),
        Format::Github => render::render_github(outcome, lang),
    };
    let exit = Exit::of_outcome(outcome, args.fail_on.into());
    match &args.output_file {
        Some(path) => write_file(path, &text, exit, lang),
        None => print(&text, exit),
    }
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
