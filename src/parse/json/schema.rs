//! Validation of report data against `schemas/report.schema.json`, with every violation placed
//! on the offending value and phrased in words.
//!
//! The [`Node`] tree is converted to a `serde_json::Value` for the `jsonschema` crate — numbers
//! from their literal text (`serde_json` has `arbitrary_precision`), never through `f64` — and
//! each error's instance location (a JSON Pointer) is walked back down the tree to the node it
//! names, so that the diagnostic points at that value's line and column. The expectation is
//! said in Chinese and English (`应为数字（number），实际为字符串` / `expected a number, found a
//! string`), naming the field by the Chinese term that starts its `description` in the schema.
//!
//! The schema is compiled once, offline: a `$ref` to anything outside the schema itself is a
//! clear error, never a network fetch.

use std::str::FromStr;
use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::paths::LocationSegment;
use serde_json::Value;

use super::Violation;
use super::reader::{JsonType, Kind, Node};
use crate::diagnostic::Message;
use crate::model::Span;

/// The report schema, as shipped.
pub const REPORT_SCHEMA: &str = include_str!("../../../schemas/report.schema.json");

/// A compiled schema with its source (for descriptions and allowed fields).
pub struct Schema {
    pub source: Value,
    validator: jsonschema::Validator,
    /// Top-level array fields whose schema constrains each item alone (`type` and `items`
    /// only: no `minItems`, `uniqueItems`, `contains` …): validated [`CHUNK_ITEMS`] items at a
    /// time, with the same schema and the same errors as all at once.
    chunked: Vec<String>,
}

/// How many items of a large top-level array are validated together. The document is never
/// converted into a `serde_json::Value` whole (that takes about ten times its size): the rest
/// of the top level is converted once per chunk, which is small.
pub const CHUNK_ITEMS: usize = 1024;

/// The top-level properties whose arrays may be validated a chunk at a time: a schema of
/// `type: array` with `items` and nothing else that constrains the array as a whole.
fn chunkable(source: &Value) -> Vec<String> {
    const PER_ITEM: &[&str] = &["type", "items", "description", "$comment", "title"];
    let Some(props) = source.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    props
        .iter()
        .filter(|(_, v)| {
            v.get("type").and_then(Value::as_str) == Some("array")
                && v.get("items").is_some()
                && v.as_object()
                    .is_some_and(|o| o.keys().all(|k| PER_ITEM.contains(&k.as_str())))
        })
        .map(|(k, _)| k.clone())
        .collect()
}

