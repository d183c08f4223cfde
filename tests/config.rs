//! `jxlint.toml` found like ruff's: the nearest one from each file's folder upward, with
//! `[severity]`, `[per-file-ignores]`, rule selection combined with the command line, and
//! `--config` winning over every file found.

mod support;

use support::{REPORT, Scratch, codes, concise, jxlint, stderr};

#[test]
fn a_configuration_two_folders_up_applies() {
    let dir = Scratch::new();
    dir.write(
        "jxlint.toml",
        "ignore = [\"A002\"]\n\n[severity]\nU001 = \"info\"\n",
    );
    dir.write("reports/2023/report.txt", REPORT);
    // From the folder of the configuration, from the report's own folder, and from outside.
    let (lines, status) = concise(dir.path(), &["reports/2023/report.txt"]);
    assert_eq!(codes(&lines), ["U001", "T001"], "{lines:?}");
    assert!(lines[0].contains("U001 [info]"), "{lines:?}");
    assert_eq!(status, Some(1));
    let (inside, _) = concise(&dir.path().join("reports/2023"), &["report.txt"]);
    assert_eq!(codes(&inside), ["U001", "T001"], "{inside:?}");
    let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let report = dir.path().join("reports/2023/report.txt");
    let (far, _) = concise(outside.path(), &[&report.to_string_lossy()]);
    assert_eq!(codes(&far), ["U001", "T001"], "{far:?}");
}

#[test]
fn the_nearest_configuration_wins_and_is_not_merged() {
    let dir = Scratch::new();
    dir.write("jxlint.toml", "ignore = [\"A002\"]\n");
    dir.write("a/jxlint.toml", "select = [\"A\"]\n");
    dir.write("a/b/report.txt", REPORT);
    dir.write("c/report.txt", REPORT);
    let (lines, _) = concise(dir.path(), &["a", "c"]);
    // a/b: only A (A002 is not ignored there, the upper file does not apply); c: the upper file.
    assert_eq!(codes(&lines), ["A002", "U001", "T001"], "{lines:?}");
    assert!(lines[0].starts_with("a/b/report.txt:"), "{lines:?}");
    assert!(lines[1].starts_with("c/report.txt:"), "{lines:?}");
}

