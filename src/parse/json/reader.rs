//! A span-keeping JSON reader (RFC 8259).
//!
//! `serde_json` gives values but not where they stand in the file; jxlint needs both, so that a
//! diagnostic about a figure in report data points at its line and column. [`read`] is a small
//! recursive-descent parser producing a [`Node`] tree in which:
//!
//! * every node has the byte [`Span`] of its value in the text (strings with their quotes,
//!   containers from the opening to the closing bracket), and every object member keeps the
//!   span of its key;
//! * numbers keep their literal text (`"8733.75"`, `"1e-3"`), so that they can be turned into
//!   exact decimals later — never into `f64`;
//! * members keep their file order, duplicates included (the caller decides what a duplicate
//!   key means);
//! * the tree borrows from the text: numbers, and keys and strings without escapes, are slices
//!   of it, and arrays and objects are boxed slices without spare capacity, so that the tree
//!   of a large file stays a small multiple of the file.
//!
//! Malformed input gives one [`ReadError`]: the byte offset of the problem (on a character
//! boundary) and a message saying what was expected there. The reader never panics, whatever
//! the bytes: a test feeds it every prefix of a real report. Nesting is limited to
//! [`MAX_DEPTH`] levels so that a hostile file cannot overflow the stack.

use std::borrow::Cow;

use crate::model::Span;

/// How deep arrays and objects may nest.
pub const MAX_DEPTH: usize = 128;

/// A JSON value with its position, borrowing from the text it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node<'a> {
    pub span: Span,
    pub kind: Kind<'a>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind<'a> {
    Null,
    Bool(bool),
    /// The number exactly as written (`-0.50`, `1e-30`), already checked against the JSON
    /// number grammar.
    Number(&'a str),
    /// The string's value, escapes resolved (borrowed from the text when it has none).
    String(Cow<'a, str>),
    Array(Box<[Node<'a>]>),
    Object(Box<[Member<'a>]>),
}

/// `"key": value` inside an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member<'a> {
    pub key: Cow<'a, str>,
    /// The key with its quotes.
    pub key_span: Span,
    pub value: Node<'a>,
}

impl<'a> Node<'a> {
    /// The member `key` of an object (the last one when the key is repeated, as `serde_json`
    /// reads it).
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        match &self.kind {
            Kind::Object(members) => members
                .iter()
                .rev()
                .find(|m| m.key == key)
                .map(|m| &m.value),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn members(&self) -> &[Member<'a>] {
        match &self.kind {
            Kind::Object(m) => m,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node<'a>] {
        match &self.kind {
            Kind::Array(v) => v,
            _ => &[],
        }
    }

    /// `null`, `true`, `a number`, `a string`, `an array`, `an object`.
    pub fn type_name(&self) -> JsonType {
        match self.kind {
            Kind::Null => JsonType::Null,
            Kind::Bool(_) => JsonType::Boolean,
            Kind::Number(_) => JsonType::Number,
            Kind::String(_) => JsonType::String,
            Kind::Array(_) => JsonType::Array,
            Kind::Object(_) => JsonType::Object,
        }
    }
}

/// The six JSON types (and `integer`, which JSON Schema distinguishes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    Null,
    Boolean,
    Integer,
    Number,
    String,
    Array,
    Object,
}

impl JsonType {
    /// `字符串（string）`.
    pub fn zh(self) -> &'static str {
        match self {
            JsonType::Null => "空值（null）",
            JsonType::Boolean => "布尔值（boolean）",
            JsonType::Integer => "整数（integer）",
            JsonType::Number => "数字（number）",
            JsonType::String => "字符串（string）",
            JsonType::Array => "数组（array）",
            JsonType::Object => "对象（object）",
        }
    }

    /// `a string`.
    pub fn en(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "a boolean",
            JsonType::Integer => "an integer",
            JsonType::Number => "a number",
            JsonType::String => "a string",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
        }
    }
}

/// Why the text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// Byte offset of the problem, on a character boundary (the text's length at the end).
    pub offset: usize,
    /// What is wrong, in English, lowercase, without a final period.
    pub message: String,
}

/// Parse a whole text as one JSON value.
pub fn read(text: &str) -> Result<Node<'_>, ReadError> {
    read_keeping(text, usize::MAX)
}

/// Parse a whole text as one JSON value, checked throughout, but keep only the top level:
/// the root's members with their values, objects and arrays among them empty. Enough to tell
/// what a file is (its `report`, its `$schema`) without the memory of the whole tree.
pub fn read_top(text: &str) -> Result<Node<'_>, ReadError> {
    read_keeping(text, 1)
}

fn read_keeping(text: &str, keep: usize) -> Result<Node<'_>, ReadError> {
    let mut r = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        keep,
    };
    r.skip_ws()?;
    if r.pos >= r.bytes.len() {
        return Err(r.error_at(r.pos, "empty file: expected a JSON value"));
    }
    let node = r.value(0)?;
    r.skip_ws()?;
    if r.pos < r.bytes.len() {
        return Err(r.error_at(
            r.pos,
            &format!(
                "unexpected {} after the JSON value: a file holds one value",
                r.describe_here()
            ),
        ));
    }
    Ok(node)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Containers deeper than this are checked but left empty.
    keep: usize,
}

