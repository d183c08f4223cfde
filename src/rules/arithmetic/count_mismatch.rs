//! A007 count-mismatch.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message, Severity};
use crate::relations::CountSumKind;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// A stated count disagrees with the list it counts.
    ///
    /// ### What it checks
    /// A count followed by its list — `下属单位3个，即A、B、C`, `共设4个科室，分别是：…，…，…` —
    /// or a list followed by its count — `包括A、B、C三项` — against the number of items
    /// listed. Counts may be written in digits or in Chinese numerals (`三项`, `十五家`). Only
    /// closed lists are read: none of 等, 主要, 如, 其中, 部分, 其他 in the list or its count's
    /// wording; items separated by 、 (ending at the clause's end), or, when no 、 is used, by
    /// ， and ； between short names (ending at the sentence's end); bracketed notes are
    /// skipped. An item joined by 和/及/与 may be one name (`住房和城乡建设局`) or two items:
    /// the count is consistent with either reading. The finding is an error when the list can
    /// be counted only one way, a warning when its items could be grouped otherwise (an item
    /// joined by 和/及, items separated by ， or ；).
    ///
    /// Also a count stated as a start, its changes and their total in one sentence, in
    /// explicit wording — `年初8个，年中新增8个，共15个`: a start named 年初/原有/上年末, each
    /// change right after 增加/新增/新建/增设 or 减少/撤销/撤并/注销, the total right after
    /// 共/共计/合计/总计/共有, every count of the sentence in the same measure word and no other
    /// figure in it. 8 + 8 = 16, not 15.
    ///
    /// Also a set split into two parts that make it whole: `84个项目中，61个项目高于平均分，…；
    /// 25个项目低于平均分` — the parts counted in the set's measure word and noun, each opening
    /// its clause (a sub-count after 其中 is not a part), on the two sides of one test (高于/低于,
    /// 以上/以下, a word and its negation such as 达到/未达到, 合格/不合格) or the second being
    /// 其余/剩余. Parts that add up to more than the set are an error; fewer, an error for a word
    /// and its negation or 其余, a warning for a comparison (what equals the threshold is on
    /// neither side). And a count that opens a record of figures repeated part by part —
    /// `审核276宗，送审金额A，核减B，其中预算审核150宗，送审金额A1，核减B1，结算审核106宗，…`:
    /// when every amount of the parts adds up to the total's, the parts are the whole
    /// breakdown and their counts must add up to the total too.
    ///
    /// ### Why
    /// Lists of units, departments and tasks are edited — a unit merged, a task added —
    /// while the count in front of them is not; reviewers read the mismatch as carelessness
    /// and cannot tell which of the two is current.
    ///
    /// ### Example
    /// ```text
    /// 本部门下属单位4个，即综合服务中心、信息中心、培训中心。
    /// ```
    /// Three units are listed, not 4.
    ///
    /// ### How to fix
    /// Correct the count or complete the list; if the list names only some of the items on
    /// purpose, say so (`主要包括…等`).
    ///
    /// No automatic fix: the count or the list may be the stale one.
    pub CountMismatch, "A007", "count-mismatch", Error
}

impl CountMismatch {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"写明的数量与其列举的项目个数不符。

### 检查内容
数量在前、列举在后——`下属单位3个，即A、B、C`、`共设4个科室，分别是：…，…，…`——或列举在前、
数量在后——`包括A、B、C三项`——核对数量与列出的项目个数。数量可以是阿拉伯数字，也可以是中文数字
（`三项`、`十五家`）。只核对完整的列举：列举及其数量的措辞中没有“等”“主要”“如”“其中”“部分”“其他”；
项目以“、”分隔（到分句末为止），或在不用“、”时以“，”“；”分隔简短的名称（到句末为止）；括号内的说明
不计。以“和”“及”“与”连接的项目可能是一个名称（`住房和城乡建设局`），也可能是两个项目：两种读法之一
相符即视为相符。列举只有一种数法时报告为错误，项目可能有其他分法时（以“和”“及”连接的项目、以“，”“；”分隔的项目）
报告为警告。

还核对同一句中措辞明确的期初数、增减数与合计数——`年初8个，年中新增8个，共15个`：期初数以“年初”
“原有”“上年末”标明，每个增减数紧跟在“增加”“新增”“新建”“增设”或“减少”“撤销”“撤并”“注销”之后，
合计数紧跟在“共”“共计”“合计”“总计”“共有”之后，句中各数量的量词相同且没有其他数字。8 + 8 = 16，不是 15。

还核对分成两部分的总数：`84个项目中，61个项目高于平均分，…；25个项目低于平均分`——两部分与总数
量词、名词相同，各自位于分句之首（“其中”之后的数量不是部分），分处同一标准的两侧（高于/低于、
以上/以下，或一个词与其否定，如达到/未达到、合格/不合格），或第二部分为“其余”“剩余”。两部分之和
超过总数为错误；不足时，词与其否定或“其余”为错误，比较（高于/低于）为警告（等于标准的不在任何
一侧）。以及带有逐项重复的一组数字的数量——`审核276宗，送审金额A，核减B，其中预算审核150宗，
送审金额A1，核减B1，结算审核106宗，…`：各分项的金额均与合计相符时，分项即完整的分解，其数量之和
也应等于总数。

### 为什么
单位、科室、任务的列举常被修改——合并了一个单位、增加了一项任务——而前面的数量没有随之更新；
评审会认为报告粗疏，也无从判断哪一个是现行的。

### 示例
```text
本部门下属单位4个，即综合服务中心、信息中心、培训中心。
```
列出的是三个单位，不是4个。

### 如何修改
改正数量或补全列举；如有意只列部分项目，请写明（`主要包括…等`）。

不自动修正：过时的可能是数量，也可能是列举。"#;
}

