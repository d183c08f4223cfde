//! Accuracy floors on annotated real text (`../shared/realdev`, beside the repository, when it
//! is there): the findings jxlint reports and the false alarms it raises must not get worse.
//! The scoring is `tests/support/accuracy.rs`, shared with `examples/accuracy.rs`.
#[path = "support/accuracy.rs"]
mod accuracy;
#[path = "support/mutate.rs"]
mod mutate;

use std::path::{Path, PathBuf};

/// Findings caught (of the data set's annotated findings) never fall below this.
const MIN_CAUGHT: usize = 36;
/// Errors and warnings on lines with no finding never exceed this.
static MAX_FALSE_ALARMS: usize = 0;

fn realdev() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realdev");
    dir.is_dir().then_some(dir)
}

#[test]
fn realdev_floors() {
    let Some(dir) = realdev() else {
        eprintln!("../shared/realdev not found: accuracy floors not checked");
        return;
    };
    let cases = accuracy::load(&dir).expect("realdev loads");
    let report = accuracy::evaluate(&cases);
    assert!(report.unlocated.is_empty(), "{:?}", report.unlocated);
    assert!(
        report.findings.caught >= MIN_CAUGHT,
        "findings caught fell to {} (floor {MIN_CAUGHT})\n{}",
        report.findings.caught,
        accuracy::render(&report)
    );
    assert!(
        report.false_alarms.len() <= MAX_FALSE_ALARMS,
        "false alarms rose to {} (ceiling {MAX_FALSE_ALARMS})\n{}",
        report.false_alarms.len(),
        accuracy::render(&report)
    );
}

/// The scoring itself, on a made-up excerpt: one finding caught on its line, one missed, one
/// false alarm listed, and relations judged only where jxlint judged something.
#[test]
fn scoring_counts_lines() {
    let text = "一、情况\n全年预算100万元，支出90万元，预算执行率80%。\n共登记整改隐患10处，完成整改9处，整改率90%。\n另有一项15万元。\n";
    let truth = r#"{
      "relations_checked": [
        {"kind": "ratio", "quote": "预算执行率80%", "verdict": "inconsistent"},
        {"kind": "ratio", "quote": "整改率90%", "verdict": "consistent"},
        {"kind": "other", "quote": "另有一项15万元", "verdict": "unclear"}
      ],
      "findings": [
        {"kind": "ratio", "quote": "预算执行率80%", "severity": "error"},
        {"kind": "sum", "quote": "另有一项15万元", "severity": "warning"}
      ]
    }"#;
    let case = accuracy::Case {
        name: "x".into(),
        text: text.into(),
        truth: serde_json::from_str(truth).expect("truth parses"),
    };
    let report = accuracy::evaluate(std::slice::from_ref(&case));
    assert_eq!(report.findings.total, 2);
    assert_eq!(report.findings.caught, 1, "{}", accuracy::render(&report));
    assert_eq!(report.findings_by_kind["ratio"].caught, 1);
    assert_eq!(report.findings_by_kind["sum"].caught, 0);
    assert_eq!(report.missed.len(), 1);
    assert!(report.false_alarms.is_empty());
    assert_eq!(report.relations.total, 3);
    assert_eq!(report.relations.caught, 2, "{}", accuracy::render(&report));
    assert_eq!(
        accuracy::lines_of(text, accuracy::locate(text, "整改率90%").unwrap()),
        (3, 3)
    );
}

/// A diagnostic on a line without a finding is listed as a false alarm.
#[test]
fn false_alarm_listed() {
    let text = "全年预算100万元，支出90万元，预算执行率80%。\n";
    let case = accuracy::Case {
        name: "y".into(),
        text: text.into(),
        truth: serde_json::from_str(r#"{"relations_checked": [], "findings": []}"#)
            .expect("truth parses"),
    };
    let report = accuracy::evaluate(std::slice::from_ref(&case));
    assert_eq!(
        report.false_alarms.len(),
        1,
        "{}",
        accuracy::render(&report)
    );
    assert_eq!(report.false_alarms[0].line, 1);
    assert_eq!(report.recall_permille(), 1000);
}

/// The mutation oracle: digits changed beyond a tolerance, numbers read with commas, sums found
/// only where the parts add up exactly, and a removed heading marker seen at the next heading.
#[test]
fn mutation_oracle() {
    use rust_decimal::Decimal;
    assert_eq!(
        mutate::change_digit("21.8", Decimal::ZERO).as_deref(),
        Some("21.9")
    );
    assert_eq!(
        mutate::change_digit("21.8", Decimal::new(15, 1)).as_deref(),
        Some("31.8")
    );
    assert_eq!(
        mutate::change_digit("9", Decimal::new(5, 1)).as_deref(),
        Some("8")
    );
    assert_eq!(mutate::change_digit("5", Decimal::TEN), None);
    let n = mutate::numbers("合计7,074,550元，占95.10%");
    assert_eq!(n.len(), 2);
    assert_eq!(n[0].value, Decimal::from(7_074_550));
    assert_eq!(n[1].written, "95.10");

    let text = "一、概况\n预算总额30.5万元，其中基本支出20.2万元、项目支出10.3万元。\n二、执行\n另计12万元，其中甲5万元、乙6万元。\n三、结论\n";
    let sites = mutate::pattern_sites("t", text);
    let kinds: Vec<_> = sites.iter().map(|m| m.kind).collect();
    assert!(kinds.contains(&mutate::Kind::TotalDigit));
    // 5 + 6 ≠ 12: that list is no site.
    assert!(sites.iter().all(|m| !m.what.starts_with("12")), "{sites:?}");
    let marker = sites
        .iter()
        .find(|m| m.kind == mutate::Kind::Marker)
        .expect("二、 can be removed");
    assert_eq!((marker.line, marker.also), (3, Some(5)));
}