const TRUNCATED: &str = "unexpected end of input: the file looks truncated";

impl<'a> Reader<'a> {
    fn error_at(&self, offset: usize, message: &str) -> ReadError {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        ReadError {
            offset,
            message: message.to_string(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The character at the current position, for messages: `'x'`, or `end of input`.
    fn describe_here(&self) -> String {
        match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            Some(c) if c.is_control() => format!("character U+{:04X}", u32::from(c)),
            Some(c) => format!("'{c}'"),
            None => "end of input".to_string(),
        }
    }

    /// Skip whitespace; comments are an error (JSON has none).
    fn skip_ws(&mut self) -> Result<(), ReadError> {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'/' if matches!(self.bytes.get(self.pos + 1), Some(b'/') | Some(b'*')) => {
                    return Err(self.error_at(self.pos, "comments are not allowed in JSON"));
                }
                _ => break,
            }
        }
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Result<Node<'a>, ReadError> {
        let start = self.pos;
        let Some(b) = self.peek() else {
            return Err(self.error_at(self.pos, TRUNCATED));
        };
        let kind = match b {
            b'{' => self.object(depth)?,
            b'[' => self.array(depth)?,
            b'"' => Kind::String(self.string()?),
            b'-' | b'0'..=b'9' => Kind::Number(self.number()?),
            b't' => self.literal("true", Kind::Bool(true))?,
            b'f' => self.literal("false", Kind::Bool(false))?,
            b'n' => self.literal("null", Kind::Null)?,
            b'\'' => {
                return Err(self.error_at(self.pos, "strings must be in double quotes (\"…\")"));
            }
            _ => {
                return Err(self.error_at(
                    self.pos,
                    &format!("expected a JSON value, found {}", self.describe_here()),
                ));
            }
        };
        Ok(Node {
            span: Span::new(start, self.pos),
            kind,
        })
    }

