//! Rule T002 foreign-token.
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// TODO
    pub ForeignToken, "T002", "foreign-token", Info
}

impl Rule for ForeignToken {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
}