/// The report schema, compiled once.
pub fn report_schema() -> Result<&'static Schema, String> {
    static S: OnceLock<Result<Schema, String>> = OnceLock::new();
    S.get_or_init(|| {
        let source: Value = serde_json::from_str(REPORT_SCHEMA)
            .map_err(|e| format!("schemas/report.schema.json is not JSON: {e}"))?;
        compile(source)
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// Refuses every retrieval: jxlint never touches the network or the file system for a schema.
struct NoRetrieval;

impl jsonschema::Retrieve for NoRetrieval {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        Err(format!(
            "the schema refers to {uri}, outside itself; jxlint does not fetch schemas (no network): put the definition under $defs"
        )
        .into())
    }
}

/// Compile a JSON Schema (draft 2020-12) without network access.
pub fn compile(source: Value) -> Result<Schema, String> {
    let validator = jsonschema::draft202012::options()
        .with_retriever(NoRetrieval)
        .build(&source)
        .map_err(|e| format!("the schema does not compile: {e}"))?;
    // Keywords on the top level that look at arrays through it would see only a chunk.
    let whole_only = [
        "unevaluatedItems",
        "dependentSchemas",
        "if",
        "not",
        "oneOf",
        "anyOf",
    ]
    .iter()
    .any(|k| source.get(k).is_some());
    let chunked = if whole_only {
        Vec::new()
    } else {
        chunkable(&source)
    };
    Ok(Schema {
        source,
        validator,
        chunked,
    })
}

/// The tree as a `serde_json::Value`; numbers keep their literal digits.
pub fn to_value(node: &Node) -> Value {
    match &node.kind {
        Kind::Null => Value::Null,
        Kind::Bool(b) => Value::Bool(*b),
        Kind::Number(lit) => serde_json::Number::from_str(lit)
            .map(Value::Number)
            .unwrap_or(Value::Null),
        Kind::String(s) => Value::String(s.to_string()),
        Kind::Array(items) => Value::Array(items.iter().map(to_value).collect()),
        Kind::Object(members) => Value::Object(
            members
                .iter()
                .map(|m| (m.key.to_string(), to_value(&m.value)))
                .collect(),
        ),
    }
}

/// The top level as a `Value`, with each large array of `chunks` cut to the items of round
/// `round`.
fn to_value_chunk(root: &Node, chunks: &[(&str, &[Node])], round: usize) -> Value {
    let Kind::Object(members) = &root.kind else {
        return to_value(root);
    };
    let mut map = serde_json::Map::new();
    for m in members {
        let v = match chunks.iter().find(|(k, _)| *k == m.key) {
            Some((_, items)) => {
                let from = (round * CHUNK_ITEMS).min(items.len());
                let to = (from + CHUNK_ITEMS).min(items.len());
                Value::Array(items[from..to].iter().map(to_value).collect())
            }
            None => to_value(&m.value),
        };
        map.insert(m.key.to_string(), v);
    }
    Value::Object(map)
}

/// Every way `root` breaks `schema`, one violation per error, at the offending value.
///
/// A top-level array of more than [`CHUNK_ITEMS`] items whose schema constrains each item
/// alone (see [`Schema`]) is validated a chunk at a time: each round validates the top level
/// with the next chunk of items in place of the array, errors inside the array are moved to
/// their index in the whole, and errors elsewhere are kept from the first round only. The
/// errors are the same as validating the whole document at once; the memory is that of a
/// chunk.
pub fn validate(schema: &Schema, root: &Node) -> Vec<Violation> {
    let chunks: Vec<(&str, &[Node])> = schema
        .chunked
        .iter()
        .filter_map(|k| {
            let member = root.members().iter().rev().find(|m| &m.key == k)?;
            let items = member.value.items();
            (items.len() > CHUNK_ITEMS).then_some((k.as_str(), items))
        })
        .collect();
    let rounds = chunks
        .iter()
        .map(|(_, items)| items.len().div_ceil(CHUNK_ITEMS))
        .max()
        .unwrap_or(1);
    let mut out = Vec::new();
    for round in 0..rounds {
        let instance = if chunks.is_empty() {
            to_value(root)
        } else {
            to_value_chunk(root, &chunks, round)
        };
        validate_instance(schema, root, &instance, &chunks, round, &mut out);
    }
    out.sort_by(|a, b| (a.span, &a.message.en).cmp(&(b.span, &b.message.en)));
    out.dedup();
    out
}

/// The errors of one round (see [`validate`]).
fn validate_instance(
    schema: &Schema,
    root: &Node,
    instance: &Value,
    chunks: &[(&str, &[Node])],
    round: usize,
    out: &mut Vec<Violation>,
) {
    for e in schema.validator.iter_errors(instance) {
        let mut segs: Vec<Seg> = e
            .instance_path()
            .segments()
            .map(|s| match s {
                LocationSegment::Property(p) => Seg::Key(p.to_string()),
                LocationSegment::Index(i) => Seg::Index(i),
            })
            .collect();
        let in_chunk = match segs.as_slice() {
            [Seg::Key(k), Seg::Index(_), ..] => chunks.iter().any(|(c, _)| c == k),
            _ => false,
        };
        if in_chunk {
            if let Some(Seg::Index(i)) = segs.get_mut(1) {
                *i += round * CHUNK_ITEMS;
            }
        } else if round > 0 {
            continue;
        }
        let Some(at) = locate(root, &segs) else {
            continue;
        };
        let def = defined_by(e.schema_path().as_str());
        let field = Field::new(schema, &segs);
        match e.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                for key in unexpected {
                    for m in at.node.members().iter().filter(|m| &m.key == key) {
                        out.push(unknown_field(schema, &segs, &field, key, m.key_span));
                    }
                }
            }
            kind => out.push(Violation {
                span: at.point(),
                message: phrase(
                    kind,
                    &def,
                    &field,
                    at.node,
                    missing_term(schema, &segs, kind),
                ),
                help: None,
                expected: None,
                found: None,
            }),
        }
    }
}

/// The Chinese term of a required field that is missing.
fn missing_term(schema: &Schema, segs: &[Seg], kind: &ValidationErrorKind) -> Option<String> {
    let ValidationErrorKind::Required { property } = kind else {
        return None;
    };
    let mut path = segs.to_vec();
    path.push(Seg::Key(show(property)));
    schema_at(&schema.source, &path).and_then(term_of)
}

