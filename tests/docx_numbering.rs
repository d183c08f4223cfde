//! Word's automatic numbering rendered into the extracted text, and the places (paragraph,
//! table cell) that `.docx` findings point at. The `.docx` files are built here from XML
//! strings.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jxlint::lint::{Options, lint_text};
use jxlint::model::SourceFormat;
use jxlint::source::docx;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn zip(parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        if let Err(e) = zip.start_file(*name, options) {
            panic!("zip: {e}");
        }
        if let Err(e) = zip.write_all(content.as_bytes()) {
            panic!("zip: {e}");
        }
    }
    match zip.finish() {
        Ok(cursor) => cursor.into_inner(),
        Err(e) => panic!("zip: {e}"),
    }
}

/// A `.docx` with `body` as its document body and, when given, numbering and style parts.
fn docx_file(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
    let mut parts = vec![
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types/>"#.to_string(),
        ),
        (
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
            ),
        ),
    ];
    if let Some(n) = numbering {
        parts.push((
            "word/numbering.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W}">{n}</w:numbering>"#),
        ));
    }
    if let Some(s) = styles {
        parts.push((
            "word/styles.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W}">{s}</w:styles>"#
            ),
        ));
    }
    zip(&parts)
}

fn para(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// A paragraph numbered by instance `num` at level `ilvl`.
fn numbered(text: &str, num: u32, ilvl: u32) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

fn level(ilvl: u32, start: u32, fmt: &str, text: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>"#
    )
}

/// The outline of Chinese reports: 一、 / （一） / 1. / （1）.
fn outline() -> String {
    format!(
        r#"<w:abstractNum w:abstractNumId="0">{}{}{}{}</w:abstractNum>"#,
        level(0, 1, "chineseCounting", "%1、"),
        level(1, 1, "chineseCountingThousand", "（%2）"),
        level(2, 1, "decimal", "%3."),
        level(3, 1, "decimalEnclosedParen", "%4"),
    )
}

fn extract(bytes: &[u8]) -> String {
    match docx::extract_text(bytes) {
        Ok(t) => t,
        Err(e) => panic!("cannot extract: {e:?}"),
    }
}

fn codes(text: &str) -> Vec<&'static str> {
    let (_, diags) = lint_text(text, SourceFormat::Docx, &Options::default());
    diags.iter().map(|d| d.code).collect()
}

#[test]
fn automatic_headings_keep_their_markers() {
    let numbering = format!(
        r#"{}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
        outline()
    );
    let body = [
        numbered("部门基本情况", 1, 0),
        numbered("职能职责", 1, 1),
        numbered("负责园区运营", 1, 2),
        numbered("负责招商服务", 1, 2),
        numbered("细项", 1, 3),
        numbered("人员情况", 1, 1),
        numbered("绩效分析", 1, 0),
        numbered("产出情况", 1, 1),
        numbered("存在问题", 1, 0),
    ]
    .concat();
    let text = extract(&docx_file(&body, Some(&numbering), None));
    assert_eq!(
        text,
        "一、部门基本情况\n\n（一）职能职责\n\n1. 负责园区运营\n\n2. 负责招商服务\n\n(1) 细项\n\n\
         （二）人员情况\n\n二、绩效分析\n\n（一）产出情况\n\n三、存在问题\n"
    );
    assert!(!codes(&text).contains(&"T001"), "{text}");
}

#[test]
fn manual_and_automatic_markers_in_one_sequence_give_no_t001() {
    // 一、 typed by hand, 二、 drawn by Word (a list restarted at 2), 三、 typed by hand.
    let numbering = format!(
        r#"{}<w:num w:numId="7"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="2"/></w:lvlOverride></w:num>"#,
        outline()
    );
    let body = [
        para("一、部门基本情况"),
        numbered("绩效目标完成情况", 7, 0),
        para("三、存在问题"),
    ]
    .concat();
    let bytes = docx_file(&body, Some(&numbering), None);
    let text = extract(&bytes);
    assert_eq!(
        text,
        "一、部门基本情况\n\n二、绩效目标完成情况\n\n三、存在问题\n"
    );
    assert!(!codes(&text).contains(&"T001"), "{text}");
    // Without the numbering part the automatic marker is lost and the sequence skips: the
    // check above is the one that would fail.
    let bare = extract(&docx_file(&body, None, None));
    assert!(codes(&bare).contains(&"T001"), "{bare}");
}

