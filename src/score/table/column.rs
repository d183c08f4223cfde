//! Reading an indicator row by the header's columns, or by its own shape, and closing a table.

use super::*;

impl<'a> Reader<'a> {
    /// Read a row by the header's columns. `false` when it does not line up (and then it has
    /// changed nothing).
    pub(super) fn column_row(
        &mut self,
        cells: &[Cell],
        layout: &Layout,
        table: usize,
        block: usize,
        realigned: bool,
        st: &mut TableState,
    ) -> bool {
        // Alignment: no extra filled cells, no essential column missing.
        if cells.len() > layout.width && cells[layout.width..].iter().any(|c| !c.text.is_empty()) {
            return false;
        }
        if cells.len() < layout.width && !(cells.len()..layout.width).all(|c| layout.optional(c)) {
            return false;
        }
        if cells.iter().any(|c| c.read.markup) {
            return false;
        }
        // A bare number in a column of words (说明, 评分标准, 偏差原因) was pushed there from
        // the weight or score column.
        let wordy = |c: usize| {
            matches!(
                layout.roles.get(c).copied().flatten(),
                Some(Role::Note) | Some(Role::Criteria) | Some(Role::Description)
            )
        };
        // …or in a column the header does not name at all.
        let unnamed = |c: usize| layout.roles.get(c).copied().flatten().is_none();
        if cells
            .iter()
            .enumerate()
            .any(|(i, c)| (wordy(i) || unnamed(i)) && c.figure().is_some())
        {
            return false;
        }
        // A missing cell reads as an empty one.
        let stated = |c: usize| cells.get(c).is_some_and(|c| !c.read.blank);
        // In a table with a 分值 column per level, a weight stands beside its level's name.
        for &(level, wc) in &layout.paired {
            if !stated(wc) {
                continue;
            }
            let named = layout
                .names
                .iter()
                .find(|(_, l)| *l == level)
                .is_some_and(|&(nc, _)| stated(nc));
            if !named || cells.get(wc).and_then(Cell::points).is_none() {
                return false;
            }
        }
        // Names where names stand. In a single name column, outline markers give the level
        // (`一、投入` over `（一）目标设定` over `1.绩效目标合理性`).
        let single = layout.names.len() == 1;
        let mut names: Vec<(u8, usize, String, Span)> = Vec::new();
        let mut new_style = None;
        for &(col, level) in &layout.names {
            if !stated(col) {
                continue;
            }
            let Some(cell) = cells.get(col) else {
                return false;
            };
            if !cell.read.name {
                return false;
            }
            let (name, span, marker) = name_of(cell);
            let level = match (single, marker) {
                (true, Some(style)) => match st.marker_levels.iter().position(|m| *m == style) {
                    Some(p) => p as u8 + 1,
                    None => {
                        new_style = Some(style);
                        st.marker_levels.len() as u8 + 1
                    }
                },
                // A row without a marker among rows with them has no certain level.
                (true, None) if !st.marker_levels.is_empty() => return false,
                _ => level,
            };
            names.push((level, col, name, span));
        }
        // Numbers (or nothing) where weights and scores stand.
        let number_or_blank = |c: Option<usize>| -> Result<Option<Figure>, ()> {
            let Some(c) = c else { return Ok(None) };
            let Some(cell) = cells.get(c) else {
                return Ok(None);
            };
            if cell.read.blank {
                return Ok(None);
            }
            cell.points().map(Some).ok_or(())
        };
        let Ok(score) = number_or_blank(layout.score) else {
            return false;
        };
        let Some(&(leaf_level, ..)) = names.last() else {
            // No name: a row of figures only, or one that starts mid-figure or mid-sentence
            // (`.5 | 汛期停工…`), is the rest of the row above; notes alone are let be.
            let any_number = cells.iter().any(|c| c.figure().is_some());
            let continues = cells.iter().any(|c| {
                c.text.starts_with(|ch: char| {
                    ch.is_ascii_digit()
                        || matches!(ch, '.' | '%' | '，' | '。' | '；' | '、' | '）')
                })
            });
            return !any_number && !continues && !realigned;
        };
        // A row moved by a tab is taken only when that puts its name in the last name column
        // (a leaf under the rows above), never when it would make it a group of its own; in a
        // project table (年度指标值, 实际完成值) every row of figures names its 三级指标.
        let deepest = layout.names.iter().map(|n| n.1).max();
        let must_be_deepest =
            realigned || (layout.is_project() && cells.iter().any(|c| c.figure().is_some()));
        if must_be_deepest && layout.names.len() > 1 && Some(leaf_level) != deepest {
            return false;
        }
        let Ok(weight) = number_or_blank(layout.weight_col(leaf_level)) else {
            return false;
        };
        // A score with its weight column empty: the weight moved or glued into the score
        // (`结转结余率 | | 44` for 4 | 4).
        if score.is_some() && weight.is_none() && layout.weight_col(leaf_level).is_some() {
            return false;
        }
        // Ancestor weights in a paired layout.
        let mut ancestor_weights = Vec::new();
        for &(level, ..) in &names[..names.len() - 1] {
            let Ok(w) = number_or_blank(layout.ancestor_weight_col(level)) else {
                return false;
            };
            ancestor_weights.push(w);
        }
        // Target and actual: figures when they are.
        let measure = |c: Option<usize>| {
            c.and_then(|c| cells.get(c))
                .and_then(|c| c.read.measure.as_deref().cloned())
        };
        let target = measure(layout.target);
        let actual = measure(layout.actual);

        // The row's last name repeating a group that already has indicators under it, with
        // figures of its own: a row whose own name was lost or pushed into another column.
        if let Some((level, _, name, _)) = names.last() {
            let group = st
                .current
                .get(*level as usize - 1)
                .copied()
                .flatten()
                .filter(|&i| self.card.indicators.get(i).is_some_and(|g| g.name == *name));
            let has_children =
                group.is_some_and(|g| self.card.indicators.iter().any(|c| c.parent == Some(g)));
            if has_children && (weight.is_some() || score.is_some()) {
                return false;
            }
        }
        // The row is read: a marker style met for the first time takes the next level.
        if let Some(style) = new_style {
            st.marker_levels.push(style);
        }
        // Place the row in the hierarchy.
        let max_level = names
            .iter()
            .map(|n| n.0)
            .chain(layout.names.last().map(|(_, l)| *l))
            .max()
            .unwrap_or(1) as usize;
        if st.current.len() < max_level {
            st.current.resize(max_level, None);
        }
        for (k, (level, _col, name, name_span)) in names.iter().enumerate() {
            let level = *level;
            let lvl = level as usize;
            // The nearest node above this level.
            let parent = (1..lvl)
                .rev()
                .find_map(|l| st.current.get(l - 1).copied().flatten());
            let is_leaf = k == names.len() - 1;
            let reuse = st.current.get(lvl - 1).copied().flatten().filter(|&i| {
                let ind = &self.card.indicators[i];
                ind.name == *name && ind.parent == parent && (!is_leaf || ind.score.is_none())
            });
            let node = match reuse {
                Some(i) => i,
                None => {
                    let mut ind = Indicator::new(
                        name.clone(),
                        *name_span,
                        level,
                        Origin::Table { table, block },
                    );
                    ind.parent = parent;
                    self.push(ind, st)
                }
            };
            if !is_leaf && let Some(Some(w)) = ancestor_weights.get(k) {
                let ind = &mut self.card.indicators[node];
                match &ind.weight {
                    Some(old) if old.value != w.value => {
                        // The same group stated with two weights: the table is not what it
                        // seems; read the row by its shape instead.
                        st.unreadable.push((w.span, Unreadable::Conflict));
                    }
                    Some(_) => {}
                    None => ind.weight = Some(w.clone()),
                }
            }
            let changed = st.current.get(lvl - 1).copied().flatten() != Some(node);
            if let Some(slot) = st.current.get_mut(lvl - 1) {
                *slot = Some(node);
            }
            if changed {
                for slot in st.current.iter_mut().skip(lvl) {
                    *slot = None;
                }
            }
            if is_leaf {
                let ind = &mut self.card.indicators[node];
                if weight.is_some() {
                    ind.weight = weight.clone();
                }
                if score.is_some() {
                    ind.score = score.clone();
                    st.scored = true;
                }
                ind.target = target.clone();
                ind.actual = actual.clone();
                ind.criteria = layout
                    .criteria
                    .iter()
                    .filter_map(|&c| cells.get(c))
                    .filter(|c| !c.text.is_empty())
                    .map(|c| c.span)
                    .collect();
            }
        }
        true
    }

