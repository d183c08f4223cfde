//! Tables that extraction flattened to one cell per line: the header's cells, then each row's
//! label and values, each on a line of its own. The three layouts, side by side:
//!
//! ```text
//! 年度            经费项目 |          项目
//! |               2023年支出 |        单位
//! 合计            减少率 |            …
//! |               公务接待费 |        年初预算数
//! 甲项            12.50 |             全年预算数
//! |               8% |                年度资金总额
//! …               …                   500
//! ```
//!
//! Three layouts: cells separated by lines holding one `|` (a `|` between two `|` lines is an
//! empty cell), cells each ended by ` |` (a line of one `|` is an empty cell, a line of several
//! is a row's end and holds no cell), and bare cells (blank lines between them or not).
//!
//! A run of such cells is read as a table only when its shape is certain. The first row is a
//! label followed by values; its number of values `v` and the cells of its label (the label
//! and the empty cells before it, `k`) give the width `w = k + v`. The header is then:
//!
//! * in the first two layouts, where the run's first cell is known, every cell from there to
//!   the first row: exactly `w` cells, or `w + 1` when one of them is a group over the last
//!   cells (`公车购置及运行维护费` above `合计 | 车辆购置 | 车辆运行`, [`names_cover`]);
//! * in any layout, the last `v` cells before the first row when each names a known column
//!   ([`super::roles::HEADERS`]: `全年预算数 | 全年执行数 | 执行率`).
//!
//! The rows that follow come in exactly `w` cells, labels under the label columns and values
//! (or blanks) under the others. The first run of `w` cells that is not such a row ends the
//! table; when it holds a value, a row is ragged and the table is not certain (its rows were
//! read one by one and stay so). A table of bare cells has nothing that marks its end and is
//! never certain as a whole either. Anything else is left unread: no reading is better than a
//! wrong one.
//!
//! A `合计` / `小计` / `总计` column first or last among its siblings is their total
//! (`ColumnTotal`). The header is read by [`header`]; rows that stand one per line as `|`
//! cells under a header of two lines with groups, by [`line_rows`]; score tables whose targets
//! are no plain figures are laid out for the scorecard by [`score_grid`].

use crate::model::table::{Cell, CellValue, ColumnRole, Row, RowKind, Table, TableForm, Uncertain};
use crate::model::{Block, Span};
use crate::parse::structure::{marker_at, trim_span};

use super::cell;
use super::roles::{bare_label, clean, header_role, row_kind};

mod header;
mod line_rows;
mod score_grid;
mod unlabelled;
use header::{Header, flat_header, group_header, head_cells, known_header, level_total};
pub use header::{names_cover, rate_like};
pub use score_grid::score_grids;

/// The longest cell, in characters: a longer line is prose.
pub const MAX_CELL_CHARS: usize = 40;

/// Column names that make a column the total of its siblings.
pub const TOTAL_COLUMNS: &[&str] = &["合计", "小计", "总计"];

/// Words of a column or row name that holds rates or shares, which are never summed.
pub const RATE_WORDS: &[&str] = &["率", "%", "比重", "占比", "比例", "增减", "增长", "下降"];

/// Characters that join the things a name lists (`公务用车购置及运行维护费`).
pub const JOINERS: &[char] = &['及', '和', '与', '、'];

/// Sentence punctuation: a line holding it is prose, not a cell.
const SENTENCE_MARKS: &[char] = &['。', '；', '，', ',', ';', '！', '？', '!', '?'];

/// The fewest cells a run must hold to be looked at.
const MIN_RUN_CELLS: usize = 4;

/// What one cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An empty cell.
    Empty,
    /// A short name: a column name, a row label, a title.
    Label,
    /// One number (signed, optionally with `%` or a money unit).
    Value,
    /// A dash or slash: nothing stated.
    Blank,
    /// Anything else (prose, a bound `≥59人次`, a label with its value `合计:30`).
    Other,
}

