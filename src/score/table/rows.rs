//! Reading a run of table rows: headers, grade rows, total rows and the 项目资金 row.

use super::*;

impl<'a> Reader<'a> {
    /// The scorer's view of a line's cells: the folded text, marked when it holds figures run
    /// together so that it reads as no figure and no name.
    pub(super) fn cells(&self, cells: &[GridCell]) -> Vec<Cell> {
        cells
            .iter()
            .map(|c| {
                let mut text = String::from(&*c.text);
                // `4 3.5` is two figures run together, not 43.5.
                if c.split {
                    text.insert(0, SPLIT);
                }
                Cell {
                    span: c.span,
                    text,
                    read: c.read.clone(),
                }
            })
            .collect()
    }

    pub(super) fn push(&mut self, ind: Indicator, st: &mut TableState) -> usize {
        self.card.indicators.push(ind);
        let i = self.card.indicators.len() - 1;
        st.created.push(i);
        i
    }

    /// Read one run of consecutive table rows.
    pub(super) fn run(&mut self, grid: &Grid) {
        let mut st = TableState::new();
        st.first_block = grid.lines.first().map(|l| l.block).unwrap_or(0);
        st.last_block = grid.lines.last().map(|l| l.block).unwrap_or(0);
        let mut table_index = self.card.tables.len();
        for (li, line) in grid.lines.iter().enumerate() {
            let bi = line.block;
            if !line.row {
                // A line between rows: the title of a table that starts here, or a cell
                // broken off its row.
                let next_is_header = grid
                    .lines
                    .get(li + 1)
                    .is_some_and(|n| n.row && n.header.is_some());
                // A title has words; `—` or `9.72` on a line of its own is a broken cell.
                if next_is_header && line.worded {
                    let mut next = TableState::new();
                    next.first_block = bi;
                    next.last_block = st.last_block;
                    self.finish(std::mem::replace(&mut st, next));
                    table_index = self.card.tables.len();
                } else if st.first_span.is_some() {
                    st.rows += 1;
                    st.last_span = Some(line.span);
                    st.unreadable.push((line.span, Unreadable::Fragment));
                    // The piece most likely belongs to the row above it: that row's figures
                    // are not certain any more.
                    st.prev_row_start = st.row_start;
                    st.row_start = st.created.len();
                    st.prev_total = st.row_total.take();
                    self.piece(&mut st);
                }
                continue;
            };
            let block = line;
            let cells = self.cells(&line.cells);
            if cells.iter().all(|c| c.text.is_empty()) {
                continue;
            }
            // Where this row's indicators start, and the row before's (for a broken cell).
            st.prev_row_start = st.row_start;
            st.row_start = st.created.len();
            st.prev_total = st.row_total.take();
            if let Some(roles) = line.header.as_deref().map(roles_of) {
                let roles = match (&st.layout, st.header_open) {
                    (Some(l), true) => {
                        let (roles, guessed) = merge_roles(&l.roles, &roles);
                        if guessed {
                            st.pending.push((
                                block.span,
                                Unreadable::Misaligned {
                                    cells: cells.len(),
                                    header: l.width,
                                },
                            ));
                        }
                        roles
                    }
                    _ => roles,
                };
                if !st.header_open {
                    st.header_start = Some(block.span);
                }
                let layout = Layout::new(roles);
                if layout.kind != SectionKind::Other && st.first_span.is_none() {
                    st.first_span = st.header_start.or(Some(block.span));
                    // Header rows before this one belong to the table too.
                    st.rows += st.header_rows;
                }
                st.project |= layout.is_project();
                st.layout = Some(layout);
                st.current.clear();
                if st.first_span.is_some() {
                    st.rows += 1;
                    st.last_span = Some(block.span);
                } else {
                    st.header_rows = if st.header_open {
                        st.header_rows + 1
                    } else {
                        1
                    };
                }
                st.header_open = true;
                continue;
            }
            st.header_open = false;
            if garbled_header(&line.cells) {
                // A header merged with data: whatever it held is lost to the table.
                st.pending.push((
                    block.span,
                    Unreadable::Misaligned {
                        cells: cells.len(),
                        header: st.layout.as_ref().map(|l| l.width).unwrap_or(0),
                    },
                ));
                continue;
            }
            let Some(layout) = st.layout.clone() else {
                // Score rows with no header above them: the rest of a table the extraction
                // broke off (see `finish`).
                if numeric_cells(&cells) >= 2 {
                    st.orphans.push(block.span);
                }
                continue;
            };
            if st.first_span.is_none() {
                // Figures under a header that was not read as a scoring one (its 得分 column
                // broken off onto a line of its own): rows lost to the table that follows.
                if numeric_cells(&cells) >= 2 {
                    st.pending.push((
                        block.span,
                        Unreadable::Misaligned {
                            cells: cells.len(),
                            header: layout.width,
                        },
                    ));
                }
                continue;
            }
            let first = cells
                .iter()
                .find(|c| !c.text.is_empty())
                .map(|c| c.text.as_str())
                .unwrap_or("");
            if TRAILER_LABELS.iter().any(|t| first.starts_with(t)) {
                continue;
            }
            // `.88 | | 结转结余率 | 4 | 4`: the row starts with the end of the row above.
            if first.starts_with(['.', '%', '，', '。', '；', '、', '）']) {
                st.rows += 1;
                st.last_span = Some(block.span);
                let span = cells.iter().find(|c| !c.text.is_empty()).map(|c| c.span);
                st.unreadable
                    .push((span.unwrap_or(block.span), Unreadable::Fragment));
                self.piece(&mut st);
                continue;
            }
            st.rows += 1;
            st.last_span = Some(block.span);
            if self.grade_row(&cells, &mut st) {
                continue;
            }
            if TOTAL_LABELS.contains(&strip_parens(first).as_str()) {
                self.total_row(&cells, &layout, table_index, bi, &mut st);
                continue;
            }
            match layout.kind {
                SectionKind::Other => {
                    st.rows -= 1;
                    // Figures in a section that holds none: score rows under a header that
                    // was not read as theirs.
                    if numeric_cells(&cells) >= 2 {
                        let span = cells.first().map(|c| c.span).unwrap_or_default();
                        st.unreadable.push((
                            span,
                            Unreadable::Misaligned {
                                cells: cells.len(),
                                header: layout.width,
                            },
                        ));
                    }
                }
                SectionKind::Funds => self.funds_row(&cells, &layout, table_index, bi, &mut st),
                SectionKind::Indicators => {
                    let fits = self.column_row(&cells, &layout, table_index, bi, false, &mut st)
                        || realigned(&cells, layout.width).is_some_and(|cells| {
                            self.column_row(&cells, &layout, table_index, bi, true, &mut st)
                        });
                    if !fits {
                        self.shape_row(&cells, table_index, bi, &mut st);
                    }
                }
            }
        }
        self.finish(st);
    }

