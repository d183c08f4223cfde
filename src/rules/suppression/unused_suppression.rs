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

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
}
