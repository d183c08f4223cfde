use std::str::FromStr;

use rust_decimal::Decimal;

use super::*;
use crate::model::SourceFormat;
use crate::model::table::ColumnTotal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn tables(text: &str) -> Vec<Table> {
    let blocks = crate::parse::structure::blocks(text, SourceFormat::Text);
    read(text, &blocks)
}

/// Each row as its label and its values (`None` for a blank or empty cell).
fn values(t: &Table) -> Vec<(String, Vec<Option<Decimal>>)> {
    t.rows
        .iter()
        .map(|r| {
            let vals = r
                .cells
                .iter()
                .filter(|c| c.column.is_some_and(|k| !t.columns[k].is_label()))
                .map(|c| c.value.as_ref().map(|v| v.value))
                .collect();
            (r.label.clone(), vals)
        })
        .collect()
}

/// Cells one per line, separated by lines of one `|`.
fn separated(cells: &[&str]) -> String {
    let mut s = String::from("下表列出各年支出。\n");
    for c in cells {
        s.push_str(c);
        s.push_str("\n|\n");
    }
    s
}

/// Cells one per line, each ended by ` |`.
fn terminated(cells: &[&str]) -> String {
    let mut s = String::from("表2 各项支出\n");
    for c in cells {
        s.push_str(c);
        s.push_str(" |\n");
    }
    s
}

#[test]
fn separated_cells_with_a_group_over_the_last_columns() {
    let text = separated(&[
        "年份",
        "合计",
        "差旅费",
        "会议费",
        "车辆购置及维修费",
        "合计",
        "车辆购置",
        "车辆维修",
        "2022年",
        "540",
        "60",
        "180",
        "300",
        "120",
        "180",
        "2023年",
        "500",
        "50",
        "170",
        "280",
        "100",
        "180",
        "2023年比2022年增减%",
        "-7.41",
        "-16.67",
        "-5.56",
        "-6.67",
        "-16.67",
        "0",
    ]);
    let ts = tables(&text);
    assert_eq!(ts.len(), 1);
    let t = &ts[0];
    assert_eq!(t.form, TableForm::Lines);
    assert!(t.certain, "{:?}", t.uncertain);
    assert_eq!(t.columns.len(), 7);
    assert_eq!(t.names[4], "车辆购置及维修费");
    assert_eq!(
        t.column_totals,
        vec![
            ColumnTotal {
                total: 4,
                parts: vec![5, 6],
                open: false,
            },
            ColumnTotal {
                total: 1,
                parts: vec![2, 3, 4],
                open: false,
            },
        ]
    );
    let v = values(t);
    assert_eq!(v.len(), 3);
    assert_eq!(v[0].0, "2022年");
    assert_eq!(v[1].1[3], Some(d("280")));
    assert_eq!(v[2].1[0], Some(d("-7.41")));
}

#[test]
fn terminated_cells_with_a_total_row_and_blanks() {
    let text = terminated(&[
        "支出项目",
        "本年支出（万元）",
        "比上年减少（万元）",
        "出国（境）费",
        "0",
        "-",
        "接待费",
        "12.40",
        "1.10",
        "合计",
        "12.40",
        "1.10",
    ]);
    let ts = tables(&text);
    assert_eq!(ts.len(), 1);
    let t = &ts[0];
    assert!(t.certain);
    assert!(t.column_totals.is_empty());
    let v = values(t);
    assert_eq!(
        v,
        vec![
            ("出国（境）费".to_string(), vec![Some(d("0")), None]),
            (
                "接待费".to_string(),
                vec![Some(d("12.40")), Some(d("1.10"))]
            ),
            ("合计".to_string(), vec![Some(d("12.40")), Some(d("1.10"))]),
        ]
    );
    assert_eq!(t.rows[2].kind, RowKind::GrandTotal);
}

#[test]
fn bare_cells_under_known_column_names() {
    let text = "附表\n\n单位名称\n\n某某中心\n\n资金（万元）\n\n年初预算数\n\n全年预算数\n\n\
                全年执行数\n\n分值\n\n执行率\n\n得分\n\n年度资金总额\n\n120.00\n\n150.00\n\n\
                135.00\n\n10\n\n90%\n\n9\n\n年度目标\n\n完成培训任务。\n";
    let ts = tables(text);
    assert_eq!(ts.len(), 1);
    let t = &ts[0];
    // Nothing marks where bare cells end: the rows are read, the table is not whole.
    assert!(!t.certain);
    assert_eq!(t.uncertain, Some(Uncertain::Open));
    let r = &t.rows[0];
    assert!(r.certain);
    assert_eq!(r.kind, RowKind::Total);
    assert_eq!(r.value(t, ColumnRole::Spent).unwrap().value, d("135.00"));
    assert_eq!(r.value(t, ColumnRole::Rate).unwrap().value, d("90"));
}

