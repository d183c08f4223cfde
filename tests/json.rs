//! Report data end to end: exact numbers, J001 positions, malformed files, the cross-source
//! check against the report's text, user formulas from `jxlint.toml`, and robustness of the
//! reader on every prefix of a real file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::str::FromStr;

use jxlint::diagnostic::Diagnostic;
use jxlint::lint::{Options, lint_file, parse_source};
use jxlint::model::{Document, SourceFormat, Unit};
use jxlint::source::LineIndex;
use rust_decimal::Decimal;

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A scratch folder under the system temp dir, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("jxlint-json-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            panic!("cannot create {}: {e}", dir.display());
        }
        Scratch(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        if let Err(e) = std::fs::write(&path, text) {
            panic!("cannot write {}: {e}", path.display());
        }
        path
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

fn parse(text: &str) -> Document {
    match parse_source(text, SourceFormat::Json, &Options::default()) {
        Ok(d) => d,
        Err(e) => panic!("{}", e.message),
    }
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

const HEAD: &str = r#""report": {"department": "某中心", "year": 2023, "kind": "部门整体"}"#;

/// `(line, column, code, English message)` of every diagnostic.
fn positions(text: &str, diags: &[Diagnostic]) -> Vec<(usize, usize, String, String)> {
    let li = LineIndex::new(text);
    diags
        .iter()
        .map(|d| {
            let (l, c) = li.line_col(text, d.span.start);
            (l, c, d.code.to_string(), d.message.en.clone())
        })
        .collect()
}

#[test]
fn numbers_are_exact_whatever_binary_floating_point_would_make_of_them() {
    let text = format!(
        r#"{{{HEAD}, "unit": "万元",
 "budget": {{"adjusted": {{"total": 8733.75, "basic": "0.1", "project": 0.2}}}},
 "assets": {{"unit": "元", "total": 12345678901234567.89, "current": "0.30"}},
 "metrics": [{{"name": "测试指标", "value": 9007199254740993, "unit": "个"}},
             {{"name": "科学计数", "value": 1.50e3, "unit": "个"}}]}}"#
    );
    let doc = parse(&text);
    let figure = |label: &str| {
        doc.quantities
            .iter()
            .find(|q| q.label_text() == label)
            .unwrap_or_else(|| panic!("{label} is a figure"))
    };
    let adjusted = figure("调整预算");
    assert_eq!(adjusted.value, d("8733.75"));
    assert_eq!(adjusted.decimals, 2);
    assert_eq!(adjusted.display(), "8733.75万元");
    assert_eq!(adjusted.base_value(), d("87337500"));
    assert_eq!(&text[adjusted.span.start..adjusted.span.end], "8733.75");
    // 0.1 + 0.2 is 0.3 exactly: a numeric string and a number, added as decimals.
    assert_eq!(
        figure("基本支出调整预算").value + figure("项目支出调整预算").value,
        d("0.3")
    );
    // The span of a numeric string is its digits.
    let basic = figure("基本支出调整预算");
    assert_eq!(&text[basic.span.start..basic.span.end], "0.1");
    // 17 significant digits before the point and two after: f64 keeps about 16.
    assert_eq!(figure("资产总额").value.to_string(), "12345678901234567.89");
    assert_eq!(figure("流动资产").decimals, 2);
    // 2^53 + 1 is the first integer f64 cannot hold.
    assert_eq!(figure("测试指标").value.to_string(), "9007199254740993");
    assert_eq!(figure("科学计数").value, d("1500"));
    let violations = doc.data.as_ref().map(|d| d.violations.len());
    assert_eq!(violations, Some(0));
}

#[test]
fn numbers_beyond_exact_decimals_are_rejected_clearly() {
    let text = format!(
        r#"{{{HEAD}, "unit": "万元",
 "assets": {{"total": 1e-30, "current": 0.00000000000000000000000000001}}}}"#
    );
    let (_, diags) = jxlint::lint::lint_text(&text, SourceFormat::Json, &Options::default());
    let found = positions(&text, &diags);
    assert_eq!(found.len(), 2, "{found:?}");
    for (line, _, code, msg) in &found {
        assert_eq!((*line, code.as_str()), (2, "J001"));
        assert!(msg.contains("cannot be held exactly"), "{msg}");
    }
}

