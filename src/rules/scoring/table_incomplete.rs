//! S006 table-incomplete.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::model::Span;
use crate::rules::{Context, Rule, RuleMeta};
use crate::score::{Origin, Unreadable};

declare_rule! {
    /// A score table could not be read whole; re-scoring is limited to the rows read.
    ///
    /// ### What it checks
    /// Score tables (a header naming 分值 and 得分 columns) whose rows do not all line up with
    /// the header — rows merged or shifted in PDF extraction, fragments of a cell continued on
    /// the next line, HTML or formula debris, an indicator with a weight and no score, figures
    /// glued together or split across lines, a table broken off by a line of prose. Rows that
    /// still read unambiguously on their own (`名称 | 分值 | 说明 | 得分`) are re-scored (S001,
    /// S005); the table's hierarchy and its sums (S002, S003) are not judged. Also reported: a
    /// table that reads row by row but whose levels fail to add up both ways (parents against
    /// children and the first level against the total weight), the mark of names in the wrong
    /// column.
    ///
    /// ### Why
    /// A sum error reported from a garbled table would be the linter's mistake, not the
    /// report's. Saying how much of the table was read tells the reader what the re-scoring
    /// covers.
    ///
    /// ### Example
    /// ```text
    /// 部门绩效	60	经济性	6	公用经费控制率	6	…	<p>…</p>	1	<p>…</p>	1
    /// ```
    /// Two rows merged into one, with HTML left in the cells.
    ///
    /// ### How to fix
    /// Check the table against the original document; supply the report as `.docx` or as
    /// structured data so that the table can be read whole.
    ///
    /// No automatic fix: the table has to be restored from the source document.
    pub TableIncomplete, "S006", "table-incomplete", Info
}

impl TableIncomplete {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"评分表未能完整读取；重新评分只限于读出的行。

### 检查内容
评分表（表头写有 分值 和 得分 列）中有行与表头对不齐——PDF 抽取时合并或错位的行、续在下一行的单元格
片段、HTML 或公式残留、有分值无得分的指标、粘连或拆开的数字、被一行正文截断的表。单独仍能明确读取的行
（`名称 | 分值 | 说明 | 得分`）照常重新评分（S001、S005）；表的层级及其求和（S002、S003）不作判断。
同样在此报告：逐行可读、但各级分值两种方式都加不拢（上级对下级、一级对总分值）的表，这是名称错列的迹象。

### 为什么
从读乱的表中报告求和错误，是检查工具的错，而不是报告的错。说明表读出了多少，读者才知道重新评分覆盖了什么。

### 示例
```text
部门绩效	60	经济性	6	公用经费控制率	6	…	<p>…</p>	1	<p>…</p>	1
```
两行合并为一行，单元格中残留 HTML。

### 如何修改
对照原始文档核对该表；以 `.docx` 或结构化数据提供报告，以便完整读取该表。

不自动修正：该表须根据原始文档恢复。"#;
}

fn reason(r: Unreadable) -> Message {
    match r {
        Unreadable::Misaligned { cells, header } => Message::new(
            format!("与表头不对应（{cells} 列，表头 {header} 列）"),
            format!("does not line up with the header ({cells} cells, header {header})"),
        ),
        Unreadable::Fragment => Message::new(
            "残缺内容，没有指标名称",
            "a fragment without an indicator name",
        ),
        Unreadable::Markup => Message::new(
            "含排版残留（<p> 等），多行内容并入一行",
            "extraction debris (<p> …): several rows merged into one",
        ),
        Unreadable::NoScore => Message::new("有分值、无得分", "a weight without a score"),
        Unreadable::Ambiguous => Message::new(
            "无法确定哪个数是分值、哪个是得分",
            "cannot tell the weight from the score",
        ),
        Unreadable::Conflict => Message::new(
            "同一指标在另一行的分值不同",
            "the same group has another weight in an earlier row",
        ),
    }
}

/// `1 row`, `3 rows`.
fn rows(n: usize) -> String {
    if n == 1 {
        "1 row".into()
    } else {
        format!("{n} rows")
    }
}

impl Rule for TableIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(scoring) = cx.scoring else { return };
        let card = &scoring.card;
        for (ti, t) in card.tables.iter().enumerate() {
            if t.whole {
                continue;
            }
            // The table's first line.
            let first_end = cx
                .text
                .get(t.span.start..t.span.end)
                .and_then(|s| s.find('\n'))
                .map(|k| t.span.start + k)
                .unwrap_or(t.span.end);
            let first = Span::new(t.span.start, first_end);
            let first = crate::parse::structure::trim_span(cx.text, first);
            let certain = card
                .indicators
                .iter()
                .filter(|i| i.certain && i.score.is_some())
                .filter(|i| matches!(i.origin, Origin::Table { table, .. } if table == ti))
                .count();
            if cx.doc.data.is_some() {
                // Report data: the tree is structured, but does not give every row.
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        t.span,
                        Message::new(
                            format!("数据中的评分表不完整：有指标的下级指标未全部给出，只复核给出的 {certain} 个指标，不核对分项与合计"),
                            format!("the data's scorecard is not whole: some indicators' rows are not all given; only the {certain} indicators given are re-scored, sums are not checked"),
                        ),
                    )
                    .primary(Message::new("评分表", "scorecard"))
                    .help(Message::new(
                        "给出每个指标的全部下级指标（分值之和等于上级分值）",
                        "give every indicator's rows in full (their weights adding up to the parent's)",
                    )),
                );
                continue;
            }
            let (u, s) = (t.unreadable.len(), t.shaped.len());
            let mut d = Diagnostic::new(
                &Self::META,
                first,
                Message::new(
                    format!(
                        "评分表未能完整读取：{u} 行无法读取，{s} 行与表头不对应、只能逐行读取；只复核能确定的 {certain} 个指标，不核对分项与合计"
                    ),
                    format!(
                        "the score table could not be read whole: {} unreadable, {} not lined up with the header and read one by one; only the {certain} indicators read with certainty are re-scored, sums are not checked",
                        rows(u),
                        rows(s)
                    ),
                ),
            )
            .primary(Message::new("评分表", "score table"));
            for (span, r) in &t.unreadable {
                d = d.label(*span, reason(*r));
            }
            out.push(d.help(Message::new(
                "对照原件核对评分表；提供 .docx 原件或结构化数据，以便完整读取并核对各级合计",
                "check the table against the original; supply the .docx or structured data so that it can be read whole and its sums checked",
            )));
        }
        for &ti in &scoring.eval.unsound {
            let Some(t) = card.tables.get(ti) else {
                continue;
            };
            let first_end = cx
                .text
                .get(t.span.start..t.span.end)
                .and_then(|s| s.find('\n'))
                .map(|k| t.span.start + k)
                .unwrap_or(t.span.end);
            let first =
                crate::parse::structure::trim_span(cx.text, Span::new(t.span.start, first_end));
            out.push(
                Diagnostic::new(
                    &Self::META,
                    first,
                    Message::new(
                        "评分表各级分值对不上：上级分值不等于下级之和，一级分值之和也不等于总分值，多半是指标名称错位所致；不核对分项与合计",
                        "the score table's levels do not add up either way (a parent's weight is not its children's, and the first level does not make the total weight), most likely names in the wrong column; sums are not checked",
                    ),
                )
                .primary(Message::new("评分表", "score table"))
                .help(Message::new(
                    "对照原件核对各行指标所在的列",
                    "check against the original which column each indicator's name stands in",
                )),
            );
        }
    }
}
