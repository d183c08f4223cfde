//! Reading a rubric from JSON: validation against its schema, then each rule, evidence spec
//! and grade band.

use super::*;

/// Every way `value` breaks the rubric schema (at most five), as `path: problem`.
pub(super) fn schema_problems(value: &Value) -> Vec<String> {
    static V: OnceLock<Option<jsonschema::Validator>> = OnceLock::new();
    let validator = V.get_or_init(|| {
        let schema: Value = serde_json::from_str(SCHEMA).ok()?;
        jsonschema::draft202012::new(&schema).ok()
    });
    let Some(validator) = validator else {
        return Vec::new();
    };
    validator
        .iter_errors(value)
        .take(5)
        .map(|e| {
            let path = e.instance_path().to_string();
            let path = if path.is_empty() { "/".into() } else { path };
            // The message quotes the offending value; keep it short.
            let msg = e.to_string();
            let msg: String = if msg.chars().count() > 160 {
                msg.chars().take(160).chain("…".chars()).collect()
            } else {
                msg
            };
            format!("{path}: {msg}")
        })
        .collect()
}

pub(super) fn dec(v: &Value, path: &str) -> Result<Decimal, String> {
    match v {
        Value::Number(n) => {
            let s = n.to_string();
            Decimal::from_str(&s)
                .or_else(|_| Decimal::from_scientific(&s))
                .map_err(|_| format!("{path}: {s} is not a decimal number jxlint can hold"))
        }
        _ => Err(format!("{path}: expected a number")),
    }
}

pub(super) fn opt_dec(
    obj: &serde_json::Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<Decimal>, String> {
    obj.get(key)
        .map(|v| dec(v, &format!("{path}/{key}")))
        .transpose()
}

pub(super) fn strings(obj: &serde_json::Map<String, Value>, key: &str) -> Vec<String> {
    obj.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn flag(obj: &serde_json::Map<String, Value>, key: &str, default: bool) -> bool {
    obj.get(key).and_then(Value::as_bool).unwrap_or(default)
}

pub(super) fn object<'v>(
    v: &'v Value,
    path: &str,
) -> Result<&'v serde_json::Map<String, Value>, String> {
    v.as_object()
        .ok_or_else(|| format!("{path}: expected an object"))
}

pub(super) fn bound(
    obj: &serde_json::Map<String, Value>,
    key: &str,
    inclusive_key: &str,
    default_inclusive: bool,
    path: &str,
) -> Result<Option<Bound>, String> {
    Ok(opt_dec(obj, key, path)?.map(|value| Bound {
        value,
        inclusive: flag(obj, inclusive_key, default_inclusive),
    }))
}

/// A scoring rule from its JSON object (`{"kind": "bands", …}`).
pub(crate) fn rule_from(v: &Value, path: &str) -> Result<ScoreRule, String> {
    let obj = object(v, path)?;
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
    match kind {
        "bands" => {
            let bands = obj
                .get("bands")
                .and_then(Value::as_array)
                .ok_or_else(|| format!("{path}/bands: expected an array"))?;
            let mut out = Vec::new();
            for (i, b) in bands.iter().enumerate() {
                let bp = format!("{path}/bands/{i}");
                let bo = object(b, &bp)?;
                let score = match (opt_dec(bo, "points", &bp)?, opt_dec(bo, "fraction", &bp)?) {
                    (Some(p), None) => BandScore::Points(p),
                    (None, Some(f)) => BandScore::Fraction(f),
                    _ => return Err(format!("{bp}: give exactly one of `points` and `fraction`")),
                };
                let min = bound(bo, "min", "min_inclusive", true, &bp)?;
                let max = bound(bo, "max", "max_inclusive", false, &bp)?;
                if let (Some(lo), Some(hi)) = (min, max)
                    && lo.value > hi.value
                {
                    return Err(format!("{bp}: `min` is above `max`"));
                }
                out.push(Band { min, max, score });
            }
            if out.is_empty() {
                return Err(format!("{path}/bands: no band"));
            }
            Ok(ScoreRule::Bands(out))
        }
        "linear" => {
            let full_at = opt_dec(obj, "full_at", path)?.unwrap_or(Decimal::ONE_HUNDRED);
            if full_at <= Decimal::ZERO {
                return Err(format!("{path}/full_at: must be above 0"));
            }
            Ok(ScoreRule::Linear {
                full_at,
                cap: flag(obj, "cap", true),
            })
        }
        "deduction" => {
            let limit = opt_dec(obj, "limit", path)?
                .ok_or_else(|| format!("{path}: `limit` is required"))?;
            let points = opt_dec(obj, "points", path)?
                .ok_or_else(|| format!("{path}: `points` is required"))?;
            let step = opt_dec(obj, "step", path)?.unwrap_or(Decimal::ONE);
            if step <= Decimal::ZERO {
                return Err(format!("{path}/step: must be above 0"));
            }
            let over = match obj.get("direction").and_then(Value::as_str) {
                None | Some("over") => true,
                Some("under") => false,
                Some(other) => {
                    return Err(format!("{path}/direction: `{other}` is not over or under"));
                }
            };
            let count = match obj.get("count").and_then(Value::as_str) {
                None | Some("exact") => StepCount::Exact,
                Some("up") => StepCount::Up,
                Some("down") => StepCount::Down,
                Some(other) => {
                    return Err(format!("{path}/count: `{other}` is not exact, up or down"));
                }
            };
            Ok(ScoreRule::Deduction {
                limit,
                over,
                step,
                points,
                count,
            })
        }
        "pass_fail" => {
            let min = bound(obj, "min", "min_inclusive", true, path)?;
            let max = bound(obj, "max", "max_inclusive", true, path)?;
            if min.is_none() && max.is_none() {
                return Err(format!("{path}: give `min`, `max` or both"));
            }
            Ok(ScoreRule::PassFail {
                min,
                max,
                pass: opt_dec(obj, "pass", path)?,
                fail: opt_dec(obj, "fail", path)?.unwrap_or(Decimal::ZERO),
            })
        }
        other => Err(format!(
            "{path}/kind: `{other}` is not bands, linear, deduction or pass_fail"
        )),
    }
}

