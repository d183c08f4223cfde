//! Score tables garbled the way text extraction garbles them — a tab (or pipe) lost, doubled or
//! turned into a space, two rows merged, a row or a cell broken across lines, two cells glued —
//! never make jxlint report a scoring error or warning: the clean reports' tables are consistent,
//! so anything but S006 (the table could not be read whole) would be the reader's mistake.

use std::path::{Path, PathBuf};

use jxlint::lint::{Options, lint_text};
use jxlint::model::SourceFormat;

/// A small deterministic generator (reproducible failures, no dependency).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { self.next() % n }
    }
}

/// The clean reports of the corpus that have a score table.
fn reports() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<PathBuf> = std::fs::read_dir(root.join("corpus"))
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    out.retain(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let text = std::fs::read_to_string(p).unwrap_or_default();
        name.contains("-clean") && (text.contains("\t得分") || text.contains("| 得分"))
    });
    out.sort();
    out
}

/// One garbling of one table line.
fn garble(lines: &mut [String], rng: &mut Lcg, sep: char) {
    let rows: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].contains(sep))
        .collect();
    if rows.is_empty() {
        return;
    }
    let i = rows[rng.below(rows.len())];
    let line = lines[i].clone();
    let seps: Vec<usize> = line.match_indices(sep).map(|(k, _)| k).collect();
    let at = seps.get(rng.below(seps.len())).copied().unwrap_or(0);
    let after = at + sep.len_utf8();
    let new = match rng.below(6) {
        // A separator lost: two cells glued.
        0 => format!("{}{}", &line[..at], &line[after..]),
        // A separator doubled.
        1 => format!("{}{sep}{}", &line[..at], &line[at..]),
        // A separator turned into a space.
        2 => format!("{} {}", &line[..at], &line[after..]),
        // The next line merged into this one.
        3 if i + 1 < lines.len() => {
            let next = std::mem::take(&mut lines[i + 1]);
            format!("{line}{sep}{next}")
        }
        // The row broken at a separator.
        4 => format!("{}\n{}", &line[..at], &line[after..]),
        // The row broken anywhere (inside a cell).
        _ => {
            let cut: Vec<usize> = line.char_indices().map(|(k, _)| k).skip(1).collect();
            match cut.get(rng.below(cut.len())) {
                Some(&k) => format!("{}\n{}", &line[..k], &line[k..]),
                None => line,
            }
        }
    };
    lines[i] = new;
}

#[test]
fn garbled_score_tables_give_no_scoring_error_or_warning() {
    let files = reports();
    assert!(
        files.len() >= 8,
        "clean reports with score tables: {files:?}"
    );
    let options = Options {
        select: vec!["S".into()],
        ..Options::default()
    };
    let mut rng = Lcg(20240607);
    let mut failures = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let markdown = path.extension().is_some_and(|e| e == "md");
        let (format, sep) = if markdown {
            (SourceFormat::Markdown, '|')
        } else {
            (SourceFormat::Text, '\t')
        };
        let (_, clean) = lint_text(&text, format, &options);
        assert!(
            clean.iter().all(|d| d.code == "S006"),
            "{}: the clean report has scoring findings",
            path.display()
        );
        for variant in 0..30 {
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            for _ in 0..1 + rng.below(4) {
                garble(&mut lines, &mut rng, sep);
            }
            let garbled = lines.join("\n");
            let (_, diags) = lint_text(&garbled, format, &options);
            for d in diags.iter().filter(|d| d.code != "S006") {
                failures.push(format!(
                    "{} variant {variant}: {} {}\n{}",
                    path.display(),
                    d.code,
                    d.message.en,
                    garbled
                        .lines()
                        .filter(|l| l.contains(sep))
                        .collect::<Vec<_>>()
                        .join("\n")
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} false findings; the first:\n{}",
        failures.len(),
        failures.first().map(String::as_str).unwrap_or("")
    );
}
