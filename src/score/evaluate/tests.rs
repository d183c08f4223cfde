//! Unit tests of re-scoring.

use std::str::FromStr;

use super::*;
use crate::model::SourceFormat;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_default()
}

fn fig(s: &str) -> Figure {
    let decimals = s.split_once('.').map(|(_, f)| f.len() as u32).unwrap_or(0);
    Figure {
        value: d(s),
        decimals,
        span: Span::default(),
    }
}

fn run(text: &str) -> (Scorecard, Evaluation) {
    let doc = crate::parse::parse(text, SourceFormat::Text);
    let Some(card) = crate::score::read(text, &doc) else {
        panic!("no scorecard in:\n{text}");
    };
    let tables = crate::relations::table::find(&doc);
    let e = evaluate(text, &doc, &tables, &card, Rubric::builtin());
    (card, e)
}

#[test]
fn claims_fit_at_two_places_or_their_own() {
    assert!(fits(&fig("9.74"), d("9.7435"), d("9.7445")));
    assert!(fits(&fig("4.8"), d("4.8247"), d("4.8247")));
    assert!(fits(&fig("4.82"), d("4.8247"), d("4.8247")));
    // Truncation is accepted.
    assert!(fits(&fig("9.95"), d("9.9579"), d("9.9579")));
    // Full marks are not a rounding of 9.96.
    assert!(!fits(&fig("10"), d("9.9579"), d("9.9579")));
    assert!(fits(&fig("10"), d("9.996"), d("9.996")));
    assert!(!fits(&fig("6"), d("4"), d("4")));
}

#[test]
fn execution_score_is_weight_times_rate() {
    let head = "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n";
    let (_, e) = run(&format!(
        "{head}年度资金总额\t850.00\t912.46\t889.14\t10\t97.44%\t9.74\n"
    ));
    let s = e.indicators[0].support.clone();
    assert_eq!(s.as_ref().map(|s| s.consistent), Some(true), "{s:?}");
    let (_, e) = run(&format!(
        "{head}年度资金总额\t850.00\t912.46\t889.14\t10\t97.44%\t10\n"
    ));
    let s = e.indicators[0].support.clone();
    assert_eq!(
        s.as_ref().map(|s| (s.consistent, show(s.expected))),
        Some((false, "9.74".into()))
    );
    assert_eq!(e.indicators[0].status, Status::Unsupported);
    // Capped at the weight: 105% gives 10, not 10.5.
    let (_, e) = run(&format!(
        "{head}年度资金总额\t100.00\t100.00\t105.00\t10\t105.00%\t10\n"
    ));
    assert_eq!(e.indicators[0].status, Status::Confirmed);
}

#[test]
fn quantitative_rows_positive_and_negative() {
    let head = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n";
    let (_, e) = run(&format!(
        "{head}产出指标\t时效指标\t完工及时率\t≥95%\t91.67%\t5\t4.82\n\
产出指标\t成本指标\t项目总成本\t≤486.24万元\t468.57万元\t5\t5\n\
满意度指标\t满意度\t群众满意度\t≥95%\t91.2%\t10\t10\n\
产出指标\t成本指标\t单位成本\t≤1500元\t1800元\t5\t5\n"
    ));
    let st: Vec<Status> = e.indicators.iter().map(|i| i.status).collect();
    assert!(st.contains(&Status::Unsupported));
    let sup: Vec<(String, bool)> = e
        .indicators
        .iter()
        .filter_map(|i| i.support.as_ref())
        .map(|s| (show(s.expected), s.consistent))
        .collect();
    assert_eq!(
        sup,
        vec![
            ("4.82".into(), true),
            ("5".into(), true),
            ("9.6".into(), false),
            ("4.17".into(), false)
        ]
    );
}

