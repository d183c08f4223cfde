//! User formulas (勾稽关系): a small expression language over the fields of report data,
//! declared in `jxlint.toml` and judged by A008 formula-mismatch.
//!
//! ```text
//! formula    := sum compare sum
//! compare    := "==" | "!=" | "<" | "<=" | ">" | ">="
//! sum        := product (("+" | "-") product)*
//! product    := unary (("*" | "/") unary)*
//! unary      := "-" unary | primary
//! primary    := number | path | function "(" sum ("," sum)* ")" | "(" sum ")"
//! path       := name ("." name)*          budget.adjusted.total, metrics.hazards
//! function   := round(x, n) | abs(x) | min(x, …) | max(x, …)
//! ```
//!
//! Everything is exact decimal arithmetic (`round` is 四舍五入, half away from zero). A
//! formula states one comparison; it holds when the comparison holds within its tolerance
//! (`a == b` when |a − b| ≤ tolerance, `a <= b` when a ≤ b + tolerance …). Errors carry the
//! 1-based column (in characters) of the expression where the problem is, and say what was
//! expected there. Which paths exist is checked when the configuration is loaded (see
//! [`crate::config`]); evaluation takes the values from a lookup and skips nothing silently:
//! a missing field, a division by zero or an overflow is an [`EvalError`].
//!
//! **Limits.** A formula is at most [`MAX_FORMULA_CHARS`] characters, [`MAX_TERMS`] numbers and
//! fields, and [`MAX_DEPTH`] levels of parentheses, function calls and unary minus. Longer or
//! deeper formulas are a [`ParseError`] at the column where the limit is passed, so parsing,
//! evaluation and dropping the tree never recurse deeper than these bounds (a hostile
//! `jxlint.toml` with 10,000 nested parentheses is refused, not a stack overflow).

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::diagnostic::Severity;
use crate::numeric::round_half_up;

/// The longest formula accepted, in characters.
pub const MAX_FORMULA_CHARS: usize = 4_096;
/// The most numbers and fields one formula may hold (the depth of a chain of `+`, `-`, `*`,
/// `/` is bounded by it).
pub const MAX_TERMS: usize = 512;
/// The deepest nesting of parentheses, function calls and unary minus accepted.
pub const MAX_DEPTH: usize = 64;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    /// Whether `lhs op rhs` holds within `tolerance` (≥ 0).
    pub fn holds(self, lhs: Decimal, rhs: Decimal, tolerance: Decimal) -> bool {
        let t = tolerance.abs();
        match self {
            CmpOp::Eq => (lhs - rhs).abs() <= t,
            CmpOp::Ne => (lhs - rhs).abs() > t,
            CmpOp::Lt => lhs < rhs + t,
            CmpOp::Le => lhs <= rhs + t,
            CmpOp::Gt => lhs > rhs - t,
            CmpOp::Ge => lhs >= rhs - t,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    Round,
    Abs,
    Min,
    Max,
}

/// An arithmetic expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    Num(Decimal),
    /// A field path and the column it starts at.
    Path {
        path: String,
        column: usize,
    },
    Neg(Box<Expr>),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

/// A parsed formula: two sides and how they compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub lhs: Expr,
    pub op: CmpOp,
    pub rhs: Expr,
    /// Each side as written (trimmed), for messages.
    pub lhs_src: String,
    pub rhs_src: String,
}

/// Why an expression does not parse: the 1-based column (characters) and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

/// Why an expression has no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvalError {
    /// The data has no value for this field.
    Missing(String),
    /// A divisor is zero: the fields the divisor reads (none when it is a constant).
    DivisionByZero { divisor: Vec<String> },
    /// A value leaves the range of an exact decimal (about ±7.9 × 10²⁸) or a division's
    /// result cannot be held.
    Overflow,
    /// A function called with arguments it does not take (only for expressions built by hand:
    /// [`parse`] refuses them).
    BadArguments,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(Decimal),
    Name(String),
    Op(char),
    Cmp(CmpOp),
    LParen,
    RParen,
    Comma,
    End,
}