#[test]
fn a_header_broken_over_two_lines_is_joined() {
    let text = "项目资金\n\n（万元）\n\n全年预算数\n\n全年执行数\n\n执行率\n\n年度资金总额\n\n80\n\n76\n\n95%\n";
    let ts = tables(text);
    assert_eq!(ts.len(), 1);
    assert_eq!(ts[0].names[0], "项目资金（万元）");
    assert_eq!(ts[0].columns[0], ColumnRole::FundsLabel);
}

#[test]
fn a_ragged_row_leaves_the_table_uncertain() {
    // The third row has lost a cell: the rows before it are read, the table is not whole.
    let text = terminated(&[
        "项目",
        "预算数",
        "决算数",
        "甲",
        "10",
        "9",
        "乙",
        "20",
        "18",
        "丙",
        "30",
        "丁",
        "5",
        "4",
    ]);
    let ts = tables(&text);
    assert_eq!(ts.len(), 1);
    assert!(!ts[0].certain);
    assert_eq!(ts[0].rows.len(), 2);
}

#[test]
fn a_header_that_does_not_give_the_width_is_not_read() {
    // Six column names over five values, nothing saying which column is missing.
    let text = terminated(&[
        "合计",
        "差旅费",
        "车辆购置及维修",
        "小计",
        "车辆购置",
        "车辆维修",
        "会议费",
        "900",
        "100",
        "300",
        "400",
        "100",
    ]);
    assert!(tables(&text).is_empty());
    // A header one cell short of the rows.
    let text = separated(&["项目", "金额", "甲", "10", "5", "乙", "20", "6"]);
    assert!(tables(&text).is_empty());
}

#[test]
fn a_group_its_columns_do_not_name_is_not_read() {
    let text = separated(&[
        "年份",
        "合计",
        "差旅费",
        "车辆购置及维修费",
        "会议费",
        "合计",
        "培训",
        "印刷",
        "2023年",
        "500",
        "50",
        "280",
        "170",
        "100",
        "70",
    ]);
    assert!(tables(&text).is_empty());
}

#[test]
fn a_total_column_in_the_middle_is_no_total() {
    let text = terminated(&[
        "项目",
        "差旅费",
        "合计",
        "会议费",
        "甲",
        "1",
        "3",
        "2",
        "乙",
        "2",
        "5",
        "3",
    ]);
    assert!(tables(&text).is_empty());
}

#[test]
fn prose_and_bounds_are_not_cells() {
    let text = terminated(&["指标", "目标值", "实际值", "服务人数", "≥500人", "520人"]);
    assert!(tables(&text).is_empty());
    let text = "本年度共开展培训\n\n12\n\n次，参训人员达到了预期。\n";
    assert!(tables(text).is_empty());
}

#[test]
fn names_cover_the_things_a_name_lists() {
    assert!(names_cover(
        "车辆购置及维修费",
        &["车辆购置费", "车辆维修费"]
    ));
    assert!(names_cover("公车购置及运行费", &["车辆购置", "车辆运行"]));
    assert!(names_cover(
        "3.设备购置和安装",
        &["其中：安装费", "设备购置费"]
    ));
    // A part that names both, or neither, or a list of another length.
    assert!(!names_cover(
        "车辆购置及维修费",
        &["车辆购置维修费", "车辆维修费"]
    ));
    assert!(!names_cover("车辆购置及维修费", &["培训费", "车辆维修费"]));
    assert!(!names_cover("车辆购置及维修费", &["车辆购置费"]));
    assert!(!names_cover("车辆购置费", &["车辆购置", "车辆维修"]));
}

#[test]
fn signed_values_and_labels() {
    assert_eq!(
        signed_value("-16.5", Span::new(0, 5)).unwrap().value,
        d("-16.5")
    );
    assert_eq!(signed_value("−3%", Span::new(0, 5)).unwrap().value, d("-3"));
    assert!(is_label("2016年比2015年增减%"));
    assert!(is_label("1.差旅费"));
    assert!(!is_label("87人次"));
    assert!(!is_label("合计:30"));
    assert!(is_label("年度资金总额:"));
}

const TWO_LINE_HEADER: &str = "附表 补助资金分配表\n\
单位：元 | ||||\n\
地区 | 补助合计 | 其中：甲类补助 | 其中：乙类补助 | ||\n\
小计 | 第一批 | 第二批 | 小计 | 第一批 | 第二批 | |\n\
东乡 | 9,000 | 6,000 | 4,000 | 2,000 | 3,000 | 1,000 | 2,000 |\n\
西乡 | 5,000 | 3,000 | 3,000 | - | 2,000 | 500 | 1,500 |\n\
附表说明 | |||\n";