pub(super) fn evidence_from(v: &Value, path: &str) -> Result<EvidenceSpec, String> {
    let obj = object(v, path)?;
    if obj.contains_key("numerator") || obj.contains_key("denominator") {
        let numerator = strings(obj, "numerator");
        let denominator = strings(obj, "denominator");
        if numerator.is_empty() || denominator.is_empty() {
            return Err(format!(
                "{path}: a count ratio needs `numerator` and `denominator` words"
            ));
        }
        return Ok(EvidenceSpec::CountRatio {
            numerator,
            denominator,
        });
    }
    let keywords = strings(obj, "keywords");
    let concepts = strings(obj, "concepts");
    if keywords.is_empty() && concepts.is_empty() {
        return Err(format!("{path}: give `keywords` or `concepts`"));
    }
    let unit = match obj.get("unit").and_then(Value::as_str) {
        None | Some("percent") => EvidenceUnit::Percent,
        Some("count") => EvidenceUnit::Count,
        Some("any") => EvidenceUnit::Any,
        Some(other) => {
            return Err(format!(
                "{path}/unit: `{other}` is not percent, count or any"
            ));
        }
    };
    Ok(EvidenceSpec::Figure {
        keywords,
        concepts,
        exclude: strings(obj, "exclude"),
        unit,
    })
}

pub(super) fn build(value: &Value, origin: &str) -> Result<Rubric, String> {
    let root = object(value, "")?;
    let name = root
        .get("name")
        .and_then(Value::as_str)
        .ok_or("/name: required")?
        .to_string();
    let title = root
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or(&name)
        .to_string();
    let mut grades = Vec::new();
    if let Some(gs) = root.get("grades").and_then(Value::as_array) {
        for (i, g) in gs.iter().enumerate() {
            let p = format!("/grades/{i}");
            let o = object(g, &p)?;
            let grade = o
                .get("grade")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("{p}/grade: required"))?
                .to_string();
            let min = opt_dec(o, "min", &p)?.ok_or_else(|| format!("{p}/min: required"))?;
            grades.push(GradeBand {
                grade,
                aliases: strings(o, "aliases"),
                min,
            });
        }
    } else {
        grades = Rubric::minimal().grades;
    }
    grades.sort_by_key(|g| std::cmp::Reverse(g.min));
    if grades.windows(2).any(|w| w[0].min == w[1].min) {
        return Err("/grades: two grades start at the same total".into());
    }
    let execution = match root.get("execution") {
        Some(v) => rule_from(v, "/execution")?,
        None => ScoreRule::Linear {
            full_at: Decimal::ONE_HUNDRED,
            cap: true,
        },
    };
    let quantitative_cap = root
        .get("quantitative")
        .and_then(Value::as_object)
        .map(|o| flag(o, "cap", true))
        .unwrap_or(true);
    let quantitative_missed = match root
        .get("quantitative")
        .and_then(|q| q.get("missed"))
        .and_then(Value::as_str)
    {
        None | Some("ratio") => Missed::Ratio,
        Some("zero") => Missed::Zero,
        Some("less") => Missed::Less,
        Some(other) => {
            return Err(format!(
                "/quantitative/missed: `{other}` is not ratio, zero or less"
            ));
        }
    };
    let mut project_weights = Vec::new();
    if let Some(w) = root.get("project_weights").and_then(Value::as_object) {
        for (k, v) in w {
            project_weights.push((k.clone(), dec(v, &format!("/project_weights/{k}"))?));
        }
    }
    let table_criteria = match root.get("table_criteria").and_then(Value::as_str) {
        None | Some("prefer") => TableCriteria::Prefer,
        Some("fallback") => TableCriteria::Fallback,
        Some("ignore") => TableCriteria::Ignore,
        Some(other) => {
            return Err(format!(
                "/table_criteria: `{other}` is not prefer, fallback or ignore"
            ));
        }
    };
    let mut indicators = Vec::new();
    if let Some(list) = root.get("indicators").and_then(Value::as_array) {
        for (i, v) in list.iter().enumerate() {
            let p = format!("/indicators/{i}");
            let o = object(v, &p)?;
            let id = o
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let names = strings(o, "names");
            if names.is_empty() {
                return Err(format!("{p}/names: give at least one name"));
            }
            let scope = match o.get("scope").and_then(Value::as_str) {
                None | Some("department") => Scope::Department,
                Some("project") => Scope::Project,
                Some("any") => Scope::Any,
                Some(other) => {
                    return Err(format!(
                        "{p}/scope: `{other}` is not department, project or any"
                    ));
                }
            };
            let rule = rule_from(
                o.get("rule").ok_or_else(|| format!("{p}/rule: required"))?,
                &format!("{p}/rule"),
            )?;
            let evidence = evidence_from(
                o.get("evidence")
                    .ok_or_else(|| format!("{p}/evidence: required"))?,
                &format!("{p}/evidence"),
            )?;
            indicators.push(IndicatorRule {
                id,
                names,
                exclude: strings(o, "exclude"),
                scope,
                weight: opt_dec(o, "weight", &p)?,
                rule,
                evidence,
            });
        }
    }
    Ok(Rubric {
        name,
        title,
        origin: origin.to_string(),
        grades,
        execution,
        quantitative_cap,
        quantitative_missed,
        project_weights,
        indicators,
        table_criteria,
    })
}