#[test]
fn figures_too_large_or_too_fine_to_check_are_refused_not_a_crash() {
    let text = format!(
        r#"{{{HEAD}, "unit": "亿元",
 "budget": {{"adjusted": {{"total": 79228162514264337593543950335, "basic": 0.00000001, "project": "12345678901.9"}}}},
 "assets": {{"total": 0.123456789}},
 "metrics": [{{"id": "a", "name": "大数", "value": 1e15, "unit": "个"}},
             {{"id": "b", "name": "小数", "value": 0.00000001, "unit": "个"}}],
 "rates": [{{"name": "比值", "value": 100, "numerator": "metrics.a", "denominator": "metrics.b"}},
           {{"name": "执行率", "kind": "execution", "value": 1}}]}}"#
    );
    let (_, diags) = jxlint::lint::lint_text(&text, SourceFormat::Json, &Options::default());
    let found = positions(&text, &diags);
    let j001: Vec<&String> = found
        .iter()
        .filter(|(_, _, c, _)| c == "J001")
        .map(|(_, _, _, m)| m)
        .collect();
    assert_eq!(
        j001.iter()
            .filter(|m| m.contains("too large to check"))
            .count(),
        2,
        "{found:#?}"
    );
    assert_eq!(
        j001.iter()
            .filter(|m| m.contains("too many decimal places"))
            .count(),
        1,
        "{found:#?}"
    );
    // 10^15 / 10^-8 is within reach: the rate is judged, exactly.
    assert!(
        found
            .iter()
            .any(|(_, _, c, m)| c == "A001" && m.ends_with("= 10000000000000000000000000%")),
        "{found:#?}"
    );
}

#[test]
fn the_reference_figure_round_trips_through_validation() {
    // The schema sees the literal digits (serde_json with arbitrary_precision), not an f64.
    let root = jxlint::parse::json::reader::read("[8733.75, 12345678901234567.89, 0.1]")
        .unwrap_or_else(|e| panic!("{e:?}"));
    let value = jxlint::parse::json::schema::to_value(&root);
    assert_eq!(value.to_string(), "[8733.75,12345678901234567.89,0.1]");
}

#[test]
fn schema_violations_point_at_the_value() {
    let text = "{\n  \"report\": {\"department\": \"某中心\", \"year\": 2023},\n  \"unit\": \"万元\",\n  \"budget\": {\n    \"adjusted\": {\n      \"total\": \"八千七百万\",\n      \"basic\": {\"value\": 2195.76, \"unit\": \"千元\"}\n    }\n  },\n  \"staff\": {\"in_post\": \"34\"}\n}\n";
    let (_, diags) = jxlint::lint::lint_text(text, SourceFormat::Json, &Options::default());
    let found = positions(text, &diags);
    let li = LineIndex::new(text);
    // The J001 at `literal` (its first occurrence) says `needle`.
    let at = |literal: &str, needle: &str| {
        let offset = text.find(literal).unwrap_or_else(|| panic!("{literal}"));
        let (line, col) = li.line_col(text, offset);
        assert!(
            found.iter().any(|(l, c, code, m)| (*l, *c) == (line, col)
                && code == "J001"
                && m.contains(needle)),
            "no J001 `{needle}` at {line}:{col} in {found:#?}"
        );
        (line, col)
    };
    // A missing required field: at the object's key.
    assert_eq!(at("\"report\"", "missing required field `kind`"), (2, 3));
    // A string where a number belongs.
    assert_eq!(
        at(
            "\"八千七百万\"",
            "expected a non-negative number or numeric string"
        ),
        (6, 16)
    );
    assert_eq!(
        at("\"34\"", "expected an integer, found the string \"34\""),
        (10, 24)
    );
    // An unknown unit.
    assert_eq!(
        at(
            "\"千元\"",
            "the unit must be 元, 万元 or 亿元, found \"千元\""
        ),
        (7, 43)
    );
    assert_eq!(found.len(), 4, "{found:#?}");
    let zh: Vec<&str> = diags.iter().map(|d| d.message.zh.as_str()).collect();
    assert!(
        zh.iter()
            .any(|m| m.contains("应为整数（integer），实际为字符串")),
        "{zh:?}"
    );
    assert!(zh.iter().any(|m| m.contains("缺少必填字段 kind")), "{zh:?}");
    assert!(
        zh.iter().any(|m| m.contains("单位必须是 元、万元 或 亿元")),
        "{zh:?}"
    );
}

