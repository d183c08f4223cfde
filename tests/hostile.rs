//! Hostile inputs, each run through the built binary beside a normal report whose findings
//! must survive: no panic, an answer (a finding, or an error naming the file and the cause),
//! the right exit status. Every input is small enough to keep the suite fast; the limits they
//! probe are documented in README ("Limits").

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A scratch folder under the system temp dir, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("jxlint-hostile-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            panic!("cannot create {}: {e}", dir.display());
        }
        let s = Scratch(dir);
        s.write("normal.txt", NORMAL.as_bytes());
        s
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        if let Err(e) = std::fs::write(&path, bytes) {
            panic!("cannot write {}: {e}", path.display());
        }
        path
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

/// A report with one known finding: 468 / 500 is 93.60%, not 95.20% (A001).
const NORMAL: &str = "2023年度项目支出绩效自评报告\n\n一、预算执行情况\n\n\
该项目调整预算为500.00万元，实际支出468.00万元，预算执行率95.20%。\n";

fn jxlint(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
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

/// `jxlint check --format json .` in `dir`: the exit status and the JSON document.
fn check_json(dir: &Path) -> (Option<i32>, serde_json::Value) {
    let out = jxlint(dir, &["check", "--format", "json", "--lang", "en", "."]);
    let v = match serde_json::from_slice(&out.stdout) {
        Ok(v) => v,
        Err(e) => panic!(
            "stdout is not JSON ({e}):\n{}{}",
            stdout(&out),
            stderr(&out)
        ),
    };
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    (out.status.code(), v)
}

/// The entry of `files` for `name`.
fn file<'a>(v: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    v["files"]
        .as_array()
        .and_then(|fs| {
            fs.iter()
                .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(name)))
        })
        .unwrap_or_else(|| panic!("no {name} in {v:#}"))
}

