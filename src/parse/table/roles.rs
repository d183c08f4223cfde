//! The vocabulary of tables, as data: the header words that name a column's role and the
//! row labels that say what a row is. Shared by the table readers, the space-aligned table
//! detection of the structure parser, and the scorecard reader.

use crate::model::table::{ColumnRole, RowKind};
use crate::parse::norm::fold;

use ColumnRole::*;

/// Header cell text (whitespace and `（…）` removed) → column role.
pub const HEADERS: &[(&str, ColumnRole)] = &[
    ("一级指标", Label(Some(1))),
    ("二级指标", Label(Some(2))),
    ("三级指标", Label(Some(3))),
    ("四级指标", Label(Some(4))),
    ("评价指标", Label(None)),
    ("指标", Label(None)),
    ("指标名称", Label(None)),
    ("考核指标", Label(None)),
    ("绩效指标", Label(None)),
    ("名称", Label(None)),
    ("指标内容", Label(None)),
    ("评价内容", Label(None)),
    ("项目资金", FundsLabel),
    ("资金情况", FundsLabel),
    ("资金来源", Label(None)),
    ("分值", Weight),
    ("权重", Weight),
    ("参考分值", Weight),
    ("标准分值", Weight),
    ("指标分值", Weight),
    ("满分", Weight),
    ("标准分", Weight),
    ("权重分值", Weight),
    ("分值权重", Weight),
    ("指标权重", Weight),
    ("得分", Score),
    ("自评得分", Score),
    ("评价得分", Score),
    ("分数", Score),
    ("评分", Score),
    ("实际得分", Score),
    ("考核得分", Score),
    ("自评分", Score),
    ("自评分数", Score),
    ("评分结果", Score),
    ("得分情况", Score),
    ("年度指标值", Target),
    ("指标值", Target),
    ("目标值", Target),
    ("年度目标值", Target),
    ("预期指标值", Target),
    ("计划指标值", Target),
    ("年度目标", Target),
    ("实际完成值", Actual),
    ("完成值", Actual),
    ("实际值", Actual),
    ("全年实际值", Actual),
    ("全年实际完成值", Actual),
    ("实际完成指标值", Actual),
    ("实际完成", Actual),
    ("评分标准", Criteria),
    ("参考评分标准", Criteria),
    ("评分细则", Criteria),
    ("评分办法", Criteria),
    ("计分方法", Criteria),
    ("评分规则", Criteria),
    ("评分要点", Criteria),
    ("指标说明", Description),
    ("指标解释", Description),
    ("指标内涵", Description),
    ("说明", Description),
    ("评价要点", Description),
    ("偏差原因分析及改进措施", Note),
    ("偏差原因分析", Note),
    ("偏差原因", Note),
    ("备注", Note),
    ("扣分原因", Note),
    ("扣分说明", Note),
    ("原因分析", Note),
    ("未完成原因分析", Note),
    ("未完成原因", Note),
    ("原因", Note),
    ("未完成原因及改进措施", Note),
    ("未完成原因及拟采取的改进措施", Note),
    ("偏差原因分析及改进措施说明", Note),
    ("年初预算数", InitialBudget),
    ("年初预算", InitialBudget),
    ("全年预算数", Budget),
    ("全年预算", Budget),
    ("调整后预算数", Budget),
    ("预算数", Budget),
    ("全年执行数", Spent),
    ("全年执行", Spent),
    ("实际执行数", Spent),
    ("执行数", Spent),
    ("预算执行数", Spent),
    ("执行率", Rate),
    ("预算执行率", Rate),
    ("年度总体目标", Other),
    ("总体目标", Other),
    ("预期目标", Other),
    ("实际完成情况", Other),
    ("序号", Other),
];

/// Grade words, longest first (`优秀` before `优`).
pub const GRADE_WORDS: &[&str] = &[
    "不合格",
    "优秀",
    "良好",
    "中等",
    "合格",
    "较差",
    "优",
    "良",
    "中",
    "差",
];

/// First cells of score-table rows that state a total score (`合计 | 100 | 95`, `综合评分 | 98.0`).
pub const TOTAL_LABELS: &[&str] = &[
    "合计",
    "总计",
    "总分",
    "综合评分",
    "综合得分",
    "总得分",
    "得分合计",
    "合计得分",
    "评价总分",
    "自评总分",
    "自评得分",
    "评价得分",
];

