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

/// Remove `（…）` parts: `项目资金（万元）` → `项目资金`.
pub(super) fn strip_parens(t: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in t.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

pub(super) fn header_role(cell: &str) -> Option<Role> {
    let t = strip_parens(&clean(cell));
    let role = match t.as_str() {
        "一级指标" => Role::Name(Some(1)),
        "二级指标" => Role::Name(Some(2)),
        "三级指标" => Role::Name(Some(3)),
        "四级指标" => Role::Name(Some(4)),
        "评价指标" | "指标" | "指标名称" | "考核指标" | "绩效指标" | "名称" | "指标内容"
        | "评价内容" => Role::Name(None),
        "分值" | "权重" | "参考分值" | "标准分值" | "指标分值" | "满分" | "标准分" | "权重分值"
        | "分值权重" | "指标权重" => Role::Weight,
        "得分" | "自评得分" | "评价得分" | "分数" | "评分" | "实际得分" | "考核得分" | "自评分"
        | "自评分数" | "评分结果" | "得分情况" => Role::Score,
        "年度指标值" | "指标值" | "目标值" | "年度目标值" | "预期指标值" | "计划指标值"
        | "年度目标" => Role::Target,
        "实际完成值"
        | "完成值"
        | "实际值"
        | "全年实际值"
        | "全年实际完成值"
        | "实际完成指标值"
        | "实际完成" => Role::Actual,
        "评分标准" | "参考评分标准" | "评分细则" | "评分办法" | "计分方法" | "评分规则"
        | "评分要点" => Role::Criteria,
        "指标说明" | "指标解释" | "指标内涵" | "说明" | "评价要点" => {
            Role::Description
        }
        "偏差原因分析及改进措施"
        | "偏差原因分析"
        | "偏差原因"
        | "备注"
        | "扣分原因"
        | "扣分说明"
        | "原因分析"
        | "未完成原因分析"
        | "偏差原因分析及改进措施说明" => Role::Note,
        "项目资金" | "资金情况" => Role::FundsLabel,
        "年初预算数" | "年初预算" => Role::BudgetInitial,
        "全年预算数" | "全年预算" | "调整后预算数" => Role::BudgetYear,
        "全年执行数" | "全年执行" | "实际执行数" => Role::Spent,
        "执行率" | "预算执行率" => Role::Rate,
        "年度总体目标" | "总体目标" | "预期目标" | "实际完成情况" | "序号" => {
            Role::Other
        }
        _ => return None,
    };
    Some(role)
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
