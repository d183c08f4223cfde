//! Parsing decoded text into a [`Document`]: blocks (structure.rs), figures and period marks
//! (quantity.rs, on the normalised view of norm.rs, with labels mapped to concepts by
//! lexicon.rs). Structured report data (JSON) has its own pipeline in [`json`], producing the
//! same kind of document. Parsing stops at the document: relations between figures
//! (`crate::relations`) and the scorecard (`crate::score`) are computed from it by the layers
//! above.

use crate::model::{Document, SourceFormat, Unread};

pub mod json;
pub mod lexicon;
pub mod norm;
pub mod qualifier;
pub mod quantity;
pub mod rounding_note;
pub mod structure;
pub mod table;

/// Parse a report text.
pub fn parse(text: &str, format: SourceFormat) -> Document {
    let blocks = structure::blocks(text, format);
    let ex = quantity::extract(text, &blocks);
    let mut unread: Vec<Unread> = ex
        .overlong
        .iter()
        .map(|&s| Unread::OverlongNumber(s))
        .collect();
    let mut quantities = ex.quantities;
    if let Some(first) = quantities.get(quantity::MAX_FIGURES) {
        unread.push(Unread::TooManyFigures(first.span));
        quantities.truncate(quantity::MAX_FIGURES);
    }
    let mut doc = Document {
        blocks,
        quantities,
        foreign_tokens: ex.foreign,
        tables: Vec::new(),
        grids: Vec::new(),
        all_met_claims: Vec::new(),
        rounding_note: rounding_note::find(text),
        report_year: None,
        full_year_report: false,
        periods: ex.periods.iter().map(|p| (p.period, p.span)).collect(),
        cues: ex.cues,
        period_marks: ex.periods,
        money_scales: Vec::new(),
        data: None,
        unread,
    };
    // Score tables laid out one cell per line are layout too (in document order). They are
    // read first: reading them classifies every line of the text, which is freed before the
    // rows of the other tables are laid out.
    let score_grids = table::cell_lines::score_grids(text, &doc.blocks);
    doc.grids = table::grid::runs(text, &doc.blocks);
    doc.grids.extend(score_grids);
    doc.grids
        .sort_by_key(|g| g.lines.first().map_or(0, |l| l.span.start));
    doc.tables = table::read(text, &doc.blocks, &doc.grids);
    doc.all_met_claims = table::claims::all_met(text, &doc.blocks);
    report_scope(text, &mut doc);
    doc.count_money_scales();
    doc
}

/// The report's year and whether it covers a whole year, from its title lines: `2023 年度…报告`,
/// or a year and a 自评报告/评价报告 title split over several lines.
fn report_scope(text: &str, doc: &mut Document) {
    let head: String = doc
        .blocks
        .iter()
        .take(6)
        .map(|b| &text[b.span.start..b.span.end])
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let year_before = |pos: usize| {
        let digits: String = head[..pos]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        digits
            .chars()
            .rev()
            .collect::<String>()
            .parse::<u16>()
            .ok()
            .filter(|y| (1990..=2100).contains(y))
    };
    if let Some(pos) = head.find("年度") {
        doc.report_year = year_before(pos);
        doc.full_year_report = true;
        return;
    }
    let titled = ["自评报告", "评价报告", "绩效报告", "自评表", "年报"]
        .iter()
        .any(|w| head.contains(w));
    if let Some(pos) = head.find('年')
        && titled
    {
        doc.report_year = year_before(pos);
        doc.full_year_report = doc.report_year.is_some() || head.contains("全年");
    }
}