/// Cells that label a grade in a table row (`评分等级 | 优`).
pub const GRADE_LABELS: &[&str] = &[
    "评分等级",
    "自评等级",
    "评价等级",
    "绩效等级",
    "评定等级",
    "等级",
    "评价结果",
    "自评结果",
];

/// First cells of rows that are signatures and notes, not scores (`填表人`, `备注`).
pub const TRAILER_LABELS: &[&str] = &[
    "填表人",
    "填报人",
    "审核人",
    "联系人",
    "联系电话",
    "填报日期",
    "填表日期",
    "单位负责人",
    "财务负责人",
    "项目负责人",
    "附注",
    "注：",
    "备注",
];

/// A cell's text folded (full-width to ASCII), whitespace removed.
pub fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(fold)
        .collect()
}

/// Remove `（…）` parts: `项目资金（万元）` → `项目资金`, `全年预算数(A)` → `全年预算数`.
pub fn strip_parens(t: &str) -> String {
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

/// The longest header word of [`HEADERS`], in bytes.
const MAX_HEADER_BYTES: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < HEADERS.len() {
        if HEADERS[i].0.len() > max {
            max = HEADERS[i].0.len();
        }
        i += 1;
    }
    max
};

/// The role a header cell names: its text cleaned ([`clean`]) and without its `（…）` parts
/// ([`strip_parens`]) is one of [`HEADERS`]. Read without allocating: a cell longer than the
/// longest header word names no column.
pub fn header_role(cell: &str) -> Option<ColumnRole> {
    let mut buf = [0u8; MAX_HEADER_BYTES];
    let mut len = 0;
    let mut depth = 0usize;
    for c in cell.chars() {
        if c.is_whitespace() || c == '\u{3000}' {
            continue;
        }
        match fold(c) {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => {
                let slot = buf.get_mut(len..len + c.len_utf8())?;
                c.encode_utf8(slot);
                len += c.len_utf8();
            }
            _ => {}
        }
    }
    let t = std::str::from_utf8(&buf[..len]).ok()?;
    let sorted = headers_sorted();
    sorted
        .binary_search_by(|(w, _)| (*w).cmp(t))
        .ok()
        .map(|i| sorted[i].1)
}

/// [`HEADERS`] sorted by word (each word is listed once), for binary search.
fn headers_sorted() -> &'static [(&'static str, ColumnRole)] {
    static SORTED: std::sync::OnceLock<Vec<(&'static str, ColumnRole)>> =
        std::sync::OnceLock::new();
    SORTED.get_or_init(|| {
        let mut v = HEADERS.to_vec();
        v.sort_by_key(|(w, _)| *w);
        v
    })
}

/// The roles of a row's cells when it is a header: at least two named cells, every non-empty
/// cell a known column name.
pub fn header_roles<S: AsRef<str>>(cells: &[S]) -> Option<Vec<Option<ColumnRole>>> {
    let mut named = 0;
    let mut roles = Vec::with_capacity(cells.len());
    for c in cells {
        let c = c.as_ref();
        // Empty once cleaned: nothing but whitespace.
        if c.chars().all(|x| x.is_whitespace() || x == '\u{3000}') {
            roles.push(None);
            continue;
        }
        roles.push(Some(header_role(c)?));
        named += 1;
    }
    (named >= 2).then_some(roles)
}

/// Whether the cells of a line name the columns of a table jxlint reads (a score table or a
/// 项目资金 table): at least three named cells, one of them a figure column.
pub fn is_table_header(cells: &[&str]) -> bool {
    header_roles(cells).is_some_and(|roles| {
        let named = roles.iter().flatten().count();
        let figures = roles.iter().flatten().filter(|r| r.is_figure()).count();
        named >= 3 && (roles.contains(&Some(Score)) || figures >= 2)
    })
}

/// Row labels that make a row the funds total.
pub const TOTAL_ROWS: &[&str] = &["年度资金总额", "资金总额", "项目资金总额", "年度资金"];

/// Row labels of the parts of the funds total.
pub const PART_ROWS: &[&str] = &[
    "本年财政拨款",
    "财政拨款",
    "当年财政拨款",
    "上年结转资金",
    "上年结转",
    "结转资金",
    "其他资金",
    "其他",
    "自筹资金",
    "社会资金",
];

/// Label endings that name a part by its source (`中央财政资金`, `自治区财政资金`, `县级资金`).
pub const PART_SUFFIXES: &[&str] = &["财政资金", "补助资金", "级资金", "配套资金", "专项资金"];

/// Row labels of sums of the rows above.
pub const GRAND_TOTAL_ROWS: &[&str] = &["合计", "总计", "总分", "合计得分", "得分合计"];
pub const SUBTOTAL_ROWS: &[&str] = &["小计"];

/// A row label with its `其中：` and numbering removed, and whether it said `其中`.
pub fn bare_label(label: &str) -> (String, bool) {
    let t = clean(label);
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '、'));
    for p in ["其中：", "其中:", "其中"] {
        if let Some(rest) = t.strip_prefix(p) {
            return (rest.trim_start_matches(['：', ':']).to_string(), true);
        }
    }
    (t.trim_end_matches(['：', ':']).to_string(), false)
}

