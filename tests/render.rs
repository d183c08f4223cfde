//! Golden renderings of hand-built reports: human (miette, monochrome, 100 columns), concise
//! and JSON, in Chinese and English. The diagnostics are constructed here rather than found
//! by the rules, so these snapshots change only when the renderers do.

use std::path::PathBuf;

use jxlint::diagnostic::{Diagnostic, Label, Lang, Message, Severity};
use jxlint::lint::{FileError, FileReport, Outcome, Stats};
use jxlint::model::{SourceFormat, Span};
use jxlint::render::{HumanOptions, render_concise, render_human, render_json};

const TEXT: &str = "一、预算执行情况\n\
2023年预算数为8733.75万元，实际支出8707.27万元，\n\
预算执行率为99.66%。\n\
项目完成情况良好，详见附件（Appendix）。\n";

/// Byte span of the `n`-th occurrence (0-based) of `needle` in [`TEXT`].
fn span_of(needle: &str, n: usize) -> Span {
    let start = TEXT.match_indices(needle).nth(n).map(|(i, _)| i);
    let start = start.unwrap_or_else(|| panic!("`{needle}` occurs in the test text"));
    Span::new(start, start + needle.len())
}

fn ratio_mismatch() -> Diagnostic {
    Diagnostic {
        code: "A001",
        name: "ratio-mismatch",
        severity: Severity::Error,
        message: Message::new(
            "预算执行率写作 99.66%，按支出 8707.27万元 与预算 8733.75万元 计算应为 99.70%",
            "budget execution rate stated as 99.66%, but 8707.27万元 of 8733.75万元 is 99.70%",
        ),
        span: span_of("99.66%", 0),
        primary_label: Some(Message::new("应为 99.70%", "should be 99.70%")),
        labels: vec![
            Label {
                span: span_of("8733.75万元", 0),
                message: Message::new("预算数（分母）", "budget (denominator)"),
                file: None,
            },
            Label {
                span: span_of("8707.27万元", 0),
                message: Message::new("实际支出（分子）", "spending (numerator)"),
                file: None,
            },
        ],
        help: Some(Message::new(
            "将 99.66% 改为 99.70%",
            "write 99.70% instead of 99.66%",
        )),
        expected: Some("99.70%".to_string()),
        found: Some("99.66%".to_string()),
        fix: None,
    }
}

fn foreign_token() -> Diagnostic {
    Diagnostic {
        code: "T002",
        name: "foreign-token",
        severity: Severity::Info,
        message: Message::new(
            "中文行文中出现英文单词 Appendix",
            "latin word Appendix inside Chinese prose",
        ),
        span: span_of("Appendix", 0),
        primary_label: None,
        labels: Vec::new(),
        help: None,
        expected: None,
        found: None,
        fix: None,
    }
}

fn outcome() -> Outcome {
    let checked = FileReport {
        path: PathBuf::from("reports/2023.txt"),
        display_path: "reports/2023.txt".to_string(),
        format: SourceFormat::Text,
        encoding: Some("utf-8"),
        text: TEXT.to_string(),
        error: None,
        diagnostics: vec![ratio_mismatch(), foreign_token()],
        stats: Stats {
            figures: 4,
            relations: 1,
            errors: 1,
            warnings: 0,
            infos: 1,
            ..Stats::default()
        },
        score: None,
        unbound: Vec::new(),
        places: Vec::new(),
    };
    let clean = FileReport {
        path: PathBuf::from("reports/clean.md"),
        display_path: "reports/clean.md".to_string(),
        format: SourceFormat::Markdown,
        encoding: Some("gb18030"),
        text: "# 2023年度绩效评价报告\n".to_string(),
        error: None,
        diagnostics: Vec::new(),
        stats: Stats {
            figures: 0,
            relations: 0,
            errors: 0,
            warnings: 0,
            infos: 0,
            ..Stats::default()
        },
        score: None,
        unbound: Vec::new(),
        places: Vec::new(),
    };
    let unreadable = FileReport::unreadable(
        PathBuf::from("reports/broken.txt"),
        "reports/broken.txt".to_string(),
        FileError {
            kind: "decode",
            message: "not text in any supported encoding".to_string(),
        },
    );
    Outcome {
        files: vec![checked, clean, unreadable],
    }
}