#[derive(Debug, Clone)]
struct Tok {
    span: Span,
    kind: Kind,
    value: Option<CellValue>,
}

/// One physical line.
#[derive(Debug, Clone)]
enum Line {
    Blank,
    /// Only `|` characters, this many.
    Bars(usize),
    /// Cells separated by `|`; `terminated` when the line ends with one.
    Cells {
        cells: Cells,
        terminated: bool,
    },
    /// A line another reader owns (a Markdown or tab row).
    Foreign,
}

impl Line {
    fn single(&self) -> bool {
        matches!(self, Line::Cells { cells, terminated: false } if cells.len() == 1)
    }

    /// A line of three cells or more: a whole row, not cells one per line.
    fn whole_row(&self) -> bool {
        matches!(self, Line::Cells { cells, .. } if cells.iter().filter(|c| !c.is_empty()).count() > 2)
    }
}

/// The cells of a line: most lines of a text are one cell (a line of prose), kept without
/// an allocation of its own.
#[derive(Debug, Clone)]
enum Cells {
    One(Span),
    Many(Box<[Span]>),
}

impl std::ops::Deref for Cells {
    type Target = [Span];

    fn deref(&self) -> &[Span] {
        match self {
            Cells::One(s) => std::slice::from_ref(s),
            Cells::Many(v) => v,
        }
    }
}

/// A run of cells, and whether its first cell is known to start it (a layout with `|`).
struct Run {
    cells: Vec<Tok>,
    bounded: bool,
    /// Where a line of several `|` ends a row (in cells ended by ` |`): before these cells.
    row_ends: Vec<usize>,
}

/// A number, possibly signed (`-16.77`, `−3.5%`).
fn signed_value(t: &str, span: Span) -> Option<CellValue> {
    let trimmed = t.trim();
    let rest = trimmed
        .strip_prefix(['-', '−', '－', '–'])
        .map(str::trim_start);
    match rest {
        Some(r) => {
            let mut v = cell::value(r, span)?;
            v.value = -v.value;
            Some(v)
        }
        None => cell::value(trimmed, span),
    }
}

/// Whether a cell's text is a short name: no sentence, not a figure with a unit (`87人次`), not
/// a bound (`≥80%`), not a label with its value (`合计:30`).
fn is_label(t: &str) -> bool {
    let n = t.chars().count();
    if n == 0 || n > MAX_CELL_CHARS || t.contains(SENTENCE_MARKS) {
        return false;
    }
    if t.starts_with(['≥', '≤', '>', '<', '=', '＞', '＜', '.', '%']) {
        return false;
    }
    // A colon followed by a figure: a label with its value.
    let valued = t.char_indices().any(|(i, c)| {
        matches!(c, ':' | '：')
            && t[i + c.len_utf8()..]
                .trim_start()
                .starts_with(|d: char| d.is_ascii_digit())
    });
    if valued {
        return false;
    }
    if t.starts_with(|c: char| c.is_ascii_digit()) {
        // A numbered item (`1.因公出国`) or a year (`2015年`, `2016年比2015年增减%`).
        // `2023 年实际在职人数`: a space may stand after the year.
        return starts_with_year(&clean(t)) || marker_at(t).is_some();
    }
    true
}

fn tok(text: &str, span: Span) -> Tok {
    let t = text.get(span.start..span.end).unwrap_or("");
    let (kind, value) = if span.is_empty() {
        (Kind::Empty, None)
    } else if cell::is_blank(t) {
        (Kind::Blank, None)
    } else if let Some(v) = signed_value(t, span) {
        (Kind::Value, Some(v))
    } else if is_label(t) {
        (Kind::Label, None)
    } else {
        (Kind::Other, None)
    };
    Tok { span, kind, value }
}

