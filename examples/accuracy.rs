//! Accuracy on annotated real text: `cargo run --release --example accuracy -- DIR [--json]`.
//!
//! `DIR` holds excerpts `NNN.txt` with their truth `NNN.truth.json`; every excerpt is linted with
//! all rules and scored as `tests/support/accuracy.rs` describes: findings caught by kind, errors
//! and warnings on lines that carry no finding (listed for review), annotated relations judged.
#[path = "../tests/support/accuracy.rs"]
mod accuracy;

fn main() {
    let mut dir = None;
    let mut json = false;
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--json" => json = true,
            _ if dir.is_none() => dir = Some(a),
            _ => {
                eprintln!("usage: accuracy DIR [--json]");
                std::process::exit(2);
            }
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: accuracy DIR [--json]");
        std::process::exit(2);
    };
    let cases = match accuracy::load(std::path::Path::new(&dir)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let report = accuracy::evaluate(&cases);
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        }
    } else {
        print!("{}", accuracy::render(&report));
    }
}
