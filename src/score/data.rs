//! The scorecard of structured report data ([`ScorecardData`]) as a [`Scorecard`], so that the
//! scoring rules judge JSON data exactly as they judge a 评分表 read from text.
//!
//! The data's indicator tree becomes one table. The table counts as read whole only when the
//! tree is complete — every parent's children carry weights that add up to the parent's — so
//! that a tree the data states only in part (the rows the report gives) is re-scored row by
//! row, never summed, and is reported as incomplete (S006), as a garbled text table is.

use rust_decimal::Decimal;

use super::{CardKind, Figure, Indicator, Origin, ScoreTable, Scorecard, StatedGrade, StatedTotal};
use crate::parse::json::{IndicatorData, Num, ScorecardData};

fn figure(n: &Num) -> Figure {
    Figure {
        value: n.value,
        decimals: n.decimals,
        span: n.span,
    }
}

/// Whether every parent of the tree has children whose weights add up to its own.
fn complete(items: &[IndicatorData]) -> bool {
    items.iter().all(|i| {
        i.children.is_empty()
            || (i.weight.is_some_and(|w| {
                let kids: Option<Decimal> =
                    i.children.iter().map(|c| c.weight.map(|n| n.value)).sum();
                kids == Some(w.value)
            }) && complete(&i.children))
    })
}

fn flatten(
    items: &[IndicatorData],
    parent: Option<usize>,
    path: &[String],
    out: &mut Vec<Indicator>,
) {
    for item in items {
        let mut ind = Indicator::new(
            item.name
                .value
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect(),
            item.name.span,
            item.level,
            Origin::Table { table: 0, block: 0 },
        );
        ind.parent = parent;
        ind.path = path.to_vec();
        ind.weight = item.weight.as_ref().map(figure);
        ind.score = item.score.as_ref().map(figure);
        let me = out.len();
        out.push(ind);
        let mut sub = path.to_vec();
        sub.push(item.name.value.clone());
        flatten(&item.children, Some(me), &sub, out);
    }
}

/// The scorecard of report data; `kind` is the report's kind (`项目` reports score projects).
pub fn from_data(data: &ScorecardData, kind: Option<&str>) -> Scorecard {
    let kind = if kind.is_some_and(|k| k.contains("项目")) {
        CardKind::Project
    } else {
        CardKind::Department
    };
    let mut indicators = Vec::new();
    flatten(&data.indicators, None, &[], &mut indicators);
    let whole = complete(&data.indicators);
    let table = ScoreTable {
        span: data.span,
        rows: indicators.len(),
        whole,
        unreadable: Vec::new(),
        shaped: if whole {
            Vec::new()
        } else {
            indicators.iter().map(|i| i.name_span).collect()
        },
        kind,
    };
    let origin = Origin::Table { table: 0, block: 0 };
    let totals: Vec<StatedTotal> = data
        .total
        .as_ref()
        .map(|t| StatedTotal {
            score: figure(t),
            weight: None,
            origin,
            parts: Vec::new(),
        })
        .into_iter()
        .collect();
    let grades = data
        .grade
        .as_ref()
        .map(|g| StatedGrade {
            word: g.value.clone(),
            span: g.span,
            total: (!totals.is_empty()).then_some(0),
        })
        .into_iter()
        .collect();
    Scorecard {
        kind,
        tables: vec![table],
        indicators,
        totals,
        grades,
    }
}
