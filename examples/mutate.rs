//! Mutation recall: `cargo run --release --example mutate -- [REALDEV_DIR] [--corpus DIR] [--json] [--missed]`.
//!
//! Injects one defect at a time into consistent relations — of annotated excerpts (sites from
//! their truth files) and of the clean reports of a corpus folder (`*-clean.*` text files, sites
//! from simple exact patterns) — and prints, per kind of defect, how many jxlint notices. See
//! `tests/support/mutate.rs` for the oracles and what counts as noticed. With `MUTATE_DUMP=DIR`
//! in the environment, the mutated text of each miss is written to `DIR`.
#[path = "../tests/support/accuracy.rs"]
mod accuracy;
#[path = "../tests/support/mutate.rs"]
mod mutate;

use std::path::{Path, PathBuf};

fn usage() -> ! {
    eprintln!("usage: mutate [REALDEV_DIR] [--corpus DIR] [--json] [--missed]");
    std::process::exit(2);
}

fn main() {
    let mut realdev = None;
    let mut corpus = None;
    let (mut json, mut missed) = (false, false);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = true,
            "--missed" => missed = true,
            "--corpus" => corpus = Some(args.next().unwrap_or_else(|| usage())),
            _ if realdev.is_none() && !a.starts_with('-') => realdev = Some(a),
            _ => usage(),
        }
    }
    if realdev.is_none() && corpus.is_none() {
        usage();
    }
    let mut results = Vec::new();
    if let Some(dir) = realdev {
        let cases = accuracy::load(Path::new(&dir)).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(2)
        });
        let sources: Vec<_> = cases
            .iter()
            .map(|c| (c.name.clone(), c.text.clone(), mutate::annotated_sites(c)))
            .collect();
        results.push((format!("annotated excerpts ({dir})"), mutate::run(&sources)));
    }
    if let Some(dir) = corpus {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| {
                eprintln!("{dir}: {e}");
                std::process::exit(2)
            })
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
                let muts = mutate::pattern_sites(&name, &text);
                Some((name, text, muts))
            })
            .collect();
        results.push((format!("clean reports ({dir})"), mutate::run(&sources)));
    }
    if json {
        let v: Vec<_> = results
            .iter()
            .map(|(t, r)| serde_json::json!({"set": t, "by_kind": r.by_kind, "missed": r.missed}))
            .collect();
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return;
    }
    for (title, r) in &results {
        print!("{}", mutate::render(title, r));
        if missed {
            for m in &r.missed {
                println!("    missed {m}");
            }
        }
        println!();
    }
}
