//! What jxlint takes for a report, named on the command line (as a pre-commit hook names every
//! changed file) or found in a folder: project documents by name, configuration files and JSON
//! that is not report data are passed over.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("jxlint-files-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            panic!("cannot create {}: {e}", dir.display());
        }
        Scratch(dir)
    }

    fn write(&self, name: &str, text: &str) -> &Scratch {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        if let Err(e) = std::fs::write(&path, text) {
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

fn jxlint(dir: &Path, args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
    {
        Ok(out) => out,
        Err(e) => panic!("cannot run jxlint: {e}"),
    }
}

/// The paths of the files a JSON run checked.
fn checked(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<String>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = jxlint(dir, &all);
    let v: serde_json::Value = match serde_json::from_slice(&out.stdout) {
        Ok(v) => v,
        Err(e) => panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)),
    };
    let paths = v["files"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|f| f["path"].as_str().map(str::to_string))
        .collect();
    (out.status.code(), paths)
}

/// A repository of reports with the files a commit touches besides them, in a folder of its
/// own (tests run in parallel in one process).
fn repository(name: &str) -> Scratch {
    let dir = Scratch::new(name);
    dir.write("reports/2023.md", "一、概况\n\n1. 预算\n\n3. 支出\n")
        .write(
            "reports/2023.json",
            r#"{"report": {"department": "某中心", "year": 2023, "kind": "部门整体"}}"#,
        )
        .write("settings.json", r#"{"editor.tabSize": 2}"#)
        .write(".vscode/settings.json", r#"{"editor.tabSize": 2}"#)
        .write("README.md", "# 报告库\n\n1. 放入报告\n\n3. 提交\n")
        .write("readme.txt", "1. 一\n\n3. 三\n")
        .write("CHANGELOG.md", "1. 新增\n\n3. 修改\n")
        .write("CONTRIBUTING.md", "1. 一\n\n3. 三\n")
        .write("LICENSE.txt", "1. 一\n\n3. 三\n")
        .write("jxlint.toml", "ignore = [\"T002\"]\n")
        .write("config.yaml", "a: 1\n")
        .write(
            "rubrics/county.json",
            &std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/rubrics/default.json"
            ))
            .unwrap_or_default(),
        );
    dir
}

#[test]
fn only_reports_are_checked_when_named() {
    let dir = repository("named");
    let names = [
        "reports/2023.md",
        "reports/2023.json",
        "settings.json",
        "README.md",
        "readme.txt",
        "CHANGELOG.md",
        "CONTRIBUTING.md",
        "LICENSE.txt",
        "jxlint.toml",
        "config.yaml",
        "rubrics/county.json",
    ];
    let (status, paths) = checked(dir.path(), &names);
    assert_eq!(paths, ["reports/2023.md", "reports/2023.json"]);
    // The report's own numbering gap fails the run.
    assert_eq!(status, Some(1));

    let (status, paths) = checked(
        dir.path(),
        &[
            "settings.json",
            "README.md",
            "rubrics/county.json",
            "jxlint.toml",
        ],
    );
    assert_eq!((status, paths.len()), (Some(0), 0));
}

#[test]
fn only_reports_are_checked_in_folders() {
    let dir = repository("folders");
    let (_, paths) = checked(dir.path(), &["."]);
    assert_eq!(paths, ["./reports/2023.json", "./reports/2023.md"]);
}

#[test]
fn a_named_file_with_another_extension_is_still_read_as_text() {
    let dir = Scratch::new("other-ext");
    dir.write("report.text", "一、概况\n\n1. 预算\n\n3. 支出\n");
    let (status, paths) = checked(dir.path(), &["report.text"]);
    assert_eq!((status, paths), (Some(1), vec!["report.text".to_string()]));
}
