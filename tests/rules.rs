//! Every rule against its fixtures: `tests/fixtures/<CODE>-<name>/fail*.txt` must make the rule
//! fire (and only that rule is run), `pass*.txt` must leave it silent; the diagnostics of every
//! fixture are snapshotted (both languages, all labels) so that a change in wording or
//! position shows up in review.
//!
//! Fixtures are prose (`.txt`, `.md`) or report data (`.json`). A `jxlint.toml` in a fixture
//! folder supplies the formulas its data is checked with. A `.txt` beside a `.json` of the
//! same name is that data's text (the pair D002 compares), not a fixture of its own.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use jxlint::lint::{Analysis, Options, parse_source, run_rule_set_with};
use jxlint::model::SourceFormat;
use jxlint::rules::{RULES, Rule};
use jxlint::score::Rubric;
use jxlint::source::LineIndex;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Render diagnostics as plain text: position, code, severity, both messages, labels, help.
/// Labels in another file are read from `other` (the data's text).
fn dump(text: &str, other: &str, diags: &[jxlint::diagnostic::Diagnostic]) -> String {
    let li = LineIndex::new(text);
    let oli = LineIndex::new(other);
    let mut s = String::new();
    for d in diags {
        let (l, c) = li.line_col(text, d.span.start);
        let _ = writeln!(
            s,
            "{l}:{c} {} {} [{}] `{}`",
            d.code,
            d.name,
            d.severity.as_str(),
            &text[d.span.start..d.span.end]
        );
        let _ = writeln!(s, "  zh: {}", d.message.zh);
        let _ = writeln!(s, "  en: {}", d.message.en);
        if let Some(p) = &d.primary_label {
            let _ = writeln!(s, "  here: {} / {}", p.zh, p.en);
        }
        for lab in &d.labels {
            let (t, idx, file) = match &lab.file {
                Some(f) => (other, &oli, format!("{f}:")),
                None => (text, &li, String::new()),
            };
            let (l, c) = idx.line_col(t, lab.span.start);
            let _ = writeln!(
                s,
                "  label {file}{l}:{c} `{}`: {} / {}",
                &t[lab.span.start..lab.span.end],
                lab.message.zh,
                lab.message.en
            );
        }
        if let Some(h) = &d.help {
            let _ = writeln!(s, "  help: {} / {}", h.zh, h.en);
        }
        if let (Some(e), Some(f)) = (&d.expected, &d.found) {
            let _ = writeln!(s, "  expected `{e}`, found `{f}`");
        }
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                let _ = writeln!(
                    s,
                    "  fix ({:?}): `{}` → `{}`",
                    fix.applicability,
                    &text[e.span.start..e.span.end],
                    e.replacement
                );
            }
        }
    }
    s
}

/// The options a fixture folder's `jxlint.toml` gives (the defaults when it has none).
fn fixture_options(dir: &Path) -> Options {
    let config = dir.join("jxlint.toml");
    if !config.exists() {
        return Options::default();
    }
    match jxlint::config::load(&config) {
        Ok(c) => Options {
            formulas: c.formulas,
            ..Options::default()
        },
        Err(e) => panic!("{e}"),
    }
}

fn format_of(path: &Path) -> SourceFormat {
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => SourceFormat::Json,
        Some("md") => SourceFormat::Markdown,
        _ => SourceFormat::Text,
    }
}