    /// `评分等级 | 优`.
    pub(super) fn grade_row(&mut self, cells: &[Cell], st: &mut TableState) -> bool {
        let filled: Vec<&Cell> = cells.iter().filter(|c| !c.text.is_empty()).collect();
        // `评分等级 | 优` starts its row; a grade label further along is a row merged with
        // another, read as a whole elsewhere.
        for (k, c) in filled.iter().enumerate().take(1) {
            let label = c.text.trim_end_matches(['：', ':']);
            if !GRADE_LABELS.contains(&label) {
                continue;
            }
            let Some(next) = filled.get(k + 1) else {
                continue;
            };
            let word = next.text.trim_matches(['“', '”', '"', '「', '」']);
            if let Some(g) = GRADE_WORDS.iter().find(|g| **g == word) {
                let start = self
                    .text
                    .get(next.span.start..next.span.end)
                    .and_then(|s| s.find(g))
                    .map(|o| next.span.start + o)
                    .unwrap_or(next.span.start);
                self.card.grades.push(StatedGrade {
                    word: (*g).to_string(),
                    span: Span::new(start, start + g.len()),
                    total: None,
                });
                st.grades.push(self.card.grades.len() - 1);
                return true;
            }
        }
        false
    }

    /// `合计 | 100 | 95`, `综合评分 | 98.0`, `总分 | | | 100 | 99.65`. The figures in order
    /// (one: the score; two: the weight, then the score) must agree with the columns they stand
    /// in; a row shifted by the extraction is still read, but the table is not whole.
    pub(super) fn total_row(
        &mut self,
        cells: &[Cell],
        layout: &Layout,
        table: usize,
        block: usize,
        st: &mut TableState,
    ) {
        let span = cells.first().map(|c| c.span).unwrap_or_default();
        let filled: Vec<&Cell> = cells.iter().skip(1).filter(|c| !c.read.blank).collect();
        // A total may be written wrong (`合计 105`), but never runs to four digits: that is a
        // weight and a score glued together (`10095`).
        let numbers: Vec<Figure> = filled
            .iter()
            .filter_map(|c| c.figure())
            .filter(|f| f.value < Decimal::ONE_THOUSAND)
            .collect();
        let (weight, score) = match (numbers.as_slice(), filled.len() == numbers.len()) {
            ([s], true) => (None, s.clone()),
            ([w, s], true) => (Some(w.clone()), s.clone()),
            _ => {
                st.unreadable.push((span, Unreadable::Ambiguous));
                return;
            }
        };
        let at = |c: Option<usize>| c.and_then(|c| cells.get(c)).and_then(Cell::figure);
        let leaf_weight = layout
            .weight
            .or_else(|| layout.paired.last().map(|(_, c)| *c));
        let by_column = (at(leaf_weight), at(layout.score));
        // A row read in order rather than by position: fewer cells than the header and none
        // of them empty (a label and its value, or a space-aligned row whose empty cells
        // vanished).
        let short = cells.len() < layout.width && cells.iter().all(|c| !c.text.is_empty());
        // `综合评分 98.0` names a score; `合计 100` may be the total weight alone.
        let label = cells
            .first()
            .map(|c| strip_parens(&c.text))
            .unwrap_or_default();
        let names_score = !matches!(label.as_str(), "合计" | "总计");
        let in_score_column = by_column.1.as_ref().map(|f| f.span) == Some(score.span);
        if weight.is_none()
            && !in_score_column
            && (by_column.0.as_ref().map(|f| f.span) == Some(score.span) || (short && !names_score))
        {
            // `合计 | 100 |`: the total weight alone, no total score.
            return;
        }
        let agrees = match &weight {
            // `综合评分 | 98.0`: a label and its value leave no doubt.
            None => (short && names_score) || in_score_column,
            // The total weight may stand under any 分值 column (the first level's, in a
            // table with a 分值 column per level); a short row (empty cells lost, as in a
            // space-aligned table) is read in order.
            Some(w) => {
                short
                    || by_column.1.as_ref().map(|f| f.span) == Some(score.span)
                        && cells.iter().enumerate().any(|(i, c)| {
                            c.span == w.span
                                && layout.roles.get(i).copied().flatten() == Some(Role::Weight)
                        })
            }
        };
        if !agrees {
            // Not where the header puts a total: read in order it may be right, but it is not
            // certain enough to judge anything by.
            st.unreadable.push((
                span,
                Unreadable::Misaligned {
                    cells: cells.len(),
                    header: layout.width,
                },
            ));
            return;
        }
        self.card.totals.push(StatedTotal {
            score,
            weight,
            origin: Origin::Table { table, block },
            parts: Vec::new(),
        });
        st.totals.push(self.card.totals.len() - 1);
        st.row_total = Some(self.card.totals.len() - 1);
        st.scored = true;
    }

