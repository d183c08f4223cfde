//! Property tests (proptest): whatever the text, the report data, the `.docx` bytes or the
//! formula, jxlint answers without panicking. Case counts are kept modest so that the suite
//! stays fast on a small machine; a failure prints the shrunk input to reproduce it.

use std::path::Path;

use jxlint::lint::{Options, lint_text, parse_source};
use jxlint::model::SourceFormat;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    }
}

/// Pieces the parser keys on, so that random text reaches deep into it.
const PIECES: &[&str] = &[
    "0",
    "7",
    "12",
    "99.70",
    "1,234.5",
    "100000000000000000000000000000",
    "．",
    "９",
    "%",
    "％",
    "万元",
    "亿元",
    "元",
    "个百分点",
    "分",
    "其中",
    "包括",
    "合计",
    "预算执行率",
    "得分",
    "权重",
    "一、",
    "（一）",
    "1.",
    "（1）",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "|",
    "---",
    "，",
    "。",
    "；",
    "：",
    "同比增长",
    "下降",
    "截至11月底",
    "1-12月",
    "2023年",
    "约",
    "以上",
    "优",
    "良",
    "\u{1b}",
    "\u{0}",
    "\u{FFFD}",
    "a",
    " ",
];

fn report_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..200).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text_gets_an_answer(text in report_text()) {
        for format in [SourceFormat::Text, SourceFormat::Markdown] {
            let _ = lint_text(&text, format, &Options::default());
        }
    }

    #[test]
    fn any_unicode_gets_an_answer(text in "\\PC{0,400}") {
        let _ = lint_text(&text, SourceFormat::Text, &Options::default());
    }

    #[test]
    fn any_bytes_decode_or_give_an_error(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        for name in ["r.txt", "r.docx", "r.json"] {
            if let Ok(src) = jxlint::source::from_bytes(Path::new(name), &bytes) {
                let _ = parse_source(&src.text, src.format, &Options::default());
            }
        }
    }

    #[test]
    fn any_json_shaped_data_gets_an_answer(json in json_value(3)) {
        let text = format!("{{\"report\": {json}}}");
        let _ = parse_source(&text, SourceFormat::Json, &Options::default());
        let _ = lint_text(&text, SourceFormat::Json, &Options::default());
    }

    #[test]
    fn any_docx_body_gets_an_answer(body in docx_body()) {
        let xml = format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        if let Ok(text) = jxlint::source::docx::text_of_document_xml(&xml) {
            let _ = lint_text(&text, SourceFormat::Docx, &Options::default());
        }
    }

    #[test]
    fn any_formula_parses_or_gives_an_error(src in formula()) {
        if let Ok(c) = jxlint::formula::parse(&src) {
            let one = |_: &str| Some(rust_decimal::Decimal::ONE);
            let _ = c.lhs.eval(&one);
            let _ = c.rhs.eval(&one);
            let _ = c.paths();
        }
    }
}

/// JSON values built from the keys report data uses, nested `depth` deep.
fn json_value(depth: u32) -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        "-?[0-9]{1,32}(\\.[0-9]{1,12})?",
        "\"[0-9a-z万元%.]{0,12}\"",
    ];
    leaf.prop_recursive(depth, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec(
                (
                    prop::sample::select(
                        &[
                            "title", "year", "budget", "spend", "total", "items", "value", "unit",
                            "scores", "weight", "score", "source", "metrics", "adjusted", "final",
                        ][..]
                    ),
                    inner
                ),
                0..6
            )
            .prop_map(|kv| {
                let members: Vec<String> = kv
                    .into_iter()
                    .map(|(k, v)| format!("\"{k}\":{v}"))
                    .collect();
                format!("{{{}}}", members.join(","))
            }),
        ]
    })
}

/// Word body XML from the elements the extractor handles, well-formed or not.
fn docx_body() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(
            &[
                "<w:p>",
                "</w:p>",
                "<w:r>",
                "</w:r>",
                "<w:t>",
                "</w:t>",
                "<w:tbl>",
                "</w:tbl>",
                "<w:tr>",
                "</w:tr>",
                "<w:tc>",
                "</w:tc>",
                "<w:tab/>",
                "<w:br/>",
                r#"<w:gridSpan w:val="99999999999"/>"#,
                r#"<w:gridSpan w:val="3"/>"#,
                "预算执行率95.20%",
                "468.00万元",
                "&amp;",
                "&#x1b;",
                "<![CDATA[9]]>",
            ][..],
        ),
        0..120,
    )
    .prop_map(|v| v.concat())
}

fn formula() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(
            &[
                "a",
                "b.c",
                "1",
                "0",
                "0.5",
                "79228162514264337593543950335",
                "+",
                "-",
                "*",
                "/",
                "(",
                ")",
                "round(",
                "abs(",
                "min(",
                "max(",
                ",",
                "==",
                "<=",
                " ",
            ][..],
        ),
        0..80,
    )
    .prop_map(|v| v.concat())
}
