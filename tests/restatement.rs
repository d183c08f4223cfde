//! Recall of D001 on restatements injected into the clean reports of `corpus/`: the figure's
//! clause restated at the end of the report with one digit changed (the oracle of
//! `tests/support/mutate.rs`, which shares nothing with jxlint's subject model). Most must be
//! caught; the clean reports themselves stay silent (`tests/corpus.rs`).
#[path = "support/accuracy.rs"]
mod accuracy;
#[path = "support/mutate.rs"]
mod mutate;

use std::path::Path;

/// Restatements caught, per thousand sites, never fall below this.
const MIN_RESTATED_PERMILLE: usize = 900;

#[test]
fn restatements_in_clean_reports_are_caught() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|s| s.to_str()).unwrap_or_default();
            name.contains("-clean.") && (name.ends_with(".txt") || name.ends_with(".md"))
        })
        .collect();
    paths.sort();
    let sources: Vec<_> = paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            let name = p.file_name()?.to_str()?.to_string();
            let muts: Vec<_> = mutate::pattern_sites(&name, &text)
                .into_iter()
                .filter(|m| m.kind == mutate::Kind::Restated)
                .collect();
            Some((name, text, muts))
        })
        .collect();
    let r = mutate::run(&sources);
    let (hit, n) = r.by_kind["restated"];
    assert!(n >= 50, "too few restatement sites: {n}");
    assert!(
        hit * 1000 >= n * MIN_RESTATED_PERMILLE,
        "restatements caught {hit} of {n}; missed:\n{}",
        r.missed.join("\n")
    );
}
