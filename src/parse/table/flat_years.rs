//! Flattened tables whose columns are named by a year and a stage (`2022年决算数`
//! `2023年预算数` `2023年决算数`), as PDF extraction leaves the 经费控制情况 block of a
//! 部门整体支出绩效评价基础数据表: the column names, then each row's name and its figures, the
//! rows running on over the next paragraphs.
//!
//! ```text
//! 经费控制情况 2022年决算数 2023年预算数 2023年决算数 三公经费 30 40 35
//! 1、公务用车购置和维护经费 20 25 22 其中:公车购置 10 10 公车运行维护 10 15 12
//! 2、出国经费
//! 3、公务接待 10 15 13 项目支出: …
//! ```
//!
//! The extraction drops empty cells: a row with as many figures as columns is read under them
//! in order, a row with none is empty, and a row with some but fewer figures is kept without
//! columns ([`Uncertain::Short`]). A row's name keeps its numbering (`1、`): the numbered items
//! after a row are its parts when their names are all of it (`relations/table/lines.rs`).
//!
//! The rows end at anything that is no row: a column name of another table, a figure with no
//! name before it, more figures than columns, a name with sentence punctuation or one that
//! starts with a figure that is no numbering, a table row of another layout.

use crate::model::table::{ColumnRole, Row, Table, TableForm};
use crate::model::{Block, BlockKind, Span};
use crate::parse::structure::marker_at;

use super::flat::{Raw, Tok, build, tokens};
use super::roles::clean;

/// What follows the year of a column name (`2023年` or `2023年度`): the stage it states.
pub const YEAR_STAGES: &[&str] = &["预算数", "决算数", "执行数", "实际数", "预算", "决算"];

/// The longest row name, in characters.
const MAX_NAME_CHARS: usize = 30;

/// The fewest rows with a figure under every column a table must have.
const MIN_FULL_ROWS: usize = 2;

/// Whether a name is a year and a stage: `2023年决算数`, `2022年度预算数`.
pub fn year_stage(name: &str) -> bool {
    let t = clean(name);
    let b = t.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let rest = &t[4..];
    let Some(rest) = rest.strip_prefix('年') else {
        return false;
    };
    let rest = rest.strip_prefix('度').unwrap_or(rest);
    YEAR_STAGES.contains(&rest)
}

/// Whether a label token can name a row.
fn row_name(t: &str) -> bool {
    let n = t.chars().count();
    n > 0
        && n <= MAX_NAME_CHARS
        && !t.contains(['。', '，', ',', '；', ';', '！', '？', '=', '＝'])
        && (!t.starts_with(|c: char| c.is_ascii_digit()) || marker_at(t).is_some())
}

/// The rows after a header of `w` columns, from the tokens after it.
fn rows<'a>(toks: &[Tok<'a>], w: usize) -> Vec<Raw<'a>> {
    let mut out: Vec<Raw<'a>> = Vec::new();
    let mut under = false;
    for t in toks {
        match *t {
            Tok::Under => under = true,
            Tok::Label(raw) if row_name(raw.text) => {
                out.push(Raw {
                    label: raw,
                    under,
                    values: Vec::new(),
                });
                under = false;
            }
            Tok::Value(raw) => match out.last_mut() {
                Some(r) if r.values.len() < w => r.values.push(raw),
                // Figures beyond the columns: the row is not what it seems.
                Some(_) => {
                    out.pop();
                    break;
                }
                None => break,
            },
            _ => break,
        }
    }
    out
}

