//! Print the figures jxlint extracts from a report (text or JSON data) and the relations
//! between them: `cargo run --example dump -- FILE`.
use jxlint::lint::{Options, parse_source};
use jxlint::source::LineIndex;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump FILE");
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
    for q in &doc.quantities {
        let (l, c) = li.line_col(&src.text, q.span.start);
        println!(
            "{l}:{c}\t{}\t{:?}\t{}\t{:?}\t{:?}\t{:?}\ts{}",
            q.display(),
            q.qualifier,
            q.label_text(),
            q.concept(),
            q.period,
            q.year,
            q.sentence
        );
    }
    let r = &analysis.relations;
    let at = |i: usize| {
        let q = &doc.quantities[i];
        format!("{}@{}", q.display(), li.line_col(&src.text, q.span.start).0)
    };
    for c in &r.ratios {
        println!(
            "RATIO {:?} {} = {} / {} -> {:?}",
            c.kind,
            at(c.rate),
            at(c.numerator),
            at(c.denominator),
            c.verdict(doc)
        );
    }
    for c in &r.sums {
        let parts: Vec<String> = c.parts.iter().map(|&p| at(p)).collect();
        println!(
            "SUM {} = {} -> {:?}",
            at(c.total),
            parts.join(" + "),
            c.verdict(doc)
        );
    }
    for g in &r.shares {
        println!(
            "SHARES {:?} parts {:?} whole {:?}",
            g.shares.iter().map(|&i| at(i)).collect::<Vec<_>>(),
            g.parts.iter().map(|&i| at(i)).collect::<Vec<_>>(),
            g.whole.map(at)
        );
    }
    for g in &r.growths {
        println!("GROWTH {g:?}");
    }
    for g in &r.restatements {
        println!(
            "RESTATE {:?}",
            g.mentions
                .iter()
                .map(|&i| format!("{}:{}", doc.quantities[i].label_text(), at(i)))
                .collect::<Vec<_>>()
        );
    }
    for s in &r.sequences {
        println!(
            "SEQ {:?}",
            s.items
                .iter()
                .map(|&b| {
                    let m = doc.blocks[b].marker.unwrap();
                    format!(
                        "{}@{}",
                        m.style.render(m.number),
                        li.line_col(&src.text, m.span.start).0
                    )
                })
                .collect::<Vec<_>>()
        );
    }
    for f in &doc.foreign_tokens {
        println!(
            "FOREIGN {:?} @{}",
            f.text,
            li.line_col(&src.text, f.span.start).0
        );
    }
    if std::env::var_os("DUMP_TABLES").is_some() {
        if std::env::var_os("DUMP_BLOCKS").is_some() {
            for b in &doc.blocks {
                let l = li.line_col(&src.text, b.span.start).0;
                let t: String = src.text[b.span.start..b.span.end]
                    .chars()
                    .take(120)
                    .collect();
                println!(
                    "BLOCK @{l} {:?} {}",
                    std::mem::discriminant(&b.kind),
                    t.replace('\n', "⏎")
                );
            }
        }
        for (ti, t) in doc.tables.iter().enumerate() {
            let l = li.line_col(&src.text, t.span.start).0;
            println!(
                "TABLE {ti} @{l} {:?} certain {} {:?} columns {:?} names {:?} totals {:?}",
                t.form, t.certain, t.uncertain, t.columns, t.names, t.column_totals
            );
            for r in &t.rows {
                let cells: Vec<String> = r
                    .cells
                    .iter()
                    .map(|c| {
                        format!(
                            "{:?}={}",
                            c.column,
                            c.value.as_ref().map_or_else(
                                || src.text[c.span.start..c.span.end].to_string(),
                                |v| v.display()
                            )
                        )
                    })
                    .collect();
                println!(
                    "  ROW @{} {:?} {} certain {} {:?} [{}]",
                    li.line_col(&src.text, r.span.start).0,
                    r.kind,
                    r.label,
                    r.certain,
                    r.uncertain,
                    cells.join(", ")
                );
            }
        }
        let tr = &r.tables;
        for x in &tr.rates {
            println!(
                "TRATE t{} r{} {} {} = {} / {} -> {:?}",
                x.table,
                x.row,
                x.label,
                x.rate.display(),
                x.spent.display(),
                x.budget.display(),
                x.verdict
            );
        }
        for x in &tr.sums {
            let parts: Vec<String> = x
                .parts
                .iter()
                .map(|(l, v)| format!("{l}:{}", v.display()))
                .collect();
            println!(
                "TSUM t{} r{} {} [{}] across {} {} = {} -> {:?}",
                x.table,
                x.row,
                x.label,
                x.column,
                x.across,
                x.total.display(),
                parts.join(" + "),
                x.verdict
            );
        }
        for x in &tr.growths {
            println!("TGROWTH {x:?}");
        }
    }
    println!("year {:?} full {}", doc.report_year, doc.full_year_report);
    let diags = jxlint::lint::run_rules(&src.text, &analysis, &jxlint::lint::Options::default());
    for d in &diags {
        let (l, c) = li.line_col(&src.text, d.span.start);
        println!(
            "DIAG {l}:{c} {} [{}] {}",
            d.code,
            d.severity.as_str(),
            d.message.zh
        );
    }
}
