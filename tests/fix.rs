//! `--fix` and `--diff`: only safe fixes, only where the findings point, byte for byte
//! elsewhere; atomic rewrites of UTF-8 plain text and Markdown only.

mod support;

use std::path::Path;

use support::{REPORT, Scratch, codes, concise, jxlint, stderr, stdout};

/// The reference report's safe fixes, as `tests/expected/yantian-2023.md` describes its
/// findings: the unit of 8707.27 (U001, line 85), the truncated 99.66% (A002, line 185), the
/// `5.` among `、` markers (T001, line 195) — and then `6.`, which becomes the odd marker once
/// `5.` is `5、` (a second pass).
const YANTIAN_FIXES: [(&str, &str); 4] = [
    ("支出决算为8707.27元，", "支出决算为8707.27万元，"),
    ("综合整改率为99.66%。", "综合整改率为99.67%。"),
    (
        "\n5.持续优化劳动用工管理工作",
        "\n5、持续优化劳动用工管理工作",
    ),
    (
        "\n6. 扎实做好党建及意识形态工作",
        "\n6、 扎实做好党建及意识形态工作",
    ),
];

fn reference() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/yantian-2023.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn fix_on_a_copy_of_the_reference_report_changes_only_what_its_findings_point_at() {
    let original = reference();
    let mut expected = original.clone();
    for (from, to) in YANTIAN_FIXES {
        assert_eq!(original.matches(from).count(), 1, "{from}");
        expected = expected.replacen(from, to, 1);
    }
    let dir = Scratch::new();
    dir.write("yantian-2023.txt", &original);

    // --diff: the same change, shown and not written; status 1.
    let diff = jxlint(dir.path(), &["check", "yantian-2023.txt", "--diff"]);
    assert_eq!(diff.status.code(), Some(1), "{}", stderr(&diff));
    assert_eq!(
        dir.read("yantian-2023.txt"),
        original,
        "--diff writes nothing"
    );
    let diff = stdout(&diff);
    let removed: Vec<&str> = diff
        .lines()
        .filter(|l| l.starts_with('-') && !l.starts_with("---"))
        .collect();
    let added: Vec<&str> = diff
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
        .collect();
    let changed = |text: &str| -> Vec<String> {
        let (a, b): (Vec<&str>, Vec<&str>) = (original.lines().collect(), text.lines().collect());
        a.iter()
            .zip(&b)
            .filter(|(x, y)| x != y)
            .map(|(x, y)| format!("{x}\n{y}"))
            .collect()
    };
    let pairs: Vec<String> = removed
        .iter()
        .zip(&added)
        .map(|(r, a)| format!("{}\n{}", &r[1..], &a[1..]))
        .collect();
    assert_eq!(pairs, changed(&expected), "{diff}");
    assert!(
        diff.starts_with("--- yantian-2023.txt\n+++ yantian-2023.txt\n"),
        "{diff}"
    );

    // --fix: exactly those replacements, every other byte as it was.
    let fixed = jxlint(
        dir.path(),
        &["check", "yantian-2023.txt", "--fix", "--format", "concise"],
    );
    assert!(
        stderr(&fixed).contains("已修正 4 处（1 个文件）"),
        "{}",
        stderr(&fixed)
    );
    assert_eq!(dir.read("yantian-2023.txt"), expected);
    // What --fix reports is what remains: none of the fixed findings.
    let remaining = codes(
        &stdout(&fixed)
            .lines()
            .map(str::to_string)
            .collect::<Vec<_>>(),
    );
    assert!(
        !remaining.iter().any(|c| c == "A002" || c == "U001"),
        "{remaining:?}"
    );
    let (lines, _) = concise(
        dir.path(),
        &["yantian-2023.txt", "--select", "A002,U001,T001"],
    );
    // Left: the skipped number (`4、` after `2、`), which has no certain fix.
    assert_eq!(codes(&lines), ["T001"], "{lines:?}");
    assert!(lines[0].starts_with("yantian-2023.txt:177:1:"), "{lines:?}");
    // Nothing more to fix: --diff is empty and its status 0 (it is about changes, not findings).
    let again = jxlint(dir.path(), &["check", "yantian-2023.txt", "--diff"]);
    assert_eq!(stdout(&again), "");
    assert_eq!(again.status.code(), Some(0));
}

#[test]
fn unsafe_fixes_are_never_applied_and_findings_remain() {
    let dir = Scratch::new();
    dir.write("report.md", REPORT);
    let out = jxlint(
        dir.path(),
        &[
            "check",
            "report.md",
            "--fix",
            "--format",
            "concise",
            "--no-summary",
        ],
    );
    // U001 (proven by its rate) and A002 are fixed; the T001 gap's renumbering is unsafe.
    let fixed = dir.read("report.md");
    assert_eq!(
        fixed,
        REPORT
            .replacen("480.00元", "480.00万元", 1)
            .replacen("66.66%", "66.67%", 1)
    );
    assert_eq!(
        codes(&stdout(&out).lines().map(str::to_string).collect::<Vec<_>>()),
        ["T001"]
    );
    assert_eq!(out.status.code(), Some(1));
    // The JSON output offers the unsafe fix for review.
    let json = jxlint(dir.path(), &["check", "report.md", "--format", "json"]);
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&json)).unwrap_or_else(|e| panic!("{e}"));
    let fix = &v["files"][0]["diagnostics"][0]["fix"];
    assert_eq!(fix["applicability"], "unsafe", "{v}");
    assert_eq!(fix["edits"][0]["replacement"], "2、", "{v}");
}