#[test]
fn a_truncated_file_is_one_parse_error_and_exit_status_2() {
    let dir = Scratch::new("truncated");
    let full = read(&corpus("yantian-2023.json"));
    let half = (0..=full.len() / 2)
        .rev()
        .find(|&i| full.is_char_boundary(i))
        .unwrap_or(0);
    let cut = &full[..half];
    let path = dir.write("report.json", cut);
    let report = lint_file(&path, "report.json".into(), &Options::default());
    assert!(report.diagnostics.is_empty());
    let error = report
        .error
        .unwrap_or_else(|| panic!("a truncated file is an error"));
    assert_eq!(error.kind, "parse");
    assert!(
        error.message.contains("the file looks truncated"),
        "{}",
        error.message
    );
    let (line, _) = LineIndex::new(cut).line_col(cut, cut.len());
    assert!(
        error.message.starts_with(&format!("line {line}, column ")),
        "{}",
        error.message
    );

    let out = jxlint(
        &dir.0,
        &["check", "report.json", "--lang", "en", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    assert_eq!(v["files"][0]["error"]["kind"], "parse");
    assert_eq!(
        v["files"][0]["diagnostics"].as_array().map(Vec::len),
        Some(0)
    );
    let concise = jxlint(
        &dir.0,
        &[
            "check",
            "report.json",
            "--format",
            "concise",
            "--lang",
            "en",
        ],
    );
    assert_eq!(concise.status.code(), Some(2));
    let lines: Vec<String> = stdout(&concise).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("report.json: error: parse: line "),
        "{lines:?}"
    );
    assert!(stderr(&concise).is_empty(), "{}", stderr(&concise));
}

#[test]
fn every_prefix_of_the_reference_data_is_handled_without_panic() {
    let full = read(&corpus("yantian-2023.json"));
    let mut errors = 0;
    for (i, _) in full.char_indices() {
        let prefix = &full[..i];
        match jxlint::parse::json::reader::read(prefix) {
            Ok(_) => {}
            Err(e) => {
                assert!(e.offset <= prefix.len() && prefix.is_char_boundary(e.offset));
                errors += 1;
            }
        }
    }
    assert!(errors > 0);
    // The whole pipeline too, on a sample of prefixes (each one is a full lint).
    for (i, _) in full.char_indices().step_by(97) {
        let _ = jxlint::lint::lint_text(&full[..i], SourceFormat::Json, &Options::default());
    }
}

#[test]
fn reading_damaged_data_never_panics() {
    let full = read(&corpus("yantian-2023.json"));
    // Each character deleted in turn, on a sample of positions.
    for (i, c) in full.char_indices().step_by(13) {
        let mut damaged = full.clone();
        damaged.replace_range(i..i + c.len_utf8(), "");
        let _ = jxlint::lint::lint_text(&damaged, SourceFormat::Json, &Options::default());
    }
    for junk in [
        "",
        "null",
        "[]",
        "{}",
        "\"x\"",
        "{\"report\": null}",
        "{\"metrics\": [1, 2]}",
    ] {
        let _ = jxlint::lint::lint_text(junk, SourceFormat::Json, &Options::default());
    }
}

#[test]
fn the_reference_data_validates_and_holds_its_figures() {
    let text = read(&corpus("yantian-2023.json"));
    let doc = parse(&text);
    let data = doc.data.as_ref().unwrap_or_else(|| panic!("report data"));
    assert!(data.violations.is_empty(), "{:?}", data.violations);
    assert_eq!(
        data.department.as_ref().map(|t| t.value.as_str()),
        Some("深圳盐田综合保税区经济发展服务中心")
    );
    assert_eq!(data.year, Some(2023));
    let adjusted = data
        .figures
        .iter()
        .position(|f| f.path == "budget.adjusted.total")
        .map(|i| &doc.quantities[i]);
    assert_eq!(
        adjusted.map(|q| (q.value, q.unit.clone())),
        Some((
            d("8733.75"),
            Unit::Money {
                currency: jxlint::model::Currency::Cny,
                scale: 4
            }
        ))
    );
    let scorecard = data
        .scorecard
        .as_ref()
        .unwrap_or_else(|| panic!("a scorecard"));
    assert_eq!(scorecard.indicators.len(), 3);
    assert_eq!(
        scorecard.total.map(|t| (t.value, t.decimals)),
        Some((d("98.0"), 1))
    );
    assert_eq!(
        scorecard.grade.as_ref().map(|g| g.value.as_str()),
        Some("优")
    );
    let weights: Decimal = scorecard
        .indicators
        .iter()
        .filter_map(|i| i.weight.map(|w| w.value))
        .sum();
    assert_eq!(weights, d("100"));
}

/// The reference report's data and text in a scratch folder, the data changed by `edit`.
fn pair(dir: &Scratch, edit: impl Fn(&str) -> String) {
    dir.write("yantian-2023.txt", &read(&corpus("yantian-2023.txt")));
    dir.write(
        "yantian-2023.json",
        &edit(&read(&corpus("yantian-2023.json"))),
    );
}

#[test]
fn one_changed_figure_gives_d002_at_the_data_and_the_text() {
    let dir = Scratch::new("d002");
    pair(&dir, |s| s.to_string());
    let same = jxlint(
        &dir.0,
        &["check", ".", "--select", "D002", "--format", "json"],
    );
    assert_eq!(same.status.code(), Some(0), "{}", stdout(&same));

    pair(&dir, |s| {
        s.replacen("\"total\": 8707.27,", "\"total\": 8707.72,", 1)
    });
    let out = jxlint(&dir.0, &["check", ".", "--format", "json", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    let files = v["files"].as_array().cloned().unwrap_or_default();
    let d002: Vec<&serde_json::Value> = files
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().into_iter().flatten())
        .filter(|d| d["code"] == "D002")
        .collect();
    assert_eq!(d002.len(), 1, "{v:#}");
    let d = d002[0];
    // At the data's value …
    let data_file = files
        .iter()
        .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(".json")))
        .unwrap_or_else(|| panic!("the data file is reported"));
    assert!(
        data_file["diagnostics"]
            .as_array()
            .is_some_and(|ds| ds.iter().any(|x| x["code"] == "D002"))
    );
    let data_text = read(&dir.0.join("yantian-2023.json"));
    let at = data_text.find("8707.72").unwrap_or_default();
    let (line, column) = LineIndex::new(&data_text).line_col(&data_text, at);
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(line as u64), Some(column as u64))
    );
    assert_eq!(d["found"], "8707.72万元");
    assert_eq!(d["expected"], "8707.27万元");
    // … labelled at the text's figure (line 89; line 85's 8707.27元 is the text's own U001).
    let label = &d["labels"][0];
    assert!(
        label["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("yantian-2023.txt")),
        "{d:#}"
    );
    assert_eq!(
        (label["line"].as_u64(), label["column"].as_u64()),
        (Some(89), Some(33))
    );

    // SARIF locates the label in the text file.
    let sarif = jxlint(
        &dir.0,
        &["check", ".", "--select", "D002", "--format", "sarif"],
    );
    let v: serde_json::Value =
        serde_json::from_slice(&sarif.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&sarif)));
    let related = &v["runs"][0]["results"][0]["relatedLocations"][0]["physicalLocation"];
    assert!(
        related["artifactLocation"]["uri"]
            .as_str()
            .is_some_and(|u| u.ends_with("yantian-2023.txt")),
        "{v:#}"
    );
    assert_eq!(related["region"]["startLine"], 89, "{v:#}");

    let human = jxlint(&dir.0, &["check", ".", "--select", "D002", "--lang", "en"]);
    let text = stdout(&human);
    assert!(text.contains("yantian-2023.json:29:16]"), "{text}");
    assert!(text.contains("yantian-2023.txt:89:33]"), "{text}");
}