fn classify(text: &str, start: usize, end: usize) -> Line {
    let span = trim_span(text, Span::new(start, end));
    if span.is_empty() {
        return Line::Blank;
    }
    let s = &text[span.start..span.end];
    if s.chars().all(|c| c == '|' || c.is_whitespace()) {
        return Line::Bars(s.matches('|').count());
    }
    if s.starts_with('|') || s.contains('\t') {
        return Line::Foreign;
    }
    let mut cells = Vec::new();
    let mut pos = span.start;
    for piece in s.split('|') {
        cells.push(trim_span(text, Span::new(pos, pos + piece.len())));
        pos += piece.len() + 1;
    }
    while cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    Line::Cells {
        cells: match *cells {
            [one] => Cells::One(one),
            _ => Cells::Many(cells.into_boxed_slice()),
        },
        terminated: s.ends_with('|'),
    }
}

fn lines(text: &str) -> Vec<(Line, Span)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            out.push((classify(text, start, i), Span::new(start, i)));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push((
            classify(text, start, text.len()),
            Span::new(start, text.len()),
        ));
    }
    out
}

/// The runs of cells of a text, in order, each line in one run at most.
fn runs(text: &str, all: &[(Line, Span)]) -> Vec<Run> {
    // Whole rows are read by [`line_rows`] or the flattened reader: they read as foreign
    // lines here (looked at through `line`, not copied: `all` has a line for every line of
    // the text).
    static FOREIGN: Line = Line::Foreign;
    let whole: Vec<bool> = all.iter().map(|(l, _)| l.whole_row()).collect();
    let line = |j: usize| if whole[j] { &FOREIGN } else { &all[j].0 };
    let ls = all;
    let next = |from: usize| (from..ls.len()).find(|&j| !matches!(line(j), Line::Blank));
    let single_bar = |j: Option<usize>| j.is_some_and(|j| matches!(line(j), Line::Bars(1)));
    let mut out = Vec::new();
    let mut i = 0;
    while i < ls.len() {
        match line(i) {
            Line::Blank | Line::Foreign | Line::Bars(_) => i += 1,
            Line::Cells { cells, terminated } if *terminated || cells.len() > 1 => {
                // Cells ended by ` |`: a line of one `|` is an empty cell.
                let mut toks = Vec::new();
                let mut row_ends = Vec::new();
                let mut j = i;
                while j < ls.len() {
                    match line(j) {
                        Line::Blank => {}
                        Line::Bars(1) => {
                            toks.push(tok(text, Span::new(ls[j].1.start, ls[j].1.start)))
                        }
                        Line::Bars(_) => row_ends.push(toks.len()),
                        Line::Cells { cells, terminated } if *terminated || cells.len() > 1 => {
                            toks.extend(cells.iter().map(|&s| tok(text, s)));
                        }
                        _ => break,
                    }
                    j += 1;
                }
                out.push(Run {
                    cells: toks,
                    bounded: true,
                    row_ends,
                });
                i = j;
            }
            Line::Cells { cells, .. } if single_bar(next(i + 1)) => {
                // Cells separated by lines of one `|`.
                let mut toks = vec![tok(text, cells[0])];
                let mut p = i;
                let mut after_bar = false;
                while let Some(q) = next(p + 1) {
                    match line(q) {
                        Line::Bars(1) => {
                            if after_bar {
                                toks.push(tok(text, Span::new(ls[q].1.start, ls[q].1.start)));
                            }
                            after_bar = true;
                        }
                        l @ Line::Cells { cells, .. } if after_bar && l.single() => {
                            toks.push(tok(text, cells[0]));
                            after_bar = false;
                        }
                        _ => break,
                    }
                    p = q;
                }
                out.push(Run {
                    cells: toks,
                    bounded: true,
                    row_ends: Vec::new(),
                });
                i = p + 1;
            }
            Line::Cells { .. } => {
                // Bare cells, up to a line of prose or the start of a separated run.
                let mut toks = Vec::new();
                let mut j = i;
                while j < ls.len() {
                    match line(j) {
                        Line::Blank => {}
                        l @ Line::Cells { cells, .. } if l.single() && !single_bar(next(j + 1)) => {
                            let t = tok(text, cells[0]);
                            if t.kind == Kind::Other {
                                break;
                            }
                            toks.push(t);
                        }
                        _ => break,
                    }
                    j += 1;
                }
                // Most lines of prose end a run of no cells: only a run long enough to be
                // looked at is kept (as the others would be dropped below).
                if toks.len() >= MIN_RUN_CELLS {
                    out.push(Run {
                        cells: toks,
                        bounded: false,
                        row_ends: Vec::new(),
                    });
                }
                i = j.max(i + 1);
            }
        }
    }
    out.retain(|r| r.cells.len() >= MIN_RUN_CELLS);
    out
}

