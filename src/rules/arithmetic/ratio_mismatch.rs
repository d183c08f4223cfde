//! Rule A001 ratio-mismatch.
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// TODO
    pub RatioMismatch, "A001", "ratio-mismatch", Error
}

impl Rule for RatioMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
}
