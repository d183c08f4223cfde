//! Unit tests of the score-table reader.

use super::prose::grades_in;
use super::*;
use crate::model::SourceFormat;
use crate::score::Cmp;

fn card(text: &str) -> Scorecard {
    let doc = crate::parse::parse(text, SourceFormat::Text);
    match super::super::read(text, &doc) {
        Some(c) => c,
        None => panic!("no scorecard in:\n{text}"),
    }
}

fn names(c: &Scorecard) -> Vec<(String, u8, Option<String>, Option<String>)> {
    c.indicators
        .iter()
        .map(|i| {
            (
                i.name.clone(),
                i.level,
                i.weight.as_ref().map(Figure::display),
                i.score.as_ref().map(Figure::display),
            )
        })
        .collect()
}

#[test]
fn tab_table_with_repeated_parents_is_whole() {
    let c = card(
        "一级指标\t二级指标\t分值\t得分\n投入\t目标设置\t10\t10\n投入\t预算编制\t10\t9\n过程\t资金管理\t80\t76\n合计\t\t100\t95\n",
    );
    assert_eq!(c.tables.len(), 1);
    assert!(c.tables[0].whole, "{:?}", c.tables[0].unreadable);
    let n = names(&c);
    assert_eq!(n[0], ("投入".into(), 1, None, None));
    assert_eq!(
        n[1],
        ("目标设置".into(), 2, Some("10".into()), Some("10".into()))
    );
    assert_eq!(c.indicators[2].parent, Some(0));
    assert_eq!(c.indicators[4].parent, Some(3));
    assert_eq!(c.totals.len(), 1);
    assert_eq!(c.totals[0].score.display(), "95");
    assert_eq!(
        c.totals[0].weight.as_ref().map(Figure::display),
        Some("100".into())
    );
    assert_eq!(c.top_level(0), vec![0, 3]);
}

#[test]
fn markdown_table_with_parent_rows() {
    let text = "| 一级指标 | 二级指标 | 分值 | 得分 |\n| --- | --- | --- | --- |\n| 投入 |  | 20 | 19 |\n|  | 目标设定 | 8 | 8 |\n|  | 预算编制 | 12 | 11 |\n| 合计 |  | 20 | 19 |\n";
    let doc = crate::parse::parse(text, SourceFormat::Markdown);
    let c = super::super::read(text, &doc).unwrap_or_else(|| panic!("no card"));
    assert!(c.tables[0].whole, "{:?}", c.tables[0].unreadable);
    assert_eq!(
        names(&c)[0],
        ("投入".into(), 1, Some("20".into()), Some("19".into()))
    );
    assert_eq!(c.indicators[1].parent, Some(0));
    assert_eq!(c.indicators[2].parent, Some(0));
}

#[test]
fn project_table_reads_funds_and_measures() {
    let c = card(
        "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
年度资金总额\t850.00\t912.46\t889.14\t10\t97.44%\t9.74\n\
其中：本年财政拨款\t850.00\t850.00\t835.98\t—\t98.35%\t—\n\
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n\
产出指标\t数量指标\t改造农村户用卫生厕所\t≥1200座\t1236座\t15\t15\t\n\
效益指标\t生态效益指标\t覆盖比例\t≥95%\t94.12%\t10\t9.91\t选址未定\n\
总分\t\t\t\t\t100\t99.65\n",
    );
    assert_eq!(c.kind, CardKind::Project);
    assert!(c.tables[0].whole, "{:?}", c.tables[0].unreadable);
    let funds = c.indicators[0].funds.clone().unwrap_or_default();
    assert_eq!(funds.spent.map(|f| f.display()), Some("889.14".into()));
    assert_eq!(funds.rate.map(|f| f.display()), Some("97.44".into()));
    let leaf = &c.indicators[3];
    assert_eq!(leaf.name, "改造农村户用卫生厕所");
    assert_eq!(leaf.target.as_ref().map(|m| m.cmp), Some(Cmp::AtLeast));
    assert_eq!(
        leaf.actual.as_ref().map(|m| m.value),
        Some(Decimal::from(1236))
    );
    assert_eq!(c.totals[0].score.display(), "99.65");
}