impl Rule for CountMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        count_sums(cx, out);
        for c in &cx.relations.counts {
            let value = c.value as usize;
            if (c.min..=c.max).contains(&value) {
                continue;
            }
            let listed = if c.min == c.max {
                c.min.to_string()
            } else {
                format!("{}–{}", c.min, c.max)
            };
            let written = cx.text.get(c.count.start..c.count.end).unwrap_or("");
            let mut d = Diagnostic::new(
                &Self::META,
                c.count,
                Message::new(
                    format!("写明的数量与列举的项目个数不符：写作 {written}，列出 {listed} 项"),
                    format!(
                        "the stated count disagrees with its list: written {written}, {listed} items listed"
                    ),
                ),
            )
            .primary(Message::new(
                format!("列出 {listed} 项"),
                format!("{listed} items listed"),
            ));
            for (k, &s) in c.items.iter().enumerate() {
                d = d.label(
                    s,
                    Message::new(format!("第 {} 项", k + 1), format!("item {}", k + 1)),
                );
            }
            if c.min != c.max || c.loose {
                d = d.with_severity(Severity::Warning);
            }
            out.push(
                d.help(Message::new(
                    format!("改正数量或补全列举：列出的项目为 {listed} 项"),
                    format!("correct the count or complete the list: {listed} items are listed"),
                ))
                .expected_found(listed.clone(), written.to_string()),
            );
        }
    }
}

/// A total count against its start and changes (`年初8个，年中新增8个，共15个`).
fn count_sums(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let written = |s: crate::model::Span| cx.text.get(s.start..s.end).unwrap_or("");
    for c in &cx.relations.count_sums {
        let sum = c.sum();
        if sum == i64::from(c.total.1) {
            continue;
        }
        let terms: Vec<String> = c
            .parts
            .iter()
            .enumerate()
            .map(|(k, &(s, _, add))| {
                let op = match (k, add) {
                    (0, _) => "",
                    (_, true) => " + ",
                    (_, false) => " − ",
                };
                format!("{op}{}", written(s))
            })
            .collect();
        let terms = terms.concat();
        let total = written(c.total.0);
        let (zh, en) = match c.kind {
            CountSumKind::Changes => (
                format!("合计数量与各分项数量不符：{terms} = {sum}，合计写作 {total}"),
                format!(
                    "the total count disagrees with its parts: {terms} = {sum}, total written {total}"
                ),
            ),
            CountSumKind::Partition { .. } => (
                format!("总数与其分成的两部分不符：{terms} = {sum}，总数写作 {total}"),
                format!(
                    "the count disagrees with the two parts it is split into: {terms} = {sum}, written {total}"
                ),
            ),
            CountSumKind::Records => (
                format!(
                    "总数与各分项数量不符：各分项的金额等合计相符，数量 {terms} = {sum}，总数写作 {total}"
                ),
                format!(
                    "the total count disagrees with its parts: the parts' other figures add up to the total's, their counts {terms} = {sum}, total written {total}"
                ),
            ),
        };
        let mut d = Diagnostic::new(&CountMismatch::META, c.total.0, Message::new(zh, en)).primary(
            Message::new(format!("分项合计 {sum}"), format!("parts sum to {sum}")),
        );
        for &(s, _, _) in &c.parts {
            d = d.label(s, Message::new("分项", "part"));
        }
        // Two sides of a comparison (高于 / 低于) leave out what equals the threshold: fewer
        // parts than the total may be those.
        if c.kind == (CountSumKind::Partition { exact: false }) && sum < i64::from(c.total.1) {
            d = d.with_severity(Severity::Warning);
        }
        out.push(
            d.help(Message::new(
                format!("核对合计数量或分项：分项之和为 {sum}"),
                format!("check the total count or its parts: the parts sum to {sum}"),
            ))
            .expected_found(sum.to_string(), total.to_string()),
        );
    }
}
