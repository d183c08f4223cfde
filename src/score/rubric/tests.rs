//! Unit tests of rubrics.

use super::*;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_default()
}

fn exact(v: &str) -> ValueRange {
    ValueRange {
        lo: Some(d(v)),
        hi: Some(d(v)),
        ..ValueRange::default()
    }
}

fn satisfaction() -> ScoreRule {
    let b = |min: Option<i64>, max: Option<i64>, p: i64| Band {
        min: min.map(|v| Bound {
            value: Decimal::from(v),
            inclusive: true,
        }),
        max: max.map(|v| Bound {
            value: Decimal::from(v),
            inclusive: false,
        }),
        score: BandScore::Points(Decimal::from(p)),
    };
    ScoreRule::Bands(vec![
        b(Some(95), None, 6),
        b(Some(90), Some(95), 4),
        b(Some(80), Some(90), 2),
        b(None, Some(80), 1),
    ])
}

#[test]
fn bands_at_their_boundaries() {
    let r = satisfaction();
    let w = Decimal::from(6);
    assert_eq!(r.score_at(w, d("95")), Some(d("6")));
    assert_eq!(r.score_at(w, d("94.99")), Some(d("4")));
    assert_eq!(r.score_at(w, d("90")), Some(d("4")));
    assert_eq!(r.score_at(w, d("89.9")), Some(d("2")));
    assert_eq!(r.score_at(w, d("80")), Some(d("2")));
    assert_eq!(r.score_at(w, d("79")), Some(d("1")));
    // `90%以上`: anything from 90 up gives 4 or 6; the guaranteed tier is 4.
    let at_least_90 = ValueRange {
        lo: Some(d("90")),
        ..ValueRange::default()
    };
    assert_eq!(r.range(w, &at_least_90), Some((d("4"), d("6"))));
    // `95.0%` may be 94.95: both tiers possible.
    let written = ValueRange {
        lo: Some(d("94.95")),
        hi: Some(d("95.05")),
        ..ValueRange::default()
    };
    assert_eq!(r.range(w, &written), Some((d("4"), d("6"))));
    // `不足80%`.
    let below = ValueRange {
        hi: Some(d("80")),
        hi_open: true,
        ..ValueRange::default()
    };
    assert_eq!(r.range(w, &below), Some((d("1"), d("1"))));
}

#[test]
fn fraction_bands_scale_with_the_weight() {
    let r = ScoreRule::Bands(vec![Band {
        min: Some(Bound {
            value: d("90"),
            inclusive: true,
        }),
        max: None,
        score: BandScore::Fraction(d("0.5")),
    }]);
    assert_eq!(r.score_at(d("10"), d("95")), Some(d("5")));
    assert_eq!(r.score_at(d("10"), d("85")), None);
}

#[test]
fn linear_is_capped_at_the_weight() {
    let r = ScoreRule::Linear {
        full_at: Decimal::ONE_HUNDRED,
        cap: true,
    };
    assert_eq!(r.score_at(d("10"), d("97.44")), Some(d("9.744")));
    assert_eq!(r.score_at(d("10"), d("104")), Some(d("10")));
    let uncapped = ScoreRule::Linear {
        full_at: Decimal::ONE_HUNDRED,
        cap: false,
    };
    assert_eq!(uncapped.score_at(d("10"), d("104")), Some(d("10.4")));
    let r20 = r.range(d("20"), &exact("96.5"));
    assert_eq!(r20, Some((d("19.3"), d("19.3"))));
}

#[test]
fn deductions_stop_at_zero() {
    let r = ScoreRule::Deduction {
        limit: Decimal::ONE_HUNDRED,
        over: true,
        step: Decimal::ONE,
        points: d("0.5"),
        count: StepCount::Exact,
    };
    assert_eq!(r.score_at(d("3"), d("100")), Some(d("3")));
    assert_eq!(r.score_at(d("3"), d("102")), Some(d("2")));
    assert_eq!(r.score_at(d("3"), d("150")), Some(d("0")));
    let up = ScoreRule::Deduction {
        limit: Decimal::ONE_HUNDRED,
        over: true,
        step: Decimal::ONE,
        points: d("0.5"),
        count: StepCount::Up,
    };
    assert_eq!(up.score_at(d("3"), d("101.2")), Some(d("2")));
    let under = ScoreRule::Deduction {
        limit: d("95"),
        over: false,
        step: Decimal::ONE,
        points: Decimal::ONE,
        count: StepCount::Down,
    };
    assert_eq!(under.score_at(d("5"), d("92.5")), Some(d("3")));
}

#[test]
fn pass_fail_threshold() {
    let r = ScoreRule::PassFail {
        min: None,
        max: Some(Bound {
            value: Decimal::ONE_HUNDRED,
            inclusive: true,
        }),
        pass: None,
        fail: Decimal::ZERO,
    };
    assert_eq!(r.score_at(d("1"), d("100")), Some(d("1")));
    assert_eq!(r.score_at(d("1"), d("100.01")), Some(d("0")));
    assert_eq!(r.range(d("1"), &exact("100")), Some((d("1"), d("1"))));
}

