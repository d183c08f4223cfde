//! The period a restated figure is about. `截至8月底` or `1-5月` and the same metric for the
//! whole year are two periods, never one figure restated; `全年`, `1-12月` and `截至12月底`
//! are one period, the year. A figure whose own words state no period is about the period
//! the document is about: the year in a full-year report, and in a report that opens with one
//! partial period (`截至2023年9月底，…`) and never states another, that period.

use crate::model::{Document, Period};

/// The fewest sentences that must state a report's one partial period for the figures that
/// state none to be read as about it.
pub const MIN_PERIOD_SENTENCES: usize = 2;

/// Whether two stated periods are the same, a year left unstated (`截至8月底`) matching any
/// (`截至2023年8月底`).
pub fn same_period(a: Period, b: Period) -> bool {
    match (a, b) {
        (
            Period::Until {
                year: ya,
                month: ma,
                day: da,
            },
            Period::Until {
                year: yb,
                month: mb,
                day: db,
            },
        ) => ma == mb && da == db && (ya == 0 || yb == 0 || ya == yb),
        _ => a == b,
    }
}

/// The one partial period a prose report is about: the period its first figure states, when
/// every figure that states a period states that one (up to an unstated year), none states
/// the whole year, and at least [`MIN_PERIOD_SENTENCES`] sentences state it.
pub fn single_period(doc: &Document) -> Option<Period> {
    if doc.full_year_report || doc.data.is_some() {
        return None;
    }
    let prose = |q: &&crate::model::Quantity| doc.in_prose(q);
    let mut figures = doc.quantities.iter().filter(prose);
    let first = figures.next()?.period?;
    if first.is_full_year() {
        return None;
    }
    // The period with its year, when some sentence states it.
    let mut period = first;
    let mut sentences = 1;
    let mut last = None;
    for q in doc.quantities.iter().filter(prose) {
        let Some(p) = q.period else { continue };
        if !same_period(p, first) {
            return None;
        }
        if let (Period::Until { year: 0, .. }, Period::Until { year, .. }) = (period, p)
            && year != 0
        {
            period = p;
        }
        let at = (q.block, q.sentence);
        if last.is_some_and(|l| l != at) {
            sentences += 1;
        }
        last = Some(at);
    }
    (sentences >= MIN_PERIOD_SENTENCES).then_some(period)
}

/// The period of a figure's subject: a whole-year period as the year; the report's one
/// period ([`single_period`]) for a figure that states it or states none; an unstated period
/// of a full-year report as the year; else what the figure states (none may be any).
pub fn subject_period(
    stated: Option<Period>,
    full_year_report: bool,
    single: Option<Period>,
) -> Option<Period> {
    match (stated, single) {
        (Some(p), _) if p.is_full_year() => Some(Period::FullYear),
        (None, _) if full_year_report => Some(Period::FullYear),
        (Some(p), Some(s)) if same_period(p, s) => Some(s),
        (None, Some(s)) => Some(s),
        (p, _) => p,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;

    fn doc(text: &str) -> Document {
        crate::parse::parse(text, SourceFormat::Text)
    }

    #[test]
    fn a_report_of_one_partial_period() {
        let d = doc(
            "截至2024年9月底，累计完成税收收入4,215万元。\n\n截至9月底，非税收入完成1,032万元。\n\n税收收入4,215万元。",
        );
        assert_eq!(
            single_period(&d),
            Some(Period::Until {
                year: 2024,
                month: 9,
                day: 0
            })
        );
    }

    #[test]
    fn reports_of_more_periods_or_none() {
        // Another period stated later; a whole year; the first figure states none; stated in
        // one sentence only.
        for t in [
            "1-6月，税收收入完成2,215万元。\n\n全年税收收入完成4,630万元。",
            "1-6月，税收收入完成2,215万元。\n\n1-9月，税收收入完成3,310万元。",
            "年初预算500万元。\n\n1-6月，支出完成215万元。\n\n1-6月，收入完成230万元。",
            "1-6月，税收收入完成2,215万元，非税收入完成310万元。",
        ] {
            assert_eq!(single_period(&doc(t)), None, "{t}");
        }
        let d = doc(
            "2023年度部门整体支出绩效自评报告\n\n1-6月，支出完成215万元。\n\n1-6月，收入完成230万元。",
        );
        assert_eq!(single_period(&d), None);
    }

    #[test]
    fn periods_of_subjects() {
        let may = Period::Months { from: 1, to: 5 };
        assert_eq!(subject_period(None, false, Some(may)), Some(may));
        assert_eq!(subject_period(None, true, None), Some(Period::FullYear));
        assert_eq!(subject_period(None, false, None), None);
        let dec = Period::Until {
            year: 0,
            month: 12,
            day: 0,
        };
        assert_eq!(
            subject_period(Some(dec), false, None),
            Some(Period::FullYear)
        );
        let aug = Period::Until {
            year: 0,
            month: 8,
            day: 0,
        };
        let aug_2015 = Period::Until {
            year: 2015,
            month: 8,
            day: 0,
        };
        assert_eq!(
            subject_period(Some(aug), false, Some(aug_2015)),
            Some(aug_2015)
        );
        assert!(same_period(aug, aug_2015));
        assert!(!same_period(aug, may));
    }
}