/// A token with its 1-based column and its byte offset in the source.
#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    column: usize,
    offset: usize,
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn tokenize(src: &str) -> Result<Vec<Token>, ParseError> {
    if let Some((i, _)) = src.char_indices().nth(MAX_FORMULA_CHARS) {
        return Err(ParseError {
            column: src[..i].chars().count() + 1,
            message: format!("the formula is longer than {MAX_FORMULA_CHARS} characters"),
        });
    }
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |i: usize, message: String| ParseError {
        column: i + 1,
        message,
    };
    while i < chars.len() {
        let (offset, c) = chars[i];
        let column = i + 1;
        let push = |out: &mut Vec<Token>, tok: Tok| {
            out.push(Token {
                tok,
                column,
                offset,
            })
        };
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].1.is_ascii_digit() {
                i += 1;
            }
            if i < chars.len() && chars[i].1 == '.' {
                i += 1;
                let frac = i;
                while i < chars.len() && chars[i].1.is_ascii_digit() {
                    i += 1;
                }
                if i == frac {
                    return Err(err(i, "expected a digit after '.'".into()));
                }
            }
            if i < chars.len() && is_name_char(chars[i].1) {
                return Err(err(
                    i,
                    format!("unexpected '{}' after a number", chars[i].1),
                ));
            }
            let lit: String = chars[start..i].iter().map(|(_, c)| c).collect();
            let value = Decimal::from_str_exact(&lit)
                .map_err(|_| err(start, format!("the number {lit} is too long to be exact")))?;
            push(&mut out, Tok::Num(value));
            continue;
        }
        if is_name_start(c) {
            let start = i;
            loop {
                while i < chars.len() && is_name_char(chars[i].1) {
                    i += 1;
                }
                if i + 1 < chars.len() && chars[i].1 == '.' && is_name_start(chars[i + 1].1) {
                    i += 1;
                    continue;
                }
                if i < chars.len() && chars[i].1 == '.' {
                    return Err(err(
                        i,
                        "expected a field name after '.' (field paths are like budget.adjusted.total)"
                            .into(),
                    ));
                }
                break;
            }
            let name: String = chars[start..i].iter().map(|(_, c)| c).collect();
            push(&mut out, Tok::Name(name));
            continue;
        }
        let next = chars.get(i + 1).map(|(_, c)| *c);
        let (tok, len) = match (c, next) {
            ('=', Some('=')) => (Tok::Cmp(CmpOp::Eq), 2),
            ('!', Some('=')) => (Tok::Cmp(CmpOp::Ne), 2),
            ('<', Some('=')) => (Tok::Cmp(CmpOp::Le), 2),
            ('>', Some('=')) => (Tok::Cmp(CmpOp::Ge), 2),
            ('<', _) => (Tok::Cmp(CmpOp::Lt), 1),
            ('>', _) => (Tok::Cmp(CmpOp::Gt), 1),
            ('=', _) => return Err(err(i, "use == to compare two sides".into())),
            ('+' | '-' | '*' | '/', _) => (Tok::Op(c), 1),
            ('(', _) => (Tok::LParen, 1),
            (')', _) => (Tok::RParen, 1),
            (',', _) => (Tok::Comma, 1),
            _ => return Err(err(i, format!("unexpected character '{c}'"))),
        };
        push(&mut out, tok);
        i += len;
    }
    if let Some(t) = out
        .iter()
        .filter(|t| matches!(t.tok, Tok::Num(_) | Tok::Name(_)))
        .nth(MAX_TERMS)
    {
        return Err(ParseError {
            column: t.column,
            message: format!("the formula has more than {MAX_TERMS} numbers and fields"),
        });
    }
    out.push(Token {
        tok: Tok::End,
        column: chars.len() + 1,
        offset: src.len(),
    });
    Ok(out)
}

struct Parser<'a> {
    toks: Vec<Token>,
    pos: usize,
    src: &'a str,
    /// Current nesting of parentheses, calls and unary minus.
    depth: usize,
}

