//! The input layer: decoding, `.docx` extraction, line/column lookup, and walking paths.

use std::fs;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use jxlint::source::{self, LineIndex, decode::decode, docx::extract_text};
use jxlint::walk::{self, Input};

const REPORT: &str = "一、部门基本情况\n预算执行率99.70%，支出决算8707.27万元。\n\
                      全年预算数8733.75万元，其中基本支出1,234.5万元；项目完成率100%。\n";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/source")
        .join(name)
}

fn decoded(bytes: &[u8]) -> (String, &'static str) {
    match decode(bytes) {
        Ok(d) => d,
        Err(e) => panic!("decode failed: {e:?}"),
    }
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut out = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        let b = if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        out.extend_from_slice(&b);
    }
    out
}

// ── decoding ────────────────────────────────────────────────────────────────────────────────

#[test]
fn every_encoding_decodes_to_the_same_text() {
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(REPORT.as_bytes());
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(REPORT);
    assert!(!unmappable);

    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("utf-8", REPORT.as_bytes().to_vec(), "utf-8"),
        ("utf-8 with BOM", bom, "utf-8"),
        ("utf-16le", utf16(REPORT, true), "utf-16le"),
        ("utf-16be", utf16(REPORT, false), "utf-16be"),
        ("gbk", gbk.into_owned(), "gb18030"),
    ];
    for (what, bytes, encoding) in cases {
        assert_eq!(decoded(&bytes), (REPORT.to_string(), encoding), "{what}");
    }
}

#[test]
fn a_short_gbk_sentence_decodes() {
    let text = "预算执行率99.70%，支出决算8707.27万元";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    assert_eq!(decoded(&gbk), (text.to_string(), "gb18030"));
}

#[test]
fn crlf_is_kept_and_only_the_bom_is_removed() {
    let text = "一、概况\r\n预算执行率99.70%\r\n";
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(text.as_bytes());
    assert_eq!(decoded(&bytes).0, text);
    assert_eq!(decoded(&utf16(text, true)).0, text);
}

#[test]
fn reference_report_in_gbk_and_utf16_decodes_exactly() {
    let original =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/yantian-2023.txt"))
            .unwrap_or_default();
    assert!(original.len() > 40_000, "reference text missing");
    for (name, encoding) in [
        ("yantian-2023.gbk.txt", "gb18030"),
        ("yantian-2023.utf16.txt", "utf-16le"),
    ] {
        let src = source::read(&fixture(name));
        let src = match src {
            Ok(s) => s,
            Err(e) => panic!("{name}: {e:?}"),
        };
        assert_eq!(src.encoding, encoding, "{name}");
        assert!(
            src.text == original,
            "{name}: decoded text differs from the original"
        );
    }
}

fn decode_error(bytes: &[u8]) -> String {
    match decode(bytes) {
        Ok((text, enc)) => panic!("expected a decode error, got {enc}: {text:?}"),
        Err(e) => {
            assert_eq!(e.kind, "decode");
            e.message
        }
    }
}

#[test]
fn invalid_utf8_is_an_error_with_its_offset() {
    let mut bytes = REPORT.as_bytes().to_vec();
    let at = bytes.len();
    bytes.extend_from_slice(b"\xFF\xFE\xFDabc");
    let msg = decode_error(&bytes);
    assert!(msg.contains("UTF-8"), "{msg}");
    assert!(msg.contains(&format!("byte offset {at}")), "{msg}");
}

#[test]
fn damaged_gbk_is_an_error_not_mojibake() {
    // `81 20` is a lead byte without its trail byte: chardetng then rules GBK out and would
    // settle on windows-1252, turning the whole report into mojibake.
    for damage in [&b"\x81 "[..], b"\xFF\xFF"] {
        let (gbk, _, _) = encoding_rs::GBK.encode(REPORT);
        let mut bytes = gbk.into_owned();
        let at = bytes.len();
        bytes.extend_from_slice(damage);
        bytes.extend_from_slice(&bytes.clone()[..at]);
        let msg = decode_error(&bytes);
        assert!(msg.contains("GB18030"), "{msg}");
        assert!(msg.contains(&format!("byte offset {at}")), "{msg}");
    }
}

#[test]
fn latin_text_in_a_legacy_encoding_still_decodes() {
    let text = "Le café résumé naïve, déjà vu à la carte, très élégant.";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    assert_eq!(decoded(&bytes), (text.to_string(), "windows-1252"));
}

