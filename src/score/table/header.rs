//! Header rows of score tables: which column a header cell names, and how header rows merge.

use super::*;

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

pub(super) fn header_role(cell: &str) -> Option<Role> {
    // The one vocabulary of column names (`crate::parse::table::roles`).
    use crate::model::table::ColumnRole as C;
    Some(match crate::parse::table::roles::header_role(cell)? {
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
    })
}

/// The roles of a row's cells when it is a header: at least two named cells, every non-empty
/// cell a known column name.
pub(super) fn header_roles(cells: &[String]) -> Option<Vec<Option<Role>>> {
    let mut named = 0;
    let mut roles = Vec::with_capacity(cells.len());
    for c in cells {
        if c.is_empty() {
            roles.push(None);
            continue;
        }
        let r = header_role(c)?;
        named += 1;
        roles.push(Some(r));
    }
    (named >= 2).then_some(roles)
}

/// Whether the cells of a line name the columns of a score table (`一级指标 分值 得分`): the
/// parser uses it to read space-aligned text tables.
pub fn is_score_header(cells: &[&str]) -> bool {
    let cleaned: Vec<String> = cells.iter().map(|c| clean(c)).collect();
    header_roles(&cleaned).is_some_and(|roles| Layout::new(roles).kind != SectionKind::Other)
}
