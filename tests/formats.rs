//! SARIF and GitHub annotation output on the reference report.

use std::process::Command;

fn run(format: &str) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .args([
            "check",
            "--lang",
            "en",
            "--format",
            format,
            "corpus/yantian-2023.txt",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run jxlint");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn sarif_lists_rules_and_results_with_regions() {
    let (code, out) = run("sarif");
    assert_eq!(code, 1);
    let log: serde_json::Value = serde_json::from_str(&out).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(
        rules
            .iter()
            .any(|r| r["id"] == "A002" && r["name"] == "ratio-rounding")
    );
    let results = run["results"].as_array().expect("results");
    let a002 = results
        .iter()
        .find(|r| r["ruleId"] == "A002")
        .expect("A002 result");
    assert_eq!(a002["level"], "warning");
    let region = &a002["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 185);
    assert_eq!(a002["relatedLocations"].as_array().map(Vec::len), Some(2));
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
}

#[test]
fn github_annotations_escape_and_locate() {
    let (code, out) = run("github");
    assert_eq!(code, 1);
    let line = out
        .lines()
        .find(|l| l.contains("title=A002 ratio-rounding"))
        .expect("A002 annotation");
    assert!(
        line.starts_with("::warning file=corpus/yantian-2023.txt,line=185,col=146,"),
        "{line}"
    );
    // `%` in the message is escaped as `%25`.
    assert!(line.contains("99.66%25"), "{line}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("::notice ") && l.contains("T002"))
    );
}
