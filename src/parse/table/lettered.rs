//! Flattened tables whose columns are lettered and whose rate columns state their formula over
//! the letters, as a 转移支付 self-evaluation sheet prints them:
//!
//! ```text
//! 行次 全年预算数 (A) 扣除统筹整合资金后预算金额 (C) … 全年到位资金 (D) 预算到位 (D/C×100%) …
//! 年度资金总额(万元): 1 52.80 52.80 52.80 100.00% 30.80 58.33%
//! ```
//!
//! The header is a run of names each followed by its tag in brackets: a letter (`(A)`, the
//! letters in order from A) or a formula of two letters (`(D/C×100%)`, `(B/A)`), three
//! lettered columns at least and one formula over them; a `行次` (or `序号`) right before it is
//! a column of row numbers. Each row is a name and its figures, run on in the same paragraph;
//! the extraction drops empty cells, so a row with fewer figures than columns is kept without
//! columns ([`Uncertain::Short`]) and the formulas are judged where every reading of it gives
//! them the same operands (`relations/table/named_rate.rs`). A row named `列次` (the column
//! numbers) is none; the rows end at a row with more figures than columns or at the next
//! `列次`.

use crate::model::table::{ColumnRole, Row, Table, TableForm};
use crate::model::{Block, BlockKind, Span};

use super::flat::{Raw, Tok, build, raw_tokens};
use super::roles::clean;
use super::row::RawCell;

/// Names of a column of row numbers.
pub const ROW_NUMBER_COLUMNS: &[&str] = &["行次", "序号"];

/// The name of a row of column numbers.
pub const COLUMN_NUMBERS_ROW: &str = "列次";

/// The fewest lettered columns a header must have.
const MIN_LETTERED: usize = 3;

/// What a column's tag says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Letter(char),
    /// A rate: the first letter's column over the second's.
    Formula(char, char),
}

/// The tag of a token in brackets: `(A)`, `（D/C×100%）`, `(B/A)`.
pub fn tag(t: &str) -> Option<Tag> {
    let t = clean(t);
    let inner = t.strip_prefix(['(', '（'])?.strip_suffix([')', '）'])?;
    let letter = |s: &str| {
        let mut cs = s.chars();
        let c = cs.next()?;
        (c.is_ascii_uppercase() && cs.next().is_none()).then_some(c)
    };
    if let Some(c) = letter(inner) {
        return Some(Tag::Letter(c));
    }
    let body = ["×100%", "*100%", "x100%", "X100%"]
        .iter()
        .find_map(|s| inner.strip_suffix(s))
        .unwrap_or(inner);
    let (a, b) = body.split_once('/')?;
    Some(Tag::Formula(letter(a)?, letter(b)?))
}

/// A column name with its tag, in a column's name as kept (`预算到位(D/C×100%)`).
pub fn tag_of_name(name: &str) -> Option<Tag> {
    let open = name.rfind(['(', '（'])?;
    tag(&name[open..])
}

fn name_of<'a>(t: &Tok<'a>) -> Option<RawCell<'a>> {
    match *t {
        Tok::Label(r) | Tok::Header(_, r) => Some(r),
        _ => None,
    }
}

/// The header starting at token `i`: its names with their tags (`name(tag)`), and the index
/// past it.
fn header(toks: &[Tok<'_>], i: usize) -> Option<(Vec<String>, usize)> {
    let mut names = Vec::new();
    let mut tags = Vec::new();
    let mut j = i;
    while let (Some(n), Some(t)) = (
        toks.get(j).and_then(name_of),
        toks.get(j + 1).and_then(name_of),
    ) {
        let Some(tg) = tag(t.text) else { break };
        if tag(n.text).is_some() {
            break;
        }
        names.push(format!("{}{}", clean(n.text), clean(t.text)));
        tags.push(tg);
        j += 2;
    }
    let letters: Vec<char> = tags
        .iter()
        .filter_map(|t| match t {
            Tag::Letter(c) => Some(*c),
            Tag::Formula(..) => None,
        })
        .collect();
    let in_order = letters
        .iter()
        .enumerate()
        .all(|(k, c)| *c as usize == 'A' as usize + k);
    let formulas = tags
        .iter()
        .any(|t| matches!(t, Tag::Formula(a, b) if letters.contains(a) && letters.contains(b)));
    (letters.len() >= MIN_LETTERED && in_order && formulas).then_some((names, j))
}

fn rows<'a>(toks: &[Tok<'a>], w: usize) -> Vec<Raw<'a>> {
    let mut out: Vec<Raw<'a>> = Vec::new();
    let mut under = false;
    let mut numbers_seen = false;
    for t in toks {
        match *t {
            Tok::Under => under = true,
            Tok::Label(raw) | Tok::Header(_, raw) => {
                if clean(raw.text) == COLUMN_NUMBERS_ROW {
                    if numbers_seen || out.iter().any(|r| !r.values.is_empty()) {
                        break;
                    }
                    numbers_seen = true;
                }
                out.push(Raw {
                    label: raw,
                    under,
                    values: Vec::new(),
                });
                under = false;
            }
            Tok::Value(raw) => match out.last_mut() {
                Some(r) if r.values.len() < w => r.values.push(raw),
                Some(_) => {
                    out.pop();
                    break;
                }
                None => {}
            },
        }
    }
    out.retain(|r| r.values.len() >= 2 && clean(r.label.text) != COLUMN_NUMBERS_ROW);
    out
}

