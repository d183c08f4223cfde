//! X001 unused-suppression.

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// A suppression comment silences nothing, names no rule, or is not a jxlint directive.
    ///
    /// ### What it checks
    /// Every suppression comment of a plain-text or Markdown report
    /// (`<!-- jxlint-disable-next-line A001 -->` in Markdown, `# jxlint-disable-next-line A001`
    /// or `// jxlint-…` on a line of its own in plain text; `jxlint-disable` … `jxlint-enable`
    /// blocks): each code it names must silence at least one finding of a rule that ran, a
    /// comment without codes must silence something, every code must be the prefix of a rule
    /// code, a `jxlint-enable` must close an open block, and a directive must stand on a line
    /// of its own (inside a line of text it has no effect). A code whose rules did not run for
    /// the file (`--select`, `ignore`) is not judged.
    ///
    /// It judges the other rules' findings after they ran, so it reports only when the other
    /// rules run with it.
    ///
    /// ### Why
    /// A suppression outlives the finding it was written for: once the figure is corrected,
    /// the comment would silently hide the next real error on that line.
    ///
    /// ### Example
    /// ```text
    /// # jxlint-disable-next-line A001
    /// 共登记隐患902处，完成整改899处，综合整改率为99.67%。
    /// ```
    /// The rate is right, so A001 has nothing to silence.
    ///
    /// ### How to fix
    /// Remove the comment, or the codes it no longer needs. Safe fix: when every code of a
    /// comment (or a comment without codes) silences nothing, `--fix` removes its line;
    /// otherwise it removes the codes that silence nothing.
    pub UnusedSuppression, "X001", "unused-suppression", Warning
}

impl UnusedSuppression {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"抑制注释没有抑制任何问题、没有指明规则，或不是 jxlint 指令。

### 检查内容
纯文本或 Markdown 报告中的每条抑制注释（Markdown 中的 `<!-- jxlint-disable-next-line A001 -->`，纯文本中
单独成行的 `# jxlint-disable-next-line A001` 或 `// jxlint-…`；`jxlint-disable` … `jxlint-enable` 块）：
它指明的每个代码都必须至少抑制一条已运行规则的问题，不带代码的注释必须抑制了某条问题，每个代码都必须是
某个规则代码的前缀，`jxlint-enable` 必须关闭一个已打开的块。对该文件未运行的规则（`--select`、`ignore`）
的代码不作判断。

本规则在其他规则运行之后评判它们的问题，因此它对文档本身没有检查：由抑制处理（`src/suppress.rs`）报告。

### 为什么
抑制注释会比它所针对的问题存在得更久：数字改正之后，这条注释会悄悄掩盖该行的下一个真正错误。

### 示例
```text
# jxlint-disable-next-line A001
共登记隐患902处，完成整改899处，综合整改率为99.67%。
```
比率是正确的，A001 没有可抑制的问题。

### 如何修改
删除该注释，或删去不再需要的代码。安全修正：注释中的每个代码（或不带代码的注释）都没有抑制任何问题时，
`--fix` 删除该注释所在的行。"#;
}

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
}
