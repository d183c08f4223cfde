//! SARIF output against the official SARIF 2.1.0 JSON schema, for file names that need
//! percent-encoding: Chinese characters, spaces, `#`, `%`, `:`.
//!
//! `tests/data/sarif-schema-2.1.0.json` is the OASIS schema (`sarif-2.1/schema/` of the
//! oasis-tcs/sarif-spec repository, errata01). It declares draft-04 but names formats of later
//! drafts (`uri-reference`); it is compiled as draft-07, which has the same keywords for
//! everything it uses and checks those formats, with format validation on.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const SCHEMA: &str = include_str!("data/sarif-schema-2.1.0.json");

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("jxlint-sarif-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            panic!("cannot create {}: {e}", dir.display());
        }
        Scratch(dir)
    }

    fn write(&self, name: &str, text: &str) {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        if let Err(e) = std::fs::write(&path, text) {
            panic!("cannot write {}: {e}", path.display());
        }
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn jxlint(dir: &Path, args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_jxlint"))
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
    {
        Ok(out) => out,
        Err(e) => panic!("cannot run jxlint: {e}"),
    }
}

fn validator() -> jsonschema::Validator {
    let schema: Value = match serde_json::from_str(SCHEMA) {
        Ok(v) => v,
        Err(e) => panic!("the SARIF schema is not JSON: {e}"),
    };
    match jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
    {
        Ok(v) => v,
        Err(e) => panic!("the SARIF schema does not compile: {e}"),
    }
}

fn errors(instance: &Value) -> Vec<String> {
    validator()
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// A report with a truncated rate: one A002 finding with two related locations.
const REPORT: &str = "一、整改情况\n\n共登记整改隐患902处，完成整改899处，整改率99.66%。\n";

fn sarif(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let out = jxlint(dir, &all);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => panic!(
            "not JSON ({e}): {text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

/// Every `artifactLocation.uri` of a SARIF log.
fn uris(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                if k == "artifactLocation"
                    && let Some(uri) = x.get("uri").and_then(Value::as_str)
                {
                    out.push(uri.to_string());
                }
                uris(x, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|x| uris(x, out)),
        _ => {}
    }
}

/// `%XX` decoded back to bytes.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn the_vendored_schema_rejects_an_unencoded_chinese_uri() {
    // The check below means something only if the schema, as compiled, checks URIs.
    let log = serde_json::json!({
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "jxlint"}},
            "results": [{
                "message": {"text": "m"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": "报告 2023.txt"}}}]
            }]
        }]
    });
    let found = errors(&log);
    assert!(
        found.iter().any(|e| e.contains("uri-reference")),
        "{found:?}"
    );
}

#[test]
fn sarif_for_chinese_names_spaces_and_hashes_is_valid() {
    let dir = Scratch::new("names");
    let names = ["绩效报告/盐田 2023.txt", "a #1 100%.md", "b:c [草稿].txt"];
    for n in names {
        dir.write(n, REPORT);
    }
    let mut args: Vec<&str> = names.to_vec();
    args.push("不存在的 文件#.txt");
    let log = sarif(dir.path(), &args);
    let found = errors(&log);
    assert!(found.is_empty(), "{}", found.join("\n"));

    let results = log["runs"][0]["results"].as_array().map_or(0, Vec::len);
    assert_eq!(results, names.len(), "one A002 per report");
    let mut all = Vec::new();
    uris(&log, &mut all);
    // Every finding's own file, its two related locations, and the unreadable file.
    assert_eq!(all.len(), names.len() * 3 + 1, "{all:?}");
    for uri in &all {
        assert!(
            uri.is_ascii() && !uri.contains(' ') && !uri.contains('#'),
            "{uri}"
        );
        let decoded = percent_decode(uri);
        assert!(
            names.contains(&decoded.as_str()) || decoded == "不存在的 文件#.txt",
            "{uri} decodes to {decoded}"
        );
    }
    assert!(
        all.contains(
            &"%E7%BB%A9%E6%95%88%E6%8A%A5%E5%91%8A/%E7%9B%90%E7%94%B0%202023.txt".to_string()
        ),
        "{all:?}"
    );
    assert!(all.contains(&"a%20%231%20100%25.md".to_string()), "{all:?}");
    assert!(
        all.contains(&"b%3Ac%20%5B%E8%8D%89%E7%A8%BF%5D.txt".to_string()),
        "{all:?}"
    );
}