#[test]
fn rows_one_per_line_under_a_header_of_two_lines() {
    let ts = tables(TWO_LINE_HEADER);
    assert_eq!(ts.len(), 1);
    let t = &ts[0];
    assert!(t.certain);
    assert_eq!(t.names.len(), 8);
    assert_eq!(t.names[2], "其中：甲类补助");
    // Each group's 小计 over its two columns; 补助合计 over its two 其中 groups, which may
    // name only its main parts.
    assert_eq!(
        t.column_totals,
        vec![
            ColumnTotal {
                total: 2,
                parts: vec![3, 4],
                open: false,
            },
            ColumnTotal {
                total: 5,
                parts: vec![6, 7],
                open: false,
            },
            ColumnTotal {
                total: 1,
                parts: vec![2, 5],
                open: true,
            },
        ]
    );
    let v = values(t);
    assert_eq!(v[1].0, "西乡");
    assert_eq!(v[1].1[1], Some(d("3000")));
    assert_eq!(v[1].1[3], None);
}

#[test]
fn a_two_line_header_the_rows_do_not_fit_is_not_read() {
    // One cell short in the row: nothing says which.
    let text = TWO_LINE_HEADER.replace(
        "| 2,000 | 3,000 | 1,000 | 2,000 |",
        "| 3,000 | 1,000 | 2,000 |",
    );
    let ts = tables(&text);
    assert!(ts.iter().all(|t| t.rows.iter().all(|r| r.label != "东乡")));
    // A group that is neither a 其中 part nor a name listing its columns.
    let text = TWO_LINE_HEADER.replace("其中：乙类补助", "乙类补助");
    assert!(tables(&text).is_empty());
    // A lower line that does not start with its 小计.
    let text = TWO_LINE_HEADER.replace(
        "小计 | 第一批 | 第二批 | 小计",
        "第一批 | 小计 | 第二批 | 小计",
    );
    assert!(tables(&text).is_empty());
}

#[test]
fn a_short_row_after_rows_one_per_line_leaves_the_table_uncertain() {
    let text = TWO_LINE_HEADER.replace("附表说明 | |||", "南乡 | 800 |");
    let ts = tables(&text);
    assert_eq!(ts.len(), 1);
    assert!(!ts[0].certain);
    assert_eq!(ts[0].rows.len(), 2);
}

#[test]
fn a_total_column_over_stages_of_one_amount_is_no_total() {
    let text = terminated(&[
        "项目",
        "预算数",
        "决算数",
        "合计",
        "甲",
        "10",
        "9",
        "19",
        "乙",
        "20",
        "18",
        "38",
    ]);
    let ts = tables(&text);
    assert_eq!(ts.len(), 1);
    assert!(ts[0].column_totals.is_empty());
}

/// A score table one cell per line, each ended by ` |`: a line of several `|` ends a row, a
/// line of one `|` is an empty cell (merged cells are padded with them).
const SCORE_CELLS: &str = "项目绩效自评表 |\n||||||\n年度总体目标 |\n按期完成。 |\n|||||\n|\n\
一级指标 |\n二级指标 |\n三级指标 |\n分值 |\n年度指标值 |\n实际完成值 |\n得分 |\n偏差原因 |\n\
|\n产出指标(50分) |\n数量指标 |\n培训人数(≥**人) |\n20 |\n>=500人 |\n460人 |\n20 |\n名额调整 |\n\
|\n|\n|\n覆盖乡镇数 |\n30 |\n>=12个 |\n12个 |\n30 |\n|\n\
|\n效益指标(50分) |\n社会效益指标 |\n受益群众数≥**人 |\n50 |\n>=800人 |\n900人 |\n50 |\n|\n";

#[test]
fn a_score_table_one_cell_per_line_is_laid_out_for_the_scorecard() {
    let blocks = crate::parse::structure::blocks(SCORE_CELLS, SourceFormat::Text);
    let grids = score_grids(SCORE_CELLS, &blocks);
    assert_eq!(grids.len(), 1);
    let g = &grids[0];
    assert_eq!(g.lines.len(), 4);
    assert!(g.lines[0].header.is_some());
    let row: Vec<&str> = g.lines[2].cells.iter().map(|c| &*c.text).collect();
    assert_eq!(
        row,
        ["", "", "", "覆盖乡镇数", "30", ">=12个", "12个", "30", ""]
    );
    // The table reader leaves it alone: its targets are no plain figures.
    assert!(tables(SCORE_CELLS).is_empty());
    // A row end inside a row: the rows are not what the width says.
    let broken = SCORE_CELLS.replace("覆盖乡镇数 |\n30 |", "覆盖乡镇数 |\n||||\n30 |");
    let blocks = crate::parse::structure::blocks(&broken, SourceFormat::Text);
    assert!(score_grids(&broken, &blocks).is_empty());
}