/// Whether a name starts with a year (`2015年`, `2016年比2015年增减%`).
fn starts_with_year(t: &str) -> bool {
    t.len() > 4 && t.as_bytes()[..4].iter().all(u8::is_ascii_digit) && t[4..].starts_with('年')
}

/// A row's name: its label without `其中：` and numbering (a year is no numbering).
fn row_name(raw: &str) -> String {
    let t = clean(raw);
    if starts_with_year(&t) {
        return t.trim_end_matches(['：', ':']).to_string();
    }
    bare_label(raw).0
}

/// Whether `w` cells make a row: names or empty cells under the label columns, one of them a
/// name that is no column name; values, blanks or empty cells under the others.
fn is_row(text: &str, cells: &[Tok], k: usize) -> bool {
    let (label, values) = cells.split_at(k);
    label
        .iter()
        .all(|c| matches!(c.kind, Kind::Label | Kind::Empty))
        && label
            .iter()
            .rev()
            .find(|c| c.kind == Kind::Label)
            .is_some_and(|c| {
                header_role(text.get(c.span.start..c.span.end).unwrap_or("")).is_none()
            })
        && values
            .iter()
            .all(|c| matches!(c.kind, Kind::Value | Kind::Blank | Kind::Empty))
}

/// The block a position stands in (the last one starting at or before it).
pub(super) fn block_at(blocks: &[Block], pos: usize) -> usize {
    blocks
        .partition_point(|b| b.span.start <= pos)
        .saturating_sub(1)
}

fn build_row(text: &str, blocks: &[Block], cells: &[Tok], k: usize, roles: &[ColumnRole]) -> Row {
    let label_tok = cells[..k].iter().rev().find(|c| c.kind == Kind::Label);
    let raw = label_tok
        .and_then(|c| text.get(c.span.start..c.span.end))
        .unwrap_or("");
    let scored = roles.iter().any(|c| {
        matches!(
            c,
            ColumnRole::Score | ColumnRole::Weight | ColumnRole::Target | ColumnRole::Actual
        )
    });
    let label = row_name(raw);
    let kind = row_kind(raw).unwrap_or(if scored && !label.is_empty() {
        RowKind::Indicator
    } else {
        RowKind::Other
    });
    let span = cells
        .iter()
        .filter(|c| !c.span.is_empty())
        .map(|c| c.span)
        .reduce(Span::cover)
        .unwrap_or_default();
    let mut row = Row {
        span,
        kind,
        label,
        label_span: label_tok.map(|c| c.span),
        cells: cells
            .iter()
            .enumerate()
            .map(|(j, c)| Cell {
                span: c.span,
                colspan: 1,
                column: Some(j),
                value: if j >= k { c.value.clone() } else { None },
                measure: None,
            })
            .collect(),
        certain: true,
        uncertain: None,
        block: block_at(blocks, span.start),
    };
    if super::row::run_together(&row.cells, roles) {
        row.certain = false;
        row.uncertain = Some(Uncertain::RunTogether);
        for c in &mut row.cells {
            c.column = None;
        }
    }
    row
}