#[test]
fn only_utf8_text_and_markdown_are_rewritten() {
    let dir = Scratch::new();
    // GB18030: reported, never rewritten.
    let (gbk, _, _) = encoding_rs::GB18030.encode(REPORT);
    std::fs::write(dir.path().join("gbk.txt"), &gbk).unwrap_or_else(|e| panic!("{e}"));
    // Report data: its A002 is reported but the JSON is left as it is.
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/yantian-2023.json");
    let data = std::fs::read(&data).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("data.json"), &data).unwrap_or_else(|e| panic!("{e}"));
    // UTF-8 with a byte order mark: rewritten, the mark kept.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(REPORT.as_bytes());
    std::fs::write(dir.path().join("bom.txt"), &bom).unwrap_or_else(|e| panic!("{e}"));

    let out = jxlint(
        dir.path(),
        &[
            "check",
            "gbk.txt",
            "data.json",
            "bom.txt",
            "--fix",
            "--lang",
            "en",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("note: gbk.txt is gb18030; only UTF-8 files are fixed"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("data.json"), "{}", stderr(&out));
    let read = |n: &str| std::fs::read(dir.path().join(n)).unwrap_or_default();
    assert_eq!(read("gbk.txt"), gbk.to_vec());
    assert_eq!(read("data.json"), data);
    let mut want = b"\xEF\xBB\xBF".to_vec();
    want.extend_from_slice(
        REPORT
            .replacen("480.00元", "480.00万元", 1)
            .replacen("66.66%", "66.67%", 1)
            .as_bytes(),
    );
    assert_eq!(read("bom.txt"), want);
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn diff_and_fix_exit_statuses() {
    let dir = Scratch::new();
    dir.write(
        "clean.txt",
        "全年共登记隐患300处，完成整改200处，整改率为66.67%。\n",
    );
    let out = jxlint(dir.path(), &["check", "clean.txt", "--diff"]);
    assert_eq!((stdout(&out).as_str(), out.status.code()), ("", Some(0)));
    let out = jxlint(dir.path(), &["check", "clean.txt", "--fix", "--diff"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "--fix and --diff exclude each other"
    );
    // A file named twice is fixed once, without a "changed since read" error.
    dir.write("twice.txt", REPORT);
    let out = jxlint(
        dir.path(),
        &["check", "twice.txt", "twice.txt", "--fix", "--lang", "en"],
    );
    assert!(
        stderr(&out).contains("fixed 2 findings in 1 file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

/// Every rule's documentation (what `jxlint explain` prints) says whether `--fix` can fix its
/// findings, in its last section.
#[test]
fn every_rule_says_whether_it_has_a_safe_fix() {
    for rule in jxlint::rules::RULES {
        let docs = jxlint::rules::docs_text(rule.meta());
        let how = docs.split("### How to fix").nth(1).unwrap_or_default();
        assert!(
            how.contains("Safe fix (`--fix`)")
                || how.contains("Safe fix: ")
                || how.contains("No automatic fix: "),
            "{}: {how}",
            rule.meta().code
        );
    }
}

/// A rate proves that one of its operands has the wrong unit, but not which when both units
/// are as common in the report: then the fix is unsafe.
#[test]
fn a_unit_slip_between_equally_common_units_is_not_fixed() {
    let dir = Scratch::new();
    let text = "调整预算为500.00万元，支出决算为480.00元，预算执行率96.00%。\n";
    dir.write("tie.txt", text);
    let json = jxlint(dir.path(), &["check", "tie.txt", "--format", "json"]);
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&json)).unwrap_or_else(|e| panic!("{e}"));
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(
        (&d["code"], &d["fix"]["applicability"]),
        (&serde_json::json!("U001"), &serde_json::json!("unsafe")),
        "{v}"
    );
    let out = jxlint(dir.path(), &["check", "tie.txt", "--fix"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(dir.read("tie.txt"), text);
}

/// Standard input is shown fixed by `--diff` and never written by `--fix`, even when
/// `--stdin-filename` names a file.
#[test]
fn standard_input_is_diffed_but_not_rewritten() {
    use std::io::Write as _;
    let dir = Scratch::new();
    dir.write("report.txt", REPORT);
    let run = |args: &[&str]| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jxlint"))
            .args(args)
            .current_dir(dir.path())
            .env("LANG", "en_US.UTF-8")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        if let Some(mut stdin) = child.stdin.take() {
            // `--fix` is refused before standard input is read: the pipe may be closed.
            let _ = stdin.write_all(REPORT.as_bytes());
        }
        child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
    };
    let diff = run(&["check", "-", "--stdin-filename", "report.txt", "--diff"]);
    assert_eq!(diff.status.code(), Some(1), "{}", stderr(&diff));
    assert!(stdout(&diff).contains("+全年共登记隐患300处，完成整改200处，整改率为66.67%。"));
    let fix = run(&["check", "-", "--stdin-filename", "report.txt", "--fix"]);
    assert_eq!(fix.status.code(), Some(2));
    assert!(
        stderr(&fix).contains("--fix cannot rewrite standard input"),
        "{}",
        stderr(&fix)
    );
    assert_eq!(dir.read("report.txt"), REPORT);
}
