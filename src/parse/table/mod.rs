//! Reading tables into the one table model ([`crate::model::table`]): the runs of table rows
//! as laid out, each cell read once ([`grid::runs`], [`cell::read`]), grid tables from those
//! runs ([`grid`]: Markdown, tabs, `.docx`, aligned spaces) and tables
//! flattened into runs of figures by PDF or web extraction ([`flat`]) or to one cell per line
//! ([`cell_lines`], whose score tables are also layout: [`cell_lines::score_grids`]), or under
//! columns named by years ([`flat_years`]) or lettered with their formulas ([`lettered`]), and
//! classifications stated as `name：amount` cells one per line
//! (`按收入性质分：…`, [`breakdown`]). The column and row
//! vocabulary is data ([`roles`]); a cell is read by [`cell`]; which value stands under which
//! column is decided in one place ([`row`]).
//!
//! A table that cannot be read with certainty is kept and marked so (its rows say why); its
//! uncertain rows give no value to any relation.

use crate::model::Block;
use crate::model::table::{Grid, Table, TableForm};

pub mod breakdown;
pub mod cell;
pub mod cell_lines;
pub mod claims;
pub mod flat;
pub mod flat_years;
pub mod grid;
pub mod lettered;
pub mod roles;
pub mod row;

/// Every table of a document, in document order: grid tables from the runs of rows
/// ([`grid::runs`]), flattened ones from the blocks.
pub fn read(text: &str, blocks: &[Block], grids: &[Grid]) -> Vec<Table> {
    let lines = cell_lines::read(text, blocks);
    // Cells one per line are read once: by the table reader when it reads them (the score
    // tables laid out so are also layout, [`cell_lines::score_grids`]).
    let mut tables: Vec<Table> = grid::read(text, grids)
        .into_iter()
        .filter(|g| {
            !lines
                .iter()
                .any(|t| t.span.start < g.span.end && g.span.start < t.span.end)
        })
        .collect();
    // A line of `|` cells is read once: as part of a table laid out one cell per line.
    tables.extend(flat::read(text, blocks).into_iter().filter(|f| {
        !lines
            .iter()
            .any(|t| t.span.start < f.span.end && f.span.start < t.span.end)
    }));
    tables.extend(lines);
    tables.extend(breakdown::read(text, blocks));
    // A run of figures under year columns or lettered columns is read once: by the reader
    // that knows them.
    let mut named = flat_years::read(text, blocks);
    named.extend(lettered::read(text, blocks));
    tables.retain(|f| {
        f.form != TableForm::Flattened
            || !named
                .iter()
                .any(|t| t.span.start < f.span.end && f.span.start < t.span.end)
    });
    tables.extend(named);
    tables.sort_by_key(|t| t.span.start);
    tables
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use rust_decimal::Decimal;

    use crate::model::SourceFormat;
    use crate::model::table::{ColumnRole, RowKind, TableForm, Uncertain};

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn tables(text: &str, format: SourceFormat) -> Vec<crate::model::table::Table> {
        let blocks = crate::parse::structure::blocks(text, format);
        let grids = super::grid::runs(text, &blocks);
        super::read(text, &blocks, &grids)
    }

    /// A row as (label, kind, certain, [(role, value)]).
    type RowView = (String, RowKind, bool, Vec<(ColumnRole, Decimal)>);

    fn rows(t: &crate::model::table::Table) -> Vec<RowView> {
        t.rows
            .iter()
            .map(|r| {
                let vals = r
                    .cells
                    .iter()
                    .filter_map(|c| Some((t.columns[c.column?], c.value.as_ref()?.value)))
                    .collect();
                (r.label.clone(), r.kind, r.certain, vals)
            })
            .collect()
    }

    const FUNDS_MD: &str = "\
| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
|---|---|---|---|---|---|---|
| 年度资金总额 | 500 | 480 | 456 | 10 | 91.20% | 9.12 |
| 其中：本年财政拨款 | 500 | 480 | 456 | — | — | — |
| 上年结转资金 | | | | — | — | — |
";

    #[test]
    fn markdown_funds_table_with_empty_cells() {
        let ts = tables(FUNDS_MD, SourceFormat::Markdown);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        assert!(t.certain, "{:?}", t.uncertain);
        let r = rows(t);
        assert_eq!(r[0].0, "年度资金总额");
        assert_eq!(r[0].1, RowKind::Total);
        assert_eq!(
            r[0].3,
            vec![
                (ColumnRole::InitialBudget, d("500")),
                (ColumnRole::Budget, d("480")),
                (ColumnRole::Spent, d("456")),
                (ColumnRole::Weight, d("10")),
                (ColumnRole::Rate, d("91.20")),
                (ColumnRole::Score, d("9.12")),
            ]
        );
        assert_eq!((r[1].0.as_str(), r[1].1), ("本年财政拨款", RowKind::Part));
        assert_eq!(
            (r[2].0.as_str(), r[2].1, r[2].3.len()),
            ("上年结转资金", RowKind::Part, 0)
        );
    }

    #[test]
    fn tab_table_as_docx_emits_it_with_a_merged_label() {
        // `.docx` tables arrive as tab-separated rows, a merged cell padded with empty cells.
        let text = "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
                    年度资金总额\t\t200\t200\t190\t10\t95.00%\t9.5\n\
                    其中：本年财政拨款\t\t200\t200\t190\t\t\t\n";
        let ts = tables(text, SourceFormat::Docx);
        let t = &ts[0];
        assert!(t.certain);
        assert_eq!(t.columns[1], ColumnRole::FundsLabel);
        assert_eq!(t.rows[0].cells[0].colspan, 2);
        assert_eq!(
            t.rows[0].value(t, ColumnRole::Spent).unwrap().value,
            d("190")
        );
    }

    #[test]
    fn space_aligned_table_parts_fill_the_amount_columns() {
        let text = "项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n\
                    年度资金总额 300 300 270 10 90.00% 9\n\
                    本年财政拨款 300 300 270\n";
        let ts = tables(text, SourceFormat::Text);
        let t = &ts[0];
        assert!(t.certain, "{:?}", t.uncertain);
        let r = rows(t);
        assert_eq!(r[1].3.len(), 3);
        assert_eq!(r[1].3[2], (ColumnRole::Spent, d("270")));
    }

    #[test]
    fn flattened_label_runs_under_the_template() {
        let text = "年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 90 89.974 89.974\n";
        let ts = tables(text, SourceFormat::Text);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        assert_eq!(t.form, TableForm::Flattened);
        assert!(t.certain);
        let r = rows(t);
        assert_eq!(r[0].1, RowKind::Total);
        assert_eq!(r[1].1, RowKind::Part);
        assert_eq!(r[1].3[2], (ColumnRole::Spent, d("89.974")));
    }

    #[test]
    fn flattened_headers_followed_by_values() {
        let text = "全年预算数(A) 全年执行数(B) 7165.32 6992.95 其中:中央财政资金 3144.00 3144.00 \
                    省级财政资金 570.17 570.17\n";
        let ts = tables(text, SourceFormat::Text);
        let t = &ts[0];
        assert!(t.certain);
        let r = rows(t);
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].1, RowKind::Total);
        assert_eq!(
            r[0].3,
            vec![
                (ColumnRole::Budget, d("7165.32")),
                (ColumnRole::Spent, d("6992.95"))
            ]
        );
        assert_eq!((r[2].0.as_str(), r[2].1), ("省级财政资金", RowKind::Part));
    }

    #[test]
    fn flattened_rows_stand_under_the_column_names_just_before_them() {
        // Two tables in one paragraph: the funds row is read under the funds columns, not
        // under every column name of the paragraph.
        let text = "项目名称 | 某项目 | 项目资金 (万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | \
                    执行率 | 得分 | 年度资金总额 | 800 | 800 | 720 | 10 | 90% | 9 | 年度总体目标 | \
                    预期目标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | \
                    产出指标 | 数量指标 | 培训人次 | 10 | 9\n";
        let ts = tables(text, SourceFormat::Text);
        assert_eq!(ts.len(), 2);
        let t = &ts[0];
        assert!(t.certain, "{:?}", t.uncertain);
        assert_eq!(t.rows[0].kind, RowKind::Total);
        assert_eq!(t.rows[0].value(t, ColumnRole::Rate).unwrap().value, d("90"));
        assert_eq!(
            t.rows[0].value(t, ColumnRole::Spent).unwrap().value,
            d("720")
        );
        assert!(ts[1].has(ColumnRole::Label(Some(1))));
        assert!(ts[0].span.end <= ts[1].span.start);
    }

    #[test]
    fn flattened_header_words_broken_in_two_are_joined() {
        let text = "项目资金\n（万元）\n年初\n预算数\n全年\n预算数\n全年\n执行数\n分值\n执行率\n得分\n\
                    年度资金总额\n60\n50\n45\n10\n90%\n9\n";
        let ts = tables(text, SourceFormat::Text);
        let t = ts.iter().find(|t| t.has(ColumnRole::Rate)).unwrap();
        assert_eq!(
            t.columns[..4],
            [
                ColumnRole::FundsLabel,
                ColumnRole::InitialBudget,
                ColumnRole::Budget,
                ColumnRole::Spent
            ]
        );
        let r = &t.rows[0];
        assert_eq!(
            r.value(t, ColumnRole::InitialBudget).unwrap().value,
            d("60")
        );
        assert_eq!(r.value(t, ColumnRole::Budget).unwrap().value, d("50"));
    }

    #[test]
    fn cells_run_together_are_not_read() {
        let text = "全年预算数 全年执行数 执行率\n年度资金总额 390390100%\n";
        let ts = tables(text, SourceFormat::Text);
        let t = &ts[0];
        assert!(!t.certain);
        assert!(matches!(
            t.uncertain,
            Some(Uncertain::Misaligned { .. } | Uncertain::RunTogether)
        ));
        assert!(t.rows[0].value(t, ColumnRole::Budget).is_none());
    }

    #[test]
    fn runs_keep_a_broken_cell_between_rows_and_read_each_cell_once() {
        let text = "一级指标\t分值\t得分\n一、投入\t20\t19\n12.管理制度健全性\n过程\t4 3.5\t—\n\n其他说明。\n";
        let blocks = crate::parse::structure::blocks(text, SourceFormat::Text);
        let grids = super::grid::runs(text, &blocks);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        let rows: Vec<bool> = g.lines.iter().map(|l| l.row).collect();
        assert_eq!(rows, vec![true, true, false, true]);
        assert!(g.lines[0].header.is_some());
        assert!(g.lines[2].worded);
        let first = &g.lines[1].cells;
        assert_eq!(first[1].read.number, Some((d("20"), 0)));
        let (style, name, _) = *first[0].read.marker.clone().unwrap();
        assert_eq!(name, "投入");
        assert_eq!(style, crate::model::MarkerStyle::HanComma);
        assert!(first[0].read.name);
        // Figures run together are no figure; a dash is a blank.
        let last = &g.lines[3].cells;
        assert!(last[1].split && last[1].read.number.is_none() && !last[1].read.name);
        assert!(last[2].read.blank);
    }

    #[test]
    fn a_bound_under_a_name_column_is_a_shifted_row() {
        // One leading cell lost: the target stands under 三级指标, and nothing is certain.
        let text = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n\
                    产出指标\t数量指标\t新建公厕\t≥120座\t124座\t10\t10\n\
                    \t改造公厕\t≥80座\t76座\t10\t10\n";
        let ts = tables(text, SourceFormat::Text);
        let t = &ts[0];
        assert!(t.rows[0].certain);
        assert!(!t.rows[1].certain);
        assert!(t.rows[1].cell(t, ColumnRole::Actual).is_none());
    }

    #[test]
    fn prose_with_figures_is_no_table() {
        let text = "年度预算500万元，实际支出456万元，执行率91.20%。\n";
        assert!(tables(text, SourceFormat::Text).is_empty());
    }
}