    /// Read a row that does not line up with its header by its own shape:
    /// `(名称+ 分值)+ 说明* 得分`.
    pub(super) fn shape_row(
        &mut self,
        cells: &[Cell],
        table: usize,
        block: usize,
        st: &mut TableState,
    ) {
        let row_span = cells
            .iter()
            .find(|c| !c.text.is_empty())
            .map(|c| c.span)
            .unwrap_or_default();
        if cells.iter().any(|c| c.read.markup) {
            st.unreadable.push((row_span, Unreadable::Markup));
            return;
        }
        let tokens: Vec<Token> = cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.read.blank)
            .map(|(i, c)| match c.figure() {
                Some(f) if f.value <= Decimal::ONE_HUNDRED => Token::Num(f),
                // A number too large for a score: glued cells, not to be guessed at.
                Some(_) => Token::Text(i),
                None if c.read.name => Token::Name(i),
                None => Token::Text(i),
            })
            .collect();
        // Figures run into words (`23.6合计100`): another row merged into this one.
        let glued = tokens.iter().any(|t| match t {
            Token::Text(i) => cells.get(*i).is_some_and(|c| {
                let t = c.text.as_str();
                TOTAL_LABELS.iter().any(|l| {
                    t.match_indices(l)
                        .any(|(k, _)| t[..k].ends_with(|ch: char| ch.is_ascii_digit()))
                }) || t.ends_with(|ch: char| ch.is_ascii_digit())
                    || t.split(|ch: char| !(ch.is_ascii_digit() || ch == '.'))
                        .next()
                        .is_some_and(|lead| lead.contains('.') && lead.len() > 2)
            }),
            _ => false,
        });
        if glued {
            st.unreadable.push((row_span, Unreadable::Ambiguous));
            self.piece(st);
            return;
        }
        if !tokens.iter().any(|t| matches!(t, Token::Num(_))) {
            let width = st.layout.as_ref().map(|l| l.width).unwrap_or(0);
            // Words only: a broken piece of text, or a name whose figures went to another
            // line (`| | 公众或` — a row shorter than its header).
            if tokens.iter().any(|t| matches!(t, Token::Text(_))) || cells.len() < width {
                st.unreadable.push((row_span, Unreadable::Fragment));
                self.piece(st);
            }
            return;
        }
        // Groups of names, each closed by a weight.
        let mut k = 0;
        let mut groups: Vec<(Vec<usize>, Figure)> = Vec::new();
        loop {
            let start = k;
            while let Some(Token::Name(i)) = tokens.get(k) {
                let _ = i;
                k += 1;
            }
            if k == start {
                break;
            }
            match tokens.get(k) {
                Some(Token::Num(f)) => {
                    let names = tokens[start..k]
                        .iter()
                        .filter_map(|t| match t {
                            Token::Name(i) => Some(*i),
                            _ => None,
                        })
                        .collect();
                    groups.push((names, f.clone()));
                    k += 1;
                }
                _ => {
                    k = start;
                    break;
                }
            }
        }
        let texts: Vec<usize> = tokens[k..]
            .iter()
            .take_while(|t| matches!(t, Token::Text(_)))
            .filter_map(|t| match t {
                Token::Text(i) => Some(*i),
                _ => None,
            })
            .collect();
        let after = k + texts.len();
        let reason = match (groups.is_empty(), &tokens[after..]) {
            (true, _) => {
                // No name before its figures: a piece of the row above.
                self.piece(st);
                Some(Unreadable::Ambiguous)
            }
            (false, []) => Some(Unreadable::NoScore),
            (false, [Token::Num(_)]) => None,
            (false, _) => Some(Unreadable::Ambiguous),
        };
        if let Some(reason) = reason {
            st.unreadable.push((row_span, reason));
            return;
        }
        let (Some(Token::Num(score)), Some((names, weight))) = (tokens.last(), groups.last())
        else {
            st.unreadable.push((row_span, Unreadable::Ambiguous));
            return;
        };
        let Some(&leaf_col) = names.last() else {
            st.unreadable.push((row_span, Unreadable::Ambiguous));
            return;
        };
        let path: Vec<String> = groups
            .iter()
            .flat_map(|(n, _)| n.iter())
            .filter(|&&c| c != leaf_col)
            .filter_map(|&c| cells.get(c).map(|c| c.text.clone()))
            .collect();
        let Some(leaf) = cells.get(leaf_col) else {
            return;
        };
        let (name, name_span, _) = name_of(leaf);
        let level = (path.len() + 1).min(4) as u8;
        let mut ind = Indicator::new(name, name_span, level, Origin::Table { table, block });
        ind.path = path;
        ind.weight = Some(weight.clone());
        ind.score = Some(score.clone());
        ind.criteria = texts
            .iter()
            .filter_map(|&i| cells.get(i))
            .map(|c| c.span)
            .collect();
        self.push(ind, st);
        st.current.clear();
        st.scored = true;
        // A row read by its shape has no certain place in the table: the table is not whole.
        st.shaped.push(row_span);
    }

    pub(super) fn finish(&mut self, mut st: TableState) {
        // Two runs a line or two apart may be one table broken by the extraction.
        let near = |end: Option<usize>| end.is_some_and(|e| st.first_block.saturating_sub(e) <= 5);
        if !st.orphans.is_empty() {
            // Rows of figures before the run's first header: the end of the table just before,
            // or the start of this one with its header lost — neither is whole.
            if near(self.last_table_end) {
                self.broken_off(&st.orphans);
            }
            // Here or, when this run has no table, in the next one.
            st.pending
                .extend(st.orphans.iter().map(|s| (*s, Unreadable::Fragment)));
        }
        // Rows lost before a table that starts in the next run (a header merged with its
        // data, then the table broken off by a line of prose) still count against it.
        let carried = std::mem::take(&mut self.carry);
        let carried = if near(self.carry_end) {
            carried
        } else {
            Vec::new()
        };
        let (Some(first), Some(last)) = (st.first_span, st.last_span) else {
            self.carry = st.pending;
            self.carry_end = Some(st.last_block);
            return;
        };
        st.pending.extend(carried);
        if !st.scored {
            // A header without a single score: a template, not a scorecard. Drop whatever the
            // run created; rows it could not read are lost to the next table.
            self.drop_created(&st);
            self.carry.extend(st.unreadable);
            self.carry.extend(st.pending);
            self.carry_end = Some(st.last_block);
            return;
        }
        self.last_table_end = Some(st.last_block);
        let mut unreadable = st.unreadable;
        unreadable.extend(st.pending);
        // A group of figures standing where its siblings have indicators under them
        // (`部门管理资产与制度管理 | | 4 | 3.5` among 部门决策, 部门绩效): names glued or moved.
        for &i in &st.created {
            let ind = &self.card.indicators[i];
            let has_values = ind.weight.is_some() || ind.score.is_some();
            let childless = !self.card.indicators.iter().any(|c| c.parent == Some(i));
            let sibling_groups = st.created.iter().any(|&j| {
                j != i
                    && self.card.indicators[j].parent == ind.parent
                    && self.card.indicators[j].level == ind.level
                    && self.card.indicators.iter().any(|c| c.parent == Some(j))
            });
            if has_values && childless && sibling_groups && ind.funds.is_none() {
                unreadable.push((
                    ind.name_span,
                    Unreadable::Misaligned {
                        cells: 0,
                        header: 0,
                    },
                ));
            }
        }
        // Leaves with a weight and no score.
        for &i in &st.created {
            let is_parent = self.card.indicators.iter().any(|c| c.parent == Some(i));
            let ind = &mut self.card.indicators[i];
            // A leaf with a weight and no score, or with neither (its figures lost).
            let leaf_table_row = matches!(ind.origin, Origin::Table { .. }) && ind.funds.is_none();
            if !is_parent && ind.score.is_none() && leaf_table_row {
                ind.certain = false;
                unreadable.push((ind.name_span, Unreadable::NoScore));
            }
        }
        unreadable.sort_by_key(|(s, _)| s.start);
        unreadable.dedup_by_key(|(s, _)| s.start);
        let whole = unreadable.is_empty() && st.shaped.is_empty();
        if !whole {
            // Without the whole table the hierarchy is unknown: no parent links.
            for &i in &st.created {
                self.card.indicators[i].parent = None;
            }
        }
        // Grades in a table go with its total.
        let total = st.totals.last().copied();
        for g in st.grades {
            if let Some(grade) = self.card.grades.get_mut(g) {
                grade.total = total;
            }
        }
        self.card.tables.push(ScoreTable {
            span: first.cover(last),
            rows: st.rows,
            whole,
            unreadable,
            shaped: st.shaped,
            kind: if st.project {
                CardKind::Project
            } else {
                CardKind::Department
            },
        });
    }

    /// The current row is a piece of the row above (a cell broken off by the extraction): the
    /// figures read from that row are not certain any more, and a total read from it is
    /// dropped.
    pub(super) fn piece(&mut self, st: &mut TableState) {
        let (from, to) = (st.prev_row_start, st.row_start.min(st.created.len()));
        for &i in st.created.get(from..to).unwrap_or(&[]) {
            if let Some(ind) = self.card.indicators.get_mut(i) {
                ind.certain = false;
            }
        }
        if let Some(t) = st.prev_total.take()
            && t + 1 == self.card.totals.len()
        {
            self.card.totals.pop();
            st.totals.retain(|&x| x != t);
        }
    }

    /// Rows of figures that start a run without a header are the rest of the table before
    /// them: that table was not read whole.
    pub(super) fn broken_off(&mut self, rows: &[Span]) {
        let Some(t) = self.card.tables.len().checked_sub(1) else {
            return;
        };
        if let Some(table) = self.card.tables.get_mut(t) {
            table.whole = false;
            table
                .unreadable
                .extend(rows.iter().map(|s| (*s, Unreadable::Fragment)));
        }
        for ind in &mut self.card.indicators {
            if ind.origin.table() == Some(t) {
                ind.parent = None;
            }
        }
    }

    pub(super) fn drop_created(&mut self, st: &TableState) {
        let mut created = st.created.clone();
        created.sort_unstable();
        for &i in created.iter().rev() {
            if i + 1 == self.card.indicators.len() {
                self.card.indicators.pop();
            }
        }
        for &t in st.totals.iter().rev() {
            if t + 1 == self.card.totals.len() {
                self.card.totals.pop();
            }
        }
    }
}

