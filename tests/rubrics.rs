//! `schemas/rubric.schema.json` describes the rubric files: it is a valid JSON Schema, every
//! profile in `data/rubrics/` follows it and loads, and broken profiles are rejected with the
//! place of the mistake.

use std::path::{Path, PathBuf};

use jxlint::score::Rubric;
use serde_json::{Value, json};

const SCHEMA: &str = include_str!("../schemas/rubric.schema.json");

fn parse(text: &str, what: &str) -> Value {
    match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("{what} is not JSON: {e}"),
    }
}

fn validator() -> jsonschema::Validator {
    let schema = parse(SCHEMA, "the rubric schema");
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!("the rubric schema is not a valid JSON Schema: {e}");
    }
    match jsonschema::draft202012::new(&schema) {
        Ok(v) => v,
        Err(e) => panic!("the rubric schema does not compile: {e}"),
    }
}

fn profiles() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/rubrics");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn every_profile_follows_the_schema_and_loads() {
    let validator = validator();
    let files = profiles();
    assert!(
        files.iter().any(|p| p.ends_with("default.json")),
        "data/rubrics/default.json is the built-in profile"
    );
    assert!(
        files.len() >= 2,
        "the default and at least one local profile"
    );
    for path in files {
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let value = parse(&text, &path.display().to_string());
        let errs: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errs.is_empty(), "{}: {}", path.display(), errs.join("\n"));
        let rubric = Rubric::from_path(&path);
        assert!(rubric.is_ok(), "{}: {rubric:?}", path.display());
        // File names are the profiles' names.
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        assert_eq!(
            rubric.map(|r| r.name).unwrap_or_default(),
            stem,
            "{}",
            path.display()
        );
    }
}

#[test]
fn broken_profiles_are_rejected_with_their_place() {
    let validator = validator();
    let base = parse(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("data/rubrics/default.json"),
        )
        .unwrap_or_default(),
        "default.json",
    );
    assert!(validator.is_valid(&base));
    type Breakage = fn(&mut Value);
    let breakages: [(&str, &str, Breakage); 7] = [
        ("no name", "name", |v| {
            if let Some(o) = v.as_object_mut() {
                o.remove("name");
            }
        }),
        ("unknown field", "/", |v| v["grade_bands"] = json!([])),
        ("grade without min", "/grades/0", |v| {
            v["grades"][0] = json!({"grade": "优"})
        }),
        ("unknown rule kind", "/indicators/0/rule", |v| {
            v["indicators"][0]["rule"] = json!({"kind": "curve"})
        }),
        (
            "band with points and fraction",
            "/indicators/0/rule/bands/0",
            |v| {
                v["indicators"][0]["rule"]["bands"][0] =
                    json!({"min": 95, "points": 6, "fraction": 1})
            },
        ),
        ("deduction without points", "/indicators/0/rule", |v| {
            v["indicators"][0]["rule"] = json!({"kind": "deduction", "limit": 100})
        }),
        ("weight as a string", "/indicators/0/weight", |v| {
            v["indicators"][0]["weight"] = json!("6")
        }),
    ];
    for (what, place, breakage) in breakages {
        let mut broken = base.clone();
        breakage(&mut broken);
        assert!(!validator.is_valid(&broken), "{what}: accepted");
        let text = broken.to_string();
        match Rubric::from_json(&text, "broken.json") {
            Ok(_) => panic!("{what}: loaded"),
            Err(e) => {
                let msg = e.to_string();
                assert!(msg.starts_with("broken.json: "), "{what}: {msg}");
                assert!(msg.contains(place), "{what}: `{place}` not in {msg}");
            }
        }
    }
}