/// Every such table of the document.
pub fn read(text: &str, blocks: &[Block]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut bi = 0;
    while bi < blocks.len() {
        if matches!(blocks[bi].kind, BlockKind::TableRow { .. }) {
            bi += 1;
            continue;
        }
        let toks = tokens(text, blocks[bi].span);
        let years = |t: &Tok<'_>| matches!(t, Tok::Label(r) if year_stage(r.text));
        let Some(h) = toks.iter().position(years) else {
            bi += 1;
            continue;
        };
        let w = toks[h..].iter().take_while(|t| years(t)).count();
        let names: Vec<String> = toks[h..h + w]
            .iter()
            .filter_map(|t| match t {
                Tok::Label(r) => Some(clean(r.text)),
                _ => None,
            })
            .collect();
        let distinct = names
            .iter()
            .enumerate()
            .all(|(i, n)| !names[..i].contains(n));
        if w < 2 || !distinct {
            bi += 1;
            continue;
        }
        // The rows run on over the next paragraphs, up to a table row of another layout.
        let mut after: Vec<Tok<'_>> = toks[h + w..].to_vec();
        let mut end = bi + 1;
        while end < blocks.len() && !matches!(blocks[end].kind, BlockKind::TableRow { .. }) {
            after.extend(tokens(text, blocks[end].span));
            end += 1;
        }
        let raws = rows(&after, w);
        let full = raws.iter().filter(|r| r.values.len() == w).count();
        if full < MIN_FULL_ROWS {
            bi += 1;
            continue;
        }
        let label_name = match h.checked_sub(1).map(|i| toks[i]) {
            Some(Tok::Label(r)) if !year_stage(r.text) => clean(r.text),
            _ => String::new(),
        };
        let rows: Vec<Row> = raws.iter().map(|r| build(blocks, r, w)).collect();
        let start = match toks[h] {
            Tok::Label(r) => r.span.start,
            _ => blocks[bi].span.start,
        };
        let span = rows
            .iter()
            .map(|r| r.span)
            .fold(Span::new(start, start), Span::cover);
        let uncertain = rows.iter().find_map(|r| r.uncertain);
        let last_block = rows.last().map_or(bi, |r| r.block);
        let mut columns = vec![ColumnRole::Label(None)];
        columns.extend(std::iter::repeat_n(ColumnRole::Other, w));
        let mut all_names = vec![label_name];
        all_names.extend(names);
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
        bi = last_block.max(bi) + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use rust_decimal::Decimal;

    use super::*;
    use crate::model::SourceFormat;
    use crate::model::table::{RowKind, Uncertain};

    const SANGONG: &str = "附表 经费控制情况 2022年决算数 2023年预算数 2023年决算数 \
        三公经费 30.50 40 35.20\n\n1、公务用车购置和维护经费 20.50 25 22.20 其中:公车购置 10 10 \
        公车运行维护 20.50\n\n15 12.20\n\n2、出国经费\n\n3、公务接待 10\n\n15 13 项目支出:\n\n\
        1、业务工作专项 80 90 85\n\n说明：项目支出需要填报基本支出以外的所有项目支出。\n";

    fn read_text(text: &str) -> Vec<Table> {
        let blocks = crate::parse::structure::blocks(text, SourceFormat::Text);
        read(text, &blocks)
    }

    #[test]
    fn rows_run_on_over_paragraphs_under_year_columns() {
        let ts = read_text(SANGONG);
        assert_eq!(ts.len(), 1);
        let t = &ts[0];
        assert_eq!(
            t.names[1..],
            ["2022年决算数", "2023年预算数", "2023年决算数"]
        );
        assert_eq!(t.names[0], "经费控制情况");
        let labels: Vec<&str> = t.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "三公经费",
                "1、公务用车购置和维护经费",
                "公车购置",
                "公车运行维护",
                "2、出国经费",
                "3、公务接待",
                "项目支出",
                "1、业务工作专项"
            ]
        );
        // 公车购置 has two figures for three columns: kept without columns.
        assert_eq!(
            t.rows[2].uncertain,
            Some(Uncertain::Short {
                values: 2,
                columns: 3
            })
        );
        assert_eq!(t.rows[2].kind, RowKind::Part);
        // A row broken over paragraphs is read whole; an empty row is empty.
        let v: Vec<Decimal> = t.rows[3]
            .cells
            .iter()
            .map(|c| c.value.as_ref().unwrap().value)
            .collect();
        assert_eq!(
            v,
            [
                Decimal::from_str("20.50").unwrap(),
                15.into(),
                Decimal::from_str("12.20").unwrap()
            ]
        );
        assert!(t.rows[3].certain && t.rows[4].certain && t.rows[4].cells.is_empty());
        assert!(!t.certain);
    }

    #[test]
    fn year_stage_names() {
        assert!(year_stage("2023年决算数"));
        assert!(year_stage("2022年度预算数"));
        assert!(!year_stage("2023年"));
        assert!(!year_stage("2023年比2022年增减"));
        assert!(!year_stage("年决算数"));
    }

    #[test]
    fn what_is_no_such_table() {
        // Figures beyond the columns end the rows before them: one full row is no table.
        let text = "经费 2022年决算数 2023年决算数 甲 1 2 乙 3 4 5 6\n";
        assert!(read_text(text).is_empty());
        // One year column.
        assert!(read_text("经费 2023年决算数 甲 1 乙 2 丙 3\n").is_empty());
        // Prose with years is no header.
        assert!(read_text("2023年决算数为500万元，较上年增加。\n").is_empty());
    }
}