    /// `年度资金总额 | 850.00 | 912.46 | 889.14 | 10 | 97.44% | 9.74`.
    pub(super) fn funds_row(
        &mut self,
        cells: &[Cell],
        layout: &Layout,
        table: usize,
        block: usize,
        st: &mut TableState,
    ) {
        let get = |c: Option<usize>| c.and_then(|c| cells.get(c));
        let empty = |c: Option<usize>| get(c).is_none_or(|c| c.read.blank);
        let weight_col = layout.weight;
        let aligned = cells.len() == layout.width
            || (cells.len() > layout.width
                && cells[layout.width..].iter().all(|c| c.text.is_empty()));
        let label = cells
            .iter()
            .find(|c| !c.text.is_empty())
            .map(|c| c.text.as_str())
            .unwrap_or("");
        let main_row = label.contains("资金总额");
        if (aligned && !main_row && empty(weight_col) && empty(layout.score))
            || (!main_row && numeric_cells(cells) == 0)
        {
            // 其中：本年财政拨款 …: amounts without a score of their own; 年度总体目标 …: no
            // amounts at all.
            return;
        }
        let weight = get(weight_col).and_then(Cell::points);
        let score = get(layout.score).and_then(Cell::points);
        let label_col = layout.funds_label.unwrap_or(0);
        let (Some(weight), Some(score), true) = (weight, score, aligned) else {
            let span = cells.first().map(|c| c.span).unwrap_or_default();
            st.unreadable.push((
                span,
                Unreadable::Misaligned {
                    cells: cells.len(),
                    header: layout.width,
                },
            ));
            return;
        };
        let amount = |c: Option<usize>| get(c).and_then(Cell::figure);
        // Every amount in its place, and a weight that is one: a row shifted or glued by the
        // extraction (`896.3410` for 896.34 | 10) fails here.
        // A figure in a column the header does not name: the row or the header shifted.
        let stray = cells
            .iter()
            .enumerate()
            .any(|(i, c)| layout.roles.get(i).copied().flatten().is_none() && c.figure().is_some());
        let amounts_present = !stray
            && [layout.budget, layout.spent]
                .into_iter()
                .all(|c| c.is_none() || amount(c).is_some())
            && get(layout.initial).is_none_or(|c| c.read.blank || amount(layout.initial).is_some());
        if !amounts_present
            || weight.value > Decimal::ONE_HUNDRED
            || score.value > weight.value + Decimal::ONE
        {
            let span = cells.first().map(|c| c.span).unwrap_or_default();
            st.unreadable.push((
                span,
                Unreadable::Misaligned {
                    cells: cells.len(),
                    header: layout.width,
                },
            ));
            return;
        }
        let funds = Funds {
            initial: amount(layout.initial),
            budget: amount(layout.budget),
            spent: amount(layout.spent),
            rate: get(layout.rate).and_then(Cell::percent),
        };
        let label = cells.get(label_col);
        let name_span = label.map(|c| c.span).unwrap_or(score.span);
        let mut ind = Indicator::new(
            "预算执行率".to_string(),
            name_span,
            1,
            Origin::Table { table, block },
        );
        if let Some(l) = label
            && !l.text.is_empty()
        {
            ind.path = vec![l.text.clone()];
        }
        ind.weight = Some(weight);
        ind.score = Some(score);
        ind.funds = Some(funds);
        self.push(ind, st);
        st.current.clear();
        st.scored = true;
    }
}