/// A step of an instance location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A node found by its location, with the key it is the value of.
pub struct At<'n> {
    pub node: &'n Node<'n>,
    pub key_span: Option<Span>,
}

impl At<'_> {
    /// Where to point: a scalar itself; a container by its key (`"budget": {`), or by its
    /// opening bracket at the top.
    pub fn point(&self) -> Span {
        match (&self.node.kind, self.key_span) {
            (Kind::Object(_) | Kind::Array(_), Some(k)) => k,
            (Kind::Object(_) | Kind::Array(_), None) => {
                Span::new(self.node.span.start, self.node.span.start + 1)
            }
            _ => self.node.span,
        }
    }
}

/// Walk `segs` down from `root`.
pub fn locate<'n>(root: &'n Node, segs: &[Seg]) -> Option<At<'n>> {
    let mut at = At {
        node: root,
        key_span: None,
    };
    for s in segs {
        at = match s {
            Seg::Key(k) => {
                let m = at.node.members().iter().rev().find(|m| &m.key == k)?;
                At {
                    node: &m.value,
                    key_span: Some(m.key_span),
                }
            }
            Seg::Index(i) => At {
                node: at.node.items().get(*i)?,
                key_span: None,
            },
        };
    }
    Some(at)
}

/// Which `$defs` entry a keyword location belongs to (`/$defs/amount/type` → `amount`).
fn defined_by(schema_path: &str) -> String {
    let mut it = schema_path.split('/');
    while let Some(s) = it.next() {
        if s == "$defs" {
            return it.next().unwrap_or_default().to_string();
        }
    }
    String::new()
}

/// The field a location names: its dotted path and its Chinese term from the schema.
struct Field {
    path: String,
    term: Option<String>,
    /// The last key of the path (`unit`).
    key: Option<String>,
}

impl Field {
    fn new(schema: &Schema, segs: &[Seg]) -> Field {
        let path = dotted(segs);
        let term = schema_at(&schema.source, segs).and_then(term_of);
        let key = segs.iter().rev().find_map(|s| match s {
            Seg::Key(k) => Some(k.clone()),
            Seg::Index(_) => None,
        });
        Field { path, term, key }
    }

    /// `「调整预算合计」` / ``"`budget.adjusted.total` (调整预算合计)"``: how messages name it.
    fn names(&self) -> (String, String) {
        let path = if self.path.is_empty() {
            "(top level)".to_string()
        } else {
            self.path.clone()
        };
        match &self.term {
            Some(t) => (format!("{path}（{t}）"), format!("`{path}` ({t})")),
            None => (path.clone(), format!("`{path}`")),
        }
    }
}

/// `budget.adjusted.total`, `metrics[3].unit`.
pub fn dotted(segs: &[Seg]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

fn resolve_ref<'s>(root: &'s Value, mut node: &'s Value) -> &'s Value {
    for _ in 0..16 {
        let Some(r) = node.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let Some(pointer) = r.strip_prefix('#') else {
            break;
        };
        match root.pointer(pointer) {
            Some(n) => node = n,
            None => break,
        }
    }
    node
}

/// The schema node that declares the value at `segs` (before following its `$ref`, so that
/// the description written where the field is declared is the one found).
fn schema_at<'s>(root: &'s Value, segs: &[Seg]) -> Option<&'s Value> {
    let mut node = root;
    for s in segs {
        let resolved = resolve_ref(root, node);
        node = match s {
            Seg::Key(k) => resolved.get("properties")?.get(k)?,
            Seg::Index(_) => resolved.get("items")?,
        };
    }
    Some(node)
}

/// The Chinese term a description starts with (`调整预算合计 — …` → `调整预算合计`).
fn term_of(node: &Value) -> Option<String> {
    let d = node.get("description")?.as_str()?;
    let t = d.split(" — ").next()?.trim();
    (!t.is_empty() && t.len() < d.len()).then(|| t.to_string())
}

/// `字符串（string） "34"` / `the string "34"`: what was found, for messages.
fn found(node: &Node) -> (String, String) {
    match &node.kind {
        Kind::String(s) => {
            let shown: String = s.chars().take(40).collect();
            (
                format!("字符串（string）\"{shown}\""),
                format!("the string \"{shown}\""),
            )
        }
        Kind::Number(n) => (format!("数字 {n}"), format!("the number {n}")),
        Kind::Bool(b) => (format!("布尔值 {b}"), format!("the boolean {b}")),
        _ => {
            let t = node.type_name();
            (t.zh().to_string(), t.en().to_string())
        }
    }
}