/// The text beside report data (`fail.txt` for `fail.json`).
fn text_of(path: &Path) -> Option<PathBuf> {
    if format_of(path) != SourceFormat::Json {
        return None;
    }
    Some(path.with_extension("txt")).filter(|p| p.exists())
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One rule run over a fixture.
struct Run {
    text: String,
    /// The file name and text of the data's text ("" for none).
    other_name: String,
    other: String,
    diags: Vec<jxlint::diagnostic::Diagnostic>,
}

/// Run one rule over a fixture (with its text, for data that has one).
fn run_one(rule: &'static dyn Rule, path: &Path) -> Run {
    let text = read(path);
    let options = fixture_options(path.parent().unwrap_or(Path::new(".")));
    let parse = |text: &str, path: &Path| {
        parse_source(text, format_of(path), &options)
            .unwrap_or_else(|e| panic!("{}: {}", path.display(), e.message))
    };
    let doc = Analysis::new(&text, parse(&text, path));
    let other_path = text_of(path);
    let other = other_path.as_deref().map(read).unwrap_or_default();
    let other_doc = other_path
        .as_deref()
        .map(|p| Analysis::new(&other, parse(&other, p)));
    let shown = other_path
        .as_deref()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let counterpart = other_doc.as_ref().map(|d| d.counterpart(&shown, &other));
    let diags = if rule.meta().code == jxlint::suppress::CODE {
        // Unused suppressions are judged against every other rule's findings, so their
        // fixtures are checked with every rule (and must give no other finding).
        jxlint::lint::lint_text(&text, format_of(path), &options).1
    } else {
        run_rule_set_with(
            &text,
            &doc,
            Rubric::builtin(),
            counterpart,
            std::iter::once(rule),
        )
    };
    Run {
        text,
        other_name: shown,
        other,
        diags,
    }
}

/// The graphical rendering a user sees, without colour, at a fixed width. A finding that points
/// into the data's text is drawn with that text too.
fn human(
    name: &str,
    text: &str,
    other: (&str, &str),
    diags: &[jxlint::diagnostic::Diagnostic],
) -> String {
    let file = |name: &str, text: &str, diagnostics: Vec<jxlint::diagnostic::Diagnostic>| {
        jxlint::lint::FileReport {
            path: PathBuf::from(name),
            display_path: name.to_string(),
            format: format_of(Path::new(name)),
            encoding: Some("utf-8"),
            text: text.to_string(),
            error: None,
            diagnostics,
            stats: Default::default(),
            score: None,
            unbound: Vec::new(),
            places: Vec::new(),
        }
    };
    let mut files = vec![file(name, text, diags.to_vec())];
    if !other.0.is_empty() {
        files.push(file(other.0, other.1, Vec::new()));
    }
    let outcome = jxlint::lint::Outcome { files };
    let options = jxlint::render::human::HumanOptions {
        color: false,
        width: 100,
        summary: false,
    };
    jxlint::render::human::render_human(&outcome, jxlint::diagnostic::Lang::Zh, &options)
}

fn fixture_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.extension()
                        .is_some_and(|e| e == "txt" || e == "md" || e == "json")
                })
                // The text of a data fixture is part of that fixture.
                .filter(|p| {
                    format_of(p) == SourceFormat::Json || !p.with_extension("json").exists()
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn every_rule_has_fail_and_pass_fixtures() {
    for rule in RULES {
        let m = rule.meta();
        let dir = fixtures_dir().join(format!("{}-{}", m.code, m.name));
        let files = fixture_files(&dir);
        let name = |p: &PathBuf| {
            p.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_string()
        };
        assert!(
            files.iter().any(|p| name(p).starts_with("fail")),
            "{}: no fail fixture in {}",
            m.code,
            dir.display()
        );
        assert!(
            files.iter().any(|p| name(p).starts_with("pass")),
            "{}: no pass fixture in {}",
            m.code,
            dir.display()
        );
    }
}

#[test]
fn fail_fixtures_fire_and_pass_fixtures_stay_silent() {
    for rule in RULES {
        let m = rule.meta();
        let dir = fixtures_dir().join(format!("{}-{}", m.code, m.name));
        for path in fixture_files(&dir) {
            let Run {
                text,
                other_name,
                other,
                diags,
            } = run_one(*rule, &path);
            let file = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            assert!(
                diags.iter().all(|d| d.code == m.code),
                "{file}: another rule's diagnostic"
            );
            if file.starts_with("fail") {
                assert!(!diags.is_empty(), "{}: {file} should fire", m.code);
            } else {
                assert!(
                    diags.is_empty(),
                    "{}: {file} should stay silent, got:\n{}",
                    m.code,
                    dump(&text, &other, &diags)
                );
            }
            // Every span lies on the text, on character boundaries.
            for d in &diags {
                assert!(
                    text.get(d.span.start..d.span.end)
                        .is_some_and(|s| !s.is_empty()),
                    "{file}: bad span"
                );
                for l in &d.labels {
                    let t = if l.file.is_some() { &other } else { &text };
                    assert!(
                        t.get(l.span.start..l.span.end).is_some(),
                        "{file}: bad label span"
                    );
                }
            }
            let human = human(&file, &text, (&other_name, &other), &diags);
            insta::assert_snapshot!(
                format!("{}-{}", m.code, file.trim_end_matches(".txt")),
                format!("{}\n{human}", dump(&text, &other, &diags))
            );
        }
    }
}

/// The docs of every rule (what `jxlint explain` prints) have the four sections, in order.
#[test]
fn every_rule_is_documented_in_four_sections() {
    for rule in RULES {
        let docs = jxlint::rules::docs_text(rule.meta());
        let at: Vec<Option<usize>> = [
            "### What it checks",
            "### Why",
            "### Example",
            "### How to fix",
        ]
        .iter()
        .map(|h| docs.lines().position(|l| l == *h))
        .collect();
        assert!(
            at.iter().all(Option::is_some),
            "{}: {at:?}",
            rule.meta().code
        );
        assert!(
            at.windows(2).all(|w| w[0] < w[1]),
            "{}: sections out of order",
            rule.meta().code
        );
    }
}

#[test]
fn every_rule_is_documented_in_both_languages() {
    use jxlint::diagnostic::Lang;
    let headings = [
        ("### What it checks", "### 检查内容"),
        ("### Why", "### 为什么"),
        ("### Example", "### 示例"),
        ("### How to fix", "### 如何修改"),
    ];
    for rule in RULES {
        let m = rule.meta();
        let (en, zh) = (m.docs(Lang::En), m.docs(Lang::Zh));
        for (h_en, h_zh) in headings {
            assert!(en.contains(h_en), "{}: English docs lack `{h_en}`", m.code);
            assert!(zh.contains(h_zh), "{}: Chinese docs lack `{h_zh}`", m.code);
        }
        let summary = m.summary(Lang::Zh);
        assert!(
            summary
                .chars()
                .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
                .count()
                >= 4,
            "{}: Chinese summary `{summary}`",
            m.code
        );
    }
}

#[test]
fn no_summary_ends_mid_sentence() {
    use jxlint::diagnostic::Lang;
    for rule in RULES {
        let m = rule.meta();
        let en = m.summary(Lang::En);
        assert!(en.ends_with('.'), "{}: English summary cut: `{en}`", m.code);
        assert!(
            !en.contains('\n') && !en.contains("  "),
            "{}: `{en}`",
            m.code
        );
        let zh = m.summary(Lang::Zh);
        assert!(
            zh.ends_with('。'),
            "{}: Chinese summary cut: `{zh}`",
            m.code
        );
        // The summary is the whole first paragraph: the next line of the docs is blank.
        let docs = m.docs(Lang::En);
        let first_para_lines = docs.lines().take_while(|l| !l.trim().is_empty()).count();
        assert_eq!(
            en.split(' ').count(),
            docs.lines()
                .take(first_para_lines)
                .map(|l| l.split_whitespace().count())
                .sum::<usize>(),
            "{}",
            m.code
        );
    }
}

#[test]
fn the_chinese_docs_say_whether_a_rule_has_a_safe_fix_as_the_english_do() {
    use jxlint::diagnostic::Lang;
    for rule in RULES {
        let m = rule.meta();
        let (en, zh) = (m.docs(Lang::En), m.docs(Lang::Zh));
        let zh_how = zh.split("### 如何修改").nth(1).unwrap_or_default();
        if en.contains("No automatic fix: ") {
            assert!(zh_how.contains("不自动修正："), "{}: {zh_how}", m.code);
        } else {
            assert!(zh_how.contains("安全修正"), "{}: {zh_how}", m.code);
        }
    }
}
