//! Dependence goes one way: no module of `src/` refers to a module of a layer above its own
//! (the layers of `src/lib.rs` and ARCHITECTURE.md). Every `crate::name` path in the code of a
//! source file (comments and doc links aside) is checked against the table below.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Top-level modules by layer, lowest first.
const LAYERS: &[(&str, u8)] = &[
    ("numeric", 0),
    ("formula", 0),
    ("diagnostic", 0),
    ("model", 0),
    ("source", 1),
    ("parse", 2),
    ("relations", 3),
    ("score", 4),
    ("rules", 5),
    ("outcome", 5),
    ("render", 6),
    ("config", 7),
    ("walk", 7),
    ("lint", 7),
    ("cli", 7),
    ("cli_zh", 7),
    ("suppress", 7),
    ("baseline", 7),
    ("fix", 7),
];

/// Upward references not yet removed, each with its reason: (file under `src/`, module). The
/// test fails when one disappears, so that the list only shrinks.
const KNOWN: &[(&str, &str)] = &[];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a source file belongs to (`src/parse/json/mod.rs` → `parse`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

/// Every `crate::name` in the code of a text (lines that are comments are skipped).
fn crate_refs(text: &str) -> BTreeSet<String> {
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
        rest = after;
    }
    out
}

#[test]
fn no_module_refers_to_a_layer_above_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    assert!(
        files.len() > 20,
        "found the sources under {}",
        src.display()
    );
    let mut wrong = Vec::new();
    let mut known_seen = Vec::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let Some(own) = layer(&module) else {
            // lib.rs and main.rs sit above every layer.
            assert!(
                module == "lib" || module == "main",
                "{}: module `{module}` has no layer: add it to LAYERS, src/lib.rs and ARCHITECTURE.md",
                file.display()
            );
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for r in crate_refs(&text) {
            let shown = file
                .strip_prefix(&src)
                .unwrap_or(file)
                .display()
                .to_string();
            if KNOWN.contains(&(shown.as_str(), r.as_str())) {
                known_seen.push((shown, r));
                continue;
            }
            if let Some(l) = layer(&r)
                && l > own
            {
                wrong.push(format!(
                    "{} (layer {own}, `{module}`) refers to `crate::{r}` (layer {l})",
                    file.strip_prefix(&src).unwrap_or(file).display()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "upward references:\n{}", wrong.join("\n"));
    for (file, module) in KNOWN {
        assert!(
            known_seen.iter().any(|(f, m)| f == file && m == module),
            "{file} no longer refers to `crate::{module}`: remove it from KNOWN"
        );
    }
}

#[test]
fn the_reference_scanner_finds_paths() {
    let refs = crate_refs("use crate::model::Span;\n/// see [`crate::relations::find`]\ncrate::x");
    let want: BTreeSet<String> = ["model", "x"].iter().map(|s| s.to_string()).collect();
    assert_eq!(refs, want);
    assert_eq!(layer("parse"), Some(2));
    assert_eq!(layer("nothing"), None);
}
