//! Command-line options around the check itself: standard input, `--output-file`,
//! `--statistics`, `--color`, shell completions and the man page, and the language of help,
//! `rules`, `explain` and file errors.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("jxlint-flags-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            panic!("cannot create {}: {e}", dir.display());
        }
        Scratch(dir)
    }

    fn write(&self, name: &str, text: &str) -> &Scratch {
        if let Err(e) = std::fs::write(self.0.join(name), text) {
            panic!("cannot write {name}: {e}");
        }
        self
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Run jxlint in `dir` with no locale, no NO_COLOR and standard input `stdin`.
fn run(dir: &Path, args: &[&str], stdin: &[u8], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jxlint"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => panic!("cannot run jxlint: {e}"),
    };
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin);
    }
    match child.wait_with_output() {
        Ok(out) => out,
        Err(e) => panic!("jxlint did not finish: {e}"),
    }
}

fn jxlint(dir: &Path, args: &[&str]) -> Output {
    run(dir, args, b"", &[])
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// One A002 (899 / 902 = 99.667%, written 99.66%).
const TRUNCATED: &str = "一、整改情况\n\n共登记整改隐患902处，完成整改899处，整改率99.66%。\n";
/// One A001 (468 / 500 = 93.60%) and one A002.
const TWO_RULES: &str = "一、预算执行\n\n调整预算为500.00万元，实际支出468.00万元，预算执行率95.20%。\n\n二、整改\n\n共登记整改隐患902处，完成整改899处，整改率99.66%。\n";

#[test]
fn stdin_is_checked_under_its_stdin_filename() {
    let dir = Scratch::new("stdin");
    let out = run(
        dir.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "报告/2023.md",
            "--format",
            "concise",
        ],
        TRUNCATED.as_bytes(),
        &[],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("报告/2023.md:3:"),
        "{}",
        stdout(&out)
    );
    let json = run(
        dir.path(),
        &["check", "-", "--stdin-filename", "r.md", "--format", "json"],
        TRUNCATED.as_bytes(),
        &[],
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap_or_default();
    assert_eq!(v["files"][0]["format"], "markdown", "{}", stdout(&json));
    assert_eq!(v["files"][0]["diagnostics"][0]["code"], "A002");

    // Without a name: `-`, read as text; a clean report passes.
    let clean = run(
        dir.path(),
        &["check", "-", "--format", "json"],
        "一、概况\n\n本年度支出100万元。\n".as_bytes(),
        &[],
    );
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
    let v: serde_json::Value = serde_json::from_slice(&clean.stdout).unwrap_or_default();
    assert_eq!(v["files"][0]["path"], "-");
    assert_eq!(v["files"][0]["format"], "text");
}

#[test]
fn stdin_finds_its_configuration_and_is_never_rewritten() {
    let dir = Scratch::new("stdin-config");
    if let Err(e) = std::fs::create_dir_all(dir.path().join("sub")) {
        panic!("{e}");
    }
    dir.write("sub/jxlint.toml", "ignore = [\"A002\"]\n")
        .write("sub/r.txt", TRUNCATED);
    // The configuration of the named file's folder applies.
    let out = run(
        dir.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "sub/r.txt",
            "--format",
            "concise",
        ],
        TRUNCATED.as_bytes(),
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // --fix never writes for standard input: it has no file to rewrite, and `--stdin-filename`
    // only names it. The run is refused (exit 2) before anything is written, the file it is
    // named after stays as it was, and no file called `-` appears.
    for args in [
        &[
            "check",
            "-",
            "sub/r.txt",
            "--stdin-filename",
            "sub/r.txt",
            "--fix",
        ][..],
        &["check", "-", "--fix", "--select", "A002"][..],
    ] {
        let fix = run(dir.path(), args, TRUNCATED.as_bytes(), &[]);
        assert_eq!(fix.status.code(), Some(2), "{}", stderr(&fix));
        assert!(stderr(&fix).contains("--diff"), "{}", stderr(&fix));
    }
    let on_disk = std::fs::read_to_string(dir.path().join("sub/r.txt")).unwrap_or_default();
    assert!(
        on_disk.contains("99.66%"),
        "the file is unchanged: {on_disk}"
    );
    assert!(!dir.path().join("-").exists());
}

#[test]
fn stdin_takes_its_place_among_the_paths() {
    let dir = Scratch::new("stdin-order");
    dir.write("a.txt", TRUNCATED).write("b.txt", TRUNCATED);
    let out = run(
        dir.path(),
        &[
            "check",
            "a.txt",
            "-",
            "b.txt",
            "--format",
            "concise",
            "--no-summary",
        ],
        TRUNCATED.as_bytes(),
        &[],
    );
    let files: Vec<&str> = stdout(&out)
        .lines()
        .filter_map(|l| l.split(':').next())
        .map(|s| s.to_string().leak() as &str)
        .collect();
    assert_eq!(files, ["a.txt", "-", "b.txt"], "{}", stdout(&out));
}

#[test]
fn output_file_gets_the_output_and_stdout_nothing() {
    let dir = Scratch::new("output");
    dir.write("r.txt", TRUNCATED);
    let out = jxlint(
        dir.path(),
        &[
            "check",
            "r.txt",
            "--format",
            "json",
            "--output-file",
            "out.json",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    let written = std::fs::read_to_string(dir.path().join("out.json")).unwrap_or_default();
    let v: serde_json::Value = serde_json::from_str(&written).unwrap_or_default();
    assert_eq!(v["summary"]["warnings"], 1, "{written}");

    // The diff of --diff is the output too.
    let diff = jxlint(
        dir.path(),
        &["check", "r.txt", "--diff", "--output-file", "fix.diff"],
    );
    assert_eq!(
        (diff.status.code(), stdout(&diff)),
        (Some(1), String::new())
    );
    let written = std::fs::read_to_string(dir.path().join("fix.diff")).unwrap_or_default();
    assert!(
        written.contains("+共登记整改隐患902处，完成整改899处，整改率99.67%。"),
        "{written}"
    );

    let bad = jxlint(
        dir.path(),
        &[
            "check",
            "r.txt",
            "--output-file",
            "no/such/folder/out.txt",
            "--lang",
            "en",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("cannot write the output file no/such/folder/out.txt"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = Scratch::new("stats");
    dir.write("a.txt", TWO_RULES).write("b.txt", TRUNCATED);
    let out = jxlint(dir.path(), &["check", ".", "--statistics", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("2  A002  ratio-rounding"), "{text}");
    assert!(lines[1].starts_with("1  A001  ratio-mismatch"), "{text}");
    assert!(lines[2].starts_with("checked 2 files"), "{text}");

    let json = jxlint(
        dir.path(),
        &["check", ".", "--statistics", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap_or_default();
    assert_eq!(
        v,
        serde_json::json!([
            {"code": "A002", "name": "ratio-rounding", "severity": "warning", "count": 2},
            {"code": "A001", "name": "ratio-mismatch", "severity": "error", "count": 1}
        ])
    );
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let dir = Scratch::new("color");
    dir.write("r.txt", TRUNCATED);
    let esc = |o: &Output| o.stdout.contains(&0x1b);
    // Standard output is a pipe here: auto means no colours.
    assert!(!esc(&jxlint(dir.path(), &["check", "r.txt"])));
    assert!(esc(&jxlint(
        dir.path(),
        &["check", "r.txt", "--color", "always"]
    )));
    assert!(!esc(&jxlint(
        dir.path(),
        &["check", "r.txt", "--color", "never"]
    )));
    assert!(!esc(&run(
        dir.path(),
        &["check", "r.txt", "--color", "auto"],
        b"",
        &[("NO_COLOR", "1")]
    )));
    assert!(esc(&jxlint(
        dir.path(),
        &["explain", "T001", "--color", "always"]
    )));
    assert!(!esc(&jxlint(dir.path(), &["explain", "T001"])));
    let bad = jxlint(dir.path(), &["check", "r.txt", "--color", "sometimes"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn completions_and_man_page_are_generated_from_the_command_line() {
    let dir = Scratch::new("completions");
    for (shell, needle) in [
        ("bash", "_jxlint()"),
        ("zsh", "#compdef jxlint"),
        ("fish", "complete -c jxlint"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[jxlint]"),
    ] {
        let out = jxlint(dir.path(), &["completions", shell, "--lang", "en"]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains(needle), "{shell}: {text}");
        // Options of the subcommands are completed.
        assert!(text.contains("stdin-filename"), "{shell}");
    }
    let man = jxlint(dir.path(), &["man", "--lang", "en"]);
    assert_eq!(man.status.code(), Some(0));
    let text = stdout(&man);
    assert!(
        text.starts_with(".ie \\n(.g .ds Aq") || text.contains(".TH jxlint"),
        "{text}"
    );
    assert!(text.contains(".TH jxlint 1"), "{text}");
    assert!(text.contains("jxlint\\-check"), "{text}");
    let zh = jxlint(dir.path(), &["man", "--lang", "zh"]);
    assert!(
        stdout(&zh).contains("检查文件和文件夹中的报告"),
        "{}",
        stdout(&zh)
    );
}

#[test]
fn help_is_in_the_chosen_language() {
    let dir = Scratch::new("help");
    let zh = jxlint(dir.path(), &["check", "--help", "--lang", "zh"]);
    assert_eq!(zh.status.code(), Some(0));
    let text = stdout(&zh);
    assert!(text.contains("用法："), "{text}");
    assert!(text.contains("选项"), "{text}");
    assert!(text.contains("只打印每条规则的问题数量"), "{text}");
    assert!(!text.contains("Print how many findings"), "{text}");
    // No locale: Chinese, as for messages.
    let default = jxlint(dir.path(), &["--help"]);
    assert!(stdout(&default).contains("命令"), "{}", stdout(&default));
    let en = run(dir.path(), &["--help"], b"", &[("LANG", "en_US.UTF-8")]);
    assert!(stdout(&en).contains("Commands:"), "{}", stdout(&en));
    assert!(stdout(&en).contains("Check reports"), "{}", stdout(&en));
    let en_flag = jxlint(dir.path(), &["check", "--lang=en", "--help"]);
    assert!(
        stdout(&en_flag).contains("Print how many findings"),
        "{}",
        stdout(&en_flag)
    );
}

#[test]
fn every_argument_and_command_has_a_chinese_help() {
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        if cmd
            .get_about()
            .is_none_or(|a| !a.to_string().chars().any(|c| c > '\u{2E80}'))
        {
            missing.push(format!("command `{path}`"));
        }
        for a in cmd.get_arguments() {
            let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
            if !help.chars().any(|c| c > '\u{2E80}') {
                missing.push(format!("`{path} {}`", a.get_id()));
            }
        }
        for s in cmd.get_subcommands() {
            walk(s, &format!("{path} {}", s.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(
        &jxlint::cli::command(jxlint::diagnostic::Lang::Zh),
        "jxlint",
        &mut missing,
    );
    assert!(
        missing.is_empty(),
        "no Chinese help for: {}",
        missing.join(", ")
    );
}

#[test]
fn rules_and_explain_follow_lang() {
    let dir = Scratch::new("rules");
    let zh = stdout(&jxlint(dir.path(), &["rules", "--lang", "zh"]));
    assert!(zh.starts_with("代码"), "{zh}");
    assert!(
        zh.contains("编号列表或标题序列跳号、重号或更换了编号样式。"),
        "{zh}"
    );
    let en = stdout(&jxlint(dir.path(), &["rules", "--lang", "en"]));
    assert!(
        en.contains("A numbered list or heading sequence skips a number, repeats one, or switches marker style."),
        "{en}"
    );
    let json = jxlint(dir.path(), &["rules", "--format", "json", "--lang", "zh"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap_or_default();
    assert_eq!(v["rules"][0]["code"], "A001");
    assert!(
        v["rules"][0]["summary"]
            .as_str()
            .is_some_and(|s| s.ends_with('。'))
    );

    let explain = stdout(&jxlint(dir.path(), &["explain", "A002", "--lang", "zh"]));
    assert!(explain.contains("\n检查内容\n"), "{explain}");
    assert!(explain.contains("    共登记隐患902处"), "{explain}");
    assert!(
        !explain.contains("###") && !explain.contains("```"),
        "{explain}"
    );
}

#[test]
fn file_errors_are_in_the_chosen_language() {
    let dir = Scratch::new("errors");
    let zh = jxlint(dir.path(), &["check", "缺失.txt", "--lang", "zh"]);
    assert_eq!(zh.status.code(), Some(2));
    assert!(
        stdout(&zh).contains("错误：缺失.txt：无法读取：文件或文件夹不存在"),
        "{}",
        stdout(&zh)
    );
    let en = jxlint(dir.path(), &["check", "缺失.txt", "--lang", "en"]);
    assert!(
        stdout(&en).contains("error: 缺失.txt: io: no such file or directory"),
        "{}",
        stdout(&en)
    );
}