/// What a row is, from its label (`None` for an indicator or an unknown row).
pub fn row_kind(label: &str) -> Option<RowKind> {
    let (t, under) = bare_label(label);
    let t = strip_parens(&t);
    if TOTAL_ROWS.contains(&t.as_str()) {
        Some(RowKind::Total)
    } else if under
        || PART_ROWS.contains(&t.as_str())
        || (t.chars().count() <= 12 && PART_SUFFIXES.iter().any(|s| t.ends_with(s)))
    {
        Some(RowKind::Part)
    } else if GRAND_TOTAL_ROWS.contains(&t.as_str()) {
        Some(RowKind::GrandTotal)
    } else if SUBTOTAL_ROWS.contains(&t.as_str()) {
        Some(RowKind::Subtotal)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words_are_listed_once() {
        for (i, (a, _)) in HEADERS.iter().enumerate() {
            assert!(!HEADERS[i + 1..].iter().any(|(b, _)| a == b), "{a} twice");
        }
    }

    #[test]
    fn header_roles_read_cleaned_cells_without_their_brackets() {
        // The reference: clean, strip the brackets, look the word up.
        let reference = |cell: &str| {
            let t = strip_parens(&clean(cell));
            HEADERS.iter().find(|(w, _)| *w == t).map(|(_, r)| *r)
        };
        let longest = HEADERS.iter().map(|(w, _)| w.len()).max().unwrap_or(0);
        assert_eq!(MAX_HEADER_BYTES, longest);
        for cell in [
            "项目资金（万元）",
            " 全年预算数 (A) ",
            "全年预算数（A）（B）",
            "分　值",
            "（分值）",
            "年度指标值）",
            "（年度（指标））值",
            "偏差原因分析及改进措施说明",
            "偏差原因分析及改进措施说明（说明）",
            "偏差原因分析及改进措施说明了",
            "未完成原因及拟采取的改进措施",
            "未完成原因及拟采取的改进措施x",
            "得分９",
            "",
            "   ",
            "年度资金总额 500 480",
        ] {
            assert_eq!(header_role(cell), reference(cell), "{cell}");
        }
        for (w, r) in HEADERS {
            assert_eq!(header_role(w), Some(*r));
            assert_eq!(header_role(&format!("{w}（万元）")), Some(*r));
        }
    }

    #[test]
    fn project_funds_header_is_a_table_header() {
        let cells = [
            "项目资金（万元）",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
        ];
        assert!(is_table_header(&cells));
        assert_eq!(header_role("全年预算数(A)"), Some(Budget));
        assert!(!is_table_header(&["指标", "说明"]));
    }

    #[test]
    fn row_kinds_from_labels() {
        assert_eq!(row_kind("年度资金总额"), Some(RowKind::Total));
        assert_eq!(row_kind("其中：本年财政拨款"), Some(RowKind::Part));
        assert_eq!(row_kind("自治区财政资金"), Some(RowKind::Part));
        assert_eq!(row_kind("合计"), Some(RowKind::GrandTotal));
        assert_eq!(row_kind("服务对象满意度"), None);
    }
}