/// Every lettered table of the document.
pub fn read(text: &str, blocks: &[Block]) -> Vec<Table> {
    let mut out = Vec::new();
    // The tokens of each run of blocks between rows of other layouts: a sheet's lines may each
    // make a block of their own.
    let mut stretches: Vec<Vec<Tok<'_>>> = vec![Vec::new()];
    for b in blocks {
        if matches!(b.kind, BlockKind::TableRow { .. }) {
            stretches.push(Vec::new());
        } else if let Some(s) = stretches.last_mut() {
            s.extend(raw_tokens(text, b.span));
        }
    }
    for toks in stretches {
        let from = toks.iter().find_map(name_of).map_or(0, |r| r.span.start);
        let mut i = 0;
        while i < toks.len() {
            let Some((names, end)) = header(&toks, i) else {
                i += 1;
                continue;
            };
            let numbered = i
                .checked_sub(1)
                .and_then(|p| name_of(&toks[p]))
                .filter(|r| ROW_NUMBER_COLUMNS.contains(&clean(r.text).as_str()));
            let mut all_names = vec![String::new()];
            all_names.extend(numbered.map(|r| clean(r.text)));
            all_names.extend(names);
            let w = all_names.len() - 1;
            let raws = rows(&toks[end..], w);
            let rows: Vec<Row> = raws.iter().map(|r| build(blocks, r, w)).collect();
            let Some(last) = rows.last() else {
                i = end;
                continue;
            };
            let start = numbered.map_or_else(
                || name_of(&toks[i]).map_or(from, |r| r.span.start),
                |r| r.span.start,
            );
            let span = Span::new(start, last.span.end);
            let uncertain = rows.iter().find_map(|r| r.uncertain);
            let mut columns = vec![ColumnRole::Label(None)];
            columns.extend(std::iter::repeat_n(ColumnRole::Other, w));
            i = toks
                .iter()
                .position(|t| name_of(t).is_some_and(|r| r.span.start >= span.end))
                .unwrap_or(toks.len());
            out.push(Table {
                span,
                form: TableForm::Flattened,
                columns,
                rows,
                certain: uncertain.is_none(),
                uncertain,
                names: all_names,
                column_totals: Vec::new(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;
    use crate::model::table::{RowKind, Uncertain};

    const SHEET: &str = "资金投入情况\n行次 全年预算数\n(A)\n统筹整合资金数\n(B)\n\
        扣除统筹整合资金后预算金额\n(C)\n全年到位资金\n(D)\n预算到位\n(D/C×100%)\n全年执行资金\n(E)\n\
        预算执行\n(E/C×100%)\n佐证材料\n列次 0 1 2 3 4 5 6 7 所需材料\n\
        年度资金总额(万元): 1 80.00\n80.00 60.00 75.00% 45.00 75.00%\n\
        其中:中央财政资金(万元) 2 80.00 0 80.00 60.00 75.00% 45.00 75.00% 预算下达文件\n\
        地方财政资金(万元) 3\n\n资金管理情况\n列次 8 9 10\n";

    fn read_text(text: &str) -> Vec<Table> {
        let blocks = crate::parse::structure::blocks(text, SourceFormat::Text);
        read(text, &blocks)
    }

    #[test]
    fn tags_and_formulas() {
        assert_eq!(tag("(A)"), Some(Tag::Letter('A')));
        assert_eq!(tag("（D/C×100%）"), Some(Tag::Formula('D', 'C')));
        assert_eq!(tag("(B/A)"), Some(Tag::Formula('B', 'A')));
        assert_eq!(tag("(万元)"), None);
        assert_eq!(tag("(AB)"), None);
        assert_eq!(
            tag_of_name("预算到位(D/C×100%)"),
            Some(Tag::Formula('D', 'C'))
        );
    }

    #[test]
    fn a_lettered_sheet_keeps_its_names_and_rows() {
        let ts = read_text(SHEET);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        assert_eq!(t.names[1], "行次");
        // Names are kept cleaned (brackets full-width).
        assert_eq!(t.names[2], "全年预算数（A）");
        assert_eq!(t.names[6], "预算到位（D/C×100%）");
        assert_eq!(t.names.len(), 9);
        let labels: Vec<&str> = t.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["年度资金总额（万元）", "中央财政资金（万元）"]);
        // One cell dropped: kept without columns; all written: under its columns.
        assert!(matches!(
            t.rows[0].uncertain,
            Some(Uncertain::Short {
                values: 7,
                columns: 8
            })
        ));
        assert!(t.rows[1].certain);
        assert_eq!(t.rows[1].kind, RowKind::Part);
    }

    #[test]
    fn letters_out_of_order_or_no_formula_are_no_header() {
        assert!(read_text("甲 (A) 乙 (C) 丙 (D) 率 (C/A)\n合计 1 2 3 50%\n").is_empty());
        assert!(read_text("甲 (A) 乙 (B) 丙 (C)\n合计 1 2 3\n").is_empty());
    }
}