#[test]
fn invalid_utf16_is_an_error() {
    // An unpaired high surrogate.
    let msg = decode_error(b"\xFF\xFE\x84\x98\x00\xD8\x41\x00");
    assert!(
        msg.contains("UTF-16LE") && msg.contains("byte offset 4"),
        "{msg}"
    );
    let msg = decode_error(b"\xFE\xFF\x98");
    assert!(msg.contains("UTF-16BE"), "{msg}");
}

#[test]
fn binary_files_are_refused() {
    let msg = decode_error(b"PK\x03\x04\x00\x00binary");
    assert_eq!(msg, "binary file (contains NUL bytes)");
}

#[test]
fn no_input_makes_decode_panic() {
    // Every byte value, alone and in pairs and after each BOM.
    for a in 0..=255u8 {
        let _ = decode(&[a]);
        for b in 0..=255u8 {
            let _ = decode(&[a, b]);
            let _ = decode(&[0xFF, 0xFE, a, b, a]);
            let _ = decode(&[0xEF, 0xBB, 0xBF, a, b]);
        }
    }
    let (gbk, _, _) = encoding_rs::GBK.encode(REPORT);
    for cut in 0..gbk.len() {
        let _ = decode(&gbk[..cut]);
        let _ = decode(&REPORT.as_bytes()[..cut.min(REPORT.len())]);
    }
}

// ── line index ──────────────────────────────────────────────────────────────────────────────

#[test]
fn line_col_counts_characters_in_cjk_text() {
    let ix = LineIndex::new(REPORT);
    let at = |needle: &str| REPORT.find(needle).unwrap_or(usize::MAX);
    assert_eq!(ix.line_col(REPORT, 0), (1, 1));
    assert_eq!(ix.line_col(REPORT, at("99.70%")), (2, 6));
    assert_eq!(ix.line_col(REPORT, at("8707.27")), (2, 17));
    assert_eq!(ix.line_col(REPORT, at("全年")), (3, 1));
    // Inside a three-byte character: the character's own column.
    assert_eq!(ix.line_col(REPORT, at("支出") + 1), (2, 13));
    // Past the end: clamped.
    assert_eq!(ix.line_col(REPORT, REPORT.len() + 100), (4, 1));
}

#[test]
fn line_col_with_crlf() {
    let text = "标题\r\n预算执行率99.70%\r\n";
    let ix = LineIndex::new(text);
    let at = text.find("99").unwrap_or(usize::MAX);
    assert_eq!(ix.line_col(text, at), (2, 6));
    assert_eq!(ix.line_col(text, text.len()), (3, 1));
}

// ── docx ────────────────────────────────────────────────────────────────────────────────────

fn docx(document_xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types/>"#),
        ("word/document.xml", document_xml),
    ];
    for (name, content) in parts {
        if let Err(e) = zip.start_file(name, options) {
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

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn cell(paragraphs: &[&str]) -> String {
    let ps: String = paragraphs.iter().map(|p| para(p)).collect();
    format!("<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>{ps}</w:tc>")
}

#[test]
fn docx_paragraphs_and_table_rows() {
    let body = [
        para("一、部门基本情况"),
        "<w:p/>".to_string(),
        "<w:p><w:r><w:t>预算执行率</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>99.70%</w:t></w:r>\
         <w:r><w:t>，支出决算8707.27万元。</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>"
            .to_string(),
        format!(
            "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>\
             <w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            cell(&["指标"]),
            cell(&["分值"]),
            cell(&["得分"]),
            cell(&["预算执行率", "（%）"]),
            cell(&["10"]),
            cell(&["9.5"]),
        ),
        para("二、结论"),
    ]
    .concat();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let bytes = docx(&xml);

    let text = match extract_text(&bytes) {
        Ok(t) => t,
        Err(e) => panic!("{e:?}"),
    };
    assert_eq!(
        text,
        "一、部门基本情况\n\n\
         预算执行率99.70%，支出决算8707.27万元。\n第二行\n\n\
         指标\t分值\t得分\n\
         预算执行率 （%）\t10\t9.5\n\n\
         二、结论\n"
    );

    // Through `source::read`, as a file on disk.
    let dir = scratch("docx");
    let path = dir.join("report.docx");
    write(&path, &bytes);
    match source::read(&path) {
        Ok(src) => {
            assert_eq!(src.text, text);
            assert_eq!(src.encoding, "docx");
            assert_eq!(src.format, jxlint::model::SourceFormat::Docx);
        }
        Err(e) => panic!("{e:?}"),
    }
}

#[test]
fn docx_errors_are_clear() {
    let not_zip = extract_text("预算".as_bytes()).err();
    assert_eq!(not_zip.as_ref().map(|e| e.kind), Some("docx"));
    assert!(
        not_zip
            .map(|e| e.message)
            .unwrap_or_default()
            .contains("not a zip archive")
    );

    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let _ = zip.start_file("hello.txt", zip::write::SimpleFileOptions::default());
    let _ = zip.write_all(b"hi");
    let bytes = zip.finish().map(Cursor::into_inner).unwrap_or_default();
    let msg = extract_text(&bytes)
        .err()
        .map(|e| e.message)
        .unwrap_or_default();
    assert!(msg.contains("no word/document.xml"), "{msg}");

    let bad = docx(&format!(
        r#"<w:document xmlns:w="{W}"><w:body><w:p></w:body>"#
    ));
    let e = extract_text(&bad).err();
    assert_eq!(e.as_ref().map(|e| e.kind), Some("docx"));
    assert!(
        e.map(|e| e.message)
            .unwrap_or_default()
            .contains("malformed XML")
    );
}

// ── reading and walking ─────────────────────────────────────────────────────────────────────

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("source-tests")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    if let Err(e) = fs::create_dir_all(&dir) {
        panic!("{}: {e}", dir.display());
    }
    dir
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        let _ = fs::create_dir_all(parent);
    }
    if let Err(e) = fs::write(path, bytes) {
        panic!("{}: {e}", path.display());
    }
}