/// A row whose leading empty cells are one too few or too many (a tab lost or doubled in
/// extraction), moved so that it has the header's width: `None` when it cannot be.
pub(super) fn realigned(cells: &[Cell], width: usize) -> Option<Vec<Cell>> {
    let leading = cells.iter().take_while(|c| c.text.is_empty()).count();
    if leading == 0 || leading == cells.len() || cells.len().abs_diff(width) != 1 {
        return None;
    }
    let at = cells
        .first()
        .map(|c| Span::new(c.span.start, c.span.start))?;
    let empty = || Cell {
        span: at,
        text: String::new(),
        read: CellRead {
            blank: true,
            ..CellRead::default()
        },
    };
    let mut out: Vec<Cell> = Vec::with_capacity(width);
    if cells.len() < width {
        out.extend((0..width - cells.len()).map(|_| empty()));
        out.extend(cells.iter().cloned());
    } else {
        let drop = cells.len() - width;
        if drop > leading {
            return None;
        }
        out.extend(cells[drop..].iter().cloned());
    }
    Some(out)
}

/// Merge a header row into the one above it, column by column (`一级指标` over `名称`). When
/// the rows contradict each other (`名称` over `分值`) they are not one header in two rows but
/// one row broken in two: its parts are joined instead, and the second value is `true` — a
/// guess, so the table will not count as whole.
pub(super) fn merge_roles(old: &[Option<Role>], new: &[Option<Role>]) -> (Vec<Option<Role>>, bool) {
    let refines = |a: Role, b: Role| {
        a == b
            || matches!(a, Role::Name(_) | Role::Other) && matches!(b, Role::Name(_) | Role::Other)
            || a == Role::Name(None)
            || b == Role::Name(None)
            || a == Role::Other
            || b == Role::Other
    };
    let n = old.len().max(new.len());
    let conflict = (0..n).any(|i| {
        matches!(
            (old.get(i).copied().flatten(), new.get(i).copied().flatten()),
            (Some(a), Some(b)) if !refines(a, b)
        )
    });
    if conflict {
        let mut joined = old.to_vec();
        joined.extend_from_slice(new);
        return (joined, true);
    }
    let merged = (0..n)
        .map(|i| {
            let a = old.get(i).copied().flatten();
            let b = new.get(i).copied().flatten();
            match (a, b) {
                (Some(a), Some(b)) => Some(if b.rank() > a.rank() { b } else { a }),
                (a, b) => a.or(b),
            }
        })
        .collect();
    (merged, false)
}