#[test]
fn sums_and_totals_in_a_whole_table() {
    let (card, e) = run(
        "一级指标\t二级指标\t分值\t得分\n投入\t\t20\t19\n\t目标设定\t8\t8\n\t预算编制\t12\t10\n过程\t\t80\t76\n\t资金管理\t80\t76\n合计\t\t100\t96\n",
    );
    assert!(card.tables[0].whole);
    let bad: Vec<_> = e.sums.iter().filter(|s| !s.consistent).collect();
    assert_eq!(bad.len(), 1, "{:?}", e.sums);
    assert_eq!(card.indicators[bad[0].parent].name, "投入");
    assert_eq!(bad[0].sum, d("18"));
    // The total row matches the stated parents (19 + 76 = 95? no: 96 ≠ 95).
    let t: Vec<_> = e.totals.iter().map(|t| (t.measure, t.consistent)).collect();
    assert_eq!(t, vec![(Measure::Score, false), (Measure::Weight, true)]);
    assert_eq!(e.recomputed_total, Some(d("94")));
}

#[test]
fn grades_follow_the_bands() {
    let (_, e) = run("经自评，本部门2023年度整体支出绩效自评得分89.5分，自评等级为“优”。\n");
    assert_eq!(e.grades.len(), 1);
    assert!(!e.grades[0].consistent);
    assert_eq!(e.grades[0].expected, "良");
    let (_, e) = run("经自评，本部门2023年度整体支出绩效自评得分90分，自评等级为“优秀”。\n");
    assert!(e.grades[0].consistent);
}

#[test]
fn targets_criteria_and_last_year_are_not_evidence() {
    let (card, e) = run(
        "服务对象满意度目标值为95%，实际满意度为92.5%。\n评分标准为满意度≥95%的得6分。上年满意度为96%。\n\
一级指标\t二级指标\t分值\t得分\n部门绩效\t公众或服务对象满意度\t6\t6\n",
    );
    let i = card
        .indicators
        .iter()
        .position(|i| i.name == "公众或服务对象满意度")
        .unwrap_or(usize::MAX);
    let s = e.indicators.get(i).and_then(|e| e.support.clone());
    assert_eq!(
        s.as_ref().map(|s| (show(s.expected), s.evidence.len())),
        Some(("4".into(), 1)),
        "{s:?}"
    );
}

#[test]
fn count_ratio_evidence() {
    let table = "一级指标\t二级指标\t分值\t得分\n部门绩效\t项目完成率\t6\t{score}\n";
    let prose = "全年计划完成项目12个，实际完成项目11个。\n";
    let (card, e) = run(&format!("{prose}{}", table.replace("{score}", "6")));
    let i = card
        .indicators
        .iter()
        .position(|i| i.name == "项目完成率")
        .unwrap_or(usize::MAX);
    let s = e.indicators.get(i).and_then(|e| e.support.clone());
    assert_eq!(
        s.as_ref()
            .map(|s| (show(s.expected), s.consistent, s.evidence.len())),
        Some(("5.5".into(), false, 2)),
        "{s:?}"
    );
    let (_, e) = run(&format!("{prose}{}", table.replace("{score}", "5.5")));
    assert_eq!(
        e.indicators.get(i).map(|e| e.status),
        Some(Status::Confirmed)
    );
}

#[test]
fn satisfaction_floor_allows_every_tier_above_it() {
    let (card, e) = run("服务对象满意度根据项目自评结果达到90%以上。\n\
一级指标\t二级指标\t分值\t得分\t参考评分标准\n\
部门绩效\t公众或服务对象满意度\t6\t6\t1.满意度≥95%的，得6分； 2.90%≤满意度<95%的，得4分； 3.80%≤满意度<90%的，得2分； 4.满意度<80%的，得1分。\n");
    let i = card
        .indicators
        .iter()
        .position(|i| i.name == "公众或服务对象满意度")
        .unwrap_or(usize::MAX);
    let s = e.indicators.get(i).and_then(|e| e.support.clone());
    assert_eq!(
        s.as_ref()
            .map(|s| (s.bound, show(s.expected), s.consistent, s.basis.kind())),
        Some((EvidenceBound::Floor, "4".into(), true, "table"))
    );
    // `90%以上` allows the 4- and the 6-point tiers: the claimed 6 is in that range.
    assert_eq!(
        e.indicators.get(i).and_then(|e| e.range),
        Some((Decimal::from(4), Decimal::from(6)))
    );
}