/// Parse a formula (one comparison of two expressions).
pub fn parse(src: &str) -> Result<Comparison, ParseError> {
    let toks = tokenize(src)?;
    let mut p = Parser {
        toks,
        pos: 0,
        src,
        depth: 0,
    };
    if p.peek().tok == Tok::End {
        return Err(
            p.error("the formula is empty: write two sides and a comparison, like a == b + c")
        );
    }
    let lhs_start = p.peek().offset;
    let lhs = p.sum()?;
    let cmp = p.peek().clone();
    let Tok::Cmp(op) = cmp.tok else {
        return Err(p.expected("a comparison (==, !=, <, <=, >, >=): a formula compares two sides"));
    };
    let lhs_src = src[lhs_start..cmp.offset].trim().to_string();
    p.pos += 1;
    let rhs_start = p.peek().offset;
    let rhs = p.sum()?;
    match p.peek().tok {
        Tok::End => {}
        Tok::Cmp(_) => return Err(p.error("only one comparison per formula")),
        _ => return Err(p.expected("an operator or the end of the formula")),
    }
    let rhs_src = src[rhs_start..].trim().to_string();
    Ok(Comparison {
        lhs,
        op,
        rhs,
        lhs_src,
        rhs_src,
    })
}

impl Parser<'_> {
    fn peek(&self) -> &Token {
        // `tokenize` always ends with `End`, and `pos` never passes it.
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }

    fn error(&self, message: &str) -> ParseError {
        ParseError {
            column: self.peek().column,
            message: message.to_string(),
        }
    }

    fn found(&self) -> String {
        let t = self.peek();
        match &t.tok {
            Tok::End => "the end of the formula".to_string(),
            _ => {
                let rest = &self.src[t.offset..];
                let word: String = rest
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .take(20)
                    .collect();
                format!("`{word}`")
            }
        }
    }

    fn expected(&self, what: &str) -> ParseError {
        self.error(&format!("expected {what}, found {}", self.found()))
    }

    fn sum(&mut self) -> Result<Expr, ParseError> {
        let mut e = self.product()?;
        loop {
            let op = match self.peek().tok {
                Tok::Op('+') => BinOp::Add,
                Tok::Op('-') => BinOp::Sub,
                _ => return Ok(e),
            };
            self.pos += 1;
            let r = self.product()?;
            e = Expr::Bin(op, Box::new(e), Box::new(r));
        }
    }

    fn product(&mut self) -> Result<Expr, ParseError> {
        let mut e = self.unary()?;
        loop {
            let op = match self.peek().tok {
                Tok::Op('*') => BinOp::Mul,
                Tok::Op('/') => BinOp::Div,
                _ => return Ok(e),
            };
            self.pos += 1;
            let r = self.unary()?;
            e = Expr::Bin(op, Box::new(e), Box::new(r));
        }
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        if self.peek().tok == Tok::Op('-') {
            self.enter()?;
            self.pos += 1;
            let e = self.unary();
            self.depth -= 1;
            return Ok(Expr::Neg(Box::new(e?)));
        }
        let t = &self.peek().tok;
        if matches!(t, Tok::LParen | Tok::Name(_)) {
            self.enter()?;
            let e = self.primary();
            self.depth -= 1;
            return e;
        }
        self.primary()
    }

    /// One level deeper; an error past [`MAX_DEPTH`].
    fn enter(&mut self) -> Result<(), ParseError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(&format!(
                "the formula nests parentheses, calls and minus signs more than {MAX_DEPTH} deep"
            )));
        }
        self.depth += 1;
        Ok(())
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        let t = self.peek().clone();
        match t.tok {
            Tok::Num(v) => {
                self.pos += 1;
                Ok(Expr::Num(v))
            }
            Tok::LParen => {
                self.pos += 1;
                let e = self.sum()?;
                if self.peek().tok != Tok::RParen {
                    return Err(self.expected("')'"));
                }
                self.pos += 1;
                Ok(e)
            }
            Tok::Name(name) => {
                self.pos += 1;
                if self.peek().tok != Tok::LParen {
                    return Ok(Expr::Path {
                        path: name,
                        column: t.column,
                    });
                }
                let func = match name.as_str() {
                    "round" => Func::Round,
                    "abs" => Func::Abs,
                    "min" => Func::Min,
                    "max" => Func::Max,
                    _ => {
                        return Err(ParseError {
                            column: t.column,
                            message: format!(
                                "unknown function `{name}` (known: round(x, n), abs(x), min(x, …), max(x, …))"
                            ),
                        });
                    }
                };
                self.pos += 1;
                let mut args = vec![self.sum()?];
                while self.peek().tok == Tok::Comma {
                    self.pos += 1;
                    args.push(self.sum()?);
                }
                if self.peek().tok != Tok::RParen {
                    return Err(self.expected("',' or ')'"));
                }
                self.pos += 1;
                let arity_ok = match func {
                    Func::Round => args.len() == 2,
                    Func::Abs => args.len() == 1,
                    Func::Min | Func::Max => !args.is_empty(),
                };
                if !arity_ok {
                    let want = match func {
                        Func::Round => "round takes two arguments: round(x, n)",
                        _ => "abs takes one argument: abs(x)",
                    };
                    return Err(ParseError {
                        column: t.column,
                        message: want.to_string(),
                    });
                }
                if func == Func::Round {
                    let places_ok = matches!(&args[1], Expr::Num(n) if n.fract().is_zero() && *n >= Decimal::ZERO && *n <= Decimal::from(28));
                    if !places_ok {
                        return Err(ParseError {
                            column: t.column,
                            message: "the second argument of round is the number of decimal places: a whole number from 0 to 28".into(),
                        });
                    }
                }
                Ok(Expr::Call(func, args))
            }
            Tok::End => Err(self.expected("a number, a field or '('")),
            _ => Err(self.expected("a number, a field or '('")),
        }
    }
}