#[test]
fn garbled_rows_are_read_by_shape_and_make_the_table_not_whole() {
    let c = card(
        "评价指标\t\t\t\t指标说明\t参考评分标准\t分数\t\t\n\
一级指标\t\t二级指标\t\t\t\t\t三级指标\t\n\
名称\t参考分值\t名称\t参考分值\t\t\t\t名称\t参考分值\n\
部门决策\t20\t预算编制\t10\t预算编制合理性\t5\t1.部门预算编制合理（1分）；2.分配合理（1分）。\t5\t\n\
\t\t\t\t预算编制规范性\t5\t\t\t\n\
部门绩效\t60\t经济性\t6\t公用经费控制率\t6\t说明。\t<p>人数</p>\t1\t<p>比率</p>\t1\n\
\t\t公众或服务对象满意度\t6\t反映满意度。\t1.满意度≥95%的，得6分； 2.90%≤满意度<95%的，得4分。\t6\n\
综合评分\t98.0\n评分等级\t优\n",
    );
    let t = &c.tables[0];
    assert!(!t.whole);
    let certain: Vec<_> = c
        .indicators
        .iter()
        .filter(|i| i.certain)
        .map(|i| (i.name.clone(), i.weight.as_ref().map(Figure::display)))
        .collect();
    assert!(
        certain.contains(&("公众或服务对象满意度".into(), Some("6".into()))),
        "{certain:?}"
    );
    assert!(
        certain.contains(&("预算编制合理性".into(), Some("5".into()))),
        "{certain:?}"
    );
    assert!(!certain.iter().any(|(n, _)| n == "公用经费控制率"));
    assert!(c.indicators.iter().all(|i| i.parent.is_none()));
    assert!(t.unreadable.iter().any(|(_, r)| *r == Unreadable::Markup));
    assert!(t.unreadable.iter().any(|(_, r)| *r == Unreadable::NoScore));
    assert_eq!(c.totals[0].score.display(), "98.0");
    assert_eq!(c.grades[0].word, "优");
    assert_eq!(c.grades[0].total, Some(0));
}

#[test]
fn prose_total_with_parts_and_grade() {
    let c = card(
        "按照部门整体支出绩效评价指标体系对照打分得出结果为 98 分，其中部门决策得分 20 分，部门管理得分 19.5 分，部门绩效得分 58.5 分，自评等级为“优”。\n",
    );
    assert_eq!(c.totals.len(), 1);
    assert_eq!(c.totals[0].score.display(), "98");
    let parts: Vec<_> = c.totals[0]
        .parts
        .iter()
        .map(|&p| c.indicators[p].name.clone())
        .collect();
    assert_eq!(parts, ["部门决策", "部门管理", "部门绩效"]);
    assert_eq!(c.grades.len(), 1);
    assert_eq!(c.grades[0].word, "优");
    assert_eq!(c.grades[0].total, Some(0));
}

#[test]
fn prose_parts_opening_the_next_sentence() {
    let text = "经自评，本项目综合得分95分，评价等级为“优”。其中：项目决策19分，项目过程18分，项目产出38分，项目效益20分。\n";
    let c = card(text);
    assert_eq!(c.totals.len(), 1);
    let parts: Vec<_> = c.totals[0]
        .parts
        .iter()
        .map(|&p| c.indicators[p].name.clone())
        .collect();
    assert_eq!(parts, ["项目决策", "项目过程", "项目产出", "项目效益"]);
    // A later sentence that does not open with 其中 lists no parts of this total.
    let text = "经自评，本项目综合得分95分。全年培训共4期，其中线上培训2期，得分较高的2期。\n";
    let c = card(text);
    assert_eq!(c.totals.len(), 1);
    assert!(c.totals[0].parts.is_empty());
}

