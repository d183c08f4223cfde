//! Print the subject jxlint gives every figure that can be restated (what D001 compares):
//! `cargo run --example subjects -- FILE`.
use jxlint::lint::{Options, parse_source};
use jxlint::source::LineIndex;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: subjects FILE");
        std::process::exit(2);
    };
    let src = match jxlint::source::read(std::path::Path::new(&path)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {}: {}", e.kind, e.message);
            std::process::exit(2);
        }
    };
    let doc = match parse_source(&src.text, src.format, &Options::default()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {}: {}", e.kind, e.message);
            std::process::exit(2);
        }
    };
    let analysis = jxlint::lint::Analysis::new(&src.text, doc);
    let doc = &analysis.doc;
    let li = LineIndex::new(&src.text);
    let text = if doc.data.is_some() {
        ""
    } else {
        src.text.as_str()
    };
    for (i, s) in jxlint::relations::figure_subjects(text, doc, &analysis.relations.sums) {
        let q = &doc.quantities[i];
        let (l, c) = li.line_col(&src.text, q.span.start);
        println!(
            "{l}:{c}\t{}\t{}\ttopic={}\topening={}\tentity={}\tstage={:?}\tyear={:?}\tperiod={:?}",
            q.display(),
            s.metric,
            s.topic,
            s.opening,
            s.entity,
            s.stage,
            s.year,
            s.period
        );
    }
    for g in &analysis.relations.restatements {
        let v: Vec<String> = g
            .mentions
            .iter()
            .map(|&i| {
                let q = &doc.quantities[i];
                format!("{}@{}", q.display(), li.line_col(&src.text, q.span.start).0)
            })
            .collect();
        println!("group: {}", v.join(" "));
    }
    for (i, why) in &analysis.relations.restatement_unsettled {
        let q = &doc.quantities[*i];
        println!(
            "unsettled: {}@{} {why:?}",
            q.display(),
            li.line_col(&src.text, q.span.start).0
        );
    }
}
