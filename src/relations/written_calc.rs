//! Calculations written out in the text: `变动率=(本年度预算数-上年度预算数)÷上年度=(63.46-32)÷32
//! =98.31%`, `执行率=235.6万元/250万元×100%=94.24%`. The arithmetic is stated, operands and
//! operators: its exact value, at the precision of the result written after its last `=`, is
//! what the result must be. Nothing is bound by meaning here — the text gives the formula.
//!
//! Only a pure expression is read: numbers (with thousands commas, a `%`, and one money unit
//! shared by every operand), `+ - − × * ÷ /` and brackets, directly before `=` and the result,
//! with at least one division and two numbers. Anything else before the `=` ends the
//! expression where it stands; an expression that is not whole (an operator first, brackets
//! that do not match) is not read.

use super::*;
use crate::model::Span;

/// A percentage and the calculation it is the result of: written out before it, or stated by
/// its words (a 分配率 of a whole and the amount not allocated: see `funds_rate.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenCalc {
    /// The stated result (a percentage).
    pub rate: usize,
    /// The expression as written, when the text writes it out.
    pub expr: Option<Span>,
    /// The calculation as shown in messages (`(63.46-32)÷32`, `(45.66亿元 − 0.32亿元) /
    /// 45.66亿元`).
    pub formula: String,
    /// The figures of the document it is computed from, if any.
    pub operands: Vec<usize>,
    /// Its exact value, in percent.
    pub value: Decimal,
    /// How far the operands' own rounding moves the value, in percent (0 for a calculation
    /// written out: its numbers are what was computed).
    pub slack: Decimal,
}

/// How a written result fits its calculation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalcVerdict {
    Consistent,
    /// Within one unit of the result's last digit, but not its rounding (a truncation).
    Rounding {
        expected: Decimal,
    },
    Mismatch {
        expected: Decimal,
    },
}

impl WrittenCalc {
    pub fn verdict(&self, doc: &Document) -> CalcVerdict {
        let q = &doc.quantities[self.rate];
        let expected = round_half_up(self.value, q.decimals);
        let ulp = Decimal::new(1, q.decimals);
        let off = (self.value - q.value).abs();
        if rounds_to(self.value, q.decimals, q.value) {
            CalcVerdict::Consistent
        } else if off < ulp || off <= self.slack + ulp / Decimal::TWO {
            CalcVerdict::Rounding { expected }
        } else {
            CalcVerdict::Mismatch { expected }
        }
    }
}

/// Money units an operand may carry (every operand the same one).
pub const CALC_UNITS: &[&str] = &["亿元", "万元", "元"];

/// The longest expression read, in characters: 80.
pub const MAX_EXPR_CHARS: usize = 80;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(Decimal),
    Op(char),
    Open,
    Close,
}

fn is_expr_char(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '.' | ','
                | '%'
                | '+'
                | '-'
                | '−'
                | '×'
                | '*'
                | '÷'
                | '/'
                | '('
                | ')'
                | '（'
                | '）'
                | ' '
        )
        || CALC_UNITS.iter().any(|u| u.contains(c))
}

/// The tokens of an expression, or `None` when it holds anything else or mixes units.
fn tokens(s: &str) -> Option<Vec<Tok>> {
    let c: Vec<char> = s.chars().filter(|c| *c != ' ').collect();
    let mut out = Vec::new();
    let mut unit: Option<&str> = None;
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch.is_ascii_digit() {
            let mut digits = String::new();
            while i < c.len() {
                if c[i].is_ascii_digit() || c[i] == '.' {
                    digits.push(c[i]);
                } else if c[i] == ','
                    && c.get(i + 1..i + 4)
                        .is_some_and(|g| g.iter().all(char::is_ascii_digit))
                {
                } else {
                    break;
                }
                i += 1;
            }
            let mut v: Decimal = digits.parse().ok()?;
            if c.get(i) == Some(&'%') {
                v /= Decimal::ONE_HUNDRED;
                i += 1;
            } else if let Some(u) = CALC_UNITS.iter().find(|u| {
                let w: Vec<char> = u.chars().collect();
                c.get(i..i + w.len()) == Some(&w[..])
            }) {
                if unit.is_some_and(|x| x != *u) {
                    return None;
                }
                unit = Some(u);
                i += u.chars().count();
            }
            out.push(Tok::Num(v));
            continue;
        }
        out.push(match ch {
            '(' | '（' => Tok::Open,
            ')' | '）' => Tok::Close,
            '+' => Tok::Op('+'),
            '-' | '−' => Tok::Op('-'),
            '×' | '*' => Tok::Op('*'),
            '÷' | '/' => Tok::Op('/'),
            _ => return None,
        });
        i += 1;
    }
    Some(out)
}

/// A recursive-descent reading of the tokens, exact; `None` on a malformed expression, a
/// division by zero or an overflow.
struct Eval<'t> {
    t: &'t [Tok],
    at: usize,
}

