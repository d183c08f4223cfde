use super::*;
use crate::model::SourceFormat;
use crate::relations::SumVerdict;

fn relations(text: &str) -> super::super::TableRelations {
    let doc = crate::parse::parse(text, SourceFormat::Text);
    super::super::find(&doc)
}

/// Cells one per line, separated by lines of one `|`.
fn separated(cells: &[&str]) -> String {
    let mut s = String::from("两年支出对比\n");
    for c in cells {
        s.push_str(c);
        s.push_str("\n|\n");
    }
    s
}

/// Cells one per line, each ended by ` |`.
fn terminated(cells: &[&str]) -> String {
    let mut s = String::from("表3 经费支出情况\n");
    for c in cells {
        s.push_str(c);
        s.push_str(" |\n");
    }
    s
}

const YEARS: &[&str] = &[
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
];

fn mismatches(r: &super::super::TableRelations) -> Vec<(String, String, String)> {
    r.sums
        .iter()
        .filter(|s| matches!(s.verdict, SumVerdict::Mismatch { .. }))
        .map(|s| (s.label.clone(), s.column.clone(), s.total.display()))
        .collect()
}

#[test]
fn a_group_total_and_a_table_total_along_each_row() {
    let r = relations(&separated(YEARS));
    // Two rows × (合计 over three columns, the group's 合计 over two); the change row is
    // not summed.
    assert_eq!(r.sums.len(), 4);
    assert!(r.sums.iter().all(|s| s.across));
    assert!(mismatches(&r).is_empty(), "{:?}", r.sums);
    let mut cells = YEARS.to_vec();
    cells[12] = "310"; // 2022年 车辆购置及维修费 written 310 for 300
    let r = relations(&separated(&cells));
    let bad = mismatches(&r);
    assert_eq!(
        bad,
        vec![
            ("2022年".into(), "车辆购置及维修费".into(), "310".into()),
            ("2022年".into(), "合计".into(), "540".into()),
        ]
    );
}

#[test]
fn the_change_between_two_year_rows_cell_by_cell() {
    let r = relations(&separated(YEARS));
    assert_eq!(r.growths.len(), 6);
    assert!(r.growths.iter().all(|g| g.consistent && g.percent));
    assert_eq!(r.growths[0].current_label, "2023年");
    let mut cells = YEARS.to_vec();
    cells[24] = "-14.67"; // 差旅费 50 against 60 is −16.67 %
    let r = relations(&separated(&cells));
    let bad: Vec<&TableGrowth> = r.growths.iter().filter(|g| !g.consistent).collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].along, "差旅费");
    assert_eq!(bad[0].expected, Decimal::new(-1667, 2));
}

#[test]
fn the_change_between_two_year_columns() {
    let text = terminated(&[
        "科目",
        "2022年",
        "2023年",
        "2023年较2022年增长率",
        "培训费",
        "40",
        "50",
        "25%",
        "印刷费",
        "20",
        "18",
        "-10%",
    ]);
    let r = relations(&text);
    assert_eq!(r.growths.len(), 2);
    assert!(r.growths.iter().all(|g| g.consistent), "{:?}", r.growths);
    let r = relations(&text.replace("25%", "20%"));
    assert_eq!(r.growths.iter().filter(|g| !g.consistent).count(), 1);
}

#[test]
fn a_change_within_the_rounding_of_its_years_is_consistent() {
    // 2364 against 2840 gives −16.76 %; −16.77 % is reached within ± half a unit.
    let text = separated(&[
        "年份",
        "金额",
        "2022年",
        "2840",
        "2023年",
        "2364",
        "2023年比2022年增减%",
        "-16.77",
    ]);
    let r = relations(&text);
    assert_eq!(r.growths.len(), 1);
    assert!(r.growths[0].consistent);
}

#[test]
fn a_total_row_first_over_numbered_items_and_a_name_that_lists_its_parts() {
    let cells = [
        "项目",
        "预算数",
        "合计",
        "860",
        "1.差旅费",
        "60",
        "2.会议费",
        "200",
        "3.车辆购置及维修费",
        "600",
        "其中：车辆维修费",
        "250",
        "车辆购置",
        "350",
    ];
    let r = relations(&terminated(&cells));
    let sums: Vec<(String, usize)> = r
        .sums
        .iter()
        .map(|s| (s.label.clone(), s.parts.len()))
        .collect();
    assert_eq!(
        sums,
        vec![("车辆购置及维修费".into(), 2), ("合计".into(), 3)]
    );
    assert!(mismatches(&r).is_empty());
    let mut bad = cells;
    bad[13] = "340";
    let r = relations(&terminated(&bad));
    assert_eq!(
        mismatches(&r),
        vec![("车辆购置及维修费".into(), "预算数".into(), "600".into())]
    );
}

#[test]
fn a_whole_named_last_over_its_complete_breakdown() {
    let cells = [
        "经费项目",
        "本年支出（万元）",
        "因公出国（境）费",
        "0",
        "公务接待费",
        "12.50",
        "公务用车购置及运行维护费",
        "80.00",
        "公务用车购置费",
        "30.00",
        "公务用车运行维护费",
        "50.00",
        "总“三公”经费支出",
        "92.50",
    ];
    let r = relations(&terminated(&cells));
    assert_eq!(r.sums.len(), 2);
    assert!(mismatches(&r).is_empty());
    let mut bad = cells;
    bad[13] = "93.50";
    assert_eq!(mismatches(&relations(&terminated(&bad))).len(), 1);
}