impl Expr {
    /// Every field path, in order of appearance (repeats included), with its column.
    pub fn paths(&self) -> Vec<(&str, usize)> {
        let mut out = Vec::new();
        self.collect_paths(&mut out);
        out
    }

    fn collect_paths<'a>(&'a self, out: &mut Vec<(&'a str, usize)>) {
        match self {
            Expr::Num(_) => {}
            Expr::Path { path, column } => out.push((path, *column)),
            Expr::Neg(e) => e.collect_paths(out),
            Expr::Bin(..) => {
                // Iteratively along the left spine, as in `eval`.
                let mut rights = Vec::new();
                let mut e = self;
                while let Expr::Bin(_, a, b) = e {
                    rights.push(b);
                    e = a;
                }
                e.collect_paths(out);
                for b in rights.into_iter().rev() {
                    b.collect_paths(out);
                }
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.collect_paths(out)),
        }
    }

    /// The value, with each field's value from `value_of`.
    pub fn eval(&self, value_of: &dyn Fn(&str) -> Option<Decimal>) -> Result<Decimal, EvalError> {
        Ok(match self {
            Expr::Num(v) => *v,
            Expr::Path { path, .. } => {
                value_of(path).ok_or_else(|| EvalError::Missing(path.clone()))?
            }
            Expr::Neg(e) => -e.eval(value_of)?,
            Expr::Bin(..) => {
                // A chain `a + b + c …` is a left-deep tree: walk its left spine in a loop so
                // that recursion depth is bounded by nesting, not by the number of terms.
                let mut spine = Vec::new();
                let mut e = self;
                while let Expr::Bin(op, a, b) = e {
                    spine.push((*op, b));
                    e = a;
                }
                let mut acc = e.eval(value_of)?;
                for (op, b) in spine.into_iter().rev() {
                    let divisor = &**b;
                    let b = b.eval(value_of)?;
                    acc = match op {
                        BinOp::Add => acc.checked_add(b).ok_or(EvalError::Overflow)?,
                        BinOp::Sub => acc.checked_sub(b).ok_or(EvalError::Overflow)?,
                        BinOp::Mul => acc.checked_mul(b).ok_or(EvalError::Overflow)?,
                        BinOp::Div => {
                            if b.is_zero() {
                                return Err(EvalError::DivisionByZero {
                                    divisor: divisor_paths(divisor),
                                });
                            }
                            acc.checked_div(b).ok_or(EvalError::Overflow)?
                        }
                    };
                }
                acc
            }
            Expr::Call(func, args) => {
                let vals = args
                    .iter()
                    .map(|a| a.eval(value_of))
                    .collect::<Result<Vec<_>, _>>()?;
                match (func, vals.as_slice()) {
                    (Func::Abs, [x]) => x.abs(),
                    (Func::Round, [x, places]) => {
                        let places = u32::from_str(&places.trunc().to_string())
                            .ok()
                            .filter(|p| *p <= 28)
                            .ok_or(EvalError::BadArguments)?;
                        round_half_up(*x, places)
                    }
                    (Func::Min, [_, ..]) => vals.iter().copied().min().unwrap_or_default(),
                    (Func::Max, [_, ..]) => vals.iter().copied().max().unwrap_or_default(),
                    _ => return Err(EvalError::BadArguments),
                }
            }
        })
    }
}

