//! Header rows of score tables: the columns the table model's header rows name
//! (`crate::parse::table::roles`), as the roles the scorer reads rows by.

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// An indicator name column, with its level when the header says it (一级指标 → 1).
    Name(Option<u8>),
    Weight,
    Score,
    Target,
    Actual,
    Criteria,
    Description,
    Note,
    FundsLabel,
    BudgetInitial,
    BudgetYear,
    Spent,
    Rate,
    /// A known column of a non-scoring section (年度总体目标, 预期目标, 序号).
    Other,
}

impl Role {
    /// Which role wins when header rows are merged: a levelled name over a bare one, any
    /// specific column over a spanning title.
    pub(super) fn rank(self) -> u8 {
        match self {
            Role::Name(Some(_)) => 3,
            Role::Name(None) => 1,
            Role::Other => 0,
            _ => 2,
        }
    }
}

pub(super) use crate::parse::table::roles::strip_parens;

/// The scorer's role of a column the table model names.
pub(super) fn role_of(role: crate::model::table::ColumnRole) -> Role {
    use crate::model::table::ColumnRole as C;
    match role {
        C::Label(level) => Role::Name(level),
        C::FundsLabel => Role::FundsLabel,
        C::InitialBudget => Role::BudgetInitial,
        C::Budget => Role::BudgetYear,
        C::Spent => Role::Spent,
        C::Weight => Role::Weight,
        C::Rate => Role::Rate,
        C::Score => Role::Score,
        C::Target => Role::Target,
        C::Actual => Role::Actual,
        C::Criteria => Role::Criteria,
        C::Description => Role::Description,
        C::Note => Role::Note,
        C::Other => Role::Other,
    }
}

/// The scorer's roles of a header row the table model read
/// ([`crate::model::table::GridLine::header`]).
pub(super) fn roles_of(roles: &[Option<crate::model::table::ColumnRole>]) -> Vec<Option<Role>> {
    roles.iter().map(|r| r.map(role_of)).collect()
}
