//! `schemas/output.schema.json` describes what `--format json` writes: real output (files
//! linted from disk, an unreadable file, a missing path, hand-made findings with and without
//! help and labels, scorecards re-scored with every kind of verdict) validates against it in
//! both languages, and broken documents do not.

use std::path::{Path, PathBuf};

use jxlint::diagnostic::{Applicability, Diagnostic, Fix, Label, Lang, Message, Severity};
use jxlint::lint::{self, FileError, FileReport, Options, Outcome, Stats};
use jxlint::model::{SourceFormat, Span};
use jxlint::render::{render_json, render_json_with};
use jxlint::rules::RULES;
use serde_json::{Value, json};

const SCHEMA: &str = include_str!("../schemas/output.schema.json");

const REPORT: &str = "一、预算执行情况\n\
2023年预算数为8733.75万元，实际支出8707.27万元，预算执行率为99.66%。\n";

/// A department report whose score table lost its layout, with a prose total and a
/// satisfaction figure that supports a lower tier than the one claimed.
const SCORECARD: &str = include_str!("fixtures/S005-score-unsupported/fail.txt");

/// A project table with every kind of row: 项目资金, 正向 and 反向 indicators, a total.
const PROJECT: &str = "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
年度资金总额\t500.00\t520.00\t495.04\t10\t95.20%\t10\n\
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n\
产出指标\t质量指标\t验收合格率\t≥95%\t91.2%\t50\t48\n\
效益指标\t成本指标\t建设成本\t≤80万元\t85万元\t40\t40\n\
总分\t\t\t\t\t100\t98\n\
评分等级\t优\n\
\n\
部门整体支出绩效评分表\n\
一级指标\t\t二级指标\t\n\
名称\t分值\t名称\t分值\t评分标准\t得分\n\
部门决策\t20\t目标设定\t8\t依据充分（8分）。\t8\n\
\t\t\t\t预算编制\t12\n\
经自评，本部门2023年度整体支出绩效自评得分89.5分，自评等级为“优”。\n";

fn parse(text: &str) -> Value {
    match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("not JSON ({e}):\n{text}"),
    }
}

fn validator() -> jsonschema::Validator {
    let schema = parse(SCHEMA);
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!("the schema is not a valid JSON Schema: {e}");
    }
    match jsonschema::draft202012::new(&schema) {
        Ok(v) => v,
        Err(e) => panic!("the schema does not compile: {e}"),
    }
}

/// Every way `instance` breaks the schema, one per line.
fn errors(validator: &jsonschema::Validator, instance: &Value) -> String {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect::<Vec<_>>()
        .join("\n")
}

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("jxlint-schema-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("cannot create {}: {e}", dir.display());
    }
    Scratch(dir)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Err(e) = std::fs::write(&path, bytes) {
        panic!("cannot write {}: {e}", path.display());
    }
    path
}

fn span_of(needle: &str) -> Span {
    match REPORT.find(needle) {
        Some(i) => Span::new(i, i + needle.len()),
        None => panic!("`{needle}` is in the report"),
    }
}

/// A finding with everything set, as A001 would report it.
fn full_finding() -> Diagnostic {
    Diagnostic {
        code: "A001",
        name: "ratio-mismatch",
        severity: Severity::Error,
        message: Message::new(
            "预算执行率应为 99.70%",
            "budget execution rate should be 99.70%",
        ),
        span: span_of("99.66%"),
        primary_label: Some(Message::new("应为 99.70%", "should be 99.70%")),
        labels: vec![
            Label {
                span: span_of("8733.75万元"),
                message: Message::new("预算数", "budget"),
                file: None,
            },
            Label {
                span: span_of("8707.27万元"),
                message: Message::new("实际支出", "spending"),
                file: None,
            },
        ],
        help: Some(Message::new("改为 99.70%", "write 99.70%")),
        expected: Some("99.70%".into()),
        found: Some("99.66%".into()),
        fix: Some(Fix::replace(Applicability::Safe, span_of("99.66"), "99.70")),
    }
}

/// A finding with nothing optional set.
fn bare_finding() -> Diagnostic {
    Diagnostic {
        code: "T001",
        name: "numbering-gap",
        severity: Severity::Warning,
        message: Message::new("编号不连续", "numbering skips a number"),
        span: Span::new(0, 0),
        primary_label: None,
        labels: Vec::new(),
        help: None,
        expected: None,
        found: None,
        fix: None,
    }
}