fn json_type(t: jsonschema::JsonType) -> JsonType {
    match t {
        jsonschema::JsonType::Null => JsonType::Null,
        jsonschema::JsonType::Boolean => JsonType::Boolean,
        jsonschema::JsonType::Integer => JsonType::Integer,
        jsonschema::JsonType::Number => JsonType::Number,
        jsonschema::JsonType::String => JsonType::String,
        jsonschema::JsonType::Array => JsonType::Array,
        jsonschema::JsonType::Object => JsonType::Object,
    }
}

/// The expected type(s) in words, with the report schema's unions said by what they mean.
fn expected_type(kind: &TypeKind, def: &str) -> (String, String) {
    match def {
        "amount" => {
            return (
                "金额（数字、数字字符串，或 {\"value\": …, \"unit\": …}）".to_string(),
                "an amount (a number, a numeric string, or {\"value\": …, \"unit\": …})"
                    .to_string(),
            );
        }
        "decimal" | "nonNegative" => {
            return (
                "数字（number）或数字字符串".to_string(),
                "a number or a numeric string".to_string(),
            );
        }
        "operand" => {
            return (
                "字段路径或 {\"label\", \"value\", \"unit\"} 对象".to_string(),
                "a field path or a {\"label\", \"value\", \"unit\"} object".to_string(),
            );
        }
        _ => {}
    }
    let types: Vec<JsonType> = match kind {
        TypeKind::Single(t) => vec![json_type(*t)],
        TypeKind::Multiple(set) => set.iter().map(json_type).collect(),
    };
    let zh: Vec<&str> = types.iter().map(|t| t.zh()).collect();
    let en: Vec<&str> = types.iter().map(|t| t.en()).collect();
    (zh.join("或"), en.join(" or "))
}

fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Say what the schema expected at a value, in both languages.
fn phrase(
    kind: &ValidationErrorKind,
    def: &str,
    field: &Field,
    node: &Node,
    missing_term: Option<String>,
) -> Message {
    let (zh_name, en_name) = field.names();
    let (zh_found, en_found) = found(node);
    match kind {
        ValidationErrorKind::Type { kind } => {
            let (zh, en) = expected_type(kind, def);
            Message::new(
                format!("{zh_name}应为{zh}，实际为{zh_found}"),
                format!("{en_name}: expected {en}, found {en_found}"),
            )
        }
        ValidationErrorKind::Required { property } => {
            let prop = show(property);
            let (zh_in, en_in) = if field.path.is_empty() {
                (String::new(), String::new())
            } else {
                (format!("{zh_name}中"), format!(" in {en_name}"))
            };
            let (zh_t, en_t) = match missing_term {
                Some(t) => (format!("（{t}）"), format!(" ({t})")),
                None => (String::new(), String::new()),
            };
            Message::new(
                format!("{zh_in}缺少必填字段 {prop}{zh_t}"),
                format!("missing required field `{prop}`{en_t}{en_in}"),
            )
        }
        ValidationErrorKind::Enum { options } => {
            let opts: Vec<String> = options
                .as_array()
                .map(|a| a.iter().map(show).collect())
                .unwrap_or_default();
            let (zh_list, en_list) = (join_zh(&opts), join_en(&opts));
            if def == "moneyUnit" || field.key.as_deref() == Some("unit") {
                Message::new(
                    format!(
                        "{zh_name}：单位必须是 {zh_list}，实际为 {}",
                        show_node(node)
                    ),
                    format!(
                        "{en_name}: the unit must be {en_list}, found {}",
                        show_node(node)
                    ),
                )
            } else {
                Message::new(
                    format!("{zh_name}必须是 {zh_list} 之一，实际为 {}", show_node(node)),
                    format!(
                        "{en_name}: must be one of {en_list}, found {}",
                        show_node(node)
                    ),
                )
            }
        }
        ValidationErrorKind::Pattern { .. } => {
            let (zh, en) = match def {
                "decimal" => (
                    "数字或数字字符串（如 \"8733.75\"：不带单位、千位分隔符和指数）",
                    "a number or a numeric string (like \"8733.75\": no unit, no thousands separators, no exponent)",
                ),
                "nonNegative" | "amount" => (
                    "非负数字或数字字符串（如 \"8733.75\"：不带正负号、单位、千位分隔符和指数）",
                    "a non-negative number or numeric string (like \"8733.75\": no sign, no unit, no thousands separators, no exponent)",
                ),
                "id" => (
                    "标识：字母、数字和 _ 组成，不以数字开头",
                    "an id: letters, digits and _, not starting with a digit",
                ),
                "operand" | "path" => (
                    "字段路径（如 budget.adjusted.total、metrics.hazards）",
                    "a field path (like budget.adjusted.total or metrics.hazards)",
                ),
                _ => ("符合规定格式的字符串", "a string in the required format"),
            };
            Message::new(
                format!("{zh_name}应为{zh}，实际为{zh_found}"),
                format!("{en_name}: expected {en}, found {en_found}"),
            )
        }
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => {
            if limit.as_u64() == Some(0) && matches!(def, "amount" | "nonNegative") {
                Message::new(
                    format!("{zh_name}不能为负数，实际为 {}", show_node(node)),
                    format!("{en_name}: must not be negative, found {}", show_node(node)),
                )
            } else {
                Message::new(
                    format!("{zh_name}不能小于 {limit}，实际为 {}", show_node(node)),
                    format!(
                        "{en_name}: must be at least {limit}, found {}",
                        show_node(node)
                    ),
                )
            }
        }
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => Message::new(
            format!("{zh_name}不能大于 {limit}，实际为 {}", show_node(node)),
            format!(
                "{en_name}: must be at most {limit}, found {}",
                show_node(node)
            ),
        ),
        ValidationErrorKind::MinLength { .. } => Message::new(
            format!("{zh_name}不能为空"),
            format!("{en_name}: must not be empty"),
        ),
        other => Message::new(
            format!("{zh_name}不符合数据格式（{}）", other.keyword()),
            format!(
                "{en_name}: does not follow the schema (keyword `{}`)",
                other.keyword()
            ),
        ),
    }
}

