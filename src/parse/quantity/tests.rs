//! Unit tests of the quantity extractor.

use super::*;
use crate::model::SourceFormat;

/// `(figure as displayed, qualifier, label)` of every figure of a text.
fn figures(text: &str) -> Vec<(String, Option<Qualifier>, String)> {
    let blocks = crate::parse::structure::blocks(text, SourceFormat::Text);
    extract(text, &blocks)
        .quantities
        .into_iter()
        .map(|q| (q.display(), q.qualifier, q.label_text().to_string()))
        .collect()
}

fn shown(text: &str) -> Vec<String> {
    figures(text).into_iter().map(|f| f.0).collect()
}

#[test]
fn units_scales_and_pdf_spaces() {
    assert_eq!(
        shown("进出口总额 1121 亿元，同比上升 12%。"),
        ["1121亿元", "12%"]
    );
    assert_eq!(shown("执行率85.06 %。"), ["85.06%"]);
    assert_eq!(shown("较上年提高3.2个百分点。"), ["3.2个百分点"]);
    assert_eq!(shown("维修项下进出口总额6.95亿美元。"), ["6.95亿美元"]);
    assert_eq!(shown("结余3359.62万，"), ["3359.62万元"]);
    assert_eq!(
        shown("出动2523人次，发现隐患318处。"),
        ["2523人次", "318处"]
    );
}

#[test]
fn full_width_digits_and_thousands_separators() {
    assert_eq!(shown("支出决算８７０７．２７万元。"), ["8707.27万元"]);
    assert_eq!(shown("基本支出11,122,315.04元。"), ["11122315.04元"]);
    assert_eq!(shown("支出54 440.73万元。"), ["54440.73万元"]);
}

#[test]
fn a_unit_broken_across_lines_is_joined() {
    assert_eq!(
        shown("本年度支出1781.86 万\n\n元，较上年增加。\n"),
        ["1781.86万元"]
    );
}

#[test]
fn qualifiers_are_bounds() {
    let f = figures("固定资产投资约3.66亿元，对接企业超50家，满意度达到90%以上，新增100余家。");
    let q: Vec<Option<Qualifier>> = f.iter().map(|x| x.1).collect();
    assert_eq!(
        q,
        [
            Some(Qualifier::Approx),
            Some(Qualifier::MoreThan),
            Some(Qualifier::AtLeast),
            Some(Qualifier::MoreThan)
        ]
    );
}

#[test]
fn years_dates_codes_and_ordinals_are_not_figures() {
    assert!(
        shown("2023年3月15日，按照《办法》（深财预〔2016〕136号），联系电话25281029。").is_empty()
    );
    assert!(shown("全国综合排名第57位，H986查验设施，跨境电商1210业务。").is_empty());
    assert!(shown("2023年1-12月，截至11月底，9至10月。").is_empty());
}

#[test]
fn labels_are_the_words_before_the_figure() {
    let f = figures(
        "2023年度我中心调整后的部门整体支出财政拨款预算为8733.75万元，支出决算为8707.27元。",
    );
    assert_eq!(f[0].2, "调整后的部门整体支出财政拨款预算");
    assert_eq!(f[1].2, "支出决算");
    let f = figures("共登记建档限期整改隐患902处，截至12月底完成整改899处。");
    assert_eq!(f[1].2, "完成整改");
}

#[test]
fn periods_govern_their_sentence_and_paragraph_head() {
    let text = "2023年1-12月实现进出口总额1121亿元。规上商品销售额110.9亿元。截至11月底，冷链总额5.36亿元。\n";
    let blocks = crate::parse::structure::blocks(text, SourceFormat::Text);
    let p: Vec<Option<Period>> = extract(text, &blocks)
        .quantities
        .iter()
        .map(|q| q.period)
        .collect();
    let full = Some(Period::Months { from: 1, to: 12 });
    assert_eq!(
        p,
        [
            full,
            full,
            Some(Period::Until {
                year: 0,
                month: 11,
                day: 0
            })
        ]
    );
}

#[test]
fn a_long_digit_run_is_scanned_once() {
    // A run that is not a figure is skipped whole, not re-read from each of its digits
    // (which took quadratic time and read the run's tail as a figure).
    let text = format!("共{}个", "9".repeat(200_000));
    let blocks = crate::parse::structure::blocks(&text, crate::model::SourceFormat::Text);
    let ex = extract(&text, &blocks);
    assert!(ex.quantities.is_empty());
    assert_eq!(ex.overlong.len(), 1);
}

#[test]
fn long_numbers_are_exact_or_reported_never_cut() {
    let text = "支出1000000000000000000000000200万元，预算10000000000000000000000000000200万元。";
    let blocks = crate::parse::structure::blocks(text, crate::model::SourceFormat::Text);
    let ex = extract(text, &blocks);
    // 28 digits: held exactly, not read as its last digits.
    let values: Vec<String> = ex.quantities.iter().map(|q| q.value.to_string()).collect();
    assert_eq!(values, vec!["1000000000000000000000000200".to_string()]);
    // 32 digits: reported, with its span.
    let spans: Vec<&str> = ex.overlong.iter().map(|s| &text[s.start..s.end]).collect();
    assert_eq!(spans, vec!["10000000000000000000000000000200"]);
}