/// Real reports: a file read, decoded and linted from disk (with two findings added), a
/// Markdown text linted in memory, an unreadable file and a missing path.
fn outcome(dir: &Path) -> Outcome {
    let options = Options::default();
    let good = write(dir, "report.txt", REPORT.as_bytes());
    let bad = write(dir, "binary.txt", b"\x00\x81\x00\xff\x00\xc0\x00\x00");

    let mut linted = lint::lint_file(&good, "report.txt".into(), &options);
    assert!(linted.error.is_none(), "{:?}", linted.error);
    linted.diagnostics.extend([full_finding(), bare_finding()]);
    linted.stats.errors += 1;
    linted.stats.warnings += 1;

    let markdown = "# 2023年度绩效评价报告\n\n| 项目 | 金额 |\n|---|---|\n| 预算 | 100万元 |\n";
    let (doc, diagnostics) = lint::lint_text(markdown, SourceFormat::Markdown, &options);
    let in_memory = FileReport {
        path: PathBuf::from("memory.md"),
        display_path: "memory.md".into(),
        format: SourceFormat::Markdown,
        encoding: Some("utf-8"),
        text: markdown.into(),
        error: None,
        diagnostics,
        stats: Stats {
            figures: doc.quantities.len(),
            ..Stats::default()
        },
        score: None,
        unbound: Vec::new(),
        places: Vec::new(),
    };

    let unreadable = lint::lint_file(&bad, "binary.txt".into(), &options);
    assert!(
        unreadable.error.is_some(),
        "binary.txt must not be readable"
    );

    let missing = FileReport::unreadable(
        dir.join("missing.json"),
        "missing.json".into(),
        FileError {
            kind: "io",
            message: "No such file or directory (os error 2)".into(),
        },
    );
    let scorecard = write(dir, "scorecard.txt", SCORECARD.as_bytes());
    let scorecard = lint::lint_file(&scorecard, "scorecard.txt".into(), &options);
    assert!(scorecard.score.is_some(), "scorecard.txt has a scorecard");
    let project = write(dir, "project.txt", PROJECT.as_bytes());
    let project = lint::lint_file(&project, "project.txt".into(), &options);
    assert!(project.score.is_some(), "project.txt has a scorecard");
    let bad_docx = write(dir, "broken.docx", b"not a zip archive");
    let bad_docx = lint::lint_file(&bad_docx, "broken.docx".into(), &options);
    assert_eq!(bad_docx.error.as_ref().map(|e| e.kind), Some("docx"));
    Outcome {
        files: vec![
            linted, in_memory, unreadable, missing, scorecard, project, bad_docx,
        ],
    }
}

#[test]
fn real_output_is_valid() {
    let validator = validator();
    let dir = scratch("valid");
    let outcome = outcome(&dir.0);
    for lang in [Lang::Zh, Lang::En] {
        let output = parse(&render_json(&outcome, lang));
        let errs = errors(&validator, &output);
        assert!(errs.is_empty(), "{lang:?}: {errs}\n{output:#}");
        // The score objects are real ones: indicators with evidence, totals, grades, an
        // incomplete table.
        let project = &output["files"][5]["score"];
        assert_eq!(project["kind"], "project");
        assert_eq!(project["complete"], false);
        assert!(project["indicators"].as_array().is_some_and(|a| {
            a.iter().any(|i| {
                i["status"] == "unsupported" && !i["evidence"].as_array().is_none_or(Vec::is_empty)
            })
        }));
        assert!(project["grades"].as_array().is_some_and(|g| g.len() == 2));
        assert_eq!(output["files"][0]["score"], Value::Null);
    }
    assert!(validator.is_valid(&parse(&render_json(&Outcome::default(), Lang::Zh))));
}

/// `--coverage` adds each file's unbound candidates; the stats count candidates by kind.
#[test]
fn coverage_output_is_valid() {
    let validator = validator();
    let dir = scratch("coverage");
    let outcome = outcome(&dir.0);
    for lang in [Lang::Zh, Lang::En] {
        let output = parse(&render_json_with(&outcome, lang, true));
        let errs = errors(&validator, &output);
        assert!(errs.is_empty(), "{lang:?}: {errs}\n{output:#}");
        let report = &output["files"][0];
        let listed = report["coverage"].as_array().map_or(0, Vec::len);
        assert_eq!(Some(listed as u64), report["stats"]["unbound"].as_u64());
        assert!(report["stats"]["candidates"].is_object());
    }
    // Without the flag there is no coverage field.
    let plain = parse(&render_json(&outcome, Lang::En));
    assert!(plain["files"][0].get("coverage").is_none());
}