/// The fields a divisor reads, each once, in order.
fn divisor_paths(e: &Expr) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (p, _) in e.paths() {
        if !out.iter().any(|q| q == p) {
            out.push(p.to_string());
        }
    }
    out
}

impl Comparison {
    /// Every field path of both sides, in order, with its column.
    pub fn paths(&self) -> Vec<(&str, usize)> {
        let mut p = self.lhs.paths();
        p.extend(self.rhs.paths());
        p
    }
}

/// A user formula (from the configuration), parsed and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formula {
    pub name: String,
    /// The expression as written.
    pub expr: String,
    pub comparison: Comparison,
    /// How far the two sides may differ and still agree (≥ 0), in the unit of the values.
    pub tolerance: Decimal,
    pub severity: Severity,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    fn lookup(path: &str) -> Option<Decimal> {
        match path {
            "budget.adjusted.total" => Some(d("8733.75")),
            "budget.adjusted.basic" => Some(d("2195.76")),
            "budget.adjusted.project" => Some(d("6537.99")),
            "spend.final.total" => Some(d("8707.27")),
            "zero" => Some(Decimal::ZERO),
            _ => None,
        }
    }

    fn eval(src: &str) -> (Decimal, Decimal, CmpOp) {
        let c = parse(src).unwrap_or_else(|e| panic!("{src}: {e}"));
        let l = c
            .lhs
            .eval(&lookup)
            .unwrap_or_else(|e| panic!("{src}: {e:?}"));
        let r = c
            .rhs
            .eval(&lookup)
            .unwrap_or_else(|e| panic!("{src}: {e:?}"));
        (l, r, c.op)
    }

    #[test]
    fn identities_evaluate_exactly() {
        let (l, r, op) =
            eval("budget.adjusted.total == budget.adjusted.basic + budget.adjusted.project");
        assert_eq!((l, r), (d("8733.75"), d("8733.75")));
        assert!(op.holds(l, r, Decimal::ZERO));
        let (l, r, _) = eval("round(spend.final.total / budget.adjusted.total * 100, 2) == 99.70");
        assert_eq!((l, r), (d("99.70"), d("99.70")));
        let (l, r, _) = eval("0.1 + 0.2 == 0.3");
        assert_eq!(l, r);
        let (l, _, _) = eval("-(1 - 3) * 2 / 4 + abs(-1) + min(3, 2) + max(1, 5) == 0");
        assert_eq!(l, d("9"));
    }

    #[test]
    fn precedence_and_sides() {
        let c = parse(" a.b + 2 * 3 <= (4 - 1) ").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.lhs_src, "a.b + 2 * 3");
        assert_eq!(c.rhs_src, "(4 - 1)");
        assert_eq!(c.op, CmpOp::Le);
        assert_eq!(c.paths(), vec![("a.b", 2)]);
    }

    #[test]
    fn tolerance() {
        assert!(CmpOp::Eq.holds(d("1.00"), d("1.01"), d("0.01")));
        assert!(!CmpOp::Eq.holds(d("1.00"), d("1.02"), d("0.01")));
        assert!(CmpOp::Le.holds(d("1.01"), d("1.00"), d("0.01")));
        assert!(!CmpOp::Lt.holds(d("1.01"), d("1.00"), d("0.01")));
        assert!(CmpOp::Ne.holds(d("1"), d("2"), Decimal::ZERO));
    }

    #[test]
    fn errors_name_the_column_and_the_expectation() {
        let cases: &[(&str, usize, &str)] = &[
            ("", 1, "empty"),
            ("a +", 4, "expected a number, a field or '('"),
            ("a + b", 6, "expected a comparison"),
            ("a = b", 3, "use =="),
            ("a == b == c", 8, "only one comparison"),
            ("a == (b + c", 12, "expected ')'"),
            ("a == foo(b)", 6, "unknown function `foo`"),
            ("a == round(b)", 6, "round takes two arguments"),
            ("a == round(b, 1.5)", 6, "whole number"),
            ("a == b.", 7, "expected a field name after '.'"),
            ("a == 3x", 7, "after a number"),
            ("a == b # c", 8, "unexpected character '#'"),
            ("a == 1.", 8, "digit after '.'"),
            ("a b == c", 3, "expected a comparison"),
        ];
        for &(src, column, needle) in cases {
            match parse(src) {
                Ok(c) => panic!("{src:?} should not parse: {c:?}"),
                Err(e) => {
                    assert_eq!(e.column, column, "{src:?}: {e}");
                    assert!(e.message.contains(needle), "{src:?}: {e}");
                }
            }
        }
    }

    #[test]
    fn evaluation_errors() {
        let c = parse("a == 1 / zero").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            c.rhs.eval(&lookup),
            Err(EvalError::DivisionByZero {
                divisor: vec!["zero".into()]
            })
        );
        let c = parse("a == 1 / (zero * 2)").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            c.rhs.eval(&lookup),
            Err(EvalError::DivisionByZero {
                divisor: vec!["zero".into()]
            })
        );
        let c = parse("a == 1 / 0").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            c.rhs.eval(&lookup),
            Err(EvalError::DivisionByZero { divisor: vec![] })
        );
        let c = parse("a == 79228162514264337593543950335 / 0.5").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.rhs.eval(&lookup), Err(EvalError::Overflow));
        assert_eq!(c.lhs.eval(&lookup), Err(EvalError::Missing("a".into())));
        let big =
            parse("79228162514264337593543950335 * 10 == 1").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(big.lhs.eval(&lookup), Err(EvalError::Overflow));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!("{}a{} == 1", "(".repeat(10_000), ")".repeat(10_000));
        let e = parse(&deep).err().map(|e| e.message).unwrap_or_default();
        assert!(e.contains("characters"), "{e}");
        let deep = format!("{}a{} == 1", "(".repeat(1_000), ")".repeat(1_000));
        let e = parse(&deep).err().map(|e| e.message).unwrap_or_default();
        assert!(e.contains("deep"), "{e}");
        let minus = format!("{}a == 1", "-".repeat(1_000));
        assert!(parse(&minus).is_err());
        let ok = format!("{}a{} == 1", "(".repeat(60), ")".repeat(60));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn long_sums_are_refused_past_the_limit() {
        let terms = |n: usize| vec!["a"; n].join("+");
        let e = parse(&format!("{} == 1", terms(50_000)))
            .err()
            .map(|e| e.message)
            .unwrap_or_default();
        assert!(e.contains("longer than"), "{e}");
        let e = parse(&format!("{} == 1", terms(1_000)))
            .err()
            .map(|e| e.message)
            .unwrap_or_default();
        assert!(e.contains("numbers and fields"), "{e}");
        let c = parse(&format!("{} == 1", terms(500))).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.lhs.eval(&|_| Some(Decimal::ONE)), Ok(Decimal::from(500)));
    }
}
