//! The built binary, run in scratch folders: exit statuses, output formats, languages, the
//! rule catalogue. The rules' findings are tested elsewhere; nothing here depends on them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A scratch folder under the system temp dir, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("jxlint-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            panic!("cannot create {}: {e}", dir.display());
        }
        Scratch(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> &Scratch {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        if let Err(e) = std::fs::write(&path, bytes) {
            panic!("cannot write {}: {e}", path.display());
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

/// Run `jxlint args…` in `dir` with no locale set.
fn jxlint(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("COLUMNS")
        .output();
    match out {
        Ok(out) => out,
        Err(e) => panic!("cannot run jxlint: {e}"),
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(out: &Output) -> serde_json::Value {
    match serde_json::from_slice(&out.stdout) {
        Ok(v) => v,
        Err(e) => panic!("stdout is not JSON ({e}):\n{}", stdout(out)),
    }
}

const CLEAN: &str = "一、基本情况\n本报告为2023年度部门整体支出绩效评价报告。\n";

/// Not text in any encoding jxlint reads: NUL bytes, and bytes that are neither UTF-8 nor
/// GB18030 (no byte-order mark either).
const BINARY: &[u8] = b"\x00\x81\x00\xff\x00\xc0\x00\x00";

#[test]
fn empty_folder_is_clean() {
    let dir = Scratch::new("empty");
    let out = jxlint(dir.path(), &["check", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "checked 0 files: 0 figures, 0 relations; 0 errors, 0 warnings, 0 infos\n"
    );
}

#[test]
fn clean_file_is_clean() {
    let dir = Scratch::new("clean");
    dir.write("report.txt", CLEAN.as_bytes());
    let out = jxlint(dir.path(), &["check", "report.txt", "--lang", "zh"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("共检查 1 个文件："),
        "{}",
        stdout(&out)
    );
}

#[test]
fn folders_are_walked_for_report_files_only() {
    let dir = Scratch::new("walk");
    dir.write("b.txt", CLEAN.as_bytes())
        .write("a/report.md", CLEAN.as_bytes())
        .write("notes.rs", b"fn main() {}");
    let out = jxlint(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    let paths: Vec<&str> = v["files"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths[0].ends_with("a/report.md") && paths[1].ends_with("b.txt"),
        "{paths:?}"
    );
}

#[test]
fn missing_path_exits_2_and_other_files_are_still_checked() {
    let dir = Scratch::new("missing");
    dir.write("report.txt", CLEAN.as_bytes());
    let out = jxlint(
        dir.path(),
        &["check", "nope.txt", "report.txt", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    assert_eq!(v["files"][0]["path"], "nope.txt");
    assert_eq!(v["files"][0]["error"]["kind"], "io");
    assert_eq!(v["files"][1]["path"], "report.txt");
    assert_eq!(v["files"][1]["error"], serde_json::Value::Null);
    assert_eq!(v["summary"]["files"], 2);
}

#[test]
fn unreadable_file_exits_2_and_other_files_are_still_checked() {
    let dir = Scratch::new("unreadable");
    dir.write("a-binary.txt", BINARY)
        .write("b-report.txt", CLEAN.as_bytes());
    let out = jxlint(
        dir.path(),
        &["check", "a-binary.txt", "b-report.txt", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    assert_eq!(v["files"][0]["path"], "a-binary.txt");
    assert!(v["files"][0]["error"]["kind"].is_string(), "{v}");
    assert_eq!(v["files"][0]["encoding"], serde_json::Value::Null);
    assert_eq!(v["files"][1]["path"], "b-report.txt");
    assert_eq!(v["files"][1]["error"], serde_json::Value::Null);
    assert_eq!(v["files"][1]["encoding"], "utf-8");

    let human = jxlint(
        dir.path(),
        &["check", "a-binary.txt", "b-report.txt", "--lang", "en"],
    );
    assert_eq!(human.status.code(), Some(2));
    assert!(
        stdout(&human).starts_with("error: a-binary.txt: "),
        "{}",
        stdout(&human)
    );
    assert!(
        stdout(&human).contains("1 file could not be read"),
        "{}",
        stdout(&human)
    );

    let concise = jxlint(
        dir.path(),
        &["check", "a-binary.txt", "--format", "concise"],
    );
    assert!(
        stdout(&concise).starts_with("a-binary.txt: error: "),
        "{}",
        stdout(&concise)
    );
}

#[test]
fn json_output_parses() {
    let dir = Scratch::new("json");
    dir.write("report.txt", CLEAN.as_bytes());
    let out = jxlint(dir.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["tool"]["name"], "jxlint");
    assert_eq!(v["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["files"][0]["format"], "text");
    assert_eq!(v["files"][0]["score"], serde_json::Value::Null);
    assert!(v["files"][0]["stats"]["figures"].is_u64());
    assert_eq!(v["summary"]["errors"], 0);
    assert!(stdout(&out).ends_with("}\n"));
}

#[test]
fn lang_chooses_the_language() {
    let dir = Scratch::new("lang");
    dir.write("report.txt", CLEAN.as_bytes());
    let en = jxlint(dir.path(), &["check", "--lang", "en"]);
    let zh = jxlint(dir.path(), &["check", "--lang", "zh"]);
    assert!(
        stdout(&en).starts_with("checked 1 file: "),
        "{}",
        stdout(&en)
    );
    assert!(
        stdout(&zh).starts_with("共检查 1 个文件："),
        "{}",
        stdout(&zh)
    );
}

#[test]
fn lang_defaults_to_the_locale() {
    let dir = Scratch::new("locale");
    let run = |locale: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_jxlint"));
        cmd.arg("check").current_dir(dir.path());
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            cmd.env_remove(var);
        }
        if let Some(l) = locale {
            cmd.env("LC_ALL", l);
        }
        match cmd.output() {
            Ok(out) => stdout(&out),
            Err(e) => panic!("cannot run jxlint: {e}"),
        }
    };
    assert!(run(Some("en_US.UTF-8")).starts_with("checked 0 files"));
    assert!(run(Some("zh_CN.UTF-8")).starts_with("共检查 0 个文件"));
    assert!(run(None).starts_with("共检查 0 个文件"));
}

#[test]
fn no_summary_leaves_only_findings() {
    let dir = Scratch::new("nosummary");
    dir.write("report.txt", CLEAN.as_bytes());
    for format in ["human", "concise"] {
        let out = jxlint(dir.path(), &["check", "--format", format, "--no-summary"]);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(stdout(&out), "", "{format}");
    }
}

#[test]
fn select_and_ignore_take_code_prefixes() {
    let dir = Scratch::new("select");
    dir.write("report.txt", CLEAN.as_bytes());
    let ok = jxlint(
        dir.path(),
        &["check", "--select", "A,U001", "--ignore", "a002"],
    );
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let bad = jxlint(dir.path(), &["check", "--select", "Z9", "--lang", "en"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("`Z9`"), "{}", stderr(&bad));
    assert_eq!(stdout(&bad), "");
}

#[test]
fn usage_errors_exit_2() {
    let dir = Scratch::new("usage");
    for args in [
        &[][..],
        &["check", "--format", "xml"][..],
        &["check", "--fail-on", "never"][..],
        &["check", "--lang", "fr"][..],
        &["frobnicate"][..],
    ] {
        let out = jxlint(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&out).is_empty(), "{args:?}");
    }
    let help = jxlint(dir.path(), &["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("check"));
}

#[test]
fn rules_lists_every_code_sorted() {
    let dir = Scratch::new("rules");
    let out = jxlint(dir.path(), &["rules"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let codes: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    assert_eq!(codes, sorted);
    assert_eq!(codes.len(), jxlint::rules::RULES.len());
    assert!(codes.contains(&"A001"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("A001") && l.contains("ratio-mismatch")),
        "{text}"
    );

    let out = jxlint(dir.path(), &["rules", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    let json_codes: Vec<&str> = v["rules"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["code"].as_str())
        .collect();
    assert_eq!(json_codes, codes);
    assert_eq!(v["rules"][0]["severity"], "error");
}

#[test]
fn explain_prints_the_docs() {
    let dir = Scratch::new("explain");
    let out = jxlint(dir.path(), &["explain", "A001", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("A001 ratio-mismatch (error)\n"), "{text}");
    let meta = match jxlint::rules::find("A001") {
        Some(rule) => rule.meta(),
        None => panic!("A001 is in the catalogue"),
    };
    // The docs rendered as text: every line of their prose is there, no Markdown syntax is.
    let docs = jxlint::rules::docs_text(meta);
    assert!(
        text.contains(docs.lines().next().unwrap_or_default()),
        "{text}"
    );
    assert!(text.contains("\nWhat it checks\n"), "{text}");
    assert!(!text.contains("###") && !text.contains("```"), "{text}");

    let by_name = jxlint(dir.path(), &["explain", "ratio-mismatch", "--lang", "en"]);
    assert_eq!(stdout(&by_name), text);
}

#[test]
fn explain_unknown_code_exits_2() {
    let dir = Scratch::new("explain-unknown");
    let out = jxlint(dir.path(), &["explain", "X999", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("X999"), "{}", stderr(&out));
    assert!(stderr(&out).contains("jxlint rules"), "{}", stderr(&out));
}

#[test]
fn closed_stdout_ends_quietly_keeping_the_exit_status() {
    // Far more output than a pipe buffers, and nobody reading it: the write fails with a
    // broken pipe, which must end the run quietly, without a panic, and with the status the
    // run earned (2 here: none of the files exists).
    let dir = Scratch::new("pipe");
    let names: Vec<String> = (0..5000)
        .map(|i| format!("a-missing-report-number-{i:05}.txt"))
        .collect();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jxlint"));
    cmd.args(["check", "--format", "concise", "--lang", "en"])
        .args(&names)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => panic!("cannot run jxlint: {e}"),
    };
    drop(child.stdout.take());
    let out = match child.wait_with_output() {
        Ok(out) => out,
        Err(e) => panic!("jxlint did not finish: {e}"),
    };
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}

/// A clean 评分表: every sum, the total and the grade agree.
const SCORECARD: &str = "四、自评结果\n\
经自评，本单位2023年度整体支出绩效得分95.5分，等级为“优”。\n\
一级指标\t分值\t得分\n\
投入\t20\t19\n\
过程\t20\t19.5\n\
产出\t30\t28.5\n\
效益\t30\t28.5\n\
合计\t100\t95.5\n";

/// The same table with a total that is not the sum of its parts (S003).
const SCORECARD_BAD_TOTAL: &str = "一级指标\t分值\t得分\n\
投入\t20\t19\n\
过程\t20\t19.5\n\
产出\t30\t28.5\n\
效益\t30\t28.5\n\
合计\t100\t96\n";

/// 88 is 良 by default, 优 under a rubric whose 优 starts at 85.
const GRADED_88: &str = "经自评，本部门2023年度整体支出绩效自评得分88分，自评等级为“优”。\n";

const LENIENT_RUBRIC: &str = r#"{
  "name": "lenient",
  "grades": [
    { "grade": "优", "min": 85 },
    { "grade": "良", "min": 70 },
    { "grade": "中", "min": 60 },
    { "grade": "差", "min": 0 }
  ]
}"#;

#[test]
fn score_prints_the_table_and_exits_0_when_clean() {
    let dir = Scratch::new("score-clean");
    dir.write("report.txt", SCORECARD.as_bytes());
    let out = jxlint(dir.path(), &["score", "report.txt", "--lang", "zh"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for want in [
        "report.txt\n",
        "评分规则：default",
        "指标  分值  自评得分  复核得分  依据",
        "过程    20      19.5      19.5  —",
        "总分：自评 95.5，复核 95.5",
        "等级：自评 优，复核 优",
    ] {
        assert!(text.contains(want), "`{want}` missing in:\n{text}");
    }
    let en = jxlint(dir.path(), &["score", "report.txt", "--lang", "en"]);
    assert!(
        stdout(&en).contains("indicator  weight  claimed  recomputed  evidence"),
        "{}",
        stdout(&en)
    );
}

#[test]
fn score_exits_1_on_scoring_findings() {
    let dir = Scratch::new("score-findings");
    dir.write("report.txt", SCORECARD_BAD_TOTAL.as_bytes());
    let out = jxlint(dir.path(), &["score", "report.txt", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("6:8: S003 [error]"), "{text}");
    assert!(
        text.contains("total: claimed 96, recomputed 95.5"),
        "{text}"
    );
}

#[test]
fn score_json_fills_the_score_object() {
    let dir = Scratch::new("score-json");
    dir.write("report.txt", SCORECARD_BAD_TOTAL.as_bytes())
        .write("plain.txt", CLEAN.as_bytes());
    let out = jxlint(dir.path(), &["score", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["files"][0]["path"], "./plain.txt");
    assert_eq!(v["files"][0]["score"], serde_json::Value::Null);
    let score = &v["files"][1]["score"];
    assert_eq!(score["rubric"], "default");
    assert_eq!(score["claimed"]["total"], "96");
    assert_eq!(score["recomputed"]["total"], "95.5");
    assert_eq!(score["totals"][0]["consistent"], false);
    assert_eq!(score["indicators"].as_array().map(Vec::len), Some(4));
    // Only the scoring rules run.
    let codes: Vec<&str> = v["files"][1]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, ["S003"]);
}

#[test]
fn rubric_file_changes_the_verdict() {
    let dir = Scratch::new("rubric");
    dir.write("report.txt", GRADED_88.as_bytes())
        .write("lenient.json", LENIENT_RUBRIC.as_bytes());
    let default = jxlint(dir.path(), &["check", "report.txt", "--format", "concise"]);
    assert_eq!(default.status.code(), Some(1));
    assert!(
        stdout(&default).contains("S004 [error]"),
        "{}",
        stdout(&default)
    );
    let lenient = jxlint(
        dir.path(),
        &[
            "check",
            "report.txt",
            "--rubric",
            "lenient.json",
            "--format",
            "concise",
        ],
    );
    assert_eq!(lenient.status.code(), Some(0), "{}", stdout(&lenient));
    let score = jxlint(
        dir.path(),
        &[
            "score",
            "report.txt",
            "--rubric",
            "lenient.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(score.status.code(), Some(0));
    assert_eq!(json(&score)["files"][0]["score"]["rubric"], "lenient");
}

#[test]
fn bad_rubric_file_exits_2_naming_the_file_and_cause() {
    let dir = Scratch::new("rubric-bad");
    dir.write("report.txt", SCORECARD.as_bytes())
        .write("broken.json", b"{\"name\": \"x\",")
        .write(
            "wrong.json",
            br#"{"name": "x", "grades": [{"grade": "A"}]}"#,
        );
    for (args, file, cause) in [
        (
            &["score", "report.txt", "--rubric", "broken.json"][..],
            "broken.json",
            "not valid JSON",
        ),
        (
            &["check", "report.txt", "--rubric", "wrong.json"][..],
            "wrong.json",
            "/grades/0",
        ),
        (
            &["score", "report.txt", "--rubric", "absent.json"][..],
            "absent.json",
            "cannot read",
        ),
    ] {
        let mut argv = args.to_vec();
        argv.extend(["--lang", "en"]);
        let out = jxlint(dir.path(), &argv);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.starts_with("error: rubric ") && err.contains(file) && err.contains(cause),
            "{args:?}: {err}"
        );
        assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
    }
}