#[test]
fn every_rule_fits_the_code_and_name_patterns() {
    let validator = validator();
    let files = RULES
        .iter()
        .map(|rule| {
            let mut report = FileReport::unreadable(
                PathBuf::from("x.txt"),
                "x.txt".into(),
                FileError {
                    kind: "io",
                    message: String::new(),
                },
            );
            report.error = None;
            report.diagnostics.push(Diagnostic::new(
                rule.meta(),
                Span::new(0, 0),
                Message::new("消息", "message"),
            ));
            report
        })
        .collect();
    let output = parse(&render_json(&Outcome { files }, Lang::En));
    let errs = errors(&validator, &output);
    assert!(errs.is_empty(), "{errs}");
}

#[test]
fn broken_documents_are_invalid() {
    let validator = validator();
    let dir = scratch("broken");
    let valid = parse(&render_json(&outcome(&dir.0), Lang::En));
    assert!(validator.is_valid(&valid));

    type Breakage = fn(&mut Value);
    let breakages: [(&str, Breakage); 15] = [
        ("unknown severity", |v| {
            v["files"][0]["diagnostics"][0]["severity"] = json!("fatal")
        }),
        ("unknown format", |v| v["files"][0]["format"] = json!("pdf")),
        ("help not a string", |v| {
            v["files"][0]["diagnostics"][0]["help"] = json!(3)
        }),
        ("line 0", |v| {
            v["files"][0]["diagnostics"][0]["line"] = json!(0)
        }),
        ("negative offset", |v| {
            v["files"][0]["diagnostics"][0]["span"]["start"] = json!(-1)
        }),
        ("extra field", |v| {
            v["files"][0]["diagnostics"][0]["fix"] = json!("99.70%")
        }),
        ("missing summary", |v| {
            if let Some(o) = v.as_object_mut() {
                o.remove("summary");
            }
        }),
        ("missing expected", |v| {
            if let Some(o) = v["files"][0]["diagnostics"][0].as_object_mut() {
                o.remove("expected");
            }
        }),
        ("error without kind", |v| {
            v["files"][2]["error"] = json!({"message": "…"})
        }),
        ("score not an object", |v| {
            v["files"][0]["score"] = json!(87)
        }),
        ("decimal as a number", |v| {
            v["files"][5]["score"]["recomputed"]["total"] = json!(96.5)
        }),
        ("unknown status", |v| {
            v["files"][5]["score"]["indicators"][0]["status"] = json!("fine")
        }),
        ("unknown card kind", |v| {
            v["files"][4]["score"]["kind"] = json!("county")
        }),
        ("evidence without line", |v| {
            if let Some(o) = v["files"][4]["score"]["indicators"][3]["evidence"][0].as_object_mut()
            {
                o.remove("line");
            }
        }),
        ("unknown unreadable reason", |v| {
            v["files"][5]["score"]["tables"][1]["unreadable"][0]["reason"] = json!("smudged")
        }),
    ];
    for (what, breakage) in breakages {
        let mut broken = valid.clone();
        breakage(&mut broken);
        assert_ne!(broken, valid, "{what}: the breakage changed nothing");
        assert!(!validator.is_valid(&broken), "{what}: accepted\n{broken:#}");
    }
}

/// A report's data checked with its text: D002's labels point into the text, with its path.
#[test]
fn labels_in_another_file_are_valid() {
    let validator = validator();
    let dir = scratch("cross");
    let text = write(
        &dir.0,
        "report.txt",
        "2023年度部门整体绩效评价报告\n2023年支出决算金额为8707.27万元。\n".as_bytes(),
    );
    let data = write(
        &dir.0,
        "report.json",
        r#"{"report": {"department": "x", "year": 2023, "kind": "部门整体"},
 "unit": "万元", "spend": {"final": {"total": 8707.72}}}"#
            .as_bytes(),
    );
    let files = vec![
        (data, "report.json".to_string()),
        (text, "report.txt".to_string()),
    ];
    let outcome = Outcome {
        files: lint::lint_files(&files, &Options::default()),
    };
    for lang in [Lang::Zh, Lang::En] {
        let output = parse(&render_json(&outcome, lang));
        let errs = errors(&validator, &output);
        assert!(errs.is_empty(), "{lang:?}: {errs}\n{output:#}");
        let d = &output["files"][0]["diagnostics"][0];
        assert_eq!(d["code"], "D002", "{output:#}");
        assert_eq!(d["labels"][0]["path"], "report.txt");
        assert_eq!(d["labels"][0]["line"], 2);
    }
}