#[test]
fn criteria_text_gives_bands() {
    let (var, bands) = bands_from_criteria(
        "社会公众或服务对象是指……进行分档计分。 1.满意度≥95%的，得6分； 2.90%≤满意度<95%的，得4分； 3.80%≤满意度<90%的，得2分； 4.满意度<80%的，得1分。",
    )
    .unwrap_or_default();
    assert_eq!(var, "满意度");
    assert_eq!(ScoreRule::Bands(bands.clone()), satisfaction());
    let (var, bands) = bands_from_criteria(
        "固定资产利用率=(实际在用固定资产总额/所有固定资产总额)×100% 1.固定资产利用率≥90%的,得1分; 2.90%>固定资产利用率≥75%的,得0.7分; 3.75%>固定资产利用率≥60%的,得0.4分; 4.固定资产利用率<60%的,得0分。",
    )
    .unwrap_or_default();
    assert_eq!(var, "固定资产利用率");
    let r = ScoreRule::Bands(bands);
    assert_eq!(r.score_at(Decimal::ONE, d("80")), Some(d("0.7")));
    assert_eq!(r.score_at(Decimal::ONE, d("90")), Some(d("1")));
    assert!(bands_from_criteria("1.部门预算编制合理（1分）；2.分配合理（1分）。").is_none());
}

#[test]
fn huge_figures_give_no_score_rather_than_a_panic() {
    let big = Decimal::MAX;
    let linear = ScoreRule::Linear {
        full_at: Decimal::ONE_HUNDRED,
        cap: true,
    };
    assert_eq!(linear.score_at(big, big), None);
    let ded = ScoreRule::Deduction {
        limit: Decimal::MIN,
        over: true,
        step: Decimal::new(1, 10),
        points: big,
        count: StepCount::Exact,
    };
    assert_eq!(ded.score_at(d("5"), big), None);
    let open = ValueRange {
        lo: Some(big),
        lo_open: true,
        ..ValueRange::default()
    };
    assert_eq!(satisfaction().range(d("6"), &open), None);
}

#[test]
fn the_builtin_rubric_loads() {
    let r = Rubric::from_json(DEFAULT, "built-in");
    assert!(r.is_ok(), "{r:?}");
    let r = Rubric::builtin();
    assert_eq!(r.name, "default");
    assert_eq!(r.grade_of(d("89.5")).map(|g| g.grade.as_str()), Some("良"));
    assert_eq!(r.grade_of(d("90")).map(|g| g.grade.as_str()), Some("优"));
    assert_eq!(r.grade_named("优秀").map(|g| g.grade.as_str()), Some("优"));
}

#[test]
fn bad_rubrics_are_clear_errors() {
    let e = Rubric::from_json("{", "x.json")
        .err()
        .map(|e| e.to_string());
    assert!(
        e.as_deref()
            .is_some_and(|e| e.starts_with("x.json: not valid JSON")),
        "{e:?}"
    );
    let e = Rubric::from_json(r#"{"name": "x", "grades": [{"grade": "优"}]}"#, "x.json")
        .err()
        .map(|e| e.to_string());
    assert!(
        e.as_deref().is_some_and(|e| e.contains("/grades/0")),
        "{e:?}"
    );
    let e = Rubric::from_json(
        r#"{"name": "x", "indicators": [{"names": ["满意度"], "evidence": {"keywords": ["满意度"]}, "rule": {"kind": "bands", "bands": [{"min": 95, "points": 6, "fraction": 1}]}}]}"#,
        "x.json",
    )
    .err()
    .map(|e| e.to_string());
    assert!(
        e.as_deref()
            .is_some_and(|e| e.contains("/indicators/0/rule/bands/0")),
        "{e:?}"
    );
}

#[test]
fn criteria_say_what_a_missed_target_scores() {
    let m = |t: &str| missed_from_criteria(t);
    assert_eq!(m("达到指标值得满分，未完成不得分。"), Some(Missed::Zero));
    assert_eq!(m("完成目标得5分；否则得0分"), Some(Missed::Zero));
    assert_eq!(
        m("全部完成得满分，未达到的按实际完成比例得分"),
        Some(Missed::Ratio)
    );
    assert_eq!(m("得分=实际完成值/年度指标值×分值"), Some(Missed::Ratio));
    assert_eq!(
        m("达到目标得满分，未达到目标的酌情扣分"),
        Some(Missed::Less)
    );
    assert_eq!(m("未完成的每低1个百分点扣1分"), Some(Missed::Less));
    // A deduction of 10 points is no zero; tiers and prose say nothing of a miss.
    assert_eq!(m("未完成的扣10分"), Some(Missed::Less));
    assert_eq!(
        m("1.满意度≥95%的，得6分；2.90%≤满意度<95%的，得4分。"),
        None
    );
    assert_eq!(m("反映项目完成情况。"), None);
}

#[test]
fn a_rubric_names_what_a_missed_target_scores() {
    let r = Rubric::from_json(r#"{"name":"x","quantitative":{"missed":"zero"}}"#, "t").unwrap();
    assert_eq!(r.quantitative_missed, Missed::Zero);
    assert_eq!(Rubric::builtin().quantitative_missed, Missed::Ratio);
    let e = Rubric::from_json(r#"{"name":"x","quantitative":{"missed":"half"}}"#, "t");
    assert!(e.unwrap_err().message.contains("/quantitative/missed"));
}
