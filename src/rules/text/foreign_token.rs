//! T002 foreign-token.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// Latin words or garbled characters inside Chinese prose.
    ///
    /// ### What it checks
    /// A lowercase Latin word of two or more letters standing between Chinese characters
    /// (`相关统计数据 and 材料`), pinyin with tone marks in brackets inside a word
    /// (`預(yù)算`), the replacement character `�`, and the mojibake `锟斤拷`. Uppercase
    /// acronyms (MCC, PPP, SMART), product codes (H986) and single letters (`i盐田`) are not
    /// reported. Table cells are not checked.
    ///
    /// ### Why
    /// These are editing or extraction artefacts: a machine translation left behind, a
    /// conversion that went wrong. They are cheap to fix and embarrassing in a published report.
    ///
    /// ### Example
    /// ```text
    /// 按时报送盐田综合保税区相关统计数据 and 材料。
    /// ```
    ///
    /// ### How to fix
    /// Replace the word with its Chinese (`和`), or re-extract the text from the source.
    ///
    /// No automatic fix: the right Chinese wording is the author's to choose.
    pub ForeignToken, "T002", "foreign-token", Info
}

impl ForeignToken {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"中文正文中夹有外文词或乱码。

### 检查内容
夹在汉字之间、两个字母以上的小写拉丁词（`相关统计数据 and 材料`），词中括号里带声调的拼音
（`預(yù)算`），替换字符 `�`，以及乱码 `锟斤拷`。大写缩写（MCC、PPP、SMART）、产品型号（H986）和单个字母
（`i盐田`）不报告。表格单元格不检查。

### 为什么
这些是编辑或抽取留下的痕迹：残留的机器翻译、出错的格式转换。改起来容易，出现在公开的报告里却很难看。

### 示例
```text
按时报送盐田综合保税区相关统计数据 and 材料。
```

### 如何修改
换成中文（`和`），或从原始文件重新抽取文本。

不自动修正：恰当的中文措辞由作者选择。"#;
}

impl Rule for ForeignToken {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for t in &cx.doc.foreign_tokens {
            let garbled = t.text.contains('\u{FFFD}') || t.text.contains("锟斤拷");
            let (zh, en) = if garbled {
                (
                    format!("正文中有乱码「{}」", t.text),
                    format!("garbled characters “{}” in the text", t.text),
                )
            } else {
                (
                    format!("中文正文中夹有外文词「{}」", t.text),
                    format!("Latin word “{}” inside Chinese prose", t.text),
                )
            };
            out.push(
                Diagnostic::new(&Self::META, t.span, Message::new(zh, en))
                    .help(Message::new(
                        "改为中文表述或删除",
                        "replace it with Chinese or remove it",
                    ))
                    .expected_found("", t.text.clone()),
            );
        }
    }
}