#[test]
fn prose_parts_with_their_weights() {
    let listed = |text: &str| {
        let c = card(text);
        c.totals[0]
            .parts
            .iter()
            .map(|&p| {
                let i = &c.indicators[p];
                let w = i.weight.as_ref().map(|f| f.display()).unwrap_or_default();
                let s = i.score.as_ref().map(|f| f.display()).unwrap_or_default();
                format!("{} {w}/{s}", i.name)
            })
            .collect::<Vec<_>>()
    };
    let want = ["决策 20/19", "过程 30/28"];
    // The weight first, then its score.
    assert_eq!(
        listed(
            "经自评，整体绩效得分47分。其中：决策指标20分，得分19分；过程指标30分，得分28分。\n"
        ),
        want
    );
    assert_eq!(
        listed(
            "经自评，整体绩效得分47分，其中决策指标分值20分，得分19分，过程指标分值30分，得分28分。\n"
        ),
        want
    );
    // The weight with its indicator, `得` and the score right after it.
    assert_eq!(
        listed("经自评，整体绩效得分47分。其中：决策指标20分得19分，过程指标30分得28分。\n"),
        want
    );
    assert_eq!(
        listed(
            "经自评，整体绩效得分47分，其中决策指标满分20分，实得19分；过程指标满分30分，实得28分。\n"
        ),
        want
    );
    // The score first, its weight in brackets.
    assert_eq!(
        listed("经自评，整体绩效得分47分，其中决策19分（满分20分），过程28分（满分30分）。\n"),
        want
    );
    // A deduction among the parts: the list is not read, rather than read in part.
    assert!(listed("经自评，整体绩效得分47分，其中决策19分，扣1分，过程28分。\n").is_empty());
    // A weight with no score after it.
    assert!(
        listed("经自评，整体绩效得分47分，其中决策指标分值20分，过程指标分值30分。\n").is_empty()
    );
}

#[test]
fn grade_words_in_prose() {
    let g = |s: &str| {
        grades_in(s, Span::new(0, s.len()))
            .into_iter()
            .map(|(w, _)| w)
            .collect::<Vec<_>>()
    };
    assert_eq!(g("自评等级：优"), ["优"]);
    assert_eq!(g("评价等级为良好。"), ["良好"]);
    assert_eq!(g("综合评定为“优秀”等级。"), ["优秀"]);
    assert!(g("等级保护测评工作").is_empty());
    assert!(g("资金等级中心").is_empty());
    let text = "全区农村公路技术状况等级为优。经自评，本项目综合得分88分。\n";
    let doc = crate::parse::parse(text, SourceFormat::Text);
    assert!(super::super::read(text, &doc).is_some_and(|c| c.grades.is_empty()));
}

#[test]
fn indicator_scores_in_prose_are_not_totals() {
    let text = "满意度指标得分9.96分，扣0.04分。经自评，项目综合得分99.42分。\n";
    let c = card(text);
    assert_eq!(c.totals.len(), 1);
    assert_eq!(c.totals[0].score.display(), "99.42");
    let text = "对照评价指标体系打分，得分 96.5 分，其中部门决策得分 19 分，部门管理得分 19 分，部门绩效得分 58.5 分，评价等级为“优”。\n";
    let c = card(text);
    assert_eq!(c.totals.len(), 1);
    assert_eq!(c.totals[0].score.display(), "96.5");
    assert_eq!(c.totals[0].parts.len(), 3);
    assert_eq!(c.grades[0].total, Some(0));
}

#[test]
fn space_aligned_text_tables() {
    let text = "七、自评结论\n一级指标    分值    得分\n投入        20      19\n过程        20      19.5\n合计        40      38.5\n经自评，本单位整体支出绩效得分 38.5 分。\n";
    let c = card(text);
    assert_eq!(c.tables.len(), 1);
    assert!(c.tables[0].whole, "{:?}", c.tables[0].unreadable);
    assert_eq!(
        names(&c)[1],
        ("过程".into(), 1, Some("20".into()), Some("19.5".into()))
    );
    assert_eq!(c.totals.len(), 2);
}

