//! What the workflow tests (configuration, suppression, baseline, fixes) share: scratch
//! folders, a small report of our own with known findings, and the built binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A report with three known findings: U001 on `480.00元` (line 3: 96.00% holds only for
/// 480.00万元, and 元 is the rarer unit, so its fix is safe), A002 on `66.66%` (200/300 =
/// 66.6667%, truncated) and T001 on `3、` (line 9, `2、` missing).
pub const REPORT: &str = "2023年度部门整体支出绩效自评报告\n\
\n\
2023年度年初预算为450.00万元，调整预算为500.00万元，支出决算为480.00元，预算执行率96.00%。\n\
\n\
全年共登记隐患300处，完成整改200处，整改率为66.66%。\n\
\n\
1、开展隐患排查\n\
\n\
3、落实整改责任\n";

/// A scratch folder, removed when dropped.
pub struct Scratch(pub tempfile::TempDir);

impl Scratch {
    pub fn new() -> Scratch {
        match tempfile::Builder::new()
            .prefix("jxlint-workflow-")
            .tempdir()
        {
            Ok(d) => Scratch(d),
            Err(e) => panic!("cannot create a scratch folder: {e}"),
        }
    }

    pub fn path(&self) -> &Path {
        self.0.path()
    }

    /// Write `name` (folders created as needed) and return its path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path().join(name);
        if let Some(parent) = path.parent()
            && let Err(e) = std::fs::create_dir_all(parent)
        {
            panic!("cannot create {}: {e}", parent.display());
        }
        if let Err(e) = std::fs::write(&path, text) {
            panic!("cannot write {}: {e}", path.display());
        }
        path
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name))
            .unwrap_or_else(|e| panic!("cannot read {name}: {e}"))
    }
}

/// Run `jxlint args…` in `dir` with no locale set (messages in Chinese).
pub fn jxlint(dir: &Path, args: &[&str]) -> Output {
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

/// `jxlint check ARGS --format concise --no-summary` in `dir`: the finding lines and the
/// exit status.
pub fn concise(dir: &Path, args: &[&str]) -> (Vec<String>, Option<i32>) {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "concise", "--no-summary"]);
    let out = jxlint(dir, &all);
    let lines = stdout(&out).lines().map(str::to_string).collect();
    (lines, out.status.code())
}

/// The codes of concise finding lines, in order (`A002`, `U001` …).
pub fn codes(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|l| l.split(": ").nth(1))
        .filter_map(|rest| rest.split(' ').next())
        .map(str::to_string)
        .collect()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
