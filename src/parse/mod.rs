//! Parsing decoded text into a [`Document`]: blocks (structure.rs), figures and period marks
//! (quantity.rs, on the normalised view of norm.rs, with labels mapped to concepts by
//! lexicon.rs), then the relations between figures (`crate::relations`). Structured report
//! data (JSON) has its own pipeline in [`json`], producing the same kind of document.

use crate::model::{Document, SourceFormat};

pub mod json;
pub mod lexicon;
pub mod norm;
pub mod quantity;
pub mod structure;

/// Parse a report text.
pub fn parse(text: &str, format: SourceFormat) -> Document {
    let blocks = structure::blocks(text, format);
    let ex = quantity::extract(text, &blocks);
    let mut doc = Document {
        blocks,
        quantities: ex.quantities,
        foreign_tokens: ex.foreign,
        report_year: None,
        full_year_report: false,
        periods: ex.periods.iter().map(|p| (p.period, p.span)).collect(),
        cues: ex.cues,
        period_marks: ex.periods,
        relations: Default::default(),
        data: None,
    };
    report_scope(text, &mut doc);
    doc.relations = crate::relations::find(text, &doc);
    doc
}

/// The report's year and whether it covers a whole year, from its title lines.
fn report_scope(text: &str, doc: &mut Document) {
    for b in doc.blocks.iter().take(6) {
        let t: String = text[b.span.start..b.span.end]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if let Some(pos) = t.find("年度") {
            let digits: String = t[..pos]
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            let year: String = digits.chars().rev().collect();
            if let Ok(y) = year.parse::<u16>()
                && (1990..=2100).contains(&y)
            {
                doc.report_year = Some(y);
            }
            doc.full_year_report = true;
            return;
        }
        if t.contains("年报")
            || t.contains("全年")
            || (t.contains("绩效") && t.contains("报告") && t.contains("年"))
        {
            doc.full_year_report = true;
        }
    }
}
