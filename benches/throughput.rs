//! Throughput: `cargo bench --bench throughput`.
//!
//! Lints every report in `corpus/` repeatedly, end to end in memory (parse, relations, rules)
//! and parse-only, and prints bytes per second and figures per second. Timing is measured
//! here, never in tests. For instruction counts that do not depend on machine load, run the
//! release binary under `valgrind --tool=callgrind` (see README, "Performance").

use std::hint::black_box;
use std::time::{Duration, Instant};

use jxlint::lint::{Options, lint_text};
use jxlint::model::SourceFormat;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
                .filter(|p| !p.to_string_lossy().ends_with(".expected.md"))
                .filter_map(|p| std::fs::read_to_string(p).ok())
                .collect()
        })
        .unwrap_or_default();
    texts.sort();
    let bytes: usize = texts.iter().map(String::len).sum();
    let options = Options::default();

    let measure = |name: &str, f: &dyn Fn() -> usize| {
        // Warm up, then run for at least two seconds.
        f();
        let start = Instant::now();
        let mut rounds = 0u32;
        let mut figures = 0usize;
        while start.elapsed() < Duration::from_secs(2) {
            figures += f();
            rounds += 1;
        }
        let secs = start.elapsed().as_secs_f64();
        let total = bytes as f64 * f64::from(rounds);
        println!(
            "{name:<12} {rounds:>5} rounds over {bytes} bytes: {:>8.2} MB/s, {:>10.0} figures/s",
            total / secs / 1e6,
            figures as f64 / secs
        );
    };
    measure("parse", &|| {
        texts
            .iter()
            .map(|t| {
                black_box(jxlint::parse::parse(t, SourceFormat::Text))
                    .quantities
                    .len()
            })
            .sum()
    });
    measure("end-to-end", &|| {
        texts
            .iter()
            .map(|t| {
                let (doc, diags) = lint_text(t, SourceFormat::Text, &options);
                black_box(diags);
                doc.quantities.len()
            })
            .sum()
    });
}