impl Eval<'_> {
    fn expr(&mut self) -> Option<Decimal> {
        let mut v = self.term()?;
        while let Some(Tok::Op(op @ ('+' | '-'))) = self.t.get(self.at) {
            self.at += 1;
            let r = self.term()?;
            v = if *op == '+' {
                v.checked_add(r)?
            } else {
                v.checked_sub(r)?
            };
        }
        Some(v)
    }

    fn term(&mut self) -> Option<Decimal> {
        let mut v = self.factor()?;
        while let Some(Tok::Op(op @ ('*' | '/'))) = self.t.get(self.at) {
            self.at += 1;
            let r = self.factor()?;
            v = if *op == '*' {
                v.checked_mul(r)?
            } else {
                if r.is_zero() {
                    return None;
                }
                v.checked_div(r)?
            };
        }
        Some(v)
    }

    fn factor(&mut self) -> Option<Decimal> {
        match self.t.get(self.at)? {
            Tok::Num(v) => {
                self.at += 1;
                Some(*v)
            }
            Tok::Open => {
                self.at += 1;
                let v = self.expr()?;
                (self.t.get(self.at) == Some(&Tok::Close)).then(|| {
                    self.at += 1;
                    v
                })
            }
            _ => None,
        }
    }
}

/// The exact value of a written expression, when it is a whole expression with at least two
/// numbers and one division.
pub fn evaluate(s: &str) -> Option<Decimal> {
    let t = tokens(s)?;
    let numbers = t.iter().filter(|x| matches!(x, Tok::Num(_))).count();
    if numbers < 2 || !t.contains(&Tok::Op('/')) {
        return None;
    }
    let mut e = Eval { t: &t, at: 0 };
    let v = e.expr()?;
    (e.at == t.len()).then_some(v)
}

/// The expression written right before a result at `at` (`…=EXPR=` then the result): its span.
fn expression_before(text: &str, at: usize) -> Option<Span> {
    let before = text.get(..at)?;
    let before = before.trim_end_matches([' ', '\u{3000}']);
    let before = before
        .strip_suffix('=')
        .or_else(|| before.strip_suffix('＝'))?;
    let mut start = before.len();
    for (n, (i, c)) in before.char_indices().rev().enumerate() {
        if n >= MAX_EXPR_CHARS || !is_expr_char(c) {
            break;
        }
        start = i;
    }
    // It opens with a number or a bracket: a stop or comma before it is no part of it.
    let expr = &before[start..];
    let lead = expr.len()
        - expr
            .trim_start_matches(|c: char| !(c.is_ascii_digit() || c == '(' || c == '（'))
            .len();
    let span = Span::new(start + lead, before.trim_end().len());
    (span.end > span.start).then_some(span)
}

/// Every percentage in prose written as the result of a calculation.
pub(super) fn find_written_calcs(text: &str, doc: &Document) -> Vec<WrittenCalc> {
    let mut out = Vec::new();
    for (rate, q) in doc.quantities.iter().enumerate() {
        if q.unit != Unit::Percent || !doc.in_prose(q) || q.qualifier.is_some() {
            continue;
        }
        let Some(expr) = expression_before(text, q.number_span.start) else {
            continue;
        };
        let Some(v) = text.get(expr.start..expr.end).and_then(evaluate) else {
            continue;
        };
        let Some(value) = v.checked_mul(Decimal::ONE_HUNDRED) else {
            continue;
        };
        out.push(WrittenCalc {
            rate,
            expr: Some(expr),
            formula: text[expr.start..expr.end].to_string(),
            operands: Vec::new(),
            value,
            slack: Decimal::ZERO,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;

    fn calcs(text: &str) -> Vec<(String, String, CalcVerdict)> {
        let doc = crate::parse::parse(text, SourceFormat::Text);
        find_written_calcs(text, &doc)
            .into_iter()
            .map(|c| {
                (
                    c.formula.clone(),
                    doc.quantities[c.rate].display(),
                    c.verdict(&doc),
                )
            })
            .collect()
    }

    #[test]
    fn a_calculation_before_its_result() {
        let got = calcs("三公经费变动率=(本年预算数-上年预算数)÷上年预算数=(45.20-40)÷40=13.00%。");
        assert_eq!(
            got,
            vec![(
                "(45.20-40)÷40".into(),
                "13.00%".into(),
                CalcVerdict::Consistent
            )]
        );
        let got = calcs("预算执行率=实际支出/预算数×100%=235.6万元/250万元×100%=94.24%。");
        assert_eq!(got[0].0, "235.6万元/250万元×100%");
        assert_eq!(got[0].2, CalcVerdict::Consistent);
    }

    #[test]
    fn a_result_off_its_calculation() {
        let got = calcs("变动率=(45.20-40)÷40=13.20%。");
        assert_eq!(
            got[0].2,
            CalcVerdict::Mismatch {
                expected: Decimal::new(1300, 2)
            }
        );
        // 2/3 = 66.666…%: 66.66 is its truncation.
        let got = calcs("完成率=2÷3=66.66%。");
        assert_eq!(
            got[0].2,
            CalcVerdict::Rounding {
                expected: Decimal::new(6667, 2)
            }
        );
    }

    #[test]
    fn only_a_whole_expression_with_a_division_is_read() {
        // No division: a sum.
        assert!(calcs("合计=40+5=45%。").is_empty());
        // One number.
        assert!(calcs("执行率=95%。").is_empty());
        // Brackets that do not match, units that differ, words inside.
        assert!(calcs("变动率=45.20-40)÷40=13.00%。").is_empty());
        assert!(calcs("比率=45万元÷40元=13.00%。").is_empty());
        assert!(calcs("执行率=支出÷预算=95%。").is_empty());
        // A stop before the expression is no part of it.
        assert_eq!(
            calcs("扣完为止. (45.20-40)÷40=13.00%。")[0].0,
            "(45.20-40)÷40"
        );
        assert_eq!(evaluate("1÷0"), None);
        assert_eq!(evaluate("1,200÷2,400×100%"), Some(Decimal::new(5, 1)));
        assert_eq!(MAX_EXPR_CHARS, 80);
    }
}