#[test]
fn data_and_text_are_paired_however_their_paths_are_written() {
    let dir = Scratch::new("paths");
    pair(&dir, |s| {
        s.replacen("\"total\": 9248.98", "\"total\": 9248.89", 1)
    });
    let name = dir
        .0
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let roundabout = format!("../{name}/yantian-2023.txt");
    for args in [
        vec!["yantian-2023.json", "./yantian-2023.txt"],
        vec!["./yantian-2023.json", roundabout.as_str()],
        vec!["."],
    ] {
        let mut all = vec![
            "check",
            "--select",
            "D002",
            "--format",
            "concise",
            "--no-summary",
        ];
        all.extend_from_slice(&args);
        let out = jxlint(&dir.0, &all);
        assert_eq!(
            stdout(&out).matches(" D002 ").count(),
            1,
            "{args:?}: {}",
            stdout(&out)
        );
    }
}

#[test]
fn the_data_names_its_text_with_report_source() {
    let dir = Scratch::new("source");
    dir.write("正文.txt", &read(&corpus("yantian-2023.txt")));
    dir.write(
        "data.json",
        &read(&corpus("yantian-2023.json"))
            .replacen(
                "\"source\": \"yantian-2023.txt\"",
                "\"source\": \"正文.txt\"",
                1,
            )
            .replacen("\"total\": 9248.98", "\"total\": 9248.89", 1),
    );
    let out = jxlint(
        &dir.0,
        &[
            "check", ".", "--select", "D002", "--format", "concise", "--lang", "en",
        ],
    );
    let text = stdout(&out);
    assert!(
        text.contains("data.json:13:16: D002") && text.contains("[see ./正文.txt:59:15]"),
        "{text}"
    );
}