#[test]
fn read_reports_io_errors_with_their_cause() {
    let dir = scratch("read");
    let e = source::read(&dir.join("missing.txt")).err();
    assert_eq!(e.as_ref().map(|e| e.kind), Some("io"));
    assert_eq!(
        e.map(|e| e.message).as_deref(),
        Some("no such file or directory")
    );
    let e = source::read(&dir).err();
    assert_eq!(e.as_ref().map(|e| e.kind), Some("io"));
}

fn shown(inputs: &[Input], root: &Path) -> Vec<String> {
    inputs
        .iter()
        .map(|i| {
            let rel = i.path().strip_prefix(root).unwrap_or(i.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            match i {
                Input::File { .. } => rel,
                Input::Error { error, .. } => format!("{rel}: {} {}", error.kind, error.message),
            }
        })
        .collect()
}

#[test]
fn walk_skips_hidden_and_target_sorts_and_reports_missing_paths() {
    let root = scratch("walk");
    for f in [
        "b.txt",
        "a.md",
        "c.docx",
        "d.json",
        "e.markdown",
        "notes.rs",
        "README",
        ".hidden.txt",
        ".git/config.txt",
        "target/debug/out.txt",
        "sub/z.txt",
        "sub/.cache/x.txt",
        "sub/A.TXT",
        "sub/target/y.txt",
        "other/m.txt",
    ] {
        write(&root.join(f), b"x");
    }
    let args = [
        root.join("sub/z.txt"),
        root.clone(),
        root.join("missing"),
        root.join("notes.rs"),
        root.join(".hidden.txt"),
        root.join("target"),
        root.join("./other/m.txt"),
    ];
    let inputs = walk::collect(&args);
    assert_eq!(
        shown(&inputs, &root),
        [
            // First argument: named explicitly.
            "sub/z.txt",
            // The folder, sorted; hidden entries, `target/` and unknown extensions skipped;
            // sub/z.txt already listed.
            "a.md",
            "b.txt",
            "c.docx",
            "d.json",
            "e.markdown",
            "other/m.txt",
            "sub/A.TXT",
            // A path that does not exist.
            "missing: io no such file or directory",
            // Named explicitly: used whatever the extension, even hidden.
            "notes.rs",
            ".hidden.txt",
            // A `target` folder named explicitly is walked.
            "target/debug/out.txt",
            // `./other/m.txt` is other/m.txt: not listed twice.
        ]
    );
    assert!(inputs.iter().all(|i| !i.display().contains('\\')));
}

#[cfg(unix)]
#[test]
fn walk_does_not_follow_symlinks_and_reports_unreadable_folders() {
    use std::os::unix::fs::{PermissionsExt, symlink};

    let root = scratch("links");
    write(&root.join("real/a.txt"), b"x");
    write(&root.join("outside/secret.txt"), b"x");
    let _ = symlink(root.join("outside"), root.join("real/linked-dir"));
    let _ = symlink(
        root.join("outside/secret.txt"),
        root.join("real/linked.txt"),
    );
    let _ = symlink(root.join("nowhere.txt"), root.join("broken.txt"));
    let inputs = walk::collect(&[root.join("real"), root.join("broken.txt")]);
    assert_eq!(
        shown(&inputs, &root),
        [
            "real/a.txt",
            "broken.txt: io broken symbolic link (its target does not exist)"
        ]
    );

    // A folder that cannot be read: an error for it, the rest still walked.
    let locked = root.join("real/locked");
    write(&locked.join("b.txt"), b"x");
    let _ = fs::set_permissions(&locked, fs::Permissions::from_mode(0o000));
    let can_read_anyway = fs::read_dir(&locked).is_ok(); // running as root
    let inputs = walk::collect(&[root.join("real")]);
    let _ = fs::set_permissions(&locked, fs::Permissions::from_mode(0o755));
    if !can_read_anyway {
        assert_eq!(
            shown(&inputs, &root),
            ["real/a.txt", "real/locked: io permission denied"]
        );
    }
}

#[test]
fn a_folder_walk_takes_report_data_but_not_other_json() {
    let dir = scratch("json-walk");
    fs::write(
        dir.join("report.json"),
        r#"{"report": {"department": "x", "year": 2023, "kind": "部门整体"}}"#,
    )
    .unwrap();
    fs::write(dir.join("schema.json"), r#"{"$schema": "https://json-schema.org/draft/2020-12/schema", "properties": {"report": {}}}"#).unwrap();
    fs::write(
        dir.join("rubric.json"),
        r#"{"name": "default", "indicators": []}"#,
    )
    .unwrap();
    fs::write(dir.join("broken.json"), r#"{"report": {"#).unwrap();
    let found: Vec<String> = walk::collect(std::slice::from_ref(&dir))
        .into_iter()
        .filter_map(|i| match i {
            Input::File { path, .. } => path.file_name().map(|n| n.to_string_lossy().into_owned()),
            Input::Error { .. } => None,
        })
        .collect();
    assert_eq!(found, ["broken.json", "report.json"]);
    // Named on the command line (as a pre-commit hook names every changed file), the same:
    // report data is checked, other JSON is not.
    let named = walk::collect(&[dir.join("rubric.json")]);
    assert!(named.is_empty(), "{named:?}");
    let named = walk::collect(&[dir.join("report.json")]);
    assert!(matches!(named.as_slice(), [Input::File { .. }]));
}

/// A Word 自评表 whose claimed grade 优 falls to 中 once its own rows are re-scored: the
/// recomputed grade band differs from the claimed grade, and S004 says so.
#[test]
fn docx_self_assessment_whose_rescored_grade_differs() {
    let rows: &[&[&str]] = &[
        &[
            "项目资金（万元）",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
        ],
        &["年度资金总额", "200", "200", "150", "10", "75.00%", "10"],
        &[
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
        ],
        &[
            "产出指标",
            "数量指标",
            "新建公厕数量",
            "≥20座",
            "12座",
            "50",
            "50",
        ],
        &[
            "效益指标",
            "社会效益指标",
            "受益人口",
            "≥5000人",
            "5200人",
            "30",
            "30",
        ],
        &[
            "满意度指标",
            "服务对象满意度指标",
            "群众满意度",
            "≥90%",
            "93%",
            "10",
            "10",
        ],
        &["总分", "100", "100"],
        &["自评等级", "优"],
    ];
    let table: String = rows
        .iter()
        .map(|r| {
            let cells: String = r.iter().map(|c| cell(&[c])).collect();
            format!("<w:tr>{cells}</w:tr>")
        })
        .collect();
    let body = format!(
        "{}<w:tbl><w:tblPr/><w:tblGrid/>{table}</w:tbl>",
        para("2023年度公厕建设项目支出绩效自评表")
    );
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let dir = scratch("docx-grade");
    let path = dir.join("self-assessment.docx");
    write(&path, &docx(&xml));
    let report = jxlint::lint::lint_file(&path, String::new(), &jxlint::lint::Options::default());
    assert!(report.error.is_none(), "{:?}", report.error);
    let s004: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "S004")
        .collect();
    assert_eq!(s004.len(), 1, "{:?}", report.diagnostics);
    assert_eq!(s004[0].found.as_deref(), Some("优"));
    assert_eq!(s004[0].expected.as_deref(), Some("中"));
    assert_eq!(&report.text[s004[0].span.start..s004[0].span.end], "优");
}