#[test]
fn a_partial_list_and_rows_that_may_follow_it_are_not_summed() {
    // 其中 lists part of 会议费; 培训费 may be a second part or a row of its own.
    let cells = [
        "项目",
        "金额",
        "合计",
        "100",
        "会议费",
        "60",
        "其中：场地费",
        "20",
        "培训费",
        "40",
    ];
    assert!(relations(&terminated(&cells)).sums.is_empty());
    // A last row that names no total is no total.
    let cells = [
        "经费项目",
        "金额",
        "因公出国（境）费",
        "5",
        "公务接待费",
        "10",
        "公务用车运行费",
        "20",
        "会议费",
        "35",
    ];
    assert!(relations(&terminated(&cells)).sums.is_empty());
}

#[test]
fn years_and_change_words_in_names() {
    assert_eq!(year_of("2015年"), Some(2015));
    assert_eq!(year_of("2015年度"), Some(2015));
    assert_eq!(year_of("2015年预算"), None);
    assert_eq!(years_in("2016年比2015年增减%"), vec![2016, 2015]);
    assert_eq!(change_kind("2016年比2015年增减%"), Some((true, false)));
    assert_eq!(change_kind("2016年较2015年下降率"), Some((true, true)));
    assert_eq!(change_kind("2016年较2015年增减额"), Some((false, false)));
    assert_eq!(change_kind("2016年与2015年"), None);
    assert!(names_whole_label("合计"));
    assert!(names_whole_label("总“三公”经费支出"));
    assert!(!names_whole_label("会议费"));
}

fn names_whole_label(label: &str) -> bool {
    let r = Row {
        span: crate::model::Span::default(),
        kind: crate::parse::table::roles::row_kind(label).unwrap_or(RowKind::Other),
        label: label.to_string(),
        label_span: None,
        cells: Vec::new(),
        certain: true,
        uncertain: None,
        block: 0,
    };
    names_whole(&r)
}

const QIZHONG_GROUPS: &str = "补助资金分配表\n\
地区 | 补助合计 | 其中：甲类补助 | 其中：乙类补助 | ||\n\
小计 | 第一批 | 第二批 | 小计 | 第一批 | 第二批 | |\n\
东乡 | 9,000 | 6,000 | 4,000 | 2,000 | 3,000 | 1,000 | 2,000 |\n";

#[test]
fn a_column_over_its_qizhong_groups_is_judged_only_above_or_a_slip_short() {
    let verdict = |text: &str| {
        relations(text)
            .sums
            .into_iter()
            .find(|s| s.column == "补助合计")
            .map(|s| s.verdict)
    };
    assert_eq!(verdict(QIZHONG_GROUPS), Some(SumVerdict::Consistent));
    // Above the sum of its parts by less than 1 %: a slip.
    let slip = QIZHONG_GROUPS.replace("| 9,000 |", "| 9,010 |");
    assert!(matches!(
        verdict(&slip),
        Some(SumVerdict::Mismatch { exceeds: false, .. })
    ));
    // Parts above the total.
    let over = QIZHONG_GROUPS.replace("| 9,000 |", "| 8,900 |");
    assert!(matches!(
        verdict(&over),
        Some(SumVerdict::Mismatch { exceeds: true, .. })
    ));
    // Far short: the 其中 groups may name only the main parts.
    let short = QIZHONG_GROUPS.replace("| 9,000 |", "| 9,500 |");
    assert_eq!(verdict(&short), Some(SumVerdict::Partial));
}

/// A 经费控制情况 block flattened by extraction, rows running on over paragraphs.
const SANGONG: &str = "经费控制情况 2022年决算数 2023年预算数 2023年决算数 三公经费 30.50 40 35.20\n\n\
    1、公务用车购置和维护经费 20.50 25 22.20 其中:公车购置 10 10 公车运行维护 20.50\n\n15 12.20\n\n\
    2、出国经费\n\n3、公务接待 10\n\n15 13 项目支出:\n\n1、业务工作专项 80 90 85\n\n\
    说明：项目支出需要填报基本支出以外的所有项目支出。\n";

#[test]
fn numbered_items_that_are_all_of_a_row_are_its_parts() {
    let r = relations(SANGONG);
    let sangong: Vec<_> = r.sums.iter().filter(|s| s.label == "三公经费").collect();
    assert_eq!(sangong.len(), 3, "{:?}", r.sums);
    assert!(sangong.iter().all(|s| s.verdict == SumVerdict::Consistent));
    // The empty 出国 row counts as nothing; 项目支出 and its item are no part of it.
    assert_eq!(sangong[0].parts.len(), 2);
    // The row short of a figure (公车购置) leaves its group unsummed.
    assert!(r.sums.iter().all(|s| !s.label.contains("公务用车")));
    let off = SANGONG.replace("3、公务接待 10", "3、公务接待 11");
    let bad = mismatches(&relations(&off));
    assert_eq!(
        bad,
        vec![("三公经费".into(), "2022年决算数".into(), "30.50".into())]
    );
}

#[test]
fn numbered_items_that_may_be_some_of_a_row_are_not_summed() {
    // 业务工作专项 and 运行维护专项 need not be all of 项目支出.
    let text = "经费控制情况 2022年决算数 2023年决算数 项目支出 100 90\n\
                1、业务工作专项 50 40 2、运行维护专项 30 30\n";
    let r = relations(text);
    assert!(r.sums.is_empty(), "{:?}", r.sums);
    // Numbering that skips an item is no list of items.
    let text = SANGONG.replace("3、公务接待", "4、公务接待");
    assert!(relations(&text).sums.iter().all(|s| s.label != "三公经费"));
}
