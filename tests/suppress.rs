//! Inline suppressions: a comment silences one finding, an unused one is reported as X001,
//! blocks run to their `jxlint-enable`, and directive lines are never read as report text.

mod support;

use support::{REPORT, Scratch, codes, concise, jxlint, stdout};

/// REPORT with `line` inserted before its line `before` (1-based).
fn with_line(before: usize, line: &str) -> String {
    let mut lines: Vec<&str> = REPORT.lines().collect();
    lines.insert(before - 1, line);
    lines.join("\n") + "\n"
}

#[test]
fn a_markdown_comment_silences_one_finding_and_an_unused_one_is_reported() {
    let dir = Scratch::new();
    let text = with_line(5, "<!-- jxlint-disable-next-line A002 -- 台账原文如此 -->");
    let text = text.replacen(
        "1、开展隐患排查",
        "<!-- jxlint-disable-next-line A001 -->\n1、开展隐患排查",
        1,
    );
    dir.write("report.md", &text);
    let (lines, status) = concise(dir.path(), &["report.md"]);
    assert_eq!(codes(&lines), ["U001", "X001", "T001"], "{lines:?}");
    assert!(
        lines[1].starts_with("report.md:8:31: X001 [warning]") && lines[1].contains("A001"),
        "{lines:?}"
    );
    assert_eq!(status, Some(1));
    // Without the comments every finding is back.
    dir.write("plain.md", REPORT);
    let (lines, _) = concise(dir.path(), &["plain.md"]);
    assert_eq!(codes(&lines), ["U001", "A002", "T001"], "{lines:?}");
}

#[test]
fn plain_text_blocks_run_to_their_enable() {
    let dir = Scratch::new();
    let text = with_line(3, "# jxlint-disable U001, A -- 决算表尚未复核");
    let text = text.replacen("\n1、", "\n// jxlint-enable\n1、", 1);
    dir.write("report.txt", &text);
    let (lines, status) = concise(dir.path(), &["report.txt"]);
    assert_eq!(codes(&lines), ["T001"], "{lines:?}");
    assert_eq!(status, Some(1));
    // An enable closes the block: the same finding after it is reported.
    let text = format!("{text}\n全年共排查隐患30处，已整改20处，整改率为66.66%。\n");
    dir.write("report.txt", &text);
    let (lines, _) = concise(dir.path(), &["report.txt"]);
    assert_eq!(codes(&lines), ["T001", "A002"], "{lines:?}");
}

#[test]
fn codes_of_rules_that_did_not_run_are_not_judged() {
    let dir = Scratch::new();
    let text = with_line(7, "# jxlint-disable-next-line T002");
    dir.write("report.txt", &text);
    let (lines, _) = concise(dir.path(), &["report.txt", "--select", "A,X"]);
    assert_eq!(codes(&lines), ["A002"], "{lines:?}");
    let (lines, _) = concise(dir.path(), &["report.txt"]);
    assert_eq!(codes(&lines), ["U001", "A002", "X001", "T001"], "{lines:?}");
    let (lines, _) = concise(dir.path(), &["report.txt", "--ignore", "X001"]);
    assert_eq!(codes(&lines), ["U001", "A002", "T001"], "{lines:?}");
}

#[test]
fn directive_lines_are_not_read_as_report_text() {
    let dir = Scratch::new();
    dir.write("plain.txt", REPORT);
    // A directive full of digits and Latin words between two numbered items: no figure, no
    // foreign word, no numbering item comes from it.
    let text = with_line(9, "# jxlint-disable-next-line T001 -- 2.5 million and 3、");
    dir.write("report.txt", &text);
    let figures = |name: &str| -> serde_json::Value {
        let out = jxlint(dir.path(), &["check", name, "--format", "json"]);
        let v: serde_json::Value =
            serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}"));
        v["files"][0]["stats"]["figures"].clone()
    };
    assert_eq!(figures("report.txt"), figures("plain.txt"));
    let (lines, _) = concise(dir.path(), &["report.txt"]);
    assert_eq!(codes(&lines), ["U001", "A002"], "{lines:?}");
}
