//! No input makes jxlint panic: prefixes of real reports (cut anywhere, as a truncated file
//! would be), and generated text made of the pieces the parser keys on (digits, units,
//! markers, 其中, tabs, full-width forms) in random order.

use jxlint::lint::{Options, lint_text};
use jxlint::model::SourceFormat;

/// A small deterministic generator (no dependency, reproducible failures).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
}

const PIECES: &[&str] = &[
    "0",
    "1",
    "2",
    "9",
    "12",
    "99.70",
    "8733.75",
    "1,234.56",
    "54 440.73",
    "０",
    "９８．５",
    ".",
    ",",
    " ",
    "\n",
    "\n\n",
    "\t",
    "|",
    "%",
    "％",
    "万元",
    "元",
    "亿元",
    "万",
    "亿美元",
    "个百分点",
    "处",
    "人次",
    "个",
    "分",
    "成",
    "倍",
    "，",
    "。",
    "；",
    "：",
    "、",
    "（",
    "）",
    "(",
    ")",
    "其中",
    "包括",
    "含",
    "约",
    "超过",
    "以上",
    "以下",
    "余",
    "多",
    "截至",
    "截止",
    "月底",
    "1-12月",
    "1-11月",
    "年",
    "月",
    "日",
    "号",
    "第",
    "〔",
    "〕",
    "预算",
    "预算数",
    "调整预算",
    "支出",
    "决算",
    "实际支出",
    "执行率",
    "控制率",
    "整改率",
    "完成整改",
    "共",
    "占比",
    "同比增长",
    "同比下降",
    "上年",
    "本年",
    "增加",
    "减少",
    "可比",
    "一、",
    "（一）",
    "1、",
    "1.",
    "（1）",
    "①",
    "二、",
    "3、",
    "5.",
    "and",
    "MCC",
    "锟斤拷",
    "\u{FFFD}",
    "#",
    "规上商品销售额",
    "满意度",
    "得分",
    "综合评分",
    "优",
    "-",
    "—",
    "~",
    "年度",
    "报告",
];

#[test]
fn generated_text_never_panics() {
    let mut rng = Lcg(0x6a78_6c69_6e74);
    for _ in 0..3000 {
        let n = 1 + (rng.next() as usize) % 80;
        let text: String = (0..n).map(|_| rng.pick(PIECES)).collect();
        for format in [SourceFormat::Text, SourceFormat::Markdown] {
            let (_, diags) = lint_text(&text, format, &Options::default());
            for d in diags {
                assert!(
                    text.get(d.span.start..d.span.end).is_some(),
                    "bad span in {text:?}"
                );
            }
        }
    }
}

#[test]
fn truncated_reports_never_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(211).collect();
        for cut in cuts {
            let _ = lint_text(&text[..cut], SourceFormat::Text, &Options::default());
        }
    }
}