fn show_node(node: &Node) -> String {
    match &node.kind {
        Kind::String(s) => format!("\"{s}\""),
        Kind::Number(n) => n.to_string(),
        Kind::Bool(b) => b.to_string(),
        _ => node.type_name().en().to_string(),
    }
}

/// `元、万元 或 亿元`.
fn join_zh(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} 或 {last}", init.join("、")),
    }
}

/// `元, 万元 or 亿元`.
fn join_en(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A field the schema does not know, with the fields it allows there.
fn unknown_field(schema: &Schema, segs: &[Seg], field: &Field, key: &str, span: Span) -> Violation {
    let allowed: Vec<String> = schema_at(&schema.source, segs)
        .map(|n| resolve_ref(&schema.source, n))
        .and_then(|n| n.get("properties"))
        .and_then(Value::as_object)
        .map(|p| p.keys().filter(|k| *k != "$schema").cloned().collect())
        .unwrap_or_default();
    let near = allowed
        .iter()
        .map(|a| (super::fields::edit_distance(a, key), a))
        .filter(|(d, a)| *d <= 2.max(a.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a.clone());
    let (zh_where, en_where) = if field.path.is_empty() {
        ("顶层".to_string(), "at the top level".to_string())
    } else {
        let (zh, en) = field.names();
        (zh, format!("in {en}"))
    };
    let list = allowed.join(", ");
    let (zh_hint, en_hint) = match &near {
        Some(n) => (
            format!("，是否应为 {n}？"),
            format!("; did you mean `{n}`?"),
        ),
        None => (String::new(), String::new()),
    };
    Violation {
        span,
        message: Message::new(
            format!("未知字段 {key}：{zh_where}不允许此字段{zh_hint}"),
            format!("unknown field `{key}` {en_where}{en_hint}"),
        ),
        help: (!allowed.is_empty()).then(|| {
            Message::new(
                format!("此处可用的字段：{list}"),
                format!("the fields allowed here: {list}"),
            )
        }),
        expected: None,
        found: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::json::reader::read;

    fn violations(text: &str) -> Vec<(String, String)> {
        let root = read(text).unwrap_or_else(|e| panic!("{e:?}"));
        let schema = report_schema().unwrap_or_else(|e| panic!("{e}"));
        validate(schema, &root)
            .into_iter()
            .map(|v| (text[v.span.start..v.span.end].to_string(), v.message.en))
            .collect()
    }

    #[test]
    fn the_schema_compiles() {
        assert!(report_schema().is_ok(), "{:?}", report_schema().err());
    }

    /// Every property of the schema is documented, starting with its Chinese term.
    #[test]
    fn every_property_is_documented() {
        fn walk(v: &Value, at: &str, missing: &mut Vec<String>) {
            if let Some(props) = v.get("properties").and_then(Value::as_object) {
                for (k, p) in props {
                    let here = format!("{at}/{k}");
                    let term = term_of(p).unwrap_or_default();
                    if !term.chars().any(crate::parse::norm::is_cjk) {
                        missing.push(here.clone());
                    }
                    walk(p, &here, missing);
                }
            }
            if let Some(defs) = v.get("$defs").and_then(Value::as_object) {
                for (k, d) in defs {
                    walk(d, &format!("{at}/$defs/{k}"), missing);
                }
            }
        }
        let schema = report_schema().unwrap_or_else(|e| panic!("{e}"));
        let mut missing = Vec::new();
        walk(&schema.source, "", &mut missing);
        assert!(missing.is_empty(), "undocumented: {missing:?}");
    }

    /// Every figure of the fields table is a property of the schema, and every amount or count
    /// of the schema is in the table.
    #[test]
    fn the_fields_table_and_the_schema_agree() {
        let schema = report_schema().unwrap_or_else(|e| panic!("{e}"));
        for f in crate::parse::json::fields::all() {
            let segs: Vec<Seg> = f.path.split('.').map(|s| Seg::Key(s.to_string())).collect();
            assert!(
                schema_at(&schema.source, &segs).is_some(),
                "{} is not in the schema",
                f.path
            );
        }
        fn leaves(root: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
            let Some(props) = resolve_ref(root, v)
                .get("properties")
                .and_then(Value::as_object)
            else {
                return;
            };
            for (k, p) in props {
                let here = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                match p.get("$ref").and_then(Value::as_str) {
                    Some("#/$defs/amount") | Some("#/$defs/count") => out.push(here),
                    _ => leaves(root, p, &here, out),
                }
            }
        }
        let mut paths = Vec::new();
        for section in [
            "budget",
            "spend",
            "sangong",
            "procurement",
            "assets",
            "staff",
        ] {
            let node = schema_at(&schema.source, &[Seg::Key(section.into())]);
            if let Some(n) = node {
                leaves(&schema.source, n, section, &mut paths);
            }
        }
        assert!(paths.len() > 50);
        for p in paths {
            assert!(
                crate::parse::json::fields::get(&p).is_some(),
                "{p} is not in data/fields.tsv"
            );
        }
    }

    #[test]
    fn remote_refs_are_refused_clearly() {
        let schema = serde_json::json!({"$ref": "https://example.com/report.json"});
        let e = compile(schema).err().unwrap_or_default();
        assert!(e.contains("does not fetch"), "{e}");
    }

    #[test]
    fn violations_point_at_the_value_and_say_what_was_expected() {
        let text = r#"{"report": {"department": "x", "year": "2023", "kind": "部门整体"},
 "unit": "千元", "budget": {"adjusted": {"total": true, "basic": "2,195.76", "projct": 1}},
 "staff": {"in_post": "34"}, "sangong": {"final": {}}}"#;
        let v = violations(text);
        let find = |needle: &str| v.iter().find(|(s, _)| s == needle).map(|(_, m)| m.as_str());
        assert_eq!(
            find("\"2023\""),
            Some("`report.year` (年度): expected an integer, found the string \"2023\"")
        );
        assert_eq!(
            find("\"千元\""),
            Some("`unit` (默认金额单位): the unit must be 元, 万元 or 亿元, found \"千元\"")
        );
        assert!(
            find("true").is_some_and(|m| m.contains("expected an amount")),
            "{v:?}"
        );
        assert!(
            find("\"2,195.76\"").is_some_and(|m| m.contains("no thousands separators")),
            "{v:?}"
        );
        assert!(
            find("\"projct\"").is_some_and(|m| m.contains("did you mean `project`")),
            "{v:?}"
        );
        assert!(
            find("\"34\"").is_some_and(|m| m.contains("expected an integer")),
            "{v:?}"
        );
        assert!(
            find("\"final\"").is_some_and(|m| m.contains("missing required field `total`")),
            "{v:?}"
        );
    }
}