/// A row that names several columns among data cells: a header merged with a row of
/// figures by the extraction (`…分值 | 执行率 | 得分 | 年度资金总额 | 850.00 | …`).
pub(super) fn garbled_header(cells: &[GridCell]) -> bool {
    let roles: Vec<Role> = cells.iter().filter_map(|c| c.role.map(role_of)).collect();
    let scoring = roles.iter().any(|r| {
        matches!(
            r,
            Role::Weight
                | Role::Score
                | Role::Spent
                | Role::Rate
                | Role::BudgetYear
                | Role::BudgetInitial
                | Role::Name(Some(_))
        )
    });
    let other = cells
        .iter()
        .filter(|c| !c.text.is_empty() && c.role.is_none())
        .count();
    roles.len() >= 2 && scoring && other > 0
}

/// Plain numbers among a row's cells.
pub(super) fn numeric_cells(cells: &[Cell]) -> usize {
    cells.iter().filter(|c| c.figure().is_some()).count()
}

/// Labels of stated totals in the prose.
pub(super) fn is_total_label(label: &str) -> bool {
    const HAS: &[&str] = &[
        "自评得分",
        "综合得分",
        "总得分",
        "评价得分",
        "绩效得分",
        "总分",
        "综合评分",
        "打分",
        "自评分",
        "评分结果",
        "评价结果",
        "考核得分",
    ];
    const NOT: &[&str] = &[
        "满意度",
        "执行率",
        "扣",
        "满分",
        "分值",
        "得分率",
        "单项",
        "加分",
    ];
    if NOT.iter().any(|w| label.contains(w)) {
        return false;
    }
    if label.contains("指标") && !label.contains("指标体系") {
        return false;
    }
    // `得分96.5分` after `对照打分，`; `整体支出绩效得分90.5分` — but not `部门绩效得分58.5分`,
    // the score of the 部门绩效 indicator.
    HAS.iter().any(|w| label.contains(w))
        || label == "得分"
        || (label.ends_with("得分") && (label.contains("整体") || label.contains("支出绩效")))
}

/// The name of a prose part: `部门决策得分` → `部门决策`.
pub(super) fn part_name(label: &str) -> Option<String> {
    let name = label
        .trim_end_matches("得分")
        .trim_end_matches("指标")
        .trim_start_matches("其中");
    let bad = ["扣", "满分", "加分", "分值", "得分率"];
    (!name.is_empty() && name.chars().count() <= 20 && !bad.iter().any(|b| name.contains(b)))
        .then(|| name.to_string())
}