#[test]
fn outline_markers_give_levels_in_one_name_column() {
    let c = card(
        "指标\t分值\t得分\t扣分说明\n一、投入\t20\t19.00\n（一）目标设定\t8\t7.00\n1.绩效目标合理性\t4\t4.00\n2.绩效指标明确性\t4\t3.00\t部分指标未量化\n（二）预算配置\t12\t12.00\n3.在职人员控制率\t12\t12.00\n二、过程\t80\t76\n（三）预算执行\t80\t76\n4.预算完成率\t80\t76\n合计\t100\t95\n",
    );
    assert!(c.tables[0].whole, "{:?}", c.tables[0].unreadable);
    let n: Vec<(String, u8)> = c
        .indicators
        .iter()
        .map(|i| (i.name.clone(), i.level))
        .collect();
    assert_eq!(n[0], ("投入".into(), 1));
    assert_eq!(n[1], ("目标设定".into(), 2));
    assert_eq!(n[2], ("绩效目标合理性".into(), 3));
    assert_eq!(c.indicators[2].parent, Some(1));
    assert_eq!(c.indicators[4].parent, Some(0));
    assert_eq!(c.indicators[5].parent, Some(4));
    assert_eq!(c.top_level(0), vec![0, 6]);
}

#[test]
fn a_row_shifted_by_one_tab_is_realigned() {
    let c = card(
        "一级指标\t分值\t二级指标\t分值\t三级指标\t分值\t评分标准\t得分\n\
部门决策\t20\t预算编制\t10\t预算编制合理性\t5\t得满分\t5\n\
\t\t\t预算编制规范性\t5\t发现一项不符合扣1分\t5\n\
\t\t绩效目标\t10\t绩效目标完整性\t10\t按要求编报得满分\t9\n\
合计\t20\t\t\t\t\t\t19\n",
    );
    assert!(c.tables[0].whole, "{:?}", c.tables[0].unreadable);
    let leaf = c.indicators.iter().find(|i| i.name == "预算编制规范性");
    assert_eq!(leaf.map(|l| l.level), Some(3));
    assert_eq!(
        leaf.and_then(|l| l.parent)
            .map(|p| c.indicators[p].name.as_str()),
        Some("预算编制")
    );
}

#[test]
fn tables_without_scores_are_not_scorecards() {
    let text = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\n产出指标\t数量指标\t供餐学校\t100%\t100%\n";
    let doc = crate::parse::parse(text, SourceFormat::Text);
    assert!(super::super::read(text, &doc).is_none());
    let text = "一级指标\t分值\t得分\n投入\t20\t\n过程\t80\t\n";
    let doc = crate::parse::parse(text, SourceFormat::Text);
    assert!(super::super::read(text, &doc).is_none());
}

#[test]
fn a_score_table_one_cell_per_line_is_read_and_rescored() {
    let text = "项目绩效自评表 |\n||||||\n|\n一级指标 |\n二级指标 |\n三级指标 |\n分值 |\n\
                年度指标值 |\n实际完成值 |\n得分 |\n偏差原因 |\n|\n产出指标(50分) |\n数量指标 |\n\
                培训人数(≥**人) |\n20 |\n>=500人 |\n460人 |\n20 |\n名额调整 |\n|\n|\n|\n\
                覆盖乡镇数 |\n30 |\n>=12个 |\n12个 |\n30 |\n|\n";
    let c = card(text);
    let n = names(&c);
    let leaf = n.iter().find(|x| x.0.starts_with("培训人数")).unwrap();
    assert_eq!(
        (leaf.2.as_deref(), leaf.3.as_deref()),
        (Some("20"), Some("20"))
    );
    let ind = c
        .indicators
        .iter()
        .find(|i| i.name.starts_with("培训人数"))
        .unwrap();
    assert!(ind.certain);
    assert!(ind.target.is_some() && ind.actual.is_some());
}
