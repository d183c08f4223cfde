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