/// The table whose first row's label zone starts at `r0` (`k` cells) and holds `v` values,
/// with its header after `from`; and the index past its last row.
fn read_table(
    text: &str,
    blocks: &[Block],
    run: &Run,
    from: usize,
    r0: usize,
    k: usize,
    v: usize,
) -> Option<(Table, usize)> {
    let c = &run.cells;
    let w = k + v;
    let head = head_cells(text, &c[from..r0]);
    let bounded = run.bounded;
    let read = if bounded && head.len() == w {
        flat_header(&head, k).map(|h| (h, 0))
    } else if bounded && head.len() == w + 1 {
        group_header(&head, k).map(|h| (h, 0))
    } else {
        None
    };
    let header = match read {
        Some(((names, roles, totals), start)) => Header {
            names,
            roles,
            totals,
            start,
        },
        None => {
            let (names, roles, start) = known_header(&head, k, v)?;
            let totals = level_total(&names, &(k..w).collect::<Vec<_>>())
                .into_iter()
                .collect();
            Header {
                names,
                roles,
                totals,
                start,
            }
        }
    };
    let mut rows = Vec::new();
    let mut p = r0;
    let mut ragged = false;
    while p < c.len() {
        let chunk = &c[p..(p + w).min(c.len())];
        if chunk.len() < w || !is_row(text, chunk, k) {
            // A value, or a label followed by a figure or a blank: a row that does not fit.
            ragged = chunk.iter().any(|t| t.kind == Kind::Value)
                || chunk.windows(2).any(|p| {
                    p[0].kind == Kind::Label && matches!(p[1].kind, Kind::Value | Kind::Blank)
                });
            break;
        }
        rows.push(build_row(text, blocks, chunk, k, &header.roles));
        p += w;
    }
    if rows.is_empty() || (w == 2 && rows.len() < 2) {
        return None;
    }
    let uncertain = if ragged {
        Some(Uncertain::Misaligned {
            cells: c.len() - p,
            columns: w,
        })
    } else if !bounded {
        Some(Uncertain::Open)
    } else {
        rows.iter().find_map(|r| r.uncertain)
    };
    let first = head.get(header.start).map_or(rows[0].span, |h| h.span);
    let start = if first.is_empty() {
        rows[0].span
    } else {
        first
    };
    let span = rows.iter().map(|r| r.span).fold(start, Span::cover);
    Some((
        Table {
            span,
            form: TableForm::Lines,
            columns: header.roles,
            rows,
            certain: uncertain.is_none(),
            uncertain,
            names: header.names,
            column_totals: header.totals,
        },
        p,
    ))
}

fn read_run(text: &str, blocks: &[Block], run: &Run, out: &mut Vec<Table>) {
    let c = &run.cells;
    let mut from = 0;
    let mut at = 1;
    while at < c.len() {
        let Some(first) = (at.max(from + 1)..c.len())
            .find(|&i| c[i].kind == Kind::Value && c[i - 1].kind == Kind::Label)
        else {
            break;
        };
        let mut r0 = first - 1;
        while r0 > from && c[r0 - 1].kind == Kind::Empty {
            r0 -= 1;
        }
        let k = first - r0;
        let v = c[first..]
            .iter()
            .take_while(|t| matches!(t.kind, Kind::Value | Kind::Blank))
            .count();
        let read = read_table(text, blocks, run, from, r0, k, v)
            .or_else(|| unlabelled::read(text, blocks, run, first, v));
        match read {
            Some((t, end)) => {
                out.push(t);
                from = end;
                at = end + 1;
            }
            None => at = first + v,
        }
    }
}

/// Every table of the text laid out one cell per line.
pub fn read(text: &str, blocks: &[Block]) -> Vec<Table> {
    let mut out = Vec::new();
    let ls = lines(text);
    for run in runs(text, &ls) {
        read_run(text, blocks, &run, &mut out);
    }
    line_rows::read(text, blocks, &ls, &mut out);
    out
}

#[cfg(test)]
mod tests;