#[test]
fn a_failing_formula_reports_both_sides() {
    let dir = Scratch::new("formula");
    dir.write("report.json", &read(&corpus("yantian-2023.json")));
    dir.write(
        "jxlint.toml",
        r#"
[[formula]]
name = "决算不少于调整预算"
expr = "spend.final >= budget.adjusted"

[[formula]]
name = "基本支出与项目支出之和"
expr = "budget.adjusted == budget.adjusted.basic + budget.adjusted.project"
"#,
    );
    let out = jxlint(
        &dir.0,
        &[
            "check",
            "report.json",
            "--select",
            "A008",
            "--format",
            "concise",
            "--lang",
            "en",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("report.json:29:16: A008 [error] formula “决算不少于调整预算” does not hold: spend.final = 8707.27, budget.adjusted = 8733.75, not >= (off by 26.48)"),
        "{text}"
    );
    assert_eq!(text.matches("A008").count(), 1, "{text}");

    // The same with --config from elsewhere, in Chinese.
    let elsewhere = Scratch::new("formula-elsewhere");
    let config = dir.0.join("jxlint.toml");
    let report = dir.0.join("report.json");
    let zh = jxlint(
        &elsewhere.0,
        &[
            "check",
            &report.to_string_lossy(),
            "--config",
            &config.to_string_lossy(),
            "--select",
            "A008",
            "--format",
            "concise",
            "--lang",
            "zh",
        ],
    );
    assert!(
        stdout(&zh).contains(
            "公式「决算不少于调整预算」不成立：spend.final = 8707.27，budget.adjusted = 8733.75"
        ),
        "{}",
        stdout(&zh)
    );
}

#[test]
fn a_formula_that_cannot_be_used_is_a_clear_error() {
    let dir = Scratch::new("bad-formula");
    dir.write("report.json", &read(&corpus("yantian-2023.json")));
    for (toml, needle) in [
        (
            "[[formula]]\nname = \"x\"\nexpr = \"spend.final >= budget.ajusted\"\n",
            "jxlint.toml: formula `x`: unknown field `budget.ajusted` at column 16 (did you mean `budget.adjusted`?)",
        ),
        (
            "[[formula]]\nname = \"x\"\nexpr = \"spend.final >= (budget.adjusted\"\n",
            "jxlint.toml: formula `x`: the expression does not parse at column 32: expected ')'",
        ),
        (
            "[[formula]]\nname = \"x\"\nexpr = \"spend.final >= budget.adjusted\"\ntolerance = 0.5\n",
            "write the tolerance as a string",
        ),
        ("[formula]\nname = 1\n", "jxlint.toml: line "),
    ] {
        dir.write("jxlint.toml", toml);
        let out = jxlint(&dir.0, &["check", "report.json", "--lang", "en"]);
        assert_eq!(out.status.code(), Some(2), "{toml}");
        assert_eq!(stdout(&out), "", "{toml}");
        assert!(
            stderr(&out).contains("error: the configuration cannot be used: ")
                && stderr(&out).contains(needle),
            "{toml}\n{}",
            stderr(&out)
        );
    }
    let missing = jxlint(
        &dir.0,
        &[
            "check",
            "report.json",
            "--config",
            "nope.toml",
            "--lang",
            "en",
        ],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing)
            .contains("nope.toml: cannot read the configuration: no such file or directory"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn the_configuration_selects_rules_and_the_command_line_wins() {
    let dir = Scratch::new("select");
    dir.write("report.json", &read(&corpus("yantian-2023.json")));
    dir.write("jxlint.toml", "select = [\"A\"]\nignore = [\"A002\"]\n");
    let only_a = jxlint(
        &dir.0,
        &[
            "check",
            "report.json",
            "--format",
            "concise",
            "--no-summary",
        ],
    );
    assert_eq!(stdout(&only_a), "", "{}", stdout(&only_a));
    let d = jxlint(
        &dir.0,
        &[
            "check",
            "report.json",
            "--select",
            "D",
            "--format",
            "concise",
            "--no-summary",
        ],
    );
    assert_eq!(stdout(&d).matches(" D001 ").count(), 2, "{}", stdout(&d));
    dir.write("jxlint.toml", "select = [\"Q\"]\n");
    let bad = jxlint(&dir.0, &["check", "report.json", "--lang", "en"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("jxlint.toml: select: `Q` is not the prefix of any rule code"),
        "{}",
        stderr(&bad)
    );
}