#[test]
fn short_gloss_stays_in_the_label() {
    let c: Vec<char> = "因公出国（境）费0万元".chars().collect();
    assert!(in_short_gloss(&c, 4) && in_short_gloss(&c, 6));
    // Five characters inside is a parenthesis of its own, not a gloss.
    let c: Vec<char> = "经费（含五项内容）费".chars().collect();
    assert!(!in_short_gloss(&c, 2));
    let c: Vec<char> = "直達（dá）資金61.02亿元".chars().collect();
    assert!(in_short_gloss(&c, 2) && in_short_gloss(&c, 5));
    // Followed by a figure, not a word: a boundary.
    let c: Vec<char> = "支出（万元）12".chars().collect();
    assert!(!in_short_gloss(&c, 5));
}

#[test]
fn figures_keep_the_digits_and_scale_written() {
    // Read without going through a string: the value and its scale are the digits written.
    let text = "支出0.50万元，结余007元，预算0.00万元，执行率100.0000000000%，\
                合计1234567890123456789012345678元，共12,345.60万元。";
    let blocks = crate::parse::structure::blocks(text, SourceFormat::Text);
    let got: Vec<(String, u32)> = extract(text, &blocks)
        .quantities
        .iter()
        .map(|q| (q.value.to_string(), q.decimals))
        .collect();
    let want = [
        ("0.50", 2),
        ("7", 0),
        ("0.00", 2),
        ("100.0000000000", 10),
        ("1234567890123456789012345678", 0),
        ("12345.60", 2),
    ];
    let want: Vec<(String, u32)> = want.iter().map(|(v, d)| (v.to_string(), *d)).collect();
    assert_eq!(got, want);
    // One digit more is too long to hold exactly: reported, not read.
    let text = "合计12345678901234567890123456789元。";
    let blocks = crate::parse::structure::blocks(text, SourceFormat::Text);
    let ex = extract(text, &blocks);
    assert!(ex.quantities.is_empty());
    assert_eq!(ex.overlong.len(), 1);
}

#[test]
fn a_breakdown_lends_its_unit_to_the_total_and_the_last_part_left_without_one() {
    assert_eq!(
        shown("改造开工12345（其中，城镇棚户区12000套，国有工矿棚户区345），基本建成9000套。"),
        ["12345套", "12000套", "345套", "9000套"]
    );
    assert_eq!(
        shown("下达资金500(其中中央资金300万元，省级资金200万元)。"),
        ["500万元", "300万元", "200万元"]
    );
    // No breakdown: a bare number stays no figure.
    assert_eq!(shown("编号12345（见附件3），开工9000套。"), ["9000套"]);
    assert_eq!(
        shown("共12345（含12000套），开工9000套。"),
        ["12000套", "9000套"]
    );
    // A rate in the bracket lends nothing.
    assert_eq!(shown("完成12345（其中，达标率95%）。"), ["95%"]);
    assert_eq!(BREAKDOWN_UNIT_CHARS, 120);
}

#[test]
fn a_figure_followed_by_zhong_opens_its_breakdown() {
    // Where each 其中 cue stands, as the text from it on.
    let of_cues = |text: &str| -> Vec<String> {
        let blocks = crate::parse::structure::blocks(text, SourceFormat::Text);
        extract(text, &blocks)
            .cues
            .into_iter()
            .filter(|c| c.kind == CueKind::Of)
            .map(|c| text[c.offset..].chars().take(2).collect())
            .collect()
    };
    assert_eq!(
        of_cues("基本支出612.40万元中，人员经费452.80万元。"),
        ["中，"]
    );
    assert_eq!(of_cues("下达资金560万元中：省级300万元。"), ["中："]);
    assert_eq!(
        of_cues("基本支出612.40万元，其中人员经费452.80万元。"),
        ["其中"]
    );
    // Not right after a figure, after a rate, or not closing a clause: no cue.
    assert!(of_cues("2023年中，完成验收12个。").is_empty());
    assert!(of_cues("在已完成的12个项目中，验收合格11个。").is_empty());
    assert!(of_cues("120户中，95户已完成改造，其余25户正在施工。").is_empty());
    assert!(of_cues("满意度达到95%中，").is_empty());
    assert!(of_cues("投资100万元中央资金到位。").is_empty());
}

#[test]
fn measure_words_of_things_counted_in_reports() {
    assert_eq!(
        shown("维修路灯1560盏，新建机井12眼、蓄水池3口，补栏生猪5000头、家禽2万羽。"),
        ["1560盏", "12眼", "3口", "5000头", "2万羽"]
    );
    assert_eq!(
        shown("新增装机容量1.2万千瓦，年发电量360万千瓦时。"),
        ["1.2万千瓦", "360万千瓦时"]
    );
    assert_eq!(shown("完成培训120课时。"), ["120课时"]);
    // Words that only begin with a measure word.
    assert_eq!(figures("完成3项根据计划安排的任务。").len(), 1);
}