#[test]
fn per_file_ignores_match_globs_relative_to_the_configuration() {
    let dir = Scratch::new();
    dir.write(
        "jxlint.toml",
        "[per-file-ignores]\n\"drafts/**\" = [\"A\", \"U\"]\n\"*.md\" = [\"T001\"]\n",
    );
    dir.write("drafts/2023/report.txt", REPORT);
    dir.write("final/report.txt", REPORT);
    dir.write("final/report.md", REPORT);
    let (lines, _) = concise(dir.path(), &["drafts", "final"]);
    let by_file = |prefix: &str| -> Vec<String> {
        codes(
            &lines
                .iter()
                .filter(|l| l.starts_with(prefix))
                .cloned()
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(by_file("drafts/2023/report.txt:"), ["T001"], "{lines:?}");
    assert_eq!(by_file("final/report.md:"), ["U001", "A002"], "{lines:?}");
    assert_eq!(
        by_file("final/report.txt:"),
        ["U001", "A002", "T001"],
        "{lines:?}"
    );
}

#[test]
fn a_severity_override_changes_the_finding_and_the_exit_status() {
    let dir = Scratch::new();
    dir.write("report.txt", REPORT);
    dir.write("jxlint.toml", "ignore = [\"U\"]\n");
    let (lines, status) = concise(dir.path(), &["report.txt", "--fail-on", "error"]);
    assert!(lines.iter().all(|l| !l.contains("[error]")), "{lines:?}");
    assert_eq!(status, Some(0));
    dir.write(
        "jxlint.toml",
        "ignore = [\"U\"]\n\n[severity]\nA = \"info\"\nA002 = \"error\"\n",
    );
    let (lines, status) = concise(dir.path(), &["report.txt", "--fail-on", "error"]);
    // The most specific override wins: A002 is an error although `A` says info.
    assert!(lines[0].contains("A002 [error]"), "{lines:?}");
    assert_eq!(status, Some(1));
}

#[test]
fn the_command_line_select_replaces_and_ignore_adds() {
    let dir = Scratch::new();
    dir.write("report.txt", REPORT);
    dir.write(
        "jxlint.toml",
        "select = [\"A\", \"T\"]\nignore = [\"T001\"]\n",
    );
    let (lines, _) = concise(dir.path(), &["report.txt"]);
    assert_eq!(codes(&lines), ["A002"], "{lines:?}");
    // --select replaces both select and ignore of the file.
    let (lines, _) = concise(dir.path(), &["report.txt", "--select", "T,U"]);
    assert_eq!(codes(&lines), ["U001", "T001"], "{lines:?}");
    // --ignore adds to the file's ignore.
    let (lines, status) = concise(dir.path(), &["report.txt", "--ignore", "A002"]);
    assert_eq!(codes(&lines), Vec::<String>::new(), "{lines:?}");
    assert_eq!(status, Some(0));
}

#[test]
fn a_selection_that_leaves_no_rule_is_a_usage_error() {
    let dir = Scratch::new();
    dir.write("report.txt", REPORT);
    let out = jxlint(
        dir.path(),
        &[
            "check",
            "report.txt",
            "--select",
            "S",
            "--ignore",
            "S",
            "--lang",
            "en",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("leaves no rule to run"),
        "{}",
        stderr(&out)
    );
    let out = jxlint(
        dir.path(),
        &[
            "check",
            "report.txt",
            "--ignore",
            "A,D,J,S,T,U,X",
            "--lang",
            "en",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--ignore A,D,J,S,T,U,X leaves no rule to run"),
        "{}",
        stderr(&out)
    );
    dir.write("sub/jxlint.toml", "select = [\"S\"]\nignore = [\"S00\"]\n");
    dir.write("sub/report.txt", REPORT);
    let out = jxlint(dir.path(), &["check", "sub", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("sub/jxlint.toml: its select and ignore")
            && stderr(&out).contains("leave no rule to run"),
        "{}",
        stderr(&out)
    );
    assert!(support::stdout(&out).is_empty());
}

#[test]
fn a_configuration_error_names_the_file_found_and_stops_the_run() {
    let dir = Scratch::new();
    dir.write("ok/report.txt", REPORT);
    dir.write("bad/report.txt", REPORT);
    for (toml, needle) in [
        ("selcet = [\"A\"]\n", "bad/jxlint.toml: line 1, column 1"),
        (
            "[severity]\nA002 = \"fatal\"\n",
            "must be error, warning or info",
        ),
        (
            "[severity]\nQ1 = \"info\"\n",
            "`Q1` is not the prefix of any rule code",
        ),
        (
            "[per-file-ignores]\n\"a/[b\" = [\"A\"]\n",
            "per-file-ignores: the pattern \"a/[b\" is not a glob",
        ),
        (
            "[per-file-ignores]\n\"*.md\" = [\"A09\"]\n",
            "`A09` is not the prefix",
        ),
    ] {
        dir.write("bad/jxlint.toml", toml);
        let out = jxlint(dir.path(), &["check", "ok", "bad", "--lang", "en"]);
        assert_eq!(out.status.code(), Some(2), "{toml}");
        assert!(
            support::stdout(&out).is_empty(),
            "{toml}: nothing is checked"
        );
        assert!(
            stderr(&out).contains("error: the configuration cannot be used: bad/jxlint.toml")
                && stderr(&out).contains(needle),
            "{toml}\n{}",
            stderr(&out)
        );
    }
}

#[test]
fn an_explicit_configuration_wins_over_every_file_found() {
    let dir = Scratch::new();
    dir.write("sub/jxlint.toml", "select = [\"T\"]\n");
    dir.write("sub/report.txt", REPORT);
    dir.write("only-a.toml", "select = [\"A\"]\n");
    let (lines, _) = concise(dir.path(), &["sub", "--config", "only-a.toml"]);
    assert_eq!(codes(&lines), ["A002"], "{lines:?}");
}

/// The README's first command, `check corpus/` from the repository root, reads
/// `corpus/jxlint.toml` and so gives its formula's A008.
#[test]
fn the_corpus_configuration_applies_from_the_repository_root() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (lines, _) = concise(
        root,
        &[
            "corpus/shandong-weifang-2023-bumen.json",
            "--select",
            "A008",
        ],
    );
    assert_eq!(codes(&lines), ["A008"], "{lines:?}");
    assert!(lines[0].contains("决算不超过调整预算"), "{lines:?}");
}

/// The example configuration of the README is a valid configuration.
#[test]
fn the_readme_example_configuration_loads() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap_or_else(|e| panic!("{e}"));
    let section = readme
        .split("## Configuration: jxlint.toml")
        .nth(1)
        .unwrap_or_else(|| panic!("no Configuration section"));
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .unwrap_or_else(|| panic!("no toml example"));
    let config = jxlint::config::parse(example, std::path::Path::new("README.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(config.severity.len(), 2);
    assert_eq!(config.per_file_ignores.len(), 2);
    assert_eq!(config.formulas.len(), 2);
}