fn human(lang: Lang) -> String {
    render_human(
        &outcome(),
        lang,
        &HumanOptions {
            color: false,
            width: 100,
            summary: true,
        },
    )
}

#[test]
fn human_zh() {
    insta::assert_snapshot!(human(Lang::Zh));
}

#[test]
fn human_en() {
    insta::assert_snapshot!(human(Lang::En));
}

#[test]
fn human_without_summary_has_no_summary_lines() {
    let out = render_human(
        &outcome(),
        Lang::Zh,
        &HumanOptions {
            color: false,
            width: 100,
            summary: false,
        },
    );
    assert!(!out.contains("共检查"), "{out}");
    assert!(!out.contains("提取数字"), "{out}");
    assert!(out.contains("A001 ratio-mismatch"), "{out}");
}

#[test]
fn human_header_column_counts_characters() {
    // `99.66%` is the 7th character of line 3 (its 19th byte).
    assert!(human(Lang::En).contains("[reports/2023.txt:3:7]"));
}

#[test]
fn human_color_uses_ansi_escapes() {
    let out = render_human(
        &outcome(),
        Lang::En,
        &HumanOptions {
            color: true,
            width: 100,
            summary: true,
        },
    );
    assert!(out.contains('\u{1b}'));
}

#[test]
fn concise_zh() {
    insta::assert_snapshot!(render_concise(&outcome(), Lang::Zh, true));
}

#[test]
fn concise_en() {
    insta::assert_snapshot!(render_concise(&outcome(), Lang::En, true));
}

#[test]
fn json_en() {
    insta::assert_snapshot!(render_json(&outcome(), Lang::En));
}

#[test]
fn json_zh_messages_are_chinese() {
    let json: serde_json::Value = match serde_json::from_str(&render_json(&outcome(), Lang::Zh)) {
        Ok(v) => v,
        Err(e) => panic!("the JSON output parses: {e}"),
    };
    let d = &json["files"][0]["diagnostics"][0];
    assert_eq!(d["help"], "将 99.66% 改为 99.70%");
    assert_eq!(d["labels"][0]["message"], "预算数（分母）");
    assert_eq!(
        json["files"][0]["diagnostics"][1]["help"],
        serde_json::Value::Null
    );
}

#[test]
fn empty_outcome() {
    let empty = Outcome::default();
    assert_eq!(
        render_human(&empty, Lang::En, &HumanOptions::default()),
        "checked 0 files: 0 figures, 0 relations, 0 unbound; 0 errors, 0 warnings, 0 infos\n"
    );
    assert_eq!(render_concise(&empty, Lang::Zh, false), "");
}

#[test]
fn spans_past_the_end_do_not_panic() {
    let mut out = outcome();
    let mut d = ratio_mismatch();
    d.span = Span::new(TEXT.len() - 1, TEXT.len() + 50);
    d.labels[0].span = Span::new(1, 2);
    out.files[0].diagnostics = vec![d];
    let human = render_human(&out, Lang::Zh, &HumanOptions::default());
    assert!(human.contains("A001"));
    let json = render_json(&out, Lang::Zh);
    assert!(json.contains(&format!("\"end\": {}", TEXT.len())));
    assert!(render_concise(&out, Lang::Zh, false).starts_with("reports/2023.txt:4:"));
}

