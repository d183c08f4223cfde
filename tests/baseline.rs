//! Baselines: recorded findings pass, new ones fail; fingerprints survive moved lines, are
//! counted, and name files relative to the baseline file.

mod support;

use support::{REPORT, Scratch, codes, concise, jxlint, stderr};

#[test]
fn a_baseline_makes_old_findings_pass_and_a_new_one_fail() {
    let dir = Scratch::new();
    dir.write("reports/report.txt", REPORT);
    let out = jxlint(
        dir.path(),
        &[
            "check",
            "reports",
            "--baseline",
            "jxlint-baseline.json",
            "--write-baseline",
            "--lang",
            "en",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("recorded 3 findings"),
        "{}",
        stderr(&out)
    );
    let (lines, status) = concise(
        dir.path(),
        &["reports", "--baseline", "jxlint-baseline.json"],
    );
    assert_eq!(lines, Vec::<String>::new());
    assert_eq!(status, Some(0));

    // Lines added above the findings move them; they stay known.
    let moved = format!("前言\n\n本报告依据有关规定编制。\n\n{REPORT}");
    dir.write("reports/report.txt", &moved);
    let (lines, status) = concise(
        dir.path(),
        &["reports", "--baseline", "jxlint-baseline.json"],
    );
    assert_eq!(lines, Vec::<String>::new());
    assert_eq!(status, Some(0));

    // A new faulty figure fails, and only it is reported.
    let grown = format!("{moved}\n全年共排查隐患30处，已整改20处，整改率为66.60%。\n");
    dir.write("reports/report.txt", &grown);
    let (lines, status) = concise(
        dir.path(),
        &["reports", "--baseline", "jxlint-baseline.json"],
    );
    assert_eq!(codes(&lines), ["A001"], "{lines:?}");
    assert_eq!(status, Some(1));
}

#[test]
fn identical_findings_are_counted() {
    let dir = Scratch::new();
    let line = "全年共登记隐患300处，完成整改200处，整改率为66.66%。\n\n";
    dir.write("report.txt", &line.repeat(2));
    let out = jxlint(
        dir.path(),
        &[
            "check",
            "report.txt",
            "--baseline",
            "b.json",
            "--write-baseline",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let recorded: serde_json::Value =
        serde_json::from_str(&dir.read("b.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        recorded,
        serde_json::json!({
            "version": 1,
            "findings": [{
                "path": "report.txt",
                "code": "A002",
                "text": "66.66%",
                "context": "成整改200处，整改率为66.66%。",
                "count": 2
            }]
        })
    );
    // A third copy of the same finding is new.
    dir.write("report.txt", &line.repeat(3));
    let (lines, status) = concise(dir.path(), &["report.txt", "--baseline", "b.json"]);
    assert_eq!(codes(&lines), ["A002"], "{lines:?}");
    assert_eq!(status, Some(1));
}

#[test]
fn paths_are_relative_to_the_baseline_file() {
    let dir = Scratch::new();
    dir.write("repo/reports/report.txt", REPORT);
    let out = jxlint(
        &dir.path().join("repo"),
        &[
            "check",
            "reports",
            "--baseline",
            "ci/baseline.json",
            "--write-baseline",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = dir.read("repo/ci/baseline.json");
    assert!(
        text.contains("\"path\": \"../reports/report.txt\""),
        "{text}"
    );
    // Run from elsewhere with other spellings of the same paths: still every finding known.
    let (lines, status) = concise(
        &dir.path().join("repo/reports"),
        &["report.txt", "--baseline", "../ci/baseline.json"],
    );
    assert_eq!(lines, Vec::<String>::new());
    assert_eq!(status, Some(0));
}

#[test]
fn a_missing_or_broken_baseline_is_a_usage_error() {
    let dir = Scratch::new();
    dir.write("report.txt", REPORT);
    let out = jxlint(
        dir.path(),
        &[
            "check",
            "report.txt",
            "--baseline",
            "none.json",
            "--lang",
            "en",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "baseline none.json: no such file or directory; record one first with --write-baseline"
        ),
        "{}",
        stderr(&out)
    );
    dir.write("bad.json", "{\"version\": 1}");
    let out = jxlint(
        dir.path(),
        &[
            "check",
            "report.txt",
            "--baseline",
            "bad.json",
            "--lang",
            "en",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a jxlint baseline"),
        "{}",
        stderr(&out)
    );
    let out = jxlint(dir.path(), &["check", "report.txt", "--write-baseline"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "--write-baseline needs --baseline"
    );
}

/// The example baseline of the README is a baseline jxlint reads.
#[test]
fn the_readme_example_baseline_loads() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap_or_else(|e| panic!("{e}"));
    let example = readme
        .split("## Baseline")
        .nth(1)
        .and_then(|s| s.split("```json\n").nth(1))
        .and_then(|s| s.split("```").next())
        .unwrap_or_else(|| panic!("no JSON example in the Baseline section"));
    let b = jxlint::baseline::Baseline::parse(example, std::path::Path::new("b.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(b.len(), 1);
}