    fn literal(&mut self, word: &str, kind: Kind<'a>) -> Result<Kind<'a>, ReadError> {
        let end = self.pos + word.len();
        match self.bytes.get(self.pos..end) {
            Some(b) if b == word.as_bytes() => {
                self.pos = end;
                // `truex`, `nullable`: a word that merely starts like a literal.
                if self.peek().is_some_and(|b| b.is_ascii_alphanumeric()) {
                    return Err(self.error_at(
                        self.pos,
                        &format!("unexpected {} after `{word}`", self.describe_here()),
                    ));
                }
                Ok(kind)
            }
            _ => {
                // A prefix of the literal at the end of the text: truncated.
                let rest = &self.bytes[self.pos..];
                if rest.len() < word.len() && word.as_bytes().starts_with(rest) {
                    Err(self.error_at(self.bytes.len(), TRUNCATED))
                } else {
                    Err(self.error_at(
                        self.pos,
                        &format!(
                            "expected a JSON value (`{word}`?), found {}",
                            self.describe_here()
                        ),
                    ))
                }
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<&'a str, ReadError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.digits() {
            0 if self.peek().is_none() => return Err(self.error_at(self.pos, TRUNCATED)),
            0 => {
                return Err(self.error_at(
                    self.pos,
                    &format!("expected a digit after '-', found {}", self.describe_here()),
                ));
            }
            n if n > 1 && self.bytes[int_start] == b'0' => {
                return Err(self.error_at(
                    int_start,
                    "numbers must not have leading zeros (write 7, not 07)",
                ));
            }
            _ => {}
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(if self.peek().is_none() {
                    self.error_at(self.pos, TRUNCATED)
                } else {
                    self.error_at(
                        self.pos,
                        &format!("expected a digit after '.', found {}", self.describe_here()),
                    )
                });
            }
        }
        if matches!(self.peek(), Some(b'e') | Some(b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+') | Some(b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(if self.peek().is_none() {
                    self.error_at(self.pos, TRUNCATED)
                } else {
                    self.error_at(
                        self.pos,
                        &format!(
                            "expected a digit in the exponent, found {}",
                            self.describe_here()
                        ),
                    )
                });
            }
        }
        // `12,345.6` or `1 234`: thousands separators are text, not JSON numbers.
        if self
            .peek()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'.')
        {
            return Err(self.error_at(
                self.pos,
                &format!("unexpected {} in a number", self.describe_here()),
            ));
        }
        Ok(&self.text[start..self.pos])
    }

    /// A string's value: a slice of the text when it has no escape, else a new string.
    fn string(&mut self) -> Result<Cow<'a, str>, ReadError> {
        self.pos += 1;
        let mut out = String::new();
        let mut escaped = false;
        loop {
            // Copy the run of plain characters at once.
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // The run ends at an ASCII byte or the end: both are character boundaries.
            let run = &self.text[run_start..self.pos];
            if !escaped && self.peek() == Some(b'"') {
                self.pos += 1;
                return Ok(Cow::Borrowed(run));
            }
            out.push_str(run);
            match self.peek() {
                None => {
                    return Err(self.error_at(
                        self.pos,
                        "unexpected end of input inside a string: the file looks truncated",
                    ));
                }
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    escaped = true;
                    let esc = self.pos;
                    self.pos += 1;
                    let Some(e) = self.peek() else {
                        return Err(self.error_at(self.pos, TRUNCATED));
                    };
                    self.pos += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.unicode_escape(esc)?),
                        _ => {
                            self.pos -= 1;
                            return Err(self.error_at(
                                esc,
                                &format!(
                                    "invalid escape \\{} in a string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
                                    self.describe_here().trim_matches('\'')
                                ),
                            ));
                        }
                    }
                }
                Some(b'\n') | Some(b'\r') => {
                    return Err(self.error_at(
                        self.pos,
                        "line break inside a string: close the string before the line ends, or write \\n",
                    ));
                }
                Some(_) => {
                    return Err(self.error_at(
                        self.pos,
                        &format!(
                            "unescaped {} inside a string (write it as \\uXXXX)",
                            self.describe_here()
                        ),
                    ));
                }
            }
        }
    }

    /// Four hex digits after `\u`; a high surrogate must be followed by `\u` and a low one.
    fn unicode_escape(&mut self, esc: usize) -> Result<char, ReadError> {
        let hi = self.hex4()?;
        if (0xDC00..0xE000).contains(&hi) {
            return Err(self.error_at(esc, "invalid \\u escape: a lone low surrogate"));
        }
        if !(0xD800..0xDC00).contains(&hi) {
            return char::from_u32(hi).ok_or_else(|| self.error_at(esc, "invalid \\u escape"));
        }
        let rest = &self.bytes[self.pos..];
        if !rest.starts_with(b"\\u") {
            if rest.is_empty() || rest == b"\\" {
                return Err(self.error_at(self.bytes.len(), TRUNCATED));
            }
            return Err(self.error_at(
                esc,
                "invalid \\u escape: a high surrogate not followed by a low one",
            ));
        }
        self.pos += 2;
        let lo = self.hex4()?;
        if !(0xDC00..0xE000).contains(&lo) {
            return Err(self.error_at(
                esc,
                "invalid \\u escape: a high surrogate not followed by a low one",
            ));
        }
        let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
        char::from_u32(c).ok_or_else(|| self.error_at(esc, "invalid \\u escape"))
    }

    fn hex4(&mut self) -> Result<u32, ReadError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let Some(b) = self.peek() else {
                return Err(self.error_at(self.pos, TRUNCATED));
            };
            let d = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => {
                    return Err(self.error_at(
                        self.pos,
                        &format!(
                            "expected a hex digit in a \\u escape, found {}",
                            self.describe_here()
                        ),
                    ));
                }
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }

    fn enter(&self, depth: usize) -> Result<usize, ReadError> {
        if depth >= MAX_DEPTH {
            return Err(self.error_at(self.pos, &format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        Ok(depth + 1)
    }

    fn array(&mut self, depth: usize) -> Result<Kind<'a>, ReadError> {
        let depth = self.enter(depth)?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws()?;
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Kind::Array(items.into_boxed_slice()));
        }
        loop {
            self.skip_ws()?;
            if self.peek() == Some(b']') {
                return Err(self.error_at(self.pos, "trailing comma before ']'"));
            }
            let item = self.value(depth)?;
            if depth <= self.keep {
                items.push(item);
            }
            self.skip_ws()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Kind::Array(items.into_boxed_slice()));
                }
                None => return Err(self.error_at(self.pos, TRUNCATED)),
                Some(_) => {
                    return Err(self.error_at(
                        self.pos,
                        &format!(
                            "expected ',' or ']' after an array element, found {}",
                            self.describe_here()
                        ),
                    ));
                }
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Kind<'a>, ReadError> {
        let depth = self.enter(depth)?;
        self.pos += 1;
        let mut members = Vec::new();
        let mut seen = 0usize;
        self.skip_ws()?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Kind::Object(members.into_boxed_slice()));
        }
        loop {
            self.skip_ws()?;
            match self.peek() {
                Some(b'"') => {}
                Some(b'}') if seen > 0 => {
                    return Err(self.error_at(self.pos, "trailing comma before '}'"));
                }
                None => return Err(self.error_at(self.pos, TRUNCATED)),
                Some(b'\'') => {
                    return Err(
                        self.error_at(self.pos, "object keys must be in double quotes (\"…\")")
                    );
                }
                Some(_) => {
                    return Err(self.error_at(
                        self.pos,
                        &format!(
                            "expected a key in double quotes, found {}",
                            self.describe_here()
                        ),
                    ));
                }
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = Span::new(key_start, self.pos);
            self.skip_ws()?;
            match self.peek() {
                Some(b':') => self.pos += 1,
                None => return Err(self.error_at(self.pos, TRUNCATED)),
                Some(_) => {
                    return Err(self.error_at(
                        self.pos,
                        &format!(
                            "expected ':' after the key \"{key}\", found {}",
                            self.describe_here()
                        ),
                    ));
                }
            }
            self.skip_ws()?;
            let value = self.value(depth)?;
            seen += 1;
            if depth <= self.keep {
                members.push(Member {
                    key,
                    key_span,
                    value,
                });
            }
            self.skip_ws()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Kind::Object(members.into_boxed_slice()));
                }
                None => return Err(self.error_at(self.pos, TRUNCATED)),
                Some(_) => {
                    return Err(self.error_at(
                        self.pos,
                        &format!(
                            "expected ',' or '}}' after an object member, found {}",
                            self.describe_here()
                        ),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_level_alone_is_read_and_the_rest_still_checked() {
        let text = r#"{"$schema": "report.schema.json", "report": {"year": 2023}, "metrics": [1, {"a": [2]}]}"#;
        let top = read_top(text).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(top.members().len(), 3);
        assert_eq!(
            top.get("$schema").and_then(Node::as_str),
            Some("report.schema.json")
        );
        assert!(
            matches!(&top.get("report").map(|r| &r.kind), Some(Kind::Object(m)) if m.is_empty())
        );
        assert!(top.get("metrics").is_some_and(|m| m.items().is_empty()));
        // The same errors, at the same places, as reading everything.
        for bad in [
            r#"{"report": {"year": 2023,}}"#,
            r#"{"report": {"a": [1, 2,]}}"#,
            r#"{"report": {"a": 07}}"#,
            r#"{"report": {"a": "x"#,
        ] {
            assert_eq!(read_top(bad).err(), read(bad).err(), "{bad}");
            assert!(read(bad).is_err(), "{bad}");
        }
    }

    fn ok(text: &str) -> Node<'_> {
        match read(text) {
            Ok(n) => n,
            Err(e) => panic!("{text:?}: {e:?}"),
        }
    }

    fn err(text: &str) -> ReadError {
        match read(text) {
            Ok(n) => panic!("{text:?} should not parse: {n:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn values_and_spans() {
        let text = r#" {"a": [1, -0.50, 1e-30], "b": "预算", "c": true, "d": null} "#;
        let n = ok(text);
        assert_eq!(&text[n.span.start..n.span.end], text.trim());
        let a = n.get("a").map(|a| a.items().to_vec()).unwrap_or_default();
        let lits: Vec<&str> = a
            .iter()
            .map(|x| match &x.kind {
                Kind::Number(s) => *s,
                _ => "",
            })
            .collect();
        assert_eq!(lits, ["1", "-0.50", "1e-30"]);
        assert_eq!(&text[a[1].span.start..a[1].span.end], "-0.50");
        let b = n.get("b").map(|b| (b.as_str().map(str::to_string), b.span));
        let (s, span) = b.unwrap_or_default();
        assert_eq!(s.as_deref(), Some("预算"));
        assert_eq!(&text[span.start..span.end], "\"预算\"");
        let keys: Vec<&str> = n.members().iter().map(|m| m.key.as_ref()).collect();
        assert_eq!(keys, ["a", "b", "c", "d"]);
        let m = &n.members()[1];
        assert_eq!(&text[m.key_span.start..m.key_span.end], "\"b\"");
    }

    #[test]
    fn the_tree_borrows_what_has_no_escape() {
        let text = r#"{"名称": "预算", "b\u0031": "a\nb", "n": -0.50}"#;
        let n = ok(text);
        let m = n.members();
        assert!(matches!(m[0].key, Cow::Borrowed("名称")));
        assert!(matches!(
            &m[0].value.kind,
            Kind::String(Cow::Borrowed("预算"))
        ));
        assert!(matches!(&m[1].key, Cow::Owned(k) if k == "b1"));
        assert!(matches!(&m[1].value.kind, Kind::String(Cow::Owned(s)) if s == "a\nb"));
        assert_eq!(n.get("n").map(|x| &x.kind), Some(&Kind::Number("-0.50")));
    }

    #[test]
    fn escapes() {
        let n = ok(r#""a\"b\\c\/\n\u00e9\ud83d\ude00\u4e07""#);
        assert_eq!(n.as_str(), Some("a\"b\\c/\né😀万"));
    }

    #[test]
    fn duplicate_keys_are_kept() {
        let n = ok(r#"{"a": 1, "a": 2}"#);
        assert_eq!(n.members().len(), 2);
        assert_eq!(n.get("a").map(|v| v.kind.clone()), Some(Kind::Number("2")));
    }

    #[test]
    fn errors_say_what_was_expected_and_where() {
        let cases: &[(&str, usize, &str)] = &[
            ("", 0, "empty file"),
            ("   ", 3, "empty file"),
            ("{\"a\": 1", 7, "truncated"),
            (
                "{\"a\": 1 \"b\": 2}",
                8,
                "expected ',' or '}' after an object member",
            ),
            ("[1 2]", 3, "expected ',' or ']'"),
            ("{\"a\" 1}", 5, "expected ':'"),
            ("{\"a\": 1,}", 8, "trailing comma"),
            ("[1,]", 3, "trailing comma"),
            ("{a: 1}", 1, "expected a key in double quotes"),
            ("['x']", 1, "double quotes"),
            ("[01]", 1, "leading zeros"),
            ("[1.]", 3, "expected a digit after '.'"),
            ("[1e]", 3, "exponent"),
            ("[-]", 2, "expected a digit after '-'"),
            ("[tru]", 1, "expected a JSON value"),
            ("[nul", 4, "truncated"),
            ("\"abc", 4, "inside a string"),
            ("\"a\nb\"", 2, "line break inside a string"),
            ("\"\\x\"", 1, "invalid escape"),
            ("\"\\ud800\"", 1, "surrogate"),
            ("\"\\udc00\"", 1, "lone low surrogate"),
            ("{} {}", 3, "after the JSON value"),
            ("// c\n{}", 0, "comments"),
            ("[NaN]", 1, "expected a JSON value"),
            ("[1.2.3]", 4, "in a number"),
            ("预算", 0, "expected a JSON value, found '预'"),
        ];
        for &(text, offset, needle) in cases {
            let e = err(text);
            assert_eq!(e.offset, offset, "{text:?}: {e:?}");
            assert!(e.message.contains(needle), "{text:?}: {e:?}");
            assert!(text.is_char_boundary(e.offset));
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        assert!(err(&text).message.contains("nesting deeper"));
        let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        ok(&fine);
    }

    #[test]
    fn every_prefix_of_a_document_is_handled() {
        let text = r#"{"report": {"department": "盐田", "year": 2023}, "v": [8733.75, "\u4e07", true, null, -1e-3]}"#;
        for (i, _) in text.char_indices() {
            let prefix = &text[..i];
            if let Err(e) = read(prefix) {
                assert!(e.offset <= prefix.len());
            }
        }
        ok(text);
    }
}
