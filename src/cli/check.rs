//! `jxlint check`: per-file options, standard input, the streamed common case, and the runs
//! that take the whole outcome at once (fixes, diffs, baselines, statistics, an output file,
//! coverage listings).

use super::*;

pub(super) fn check(args: &CheckArgs, lang: Lang, color: ColorArg) -> Exit {
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
    // statistics, an output file and a coverage listing take the whole run at once.
    let streamable = stdin.is_none()
        && !args.coverage
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
/// does not grow with the number of files. JSON and SARIF, one document each, are written in
/// pieces: the head before the first batch, each batch's files (JSON) or results (SARIF) as
/// the batch completes, and the end after the last — the totals for JSON, and for SARIF the
/// invocation with the notifications of the files that could not be read, the only thing
/// kept from batch to batch.
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
    let mut sarif = render::sarif::SarifStream::new(lang);
    match args.format {
        Format::Json => writer.write(&render::json::json_head(), &progress),
        Format::Sarif => writer.write(&sarif.head(), &progress),
        _ => {}
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
            Format::Sarif => sarif.batch(&batch),
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
        Format::Sarif => sarif.tail(),
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
        Format::Json => render::render_json_with(outcome, lang, args.coverage),
        Format::Sarif => render::render_sarif(outcome, lang),
        Format::Github => render::render_github(outcome, lang),
    };
    let text = if args.coverage && matches!(args.format, Format::Human | Format::Concise) {
        format!("{text}{}", render::coverage_lines(outcome, lang))
    } else {
        text
    };
    let exit = Exit::of_outcome(outcome, args.fail_on.into());
    match &args.output_file {
        Some(path) => write_file(path, &text, exit, lang),
        None => print(&text, exit),
    }
}