#[test]
fn sarif_rules_have_full_summaries_and_no_invented_home_page() {
    let dir = Scratch::new("rules");
    dir.write("r.txt", REPORT);
    let log = sarif(dir.path(), &["r.txt", "--lang", "en"]);
    let driver = &log["runs"][0]["tool"]["driver"];
    assert!(driver.get("informationUri").is_none(), "{driver}");
    let rules = driver["rules"].as_array().cloned().unwrap_or_default();
    assert_eq!(rules.len(), jxlint::rules::RULES.len());
    for r in &rules {
        let short = r["shortDescription"]["text"].as_str().unwrap_or_default();
        assert!(short.ends_with('.'), "{short}");
    }
    let t001 = rules.iter().find(|r| r["id"] == "T001");
    assert_eq!(
        t001.and_then(|r| r["shortDescription"]["text"].as_str()),
        Some(
            "A numbered list or heading sequence skips a number, repeats one, or switches marker style."
        )
    );
}

/// A report whose execution rate does not follow from its figures: one A001 finding.
const OTHER: &str = "二、资金使用\n\n年初预算1200万元，全年支出1188万元，预算执行率98%。\n";

#[test]
fn streamed_sarif_equals_the_whole_log_with_an_unreadable_file() {
    let dir = Scratch::new("stream");
    let names = ["a.txt", "b 报告.md", "c.txt", "d.txt"];
    dir.write("a.txt", REPORT);
    dir.write("b 报告.md", OTHER);
    dir.write("c.txt", "一、概况\n\n本单位无预算资金。\n");
    dir.write("d.txt", REPORT);
    let mut args = vec!["check", "--format", "sarif", "--lang", "en"];
    args.extend_from_slice(&names[..2]);
    args.push("缺失 #.txt");
    args.extend_from_slice(&names[2..]);
    // Standard output is streamed; an output file is written from the whole outcome at once.
    let streamed = jxlint(dir.path(), &args);
    let mut whole_args = args.clone();
    whole_args.extend(["--output-file", "whole.sarif"]);
    let whole = jxlint(dir.path(), &whole_args);
    assert_eq!(streamed.status.code(), Some(2), "an unreadable file");
    assert_eq!(whole.status.code(), Some(2));
    let whole = std::fs::read(dir.path().join("whole.sarif")).unwrap_or_default();
    assert_eq!(
        String::from_utf8_lossy(&streamed.stdout),
        String::from_utf8_lossy(&whole)
    );

    let log: Value = match serde_json::from_slice(&streamed.stdout) {
        Ok(v) => v,
        Err(e) => panic!("not JSON ({e})"),
    };
    let found = errors(&log);
    assert!(found.is_empty(), "{}", found.join("\n"));
    let run = &log["runs"][0];
    let results = run["results"].as_array().cloned().unwrap_or_default();
    let files: Vec<&str> = results
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    // In the order of the command line, the unreadable file in between.
    assert!(files.len() >= 3, "{files:?}");
    assert_eq!(files.first(), Some(&"a.txt"));
    assert_eq!(files.last(), Some(&"d.txt"));
    assert!(files.contains(&"b%20%E6%8A%A5%E5%91%8A.md"), "{files:?}");
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "%E7%BC%BA%E5%A4%B1%20%23.txt"
    );
}

#[test]
fn sarif_pieces_batch_by_batch_are_the_whole_log() {
    use jxlint::diagnostic::Lang;
    use jxlint::lint::{Options, Outcome, lint_file};
    use jxlint::render::render_sarif;
    use jxlint::render::sarif::SarifStream;

    let dir = Scratch::new("pieces");
    dir.write("a.txt", REPORT);
    dir.write("b.txt", OTHER);
    dir.write("clean.txt", "一、概况\n\n本单位无预算资金。\n");
    let options = Options::default();
    let report = |name: &str| lint_file(&dir.path().join(name), name.to_string(), &options);
    let runs = [
        vec!["a.txt", "missing.txt", "b.txt", "a.txt"],
        vec!["missing.txt"],
        vec!["clean.txt"],
        vec![],
    ];
    for names in runs {
        let files: Vec<_> = names.iter().map(|n| report(n)).collect();
        for lang in [Lang::Zh, Lang::En] {
            let whole = render_sarif(
                &Outcome {
                    files: files.clone(),
                },
                lang,
            );
            // One file per batch, and everything in one batch.
            for size in [1, files.len().max(1)] {
                let mut stream = SarifStream::new(lang);
                let mut pieces = stream.head();
                for batch in files.chunks(size) {
                    pieces.push_str(&stream.batch(&Outcome {
                        files: batch.to_vec(),
                    }));
                }
                pieces.push_str(&stream.tail());
                assert_eq!(pieces, whole, "{names:?} in batches of {size}");
            }
            let log: Value = serde_json::from_str(&whole).unwrap_or_default();
            let found = errors(&log);
            assert!(found.is_empty(), "{names:?}: {}", found.join("\n"));
            assert_eq!(
                log["runs"][0]["invocations"][0]["executionSuccessful"],
                !names.contains(&"missing.txt")
            );
        }
    }
}