#[test]
fn restarts_start_values_and_styles() {
    let numbering = format!(
        concat!(
            "{}",
            r#"<w:abstractNum w:abstractNumId="3">{}</w:abstractNum>"#,
            r#"<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            r#"<w:num w:numId="2"><w:abstractNumId w:val="3"/></w:num>"#,
            r#"<w:num w:numId="3"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#,
            r#"<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>"#,
        ),
        outline(),
        level(0, 5, "decimal", "%1、"),
    );
    // Heading 1 is numbered through its style; Heading 2 is based on it at level 1.
    let styles = r#"<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="2"><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>"#;
    let styled = |text: &str, style: &str| {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let body = [
        styled("总体情况", "1"),
        styled("概况", "2"),
        numbered("第五项", 2, 0),
        numbered("第六项", 2, 0),
        numbered("重新开始", 3, 0),
        numbered("继续", 3, 0),
        numbered("同一定义的另一实例接着数", 4, 0),
        styled("绩效分析", "1"),
        r#"<w:p><w:pPr><w:pStyle w:val="1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>不编号的标题</w:t></w:r></w:p>"#.to_string(),
    ]
    .concat();
    let text = extract(&docx_file(&body, Some(&numbering), Some(styles)));
    assert_eq!(
        text,
        "一、总体情况\n\n（一）概况\n\n5、第五项\n\n6、第六项\n\n1、重新开始\n\n2、继续\n\n7、同一定义的另一实例接着数\n\n\
         二、绩效分析\n\n不编号的标题\n"
    );
}

// ── places ──────────────────────────────────────────────────────────────────────────────────

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("jxlint-docx-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            panic!("cannot create {}: {e}", dir.display());
        }
        Scratch(dir)
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
        .env_remove("COLUMNS")
        .output()
    {
        Ok(out) => out,
        Err(e) => panic!("cannot run jxlint: {e}"),
    }
}

const TRUNCATED: &str = "共登记整改隐患902处，完成整改899处，整改率99.66%。";

/// Paragraph 4 (an empty paragraph counts) holds one A002; the cell of row 2 of table 1 (a
/// one-column table, a text box as Word users draw them) another.
fn placed_docx() -> Vec<u8> {
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", para(t));
    let body = [
        para("一、整改情况"),
        "<w:p/>".to_string(),
        para("说明如下。"),
        para(TRUNCATED),
        format!(
            "<w:tbl><w:tr>{}</w:tr><w:tr>{}</w:tr></w:tbl>",
            cell("情况说明"),
            cell(TRUNCATED)
        ),
    ]
    .concat();
    docx_file(&body, None, None)
}

#[test]
fn docx_findings_name_the_paragraph_and_the_cell() {
    let dir = Scratch::new("places");
    if let Err(e) = std::fs::write(dir.path().join("报告.docx"), placed_docx()) {
        panic!("cannot write: {e}");
    }
    let json = jxlint(dir.path(), &["check", "报告.docx", "--format", "json"]);
    let v: serde_json::Value = match serde_json::from_slice(&json.stdout) {
        Ok(v) => v,
        Err(e) => panic!("not JSON: {e}: {}", String::from_utf8_lossy(&json.stdout)),
    };
    let places: Vec<String> = v["files"][0]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|d| format!("{} {}", d["code"], d["docx"]))
        .collect();
    assert_eq!(
        places,
        [
            r#""A002" {"paragraph":4}"#,
            r#""A002" {"table":1,"row":2,"cell":1}"#
        ],
        "{}",
        String::from_utf8_lossy(&json.stdout)
    );

    let concise = jxlint(dir.path(), &["check", "报告.docx", "--format", "concise"]);
    let text = String::from_utf8_lossy(&concise.stdout);
    assert!(text.contains("[第 4 段]"), "{text}");
    assert!(text.contains("[表 1 第 2 行第 1 格]"), "{text}");

    let human = jxlint(dir.path(), &["check", "报告.docx", "--lang", "en"]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("in the Word document: paragraph 4"), "{text}");
    assert!(
        text.contains("in the Word document: table 1, row 2, cell 1"),
        "{text}"
    );
}