/// A report's data beside its text, with a finding in the data whose label points into the
/// text (as D002 reports it).
fn cross_file_outcome() -> Outcome {
    let data = "{\n  \"spend\": {\"final\": {\"total\": 8707.72}}\n}\n";
    let at = |hay: &str, needle: &str| {
        let i = hay
            .find(needle)
            .unwrap_or_else(|| panic!("`{needle}` is in the text"));
        Span::new(i, i + needle.len())
    };
    let finding = Diagnostic {
        code: "D002",
        name: "cross-source-mismatch",
        severity: Severity::Error,
        message: Message::new(
            "数据与正文不一致：支出决算 在数据中为 8707.72万元，正文写作 8707.27万元",
            "the data and the text disagree: 支出决算 is 8707.72万元 in the data, 8707.27万元 in the text",
        ),
        span: at(data, "8707.72"),
        primary_label: Some(Message::new("数据：8707.72万元", "data: 8707.72万元")),
        labels: vec![Label {
            span: span_of("8707.27万元", 0),
            message: Message::new("正文：实际支出 8707.27万元", "text: 实际支出 8707.27万元"),
            file: Some("reports/2023.txt".to_string()),
        }],
        help: None,
        expected: Some("8707.27万元".to_string()),
        found: Some("8707.72万元".to_string()),
        fix: None,
    };
    let text = FileReport {
        path: PathBuf::from("reports/2023.txt"),
        display_path: "reports/2023.txt".to_string(),
        format: SourceFormat::Text,
        encoding: Some("utf-8"),
        text: TEXT.to_string(),
        error: None,
        diagnostics: Vec::new(),
        stats: Stats::default(),
        score: None,
        unbound: Vec::new(),
        places: Vec::new(),
    };
    let json = FileReport {
        path: PathBuf::from("reports/2023.json"),
        display_path: "reports/2023.json".to_string(),
        format: SourceFormat::Json,
        encoding: Some("utf-8"),
        text: data.to_string(),
        error: None,
        diagnostics: vec![finding],
        stats: Stats {
            errors: 1,
            ..Stats::default()
        },
        score: None,
        unbound: Vec::new(),
        places: Vec::new(),
    };
    Outcome {
        files: vec![text, json],
    }
}

#[test]
fn labels_in_another_file_are_drawn_from_that_file() {
    let human = render_human(
        &cross_file_outcome(),
        Lang::En,
        &HumanOptions {
            color: false,
            width: 100,
            summary: false,
        },
    );
    insta::assert_snapshot!("cross_file_human_en", human);
    insta::assert_snapshot!(
        "cross_file_concise_en",
        render_concise(&cross_file_outcome(), Lang::En, false)
    );
    let json: serde_json::Value =
        match serde_json::from_str(&render_json(&cross_file_outcome(), Lang::En)) {
            Ok(v) => v,
            Err(e) => panic!("the JSON output parses: {e}"),
        };
    let label = &json["files"][1]["diagnostics"][0]["labels"][0];
    assert_eq!(label["path"], "reports/2023.txt");
    assert_eq!((&label["line"], &label["column"]), (&2.into(), &24.into()));
    // A label in the diagnostic's own file has no path.
    let own = render_json(&outcome(), Lang::En);
    assert!(!own.contains("\"path\": \"reports/2023.txt\",\n              \"span\""));
}

/// `jxlint score` for a scorecard read from real text: the reference report (a scrambled table,
/// a prose breakdown, one unsupported score) and a project table with two unsupported scores.
fn scored(lang: Lang) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = jxlint::lint::Options {
        select: vec!["S".into()],
        ..jxlint::lint::Options::default()
    };
    let files = [
        "corpus/yantian-2023.txt",
        "corpus/hubei-yichang-2023-xiangmu-score.txt",
    ]
    .iter()
    .map(|p| jxlint::lint::lint_file(&root.join(p), (*p).to_string(), &options))
    .collect();
    jxlint::render::render_score(&Outcome { files }, lang)
}

#[test]
fn score_zh() {
    insta::assert_snapshot!(scored(Lang::Zh));
}

#[test]
fn score_en() {
    insta::assert_snapshot!(scored(Lang::En));
}