fn codes(f: &serde_json::Value) -> Vec<String> {
    f["diagnostics"]
        .as_array()
        .map(|ds| {
            ds.iter()
                .filter_map(|d| d["code"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// The normal report's finding is there.
fn normal_survives(v: &serde_json::Value) {
    assert!(
        codes(file(v, "normal.txt")).contains(&"A001".to_string()),
        "{v:#}"
    );
}

#[test]
fn a_number_longer_than_a_decimal_is_reported_not_truncated() {
    let dir = Scratch::new("long-number");
    dir.write(
        "long.txt",
        "一、预算执行情况\n支出1000000000000000000000000000200万元，预算3.14万元。\n".as_bytes(),
    );
    let (code, v) = check_json(dir.path());
    assert_eq!(code, Some(2));
    normal_survives(&v);
    let long = file(&v, "long.txt");
    assert_eq!(long["error"]["kind"], "limit", "{long:#}");
    let message = long["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("line 2, column 3") && message.contains("28 significant digits"),
        "{message}"
    );
    // Never read as its last digits (200万元): only 3.14万元 is a figure.
    assert_eq!(long["stats"]["figures"], 1, "{long:#}");
}

#[test]
fn a_line_of_a_hundred_thousand_digits_gets_an_answer() {
    let dir = Scratch::new("digits");
    let mut text = "一、情况\n".to_string();
    text.push_str(&"7".repeat(100_000));
    text.push_str("万元\n");
    dir.write("digits.txt", text.as_bytes());
    let (code, v) = check_json(dir.path());
    assert_eq!(code, Some(2));
    normal_survives(&v);
    assert_eq!(file(&v, "digits.txt")["error"]["kind"], "limit");
}

#[test]
fn a_stray_byte_before_utf8_text_is_a_decode_error_not_windows_1252() {
    let dir = Scratch::new("stray");
    let mut bytes = vec![0xFF];
    bytes.extend_from_slice(NORMAL.as_bytes());
    dir.write("stray.txt", &bytes);
    let (code, v) = check_json(dir.path());
    assert_eq!(code, Some(2));
    normal_survives(&v);
    let stray = file(&v, "stray.txt");
    assert_eq!(stray["error"]["kind"], "decode", "{stray:#}");
    let message = stray["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("byte offset 0"), "{message}");
}

#[test]
fn cr_and_mixed_line_endings_give_the_same_findings_as_lf() {
    let dir = Scratch::new("endings");
    dir.write("cr.txt", NORMAL.replace('\n', "\r").as_bytes());
    let mixed: String = NORMAL
        .split('\n')
        .enumerate()
        .map(|(k, l)| format!("{l}{}", ["\r\n", "\n", "\r"][k % 3]))
        .collect();
    dir.write("mixed.txt", mixed.as_bytes());
    let (code, v) = check_json(dir.path());
    assert_eq!(code, Some(1));
    let line_of = |name: &str| {
        let f = file(&v, name);
        (codes(f), f["diagnostics"][0]["line"].clone())
    };
    let normal = line_of("normal.txt");
    assert_eq!(normal.0, vec!["A001".to_string()]);
    assert_eq!(line_of("cr.txt"), normal);
    assert_eq!(line_of("mixed.txt"), normal);
}

#[test]
fn random_bytes_without_nul_are_binary() {
    let dir = Scratch::new("random");
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..20_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 255) as u8 + 1
        })
        .collect();
    dir.write("random.txt", &bytes);
    let (code, v) = check_json(dir.path());
    assert_eq!(code, Some(2));
    normal_survives(&v);
    let random = file(&v, "random.txt");
    assert_eq!(random["error"]["kind"], "decode", "{random:#}");
    assert!(
        random["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("binary")),
        "{random:#}"
    );
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = Scratch::new("controls");
    dir.write(
        "evil.txt",
        NORMAL
            .replace("该项目", "\u{1b}]0;owned\u{7}\u{1b}[2J该项目\u{9b}31m")
            .as_bytes(),
    );
    for format in ["human", "concise", "github"] {
        let out = jxlint(
            dir.path(),
            &["check", "--format", format, "--lang", "en", "."],
        );
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = stdout(&out);
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\u{9b}']),
            "{format}: {text:?}"
        );
        assert_eq!(text.matches("A001").count(), 2, "{format}: {text}");
    }
}

#[test]
fn a_closed_pipe_keeps_the_exit_status_of_the_findings() {
    let dir = Scratch::new("pipe");
    for k in 0..200 {
        dir.write(&format!("r{k:03}.txt"), NORMAL.as_bytes());
    }
    let mut child = match Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .args(["check", "--format", "concise", "."])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => panic!("cannot run jxlint: {e}"),
    };
    drop(child.stdout.take());
    let out = match child.wait_with_output() {
        Ok(out) => out,
        Err(e) => panic!("jxlint did not finish: {e}"),
    };
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}

/// `--config` and `--rubric` given something that is not a regular file: an error at once.
#[test]
fn config_and_rubric_must_be_regular_files() {
    let dir = Scratch::new("special");
    let fifo = dir.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let mut specials = vec!["/dev/zero".to_string()];
    if made.is_ok_and(|s| s.success()) {
        specials.push(fifo.to_string_lossy().into_owned());
    }
    for special in &specials {
        for flag in ["--config", "--rubric"] {
            let out = jxlint(dir.path(), &["check", "--lang", "en", flag, special, "."]);
            assert_eq!(out.status.code(), Some(2), "{flag} {special}");
            assert!(
                stderr(&out).contains("not a regular file"),
                "{flag} {special}: {}",
                stderr(&out)
            );
        }
    }
}

#[test]
fn deep_and_long_formulas_are_configuration_errors_not_crashes() {
    let dir = Scratch::new("formulas");
    let deep = format!("{}a{} == 1", "(".repeat(10_000), ")".repeat(10_000));
    let long = format!("{} == 1", vec!["a"; 50_000].join(" + "));
    for expr in [deep, long] {
        let toml = format!("[[formula]]\nname = \"f\"\nexpr = \"{expr}\"\n");
        dir.write("jxlint.toml", toml.as_bytes());
        let out = jxlint(dir.path(), &["check", "--lang", "en", "."]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("formula"), "{}", stderr(&out));
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_without_reading_it() {
    let dir = Scratch::new("huge");
    let path = dir.path().join("huge.txt");
    // Sparse: 65 MiB of size, no data written.
    let made = std::fs::File::create(&path).and_then(|f| f.set_len(65 * 1024 * 1024));
    if let Err(e) = made {
        panic!("cannot create {}: {e}", path.display());
    }
    let (code, v) = check_json(dir.path());
    assert_eq!(code, Some(2));
    normal_survives(&v);
    let huge = file(&v, "huge.txt");
    assert_eq!(huge["error"]["kind"], "limit", "{huge:#}");
}

/// A `.docx` made of `document.xml` alone.
fn docx(xml: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    let written = zip
        .start_file("word/document.xml", options)
        .and_then(|()| zip.write_all(xml).map_err(Into::into))
        .and_then(|()| zip.finish());
    match written {
        Ok(c) => c.into_inner(),
        Err(e) => panic!("cannot build a .docx: {e}"),
    }
}

const W: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;

#[test]
fn inflated_and_deeply_nested_docx_bodies_are_limits() {
    let dir = Scratch::new("docx");
    // Nested 10,000 tables deep: refused, not walked.
    let mut deep = W.to_string();
    deep.push_str(&"<w:tbl><w:tr><w:tc>".repeat(10_000));
    deep.push_str("</w:body></w:document>");
    dir.write("deep.docx", &docx(deep.as_bytes()));
    // A row of 20,000 cells, each spanning 60 columns: kept to the row limit.
    let mut wide = W.to_string();
    wide.push_str("<w:tbl><w:tr>");
    wide.push_str(
        &r#"<w:tc><w:tcPr><w:gridSpan w:val="60"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"#
            .repeat(20_000),
    );
    wide.push_str("</w:tr></w:tbl></w:body></w:document>");
    dir.write("wide.docx", &docx(wide.as_bytes()));
    let (code, v) = check_json(dir.path());
    assert_eq!(code, Some(2));
    normal_survives(&v);
    assert_eq!(file(&v, "deep.docx")["error"]["kind"], "limit");
    let wide = file(&v, "wide.docx");
    assert!(wide["error"].is_null(), "{wide:#}");
    assert!(
        wide["stats"]["figures"].as_u64().is_some_and(|n| n <= 1024),
        "{wide:#}"
    );
}

#[test]
fn an_inflated_docx_body_is_refused_while_inflating() {
    let dir = Scratch::new("bomb");
    // 65 MiB of XML that compresses to a few hundred KiB.
    let mut xml = W.as_bytes().to_vec();
    xml.resize(65 * 1024 * 1024, b' ');
    xml.extend_from_slice(b"</w:body></w:document>");
    let bytes = docx(&xml);
    drop(xml);
    assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
    dir.write("bomb.docx", &bytes);
    let (code, v) = check_json(dir.path());
    assert_eq!(code, Some(2));
    normal_survives(&v);
    let bomb = file(&v, "bomb.docx");
    assert_eq!(bomb["error"]["kind"], "limit", "{bomb:#}");
}

/// Report data whose 调整预算 is zero and whose 决算, cubed, leaves the exact decimals.
const ZERO_BASE_DATA: &str = r#"{
  "report": { "department": "某县文体服务中心", "year": 2023, "kind": "部门整体" },
  "unit": "万元",
  "budget": { "adjusted": { "total": 0 } },
  "spend": { "final": { "total": 900000000000 } },
  "staff": { "authorized": 12, "in_post": 12 }
}
"#;

#[test]
fn a_formula_that_divides_by_zero_or_overflows_is_said_and_counted_unbound() {
    let dir = Scratch::new("formula-eval");
    dir.write("data.json", ZERO_BASE_DATA.as_bytes());
    dir.write(
        "jxlint.toml",
        "[[formula]]\nname = \"执行率不低于九成\"\nexpr = \"spend.final / budget.adjusted * 100 >= 90\"\n\n\
         [[formula]]\nname = \"决算放大\"\nexpr = \"spend.final * spend.final * spend.final >= 0\"\n\n\
         [[formula]]\nname = \"编制\"\nexpr = \"staff.in_post <= staff.authorized\"\n"
            .as_bytes(),
    );
    let out = jxlint(
        dir.path(),
        &[
            "check", "--format", "concise", "--lang", "en", "--select", "A", ".",
        ],
    );
    let text = stdout(&out);
    // The normal report's finding survives; the infos do not change the exit status.
    assert_eq!(out.status.code(), Some(1), "{text}{}", stderr(&out));
    assert!(
        text.contains("normal.txt:5:") && text.contains("A001"),
        "{text}"
    );
    let zero = text
        .lines()
        .find(|l| l.contains("执行率不低于九成"))
        .unwrap_or_else(|| panic!("no line for the zero divisor:\n{text}"));
    assert!(
        zero.starts_with("./data.json:4:38: A008 [info] formula “执行率不低于九成” was not evaluated: it divides by zero (the divisor reads budget.adjusted)"),
        "{zero}"
    );
    let big = text
        .lines()
        .find(|l| l.contains("决算放大"))
        .unwrap_or_else(|| panic!("no line for the overflow:\n{text}"));
    assert!(
        big.starts_with("./data.json:5:34: A008 [info]")
            && big.contains("leaves the range of exact decimals"),
        "{big}"
    );
    assert!(
        !text.contains("编制"),
        "a formula that holds says nothing: {text}"
    );

    // JSON with --coverage: both listed unbound, the one that holds judged.
    let out = jxlint(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--coverage",
            "--lang",
            "en",
            "data.json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(&out)));
    let file = &v["files"][0];
    let reasons: Vec<(&str, &str)> = file["coverage"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|c| Some((c["kind"].as_str()?, c["reason"].as_str()?)))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        reasons.contains(&("formula", "division_by_zero"))
            && reasons.contains(&("formula", "overflow")),
        "{reasons:?}"
    );
    let formulas = &file["stats"]["candidates"]["formula"];
    assert_eq!(formulas["unbound"], 2, "{formulas}");
    assert_eq!(formulas["judged"], 1, "{formulas}");
    let infos = file["diagnostics"]
        .as_array()
        .map_or(0, |d| d.iter().filter(|d| d["severity"] == "info").count());
    assert_eq!(infos, 2, "{}", file["diagnostics"]);
}

/// Report data with more metrics than one validation chunk: an error in a late item is found
/// at its own line, and an error at the top level is reported once.
#[test]
fn large_report_data_is_validated_in_chunks_with_every_error_in_place() {
    let dir = Scratch::new("chunks");
    let mut text = String::from(
        "{\n  \"report\": { \"department\": \"某镇文化站\", \"year\": 2023, \"kind\": \"部门整体\" },\n  \"unit\": \"万元\",\n  \"colour\": 1,\n  \"metrics\": [\n",
    );
    for k in 0..3000 {
        let value = if k == 2500 {
            "\"多\"".to_string()
        } else {
            format!("{k}.5")
        };
        text.push_str(&format!(
            "    {{ \"name\": \"第{k}项\", \"value\": {value}, \"unit\": \"个\" }},\n"
        ));
    }
    text.push_str("    { \"name\": \"末项\", \"value\": 1, \"unit\": \"个\" }\n  ]\n}\n");
    dir.write("data.json", text.as_bytes());
    let out = jxlint(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--lang",
            "en",
            "--select",
            "J001",
            "data.json",
        ],
    );
    let lines = stdout(&out);
    let j001: Vec<&str> = lines.lines().filter(|l| l.contains("J001")).collect();
    assert_eq!(j001.len(), 2, "{lines}");
    assert!(
        j001.iter().any(|l| l.starts_with("data.json:4:")),
        "{lines}"
    );
    // Line 6 holds metrics[0]; metrics[2500] is on line 2506.
    assert!(
        j001.iter().any(|l| l.starts_with("data.json:2506:")),
        "{lines}"
    );
}
