//! Rule A002 ratio-rounding.
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// TODO
    pub RatioRounding, "A002", "ratio-rounding", Warning
}

impl Rule for RatioRounding {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
}
